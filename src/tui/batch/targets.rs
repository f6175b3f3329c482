//! The customers a batch action acts on, taken when the key is pressed: the
//! selection, or the customer under the cursor.

use crate::roster::{Roster, RowId};
use crate::tui::draw::count;
use std::sync::Arc;

/// `1 customer`, `1,234 customers` (for `noun` = `customer`).
pub fn counted(n: usize, noun: &str) -> String {
    match n {
        1 => format!("1 {noun}"),
        n => format!("{} {noun}s", count(n as u64)),
    }
}

/// Shared, not copied, between the prompt, the question and the request:
/// `*` may have selected a million customers.
#[derive(Debug, Clone, PartialEq)]
pub struct Targets {
    /// Customer ids, in roster row order.
    pub ids: Arc<[String]>,
    pub rows: Arc<[RowId]>,
    /// How the dialogs name them: `the 12 selected customers`, `C0000042 张三`.
    pub what: String,
}

impl Targets {
    pub fn from_rows(roster: &Roster, rows: Vec<RowId>, what: String) -> Targets {
        let ids = rows
            .iter()
            .map(|r| roster.row(*r).id().to_string())
            .collect();
        Targets {
            ids,
            rows: rows.into(),
            what,
        }
    }

    /// Customers picked by the user: one is named, more are described by
    /// `describe` from their count (`the 12 selected customers`).
    pub fn many(roster: &Roster, rows: Vec<RowId>, describe: fn(String) -> String) -> Targets {
        match rows.as_slice() {
            [row] => Targets::one(roster, *row),
            _ => {
                let what = describe(count(rows.len() as u64));
                Targets::from_rows(roster, rows, what)
            }
        }
    }

    /// One customer, named by id and name.
    pub fn one(roster: &Roster, row: RowId) -> Targets {
        let r = roster.row(row);
        let what = format!("{} {}", r.id(), r.name());
        Targets::from_rows(roster, vec![row], what)
    }

    /// For a one-line prompt: the id of one customer, else the count.
    pub fn short(&self) -> String {
        match &self.ids[..] {
            [one] => one.clone(),
            ids => counted(ids.len(), "customer"),
        }
    }

    /// Itself if it is one customer: an interaction is with one.
    pub fn only_one(self) -> Result<Targets, String> {
        match self.len() {
            1 => Ok(self),
            n => Err(format!(
                "an interaction is logged with one customer, and {} are selected (Esc clears the selection)",
                count(n as u64)
            )),
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
