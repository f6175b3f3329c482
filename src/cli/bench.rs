//! `pcrm bench`: reproducible benchmarks.

use super::args::BenchArgs;
use super::{CliResult, Context, Failure};

pub fn run(ctx: &Context, args: &BenchArgs) -> CliResult {
    let _ = ctx;
    // The book is kept between runs (generating a million customers takes
    // a while): `--dir` or $TMPDIR/pcrm-bench.
    let dir = args
        .dir
        .clone()
        .unwrap_or_else(|| std::env::temp_dir().join("pcrm-bench"));
    match args.what.as_str() {
        "classify" => {
            let book = dir.join(format!("classify-{}", args.customers));
            crate::classify::bench::run(&book, args.customers, &mut std::io::stdout())
                .map_err(|e| Failure::io(format!("bench classify: {e:#}")))
        }
        _ => Err(Failure::usage("not built yet")),
    }
}
