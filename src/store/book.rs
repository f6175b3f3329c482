//! The book: a sled database of one tree per entity, opened under a lock.

use super::codec;
use super::error::{Result, StoreError};
use super::grouped;
use super::journal;
use super::keys;
use super::lock::BookLock;
use super::migrate;
use super::owners;
use super::records::{Record, TreeId};
use crate::model::{Child, CustomerDoc, Task};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// sled's page cache for batch work (imports, passes, the CLI). The setting
/// is a soft hint (measured RSS runs several times over it), so it is kept
/// well below the 1 GiB default.
const CACHE_BYTES: u64 = 128 * 1024 * 1024;

/// sled's page cache for the UI, which holds the roster and the search
/// index besides and reads single customers: at a million customers each
/// 32 MB of setting measured about 80 MB of RSS (`pcrm bench ui`: peak
/// 984 MB at 64 MB, 900 MB at 32 MB). The UI's passes over the book stream
/// it once, so they gain nothing from a bigger cache.
pub const UI_CACHE_BYTES: u64 = 32 * 1024 * 1024;

pub struct Book {
    path: PathBuf,
    db: sled::Db,
    trees: HashMap<TreeId, sled::Tree>,
    user: String,
    /// Serialises batches: one writer at a time (the journal has one slot).
    pub(super) writer: Mutex<()>,
    _lock: BookLock,
}

impl Book {
    /// Opens (creating if needed) the book at `path` for `user`, recovering
    /// an interrupted batch and migrating an older schema.
    pub fn open(path: &Path, user: &str) -> Result<Book> {
        Book::open_with_cache(path, user, CACHE_BYTES)
    }

    /// [`Book::open`] with sled's cache set to `cache_bytes`.
    pub fn open_with_cache(path: &Path, user: &str, cache_bytes: u64) -> Result<Book> {
        std::fs::create_dir_all(path).map_err(|source| StoreError::Create {
            path: path.to_path_buf(),
            source,
        })?;
        let lock = BookLock::acquire(path, user)?;
        let db = open_sled(&path.join("db"), cache_bytes)?;
        let mut trees = HashMap::new();
        for id in TreeId::ALL {
            trees.insert(id, db.open_tree(id.name())?);
        }
        let mut book = Book {
            path: path.to_path_buf(),
            db,
            trees,
            user: user.to_string(),
            writer: Mutex::new(()),
            _lock: lock,
        };
        journal::recover(&book)?;
        migrate::migrate(&mut book)?;
        Ok(book)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn user(&self) -> &str {
        &self.user
    }

    pub fn tree(&self, id: TreeId) -> &sled::Tree {
        // Every TreeId is opened in `open`: a miss is a bug.
        &self.trees[&id]
    }

    /// Empties a tree at once: sled drops its pages rather than removing
    /// its keys one by one. For migrations.
    pub(super) fn empty_tree(&mut self, id: TreeId) -> Result<()> {
        self.db.drop_tree(id.name())?;
        self.trees.insert(id, self.db.open_tree(id.name())?);
        Ok(())
    }

    /// Makes every write so far durable.
    pub fn flush(&self) -> Result<()> {
        self.db.flush()?;
        Ok(())
    }

    /// Bytes on disk of the sled database.
    pub fn disk_bytes(&self) -> Result<u64> {
        Ok(self.db.size_on_disk()?)
    }

    // ---- meta -----------------------------------------------------------

    pub fn meta_get(&self, key: &str) -> Result<Option<Vec<u8>>> {
        Ok(self.tree(TreeId::Meta).get(key)?.map(|v| v.to_vec()))
    }

    /// Writes a meta value and flushes it (meta values are acknowledged
    /// state: rules in force, as-of date).
    pub fn meta_put(&self, key: &str, value: &[u8]) -> Result<()> {
        self.tree(TreeId::Meta).insert(key, value)?;
        self.flush()
    }

    pub fn meta_get_string(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .meta_get(key)?
            .map(|v| String::from_utf8_lossy(&v).into_owned()))
    }

    // ---- typed reads ----------------------------------------------------

    /// The record with this id (a customer with its holdings, or a task).
    pub fn get<R: Record>(&self, id: &str) -> Result<Option<R>> {
        if R::GROUPED {
            let Some(owner) = self.owner_in(owners::kind_of_table(R::TABLE), id)? else {
                return Ok(None);
            };
            let key = owner.as_bytes();
            let group = grouped::decode::<R>(key, self.tree(R::TREE).get(key)?.as_deref())?;
            return Ok(grouped::take(group, id));
        }
        match self.tree(R::TREE).get(id.as_bytes())? {
            Some(bytes) => Ok(Some(decode_record::<R>(id.as_bytes(), &bytes)?)),
            None => Ok(None),
        }
    }

    pub fn contains<R: Record>(&self, id: &str) -> Result<bool> {
        if R::GROUPED {
            return Ok(self
                .owner_in(owners::kind_of_table(R::TABLE), id)?
                .is_some());
        }
        Ok(self.tree(R::TREE).contains_key(id.as_bytes())?)
    }

    /// Whether any record's id starts with `prefix`.
    pub fn any_id_with_prefix<R: Record>(&self, prefix: &str) -> Result<bool> {
        if R::GROUPED {
            let mut found = false;
            self.for_each_owned::<R>(&mut |id, _| found |= id.starts_with(prefix))?;
            return Ok(found);
        }
        Ok(self
            .tree(R::TREE)
            .scan_prefix(prefix)
            .next()
            .transpose()?
            .is_some())
    }

