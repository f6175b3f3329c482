//! Records stored grouped by customer (tasks, `Record::GROUPED`): one value
//! per customer, its records sorted by id, under the customer's id. A
//! record's id is found through the `owners` index (kind
//! `owners::TASK_KIND`), kept in step by the batch from the ids a write adds
//! to or removes from a group.

use super::codec;
use super::error::{Result, StoreError};
use super::records::Record;

/// The records of a stored group (none if the key is absent).
pub fn decode<R: Record>(key: &[u8], bytes: Option<&[u8]>) -> Result<Vec<R>> {
    match bytes {
        Some(bytes) => codec::decode(bytes, &|| {
            format!("{}/{}", R::TREE.name(), String::from_utf8_lossy(key))
        }),
        None => Ok(Vec::new()),
    }
}

/// The stored value of a group: `None` (the key removed) when it is empty.
pub fn encode<R: Record>(group: &[R]) -> Option<Vec<u8>> {
    (!group.is_empty()).then(|| codec::encode(&group))
}

/// Where the record with `id` is, or would go, in a group.
pub fn position<R: Record>(group: &[R], id: &str) -> std::result::Result<usize, usize> {
    group.binary_search_by(|r| r.id().cmp(id))
}

/// The record with `id`, taken out of a group.
pub fn take<R: Record>(mut group: Vec<R>, id: &str) -> Option<R> {
    position(&group, id).ok().map(|i| group.swap_remove(i))
}

/// Puts the records in id order, refusing two with one id.
pub fn sort<R: Record>(key: &[u8], group: &mut [R]) -> Result<()> {
    group.sort_by(|a, b| a.id().cmp(b.id()));
    match group.windows(2).find(|w| w[0].id() == w[1].id()) {
        Some(w) => Err(StoreError::Corrupt(format!(
            "{}/{}: two records with id {}",
            R::TREE.name(),
            String::from_utf8_lossy(key),
            w[0].id()
        ))),
        None => Ok(()),
    }
}

/// The ids only in `before` (gone) and only in `after` (added), both
/// groups in id order.
pub fn id_changes<'a, R: Record>(before: &'a [R], after: &'a [R]) -> (Vec<&'a str>, Vec<&'a str>) {
    let (mut gone, mut added) = (Vec::new(), Vec::new());
    let (mut b, mut a) = (before.iter().peekable(), after.iter().peekable());
    loop {
        match (b.peek(), a.peek()) {
            (Some(x), Some(y)) if x.id() == y.id() => {
                b.next();
                a.next();
            }
            (Some(x), Some(y)) if x.id() < y.id() => {
                gone.push(x.id());
                b.next();
            }
            (_, Some(y)) => {
                added.push(y.id());
                a.next();
            }
            (Some(x), None) => {
                gone.push(x.id());
                b.next();
            }
            (None, None) => return (gone, added),
        }
    }
}
