//! The terminal UI (ratatui + crossterm): the only module that knows about
//! terminals. [`run`] opens it on a book.
//!
//! Threads: this one owns all UI state and draws; an input thread turns
//! terminal events into key presses; a signal thread turns SIGTERM/SIGHUP/
//! SIGINT/SIGTSTP into events; the roster feeder, the view/aggregates
//! worker, the writer, the classification engine and the search index
//! work in the background and report over channels.

pub mod app;
pub mod bench;
pub mod commands;
mod draw;
mod event_loop;
mod input;
pub mod input_line;
pub mod keymap;
pub mod line_edit;
pub mod list_cursor;
pub mod overlays;
pub mod panes;
pub mod row_set;
mod signals;
pub mod state_file;
pub mod terminal;
pub mod text;
pub mod theme;
pub mod writer;

pub use draw::{draw, MIN_HEIGHT, MIN_WIDTH};

use crate::store::Book;
use app::{App, AppOptions};
use chrono::NaiveDate;
use keymap::{Keymap, KeymapError};
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;
use std::io::{BufWriter, IsTerminal};
use std::path::PathBuf;
use std::sync::Arc;

/// How the UI is opened (from the global options of cli.md).
#[derive(Clone, Debug)]
pub struct UiOptions {
    pub as_of: NaiveDate,
    pub rules: Option<PathBuf>,
    /// A keymap file over the default one.
    pub keymap: Option<PathBuf>,
    /// Plain `+-|` borders and ASCII symbols.
    pub ascii: bool,
    /// Where the UI state is kept (`None`: not kept).
    pub state_file: Option<PathBuf>,
}

#[derive(Debug, thiserror::Error)]
pub enum UiError {
    #[error("{0}")]
    Keymap(#[from] KeymapError),
    #[error("the UI needs a terminal (stdin and stdout); for scripts use the subcommands (pcrm --help)")]
    NotATerminal,
    #[error("terminal error: {0}")]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Panicked(String),
}

/// The app as `run` would start it, without a terminal: for tests and the
/// benchmark.
pub fn build_app(book: Arc<Book>, options: &UiOptions) -> Result<(App, Option<String>), UiError> {
    let keymap = Keymap::load(options.keymap.as_deref())?;
    let (state, problem) = match &options.state_file {
        Some(path) => state_file::load(path, book.user()),
        None => (Default::default(), None),
    };
    let app = App::new(
        book,
        AppOptions {
            as_of: options.as_of,
            rules: options.rules.clone(),
            theme: theme::Theme::from_env(options.ascii),
            keymap,
            state,
        },
    );
    Ok((app, problem))
}

/// Opens the UI on `book` and returns when the user quits (or a signal or
/// a panic ends it); the terminal is restored in every case.
pub fn run(book: Arc<Book>, options: UiOptions) -> Result<(), UiError> {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(UiError::NotATerminal);
    }
    let (mut app, problem) = build_app(book, &options)?;
    if let Some(problem) = problem {
        app.show_error(problem);
    }
    let (tx, rx) = crossbeam_channel::unbounded();
    let outcome = {
        let _signals = signals::SignalWatcher::start(tx.clone())?;
        let _guard = terminal::Guard::enter(tx.clone())?;
        let _input = input::InputThread::start(tx)?;
        let backend = CrosstermBackend::new(BufWriter::new(std::io::stdout()));
        let mut term = Terminal::new(backend)?;
        event_loop::run(&mut app, &mut term, &rx)
    };
    if let Some(path) = &options.state_file {
        if let Err(e) = state_file::save(path, app.user(), &app.ui_state()) {
            eprintln!("pcrm: UI state not saved: {e}");
        }
    }
    outcome?;
    match app.fatal() {
        Some(why) => Err(UiError::Panicked(why.to_string())),
        None => Ok(()),
    }
}
