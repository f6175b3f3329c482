//! Follow-ups at scale: tags and tasks on many customers in one atomic,
//! undoable batch; task life cycle; interactions logged by hand; undo;
//! playbooks.

pub mod interactions;
pub mod playbooks;
mod stored_doc;
pub mod tags;
pub mod targets;
pub mod tasks;
pub mod undo;

/// What a batch change did: its id (for `undo`) and how many records changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchOutcome {
    pub batch_id: Option<u64>,
    pub changed: usize,
    pub unchanged: usize,
}
