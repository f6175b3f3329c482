//! Text fields: the input line (filters, `:` commands, prompts), the help
//! and search boxes and the forms. Typing, editing, history and
//! submitting.

use super::App;
use crate::followup::tasks::TaskChange;
use crate::tui::commands::Command;
use crate::tui::input_line::Purpose;
use crate::tui::line_edit::LineEdit;
use crate::tui::overlays::task_form::parse_due;
use crate::tui::overlays::Overlay;
use crate::tui::panes::tasks::TaskFilter;
use crate::tui::state_file::remember;

impl App {
    /// The text field keys go to: the input line, else the open box or form.
    fn field(&mut self) -> Option<&mut LineEdit> {
        if let Some(input) = self.input.as_mut() {
            return Some(&mut input.edit);
        }
        match self.overlays.last_mut()? {
            Overlay::Help(h) => Some(&mut h.edit),
            Overlay::Search(s) => Some(&mut s.edit),
            other => other.form_mut().map(|form| form.edit()),
        }
    }

    pub(super) fn type_char(&mut self, c: char) {
        if let Some(field) = self.field() {
            field.insert(c);
        }
        self.field_changed();
    }

    /// After an edit: the help list narrows from the top; a search asks
    /// for the hits of the new text.
    fn field_changed(&mut self) {
        if self.input.is_some() {
            return;
        }
        match self.overlays.last_mut() {
            Some(Overlay::Help(h)) => h.cursor.pos = 0,
            Some(Overlay::Search(_)) => self.search_changed(),
            _ => {}
        }
    }

    /// Editing commands; false for commands a text field leaves to others.
    pub(super) fn run_in_text_field(&mut self, command: Command) -> bool {
        match command {
            Command::InputSubmit => self.submit(),
            Command::InputCancel => {
                if self.input.take().is_none() {
                    self.overlays.pop();
                }
            }
            Command::HistoryPrev | Command::HistoryNext => self.browse_history(command),
            Command::InputBackspace
            | Command::InputDelete
            | Command::InputLeft
            | Command::InputRight
            | Command::InputHome
            | Command::InputEnd
            | Command::InputClear => {
                let Some(field) = self.field() else {
                    return false;
                };
                match command {
                    Command::InputBackspace => field.backspace(),
                    Command::InputDelete => field.delete(),
                    Command::InputLeft => field.left(),
                    Command::InputRight => field.right(),
                    Command::InputHome => field.home(),
                    Command::InputEnd => field.end(),
                    _ => field.set(""),
                }
                self.field_changed();
            }
            _ => return self.input.is_some(),
        }
        true
    }

    fn history(&mut self, purpose: &Purpose) -> Option<&mut Vec<String>> {
        match purpose {
            Purpose::CustomerFilter => Some(&mut self.state.filter_history),
            Purpose::TaskFilter => Some(&mut self.state.task_filter_history),
            Purpose::Command => Some(&mut self.state.command_history),
            Purpose::Snooze(_) | Purpose::Reassign(_) | Purpose::Tag(_) => None,
        }
    }

    fn browse_history(&mut self, command: Command) {
        let Some(input) = self.input.clone() else {
            return;
        };
        let Some(history) = self.history(&input.purpose).cloned() else {
            return;
        };
        let pos = match (command, input.history_pos) {
            (Command::HistoryPrev, None) => Some(0),
            (Command::HistoryPrev, Some(p)) => Some((p + 1).min(history.len().saturating_sub(1))),
            (_, Some(0)) | (_, None) => None,
            (_, Some(p)) => Some(p - 1),
        };
        let text = pos
            .and_then(|p| history.get(p))
            .cloned()
            .unwrap_or_default();
        if let Some(input) = self.input.as_mut() {
            input.history_pos = pos.filter(|p| *p < history.len());
            input.edit.set(&text);
        }
    }

    fn submit(&mut self) {
        let Some(input) = self.input.take() else {
            match self.overlays.last() {
                Some(Overlay::Search(_)) => self.open_search_hit(),
                Some(o) if o.is_form() => self.submit_form(),
                // The help box: Enter closes help.
                _ => {
                    self.overlays.pop();
                }
            }
            return;
        };
        let text = input.edit.text().to_string();
        if let Some(history) = self.history(&input.purpose) {
            remember(history, text.trim());
        }
        let result = match &input.purpose {
            Purpose::CustomerFilter => self.set_customer_filter(&text).map(|()| {
                self.customers.from_segments = false;
            }),
            Purpose::TaskFilter => TaskFilter::parse(&text, self.book.user()).map(|f| {
                self.tasks.filter = f;
                self.tasks.filter_text = text.trim().to_string();
                self.tasks.refresh(self.as_of);
            }),
            Purpose::Command => {
                self.run_command_line(&text);
                Ok(())
            }
            Purpose::Snooze(id) => parse_due(&text, self.as_of)
                .map(|due| self.change_task(id.clone(), TaskChange::Snooze(due))),
            Purpose::Reassign(id) => {
                let who = text.trim();
                let who = (!who.is_empty()).then(|| who.to_string());
                self.change_task(id.clone(), TaskChange::Reassign(who));
                Ok(())
            }
            Purpose::Tag(targets) => self.tag_answered(targets, &text),
        };
        if let Err(e) = result {
            // Keep the line open so the user can fix it.
            self.error(e);
            self.input = Some(input);
        }
    }
}
