//! The files an import reads: the paths given, directories opened to their
//! `customers.csv` ... `tasks.csv`, each file's table known by its name or
//! `--table`, in dependency order.

use super::report::ImportFailure;
use super::table::Table;
use std::io;
use std::path::{Path, PathBuf};

pub struct Input {
    pub path: PathBuf,
    /// As shown in messages.
    pub shown: String,
    pub table: Table,
    pub size: u64,
}

pub struct Inputs {
    pub files: Vec<Input>,
    /// Files of a directory that were not read.
    pub warnings: Vec<String>,
}

fn metadata(path: &Path) -> Result<std::fs::Metadata, ImportFailure> {
    std::fs::metadata(path).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => {
            ImportFailure::MissingInput(format!("{}: no such file or directory", path.display()))
        }
        _ => ImportFailure::Io(format!("{}: {e}", path.display())),
    })
}

fn table_files() -> String {
    Table::ALL.map(Table::file_name).join(", ")
}

pub fn resolve(paths: &[PathBuf], table: Option<Table>) -> Result<Inputs, ImportFailure> {
    let mut files = Vec::new();
    let mut warnings = Vec::new();
    for path in paths {
        let meta = metadata(path)?;
        if meta.is_dir() {
            if table.is_some() {
                return Err(ImportFailure::Usage(format!(
                    "{}: --table gives the table of files; name the files, not the directory",
                    path.display()
                )));
            }
            let before = files.len();
            read_dir(path, &mut files, &mut warnings)?;
            if files.len() == before {
                return Err(ImportFailure::MissingInput(format!(
                    "{}: holds none of {}",
                    path.display(),
                    table_files()
                )));
            }
        } else {
            let table = table.or_else(|| Table::of_file(path)).ok_or_else(|| {
                ImportFailure::Usage(format!(
                    "{}: the table is not known from the file's name: name it one of {}, or give --table",
                    path.display(),
                    table_files()
                ))
            })?;
            files.push(Input {
                path: path.clone(),
                shown: path.display().to_string(),
                table,
                size: meta.len(),
            });
        }
    }
    // Stable: files of one table keep the order given.
    files.sort_by_key(|f| f.table);
    if files.len() > usize::from(u16::MAX) {
        return Err(ImportFailure::Usage("too many input files".to_string()));
    }
    Ok(Inputs { files, warnings })
}

fn read_dir(
    dir: &Path,
    files: &mut Vec<Input>,
    warnings: &mut Vec<String>,
) -> Result<(), ImportFailure> {
    let io_error = |e: io::Error| ImportFailure::Io(format!("{}: {e}", dir.display()));
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io_error)?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .map_err(io_error)?;
    entries.sort();
    for path in entries {
        let meta = metadata(&path)?;
        if !meta.is_file() {
            continue;
        }
        match Table::of_file(&path) {
            Some(table) => files.push(Input {
                shown: path.display().to_string(),
                path,
                table,
                size: meta.len(),
            }),
            None => {
                let name = path.file_name().map(|n| n.to_string_lossy().to_lowercase());
                let name = name.unwrap_or_default();
                // Rejects files of an earlier `--skip-invalid` run live here.
                if name.ends_with(".csv") && !name.starts_with("rejected-") {
                    warnings.push(format!(
                        "{}: not one of {}: not read",
                        path.display(),
                        table_files()
                    ));
                }
            }
        }
    }
    Ok(())
}
