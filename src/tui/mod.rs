//! The terminal UI (ratatui + crossterm).

pub mod commands;
pub mod keymap;
