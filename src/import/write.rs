//! The write phase: one batch for the whole import. Each customer's held
//! rows are merged into its doc (read from the book if it is there), and
//! the doc is written once; tasks are records of their own. Updates are
//! audited with the previous value; unchanged rows are not written.

use super::facts::Facts;
use super::hold;
use super::inputs::Input;
use super::options::{ImportOptions, Phase};
use super::report::TableCounts;
use super::rows::Parsed;
use super::table::Table;
use crate::export::rows::{self, CsvRow};
use crate::model::{Child, Claim, Customer, CustomerDoc, Interaction, Location, Policy, Task};
use crate::store::{Batch, BatchInfo, Book, Result, StoreError, TreeId};

/// Customers between progress reports.
const PROGRESS_EVERY: usize = 8 * 1024;

pub struct Writer<'b, 'x> {
    batch: Batch<'b>,
    facts: &'x Facts,
    inputs: &'x [Input],
    /// Per input file.
    counts: Vec<TableCounts>,
    tasks_in_book: bool,
}

impl<'b, 'x> Writer<'b, 'x> {
    /// Starts the import's batch. `rejected`: rows rejected per input file.
    pub fn begin(
        book: &'b Book,
        facts: &'x Facts,
        inputs: &'x [Input],
        rejected: &[u64],
    ) -> Result<Writer<'b, 'x>> {
        let counts = rejected
            .iter()
            .map(|&rejected| TableCounts {
                rejected,
                ..TableCounts::default()
            })
            .collect();
        Ok(Writer {
            tasks_in_book: !book.tree(TreeId::Tasks).is_empty(),
            batch: book.begin("import", false)?,
            facts,
            inputs,
            counts,
        })
    }

    /// Writes the groups held for one pass (`rows` rows in all).
    pub fn write_pass(
        &mut self,
        mut groups: Vec<(u32, Vec<u8>)>,
        rows: u64,
        opts: &ImportOptions,
        pass: u32,
    ) -> Result<()> {
        let facts = self.facts;
        // In id order: sled writes neighbouring keys fastest.
        groups.sort_unstable_by(|a, b| facts.customer(a.0).id.cmp(&facts.customer(b.0).id));
        let mut done = 0;
        for (i, (customer, bytes)) in groups.into_iter().enumerate() {
            let held = hold::decode(&facts.customer(customer).id, &bytes);
            drop(bytes);
            done += held.len() as u64;
            self.write_customer(customer, held)?;
            if i % PROGRESS_EVERY == 0 {
                opts.report(Phase::Writing { pass }, done, rows);
            }
        }
        opts.report(Phase::Writing { pass }, rows, rows);
        Ok(())
    }

