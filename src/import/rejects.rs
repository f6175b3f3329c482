//! `--skip-invalid`: the rejected rows, in the table's columns plus a
//! trailing `error` column, go to `rejected-<table>.csv` next to the input
//! (or in `--rejects DIR`), ready to be fixed and imported again.

use super::error::Problem;
use super::header::Header;
use super::table::Table;
use std::collections::hash_map::{Entry, HashMap};
use std::fs::File;
use std::io::{self, BufWriter};
use std::path::{Path, PathBuf};

/// Where the rejected rows of `input` go.
pub fn path_for(input: &Path, table: Table, dir: Option<&Path>) -> PathBuf {
    let dir = dir
        .or_else(|| input.parent())
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    dir.join(format!("rejected-{}.csv", table.name()))
}

pub struct Rejects {
    dir: Option<PathBuf>,
    writers: HashMap<PathBuf, csv::Writer<BufWriter<File>>>,
    /// In the order first written.
    files: Vec<PathBuf>,
}

impl Rejects {
    pub fn new(dir: Option<PathBuf>) -> Rejects {
        Rejects {
            dir,
            writers: HashMap::new(),
            files: Vec::new(),
        }
    }

    /// Appends a rejected row (its cells as read, under the table's
    /// columns) with what was wrong.
    pub fn write(
        &mut self,
        input: &Path,
        table: Table,
        header: &Header,
        cells: &[&str],
        problems: &[Problem],
    ) -> io::Result<()> {
        let path = path_for(input, table, self.dir.as_deref());
        let writer = match self.writers.entry(path) {
            Entry::Occupied(entry) => entry.into_mut(),
            Entry::Vacant(entry) => {
                if let Some(dir) = &self.dir {
                    std::fs::create_dir_all(dir)?;
                }
                let file = File::create(entry.key())?;
                let mut writer = csv::Writer::from_writer(BufWriter::new(file));
                let mut names: Vec<&str> = table.columns().iter().map(|c| c.name).collect();
                names.push("error");
                writer.write_record(&names)?;
                self.files.push(entry.key().clone());
                entry.insert(writer)
            }
        };
        let mut hint = 0;
        let mut record: Vec<&str> = table
            .columns()
            .iter()
            .map(|c| {
                header
                    .position(c.name, &mut hint)
                    .and_then(|i| cells.get(i).copied())
                    .unwrap_or("")
            })
            .collect();
        let errors: Vec<String> = problems.iter().map(Problem::to_string).collect();
        let errors = errors.join("; ");
        record.push(&errors);
        writer.write_record(&record)?;
        Ok(())
    }

    /// Flushes every rejects file; returns their paths.
    pub fn finish(self) -> io::Result<Vec<PathBuf>> {
        for (_, mut writer) in self.writers {
            writer.flush()?;
        }
        Ok(self.files)
    }
}
