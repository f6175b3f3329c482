//! The Risk pane: customers and premium per risk tier, the average points
//! of each risk factor, catastrophe exposure by province and the riskiest
//! customers, with bars where a picture reads faster than numbers.

use super::format;
use crate::model::Labelled;
use crate::roster::RiskProfile;
use crate::tui::app::App;
use crate::tui::panes::segments::TIERS;
use crate::tui::text::fit;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table};
use ratatui::Frame;

/// Factor names and maximum points (classification.md).
const FACTORS: [(&str, f64); 4] = [
    ("industry", 30.0),
    ("catastrophe", 30.0),
    ("property", 20.0),
    ("claims", 20.0),
];

pub fn draw(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let Some(profile) = app.risk_data.as_ref() else {
        super::note(app, frame, area, 0, super::summing_note(app));
        return;
    };
    let [top, middle, bottom] = Layout::vertical([
        Constraint::Length(5),
        Constraint::Length(7),
        Constraint::Fill(1),
    ])
    .areas(area);
    let [tiers_area, factors_area] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(top);
    tiers(app, profile, frame, tiers_area);
    factors(app, profile, frame, factors_area);
    exposure(app, profile, frame, middle);
    highest(app, profile, frame, bottom);
}

fn title(app: &App, text: &str) -> Line<'static> {
    Line::styled(text.to_string(), app.theme.header())
}

fn tiers(app: &App, p: &RiskProfile, frame: &mut Frame<'_>, area: Rect) {
    let theme = &app.theme;
    let most = p
        .tiers
        .iter()
        .map(|t| t.totals.customers)
        .max()
        .unwrap_or(0);
    let heading = format!("{:<7}{:>10} {:>13}", "tier", "customers", "premium");
    let mut lines = vec![title(app, &heading)];
    let bar_width = (area.width as usize).saturating_sub(33).min(16);
    for (tier, t) in TIERS.iter().zip(&p.tiers) {
        lines.push(Line::from(vec![
            Span::styled(format!("{:<7}", tier.code()), theme.risk_tier(Some(*tier))),
            Span::raw(format!(
                "{:>10} {:>13} ",
                format::count(t.totals.customers),
                format::money(t.totals.premium)
            )),
            Span::raw(format::bar(
                t.totals.customers as f64,
                most as f64,
                bar_width,
                theme,
            )),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn factors(app: &App, p: &RiskProfile, frame: &mut Frame<'_>, area: Rect) {
    let averages = p.all.factor_averages();
    let mut lines = vec![title(app, "Average factor points")];
    let bar_width = (area.width as usize).saturating_sub(24).min(14);
    for ((name, max), avg) in FACTORS.iter().zip(averages) {
        lines.push(Line::raw(format!(
            "{name:<12}{avg:>5.1}/{max:<3} {}",
            format::bar(avg, *max, bar_width, &app.theme)
        )));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn exposure(app: &App, p: &RiskProfile, frame: &mut Frame<'_>, area: Rect) {
    let theme = &app.theme;
    let most = p.exposures.first().map_or(0, |e| e.sum_insured.0);
    let shown = (area.height as usize).saturating_sub(2);
    let mut rows = Vec::new();
    for e in p.exposures.iter().take(shown) {
        rows.push(Row::new(vec![
            Cell::from(e.province.short()),
            Cell::from(Line::from(format::money(e.sum_insured)).right_aligned()),
            Cell::from(Line::from(format::count(e.customers)).right_aligned()),
            Cell::from(format::bar(e.sum_insured.0 as f64, most as f64, 20, theme)),
        ]));
    }
    let more = p.exposures.len().saturating_sub(shown);
    let heading = if more > 0 {
        format!("Catastrophe exposure by province (top {shown}, {more} more)")
    } else {
        "Catastrophe exposure by province".to_string()
    };
    let [head, table] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    frame.render_widget(Paragraph::new(title(app, &heading)), head);
    let header =
        Row::new(["province", "sum insured", "customers", ""].map(Cell::from)).style(theme.dim());
    let widths = [
        Constraint::Length(8),
        Constraint::Length(20),
        Constraint::Length(10),
        Constraint::Length(20),
    ];
    frame.render_widget(
        Table::new(rows, widths).header(header).column_spacing(1),
        table,
    );
}

fn highest(app: &App, p: &RiskProfile, frame: &mut Frame<'_>, area: Rect) {
    let theme = &app.theme;
    let [head, table] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    frame.render_widget(
        Paragraph::new(title(app, "Highest risk (Enter opens)")),
        head,
    );
    let height = table.height.saturating_sub(1) as usize;
    let first = app.risk.cursor.window(height, p.highest.len());
    let name_width = (area.width as usize)
        .saturating_sub(2 + 6 + 10 + 8 + 7 + 40)
        .max(12);
    let rows: Vec<Row> = p
        .highest
        .iter()
        .enumerate()
        .skip(first)
        .take(height)
        .map(|(i, row_id)| {
            let row = app.roster.row(*row_id);
            let here = i == app.risk.cursor.pos;
            let labels = row.labels();
            let factors = labels.map_or(String::new(), |l| {
                l.risk_factors
                    .iter()
                    .map(|f| format!("{f:>4.1}"))
                    .collect::<Vec<_>>()
                    .join(" ")
            });
            let r = Row::new(vec![
                Cell::from(if here { theme.cursor } else { " " }),
                Cell::from(format!("{:>5.1}", labels.map_or(0.0, |l| l.risk_score))),
                Cell::from(fit(row.name(), name_width, theme.ellipsis)),
                Cell::from(fit(row.id(), 10, theme.ellipsis)),
                Cell::from(fit(row.province().short(), 6, theme.ellipsis)),
                Cell::from(row.kind().code()),
                Cell::from(factors),
            ]);
            if here {
                r.style(theme.cursor_row())
            } else {
                r
            }
        })
        .collect();
    let header = Row::new(
        [
            "",
            "score",
            "name",
            "id",
            "prov",
            "kind",
            " ind  cat prop clm",
        ]
        .map(Cell::from),
    )
    .style(theme.dim());
    let widths = [
        Constraint::Length(1),
        Constraint::Length(5),
        Constraint::Length(name_width as u16),
        Constraint::Length(10),
        Constraint::Length(6),
        Constraint::Length(10),
        Constraint::Length(19),
    ];
    frame.render_widget(
        Table::new(rows, widths).header(header).column_spacing(1),
        table,
    );
}
