//! How import problems are described: `FILE:LINE: column COLUMN: what is
//! wrong ("value")`, and the cap on how many are printed.

use crate::model::ids::mask;
use std::fmt;

/// Errors (and warnings) printed before "... and N more".
pub const SHOWN: usize = 50;

/// One thing wrong with a cell, a row or a header, without its location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// `None` for a problem of the whole row (a ragged row, say).
    pub column: Option<String>,
    pub what: String,
    /// The offending cell, shown after the message.
    pub value: Option<String>,
}

/// Columns holding personal data. Their values are masked in messages
/// (which end up in terminals, logs and rejects files): the first three
/// and last four characters and the length stay, enough with the line
/// number to find the cell.
const PERSONAL_COLUMNS: [&str; 2] = ["id_number", "phone"];

impl Problem {
    pub fn cell(column: &str, what: impl Into<String>, value: &str) -> Problem {
        let value = match PERSONAL_COLUMNS.contains(&column) {
            true => mask(value),
            false => value.to_string(),
        };
        Problem {
            column: Some(column.to_string()),
            what: what.into(),
            value: Some(value),
        }
    }

    /// A problem with a column as a whole (missing, or its cell absent).
    pub fn column(column: &str, what: impl Into<String>) -> Problem {
        Problem {
            column: Some(column.to_string()),
            what: what.into(),
            value: None,
        }
    }

    pub fn row(what: impl Into<String>) -> Problem {
        Problem {
            column: None,
            what: what.into(),
            value: None,
        }
    }

    /// `FILE:LINE: column COLUMN: what ("value")`.
    pub fn at(&self, file: &str, line: u64) -> String {
        format!("{file}:{line}: {self}")
    }
}

/// `column COLUMN: what ("value")`: also the `error` cell of a rejects file.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(column) = &self.column {
            write!(f, "column {column}: ")?;
        }
        f.write_str(&self.what)?;
        if let Some(value) = &self.value {
            // Debug quoting keeps a value with a line break on one line.
            write!(f, " ({value:?})")?;
        }
        Ok(())
    }
}

/// Messages of one kind (errors or warnings): the first [`SHOWN`] kept, the
/// rest only counted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Messages {
    shown: Vec<String>,
    total: u64,
}

impl Messages {
    pub fn push(&mut self, message: String) {
        if self.shown.len() < SHOWN {
            self.shown.push(message);
        }
        self.total += 1;
    }

    pub fn total(&self) -> u64 {
        self.total
    }

    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// The kept messages.
    pub fn shown(&self) -> &[String] {
        &self.shown
    }

    /// The lines to print: the kept messages, then `... and N more NOUN`.
    pub fn lines(&self, noun: &str) -> Vec<String> {
        let mut lines = self.shown.clone();
        let more = self.total - self.shown.len() as u64;
        if more > 0 {
            lines.push(format!("... and {more} more {noun}"));
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_problems_in_the_spec_shape() {
        let p = Problem::cell("premium", "at most 2 fraction digits", "1.234");
        assert_eq!(
            p.at("policies.csv", 7),
            "policies.csv:7: column premium: at most 2 fraction digits (\"1.234\")"
        );
        assert_eq!(
            Problem::row("3 cells, but the header has 9").at("a.csv", 2),
            "a.csv:2: 3 cells, but the header has 9"
        );
        assert_eq!(
            Problem::cell("note", "bad", "two\nlines").to_string(),
            "column note: bad (\"two\\nlines\")"
        );
    }

    #[test]
    fn caps_the_printed_messages() {
        let mut m = Messages::default();
        for i in 0..53 {
            m.push(format!("e{i}"));
        }
        let lines = m.lines("errors");
        assert_eq!(lines.len(), 51);
        assert_eq!(lines[50], "... and 3 more errors");
        assert_eq!(m.total(), 53);
    }
}
