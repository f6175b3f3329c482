//! Reading the input files: the validation pass checks every row (and holds
//! the valid rows of the customers in its range); a later write pass
//! re-reads the files and holds only the rows of its own range of
//! customers, parsing nothing else.

use super::error::{Messages, Problem};
use super::facts::{Facts, Origin};
use super::hold::Hold;
use super::inputs::Input;
use super::options::{ImportOptions, Phase};
use super::rejects::Rejects;
use super::report::ImportFailure;
use super::rows::{self, Cells};
use super::source::{Source, Stop};
use super::table::Table;
use super::validate::Validator;
use crate::model::ids::is_valid_record_id;
use std::collections::HashSet;
use std::path::PathBuf;

/// Rows between progress reports.
const PROGRESS_EVERY: u64 = 16 * 1024;

/// Rows read before a file's size is turned into an estimate of its rows.
const SAMPLE_ROWS: u64 = 2_000;

/// What the validation pass found.
#[derive(Default)]
pub struct Validation {
    pub errors: Messages,
    pub warnings: Messages,
    /// Per input file: data-row numbers left out by `--skip-invalid`.
    pub rejected: Vec<HashSet<u64>>,
    /// Per input file: rows rejected.
    pub rejected_counts: Vec<u64>,
    pub valid_rows: u64,
    pub rejects_files: Vec<PathBuf>,
}

fn total_bytes(inputs: &[Input]) -> u64 {
    inputs.iter().map(|i| i.size).sum()
}

fn io_failure(e: std::io::Error) -> ImportFailure {
    ImportFailure::Io(format!("writing the rejects file: {e}"))
}

/// The validation pass: every row of every file (see the module doc).
pub fn validate(
    opts: &ImportOptions,
    inputs: &[Input],
    validator: &mut Validator,
    hold: &mut Hold,
    out: &mut Validation,
) -> Result<(), ImportFailure> {
    out.rejected = vec![HashSet::new(); inputs.len()];
    out.rejected_counts = vec![0; inputs.len()];
    let mut rejects = Rejects::new(opts.rejects_dir.clone());
    let total = total_bytes(inputs);
    let mut done_before = 0;
    for (n, input) in inputs.iter().enumerate() {
        let file = n as u16;
        let mut source = match Source::open(&input.path, input.table, opts.encoding) {
            Ok(source) => source,
            Err(Stop::Data(message)) => {
                out.errors.push(message);
                hold.disable();
                continue;
            }
            Err(Stop::Io(message)) => return Err(ImportFailure::Io(message)),
        };
        if !source.unknown_columns.is_empty() {
            out.warnings.push(format!(
                "{}:1: unknown column{} ignored: {}",
                input.shown,
                if source.unknown_columns.len() == 1 {
                    ""
                } else {
                    "s"
                },
                source.unknown_columns.join(", ")
            ));
        }
        if !source.header_errors.is_empty() {
            for problem in &source.header_errors {
                out.errors.push(problem.at(&input.shown, 1));
            }
            hold.disable();
            continue;
        }
        let width = source.header.width();
        let mut count = 0u64;
        loop {
            let pos = match source.advance() {
                Ok(Some(pos)) => pos,
                Ok(None) => break,
                Err(Stop::Data(message)) => {
                    out.errors.push(message);
                    hold.disable();
                    break;
                }
                Err(Stop::Io(message)) => return Err(ImportFailure::Io(message)),
            };
            let record = source.record();
            let here = Origin {
                file,
                line: pos.line as u32,
            };
            let mut c = Cells::new(&source.header, record);
            let parsed = if record.len() == width {
                rows::parse(input.table, &mut c, opts.today)
            } else {
                // Cells out of place would only produce misleading errors.
                c.problems.push(Problem::row(format!(
                    "{} cells, but the header has {width}",
                    record.len()
                )));
                None
            };
            let raw_id = c.get(input.table.id_column());
            let (mut problems, warnings) = c.into_problems();
            let valid = match parsed {
                Some(row) => validator
                    .check(here, &row, &mut problems)?
                    .map(|customer| (customer, row)),
                None => {
                    if let Some(id) = raw_id.filter(|id| is_valid_record_id(id)) {
                        validator.register_failed(here, input.table, id)?;
                    }
                    None
                }
            };
            match valid {
                Some((customer, row)) => {
                    for warning in &warnings {
                        out.warnings.push(warning.at(&input.shown, pos.line));
                    }
                    hold.offer(customer, validator.facts.customer(customer).hash, file, row);
                    out.valid_rows += 1;
                }
                None => {
                    out.rejected_counts[n] += 1;
                    if opts.skip_invalid {
                        out.rejected[n].insert(pos.index);
                        let cells = source.cells();
                        rejects
                            .write(&input.path, input.table, &source.header, &cells, &problems)
                            .map_err(io_failure)?;
                    } else {
                        for problem in &problems {
                            out.errors.push(problem.at(&input.shown, pos.line));
                        }
                        hold.disable();
                    }
                }
            }
            count += 1;
            if count == SAMPLE_ROWS {
                // Room for the rest of the file's ids, at the bytes a row
                // has taken so far.
                let per_row = source.bytes_read().max(1) / count;
                let rest = input.size.saturating_sub(source.bytes_read()) / per_row;
                validator.facts.expect_rows(input.table, rest as usize);
            }
            if count.is_multiple_of(PROGRESS_EVERY) {
                let done = (done_before + source.bytes_read()).min(total);
                opts.report(Phase::Validating, done, total);
            }
        }
        done_before += input.size;
        opts.report(Phase::Validating, done_before, total);
    }
    out.rejects_files = rejects.finish().map_err(io_failure)?;
    Ok(())
}

