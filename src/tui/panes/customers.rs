//! The customer list: a window onto the analyst's sorted, filtered order of
//! roster rows, a cursor kept on a customer (not a position), and the batch
//! selection, also kept by row, so that both survive sorting, filtering and
//! reclassification.

use crate::roster::{RowId, Sort};
use crate::segment::Expr;
use crate::tui::commands::Command;
use crate::tui::list_cursor::ListCursor;
use crate::tui::row_set::RowSet;
use std::sync::Arc;

#[derive(Debug, Default)]
pub struct CustomersPane {
    /// The rows in display order; `None` while the first complete view is
    /// not back yet: then rows show in load order (id order).
    order: Option<Vec<RowId>>,
    pub cursor: ListCursor,
    /// The customer under the cursor, by row.
    cursor_row: Option<RowId>,
    pub filter_text: String,
    pub filter: Option<Arc<Expr>>,
    pub sort: Sort,
    pub selection: RowSet,
    /// Visual mode: the row where the range started.
    pub visual_anchor: Option<RowId>,
    /// The list was opened by a segment drill-down: `h` goes back there.
    pub from_segments: bool,
    /// A view computation is on its way.
    pub view_pending: bool,
    /// The next view puts the cursor on its first row (the user has not
    /// moved since the load).
    start_at_top: bool,
}

impl CustomersPane {
    /// The roster is read again: back to load order, nothing selected (the
    /// app selects the same customers again once they are read).
    pub fn reset(&mut self) {
        self.order = None;
        self.cursor = ListCursor::default();
        self.cursor_row = None;
        self.selection.clear();
        self.visual_anchor = None;
        self.view_pending = false;
    }

    /// Rows shown, given how many rows the roster has (for load order).
    pub fn len(&self, roster_len: usize) -> usize {
        self.order.as_ref().map_or(roster_len, Vec::len)
    }

    pub fn row_at(&self, pos: usize, roster_len: usize) -> Option<RowId> {
        match &self.order {
            Some(order) => order.get(pos).copied(),
            None => (pos < roster_len).then_some(pos as RowId),
        }
    }

    pub fn cursor_row(&self) -> Option<RowId> {
        self.cursor_row
    }

    /// Installs a new order and finds the cursor's customer in it (the
    /// first row if it is not there any more).
    pub fn set_order(&mut self, order: Vec<RowId>) {
        let found = self
            .cursor_row
            .filter(|_| !std::mem::take(&mut self.start_at_top))
            .and_then(|row| order.iter().position(|r| *r == row));
        self.cursor.pos = found.unwrap_or(0);
        self.cursor.clamp(order.len());
        self.cursor_row = order.get(self.cursor.pos).copied();
        self.order = Some(order);
    }

    /// Keeps the cursor in range while rows arrive in load order.
    pub fn rows_loaded(&mut self, roster_len: usize) {
        if self.order.is_none() {
            self.cursor.clamp(roster_len);
            self.cursor_row = self.row_at(self.cursor.pos, roster_len);
        }
    }

    /// The load finished: unless the user moved, the cursor goes to the top
    /// of the first sorted view rather than following the first-loaded row.
    pub fn loaded(&mut self) {
        self.start_at_top = self.cursor.pos == 0;
    }

    /// Moves the cursor; false if `command` is not a movement.
    pub fn move_cursor(&mut self, command: Command, roster_len: usize) -> bool {
        let len = self.len(roster_len);
        if !self.cursor.apply(command, len) {
            return false;
        }
        self.start_at_top = false;
        self.cursor_row = self.row_at(self.cursor.pos, roster_len);
        true
    }

    /// Puts the cursor on a customer if the list shows it.
    pub fn focus_row(&mut self, row: RowId, roster_len: usize) {
        let pos = match &self.order {
            Some(order) => order.iter().position(|r| *r == row),
            None => ((row as usize) < roster_len).then_some(row as usize),
        };
        if let Some(pos) = pos {
            self.cursor.pos = pos;
            self.cursor_row = Some(row);
            self.start_at_top = false;
        }
    }

    /// `Space`: toggles the cursor row and moves down.
    pub fn toggle_selection(&mut self, roster_len: usize) {
        if let Some(row) = self.cursor_row {
            self.selection.toggle(row);
            self.move_cursor(Command::CursorDown, roster_len);
        }
    }

