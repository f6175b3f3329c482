//! The app's side of the batch actions: what `t`, `n`, `i`, `u` and `p` act
//! on, their prompt or form, the answer to the confirmation (asked in
//! `batch_questions`), the request to the writer thread and its reply
//! (the refresh is in `batch_refresh`).
//!
//! The selection is kept after a batch (Esc clears it), so that tagging a
//! segment and then giving each customer a task are two keys apart.

use super::App;
use crate::classify::Job;
use crate::followup::interactions::NewInteraction;
use crate::followup::tags::TagAction;
use crate::followup::tasks::NewTask;
use crate::tui::batch::{BatchReply, BatchRequest, Targets};
use crate::tui::commands::Command;
use crate::tui::input_line::{InputLine, Purpose};
use crate::tui::keymap::Context;
use crate::tui::overlays::confirm::Confirm;
use crate::tui::overlays::interaction_form::InteractionForm;
use crate::tui::overlays::task_form::TaskForm;
use crate::tui::overlays::Overlay;
use crate::tui::panes::Pane;

/// What a form described, once its fields were read.
enum Submitted {
    Task(Targets, NewTask),
    Interaction(Targets, NewInteraction),
}

impl App {
    /// The customers a batch action acts on now: the customer view's
    /// customer; else the Customers pane's selection or cursor row; the
    /// Risk pane's row; the customers of the Tasks pane's selected tasks
    /// (or of the task under the cursor).
    pub(super) fn batch_targets(&self) -> Result<Targets, String> {
        let roster = &self.roster;
        let one = |id: &str| {
            roster
                .find(id)
                .map(|row| Targets::one(roster, row))
                .ok_or_else(|| format!("{id} is not in the customer list yet"))
        };
        if let Some(Overlay::Customer(view)) = self.overlays.last() {
            return one(&view.doc.customer.id);
        }
        match self.pane {
            Pane::Customers => {
                let rows = match self.customers.selected_rows(roster.len()).as_slice() {
                    [] => vec![self.customers.cursor_row().ok_or("no customer here")?],
                    rows => rows.to_vec(),
                };
                Ok(Targets::many(roster, rows, |n| {
                    format!("the {n} selected customers")
                }))
            }
            Pane::Risk => {
                let row = self
                    .risk_data
                    .as_ref()
                    .and_then(|r| r.highest.get(self.risk.cursor.pos))
                    .ok_or("no customer here")?;
                Ok(Targets::one(roster, *row))
            }
            Pane::Tasks if !self.tasks.selection.is_empty() => {
                let mut rows: Vec<_> = self
                    .tasks
                    .selection
                    .iter()
                    .filter_map(|id| self.tasks.get(id))
                    .filter_map(|task| roster.find(&task.customer_id))
                    .collect();
                rows.sort_unstable();
                rows.dedup();
                Ok(Targets::many(roster, rows, |n| {
                    format!("the {n} customers of the selected tasks")
                }))
            }
            Pane::Tasks => match self.tasks.current() {
                Some(task) => one(&task.customer_id),
                None => Err("no task here".into()),
            },
            Pane::Segments => {
                Err("open the cell's customers first (Enter), then select some".into())
            }
        }
    }

    /// One batch at a time: says so and returns true if one is running.
    pub(super) fn batch_busy(&mut self) -> bool {
        match self.batch_running {
            Some(label) => {
                self.error(format!("{label} is still running: a moment"));
                true
            }
            None => false,
        }
    }

    /// `t`: the tag prompt.
    pub(super) fn tag_prompt(&mut self) {
        if self.batch_busy() {
            return;
        }
        match self.batch_targets() {
            Ok(targets) => {
                self.input = Some(InputLine::new(Purpose::Tag(targets), ""));
            }
            Err(e) => self.error(e),
        }
    }

    /// The tag prompt answered: `vip` adds, `-vip` removes.
    pub(super) fn tag_answered(&mut self, targets: &Targets, text: &str) -> Result<(), String> {
        let text = text.trim();
        match text.strip_prefix('-') {
            Some(tag) => self.ask_tag(targets.clone(), TagAction::Remove, tag),
            None => self.ask_tag(targets.clone(), TagAction::Add, text),
        }
    }

    /// `n`: the new-task form.
    pub(super) fn task_form(&mut self) {
        if self.batch_busy() {
            return;
        }
        match self.batch_targets() {
            Ok(targets) => {
                let form = TaskForm::new(targets, self.as_of, self.book.user());
                self.overlays.push(Overlay::TaskForm(Box::new(form)));
            }
            Err(e) => self.error(e),
        }
    }

    /// `i`: the form of an interaction with one customer, now by phone.
    pub(super) fn interaction_form(&mut self) {
        if self.batch_busy() {
            return;
        }
        match self.batch_targets().and_then(Targets::only_one) {
            Ok(targets) => {
                let now = chrono::Local::now().naive_local();
                let form = InteractionForm::new(targets, now);
                self.overlays.push(Overlay::InteractionForm(Box::new(form)));
            }
            Err(e) => self.error(e),
        }
    }

