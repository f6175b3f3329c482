//! What an import did, or why it wrote nothing.

use super::error::Messages;
use super::table::Table;
use crate::store::StoreError;
use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

/// Rows of one table.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TableCounts {
    pub inserted: u64,
    pub updated: u64,
    /// Re-imported exactly as stored: nothing written, nothing audited.
    pub unchanged: u64,
    /// Left out by `--skip-invalid`.
    pub rejected: u64,
}

impl TableCounts {
    pub fn add(&mut self, other: &TableCounts) {
        self.inserted += other.inserted;
        self.updated += other.updated;
        self.unchanged += other.unchanged;
        self.rejected += other.rejected;
    }
}

impl fmt::Display for TableCounts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "inserted {}, updated {}, unchanged {}, rejected {}",
            self.inserted, self.updated, self.unchanged, self.rejected
        )
    }
}

#[derive(Debug)]
pub struct ImportReport {
    /// The tables the import read, in import order.
    pub counts: BTreeMap<Table, TableCounts>,
    pub warnings: Messages,
    /// The `rejected-<table>.csv` files written (`--skip-invalid`).
    pub rejects_files: Vec<PathBuf>,
    /// The batch that holds the import (see `pcrm audit`).
    pub batch: u64,
    /// Write passes over the input (1 unless the rows exceeded the memory
    /// budget).
    pub passes: u32,
    /// Customers whose data changed (their classification is stale).
    pub touched_customers: usize,
}

impl ImportReport {
    pub fn rows_written(&self) -> u64 {
        self.counts
            .values()
            .map(|c| c.inserted + c.updated + c.unchanged)
            .sum()
    }
}

/// Why an import wrote nothing.
#[derive(Debug)]
pub enum ImportFailure {
    /// Bad data (exit 65): every error found, and the warnings.
    Data {
        errors: Messages,
        warnings: Messages,
    },
    /// An input file or directory does not exist (exit 66).
    MissingInput(String),
    /// The command was given wrongly (exit 2).
    Usage(String),
    /// An input could not be read (exit 74).
    Io(String),
    Store(StoreError),
}

impl ImportFailure {
    /// The exit code of cli.md.
    pub fn exit_code(&self) -> i32 {
        match self {
            ImportFailure::Data { .. } => 65,
            ImportFailure::MissingInput(_) => 66,
            ImportFailure::Usage(_) => 2,
            ImportFailure::Io(_) => 74,
            ImportFailure::Store(e) => e.exit_code(),
        }
    }
}

impl fmt::Display for ImportFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportFailure::Data { errors, .. } => write!(
                f,
                "import refused: {} error{} found, nothing was written",
                errors.total(),
                if errors.total() == 1 { "" } else { "s" }
            ),
            ImportFailure::MissingInput(m) | ImportFailure::Usage(m) | ImportFailure::Io(m) => {
                f.write_str(m)
            }
            ImportFailure::Store(e) => write!(f, "{e}"),
        }
    }
}

impl From<StoreError> for ImportFailure {
    fn from(e: StoreError) -> ImportFailure {
        ImportFailure::Store(e)
    }
}
