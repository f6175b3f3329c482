//! A batch: a set of changes that lands whole or not at all (see
//! `journal.rs`), with read-your-writes through an overlay of the pending
//! chunk, and the audit entries of its changes.

use super::book::{decode_record, Book};
use super::codec;
use super::error::Result;
use super::grouped;
use super::journal::{self, AfterImage, JournalChunk, JournalEntry, OPEN_BATCH_KEY};
use super::keys;
use super::owners;
use super::records::{Record, TreeId};
use crate::model::{Child, CustomerDoc};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::sync::MutexGuard;

/// Changes buffered before a chunk is journaled and applied: large enough
/// that the per-chunk flush is cheap overall, small enough to bound memory
/// (by count, and by bytes for batches of large docs).
const CHUNK_OPS: usize = 100_000;
const CHUNK_BYTES: usize = 32 * 1024 * 1024;

/// Above this many touched customers a batch asks for a full
/// reclassification instead of listing them in the `dirty` tree.
const DIRTY_LIST_LIMIT: usize = 50_000;
pub const FULL_RECLASS_KEY: &str = "full_reclass_needed";

/// Bytes of owner-index changes held in memory before they are written to
/// their buckets (about 22 bytes a change: a million-customer import's
/// thirteen million children fit, so each bucket is written once).
const OWNER_BYTES_HELD: usize = 512 * 1024 * 1024;

/// What a committed batch was, for the audit log, `undo` and the UI.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct BatchInfo {
    pub id: u64,
    /// `import`, `tag`, `task`, `undo`, `playbook`, ...
    pub kind: String,
    pub user: String,
    /// Unix microseconds of the commit.
    pub at_micros: i64,
    pub description: String,
    pub undoable: bool,
    /// Set when a later `undo` reverted it.
    pub undone_by: Option<u64>,
}

/// One line of the audit log.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct AuditEntry {
    pub at_micros: i64,
    pub user: String,
    pub batch: u64,
    /// `import.insert`, `import.update`, `tag.add`, ...
    pub action: String,
    /// `customers/C0001`, a file name, ...
    pub target: String,
    pub detail: String,
    /// The previous value (JSON), where something was replaced.
    pub previous: Option<String>,
}

/// One key changed by the pending chunk.
struct Slot {
    tree: TreeId,
    key: Vec<u8>,
    before: Option<Vec<u8>>,
    after: Option<Vec<u8>>,
    /// False when an earlier chunk of this batch already journaled the
    /// key's before-image (see `Batch::rejournal_needed`).
    journal: bool,
}

/// Where the before-image of a key comes from.
enum Before {
    /// Read it from the book.
    Read,
    /// The caller read it through the batch (or knows it absent).
    Known(Option<Vec<u8>>),
}

/// FNV-1a for the overlay's byte keys: SipHash showed up in profiles.
#[derive(Default)]
struct FnvHasher(u64);

impl std::hash::Hasher for FnvHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h = (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type FnvMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<FnvHasher>>;

pub struct Batch<'b> {
    book: &'b Book,
    _writer: MutexGuard<'b, ()>,
    id: u64,
    kind: String,
    undoable: bool,
    chunk_seq: u32,
    /// The pending chunk in first-touch order (the journal replays in
    /// order), and where each key sits in it.
    slots: Vec<Slot>,
    slot_of: HashMap<TreeId, FnvMap<Vec<u8>, usize>>,
    /// Owner-index changes not yet written to their buckets.
    pending_owners: owners::PendingOwners,
    touched: HashSet<String>,
    audit_seq: u32,
    committed: bool,
    /// Bytes of values held in `pending` (before- and after-images).
    pending_bytes: usize,
    /// Owner buckets whose before-image an earlier chunk journaled.
    journaled_buckets: HashSet<Vec<u8>>,
}

pub fn now_micros() -> i64 {
    chrono::Utc::now().timestamp_micros()
}

