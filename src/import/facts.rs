//! What validation learns about the ids of an import and keeps for the
//! write: which customer each row belongs to, where each id was first seen,
//! and which records move from one customer to another.

use super::id_table::{IdKey, IdTable};
use super::table::Table;
use std::collections::HashMap;

/// Where a row is: input file number and line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Origin {
    pub file: u16,
    pub line: u32,
}

/// A customer the import refers to, by a small number.
pub struct CustomerFact {
    pub id: Box<str>,
    /// Decides the write pass that handles it (see hold.rs).
    pub hash: u64,
    pub in_book: bool,
    /// Its row in the import, if it has one.
    pub origin: Option<Origin>,
    pub rejected: bool,
}

/// A child id's first row and the customer it belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChildFact {
    /// `NO_CUSTOMER` for a row that did not parse.
    pub customer: u32,
    pub origin: Origin,
    pub rejected: bool,
}

pub const NO_CUSTOMER: u32 = 0x7FFF_FFFF;
const REJECTED: u64 = 1 << 31;

/// A child that an upsert moves to another customer: the write removes it
/// from the old customer's doc.
pub struct Move {
    pub table: Table,
    pub id: Box<str>,
    /// The record as it was, as JSON, for the audit log.
    pub previous: String,
}

#[derive(Default)]
pub struct Facts {
    ids: IdTable,
    customers: Vec<CustomerFact>,
    /// Locations, policies, claims, interactions, tasks, by id; the value
    /// packs the row position, the rejected flag and the customer.
    children: [IdTable; 5],
    /// Row positions: file `f`'s line `l` is at `bases[f] + l`, so that a
    /// child's origin fits in 32 bits.
    bases: Vec<u32>,
    next_base: u32,
    /// Children leaving each customer.
    pub moves_from: HashMap<u32, Vec<Move>>,
    /// Every moved child, with its previous value.
    moved: HashMap<(Table, IdKey), String>,
}

fn child_slot(table: Table) -> usize {
    match table {
        Table::Customers => unreachable!("customers are not children"),
        Table::Locations => 0,
        Table::Policies => 1,
        Table::Claims => 2,
        Table::Interactions => 3,
        Table::Tasks => 4,
    }
}

impl Facts {
    /// Makes room for the rows a file is expected to hold.
    pub fn expect_rows(&mut self, table: Table, rows: usize) {
        match table {
            Table::Customers => self.ids.reserve(rows),
            _ => self.children[child_slot(table)].reserve(rows),
        }
    }

    /// The number of a customer, creating it (as in the book or not).
    pub fn intern(&mut self, id: &str, in_book: bool) -> u32 {
        let key = IdKey::of(id);
        let n = self.customers.len() as u32;
        if let Some(existing) = self.ids.insert_new(key, u64::from(n)) {
            return existing as u32;
        }
        assert!(n < NO_CUSTOMER, "more than two billion customers");
        self.customers.push(CustomerFact {
            id: id.into(),
            hash: key.stable_hash(),
            in_book,
            origin: None,
            rejected: false,
        });
        n
    }

    pub fn customer_number(&self, id: &str) -> Option<u32> {
        self.ids.get(IdKey::of(id)).map(|n| n as u32)
    }

    pub fn customer(&self, n: u32) -> &CustomerFact {
        &self.customers[n as usize]
    }

    pub fn customer_mut(&mut self, n: u32) -> &mut CustomerFact {
        &mut self.customers[n as usize]
    }

    /// Rows are recorded file by file, in order of lines.
    fn position(&mut self, origin: Origin) -> u32 {
        let file = usize::from(origin.file);
        while self.bases.len() <= file {
            self.bases.push(self.next_base);
        }
        let position = self.bases[file] + origin.line;
        self.next_base = self.next_base.max(position + 1);
        position
    }

    fn origin(&self, position: u32) -> Origin {
        let file = self.bases.partition_point(|base| *base <= position) - 1;
        Origin {
            file: file as u16,
            line: position - self.bases[file],
        }
    }

    pub fn child(&self, table: Table, id: &str) -> Option<ChildFact> {
        let packed = self.children[child_slot(table)].get(IdKey::of(id))?;
        Some(self.unpack(packed))
    }

