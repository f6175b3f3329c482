//! `pcrm tag`, `task`, `undo` and `playbook`.

use super::args::{PlaybookCommand, TagArgs, TaskCommand, UndoArgs};
use super::{CliResult, Context, Failure};

pub fn tag(ctx: &Context, _args: &TagArgs) -> CliResult {
    let _ = ctx;
    Err(Failure::usage("not built yet"))
}

pub fn task(ctx: &Context, _args: &TaskCommand) -> CliResult {
    let _ = ctx;
    Err(Failure::usage("not built yet"))
}

pub fn undo(ctx: &Context, _args: &UndoArgs) -> CliResult {
    let _ = ctx;
    Err(Failure::usage("not built yet"))
}

pub fn playbook(ctx: &Context, _args: &PlaybookCommand) -> CliResult {
    let _ = ctx;
    Err(Failure::usage("not built yet"))
}
