//! The customers a batch action acts on, taken when the key is pressed: the
//! selection, or the customer under the cursor.

use crate::roster::{Roster, RowId};

#[derive(Debug, Clone, PartialEq)]
pub struct Targets {
    /// Customer ids, in roster row order.
    pub ids: Vec<String>,
    pub rows: Vec<RowId>,
    /// How the dialogs name them: `12 selected customers`, `C0000042 张三`.
    pub what: String,
}

impl Targets {
    pub fn from_rows(roster: &Roster, rows: Vec<RowId>, what: String) -> Targets {
        let ids = rows
            .iter()
            .map(|r| roster.row(*r).id().to_string())
            .collect();
        Targets { ids, rows, what }
    }

    /// One customer, named by id and name.
    pub fn one(roster: &Roster, row: RowId) -> Targets {
        let r = roster.row(row);
        let what = format!("{} {}", r.id(), r.name());
        Targets::from_rows(roster, vec![row], what)
    }

    /// For a one-line prompt: the id of one customer, else the count.
    pub fn short(&self) -> String {
        match self.ids.as_slice() {
            [one] => one.clone(),
            ids => format!("{} customers", crate::tui::draw::count(ids.len() as u64)),
        }
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// How many of them have `tag` now (by the roster).
    pub fn with_tag(&self, roster: &Roster, tag: &str) -> usize {
        self.rows
            .iter()
            .filter(|r| roster.row(**r).tags().iter().any(|t| t == tag))
            .count()
    }
}
