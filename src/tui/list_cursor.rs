//! The cursor and scroll offset of a list whose visible height is known
//! only when it is drawn (the draw records it for the next movement).

use super::commands::Command;
use std::cell::Cell;

#[derive(Clone, Debug, Default)]
pub struct ListCursor {
    pub pos: usize,
    offset: Cell<usize>,
    /// Rows visible at the last draw.
    page: Cell<usize>,
}

impl ListCursor {
    pub fn page(&self) -> usize {
        self.page.get().max(1)
    }

    /// Applies a movement command to a list of `len` rows; false if the
    /// command is not a movement.
    pub fn apply(&mut self, command: Command, len: usize) -> bool {
        let page = self.page();
        let last = len.saturating_sub(1);
        self.pos = match command {
            Command::CursorDown => (self.pos + 1).min(last),
            Command::CursorUp => self.pos.saturating_sub(1),
            Command::CursorTop => 0,
            Command::CursorBottom => last,
            Command::HalfPageDown => (self.pos + page / 2).min(last),
            Command::HalfPageUp => self.pos.saturating_sub(page / 2),
            Command::PageDown => (self.pos + page).min(last),
            Command::PageUp => self.pos.saturating_sub(page),
            _ => return false,
        };
        true
    }

    pub fn clamp(&mut self, len: usize) {
        self.pos = self.pos.min(len.saturating_sub(1));
    }

    /// The first row to draw so that the cursor is visible in `height` rows
    /// of a list of `len` (and the last page is full); remembers the height
    /// for page movements.
    pub fn window(&self, height: usize, len: usize) -> usize {
        self.page.set(height);
        let mut offset = self.offset.get().min(len.saturating_sub(height));
        if self.pos < offset {
            offset = self.pos;
        } else if height > 0 && self.pos >= offset + height {
            offset = self.pos + 1 - height;
        }
        self.offset.set(offset);
        offset
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_within_bounds_and_scrolls_to_keep_the_cursor_visible() {
        let mut c = ListCursor::default();
        assert_eq!(c.window(10, 100), 0);
        c.apply(Command::PageDown, 100);
        assert_eq!(c.pos, 10);
        assert_eq!(c.window(10, 100), 1);
        c.apply(Command::CursorBottom, 100);
        assert_eq!((c.pos, c.window(10, 100)), (99, 90));
        c.apply(Command::HalfPageUp, 100);
        assert_eq!((c.pos, c.window(10, 100)), (94, 90));
        c.apply(Command::CursorTop, 100);
        assert_eq!((c.pos, c.window(10, 100)), (0, 0));
        c.apply(Command::CursorUp, 100);
        assert_eq!(c.pos, 0);
        assert!(!c.apply(Command::Quit, 100));
        c.apply(Command::CursorDown, 0);
        assert_eq!(c.pos, 0);
        // A list that shrank under a scrolled window shows its last page.
        c.pos = 95;
        c.window(10, 100);
        c.pos = 7;
        assert_eq!(c.window(10, 8), 0);
    }
}
