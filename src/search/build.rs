//! Filling the index from the book, on both cores, in one walk: one thread
//! reads the customers tree from its first key up, the other from its last
//! key down, until they meet, each decoding only the front of every stored
//! customer (`store::DocHead`: the customer and its policies are what the
//! index keeps) and reading the stored classifications alongside in the
//! same order (a merge: both trees are keyed by customer id) for the value
//! tier. The front thread first counts the open tasks, so the meeting point
//! shares that work too. Also: re-reading single customers after a change.
//!
//! The scan reads sled directly (raw keys and values) because the two ends
//! have to agree where they met; nothing of sled leaves this file.

use super::index::{CustomerKeys, PushScratch, RankInfo, SearchIndex};
use crate::model::{Classification, Task, TaskStatus, Tier};
use crate::store::two_ends::{End, Entries, Entry, Meeting};
use crate::store::{codec, Book, DocHead, Result, TreeId};
use std::cmp::Ordering as KeyOrder;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Customers read between two looks at the other end (and progress reports).
const CHUNK: usize = 2048;
/// Meta key: customers indexed by the last build, the next one's progress
/// total until it knows better.
pub const LAST_COUNT_KEY: &str = "search_index_customers";

impl SearchIndex {
    /// Indexes every customer of the book. `progress` gets the number of
    /// customers read so far, now and then.
    pub fn build(book: &Book, progress: &(dyn Fn(usize) + Sync)) -> Result<SearchIndex> {
        let never = || false;
        Ok(build_until(book, progress, &never)?.unwrap_or_default())
    }

    /// Re-reads customers from the book: updated if there, removed if not.
    pub fn refresh(&mut self, book: &Book, customer_ids: &[String]) -> Result<()> {
        for id in customer_ids {
            match book.doc(id)? {
                Some(doc) => {
                    let rank = rank_of(book, id)?;
                    self.upsert(&doc, rank);
                }
                None => {
                    self.remove(id);
                }
            }
        }
        Ok(())
    }
}

/// Builds the index with its tie-breakers; `None` if `stop` said so on the
/// way.
pub fn build_until(
    book: &Book,
    progress: &(dyn Fn(usize) + Sync),
    stop: &(dyn Fn() -> bool + Sync),
) -> Result<Option<SearchIndex>> {
    let meeting = Meeting::default();
    let read = AtomicUsize::new(0);
    let scan = |end: End| -> Result<Option<SearchIndex>> {
        let mut entries = end.iter(book.tree(TreeId::Customers)).peekable();
        let mut tiers = TierCursor {
            entries: end.iter(book.tree(TreeId::Classification)),
            end,
            current: None,
        };
        // Each end's customers in its own reading order: the back end's
        // run downwards until `append_reversed`.
        let mut part = SearchIndex::new();
        let mut scratch = PushScratch::default();
        loop {
            let mut chunk = entries
                .by_ref()
                .take(CHUNK)
                .collect::<sled::Result<Vec<Entry>>>()?;
            let last = entries.peek().is_none();
            let met = meeting.claim(end, &mut chunk);
            for (key, value) in &chunk {
                let what = || format!("customers/{}", String::from_utf8_lossy(key));
                let head = DocHead::decode(value, &what)?;
                let keys = CustomerKeys::stored(&head.customer, &head.policies, &what)?;
                let rank = RankInfo {
                    open_tasks: 0,
                    value_tier: tiers.tier_of(key)?,
                };
                part.push(&keys, rank, &mut scratch);
            }
            progress(read.fetch_add(chunk.len(), Ordering::Relaxed) + chunk.len());
            if stop() {
                return Ok(None);
            }
            if met || last {
                return Ok(Some(part));
            }
        }
    };
    let front = || -> Result<Option<(OpenTasks, SearchIndex)>> {
        let open = open_task_counts(book)?;
        Ok(scan(End::Front)?.map(|part| (open, part)))
    };
    let (front, back) = both(front, || scan(End::Back));
    let (Some((open_tasks, mut index)), Some(back)) = (front?, back?) else {
        return Ok(None);
    };
    index.append_reversed(back);
    index.settle();
    apply_open_tasks(&mut index, open_tasks);
    crate::allocator::release_freed_memory();
    progress(index.len());
    Ok(Some(index))
}

