//! The question asked before a batch change: what will change and how many
//! records, answered yes or no. Without an action it is a notice (a refused
//! undo, playbooks with nothing to create) that any answer closes.

use crate::tui::batch::BatchRequest;

pub struct Confirm {
    pub title: String,
    pub lines: Vec<String>,
    /// What "yes" starts; `None`: a notice.
    pub action: Option<BatchRequest>,
    /// What "yes" is called on the dialog's key line (`tag`, `create`...).
    pub verb: &'static str,
}

impl Confirm {
    pub fn ask(
        title: impl Into<String>,
        lines: Vec<String>,
        verb: &'static str,
        action: BatchRequest,
    ) -> Confirm {
        Confirm {
            title: title.into(),
            lines,
            action: Some(action),
            verb,
        }
    }

    pub fn notice(title: impl Into<String>, lines: Vec<String>) -> Confirm {
        Confirm {
            title: title.into(),
            lines,
            action: None,
            verb: "close",
        }
    }
}
