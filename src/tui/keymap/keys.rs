//! Keys as keymap files write them (`g`, `G`, `<C-d>`, `<S-Tab>`,
//! `<PageDown>`, `<Space>`) and as the terminal reports them.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::fmt;

/// One key press. Shift is folded into the character (`G`), and into
/// `BackTab` for Tab, so that a key has exactly one spelling.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
        }
    }

    pub const fn char(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    pub const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            ctrl: true,
            alt: false,
        }
    }

    /// The key of a terminal event; `None` for releases and repeats (some
    /// terminals send them) and for keys no binding can name.
    pub fn from_event(event: &KeyEvent) -> Option<Key> {
        if event.kind != KeyEventKind::Press {
            return None;
        }
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        let alt = event.modifiers.contains(KeyModifiers::ALT);
        let code = match event.code {
            // Ctrl with a letter arrives lower- or upper-case by terminal.
            KeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
            KeyCode::Tab if event.modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
            KeyCode::Char(_)
            | KeyCode::Backspace
            | KeyCode::Enter
            | KeyCode::Left
            | KeyCode::Right
            | KeyCode::Up
            | KeyCode::Down
            | KeyCode::Home
            | KeyCode::End
            | KeyCode::PageUp
            | KeyCode::PageDown
            | KeyCode::Tab
            | KeyCode::BackTab
            | KeyCode::Delete
            | KeyCode::Insert
            | KeyCode::F(_)
            | KeyCode::Esc => event.code,
            _ => return None,
        };
        Some(Key { code, ctrl, alt })
    }

    /// A character to type into an input line, if this key is one.
    pub fn typed_char(&self) -> Option<char> {
        match self.code {
            KeyCode::Char(c) if !self.ctrl && !self.alt => Some(c),
            _ => None,
        }
    }

    /// Parses one key of the notation; `None` if it is not one.
    pub fn parse(text: &str) -> Option<Key> {
        let mut chars = text.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            return (!c.is_control()).then_some(Key::char(c));
        }
        let inner = text.strip_prefix('<')?.strip_suffix('>')?;
        let mut key = Key::plain(KeyCode::Null);
        let mut rest = inner;
        loop {
            if let Some(r) = rest.strip_prefix("C-") {
                key.ctrl = true;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("A-") {
                key.alt = true;
                rest = r;
            } else {
                break;
            }
        }
        let mut single = rest.chars();
        key.code = match (single.next(), single.next()) {
            (Some(c), None) if !c.is_control() => {
                KeyCode::Char(if key.ctrl { c.to_ascii_lowercase() } else { c })
            }
            _ => match rest {
                "S-Tab" | "BackTab" => KeyCode::BackTab,
                "Space" => KeyCode::Char(' '),
                "lt" => KeyCode::Char('<'),
                "Enter" => KeyCode::Enter,
                "Esc" => KeyCode::Esc,
                "Tab" => KeyCode::Tab,
                "Backspace" => KeyCode::Backspace,
                "Delete" => KeyCode::Delete,
                "Insert" => KeyCode::Insert,
                "Up" => KeyCode::Up,
                "Down" => KeyCode::Down,
                "Left" => KeyCode::Left,
                "Right" => KeyCode::Right,
                "Home" => KeyCode::Home,
                "End" => KeyCode::End,
                "PageUp" => KeyCode::PageUp,
                "PageDown" => KeyCode::PageDown,
                f => match f.strip_prefix('F').and_then(|n| n.parse::<u8>().ok()) {
                    Some(n @ 1..=12) => KeyCode::F(n),
                    _ => return None,
                },
            },
        };
        Some(key)
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char('<') => "lt".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::BackTab => "S-Tab".to_string(),
            KeyCode::F(n) => format!("F{n}"),
            KeyCode::PageUp => "PageUp".to_string(),
            KeyCode::PageDown => "PageDown".to_string(),
            other => format!("{other:?}"),
        };
        let named = !matches!(self.code, KeyCode::Char(c) if c != ' ' && c != '<');
        if !self.ctrl && !self.alt && !named {
            return f.write_str(&name);
        }
        let ctrl = if self.ctrl { "C-" } else { "" };
        let alt = if self.alt { "A-" } else { "" };
        write!(f, "<{ctrl}{alt}{name}>")
    }
}

/// A key sequence written with spaces: `g g`.
pub fn sequence_text(keys: &[Key]) -> String {
    keys.iter()
        .map(Key::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyEventState;

    #[test]
    fn parses_and_prints_every_notation() {
        for text in [
            "g",
            "G",
            "*",
            "/",
            "?",
            ":",
            "1",
            "<Space>",
            "<Enter>",
            "<Esc>",
            "<Tab>",
            "<S-Tab>",
            "<C-d>",
            "<C-u>",
            "<A-x>",
            "<C-A-x>",
            "<PageDown>",
            "<PageUp>",
            "<Backspace>",
            "<Up>",
            "<F5>",
            "<lt>",
            "<Home>",
        ] {
            let key = Key::parse(text).unwrap_or_else(|| panic!("{text} did not parse"));
            assert_eq!(key.to_string(), text);
        }
        assert_eq!(Key::parse("<C-D>"), Some(Key::ctrl('d')));
        for bad in ["", "gg", "<C-", "<Hyper-x>", "<F13>", "<>", "\t"] {
            assert_eq!(Key::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn keeps_presses_only_and_folds_shift() {
        let event = |code, modifiers, kind| KeyEvent {
            code,
            modifiers,
            kind,
            state: KeyEventState::NONE,
        };
        let press = |code, m| Key::from_event(&event(code, m, KeyEventKind::Press));
        assert_eq!(
            press(KeyCode::Char('G'), KeyModifiers::SHIFT),
            Some(Key::char('G'))
        );
        assert_eq!(
            press(KeyCode::Char('*'), KeyModifiers::SHIFT),
            Some(Key::char('*'))
        );
        assert_eq!(
            press(KeyCode::Char('D'), KeyModifiers::CONTROL),
            Some(Key::ctrl('d'))
        );
        assert_eq!(
            press(KeyCode::Tab, KeyModifiers::SHIFT),
            Some(Key::plain(KeyCode::BackTab))
        );
        let release = event(
            KeyCode::Char('j'),
            KeyModifiers::NONE,
            KeyEventKind::Release,
        );
        let repeat = event(KeyCode::Char('j'), KeyModifiers::NONE, KeyEventKind::Repeat);
        assert_eq!(Key::from_event(&release), None);
        assert_eq!(Key::from_event(&repeat), None);
    }
}
