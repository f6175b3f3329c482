//! Adding or removing a tag on many customers: one undoable batch.

use super::stored_doc::StoredDoc;
use super::BatchOutcome;
use crate::model::ids::is_valid_tag;
use crate::store::{tag_key, Book, Result, TreeId};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TagAction {
    Add,
    Remove,
}

impl TagAction {
    fn verb(self) -> &'static str {
        match self {
            TagAction::Add => "add",
            TagAction::Remove => "remove",
        }
    }
}

/// Checks a tag's syntax (data-formats.md) before any batch starts.
pub fn validate_tag(tag: &str) -> std::result::Result<(), String> {
    if is_valid_tag(tag) {
        Ok(())
    } else {
        Err(format!(
            "tag {tag:?} is not valid: 1-32 letters, digits, _ or -"
        ))
    }
}

/// Applies `action` with `tag` to every customer of `ids` (which must
/// exist); customers that already had (or lacked) it are left alone.
///
/// Only the front of each stored doc is rewritten (see `stored_doc.rs`), and
/// the doc just read is the before-image. The customers are not marked for
/// reclassification: the classification does not read tags.
pub fn apply(book: &Book, action: TagAction, tag: &str, ids: &[String]) -> Result<BatchOutcome> {
    let mut batch = book.begin("tag", true)?;
    let mut changed = 0;
    for id in ids {
        let Some(bytes) = batch.read(TreeId::Customers, id.as_bytes())? else {
            continue;
        };
        let mut doc = StoredDoc::decode(&bytes, id)?;
        let tags = &mut doc.customer.tags;
        let at = tags.binary_search_by(|t| t.as_str().cmp(tag));
        match (action, at) {
            (TagAction::Add, Err(i)) => tags.insert(i, tag.to_string()),
            (TagAction::Remove, Ok(i)) => {
                tags.remove(i);
            }
            _ => continue,
        }
        let after = doc.encode();
        batch.write_over(
            TreeId::Customers,
            id.as_bytes().to_vec(),
            Some(bytes),
            Some(after),
        )?;
        // The tag index follows the doc: no entry before an add, one before
        // a remove.
        let (index_before, index_after) = match action {
            TagAction::Add => (None, Some(Vec::new())),
            TagAction::Remove => (Some(Vec::new()), None),
        };
        batch.write_over(
            TreeId::CustomersByTag,
            tag_key(tag, id),
            index_before,
            index_after,
        )?;
        changed += 1;
    }
    if changed == 0 {
        // Nothing to record: dropping an empty batch writes nothing.
        return Ok(BatchOutcome {
            batch_id: None,
            changed,
            unchanged: ids.len(),
        });
    }
    let detail = format!("{} tag {tag} on {changed} customers", action.verb());
    batch.audit(
        &format!("tag.{}", action.verb()),
        "customers",
        &detail,
        None,
    )?;
    let info = batch.commit(&detail)?;
    Ok(BatchOutcome {
        batch_id: Some(info.id),
        changed,
        unchanged: ids.len() - changed,
    })
}
