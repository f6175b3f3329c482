//! `pcrm classify`, `explain` and `segment`.
//!
//! `classify` and `segment` first bring the stored results up to date as of
//! `--as-of` through the background engine, waiting for it and showing its
//! progress on stderr. `explain` scores the customer afresh (it needs no
//! stored result). Exit codes: a bad rules file 65 (66 when it is missing),
//! an unknown customer id for `explain` 65 (bad input data), a bad segment
//! expression 2 (wrong usage).

use super::args::{ClassifyArgs, ExplainArgs, SegmentArgs};
use super::failure::{EXIT_DATA, EXIT_NO_INPUT};
use super::{CliResult, Context, Failure};
use crate::classify::{
    explain_doc, for_each_match, json_line, label_history, round1, run_pending, scan_stored,
    strategy, Changed, Engine, EngineEvent, Explanation, Factor, Job, PassReport, Phase, Rules,
    RulesError, Summary,
};
use crate::model::{Fen, Labelled};
use crate::segment::Expr;
use crate::store::{Book, StoreError};
use std::io::{IsTerminal, Write};
use std::sync::Arc;
use std::time::{Duration, Instant};
use unicode_width::UnicodeWidthStr;

impl From<RulesError> for Failure {
    fn from(e: RulesError) -> Failure {
        match e {
            RulesError::Read { .. } => Failure::new(EXIT_NO_INPUT, e.to_string()),
            RulesError::Invalid { .. } => Failure::new(EXIT_DATA, e.to_string()),
        }
    }
}

pub fn rules(ctx: &Context) -> CliResult<Rules> {
    Ok(Rules::load_or_embedded(ctx.rules.as_deref())?)
}

