//! Adding or removing a tag on many customers: one undoable batch.

use super::BatchOutcome;
use crate::model::{ids::is_valid_tag, CustomerDoc};
use crate::store::{Book, Result};

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
pub fn apply(book: &Book, action: TagAction, tag: &str, ids: &[String]) -> Result<BatchOutcome> {
    let mut batch = book.begin("tag", true)?;
    let mut changed = 0;
    for id in ids {
        let Some(mut doc) = batch.get::<CustomerDoc>(id)? else {
            continue;
        };
        let tags = &mut doc.customer.tags;
        let had = tags.iter().any(|t| t == tag);
        match (action, had) {
            (TagAction::Add, false) => {
                tags.push(tag.to_string());
                tags.sort();
            }
            (TagAction::Remove, true) => tags.retain(|t| t != tag),
            _ => continue,
        }
        batch.put(&doc)?;
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
