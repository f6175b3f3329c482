//! The Segments pane: the value × risk matrix (count, premium and loss
//! ratio per cell; behaviour split and satisfaction per row), then the
//! drill-down lists, under a breadcrumb.

use super::format;
use crate::model::{BehaviorLabel, Labelled};
use crate::roster::{Cell as CubeCell, Segments, Totals};
use crate::tui::app::App;
use crate::tui::panes::segments::{BEHAVIORS, TIERS};
use crate::tui::text::fit;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Cell, Paragraph, Row, Table};
use ratatui::Frame;

pub fn draw(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let theme = &app.theme;
    let [crumb_area, body, foot] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Fill(1),
        Constraint::Length(2),
    ])
    .areas(area);
    let seg = &app.segments;
    let crumbs = seg.crumbs(theme.times).join(&format!(" {} ", theme.crumb));
    let mut spans = vec![
        Span::styled("Segments ", theme.header()),
        Span::raw(format!("{} {crumbs}", theme.crumb)),
    ];
    if seg.level() < 2 {
        spans.push(Span::styled(
            format!("   then by {} (g)", seg.grouping.name()),
            theme.dim(),
        ));
    }
    let crumb = Line::from(spans);
    frame.render_widget(Paragraph::new(crumb), crumb_area);
    let Some(data) = app.segments_data.as_ref() else {
        super::note(app, frame, body, 0, super::summing_note(app));
        return;
    };
    match seg.level() {
        0 => matrix(app, data, frame, body),
        1 => behaviours(app, data, frame, body),
        _ => groups(app, data, frame, body),
    }
    let total = data.grand_total();
    let mut notes = vec![Span::raw(format!(
        "All: {} customers  {}  LR {}",
        format::count(total.customers),
        format::money(total.premium),
        format::percent(total.loss_ratio())
    ))];
    if data.unclassified.customers > 0 {
        notes.push(Span::styled(
            format!(
                "   not classified yet: {}",
                format::count(data.unclassified.customers)
            ),
            theme.accent(),
        ));
    }
    let hint = match seg.level() {
        0 => "Enter: open a cell   j/k: value   Left/Right: risk",
        1 => "Enter: by kind/province/industry   h: back",
        _ => "Enter: the customers   g: grouping   h: back",
    };
    frame.render_widget(
        Paragraph::new(vec![Line::from(notes), Line::styled(hint, theme.dim())]),
        foot,
    );
}

fn matrix(app: &App, data: &Segments, frame: &mut Frame<'_>, area: Rect) {
    let theme = &app.theme;
    let seg = &app.segments;
    let wide = area.width >= 110;
    let cell_w: u16 = if wide { 22 } else { 14 };
    let mut header = vec![Cell::from("")];
    for r in TIERS {
        header.push(Cell::from(format!("risk {}", r.code())));
    }
    header.push(Cell::from("behaviour"));
    header.push(Cell::from("sat"));
    let mut rows = Vec::new();
    for (vi, v) in TIERS.into_iter().enumerate() {
        let mut cells = vec![Cell::from(Text::from(vec![
            Line::styled(format!("value {}", v.code()), theme.header()),
            Line::raw(""),
            Line::raw(""),
        ]))];
        for (ri, r) in TIERS.into_iter().enumerate() {
            let t = data.totals(
                CubeCell {
                    value: Some(v),
                    risk: Some(r),
                    behavior: None,
                },
                None,
            );
            let here = seg.matrix == (vi, ri);
            let mark = if here { theme.cursor } else { " " };
            let text = Text::from(vec![
                Line::raw(fit(
                    &format!("{mark}{} cust", format::count(t.customers)),
                    cell_w as usize,
                    theme.ellipsis,
                )),
                Line::raw(format!(" {}", format::money(t.premium))),
                Line::raw(format!(" LR {}", format::percent(t.loss_ratio()))),
            ]);
            let style = if here {
                theme.cursor_row()
            } else {
                Style::new()
            };
            cells.push(Cell::from(text).style(style));
        }
        let row_totals = data.totals(
            CubeCell {
                value: Some(v),
                risk: None,
                behavior: None,
            },
            None,
        );
        let split: Vec<Line> = BEHAVIORS
            .iter()
            .map(|b| {
                let t = data.totals(
                    CubeCell {
                        value: Some(v),
                        risk: None,
                        behavior: Some(*b),
                    },
                    None,
                );
                Line::raw(format!(
                    "{:<4}{:>4}",
                    short(*b),
                    format::share(t.customers, row_totals.customers)
                ))
            })
            .collect();
        cells.push(Cell::from(Text::from(split)));
        let sat = row_totals
            .satisfaction()
            .map_or("-".to_string(), |s| format!("{s:.1}"));
        cells.push(Cell::from(Text::from(vec![Line::raw(""), Line::raw(sat)])));
        rows.push(Row::new(cells).height(3).bottom_margin(1));
    }
    let widths = [
        Constraint::Length(12),
        Constraint::Length(cell_w),
        Constraint::Length(cell_w),
        Constraint::Length(cell_w),
        Constraint::Length(9),
        Constraint::Length(4),
    ];
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(theme.header()).bottom_margin(1))
        .column_spacing(1);
    frame.render_widget(table, area);
}

