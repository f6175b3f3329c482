//! `pcrm bench ui`: how the UI feels on a big book, without a terminal:
//! frames are rendered through the real crossterm backend into a sink.
//!
//! - launch: opening the book to the first frame that shows customers, and
//!   to the complete roster with its first sorted view;
//! - frame time while scrolling the customer list (key handling, events
//!   applied in between, drawing), p50 and p99, keys at a held key's
//!   repeat rate;
//! - the same while a full reclassification runs in the background and
//!   its million new labels flow into the roster;
//! - RSS once loaded.

use super::app::{App, Incoming};
use super::keymap::Key;
use super::{build_app, draw, UiOptions};
use crate::bench::measure::{mb, ms, own_peak_rss, own_rss, percentile};
use crate::classify::{run_pending, Rules, CLASSIFIED_AS_OF_KEY, RULES_HASH_KEY};
use crate::demo::{self, DemoOptions};
use crate::store::{Book, TreeId, UI_CACHE_BYTES};
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
const FRAMES: usize = 1_000;

/// The as-of date a generated book is made for.
fn default_as_of() -> NaiveDate {
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

/// CPU time this thread has used: a frame's own work, without the time it
/// waited for a core (on a busy two-core machine that wait dominates).
fn thread_cpu() -> Duration {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec we own.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

/// Wall-clock and CPU times of frames.
struct Frames {
    wall: Vec<Duration>,
    cpu: Vec<Duration>,
}

/// Keys come at a held key's repeat rate, not as fast as possible.
const KEY_INTERVAL: Duration = Duration::from_millis(16);

/// Frame times of frames made one scroll key at a time until `done` (or
/// `frames` frames), at most `limit` long.
fn scroll(
    app: &mut App,
    term: &mut SinkTerminal,
    frames: usize,
    limit: Duration,
    done: impl Fn(&App) -> bool,
) -> std::io::Result<Frames> {
    let until = Instant::now() + limit;
    let mut f = Frames {
        wall: Vec::new(),
        cpu: Vec::new(),
    };
    for key in scroll_keys().take(frames) {
        let (started, cpu) = (Instant::now(), thread_cpu());
        app.on_key(key);
        frame(app, term)?;
        let took = started.elapsed();
        f.wall.push(took);
        f.cpu.push(thread_cpu().saturating_sub(cpu));
        if done(app) || Instant::now() > until {
            break;
        }
        std::thread::sleep(KEY_INTERVAL.saturating_sub(took));
    }
    f.wall.sort();
    f.cpu.sort();
    Ok(f)
}

fn report(out: &mut dyn Write, what: &str, f: &Frames) -> std::io::Result<()> {
    writeln!(
        out,
        "  {what:<24} p50 {}  p99 {}  max {}  ({} frames; CPU p50 {}  p99 {})",
        ms(percentile(&f.wall, 50.0)),
        ms(percentile(&f.wall, 99.0)),
        ms(percentile(&f.wall, 100.0)),
        f.wall.len(),
        ms(percentile(&f.cpu, 50.0)),
        ms(percentile(&f.cpu, 99.0)),
    )
}

/// Runs the benchmark on the book at `dir` (a demo book of `customers` is
/// generated there if it holds none); writes the report to `out`.
pub fn run(dir: &Path, customers: usize, out: &mut dyn Write) -> anyhow::Result<()> {
    let as_of = {
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
                as_of: default_as_of(),
            };
            demo::generate(&book, &options, &mut |_, _| {})?;
        } else if have != customers {
            anyhow::bail!(
                "{} holds a book of {have} customers, not {customers}: use another --dir",
                dir.display()
            );
        }
        // A demo book's dates are relative to the date it was made for.
        let as_of = demo::stored_options(&book)?.map_or_else(default_as_of, |o| o.as_of);
        // The UI opens on stored labels, as after `pcrm demo`.
        run_pending(&book, &Rules::embedded(), as_of)?;
        as_of
    };
    // Measure the UI's own memory, not the generator's.
    let _ = std::fs::write("/proc/self/clear_refs", "5");

    let started = Instant::now();
    let mut term = terminal()?;
    let theme = super::theme::Theme::new(true, false);
    term.draw(|f| super::draw_opening(f, &dir.display().to_string(), &theme))?;
    let first_frame = started.elapsed();
    let book = Arc::new(Book::open_with_cache(dir, "bench", UI_CACHE_BYTES)?);
    let opened = started.elapsed();
    let shared = Arc::clone(&book);
    let options = UiOptions {
        as_of,
        rules: None,
        keymap: None,
        ascii: false,
        no_color: false,
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
    app.settle_until(Instant::now() + Duration::from_secs(600), |a| a.is_loaded());
    term.draw(|f| draw(&app, f))?;
    let loaded = started.elapsed();
    // The first sorted view, the search index and the start-up check of
    // the stored labels.
    app.settle_until(Instant::now() + Duration::from_secs(600), |a| a.is_quiet());
    let quiet = started.elapsed();
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
    writeln!(out, "  search index built too   {}", ms(quiet))?;

    let times = scroll(
        &mut app,
        &mut term,
        FRAMES,
        Duration::from_secs(120),
        |_| false,
    )?;
    report(out, "scrolling", &times)?;
    writeln!(
        out,
        "  RSS loaded               {}  (peak {})",
        mb(rss_loaded),
        mb(own_peak_rss())
    )?;

    // Forget the stored labels, so that the full pass changes every
    // customer's and the UI takes in a million new labels while scrolling.
    shared.tree(TreeId::Classification).clear()?;
    shared.tree(TreeId::Meta).remove(CLASSIFIED_AS_OF_KEY)?;
    shared.tree(TreeId::Meta).remove(RULES_HASH_KEY)?;
    shared.flush()?;
    let started = Instant::now();
    app.run_named("classify.run");
    let times = scroll(
        &mut app,
        &mut term,
        usize::MAX,
        Duration::from_secs(900),
        |a| a.is_quiet(),
    )?;
    let relabelled = started.elapsed();
    report(out, "during reclassification", &times)?;
    writeln!(
        out,
        "  reclassified and relabelled every customer in {:.1} s while scrolling",
        relabelled.as_secs_f64()
    )?;
    writeln!(out, "  peak RSS (UI and engine) {}", mb(own_peak_rss()))?;
    Ok(())
}
