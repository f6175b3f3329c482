//! What opens over the panes: the customer view, the search box, help,
//! the forms (a new task, an interaction) and the confirmation of a batch
//! change.

pub mod confirm;
pub mod form;
pub mod help;
pub mod interaction_form;
pub mod search;
pub mod task_form;

use super::panes::customer_view::CustomerView;

pub enum Overlay {
    Customer(Box<CustomerView>),
    Help(help::Help),
    Search(search::Search),
    TaskForm(Box<task_form::TaskForm>),
    InteractionForm(Box<interaction_form::InteractionForm>),
    Confirm(Box<confirm::Confirm>),
}

impl Overlay {
    /// The form this is, if it is one.
    pub fn form_mut(&mut self) -> Option<&mut dyn form::Form> {
        match self {
            Overlay::TaskForm(f) => Some(f.as_mut()),
            Overlay::InteractionForm(f) => Some(f.as_mut()),
            _ => None,
        }
    }

    pub fn is_form(&self) -> bool {
        matches!(self, Overlay::TaskForm(_) | Overlay::InteractionForm(_))
    }
}
