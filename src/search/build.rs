//! Filling the index from the book, on both cores: one thread reads the
//! customers tree from its first key up, the other from its last key down,
//! until they meet, each decoding only the front of every stored customer
//! (`store::DocHead`: the customer and its policies are what the index keeps);
//! then the stored value tiers are read the same way, split where the
//! customers met, and the open tasks. Also: re-reading single customers
//! after a change.
//!
//! The scan reads sled directly (raw keys and values) because the two ends
//! have to agree where they met; nothing of sled leaves this file.

use super::index::{CustomerKeys, PushScratch, RankInfo, SearchIndex};
use crate::model::{Classification, Task, TaskStatus, Tier};
use crate::store::{codec, Book, DocHead, Result, TreeId};
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Customers read between two looks at the other end (and progress reports).
const CHUNK: usize = 2048;
/// Meta key: customers indexed by the last build, the next one's progress
/// total until it knows better.
pub const LAST_COUNT_KEY: &str = "search_index_customers";

type Raw = (sled::IVec, sled::IVec);

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

/// Builds the index; `None` if `stop` said so on the way.
pub fn build_until(
    book: &Book,
    progress: &(dyn Fn(usize) + Sync),
    stop: &(dyn Fn() -> bool + Sync),
) -> Result<Option<SearchIndex>> {
    let Some((mut index, split)) = index_customers(book, progress, stop)? else {
        return Ok(None);
    };
    load_ranks(book, &mut index, &split)?;
    Ok(Some(index))
}

/// Where the two ends of the customers scan met: the first key the back
/// end read (`None` if it read none).
pub struct Split(Option<Vec<u8>>);

/// Indexes every customer, without tie-breakers.
pub fn index_customers(
    book: &Book,
    progress: &(dyn Fn(usize) + Sync),
    stop: &(dyn Fn() -> bool + Sync),
) -> Result<Option<(SearchIndex, Split)>> {
    let tree = book.tree(TreeId::Customers);
    let meeting = Mutex::new(Meeting::default());
    let read = AtomicUsize::new(0);
    let scan = |end: End| -> Result<Option<Vec<SearchIndex>>> {
        let entries: Box<dyn Iterator<Item = sled::Result<Raw>>> = match end {
            End::Front => Box::new(tree.iter()),
            End::Back => Box::new(tree.iter().rev()),
        };
        let mut parts = Vec::new();
        let mut entries = entries.peekable();
        let mut scratch = PushScratch::default();
        loop {
            let mut chunk = entries
                .by_ref()
                .take(CHUNK)
                .collect::<sled::Result<Vec<Raw>>>()?;
            let last = entries.peek().is_none();
            let met = meeting
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .claim(end, &mut chunk);
            if end == End::Back {
                chunk.reverse();
            }
            let mut part = SearchIndex::new();
            for (key, value) in &chunk {
                let what = || format!("customers/{}", String::from_utf8_lossy(key));
                let head = DocHead::decode(value, &what)?;
                let keys = CustomerKeys::stored(&head.customer, &head.policies, &what)?;
                part.push(&keys, RankInfo::default(), &mut scratch);
            }
            parts.push(part);
            progress(read.fetch_add(chunk.len(), Ordering::Relaxed) + chunk.len());
            if stop() {
                return Ok(None);
            }
            if met || last {
                return Ok(Some(parts));
            }
        }
    };
    let (front, back) = both(|| scan(End::Front), || scan(End::Back));
    let (Some(front), Some(back)) = (front?, back?) else {
        return Ok(None);
    };
    let mut index = SearchIndex::new();
    // The back end's parts run downwards: the last one read comes first.
    for part in front.into_iter().chain(back.into_iter().rev()) {
        index.append(part);
    }
    index.settle();
    crate::allocator::release_freed_memory();
    progress(index.len());
    let split = meeting
        .into_inner()
        .unwrap_or_else(|p| p.into_inner())
        .split_key();
    Ok(Some((index, Split(split))))
}

