//! The background workers the UI talks to, waiting on all of their
//! channels at once (plus the terminal's), and applying what they send.

use super::{App, Redraw};
use crate::roster::{Analyst, Feeder, LoadEvent, LoadRequest, ViewResult};
use crate::store::Book;
use crate::tui::keymap::Key;
use crate::tui::writer::{WriteOutcome, Writer};
use chrono::NaiveDate;
use crossbeam_channel::{never, Receiver, Select};
use std::sync::Arc;
use std::time::Instant;

/// Events from the terminal side: the input thread, signals, panics.
#[derive(Clone, Debug, PartialEq)]
pub enum UiEvent {
    Key(Key),
    Resize,
    /// SIGTERM, SIGHUP or SIGINT: quit now.
    Terminate(&'static str),
    /// SIGTSTP from outside.
    Suspend,
    /// A thread panicked (the hook has restored the terminal).
    Panic(String),
}

/// Whatever woke the UI.
pub enum Incoming {
    Ui(UiEvent),
    Load(LoadEvent),
    View(ViewResult),
    Write(WriteOutcome),
    Timeout,
}

pub(super) struct Workers {
    pub feeder: Feeder,
    load_rx: Receiver<LoadEvent>,
    pub analyst: Analyst,
    view_rx: Receiver<ViewResult>,
    pub writer: Writer,
    write_rx: Receiver<WriteOutcome>,
}

impl Workers {
    pub fn start(book: &Arc<Book>, as_of: NaiveDate) -> Workers {
        let (feeder, load_rx) = Feeder::start(Arc::clone(book), as_of);
        let (analyst, view_rx) = Analyst::start();
        let (writer, write_rx) = Writer::start(Arc::clone(book));
        Workers {
            feeder,
            load_rx,
            analyst,
            view_rx,
            writer,
            write_rx,
        }
    }
}

impl App {
    /// Waits for the next event of any worker or of `ui`, until `deadline`.
    pub fn wait(&mut self, ui: &Receiver<UiEvent>, deadline: Option<Instant>) -> Incoming {
        let w = &self.workers;
        let mut select = Select::new();
        let ui_i = select.recv(ui);
        let load_i = select.recv(&w.load_rx);
        let view_i = select.recv(&w.view_rx);
        let write_i = select.recv(&w.write_rx);
        let op = match deadline {
            Some(d) => match select.select_deadline(d) {
                Ok(op) => op,
                Err(_) => return Incoming::Timeout,
            },
            None => select.select(),
        };
        let i = op.index();
        let got = if i == ui_i {
            op.recv(ui).map(Incoming::Ui)
        } else if i == load_i {
            op.recv(&w.load_rx).map(Incoming::Load)
        } else if i == view_i {
            op.recv(&w.view_rx).map(Incoming::View)
        } else if i == write_i {
            op.recv(&w.write_rx).map(Incoming::Write)
        } else {
            unreachable!("select returned an operation it was not given")
        };
        match got {
            Ok(incoming) => incoming,
            Err(_) => {
                self.disconnected(i, ui_i, load_i, view_i, write_i);
                Incoming::Timeout
            }
        }
    }

    /// A channel closed: its thread ended. Never select it again (it would
    /// be ready forever) and say so unless that was expected.
    fn disconnected(&mut self, i: usize, ui_i: usize, load_i: usize, view_i: usize, write_i: usize) {
        let w = &mut self.workers;
        let what = if i == ui_i {
            // The terminal's threads end with the UI; nothing to report.
            return;
        } else if i == load_i {
            w.load_rx = never();
            "the roster reader"
        } else if i == view_i {
            w.view_rx = never();
            "the sorting thread"
        } else {
            debug_assert_eq!(i, write_i);
            w.write_rx = never();
            "the writer"
        };
        self.error(format!("{what} stopped; restart pcrm"));
    }

    /// Applies one event.
    pub fn handle(&mut self, incoming: Incoming) {
        match incoming {
            Incoming::Ui(event) => self.on_ui_event(event),
            Incoming::Load(event) => self.on_load(event),
            Incoming::View(result) => self.on_view(result),
            Incoming::Write(outcome) => self.on_write(outcome),
            Incoming::Timeout => {}
        }
        self.tick(Instant::now());
    }

