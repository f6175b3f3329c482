//! The help overlay: every binding of the active keymap with its
//! description, narrowed as the user types.

use crate::tui::keymap::{sequence_text, Context, Keymap};
use crate::tui::line_edit::LineEdit;
use crate::tui::list_cursor::ListCursor;

#[derive(Debug, Default)]
pub struct Help {
    pub edit: LineEdit,
    pub cursor: ListCursor,
}

pub struct Entry {
    pub context: Context,
    pub keys: String,
    pub command: &'static str,
    pub desc: String,
}

/// Contexts in the order help lists them.
const ORDER: [Context; 14] = [
    Context::Global,
    Context::List,
    Context::Customers,
    Context::Visual,
    Context::Customer,
    Context::Segments,
    Context::Risk,
    Context::Tasks,
    Context::Confirm,
    Context::Form,
    Context::Search,
    Context::Help,
    Context::History,
    Context::Input,
];

/// The bindings whose keys, command, description or context contain every
/// word typed (case-insensitive).
pub fn entries(keymap: &Keymap, filter: &str) -> Vec<Entry> {
    let words: Vec<String> = filter.split_whitespace().map(str::to_lowercase).collect();
    let mut out = Vec::new();
    for context in ORDER {
        for b in keymap.layer(context) {
            let entry = Entry {
                context,
                keys: sequence_text(&b.keys),
                command: b.command.name(),
                desc: b.desc.clone(),
            };
            let haystack = format!(
                "{} {} {} {}",
                context.name(),
                entry.keys,
                entry.command,
                entry.desc
            )
            .to_lowercase();
            if words.iter().all(|w| haystack.contains(w)) {
                out.push(entry);
            }
        }
    }
    out
}
