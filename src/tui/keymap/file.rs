//! Reading a keymap file: TOML sections named after contexts, each a list
//! of `{ on = [...], run = "command", desc = "..." }`. Every error names the
//! file, the line and the binding.

use super::keys::{sequence_text, Key};
use super::Context;
use crate::tui::commands::Command;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// A binding as a file states it, with where it stands.
#[derive(Clone, Debug, PartialEq)]
pub struct FileBinding {
    pub context: Context,
    pub keys: Vec<Key>,
    pub command: Command,
    pub desc: String,
    pub origin: Origin,
}

/// Where a binding was written: file and line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    pub file: PathBuf,
    pub line: usize,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file.display(), self.line)
    }
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{origin}: {message}")]
pub struct KeymapError {
    pub origin: Origin,
    pub message: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Section {
    keymap: Vec<Spanned<BindingShape>>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Keys {
    One(String),
    Many(Vec<String>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BindingShape {
    on: Spanned<Keys>,
    run: Spanned<String>,
    desc: Option<String>,
}

/// The line (from 1) of byte `offset` of `text`.
pub fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())]
        .bytes()
        .filter(|b| *b == b'\n')
        .count()
        + 1
}

/// Parses the text of keymap file `file`.
pub fn parse(file: &Path, text: &str) -> Result<Vec<FileBinding>, KeymapError> {
    let origin = |offset: usize| Origin {
        file: file.to_path_buf(),
        line: line_of(text, offset),
    };
    let sections: BTreeMap<Spanned<String>, Section> =
        toml::from_str(text).map_err(|e| KeymapError {
            origin: origin(e.span().map_or(0, |s| s.start)),
            message: e.message().trim().to_string(),
        })?;
    let mut out = Vec::new();
    for (name, section) in sections {
        let context = Context::from_name(name.get_ref()).ok_or_else(|| KeymapError {
            origin: origin(name.span().start),
            message: format!(
                "unknown section [{}] (sections: {})",
                name.get_ref(),
                Context::names().join(", ")
            ),
        })?;
        for binding in section.keymap {
            let shape = binding.get_ref();
            let at = origin(shape.on.span().start);
            let texts = match shape.on.get_ref() {
                Keys::One(one) => vec![one.clone()],
                Keys::Many(many) => many.clone(),
            };
            if texts.is_empty() {
                return Err(KeymapError {
                    origin: at,
                    message: "`on` names no key".into(),
                });
            }
            let keys = texts
                .iter()
                .map(|t| {
                    Key::parse(t).ok_or_else(|| KeymapError {
                        origin: at.clone(),
                        message: format!(
                            "key {t:?} cannot be read (write `g`, `G`, `<C-d>`, `<S-Tab>`, `<Enter>`, `<PageDown>`, ...)"
                        ),
                    })
                })
                .collect::<Result<Vec<Key>, KeymapError>>()?;
            let command = Command::from_name(shape.run.get_ref()).ok_or_else(|| KeymapError {
                origin: origin(shape.run.span().start),
                message: format!(
                    "key {:?} runs unknown command {:?}",
                    sequence_text(&keys),
                    shape.run.get_ref()
                ),
            })?;
            out.push(FileBinding {
                context,
                desc: shape
                    .desc
                    .clone()
                    .unwrap_or_else(|| command.description().to_string()),
                keys,
                command,
                origin: at,
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_bindings_with_their_lines() {
        let text = "# mine\n[list]\nkeymap = [\n  { on = [\"g\", \"g\"], run = \"cursor.top\", desc = \"Top\" },\n  { on = \"<C-d>\", run = \"cursor.half_page_down\" },\n]\n";
        let b = parse(Path::new("k.toml"), text).unwrap();
        assert_eq!(b.len(), 2);
        assert_eq!(b[0].keys, vec![Key::char('g'), Key::char('g')]);
        assert_eq!(b[0].command, Command::CursorTop);
        assert_eq!(b[0].origin.line, 4);
        assert_eq!(b[1].desc, "Half a page down");
        assert_eq!(b[1].origin.to_string(), "k.toml:5");
    }

    #[test]
    fn refuses_unknown_commands_keys_and_sections_naming_the_line() {
        let bad_command = "[list]\nkeymap = [\n  { on = [\"x\"], run = \"cursor.teleport\" },\n]\n";
        let e = parse(Path::new("k.toml"), bad_command).unwrap_err();
        assert_eq!(
            e.to_string(),
            "k.toml:3: key \"x\" runs unknown command \"cursor.teleport\""
        );
        let bad_key = "[list]\nkeymap = [\n  { on = [\"<C-\"], run = \"cursor.top\" },\n]\n";
        let e = parse(Path::new("k.toml"), bad_key).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("k.toml:3: key \"<C-\" cannot be read"),
            "{e}"
        );
        let bad_section = "\n[lists]\nkeymap = []\n";
        let e = parse(Path::new("k.toml"), bad_section).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("k.toml:2: unknown section [lists]"),
            "{e}"
        );
        let bad_toml = "[list]\nkeymap = [\n  { on = [\"x\"] run = \"a\" },\n]\n";
        let e = parse(Path::new("k.toml"), bad_toml).unwrap_err();
        assert!(e.to_string().starts_with("k.toml:3:"), "{e}");
    }
}