impl Book {
    /// Starts a batch. Only one batch runs at a time; others wait.
    pub fn begin(&self, kind: &str, undoable: bool) -> Result<Batch<'_>> {
        let writer = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        let meta = self.tree(TreeId::Meta);
        let id = meta
            .get("last_batch")?
            .and_then(|v| keys::read_u64_be(&v))
            .unwrap_or(0)
            + 1;
        meta.insert("last_batch", &keys::u64_be(id))?;
        Ok(Batch {
            book: self,
            _writer: writer,
            id,
            kind: kind.to_string(),
            undoable,
            chunk_seq: 0,
            slots: Vec::new(),
            slot_of: HashMap::new(),
            pending_owners: owners::PendingOwners::default(),
            touched: HashSet::new(),
            audit_seq: 0,
            committed: false,
            pending_bytes: 0,
            journaled_buckets: HashSet::new(),
        })
    }

    pub fn batch_info(&self, id: u64) -> Result<Option<BatchInfo>> {
        match self.tree(TreeId::Batches).get(keys::u64_be(id))? {
            Some(v) => Ok(Some(codec::decode(&v, &|| format!("batches/{id}"))?)),
            None => Ok(None),
        }
    }

    /// Committed batches, newest first.
    pub fn batches(&self) -> impl Iterator<Item = Result<BatchInfo>> + '_ {
        self.tree(TreeId::Batches).iter().rev().map(|entry| {
            let (key, value) = entry?;
            codec::decode(&value, &|| format!("batches/{:?}", keys::read_u64_be(&key)))
        })
    }

    /// Audit entries at or after `since_micros`, oldest first.
    pub fn audit_since(&self, since_micros: i64) -> impl Iterator<Item = Result<AuditEntry>> + '_ {
        let start = keys::u64_be(since_micros.max(0) as u64);
        self.tree(TreeId::Audit).range(start..).map(|entry| {
            let (_, value) = entry?;
            codec::decode(&value, &|| "audit".to_string())
        })
    }

    /// Customer ids whose classification is stale, and whether a full pass
    /// was requested instead.
    pub fn dirty_customers(&self) -> Result<(bool, Vec<String>)> {
        let full = self.meta_get(FULL_RECLASS_KEY)?.is_some();
        let ids = self
            .tree(TreeId::Dirty)
            .iter()
            .keys()
            .map(|k| Ok(String::from_utf8_lossy(&k?).into_owned()))
            .collect::<Result<Vec<_>>>()?;
        Ok((full, ids))
    }

    /// Called by the engine once the given customers' results are stored.
    pub fn clear_dirty(&self, ids: &[String], full: bool) -> Result<()> {
        let dirty = self.tree(TreeId::Dirty);
        if full {
            dirty.clear()?;
            self.tree(TreeId::Meta).remove(FULL_RECLASS_KEY)?;
        } else {
            for id in ids {
                dirty.remove(id.as_bytes())?;
            }
        }
        self.flush()
    }
}

impl<'b> Batch<'b> {
    pub fn id(&self) -> u64 {
        self.id
    }

