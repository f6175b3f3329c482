//! The terminal UI (ratatui + crossterm).

pub mod app;
pub mod commands;
pub mod input_line;
pub mod keymap;
pub mod line_edit;
pub mod list_cursor;
pub mod overlays;
pub mod panes;
pub mod row_set;
pub mod state_file;
pub mod text;
pub mod theme;
pub mod writer;
