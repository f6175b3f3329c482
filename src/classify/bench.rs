//! `pcrm bench classify`: on a book (a demo book of a million customers for
//! the README's figures), times
//! - a cold full pass: no stored results, so it reads, scores and stores
//!   every customer (as after `pcrm demo` or an import into a new book);
//! - a warm full pass: every result stored and current (read and score
//!   everything, write nothing);
//! - a new-day full pass: the as-of date moves one day, so every stored
//!   result is rewritten (what the first `pcrm` of each day does);
//! - one customer reclassified after an edit: an interaction is logged on
//!   a customer and removed again, each followed by `run_pending`;
//!
//! and reports wall and CPU time and the peak RSS of the passes. The book
//! ends as it started: results are recomputed, the edits reverted and the
//! label changes they caused removed (the edit batches stay in the batch
//! log).

use super::pass::{run_full, run_pending, PassReport};
use super::results::{CLASSIFIED_AS_OF_KEY, CLASSIFIED_COUNT_KEY, RULES_HASH_KEY};
use super::rules::Rules;
use crate::bench::measure::{mb, ms, own_peak_rss, own_rss, percentile};
use crate::model::{Channel, CustomerDoc, Interaction, InteractionKind};
use crate::store::{keys, Book, TreeId};
use chrono::{Duration, NaiveDate};
use std::io::Write;
use std::time::Instant;

/// Customers edited (one at a time) to time incremental reclassification.
const EDITS: usize = 100;

/// CPU seconds (user + system) this process has used so far: on a shared
/// machine the wall time depends on the other load, this does much less.
fn cpu_seconds() -> f64 {
    // SAFETY: getrusage fills in a plain struct we own.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 * 1e-6;
    secs(usage.ru_utime) + secs(usage.ru_stime)
}

/// Resets VmHWM so that the peak reported is that of the passes, not of
/// opening or generating the book (Linux: `echo 5 > /proc/self/clear_refs`).
fn reset_peak_rss() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn timed(
    out: &mut dyn Write,
    name: &str,
    pass: impl FnOnce() -> Result<PassReport, super::PassError>,
) -> anyhow::Result<()> {
    let cpu = cpu_seconds();
    let report = pass()?;
    writeln!(
        out,
        "{name:<26}{:>7.2} s wall {:>7.2} s CPU   {} customers, {} results written",
        report.elapsed.as_secs_f64(),
        cpu_seconds() - cpu,
        report.classified,
        report.changed.len()
    )?;
    Ok(())
}

/// Runs the benchmark on `book` as of `as_of`; writes the report to `out`.
pub fn run(book: &Book, as_of: NaiveDate, out: &mut dyn Write) -> anyhow::Result<()> {
    let rules = Rules::embedded();
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    writeln!(
        out,
        "as of {as_of}; load average before: {}",
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    )?;
    // Forget stored results so that the first pass stores every customer
    // (and counts the customers for its progress, as a first pass does).
    book.tree(TreeId::Classification).clear()?;
    book.tree(TreeId::LabelHistory).clear()?;
    for key in [CLASSIFIED_AS_OF_KEY, RULES_HASH_KEY, CLASSIFIED_COUNT_KEY] {
        book.tree(TreeId::Meta).remove(key)?;
    }
    book.flush()?;
    reset_peak_rss();

    timed(out, "full pass, cold", || run_full(book, &rules, as_of))?;
    timed(out, "full pass, warm", || run_full(book, &rules, as_of))?;
    let next_day = as_of + Duration::days(1);
    timed(out, "full pass, next day", || {
        run_pending(book, &rules, next_day)
    })?;
    // Back to the book's date, and its label history as it was.
    run_pending(book, &rules, as_of)?;
    book.tree(TreeId::LabelHistory).clear()?;

    let (commits, reclassify) = edits(book, &rules, as_of)?;
    let line = |d: &[std::time::Duration]| {
        format!(
            "p50 {}  p99 {}  max {}  ({} runs)",
            ms(percentile(d, 50.0)),
            ms(percentile(d, 99.0)),
            ms(percentile(d, 100.0)),
            d.len()
        )
    };
    writeln!(out, "{:<26}{}", "edit commit", line(&commits))?;
    writeln!(
        out,
        "{:<26}{}",
        "reclassify one customer",
        line(&reclassify)
    )?;
    writeln!(
        out,
        "peak RSS of the passes    {} (RSS now {})",
        mb(own_peak_rss()),
        mb(own_rss())
    )?;
    Ok(())
}

/// Logs an interaction on `EDITS` customers spread over the book and
/// removes it again, timing each commit and each `run_pending`.
fn edits(
    book: &Book,
    rules: &Rules,
    as_of: NaiveDate,
) -> anyhow::Result<(Vec<std::time::Duration>, Vec<std::time::Duration>)> {
    let ids: Vec<String> = book
        .tree(TreeId::Customers)
        .iter()
        .keys()
        .step_by((book.count(TreeId::Customers) / EDITS).max(1))
        .take(EDITS)
        .map(|k| Ok(String::from_utf8_lossy(&k?).into_owned()))
        .collect::<anyhow::Result<_>>()?;
    let (mut commits, mut reclassify) = (Vec::new(), Vec::new());
    for id in &ids {
        let Some(original) = book.doc(id)? else {
            continue;
        };
        let mut edited = original.clone();
        let call = Interaction {
            id: "BENCH-CALL".into(),
            customer_id: id.clone(),
            at: as_of.and_hms_opt(9, 0, 0).expect("09:00 is a valid time"),
            channel: Channel::Phone,
            kind: InteractionKind::Service,
            satisfaction: None,
            note: None,
        };
        edited.upsert(call);
        for doc in [&edited, &original] {
            let started = Instant::now();
            put_doc(book, doc)?;
            commits.push(started.elapsed());
            let started = Instant::now();
            let report = run_pending(book, rules, as_of)?;
            reclassify.push(started.elapsed());
            anyhow::ensure!(
                !report.full && report.classified == 1,
                "expected one customer reclassified, got {report:?}"
            );
        }
        // The edit and its revert moved labels there and back: forget it.
        for key in book
            .tree(TreeId::LabelHistory)
            .scan_prefix(keys::prefix(id))
            .keys()
        {
            book.tree(TreeId::LabelHistory).remove(key?)?;
        }
    }
    commits.sort();
    reclassify.sort();
    Ok((commits, reclassify))
}

/// Writes one doc in its own batch, as an edit in the UI would.
fn put_doc(book: &Book, doc: &CustomerDoc) -> anyhow::Result<()> {
    let mut batch = book.begin("bench", false)?;
    batch.put(doc)?;
    let owner = doc
        .find::<Interaction>("BENCH-CALL")
        .map(|_| doc.customer.id.as_str());
    batch.set_owner::<Interaction>("BENCH-CALL", owner)?;
    batch.commit("bench edit")?;
    Ok(())
}
