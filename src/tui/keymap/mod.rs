//! Keymaps: keys bound to named commands, per context. The default keymap
//! ships in `keymaps/default.toml` (embedded); a user file overrides any
//! subset of it (same keys in the same context: the user's binding wins;
//! `run = "noop"` drops one) and adds its own.

mod conflicts;
mod file;
mod keys;

pub use file::{line_of, parse, FileBinding, KeymapError, Origin};
pub use keys::{sequence_text, Key};

use crate::tui::commands::Command;
use std::collections::HashMap;
use std::path::Path;

/// Where a binding applies. The UI is in one mode at a time, and a mode
/// looks keys up through its stack of contexts (see [`Context::stacks`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Context {
    Global,
    List,
    Customers,
    Customer,
    Segments,
    Risk,
    Tasks,
    Visual,
    Input,
    Search,
    Help,
    History,
    Confirm,
    Form,
}

const CONTEXTS: [(Context, &str, &str); 14] = [
    (Context::Global, "global", "everywhere but text input"),
    (Context::List, "list", "every list and table"),
    (Context::Customers, "customers", "the Customers pane"),
    (Context::Customer, "customer", "the customer view"),
    (Context::Segments, "segments", "the Segments pane"),
    (Context::Risk, "risk", "the Risk pane"),
    (Context::Tasks, "tasks", "the Tasks pane"),
    (
        Context::Visual,
        "visual",
        "visual selection in the Customers pane",
    ),
    (Context::Input, "input", "every text input line"),
    (Context::Search, "search", "the search overlay"),
    (Context::Help, "help", "the help overlay"),
    (Context::History, "history", "the filter and command lines"),
    (
        Context::Confirm,
        "confirm",
        "a question before a batch change",
    ),
    (
        Context::Form,
        "form",
        "the forms: a new task, an interaction",
    ),
];

impl Context {
    pub fn from_name(name: &str) -> Option<Context> {
        CONTEXTS
            .iter()
            .find(|(_, n, _)| *n == name)
            .map(|(c, _, _)| *c)
    }

    pub fn name(self) -> &'static str {
        CONTEXTS
            .iter()
            .find(|(c, _, _)| *c == self)
            .map_or("?", |(_, n, _)| n)
    }

    pub fn description(self) -> &'static str {
        CONTEXTS
            .iter()
            .find(|(c, _, _)| *c == self)
            .map_or("", |(_, _, d)| d)
    }

    pub fn names() -> Vec<&'static str> {
        CONTEXTS.iter().map(|(_, n, _)| *n).collect()
    }

    /// Every mode's lookup order, most specific context first.
    pub fn stacks() -> &'static [&'static [Context]] {
        use Context::*;
        &[
            &[Customers, List, Global],
            &[Visual, Customers, List, Global],
            &[Customer, List, Global],
            &[Segments, List, Global],
            &[Risk, List, Global],
            &[Tasks, List, Global],
            &[Search, Input],
            &[Help, Input],
            &[History, Input],
            &[Input],
            &[Confirm],
            &[Form, Input],
        ]
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Binding {
    pub keys: Vec<Key>,
    pub command: Command,
    pub desc: String,
    pub origin: Origin,
}

/// What a key sequence means in a mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resolution {
    Run(Command),
    /// The keys so far begin a longer binding: wait for the next key.
    Pending,
    Unbound,
}

#[derive(Clone, Debug, Default)]
pub struct Keymap {
    layers: HashMap<Context, Vec<Binding>>,
    /// Bindings that can never run, and keys bound twice in one file.
    pub conflicts: Vec<String>,
}

/// The shipped default keymap.
pub const DEFAULT_TOML: &str = include_str!("../../../keymaps/default.toml");

impl Keymap {
    /// The default keymap with the user's file (if any) over it.
    pub fn load(user_file: Option<&Path>) -> Result<Keymap, KeymapError> {
        let mut bindings = parse(Path::new("keymaps/default.toml"), DEFAULT_TOML)?;
        if let Some(path) = user_file {
            let text = std::fs::read_to_string(path).map_err(|e| KeymapError {
                origin: Origin {
                    file: path.to_path_buf(),
                    line: 0,
                },
                message: format!("cannot read the keymap: {e}"),
            })?;
            bindings.extend(parse(path, &text)?);
        }
        Ok(Keymap::from_bindings(bindings))
    }