fn short(b: BehaviorLabel) -> &'static str {
    match b {
        BehaviorLabel::Active => "act",
        BehaviorLabel::Potential => "pot",
        BehaviorLabel::Churned => "chu",
    }
}

/// One row of a drill-down list.
fn list_row(app: &App, label: String, t: &Totals, whole: u64, here: bool) -> Row<'static> {
    let theme = &app.theme;
    let mark = if here { theme.cursor } else { " " };
    let bar = format::bar(t.customers as f64, whole as f64, 10, theme);
    let sat = t.satisfaction().map_or("-".into(), |s| format!("{s:.1}"));
    let row = Row::new(vec![
        Cell::from(format!("{mark} {}", fit(&label, 20, theme.ellipsis))),
        Cell::from(Line::from(format::count(t.customers)).right_aligned()),
        Cell::from(Line::from(format::share(t.customers, whole)).right_aligned()),
        Cell::from(Line::from(format::money(t.premium)).right_aligned()),
        Cell::from(Line::from(format::percent(t.loss_ratio())).right_aligned()),
        Cell::from(Line::from(sat).right_aligned()),
        Cell::from(bar),
    ]);
    if here {
        row.style(theme.cursor_row())
    } else {
        row
    }
}

fn list_table(app: &App, rows: Vec<Row<'static>>, frame: &mut Frame<'_>, area: Rect) {
    let header = Row::new(
        ["", "customers", "share", "premium", "LR", "sat", ""]
            .map(|h| Cell::from(Line::from(h).right_aligned())),
    )
    .style(app.theme.header());
    let widths = [
        Constraint::Length(22),
        Constraint::Length(10),
        Constraint::Length(6),
        Constraint::Length(14),
        Constraint::Length(5),
        Constraint::Length(4),
        Constraint::Length(10),
    ];
    frame.render_widget(
        Table::new(rows, widths).header(header).column_spacing(1),
        area,
    );
}

fn behaviours(app: &App, data: &Segments, frame: &mut Frame<'_>, area: Rect) {
    let seg = &app.segments;
    let Some(cell) = seg.cell else { return };
    let whole = data.totals(cell, None).customers;
    seg.list.window(BEHAVIORS.len(), BEHAVIORS.len());
    let rows = BEHAVIORS
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let t = data.totals(
                CubeCell {
                    behavior: Some(*b),
                    ..cell
                },
                None,
            );
            list_row(
                app,
                format!("{} {}", b.code(), b.label_zh()),
                &t,
                whole,
                i == seg.list.pos,
            )
        })
        .collect();
    list_table(app, rows, frame, area);
}

fn groups(app: &App, data: &Segments, frame: &mut Frame<'_>, area: Rect) {
    let seg = &app.segments;
    let Some(cell) = seg.level2_cell() else {
        return;
    };
    let whole = data.totals(cell, None).customers;
    let groups = seg.groups(data);
    let height = area.height.saturating_sub(1) as usize;
    let first = seg.list.window(height, groups.len());
    let rows = groups
        .iter()
        .enumerate()
        .skip(first)
        .take(height)
        .map(|(i, (g, t))| list_row(app, g.label(), t, whole, i == seg.list.pos))
        .collect();
    list_table(app, rows, frame, area);
    if groups.is_empty() {
        super::note(
            app,
            frame,
            area,
            2,
            "  no customer in this segment (h: back)",
        );
    }
}
