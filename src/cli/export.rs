//! `pcrm export`.

use super::args::ExportArgs;
use super::{CliResult, Context, Failure};
use crate::classify;
use crate::export::{self, ExportError};
use crate::import::Table;
use crate::model::CustomerDoc;
use crate::segment::Expr;
use std::io::Write;

pub fn run(ctx: &Context, args: &ExportArgs) -> CliResult {
    let expr = match &args.segment {
        Some(text) => Some(Expr::parse(text).map_err(|e| Failure::usage(e.to_string()))?),
        None => None,
    };
    if args.table == "segments" {
        return export_segments(ctx, args, expr.as_ref());
    }
    let book = ctx.open_book()?;
    if expr.as_ref().is_some_and(Expr::uses_labels) {
        super::classify::bring_up_to_date(ctx, &book)?;
    }
    // A customer is kept when it matches the segment with its stored labels.
    let keep = |doc: &CustomerDoc| {
        expr.as_ref().is_none_or(|e| {
            let class = crate::classify::stored(&book, &doc.customer.id)
                .ok()
                .flatten();
            e.matches(&(&doc.customer, class.as_ref()))
        })
    };
    let filter: Option<export::CustomerFilter> = expr.is_some().then_some(&keep);
    if args.table == "all" {
        let dir = args
            .out
            .as_ref()
            .ok_or_else(|| Failure::usage("export all writes six files: give --out DIR"))?;
        let counts = export::export_all_where(&book, dir, filter).map_err(failure)?;
        for (table, rows) in counts {
            println!("{:<13} {rows}", table.name());
        }
        println!("written to {}", dir.display());
        return Ok(());
    }
    let table = Table::parse(&args.table).ok_or_else(|| {
        Failure::usage(format!(
            "{}: not a table; one of {}, segments, or all",
            args.table,
            Table::names_list()
        ))
    })?;
    match &args.out {
        Some(path) => {
            let rows = export::export_table_to_file(&book, table, path, filter).map_err(failure)?;
            println!("{rows} {table} written to {}", path.display());
            Ok(())
        }
        None => {
            let out = std::io::BufWriter::new(std::io::stdout().lock());
            match export::export_table(&book, table, out, filter) {
                Err(e) if e.is_broken_pipe() => Ok(()),
                other => other.map(drop).map_err(failure),
            }
        }
    }
}

/// `export segments`: every customer's labels (classification.md), after
/// bringing them up to date.
fn export_segments(ctx: &Context, args: &ExportArgs, expr: Option<&Expr>) -> CliResult {
    let book = ctx.open_book()?;
    super::classify::bring_up_to_date(ctx, &book)?;
    let written = match &args.out {
        Some(path) => {
            let mut file = std::io::BufWriter::new(std::fs::File::create(path).map_err(|e| {
                Failure::new(
                    super::failure::EXIT_CANT_CREATE,
                    format!("{}: {e}", path.display()),
                )
            })?);
            let rows = classify::export_segments(&book, expr, &mut file);
            file.flush()?;
            rows
        }
        None => classify::export_segments(&book, expr, &mut std::io::stdout().lock()),
    };
    let rows = written.map_err(|e| Failure::io(e.to_string()))?;
    if let Some(path) = &args.out {
        println!("{rows} segments written to {}", path.display());
    }
    Ok(())
}

fn failure(e: ExportError) -> Failure {
    Failure::new(e.exit_code(), e.to_string())
}
