//! What validation learns about the ids of an import and keeps for the
//! write: which customer each row belongs to, where each id was first seen,
//! and which records move from one customer to another.

use super::table::Table;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};

/// Where a row is: input file number and line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Origin {
    pub file: u16,
    pub line: u32,
}

/// A record id as 128 bits from two unrelated hashes. Validation keeps
/// every id of the import to find duplicates and references; as a key of 16
/// bytes instead of a heap string this takes about half the memory, and the
/// chance that two different ids of even ten million collide is below
/// 1e-20.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IdKey(u64, u64);

impl IdKey {
    pub fn of(id: &str) -> IdKey {
        let mut sip = std::hash::DefaultHasher::new();
        sip.write(id.as_bytes());
        IdKey(fnv1a(id), sip.finish())
    }
}

impl Hash for IdKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        // Already a hash: the map needs no other.
        state.write_u64(self.1);
    }
}

/// Passes an [`IdKey`]'s hash through.
#[derive(Default)]
pub struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = bytes
            .iter()
            .fold(self.0, |h, b| h.rotate_left(8) ^ u64::from(*b));
    }
}

type IdMap<V> = HashMap<IdKey, V, BuildHasherDefault<PassThrough>>;

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

/// A child id's first row and the customer it belongs to (packed: there is
/// one per row of the import).
#[derive(Clone, Copy)]
pub struct ChildFact {
    pub customer: u32,
    line: u32,
    file: u16,
    pub rejected: bool,
}

impl ChildFact {
    pub fn new(customer: u32, origin: Origin, rejected: bool) -> ChildFact {
        ChildFact {
            customer,
            line: origin.line,
            file: origin.file,
            rejected,
        }
    }

    pub fn origin(&self) -> Origin {
        Origin {
            file: self.file,
            line: self.line,
        }
    }
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
    ids: IdMap<u32>,
    customers: Vec<CustomerFact>,
    /// Locations, policies, claims, interactions, tasks, by id.
    children: [IdMap<ChildFact>; 5],
    /// Children leaving each customer.
    pub moves_from: HashMap<u32, Vec<Move>>,
    /// Every moved child, with its previous value.
    moved: HashMap<(Table, IdKey), String>,
}

fn fnv1a(id: &str) -> u64 {
    id.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
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
        let key = IdKey::of(id);
        if let Some(&n) = self.ids.get(&key) {
            return n;
        }
        let n = self.customers.len() as u32;
        self.customers.push(CustomerFact {
            id: id.into(),
            // FNV-1a, 63 bits: stable, it decides the customer's write pass.
            hash: key.0 >> 1,
            in_book,
            origin: None,
            rejected: false,
        });
        self.ids.insert(key, n);
        n
    }

    pub fn customer_number(&self, id: &str) -> Option<u32> {
        self.ids.get(&IdKey::of(id)).copied()
    }

    pub fn customer(&self, n: u32) -> &CustomerFact {
        &self.customers[n as usize]
    }

    pub fn customer_mut(&mut self, n: u32) -> &mut CustomerFact {
        &mut self.customers[n as usize]
    }

    pub fn child(&self, table: Table, id: &str) -> Option<&ChildFact> {
        self.children[child_slot(table)].get(&IdKey::of(id))
    }

    /// Records a child id's first row (a later row with the same id is a
    /// duplicate and is not recorded).
    pub fn add_child(&mut self, table: Table, id: &str, fact: ChildFact) {
        self.children[child_slot(table)]
            .entry(IdKey::of(id))
            .or_insert(fact);
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
        assert_ne!(IdKey::of("P1"), IdKey::of("P2"));
        facts.add_child(
            Table::Policies,
            "P1",
            ChildFact::new(a, Origin { file: 1, line: 2 }, false),
        );
        facts.add_child(
            Table::Policies,
            "P1",
            ChildFact::new(9, Origin { file: 1, line: 9 }, true),
        );
        let first = facts.child(Table::Policies, "P1").unwrap();
        assert_eq!((first.customer, first.origin().line), (a, 2));
        assert!(facts.child(Table::Claims, "P1").is_none());
    }
}
