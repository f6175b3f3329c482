//! The UI loop: wait on every channel at once, apply what came and what
//! else is already queued (within a time budget), then draw once if
//! anything changed. Nothing is drawn while idle; progress alone redraws at
//! most every [`PROGRESS_REDRAW`].

use super::app::{App, Redraw, UiEvent, PROGRESS_REDRAW};
use super::{draw, terminal};
use crossbeam_channel::Receiver;
use ratatui::backend::Backend;
use ratatui::Terminal;
use std::time::{Duration, Instant};

/// Events applied back to back before a frame is due anyway.
const DRAIN_BUDGET: Duration = Duration::from_millis(8);

fn io_error(e: impl std::fmt::Display) -> std::io::Error {
    std::io::Error::other(e.to_string())
}

pub fn run<B: Backend>(
    app: &mut App,
    term: &mut Terminal<B>,
    ui: &Receiver<UiEvent>,
) -> std::io::Result<()> {
    let mut last_draw: Option<Instant> = None;
    loop {
        let due = match app.redraw() {
            Redraw::Now => true,
            Redraw::Progress => last_draw.is_none_or(|t| t.elapsed() >= PROGRESS_REDRAW),
            Redraw::No => false,
        };
        if due && terminal::is_active() {
            term.draw(|frame| draw::draw(app, frame))
                .map_err(io_error)?;
            app.drawn();
            last_draw = Some(Instant::now());
        }
        if app.should_quit() {
            return Ok(());
        }
        if app.take_suspend() {
            terminal::suspend()?;
            // Everything is drawn again. (Not `clear`: it asks the terminal
            // where the cursor is, a query that can wait on a slow link.)
            let area = term.size().map_err(io_error)?.into();
            term.resize(area).map_err(io_error)?;
            app.handle(super::app::Incoming::Ui(UiEvent::Resize));
            continue;
        }
        let progress_due = (app.redraw() == Redraw::Progress)
            .then(|| last_draw.map_or_else(Instant::now, |t| t + PROGRESS_REDRAW));
        let deadline = match (app.deadline(), progress_due) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let first = app.wait(ui, deadline);
        app.handle(first);
        let budget = Instant::now() + DRAIN_BUDGET;
        while Instant::now() < budget && !app.should_quit() {
            match app.wait(ui, Some(Instant::now())) {
                super::app::Incoming::Timeout => break,
                more => app.handle(more),
            }
        }
    }
}