    /// `*`: every row the current filter shows.
    pub fn select_all(&mut self, roster_len: usize) {
        for pos in 0..self.len(roster_len) {
            if let Some(row) = self.row_at(pos, roster_len) {
                self.selection.insert(row);
            }
        }
    }

    /// The positions of the visual range, if visual mode is on.
    fn visual_range(&self, roster_len: usize) -> Option<(usize, usize)> {
        let anchor = self.visual_anchor?;
        let anchor_pos = match &self.order {
            Some(order) => order.iter().position(|r| *r == anchor)?,
            None => anchor as usize,
        };
        let cursor = self.cursor.pos.min(self.len(roster_len).saturating_sub(1));
        Some((anchor_pos.min(cursor), anchor_pos.max(cursor)))
    }

    /// `v`: starts visual mode, or ends it keeping the range selected.
    pub fn toggle_visual(&mut self, roster_len: usize) {
        if let Some((from, to)) = self.visual_range(roster_len) {
            for pos in from..=to {
                if let Some(row) = self.row_at(pos, roster_len) {
                    self.selection.insert(row);
                }
            }
            self.visual_anchor = None;
        } else {
            self.visual_anchor = self.cursor_row;
        }
    }

    /// Whether a row lies in the visual range being drawn.
    pub fn is_selected(&self, pos: usize, row: RowId, roster_len: usize) -> bool {
        self.selection.contains(row)
            || self
                .visual_range(roster_len)
                .is_some_and(|(from, to)| (from..=to).contains(&pos))
    }

    /// The selected rows, with a visual range still being drawn, in row
    /// order (one pass over the view, whatever the size of either).
    pub fn selected_rows(&self, roster_len: usize) -> Vec<RowId> {
        let mut rows: Vec<RowId> = self.selection.iter().collect();
        if let Some((from, to)) = self.visual_range(roster_len) {
            rows.extend(
                (from..=to)
                    .filter_map(|pos| self.row_at(pos, roster_len))
                    .filter(|row| !self.selection.contains(*row)),
            );
            rows.sort_unstable();
        }
        rows
    }

    /// Selected customers, counting a visual range still being drawn.
    pub fn selected_count(&self, roster_len: usize) -> usize {
        let extra = self.visual_range(roster_len).map_or(0, |(from, to)| {
            (from..=to)
                .filter_map(|pos| self.row_at(pos, roster_len))
                .filter(|row| !self.selection.contains(*row))
                .count()
        });
        self.selection.len() + extra
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursor_and_selection_follow_customers_across_reorders() {
        let mut pane = CustomersPane::default();
        pane.rows_loaded(10);
        pane.move_cursor(Command::CursorDown, 10);
        pane.move_cursor(Command::CursorDown, 10);
        assert_eq!(pane.cursor_row(), Some(2));
        pane.toggle_selection(10); // selects row 2, moves to row 3
        assert_eq!(pane.cursor_row(), Some(3));
        // Reversed order: the cursor stays on row 3, the selection on row 2.
        pane.set_order((0..10).rev().collect());
        assert_eq!((pane.cursor.pos, pane.cursor_row()), (6, Some(3)));
        assert!(pane.is_selected(7, 2, 10));
        // A filter that drops the cursor's row puts the cursor on top.
        pane.set_order(vec![0, 1]);
        assert_eq!(pane.cursor_row(), Some(0));
        assert_eq!(pane.selection.len(), 1);
    }

    #[test]
    fn visual_ranges_count_while_drawn_and_stay_when_ended() {
        let mut pane = CustomersPane::default();
        pane.set_order(vec![5, 6, 7, 8, 9]);
        pane.toggle_visual(10);
        pane.move_cursor(Command::CursorDown, 10);
        pane.move_cursor(Command::CursorDown, 10);
        assert_eq!(pane.selected_count(10), 3);
        assert!(pane.is_selected(1, 6, 10));
        pane.toggle_visual(10);
        assert_eq!(pane.visual_anchor, None);
        assert_eq!(pane.selection.iter().collect::<Vec<_>>(), vec![5, 6, 7]);
        pane.select_all(10);
        assert_eq!(pane.selected_count(10), 5);
    }
}
