//! `pcrm import`.

use super::args::ImportArgs;
use super::{CliResult, Context, Failure};

pub fn run(ctx: &Context, _args: &ImportArgs) -> CliResult {
    let _ = ctx;
    Err(Failure::usage("not built yet"))
}
