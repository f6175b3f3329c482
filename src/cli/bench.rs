//! `pcrm bench`: reproducible benchmarks.

use super::args::BenchArgs;
use super::{open_book_at, CliResult, Context, Failure};
use crate::classify;
use crate::demo::{self, DemoOptions};
use crate::model::CustomerDoc;
use crate::search;
use crate::store::Book;
use std::path::PathBuf;
use std::time::Instant;

pub fn run(ctx: &Context, args: &BenchArgs) -> CliResult {
    match args.what.as_str() {
        "search" => bench_search(ctx, args),
        "classify" => bench_classify(ctx, args),
        other => Err(Failure::usage(format!(
            "no benchmark named {other:?} (available: search, classify)"
        ))),
    }
}

/// On `--db` if given (a demo book, say), else on a synthetic book of
/// `--customers` in `--dir` (kept there and reused by the next run) or in
/// a temporary directory (removed afterwards).
fn bench_search(ctx: &Context, args: &BenchArgs) -> CliResult {
    if ctx.db_given {
        let book = ctx.open_book()?;
        println!("book: {}", book.path().display());
        return print_search_report(&book);
    }
    let (dir, keep) = match &args.dir {
        Some(dir) => (dir.clone(), true),
        None => (
            std::env::temp_dir().join(format!("pcrm-bench-search-{}", std::process::id())),
            false,
        ),
    };
    let path = dir.join(format!("search-{}", args.customers));
    let result = (|| {
        let book = open_book_at(&path, &ctx.user)?;
        if book.scan::<CustomerDoc>().next().is_none() {
            let started = Instant::now();
            search::synthetic::write_book(&book, args.customers, 1)?;
            println!(
                "wrote a synthetic book of {} customers in {:.1} s ({})",
                args.customers,
                started.elapsed().as_secs_f64(),
                path.display()
            );
        } else {
            println!("book: {}", path.display());
        }
        print_search_report(&book)
    })();
    if !keep {
        remove_dir(dir);
    }
    result
}

/// On `--db` if given (a demo book, say), else on a demo book of
/// `--customers` generated in `--dir` (kept there and reused by the next
/// run) or in a temporary directory (removed afterwards).
fn bench_classify(ctx: &Context, args: &BenchArgs) -> CliResult {
    let report = |book: &Book| {
        // A demo book's dates are relative to the as-of date it was made for.
        let as_of = demo::stored_options(book)?.map_or(ctx.as_of, |o| o.as_of);
        classify::bench::run(book, as_of, &mut std::io::stdout())
            .map_err(|e| Failure::io(format!("bench classify: {e:#}")))
    };
    if ctx.db_given {
        let book = ctx.open_book()?;
        println!("book: {}", book.path().display());
        return report(&book);
    }
    let (dir, keep) = match &args.dir {
        Some(dir) => (dir.clone(), true),
        None => (
            std::env::temp_dir().join(format!("pcrm-bench-classify-{}", std::process::id())),
            false,
        ),
    };
    let path = dir.join(format!("demo-{}", args.customers));
    let result = (|| {
        let book = open_book_at(&path, &ctx.user)?;
        if demo::is_empty(&book) {
            let started = Instant::now();
            let options = DemoOptions {
                customers: args.customers as u64,
                seed: 1,
                as_of: ctx.as_of,
            };
            demo::generate(&book, &options, &mut |_, _| {})?;
            println!(
                "wrote a demo book of {} customers in {:.1} s ({})",
                args.customers,
                started.elapsed().as_secs_f64(),
                path.display()
            );
        } else {
            println!("book: {}", path.display());
        }
        report(&book)
    })();
    if !keep {
        remove_dir(dir);
    }
    result
}

fn print_search_report(book: &Book) -> CliResult {
    let report = search::bench::run(book)?;
    print!("{report}");
    Ok(())
}

fn remove_dir(dir: PathBuf) {
    if let Err(e) = std::fs::remove_dir_all(&dir) {
        eprintln!("pcrm: could not remove {}: {e}", dir.display());
    }
}
