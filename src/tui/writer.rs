//! The UI's writes run on their own thread: a batch commit flushes to
//! disk, and an export reads the whole book, neither of which may stall a
//! frame. Task edits go through `followup` as one undoable, audited batch
//! each, as do the batch actions (`super::batch`); `:export segments`
//! writes the stored labels as `pcrm export segments` does. One thread
//! runs them in the order asked, so they never wait on each other's lock.

use super::batch::{self, BatchReply, BatchRequest};
use crate::classify::export_segments;
use crate::followup::tasks::{self, TaskChange};
use crate::model::Task;
use crate::segment::Expr;
use crate::store::Book;
use crossbeam_channel::{Receiver, Sender};
use std::path::PathBuf;
use std::sync::Arc;

pub enum WriteRequest {
    Tasks {
        ids: Vec<String>,
        change: TaskChange,
    },
    /// The customers matching `filter` (everyone without one).
    ExportSegments {
        path: PathBuf,
        filter: Option<Arc<Expr>>,
    },
    Batch(BatchRequest),
}

pub enum WriteOutcome {
    /// The tasks as they are now, and what to tell the user.
    Tasks {
        tasks: Vec<Task>,
        message: String,
    },
    Exported {
        path: PathBuf,
        rows: usize,
    },
    Batch(BatchReply),
    Failed(String),
}

pub struct Writer {
    requests: Sender<WriteRequest>,
}

impl Writer {
    pub fn start(book: Arc<Book>) -> (Writer, Receiver<WriteOutcome>) {
        let (req_tx, req_rx) = crossbeam_channel::unbounded::<WriteRequest>();
        let (tx, rx) = crossbeam_channel::unbounded();
        std::thread::Builder::new()
            .name("writer".into())
            .spawn(move || {
                crate::roster::background_priority();
                for request in req_rx {
                    if tx.send(write(&book, request)).is_err() {
                        break;
                    }
                }
            })
            .expect("spawning the writer thread");
        (Writer { requests: req_tx }, rx)
    }

    pub fn request(&self, request: WriteRequest) {
        let _ = self.requests.send(request);
    }
}

/// Writes the file whole or not at all: to a temporary name, then renamed.
fn export(book: &Book, path: PathBuf, filter: Option<&Expr>) -> WriteOutcome {
    let tmp = path.with_extension("csv.partial");
    let written = std::fs::File::create(&tmp)
        .map_err(|e| format!("{}: {e}", tmp.display()))
        .and_then(|file| {
            let mut out = std::io::BufWriter::new(file);
            let rows = export_segments(book, filter, &mut out).map_err(|e| e.to_string())?;
            std::io::Write::flush(&mut out).map_err(|e| format!("{}: {e}", tmp.display()))?;
            Ok(rows)
        })
        .and_then(|rows| {
            std::fs::rename(&tmp, &path).map_err(|e| format!("{}: {e}", path.display()))?;
            Ok(rows)
        });
    match written {
        Ok(rows) => WriteOutcome::Exported { path, rows },
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            WriteOutcome::Failed(e)
        }
    }
}

fn write(book: &Book, request: WriteRequest) -> WriteOutcome {
    match request {
        WriteRequest::ExportSegments { path, filter } => export(book, path, filter.as_deref()),
        WriteRequest::Batch(request) => WriteOutcome::Batch(batch::run(book, request)),
        WriteRequest::Tasks { ids, change } => {
            let outcome = match tasks::change(book, &ids, &change) {
                Ok(outcome) => outcome,
                Err(e) => return WriteOutcome::Failed(e.to_string()),
            };
            let mut changed = Vec::new();
            for id in &ids {
                match book.get::<Task>(id) {
                    Ok(Some(task)) => changed.push(task),
                    Ok(None) => {}
                    Err(e) => return WriteOutcome::Failed(e.to_string()),
                }
            }
            let what = match &change {
                TaskChange::Status(s) => format!("marked {s}"),
                TaskChange::Snooze(due) => format!("snoozed to {due}"),
                TaskChange::Reassign(Some(a)) => format!("assigned to {a}"),
                TaskChange::Reassign(None) => "unassigned".to_string(),
            };
            let batch = outcome
                .batch_id
                .map_or(String::new(), |b| format!(" (batch {b})"));
            WriteOutcome::Tasks {
                message: format!("{} {what}{batch}", ids.join(", ")),
                tasks: changed,
            }
        }
    }
}
