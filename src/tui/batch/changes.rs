//! What a committed batch changed, read back from its journal: the
//! customers whose record changed (tags) and the tasks written or removed.
//! Undo reports nothing else, and a big batch is cheaper to read back than
//! to guess, so every batch the UI makes is read the same way.

use crate::model::Task;
use crate::store::{codec, journal_chunks, Book, Result, TreeId};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Changes {
    /// Customers whose own record changed, in id order.
    pub customers: Vec<String>,
    /// Tasks written by the batch, as they are now.
    pub tasks: Vec<Task>,
    /// Tasks the batch removed: `(task id, customer id)`.
    pub removed_tasks: Vec<(String, String)>,
}

impl Changes {
    /// Customers whose tasks changed, in id order.
    pub fn task_customers(&self) -> Vec<String> {
        let mut ids: Vec<String> = self
            .tasks
            .iter()
            .map(|t| t.customer_id.clone())
            .chain(self.removed_tasks.iter().map(|(_, c)| c.clone()))
            .collect();
        ids.sort();
        ids.dedup();
        ids
    }

    /// Customers whose record or tasks changed, in id order.
    pub fn customers_touched(&self) -> Vec<String> {
        let mut ids = self.task_customers();
        ids.extend(self.customers.iter().cloned());
        ids.sort();
        ids.dedup();
        ids
    }

    pub fn of_tasks(tasks: Vec<Task>) -> Changes {
        Changes {
            tasks,
            ..Changes::default()
        }
    }
}

/// Reads the journal of batch `batch_id`.
pub fn of_batch(book: &Book, batch_id: u64) -> Result<Changes> {
    let mut customers = Vec::new();
    // Customer id -> its tasks' stored value before the batch (to tell
    // which of its tasks the batch wrote or removed).
    let mut tasks: BTreeMap<String, Option<Vec<u8>>> = BTreeMap::new();
    for chunk in journal_chunks(book, batch_id)? {
        for entry in chunk.entries {
            let key = String::from_utf8_lossy(&entry.key).into_owned();
            match TreeId::from_tag(entry.tree) {
                Some(TreeId::Customers) => customers.push(key),
                Some(TreeId::Tasks) => {
                    tasks.entry(key).or_insert(entry.before);
                }
                _ => {}
            }
        }
    }
    customers.sort();
    customers.dedup();
    let mut changes = Changes {
        customers,
        ..Changes::default()
    };
    for (customer, before) in tasks {
        let before: Vec<Task> = match before {
            Some(bytes) => codec::decode(&bytes, &|| format!("journal: tasks of {customer}"))?,
            None => Vec::new(),
        };
        let now = book.tasks_of(&customer)?;
        for task in &now {
            if !before.contains(task) {
                changes.tasks.push(task.clone());
            }
        }
        for task in before {
            if !now.iter().any(|t| t.id == task.id) {
                changes.removed_tasks.push((task.id, customer.clone()));
            }
        }
    }
    changes.tasks.sort_by(|a, b| a.id.cmp(&b.id));
    changes.removed_tasks.sort();
    Ok(changes)
}