    pub fn book(&self) -> &'b Book {
        self.book
    }

    fn slot(&self, tree: TreeId, key: &[u8]) -> Option<usize> {
        self.slot_of.get(&tree)?.get(key).copied()
    }

    /// Reads through the pending overlay.
    pub fn read(&self, tree: TreeId, key: &[u8]) -> Result<Option<Vec<u8>>> {
        self.read_with(tree, key, |v| v.map(<[u8]>::to_vec))
    }

    /// Reads through the pending overlay without copying the value.
    pub fn read_with<T>(
        &self,
        tree: TreeId,
        key: &[u8],
        f: impl FnOnce(Option<&[u8]>) -> T,
    ) -> Result<T> {
        if let Some(i) = self.slot(tree, key) {
            return Ok(f(self.slots[i].after.as_deref()));
        }
        Ok(f(self.book.tree(tree).get(key)?.as_deref()))
    }

    /// Sets (or with `None` removes) one key.
    pub fn write(&mut self, tree: TreeId, key: Vec<u8>, after: Option<Vec<u8>>) -> Result<()> {
        self.set(tree, key, Before::Read, after)
    }

    /// Sets (or removes) a key whose value the caller has just read through
    /// this batch ([`Batch::read`]) and passes as `current`: it becomes the
    /// before-image without a second read. Anything else than the value the
    /// batch reads would make a rollback or an undo restore the wrong value.
    pub fn write_over(
        &mut self,
        tree: TreeId,
        key: Vec<u8>,
        current: Option<Vec<u8>>,
        after: Option<Vec<u8>>,
    ) -> Result<()> {
        self.set(tree, key, Before::Known(current), after)
    }

    fn set(
        &mut self,
        tree: TreeId,
        key: Vec<u8>,
        before: Before,
        after: Option<Vec<u8>>,
    ) -> Result<()> {
        self.pending_bytes += key.len() + after.as_ref().map_or(0, Vec::len);
        match self.slot(tree, &key) {
            // The slot keeps the before-image of its first write.
            Some(i) => self.slots[i].after = after,
            None => {
                let journal = self.rejournal_needed(tree, &key);
                let before = match (journal, before) {
                    (false, _) => None,
                    (true, Before::Known(value)) => value,
                    (true, Before::Read) => self.book.tree(tree).get(&key)?.map(|v| v.to_vec()),
                };
                self.pending_bytes += before.as_ref().map_or(0, Vec::len);
                self.slot_of
                    .entry(tree)
                    .or_default()
                    .insert(key.clone(), self.slots.len());
                self.slots.push(Slot {
                    tree,
                    key,
                    before,
                    after,
                    journal,
                });
            }
        }
        if self.slots.len() >= CHUNK_OPS || self.pending_bytes >= CHUNK_BYTES {
            self.flush_chunk()?;
        }
        Ok(())
    }

    /// Whether a key's before-image must go into the journal. A big batch
    /// rewrites every owner bucket at each owner flush; rolling back needs
    /// only the bucket's image from before the batch, which the first chunk
    /// that touched it journaled (re-journaling each rewrite cost gigabytes
    /// at a million customers). Undoable batches keep every image: `undo`
    /// compares after-images chunk by chunk.
    fn rejournal_needed(&self, tree: TreeId, key: &[u8]) -> bool {
        self.undoable || tree != TreeId::Owners || !self.journaled_buckets.contains(key)
    }

    /// Reads a record by id through the overlay.
    pub fn get<R: Record>(&self, id: &str) -> Result<Option<R>> {
        if R::GROUPED {
            let Some(owner) = self.owner_in(owners::kind_of_table(R::TABLE), id)? else {
                return Ok(None);
            };
            return Ok(grouped::take(self.group::<R>(&owner)?, id));
        }
        self.read_with(R::TREE, id.as_bytes(), |bytes| {
            bytes
                .map(|b| decode_record::<R>(id.as_bytes(), b))
                .transpose()
        })?
    }

    /// Inserts or replaces a record with its indexes; returns the previous.
    pub fn put<R: Record>(&mut self, record: &R) -> Result<Option<R>> {
        if R::GROUPED {
            return self.put_grouped(record);
        }
        let previous = self.get::<R>(record.id())?;
        let new_index = record.index_entries();
        let old_index = previous
            .as_ref()
            .map(|p| p.index_entries())
            .unwrap_or_default();
        for entry in &old_index {
            if !new_index.contains(entry) {
                self.write(entry.0, entry.1.clone(), None)?;
            }
        }
        self.write(R::TREE, record.primary_key(), Some(codec::encode(record)))?;
        for entry in new_index {
            if !old_index.contains(&entry) {
                self.write(entry.0, entry.1, Some(Vec::new()))?;
            }
        }
        if let Some(prev) = &previous {
            self.touch_record(prev);
        }
        self.touch_record(record);
        Ok(previous)
    }

    /// Inserts a record whose id the caller has just found absent through
    /// this batch (a fresh task id), with its index entries. None of its
    /// keys is read: the record is absent, and its index keys hold its id,
    /// so in a consistent book they are absent too.
    pub fn put_new<R: Record>(&mut self, record: &R) -> Result<()> {
        if R::GROUPED {
            return self.update_group(record.customer_id(), |group: &mut Vec<R>| {
                group.push(record.clone());
                Ok(())
            });
        }
        let key = record.primary_key();
        debug_assert!(
            self.read_with(R::TREE, &key, |v| v.is_none())
                .unwrap_or(true),
            "put_new on an existing record"
        );
        self.set(
            R::TREE,
            key,
            Before::Known(None),
            Some(codec::encode(record)),
        )?;
        for (tree, key) in record.index_entries() {
            self.set(tree, key, Before::Known(None), Some(Vec::new()))?;
        }
        self.touch_record(record);
        Ok(())
    }

    /// Marks the record's customer for reclassification if the
    /// classification reads such records.
    fn touch_record<R: Record>(&mut self, record: &R) {
        if R::CLASSIFIED && !self.touched.contains(record.customer_id()) {
            self.touched.insert(record.customer_id().to_string());
        }
    }

    /// Removes a record with its indexes; returns it if it existed.
    pub fn delete<R: Record>(&mut self, id: &str) -> Result<Option<R>> {
        if R::GROUPED {
            let Some(owner) = self.owner_in(owners::kind_of_table(R::TABLE), id)? else {
                return Ok(None);
            };
            return self.update_group(&owner, |group: &mut Vec<R>| {
                Ok(grouped::position(group, id).ok().map(|i| group.remove(i)))
            });
        }
        let Some(prev) = self.get::<R>(id)? else {
            return Ok(None);
        };
        for entry in prev.index_entries() {
            self.write(entry.0, entry.1, None)?;
        }
        self.write(R::TREE, prev.primary_key(), None)?;
        self.touch_record(&prev);
        Ok(Some(prev))
    }

    /// The customer holding a child, seeing this batch's own changes.
    pub fn owner_of<C: Child>(&self, id: &str) -> Result<Option<String>> {
        self.owner_in(owners::kind_of::<C>(), id)
    }

    fn owner_in(&self, kind: u8, id: &str) -> Result<Option<String>> {
        if let Some(owner) = self.pending_owners.get(kind, id) {
            return Ok(owner);
        }
        self.read_with(TreeId::Owners, &owners::bucket_key(kind, id), |bucket| {
            owners::lookup_encoded(bucket, id)
        })?
    }

    /// A customer's records of a grouped table (tasks), by id, seeing this
    /// batch's own changes.
    pub fn group<R: Record>(&self, customer_id: &str) -> Result<Vec<R>> {
        let key = customer_id.as_bytes();
        self.read_with(R::TREE, key, |bytes| grouped::decode::<R>(key, bytes))?
    }

    /// Reads a customer's records of a grouped table once, lets `change`
    /// add, replace or remove records (any order: they are sorted after,
    /// and two with one id are refused), and writes the group back if it
    /// changed, keeping the owner index in step with the ids added and
    /// removed. The caller makes sure an added id is not held by another
    /// customer.
    pub fn update_group<R: Record, T>(
        &mut self,
        customer_id: &str,
        change: impl FnOnce(&mut Vec<R>) -> Result<T>,
    ) -> Result<T> {
        let key = customer_id.as_bytes();
        let current = self.read(R::TREE, key)?;
        let before = grouped::decode::<R>(key, current.as_deref())?;
        let mut group = before.clone();
        let out = change(&mut group)?;
        grouped::sort(key, &mut group)?;
        let after = grouped::encode(&group);
        if after != current {
            self.reown(customer_id, &before, &group)?;
            self.write_over(R::TREE, key.to_vec(), current, after)?;
        }
        Ok(out)
    }

    /// Keeps the owner index in step with a customer's group going from
    /// `before` to `after` (both in id order).
    fn reown<R: Record>(&mut self, customer_id: &str, before: &[R], after: &[R]) -> Result<()> {
        let kind = owners::kind_of_table(R::TABLE);
        let (gone, added) = grouped::id_changes(before, after);
        for id in gone {
            self.set_owner_in(kind, id, None)?;
        }
        for id in added {
            self.set_owner_in(kind, id, Some(customer_id))?;
        }
        Ok(())
    }

    /// Stores the records of a customer that holds none of their table yet
    /// (the caller knows it: a playbook run knows which customers hold
    /// tasks), without reading its key. None of the ids may be held by
    /// another customer.
    pub fn put_new_group<R: Record>(&mut self, customer_id: &str, mut group: Vec<R>) -> Result<()> {
        let key = customer_id.as_bytes();
        debug_assert!(
            self.read_with(R::TREE, key, |v| v.is_none())
                .unwrap_or(true),
            "put_new_group on a customer holding records"
        );
        grouped::sort(key, &mut group)?;
        let kind = owners::kind_of_table(R::TABLE);
        for record in &group {
            self.set_owner_in(kind, record.id(), Some(customer_id))?;
        }
        self.set(
            R::TREE,
            key.to_vec(),
            Before::Known(None),
            grouped::encode(&group),
        )
    }

    /// Sets a group's stored value to `value` (an undo's before-image),
    /// `current` being what the batch reads there ([`Batch::write_over`]),
    /// and the owner index to match.
    pub fn restore_group<R: Record>(
        &mut self,
        key: Vec<u8>,
        current: Option<Vec<u8>>,
        value: Option<Vec<u8>>,
    ) -> Result<()> {
        let now = grouped::decode::<R>(&key, current.as_deref())?;
        let then = grouped::decode::<R>(&key, value.as_deref())?;
        self.reown(&String::from_utf8_lossy(&key), &now, &then)?;
        self.write_over(R::TREE, key, current, value)
    }

    /// Inserts or replaces a grouped record (moving it if its customer
    /// changed); returns the previous.
    fn put_grouped<R: Record>(&mut self, record: &R) -> Result<Option<R>> {
        let owner = self.owner_in(owners::kind_of_table(R::TABLE), record.id())?;
        let previous = match owner {
            // Moved to another customer: out of the old one's group first.
            Some(old) if old != record.customer_id() => self.delete::<R>(record.id())?,
            _ => None,
        };
        let replaced = self.update_group(record.customer_id(), |group: &mut Vec<R>| {
            Ok(match grouped::position(group, record.id()) {
                Ok(i) => Some(std::mem::replace(&mut group[i], record.clone())),
                Err(i) => {
                    group.insert(i, record.clone());
                    None
                }
            })
        })?;
        Ok(previous.or(replaced))
    }

    /// Records (or with `None` clears) which customer holds a child. Callers
    /// that write whole docs (the importer) keep this in step themselves;
    /// [`Batch::put_child`] does it for single edits.
    pub fn set_owner<C: Child>(&mut self, id: &str, owner: Option<&str>) -> Result<()> {
        self.set_owner_in(owners::kind_of::<C>(), id, owner)
    }

    fn set_owner_in(&mut self, kind: u8, id: &str, owner: Option<&str>) -> Result<()> {
        self.pending_owners.set(kind, id, owner);
        if self.pending_owners.bytes() >= OWNER_BYTES_HELD {
            self.flush_owners()?;
        }
        Ok(())
    }

    /// Inserts or replaces one location, policy, claim or interaction in its
    /// customer's doc (moving it if its customer changed); returns the
    /// previous. For single edits: bulk writers group by customer instead.
    pub fn put_child<C: Child>(&mut self, child: C) -> Result<Option<C>> {
        let customer_id = child.customer_id().to_string();
        let mut previous = None;
        if let Some(old_owner) = self.owner_of::<C>(child.id())? {
            if old_owner != customer_id {
                if let Some(mut old_doc) = self.get::<CustomerDoc>(&old_owner)? {
                    previous = old_doc.remove::<C>(child.id());
                    self.put(&old_doc)?;
                }
            }
        }
        let mut doc = self
            .get::<CustomerDoc>(&customer_id)?
            .ok_or_else(|| owners::missing_customer(&customer_id))?;
        let id = child.id().to_string();
        let replaced = doc.upsert(child);
        self.put(&doc)?;
        self.set_owner::<C>(&id, Some(&customer_id))?;
        Ok(previous.or(replaced))
    }

    /// Removes one child from its customer's doc; returns it.
    pub fn delete_child<C: Child>(&mut self, id: &str) -> Result<Option<C>> {
        let Some(owner) = self.owner_of::<C>(id)? else {
            return Ok(None);
        };
        let Some(mut doc) = self.get::<CustomerDoc>(&owner)? else {
            return Ok(None);
        };
        let removed = doc.remove::<C>(id);
        self.put(&doc)?;
        self.set_owner::<C>(id, None)?;
        Ok(removed)
    }

    /// Writes the held owner changes into their buckets.
    fn flush_owners(&mut self) -> Result<()> {
        for (key, changes) in self.pending_owners.take() {
            let value = self.read_with(TreeId::Owners, &key, |old| {
                owners::merge_encoded(old, changes)
            })??;
            self.write(TreeId::Owners, key, value)?;
        }
        Ok(())
    }

    /// Appends an audit entry (written with the batch, so it is as atomic).
    pub fn audit(
        &mut self,
        action: &str,
        target: &str,
        detail: &str,
        previous: Option<String>,
    ) -> Result<()> {
        let entry = AuditEntry {
            at_micros: now_micros(),
            user: self.book.user().to_string(),
            batch: self.id,
            action: action.to_string(),
            target: target.to_string(),
            detail: detail.to_string(),
            previous,
        };
        let mut key = keys::u64_be(entry.at_micros.max(0) as u64).to_vec();
        key.extend_from_slice(&keys::u64_be(self.id));
        key.extend_from_slice(&self.audit_seq.to_be_bytes());
        self.audit_seq += 1;
        self.write(TreeId::Audit, key, Some(codec::encode(&entry)))
    }

    /// Marks a customer as changed by this batch (for reclassification),
    /// where the change was written with [`Batch::write`].
    pub fn touch(&mut self, customer_id: &str) {
        self.touched.insert(customer_id.to_string());
    }

    /// Customers whose data this batch changed so far.
    pub fn touched_customers(&self) -> &HashSet<String> {
        &self.touched
    }

    /// Journals the pending chunk (flushed), then applies it.
    fn flush_chunk(&mut self) -> Result<()> {
        if self.slots.is_empty() {
            return Ok(());
        }
        self.pending_bytes = 0;
        self.slot_of.clear();
        let slots = std::mem::take(&mut self.slots);
        let mut afters = Vec::with_capacity(slots.len());
        let mut chunk = JournalChunk {
            entries: Vec::with_capacity(slots.len()),
        };
        for slot in slots {
            if slot.journal {
                if slot.tree == TreeId::Owners && !self.undoable {
                    self.journaled_buckets.insert(slot.key.clone());
                }
                chunk.entries.push(JournalEntry {
                    tree: slot.tree.tag(),
                    key: slot.key.clone(),
                    before: slot.before,
                    after: if self.undoable {
                        AfterImage::of(slot.after.as_deref())
                    } else {
                        AfterImage::NotKept
                    },
                });
            }
            afters.push((slot.tree, slot.key, slot.after));
        }
        let meta = self.book.tree(TreeId::Meta);
        meta.insert(OPEN_BATCH_KEY, &keys::u64_be(self.id))?;
        self.book.tree(TreeId::Journal).insert(
            journal::chunk_key(self.id, self.chunk_seq),
            codec::encode(&chunk),
        )?;
        self.chunk_seq += 1;
        // The before-images must be durable before any change they cover.
        self.book.flush()?;
        drop(chunk);
        apply(self.book, afters)
    }

    /// Makes the whole batch durable and visible; returns its record.
    pub fn commit(mut self, description: &str) -> Result<BatchInfo> {
        self.flush_owners()?;
        let touched: Vec<String> = self.touched.iter().cloned().collect();
        if touched.len() > DIRTY_LIST_LIMIT {
            self.write(
                TreeId::Meta,
                FULL_RECLASS_KEY.as_bytes().to_vec(),
                Some(vec![1]),
            )?;
        } else {
            for id in touched {
                self.write(TreeId::Dirty, id.into_bytes(), Some(Vec::new()))?;
            }
        }
        let info = BatchInfo {
            id: self.id,
            kind: self.kind.clone(),
            user: self.book.user().to_string(),
            at_micros: now_micros(),
            description: description.to_string(),
            undoable: self.undoable,
            undone_by: None,
        };
        self.write(
            TreeId::Batches,
            keys::u64_be(self.id).to_vec(),
            Some(codec::encode(&info)),
        )?;
        self.flush_chunk()?;
        self.book.tree(TreeId::Meta).remove(OPEN_BATCH_KEY)?;
        self.book.flush()?;
        self.committed = true;
        if self.undoable {
            journal::prune(self.book)?;
        } else {
            journal::forget(self.book, self.id)?;
        }
        Ok(info)
    }
}

impl Drop for Batch<'_> {
    /// A batch dropped without commit (an error on the way) is rolled back
    /// at once; if that fails too, the next open rolls it back.
    fn drop(&mut self) {
        if !self.committed && self.chunk_seq > 0 {
            if let Err(e) = journal::roll_back(self.book, self.id) {
                eprintln!("pcrm: rolling back batch {} failed ({e}); it will be rolled back when the book is next opened", self.id);
            }
        }
    }
}

/// Applies a journaled chunk (each key occurs once in it, so the order is
/// free). Sorted by tree and key, sled meets each tree's leaves in order:
/// removing keys in ascending order measured a third cheaper than in the
/// descending order an undo produces. Plain inserts: `apply_batch` measured
/// slower, and switches every later sled call of the process to a global
/// lock; two threads applying different trees measured no faster either.
fn apply(book: &Book, mut afters: Vec<(TreeId, Vec<u8>, Option<Vec<u8>>)>) -> Result<()> {
    afters.sort_unstable_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    for (tree, key, after) in afters {
        let tree = book.tree(tree);
        match after {
            Some(value) => tree.insert(key, value)?,
            None => tree.remove(key)?,
        };
    }
    Ok(())
}
