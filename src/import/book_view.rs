//! What validation asks of the book: does a customer exist, which customer
//! holds a location, policy, claim or interaction. Into an empty book
//! nothing is looked up; for a large import into a full book the owners are
//! read in one scan (the owner index answers one id at a time, decoding a
//! whole bucket each time).

use super::facts::Facts;
use super::table::Table;
use crate::model::{Child, Claim, CustomerDoc, Interaction, Location, Policy};
use crate::store::{Book, Result, TreeId};
use std::collections::HashMap;

pub struct BookView<'b> {
    book: &'b Book,
    mode: Mode,
}

enum Mode {
    Empty,
    /// Ask the book's indexes row by row.
    Direct,
    /// Every book customer is interned; owners of the child tables asked
    /// about, by table slot (locations, policies, claims, interactions).
    Scanned([HashMap<Box<str>, u32>; 4]),
}

fn owner_slot(table: Table) -> usize {
    match table {
        Table::Locations => 0,
        Table::Policies => 1,
        Table::Claims => 2,
        Table::Interactions => 3,
        other => unreachable!("{other} rows are not held in a customer's doc"),
    }
}

impl<'b> BookView<'b> {
    /// `scan`: read the owners of these child tables up front.
    pub fn new(book: &'b Book, facts: &mut Facts, scan: Option<&[Table]>) -> Result<BookView<'b>> {
        let mode = if book.tree(TreeId::Customers).is_empty() {
            Mode::Empty
        } else if let Some(tables) = scan {
            let mut owners: [HashMap<Box<str>, u32>; 4] = Default::default();
            for doc in book.scan::<CustomerDoc>() {
                let doc = doc?;
                let n = facts.intern(&doc.customer.id, true);
                let mut add = |table: Table, ids: Vec<&str>| {
                    if tables.contains(&table) {
                        let map = &mut owners[owner_slot(table)];
                        map.extend(ids.into_iter().map(|id| (Box::from(id), n)));
                    }
                };
                add(
                    Table::Locations,
                    doc.locations.iter().map(|c| c.id()).collect(),
                );
                add(
                    Table::Policies,
                    doc.policies.iter().map(|c| c.id()).collect(),
                );
                add(Table::Claims, doc.claims.iter().map(|c| c.id()).collect());
                add(
                    Table::Interactions,
                    doc.interactions.iter().map(|c| c.id()).collect(),
                );
            }
            Mode::Scanned(owners)
        } else {
            Mode::Direct
        };
        Ok(BookView { book, mode })
    }

    pub fn is_empty(&self) -> bool {
        matches!(self.mode, Mode::Empty)
    }

    /// The number of a customer stored in the book, or `None`.
    pub fn customer(&self, facts: &mut Facts, id: &str) -> Result<Option<u32>> {
        Ok(match &self.mode {
            Mode::Empty => None,
            Mode::Scanned(_) => facts
                .customer_number(id)
                .filter(|&n| facts.customer(n).in_book),
            Mode::Direct => {
                if let Some(n) = facts.customer_number(id) {
                    if facts.customer(n).in_book {
                        return Ok(Some(n));
                    }
                }
                self.book
                    .tree(TreeId::Customers)
                    .contains_key(id.as_bytes())?
                    .then(|| {
                        let n = facts.intern(id, true);
                        facts.customer_mut(n).in_book = true;
                        n
                    })
            }
        })
    }

    /// The customer holding a child record in the book.
    pub fn owner(&self, facts: &mut Facts, table: Table, id: &str) -> Result<Option<u32>> {
        let owner = match &self.mode {
            Mode::Empty => return Ok(None),
            Mode::Scanned(owners) => return Ok(owners[owner_slot(table)].get(id).copied()),
            Mode::Direct => match table {
                Table::Locations => self.book.owner_of::<Location>(id)?,
                Table::Policies => self.book.owner_of::<Policy>(id)?,
                Table::Claims => self.book.owner_of::<Claim>(id)?,
                Table::Interactions => self.book.owner_of::<Interaction>(id)?,
                other => unreachable!("{other} rows are not held in a customer's doc"),
            },
        };
        Ok(owner.map(|customer| {
            let n = facts.intern(&customer, true);
            facts.customer_mut(n).in_book = true;
            n
        }))
    }

    pub fn doc(&self, id: &str) -> Result<Option<CustomerDoc>> {
        self.book.doc(id)
    }
}
