//! How each stored record lies in sled: its tree, its key and the index trees
//! kept beside it. A customer is stored whole with its locations, policies,
//! claims and interactions (`CustomerDoc`); tasks are records of their own.
//! The children's ids are found through the bucketed `owners` tree.

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
    Tasks,
    TasksByCustomer,
    /// No longer kept (book version 2): only `pcrm task list` read it, and
    /// it reads every task anyway. Named still because journal entries
    /// refer to trees by position and the migration empties it.
    TasksByDue,
    /// No longer kept (book version 2), as `TasksByDue`.
    TasksByAssignee,
    Classification,
    LabelHistory,
}

impl TreeId {
    pub const ALL: [TreeId; 14] = [
        TreeId::Meta,
        TreeId::Journal,
        TreeId::Audit,
        TreeId::Batches,
        TreeId::Dirty,
        TreeId::Customers,
        TreeId::CustomersByTag,
        TreeId::Owners,
        TreeId::Tasks,
        TreeId::TasksByCustomer,
        TreeId::TasksByDue,
        TreeId::TasksByAssignee,
        TreeId::Classification,
        TreeId::LabelHistory,
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
            TreeId::Tasks => "tasks",
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

    fn id(&self) -> &str;
    fn customer_id(&self) -> &str;
    fn primary_key(&self) -> Vec<u8>;
    /// Index entries besides the id index.
    fn index_entries(&self) -> Vec<IndexEntry>;
}

/// The `customers.by_tag` key of a customer carrying a tag.
pub fn tag_key(tag: &str, customer_id: &str) -> Vec<u8> {
    keys::composite(&[tag.as_bytes(), customer_id.as_bytes()])
}

fn child_key(customer_id: &str, id: &str) -> Vec<u8> {
    keys::composite(&[customer_id.as_bytes(), id.as_bytes()])
}

impl Record for CustomerDoc {
    const TABLE: &'static str = "customers";
    const TREE: TreeId = TreeId::Customers;
    const CLASSIFIED: bool = true;

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

    fn id(&self) -> &str {
        &self.id
    }
    fn customer_id(&self) -> &str {
        &self.customer_id
    }
    fn primary_key(&self) -> Vec<u8> {
        self.id.as_bytes().to_vec()
    }
    /// Only the customer's tasks are indexed: every other reader of tasks
    /// (the Tasks pane, `task list`) reads them all, and each index key is
    /// a sled write more for every task of a campaign.
    fn index_entries(&self) -> Vec<IndexEntry> {
        vec![(
            TreeId::TasksByCustomer,
            child_key(&self.customer_id, &self.id),
        )]
    }
}