/// Writes to stdout; a closed pipe (`| head`) ends the output quietly.
fn write_out(write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> CliResult {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match write(&mut out).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}

/// Shows the engine's progress on stderr: a line updated in place on a
/// terminal, a line per tenth (or 100,000 customers) otherwise.
struct ProgressLine {
    terminal: bool,
    shown_steps: usize,
    drawn: bool,
}

impl ProgressLine {
    fn new() -> ProgressLine {
        ProgressLine {
            terminal: std::io::stderr().is_terminal(),
            shown_steps: 0,
            drawn: false,
        }
    }

    fn update(&mut self, done: usize, total: usize, phase: Phase) {
        // total 0: not known (a book's first classification). Small jobs
        // finish before progress would be worth reading.
        let known = total > 0;
        if total.max(done) < 10_000 {
            return;
        }
        let line = if known {
            format!(
                "{phase} {} of {}",
                grouped(done as i64),
                grouped(total as i64)
            )
        } else {
            format!("{phase} {}", grouped(done as i64))
        };
        if self.terminal {
            eprint!("\r{line}\x1b[K");
            self.drawn = true;
            return;
        }
        let step = if known {
            done * 10 / total
        } else {
            done / 100_000
        };
        if step > self.shown_steps || phase == Phase::Flushing {
            eprintln!("{line}");
            self.shown_steps = step;
        }
    }

    fn finish(&self) {
        if self.drawn {
            eprint!("\r\x1b[K");
        }
    }
}

/// Runs one engine job and waits for it; returns the changed ids and the
/// engine's time.
fn run_engine(
    book: &Arc<Book>,
    rules: Rules,
    ctx: &Context,
    job: Job,
) -> CliResult<(Changed, Duration)> {
    let (engine, events) = Engine::start(Arc::clone(book), rules, ctx.as_of);
    engine.request(job);
    let mut progress = ProgressLine::new();
    for event in events.iter() {
        match event {
            EngineEvent::Progress { done, total, phase } => progress.update(done, total, phase),
            EngineEvent::Finished { changed, elapsed } => {
                progress.finish();
                return Ok((changed, elapsed));
            }
            EngineEvent::Cancelled => {
                progress.finish();
                return Err(Failure::io("the classification was cancelled"));
            }
            EngineEvent::Failed(message) => {
                progress.finish();
                return Err(Failure::io(format!("classification failed: {message}")));
            }
        }
    }
    Err(Failure::io(
        "the classification engine stopped unexpectedly",
    ))
}

/// `12,345` (and `¥12,345` through `Fen::display_grouped`).
fn grouped(n: i64) -> String {
    Fen(n * 100).display_grouped().replacen('¥', "", 1)
}

/// Pads to a display width (Chinese labels are two columns a character).
fn pad(text: &str, width: usize) -> String {
    let w = UnicodeWidthStr::width(text);
    format!("{text}{}", " ".repeat(width.saturating_sub(w)))
}

fn rpad(text: &str, width: usize) -> String {
    let w = UnicodeWidthStr::width(text);
    format!("{}{text}", " ".repeat(width.saturating_sub(w)))
}

pub fn classify(ctx: &Context, args: &ClassifyArgs) -> CliResult {
    let rules = rules(ctx)?;
    let version = rules.version.clone();
    let book = Arc::new(ctx.open_book()?);
    let started = Instant::now();
    let (changed, _) = run_engine(&book, rules, ctx, Job::Pending)?;
    if args.json {
        return write_out(|out| {
            for entry in scan_stored(&book) {
                let (id, c) = entry.map_err(std::io::Error::other)?;
                writeln!(out, "{}", json_line(&id, &c))?;
            }
            Ok(())
        });
    }
    let summary = Summary::compute(&book, ctx.as_of)?;
    let elapsed = started.elapsed();
    write_out(|out| {
        write_summary(out, &summary, ctx, &version)?;
        writeln!(
            out,
            "\n{} results changed; took {:.1} s",
            grouped(changed.len() as i64),
            elapsed.as_secs_f64()
        )
    })
}

const TIERS: [&str; 3] = ["high", "medium", "low"];

fn write_summary(
    out: &mut dyn Write,
    s: &Summary,
    ctx: &Context,
    version: &str,
) -> std::io::Result<()> {
    writeln!(
        out,
        "as of {} · rules {version} · {} customers",
        ctx.as_of,
        grouped(s.customers() as i64)
    )?;
    let header = |out: &mut dyn Write, title: &str| -> std::io::Result<()> {
        write!(out, "\n{}", pad(title, 18))?;
        for t in TIERS
            .iter()
            .map(|t| format!("risk {t}"))
            .chain(["total".to_string()])
        {
            write!(out, "{}", rpad(&t, 16))?;
        }
        writeln!(out)
    };
    let rows =
        |out: &mut dyn Write, cell: &dyn Fn(usize, usize) -> i64, show: &dyn Fn(i64) -> String| {
            let mut column_totals = [0i64; 4];
            for (v, name) in TIERS.iter().enumerate() {
                write!(out, "{}", pad(&format!("value {name}"), 18))?;
                let mut row_total = 0;
                for (r, total) in column_totals.iter_mut().take(3).enumerate() {
                    let n = cell(v, r);
                    row_total += n;
                    *total += n;
                    write!(out, "{}", rpad(&show(n), 16))?;
                }
                column_totals[3] += row_total;
                writeln!(out, "{}", rpad(&show(row_total), 16))?;
            }
            write!(out, "{}", pad("total", 18))?;
            for n in column_totals {
                write!(out, "{}", rpad(&show(n), 16))?;
            }
            writeln!(out)
        };
    header(out, "customers")?;
    rows(out, &|v, r| s.counts[v][r] as i64, &grouped)?;
    header(out, "annual premium")?;
    rows(out, &|v, r| s.premium_fen[v][r], &|fen| {
        Fen(fen).display_grouped()
    })?;
    let total = s.customers().max(1) as f64;
    let split: Vec<String> = ["active 活跃", "potential 潜在", "churned 流失"]
        .iter()
        .zip(s.behavior)
        .map(|(name, n)| {
            format!(
                "{name} {} ({:.1}%)",
                grouped(n as i64),
                n as f64 * 100.0 / total
            )
        })
        .collect();
    writeln!(out, "\nbehaviour: {}", split.join(" · "))?;
    if s.unclassified > 0 {
        writeln!(out, "unclassified: {}", grouped(s.unclassified as i64))?;
    }
    Ok(())
}

pub fn explain(ctx: &Context, args: &ExplainArgs) -> CliResult {
    let rules = rules(ctx)?;
    let book = ctx.open_book()?;
    let id = args.customer_id.trim();
    let doc = book.doc(id)?.ok_or_else(|| {
        Failure::data(format!(
            "no customer {id} in the book {} (check the id with `pcrm search {id}`)",
            ctx.db.display()
        ))
    })?;
    let e = explain_doc(&doc, &rules, ctx.as_of);
    let history = label_history(&book, id)?;
    let c = &doc.customer;
    write_out(|out| {
        writeln!(
            out,
            "{} {} · {} {} · {} · as of {} · rules {}",
            c.id,
            c.name,
            c.kind.code(),
            c.kind.label_zh(),
            c.province.short(),
            ctx.as_of,
            rules.version
        )?;
        write_explanation(out, &e)?;
        if !history.is_empty() {
            writeln!(out, "\nlabel changes")?;
            for h in &history {
                writeln!(
                    out,
                    "  {} {} {} → {} (as of {})",
                    h.date,
                    h.from.dimension(),
                    h.from.code(),
                    h.to.code(),
                    h.as_of
                )?;
            }
        }
        Ok(())
    })
}

fn write_factors(out: &mut dyn Write, factors: &[Factor]) -> std::io::Result<()> {
    for f in factors {
        writeln!(
            out,
            "  {}{:>5.1} / {:<3} {}",
            pad(&format!("{} {}", f.name.en, f.name.zh), 24),
            round1(f.points),
            f.max,
            f.reason
        )?;
    }
    Ok(())
}

/// One scored label (`value` or `risk`) with its factors.
fn write_tier(
    out: &mut dyn Write,
    name: &str,
    scored: &crate::model::ScoredTier,
    label_zh: &str,
    factors: &[Factor],
) -> std::io::Result<()> {
    let (tier, score) = (scored.tier.code(), round1(scored.score));
    writeln!(out, "\n{name}: {tier} {label_zh}  {score:.1}")?;
    write_factors(out, factors)
}

fn write_explanation(out: &mut dyn Write, e: &Explanation) -> std::io::Result<()> {
    let c = &e.classification;
    let value_zh = strategy::value_label(c.value.tier).zh;
    write_tier(out, "value", &c.value, value_zh, &e.value)?;
    let risk_zh = strategy::risk_label(c.risk.tier).zh;
    write_tier(out, "risk", &c.risk, risk_zh, &e.risk)?;
    let b = strategy::behavior_label(c.behavior.segment);
    writeln!(out, "\nbehaviour: {} {}", b.en, b.zh)?;
    writeln!(out, "  {}", e.behavior)?;
    writeln!(out, "\nrecommended actions")?;
    for (label, actions) in strategy::actions(c) {
        let list: Vec<String> = actions
            .iter()
            .map(|a| format!("{} {}", a.zh, a.en))
            .collect();
        writeln!(out, "  {} {}: {}", label.en, label.zh, list.join("; "))?;
    }
    Ok(())
}

pub fn segment(ctx: &Context, args: &SegmentArgs) -> CliResult {
    let expr = Expr::parse(&args.expr.join(" ")).map_err(|e| Failure::usage(e.to_string()))?;
    let rules = rules(ctx)?;
    let book = Arc::new(ctx.open_book()?);
    run_engine(&book, rules, ctx, Job::Pending)?;
    let mut matched = 0usize;
    write_out(|out| {
        let labels = args.json || expr.uses_labels();
        for_each_match(&book, &expr, labels, |customer, class| {
            matched += 1;
            match (class, args.json) {
                (Some(c), true) => writeln!(out, "{}", json_line(customer.id, c))?,
                (None, true) => {}
                (_, false) => writeln!(out, "{}\t{}", customer.id, customer.name)?,
            }
            Ok(())
        })
        .map_err(|e| match e {
            StoreError::Io(io) => io,
            other => std::io::Error::other(other),
        })
    })?;
    eprintln!("{} customers", grouped(matched as i64));
    Ok(())
}

/// Brings the stored results up to date as of `--as-of` (blocking, quiet):
/// for commands that read labels from a book they already hold open.
pub fn bring_up_to_date(ctx: &Context, book: &Book) -> CliResult<PassReport> {
    let rules = rules(ctx)?;
    run_pending(book, &rules, ctx.as_of)
        .map_err(|e| Failure::io(format!("classification failed: {e}")))
}

/// Ids of the customers matching a segment expression, with the labels
/// brought up to date first. A bad expression is wrong usage (exit 2).
pub fn segment_ids(ctx: &Context, book: &Book, expr: &str) -> CliResult<Vec<String>> {
    let expr = Expr::parse(expr).map_err(|e| Failure::usage(e.to_string()))?;
    if expr.uses_labels() {
        bring_up_to_date(ctx, book)?;
    }
    let mut ids = Vec::new();
    for_each_match(book, &expr, expr.uses_labels(), |customer, _| {
        ids.push(customer.id.to_string());
        Ok(())
    })?;
    Ok(ids)
}