    fn on_ui_event(&mut self, event: UiEvent) {
        match event {
            UiEvent::Key(key) => self.on_key(key),
            UiEvent::Resize => self.redraw = Redraw::Now,
            UiEvent::Terminate(_) => self.quit = true,
            UiEvent::Suspend => self.suspend = true,
            UiEvent::Panic(message) => {
                self.fatal = Some(message);
                self.quit = true;
            }
        }
    }

    fn on_load(&mut self, event: LoadEvent) {
        match event {
            LoadEvent::Tasks(tasks) => {
                self.tasks.set_tasks(tasks, self.as_of);
                self.redraw = Redraw::Now;
            }
            LoadEvent::Snapshot { roster, done } => {
                self.roster = roster;
                self.customers.rows_loaded(self.roster.len());
                self.set_progress("loading", done, None);
                self.redraw = Redraw::Now;
            }
            LoadEvent::Loaded { roster, .. } => {
                self.roster = roster;
                self.loaded = true;
                self.customers.rows_loaded(self.roster.len());
                self.customers.loaded();
                self.end_progress("loading");
                self.request_view(true);
                let ids = std::mem::take(&mut self.refresh_after_load);
                if !ids.is_empty() {
                    self.workers.feeder.request(LoadRequest::Customers(ids));
                }
            }
            LoadEvent::Labels(updates) => {
                for (row, labels) in updates {
                    self.roster.set_labels(row, labels);
                }
                self.view_stale();
                self.redraw = Redraw::Now;
            }
            LoadEvent::LabelsDone => {}
            LoadEvent::Customers { rows, removed } => {
                for row in rows {
                    self.roster.upsert(row);
                }
                for id in removed {
                    self.roster.remove(&id);
                }
                self.view_stale();
                self.redraw = Redraw::Now;
            }
            LoadEvent::Failed(e) => {
                self.end_progress("loading");
                self.error(format!("reading the book failed: {e}"));
            }
        }
    }

    fn on_view(&mut self, result: ViewResult) {
        if result.generation == self.view_generation {
            self.customers.set_order(result.order);
            self.customers.view_pending = false;
        }
        if let Some(aggregates) = result.aggregates {
            if result.generation >= self.aggregates_generation {
                let (segments, risk) = *aggregates;
                self.aggregates_generation = result.generation;
                self.segments_data = Some(segments);
                self.risk_data = Some(risk);
            }
        }
        self.redraw = Redraw::Now;
    }

    fn on_write(&mut self, outcome: WriteOutcome) {
        match outcome {
            WriteOutcome::Tasks { tasks, message } => {
                let mut customers: Vec<String> = tasks.iter().map(|t| t.customer_id.clone()).collect();
                customers.dedup();
                for task in tasks {
                    self.tasks.upsert(task, self.as_of);
                }
                for id in customers {
                    if let Some(row) = self.roster.find(&id) {
                        let open = self.tasks.open_count(&id).min(usize::from(u16::MAX));
                        self.roster.set_open_tasks(row, open as u16);
                    }
                }
                self.view_stale();
                self.info(message);
            }
            WriteOutcome::Failed(e) => self.error(format!("not saved: {e}")),
        }
    }

    /// Re-reads customers changed by an edit (now, or after the load).
    pub fn refresh_customers(&mut self, ids: Vec<String>) {
        if self.loaded {
            self.workers.feeder.request(LoadRequest::Customers(ids));
        } else {
            self.refresh_after_load.extend(ids);
        }
    }

    /// Loaded, and no view computation outstanding.
    pub fn is_quiet(&self) -> bool {
        self.loaded && !self.customers.view_pending && self.view_due.is_none()
    }

    /// Applies events until `done` holds and nothing more is waiting, or
    /// until `until`. Tests use it; the event loop has its own.
    pub fn settle_until(&mut self, until: Instant, done: impl Fn(&App) -> bool) {
        let ui = never();
        loop {
            let ready = done(self);
            let deadline = if ready {
                Instant::now()
            } else {
                self.view_due.map_or(until, |due| due.min(until))
            };
            match self.wait(&ui, Some(deadline)) {
                Incoming::Timeout => {
                    if ready || Instant::now() >= until {
                        return;
                    }
                    self.tick(Instant::now());
                }
                incoming => self.handle(incoming),
            }
        }
    }
}
