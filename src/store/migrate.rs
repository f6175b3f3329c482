//! Versions of a book. `meta/schema_version` holds the version the book was
//! written with: how its values are encoded (`codec::SCHEMA_VERSION`, also
//! the first byte of every value) and which trees it keeps. Opening an
//! older book brings it to the current version (each step a function of
//! this file); a newer one is refused.

use super::book::Book;
use super::codec;
use super::error::{Result, StoreError};
use super::records::TreeId;
use crate::model::Task;

const VERSION_KEY: &str = "schema_version";

/// 1: the first book. 2: `tasks.by_due` and `tasks.by_assignee` are no
/// longer kept (values unchanged, still `codec::SCHEMA_VERSION` 1).
/// 3: a customer's tasks are stored together (`customer_tasks`, ids in
/// `owners`) instead of one key per task in `tasks` and `tasks.by_customer`.
pub const BOOK_VERSION: u32 = 3;

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
            group_tasks(book)?;
            stamp(book)
        }
        Some(2) => {
            group_tasks(book)?;
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

/// 2 to 3: the tasks of `tasks` (one key per task) are written to
/// `customer_tasks`, one value per customer, through one batch (so memory
/// stays bounded and a crash rolls back to a book still at version 2);
/// then the old trees are emptied. If the process dies after the batch but
/// before the old trees are emptied, the next open finds the tasks grouped
/// and the old trees still full: it empties them (a task already grouped is
/// not read from `tasks` again).
fn group_tasks(book: &mut Book) -> Result<()> {
    if book.count(TreeId::Tasks) == 0 && book.count(TreeId::TasksById) > 0 {
        let mut batch = book.begin("migrate", false)?;
        // `tasks` is in task id order: the customers' groups fill in any
        // order, each read through the batch.
        for entry in book.tree(TreeId::TasksById).iter() {
            let (key, bytes) = entry?;
            let task: Task = codec::decode(&bytes, &|| {
                format!("tasks/{}", String::from_utf8_lossy(&key))
            })?;
            batch.put_new(&task)?;
        }
        batch.commit("book version 3: tasks stored by customer")?;
    }
    book.empty_tree(TreeId::TasksById)?;
    book.empty_tree(TreeId::TasksByCustomer)
}
