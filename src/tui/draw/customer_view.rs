//! The customer view (360): profile with personal data masked, the three
//! labels with every factor, the recommended actions, policies, claims,
//! interactions as a timeline, open tasks.

use super::format;
use crate::classify::strategy;
use crate::model::ids::mask;
use crate::model::{Labelled, TaskStatus};
use crate::tui::app::App;
use crate::tui::commands::Command;
use crate::tui::keymap::Context;
use crate::tui::panes::customer_view::CustomerView;
use crate::tui::text::{fit, wrap};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

fn section(app: &App, title: String) -> Line<'static> {
    Line::styled(
        format!("{} {title}", app.theme.border.horizontal_top),
        app.theme.header(),
    )
}

/// `head` then `text`, wrapped under itself when it does not fit.
fn hanging(out: &mut Vec<Line<'static>>, head: &str, text: &str, width: usize) {
    let indent = crate::tui::text::width(head);
    let room = width.saturating_sub(indent).max(20);
    for (i, part) in wrap(text, room).into_iter().enumerate() {
        let lead = if i == 0 {
            head.to_string()
        } else {
            " ".repeat(indent)
        };
        out.push(Line::raw(format!("{lead}{part}")));
    }
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
    for line in wrap(&facts.join("   "), width) {
        out.push(Line::raw(line));
    }

    let ex = &view.explanation;
    let cl = &ex.classification;
    let stored = match &view.stored {
        Some(s)
            if s.value.tier == cl.value.tier
                && s.risk.tier == cl.risk.tier
                && s.behavior.segment == cl.behavior.segment =>
        {
            String::new()
        }
        Some(s) => format!(
            "  (stored as of {}: value {}, risk {}, {}; r reclassifies)",
            s.as_of,
            s.value.tier.code(),
            s.risk.tier.code(),
            s.behavior.segment.code()
        ),
        None => "  (not stored yet: r classifies)".to_string(),
    };
    out.push(section(app, format!("Labels as of {}{stored}", app.as_of)));
    let scored = [
        (
            "value",
            cl.value,
            &ex.value,
            theme.value_tier(Some(cl.value.tier)),
        ),
        (
            "risk",
            cl.risk,
            &ex.risk,
            theme.risk_tier(Some(cl.risk.tier)),
        ),
    ];
    for (name, s, factors, style) in scored {
        out.push(Line::from(vec![
            Span::raw(format!("{name:<10}")),
            Span::styled(format!("{:<7}", s.tier.code()), style),
            Span::raw(format!("{:>5.1}", s.score)),
        ]));
        for f in factors.iter() {
            let head = format!("  {:<13}{:>5.1}/{:<3} ", f.key, f.points, f.max);
            hanging(&mut out, &head, &f.reason, width);
        }
    }
    let head = format!("{:<10}{:<10}", "behaviour", cl.behavior.segment.code());
    hanging(&mut out, &head, &ex.behavior, width);

    out.push(section(app, "Recommended actions".into()));
    for (label, actions) in strategy::actions(cl) {
        let list: Vec<String> = actions
            .iter()
            .map(|a| format!("{} {}", a.zh, a.en))
            .collect();
        let head = format!("  {} {}: ", label.zh, label.en);
        hanging(&mut out, &head, &list.join("; "), width);
    }

    out.push(section(
        app,
        format!("Policies ({})", view.doc.policies.len()),
    ));
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
        format!(
            "Interactions ({}, newest first)",
            view.doc.interactions.len()
        ),
    ));
    let mut timeline: Vec<_> = view.doc.interactions.iter().collect();
    timeline.sort_by_key(|i| std::cmp::Reverse(i.at));
    for i in timeline {
        let sat = i
            .satisfaction
            .map_or(String::new(), |s| format!(" sat {s}"));
        let note = i
            .note
            .as_deref()
            .map_or(String::new(), |n| format!("  {n}"));
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
    let open: Vec<_> = view
        .tasks
        .iter()
        .filter(|t| t.status == TaskStatus::Open)
        .collect();
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
    out.push(section(
        app,
        format!("Label history ({})", view.history.len()),
    ));
    for h in &view.history {
        out.push(Line::raw(cut(
            &format!(
                "  {}  {} {} {} {}  (as of {})",
                h.date,
                h.from.dimension(),
                h.from.code(),
                theme.arrow,
                h.to.code(),
                h.as_of
            ),
            width,
        )));
    }
    out
}

/// The keys of the view: leaving, scrolling and what it acts on.
fn footer(app: &App) -> String {
    let stack = [Context::Customer, Context::List, Context::Global];
    let mut hints = vec!["Esc/h back".to_string(), "j/k scroll".to_string()];
    for (command, what) in [
        (Command::BatchTask, "task"),
        (Command::BatchTag, "tag"),
        (Command::InteractionLog, "log an interaction"),
    ] {
        if let Some(keys) = app.keymap.keys_for(&stack, command) {
            hints.push(format!("{keys} {what}"));
        }
    }
    format!(" {} ", hints.join("   "))
}

pub fn draw(app: &App, view: &CustomerView, frame: &mut Frame<'_>, area: Rect) {
    let block = Block::new()
        .borders(Borders::BOTTOM)
        .border_set(app.theme.border)
        .title_bottom(Line::styled(footer(app), app.theme.dim()));
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
