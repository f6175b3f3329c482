//! Shared by the UI tests: a real demo book in a temp dir, the app on it,
//! and rendering to ratatui's test backend.
#![allow(dead_code)] // each test file uses its own part

pub mod binary;
#[path = "../common/builders.rs"]
mod builders;
pub mod pty;
pub mod vt;

use chrono::NaiveDate;
use pcrm::demo::{self, DemoOptions};
use pcrm::store::Book;
use pcrm::tui::app::App;
use pcrm::tui::keymap::Key;
use pcrm::tui::{build_app, UiOptions};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

pub fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 30).unwrap()
}

/// A demo book of `customers` (seed 7) at `dir`, opened for li.wei, with
/// its classification stored (as `pcrm demo` leaves it).
pub fn demo_book(dir: &Path, customers: u64) -> Arc<Book> {
    let book = unclassified_demo_book(dir, customers);
    pcrm::classify::run_full(&book, &pcrm::classify::Rules::embedded(), as_of()).unwrap();
    book
}

/// The same without any stored classification.
pub fn unclassified_demo_book(dir: &Path, customers: u64) -> Arc<Book> {
    let book = Book::open(dir, "li.wei").unwrap();
    demo::generate(
        &book,
        &DemoOptions {
            customers,
            seed: 7,
            as_of: as_of(),
        },
        &mut |_, _| {},
    )
    .unwrap();
    Arc::new(book)
}

/// A hand-made book for li.wei: customers `C001`, `C002`... with the given
/// tags, and open tasks `(id, customer, title, due)`; classified.
pub fn hand_book(dir: &Path, tags: &[&[&str]], tasks: &[(&str, &str, &str, &str)]) -> Arc<Book> {
    use pcrm::model::*;
    let book = Book::open(dir, "li.wei").unwrap();
    let mut batch = book.begin("seed", false).unwrap();
    for (i, tags) in tags.iter().enumerate() {
        batch
            .put(
                &builders::customer(&format!("C{:03}", i + 1), CustomerKind::Individual)
                    .name(&format!("客户{}", i + 1))
                    .province("浙江")
                    .manager("li.wei")
                    .tags(tags)
                    .build(),
            )
            .unwrap();
    }
    for (id, customer, title, due) in tasks {
        batch
            .put(&Task {
                title: title.to_string(),
                due: pcrm::model::date_codec::parse_date(due).unwrap(),
                ..builders::task(id, customer)
            })
            .unwrap();
    }
    batch.commit("seed").unwrap();
    pcrm::classify::run_full(&book, &pcrm::classify::Rules::embedded(), as_of()).unwrap();
    Arc::new(book)
}

/// Applies background events until `done` holds (60 s at most: a batch
/// commit flushes to disk and CI machines may be busy), then until quiet.
pub fn wait_until(app: &mut App, what: &str, done: impl Fn(&App) -> bool) {
    app.settle_until(Instant::now() + Duration::from_secs(60), &done);
    assert!(
        done(app),
        "{what} did not happen; status: {:?}; screen:\n{}",
        app.message(),
        screen(app, 80, 24)
    );
    settle(app);
}

pub fn options(ascii: bool) -> UiOptions {
    UiOptions {
        as_of: as_of(),
        rules: None,
        keymap: None,
        ascii,
        no_color: false,
        state_file: None,
    }
}

/// The app on `book`, with the roster loaded and its first view back.
pub fn app(book: &Arc<Book>) -> App {
    app_with(book, options(false))
}

pub fn app_with(book: &Arc<Book>, options: UiOptions) -> App {
    let (mut app, problem) = build_app(Arc::clone(book), &options).unwrap();
    assert_eq!(problem, None);
    settle(&mut app);
    app
}

/// Applies background events until the app is quiet (10 s at most).
pub fn settle(app: &mut App) {
    app.settle_until(Instant::now() + Duration::from_secs(10), |a| a.is_quiet());
    assert!(app.is_quiet(), "the app did not settle in 10 s");
}

/// Presses keys in the keymap's notation (`j j <Enter>`), then settles.
pub fn keys(app: &mut App, typed: &str) {
    for k in typed.split(' ') {
        app.on_key(Key::parse(k).unwrap_or_else(|| panic!("{k}")));
    }
    settle(app);
}

/// Types text into whatever has the focus, a key a character.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.on_key(Key::char(c));
    }
}

/// The status line's message.
pub fn message(app: &App) -> String {
    app.message().map(|m| m.0.clone()).unwrap_or_default()
}

/// Runs commands by name.
pub fn run(app: &mut App, names: &[&str]) {
    for name in names {
        assert!(app.run_named(name), "unknown command {name}");
    }
    settle(app);
}

/// The screen as text, one line per row.
pub fn screen(app: &App, width: u16, height: u16) -> String {
    let mut term = Terminal::new(TestBackend::new(width, height)).unwrap();
    term.draw(|f| pcrm::tui::draw(app, f)).unwrap();
    let buffer = term.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..height {
        let mut skip = 0;
        for x in 0..width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buffer[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
            out.push_str(symbol);
        }
        out.push('\n');
    }
    out
}
