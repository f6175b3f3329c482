//! The line at the bottom where the user types a filter, a `:` command or
//! an answer to a prompt.

use super::line_edit::LineEdit;

#[derive(Clone, Debug, PartialEq)]
pub enum Purpose {
    CustomerFilter,
    TaskFilter,
    Command,
    /// New due date of this task.
    Snooze(String),
    /// New assignee of this task.
    Reassign(String),
    /// The tag to add (`vip`) or remove (`-vip`) on these customers.
    Tag(crate::tui::batch::Targets),
}

impl Purpose {
    pub fn prompt(&self) -> String {
        match self {
            Purpose::CustomerFilter => "filter: ".into(),
            Purpose::TaskFilter => "task filter: ".into(),
            Purpose::Command => ":".into(),
            Purpose::Snooze(id) => format!("snooze {id} until (YYYY-MM-DD or +days): "),
            Purpose::Reassign(id) => format!("assign {id} to (empty: nobody): "),
            Purpose::Tag(targets) => {
                format!("tag {} (vip adds, -vip removes): ", targets.short())
            }
        }
    }

    /// Filter and command lines keep a history.
    pub fn has_history(&self) -> bool {
        matches!(
            self,
            Purpose::CustomerFilter | Purpose::TaskFilter | Purpose::Command
        )
    }
}

#[derive(Clone, Debug)]
pub struct InputLine {
    pub purpose: Purpose,
    pub edit: LineEdit,
    /// Position in the history while browsing it (0 = newest).
    pub history_pos: Option<usize>,
}

impl InputLine {
    pub fn new(purpose: Purpose, text: &str) -> InputLine {
        InputLine {
            purpose,
            edit: LineEdit::with_text(text),
            history_pos: None,
        }
    }
}
