//! How each stored record lies in sled: its tree, its key and the index trees
//! kept beside it. A customer is stored whole with its locations, policies,
//! claims and interactions (`CustomerDoc`); a customer's tasks are stored
//! together, one value per customer (`grouped.rs`). The ids of children and
//! tasks are found through the bucketed `owners` tree.

use super::keys;
use crate::model::{CustomerDoc, Task};
use serde::{de::DeserializeOwned, Serialize};

/// Every tree of the book. The names are the sled tree names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TreeId {
    Meta,
    Journal,
    Audit,
    Batches,
    Dirty,
    Customers,
    CustomersByTag,
    Owners,
    /// Since book version 3: one value per customer, its tasks sorted by id.
    Tasks,
    /// No longer kept (book version 3): one key per task, by id. Named
    /// still because journal entries refer to trees by position, and the
    /// migration reads it.
    TasksById,
    /// No longer kept (book version 3), as `TasksById`.
    TasksByCustomer,
    /// No longer kept (book version 2): only `pcrm task list` read it, and
    /// it reads every task anyway. Named still as `TasksById`.
    TasksByDue,
    /// No longer kept (book version 2), as `TasksByDue`.
    TasksByAssignee,
    Classification,
    LabelHistory,
}

impl TreeId {
    /// In journal tag order: a new tree goes at the end.
    pub const ALL: [TreeId; 15] = [
        TreeId::Meta,
        TreeId::Journal,
        TreeId::Audit,
        TreeId::Batches,
        TreeId::Dirty,
        TreeId::Customers,
        TreeId::CustomersByTag,
        TreeId::Owners,
        TreeId::TasksById,
        TreeId::TasksByCustomer,
        TreeId::TasksByDue,
        TreeId::TasksByAssignee,
        TreeId::Classification,
        TreeId::LabelHistory,
        TreeId::Tasks,
    ];

    pub fn name(self) -> &'static str {
        match self {
            TreeId::Meta => "meta",
            TreeId::Journal => "journal",
            TreeId::Audit => "audit",
            TreeId::Batches => "batches",
            TreeId::Dirty => "dirty",
            TreeId::Customers => "customers",
            TreeId::CustomersByTag => "customers.by_tag",
            TreeId::Owners => "owners",
            TreeId::Tasks => "customer_tasks",
            TreeId::TasksById => "tasks",
            TreeId::TasksByCustomer => "tasks.by_customer",
            TreeId::TasksByDue => "tasks.by_due",
            TreeId::TasksByAssignee => "tasks.by_assignee",
            TreeId::Classification => "classification",
            TreeId::LabelHistory => "label_history",
        }
    }

    /// Stable one-byte tag used in the journal.
    pub fn tag(self) -> u8 {
        TreeId::ALL
            .iter()
            .position(|t| *t == self)
            .expect("every TreeId is in ALL") as u8
    }

    pub fn from_tag(tag: u8) -> Option<TreeId> {
        TreeId::ALL.get(usize::from(tag)).copied()
    }
}

/// An index entry: a key in an index tree, with an empty value.
pub type IndexEntry = (TreeId, Vec<u8>);

/// A stored entity.
pub trait Record: Serialize + DeserializeOwned + Clone + 'static {
    /// The table name of data-formats.md (`customers`, `policies`, ...).
    const TABLE: &'static str;
    /// The tree holding the records.
    const TREE: TreeId;
    /// Whether the classification reads these records: a batch that changes
    /// one marks its customer for reclassification.
    const CLASSIFIED: bool;
    /// Whether the records are stored grouped by customer (the key is the
    /// customer id, the value its records sorted by id, and an id is found
    /// through the `owners` index) rather than one per key by id.
    const GROUPED: bool;

    fn id(&self) -> &str;
    fn customer_id(&self) -> &str;
    /// The key the record is stored under: its id, or its customer's id if
    /// grouped.
    fn primary_key(&self) -> Vec<u8>;
    /// Index entries besides the id index.
    fn index_entries(&self) -> Vec<IndexEntry>;
}

/// The `customers.by_tag` key of a customer carrying a tag.
pub fn tag_key(tag: &str, customer_id: &str) -> Vec<u8> {
    keys::composite(&[tag.as_bytes(), customer_id.as_bytes()])
}

impl Record for CustomerDoc {
    const TABLE: &'static str = "customers";
    const TREE: TreeId = TreeId::Customers;
    const CLASSIFIED: bool = true;
    const GROUPED: bool = false;

    fn id(&self) -> &str {
        &self.customer.id
    }
    fn customer_id(&self) -> &str {
        &self.customer.id
    }
    fn primary_key(&self) -> Vec<u8> {
        self.customer.id.as_bytes().to_vec()
    }
    fn index_entries(&self) -> Vec<IndexEntry> {
        self.customer
            .tags
            .iter()
            .map(|tag| (TreeId::CustomersByTag, tag_key(tag, &self.customer.id)))
            .collect()
    }
}

impl Record for Task {
    const TABLE: &'static str = "tasks";
    const TREE: TreeId = TreeId::Tasks;
    const CLASSIFIED: bool = false;
    /// A campaign then writes one key per customer instead of a key per
    /// task plus an index key, and a playbook reads each customer's tasks
    /// with one read (docs/storage.md).
    const GROUPED: bool = true;

    fn id(&self) -> &str {
        &self.id
    }
    fn customer_id(&self) -> &str {
        &self.customer_id
    }
    fn primary_key(&self) -> Vec<u8> {
        self.customer_id.as_bytes().to_vec()
    }
    /// None: the customer's tasks are its key, their ids are in `owners`,
    /// and every other reader of tasks (the Tasks pane, `task list`) reads
    /// them all.
    fn index_entries(&self) -> Vec<IndexEntry> {
        Vec::new()
    }
}
