//! `pcrm import`: CSV files of data-formats.md into the book, all or
//! nothing.
//!
//! 1. Validation reads every row of every file (in dependency order:
//!    customers, locations, policies, claims, interactions, tasks), checks
//!    each cell, the row and its references (`validate.rs`), and collects
//!    every error as `FILE:LINE: column COLUMN: ...`. Any error: nothing is
//!    written (or, with `--skip-invalid`, the row goes to a rejects file).
//! 2. The write is one batch of the store (all or nothing even under
//!    `kill -9`). Rows are grouped by customer so that each customer's doc
//!    is written once. The valid rows are held in memory up to a budget;
//!    beyond it the customers are split by hash into ranges and the files
//!    are re-read once per range (`hold.rs`).

mod book_view;
pub(crate) mod cells;
mod encoding;
mod error;
mod facts;
mod header;
mod hold;
mod id_table;
mod inputs;
mod options;
mod rejects;
mod report;
mod rows;
mod scan;
mod source;
mod table;
mod validate;
mod write;

pub use error::Messages;
pub use inputs::{Input, Inputs};
pub use options::{Encoding, ImportOptions, Phase, Progress, Tuning};
pub use report::{ImportFailure, ImportReport, TableCounts};
pub use table::{Column, Table};

use crate::store::Book;
use book_view::BookView;
use facts::Facts;
use hold::{Hold, END};
use scan::Validation;
use std::collections::BTreeMap;
use validate::Validator;
use write::Writer;

/// Resolves the paths and imports them (see the module documentation).
pub fn import_paths(book: &Book, opts: &ImportOptions) -> Result<ImportReport, ImportFailure> {
    let inputs = resolve_inputs(opts)?;
    import_inputs(book, inputs, opts)
}

/// The files an import would read, in order; fails (exit 66) on a missing
/// path before any book is opened.
pub fn resolve_inputs(opts: &ImportOptions) -> Result<Inputs, ImportFailure> {
    let inputs = inputs::resolve(&opts.paths, opts.table)?;
    if opts.skip_invalid {
        for input in &inputs.files {
            let rejects = rejects::path_for(&input.path, input.table, opts.rejects_dir.as_deref());
            if same_file(&rejects, &input.path) {
                return Err(ImportFailure::Usage(format!(
                    "{}: its rejected rows would overwrite it; give --rejects DIR",
                    input.shown
                )));
            }
        }
    }
    Ok(inputs)
}

fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// The child tables whose book owners are read in one scan, if the import
/// is large enough for that to beat per-row lookups.
fn owner_scan(files: &[Input], tuning: Tuning) -> Option<Vec<Table>> {
    // About 64 bytes a row in typical exports.
    let child_rows: u64 = files
        .iter()
        .filter(|f| !matches!(f.table, Table::Customers | Table::Tasks))
        .map(|f| f.size / 64)
        .sum();
    if child_rows <= tuning.owner_scan_rows {
        return None;
    }
    let mut tables = Vec::new();
    for file in files {
        tables.extend_from_slice(match file.table {
            Table::Locations => &[Table::Locations][..],
            Table::Policies => &[Table::Policies, Table::Locations],
            Table::Claims => &[Table::Claims, Table::Policies],
            Table::Interactions => &[Table::Interactions],
            Table::Customers | Table::Tasks => &[],
        });
    }
    Some(tables)
}

/// Imports resolved inputs.
pub fn import_inputs(
    book: &Book,
    inputs: Inputs,
    opts: &ImportOptions,
) -> Result<ImportReport, ImportFailure> {
    let files = inputs.files;
    let mut facts = Facts::default();
    let view = BookView::new(book, &mut facts, owner_scan(&files, opts.tuning).as_deref())?;
    let shown = files.iter().map(|f| f.shown.clone()).collect();
    let mut validator = Validator::new(facts, view, opts.skip_invalid, shown);
    let mut hold = Hold::new(0, END, opts.tuning.hold_bytes);
    let mut validation = Validation::default();
    for warning in inputs.warnings {
        validation.warnings.push(warning);
    }
    scan::validate(opts, &files, &mut validator, &mut hold, &mut validation)?;
    if !validation.errors.is_empty() {
        return Err(ImportFailure::Data {
            errors: validation.errors,
            warnings: validation.warnings,
        });
    }
    let mut facts = validator.into_facts();
    facts.keep_for_write();

    let mut writer = Writer::begin(book, &facts, &files, &validation.rejected_counts)?;
    let mut pass = 1;
    let mut remaining = validation.valid_rows;
    // Bytes a held row takes, to size the later passes.
    let row_bytes = (hold.bytes() as u64 / hold.rows().max(1)).max(32);
    loop {
        touch_moved(&facts, &mut hold);
        let (_, hi) = hold.range();
        let rows = hold.rows();
        writer.write_pass(hold.into_groups(), rows, opts, pass)?;
        remaining = remaining.saturating_sub(rows);
        if hi >= END {
            break;
        }
        pass += 1;
        let budget = opts.tuning.hold_bytes as u64;
        let passes_left = (remaining * row_bytes).div_ceil(budget).max(1);
        let next_hi = hi + (END - hi) / passes_left;
        hold = Hold::new(hi, next_hi, opts.tuning.hold_bytes);
        scan::reread(opts, &files, &facts, &validation.rejected, &mut hold, pass)?;
    }
    let (info, per_file, touched) = writer.commit()?;

    let mut counts: BTreeMap<Table, TableCounts> = BTreeMap::new();
    for (input, file_counts) in files.iter().zip(&per_file) {
        counts.entry(input.table).or_default().add(file_counts);
    }
    Ok(ImportReport {
        counts,
        warnings: validation.warnings,
        rejects_files: validation.rejects_files,
        batch: info.id,
        passes: pass,
        touched_customers: touched,
    })
}

/// Customers that records move out of are written in the pass that holds
/// their range, rows or not.
fn touch_moved(facts: &Facts, hold: &mut Hold) {
    for &customer in facts.moves_from.keys() {
        hold.touch(customer, facts.customer(customer).hash);
    }
}
