//! Finding bindings that can never run: in every mode whose stack holds
//! their context, a binding of a more specific context (or a shorter one of
//! the same context) takes their keys first.

use super::keys::sequence_text;
use super::{Binding, Context};
use std::collections::HashMap;

/// Why `b` cannot run in `stack`, if it cannot.
fn blocker<'a>(
    layers: &'a HashMap<Context, Vec<Binding>>,
    stack: &[Context],
    context: Context,
    b: &Binding,
) -> Option<(Context, &'a Binding)> {
    for c in stack {
        let layer = layers.get(c).map_or(&[][..], Vec::as_slice);
        if *c == context {
            return layer
                .iter()
                .find(|o| o.keys.len() < b.keys.len() && b.keys.starts_with(&o.keys))
                .map(|o| (*c, o));
        }
        if let Some(o) = layer
            .iter()
            .find(|o| o.keys.starts_with(&b.keys) || b.keys.starts_with(&o.keys))
        {
            return Some((*c, o));
        }
    }
    None
}

pub fn unreachable(layers: &HashMap<Context, Vec<Binding>>) -> Vec<String> {
    let mut out = Vec::new();
    let mut contexts: Vec<&Context> = layers.keys().collect();
    contexts.sort();
    for context in contexts {
        for b in &layers[context] {
            let stacks = Context::stacks().iter().filter(|s| s.contains(context));
            let mut first_blocker = None;
            let mut runs_somewhere = false;
            for stack in stacks {
                match blocker(layers, stack, *context, b) {
                    Some(found) => {
                        first_blocker.get_or_insert(found);
                    }
                    None => runs_somewhere = true,
                }
            }
            if let (false, Some((c, o))) = (runs_somewhere, first_blocker) {
                out.push(format!(
                    "{}: {} ({}) in [{}] can never run: {} ({}) in [{}] takes it first",
                    b.origin,
                    sequence_text(&b.keys),
                    b.command.name(),
                    context.name(),
                    sequence_text(&o.keys),
                    o.command.name(),
                    c.name()
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::{FileBinding, Key, Keymap, Origin};
    use super::*;
    use crate::tui::commands::Command;

    fn b(context: Context, keys: &str, command: Command, line: usize) -> FileBinding {
        FileBinding {
            context,
            keys: keys.split(' ').map(|k| Key::parse(k).unwrap()).collect(),
            command,
            desc: String::new(),
            origin: Origin {
                file: "k.toml".into(),
                line,
            },
        }
    }

    #[test]
    fn shadowing_in_some_modes_is_fine_in_all_is_reported() {
        // `g` in segments hides `g g` there, but `g g` still works in the
        // other panes: no conflict.
        let km = Keymap::from_bindings(vec![
            b(Context::List, "g g", Command::CursorTop, 1),
            b(Context::Segments, "g", Command::SegmentsGrouping, 2),
        ]);
        assert!(km.conflicts.is_empty(), "{:?}", km.conflicts);
        // A global `g` is behind the list's `g g` in every mode with a list,
        // and no mode has global without list.
        let km = Keymap::from_bindings(vec![
            b(Context::List, "g g", Command::CursorTop, 1),
            b(Context::Global, "g", Command::Quit, 2),
        ]);
        assert_eq!(
            km.conflicts,
            vec!["k.toml:2: g (app.quit) in [global] can never run: g g (cursor.top) in [list] takes it first"]
        );
        // In one context, a shorter binding runs before a longer one.
        let km = Keymap::from_bindings(vec![
            b(Context::List, "g", Command::CursorBottom, 1),
            b(Context::List, "g g", Command::CursorTop, 2),
        ]);
        assert_eq!(
            km.conflicts,
            vec!["k.toml:2: g g (cursor.top) in [list] can never run: g (cursor.bottom) in [list] takes it first"]
        );
    }
}