/// The stored classifications, read in step with the customers of one end.
struct TierCursor {
    entries: Entries,
    end: End,
    /// The first classification not yet passed.
    current: Option<Entry>,
}

impl TierCursor {
    /// The stored value tier of the customer `key`; customers must be asked
    /// for in the end's reading order.
    fn tier_of(&mut self, key: &[u8]) -> Result<Option<Tier>> {
        loop {
            let (class_key, value) = match &self.current {
                Some(current) => current,
                None => match self.entries.next() {
                    Some(entry) => &*self.current.insert(entry?),
                    None => return Ok(None),
                },
            };
            match self.end.order(class_key, key) {
                KeyOrder::Less => self.current = None,
                KeyOrder::Greater => return Ok(None),
                KeyOrder::Equal => {
                    let what = || format!("classification/{}", String::from_utf8_lossy(key));
                    let c: Classification = codec::decode(value, &what)?;
                    return Ok(Some(c.value.tier));
                }
            }
        }
    }
}

/// Runs two closures, the second on a scoped thread.
pub(super) fn both<A: Send, B: Send>(
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    std::thread::scope(|scope| {
        let b = scope.spawn(b);
        let a = a();
        // A panic on the other thread is a bug: pass it on.
        (a, b.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
    })
}

/// Customers with their open tasks, in customer id order.
type OpenTasks = Vec<(String, u32)>;

/// Open tasks per customer, in customer id order: the store keeps a
/// customer's tasks together, in that order, so its scan yields them so.
fn open_task_counts(book: &Book) -> Result<OpenTasks> {
    let mut open: OpenTasks = Vec::new();
    for task in book.scan::<Task>() {
        let task = task?;
        if task.status != TaskStatus::Open {
            continue;
        }
        match open.last_mut() {
            Some((id, n)) if *id == task.customer_id => *n += 1,
            _ => open.push((task.customer_id, 1)),
        }
    }
    Ok(open)
}

/// Sets the open-task counts of a fresh build. Its ordinals are in id
/// order (the customers tree's), as are the counts, so this is a merge
/// rather than a lookup per id.
fn apply_open_tasks(index: &mut SearchIndex, open_tasks: OpenTasks) {
    let mut o = 0;
    for (id, n) in open_tasks {
        while o < index.ordinals() && index.customer_id(o) < id.as_str() {
            o += 1;
        }
        if o < index.ordinals() && index.customer_id(o) == id {
            index.set_open_tasks(o, n);
        }
    }
}

/// The progress total before a build knows: the last build's count.
pub fn last_count(book: &Book) -> usize {
    book.meta_get_string(LAST_COUNT_KEY)
        .ok()
        .flatten()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

pub fn record_count(book: &Book, customers: usize) -> Result<()> {
    book.meta_put(LAST_COUNT_KEY, customers.to_string().as_bytes())
}

/// A customer's tie-breakers as stored in the book.
pub fn rank_of(book: &Book, customer_id: &str) -> Result<RankInfo> {
    let open_tasks = book
        .tasks_of(customer_id)?
        .iter()
        .filter(|t| t.status == TaskStatus::Open)
        .count() as u32;
    Ok(RankInfo {
        open_tasks,
        value_tier: stored_value_tier(book, customer_id)?,
    })
}

/// The value tier of the stored classification, if the customer has one.
pub fn stored_value_tier(book: &Book, customer_id: &str) -> Result<Option<Tier>> {
    let Some(bytes) = book
        .tree(TreeId::Classification)
        .get(customer_id.as_bytes())?
    else {
        return Ok(None);
    };
    let c: Classification = codec::decode(&bytes, &|| format!("classification/{customer_id}"))?;
    Ok(Some(c.value.tier))
}
