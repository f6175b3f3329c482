//! The roster proper: every customer as a compact row, found by id, changed
//! in place, cloned cheaply into snapshots for background work.

use super::chunked::ChunkedVec;
use super::interner::Interner;
use super::row::{Labels, Row, RowData, RowId};
use super::text::TextArena;
use crate::model::{BehaviorLabel, CustomerKind, Fen, Industry, Province, Tier};
use chrono::NaiveDate;
use std::collections::HashMap;
use std::sync::Arc;

#[derive(Clone, Debug)]
pub struct Roster {
    as_of: NaiveDate,
    rows: ChunkedVec<Row>,
    text: TextArena,
    managers: Interner<String>,
    tagsets: Interner<Vec<String>>,
    exposures: ChunkedVec<(Province, Fen)>,
    /// `rows[..sorted_len]` are in increasing id order (the loader reads the
    /// book in id order) and are found by binary search; customers added
    /// later are found through `appended`.
    sorted_len: usize,
    appended: Arc<HashMap<Box<str>, RowId>>,
    live: usize,
}

impl Roster {
    pub fn new(as_of: NaiveDate) -> Roster {
        Roster {
            as_of,
            rows: ChunkedVec::default(),
            text: TextArena::default(),
            managers: Interner::new(String::new()),
            tagsets: Interner::new(Vec::new()),
            exposures: ChunkedVec::default(),
            sorted_len: 0,
            appended: Arc::new(HashMap::new()),
            live: 0,
        }
    }

    /// The date the premiums and loss-ratio windows are worked out at.
    pub fn as_of(&self) -> NaiveDate {
        self.as_of
    }

    /// Rows, including those of removed customers.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Customers (removed ones not counted).
    pub fn live_count(&self) -> usize {
        self.live
    }

    pub fn row(&self, id: RowId) -> RowRef<'_> {
        RowRef {
            roster: self,
            id,
            row: &self.rows[id as usize],
        }
    }

    /// Every customer still in the book, in row order.
    pub fn rows(&self) -> impl Iterator<Item = RowRef<'_>> + '_ {
        self.rows
            .iter()
            .enumerate()
            .filter(|(_, row)| !row.removed)
            .map(|(i, row)| RowRef {
                roster: self,
                id: i as RowId,
                row,
            })
    }

    pub fn find(&self, customer_id: &str) -> Option<RowId> {
        let (mut lo, mut hi) = (0, self.sorted_len);
        while lo < hi {
            let mid = (lo + hi) / 2;
            match self.text.get(self.rows[mid].id).cmp(customer_id) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid as RowId),
            }
        }
        self.appended.get(customer_id).copied()
    }

    /// Adds a customer or replaces its row; returns its row.
    pub fn upsert(&mut self, data: RowData) -> RowId {
        // Loading appends in id order: no search needed for that.
        let after_last = self.appended.is_empty()
            && self
                .rows
                .len()
                .checked_sub(1)
                .is_none_or(|last| self.text.get(self.rows[last].id) < data.id.as_str());
        let packed = self.pack(&data);
        let existing = if after_last {
            None
        } else {
            self.find(&data.id)
        };
        if let Some(id) = existing {
            let mut packed = packed;
            packed.id = self.rows[id as usize].id;
            let row = self.row_mut(id);
            let was_removed = row.removed;
            *row = packed;
            if was_removed {
                self.live += 1;
            }
            return id;
        }
        let id_span = self.text.push(&data.id);
        let in_order = after_last;
        let row_id = self.rows.push(Row {
            id: id_span,
            ..packed
        }) as RowId;
        if in_order {
            self.sorted_len += 1;
        } else {
            Arc::make_mut(&mut self.appended).insert(data.id.clone().into_boxed_str(), row_id);
        }
        self.live += 1;
        row_id
    }

    /// Marks a customer removed; its row stays so that row ids stay valid.
    pub fn remove(&mut self, customer_id: &str) -> Option<RowId> {
        let id = self.find(customer_id)?;
        let row = self.row_mut(id);
        if !row.removed {
            row.removed = true;
            self.live -= 1;
        }
        Some(id)
    }

    pub fn set_labels(&mut self, id: RowId, labels: Option<Labels>) {
        self.row_mut(id).labels = labels;
    }

    pub fn set_open_tasks(&mut self, id: RowId, open: u16) {
        self.row_mut(id).open_tasks = open;
    }

    fn row_mut(&mut self, id: RowId) -> &mut Row {
        match self.rows.get_mut(id as usize) {
            Some(row) => row,
            None => panic!("row {id} out of range"),
        }
    }

    /// Packs everything but the id (the caller places it).
    fn pack(&mut self, data: &RowData) -> Row {
        let exposure_start = self.exposures.len() as u32;
        let exposures = &data.facts.exposures[..data.facts.exposures.len().min(255)];
        for e in exposures {
            self.exposures.push(*e);
        }
        let clamp16 = |n: u32| n.min(u32::from(u16::MAX)) as u16;
        Row {
            id: Default::default(),
            name: self.text.push(&data.name),
            kind: data.kind,
            province: data.province,
            industry: data.industry,
            removed: false,
            manager: data.manager.as_ref().map_or(0, |m| self.managers.intern(m)),
            tagset: self.tagsets.intern(&data.tags),
            labels: data.labels,
            annual_premium: data.facts.annual_premium,
            earned: data.facts.earned,
            incurred: data.facts.incurred,
            exposure_start,
            exposure_len: exposures.len() as u8,
            open_tasks: data.open_tasks,
            satisfaction_sum: clamp16(data.facts.satisfaction_sum),
            satisfaction_count: clamp16(data.facts.satisfaction_count),
        }
    }
}

