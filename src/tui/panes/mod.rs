//! The state of the four panes and of the customer view, with the logic of
//! their commands. Drawing lives in `draw/`.

pub mod customer_view;
pub mod customers;
pub mod risk;
pub mod segments;
pub mod tasks;

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Pane {
    #[default]
    Customers,
    Segments,
    Risk,
    Tasks,
}

impl Pane {
    pub const ALL: [Pane; 4] = [Pane::Customers, Pane::Segments, Pane::Risk, Pane::Tasks];

    pub fn title(self) -> &'static str {
        match self {
            Pane::Customers => "Customers",
            Pane::Segments => "Segments",
            Pane::Risk => "Risk",
            Pane::Tasks => "Tasks",
        }
    }

    pub fn index(self) -> usize {
        Pane::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }

    pub fn next(self) -> Pane {
        Pane::ALL[(self.index() + 1) % 4]
    }

    pub fn prev(self) -> Pane {
        Pane::ALL[(self.index() + 3) % 4]
    }
}
