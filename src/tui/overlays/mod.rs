//! What opens over the panes: the customer view, the search box and help.

pub mod help;
pub mod search;

use super::panes::customer_view::CustomerView;

pub enum Overlay {
    Customer(Box<CustomerView>),
    Help(help::Help),
    Search(search::Search),
}
