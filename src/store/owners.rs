//! Which customer holds a location, policy, claim, interaction or task, by
//! its own id. Entries are packed into 4096 buckets per kind (key
//! `[kind][bucket]`, value the sorted `(id, customer_id)` pairs), because a
//! sled write costs about as much for 8 KB as for 8 bytes: a million-row
//! import then writes thousands of buckets instead of millions of keys.

use super::codec;
use super::error::{Result, StoreError};
use crate::model::Child;

pub const BUCKETS: u32 = 4096;

pub type Bucket = Vec<(String, String)>;

/// A child id and its new owner (`None`: the child is gone).
pub type OwnerChange = (String, Option<String>);

/// The kind byte of a child table.
pub fn kind_of<C: Child>() -> u8 {
    kind_of_table(C::TABLE)
}

/// The kind byte of a table whose records are held by customers: the
/// children of a doc, and tasks (stored grouped by customer, `grouped.rs`).
pub fn kind_of_table(table: &str) -> u8 {
    match table {
        "locations" => 1,
        "policies" => 2,
        "claims" => 3,
        "interactions" => 4,
        "tasks" => TASK_KIND,
        other => unreachable!("{other} is not held by customers"),
    }
}

pub const TASK_KIND: u8 = 5;

/// FNV-1a: stable across builds and platforms, unlike std's hasher.
fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5u32, |h, b| {
        (h ^ u32::from(*b)).wrapping_mul(0x0100_0193)
    })
}

/// The bucket of an id within its kind.
pub fn bucket_of(id: &str) -> u16 {
    (fnv1a(id.as_bytes()) % BUCKETS) as u16
}

pub fn bucket_key(kind: u8, id: &str) -> Vec<u8> {
    key_of_bucket(kind, bucket_of(id))
}

pub fn key_of_bucket(kind: u8, bucket: u16) -> Vec<u8> {
    let mut key = vec![kind];
    key.extend_from_slice(&bucket.to_be_bytes());
    key
}

pub fn decode_bucket(bytes: Option<&[u8]>) -> Result<Bucket> {
    match bytes {
        None => Ok(Vec::new()),
        Some(b) => codec::decode(b, &|| "owners bucket".to_string()),
    }
}

/// The owner of `id` in an encoded bucket, decoded without copying the
/// other entries (a lookup per playbook proposal in a rerun).
pub fn lookup_encoded(bytes: Option<&[u8]>, id: &str) -> Result<Option<String>> {
    let Some(bytes) = bytes else {
        return Ok(None);
    };
    let bucket: Vec<(&str, &str)> = codec::decode(bytes, &|| "owners bucket".to_string())?;
    Ok(bucket
        .binary_search_by(|(k, _)| (*k).cmp(id))
        .ok()
        .map(|i| bucket[i].1.to_string()))
}

/// Calls `f` with every `(id, owner)` of an encoded bucket, without
/// copying them.
pub fn for_each_entry(bytes: &[u8], f: &mut impl FnMut(&str, &str)) -> Result<()> {
    let bucket: Vec<(&str, &str)> = codec::decode(bytes, &|| "owners bucket".to_string())?;
    bucket.iter().for_each(|(id, owner)| f(id, owner));
    Ok(())
}

/// Applies many changes (ids unique, any order) to an encoded bucket in
/// one merge, and encodes the result (`None`: the bucket is now empty). A
/// big batch brings thousands of changes to every bucket: inserting them one
/// by one moved the sorted list thousands of times, and decoding the
/// existing entries into owned strings was most of the batch's allocations.
pub fn merge_encoded(old: Option<&[u8]>, mut changes: Vec<OwnerChange>) -> Result<Option<Vec<u8>>> {
    let old: Vec<(&str, &str)> = match old {
        Some(bytes) => codec::decode(bytes, &|| "owners bucket".to_string())?,
        None => Vec::new(),
    };
    changes.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut merged: Vec<(&str, &str)> = Vec::with_capacity(old.len() + changes.len());
    let mut old = old.into_iter().peekable();
    for (id, owner) in &changes {
        while let Some(entry) = old.next_if(|(k, _)| *k < id.as_str()) {
            merged.push(entry);
        }
        old.next_if(|(k, _)| *k == id.as_str());
        if let Some(owner) = owner {
            merged.push((id, owner));
        }
    }
    merged.extend(old);
    // `&str` pairs encode exactly like the `String` pairs of `Bucket`.
    Ok((!merged.is_empty()).then(|| codec::encode(&merged)))
}

/// Owner changes a batch holds until it writes them to their buckets: per
/// bucket, the changes appended as `[id len u16][id][owner len u16, or
/// u16::MAX for none][owner]`. About 22 bytes a change (a map of two
/// strings took about 120), so a million-customer import holds them all and
/// writes each bucket once, instead of rewriting every bucket again every
/// two million changes.
#[derive(Default)]
pub struct PendingOwners {
    /// By `kind * BUCKETS + bucket`, which is also the order of the keys.
    buckets: Vec<Vec<u8>>,
    bytes: usize,
}

fn bucket_index(kind: u8, id: &str) -> usize {
    usize::from(kind) * BUCKETS as usize + usize::from(bucket_of(id))
}

fn key_of_index(index: usize) -> Vec<u8> {
    let kind = index / BUCKETS as usize;
    key_of_bucket(kind as u8, (index % BUCKETS as usize) as u16)
}

