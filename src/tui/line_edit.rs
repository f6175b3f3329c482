//! A one-line text editor for the filter, search and command lines.

use super::text;
use unicode_width::UnicodeWidthChar;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct LineEdit {
    text: String,
    /// Cursor position in chars.
    cursor: usize,
}

impl LineEdit {
    pub fn with_text(text: &str) -> LineEdit {
        LineEdit {
            text: text.to_string(),
            cursor: text.chars().count(),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    fn byte_at(&self, char_index: usize) -> usize {
        self.text
            .char_indices()
            .nth(char_index)
            .map_or(self.text.len(), |(i, _)| i)
    }

    pub fn insert(&mut self, c: char) {
        let at = self.byte_at(self.cursor);
        self.text.insert(at, c);
        self.cursor += 1;
    }

    pub fn backspace(&mut self) {
        if self.cursor > 0 {
            self.cursor -= 1;
            let at = self.byte_at(self.cursor);
            self.text.remove(at);
        }
    }

    pub fn delete(&mut self) {
        if self.cursor < self.text.chars().count() {
            let at = self.byte_at(self.cursor);
            self.text.remove(at);
        }
    }

    pub fn left(&mut self) {
        self.cursor = self.cursor.saturating_sub(1);
    }

    pub fn right(&mut self) {
        self.cursor = (self.cursor + 1).min(self.text.chars().count());
    }

    pub fn home(&mut self) {
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.cursor = self.text.chars().count();
    }

    pub fn set(&mut self, text: &str) {
        *self = LineEdit::with_text(text);
    }

    /// The text to show in `width` cells and the cursor's column in it.
    pub fn view(&self, width: usize) -> (String, usize) {
        let before: usize = self
            .text
            .chars()
            .take(self.cursor)
            .map(|c| c.width().unwrap_or(0))
            .sum();
        let width = width.max(1);
        let skip = (before + 1).saturating_sub(width);
        (text::window(&self.text, skip, width), before - skip)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_at_the_cursor_with_wide_characters() {
        let mut e = LineEdit::default();
        for c in "张三x".chars() {
            e.insert(c);
        }
        e.left();
        e.backspace();
        assert_eq!(e.text(), "张x");
        e.home();
        e.delete();
        assert_eq!(e.text(), "x");
        e.set("value=high 张");
        assert_eq!(e.view(40), ("value=high 张".to_string(), 13));
        // A long line scrolls so the cursor stays in view.
        let (shown, col) = e.view(6);
        assert_eq!((shown.as_str(), col), ("gh 张", 5));
    }
}
