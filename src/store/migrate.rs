//! Schema versions of a book. `meta/schema_version` holds the version the
//! book was written with; opening an older book rewrites its values in the
//! current shape (each step a function of this file), a newer one is
//! refused.

use super::book::Book;
use super::codec::SCHEMA_VERSION;
use super::error::{Result, StoreError};

const VERSION_KEY: &str = "schema_version";

pub fn schema_version(book: &Book) -> Result<Option<u32>> {
    Ok(book.meta_get(VERSION_KEY)?.and_then(|v| {
        let bytes: [u8; 4] = v.as_slice().try_into().ok()?;
        Some(u32::from_be_bytes(bytes))
    }))
}

pub fn migrate(book: &Book) -> Result<()> {
    let current = u32::from(SCHEMA_VERSION);
    match schema_version(book)? {
        // A new book: stamp it.
        None => book.meta_put(VERSION_KEY, &current.to_be_bytes()),
        Some(found) if found == current => Ok(()),
        Some(found) if found > current => Err(StoreError::TooNew {
            path: book.path().to_path_buf(),
            found,
            supported: current,
        }),
        // Version 1 is the first schema: nothing older exists to migrate.
        Some(found) => Err(StoreError::Corrupt(format!(
            "meta/schema_version {found} is unknown"
        ))),
    }
}
