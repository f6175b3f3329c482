//! `pcrm import`.

use super::args::ImportArgs;
use super::{CliResult, Context, Failure};
use crate::import::{
    self, Encoding, ImportFailure, ImportOptions, ImportReport, Phase, Progress, Table,
};
use std::cell::Cell;
use std::io::{IsTerminal, Write};

pub fn run(ctx: &Context, args: &ImportArgs) -> CliResult {
    let table = match &args.table {
        Some(name) => Some(Table::parse(name).ok_or_else(|| {
            Failure::usage(format!(
                "--table {name}: not a table; one of {}",
                Table::names_list()
            ))
        })?),
        None => None,
    };
    let encoding = Encoding::parse(&args.encoding)
        .ok_or_else(|| Failure::usage(format!("--encoding {}: use utf-8 or gbk", args.encoding)))?;
    let progress = ProgressLine::default();
    let show_progress = |p: &Progress| progress.show(p);
    let mut opts = ImportOptions::new(args.paths.clone());
    opts.table = table;
    opts.skip_invalid = args.skip_invalid;
    opts.rejects_dir = args.rejects.clone();
    opts.encoding = encoding;
    if std::io::stderr().is_terminal() {
        opts.progress = Some(&show_progress);
    }

    let inputs = import::resolve_inputs(&opts).map_err(failure)?;
    let book = ctx.open_book()?;
    let result = import::import_inputs(&book, inputs, &opts);
    progress.clear();
    match result {
        Ok(report) => {
            print_lines("warning", &report.warnings.lines("warnings"));
            print_summary(&report);
            // The import marked the customers it touched: classify them now.
            let pass = super::classify::bring_up_to_date(ctx, &book)?;
            println!("classified {} customers", pass.classified);
            Ok(())
        }
        Err(ImportFailure::Data { errors, warnings }) => {
            print_lines("warning", &warnings.lines("warnings"));
            print_lines("", &errors.lines("errors"));
            Err(failure(ImportFailure::Data { errors, warnings }))
        }
        Err(other) => Err(failure(other)),
    }
}

fn failure(e: ImportFailure) -> Failure {
    Failure::new(e.exit_code(), e.to_string())
}

fn print_lines(prefix: &str, lines: &[String]) {
    let mut err = std::io::stderr().lock();
    for line in lines {
        let _ = match prefix {
            "" => writeln!(err, "{line}"),
            _ => writeln!(err, "{prefix}: {line}"),
        };
    }
}

fn print_summary(report: &ImportReport) {
    for (table, counts) in &report.counts {
        println!("{:<13} {counts}", table.name());
    }
    println!("warnings      {}", report.warnings.total());
    let rejected: u64 = report.counts.values().map(|c| c.rejected).sum();
    let mut line = format!(
        "imported {} rows in batch #{}",
        report.rows_written(),
        report.batch
    );
    if rejected > 0 {
        let files: Vec<String> = report
            .rejects_files
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        line.push_str(&format!(
            "; rejected {rejected} rows, written to {}",
            files.join(", ")
        ));
    }
    println!("{line}");
}

/// `validating 42%` on stderr, rewritten in place, when it is a terminal.
#[derive(Default)]
struct ProgressLine {
    last: Cell<Option<(Phase, u64)>>,
}

impl ProgressLine {
    fn show(&self, p: &Progress) {
        let percent = (p.done * 100).checked_div(p.total).unwrap_or(100);
        if self.last.get() == Some((p.phase, percent)) {
            return;
        }
        self.last.set(Some((p.phase, percent)));
        let what = match p.phase {
            Phase::Validating => "validating".to_string(),
            Phase::Reading { pass } => format!("reading for pass {pass}"),
            Phase::Writing { pass } => format!("writing pass {pass}"),
        };
        eprint!("\r\x1b[2K{what} {percent}%");
    }

    fn clear(&self) {
        if self.last.get().is_some() {
            eprint!("\r\x1b[2K");
        }
    }
}
