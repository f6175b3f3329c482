//! `pcrm bench`: reproducible benchmarks.

use super::args::BenchArgs;
use super::{open_book_at, CliResult, Context, Failure};
use crate::model::CustomerDoc;
use crate::search;
use crate::store::Book;
use std::path::PathBuf;
use std::time::Instant;

pub fn run(ctx: &Context, args: &BenchArgs) -> CliResult {
    match args.what.as_str() {
        "search" => bench_search(ctx, args),
        "demo" => bench_demo(ctx, args),
        other => Err(Failure::usage(format!(
            "no benchmark named {other:?} (available: search, demo)"
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

/// Generates a fresh demo book of `--customers` (as of `--as-of`) in
/// `--dir` (replacing an earlier one there) or in a temporary directory.
fn bench_demo(ctx: &Context, args: &BenchArgs) -> CliResult {
    let dir = args.dir.clone().unwrap_or_else(|| {
        std::env::temp_dir().join(format!("pcrm-bench-demo-{}", std::process::id()))
    });
    let path = dir.join(format!("demo-{}", args.customers));
    if path.exists() {
        std::fs::remove_dir_all(&path)?;
    }
    let options = crate::demo::DemoOptions {
        customers: args.customers as u64,
        seed: 1,
        as_of: ctx.as_of,
    };
    let result = crate::demo::bench::run(&path, &ctx.user, &options);
    if args.dir.is_none() {
        remove_dir(dir);
    }
    println!("{}", result?);
    Ok(())
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
