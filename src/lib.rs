//! pcrm: a terminal CRM for property-and-casualty insurers.
//!
//! The engine (`model`, `store` and the operations) knows nothing of
//! terminals; `tui` is the only module that imports ratatui or crossterm,
//! and `cli` only parses arguments and calls the engine.

pub mod allocator;
pub mod bench;
pub mod classify;
pub mod cli;
pub mod demo;
pub mod export;
pub mod followup;
pub mod import;
pub mod model;
pub mod roster;
pub mod search;
pub mod segment;
pub mod store;
pub mod tui;
