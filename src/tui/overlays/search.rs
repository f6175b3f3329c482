//! The search box (`/` from anywhere): what was typed, the hits of the
//! newest answered query, and the cursor in them.

use crate::search::Hit;
use crate::tui::line_edit::LineEdit;
use crate::tui::list_cursor::ListCursor;

/// Hits asked for per query.
pub const LIMIT: usize = 50;

#[derive(Debug, Default)]
pub struct Search {
    pub edit: LineEdit,
    pub hits: Vec<Hit>,
    pub cursor: ListCursor,
    /// The query the shown hits answer (0: none yet).
    pub answered: u64,
}

impl Search {
    pub fn current(&self) -> Option<&Hit> {
        self.hits.get(self.cursor.pos)
    }
}
