//! Which customer holds a location, policy, claim or interaction, by the
//! child's own id. Entries are packed into 4096 buckets per kind (key
//! `[kind][bucket]`, value the sorted `(id, customer_id)` pairs), because a
//! sled write costs about as much for 8 KB as for 8 bytes: a million-row
//! import then writes thousands of buckets instead of millions of keys.

use super::codec;
use super::error::{Result, StoreError};
use crate::model::Child;
use std::rc::Rc;

pub const BUCKETS: u32 = 4096;

pub type Bucket = Vec<(String, String)>;

/// Kind bytes run from 1 to `KINDS`.
pub const KINDS: u32 = 4;

/// The kind byte of a child table.
pub fn kind_of<C: Child>() -> u8 {
    match C::TABLE {
        "locations" => 1,
        "policies" => 2,
        "claims" => 3,
        "interactions" => 4,
        other => unreachable!("{other} is not a child table"),
    }
}

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

fn key_of_bucket(kind: u8, bucket: u16) -> Vec<u8> {
    let mut key = vec![kind];
    key.extend_from_slice(&bucket.to_be_bytes());
    key
}

/// Every bucket of every kind numbered from 0, in key order: where a batch
/// holds the changes of each bucket.
pub fn slot(kind: u8, id: &str) -> usize {
    usize::from(kind - 1) * BUCKETS as usize + usize::from(bucket_of(id))
}

/// The key of the bucket numbered `slot`.
pub fn slot_key(slot: usize) -> Vec<u8> {
    let kind = (slot / BUCKETS as usize) as u8 + 1;
    key_of_bucket(kind, (slot % BUCKETS as usize) as u16)
}

/// One empty list per bucket slot.
pub fn empty_slots<T>() -> Vec<Vec<T>> {
    (0..(KINDS * BUCKETS)).map(|_| Vec::new()).collect()
}

pub fn decode_bucket(bytes: Option<&[u8]>) -> Result<Bucket> {
    match bytes {
        None => Ok(Vec::new()),
        Some(b) => codec::decode(b, &|| "owners bucket".to_string()),
    }
}

pub fn lookup(bucket: &Bucket, id: &str) -> Option<String> {
    bucket
        .binary_search_by(|(k, _)| k.as_str().cmp(id))
        .ok()
        .map(|i| bucket[i].1.clone())
}

/// Applies many changes (in the order they were made: the last change of
/// an id wins) to an encoded bucket in one merge, and encodes the result
/// (`None`: the bucket is now empty). A
/// big batch brings thousands of changes to every bucket: inserting them one
/// by one moved the sorted list thousands of times, and decoding the
/// existing entries into owned strings was most of the batch's allocations.
pub fn merge_encoded(
    old: Option<&[u8]>,
    mut changes: Vec<(String, Option<Rc<str>>)>,
) -> Result<Option<Vec<u8>>> {
    let old: Vec<(&str, &str)> = match old {
        Some(bytes) => codec::decode(bytes, &|| "owners bucket".to_string())?,
        None => Vec::new(),
    };
    // Stable: changes of one id stay in the order they were made.
    changes.sort_by(|a, b| a.0.cmp(&b.0));
    let mut merged: Vec<(&str, &str)> = Vec::with_capacity(old.len() + changes.len());
    let mut old = old.into_iter().peekable();
    let mut changes = changes.iter().peekable();
    while let Some((id, owner)) = changes.next() {
        if changes.peek().is_some_and(|(next, _)| next == id) {
            continue; // superseded by a later change
        }
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
    fn merge_sets_replaces_and_clears_entries_last_change_winning() {
        let bucket: Bucket = vec![pair("a", "C1"), pair("c", "C1"), pair("e", "C2")];
        let encoded = codec::encode(&bucket);
        let changes = vec![
            ("d".to_string(), Some(Rc::from("C3"))),
            ("a".to_string(), None),
            ("e".to_string(), Some(Rc::from("C4"))),
            ("b".to_string(), Some(Rc::from("C9"))),
            ("c".to_string(), Some(Rc::from("C7"))),
            ("b".to_string(), Some(Rc::from("C5"))),
            ("c".to_string(), None),
            ("z".to_string(), None),
        ];
        let merged = merge_encoded(Some(&encoded), changes).unwrap();
        let merged = decode_bucket(merged.as_deref()).unwrap();
        assert_eq!(
            merged,
            vec![pair("b", "C5"), pair("d", "C3"), pair("e", "C4")]
        );
        let cleared = merge_encoded(
            Some(&codec::encode(&merged)),
            vec![
                ("b".to_string(), None),
                ("d".to_string(), None),
                ("e".to_string(), None),
            ],
        );
        assert_eq!(cleared.unwrap(), None);
    }
}