const NO_OWNER: u16 = u16::MAX;

fn push_str(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(&(s.len() as u16).to_le_bytes());
    out.extend_from_slice(s.as_bytes());
}

/// The changes of one bucket, in the order made.
fn changes(mut bytes: &[u8]) -> impl Iterator<Item = (&str, Option<&str>)> {
    let mut take = move || -> Option<Option<&str>> {
        let (len, rest) = bytes.split_first_chunk::<2>()?;
        let len = u16::from_le_bytes(*len);
        if len == NO_OWNER {
            bytes = rest;
            return Some(None);
        }
        let (text, rest) = rest.split_at(usize::from(len));
        bytes = rest;
        // Written from `&str` by `set`.
        Some(Some(std::str::from_utf8(text).unwrap_or_default()))
    };
    std::iter::from_fn(move || Some((take()??, take()?)))
}

impl PendingOwners {
    /// Records that `id` is now held by `owner` (or by nobody).
    pub fn set(&mut self, kind: u8, id: &str, owner: Option<&str>) {
        let index = bucket_index(kind, id);
        if self.buckets.len() <= index {
            self.buckets.resize_with(index + 1, Vec::new);
        }
        let arena = &mut self.buckets[index];
        let before = arena.len();
        push_str(arena, id);
        match owner {
            Some(owner) => push_str(arena, owner),
            None => arena.extend_from_slice(&NO_OWNER.to_le_bytes()),
        }
        self.bytes += arena.len() - before;
    }

    /// The latest change of `id`: `Some(owner)` if it was set or cleared in
    /// this batch.
    pub fn get(&self, kind: u8, id: &str) -> Option<Option<String>> {
        let arena = self.buckets.get(bucket_index(kind, id))?;
        changes(arena)
            .filter(|(changed, _)| *changed == id)
            .last()
            .map(|(_, owner)| owner.map(str::to_string))
    }

    /// Bytes held.
    pub fn bytes(&self) -> usize {
        self.bytes
    }

    /// Takes every change: per bucket key (in key order), the latest change
    /// of each id, decoded one bucket at a time as the caller goes.
    pub fn take(&mut self) -> impl Iterator<Item = (Vec<u8>, Vec<OwnerChange>)> {
        self.bytes = 0;
        std::mem::take(&mut self.buckets)
            .into_iter()
            .enumerate()
            .filter(|(_, arena)| !arena.is_empty())
            .map(|(index, arena)| {
                let mut latest: Vec<(String, Option<String>)> = changes(&arena)
                    .map(|(id, owner)| (id.to_string(), owner.map(str::to_string)))
                    .collect();
                // Latest first, then a stable sort keeps it first per id.
                latest.reverse();
                latest.sort_by(|a, b| a.0.cmp(&b.0));
                latest.dedup_by(|later, first| later.0 == first.0);
                (key_of_index(index), latest)
            })
    }
}

pub fn missing_customer(id: &str) -> StoreError {
    StoreError::NotFound(format!("customer {id}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(id: &str, owner: &str) -> (String, String) {
        (id.to_string(), owner.to_string())
    }

    #[test]
    fn pending_changes_keep_the_latest_per_id() {
        let mut pending = PendingOwners::default();
        pending.set(2, "P1", Some("C1"));
        pending.set(2, "P2", Some("C2"));
        pending.set(2, "P1", None);
        pending.set(3, "P1", Some("C9"));
        pending.set(2, "P2", Some("C3"));
        assert_eq!(pending.get(2, "P1"), Some(None));
        assert_eq!(pending.get(2, "P2"), Some(Some("C3".to_string())));
        assert_eq!(pending.get(2, "P3"), None);
        assert!(pending.bytes() > 0);
        let mut changes: Vec<(String, Option<String>)> =
            pending.take().flat_map(|(_, c)| c).collect();
        changes.sort();
        assert_eq!(
            changes,
            vec![
                ("P1".to_string(), None),
                ("P1".to_string(), Some("C9".to_string())),
                ("P2".to_string(), Some("C3".to_string())),
            ]
        );
        assert_eq!(pending.bytes(), 0);
    }

    #[test]
    fn merge_sets_replaces_and_clears_entries() {
        let bucket: Bucket = vec![pair("a", "C1"), pair("c", "C1"), pair("e", "C2")];
        let encoded = codec::encode(&bucket);
        let changes = vec![
            ("d".to_string(), Some("C3".to_string())),
            ("a".to_string(), None),
            ("e".to_string(), Some("C4".to_string())),
            ("b".to_string(), Some("C5".to_string())),
            ("z".to_string(), None),
        ];
        let merged = merge_encoded(Some(&encoded), changes).unwrap();
        let merged = decode_bucket(merged.as_deref()).unwrap();
        assert_eq!(
            merged,
            vec![
                pair("b", "C5"),
                pair("c", "C1"),
                pair("d", "C3"),
                pair("e", "C4")
            ]
        );
        let cleared = merge_encoded(
            Some(&codec::encode(&merged)),
            vec![
                ("b".to_string(), None),
                ("c".to_string(), None),
                ("d".to_string(), None),
                ("e".to_string(), None),
            ],
        );
        assert_eq!(cleared.unwrap(), None);
    }
}
