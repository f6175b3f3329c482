//! What each command does, depending on what has the focus: an input line,
//! an overlay, or the current pane.

use super::{App, Redraw};
use crate::followup::tasks::TaskChange;
use crate::model::TaskStatus;
use crate::tui::commands::Command;
use crate::tui::input_line::{InputLine, Purpose};
use crate::tui::overlays::help::{self, Help};
use crate::tui::overlays::Overlay;
use crate::tui::panes::customer_view::CustomerView;
use crate::tui::panes::segments::Drill;
use crate::tui::panes::Pane;
use crate::tui::writer::WriteRequest;

impl App {
    pub(super) fn run(&mut self, command: Command) {
        self.redraw = Redraw::Now;
        let in_field = self.input.is_some()
            || self
                .overlays
                .last()
                .is_some_and(|o| o.is_form() || matches!(o, Overlay::Help(_) | Overlay::Search(_)));
        if in_field && self.run_in_text_field(command) {
            return;
        }
        match command {
            Command::Noop => {}
            Command::Quit => self.ask_quit(),
            Command::Suspend => self.suspend = true,
            Command::PaneCustomers => self.go_to(Pane::Customers),
            Command::PaneSegments => self.go_to(Pane::Segments),
            Command::PaneRisk => self.go_to(Pane::Risk),
            Command::PaneTasks => self.go_to(Pane::Tasks),
            Command::PaneNext => self.go_to(self.pane.next()),
            Command::PanePrev => self.go_to(self.pane.prev()),
            Command::CursorDown
            | Command::CursorUp
            | Command::CursorLeft
            | Command::CursorRight
            | Command::CursorTop
            | Command::CursorBottom
            | Command::HalfPageDown
            | Command::HalfPageUp
            | Command::PageDown
            | Command::PageUp => self.move_cursor(command),
            Command::SearchOpen => self.open_search(),
            Command::FilterEdit => self.edit_filter(),
            Command::CommandLine => self.input = Some(InputLine::new(Purpose::Command, "")),
            Command::HelpOpen => self.overlays.push(Overlay::Help(Help::default())),
            Command::Open => self.open(),
            Command::Back => self.back(),
            Command::Escape => self.escape(),
            Command::SelectToggle => match self.pane {
                Pane::Customers => self.customers.toggle_selection(self.roster.len()),
                Pane::Tasks => self.tasks.toggle_selection(),
                _ => {}
            },
            Command::SelectAll => match self.pane {
                Pane::Customers => {
                    self.customers.select_all(self.roster.len());
                    let n = self.customers.selected_count(self.roster.len());
                    self.info(format!("{n} customers selected"));
                }
                Pane::Tasks => self.tasks.select_all(),
                _ => {}
            },
            Command::SelectVisual => {
                if self.pane == Pane::Customers {
                    self.customers.toggle_visual(self.roster.len());
                }
            }
            Command::SortNext | Command::SortReverse => self.sort(command),
            Command::ClassifyRun => self.classify_now(),
            Command::SegmentsGrouping => {
                self.segments.next_grouping();
                self.info(format!("grouping by {}", self.segments.grouping.name()));
            }
            Command::TaskDone => {
                if let Some(id) = self.current_task_id() {
                    self.change_task(id, TaskChange::Status(TaskStatus::Done));
                }
            }
            Command::TaskSnooze | Command::TaskReassign => self.prompt_task(command),
            Command::BatchTag => self.tag_prompt(),
            Command::BatchTask => self.task_form(),
            Command::BatchUndo => self.undo_last(),
            Command::InteractionLog => self.interaction_form(),
            Command::PlaybooksRun => self.playbooks(),
            Command::ConfirmYes => self.confirm_yes(),
            Command::ConfirmNo => self.confirm_no(),
            Command::FormNext | Command::FormPrev => {
                if let Some(form) = self.overlays.last_mut().and_then(Overlay::form_mut) {
                    form.move_focus(command == Command::FormNext);
                }
            }
            Command::InputSubmit
            | Command::InputCancel
            | Command::InputBackspace
            | Command::InputDelete
            | Command::InputLeft
            | Command::InputRight
            | Command::InputHome
            | Command::InputEnd
            | Command::InputClear
            | Command::HistoryPrev
            | Command::HistoryNext => {}
        }
    }

    /// `q` and `:q`: quits, unless a batch is being written (Ctrl-c still
    /// quits; the batch is then written whole or not at all).
    pub(super) fn ask_quit(&mut self) {
        match self.batch_running {
            Some(label) => self.error(format!(
                "{label} is still running: q again once it is done (Ctrl-c quits now; the batch is then all or nothing)"
            )),
            None => self.quit = true,
        }
    }

    fn go_to(&mut self, pane: Pane) {
        self.overlays.clear();
        self.customers.visual_anchor = None;
        self.pane = pane;
    }

