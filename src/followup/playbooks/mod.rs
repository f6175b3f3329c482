//! Playbooks: follow-up tasks generated from the labels, idempotent by
//! their dedupe keys (classification.md).
//!
//! A run reads every customer once. One thread walks the customers (the
//! stored labels are read beside it on another, `classify::for_each_customer`),
//! decodes only what the rules read (`DocView`), evaluates them and drops
//! the proposals whose task exists; the calling thread meanwhile writes the
//! new tasks, one write per customer (the book keeps a customer's tasks
//! together). A task's id derives from its dedupe key; the ids of the tasks
//! already in the book are hashed into a set before the walk, so only a
//! proposal whose id hash is in it costs a lookup.

mod rules;

pub use rules::{proposals, proposals_of, Playbook, Proposal};

use super::BatchOutcome;
use crate::classify::{for_each_customer, Rules};
use crate::model::{Task, TaskStatus};
use crate::store::{Batch, Book, DocView, Result, StoreError};
use chrono::NaiveDate;
use crossbeam_channel::{Receiver, Sender};
use std::collections::{BTreeMap, HashSet};

/// New proposals handed from the evaluating thread at a time.
const SENT_AT_ONCE: usize = 1024;

/// Messages of `SENT_AT_ONCE` proposals the evaluation may run ahead of the
/// writing (about 0.5 MB each), so that it goes on while the writer waits
/// for a chunk's journal to reach the disk: at a million customers 32
/// measured 0.3-0.6 s faster than 8. Holding the whole walk's proposals
/// before writing measured slower: memory churns, and the walk pushes the
/// pages the writer needs out of sled's cache.
const CHANNEL_BOUND: usize = 32;

/// What a run created (or, dry, would create).
#[derive(Debug, Clone, Default)]
pub struct PlaybookRun {
    pub created: Vec<Proposal>,
    /// Proposals whose task already exists (same dedupe key).
    pub already_there: usize,
    pub batch: Option<BatchOutcome>,
}

impl PlaybookRun {
    /// Tasks created per playbook, every playbook listed.
    pub fn counts(&self) -> BTreeMap<Playbook, usize> {
        let mut counts: BTreeMap<Playbook, usize> = Playbook::ALL.iter().map(|p| (*p, 0)).collect();
        for p in &self.created {
            *counts.entry(p.playbook).or_default() += 1;
        }
        counts
    }
}

/// The task id of a proposal: derived from its dedupe key, so that running
/// a playbook twice finds the first run's task with one lookup.
pub fn task_id(dedupe_key: &str) -> String {
    format!("PB{:016x}", fnv1a(dedupe_key))
}

/// FNV-1a, 64 bits: of a dedupe key for its task id, and of task ids for
/// the dedupe set.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Runs the playbooks (or only one) over every customer at `as_of`, using
/// the stored classification (the caller brings it up to date first).
pub fn run(
    book: &Book,
    rules: &Rules,
    as_of: NaiveDate,
    only: Option<Playbook>,
    dry_run: bool,
) -> Result<PlaybookRun> {
    // A real run holds the book's writer from the start, so that no other
    // batch creates a task between its dedupe check and its write.
    let mut batch = match dry_run {
        true => None,
        false => Some(book.begin("playbook", true)?),
    };
    let dedupe = Dedupe::new(book)?;
    let mut run = std::thread::scope(|s| {
        let (tx, rx) = crossbeam_channel::bounded(CHANNEL_BOUND);
        let evaluating = s.spawn(move || evaluate(book, rules, as_of, only, dedupe, tx));
        // On an error here `rx` is dropped, which stops the evaluation.
        let received = receive(rx, batch.as_mut());
        evaluating
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        received
    })?;
    let Some(mut batch) = batch.filter(|_| !run.created.is_empty()) else {
        // A dry run, or nothing new: the batch (if any) is dropped unwritten.
        return Ok(run);
    };
    let detail = format!("playbooks as of {as_of}: {} tasks", run.created.len());
    batch.audit("playbook.run", "tasks", &detail, None)?;
    let info = batch.commit(&detail)?;
    run.batch = Some(BatchOutcome {
        batch_id: Some(info.id),
        changed: run.created.len(),
        unchanged: run.already_there,
    });
    Ok(run)
}

/// What the evaluation found among some customers.
#[derive(Default)]
struct Found {
    /// The customers with new tasks, in customer order.
    customers: Vec<NewTasks>,
    /// How many proposals those are.
    proposals: usize,
    already_there: usize,
}

/// The new tasks of one customer, with their proposals.
struct NewTasks {
    customer_id: String,
    /// Whether the customer holds tasks already (if not, its tasks are
    /// written without reading its key).
    holds_tasks: bool,
    new: Vec<(Proposal, Task)>,
}

