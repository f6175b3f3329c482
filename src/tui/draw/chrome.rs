//! The frame around the panes: the tab bar in the top border, the rule
//! above the status line, the status line and the input line.

use super::format;
use crate::tui::app::{App, MessageKind};
use crate::tui::commands::Command;
use crate::tui::keymap::sequence_text;
use crate::tui::overlays::Overlay;
use crate::tui::panes::Pane;
use crate::tui::text::{fit, width};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

/// ` pcrm ─ [Customers] Segments  Risk  Tasks ` with the current pane
/// bracketed (visible without colour) and highlighted.
pub fn tabs(app: &App) -> Line<'static> {
    let theme = &app.theme;
    let mut spans = vec![
        Span::styled(" pcrm ", theme.title()),
        Span::raw(theme.border.horizontal_top),
    ];
    for pane in Pane::ALL {
        if pane == app.pane {
            spans.push(Span::styled(
                format!("[{}]", pane.title()),
                theme.active_tab(),
            ));
        } else {
            spans.push(Span::raw(format!(" {} ", pane.title())));
        }
    }
    spans.push(Span::raw(" "));
    Line::from(spans)
}

pub fn as_of_and_user(app: &App) -> Line<'static> {
    Line::from(format!(" as of {}  {} ", app.as_of, app.user()))
}

/// The horizontal rule above the status line, joined to the side borders.
pub fn rule(app: &App, frame: &mut Frame<'_>, outer: Rect, row: Rect) {
    let (left, mid, right) = if app.theme.ascii {
        ("+", "-", "+")
    } else {
        ("├", "─", "┤")
    };
    let buf = frame.buffer_mut();
    buf.set_string(outer.x, row.y, left, Style::new());
    buf.set_string(row.x, row.y, mid.repeat(row.width as usize), Style::new());
    buf.set_string(outer.x + outer.width - 1, row.y, right, Style::new());
}

fn mode(app: &App) -> &'static str {
    if let Some(input) = &app.input {
        return match input.purpose {
            crate::tui::input_line::Purpose::Command => "COMMAND",
            crate::tui::input_line::Purpose::CustomerFilter
            | crate::tui::input_line::Purpose::TaskFilter => "FILTER",
            _ => "PROMPT",
        };
    }
    match app.overlays.last() {
        Some(Overlay::Customer(_)) => "VIEW",
        Some(Overlay::Help(_)) => "HELP",
        Some(Overlay::Search(_)) => "SEARCH",
        Some(Overlay::TaskForm(_)) => "NEW TASK",
        Some(Overlay::InteractionForm(_)) => "LOG",
        Some(Overlay::Confirm(_)) => "CONFIRM",
        None if app.customers.visual_anchor.is_some() && app.pane == Pane::Customers => "VISUAL",
        None => "NORMAL",
    }
}

/// Mode, selection, background jobs, the last message; key hints right.
pub fn status(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let theme = &app.theme;
    let mut spans = vec![Span::styled(format!(" {} ", mode(app)), theme.mode())];
    if !app.pending_keys().is_empty() {
        spans.push(Span::raw(format!(" {}", sequence_text(app.pending_keys()))));
    }
    let selected = match app.pane {
        Pane::Customers => app.customers.selected_count(app.roster.len()),
        Pane::Tasks => app.tasks.selection.len(),
        _ => 0,
    };
    if selected > 0 {
        spans.push(Span::styled(
            format!("  {} selected", format::count(selected as u64)),
            theme.selected_row(),
        ));
    }
    for job in &app.jobs {
        let text = match job.total {
            Some(total) if total > 0 => {
                let ratio = job.done as f64 / total as f64;
                format!(
                    "  {} {:.0}% {}",
                    job.label,
                    ratio * 100.0,
                    format::bar(ratio, 1.0, 8, theme)
                )
            }
            // Started, nothing counted yet (a batch being written).
            None if job.done == 0 => format!("  {}…", job.label),
            _ => format!("  {} {}", job.label, format::count(job.done as u64)),
        };
        spans.push(Span::styled(text, theme.accent()));
    }
    if app.jobs.iter().any(|j| j.label == "classifying") {
        spans.push(Span::styled(" (Esc cancels)", theme.dim()));
    }
    let used: usize = spans.iter().map(|s| width(&s.content)).sum();
    let mut hints = hints(app);
    let mut room = (area.width as usize).saturating_sub(used + width(&hints) + 2);
    // The message matters more than the hints (`? help` is always bound).
    if app
        .message
        .as_ref()
        .is_some_and(|(text, _)| width(text) > room)
    {
        room += width(&hints);
        hints.clear();
    }
    if let Some((text, kind)) = &app.message {
        let style = match kind {
            MessageKind::Error => theme.warning(),
            MessageKind::Info => Style::new(),
        };
        spans.push(Span::styled(
            format!("  {}", fit(text, room, theme.ellipsis)),
            style,
        ));
    }
    let used: usize = spans.iter().map(|s| width(&s.content)).sum();
    let pad = (area.width as usize).saturating_sub(used + width(&hints));
    spans.push(Span::raw(" ".repeat(pad)));
    spans.push(Span::styled(hints, theme.dim()));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// `? help  q quit`, with the keys of the active keymap.
fn hints(app: &App) -> String {
    let stack = app.contexts();
    let key = |c: Command| app.keymap.keys_for(stack, c);
    let mut parts = Vec::new();
    if let Some(k) = key(Command::HelpOpen) {
        parts.push(format!("{k} help"));
    }
    if let Some(k) = key(Command::Quit) {
        parts.push(format!("{k} quit"));
    }
    if parts.is_empty() {
        for (yes, no) in [
            (Command::InputSubmit, Command::InputCancel),
            (Command::ConfirmYes, Command::ConfirmNo),
        ] {
            if let Some(k) = key(yes) {
                parts.push(format!("{k} ok"));
            }
            if let Some(k) = key(no) {
                parts.push(format!("{k} cancel"));
            }
        }
    }
    format!("{} ", parts.join("  "))
}

/// The input line: its prompt and the text, with the terminal cursor in it.
pub fn input(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let Some(input) = &app.input else { return };
    let prompt = input.purpose.prompt();
    let room = (area.width as usize).saturating_sub(width(&prompt) + 1);
    let (shown, col) = input.edit.view(room);
    let line = Line::from(vec![
        Span::styled(prompt.clone(), app.theme.header()),
        Span::raw(shown),
    ]);
    frame.render_widget(Paragraph::new(line), area);
    frame.set_cursor_position((area.x + (width(&prompt) + col) as u16, area.y));
}
