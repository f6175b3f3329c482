//! Classification passes over the book: a full pass (every customer), a pass
//! over given customers, and the pending pass that picks between them.
//!
//! A full pass uses both cores: a scoped thread scans and decodes the
//! customers and scores them, while the calling thread merges the scores
//! with the stored results (both trees are in id order), writes what
//! changed and removes results of customers that are gone.

use super::results::{ResultWriter, StoredParams};
use super::rules::Rules;
use super::scorecard::classify_doc;
use crate::model::{Classification, CustomerDoc};
use crate::store::{codec, Book, StoreError, TreeId};
use chrono::NaiveDate;
use std::collections::BTreeSet;
use std::fmt;
use std::time::{Duration, Instant};

/// Customers scored per message between the two threads of a full pass.
const CHUNK: usize = 1024;
/// Progress is reported every this many customers.
const PROGRESS_EVERY: usize = 8192;

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
    /// Customers whose stored result changed (or was removed), in id order.
    pub changed: Vec<String>,
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

/// A scored customer on its way from the scanning thread to the writer.
struct Scored {
    key: sled::IVec,
    class: Classification,
    bytes: Vec<u8>,
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
    let total = book.count(TreeId::Customers);
    (ctl.progress)(Progress {
        done: 0,
        total,
        phase: Phase::Classifying,
    });
    let (tx, rx) = crossbeam_channel::bounded::<Result<Vec<Scored>, StoreError>>(8);
    let mut writer = ResultWriter::new(book);
    let classified = std::thread::scope(|s| {
        s.spawn(move || score_all(book, rules, as_of, ctl, &tx));
        merge_and_store(book, &rx, &mut writer, total, ctl)
    })?;
    (ctl.progress)(Progress {
        done: classified,
        total,
        phase: Phase::Flushing,
    });
    StoredParams::write(book, rules, as_of)?;
    // Markers set while this pass ran stay, unless a batch asked for a
    // full pass (the edits' owners request their customers again).
    book.clear_dirty(dirty_ids, full_flag)?;
    Ok(PassReport {
        full: true,
        classified,
        changed: writer.changed,
        elapsed: start.elapsed(),
    })
}

/// The scanning thread: decodes and scores every customer in id order.
fn score_all(
    book: &Book,
    rules: &Rules,
    as_of: NaiveDate,
    ctl: &Control,
    tx: &crossbeam_channel::Sender<Result<Vec<Scored>, StoreError>>,
) {
    let mut chunk = Vec::with_capacity(CHUNK);
    for entry in book.tree(TreeId::Customers).iter() {
        let scored = entry.map_err(StoreError::from).and_then(|(key, bytes)| {
            let doc: CustomerDoc = codec::decode(&bytes, &|| {
                format!("customers/{}", String::from_utf8_lossy(&key))
            })?;
            let class = classify_doc(&doc, rules, as_of);
            let bytes = codec::encode(&class);
            Ok(Scored { key, class, bytes })
        });
        match scored {
            Ok(s) => chunk.push(s),
            Err(e) => {
                let _ = tx.send(Err(e));
                return;
            }
        }
        if chunk.len() == CHUNK {
            let full = std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK));
            // The writer hung up (an error or a cancel): stop scanning.
            if (ctl.cancelled)() || tx.send(Ok(full)).is_err() {
                return;
            }
        }
    }
    let _ = tx.send(Ok(chunk));
}

/// The writing side of a full pass; returns how many were classified.
fn merge_and_store(
    book: &Book,
    rx: &crossbeam_channel::Receiver<Result<Vec<Scored>, StoreError>>,
    writer: &mut ResultWriter,
    total: usize,
    ctl: &Control,
) -> Result<usize, PassError> {
    let mut stored = book.tree(TreeId::Classification).iter().peekable();
    let mut done = 0;
    for chunk in rx {
        for s in chunk? {
            // Stored results that sort before this customer have no customer.
            while let Some(entry) = stored.next_if(|e| e.as_ref().is_ok_and(|(k, _)| *k < s.key)) {
                writer.remove(&entry?.0)?;
            }
            let previous = match stored.next_if(|e| e.as_ref().map_or(true, |(k, _)| *k == s.key)) {
                Some(entry) => Some(entry?.1),
                None => None,
            };
            writer.store(&s.key, &s.class, s.bytes, previous.as_deref())?;
            done += 1;
            if done % PROGRESS_EVERY == 0 {
                if (ctl.cancelled)() {
                    return Err(PassError::Cancelled);
                }
                (ctl.progress)(Progress {
                    done,
                    total,
                    phase: Phase::Classifying,
                });
            }
        }
    }
    if (ctl.cancelled)() {
        return Err(PassError::Cancelled);
    }
    for entry in stored {
        writer.remove(&entry?.0)?;
    }
    Ok(done)
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
        if i % PROGRESS_EVERY == 0 {
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
