//! The app's side of the batch actions: what `t`, `n`, `u` and `p` act on,
//! the prompt or form, the confirmation with its count, the request to the
//! writer thread, and the refresh of exactly what the batch changed.
//!
//! The selection is kept after a batch (Esc clears it), so that tagging a
//! segment and then giving each customer a task are two keys apart.

use super::jobs::RESEARCH_UP_TO;
use super::App;
use crate::classify::Job;
use crate::followup::tags::{validate_tag, TagAction};
use crate::followup::tasks::NewTask;
use crate::model::Labelled;
use crate::store::BatchInfo;
use crate::tui::batch::{counted, BatchReply, BatchRequest, Changes, Targets};
use crate::tui::commands::Command;
use crate::tui::draw::count;
use crate::tui::input_line::{InputLine, Purpose};
use crate::tui::keymap::Context;
use crate::tui::overlays::confirm::Confirm;
use crate::tui::overlays::task_form::TaskForm;
use crate::tui::overlays::Overlay;
use crate::tui::panes::customer_view::CustomerView;
use crate::tui::panes::Pane;
use std::sync::Arc;

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
    fn batch_busy(&mut self) -> bool {
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
                self.input = Some(InputLine::new(Purpose::Tag(Arc::new(targets)), ""));
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

    /// The confirmation of a tag change, with how many customers change.
    pub(super) fn ask_tag(
        &mut self,
        targets: Targets,
        action: TagAction,
        tag: &str,
    ) -> Result<(), String> {
        validate_tag(tag)?;
        let have = targets.with_tag(&self.roster, tag);
        let n = targets.len();
        let (title, change, will, already) = match action {
            TagAction::Add => (
                "Add a tag",
                format!("Add tag {tag} to"),
                n - have,
                "have it already",
            ),
            TagAction::Remove => (
                "Remove a tag",
                format!("Remove tag {tag} from"),
                have,
                "do not have it",
            ),
        };
        if will == 0 {
            self.info(format!("nothing to change: {} {already}", targets.what));
            return Ok(());
        }
        let will = match n - will {
            0 => format!("{} will change.", counted(will, "customer")),
            rest => format!(
                "{} will change, {} {already}.",
                counted(will, "customer"),
                count(rest as u64)
            ),
        };
        let lines = vec![
            format!("{change} {}:", targets.what),
            will,
            self.undo_note(),
        ];
        let request = BatchRequest::Tag {
            action,
            tag: tag.to_string(),
            ids: targets.ids,
        };
        self.overlays.push(Overlay::Confirm(Box::new(Confirm::ask(
            title, lines, "change", request,
        ))));
        Ok(())
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

    /// Enter in the form: the confirmation (over the form, which comes
    /// back if the answer is no), or the first field in error.
    pub(super) fn submit_task_form(&mut self) {
        let as_of = self.as_of;
        let Some(Overlay::TaskForm(form)) = self.overlays.last_mut() else {
            return;
        };
        match form.task(as_of) {
            Ok(task) => {
                form.problem = None;
                let targets = form.targets.clone();
                self.ask_tasks(targets, task);
            }
            Err((field, why)) => {
                form.focus = field;
                form.problem = Some(why.clone());
                self.error(why);
            }
        }
    }

    /// The confirmation of new tasks, one per target customer.
    pub(super) fn ask_tasks(&mut self, targets: Targets, task: NewTask) {
        let n = targets.len();
        let head = if n == 1 {
            format!("Create a task for {}:", targets.what)
        } else {
            format!(
                "Create {} tasks, one for each of {}:",
                count(n as u64),
                targets.what
            )
        };
        let lines = vec![
            head,
            format!("  title     {}", task.title),
            format!("  due       {}", task.due),
            format!(
                "  assignee  {}",
                task.assignee.as_deref().unwrap_or("nobody")
            ),
            format!("  priority  {}", task.priority.code()),
            self.undo_note(),
        ];
        let request = BatchRequest::AddTasks {
            task,
            ids: targets.ids,
        };
        self.overlays.push(Overlay::Confirm(Box::new(Confirm::ask(
            "New follow-up task",
            lines,
            "create",
            request,
        ))));
    }

    /// `u`: finds the batch to undo; the confirmation names it.
    pub(super) fn undo_last(&mut self) {
        if !self.batch_busy() {
            self.start_batch(BatchRequest::FindUndo);
        }
    }

    fn ask_undo(&mut self, info: BatchInfo) {
        let when = chrono::DateTime::from_timestamp_micros(info.at_micros)
            .map(|t| {
                t.with_timezone(&chrono::Local)
                    .format("%Y-%m-%d %H:%M")
                    .to_string()
            })
            .unwrap_or_default();
        let lines = vec![
            format!("Batch {} ({}): {}", info.id, info.kind, info.description),
            format!("made by {} at {when}.", info.user),
            "Everything it changed goes back as it was, as a new batch.".into(),
        ];
        let request = BatchRequest::Undo { batch_id: info.id };
        self.overlays.push(Overlay::Confirm(Box::new(Confirm::ask(
            format!("Undo batch {}", info.id),
            lines,
            "undo",
            request,
        ))));
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
                rules: self.rules.clone(),
                as_of: self.as_of,
                dry_run: true,
            }),
            Err(why) => {
                self.batch_done();
                self.error(format!("playbooks not run: {why}"));
            }
        }
    }

    fn ask_playbooks(
        &mut self,
        counts: &[(crate::followup::playbooks::Playbook, usize)],
        already: usize,
    ) {
        let total: usize = counts.iter().map(|(_, n)| n).sum();
        let already = format!(
            "{} tasks they call for exist already.",
            count(already as u64)
        );
        if total == 0 {
            let lines = vec![format!("Nothing to create as of {}:", self.as_of), already];
            self.overlays
                .push(Overlay::Confirm(Box::new(Confirm::notice(
                    "Playbooks",
                    lines,
                ))));
            return;
        }
        let mut lines = vec![format!(
            "Dry run as of {}: the playbooks would create",
            self.as_of
        )];
        for (playbook, n) in counts {
            lines.push(format!("  {:<18}{:>9}", playbook.name(), count(*n as u64)));
        }
        lines.push(already);
        lines.push(format!(
            "Create these {} tasks? {}",
            count(total as u64),
            self.undo_note()
        ));
        let request = BatchRequest::Playbooks {
            rules: self.rules.clone(),
            as_of: self.as_of,
            dry_run: false,
        };
        self.overlays.push(Overlay::Confirm(Box::new(Confirm::ask(
            "Run playbooks",
            lines,
            "create",
            request,
        ))));
    }

    /// "One batch; u undoes it." with the key of the active keymap.
    fn undo_note(&self) -> String {
        match self.keymap.keys_for(&[Context::Global], Command::BatchUndo) {
            Some(key) => format!("One batch; {key} undoes it."),
            None => "One batch; it can be undone.".into(),
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
        if matches!(self.overlays.last(), Some(Overlay::TaskForm(_))) {
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

    /// Shows what a batch changed: the Tasks pane takes its tasks, the
    /// roster its customers' open-task counts now and their records (tags)
    /// from the feeder; their labels and search ranks are worked out
    /// again; an open customer view among them is read again.
    pub(super) fn apply_changes(&mut self, changes: Changes) {
        let touched = changes.customers_touched();
        if touched.is_empty() {
            return;
        }
        let removed: Vec<String> = changes
            .removed_tasks
            .iter()
            .map(|(t, _)| t.clone())
            .collect();
        self.tasks.apply(changes.tasks, &removed, self.as_of);
        for (id, open) in self.tasks.open_counts(&touched) {
            if let Some(row) = self.roster.find(&id) {
                self.roster
                    .set_open_tasks(row, open.min(usize::from(u16::MAX)) as u16);
            }
        }
        if !changes.customers.is_empty() {
            self.refresh_customers(changes.customers);
        }
        if touched.len() <= RESEARCH_UP_TO {
            self.workers.searcher.refresh(touched.clone());
        }
        self.reload_customer_views(&touched);
        self.workers.engine.request(Job::Customers(touched));
        self.view_stale();
    }

    fn reload_customer_views(&mut self, touched: &[String]) {
        for overlay in &mut self.overlays {
            let Overlay::Customer(view) = overlay else {
                continue;
            };
            let id = view.doc.customer.id.clone();
            if touched.binary_search(&id).is_err() {
                continue;
            }
            if let Ok(Some(mut fresh)) =
                CustomerView::load(&self.book, &id, &self.rules, self.as_of)
            {
                fresh.top = view.top;
                **view = fresh;
            }
        }
    }
}
