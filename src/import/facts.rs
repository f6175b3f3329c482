//! What validation learns about the ids of an import and keeps for the
//! write: which customer each row belongs to, where each id was first seen,
//! and which records move from one customer to another.

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

pub struct ChildFact {
    pub customer: u32,
    pub origin: Origin,
    pub rejected: bool,
}

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
    ids: HashMap<Box<str>, u32>,
    customers: Vec<CustomerFact>,
    /// Locations, policies, claims, interactions, tasks, by id.
    children: [HashMap<Box<str>, ChildFact>; 5],
    /// Children leaving each customer.
    pub moves_from: HashMap<u32, Vec<Move>>,
    /// `(table, id)` of every moved child, with its previous value.
    pub moved: HashMap<(Table, Box<str>), String>,
}

/// FNV-1a, 63 bits: stable, and cheap enough to compute per row.
pub fn customer_hash(id: &str) -> u64 {
    id.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    }) >> 1
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
    /// The number of a customer, creating it (as in the book or not).
    pub fn intern(&mut self, id: &str, in_book: bool) -> u32 {
        if let Some(&n) = self.ids.get(id) {
            return n;
        }
        let n = self.customers.len() as u32;
        self.customers.push(CustomerFact {
            id: id.into(),
            hash: customer_hash(id),
            in_book,
            origin: None,
            rejected: false,
        });
        self.ids.insert(id.into(), n);
        n
    }

    pub fn customer_number(&self, id: &str) -> Option<u32> {
        self.ids.get(id).copied()
    }

    pub fn customer(&self, n: u32) -> &CustomerFact {
        &self.customers[n as usize]
    }

    pub fn customer_mut(&mut self, n: u32) -> &mut CustomerFact {
        &mut self.customers[n as usize]
    }

    pub fn child(&self, table: Table, id: &str) -> Option<&ChildFact> {
        self.children[child_slot(table)].get(id)
    }

    /// Records a child id's first row (a later row with the same id is a
    /// duplicate and is not recorded).
    pub fn add_child(&mut self, table: Table, id: &str, fact: ChildFact) {
        self.children[child_slot(table)]
            .entry(id.into())
            .or_insert(fact);
    }

    /// Records a move of a valid row.
    pub fn add_move(&mut self, from: u32, mv: Move) {
        self.moved
            .insert((mv.table, mv.id.clone()), mv.previous.clone());
        self.moves_from.entry(from).or_default().push(mv);
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
        assert_ne!(customer_hash("C1"), customer_hash("C2"));
        assert!(customer_hash("C1") < 1 << 63);
    }
}