/// Tells proposals whose task is new from those already in the book.
struct Dedupe<'b> {
    book: &'b Book,
    /// Hashes of the ids of the tasks in the book before the run: an id
    /// whose hash is not here is certainly new.
    in_book: HashSet<u64>,
    /// Hashes of the ids of the customers holding those tasks: a customer
    /// whose hash is not here holds none.
    holders: HashSet<u64>,
    /// Dedupe hashes of this run's proposals: two dedupe keys with one task
    /// id would otherwise both be written.
    this_run: HashSet<u64>,
}

impl<'b> Dedupe<'b> {
    fn new(book: &'b Book) -> Result<Dedupe<'b>> {
        let (mut in_book, mut holders) = (HashSet::new(), HashSet::new());
        book.for_each_owned::<Task>(&mut |id, customer_id| {
            in_book.insert(fnv1a(id));
            holders.insert(fnv1a(customer_id));
        })?;
        Ok(Dedupe {
            book,
            in_book,
            holders,
            this_run: HashSet::new(),
        })
    }

    fn is_new(&mut self, proposal: &Proposal, task_id: &str) -> Result<bool> {
        if !self.this_run.insert(fnv1a(&proposal.dedupe_key)) {
            return Ok(false);
        }
        Ok(!self.in_book.contains(&fnv1a(task_id)) || !self.book.contains::<Task>(task_id)?)
    }
}

/// Evaluates every customer, sending the new proposals to `tx` as it goes;
/// an error is sent too. Stops when the receiver hangs up.
fn evaluate(
    book: &Book,
    rules: &Rules,
    as_of: NaiveDate,
    only: Option<Playbook>,
    mut dedupe: Dedupe,
    tx: Sender<Result<Found>>,
) {
    let mut found = Found::default();
    let walked = for_each_customer(book, true, |key, bytes, class| {
        let doc = DocView::decode(bytes, &|| {
            format!("customers/{}", String::from_utf8_lossy(key))
        })?;
        let mut new = Vec::new();
        for proposal in proposals_of(&doc, class, rules, as_of)? {
            if only.is_some_and(|o| o != proposal.playbook) {
                continue;
            }
            let id = task_id(&proposal.dedupe_key);
            if !dedupe.is_new(&proposal, &id)? {
                found.already_there += 1;
                continue;
            }
            let assignee = match doc.customer.account_manager {
                Some(manager) => Some(
                    manager
                        .to_str(&|| format!("customers/{}", proposal.customer_id))?
                        .to_string(),
                ),
                None => None,
            };
            let task = task_of(&proposal, id, assignee);
            new.push((proposal, task));
        }
        if !new.is_empty() {
            let customer_id = String::from_utf8_lossy(key).into_owned();
            found.proposals += new.len();
            found.customers.push(NewTasks {
                holds_tasks: dedupe.holders.contains(&fnv1a(&customer_id)),
                customer_id,
                new,
            });
        }
        if found.proposals >= SENT_AT_ONCE {
            tx.send(Ok(std::mem::take(&mut found)))
                .map_err(|_| StoreError::Io(std::io::Error::other("playbook run stopped")))?;
        }
        Ok(())
    });
    // A failed send means the receiver stopped on an error of its own.
    let _ = tx.send(walked.map(|()| found));
}

/// Collects what the evaluation found and, in a real run, writes the
/// tasks: each customer's new tasks with one write.
fn receive(rx: Receiver<Result<Found>>, mut batch: Option<&mut Batch<'_>>) -> Result<PlaybookRun> {
    let mut run = PlaybookRun::default();
    for found in rx {
        let found = found?;
        run.already_there += found.already_there;
        for customer in found.customers {
            let (proposals, tasks): (Vec<Proposal>, Vec<Task>) = customer.new.into_iter().unzip();
            run.created.extend(proposals);
            // The dedupe found every id absent from the book.
            match &mut batch {
                None => {}
                Some(batch) if customer.holds_tasks => {
                    batch.update_group(&customer.customer_id, |group: &mut Vec<Task>| {
                        group.extend(tasks);
                        Ok(())
                    })?
                }
                Some(batch) => batch.put_new_group(&customer.customer_id, tasks)?,
            }
        }
    }
    Ok(run)
}

fn task_of(p: &Proposal, id: String, assignee: Option<String>) -> Task {
    Task {
        id,
        customer_id: p.customer_id.clone(),
        title: p.title.clone(),
        due: p.due,
        assignee,
        status: TaskStatus::Open,
        priority: p.priority,
        tags: Vec::new(),
        playbook: Some(p.playbook.name().to_string()),
        policy_id: p.policy_id.clone(),
        dedupe_key: Some(p.dedupe_key.clone()),
    }
}
