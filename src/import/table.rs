//! The six tables of data-formats.md: names, file names and columns, listed
//! in the order an import reads them (a row refers only to earlier tables).

use std::fmt;
use std::path::Path;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Table {
    Customers,
    Locations,
    Policies,
    Claims,
    Interactions,
    Tasks,
}

/// A column of a table's CSV file.
#[derive(Debug)]
pub struct Column {
    pub name: &'static str,
    /// The header must name it. (`industry` is required only of
    /// enterprises, which the row parser checks.)
    pub required: bool,
}

const fn req(name: &'static str) -> Column {
    Column {
        name,
        required: true,
    }
}

const fn opt(name: &'static str) -> Column {
    Column {
        name,
        required: false,
    }
}

const CUSTOMERS: &[Column] = &[
    req("customer_id"),
    req("name"),
    req("kind"),
    opt("id_number"),
    opt("phone"),
    opt("email"),
    req("province"),
    opt("city"),
    opt("industry"),
    opt("since"),
    opt("account_manager"),
    opt("tags"),
];

const LOCATIONS: &[Column] = &[
    req("location_id"),
    req("customer_id"),
    req("province"),
    opt("city"),
    req("construction"),
    req("occupancy"),
    opt("year_built"),
    opt("sprinklered"),
    opt("sum_insured"),
];

const POLICIES: &[Column] = &[
    req("policy_id"),
    req("customer_id"),
    req("line"),
    req("premium"),
    opt("sum_insured"),
    req("start_date"),
    req("end_date"),
    opt("cancelled_on"),
    opt("location_id"),
];

const CLAIMS: &[Column] = &[
    req("claim_id"),
    req("policy_id"),
    req("loss_date"),
    opt("reported_date"),
    req("cause"),
    opt("paid"),
    opt("reserve"),
    req("status"),
];

const INTERACTIONS: &[Column] = &[
    req("interaction_id"),
    req("customer_id"),
    req("at"),
    req("channel"),
    req("kind"),
    opt("satisfaction"),
    opt("note"),
];

const TASKS: &[Column] = &[
    req("task_id"),
    req("customer_id"),
    req("title"),
    req("due"),
    opt("assignee"),
    req("status"),
    opt("priority"),
    opt("tags"),
];

impl Table {
    /// Every table, in import (dependency) order.
    pub const ALL: [Table; 6] = [
        Table::Customers,
        Table::Locations,
        Table::Policies,
        Table::Claims,
        Table::Interactions,
        Table::Tasks,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Table::Customers => "customers",
            Table::Locations => "locations",
            Table::Policies => "policies",
            Table::Claims => "claims",
            Table::Interactions => "interactions",
            Table::Tasks => "tasks",
        }
    }

    /// `customers.csv`, ...
    pub fn file_name(self) -> String {
        format!("{}.csv", self.name())
    }

    /// A table by name, case-insensitively.
    pub fn parse(name: &str) -> Option<Table> {
        let name = name.trim();
        Table::ALL
            .into_iter()
            .find(|t| t.name().eq_ignore_ascii_case(name))
    }

    /// The table a file holds by its name (`Customers.CSV` too).
    pub fn of_file(path: &Path) -> Option<Table> {
        let name = path.file_name()?.to_str()?;
        let stem = name
            .len()
            .checked_sub(4)
            .filter(|&i| name.is_char_boundary(i) && name[i..].eq_ignore_ascii_case(".csv"))
            .map(|i| &name[..i])?;
        Table::parse(stem)
    }

    /// The columns of data-formats.md, in its order (which export writes).
    pub fn columns(self) -> &'static [Column] {
        match self {
            Table::Customers => CUSTOMERS,
            Table::Locations => LOCATIONS,
            Table::Policies => POLICIES,
            Table::Claims => CLAIMS,
            Table::Interactions => INTERACTIONS,
            Table::Tasks => TASKS,
        }
    }

    /// The column holding the row's own id (always the first).
    pub fn id_column(self) -> &'static str {
        self.columns()[0].name
    }

    /// `customers, locations, ...` for messages.
    pub fn names_list() -> String {
        Table::ALL.map(Table::name).join(", ")
    }
}

impl fmt::Display for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_tables_by_name_and_file_name() {
        assert_eq!(Table::parse("Policies"), Some(Table::Policies));
        assert_eq!(Table::parse("segments"), None);
        assert_eq!(
            Table::of_file(Path::new("/x/Customers.CSV")),
            Some(Table::Customers)
        );
        assert_eq!(Table::of_file(Path::new("claims.csv.bak")), None);
        assert_eq!(Table::of_file(Path::new("rejected-claims.csv")), None);
        assert_eq!(Table::Tasks.id_column(), "task_id");
    }
}
