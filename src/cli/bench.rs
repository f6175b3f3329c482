//! `pcrm bench`: reproducible benchmarks.

use super::args::BenchArgs;
use super::{CliResult, Context, Failure};

pub fn run(ctx: &Context, _args: &BenchArgs) -> CliResult {
    let _ = ctx;
    Err(Failure::usage("not built yet"))
}
