//! Versions of a book. `meta/schema_version` holds the version the book was
//! written with: how its values are encoded (`codec::SCHEMA_VERSION`, also
//! the first byte of every value) and which trees it keeps. Opening an
//! older book brings it to the current version (each step a function of
//! this file); a newer one is refused.

use super::book::Book;
use super::error::{Result, StoreError};
use super::records::TreeId;

const VERSION_KEY: &str = "schema_version";

/// 1: the first book. 2: `tasks.by_due` and `tasks.by_assignee` are no
/// longer kept (values unchanged, still `codec::SCHEMA_VERSION` 1).
pub const BOOK_VERSION: u32 = 2;

pub fn schema_version(book: &Book) -> Result<Option<u32>> {
    Ok(book.meta_get(VERSION_KEY)?.and_then(|v| {
        let bytes: [u8; 4] = v.as_slice().try_into().ok()?;
        Some(u32::from_be_bytes(bytes))
    }))
}

pub fn migrate(book: &mut Book) -> Result<()> {
    match schema_version(book)? {
        // A new book: stamp it.
        None => stamp(book),
        Some(BOOK_VERSION) => Ok(()),
        Some(found) if found > BOOK_VERSION => Err(StoreError::TooNew {
            path: book.path().to_path_buf(),
            found,
            supported: BOOK_VERSION,
        }),
        Some(1) => {
            drop_task_indexes(book)?;
            stamp(book)
        }
        Some(found) => Err(StoreError::Corrupt(format!(
            "meta/schema_version {found} is unknown"
        ))),
    }
}

fn stamp(book: &Book) -> Result<()> {
    book.meta_put(VERSION_KEY, &BOOK_VERSION.to_be_bytes())
}

/// 1 to 2: the task indexes by due date and by assignee are emptied. Safe
/// to repeat if the process dies before the new version is stamped.
fn drop_task_indexes(book: &mut Book) -> Result<()> {
    book.empty_tree(TreeId::TasksByDue)?;
    book.empty_tree(TreeId::TasksByAssignee)
}