    fn unpack(&self, packed: u64) -> ChildFact {
        ChildFact {
            customer: (packed & u64::from(NO_CUSTOMER)) as u32,
            rejected: packed & REJECTED != 0,
            origin: self.origin((packed >> 32) as u32),
        }
    }

    fn pack(&mut self, fact: ChildFact) -> u64 {
        let position = self.position(fact.origin);
        u64::from(position) << 32
            | if fact.rejected { REJECTED } else { 0 }
            | u64::from(fact.customer.min(NO_CUSTOMER))
    }

    /// Records a child id's first row; returns the first row's fact instead
    /// if the id was seen before (a duplicate, which is not recorded).
    pub fn add_child(&mut self, table: Table, id: &str, fact: ChildFact) -> Option<ChildFact> {
        let packed = self.pack(fact);
        let existing = self.children[child_slot(table)].insert_new(IdKey::of(id), packed)?;
        Some(self.unpack(existing))
    }

    /// Settles the fact of a child added before (once its row is checked).
    pub fn settle_child(&mut self, table: Table, id: &str, fact: ChildFact) {
        let packed = self.pack(fact);
        self.children[child_slot(table)].replace(IdKey::of(id), packed);
    }

    /// After validation only customers and claims are looked up (a claim's
    /// customer is its policy's, which the claim row does not name).
    pub fn keep_for_write(&mut self) {
        for table in [
            Table::Locations,
            Table::Policies,
            Table::Interactions,
            Table::Tasks,
        ] {
            self.children[child_slot(table)] = IdTable::default();
        }
    }

    /// Records a move of a valid row.
    pub fn add_move(&mut self, from: u32, mv: Move) {
        self.moved
            .insert((mv.table, IdKey::of(&mv.id)), mv.previous.clone());
        self.moves_from.entry(from).or_default().push(mv);
    }

    /// The previous value of a child that moved in from another customer.
    pub fn moved_in(&self, table: Table, id: &str) -> Option<&String> {
        match self.moved.is_empty() {
            true => None,
            false => self.moved.get(&(table, IdKey::of(id))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interns_customers_once() {
        let mut facts = Facts::default();
        let a = facts.intern("C1", false);
        assert_eq!(facts.intern("C1", true), a);
        assert!(!facts.customer(a).in_book);
        assert_eq!(facts.customer_number("C1"), Some(a));
        assert_eq!(facts.customer_number("C2"), None);
        let b = facts.intern("C2", false);
        assert_ne!(facts.customer(a).hash, facts.customer(b).hash);
        assert!(facts.customer(a).hash < 1 << 63);
    }

    #[test]
    fn children_keep_their_first_row_across_files() {
        let mut facts = Facts::default();
        let at = |file, line| Origin { file, line };
        let fact = |customer, origin, rejected| ChildFact {
            customer,
            origin,
            rejected,
        };
        assert_eq!(
            facts.add_child(Table::Policies, "P1", fact(NO_CUSTOMER, at(0, 2), true)),
            None
        );
        facts.settle_child(Table::Policies, "P1", fact(7, at(0, 2), false));
        facts.add_child(Table::Policies, "P2", fact(NO_CUSTOMER, at(0, 900), true));
        facts.add_child(Table::Policies, "P3", fact(8, at(1, 2), false));
        assert_eq!(
            facts.add_child(Table::Policies, "P1", fact(9, at(1, 5), true)),
            Some(fact(7, at(0, 2), false))
        );
        assert_eq!(
            facts.child(Table::Policies, "P1"),
            Some(fact(7, at(0, 2), false))
        );
        assert_eq!(
            facts.child(Table::Policies, "P2"),
            Some(fact(NO_CUSTOMER, at(0, 900), true))
        );
        assert_eq!(
            facts.child(Table::Policies, "P3"),
            Some(fact(8, at(1, 2), false))
        );
        assert_eq!(facts.child(Table::Claims, "P1"), None);
        facts.keep_for_write();
        assert_eq!(facts.child(Table::Policies, "P1"), None);
    }
}
