//! The batch requests of the UI and how the writer thread runs them, each
//! one `followup` call (one atomic, audited, undoable batch), then read
//! back as [`Changes`].

use super::changes::{self, Changes};
use super::targets::counted;
use crate::classify::Rules;
use crate::followup::interactions::{self, NewInteraction};
use crate::followup::playbooks::{self, Playbook};
use crate::followup::tags::{self, TagAction};
use crate::followup::targets::{existing_customers, TargetError};
use crate::followup::tasks::{self, NewTask};
use crate::followup::undo::{self, UndoError};
use crate::store::{BatchInfo, Book, StoreError};
use chrono::NaiveDate;
use std::sync::Arc;

#[derive(Debug, Clone)]
pub enum BatchRequest {
    Tag {
        action: TagAction,
        tag: String,
        ids: Arc<[String]>,
    },
    AddTasks {
        task: Box<NewTask>,
        ids: Arc<[String]>,
    },
    LogInteraction {
        customer_id: String,
        interaction: Box<NewInteraction>,
    },
    /// Which batch `u` would undo.
    FindUndo,
    Undo {
        batch_id: u64,
    },
    Playbooks {
        rules: Box<Rules>,
        as_of: NaiveDate,
        dry_run: bool,
    },
}

impl BatchRequest {
    /// What the status line says while it runs.
    pub fn label(&self) -> &'static str {
        match self {
            BatchRequest::Tag {
                action: TagAction::Add,
                ..
            } => "tagging",
            BatchRequest::Tag { .. } => "untagging",
            BatchRequest::AddTasks { .. } => "creating tasks",
            BatchRequest::LogInteraction { .. } => "logging",
            BatchRequest::FindUndo => "finding the last batch",
            BatchRequest::Undo { .. } => "undoing",
            BatchRequest::Playbooks { dry_run: true, .. } => "playbooks (dry run)",
            BatchRequest::Playbooks { .. } => "running playbooks",
        }
    }
}

#[derive(Debug)]
pub enum BatchReply {
    /// A batch was committed (`batch_id`), or there was nothing to change.
    Done {
        message: String,
        batch_id: Option<u64>,
        /// The batch is a new change `u` can take back (an undo is not).
        undoable: bool,
        changes: Changes,
    },
    /// The batch `u` would undo; `None`: nothing left to undo.
    UndoCandidate(Option<BatchInfo>),
    /// A dry run: tasks each playbook would create, and how many exist.
    PlaybookCounts {
        counts: Vec<(Playbook, usize)>,
        already_there: usize,
    },
    /// Undo refused: something the batch changed was changed again since.
    Refused(String),
    Failed(String),
}

impl From<StoreError> for BatchReply {
    fn from(e: StoreError) -> BatchReply {
        BatchReply::Failed(e.to_string())
    }
}

impl From<TargetError> for BatchReply {
    fn from(e: TargetError) -> BatchReply {
        BatchReply::Failed(e.to_string())
    }
}

/// Runs one request on the calling (writer) thread.
pub fn run(book: &Book, request: BatchRequest) -> BatchReply {
    match request {
        BatchRequest::Tag { action, tag, ids } => tag_customers(book, action, &tag, ids),
        BatchRequest::AddTasks { task, ids } => add_tasks(book, &task, ids),
        BatchRequest::LogInteraction {
            customer_id,
            interaction,
        } => log_interaction(book, &customer_id, &interaction),
        BatchRequest::FindUndo => match undo::latest_undoable(book) {
            Ok(info) => BatchReply::UndoCandidate(info),
            Err(e) => e.into(),
        },
        BatchRequest::Undo { batch_id } => undo_batch(book, batch_id),
        BatchRequest::Playbooks {
            rules,
            as_of,
            dry_run,
        } => run_playbooks(book, &rules, as_of, dry_run),
    }
}

/// A `Done` reply for a committed batch (or nothing), its changes read back.
fn done(book: &Book, message: String, batch_id: Option<u64>, undoable: bool) -> BatchReply {
    let changes = match batch_id {
        Some(id) => match changes::of_batch(book, id) {
            Ok(changes) => changes,
            Err(e) => {
                return BatchReply::Failed(format!("batch {id} done, but reading it back: {e}"))
            }
        },
        None => Changes::default(),
    };
    BatchReply::Done {
        message,
        batch_id,
        undoable,
        changes,
    }
}

fn tag_customers(book: &Book, action: TagAction, tag: &str, ids: Arc<[String]>) -> BatchReply {
    let ids = match existing_customers(book, ids.to_vec()) {
        Ok(ids) => ids,
        Err(e) => return e.into(),
    };
    let outcome = match tags::apply(book, action, tag, &ids) {
        Ok(outcome) => outcome,
        Err(e) => return e.into(),
    };
    // Short: the status line has room for little more than the count, the
    // batch and how to undo it (the question showed the detail).
    let changed = counted(outcome.changed, "customer");
    let message = match (action, outcome.batch_id) {
        (TagAction::Add, Some(_)) => format!("tagged {changed} with {tag}"),
        (TagAction::Remove, Some(_)) => format!("removed tag {tag} from {changed}"),
        (TagAction::Add, None) => format!("nothing changed: every customer had {tag} already"),
        (TagAction::Remove, None) => format!("nothing changed: no customer had {tag}"),
    };
    done(book, message, outcome.batch_id, true)
}

fn add_tasks(book: &Book, task: &NewTask, ids: Arc<[String]>) -> BatchReply {
    let ids = match existing_customers(book, ids.to_vec()) {
        Ok(ids) => ids,
        Err(e) => return e.into(),
    };
    match tasks::add_for_customers(book, task, &ids) {
        Ok(outcome) => {
            let message = format!(
                "created {} due {}",
                counted(outcome.changed, "task"),
                task.due
            );
            done(book, message, outcome.batch_id, true)
        }
        Err(e) => e.into(),
    }
}

fn log_interaction(book: &Book, customer_id: &str, new: &NewInteraction) -> BatchReply {
    match interactions::log(book, customer_id, new) {
        Ok(logged) => {
            let message = format!(
                "logged {} {} with {customer_id}",
                logged.interaction.id, new.kind
            );
            done(book, message, Some(logged.batch_id), true)
        }
        Err(e) => e.into(),
    }
}

fn undo_batch(book: &Book, batch_id: u64) -> BatchReply {
    match undo::undo(book, Some(batch_id)) {
        Ok(info) => done(book, info.description, Some(info.id), false),
        Err(e @ UndoError::Refused { .. }) => BatchReply::Refused(e.to_string()),
        Err(e) => BatchReply::Failed(e.to_string()),
    }
}

fn run_playbooks(book: &Book, rules: &Rules, as_of: NaiveDate, dry_run: bool) -> BatchReply {
    let run = match playbooks::run(book, rules, as_of, None, dry_run) {
        Ok(run) => run,
        Err(e) => return e.into(),
    };
    if dry_run {
        return BatchReply::PlaybookCounts {
            counts: run.counts().into_iter().collect(),
            already_there: run.already_there,
        };
    }
    let message = format!("playbooks created {}", counted(run.created.len(), "task"));
    done(book, message, run.batch.and_then(|b| b.batch_id), true)
}