    /// Later bindings override earlier ones with the same keys in the same
    /// context; within one file that is reported as a conflict.
    pub fn from_bindings(bindings: Vec<FileBinding>) -> Keymap {
        let mut keymap = Keymap::default();
        for b in bindings {
            let layer = keymap.layers.entry(b.context).or_default();
            if let Some(i) = layer.iter().position(|x| x.keys == b.keys) {
                let old = layer.remove(i);
                if old.origin.file == b.origin.file {
                    keymap.conflicts.push(format!(
                        "{}: {} in [{}] is bound again at line {}",
                        old.origin,
                        sequence_text(&b.keys),
                        b.context.name(),
                        b.origin.line
                    ));
                }
            }
            if b.command != Command::Noop {
                layer.push(Binding {
                    keys: b.keys,
                    command: b.command,
                    desc: b.desc,
                    origin: b.origin,
                });
            }
        }
        let unreachable = conflicts::unreachable(&keymap.layers);
        keymap.conflicts.extend(unreachable);
        keymap
    }

    /// Looks up the keys typed so far in a mode's context stack: the first
    /// context with a binding starting with them decides.
    pub fn resolve(&self, stack: &[Context], pending: &[Key]) -> Resolution {
        for context in stack {
            let Some(layer) = self.layers.get(context) else {
                continue;
            };
            let mut longer = false;
            for b in layer {
                if b.keys == pending {
                    return Resolution::Run(b.command);
                }
                longer |= b.keys.starts_with(pending);
            }
            if longer {
                return Resolution::Pending;
            }
        }
        Resolution::Unbound
    }

    pub fn layer(&self, context: Context) -> &[Binding] {
        self.layers.get(&context).map_or(&[], Vec::as_slice)
    }

    /// The first keys bound to `command` in a mode, for hints (`? help`).
    pub fn keys_for(&self, stack: &[Context], command: Command) -> Option<String> {
        stack.iter().find_map(|c| {
            self.layer(*c)
                .iter()
                .find(|b| b.command == command)
                .map(|b| sequence_text(&b.keys))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn binding(
        context: Context,
        keys: &str,
        command: Command,
        file: &str,
        line: usize,
    ) -> FileBinding {
        FileBinding {
            context,
            keys: keys.split(' ').map(|k| Key::parse(k).unwrap()).collect(),
            command,
            desc: String::new(),
            origin: Origin {
                file: file.into(),
                line,
            },
        }
    }

    #[test]
    fn resolves_sequences_through_the_stack() {
        let km = Keymap::from_bindings(vec![
            binding(Context::List, "g g", Command::CursorTop, "d", 1),
            binding(Context::List, "j", Command::CursorDown, "d", 2),
            binding(Context::Segments, "g", Command::SegmentsGrouping, "d", 3),
            binding(Context::Global, "q", Command::Quit, "d", 4),
        ]);
        let customers = [Context::Customers, Context::List, Context::Global];
        let segments = [Context::Segments, Context::List, Context::Global];
        let g = Key::char('g');
        assert_eq!(km.resolve(&customers, &[g]), Resolution::Pending);
        assert_eq!(
            km.resolve(&customers, &[g, g]),
            Resolution::Run(Command::CursorTop)
        );
        assert_eq!(
            km.resolve(&segments, &[g]),
            Resolution::Run(Command::SegmentsGrouping)
        );
        assert_eq!(
            km.resolve(&segments, &[Key::char('q')]),
            Resolution::Run(Command::Quit)
        );
        assert_eq!(
            km.resolve(&[Context::Input], &[Key::char('q')]),
            Resolution::Unbound
        );
        assert!(km.conflicts.is_empty(), "{:?}", km.conflicts);
    }

    #[test]
    fn a_user_binding_overrides_and_noop_unbinds() {
        let km = Keymap::from_bindings(vec![
            binding(Context::List, "j", Command::CursorDown, "default", 1),
            binding(Context::Global, "q", Command::Quit, "default", 2),
            binding(Context::List, "j", Command::PageDown, "mine", 1),
            binding(Context::Global, "q", Command::Noop, "mine", 2),
        ]);
        let stack = [Context::List, Context::Global];
        assert_eq!(
            km.resolve(&stack, &[Key::char('j')]),
            Resolution::Run(Command::PageDown)
        );
        assert_eq!(km.resolve(&stack, &[Key::char('q')]), Resolution::Unbound);
        assert!(km.conflicts.is_empty(), "{:?}", km.conflicts);
    }

    #[test]
    fn reports_keys_bound_twice_in_one_file() {
        let km = Keymap::from_bindings(vec![
            binding(Context::List, "j", Command::CursorDown, "mine", 3),
            binding(Context::List, "j", Command::PageDown, "mine", 9),
        ]);
        assert_eq!(
            km.conflicts,
            vec!["mine:3: j in [list] is bound again at line 9"]
        );
    }
}
