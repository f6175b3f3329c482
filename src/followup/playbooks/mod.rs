//! Playbooks: follow-up tasks generated from the labels, idempotent by
//! their dedupe keys (classification.md).
//!
//! A run reads every customer once. One thread walks the customers (the
//! stored labels are read beside it on another, `classify::for_each_customer`),
//! decodes only what the rules read (`view.rs`) and evaluates them; the
//! calling thread meanwhile writes the new tasks, so evaluating and writing
//! share the two cores. A task's id derives from its dedupe key, so one
//! read tells whether it exists; the tasks are then written without
//! reading their keys again (`Batch::put_new`).

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
    format!("PB{:016x}", dedupe_hash(dedupe_key))
}

fn dedupe_hash(dedupe_key: &str) -> u64 {
    dedupe_key.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
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
    // The dedupe checks (a read each) run where there is time: beside the
    // writes in a real run, on the otherwise idle receiving side in a dry one.
    let (evaluator_checks, receiver_checks) = match dry_run {
        false => (Some(Dedupe::new(book)), None),
        true => (None, Some(Dedupe::new(book))),
    };
    let mut run = std::thread::scope(|s| {
        let (tx, rx) = crossbeam_channel::bounded(8);
        let evaluating = s.spawn(move || evaluate(book, rules, as_of, only, evaluator_checks, tx));
        // On an error here `rx` is dropped, which stops the evaluation.
        let received = receive(rx, receiver_checks, batch.as_mut());
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
    /// Proposals with their customer's account manager (the task's
    /// assignee): only those whose task is new if the evaluator checked.
    proposals: Vec<(Proposal, Option<String>)>,
    already_there: usize,
}

/// Tells proposals whose task is new from those already in the book.
struct Dedupe<'b> {
    book: &'b Book,
    /// Dedupe hashes of this run's proposals: two dedupe keys with one task
    /// id would otherwise both be written.
    this_run: HashSet<u64>,
}

impl<'b> Dedupe<'b> {
    fn new(book: &'b Book) -> Dedupe<'b> {
        Dedupe {
            book,
            this_run: HashSet::new(),
        }
    }

    fn is_new(&mut self, proposal: &Proposal) -> Result<bool> {
        Ok(self.this_run.insert(dedupe_hash(&proposal.dedupe_key))
            && !self.book.contains::<Task>(&task_id(&proposal.dedupe_key))?)
    }
}

/// Evaluates every customer, sending what it finds to `tx` as it goes (with
/// `checks`, only the new proposals); an error is sent too. Stops when the
/// receiver hangs up.
fn evaluate(
    book: &Book,
    rules: &Rules,
    as_of: NaiveDate,
    only: Option<Playbook>,
    mut checks: Option<Dedupe>,
    tx: Sender<Result<Found>>,
) {
    let mut found = Found::default();
    let walked = for_each_customer(book, true, |key, bytes, class| {
        let doc = DocView::decode(bytes, &|| {
            format!("customers/{}", String::from_utf8_lossy(key))
        })?;
        for proposal in proposals_of(&doc, class, rules, as_of)? {
            if only.is_some_and(|o| o != proposal.playbook) {
                continue;
            }
            if let Some(checks) = &mut checks {
                if !checks.is_new(&proposal)? {
                    found.already_there += 1;
                    continue;
                }
            }
            let assignee = match doc.customer.account_manager {
                Some(manager) => Some(
                    manager
                        .to_str(&|| format!("customers/{}", proposal.customer_id))?
                        .to_string(),
                ),
                None => None,
            };
            found.proposals.push((proposal, assignee));
        }
        if found.proposals.len() >= SENT_AT_ONCE {
            tx.send(Ok(std::mem::take(&mut found)))
                .map_err(|_| StoreError::Io(std::io::Error::other("playbook run stopped")))?;
        }
        Ok(())
    });
    // A failed send means the receiver stopped on an error of its own.
    let _ = tx.send(walked.map(|()| found));
}

/// Collects what the evaluation found (checking it with `checks`) and, in
/// a real run, writes the tasks.
fn receive(
    rx: Receiver<Result<Found>>,
    mut checks: Option<Dedupe>,
    mut batch: Option<&mut Batch<'_>>,
) -> Result<PlaybookRun> {
    let mut run = PlaybookRun::default();
    for found in rx {
        let found = found?;
        run.already_there += found.already_there;
        for (proposal, assignee) in found.proposals {
            if let Some(checks) = &mut checks {
                if !checks.is_new(&proposal)? {
                    run.already_there += 1;
                    continue;
                }
            }
            if let Some(batch) = &mut batch {
                // A dedupe check found the task id absent.
                batch.put_new(&task_of(&proposal, assignee))?;
            }
            run.created.push(proposal);
        }
    }
    Ok(run)
}

fn task_of(p: &Proposal, assignee: Option<String>) -> Task {
    Task {
        id: task_id(&p.dedupe_key),
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