/// One customer of a roster, read-only.
#[derive(Clone, Copy)]
pub struct RowRef<'a> {
    roster: &'a Roster,
    id: RowId,
    row: &'a Row,
}

impl<'a> RowRef<'a> {
    pub fn row_id(&self) -> RowId {
        self.id
    }
    pub fn id(&self) -> &'a str {
        self.roster.text.get(self.row.id)
    }
    pub fn name(&self) -> &'a str {
        self.roster.text.get(self.row.name)
    }
    pub fn kind(&self) -> CustomerKind {
        self.row.kind
    }
    pub fn province(&self) -> Province {
        self.row.province
    }
    pub fn industry(&self) -> Option<Industry> {
        self.row.industry
    }
    pub fn manager(&self) -> Option<&'a str> {
        (self.row.manager != 0).then(|| self.roster.managers.get(self.row.manager).as_str())
    }
    pub fn tags(&self) -> &'a [String] {
        self.roster.tagsets.get(self.row.tagset)
    }
    pub fn labels(&self) -> Option<&'a Labels> {
        self.row.labels.as_ref()
    }
    pub fn value_tier(&self) -> Option<Tier> {
        self.row.labels.map(|l| l.value)
    }
    pub fn risk_tier(&self) -> Option<Tier> {
        self.row.labels.map(|l| l.risk)
    }
    pub fn behavior(&self) -> Option<BehaviorLabel> {
        self.row.labels.map(|l| l.behavior)
    }
    pub fn annual_premium(&self) -> Fen {
        self.row.annual_premium
    }
    /// Earned premium and incurred claims of the 3-year window.
    pub fn loss_inputs(&self) -> (Fen, Fen) {
        (self.row.earned, self.row.incurred)
    }
    pub fn exposures(&self) -> impl Iterator<Item = (Province, Fen)> + 'a {
        let roster = self.roster;
        let start = self.row.exposure_start as usize;
        (start..start + usize::from(self.row.exposure_len)).map(move |i| roster.exposures[i])
    }
    pub fn open_tasks(&self) -> u16 {
        self.row.open_tasks
    }
    /// Sum and count of satisfaction scores.
    pub fn satisfaction(&self) -> (u16, u16) {
        (self.row.satisfaction_sum, self.row.satisfaction_count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roster::facts::Facts;

    fn data(id: &str, name: &str) -> RowData {
        RowData {
            id: id.into(),
            name: name.into(),
            kind: CustomerKind::Sme,
            province: Province::parse("广东").unwrap(),
            industry: Industry::parse("C"),
            manager: Some("li.wei".into()),
            tags: vec!["vip".into()],
            labels: None,
            facts: Facts {
                exposures: vec![(Province::parse("浙江").unwrap(), Fen(5))],
                ..Facts::default()
            },
            open_tasks: 2,
        }
    }

    #[test]
    fn finds_rows_loaded_in_order_and_added_later() {
        let mut r = Roster::new(NaiveDate::from_ymd_opt(2026, 6, 30).unwrap());
        for i in 0..10_000 {
            r.upsert(data(&format!("C{i:05}"), "甲"));
        }
        let late = r.upsert(data("B0001", "乙"));
        assert_eq!(r.find("C04567"), Some(4567));
        assert_eq!(r.find("B0001"), Some(late));
        assert_eq!(r.find("C99999"), None);
        let row = r.row(late);
        assert_eq!((row.id(), row.name()), ("B0001", "乙"));
        assert_eq!(row.manager(), Some("li.wei"));
        assert_eq!(row.tags(), ["vip".to_string()]);
        assert_eq!(row.exposures().collect::<Vec<_>>().len(), 1);
        assert_eq!(r.live_count(), 10_001);
    }

    #[test]
    fn upsert_replaces_in_place_and_remove_leaves_a_tombstone() {
        let mut r = Roster::new(NaiveDate::from_ymd_opt(2026, 6, 30).unwrap());
        let a = r.upsert(data("C1", "张三"));
        r.upsert(data("C2", "李四"));
        let snapshot = r.clone();
        assert_eq!(r.upsert(data("C1", "张三丰")), a);
        assert_eq!(r.row(a).name(), "张三丰");
        assert_eq!(snapshot.row(a).name(), "张三");
        assert_eq!(r.remove("C2"), Some(1));
        assert_eq!(r.live_count(), 1);
        assert_eq!(r.rows().map(|row| row.id()).collect::<Vec<_>>(), ["C1"]);
        assert_eq!(r.upsert(data("C2", "李四")), 1);
        assert_eq!(r.live_count(), 2);
    }
}
