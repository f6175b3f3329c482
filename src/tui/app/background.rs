//! The background workers the UI talks to, waiting on all of their
//! channels at once (plus the terminal's), and applying what they send.

use super::{App, Redraw};
use crate::classify::{Engine, EngineEvent, Job, Rules};
use crate::roster::{Analyst, Feeder, LoadEvent, LoadRequest, ViewResult};
use crate::search::{SearchEvent, Searcher};
use crate::store::Book;
use crate::tui::batch::Changes;
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
    Engine(EngineEvent),
    Search(SearchEvent),
    Timeout,
}

pub(super) struct Workers {
    pub feeder: Feeder,
    load_rx: Receiver<LoadEvent>,
    pub analyst: Analyst,
    view_rx: Receiver<ViewResult>,
    pub writer: Writer,
    write_rx: Receiver<WriteOutcome>,
    pub engine: Engine,
    engine_rx: Receiver<EngineEvent>,
    pub searcher: Searcher,
    search_rx: Receiver<SearchEvent>,
}

impl Workers {
    /// Starts every worker; the engine brings the stored labels up to date
    /// at once (the customers changed since, or all if the as-of date or
    /// the rules differ), while the UI shows the stored ones.
    pub fn start(book: &Arc<Book>, as_of: NaiveDate, rules: &Rules) -> Workers {
        let (feeder, load_rx) = Feeder::start(Arc::clone(book), as_of);
        let (analyst, view_rx) = Analyst::start();
        let (writer, write_rx) = Writer::start(Arc::clone(book));
        let (engine, engine_rx) = Engine::start(Arc::clone(book), rules.clone(), as_of);
        engine.request(Job::Pending);
        let (searcher, search_rx) = Searcher::start(Arc::clone(book));
        Workers {
            feeder,
            load_rx,
            analyst,
            view_rx,
            writer,
            write_rx,
            engine,
            engine_rx,
            searcher,
            search_rx,
        }
    }

    /// A new roster reader at another as-of date (the engine is told
    /// separately).
    pub fn restart_feeder(&mut self, book: &Arc<Book>, as_of: NaiveDate) {
        let (feeder, load_rx) = Feeder::start(Arc::clone(book), as_of);
        self.feeder = feeder;
        self.load_rx = load_rx;
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
        let engine_i = select.recv(&w.engine_rx);
        let search_i = select.recv(&w.search_rx);
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
        } else if i == engine_i {
            op.recv(&w.engine_rx).map(Incoming::Engine)
        } else if i == search_i {
            op.recv(&w.search_rx).map(Incoming::Search)
        } else {
            unreachable!("select returned an operation it was not given")
        };
        match got {
            Ok(incoming) => incoming,
            Err(_) => {
                // A channel closed: its thread ended. Never select it again
                // (it would be ready forever) and say so.
                let w = &mut self.workers;
                let what = if i == ui_i {
                    // The terminal's threads end with the UI.
                    return Incoming::Timeout;
                } else if i == load_i {
                    w.load_rx = never();
                    "the roster reader"
                } else if i == view_i {
                    w.view_rx = never();
                    "the sorting thread"
                } else if i == write_i {
                    w.write_rx = never();
                    "the writer"
                } else if i == engine_i {
                    w.engine_rx = never();
                    "the classification engine"
                } else {
                    w.search_rx = never();
                    "the search index"
                };
                self.error(format!("{what} stopped; restart pcrm"));
                Incoming::Timeout
            }
        }
    }

    /// Applies one event.
    pub fn handle(&mut self, incoming: Incoming) {
        match incoming {
            Incoming::Ui(event) => self.on_ui_event(event),
            Incoming::Load(event) => self.on_load(event),
            Incoming::View(result) => self.on_view(result),
            Incoming::Write(outcome) => self.on_write(outcome),
            Incoming::Engine(event) => self.on_engine(event),
            Incoming::Search(event) => self.on_search(event),
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
                if std::mem::take(&mut self.labels_after_load) {
                    self.refresh_labels(None);
                }
                for id in std::mem::take(&mut self.reselect_after_load) {
                    if let Some(row) = self.roster.find(&id) {
                        self.customers.selection.insert(row);
                    }
                }
            }
            LoadEvent::Labels(updates) => {
                let updates_len = updates.len();
                for (row, labels) in updates {
                    self.roster.set_labels(row, labels);
                }
                if let Some(job) = self.jobs.iter().find(|j| j.label == "relabelling") {
                    let done = job.done + updates_len;
                    self.set_progress("relabelling", done, None);
                }
                self.view_stale();
                self.redraw = Redraw::Now;
            }
            LoadEvent::LabelsDone => self.end_progress("relabelling"),
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
                self.apply_changes(Changes::of_tasks(tasks));
                self.info(message);
            }
            WriteOutcome::Batch(reply) => self.on_batch(reply),
            WriteOutcome::Exported { path, rows } => {
                self.end_progress("exporting");
                self.info(format!("{rows} customers written to {}", path.display()));
            }
            WriteOutcome::Failed(e) => {
                self.end_progress("exporting");
                self.error(format!("not saved: {e}"));
            }
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

    /// Loaded, no view computation outstanding, no background job running.
    pub fn is_quiet(&self) -> bool {
        self.loaded
            && !self.customers.view_pending
            && self.view_due.is_none()
            && self.jobs.is_empty()
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
