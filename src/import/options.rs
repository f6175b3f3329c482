//! What an import is asked to do, and how it reports progress.

use super::table::Table;
use chrono::NaiveDate;
use std::path::PathBuf;

/// The encoding of the input files.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    /// GBK / GB18030, as Excel on Chinese Windows saves CSV.
    Gbk,
}

impl Encoding {
    /// `utf-8` (`utf8`), or `gbk` (`gb18030`, `gb2312`), case-insensitively.
    pub fn parse(text: &str) -> Option<Encoding> {
        match text.trim().to_ascii_lowercase().as_str() {
            "utf-8" | "utf8" => Some(Encoding::Utf8),
            "gbk" | "gb18030" | "gb2312" => Some(Encoding::Gbk),
            _ => None,
        }
    }
}

/// Knobs that trade memory for speed; the defaults suit a million-customer
/// import in well under 2 GB. Tests turn them down to exercise the paths.
#[derive(Clone, Copy, Debug)]
pub struct Tuning {
    /// Bytes of parsed rows held in memory, grouped by customer, before the
    /// write is split into passes over the files (each re-reading them and
    /// keeping one range of customers).
    pub hold_bytes: usize,
    /// Above this many (estimated) child rows, and when the book is not
    /// empty, the owners of the book's locations, policies, claims and
    /// interactions are read in one scan instead of looked up row by row.
    pub owner_scan_rows: u64,
}

impl Default for Tuning {
    fn default() -> Tuning {
        Tuning {
            hold_bytes: 896 << 20,
            owner_scan_rows: 50_000,
        }
    }
}

/// Where an import is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Reading and checking every row; `done`/`total` in bytes of input.
    Validating,
    /// Re-reading the files for a later write pass (bytes of input).
    Reading { pass: u32 },
    /// Writing the rows held for a pass; `done`/`total` in rows.
    Writing { pass: u32 },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    pub phase: Phase,
    pub done: u64,
    pub total: u64,
}

pub struct ImportOptions<'a> {
    /// Files, or directories holding `customers.csv` ... `tasks.csv`.
    pub paths: Vec<PathBuf>,
    /// Every file holds this table (else known from each file's name).
    pub table: Option<Table>,
    /// Import the valid rows and write the others to `rejected-<table>.csv`.
    pub skip_invalid: bool,
    /// Where the rejects files go (default: next to each input file).
    pub rejects_dir: Option<PathBuf>,
    pub encoding: Encoding,
    /// Birth dates and years built after this are refused.
    pub today: NaiveDate,
    pub progress: Option<&'a dyn Fn(&Progress)>,
    pub tuning: Tuning,
}

impl<'a> ImportOptions<'a> {
    /// UTF-8, all-or-nothing, today's date, default tuning.
    pub fn new(paths: Vec<PathBuf>) -> ImportOptions<'a> {
        ImportOptions {
            paths,
            table: None,
            skip_invalid: false,
            rejects_dir: None,
            encoding: Encoding::Utf8,
            today: chrono::Local::now().date_naive(),
            progress: None,
            tuning: Tuning::default(),
        }
    }

    pub(super) fn report(&self, phase: Phase, done: u64, total: u64) {
        if let Some(progress) = self.progress {
            progress(&Progress { phase, done, total });
        }
    }
}
