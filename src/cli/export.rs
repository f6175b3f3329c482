//! `pcrm export`.

use super::args::ExportArgs;
use super::{CliResult, Context, Failure};

pub fn run(ctx: &Context, _args: &ExportArgs) -> CliResult {
    let _ = ctx;
    Err(Failure::usage("not built yet"))
}
