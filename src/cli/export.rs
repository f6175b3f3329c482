//! `pcrm export`.

use super::args::ExportArgs;
use super::{CliResult, Context, Failure};
use crate::export::{self, ExportError};
use crate::import::Table;

pub fn run(ctx: &Context, args: &ExportArgs) -> CliResult {
    // `--segment` and the `segments` table need the classification engine
    // (pcrm::segment, pcrm::classify), which this branch does not have; they
    // plug into `export::export_table(.., Some(filter))`.
    if args.segment.is_some() || args.table == "segments" {
        return Err(Failure::usage(
            "--segment and `export segments` are not available in this build yet",
        ));
    }
    if args.table == "all" {
        let dir = args
            .out
            .as_ref()
            .ok_or_else(|| Failure::usage("export all writes six files: give --out DIR"))?;
        let book = ctx.open_book()?;
        let counts = export::export_all(&book, dir).map_err(failure)?;
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
    let book = ctx.open_book()?;
    match &args.out {
        Some(path) => {
            let rows = export::export_table_to_file(&book, table, path, None).map_err(failure)?;
            println!("{rows} {table} written to {}", path.display());
            Ok(())
        }
        None => {
            let out = std::io::BufWriter::new(std::io::stdout().lock());
            match export::export_table(&book, table, out, None) {
                Err(e) if e.is_broken_pipe() => Ok(()),
                other => other.map(drop).map_err(failure),
            }
        }
    }
}

fn failure(e: ExportError) -> Failure {
    Failure::new(e.exit_code(), e.to_string())
}
