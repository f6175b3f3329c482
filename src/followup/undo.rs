//! Undo: reverts an undoable batch (tags, tasks, playbooks) exactly, as a
//! batch of its own, provided nothing it changed was changed again since.

use super::stored_doc::differ_beyond_tags;
use crate::model::Task;
use crate::store::{
    codec, forget_journal, journal_chunks_newest_first, journal_exists, AfterImage, BatchInfo,
    Book, Record, Result, StoreError, TreeId, UNDO_DEPTH,
};

#[derive(Debug, thiserror::Error)]
pub enum UndoError {
    #[error("there is no batch to undo")]
    NothingToUndo,
    #[error("batch {0} does not exist")]
    NoSuchBatch(u64),
    #[error("batch {id} ({kind}) cannot be undone: {why}")]
    Refused { id: u64, kind: String, why: String },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Trees undo leaves alone: those a batch writes for its own bookkeeping
/// (the undo batch writes its own), and the task indexes a book no longer
/// keeps (a batch journaled before they were dropped names them). The
/// owner entries of tasks are not reverted from their buckets either (a
/// bucket holds the tasks of many batches): reverting a customer's tasks
/// sets them (`Batch::restore_group`).
fn is_not_reverted(tree: TreeId, key: &[u8]) -> bool {
    (tree == TreeId::Owners && key.first() == Some(&owners_task_kind())) || is_bookkeeping(tree)
}

fn owners_task_kind() -> u8 {
    crate::store::owner_kind_of_table(Task::TABLE)
}

/// Trees of book versions before 3 that held tasks one per key: a batch
/// that wrote them cannot be reverted into today's layout.
fn is_former_task_layout(tree: TreeId) -> bool {
    matches!(tree, TreeId::TasksById | TreeId::TasksByCustomer)
}

fn is_bookkeeping(tree: TreeId) -> bool {
    matches!(
        tree,
        TreeId::Meta
            | TreeId::Audit
            | TreeId::Batches
            | TreeId::Dirty
            | TreeId::Journal
            | TreeId::TasksByDue
            | TreeId::TasksByAssignee
    )
}

/// The value an index key holds if its record still holds what the batch
/// left, known without reading it (`None`: read and compare it). Index
/// trees hold empty values under keys that name their record, and a batch
/// writes an index key only together with its record (`Batch::put`,
/// `put_new`, the tag path), whose after-image undo checks; so in a
/// consistent book the index keys are as the batch left them when their
/// records are. This spares most reads of a task batch's undo.
fn index_value_left(tree: TreeId, after: AfterImage) -> Option<Option<Vec<u8>>> {
    let index = tree == TreeId::CustomersByTag;
    match after {
        _ if !index => None,
        AfterImage::Absent => Some(None),
        after if after == AfterImage::of(Some(&[])) => Some(Some(Vec::new())),
        _ => None,
    }
}

/// Whether reverting a customer's doc from `current` to `before` changes
/// what the classification reads (a tag batch's undo does not).
fn classified_change(
    key: &[u8],
    current: &Option<Vec<u8>>,
    before: &Option<Vec<u8>>,
) -> Result<bool> {
    match (current, before) {
        (Some(current), Some(before)) => {
            differ_beyond_tags(current, before, &String::from_utf8_lossy(key))
        }
        _ => Ok(true),
    }
}

/// The newest batch that can still be undone.
pub fn latest_undoable(book: &Book) -> Result<Option<BatchInfo>> {
    for info in book.batches() {
        let info = info?;
        if info.undoable && info.undone_by.is_none() {
            return Ok(Some(info));
        }
    }
    Ok(None)
}

/// Reverts batch `id` (or the latest undoable one); returns the undo batch.
pub fn undo(book: &Book, id: Option<u64>) -> std::result::Result<BatchInfo, UndoError> {
    let target = match id {
        Some(id) => book.batch_info(id)?.ok_or(UndoError::NoSuchBatch(id))?,
        None => latest_undoable(book)?.ok_or(UndoError::NothingToUndo)?,
    };
    let refuse = |why: String| UndoError::Refused {
        id: target.id,
        kind: target.kind.clone(),
        why,
    };
    if !target.undoable {
        return Err(refuse(
            "only tag, task and playbook batches can be undone".into(),
        ));
    }
    if let Some(by) = target.undone_by {
        return Err(refuse(format!("it was already undone by batch {by}")));
    }
    if !journal_exists(book, target.id)? {
        return Err(refuse(format!(
            "only the last {UNDO_DEPTH} undoable batches keep what undo needs"
        )));
    }
    let mut batch = book.begin("undo", true)?;
    for chunk in journal_chunks_newest_first(book, target.id) {
        for entry in chunk?.entries.into_iter().rev() {
            let tree = TreeId::from_tag(entry.tree)
                .ok_or_else(|| StoreError::Corrupt(format!("journal: tree {}", entry.tree)))?;
            if is_former_task_layout(tree) {
                return Err(refuse(
                    "it was made before this book stored tasks by customer (book version 3)".into(),
                ));
            }
            if is_not_reverted(tree, &entry.key) {
                continue;
            }
            let current = match index_value_left(tree, entry.after) {
                Some(value) => value,
                None => {
                    let current = batch.read(tree, &entry.key)?;
                    if AfterImage::of(current.as_deref()) != entry.after {
                        return Err(refuse(format!(
                            "{} {} changed after it; undo would overwrite that change",
                            tree.name(),
                            String::from_utf8_lossy(&entry.key).replace('\0', "/")
                        )));
                    }
                    current
                }
            };
            if tree == TreeId::Customers && classified_change(&entry.key, &current, &entry.before)?
            {
                batch.touch(&String::from_utf8_lossy(&entry.key));
            }
            match tree {
                TreeId::Tasks => batch.restore_group::<Task>(entry.key, current, entry.before)?,
                _ => batch.write_over(tree, entry.key, current, entry.before)?,
            }
        }
    }
    let mut reverted = target.clone();
    let detail = format!("undo batch {} ({})", target.id, target.description);
    batch.audit("undo", &format!("batch/{}", target.id), &detail, None)?;
    reverted.undone_by = Some(batch.id());
    batch.write(
        TreeId::Batches,
        crate::store::keys::u64_be(target.id).to_vec(),
        Some(codec::encode(&reverted)),
    )?;
    let info = batch.commit(&detail)?;
    // An undone batch cannot be undone again: its journal (tens of MB for
    // a big campaign) is of no more use. The undo's own journal stays, to
    // undo the undo.
    forget_journal(book, target.id)?;
    Ok(info)
}