    fn shown(&self, file: u16) -> &'x str {
        &self.inputs[usize::from(file)].shown
    }

    fn audit_update<R: CsvRow>(
        &mut self,
        file: u16,
        table: Table,
        id: &str,
        previous: &R,
    ) -> Result<()> {
        self.audit_previous(file, table, id, rows::json(previous))
    }

    fn audit_previous(
        &mut self,
        file: u16,
        table: Table,
        id: &str,
        previous: String,
    ) -> Result<()> {
        let detail = format!("file {}", self.shown(file));
        self.batch.audit(
            "import.update",
            &format!("{table}/{id}"),
            &detail,
            Some(previous),
        )
    }

    fn write_customer(&mut self, customer: u32, held: Vec<(u16, Parsed)>) -> Result<()> {
        let facts = self.facts;
        let fact = facts.customer(customer);
        let stored = match fact.in_book {
            true => self.batch.get::<CustomerDoc>(&fact.id)?,
            false => None,
        };
        let (customer_rows, children): (Vec<_>, Vec<_>) = held
            .into_iter()
            .partition(|(_, row)| matches!(row, Parsed::Customer(_)));
        let customer_row = customer_rows.into_iter().find_map(|(file, row)| match row {
            Parsed::Customer(c) => Some((file, c)),
            _ => None,
        });
        let mut changed = false;
        let mut doc = match (stored, customer_row) {
            (Some(doc), Some((file, row))) => {
                changed |= self.customer(file, Some(&doc.customer), &row)?;
                CustomerDoc {
                    customer: row,
                    ..doc
                }
            }
            (None, Some((file, row))) => {
                changed |= self.customer(file, None, &row)?;
                CustomerDoc::new(row)
            }
            (Some(doc), None) => doc,
            (None, None) => return Err(StoreError::NotFound(format!("customer {}", fact.id))),
        };
        if let Some(moves) = facts.moves_from.get(&customer) {
            for mv in moves {
                changed = true;
                match mv.table {
                    Table::Locations => drop(doc.remove::<Location>(&mv.id)),
                    Table::Policies => drop(doc.remove::<Policy>(&mv.id)),
                    Table::Claims => drop(doc.remove::<Claim>(&mv.id)),
                    _ => drop(doc.remove::<Interaction>(&mv.id)),
                }
            }
        }
        let mut tasks = Vec::new();
        for (file, row) in children {
            changed |= match row {
                Parsed::Location(r) => self.child(&mut doc, file, Table::Locations, r)?,
                Parsed::Policy(r) => self.child(&mut doc, file, Table::Policies, r)?,
                Parsed::Claim(r) => self.child(&mut doc, file, Table::Claims, r)?,
                Parsed::Interaction(r) => self.child(&mut doc, file, Table::Interactions, r)?,
                Parsed::Task(task) => {
                    tasks.push((file, task));
                    false
                }
                Parsed::Customer(_) => unreachable!("customer rows were taken out above"),
            };
        }
        if changed {
            self.batch.put(&doc)?;
        }
        for (file, task) in tasks {
            self.task(file, task)?;
        }
        Ok(())
    }

    /// Counts (and audits) a customer row; whether it changes the doc.
    fn customer(&mut self, file: u16, stored: Option<&Customer>, row: &Customer) -> Result<bool> {
        let counts = &mut self.counts[usize::from(file)];
        match stored {
            None => counts.inserted += 1,
            Some(stored) if stored == row => {
                counts.unchanged += 1;
                return Ok(false);
            }
            Some(stored) => {
                counts.updated += 1;
                self.audit_update(file, Table::Customers, &row.id, stored)?;
            }
        }
        Ok(true)
    }

    /// Upserts a child into the doc; whether that changed it.
    fn child<C: Child + CsvRow>(
        &mut self,
        doc: &mut CustomerDoc,
        file: u16,
        table: Table,
        row: C,
    ) -> Result<bool> {
        let file_counts = usize::from(file);
        if let Some(stored) = doc.find::<C>(row.id()) {
            if *stored == row {
                self.counts[file_counts].unchanged += 1;
                return Ok(false);
            }
            self.counts[file_counts].updated += 1;
            let previous = rows::json(stored);
            self.audit_previous(file, table, row.id(), previous)?;
        } else {
            let facts = self.facts;
            match facts.moved_in(table, row.id()) {
                Some(previous) => {
                    self.counts[file_counts].updated += 1;
                    self.audit_previous(file, table, row.id(), previous.clone())?;
                }
                None => self.counts[file_counts].inserted += 1,
            }
            self.batch
                .set_owner::<C>(row.id(), Some(&doc.customer.id))?;
        }
        doc.upsert(row);
        Ok(true)
    }

    /// Upserts a task, keeping the playbook, policy and dedupe key that
    /// tasks.csv does not carry.
    fn task(&mut self, file: u16, mut task: Task) -> Result<()> {
        let stored = match self.tasks_in_book {
            true => self.batch.get::<Task>(&task.id)?,
            false => None,
        };
        let counts = usize::from(file);
        match stored {
            None => self.counts[counts].inserted += 1,
            Some(stored) => {
                task.playbook = stored.playbook.clone();
                task.policy_id = stored.policy_id.clone();
                task.dedupe_key = stored.dedupe_key.clone();
                if stored == task {
                    self.counts[counts].unchanged += 1;
                    return Ok(());
                }
                self.counts[counts].updated += 1;
                self.audit_update(file, Table::Tasks, &task.id, &stored)?;
            }
        }
        self.batch.put(&task)?;
        Ok(())
    }

    /// Audits each file's counts and commits. Returns the batch, the counts
    /// per input file and how many customers changed.
    pub fn commit(mut self) -> Result<(BatchInfo, Vec<TableCounts>, usize)> {
        let mut names = Vec::new();
        for (input, counts) in self.inputs.iter().zip(&self.counts) {
            let detail = format!("{}: {counts}", input.table);
            self.batch.audit("import", &input.shown, &detail, None)?;
            names.push(input.shown.as_str());
        }
        let touched = self.batch.touched_customers().len();
        let counts = std::mem::take(&mut self.counts);
        let info = self.batch.commit(&format!("import {}", names.join(" ")))?;
        Ok((info, counts, touched))
    }
}
