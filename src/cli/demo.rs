//! `pcrm demo`.

use super::args::DemoArgs;
use super::{CliResult, Context, Failure};

pub fn run(ctx: &Context, _args: &DemoArgs) -> CliResult {
    let _ = ctx;
    Err(Failure::usage("not built yet"))
}
