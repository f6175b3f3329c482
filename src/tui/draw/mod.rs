//! Drawing: a pure function of the app's state onto a ratatui frame. Only
//! the rows in view are built, whatever the size of the book.

mod chrome;
mod customer_view;
mod customers;
mod dialogs;
mod format;

pub use format::count;
mod help;
mod risk;
mod search;
mod segments;
mod tasks;

use super::app::App;
use super::overlays::Overlay;
use super::panes::Pane;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui::Frame;

/// A dim one-line note `down` lines into `area`: what an empty list or a
/// pane still waiting for its data shows.
fn note(app: &App, frame: &mut Frame<'_>, area: Rect, down: u16, text: &str) {
    let line = Rect {
        y: area.y + down.min(area.height.saturating_sub(1)),
        height: area.height.min(1),
        ..area
    };
    frame.render_widget(
        Paragraph::new(ratatui::text::Span::styled(text, app.theme.dim())),
        line,
    );
}

/// What a summary pane says until its sums arrive.
fn summing_note(app: &App) -> &'static str {
    if app.loaded {
        "summing…"
    } else {
        "waiting for the customers to load…"
    }
}

/// The smallest terminal the screens are laid out for.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

pub fn draw(app: &App, frame: &mut Frame<'_>) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area);
        return;
    }
    let theme = &app.theme;
    let outer = Block::new()
        .borders(Borders::ALL)
        .border_set(theme.border)
        .title_top(chrome::tabs(app))
        .title_top(chrome::as_of_and_user(app).right_aligned());
    let inner = outer.inner(area);
    frame.render_widget(outer, area);
    let input_rows = u16::from(app.input.is_some());
    let [main, input, rule, status] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(input_rows),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    // The customer view stays under a search started from it.
    let view = app.overlays.iter().rev().find_map(|o| match o {
        Overlay::Customer(view) => Some(view),
        _ => None,
    });
    match view {
        Some(view) => customer_view::draw(app, view, frame, main),
        _ => match app.pane() {
            Pane::Customers => customers::draw(app, frame, main),
            Pane::Segments => segments::draw(app, frame, main),
            Pane::Risk => risk::draw(app, frame, main),
            Pane::Tasks => tasks::draw(app, frame, main),
        },
    }
    match app.overlays.last() {
        Some(Overlay::Help(h)) => help::draw(app, h, frame, main),
        Some(Overlay::Search(s)) => search::draw(app, s, frame, main),
        _ => {}
    }
    // A confirmation shows over the form it came from.
    for overlay in &app.overlays {
        match overlay {
            Overlay::TaskForm(form) => dialogs::task_form(app, form, frame, main),
            Overlay::InteractionForm(form) => dialogs::interaction_form(app, form, frame, main),
            Overlay::Confirm(c) => dialogs::confirm(app, c, frame, main),
            _ => {}
        }
    }
    chrome::rule(app, frame, area, rule);
    chrome::status(app, frame, status);
    if input_rows > 0 {
        chrome::input(app, frame, input);
    }
}

/// The first frame, while a big book opens.
pub fn draw_opening(frame: &mut Frame<'_>, book: &str, theme: &super::theme::Theme) {
    let area = frame.area();
    let block = Block::new()
        .borders(Borders::ALL)
        .border_set(theme.border)
        .title_top(Line::styled(" pcrm ", theme.title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let text = vec![
        Line::raw(""),
        Line::raw(format!("  opening the book at {book} …")),
        Line::styled("  (a big book takes a few seconds; q quits)", theme.dim()),
    ];
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: false }), inner);
}

fn too_small(frame: &mut Frame<'_>, area: Rect) {
    let text = format!(
        "pcrm needs a terminal of at least {MIN_WIDTH}x{MIN_HEIGHT}; this one is {}x{}. \
         Please enlarge the window (or make the font smaller). q quits.",
        area.width, area.height
    );
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(Line::from(text)).wrap(Wrap { trim: true }),
        area,
    );
}