    fn move_cursor(&mut self, command: Command) {
        let roster_len = self.roster.len();
        match self.overlays.last_mut() {
            Some(Overlay::Customer(view)) => {
                view.scroll(command);
            }
            Some(Overlay::Help(h)) => {
                let len = help::entries(&self.keymap, h.edit.text()).len();
                h.cursor.apply(command, len);
            }
            Some(Overlay::Search(s)) => {
                let len = s.hits.len();
                s.cursor.apply(command, len);
            }
            Some(Overlay::TaskForm(_) | Overlay::InteractionForm(_) | Overlay::Confirm(_)) => {}
            None => match self.pane {
                Pane::Customers => {
                    self.customers.move_cursor(command, roster_len);
                }
                Pane::Segments => {
                    self.segments
                        .move_cursor(command, self.segments_data.as_ref());
                }
                Pane::Risk => {
                    let len = self.risk_data.as_ref().map_or(0, |r| r.highest.len());
                    self.risk.cursor.apply(command, len);
                }
                Pane::Tasks => {
                    let len = self.tasks.len();
                    self.tasks.cursor.apply(command, len);
                }
            },
        }
    }

    fn edit_filter(&mut self) {
        self.input = match self.pane {
            Pane::Customers => Some(InputLine::new(
                Purpose::CustomerFilter,
                &self.customers.filter_text,
            )),
            Pane::Tasks => Some(InputLine::new(Purpose::TaskFilter, &self.tasks.filter_text)),
            _ => return,
        };
    }

    /// Opens the customer view over the list.
    pub fn open_customer(&mut self, customer_id: &str) {
        match CustomerView::load(&self.book, customer_id, &self.rules, self.as_of) {
            Ok(Some(view)) => {
                self.overlays.retain(|o| !matches!(o, Overlay::Customer(_)));
                self.overlays.push(Overlay::Customer(Box::new(view)));
            }
            Ok(None) => self.error(format!("customer {customer_id} is no longer in the book")),
            Err(e) => self.error(format!("reading {customer_id} failed: {e}")),
        }
    }

    fn open(&mut self) {
        if !self.overlays.is_empty() {
            return;
        }
        let id = match self.pane {
            Pane::Customers => self
                .customers
                .cursor_row()
                .map(|row| self.roster.row(row).id().to_string()),
            Pane::Risk => self
                .risk_data
                .as_ref()
                .and_then(|r| r.highest.get(self.risk.cursor.pos))
                .map(|row| self.roster.row(*row).id().to_string()),
            Pane::Tasks => self.tasks.current().map(|t| t.customer_id.clone()),
            Pane::Segments => {
                match self.segments.drill(self.segments_data.as_ref()) {
                    Drill::Customers { expr, note } => match self.set_customer_filter(&expr) {
                        Ok(()) => {
                            self.pane = Pane::Customers;
                            self.customers.from_segments = true;
                            self.customers.cursor.pos = 0;
                            match note {
                                Some(note) => self.info(note),
                                None => self.info(format!("filter: {expr}  (h: back to segments)")),
                            }
                        }
                        Err(e) => self.error(e),
                    },
                    Drill::Deeper | Drill::Nothing => {}
                }
                None
            }
        };
        if let Some(id) = id {
            self.open_customer(&id);
        }
    }

    fn back(&mut self) {
        if let Some(Overlay::Customer(_)) = self.overlays.last() {
            self.overlays.pop();
            return;
        }
        match self.pane {
            Pane::Segments => {
                self.segments.back();
            }
            Pane::Customers if self.customers.from_segments => {
                self.customers.from_segments = false;
                self.pane = Pane::Segments;
            }
            _ => {}
        }
    }

    /// Esc: the innermost thing that can be closed, cleared or left.
    fn escape(&mut self) {
        if self.overlays.pop().is_some() {
            return;
        }
        if self.customers.visual_anchor.take().is_some() {
            return;
        }
        match self.pane {
            Pane::Customers if !self.customers.selection.is_empty() => {
                self.customers.selection.clear();
                self.info("selection cleared");
            }
            Pane::Tasks if !self.tasks.selection.is_empty() => {
                self.tasks.selection.clear();
                self.info("selection cleared");
            }
            _ => self.cancel_job(),
        }
    }

    fn sort(&mut self, command: Command) {
        if self.pane != Pane::Customers {
            return;
        }
        let sort = &mut self.customers.sort;
        if command == Command::SortNext {
            sort.column = sort.column.next();
            sort.reversed = false;
        } else {
            sort.reversed = !sort.reversed;
        }
        let text = format!(
            "sorted by {}{}",
            sort.column.title(),
            if sort.reversed { " (reversed)" } else { "" }
        );
        self.request_view(false);
        self.info(text);
    }

    /// The task under the cursor in the Tasks pane (nothing over it).
    fn current_task_id(&self) -> Option<String> {
        if self.pane != Pane::Tasks || !self.overlays.is_empty() {
            return None;
        }
        self.tasks.current().map(|t| t.id.clone())
    }

    /// One task edit, as its own undoable batch on the writer thread.
    pub(super) fn change_task(&mut self, id: String, change: TaskChange) {
        self.workers.writer.request(WriteRequest::Tasks {
            ids: vec![id],
            change,
        });
    }

    fn prompt_task(&mut self, command: Command) {
        let Some(id) = self.current_task_id() else {
            return;
        };
        let Some(task) = self.tasks.get(&id) else {
            return;
        };
        self.input = Some(if command == Command::TaskSnooze {
            InputLine::new(Purpose::Snooze(id), "+7")
        } else {
            let current = task.assignee.clone().unwrap_or_default();
            InputLine::new(Purpose::Reassign(id), &current)
        });
    }
}
