//! The new-task form (`n`, and `:task`): title, due date, assignee and
//! priority of the task created for each target customer, checked field by
//! field before the confirmation.

use super::form::{Fields, Form, FormFields};
use crate::followup::tasks::NewTask;
use crate::model::date_codec::parse_date;
use crate::model::{Labelled, Priority};
use crate::tui::batch::Targets;
use crate::tui::line_edit::LineEdit;
use chrono::{Duration, NaiveDate};

/// The fields of the task form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Title,
    Due,
    Assignee,
    Priority,
}

impl Fields for Field {
    const ALL: &'static [Field] = &[Field::Title, Field::Due, Field::Assignee, Field::Priority];

    fn label(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Due => "due",
            Field::Assignee => "assignee",
            Field::Priority => "priority",
        }
    }

    fn hint(self) -> &'static str {
        match self {
            Field::Title => "",
            Field::Due => "YYYY-MM-DD or +N days",
            Field::Assignee => "empty: nobody",
            Field::Priority => "high, normal or low",
        }
    }
}

/// Days after the as-of date a new task is due unless told otherwise.
pub const DEFAULT_DUE_DAYS: i64 = 7;

pub struct TaskForm {
    pub targets: Targets,
    pub fields: FormFields<Field>,
}

impl TaskForm {
    /// Due a week after the as-of date, assigned to the user, normal.
    pub fn new(targets: Targets, as_of: NaiveDate, user: &str) -> TaskForm {
        let due = (as_of + Duration::days(DEFAULT_DUE_DAYS)).to_string();
        TaskForm {
            targets,
            fields: FormFields::new(|field| match field {
                Field::Title => String::new(),
                Field::Due => due.clone(),
                Field::Assignee => user.to_string(),
                Field::Priority => Priority::Normal.code().to_string(),
            }),
        }
    }

    /// The task the fields describe, or the first field in error and why.
    pub fn task(&self, as_of: NaiveDate) -> Result<NewTask, (Field, String)> {
        let text = |field| self.fields.text(field);
        let title = text(Field::Title).trim();
        if title.is_empty() {
            return Err((Field::Title, "the task needs a title".into()));
        }
        let due = parse_due(text(Field::Due), as_of).map_err(|e| (Field::Due, e))?;
        let assignee = text(Field::Assignee).trim();
        let assignee = (!assignee.is_empty()).then(|| assignee.to_string());
        let priority_text = text(Field::Priority);
        let priority = Priority::parse_label(priority_text).ok_or_else(|| {
            (
                Field::Priority,
                format!(
                    "priority {:?} is not one of {}",
                    priority_text.trim(),
                    Priority::codes_list()
                ),
            )
        })?;
        Ok(NewTask::simple(title, due, assignee, priority))
    }
}

impl Form for TaskForm {
    fn edit(&mut self) -> &mut LineEdit {
        self.fields.edit()
    }

    fn move_focus(&mut self, forward: bool) {
        self.fields.move_focus(forward, |_| true);
    }
}

/// A due date: `YYYY-MM-DD`, or `+N` / `+Nd` days after the as-of date.
pub fn parse_due(text: &str, as_of: NaiveDate) -> Result<NaiveDate, String> {
    let text = text.trim();
    let bad = || format!("{text:?}: write a date YYYY-MM-DD or +N days");
    if let Some(days) = text.strip_prefix('+') {
        let days: i64 = days
            .strip_suffix('d')
            .unwrap_or(days)
            .parse()
            .map_err(|_| bad())?;
        return as_of
            .checked_add_signed(Duration::days(days))
            .ok_or_else(bad);
    }
    parse_date(text).ok_or_else(bad)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::batch::Targets;

    fn as_of() -> NaiveDate {
        parse_date("2026-06-30").unwrap()
    }

    fn targets() -> Targets {
        Targets {
            ids: vec!["C1".to_string()].into(),
            rows: vec![0].into(),
            what: "C1".into(),
        }
    }

    #[test]
    fn due_takes_a_date_or_days() {
        let day = |s| parse_date(s).unwrap();
        assert_eq!(parse_due("+7", as_of()), Ok(day("2026-07-07")));
        assert_eq!(parse_due(" +14d ", as_of()), Ok(day("2026-07-14")));
        assert_eq!(parse_due("2026-08-01", as_of()), Ok(day("2026-08-01")));
        for bad in ["soon", "+", "+xd", "2026-13-01", "+99999999999"] {
            assert!(parse_due(bad, as_of()).is_err(), "{bad}");
        }
    }

    #[test]
    fn defaults_make_a_task_once_titled_and_errors_name_the_field() {
        let mut form = TaskForm::new(targets(), as_of(), "li.wei");
        assert_eq!(form.task(as_of()).unwrap_err().0, Field::Title);
        form.fields.set(Field::Title, " 续保 Renewal call ");
        let task = form.task(as_of()).unwrap();
        assert_eq!(task.title, "续保 Renewal call");
        assert_eq!(task.due, parse_date("2026-07-07").unwrap());
        assert_eq!(task.assignee.as_deref(), Some("li.wei"));
        assert_eq!(task.priority, Priority::Normal);
        form.fields.set(Field::Assignee, "  ");
        form.fields.set(Field::Priority, "高");
        let task = form.task(as_of()).unwrap();
        assert_eq!((task.assignee, task.priority), (None, Priority::High));
        form.fields.set(Field::Priority, "urgent");
        let (field, why) = form.task(as_of()).unwrap_err();
        assert_eq!(field, Field::Priority);
        assert!(
            why.contains("\"urgent\" is not one of high, normal, low"),
            "{why}"
        );
        form.fields.set(Field::Due, "next week");
        assert_eq!(form.task(as_of()).unwrap_err().0, Field::Due);
    }
}
