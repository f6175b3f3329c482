//! `pcrm bench followups`: on a demo book, tag 100,000 customers selected by
//! a segment, undo it, create 100,000 tasks, undo them, run every playbook
//! (a dry run first, as the UI does) and undo that too — the book ends as it
//! started. Each step prints its wall and CPU time (every thread of this
//! process) and the peak RSS while it ran; the load average is printed
//! before and after: the development machine is shared.

use super::measure::{load_average, mb, own_cpu, own_peak_rss, reset_peak_rss};
use crate::classify::{run_pending, scan_with_results, Rules};
use crate::followup::playbooks;
use crate::followup::tags::{self, TagAction};
use crate::followup::tasks::{self, NewTask};
use crate::followup::undo;
use crate::model::Priority;
use crate::segment::Expr;
use crate::store::Book;
use chrono::{Duration, NaiveDate};
use std::fmt::Write;
use std::time::Instant;

/// How many customers the tag and task steps act on.
pub const BATCH_SIZE: usize = 100_000;

/// The segment the tag step selects from (the first 100,000 of it).
pub const SEGMENT: &str = "kind=individual";

/// Runs the steps and returns the report lines. A demo book is benchmarked
/// as of the date it was made for, so that reruns on later days do the
/// same work.
pub fn run(book: &Book, as_of: NaiveDate) -> anyhow::Result<String> {
    let as_of = crate::demo::stored_options(book)?.map_or(as_of, |o| o.as_of);
    let mut out = String::new();
    writeln!(
        out,
        "as of {as_of}; load average before: {}",
        load_average()
    )?;
    let rules = Rules::embedded();
    let started = Instant::now();
    run_pending(book, &rules, as_of)?;
    writeln!(
        out,
        "classification brought up to date in {:.2} s",
        started.elapsed().as_secs_f64()
    )?;

    let started = Instant::now();
    let expr = Expr::parse(SEGMENT)?;
    let mut ids = Vec::with_capacity(BATCH_SIZE);
    for entry in scan_with_results(book) {
        let (doc, class) = entry?;
        if expr.matches(&(&doc.customer, class.as_ref())) {
            ids.push(doc.customer.id);
            if ids.len() == BATCH_SIZE {
                break;
            }
        }
    }
    let select = started.elapsed();
    writeln!(
        out,
        "select {} customers by `{SEGMENT}`: {:.2} s",
        ids.len(),
        select.as_secs_f64()
    )?;

    let mut step =
        |name: &str, f: &mut dyn FnMut() -> anyhow::Result<usize>| -> anyhow::Result<()> {
            reset_peak_rss();
            let (started, cpu) = (Instant::now(), own_cpu());
            let changed = f()?;
            writeln!(
                out,
                "{name:<34} {changed:>8} records  {:>6.2} s wall {:>6.2} s CPU  peak RSS {}",
                started.elapsed().as_secs_f64(),
                (own_cpu() - cpu).as_secs_f64(),
                mb(own_peak_rss())
            )?;
            Ok(())
        };
    step("tag 100,000 customers (one batch)", &mut || {
        Ok(tags::apply(book, TagAction::Add, "bench-campaign", &ids)?.changed)
    })?;
    step("undo the tag batch", &mut || {
        undo::undo(book, None)?;
        Ok(ids.len())
    })?;
    let fields = NewTask::simple(
        "回访 Campaign call",
        as_of + Duration::days(14),
        Some("bench".into()),
        Priority::Normal,
    );
    step("create 100,000 tasks (one batch)", &mut || {
        Ok(tasks::add_for_customers(book, &fields, &ids)?.changed)
    })?;
    step("undo the task batch", &mut || {
        undo::undo(book, None)?;
        Ok(ids.len())
    })?;
    step("playbooks, dry run (counts)", &mut || {
        Ok(playbooks::run(book, &rules, as_of, None, true)?
            .created
            .len())
    })?;
    let mut created = 0;
    step("run all playbooks", &mut || {
        let run = playbooks::run(book, &rules, as_of, None, false)?;
        created = run.created.len();
        Ok(created)
    })?;
    if created > 0 {
        step("undo the playbook batch", &mut || {
            undo::undo(book, None)?;
            Ok(created)
        })?;
    }
    writeln!(out, "load average after: {}", load_average())?;
    Ok(out)
}
