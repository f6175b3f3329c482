//! Row parsers: one file per table turns a row's cells into a record,
//! collecting every problem of the row (not just the first).

mod claims;
mod customers;
mod interactions;
mod locations;
mod policies;
mod tasks;

use super::cells::Parsed as CellResult;
use super::error::Problem;
use super::header::Header;
use super::table::Table;
use crate::model::{Child, Claim, Customer, Interaction, Location, Policy, Task};
use chrono::NaiveDate;
use csv::ByteRecord;
use serde::{Deserialize, Serialize};

/// A row turned into its record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Parsed {
    Customer(Customer),
    Location(Location),
    Policy(Policy),
    Claim(Claim),
    Interaction(Interaction),
    Task(Task),
}

impl Parsed {
    /// Sets the customer of a child row (the hold keeps rows without it:
    /// their group says whose they are).
    pub fn set_customer(&mut self, id: &str) {
        match self {
            Parsed::Customer(_) => {}
            Parsed::Location(r) => r.set_customer_id(id),
            Parsed::Policy(r) => r.set_customer_id(id),
            Parsed::Claim(r) => r.set_customer_id(id),
            Parsed::Interaction(r) => r.set_customer_id(id),
            Parsed::Task(r) => r.customer_id = id.to_string(),
        }
    }
}

/// Parses a row of `table`; `None` when a cell is wrong (see
/// `cells.problems`, which may also hold problems of a row that parsed).
pub fn parse(table: Table, cells: &mut Cells, today: NaiveDate) -> Option<Parsed> {
    match table {
        Table::Customers => customers::parse(cells, today).map(Parsed::Customer),
        Table::Locations => locations::parse(cells, today).map(Parsed::Location),
        Table::Policies => policies::parse(cells).map(Parsed::Policy),
        Table::Claims => claims::parse(cells).map(Parsed::Claim),
        Table::Interactions => interactions::parse(cells).map(Parsed::Interaction),
        Table::Tasks => tasks::parse(cells).map(Parsed::Task),
    }
}

/// The cells of one row, looked up by column name, with the problems and
/// warnings found so far.
pub struct Cells<'a> {
    header: &'a Header,
    record: &'a ByteRecord,
    hint: usize,
    pub problems: Vec<Problem>,
    pub warnings: Vec<Problem>,
}

impl<'a> Cells<'a> {
    /// `record`'s cells must be UTF-8 (`Source` checks them).
    pub fn new(header: &'a Header, record: &'a ByteRecord) -> Cells<'a> {
        Cells {
            header,
            record,
            hint: 0,
            problems: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// The trimmed cell; `None` when empty or when the file has no such
    /// column (an empty cell is an absent value).
    pub fn get(&mut self, column: &'static str) -> Option<&'a str> {
        let position = self.header.position(column, &mut self.hint)?;
        let record: &'a ByteRecord = self.record;
        let cell = std::str::from_utf8(record.get(position)?).ok()?;
        Some(cell.trim()).filter(|t| !t.is_empty())
    }

    /// A cell that must have a value.
    pub fn required<T>(
        &mut self,
        column: &'static str,
        parse: impl FnOnce(&str) -> CellResult<T>,
    ) -> Option<T> {
        match self.get(column) {
            Some(text) => self.parsed(column, text, parse),
            None => {
                self.problems
                    .push(Problem::column(column, "a value is required"));
                None
            }
        }
    }

    /// A cell that may be empty: `Some(None)` when it is, `None` when its
    /// value is wrong.
    pub fn optional<T>(
        &mut self,
        column: &'static str,
        parse: impl FnOnce(&str) -> CellResult<T>,
    ) -> Option<Option<T>> {
        match self.get(column) {
            Some(text) => self.parsed(column, text, parse).map(Some),
            None => Some(None),
        }
    }

    fn parsed<T>(
        &mut self,
        column: &'static str,
        text: &str,
        parse: impl FnOnce(&str) -> CellResult<T>,
    ) -> Option<T> {
        parse(text)
            .map_err(|what| self.problems.push(Problem::cell(column, what, text)))
            .ok()
    }

    pub fn problem(&mut self, column: &str, what: impl Into<String>, value: &str) {
        self.problems.push(Problem::cell(column, what, value));
    }

    pub fn warn(&mut self, column: &str, what: impl Into<String>, value: &str) {
        self.warnings.push(Problem::cell(column, what, value));
    }

    /// The problems and warnings found.
    pub fn into_problems(self) -> (Vec<Problem>, Vec<Problem>) {
        (self.problems, self.warnings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::header;

    /// Parses one row given as a header line and a data line.
    pub(super) fn parse_row(
        table: Table,
        header: &str,
        row: &str,
    ) -> (Option<Parsed>, Vec<String>) {
        let names: Vec<&str> = header.split(',').collect();
        let check = header::read(table, &names);
        assert!(check.errors.is_empty(), "{:?}", check.errors);
        let record = ByteRecord::from(row.split(',').collect::<Vec<&str>>());
        let mut c = Cells::new(&check.header, &record);
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let parsed = parse(table, &mut c, today);
        let mut shown: Vec<String> = c.problems.iter().map(|p| p.to_string()).collect();
        shown.extend(c.warnings.iter().map(|p| format!("warning: {p}")));
        (parsed, shown)
    }

    #[test]
    fn collects_every_problem_of_a_row() {
        let (parsed, problems) = parse_row(
            Table::Policies,
            "policy_id,customer_id,line,premium,start_date,end_date,cancelled_on",
            "P 1,,car,1.234,2026-01-01,2025-01-01,",
        );
        assert!(parsed.is_none());
        assert_eq!(
            problems,
            vec![
                "column policy_id: not an id (1-32 characters of A-Z a-z 0-9 _ . -) (\"P 1\")",
                "column customer_id: a value is required",
                "column line: not one of property, engineering, liability, cargo, motor, homeowners, accident, other (or their Chinese labels) (\"car\")",
                "column premium: at most 2 fraction digits (\"1.234\")",
                "column end_date: must be after start_date 2026-01-01 (\"2025-01-01\")",
            ]
        );
    }
}
