//! The Tasks pane: counts of overdue, due today and upcoming tasks, the
//! filter, and the queue with overdue tasks marked (in words and colour).

use super::format;
use crate::model::Labelled;
use crate::tui::app::App;
use crate::tui::panes::tasks::{due, Due};
use crate::tui::text::fit;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table};
use ratatui::Frame;

pub fn draw(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let theme = &app.theme;
    let t = &app.tasks;
    let [top, table_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    let [overdue, today, upcoming] = t.counts;
    let mut spans = vec![
        Span::styled(
            format!("Overdue {}", format::count(overdue as u64)),
            theme.warning(),
        ),
        Span::raw(format!(
            "  Today {}  Upcoming {}   ",
            format::count(today as u64),
            format::count(upcoming as u64)
        )),
        Span::styled("filter: ", theme.header()),
    ];
    if t.filter_text.is_empty() {
        spans.push(Span::styled("open tasks (f to filter)", theme.dim()));
    } else {
        spans.push(Span::raw(t.filter_text.clone()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), top);

    let wide = area.width >= 120;
    let (customer_w, assignee_w, prio_w, playbook_w) =
        if wide { (14, 12, 6, 12) } else { (10, 8, 6, 0) };
    let gaps = if wide { 7 } else { 6 };
    let fixed: u16 = 2 + 7 + 10 + customer_w + assignee_w + prio_w + playbook_w + gaps;
    let title_width = table_area.width.saturating_sub(fixed).max(10);
    let height = table_area.height.saturating_sub(1) as usize;
    let first = t.cursor.window(height, t.len());
    let cut = |s: &str, w: u16| fit(s, w as usize, theme.ellipsis);
    let mut rows = Vec::new();
    for pos in first..(first + height).min(t.len()) {
        let Some(task) = t.at(pos) else { break };
        let here = pos == t.cursor.pos;
        let selected = t.selection.contains(&task.id);
        let when = due(task, app.as_of);
        let status = match (task.status, when) {
            (crate::model::TaskStatus::Open, Due::Overdue) => "OVERDUE".to_string(),
            (crate::model::TaskStatus::Open, Due::Today) => "today".to_string(),
            (crate::model::TaskStatus::Open, Due::Upcoming) => String::new(),
            (s, _) => s.code().to_string(),
        };
        let customer = app
            .roster
            .find(&task.customer_id)
            .map_or(task.customer_id.clone(), |r| {
                app.roster.row(r).name().to_string()
            });
        let mut cells = vec![
            Cell::from(format!(
                "{}{}",
                if here { theme.cursor } else { " " },
                if selected { theme.selected } else { " " }
            )),
            Cell::from(status),
            Cell::from(task.due.to_string()),
            Cell::from(cut(&task.title, title_width)),
            Cell::from(cut(&customer, customer_w)),
            Cell::from(cut(task.assignee.as_deref().unwrap_or("-"), assignee_w)),
            Cell::from(cut(task.priority.code(), prio_w)),
        ];
        if wide {
            cells.push(Cell::from(cut(
                task.playbook.as_deref().unwrap_or("-"),
                playbook_w,
            )));
        }
        let style = if here {
            theme.cursor_row()
        } else if selected {
            theme.selected_row()
        } else if when == Due::Overdue && task.status == crate::model::TaskStatus::Open {
            theme.warning()
        } else {
            Style::new()
        };
        rows.push(Row::new(cells).style(style));
    }
    let mut header = vec!["", "", "due", "title", "customer", "assignee", "prio"];
    let mut widths = vec![
        Constraint::Length(2),
        Constraint::Length(7),
        Constraint::Length(10),
        Constraint::Length(title_width),
        Constraint::Length(customer_w),
        Constraint::Length(assignee_w),
        Constraint::Length(prio_w),
    ];
    if wide {
        header.push("playbook");
        widths.push(Constraint::Length(playbook_w));
    }
    let table = Table::new(rows, widths)
        .header(Row::new(header.into_iter().map(Cell::from)).style(theme.header()))
        .column_spacing(1);
    frame.render_widget(table, table_area);
    if t.is_empty() {
        let text = if app.loaded || !t.filter_text.is_empty() {
            "  no task matches"
        } else {
            "  loading…"
        };
        super::note(app, frame, table_area, 2, text);
    }
}
