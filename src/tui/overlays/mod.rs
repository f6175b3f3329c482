//! What opens over the panes: the customer view, the search box, help,
//! the new-task form and the confirmation of a batch change.

pub mod confirm;
pub mod help;
pub mod search;
pub mod task_form;

use super::panes::customer_view::CustomerView;

pub enum Overlay {
    Customer(Box<CustomerView>),
    Help(help::Help),
    Search(search::Search),
    TaskForm(Box<task_form::TaskForm>),
    Confirm(Box<confirm::Confirm>),
}
