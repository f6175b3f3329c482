//! Checks that need more than one row: ids unique within their table,
//! references to customers, locations and policies (in the same import or
//! already in the book), a policy's location held by the policy's customer,
//! and moves of records between customers.

use super::book_view::BookView;
use super::error::Problem;
use super::facts::{ChildFact, Facts, Move, Origin, NO_CUSTOMER};
use super::rows::Parsed;
use super::table::Table;
use crate::export::rows::{self, CsvRow};
use crate::model::{Child, Claim, Interaction, Location, Policy};
use crate::store::{Result, StoreError};

pub struct Validator<'b> {
    pub facts: Facts,
    book: BookView<'b>,
    skip_invalid: bool,
    /// Input files as shown in messages, by number.
    files: Vec<String>,
}

impl<'b> Validator<'b> {
    pub fn new(
        facts: Facts,
        book: BookView<'b>,
        skip_invalid: bool,
        files: Vec<String>,
    ) -> Validator<'b> {
        Validator {
            facts,
            book,
            skip_invalid,
            files,
        }
    }

    /// What validation learnt, for the write.
    pub fn into_facts(self) -> Facts {
        self.facts
    }

    /// `line 3` in the same file, else `customers.csv:3`.
    fn place(&self, origin: Origin, here: Origin) -> String {
        if origin.file == here.file {
            format!("line {}", origin.line)
        } else {
            format!("{}:{}", self.files[usize::from(origin.file)], origin.line)
        }
    }

    /// Checks a parsed row against the rest of the import and the book, and
    /// records its id. Returns the customer the row belongs to if it is
    /// valid (`problems` empty).
    pub fn check(
        &mut self,
        here: Origin,
        row: &Parsed,
        problems: &mut Vec<Problem>,
    ) -> Result<Option<u32>> {
        let customer = match row {
            Parsed::Customer(c) => return self.customer_row(here, &c.id, problems),
            Parsed::Location(l) => {
                self.child_row(here, Table::Locations, &l.id, problems, |v, p| {
                    v.customer_ref(here, &l.customer_id, p)
                })?
            }
            Parsed::Policy(policy) => {
                self.child_row(here, Table::Policies, &policy.id, problems, |v, p| {
                    let customer = v.customer_ref(here, &policy.customer_id, p)?;
                    if let (Some(customer), Some(location)) = (customer, &policy.location_id) {
                        v.location_of(here, customer, location, p)?;
                    }
                    Ok(customer)
                })?
            }
            // A claim's customer is its policy's.
            Parsed::Claim(k) => self.child_row(here, Table::Claims, &k.id, problems, |v, p| {
                v.child_ref(here, Table::Policies, "policy_id", &k.policy_id, p)
            })?,
            Parsed::Interaction(i) => {
                self.child_row(here, Table::Interactions, &i.id, problems, |v, p| {
                    v.customer_ref(here, &i.customer_id, p)
                })?
            }
            Parsed::Task(t) => self.child_row(here, Table::Tasks, &t.id, problems, |v, p| {
                v.customer_ref(here, &t.customer_id, p)
            })?,
        };
        Ok(customer.filter(|_| problems.is_empty()))
    }

    /// Records the id of a row that did not parse, so that rows referring
    /// to it are not reported again (or, with `--skip-invalid`, are
    /// rejected with a pointer to it).
    pub fn register_failed(&mut self, here: Origin, table: Table, id: &str) -> Result<()> {
        if table == Table::Customers {
            self.customer_row(here, id, &mut vec![Problem::row("did not parse")])?;
        } else {
            let fact = ChildFact {
                customer: NO_CUSTOMER,
                origin: here,
                rejected: true,
            };
            self.facts.add_child(table, id, fact);
        }
        Ok(())
    }

    fn duplicate(&self, here: Origin, table: Table, id: &str, first: Origin) -> Problem {
        Problem::cell(
            table.id_column(),
            format!("duplicate id, first on {}", self.place(first, here)),
            id,
        )
    }

    fn customer_row(
        &mut self,
        here: Origin,
        id: &str,
        problems: &mut Vec<Problem>,
    ) -> Result<Option<u32>> {
        let existing = self.facts.customer_number(id);
        if let Some(first) = existing.and_then(|n| self.facts.customer(n).origin) {
            problems.push(self.duplicate(here, Table::Customers, id, first));
            return Ok(None);
        }
        let in_book = match existing {
            Some(n) => self.facts.customer(n).in_book,
            None => self.book.customer(&mut self.facts, id)?.is_some(),
        };
        let n = self.facts.intern(id, in_book);
        let fact = self.facts.customer_mut(n);
        fact.origin = Some(here);
        fact.rejected = !problems.is_empty();
        Ok(problems.is_empty().then_some(n))
    }

    /// The shared part of every child row: duplicate check, the row's own
    /// reference check (`owner`), a move out of another customer's doc, and
    /// recording the id.
    fn child_row(
        &mut self,
        here: Origin,
        table: Table,
        id: &str,
        problems: &mut Vec<Problem>,
        owner: impl FnOnce(&mut Self, &mut Vec<Problem>) -> Result<Option<u32>>,
    ) -> Result<Option<u32>> {
        // Recorded as rejected until the row is found valid.
        let mut fact = ChildFact {
            customer: NO_CUSTOMER,
            origin: here,
            rejected: true,
        };
        if let Some(first) = self.facts.add_child(table, id, fact) {
            problems.push(self.duplicate(here, table, id, first.origin));
            return Ok(None);
        }
        let customer = owner(self, problems)?;
        let mut moved = None;
        if let Some(to) = customer.filter(|_| problems.is_empty()) {
            if table != Table::Tasks {
                moved = self.move_out(table, id, to, problems)?;
            }
        }
        let valid = problems.is_empty() && customer.is_some();
        if let (true, Some((from, mv))) = (valid, moved) {
            self.facts.add_move(from, mv);
        }
        fact.customer = customer.unwrap_or(NO_CUSTOMER);
        fact.rejected = !valid;
        self.facts.settle_child(table, id, fact);
        Ok(customer)
    }

    /// A customer named by a row: in the import (and not rejected) or in
    /// the book.
    fn customer_ref(
        &mut self,
        here: Origin,
        id: &str,
        problems: &mut Vec<Problem>,
    ) -> Result<Option<u32>> {
        if let Some(n) = self.facts.customer_number(id) {
            let fact = self.facts.customer(n);
            match fact.origin {
                Some(origin) if fact.rejected => {
                    self.rejected_ref(here, "customer_id", "customer", id, origin, problems);
                    return Ok(None);
                }
                Some(_) => return Ok(Some(n)),
                None if fact.in_book => return Ok(Some(n)),
                None => {}
            }
        }
        let found = self.book.customer(&mut self.facts, id)?;
        if found.is_none() {
            problems.push(Problem::cell(
                "customer_id",
                "no such customer in this import or in the book",
                id,
            ));
        }
        Ok(found)
    }

    /// The customer holding a location or policy named by a row.
    fn child_ref(
        &mut self,
        here: Origin,
        table: Table,
        column: &str,
        id: &str,
        problems: &mut Vec<Problem>,
    ) -> Result<Option<u32>> {
        let what = singular(table);
        if let Some(fact) = self.facts.child(table, id) {
            if fact.rejected {
                let origin = fact.origin;
                self.rejected_ref(here, column, what, id, origin, problems);
                return Ok(None);
            }
            return Ok(Some(fact.customer));
        }
        let found = self.book.owner(&mut self.facts, table, id)?;
        if found.is_none() {
            problems.push(Problem::cell(
                column,
                format!("no such {what} in this import or in the book"),
                id,
            ));
        }
        Ok(found)
    }

    /// A reference to a row that was itself wrong: with `--skip-invalid`
    /// this row goes too; otherwise the first row's errors say it all.
    fn rejected_ref(
        &self,
        here: Origin,
        column: &str,
        what: &str,
        id: &str,
        origin: Origin,
        problems: &mut Vec<Problem>,
    ) {
        if self.skip_invalid {
            problems.push(Problem::cell(
                column,
                format!("{what} {id} was rejected ({})", self.place(origin, here)),
                id,
            ));
        }
    }

    /// A policy's location must be held by the policy's customer.
    fn location_of(
        &mut self,
        here: Origin,
        customer: u32,
        location: &str,
        problems: &mut Vec<Problem>,
    ) -> Result<()> {
        let holder = self.child_ref(here, Table::Locations, "location_id", location, problems)?;
        if let Some(holder) = holder.filter(|h| *h != customer) {
            problems.push(Problem::cell(
                "location_id",
                format!(
                    "location {location} belongs to customer {}, not to {}",
                    self.facts.customer(holder).id,
                    self.facts.customer(customer).id
                ),
                location,
            ));
        }
        Ok(())
    }

    /// A child stored under another customer moves to `to`, unless records
    /// of the old customer refer to it (its policies to a location, its
    /// claims to a policy). Returns the move to record if the row is valid.
    fn move_out(
        &mut self,
        table: Table,
        id: &str,
        to: u32,
        problems: &mut Vec<Problem>,
    ) -> Result<Option<(u32, Move)>> {
        if self.book.is_empty() {
            return Ok(None);
        }
        let Some(from) = self.book.owner(&mut self.facts, table, id)? else {
            return Ok(None);
        };
        if from == to {
            return Ok(None);
        }
        let from_id = self.facts.customer(from).id.to_string();
        let corrupt = || {
            StoreError::Corrupt(format!(
                "owners: {table} {id} is not in customers/{from_id}"
            ))
        };
        let doc = self.book.doc(&from_id)?.ok_or_else(corrupt)?;
        let (previous, dependents) = match table {
            Table::Locations => (
                previous_of::<Location>(&doc, id),
                doc.policies
                    .iter()
                    .filter(|p| p.location_id.as_deref() == Some(id))
                    .map(|p| p.id.as_str())
                    .collect::<Vec<_>>(),
            ),
            Table::Policies => (
                previous_of::<Policy>(&doc, id),
                doc.claims
                    .iter()
                    .filter(|c| c.policy_id == id)
                    .map(|c| c.id.as_str())
                    .collect(),
            ),
            Table::Claims => (previous_of::<Claim>(&doc, id), Vec::new()),
            _ => (previous_of::<Interaction>(&doc, id), Vec::new()),
        };
        let previous = previous.ok_or_else(corrupt)?;
        if !dependents.is_empty() {
            let what = if table == Table::Locations {
                "policies"
            } else {
                "claims"
            };
            problems.push(Problem::cell(
                if table == Table::Claims { "policy_id" } else { "customer_id" },
                format!(
                    "{} {id} belongs to customer {from_id} in the book, whose {what} {} refer to it: it cannot move to customer {}",
                    singular(table),
                    dependents.join(", "),
                    self.facts.customer(to).id
                ),
                self.facts.customer(to).id.as_ref(),
            ));
            return Ok(None);
        }
        let mv = Move {
            table,
            id: id.into(),
            previous,
        };
        Ok(Some((from, mv)))
    }
}

fn previous_of<C: Child + CsvRow>(doc: &crate::model::CustomerDoc, id: &str) -> Option<String> {
    doc.find::<C>(id).map(rows::json)
}

fn singular(table: Table) -> &'static str {
    match table {
        Table::Customers => "customer",
        Table::Locations => "location",
        Table::Policies => "policy",
        Table::Claims => "claim",
        Table::Interactions => "interaction",
        Table::Tasks => "task",
    }
}
