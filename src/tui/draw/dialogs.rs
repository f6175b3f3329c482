//! The boxes batch actions open over the pane: the forms (a new task, an
//! interaction) and the confirmation (or notice). Centred, at most 72 columns wide, so they fit
//! an 80×24 terminal; the focused field is marked with the cursor symbol,
//! visible without colour.

use crate::tui::app::App;
use crate::tui::commands::Command;
use crate::tui::keymap::{sequence_text, Context};
use crate::tui::overlays::confirm::Confirm;
use crate::tui::overlays::form::{Fields, FormFields};
use crate::tui::overlays::interaction_form::InteractionForm;
use crate::tui::overlays::task_form::TaskForm;
use crate::tui::text::{fit, width, wrap};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

const MAX_WIDTH: u16 = 72;

/// Every key bound to `command` in `context`: `y/<Enter>`.
fn keys(app: &App, context: Context, command: Command) -> String {
    let all: Vec<String> = app
        .keymap
        .layer(context)
        .iter()
        .filter(|b| b.command == command)
        .map(|b| sequence_text(&b.keys))
        .collect();
    all.join("/")
}

/// A box of `rows` inner rows, centred in `main`, drawn empty; its inside.
fn open_box(app: &App, frame: &mut Frame<'_>, main: Rect, rows: u16, title: &str) -> Rect {
    let width = main.width.min(MAX_WIDTH);
    let height = (rows + 2).min(main.height);
    let area = Rect {
        x: main.x + (main.width - width) / 2,
        y: main.y + (main.height - height) / 2,
        width,
        height,
    };
    frame.render_widget(Clear, area);
    let title = fit(title, width.saturating_sub(4) as usize, app.theme.ellipsis);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_set(app.theme.border)
        .title(Line::styled(format!(" {title} "), app.theme.header()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    inner
}

pub fn confirm(app: &App, confirm: &Confirm, frame: &mut Frame<'_>, main: Rect) {
    let theme = &app.theme;
    let text_width = (main.width.min(MAX_WIDTH) as usize).saturating_sub(4);
    let mut lines: Vec<Line> = confirm
        .lines
        .iter()
        .flat_map(|l| wrap(l, text_width))
        .map(|l| Line::raw(format!(" {l}")))
        .collect();
    lines.push(Line::raw(""));
    let yes = keys(app, Context::Confirm, Command::ConfirmYes);
    let answer = if confirm.action.is_some() {
        let no = keys(app, Context::Confirm, Command::ConfirmNo);
        format!(" {yes} {}   {no} cancel", confirm.verb)
    } else {
        format!(" {yes} {}", confirm.verb)
    };
    lines.push(Line::styled(answer, theme.title()));
    let inner = open_box(app, frame, main, lines.len() as u16, &confirm.title);
    frame.render_widget(Paragraph::new(lines), inner);
}

pub fn task_form(app: &App, form: &TaskForm, frame: &mut Frame<'_>, main: Rect) {
    let title = format!("New follow-up task for {}", form.targets.what);
    draw_form(app, &title, "create…", &form.fields, frame, main);
}

pub fn interaction_form(app: &App, form: &InteractionForm, frame: &mut Frame<'_>, main: Rect) {
    let title = format!("Log an interaction with {}", form.targets.what);
    draw_form(app, &title, "log…", &form.fields, frame, main);
}

/// A form: a row per field (label, value, hint), the choices of the
/// focused field (room kept for the longest list, so the box does not
/// jump), why the last submit was refused, and the keys.
fn draw_form<F: Fields>(
    app: &App,
    title: &str,
    verb: &str,
    form: &FormFields<F>,
    frame: &mut Frame<'_>,
    main: Rect,
) {
    let theme = &app.theme;
    let inner_width = (main.width.min(MAX_WIDTH) as usize).saturating_sub(2);
    let text_width = inner_width.saturating_sub(2);
    let choice_rows = F::ALL
        .iter()
        .filter_map(|f| f.choices())
        .map(|c| wrap(&c, text_width).len())
        .max()
        .unwrap_or(0);
    let rows = F::ALL.len() + choice_rows + 3;
    let inner = open_box(app, frame, main, rows as u16, title);
    // Marker, space, the longest label, a gap.
    let label_width = F::ALL.iter().map(|f| width(f.label())).max().unwrap_or(0) + 3;
    let hint_width = F::ALL.iter().map(|f| width(f.hint())).max().unwrap_or(0);
    let value_width = (inner.width as usize).saturating_sub(label_width + hint_width + 2);
    let mut lines = Vec::new();
    for (y, field) in F::ALL.iter().copied().enumerate() {
        let focused = field == form.focus;
        let marker = if focused { theme.cursor } else { " " };
        let (shown, col) = form.field_edit(field).view(value_width);
        let pad = " ".repeat(value_width.saturating_sub(width(&shown)) + 2);
        let label = format!(
            "{marker} {:<width$}",
            field.label(),
            width = label_width - 2
        );
        lines.push(Line::from(vec![
            Span::styled(
                label,
                if focused {
                    theme.title()
                } else {
                    theme.header()
                },
            ),
            Span::raw(shown),
            Span::raw(pad),
            Span::styled(field.hint(), theme.dim()),
        ]));
        if focused {
            frame.set_cursor_position((inner.x + (label_width + col) as u16, inner.y + y as u16));
        }
    }
    lines.push(Line::raw(""));
    let choices = form
        .focus
        .choices()
        .map_or_else(Vec::new, |c| wrap(&c, text_width));
    for row in 0..choice_rows {
        let text = choices.get(row).map_or("", String::as_str);
        lines.push(Line::styled(format!(" {text}"), theme.dim()));
    }
    match &form.problem {
        Some(why) => lines.push(Line::styled(
            format!(" {}", fit(why, inner.width as usize - 1, theme.ellipsis)),
            theme.warning(),
        )),
        None => lines.push(Line::raw("")),
    }
    let next = keys(app, Context::Form, Command::FormNext);
    let submit = keys(app, Context::Input, Command::InputSubmit);
    let cancel = keys(app, Context::Input, Command::InputCancel);
    lines.push(Line::styled(
        format!(" {next} next field   {submit} {verb}   {cancel} cancel"),
        theme.title(),
    ));
    frame.render_widget(Paragraph::new(lines), inner);
}
