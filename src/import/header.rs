//! Matching a file's header row to its table's columns: names are trimmed
//! and compared case-insensitively, order is free, unknown columns are
//! ignored with a warning, a missing required column is an error.

use super::error::Problem;
use super::table::Table;

#[derive(Debug)]
pub struct Header {
    /// Each of the table's columns, in the table's order, with its position
    /// in the file.
    slots: Vec<(&'static str, Option<usize>)>,
    /// The header's own names, as written (trimmed).
    names: Vec<String>,
}

pub struct HeaderCheck {
    pub header: Header,
    pub errors: Vec<Problem>,
    /// Names of the columns the table does not have.
    pub unknown: Vec<String>,
}

pub fn read(table: Table, cells: &[&str]) -> HeaderCheck {
    let names: Vec<String> = cells.iter().map(|c| c.trim().to_string()).collect();
    let mut errors = Vec::new();
    let mut slots: Vec<(&'static str, Option<usize>)> =
        table.columns().iter().map(|c| (c.name, None)).collect();
    let mut unknown = Vec::new();
    for (position, name) in names.iter().enumerate() {
        match slots
            .iter_mut()
            .find(|(column, _)| column.eq_ignore_ascii_case(name))
        {
            Some((column, Some(first))) => errors.push(Problem::column(
                column,
                format!(
                    "appears twice in the header (columns {} and {})",
                    *first + 1,
                    position + 1
                ),
            )),
            Some((_, slot)) => *slot = Some(position),
            None => {
                let shown = if name.is_empty() { "(empty)" } else { name };
                if !unknown.iter().any(|u| u == shown) {
                    unknown.push(shown.to_string());
                }
            }
        }
    }
    for (column, spec) in slots.iter().zip(table.columns()) {
        if column.1.is_none() && spec.required {
            errors.push(Problem::column(spec.name, "required column is missing"));
        }
    }
    HeaderCheck {
        header: Header { slots, names },
        errors,
        unknown,
    }
}

impl Header {
    /// Cells in the header row.
    pub fn width(&self) -> usize {
        self.names.len()
    }

    /// The file position of one of the table's columns. `hint` is where to
    /// look first (row parsers ask for the columns in order); it is moved
    /// past the column found.
    pub fn position(&self, column: &str, hint: &mut usize) -> Option<usize> {
        let at = match self.slots.get(*hint) {
            Some((name, _)) if *name == column => *hint,
            _ => self
                .slots
                .iter()
                .position(|(name, _)| *name == column)
                // Row parsers name only their table's columns.
                .unwrap_or_else(|| panic!("{column} is not a column of this table")),
        };
        *hint = at + 1;
        self.slots[at].1
    }

    /// The name of the file's column at `position`, as its header wrote it.
    pub fn name_at(&self, position: usize) -> &str {
        self.names
            .get(position)
            .map(String::as_str)
            .unwrap_or("(beyond the header)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_names_loosely_and_reports_what_is_off() {
        let check = read(
            Table::Claims,
            &[
                " Claim_ID",
                "POLICY_ID ",
                "loss_date",
                "cause",
                "status",
                "adjuster",
                "",
            ],
        );
        assert!(check.errors.is_empty(), "{:?}", check.errors);
        assert_eq!(check.unknown, vec!["adjuster", "(empty)"]);
        let mut hint = 0;
        assert_eq!(check.header.position("claim_id", &mut hint), Some(0));
        assert_eq!(check.header.position("policy_id", &mut hint), Some(1));
        assert_eq!(check.header.position("paid", &mut hint), None);
        assert_eq!(check.header.name_at(5), "adjuster");

        let check = read(Table::Claims, &["claim_id", "claim_id", "policy_id"]);
        let shown: Vec<String> = check.errors.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            shown,
            vec![
                "column claim_id: appears twice in the header (columns 1 and 2)",
                "column loss_date: required column is missing",
                "column cause: required column is missing",
                "column status: required column is missing",
            ]
        );
    }
}
