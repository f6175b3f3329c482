//! The follow-up queue: open tasks by due date (overdue, due today,
//! upcoming), a filter by assignee, tag, status and playbook plus text,
//! and a selection kept by task id.

use crate::model::{Labelled, Task, TaskStatus};
use crate::tui::list_cursor::ListCursor;
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};

/// `assignee=li.wei,me tag=x status=open,done playbook=renewal,none text`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TaskFilter {
    /// `None` in the list: unassigned.
    assignees: Vec<Option<String>>,
    tags: Vec<String>,
    /// Empty: open tasks only.
    statuses: Vec<TaskStatus>,
    /// `None` in the list: made by hand, not by a playbook.
    playbooks: Vec<Option<String>>,
    text: Vec<String>,
}

impl TaskFilter {
    /// Parses a filter line; `me` stands for `user`.
    pub fn parse(text: &str, user: &str) -> Result<TaskFilter, String> {
        let mut f = TaskFilter::default();
        let optional = |v: &str, me: Option<&str>| match v {
            "none" => None,
            "me" if me.is_some() => me.map(str::to_string),
            other => Some(other.to_string()),
        };
        for term in text.split_whitespace() {
            let Some((field, values)) = term.split_once('=') else {
                f.text.push(term.to_lowercase());
                continue;
            };
            let values = values.split(',').filter(|v| !v.is_empty());
            match field {
                "assignee" => f.assignees = values.map(|v| optional(v, Some(user))).collect(),
                "tag" => f.tags = values.map(str::to_string).collect(),
                "playbook" => f.playbooks = values.map(|v| optional(v, None)).collect(),
                "status" => {
                    f.statuses = values
                        .map(|v| {
                            TaskStatus::parse_label(v).ok_or_else(|| {
                                format!(
                                    "status: unknown value {v:?} (one of {})",
                                    TaskStatus::codes_list()
                                )
                            })
                        })
                        .collect::<Result<_, _>>()?
                }
                other => {
                    return Err(format!(
                        "unknown field {other:?} (fields: assignee, tag, status, playbook; plain words search titles and customer ids)"
                    ))
                }
            }
        }
        Ok(f)
    }

    pub fn matches(&self, task: &Task) -> bool {
        let status_ok = if self.statuses.is_empty() {
            task.status == TaskStatus::Open
        } else {
            self.statuses.contains(&task.status)
        };
        status_ok
            && (self.assignees.is_empty() || self.assignees.contains(&task.assignee))
            && (self.tags.is_empty() || self.tags.iter().any(|t| task.tags.contains(t)))
            && (self.playbooks.is_empty() || self.playbooks.contains(&task.playbook))
            && self.text.iter().all(|word| {
                task.title.to_lowercase().contains(word)
                    || task.customer_id.to_lowercase().contains(word)
            })
    }
}

/// Where a task stands against the as-of date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Due {
    Overdue,
    Today,
    Upcoming,
}

pub fn due(task: &Task, as_of: NaiveDate) -> Due {
    match task.due.cmp(&as_of) {
        std::cmp::Ordering::Less => Due::Overdue,
        std::cmp::Ordering::Equal => Due::Today,
        std::cmp::Ordering::Greater => Due::Upcoming,
    }
}

fn index_by_id(tasks: &[Task]) -> HashMap<String, usize> {
    tasks
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.clone(), i))
        .collect()
}

#[derive(Debug, Default)]
pub struct TasksPane {
    /// Every task of the book; the list shows some of them.
    tasks: Vec<Task>,
    by_id: HashMap<String, usize>,
    pub filter_text: String,
    pub filter: TaskFilter,
    /// Indices into `tasks`, in display order.
    shown: Vec<usize>,
    pub cursor: ListCursor,
    pub selection: HashSet<String>,
    /// Open tasks overdue, due today and upcoming among the shown ones.
    pub counts: [usize; 3],
}

impl TasksPane {
    pub fn set_tasks(&mut self, tasks: Vec<Task>, as_of: NaiveDate) {
        self.by_id = index_by_id(&tasks);
        self.tasks = tasks;
        self.refresh(as_of);
    }

    /// Takes in tasks written by a batch (replacing or adding them) and
    /// drops removed ones, then re-sorts once: a batch may bring 100,000.
    pub fn apply(&mut self, changed: Vec<Task>, removed: &[String], as_of: NaiveDate) {
        // Positions in `shown` go stale below: note the cursor's task first.
        let keep = self.current().map(|t| t.id.clone());
        for task in changed {
            match self.by_id.get(&task.id) {
                Some(&i) => self.tasks[i] = task,
                None => {
                    self.by_id.insert(task.id.clone(), self.tasks.len());
                    self.tasks.push(task);
                }
            }
        }
        if !removed.is_empty() {
            let gone: HashSet<&str> = removed.iter().map(String::as_str).collect();
            self.tasks.retain(|t| !gone.contains(t.id.as_str()));
            self.selection.retain(|id| !gone.contains(id.as_str()));
            self.by_id = index_by_id(&self.tasks);
            self.shown.clear();
        }
        self.reorder(keep, as_of);
    }

    pub fn get(&self, id: &str) -> Option<&Task> {
        self.by_id.get(id).map(|&i| &self.tasks[i])
    }

