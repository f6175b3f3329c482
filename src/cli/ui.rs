//! The terminal UI (no command): `pcrm` opens it on `--db`.

use super::failure::EXIT_USAGE;
use super::{config_dir, CliResult, Context, Failure};
use crate::tui::{self, BookSource, UiError, UiOptions};

/// An internal error (a panic in some thread): the terminal was restored.
const EXIT_SOFTWARE: i32 = 70;

/// The UI options of the global options and the config file (a bad one is
/// refused as a bad keymap is: wrong usage).
pub fn options(ctx: &Context) -> CliResult<UiOptions> {
    let config = tui::config_file::load(&config_dir().join("config.toml"))
        .map_err(|e| Failure::usage(e.to_string()))?;
    Ok(UiOptions {
        as_of: ctx.as_of,
        rules: ctx.rules.clone(),
        keymap: ctx.keymap.clone(),
        ascii: ctx.ascii || config.ascii,
        // no-color.org: set to anything non-empty.
        no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
        state_file: Some(config_dir().join("state.toml")),
    })
}

/// Opens the UI: `pcrm` on `--db`, and `pcrm demo` on the book it built
/// (`BookSource::Open`).
pub fn open(source: BookSource, ctx: &Context) -> CliResult {
    tui::run(source, options(ctx)?).map_err(|e| match e {
        UiError::Keymap(_) | UiError::NotATerminal => Failure::new(EXIT_USAGE, e.to_string()),
        // As `pcrm classify` reports a missing or bad rules file.
        UiError::Rules(e) => Failure::from(e),
        UiError::Io(_) => Failure::io(e.to_string()),
        UiError::Panicked(_) => Failure::new(EXIT_SOFTWARE, e.to_string()),
        UiError::Store(e) => Failure::from(e),
    })
}

pub fn run(ctx: &Context) -> CliResult {
    open(
        BookSource::Path {
            path: ctx.db.clone(),
            user: ctx.user.clone(),
        },
        ctx,
    )
}
