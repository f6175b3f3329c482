//! Follow-up tasks: creating one per customer in a batch, the life-cycle
//! changes (done, cancel, snooze, reassign) and listing the queue.

use super::BatchOutcome;
use crate::model::{Priority, Task, TaskStatus};
use crate::store::{Book, Result, StoreError};
use chrono::NaiveDate;

/// The fields of the tasks a batch creates.
#[derive(Debug, Clone)]
pub struct NewTask {
    pub title: String,
    pub due: NaiveDate,
    pub assignee: Option<String>,
    pub priority: Priority,
    pub tags: Vec<String>,
    pub playbook: Option<String>,
    pub policy_id: Option<String>,
    pub dedupe_key: Option<String>,
}

impl NewTask {
    pub fn simple(
        title: &str,
        due: NaiveDate,
        assignee: Option<String>,
        priority: Priority,
    ) -> NewTask {
        NewTask {
            title: title.to_string(),
            due,
            assignee,
            priority,
            tags: Vec::new(),
            playbook: None,
            policy_id: None,
            dedupe_key: None,
        }
    }
}

/// One task per customer of `ids`, in one undoable batch, with ids
/// `T<batch>-<n>`. Batch ids are never reused, so only an imported task
/// could already hold such an id: then the ids get a suffix instead. Either
/// way the ids are fresh, so the tasks are written without reading their
/// keys. Tasks do not feed the classification: no customer is marked for
/// it.
pub fn add_for_customers(book: &Book, fields: &NewTask, ids: &[String]) -> Result<BatchOutcome> {
    let mut batch = book.begin("task", true)?;
    let mut prefix = format!("T{}-", batch.id());
    if book.any_id_with_prefix::<Task>(&prefix)? {
        prefix = format!("T{}x{}-", batch.id(), crate::store::now_micros());
    }
    for (n, customer_id) in ids.iter().enumerate() {
        batch.put_new(&Task {
            id: format!("{prefix}{:06}", n + 1),
            customer_id: customer_id.clone(),
            title: fields.title.clone(),
            due: fields.due,
            assignee: fields.assignee.clone(),
            status: TaskStatus::Open,
            priority: fields.priority,
            tags: fields.tags.clone(),
            playbook: fields.playbook.clone(),
            policy_id: fields.policy_id.clone(),
            dedupe_key: fields.dedupe_key.clone(),
        })?;
    }
    let detail = format!(
        "task {:?} due {} for {} customers",
        fields.title,
        fields.due,
        ids.len()
    );
    batch.audit("task.add", "tasks", &detail, None)?;
    let info = batch.commit(&detail)?;
    Ok(BatchOutcome {
        batch_id: Some(info.id),
        changed: ids.len(),
        unchanged: 0,
    })
}

/// A change to existing tasks.
#[derive(Debug, Clone)]
pub enum TaskChange {
    Status(TaskStatus),
    Snooze(NaiveDate),
    Reassign(Option<String>),
}

impl TaskChange {
    fn action(&self) -> &'static str {
        match self {
            TaskChange::Status(TaskStatus::Done) => "task.done",
            TaskChange::Status(TaskStatus::Cancelled) => "task.cancel",
            TaskChange::Status(TaskStatus::Open) => "task.reopen",
            TaskChange::Snooze(_) => "task.snooze",
            TaskChange::Reassign(_) => "task.reassign",
        }
    }

    fn apply(&self, task: &mut Task) {
        match self {
            TaskChange::Status(s) => task.status = *s,
            TaskChange::Snooze(due) => task.due = *due,
            TaskChange::Reassign(a) => task.assignee = a.clone(),
        }
    }
}

/// Applies a change to the given tasks in one undoable batch, auditing each
/// with its previous value. Unknown ids refuse the whole batch.
pub fn change(book: &Book, ids: &[String], change: &TaskChange) -> Result<BatchOutcome> {
    let mut missing = Vec::new();
    for id in ids {
        if !book.contains::<Task>(id)? {
            missing.push(id.as_str());
        }
    }
    if !missing.is_empty() {
        return Err(StoreError::NotFound(format!("task {}", missing.join(", "))));
    }
    let mut batch = book.begin("task", true)?;
    let mut changed = 0;
    for id in ids {
        let Some(mut task) = batch.get::<Task>(id)? else {
            continue;
        };
        let previous = task.clone();
        change.apply(&mut task);
        if task == previous {
            continue;
        }
        batch.put(&task)?;
        let before = serde_json::to_string(&previous).ok();
        batch.audit(change.action(), &format!("tasks/{id}"), &task.title, before)?;
        changed += 1;
    }
    if changed == 0 {
        return Ok(BatchOutcome {
            batch_id: None,
            changed,
            unchanged: ids.len(),
        });
    }
    let info = batch.commit(&format!("{} on {changed} tasks", change.action()))?;
    Ok(BatchOutcome {
        batch_id: Some(info.id),
        changed,
        unchanged: ids.len() - changed,
    })
}

/// Which tasks `task list` shows.
#[derive(Debug, Clone, Default)]
pub struct TaskFilter {
    pub open_only: bool,
    /// Open tasks due before this date.
    pub overdue_at: Option<NaiveDate>,
    pub assignee: Option<String>,
    pub tag: Option<String>,
    pub playbook: Option<String>,
}

impl TaskFilter {
    pub fn matches(&self, task: &Task) -> bool {
        (!self.open_only || task.status == TaskStatus::Open)
            && self
                .overdue_at
                .is_none_or(|at| task.status == TaskStatus::Open && task.due < at)
            && self
                .assignee
                .as_ref()
                .is_none_or(|a| task.assignee.as_ref() == Some(a))
            && self.tag.as_ref().is_none_or(|t| task.tags.contains(t))
            && self
                .playbook
                .as_ref()
                .is_none_or(|p| task.playbook.as_ref() == Some(p))
    }
}

/// Tasks matching the filter, by due date then id: one pass over the tasks
/// (the book keeps no index by due date or assignee, see `store/records.rs`).
pub fn list(book: &Book, filter: &TaskFilter) -> Result<Vec<Task>> {
    let mut out = Vec::new();
    for task in book.scan::<Task>() {
        let task = task?;
        if filter.matches(&task) {
            out.push(task);
        }
    }
    out.sort_by(|a, b| a.due.cmp(&b.due).then_with(|| a.id.cmp(&b.id)));
    Ok(out)
}