    /// Open tasks of each of `customers`, in one pass over the tasks.
    pub fn open_counts(&self, customers: &[String]) -> HashMap<String, usize> {
        let mut counts: HashMap<String, usize> = customers.iter().map(|c| (c.clone(), 0)).collect();
        for task in &self.tasks {
            if task.status == TaskStatus::Open {
                if let Some(n) = counts.get_mut(&task.customer_id) {
                    *n += 1;
                }
            }
        }
        counts
    }

    /// Re-applies the filter and order, keeping the cursor on its task.
    pub fn refresh(&mut self, as_of: NaiveDate) {
        let keep = self.current().map(|t| t.id.clone());
        self.reorder(keep, as_of);
    }

    /// Filters and sorts again, with the cursor on task `keep` if shown.
    fn reorder(&mut self, keep: Option<String>, as_of: NaiveDate) {
        let mut shown: Vec<usize> = (0..self.tasks.len())
            .filter(|&i| self.filter.matches(&self.tasks[i]))
            .collect();
        let tasks = &self.tasks;
        shown.sort_by(|&a, &b| {
            let (a, b) = (&tasks[a], &tasks[b]);
            a.due
                .cmp(&b.due)
                .then(a.priority.cmp(&b.priority))
                .then_with(|| a.id.cmp(&b.id))
        });
        self.counts = [0; 3];
        for &i in &shown {
            if tasks[i].status == TaskStatus::Open {
                self.counts[due(&tasks[i], as_of) as usize] += 1;
            }
        }
        self.shown = shown;
        if let Some(pos) =
            keep.and_then(|id| self.shown.iter().position(|&i| self.tasks[i].id == id))
        {
            self.cursor.pos = pos;
        }
        self.cursor.clamp(self.shown.len());
    }

    pub fn len(&self) -> usize {
        self.shown.len()
    }

    pub fn is_empty(&self) -> bool {
        self.shown.is_empty()
    }

    pub fn at(&self, pos: usize) -> Option<&Task> {
        self.shown.get(pos).map(|&i| &self.tasks[i])
    }

    pub fn current(&self) -> Option<&Task> {
        self.at(self.cursor.pos)
    }

    pub fn toggle_selection(&mut self) {
        if let Some(id) = self.current().map(|t| t.id.clone()) {
            if !self.selection.remove(&id) {
                self.selection.insert(id);
            }
            self.cursor
                .apply(crate::tui::commands::Command::CursorDown, self.len());
        }
    }

    pub fn select_all(&mut self) {
        for &i in &self.shown {
            self.selection.insert(self.tasks[i].id.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Priority;

    fn task(id: &str, due: &str, assignee: Option<&str>, playbook: Option<&str>) -> Task {
        Task {
            id: id.into(),
            customer_id: "C1".into(),
            title: format!("Call {id}"),
            due: crate::model::date_codec::parse_date(due).unwrap(),
            assignee: assignee.map(str::to_string),
            status: TaskStatus::Open,
            priority: Priority::Normal,
            tags: vec!["vip".into()],
            playbook: playbook.map(str::to_string),
            policy_id: None,
            dedupe_key: None,
        }
    }

    #[test]
    fn filters_by_field_and_orders_by_due_date() {
        let as_of = crate::model::date_codec::parse_date("2026-06-30").unwrap();
        let mut pane = TasksPane::default();
        let mut done = task("T4", "2026-06-01", Some("li.wei"), None);
        done.status = TaskStatus::Done;
        pane.set_tasks(
            vec![
                task("T1", "2026-07-05", Some("li.wei"), Some("renewal")),
                task("T2", "2026-06-30", None, None),
                task("T3", "2026-06-20", Some("wang.fang"), Some("winback")),
                done,
            ],
            as_of,
        );
        let ids = |p: &TasksPane| {
            (0..p.len())
                .map(|i| p.at(i).unwrap().id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&pane), ["T3", "T2", "T1"]);
        assert_eq!(pane.counts, [1, 1, 1]);
        pane.filter = TaskFilter::parse("assignee=me,none", "li.wei").unwrap();
        pane.refresh(as_of);
        assert_eq!(ids(&pane), ["T2", "T1"]);
        pane.filter = TaskFilter::parse("status=done,open playbook=none t4", "li.wei").unwrap();
        pane.refresh(as_of);
        assert_eq!(ids(&pane), ["T4"]);
        assert!(TaskFilter::parse("owner=x", "u")
            .unwrap_err()
            .contains("unknown field \"owner\""));
        // A batch adds one, changes one and removes one; one re-sort.
        let mut moved = task("T1", "2026-06-10", Some("li.wei"), Some("renewal"));
        moved.customer_id = "C2".into();
        pane.filter = TaskFilter::default();
        pane.selection.insert("T2".into());
        pane.apply(
            vec![moved, task("T5", "2026-07-01", None, None)],
            &["T2".to_string()],
            as_of,
        );
        assert_eq!(ids(&pane), ["T1", "T3", "T5"]);
        assert!(pane.selection.is_empty() && pane.get("T2").is_none());
        let counts = pane.open_counts(&["C1".to_string(), "C2".to_string(), "C9".to_string()]);
        assert_eq!((counts["C1"], counts["C2"], counts["C9"]), (2, 1, 0));
        assert!(TaskFilter::parse("status=later", "u")
            .unwrap_err()
            .contains("unknown value \"later\""));
    }
}