    /// Enter in a form: the confirmation of what it describes (over the
    /// form, which comes back if the answer is no), or the first field in
    /// error and why.
    pub(super) fn submit_form(&mut self) {
        let as_of = self.as_of;
        let submitted = match self.overlays.last_mut() {
            Some(Overlay::TaskForm(form)) => form
                .fields
                .checked(form.task(as_of))
                .map(|task| Submitted::Task(form.targets.clone(), task)),
            Some(Overlay::InteractionForm(form)) => form
                .fields
                .checked(form.interaction())
                .map(|new| Submitted::Interaction(form.targets.clone(), new)),
            _ => return,
        };
        match submitted {
            Ok(Submitted::Task(targets, task)) => self.ask_tasks(targets, task),
            Ok(Submitted::Interaction(targets, new)) => self.ask_interaction(targets, new),
            Err(why) => self.error(why),
        }
    }

    /// `u`: finds the batch to undo; the confirmation names it.
    pub(super) fn undo_last(&mut self) {
        if !self.batch_busy() {
            self.start_batch(BatchRequest::FindUndo);
        }
    }

    /// `p`: the engine brings the labels up to date first (playbooks read
    /// them), then the dry run runs; its counts are confirmed.
    pub(super) fn playbooks(&mut self) {
        if self.batch_busy() {
            return;
        }
        if self.classifying() {
            self.error(
                "classification is running: p again once it is done (playbooks read the labels)",
            );
            return;
        }
        self.playbooks_waiting = true;
        self.workers.engine.request(Job::Pending);
        self.mark_batch_running("playbooks (dry run)");
    }

    /// The engine is done (or gave up) while `p` waits for it.
    pub(super) fn labels_ready_for_playbooks(&mut self, ready: Result<(), String>) {
        if !std::mem::take(&mut self.playbooks_waiting) {
            return;
        }
        match ready {
            Ok(()) => self.send_batch(BatchRequest::Playbooks {
                rules: Box::new(self.rules.clone()),
                as_of: self.as_of,
                dry_run: true,
            }),
            Err(why) => {
                self.batch_done();
                self.error(format!("playbooks not run: {why}"));
            }
        }
    }

    /// Yes: closes the question (and the form under it) and starts the
    /// batch; a notice just closes.
    pub(super) fn confirm_yes(&mut self) {
        let Some(Overlay::Confirm(confirm)) =
            self.overlays.pop_if(|o| matches!(o, Overlay::Confirm(_)))
        else {
            return;
        };
        if self.overlays.last().is_some_and(Overlay::is_form) {
            self.overlays.pop();
        }
        if let Some(request) = confirm.action {
            self.start_batch(request);
        }
    }

    /// No: closes the question; nothing is written.
    pub(super) fn confirm_no(&mut self) {
        if let Some(Overlay::Confirm(confirm)) =
            self.overlays.pop_if(|o| matches!(o, Overlay::Confirm(_)))
        {
            if confirm.action.is_some() {
                self.info("cancelled: nothing was written");
            }
        }
    }

    fn mark_batch_running(&mut self, label: &'static str) {
        self.batch_running = Some(label);
        self.set_progress(label, 0, None);
    }

    fn batch_done(&mut self) {
        if let Some(label) = self.batch_running.take() {
            self.end_progress(label);
        }
    }

    fn send_batch(&mut self, request: BatchRequest) {
        self.workers
            .writer
            .request(crate::tui::writer::WriteRequest::Batch(request));
    }

    fn start_batch(&mut self, request: BatchRequest) {
        self.mark_batch_running(request.label());
        self.send_batch(request);
    }

    /// Whether a batch is running (`q` waits for it).
    pub fn batch_running(&self) -> Option<&'static str> {
        self.batch_running
    }

    /// The writer's answer to a batch request.
    pub(super) fn on_batch(&mut self, reply: BatchReply) {
        self.batch_done();
        match reply {
            BatchReply::Done {
                message,
                batch_id,
                undoable,
                changes,
            } => {
                self.apply_changes(changes);
                let undo_key = self.keymap.keys_for(&[Context::Global], Command::BatchUndo);
                let tail = match (batch_id, undo_key) {
                    (Some(id), Some(key)) if undoable => format!(" · batch {id} · {key} undoes"),
                    (Some(id), _) => format!(" · batch {id}"),
                    (None, _) => String::new(),
                };
                self.info(format!("{message}{tail}"));
            }
            BatchReply::UndoCandidate(Some(info)) => self.ask_undo(info),
            BatchReply::UndoCandidate(None) => self.info("nothing to undo"),
            BatchReply::PlaybookCounts {
                counts,
                already_there,
            } => self.ask_playbooks(&counts, already_there),
            BatchReply::Refused(why) => {
                let lines = vec![why.clone(), "Nothing was changed.".into()];
                self.overlays
                    .push(Overlay::Confirm(Box::new(Confirm::notice(
                        "Undo refused",
                        lines,
                    ))));
                self.error(format!("undo refused: {why}"));
            }
            BatchReply::Failed(why) => self.error(format!("not saved: {why}")),
        }
    }
}
