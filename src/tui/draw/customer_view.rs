//! The customer view (360): profile with personal data masked, the three
//! labels with every factor, the recommended actions, policies, claims,
//! interactions as a timeline, open tasks.

use super::format;
use crate::model::ids::mask;
use crate::model::{Labelled, TaskStatus};
use crate::tui::app::App;
use crate::tui::panes::customer_view::CustomerView;
use crate::tui::text::fit;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

const VALUE_FACTORS: [(&str, f64); 4] = [
    ("premium", 40.0),
    ("retention", 25.0),
    ("loss", 25.0),
    ("relationship", 10.0),
];
const RISK_FACTORS: [(&str, f64); 4] = [
    ("industry", 30.0),
    ("catastrophe", 30.0),
    ("property", 20.0),
    ("claims", 20.0),
];

fn section(app: &App, title: String) -> Line<'static> {
    Line::styled(format!("{} {title}", app.theme.border.horizontal_top), app.theme.header())
}

fn lines(app: &App, view: &CustomerView, width: usize) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let c = &view.doc.customer;
    let cut = |s: &str, w: usize| fit(s, w, theme.ellipsis);
    let mut out = Vec::new();
    let place = match &c.city {
        Some(city) => format!("{} {city}", c.province.short()),
        None => c.province.short().to_string(),
    };
    out.push(Line::from(vec![
        Span::styled(c.name.clone(), theme.title()),
        Span::raw(format!(
            "  {}  {} {}  {}",
            c.id,
            c.kind.code(),
            c.kind.label_zh(),
            place
        )),
    ]));
    let mut facts = Vec::new();
    if let Some(n) = &c.id_number {
        facts.push(format!("id {}", mask(n)));
    }
    if let Some(p) = &c.phone {
        facts.push(format!("phone {}", mask(p)));
    }
    if let Some(e) = &c.email {
        facts.push(format!("email {}", mask(e)));
    }
    if let Some(i) = c.industry {
        facts.push(format!("industry {i} {}", i.name_zh()));
    }
    if let Some(s) = c.since {
        facts.push(format!("since {s}"));
    }
    if let Some(m) = &c.account_manager {
        facts.push(format!("manager {m}"));
    }
    if !c.tags.is_empty() {
        facts.push(format!("tags {}", c.tags.join(", ")));
    }
    out.push(Line::raw(cut(&facts.join("   "), width)));

    match &view.classification {
        Some(cl) => {
            out.push(section(app, format!("Labels (as of {})", cl.as_of)));
            let scored = [
                ("value", cl.value, VALUE_FACTORS, theme.value_tier(Some(cl.value.tier))),
                ("risk", cl.risk, RISK_FACTORS, theme.risk_tier(Some(cl.risk.tier))),
            ];
            for (name, s, factors, style) in scored {
                out.push(Line::from(vec![
                    Span::raw(format!("{name:<10}")),
                    Span::styled(format!("{:<7}", s.tier.code()), style),
                    Span::raw(format!("{:>5.1}", s.score)),
                ]));
                for ((factor, max), points) in factors.iter().zip(s.factors) {
                    out.push(Line::raw(format!(
                        "  {factor:<13}{points:>5.1}/{max:<3} {}",
                        format::bar(points, *max, 10, theme)
                    )));
                }
            }
            let b = cl.behavior;
            let recency = b
                .recency_days
                .map_or("no touch yet".to_string(), |d| format!("last touch {d} days ago"));
            out.push(Line::raw(format!(
                "{:<10}{:<7}{recency}, {} touches in the last year",
                "behaviour",
                b.segment.code(),
                b.touches_365
            )));
        }
        None => {
            out.push(section(app, "Labels".into()));
            out.push(Line::styled("not classified yet (r runs the classification)", theme.dim()));
        }
    }

    out.push(section(app, format!("Policies ({})", view.doc.policies.len())));
    for p in &view.doc.policies {
        let state = if p.in_force_at(app.as_of) {
            "in force"
        } else if p.cancelled_on.is_some() {
            "cancelled"
        } else if p.start_date > app.as_of {
            "future"
        } else {
            "ended"
        };
        out.push(Line::raw(cut(
            &format!(
                "  {:<12} {:<11} {:>12}  {} to {}  {state}{}",
                p.id,
                format!("{} {}", p.line.code(), p.line.label_zh()),
                format::money(p.premium),
                p.start_date,
                p.effective_end(),
                p.sum_insured
                    .map_or(String::new(), |s| format!("  insured {}", format::money(s)))
            ),
            width,
        )));
    }
    out.push(section(app, format!("Claims ({})", view.doc.claims.len())));
    for k in &view.doc.claims {
        out.push(Line::raw(cut(
            &format!(
                "  {:<12} {}  {:<12} {:>12}  {}  policy {}",
                k.id,
                k.loss_date,
                format!("{} {}", k.cause.code(), k.cause.label_zh()),
                format::money(k.incurred()),
                k.status.code(),
                k.policy_id
            ),
            width,
        )));
    }
    out.push(section(
        app,
        format!("Interactions ({}, newest first)", view.doc.interactions.len()),
    ));
    let mut timeline: Vec<_> = view.doc.interactions.iter().collect();
    timeline.sort_by_key(|i| std::cmp::Reverse(i.at));
    for i in timeline {
        let sat = i.satisfaction.map_or(String::new(), |s| format!(" sat {s}"));
        let note = i.note.as_deref().map_or(String::new(), |n| format!("  {n}"));
        out.push(Line::raw(cut(
            &format!(
                "  {}  {:<7} {}{sat}{note}",
                i.at.format("%Y-%m-%d %H:%M"),
                i.channel.code(),
                i.kind.code(),
            ),
            width,
        )));
    }
    let open: Vec<_> = view.tasks.iter().filter(|t| t.status == TaskStatus::Open).collect();
    out.push(section(app, format!("Open tasks ({})", open.len())));
    for t in open {
        out.push(Line::raw(cut(
            &format!(
                "  {}  {}  {}  {}",
                t.due,
                t.title,
                t.assignee.as_deref().unwrap_or("unassigned"),
                t.priority.code()
            ),
            width,
        )));
    }
    out
}

pub fn draw(app: &App, view: &CustomerView, frame: &mut Frame<'_>, area: Rect) {
    let block = Block::new()
        .borders(Borders::BOTTOM)
        .border_set(app.theme.border)
        .title_bottom(Line::styled(" Esc/h back   j/k scroll ", app.theme.dim()));
    let inner = block.inner(area);
    let content = lines(app, view, inner.width as usize);
    view.lines.set(content.len());
    view.page.set(inner.height as usize);
    let top = view.top.min(content.len().saturating_sub(1));
    frame.render_widget(
        Paragraph::new(content).scroll((top as u16, 0)).block(block),
        area,
    );
}
