//! The versioned value codec: every stored value is
//! `[schema version byte][bincode 2 (serde, standard config)]`, and decoding
//! refuses a value whose bytes were not all consumed (bincode would silently
//! decode a record written with fewer or reordered fields).

use super::error::StoreError;
use bincode::de::BorrowDecode;
use serde::{Deserialize, Serialize};

/// The schema version of values written by this build. Bump it when any
/// stored struct changes, and teach `migrate.rs` the old shape (a new book
/// version, `migrate::BOOK_VERSION`).
pub const SCHEMA_VERSION: u8 = 1;

fn config() -> bincode::config::Configuration {
    bincode::config::standard()
}

pub fn encode<T: Serialize>(value: &T) -> Vec<u8> {
    let mut out = vec![SCHEMA_VERSION];
    // Encoding plain structs into a Vec cannot fail: a failure is a bug.
    bincode::serde::encode_into_std_write(value, &mut out, config())
        .expect("bincode encodes pcrm records into a Vec");
    out
}

/// Decodes a value written by this schema version; `what` names the tree and
/// key for the error message. `T` may borrow strings from `bytes` (the owner
/// index merges buckets that way without allocating).
pub fn decode<'a, T: Deserialize<'a>>(
    bytes: &'a [u8],
    what: &dyn Fn() -> String,
) -> Result<T, StoreError> {
    decode_body(current_body(bytes, what)?, what)
}

/// The bincode body of a value written by this schema version.
fn current_body<'b>(bytes: &'b [u8], what: &dyn Fn() -> String) -> Result<&'b [u8], StoreError> {
    match bytes.split_first() {
        Some((&SCHEMA_VERSION, body)) => Ok(body),
        Some((&version, _)) => Err(StoreError::Corrupt(format!(
            "{}: schema version {version}, expected {SCHEMA_VERSION}",
            what()
        ))),
        None => Err(StoreError::Corrupt(format!("{}: empty value", what()))),
    }
}

/// Decodes the leading fields of a value written by this schema version
/// into a view (`doc_view.rs`) that borrows its strings from `bytes` and may
/// declare only a prefix of the stored fields; the remaining bytes are not
/// read. Views are decoded by bincode's own derive rather than through
/// serde: for hot read-only scans, where serde's per-field calls were a
/// tenth of the decoding.
pub fn decode_view<'de, T: BorrowDecode<'de, ()>>(
    bytes: &'de [u8],
    what: &dyn Fn() -> String,
) -> Result<T, StoreError> {
    borrow_view(current_body(bytes, what)?, what).map(|(value, _)| value)
}

/// As [`decode_view`] for a view of the whole value, refusing leftover
/// bytes as [`decode`] does.
pub fn decode_whole_view<'de, T: BorrowDecode<'de, ()>>(
    bytes: &'de [u8],
    what: &dyn Fn() -> String,
) -> Result<T, StoreError> {
    let body = current_body(bytes, what)?;
    let (value, used) = borrow_view(body, what)?;
    all_used(body, used, what)?;
    Ok(value)
}

fn borrow_view<'de, T: BorrowDecode<'de, ()>>(
    body: &'de [u8],
    what: &dyn Fn() -> String,
) -> Result<(T, usize), StoreError> {
    bincode::borrow_decode_from_slice(body, config())
        .map_err(|e| StoreError::Corrupt(format!("{}: {e}", what())))
}

/// Decodes the leading value of a stored value (bincode is positional: a
/// struct is its fields one after the other) and returns it with the bytes
/// after it. With [`encode_with_rest`], rewrites the front of a large value
/// without decoding the rest.
pub fn decode_head<'de, T: Deserialize<'de>>(
    bytes: &'de [u8],
    what: &dyn Fn() -> String,
) -> Result<(T, &'de [u8]), StoreError> {
    let body = current_body(bytes, what)?;
    let (value, used) = bincode::serde::borrow_decode_from_slice(body, config())
        .map_err(|e| StoreError::Corrupt(format!("{}: {e}", what())))?;
    Ok((value, &body[used..]))
}

/// A stored value made of `head` followed by `rest`, the bytes that
/// followed a head returned by [`decode_head`].
pub fn encode_with_rest<T: Serialize>(head: &T, rest: &[u8]) -> Vec<u8> {
    let mut out = encode(head);
    out.extend_from_slice(rest);
    out
}

/// Decodes a bincode body (without the version byte), requiring every byte
/// to be consumed. Also used by migrations for older shapes.
pub fn decode_body<'a, T: Deserialize<'a>>(
    body: &'a [u8],
    what: &dyn Fn() -> String,
) -> Result<T, StoreError> {
    let (value, used) = bincode::serde::borrow_decode_from_slice::<T, _>(body, config())
        .map_err(|e| StoreError::Corrupt(format!("{}: {e}", what())))?;
    all_used(body, used, what)?;
    Ok(value)
}

/// A record must use every byte of its body: bincode would silently decode
/// a record written with fewer or reordered fields.
fn all_used(body: &[u8], used: usize, what: &dyn Fn() -> String) -> Result<(), StoreError> {
    if used != body.len() {
        return Err(StoreError::Corrupt(format!(
            "{}: {} trailing bytes after the record",
            what(),
            body.len() - used
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    struct Two {
        a: u32,
        b: String,
    }

    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    struct One {
        a: u32,
    }

    #[test]
    fn round_trips_and_refuses_leftover_bytes() {
        let bytes = encode(&Two {
            a: 7,
            b: "x".into(),
        });
        assert_eq!(bytes[0], SCHEMA_VERSION);
        let back: Two = decode(&bytes, &|| "t/k".into()).unwrap();
        assert_eq!(
            back,
            Two {
                a: 7,
                b: "x".into()
            }
        );
        // A reader that lost a field must not decode silently.
        let err = decode::<One>(&bytes, &|| "t/k".into()).unwrap_err();
        assert!(err.to_string().contains("trailing bytes"), "{err}");
    }

    #[test]
    fn refuses_other_schema_versions() {
        let mut bytes = encode(&One { a: 1 });
        bytes[0] = 99;
        let err = decode::<One>(&bytes, &|| "customers/C1".into()).unwrap_err();
        assert!(err.to_string().contains("customers/C1: schema version 99"));
    }
}
