//! The terminal UI (no command): `pcrm` opens it on `--db`.

use super::failure::EXIT_USAGE;
use super::{config_dir, CliResult, Context, Failure};
use crate::tui::{self, UiError, UiOptions};
use std::sync::Arc;

/// An internal error (a panic in some thread): the terminal was restored.
const EXIT_SOFTWARE: i32 = 70;

/// The UI options of the global options.
pub fn options(ctx: &Context) -> UiOptions {
    UiOptions {
        as_of: ctx.as_of,
        rules: ctx.rules.clone(),
        keymap: ctx.keymap.clone(),
        ascii: ctx.ascii,
        state_file: Some(config_dir().join("state.toml")),
    }
}

/// Opens the UI on a book already open (`pcrm`, and `pcrm demo` after it
/// built its book).
pub fn open(book: Arc<crate::store::Book>, ctx: &Context) -> CliResult {
    tui::run(book, options(ctx)).map_err(|e| match e {
        UiError::Keymap(_) | UiError::NotATerminal => Failure::new(EXIT_USAGE, e.to_string()),
        UiError::Io(_) => Failure::io(e.to_string()),
        UiError::Panicked(_) => Failure::new(EXIT_SOFTWARE, e.to_string()),
    })
}

pub fn run(ctx: &Context) -> CliResult {
    let book = Arc::new(ctx.open_book()?);
    open(book, ctx)
}
