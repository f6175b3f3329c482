//! The UI's writes (task done, snooze, reassign) run on their own thread:
//! a batch commit flushes to disk, which must not stall a frame. Each goes
//! through `followup` as one undoable, audited batch.

use crate::followup::tasks::{self, TaskChange};
use crate::model::Task;
use crate::store::Book;
use crossbeam_channel::{Receiver, Sender};
use std::sync::Arc;

pub enum WriteRequest {
    Tasks { ids: Vec<String>, change: TaskChange },
}

pub enum WriteOutcome {
    /// The tasks as they are now, and what to tell the user.
    Tasks { tasks: Vec<Task>, message: String },
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

fn write(book: &Book, request: WriteRequest) -> WriteOutcome {
    match request {
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
