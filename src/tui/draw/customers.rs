//! The customer list: the filter line, then a table of only the rows in
//! view (ratatui is handed a screenful, never the million).

use super::format;
use crate::model::{CustomerKind, Labelled};
use crate::roster::Column;
use crate::tui::app::App;
use crate::tui::text::fit;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table};
use ratatui::Frame;

/// Widths of the fixed columns (everything but the name), narrow and wide.
fn widths(wide: bool) -> [u16; 8] {
    if wide {
        [12, 10, 8, 6, 6, 9, 14, 5]
    } else {
        [9, 5, 6, 5, 5, 9, 10, 3]
    }
}

fn kind_text(kind: CustomerKind, wide: bool) -> &'static str {
    match (kind, wide) {
        (k, true) => k.code(),
        (CustomerKind::Individual, false) => "ind",
        (k, false) => k.code(),
    }
}

fn filter_line(app: &App) -> Line<'static> {
    let theme = &app.theme;
    let c = &app.customers;
    let total = app.roster.live_count() as u64;
    if !app.loaded {
        return Line::from(Span::styled(
            format!(
                "loading… {} customers so far (in id order until every one is read)",
                format::count(app.roster.len() as u64)
            ),
            theme.dim(),
        ));
    }
    let shown = c.len(app.roster.len()) as u64;
    let mut spans = vec![Span::styled("filter: ", theme.header())];
    if c.filter_text.is_empty() {
        spans.push(Span::styled("(none: f to filter)", theme.dim()));
    } else {
        spans.push(Span::raw(c.filter_text.clone()));
    }
    spans.push(Span::raw(format!(
        "  ({} of {})",
        format::count(shown),
        format::count(total)
    )));
    spans.push(Span::styled(
        format!(
            "  sort: {}{}",
            c.sort.column.title(),
            if c.sort.reversed { " reversed" } else { "" }
        ),
        theme.dim(),
    ));
    if c.view_pending {
        spans.push(Span::styled("  sorting…", theme.accent()));
    }
    Line::from(spans)
}

pub fn draw(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let [top, table_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    frame.render_widget(Paragraph::new(filter_line(app)), top);

    let theme = &app.theme;
    let c = &app.customers;
    let wide = area.width >= 120;
    let w = widths(wide);
    let fixed: u16 = w.iter().sum::<u16>() + 2 + 9;
    let name_width = table_area.width.saturating_sub(fixed).max(8);
    let mut constraints = vec![Constraint::Length(2), Constraint::Length(name_width)];
    constraints.extend(w.iter().map(|n| Constraint::Length(*n)));

    let height = table_area.height.saturating_sub(1) as usize;
    let roster_len = app.roster.len();
    let len = c.len(roster_len);
    let first = c.cursor.window(height, len);
    let ellipsis = theme.ellipsis;
    let cut = |text: &str, width: u16| fit(text, width as usize, ellipsis);
    let mut rows = Vec::with_capacity(height);
    for pos in first..(first + height).min(len) {
        let Some(row_id) = c.row_at(pos, roster_len) else {
            break;
        };
        let row = app.roster.row(row_id);
        let is_cursor = pos == c.cursor.pos;
        let selected = c.is_selected(pos, row_id, roster_len);
        let marker = format!(
            "{}{}",
            if is_cursor { theme.cursor } else { " " },
            if selected { theme.selected } else { " " }
        );
        let labels = row.labels();
        let cells = vec![
            Cell::from(marker),
            Cell::from(cut(row.name(), name_width)),
            Cell::from(cut(row.id(), w[0])),
            Cell::from(kind_text(row.kind(), wide)),
            Cell::from(cut(row.province().short(), w[2])),
            Cell::from(format::tier(row.value_tier(), !wide))
                .style(theme.value_tier(row.value_tier())),
            Cell::from(format::tier(row.risk_tier(), !wide))
                .style(theme.risk_tier(row.risk_tier())),
            Cell::from(cut(format::behavior(labels.map(|l| l.behavior)), w[5])),
            Cell::from(Line::from(cut(&format::money(row.annual_premium()), w[6])).right_aligned()),
            Cell::from(Line::from(row.open_tasks().to_string()).right_aligned()),
        ];
        let style = match (is_cursor, selected) {
            (true, _) => theme.cursor_row(),
            (false, true) => theme.selected_row(),
            _ => Style::new(),
        };
        rows.push(Row::new(cells).style(style));
    }
    let mut header = vec![Cell::from(""), Cell::from("Name")];
    // The name column's title sits beside the marker, above.
    for (column, width) in Column::ALL[1..].iter().zip(w) {
        let mut title = column.title().to_string();
        if *column == Column::Tasks && !wide {
            title = "Tsk".into();
        }
        let line = Line::from(cut(&title, width));
        header.push(Cell::from(match column {
            Column::Premium | Column::Tasks => line.right_aligned(),
            _ => line,
        }));
    }
    let table = Table::new(rows, constraints)
        .header(Row::new(header).style(theme.header()))
        .column_spacing(1);
    frame.render_widget(table, table_area);
    if len == 0 && app.loaded {
        super::note(
            app,
            frame,
            table_area,
            2,
            "  no customer matches the filter",
        );
    }
}
