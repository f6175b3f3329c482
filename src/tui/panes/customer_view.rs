//! The customer view (360): one customer read whole from the book when it
//! is opened (a few point reads), explained with the rules in force, then
//! scrolled.

use crate::classify::{explain_doc, label_history, Explanation, LabelChange, Rules};
use crate::model::{Classification, CustomerDoc, Task};
use crate::store::{codec, Book, StoreError, TreeId};
use crate::tui::commands::Command;
use chrono::NaiveDate;
use std::cell::Cell;

#[derive(Debug)]
pub struct CustomerView {
    pub doc: CustomerDoc,
    /// The labels as stored (what lists and segments show).
    pub stored: Option<Classification>,
    /// The scorecard worked out now, with every factor's reason.
    pub explanation: Explanation,
    pub tasks: Vec<Task>,
    pub history: Vec<LabelChange>,
    /// First line shown.
    pub top: usize,
    /// Lines of content and rows visible at the last draw.
    pub lines: Cell<usize>,
    pub page: Cell<usize>,
}

impl CustomerView {
    pub fn load(
        book: &Book,
        customer_id: &str,
        rules: &Rules,
        as_of: NaiveDate,
    ) -> Result<Option<CustomerView>, StoreError> {
        let Some(doc) = book.doc(customer_id)? else {
            return Ok(None);
        };
        let stored = match book
            .tree(TreeId::Classification)
            .get(customer_id.as_bytes())?
        {
            Some(bytes) => Some(codec::decode(&bytes, &|| {
                format!("classification/{customer_id}")
            })?),
            None => None,
        };
        let mut tasks = book.tasks_of(customer_id)?;
        tasks.sort_by(|a, b| a.status.cmp(&b.status).then(a.due.cmp(&b.due)));
        let mut history = label_history(book, customer_id)?;
        history.reverse();
        Ok(Some(CustomerView {
            explanation: explain_doc(&doc, rules, as_of),
            doc,
            stored,
            tasks,
            history,
            top: 0,
            lines: Cell::new(0),
            page: Cell::new(1),
        }))
    }

    pub fn scroll(&mut self, command: Command) -> bool {
        let page = self.page.get().max(1);
        let last = self.lines.get().saturating_sub(page);
        self.top = match command {
            Command::CursorDown => self.top + 1,
            Command::CursorUp => self.top.saturating_sub(1),
            Command::CursorTop => 0,
            Command::CursorBottom => last,
            Command::HalfPageDown => self.top + page / 2,
            Command::HalfPageUp => self.top.saturating_sub(page / 2),
            Command::PageDown => self.top + page,
            Command::PageUp => self.top.saturating_sub(page),
            _ => return false,
        }
        .min(last);
        true
    }
}
