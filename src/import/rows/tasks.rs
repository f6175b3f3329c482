//! A row of tasks.csv. The file has no playbook, policy or dedupe-key
//! columns: an upsert keeps those of the stored task (see write.rs).

use super::Cells;
use crate::import::cells;
use crate::model::{Priority, Task, TaskStatus};

pub fn parse(c: &mut Cells) -> Option<Task> {
    let id = c.required("task_id", cells::id);
    let customer_id = c.required("customer_id", cells::id);
    let title = c.required("title", cells::text);
    let due = c.required("due", cells::date);
    let assignee = c.optional("assignee", cells::text);
    let status = c.required("status", cells::label::<TaskStatus>);
    let priority = c.optional("priority", cells::label::<Priority>);
    let tags = c.optional("tags", cells::tags);
    Some(Task {
        id: id?,
        customer_id: customer_id?,
        title: title?,
        due: due?,
        assignee: assignee?,
        status: status?,
        priority: priority?.unwrap_or(Priority::Normal),
        tags: tags?.unwrap_or_default(),
        playbook: None,
        policy_id: None,
        dedupe_key: None,
    })
}

#[cfg(test)]
mod tests {
    use super::super::tests::parse_row;
    use super::super::Parsed;
    use crate::import::table::Table;
    use crate::model::{Priority, TaskStatus};

    #[test]
    fn priority_defaults_to_normal() {
        let (parsed, problems) = parse_row(
            Table::Tasks,
            "task_id,customer_id,title,due,status,priority",
            "T1,C1,续保提醒,2026-12-01,open,",
        );
        assert!(problems.is_empty(), "{problems:?}");
        let Some(Parsed::Task(t)) = parsed else {
            panic!("not parsed")
        };
        assert_eq!((t.status, t.priority), (TaskStatus::Open, Priority::Normal));
    }
}