/// The customer a valid row belongs to: the one it names, or for a claim
/// the one validation found through its policy.
fn row_customer(table: Table, c: &mut Cells, facts: &Facts) -> Option<u32> {
    match table {
        Table::Customers => facts.customer_number(c.get("customer_id")?),
        Table::Claims => facts.child(table, c.get("claim_id")?).map(|f| f.customer),
        _ => facts.customer_number(c.get("customer_id")?),
    }
}

/// A later write pass: re-reads every file and holds the valid rows of the
/// customers in `hold`'s range.
pub fn reread(
    opts: &ImportOptions,
    inputs: &[Input],
    facts: &Facts,
    rejected: &[HashSet<u64>],
    hold: &mut Hold,
    pass: u32,
) -> Result<(), ImportFailure> {
    let total = total_bytes(inputs);
    let mut done_before = 0;
    for (n, input) in inputs.iter().enumerate() {
        let changed = || {
            ImportFailure::Io(format!(
                "{}: the file changed during the import; nothing was written",
                input.shown
            ))
        };
        let mut source =
            Source::open(&input.path, input.table, opts.encoding).map_err(|_| changed())?;
        let mut count = 0u64;
        while let Some(pos) = source.advance().map_err(|_| changed())? {
            count += 1;
            if count.is_multiple_of(PROGRESS_EVERY) {
                let done = (done_before + source.bytes_read()).min(total);
                opts.report(Phase::Reading { pass }, done, total);
            }
            if rejected[n].contains(&pos.index) {
                continue;
            }
            let mut c = Cells::new(&source.header, source.record());
            let customer = row_customer(input.table, &mut c, facts).ok_or_else(changed)?;
            let hash = facts.customer(customer).hash;
            if !hold.wants(hash) {
                continue;
            }
            let mut c = Cells::new(&source.header, source.record());
            let row = rows::parse(input.table, &mut c, opts.today)
                .filter(|_| c.problems.is_empty())
                .ok_or_else(changed)?;
            hold.offer(customer, hash, n as u16, row);
        }
        done_before += input.size;
        opts.report(Phase::Reading { pass }, done_before, total);
    }
    Ok(())
}
