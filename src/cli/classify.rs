//! `pcrm classify`, `explain` and `segment`.

use super::args::{ClassifyArgs, ExplainArgs, SegmentArgs};
use super::{CliResult, Context, Failure};

pub fn classify(ctx: &Context, _args: &ClassifyArgs) -> CliResult {
    let _ = ctx;
    Err(Failure::usage("not built yet"))
}

pub fn explain(ctx: &Context, _args: &ExplainArgs) -> CliResult {
    let _ = ctx;
    Err(Failure::usage("not built yet"))
}

pub fn segment(ctx: &Context, _args: &SegmentArgs) -> CliResult {
    let _ = ctx;
    Err(Failure::usage("not built yet"))
}
/// Ids of the customers matching a segment expression.
pub fn segment_ids(ctx: &Context, book: &crate::store::Book, expr: &str) -> CliResult<Vec<String>> {
    let _ = (ctx, book, expr);
    Err(Failure::usage("not built yet"))
}
