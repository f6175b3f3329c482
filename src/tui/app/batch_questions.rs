//! The questions asked before a batch is written: what changes, for how
//! many records, and how to take it back; or a notice when there is
//! nothing to do.

use super::App;
use crate::followup::interactions::NewInteraction;
use crate::followup::playbooks::Playbook;
use crate::followup::tags::{validate_tag, TagAction};
use crate::followup::tasks::NewTask;
use crate::model::Labelled;
use crate::store::BatchInfo;
use crate::tui::batch::{counted, BatchRequest, Targets};
use crate::tui::commands::Command;
use crate::tui::draw::count;
use crate::tui::keymap::Context;
use crate::tui::overlays::confirm::Confirm;
use crate::tui::overlays::form::with_label;
use crate::tui::overlays::Overlay;

/// `has it` / `have it` (`add`), `does not` / `do not have it`.
fn have(n: usize, add: bool) -> &'static str {
    match (n == 1, add) {
        (true, true) => "has it already",
        (false, true) => "have it already",
        (true, false) => "does not have it",
        (false, false) => "do not have it",
    }
}

impl App {
    fn ask(&mut self, confirm: Confirm) {
        self.overlays.push(Overlay::Confirm(Box::new(confirm)));
    }

    /// The confirmation of a tag change, with how many customers change
    /// (by the tags the list shows).
    pub(super) fn ask_tag(
        &mut self,
        targets: Targets,
        action: TagAction,
        tag: &str,
    ) -> Result<(), String> {
        validate_tag(tag)?;
        let n = targets.len();
        let have_it = targets.with_tag(&self.roster, tag);
        let (title, change, will) = match action {
            TagAction::Add => ("Add a tag", format!("Add tag {tag} to"), n - have_it),
            TagAction::Remove => ("Remove a tag", format!("Remove tag {tag} from"), have_it),
        };
        let add = action == TagAction::Add;
        if will == 0 {
            self.info(format!(
                "nothing to change: {} {}",
                targets.what,
                have(n, add)
            ));
            return Ok(());
        }
        let will = match n - will {
            0 => format!("{} will change.", counted(will, "customer")),
            rest => format!(
                "{} will change, {} {}.",
                counted(will, "customer"),
                count(rest as u64),
                have(rest, add)
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
        self.ask(Confirm::ask(title, lines, "change", request));
        Ok(())
    }

    /// The confirmation of new tasks, one per target customer.
    pub(super) fn ask_tasks(&mut self, targets: Targets, task: NewTask) {
        let head = match targets.len() {
            1 => format!("Create a task for {}:", targets.what),
            n => format!(
                "Create {} tasks, one for each of {}:",
                count(n as u64),
                targets.what
            ),
        };
        let assignee = task.assignee.as_deref().unwrap_or("nobody");
        let lines = vec![
            head,
            format!("  title     {}", task.title),
            format!("  due       {}", task.due),
            format!("  assignee  {assignee}"),
            format!("  priority  {}", task.priority.code()),
            self.undo_note(),
        ];
        let request = BatchRequest::AddTasks {
            task: Box::new(task),
            ids: targets.ids,
        };
        self.ask(Confirm::ask("New follow-up task", lines, "create", request));
    }

    /// The confirmation of an interaction logged with one customer.
    pub(super) fn ask_interaction(&mut self, targets: Targets, new: NewInteraction) {
        let mut lines = vec![
            format!("Log an interaction with {}:", targets.what),
            format!("  kind          {}", with_label(new.kind)),
            format!("  channel       {}", with_label(new.channel)),
            format!("  at            {}", new.at.format("%Y-%m-%d %H:%M")),
        ];
        if let Some(s) = new.satisfaction {
            lines.push(format!("  satisfaction  {s}"));
        }
        if let Some(note) = &new.note {
            lines.push(format!("  note          {note}"));
        }
        lines.push(self.undo_note());
        let request = BatchRequest::LogInteraction {
            customer_id: targets.ids[0].clone(),
            interaction: Box::new(new),
        };
        self.ask(Confirm::ask("Log an interaction", lines, "log", request));
    }

    /// The confirmation of an undo, naming the batch.
    pub(super) fn ask_undo(&mut self, info: BatchInfo) {
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
        let title = format!("Undo batch {}", info.id);
        let request = BatchRequest::Undo { batch_id: info.id };
        self.ask(Confirm::ask(title, lines, "undo", request));
    }

    /// The dry run's count per playbook, then whether to create them.
    pub(super) fn ask_playbooks(&mut self, counts: &[(Playbook, usize)], already: usize) {
        let total: usize = counts.iter().map(|(_, n)| n).sum();
        let already = format!(
            "{} tasks they call for exist already.",
            count(already as u64)
        );
        if total == 0 {
            let lines = vec![format!("Nothing to create as of {}:", self.as_of), already];
            self.ask(Confirm::notice("Playbooks", lines));
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
            rules: Box::new(self.rules.clone()),
            as_of: self.as_of,
            dry_run: false,
        };
        self.ask(Confirm::ask("Run playbooks", lines, "create", request));
    }

    /// "One batch; u undoes it." with the key of the active keymap.
    fn undo_note(&self) -> String {
        match self.keymap.keys_for(&[Context::Global], Command::BatchUndo) {
            Some(key) => format!("One batch; {key} undoes it."),
            None => "One batch; it can be undone.".into(),
        }
    }
}
