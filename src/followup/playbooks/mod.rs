//! Playbooks: follow-up tasks generated from the labels, idempotent by
//! their dedupe keys (classification.md).

mod rules;

pub use rules::{proposals, Playbook, Proposal};

use super::BatchOutcome;
use crate::classify::{scan_with_results, Rules};
use crate::model::{CustomerDoc, Task, TaskStatus};
use crate::store::{Book, Result};
use chrono::NaiveDate;
use std::collections::BTreeMap;

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
    let hash = dedupe_key.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("PB{hash:016x}")
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
    let mut run = PlaybookRun::default();
    for entry in scan_with_results(book) {
        let (doc, class) = entry?;
        for proposal in proposals(&doc, class.as_ref(), rules, as_of) {
            if only.is_some_and(|o| o != proposal.playbook) {
                continue;
            }
            if book.contains::<Task>(&task_id(&proposal.dedupe_key))? {
                run.already_there += 1;
            } else {
                run.created.push(proposal);
            }
        }
    }
    if dry_run || run.created.is_empty() {
        return Ok(run);
    }
    let mut batch = book.begin("playbook", true)?;
    for p in &run.created {
        let assignee = batch
            .get::<CustomerDoc>(&p.customer_id)?
            .and_then(|d| d.customer.account_manager);
        batch.put(&Task {
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
        })?;
    }
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
