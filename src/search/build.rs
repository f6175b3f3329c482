//! Filling the index from the book: one pass over the customers tree, then
//! the tie-breakers (open tasks, stored value tiers); and re-reading single
//! customers after a change.

use super::index::{RankInfo, SearchIndex};
use crate::model::{Classification, CustomerDoc, Task, TaskStatus, Tier};
use crate::store::{codec, Book, Result, TreeId};
use std::collections::HashMap;

/// Customers between two progress reports.
pub const PROGRESS_EVERY: usize = 16_384;

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
    let mut index = SearchIndex::new();
    for (n, doc) in book.scan::<CustomerDoc>().enumerate() {
        index.push(&doc?, RankInfo::default());
        if n % PROGRESS_EVERY == 0 {
            if stop() {
                return Ok(None);
            }
            progress(n);
        }
    }
    index.settle();
    apply_ranks(book, &mut index)?;
    progress(index.len());
    Ok(Some(index))
}

/// The number of customers, for progress reports.
pub fn customer_count(book: &Book) -> usize {
    book.count(TreeId::Customers)
}

/// Reads the tie-breakers of every customer: open tasks from the tasks
/// table, value tiers from the stored classifications.
fn apply_ranks(book: &Book, index: &mut SearchIndex) -> Result<()> {
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
    for entry in book.tree(TreeId::Classification).iter() {
        let (key, value) = entry?;
        let id = String::from_utf8_lossy(&key);
        let Some(o) = index.ordinal_of(&id) else {
            continue;
        };
        let c: Classification = codec::decode(&value, &|| format!("classification/{id}"))?;
        index.set_tier(o, Some(c.value.tier));
    }
    Ok(())
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
    let Some(bytes) = book.tree(TreeId::Classification).get(customer_id.as_bytes())? else {
        return Ok(None);
    };
    let c: Classification = codec::decode(&bytes, &|| format!("classification/{customer_id}"))?;
    Ok(Some(c.value.tier))
}
