//! `pcrm demo`: creates (or reuses) the demo book and prints its summary.

use super::args::DemoArgs;
use super::{data_dir, open_book_at, CliResult, Context, Failure};
use crate::demo::{self, DemoOptions, Summary};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::Instant;

/// Where the demo book lives unless `--db` names one.
pub fn default_path() -> PathBuf {
    data_dir().join("demo")
}

pub fn run(ctx: &Context, args: &DemoArgs) -> CliResult {
    if args.customers == 0 {
        return Err(Failure::usage("--customers must be at least 1"));
    }
    let path = if ctx.db_given {
        ctx.db.clone()
    } else {
        default_path()
    };
    let book = open_book_at(&path, &ctx.user)?;
    if !demo::is_empty(&book) {
        let made = match demo::stored_options(&book)? {
            Some(o) => format!(
                "{} customers, seed {}, dates relative to {}",
                o.customers, o.seed, o.as_of
            ),
            None => "not made by `pcrm demo`".to_string(),
        };
        eprintln!(
            "pcrm: reusing the existing book at {} ({made}); delete that directory for a new one",
            path.display()
        );
        let summary = Summary::of_book(&book, ctx.as_of)?;
        println!("demo book     {}   as of {}", path.display(), ctx.as_of);
        println!("{summary}");
        return classify_then_open(ctx, args, book, path);
    }
    let options = DemoOptions {
        customers: args.customers as u64,
        seed: args.seed,
        as_of: ctx.as_of,
    };
    let started = Instant::now();
    let show_progress = std::io::stderr().is_terminal();
    let mut last_percent = 0;
    let summary = demo::generate(&book, &options, &mut |done, total| {
        let percent = done * 100 / total.max(1);
        if show_progress && percent != last_percent {
            last_percent = percent;
            eprint!("\rgenerating the demo book: {percent}%");
            let _ = std::io::stderr().flush();
        }
    })?;
    if show_progress {
        eprintln!();
    }
    let elapsed = started.elapsed();
    println!(
        "demo book     {}   seed {}, as of {}",
        path.display(),
        options.seed,
        options.as_of
    );
    println!("{summary}");
    println!("generated in  {:>9.1} s", elapsed.as_secs_f64());
    classify_then_open(ctx, args, book, path)
}

/// Classifies the demo book as of `--as-of` (only what is stale when it is
/// reused), then opens the UI on it unless `--no-ui`.
fn classify_then_open(
    ctx: &Context,
    args: &DemoArgs,
    book: crate::store::Book,
    path: PathBuf,
) -> CliResult {
    let started = Instant::now();
    let report = super::classify::bring_up_to_date(ctx, &book)?;
    println!(
        "classified    {:>9} customers in {:.1} s",
        report.classified,
        started.elapsed().as_secs_f64()
    );
    if args.no_ui {
        return Ok(());
    }
    eprintln!(
        "opening the UI on {} (press ? for help, q to quit)",
        path.display()
    );
    super::ui::open(crate::tui::BookSource::Open(std::sync::Arc::new(book)), ctx)
}
