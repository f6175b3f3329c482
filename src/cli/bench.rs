//! `pcrm bench`: reproducible benchmarks.

use super::args::BenchArgs;
use super::{CliResult, Context, Failure};

pub fn run(ctx: &Context, args: &BenchArgs) -> CliResult {
    let _ = ctx;
    let dir = args
        .dir
        .clone()
        .unwrap_or_else(|| std::env::temp_dir().join(format!("pcrm-bench-{}", args.what)));
    let mut out = std::io::stdout();
    match args.what.as_str() {
        "ui" => crate::tui::bench::run(&dir, args.customers, &mut out)
            .map_err(|e| Failure::io(format!("bench ui: {e:#}"))),
        _ => Err(Failure::usage("not built yet")),
    }
}
