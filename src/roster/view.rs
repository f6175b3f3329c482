//! The customer list as the user asked to see it: the rows a segment
//! expression admits, sorted by a column. Worked out on a snapshot in the
//! background (a million names take a few hundred milliseconds to sort).

use super::row::RowId;
use super::table::{Roster, RowRef};
use crate::model::{BehaviorLabel, CustomerKind};
use crate::segment::Expr;
use serde::{Deserialize, Serialize};

/// The columns of the customer list, in screen order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Column {
    Name,
    Id,
    Kind,
    Province,
    Value,
    Risk,
    Behavior,
    Premium,
    Tasks,
}

impl Column {
    pub const ALL: [Column; 9] = [
        Column::Name,
        Column::Id,
        Column::Kind,
        Column::Province,
        Column::Value,
        Column::Risk,
        Column::Behavior,
        Column::Premium,
        Column::Tasks,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Column::Name => "Name",
            Column::Id => "ID",
            Column::Kind => "Kind",
            Column::Province => "Prov",
            Column::Value => "Value",
            Column::Risk => "Risk",
            Column::Behavior => "Behaviour",
            Column::Premium => "Premium",
            Column::Tasks => "Tasks",
        }
    }

    /// The next column for `s`.
    pub fn next(self) -> Column {
        let i = Column::ALL.iter().position(|c| *c == self).unwrap_or(0);
        Column::ALL[(i + 1) % Column::ALL.len()]
    }
}

/// A sort: the column, in its natural direction (names A→Z, the highest
/// value, risk, premium and task count first) unless reversed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sort {
    pub column: Column,
    pub reversed: bool,
}

impl Default for Sort {
    fn default() -> Self {
        Sort {
            column: Column::Id,
            reversed: false,
        }
    }
}

/// Sortable key of the numeric columns: smaller sorts first.
fn numeric_key(row: &RowRef<'_>, column: Column) -> u64 {
    // Scores are 0..100: descending order by their bit patterns, with
    // unclassified customers after every classified one.
    let score_desc = |score: Option<f32>| match score {
        Some(s) => u64::from(u32::MAX - s.max(0.0).to_bits()),
        None => u64::MAX,
    };
    match column {
        Column::Kind => match row.kind() {
            CustomerKind::Individual => 0,
            CustomerKind::Sme => 1,
            CustomerKind::Large => 2,
        },
        Column::Province => row.province().index() as u64,
        Column::Value => score_desc(row.labels().map(|l| l.value_score)),
        Column::Risk => score_desc(row.labels().map(|l| l.risk_score)),
        Column::Behavior => match row.behavior() {
            Some(BehaviorLabel::Active) => 0,
            Some(BehaviorLabel::Potential) => 1,
            Some(BehaviorLabel::Churned) => 2,
            None => 3,
        },
        Column::Premium => (i64::MAX - row.annual_premium().0) as u64,
        Column::Tasks => u64::from(u16::MAX - row.open_tasks()),
        Column::Name | Column::Id => 0,
    }
}

/// The rows `filter` admits (every live row without one), in `sort` order;
/// ties keep row order.
pub fn view(roster: &Roster, filter: Option<&Expr>, sort: Sort) -> Vec<RowId> {
    let admitted = roster
        .rows()
        .filter(|row| filter.is_none_or(|f| f.matches(row)));
    let mut order: Vec<RowId> = match sort.column {
        Column::Name | Column::Id => {
            let mut rows: Vec<RowRef<'_>> = admitted.collect();
            fn text<'a>(r: &RowRef<'a>, column: Column) -> &'a str {
                match column {
                    Column::Name => r.name(),
                    _ => r.id(),
                }
            }
            rows.sort_unstable_by(|a, b| {
                text(a, sort.column)
                    .cmp(text(b, sort.column))
                    .then_with(|| a.id().cmp(b.id()))
            });
            rows.iter().map(RowRef::row_id).collect()
        }
        column => {
            let mut keyed: Vec<(u64, RowId)> = admitted
                .map(|row| (numeric_key(&row, column), row.row_id()))
                .collect();
            // Ties fall back to the row id, which is id order for every
            // customer loaded at start (later additions come after).
            keyed.sort_unstable();
            keyed.into_iter().map(|(_, id)| id).collect()
        }
    };
    if sort.reversed {
        order.reverse();
    }
    order
}
