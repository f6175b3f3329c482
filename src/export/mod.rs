//! `pcrm export`: the tables of data-formats.md as CSV, in exactly its
//! columns, so that an export imports back unchanged. `export all` writes
//! the six files in one scan of the book: a backup that `pcrm import DIR`
//! restores into an empty book.

pub mod rows;

use crate::import::Table;
use crate::model::{CustomerDoc, Task};
use crate::store::{Book, StoreError};
use rows::CsvRow;
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// Keeps only some customers (and their records): the lead wires
/// `--segment` through this.
pub type CustomerFilter<'a> = &'a dyn Fn(&CustomerDoc) -> bool;

/// Rows written, per table.
pub type ExportCounts = BTreeMap<Table, u64>;

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{path}: {source}")]
    Io { path: String, source: io::Error },
}

impl ExportError {
    /// The exit code of cli.md.
    pub fn exit_code(&self) -> i32 {
        match self {
            ExportError::Store(e) => e.exit_code(),
            ExportError::Io { .. } => 74,
        }
    }

    /// The reader went away (`pcrm export ... | head`): not an error.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, ExportError::Io { source, .. } if source.kind() == io::ErrorKind::BrokenPipe)
    }
}

/// One CSV writer per requested table.
struct Sinks<W: Write> {
    writers: BTreeMap<Table, csv::Writer<W>>,
    counts: ExportCounts,
}

impl<W: Write> Sinks<W> {
    fn new(outputs: Vec<(Table, W)>) -> io::Result<Sinks<W>> {
        let mut writers = BTreeMap::new();
        for (table, out) in outputs {
            let mut writer = csv::Writer::from_writer(out);
            writer.write_record(table.columns().iter().map(|c| c.name))?;
            writers.insert(table, writer);
        }
        let counts = writers.keys().map(|t| (*t, 0)).collect();
        Ok(Sinks { writers, counts })
    }

    fn wants(&self, table: Table) -> bool {
        self.writers.contains_key(&table)
    }

    fn rows<R: CsvRow>(&mut self, records: &[R]) -> io::Result<()> {
        if let Some(writer) = self.writers.get_mut(&R::TABLE) {
            for record in records {
                writer.write_record(record.cells())?;
            }
            *self.counts.entry(R::TABLE).or_default() += records.len() as u64;
        }
        Ok(())
    }

    fn doc(&mut self, doc: &CustomerDoc) -> io::Result<()> {
        self.rows(std::slice::from_ref(&doc.customer))?;
        self.rows(&doc.locations)?;
        self.rows(&doc.policies)?;
        self.rows(&doc.claims)?;
        self.rows(&doc.interactions)
    }

    /// Flushes every writer; returns the rows written and the outputs.
    fn finish(self) -> io::Result<(ExportCounts, Vec<W>)> {
        let mut outputs = Vec::new();
        for (_, writer) in self.writers {
            outputs.push(writer.into_inner().map_err(|e| e.into_error())?);
        }
        Ok((self.counts, outputs))
    }
}

/// Writes the requested tables: customers in id order, each customer's
/// records in id order; tasks in id order (or by customer when filtered).
fn write_book<W: Write>(
    book: &Book,
    sinks: &mut Sinks<W>,
    filter: Option<CustomerFilter>,
    shown: &str,
) -> Result<(), ExportError> {
    let io_error = |source| ExportError::Io {
        path: shown.to_string(),
        source,
    };
    let doc_tables = Table::ALL[..5].iter().any(|t| sinks.wants(*t));
    let tasks_by_customer = filter.is_some() && sinks.wants(Table::Tasks);
    if doc_tables || tasks_by_customer {
        for doc in book.scan::<CustomerDoc>() {
            let doc = doc?;
            if !filter.is_none_or(|keep| keep(&doc)) {
                continue;
            }
            sinks.doc(&doc).map_err(io_error)?;
            if tasks_by_customer {
                let mut tasks = book.tasks_of(&doc.customer.id)?;
                tasks.sort_by(|a, b| a.id.cmp(&b.id));
                sinks.rows(&tasks).map_err(io_error)?;
            }
        }
    }
    if filter.is_none() && sinks.wants(Table::Tasks) {
        // The book keeps each customer's tasks together: tasks.csv is in id
        // order, so they are sorted here (the Tasks pane holds them all too).
        let mut tasks = book.scan::<Task>().collect::<Result<Vec<_>, _>>()?;
        tasks.sort_unstable_by(|a, b| a.id.cmp(&b.id));
        sinks.rows(&tasks).map_err(io_error)?;
    }
    Ok(())
}

