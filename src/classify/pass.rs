//! Classification passes over the book: a full pass (every customer), a pass
//! over given customers, and the pending pass that picks between them.
//!
//! A full pass uses both cores (see `full_pass.rs`).

use super::changed::Changed;
use super::full_pass::{self, PROGRESS_EVERY};
use super::results::{ResultWriter, StoredParams};
use super::rules::Rules;
use super::scorecard::classify_doc;
use crate::store::{Book, StoreError};
use chrono::NaiveDate;
use std::collections::BTreeSet;
use std::fmt;
use std::time::{Duration, Instant};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Scoring customers and storing what changed.
    Classifying,
    /// Making the results durable.
    Flushing,
}

impl fmt::Display for Phase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Phase::Classifying => "classifying",
            Phase::Flushing => "saving",
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    pub done: usize,
    /// 0 when not known: the first full pass over a book (counting its
    /// customers would cost a tenth of the pass); later passes use the
    /// previous count, corrected as they go.
    pub total: usize,
    pub phase: Phase,
}

/// What a pass did.
#[derive(Clone, Debug, PartialEq)]
pub struct PassReport {
    /// Whether every customer was classified.
    pub full: bool,
    /// Customers classified.
    pub classified: usize,
    /// Customers whose stored result changed (or was removed).
    pub changed: Changed,
    pub elapsed: Duration,
}

#[derive(Debug, thiserror::Error)]
pub enum PassError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("classification cancelled")]
    Cancelled,
}

impl From<sled::Error> for PassError {
    fn from(e: sled::Error) -> PassError {
        PassError::Store(e.into())
    }
}

/// How a pass reports progress and learns it should stop (both may be
/// called from either thread of a full pass).
pub struct Control<'a> {
    pub progress: &'a (dyn Fn(Progress) + Sync),
    pub cancelled: &'a (dyn Fn() -> bool + Sync),
}

impl Control<'static> {
    /// Neither reports nor stops.
    pub fn silent() -> Control<'static> {
        Control {
            progress: &|_| {},
            cancelled: &|| false,
        }
    }
}

/// What to classify: everything, the customers marked dirty, given ids.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Work {
    pub full: bool,
    pub dirty: bool,
    pub ids: BTreeSet<String>,
}

/// Runs `work`. A full pass runs instead when the stored results are of
/// other rules or another as-of date, or a batch asked for one.
pub fn run_work(
    book: &Book,
    rules: &Rules,
    as_of: NaiveDate,
    work: &Work,
    ctl: &Control,
) -> Result<PassReport, PassError> {
    let (full_flag, dirty_ids) = book.dirty_customers()?;
    let stale = !StoredParams::read(book)?.matches(rules, as_of);
    if work.full || stale || (work.dirty && full_flag) {
        return full_pass(book, rules, as_of, ctl, full_flag, &dirty_ids);
    }
    let mut ids = work.ids.clone();
    let taken = if work.dirty { dirty_ids } else { Vec::new() };
    ids.extend(taken.iter().cloned());
    customers_pass(book, rules, as_of, &ids, &taken, ctl)
}

/// Brings the stored results up to date: the dirty customers, or everyone
/// when a full pass is due. Blocking; for the CLI and tests.
pub fn run_pending(book: &Book, rules: &Rules, as_of: NaiveDate) -> Result<PassReport, PassError> {
    let work = Work {
        dirty: true,
        ..Work::default()
    };
    run_work(book, rules, as_of, &work, &Control::silent())
}

/// Reclassifies every customer. Blocking.
pub fn run_full(book: &Book, rules: &Rules, as_of: NaiveDate) -> Result<PassReport, PassError> {
    let work = Work {
        full: true,
        ..Work::default()
    };
    run_work(book, rules, as_of, &work, &Control::silent())
}

fn full_pass(
    book: &Book,
    rules: &Rules,
    as_of: NaiveDate,
    ctl: &Control,
    full_flag: bool,
    dirty_ids: &[String],
) -> Result<PassReport, PassError> {
    let start = Instant::now();
    let total = StoredParams::customer_count_hint(book)?;
    (ctl.progress)(Progress {
        done: 0,
        total,
        phase: Phase::Classifying,
    });
    let (classified, changed) = full_pass::run(book, rules, as_of, ctl, total)?;
    (ctl.progress)(Progress {
        done: classified,
        total: classified,
        phase: Phase::Flushing,
    });
    StoredParams::write(book, rules, as_of, classified)?;
    // Markers set while this pass ran stay, unless a batch asked for a
    // full pass (the edits' owners request their customers again).
    book.clear_dirty(dirty_ids, full_flag)?;
    Ok(PassReport {
        full: true,
        classified,
        changed,
        elapsed: start.elapsed(),
    })
}

/// Classifies the given customers; `dirty` are the markers to clear.
fn customers_pass(
    book: &Book,
    rules: &Rules,
    as_of: NaiveDate,
    ids: &BTreeSet<String>,
    dirty: &[String],
    ctl: &Control,
) -> Result<PassReport, PassError> {
    let start = Instant::now();
    let total = ids.len();
    let mut writer = ResultWriter::new(book);
    for (i, id) in ids.iter().enumerate() {
        if i.is_multiple_of(PROGRESS_EVERY) {
            if (ctl.cancelled)() {
                return Err(PassError::Cancelled);
            }
            (ctl.progress)(Progress {
                done: i,
                total,
                phase: Phase::Classifying,
            });
        }
        match book.doc(id)? {
            Some(doc) => {
                writer.store_looked_up(id.as_bytes(), &classify_doc(&doc, rules, as_of))?
            }
            None => writer.remove(id.as_bytes())?,
        }
    }
    (ctl.progress)(Progress {
        done: total,
        total,
        phase: Phase::Flushing,
    });
    // Flushes the results with the cleared markers.
    book.clear_dirty(dirty, false)?;
    Ok(PassReport {
        full: false,
        classified: total,
        changed: writer.changed,
        elapsed: start.elapsed(),
    })
}
