//! Which customer holds a location, policy, claim or interaction, by the
//! child's own id. Entries are packed into 4096 buckets per kind (key
//! `[kind][bucket]`, value the sorted `(id, customer_id)` pairs), because a
//! sled write costs about as much for 8 KB as for 8 bytes: a million-row
//! import then writes thousands of buckets instead of millions of keys.

use super::codec;
use super::error::{Result, StoreError};
use crate::model::Child;

pub const BUCKETS: u32 = 4096;

pub type Bucket = Vec<(String, String)>;

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

pub fn bucket_key(kind: u8, id: &str) -> Vec<u8> {
    let bucket = (fnv1a(id.as_bytes()) % BUCKETS) as u16;
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

pub fn lookup(bucket: &Bucket, id: &str) -> Option<String> {
    bucket
        .binary_search_by(|(k, _)| k.as_str().cmp(id))
        .ok()
        .map(|i| bucket[i].1.clone())
}

/// Sets (or with `None` clears) the entries of `changes` (one per id), in
/// one sorted merge: inserting ids one by one into a sorted bucket of
/// thousands moved the bucket's tail each time and dominated large imports.
pub fn apply_all(bucket: Bucket, mut changes: Vec<(String, Option<String>)>) -> Bucket {
    changes.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut merged = Vec::with_capacity(bucket.len() + changes.len());
    let mut old = bucket.into_iter().peekable();
    for (id, owner) in changes {
        while let Some(entry) = old.next_if(|(k, _)| *k < id) {
            merged.push(entry);
        }
        old.next_if(|(k, _)| *k == id);
        if let Some(owner) = owner {
            merged.push((id, owner));
        }
    }
    merged.extend(old);
    merged
}

pub fn missing_customer(id: &str) -> StoreError {
    StoreError::NotFound(format!("customer {id}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apply_all_merges_sets_and_clears() {
        let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
        let bucket = vec![pair("a", "C1"), pair("c", "C1"), pair("e", "C2")];
        let changes = vec![
            ("d".to_string(), Some("C3".to_string())),
            ("a".to_string(), None),
            ("e".to_string(), Some("C4".to_string())),
            ("b".to_string(), None),
            ("f".to_string(), Some("C5".to_string())),
        ];
        assert_eq!(
            apply_all(bucket, changes),
            vec![
                pair("c", "C1"),
                pair("d", "C3"),
                pair("e", "C4"),
                pair("f", "C5")
            ]
        );
    }
}
