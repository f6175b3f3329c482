//! `pcrm bench ui`: how the UI feels on a big book, without a terminal:
//! frames are rendered through the real crossterm backend into a sink.
//!
//! - launch: opening the book to the first frame that shows customers, and
//!   to the complete roster with its first sorted view;
//! - frame time while scrolling the customer list (key handling, events
//!   applied in between, drawing), p50 and p99;
//! - the same while a full reclassification runs in the background;
//! - RSS once loaded.

use super::app::{App, Incoming};
use super::keymap::Key;
use super::{build_app, draw, UiOptions};
use crate::bench::measure::{mb, ms, own_peak_rss, own_rss, percentile};
use crate::demo::{self, DemoOptions};
use crate::store::{Book, TreeId};
use chrono::NaiveDate;
use crossbeam_channel::never;
use crossterm::event::KeyCode;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use std::io::Write;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;
const SEED: u64 = 1;
/// Frames measured while scrolling.
const FRAMES: usize = 2_000;

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 30).expect("a valid constant date")
}

type SinkTerminal = Terminal<CrosstermBackend<std::io::Sink>>;

fn terminal() -> std::io::Result<SinkTerminal> {
    Terminal::with_options(
        CrosstermBackend::new(std::io::sink()),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, WIDTH, HEIGHT)),
        },
    )
}

/// One frame as the event loop makes it: queued events applied (within the
/// loop's budget), then drawn.
fn frame(app: &mut App, term: &mut SinkTerminal) -> std::io::Result<()> {
    let ui = never();
    let budget = Instant::now() + Duration::from_millis(4);
    while Instant::now() < budget {
        match app.wait(&ui, Some(Instant::now())) {
            Incoming::Timeout => break,
            incoming => app.handle(incoming),
        }
    }
    term.draw(|f| draw(app, f))?;
    app.drawn();
    Ok(())
}

/// The keys of a session of scrolling: down a row at a time, pages,
/// half pages, to the bottom and back.
fn scroll_keys() -> impl Iterator<Item = Key> {
    let pattern = [
        (Key::char('j'), 40),
        (Key::plain(KeyCode::PageDown), 10),
        (Key::ctrl('d'), 10),
        (Key::char('k'), 20),
        (Key::plain(KeyCode::PageUp), 5),
        (Key::char('G'), 1),
        (Key::ctrl('u'), 10),
        (Key::char('g'), 2),
    ];
    pattern
        .into_iter()
        .flat_map(|(key, n)| std::iter::repeat_n(key, n))
        .cycle()
}

/// Frame times of `frames` frames, each after one scroll key.
fn scroll(app: &mut App, term: &mut SinkTerminal, frames: usize) -> std::io::Result<Vec<Duration>> {
    let mut times = Vec::with_capacity(frames);
    for key in scroll_keys().take(frames) {
        let started = Instant::now();
        app.on_key(key);
        frame(app, term)?;
        times.push(started.elapsed());
    }
    times.sort();
    Ok(times)
}

/// Runs the benchmark on the book at `dir` (a demo book of `customers` is
/// generated there if it holds none); writes the report to `out`.
pub fn run(dir: &Path, customers: usize, out: &mut dyn Write) -> anyhow::Result<()> {
    {
        let book = Book::open(dir, "bench")?;
        let have = book.count(TreeId::Customers);
        if have == 0 {
            writeln!(
                out,
                "generating a demo book of {customers} customers in {}",
                dir.display()
            )?;
            let options = DemoOptions {
                customers: customers as u64,
                seed: SEED,
                as_of: as_of(),
            };
            demo::generate(&book, &options, &mut |_, _| {})?;
        } else if have != customers {
            anyhow::bail!(
                "{} holds a book of {have} customers, not {customers}: use another --dir",
                dir.display()
            );
        }
    }
    // Measure the UI's own memory, not the generator's.
    let _ = std::fs::write("/proc/self/clear_refs", "5");

    let started = Instant::now();
    let mut term = terminal()?;
    let theme = super::theme::Theme::new(true, false);
    term.draw(|f| super::draw_opening(f, &dir.display().to_string(), &theme))?;
    let first_frame = started.elapsed();
    let book = Arc::new(Book::open(dir, "bench")?);
    let opened = started.elapsed();
    let options = UiOptions {
        as_of: as_of(),
        rules: None,
        keymap: None,
        ascii: false,
        state_file: None,
    };
    let (mut app, _) = build_app(book, &options)?;
    let ui = never();
    while app.roster().is_empty() {
        let incoming = app.wait(&ui, Some(Instant::now() + Duration::from_secs(60)));
        if let Incoming::Timeout = incoming {
            anyhow::bail!("no customer arrived in 60 s");
        }
        app.handle(incoming);
    }
    term.draw(|f| draw(&app, f))?;
    let first_customers = started.elapsed();
    app.settle_until(Instant::now() + Duration::from_secs(600), |a| a.is_quiet());
    term.draw(|f| draw(&app, f))?;
    let loaded = started.elapsed();
    let rss_loaded = own_rss();
    writeln!(
        out,
        "ui on {} customers, frames of {WIDTH}x{HEIGHT}",
        app.roster().live_count()
    )?;
    writeln!(
        out,
        "  launch to first frame    {}  (the opening screen)",
        ms(first_frame)
    )?;
    writeln!(out, "  book open                {}", ms(opened))?;
    writeln!(out, "  first customers shown    {}", ms(first_customers))?;
    writeln!(out, "  every customer loaded    {}", ms(loaded))?;

    let times = scroll(&mut app, &mut term, FRAMES)?;
    writeln!(
        out,
        "  scrolling                p50 {}  p99 {}  max {}  ({FRAMES} frames)",
        ms(percentile(&times, 50.0)),
        ms(percentile(&times, 99.0)),
        ms(percentile(&times, 100.0)),
    )?;
    writeln!(
        out,
        "  RSS loaded               {}  (peak {})",
        mb(rss_loaded),
        mb(own_peak_rss())
    )?;
    Ok(())
}