/// Writes one table to `out`; returns the rows written.
pub fn export_table<W: Write>(
    book: &Book,
    table: Table,
    out: W,
    filter: Option<CustomerFilter>,
) -> Result<u64, ExportError> {
    let shown = "output";
    let io_error = |source| ExportError::Io {
        path: shown.to_string(),
        source,
    };
    let mut sinks = Sinks::new(vec![(table, out)]).map_err(io_error)?;
    write_book(book, &mut sinks, filter, shown)?;
    let (counts, _) = sinks.finish().map_err(io_error)?;
    Ok(counts.get(&table).copied().unwrap_or(0))
}

/// A file written under a temporary name and renamed into place when
/// complete, so that a failed export never leaves a truncated file.
struct Staged {
    partial: PathBuf,
    path: PathBuf,
}

impl Staged {
    fn new(path: &Path) -> Staged {
        let name = path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        Staged {
            partial: path.with_file_name(format!(".{name}.partial")),
            path: path.to_path_buf(),
        }
    }

    fn create(&self) -> Result<BufWriter<File>, ExportError> {
        File::create(&self.partial)
            .map(|f| BufWriter::with_capacity(256 * 1024, f))
            .map_err(|source| ExportError::Io {
                path: self.partial.display().to_string(),
                source,
            })
    }

    fn commit(&self, file: BufWriter<File>) -> Result<(), ExportError> {
        let io_error = |source| ExportError::Io {
            path: self.path.display().to_string(),
            source,
        };
        let file = file.into_inner().map_err(|e| io_error(e.into_error()))?;
        file.sync_all().map_err(io_error)?;
        std::fs::rename(&self.partial, &self.path).map_err(io_error)
    }

    fn abandon(&self) {
        // Best effort: the partial file is hidden and harmless if it stays.
        let _ = std::fs::remove_file(&self.partial);
    }
}

/// Writes the tables to files, each complete or not at all.
fn export_files(
    book: &Book,
    files: Vec<(Table, PathBuf)>,
    filter: Option<CustomerFilter>,
) -> Result<ExportCounts, ExportError> {
    let staged: Vec<(Table, Staged)> = files.iter().map(|(t, p)| (*t, Staged::new(p))).collect();
    let result = (|| {
        let mut outputs = Vec::new();
        for (table, stage) in &staged {
            outputs.push((*table, stage.create()?));
        }
        let shown = files
            .first()
            .map_or(String::new(), |f| f.1.display().to_string());
        let mut sinks = Sinks::new(outputs).map_err(|source| ExportError::Io {
            path: shown.clone(),
            source,
        })?;
        write_book(book, &mut sinks, filter, &shown)?;
        let (counts, outputs) = sinks.finish().map_err(|source| ExportError::Io {
            path: shown.clone(),
            source,
        })?;
        for ((_, stage), output) in staged.iter().zip(outputs) {
            stage.commit(output)?;
        }
        Ok(counts)
    })();
    if result.is_err() {
        staged.iter().for_each(|(_, s)| s.abandon());
    }
    result
}

/// Writes one table to a file.
pub fn export_table_to_file(
    book: &Book,
    table: Table,
    path: &Path,
    filter: Option<CustomerFilter>,
) -> Result<u64, ExportError> {
    let counts = export_files(book, vec![(table, path.to_path_buf())], filter)?;
    Ok(counts.get(&table).copied().unwrap_or(0))
}

/// `export all`: `customers.csv` ... `tasks.csv` in `dir` (created if
/// needed).
pub fn export_all(book: &Book, dir: &Path) -> Result<ExportCounts, ExportError> {
    export_all_where(book, dir, None)
}

/// `export all` of the customers that `filter` keeps, with their records.
pub fn export_all_where(
    book: &Book,
    dir: &Path,
    filter: Option<CustomerFilter>,
) -> Result<ExportCounts, ExportError> {
    std::fs::create_dir_all(dir).map_err(|source| ExportError::Io {
        path: dir.display().to_string(),
        source,
    })?;
    let files = Table::ALL
        .iter()
        .map(|t| (*t, dir.join(t.file_name())))
        .collect();
    export_files(book, files, filter)
}
