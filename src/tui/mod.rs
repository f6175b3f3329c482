//! The terminal UI (ratatui + crossterm): the only module that knows about
//! terminals. [`run`] opens it on a book.
//!
//! Threads: this one owns all UI state and draws; an input thread turns
//! terminal events into key presses; a signal thread turns SIGTERM/SIGHUP/
//! SIGINT/SIGTSTP into events; the roster feeder, the view/aggregates
//! worker, the writer (task edits, batch actions, exports), the
//! classification engine and the search index work in the background and
//! report over channels.

pub mod app;
pub mod batch;
pub mod bench;
pub mod commands;
pub mod config_file;
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

pub use draw::{draw, draw_opening, MIN_HEIGHT, MIN_WIDTH};

use crate::classify::{Rules, RulesError};
use crate::store::{Book, StoreError, UI_CACHE_BYTES};
use app::{App, AppOptions};
use chrono::NaiveDate;
use keymap::{Keymap, KeymapError};
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;
use std::io::{BufWriter, IsTerminal};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// The book the UI opens on.
pub enum BookSource {
    /// Opened by the UI, behind its first frame (a big book takes seconds
    /// to open).
    Path { path: PathBuf, user: String },
    /// Already open (`pcrm demo` has just built it).
    Open(Arc<Book>),
}

/// How the UI is opened (from the global options of cli.md).
#[derive(Clone, Debug)]
pub struct UiOptions {
    pub as_of: NaiveDate,
    pub rules: Option<PathBuf>,
    /// A keymap file over the default one.
    pub keymap: Option<PathBuf>,
    /// Plain `+-|` borders and ASCII symbols.
    pub ascii: bool,
    /// No colour at all (`NO_COLOR`): marks and words carry the meaning.
    pub no_color: bool,
    /// Where the UI state is kept (`None`: not kept).
    pub state_file: Option<PathBuf>,
}

#[derive(Debug, thiserror::Error)]
pub enum UiError {
    #[error("{0}")]
    Keymap(#[from] KeymapError),
    #[error(
        "the UI needs a terminal (stdin and stdout); for scripts use the subcommands (pcrm --help)"
    )]
    NotATerminal,
    #[error("terminal error: {0}")]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Panicked(String),
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("{0}")]
    Rules(#[from] RulesError),
}

/// The app as `run` would start it, without a terminal: for tests and the
/// benchmark.
pub fn build_app(book: Arc<Book>, options: &UiOptions) -> Result<(App, Option<String>), UiError> {
    let keymap = Keymap::load(options.keymap.as_deref())?;
    let rules = Rules::load_or_embedded(options.rules.as_deref())?;
    Ok(assemble(book, options, keymap, rules))
}

fn assemble(
    book: Arc<Book>,
    options: &UiOptions,
    keymap: Keymap,
    rules: Rules,
) -> (App, Option<String>) {
    let (state, problem) = match &options.state_file {
        Some(path) => state_file::load(path, book.user()),
        None => (Default::default(), None),
    };
    let app = App::new(
        book,
        AppOptions {
            as_of: options.as_of,
            rules,
            theme: theme::Theme::new(!options.no_color, options.ascii),
            keymap,
            state,
        },
    );
    (app, problem)
}

/// Opens the book on a thread while the opening screen shows; `None` if
/// the user quit (or a signal came) first.
fn open_behind_splash<B: ratatui::backend::Backend>(
    term: &mut Terminal<B>,
    path: PathBuf,
    user: String,
    ui: &crossbeam_channel::Receiver<app::UiEvent>,
    theme: &theme::Theme,
) -> Result<Option<Arc<Book>>, UiError> {
    let shown = path.display().to_string();
    let (tx, opened) = crossbeam_channel::bounded(1);
    std::thread::Builder::new()
        .name("open-book".into())
        .spawn(move || {
            let _ = tx.send(Book::open_with_cache(&path, &user, UI_CACHE_BYTES));
        })?;
    loop {
        term.draw(|f| draw_opening(f, &shown, theme))
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        crossbeam_channel::select! {
            recv(opened) -> result => {
                let book = result.map_err(|_| std::io::Error::other("the book opener stopped"))??;
                return Ok(Some(Arc::new(book)));
            }
            recv(ui) -> event => match event {
                Ok(app::UiEvent::Key(k)) if k == keymap::Key::ctrl('c') || k == keymap::Key::char('q') => return Ok(None),
                Ok(app::UiEvent::Terminate(_)) | Err(_) => return Ok(None),
                Ok(app::UiEvent::Panic(why)) => return Err(UiError::Panicked(why)),
                Ok(_) => {}
            },
            default(Duration::from_millis(500)) => {}
        }
    }
}

/// Opens the UI on a book and returns when the user quits (or a signal or
/// a panic ends it); the terminal is restored in every case.
pub fn run(source: BookSource, options: UiOptions) -> Result<(), UiError> {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(UiError::NotATerminal);
    }
    let keymap = Keymap::load(options.keymap.as_deref())?;
    let rules = Rules::load_or_embedded(options.rules.as_deref())?;
    let Some((app, outcome)) = run_in_terminal(source, &options, keymap, rules)? else {
        return Ok(());
    };
    // The terminal is ours again: messages can go to stderr.
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

/// Everything that happens with the terminal taken over; it is given back
/// when this returns (the guards drop), whichever way.
fn run_in_terminal(
    source: BookSource,
    options: &UiOptions,
    keymap: Keymap,
    rules: Rules,
) -> Result<Option<(App, std::io::Result<()>)>, UiError> {
    let (tx, rx) = crossbeam_channel::unbounded();
    let _signals = signals::SignalWatcher::start(tx.clone())?;
    let _guard = terminal::Guard::enter(tx.clone())?;
    let _input = input::InputThread::start(tx)?;
    let backend = CrosstermBackend::new(BufWriter::new(std::io::stdout()));
    let mut term = Terminal::new(backend)?;
    let book = match source {
        BookSource::Open(book) => book,
        BookSource::Path { path, user } => {
            let theme = theme::Theme::new(!options.no_color, options.ascii);
            match open_behind_splash(&mut term, path, user, &rx, &theme)? {
                Some(book) => book,
                None => return Ok(None),
            }
        }
    };
    let (mut app, problem) = assemble(book, options, keymap, rules);
    if let Some(problem) = problem {
        app.show_error(problem);
    }
    let outcome = event_loop::run(&mut app, &mut term, &rx);
    Ok(Some((app, outcome)))
}
