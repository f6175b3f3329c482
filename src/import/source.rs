//! One input file read row by row: its header matched, every cell checked
//! to be UTF-8, each row with the line it starts on (a quoted cell with line
//! breaks spans several lines; the header is line 1).

use super::encoding::{self, BadGbk, GBK_HINT};
use super::error::Problem;
use super::header::{self, Header};
use super::options::Encoding;
use super::table::Table;
use csv::ByteRecord;
use std::io::Read;
use std::path::Path;

/// Why reading a file stopped early.
#[derive(Debug)]
pub enum Stop {
    /// A data error for the report (`FILE:LINE: ...`): the rest of the file
    /// cannot be read as text.
    Data(String),
    /// The file could not be read at all.
    Io(String),
}

pub struct Source {
    /// The file's path as given, for messages.
    pub shown: String,
    pub header: Header,
    /// Problems of the header row (line 1).
    pub header_errors: Vec<Problem>,
    /// Header names the table does not have.
    pub unknown_columns: Vec<String>,
    reader: csv::Reader<Box<dyn Read>>,
    record: ByteRecord,
    next_index: u64,
}

/// Where a data row is: its number among the data rows (from 0) and the
/// line it starts on.
#[derive(Clone, Copy, Debug)]
pub struct RowPos {
    pub index: u64,
    pub line: u64,
}

impl Source {
    pub fn open(path: &Path, table: Table, encoding: Encoding) -> Result<Source, Stop> {
        let shown = path.display().to_string();
        let input =
            encoding::open(path, encoding).map_err(|e| Stop::Io(format!("{shown}: {e}")))?;
        let reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .buffer_capacity(256 * 1024)
            .from_reader(input);
        let mut source = Source {
            shown,
            header: header::read(table, &[]).header,
            header_errors: Vec::new(),
            unknown_columns: Vec::new(),
            reader,
            record: ByteRecord::new(),
            next_index: 0,
        };
        if !source.read_record()? {
            return Err(Stop::Data(format!(
                "{}:1: the file is empty (a header row naming the columns is expected)",
                source.shown
            )));
        }
        source.check_utf8(1, None)?;
        let check = header::read(table, &source.cells());
        source.header = check.header;
        source.header_errors = check.errors;
        source.unknown_columns = check.unknown;
        Ok(source)
    }

    /// Bytes read so far (of the decoded text), for progress.
    pub fn bytes_read(&self) -> u64 {
        self.reader.position().byte()
    }

    /// Reads the next data row (see [`Source::cells`]).
    pub fn advance(&mut self) -> Result<Option<RowPos>, Stop> {
        if !self.read_record()? {
            return Ok(None);
        }
        let line = self.record.position().map_or(0, |p| p.line());
        let index = self.next_index;
        self.next_index += 1;
        self.check_utf8(line, Some(&self.header))?;
        Ok(Some(RowPos { index, line }))
    }

    /// The row last read (every cell UTF-8).
    pub fn record(&self) -> &ByteRecord {
        &self.record
    }

    /// The cells of the row last read, as written (untrimmed).
    pub fn cells(&self) -> Vec<&str> {
        self.record
            .iter()
            // `advance` checked that every field is UTF-8.
            .map(|field| std::str::from_utf8(field).unwrap_or_default())
            .collect()
    }

    fn read_record(&mut self) -> Result<bool, Stop> {
        self.reader
            .read_byte_record(&mut self.record)
            .map_err(|e| match e.kind() {
                csv::ErrorKind::Io(io) => {
                    match io.get_ref().and_then(|inner| inner.downcast_ref::<BadGbk>()) {
                        Some(bad) => Stop::Data(format!(
                            "{}:{}: not valid GBK/GB18030 text (if the file is UTF-8, leave out --encoding)",
                            self.shown, bad.line
                        )),
                        None => Stop::Io(format!("{}: {io}", self.shown)),
                    }
                }
                _ => {
                    let line = e.position().map_or(0, |p| p.line());
                    Stop::Data(format!("{}:{line}: {e}", self.shown))
                }
            })
    }

    /// Fails on the first byte of the record that is not UTF-8.
    fn check_utf8(&self, line: u64, header: Option<&Header>) -> Result<(), Stop> {
        if let Err(bad) = encoding::check_utf8(&self.record, line) {
            let column = match header {
                Some(h) => format!("column {}: ", h.name_at(bad.field)),
                None => String::new(),
            };
            return Err(Stop::Data(format!(
                "{}:{}: {column}not valid UTF-8 (bytes {}); {GBK_HINT}",
                self.shown, bad.line, bad.bytes
            )));
        }
        Ok(())
    }
}
