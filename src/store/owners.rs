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

/// Sets or (with `None`) clears an entry, keeping the bucket sorted.
pub fn apply(bucket: &mut Bucket, id: &str, owner: Option<&str>) {
    match (bucket.binary_search_by(|(k, _)| k.as_str().cmp(id)), owner) {
        (Ok(i), Some(o)) => bucket[i].1 = o.to_string(),
        (Ok(i), None) => {
            bucket.remove(i);
        }
        (Err(i), Some(o)) => bucket.insert(i, (id.to_string(), o.to_string())),
        (Err(_), None) => {}
    }
}

pub fn missing_customer(id: &str) -> StoreError {
    StoreError::NotFound(format!("customer {id}"))
}
