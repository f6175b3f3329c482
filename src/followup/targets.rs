//! Which customers a batch acts on: ids given, ids from a file, or a
//! segment (resolved by the caller), checked to exist.

use crate::model::CustomerDoc;
use crate::store::Book;
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum TargetError {
    #[error("{path}: {source}")]
    File {
        path: String,
        source: std::io::Error,
    },
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
}

/// Customer ids from a file: one a line; blank lines and `#` comments are
/// skipped, as is a `customer_id` header (so an export's first column works).
pub fn read_ids_file(path: &Path) -> Result<Vec<String>, TargetError> {
    let text = std::fs::read_to_string(path).map_err(|source| TargetError::File {
        path: path.display().to_string(),
        source,
    })?;
    let mut ids = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let id = line.split(',').next().unwrap_or("").trim();
        if id.is_empty() || id.starts_with('#') || (n == 0 && id == "customer_id") {
            continue;
        }
        if !crate::model::ids::is_valid_record_id(id) {
            return Err(TargetError::Invalid(format!(
                "{}:{}: {id:?} is not a customer id",
                path.display(),
                n + 1
            )));
        }
        ids.push(id.to_string());
    }
    Ok(ids)
}

/// Sorts and de-duplicates ids and refuses the batch if any does not exist,
/// naming them (a batch is all or nothing, so it is checked first).
pub fn existing_customers(book: &Book, mut ids: Vec<String>) -> Result<Vec<String>, TargetError> {
    ids.sort();
    ids.dedup();
    let mut missing = Vec::new();
    for id in &ids {
        if !book.contains::<CustomerDoc>(id)? {
            missing.push(id);
        }
    }
    if !missing.is_empty() {
        let shown: Vec<&str> = missing.iter().take(10).map(|s| s.as_str()).collect();
        return Err(TargetError::Invalid(format!(
            "{} customer id(s) do not exist: {}{}",
            missing.len(),
            shown.join(", "),
            if missing.len() > 10 { ", ..." } else { "" }
        )));
    }
    Ok(ids)
}