    /// Every record of a table, in key order: by id, or if grouped by
    /// customer then id.
    pub fn scan<R: Record>(&self) -> impl Iterator<Item = Result<R>> + '_ {
        records_of(self.tree(R::TREE).iter())
    }

    /// Records whose key is in `from..` (for paging through a table).
    pub fn scan_from<R: Record>(&self, from: &str) -> impl Iterator<Item = Result<R>> + '_ {
        records_of(self.tree(R::TREE).range(from.as_bytes()..))
    }

    pub fn count(&self, tree: TreeId) -> usize {
        self.tree(tree).len()
    }

    /// How many records a table holds (grouped ones counted from the
    /// owner index, without reading them).
    pub fn record_count<R: Record>(&self) -> Result<usize> {
        match R::GROUPED {
            true => self.count_of_kind(owners::kind_of_table(R::TABLE)),
            false => Ok(self.count(R::TREE)),
        }
    }

    /// Calls `f` with the id and the customer of every record of a grouped
    /// table (from the owner index, without reading the records), in no
    /// useful order.
    pub fn for_each_owned<R: Record>(&self, f: &mut impl FnMut(&str, &str)) -> Result<()> {
        let kind = owners::kind_of_table(R::TABLE);
        for entry in self.tree(TreeId::Owners).scan_prefix([kind]) {
            owners::for_each_entry(&entry?.1, f)?;
        }
        Ok(())
    }

    /// A customer with its locations, policies, claims and interactions.
    pub fn doc(&self, customer_id: &str) -> Result<Option<CustomerDoc>> {
        self.get::<CustomerDoc>(customer_id)
    }

    /// The customer holding the child with this id.
    pub fn owner_of<C: Child>(&self, id: &str) -> Result<Option<String>> {
        self.owner_in(owners::kind_of::<C>(), id)
    }

    fn owner_in(&self, kind: u8, id: &str) -> Result<Option<String>> {
        let key = owners::bucket_key(kind, id);
        owners::lookup_encoded(self.tree(TreeId::Owners).get(key)?.as_deref(), id)
    }

    /// A location, policy, claim or interaction by its own id.
    pub fn child<C: Child>(&self, id: &str) -> Result<Option<C>> {
        let Some(owner) = self.owner_of::<C>(id)? else {
            return Ok(None);
        };
        Ok(self.doc(&owner)?.and_then(|doc| doc.find::<C>(id).cloned()))
    }

    /// Counts of every child table, from the owner index (no doc is read).
    pub fn child_count<C: Child>(&self) -> Result<usize> {
        self.count_of_kind(owners::kind_of::<C>())
    }

    fn count_of_kind(&self, kind: u8) -> Result<usize> {
        let mut total = 0;
        for entry in self.tree(TreeId::Owners).scan_prefix([kind]) {
            let (_, bytes) = entry?;
            total += owners::decode_bucket(Some(&bytes))?.len();
        }
        Ok(total)
    }

    /// The follow-up tasks of one customer, by id.
    pub fn tasks_of(&self, customer_id: &str) -> Result<Vec<Task>> {
        let key = customer_id.as_bytes();
        grouped::decode(key, self.tree(TreeId::Tasks).get(key)?.as_deref())
    }

    /// The part after `prefix` of every key of an index that starts with it.
    fn index_suffixes(&self, tree: TreeId, prefix: &[u8]) -> Result<Vec<String>> {
        self.tree(tree)
            .scan_prefix(prefix)
            .keys()
            .map(|k| Ok(String::from_utf8_lossy(&k?[prefix.len()..]).into_owned()))
            .collect()
    }

    /// Ids of the customers carrying `tag`.
    pub fn customers_with_tag(&self, tag: &str) -> Result<Vec<String>> {
        self.index_suffixes(TreeId::CustomersByTag, &keys::prefix(tag))
    }
}

/// Opens sled, waiting out our own previous handle: sled's background
/// flusher keeps its file lock for a moment after the `Db` is dropped, so a
/// book closed and reopened by one process (demo, then the UI) can find it
/// still held. Our `pcrm.lock` is already ours, so no other process holds it.
fn open_sled(path: &Path, cache_bytes: u64) -> Result<sled::Db> {
    let config = sled::Config::new()
        .path(path)
        .cache_capacity(cache_bytes)
        .mode(sled::Mode::HighThroughput);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        match config.open() {
            Err(sled::Error::Io(e))
                if e.to_string().contains("could not acquire lock")
                    && std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            other => return Ok(other?),
        }
    }
}

/// The records of a stretch of a table's entries, one per key or, if
/// grouped, each key's records in turn.
fn records_of<R: Record>(
    entries: impl Iterator<Item = sled::Result<(sled::IVec, sled::IVec)>>,
) -> impl Iterator<Item = Result<R>> {
    entries.flat_map(|entry| {
        let decoded = entry
            .map_err(Into::into)
            .and_then(|(key, bytes)| match R::GROUPED {
                true => grouped::decode::<R>(&key, Some(&bytes)),
                false => decode_record::<R>(&key, &bytes).map(|r| vec![r]),
            });
        match decoded {
            Ok(records) => records.into_iter().map(Ok).collect::<Vec<_>>(),
            Err(e) => vec![Err(e)],
        }
    })
}

pub(super) fn decode_record<R: Record>(key: &[u8], bytes: &[u8]) -> Result<R> {
    codec::decode(bytes, &|| {
        format!("{}/{}", R::TREE.name(), String::from_utf8_lossy(key))
    })
}
