//! The segment drill-down: the value × risk matrix, then one cell's
//! behaviour split, then one behaviour's groups by kind, province or
//! industry, then the filtered customer list.

use crate::model::{BehaviorLabel, Labelled, Tier};
use crate::roster::{Cell, Group, Grouping, Segments};
use crate::tui::commands::Command;
use crate::tui::list_cursor::ListCursor;

/// Tiers in matrix order: high first.
pub const TIERS: [Tier; 3] = [Tier::High, Tier::Medium, Tier::Low];
pub const BEHAVIORS: [BehaviorLabel; 3] = [
    BehaviorLabel::Active,
    BehaviorLabel::Potential,
    BehaviorLabel::Churned,
];

#[derive(Debug, Default)]
pub struct SegmentsPane {
    pub grouping: Grouping,
    /// Matrix cursor: value row, risk column.
    pub matrix: (usize, usize),
    /// Level 1 and deeper: the chosen cell.
    pub cell: Option<Cell>,
    /// Level 2: the chosen behaviour.
    pub behavior: Option<BehaviorLabel>,
    /// Cursor in the level-1 and level-2 lists.
    pub list: ListCursor,
}

/// What `Enter` leads to.
pub enum Drill {
    /// Stayed in the pane (went one level down).
    Deeper,
    /// Open the customer list with this segment expression.
    Customers {
        expr: String,
        note: Option<String>,
    },
    Nothing,
}

impl SegmentsPane {
    pub fn level(&self) -> usize {
        match (self.cell, self.behavior) {
            (None, _) => 0,
            (Some(_), None) => 1,
            (Some(_), Some(_)) => 2,
        }
    }

    pub fn matrix_cell(&self) -> Cell {
        Cell {
            value: Some(TIERS[self.matrix.0]),
            risk: Some(TIERS[self.matrix.1]),
            behavior: None,
        }
    }

    /// The cell of the current level-2 list.
    pub fn level2_cell(&self) -> Option<Cell> {
        let cell = self.cell?;
        Some(Cell {
            behavior: self.behavior,
            ..cell
        })
    }

    pub fn groups(&self, segments: &Segments) -> Vec<(Group, crate::roster::Totals)> {
        self.level2_cell()
            .map(|cell| segments.groups(cell, self.grouping))
            .unwrap_or_default()
    }

    /// The breadcrumb steps; `times` is the theme's `×`.
    pub fn crumbs(&self, times: &str) -> Vec<String> {
        let mut out = vec![format!("value {times} risk")];
        if let Some(cell) = self.cell {
            out.push(format!(
                "value {} {times} risk {}",
                cell.value.map_or("any", |t| t.code()),
                cell.risk.map_or("any", |t| t.code())
            ));
        }
        if let Some(b) = self.behavior {
            out.push(b.code().to_string());
            out.push(format!("by {}", self.grouping.name()));
        }
        out
    }

    pub fn move_cursor(&mut self, command: Command, segments: Option<&Segments>) -> bool {
        match self.level() {
            0 => {
                let (r, c) = &mut self.matrix;
                match command {
                    Command::CursorDown => *r = (*r + 1).min(2),
                    Command::CursorUp => *r = r.saturating_sub(1),
                    Command::CursorRight => *c = (*c + 1).min(2),
                    Command::CursorLeft => *c = c.saturating_sub(1),
                    Command::CursorTop => *r = 0,
                    Command::CursorBottom => *r = 2,
                    _ => return false,
                }
                true
            }
            1 => self.list.apply(command, BEHAVIORS.len()),
            _ => {
                let len = segments.map_or(0, |s| self.groups(s).len());
                self.list.apply(command, len)
            }
        }
    }

    pub fn drill(&mut self, segments: Option<&Segments>) -> Drill {
        match self.level() {
            0 => {
                self.cell = Some(self.matrix_cell());
                self.list = ListCursor::default();
                Drill::Deeper
            }
            1 => {
                self.behavior = Some(BEHAVIORS[self.list.pos.min(2)]);
                self.list = ListCursor::default();
                Drill::Deeper
            }
            _ => {
                let Some(segments) = segments else {
                    return Drill::Nothing;
                };
                let groups = self.groups(segments);
                let (Some(cell), Some((group, _))) =
                    (self.level2_cell(), groups.get(self.list.pos))
                else {
                    return Drill::Nothing;
                };
                let mut terms = cell.terms();
                let note = match group.term() {
                    Some(term) => {
                        terms.push(term);
                        None
                    }
                    None => Some(
                        "a segment expression cannot say \"no industry\": showing the whole behaviour group"
                            .to_string(),
                    ),
                };
                Drill::Customers {
                    expr: terms.join(" "),
                    note,
                }
            }
        }
    }

    /// Up one level; false at the top.
    pub fn back(&mut self) -> bool {
        match self.level() {
            0 => false,
            1 => {
                self.cell = None;
                true
            }
            _ => {
                let pos = self
                    .behavior
                    .and_then(|b| BEHAVIORS.iter().position(|x| *x == b))
                    .unwrap_or(0);
                self.behavior = None;
                self.list = ListCursor::default();
                self.list.pos = pos;
                true
            }
        }
    }

    pub fn next_grouping(&mut self) {
        self.grouping = self.grouping.next();
        if self.level() == 2 {
            self.list = ListCursor::default();
        }
    }
}
