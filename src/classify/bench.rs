//! `pcrm bench classify`: on a book of N customers (a synthetic one is
//! generated when the directory holds none), times a cold full pass (no
//! stored results: read everything, score, store all), a warm full pass
//! (nothing changed: read and score everything, write nothing), and the
//! reclassification of one customer after an edit; reports the peak RSS of
//! the passes. As-of date and seed are fixed, so runs are comparable.

use super::bench_book;
use super::pass::{run_full, run_pending};
use super::results::{CLASSIFIED_AS_OF_KEY, CLASSIFIED_COUNT_KEY, RULES_HASH_KEY};
use super::rules::Rules;
use crate::bench::measure::{mb, ms, own_peak_rss, own_rss, percentile};
use crate::model::{CustomerDoc, Interaction, InteractionKind};
use crate::store::{Book, TreeId};
use chrono::NaiveDate;
use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

/// Customers edited (one at a time) to time incremental reclassification.
const EDITS: usize = 200;
const SEED: u64 = 7;

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 30).expect("a valid constant date")
}

/// Resets VmHWM so that the peak reported is that of the passes, not of
/// generating the book (Linux: `echo 5 > /proc/self/clear_refs`).
fn reset_peak_rss() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// CPU seconds (user + system) this process has used so far: on a shared
/// machine the wall time depends on the other load, this does not.
fn cpu_seconds() -> f64 {
    // SAFETY: getrusage fills in a plain struct we own.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 * 1e-6;
    secs(usage.ru_utime) + secs(usage.ru_stime)
}

/// Runs a full pass and reports its wall and CPU time.
fn timed_full_pass(
    book: &Book,
    rules: &Rules,
    name: &str,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let cpu = cpu_seconds();
    let report = run_full(book, rules, as_of())?;
    writeln!(
        out,
        "{name} {:>6.2} s wall, {:>6.2} s CPU  ({} customers, {} results written)",
        report.elapsed.as_secs_f64(),
        cpu_seconds() - cpu,
        report.classified,
        report.changed.len()
    )?;
    Ok(())
}

/// Runs the benchmark on the book at `dir`; writes the report to `out`.
pub fn run(dir: &Path, customers: usize, out: &mut dyn Write) -> anyhow::Result<()> {
    let book = Book::open(dir, "bench")?;
    let have = book.count(TreeId::Customers);
    if have == 0 {
        writeln!(
            out,
            "generating {customers} synthetic customers in {}",
            dir.display()
        )?;
        let started = Instant::now();
        bench_book::generate(&book, customers, SEED)?;
        writeln!(
            out,
            "  generated in {:.1} s",
            started.elapsed().as_secs_f64()
        )?;
    } else if have != customers {
        anyhow::bail!(
            "{} holds a book of {have} customers, not {customers}: use another --dir",
            dir.display()
        );
    }
    let rules = Rules::embedded();

    // Forget earlier results so that the first pass stores every customer.
    book.tree(TreeId::Classification).clear()?;
    book.tree(TreeId::LabelHistory).clear()?;
    book.tree(TreeId::Meta).remove(CLASSIFIED_AS_OF_KEY)?;
    book.tree(TreeId::Meta).remove(RULES_HASH_KEY)?;
    book.tree(TreeId::Meta).remove(CLASSIFIED_COUNT_KEY)?;
    book.flush()?;
    reset_peak_rss();

    timed_full_pass(&book, &rules, "full pass, cold:  ", out)?;
    timed_full_pass(&book, &rules, "full pass, warm:  ", out)?;

    let mut edits = Vec::with_capacity(EDITS);
    let mut reclassify = Vec::with_capacity(EDITS);
    let step = (customers / EDITS).max(1);
    for (i, n) in (0..customers).step_by(step).take(EDITS).enumerate() {
        let id = format!("C{n:07}");
        let Some(mut doc) = book.doc(&id)? else {
            continue;
        };
        let started = Instant::now();
        edit(&book, &mut doc, i)?;
        edits.push(started.elapsed());
        let started = Instant::now();
        let report = run_pending(&book, &rules, as_of())?;
        reclassify.push(started.elapsed());
        anyhow::ensure!(
            !report.full && report.classified == 1,
            "expected one customer reclassified, got {report:?}"
        );
    }
    edits.sort();
    reclassify.sort();
    let line = |name: &str, d: &[Duration]| {
        format!(
            "{name} p50 {}  p99 {}  max {}  ({} edits)",
            ms(percentile(d, 50.0)),
            ms(percentile(d, 99.0)),
            ms(percentile(d, 100.0)),
            d.len()
        )
    };
    writeln!(out, "{}", line("edit (commit):    ", &edits))?;
    writeln!(out, "{}", line("reclassify one:   ", &reclassify))?;
    writeln!(
        out,
        "peak RSS of the passes {} (RSS now {})",
        mb(own_peak_rss()),
        mb(own_rss())
    )?;
    Ok(())
}

/// Logs a call on the customer: an interaction, in one committed batch.
fn edit(book: &Book, doc: &mut CustomerDoc, i: usize) -> anyhow::Result<()> {
    let id = doc.customer.id.clone();
    doc.upsert(Interaction {
        id: format!("IBENCH{i:05}"),
        customer_id: id.clone(),
        at: as_of().and_hms_opt(9, 0, 0).expect("09:00 is a valid time"),
        channel: crate::model::Channel::Phone,
        kind: InteractionKind::Service,
        satisfaction: None,
        note: None,
    });
    let mut batch = book.begin("bench", false)?;
    batch.put(&*doc)?;
    batch.set_owner::<Interaction>(&format!("IBENCH{i:05}"), Some(&id))?;
    batch.commit("bench edit")?;
    Ok(())
}