/// Reads the tie-breakers of every customer: stored value tiers and open
/// tasks.
pub fn load_ranks(book: &Book, index: &mut SearchIndex, split: &Split) -> Result<()> {
    apply_tiers(book, index, split.0.as_deref())?;
    apply_open_tasks(book, index)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum End {
    Front,
    Back,
}

/// The keys each end has claimed up to.
#[derive(Default)]
struct Meeting {
    front: Option<sled::IVec>,
    back: Option<sled::IVec>,
}

impl Meeting {
    /// Drops from `chunk` (in its end's order) what the other end has
    /// claimed, claims the rest; whether the ends have met.
    fn claim(&mut self, end: End, chunk: &mut Vec<Raw>) -> bool {
        let (mine, theirs) = match end {
            End::Front => (&mut self.front, &self.back),
            End::Back => (&mut self.back, &self.front),
        };
        let keep = match (end, theirs) {
            (_, None) => chunk.len(),
            (End::Front, Some(b)) => chunk.partition_point(|(k, _)| k < b),
            (End::Back, Some(f)) => chunk.partition_point(|(k, _)| k > f),
        };
        let met = keep < chunk.len();
        chunk.truncate(keep);
        if let Some((k, _)) = chunk.last() {
            *mine = Some(k.clone());
        }
        met
    }

    /// The first key the back end read: where the two halves split.
    fn split_key(&self) -> Option<Vec<u8>> {
        self.back.as_ref().map(|k| k.to_vec())
    }
}

/// Runs two closures, the second on a scoped thread.
fn both<A: Send, B: Send>(a: impl FnOnce() -> A + Send, b: impl FnOnce() -> B + Send) -> (A, B) {
    std::thread::scope(|scope| {
        let b = scope.spawn(b);
        let a = a();
        // A panic on the other thread is a bug: pass it on.
        (a, b.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
    })
}

/// Value tiers from the stored classifications. Keys and ordinals are both
/// in customer-id order, so each half is a merge, not a lookup per key.
fn apply_tiers(book: &Book, index: &mut SearchIndex, split: Option<&[u8]>) -> Result<()> {
    let tree = book.tree(TreeId::Classification);
    let idx = &*index;
    let first_of_back = split.map_or(idx.ordinals(), |k| first_ordinal_from(idx, k));
    let join = |entries: sled::Iter, mut o: u32| -> Result<Vec<(u32, Tier)>> {
        let mut out = Vec::new();
        for entry in entries {
            let (key, value) = entry?;
            while o < idx.ordinals() && idx.customer_id(o).as_bytes() < &key[..] {
                o += 1;
            }
            if o < idx.ordinals() && idx.customer_id(o).as_bytes() == &key[..] {
                let what = || format!("classification/{}", String::from_utf8_lossy(&key));
                let c: Classification = codec::decode(&value, &what)?;
                out.push((o, c.value.tier));
            }
        }
        Ok(out)
    };
    let (front, back) = match split {
        Some(k) => both(
            || join(tree.range(..k), 0),
            || join(tree.range(k..), first_of_back),
        ),
        None => (join(tree.iter(), 0), Ok(Vec::new())),
    };
    for (o, tier) in front?.into_iter().chain(back?) {
        index.set_tier(o, Some(tier));
    }
    Ok(())
}

/// The first ordinal whose customer id is not below `key` (ordinals of a
/// fresh build are in id order).
fn first_ordinal_from(index: &SearchIndex, key: &[u8]) -> u32 {
    let (mut lo, mut hi) = (0, index.ordinals());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if index.customer_id(mid).as_bytes() < key {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

fn apply_open_tasks(book: &Book, index: &mut SearchIndex) -> Result<()> {
    let mut open: HashMap<String, u32> = HashMap::new();
    for task in book.scan::<Task>() {
        let task = task?;
        if task.status == TaskStatus::Open {
            *open.entry(task.customer_id).or_default() += 1;
        }
    }
    for (id, n) in open {
        if let Some(o) = index.ordinal_of(&id) {
            index.set_open_tasks(o, n);
        }
    }
    Ok(())
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
