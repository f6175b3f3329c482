//! `pcrm search`.

use super::args::SearchArgs;
use super::{CliResult, Context, Failure};

pub fn run(ctx: &Context, _args: &SearchArgs) -> CliResult {
    let _ = ctx;
    Err(Failure::usage("not built yet"))
}
