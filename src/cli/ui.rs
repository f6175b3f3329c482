//! The terminal UI (no command).

use super::{CliResult, Context, Failure};

pub fn run(ctx: &Context) -> CliResult {
    let _ = ctx;
    Err(Failure::usage("not built yet"))
}
