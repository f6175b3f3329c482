//! The undo journal that makes a batch all-or-nothing at any size.
//!
//! sled's multi-tree transactions keep the whole write set in memory and
//! flush slowly at scale, so a batch instead writes its changes in chunks.
//! Before a chunk is applied, its *before-images* (the values the keys had,
//! or their absence) are written to the `journal` tree together with the
//! `open_batch` marker in `meta`, and flushed. The chunk is then applied.
//! Commit removes the marker (one key, so atomic) and flushes.
//!
//! On open, a marker still present means the process died mid-batch: the
//! journal's before-images are written back in reverse order, which restores
//! the book exactly as it was before the batch. Journals of undoable batches
//! (tags, tasks) also keep a fingerprint of each after-image and are retained,
//! so that `undo` can
//! verify nothing changed since and revert them.

use super::book::Book;
use super::codec;
use super::error::{Result, StoreError};
use super::keys;
use super::records::TreeId;
use serde::{Deserialize, Serialize};

pub const OPEN_BATCH_KEY: &str = "open_batch";

#[derive(Serialize, Deserialize, Debug, Clone)]
pub struct JournalEntry {
    pub tree: u8,
    #[serde(with = "super::bytes_serde::vec")]
    pub key: Vec<u8>,
    #[serde(with = "super::bytes_serde::option")]
    pub before: Option<Vec<u8>>,
    /// Kept only for undoable batches: what the batch left there, so that
    /// `undo` can tell whether a later change would be overwritten.
    pub after: AfterImage,
}

/// A fingerprint of the value a batch wrote (a hash instead of the value:
/// it halves the journal of a big tag batch, and undo only compares).
#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterImage {
    NotKept,
    Absent,
    Hash(u64),
}

impl AfterImage {
    pub fn of(value: Option<&[u8]>) -> AfterImage {
        match value {
            None => AfterImage::Absent,
            Some(bytes) => AfterImage::Hash(fingerprint(bytes)),
        }
    }
}

/// FNV-1a over the bytes, 64 bits: stable across builds.
fn fingerprint(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[derive(Serialize, Deserialize, Debug, Clone, Default)]
pub struct JournalChunk {
    pub entries: Vec<JournalEntry>,
}

pub fn chunk_key(batch_id: u64, seq: u32) -> Vec<u8> {
    let mut key = keys::u64_be(batch_id).to_vec();
    key.extend_from_slice(&seq.to_be_bytes());
    key
}

/// The chunks of one batch, in the order they were written.
pub fn chunks(book: &Book, batch_id: u64) -> Result<Vec<JournalChunk>> {
    chunks_of(book, batch_id, false).collect()
}

/// The chunks of one batch, newest first, read one at a time (a big
/// batch's journal need not fit in memory).
pub fn chunks_newest_first(
    book: &Book,
    batch_id: u64,
) -> impl Iterator<Item = Result<JournalChunk>> + '_ {
    chunks_of(book, batch_id, true)
}

fn chunks_of(
    book: &Book,
    batch_id: u64,
    newest_first: bool,
) -> impl Iterator<Item = Result<JournalChunk>> + '_ {
    let entries = book
        .tree(TreeId::Journal)
        .scan_prefix(keys::u64_be(batch_id));
    let entries: Box<dyn Iterator<Item = sled::Result<(sled::IVec, sled::IVec)>>> =
        match newest_first {
            true => Box::new(entries.rev()),
            false => Box::new(entries),
        };
    entries.map(|entry| {
        let (key, value) = entry?;
        codec::decode::<JournalChunk>(&value, &|| {
            format!("journal/{}", String::from_utf8_lossy(&key))
        })
    })
}

fn tree_of(tag: u8) -> Result<TreeId> {
    TreeId::from_tag(tag).ok_or_else(|| StoreError::Corrupt(format!("journal: unknown tree {tag}")))
}

/// Writes back the before-images of a batch, newest first, and forgets its
/// journal. Used on open after a crash and when a batch fails.
pub fn roll_back(book: &Book, batch_id: u64) -> Result<()> {
    for chunk in chunks_newest_first(book, batch_id) {
        for entry in chunk?.entries.into_iter().rev() {
            let tree = book.tree(tree_of(entry.tree)?);
            match entry.before {
                Some(value) => tree.insert(entry.key, value)?,
                None => tree.remove(entry.key)?,
            };
        }
    }
    book.flush()?;
    forget(book, batch_id)?;
    book.tree(TreeId::Meta).remove(OPEN_BATCH_KEY)?;
    book.flush()
}

/// Deletes the journal of a batch.
pub fn forget(book: &Book, batch_id: u64) -> Result<()> {
    let journal = book.tree(TreeId::Journal);
    for key in journal.scan_prefix(keys::u64_be(batch_id)).keys() {
        journal.remove(key?)?;
    }
    Ok(())
}

/// How many batches can be undone: the journals of the newest this many
/// undoable batches not yet undone are kept, older ones are deleted. A
/// campaign's journal holds an image of every key it wrote: with all of
/// them kept, the follow-up benchmark's 1M book grew to 6 GB in ~25 runs.
pub const UNDO_DEPTH: usize = 10;

/// Whether batch `batch_id` still has its journal.
pub fn exists(book: &Book, batch_id: u64) -> Result<bool> {
    Ok(book
        .tree(TreeId::Journal)
        .scan_prefix(keys::u64_be(batch_id))
        .next()
        .transpose()?
        .is_some())
}

/// Deletes the journals of the undoable batches beyond the newest
/// [`UNDO_DEPTH`] that can still be undone; those batches become final.
pub fn prune(book: &Book) -> Result<()> {
    let mut kept = 0;
    for info in book.batches() {
        let info = info?;
        if !info.undoable || info.undone_by.is_some() {
            continue;
        }
        if kept < UNDO_DEPTH {
            kept += 1;
        } else if exists(book, info.id)? {
            forget(book, info.id)?;
        } else {
            // Every older one was pruned by an earlier commit.
            break;
        }
    }
    Ok(())
}

/// Called on open: rolls back a batch that did not commit.
pub fn recover(book: &Book) -> Result<()> {
    if let Some(id) = book.meta_get(OPEN_BATCH_KEY)? {
        let batch_id = keys::read_u64_be(&id)
            .ok_or_else(|| StoreError::Corrupt("meta/open_batch".to_string()))?;
        roll_back(book, batch_id)?;
    }
    Ok(())
}
