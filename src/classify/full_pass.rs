//! The full pass on both cores (`store::two_ends`). One thread walks the
//! customers up from the first id, the other down from the last; each
//! reads, scores, and writes its own customers, merging them with the
//! stored results walked the same way (both trees are in id order), and
//! they stop where they meet.
//!
//! Why not a reader thread feeding a writer: on a first pass every result
//! is a new sled key, and inserting new keys (~7 µs each) costs more than
//! reading and scoring (~4 µs); splitting the work by key range keeps both
//! cores busy whichever side is heavier.
//!
//! Each thread reads a chunk of customers, then claims it under a small
//! lock, cutting it where the other thread's claims begin, so no customer is
//! scored twice. Results stored between the two walks' last customers
//! belong to customers that are gone and are removed at the end.

use super::changed::Changed;
use super::pass::{Control, PassError, Phase, Progress};
use super::results::ResultWriter;
use super::rules::Rules;
use super::scorecard::Scorecard;
use super::view::DocView;
use crate::store::two_ends::{End, Meeting};
use crate::store::{codec, Book, StoreError, TreeId};
use chrono::NaiveDate;
use sled::IVec;
use std::ops::Bound;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// Customers read before a claim.
const CHUNK: usize = 512;
/// Progress is reported every this many customers.
pub const PROGRESS_EVERY: usize = 8192;

struct Shared<'a> {
    book: &'a Book,
    rules: &'a Rules,
    as_of: NaiveDate,
    ctl: &'a Control<'a>,
    meeting: Meeting,
    done: AtomicUsize,
    total: usize,
    /// Set when a walk fails, so that the other stops too.
    stop: AtomicBool,
}

/// What one walk did.
struct Walked {
    changed: Changed,
    /// Its last customer (`None` if it claimed none).
    last: Option<IVec>,
}

/// Runs the pass; returns the number of customers classified and the ids
/// whose stored result changed or was removed, in id order.
pub fn run(
    book: &Book,
    rules: &Rules,
    as_of: NaiveDate,
    ctl: &Control,
    total: usize,
) -> Result<(usize, Changed), PassError> {
    let shared = Shared {
        book,
        rules,
        as_of,
        ctl,
        meeting: Meeting::default(),
        done: AtomicUsize::new(0),
        total,
        stop: AtomicBool::new(false),
    };
    let (up, down) = std::thread::scope(|s| {
        let down = s.spawn(|| shared.walk_guarded(End::Back));
        let up = shared.walk_guarded(End::Front);
        // A panic in the scoped thread is re-raised here, on the caller's
        // thread, where the engine catches it.
        let down = down.join().unwrap_or_else(|p| std::panic::resume_unwind(p));
        (up, down)
    });
    let (up, down) = match (up, down) {
        (Ok(up), Ok(down)) => (up, down),
        // The walk that failed first stopped the other (as "cancelled").
        (Err(PassError::Store(e)), _) | (_, Err(PassError::Store(e))) => {
            return Err(PassError::Store(e))
        }
        (Err(e), _) | (_, Err(e)) => return Err(e),
    };
    if (ctl.cancelled)() {
        return Err(PassError::Cancelled);
    }
    let mut writer = ResultWriter::new(book);
    let results = book.tree(TreeId::Classification);
    let lower = up
        .last
        .as_ref()
        .map_or(Bound::Unbounded, |k| Bound::Excluded(k.clone()));
    let upper = down
        .last
        .as_ref()
        .map_or(Bound::Unbounded, |k| Bound::Excluded(k.clone()));
    for key in results.range::<IVec, _>((lower, upper)).keys() {
        writer.remove(&key?)?;
    }
    let changed = up
        .changed
        .then(writer.changed)
        .then(down.changed.reversed());
    Ok((shared.done.load(Ordering::SeqCst), changed))
}

impl Shared<'_> {
    fn walk_guarded(&self, direction: End) -> Result<Walked, PassError> {
        let walked = self.walk(direction);
        if walked.is_err() {
            self.stop.store(true, Ordering::SeqCst);
        }
        walked
    }

    fn walk(&self, direction: End) -> Result<Walked, PassError> {
        let mut customers = direction.iter(self.book.tree(TreeId::Customers));
        let mut results = direction
            .iter(self.book.tree(TreeId::Classification))
            .peekable();
        let mut writer = ResultWriter::new(self.book);
        let mut last = None;
        loop {
            let mut chunk = Vec::with_capacity(CHUNK);
            for entry in customers.by_ref().take(CHUNK) {
                chunk.push(entry?);
            }
            let full = chunk.len() == CHUNK;
            let met = self.meeting.claim(direction, &mut chunk);
            let more = full && !met && !self.stop.load(Ordering::SeqCst);
            for (key, bytes) in chunk {
                let doc = DocView::decode(&bytes, &|| {
                    format!("customers/{}", String::from_utf8_lossy(&key))
                })?;
                let class = Scorecard::of(&doc, self.rules, self.as_of).classification(self.rules);
                // Stored results walked past belong to no customer.
                while let Some(stale) =
                    results.next_if(|r| r.as_ref().is_ok_and(|(k, _)| direction.before(k, &key)))
                {
                    writer.remove(&stale?.0)?;
                }
                let previous = results
                    .next_if(|r| r.as_ref().map_or(true, |(k, _)| *k == key))
                    .transpose()
                    .map_err(StoreError::from)?
                    .map(|(_, v)| v);
                writer.store(&key, &class, codec::encode(&class), previous.as_deref())?;
                self.count_one()?;
                last = Some(key);
            }
            if !more {
                break;
            }
        }
        Ok(Walked {
            changed: writer.changed,
            last,
        })
    }

    /// Counts a customer done; reports progress and honours a cancel.
    fn count_one(&self) -> Result<(), PassError> {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        if done.is_multiple_of(PROGRESS_EVERY) {
            if (self.ctl.cancelled)() || self.stop.load(Ordering::SeqCst) {
                self.stop.store(true, Ordering::SeqCst);
                return Err(PassError::Cancelled);
            }
            (self.ctl.progress)(Progress {
                done,
                // 0 stays "not known"; an estimate too low grows.
                total: if self.total == 0 {
                    0
                } else {
                    self.total.max(done)
                },
                phase: Phase::Classifying,
            });
        }
        Ok(())
    }
}
