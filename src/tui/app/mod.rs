//! The UI's state and everything that changes it: keys resolved through the
//! keymap to commands, commands, and the events of the background workers.
//! Drawing (`draw/`) only reads it. Tests drive an `App` directly, by
//! command name or by keys, and render it to a test backend.

mod background;
mod batch_jobs;
mod batch_questions;
mod batch_refresh;
mod cmdline;
mod commands;
mod input;
mod jobs;

pub use background::{Incoming, UiEvent};

use super::commands::Command;
use super::input_line::InputLine;
use super::keymap::{Context, Key, Keymap, Resolution};
use super::overlays::Overlay;
use super::panes::customers::CustomersPane;
use super::panes::risk::RiskPane;
use super::panes::segments::SegmentsPane;
use super::panes::tasks::{TaskFilter, TasksPane};
use super::panes::Pane;
use super::state_file::UiState;
use super::theme::Theme;
use crate::classify::Rules;
use crate::roster::{RiskProfile, Roster, Segments};
use crate::segment::Expr;
use crate::store::Book;
use background::Workers;
use chrono::NaiveDate;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What the UI is started with.
#[derive(Clone, Debug)]
pub struct AppOptions {
    pub as_of: NaiveDate,
    pub rules: Rules,
    pub theme: Theme,
    pub keymap: Keymap,
    pub state: UiState,
}

/// Progress of a background job, for the status line.
#[derive(Clone, Debug, PartialEq)]
pub struct Progress {
    pub label: &'static str,
    pub done: usize,
    pub total: Option<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MessageKind {
    Info,
    Error,
}

/// How soon the screen must be redrawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Redraw {
    No,
    /// Only progress changed: at most every [`PROGRESS_REDRAW`].
    Progress,
    Now,
}

/// Progress ticks redraw the status line no more often than this.
pub const PROGRESS_REDRAW: Duration = Duration::from_millis(100);
/// After data changes, the sorted/filtered view and the aggregates are
/// worked out again once things settle for this long.
const VIEW_SETTLE: Duration = Duration::from_millis(300);

pub struct App {
    pub(super) book: Arc<Book>,
    pub(super) as_of: NaiveDate,
    pub(super) rules: Rules,
    pub(super) theme: Theme,
    pub(super) keymap: Keymap,
    pub(super) state: UiState,
    pub(super) pane: Pane,
    pub(super) overlays: Vec<Overlay>,
    pub(super) input: Option<InputLine>,
    pending_keys: Vec<Key>,
    pub(super) roster: Roster,
    /// The roster holds every customer (the load finished).
    pub(super) loaded: bool,
    pub(super) segments_data: Option<Segments>,
    pub(super) risk_data: Option<RiskProfile>,
    pub(super) customers: CustomersPane,
    pub(super) segments: SegmentsPane,
    pub(super) risk: RiskPane,
    pub(super) tasks: TasksPane,
    pub(super) jobs: Vec<Progress>,
    pub(super) message: Option<(String, MessageKind)>,
    workers: Workers,
    view_generation: u64,
    aggregates_generation: u64,
    view_due: Option<Instant>,
    /// Customers changed while the roster was still loading: re-read them
    /// once it has.
    refresh_after_load: Vec<String>,
    /// A classification run finished while the roster was still loading:
    /// re-read every stored label once it has.
    labels_after_load: bool,
    /// Customers selected before the roster was read again (`:asof`).
    reselect_after_load: Vec<String>,
    /// The last search query sent.
    search_sent: u64,
    /// The user asked for the running classification (`r`): say when done.
    classify_asked: bool,
    /// The batch action on the writer thread (its status-line label): one
    /// at a time, so `u` always names the batch just made.
    batch_running: Option<&'static str>,
    /// `p` waits for the engine to bring the labels up to date before its
    /// dry run.
    playbooks_waiting: bool,
    redraw: Redraw,
    quit: bool,
    suspend: bool,
    /// Why the UI had to stop (a panic somewhere).
    fatal: Option<String>,
}

impl App {
    pub fn new(book: Arc<Book>, options: AppOptions) -> App {
        let workers = Workers::start(&book, options.as_of, &options.rules);
        let state = options.state;
        let mut app = App {
            roster: Roster::new(options.as_of),
            as_of: options.as_of,
            rules: options.rules,
            theme: options.theme,
            pane: state.pane,
            overlays: Vec::new(),
            input: None,
            pending_keys: Vec::new(),
            loaded: false,
            segments_data: None,
            risk_data: None,
            customers: CustomersPane::default(),
            segments: SegmentsPane::default(),
            risk: RiskPane::default(),
            tasks: TasksPane::default(),
            jobs: vec![Progress {
                label: "loading",
                done: 0,
                total: None,
            }],
            message: None,
            workers,
            view_generation: 0,
            aggregates_generation: 0,
            view_due: None,
            refresh_after_load: Vec::new(),
            labels_after_load: false,
            reselect_after_load: Vec::new(),
            search_sent: 0,
            classify_asked: false,
            batch_running: None,
            playbooks_waiting: false,
            redraw: Redraw::Now,
            quit: false,
            suspend: false,
            fatal: None,
            keymap: options.keymap,
            book,
            state,
        };
        app.restore_state();
        if let Some(conflict) = app.keymap.conflicts.first() {
            let more = app.keymap.conflicts.len() - 1;
            let more = if more > 0 {
                format!(" (and {more} more)")
            } else {
                String::new()
            };
            app.error(format!("keymap conflict: {conflict}{more}"));
        }
        app
    }

    fn restore_state(&mut self) {
        self.customers.sort = self.state.sort;
        self.segments.grouping = self.state.grouping;
        let filter = self.state.filter.clone();
        if let Err(e) = self.set_customer_filter(&filter) {
            self.error(format!("saved filter ignored: {e}"));
        }
        match TaskFilter::parse(&self.state.task_filter, self.book.user()) {
            Ok(f) => {
                self.tasks.filter = f;
                self.tasks.filter_text = self.state.task_filter.clone();
            }
            Err(e) => self.error(format!("saved task filter ignored: {e}")),
        }
    }

    /// The state to save on quit.
    pub fn ui_state(&self) -> UiState {
        UiState {
            pane: self.pane,
            sort: self.customers.sort,
            grouping: self.segments.grouping,
            filter: self.customers.filter_text.clone(),
            task_filter: self.tasks.filter_text.clone(),
            ..self.state.clone()
        }
    }

    pub fn user(&self) -> &str {
        self.book.user()
    }

    pub fn as_of(&self) -> NaiveDate {
        self.as_of
    }

    pub fn pane(&self) -> Pane {
        self.pane
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// A suspend (Ctrl-z) was asked for; the event loop does it.
    pub fn take_suspend(&mut self) -> bool {
        std::mem::take(&mut self.suspend)
    }

    /// Why the UI stopped, if it did not end normally.
    pub fn fatal(&self) -> Option<&str> {
        self.fatal.as_deref()
    }

    /// Shows an error in the status line.
    pub fn show_error(&mut self, text: impl Into<String>) {
        self.error(text);
    }

    pub fn message(&self) -> Option<&(String, MessageKind)> {
        self.message.as_ref()
    }

    pub fn roster(&self) -> &Roster {
        &self.roster
    }

    pub fn is_loaded(&self) -> bool {
        self.loaded
    }

    /// Ids of the customers selected in the Customers pane (with a visual
    /// range being drawn), in row order: what batch actions act on.
    pub fn selected_customer_ids(&self) -> Vec<String> {
        self.customers
            .selected_rows(self.roster.len())
            .into_iter()
            .map(|row| self.roster.row(row).id().to_string())
            .collect()
    }

    /// The customer under the cursor in the Customers pane.
    pub fn current_customer_id(&self) -> Option<String> {
        self.customers
            .cursor_row()
            .map(|row| self.roster.row(row).id().to_string())
    }

    pub(super) fn info(&mut self, text: impl Into<String>) {
        self.message = Some((text.into(), MessageKind::Info));
        self.redraw = Redraw::Now;
    }

    pub(super) fn error(&mut self, text: impl Into<String>) {
        self.message = Some((text.into(), MessageKind::Error));
        self.redraw = Redraw::Now;
    }

    /// The context stack keys are looked up in right now.
    pub fn contexts(&self) -> &'static [Context] {
        use Context::*;
        if self.input.is_some() {
            return if self.input.as_ref().is_some_and(|i| i.purpose.has_history()) {
                &[History, Input]
            } else {
                &[Input]
            };
        }
        match self.overlays.last() {
            Some(Overlay::Customer(_)) => &[Customer, List, Global],
            Some(Overlay::Help(_)) => &[Help, Input],
            Some(Overlay::Search(_)) => &[Search, Input],
            Some(Overlay::TaskForm(_) | Overlay::InteractionForm(_)) => &[Form, Input],
            Some(Overlay::Confirm(_)) => &[Confirm],
            None => match self.pane {
                Pane::Customers if self.customers.visual_anchor.is_some() => {
                    &[Visual, Customers, List, Global]
                }
                Pane::Customers => &[Customers, List, Global],
                Pane::Segments => &[Segments, List, Global],
                Pane::Risk => &[Risk, List, Global],
                Pane::Tasks => &[Tasks, List, Global],
            },
        }
    }

    /// Whether typed characters go into a text field.
    fn typing(&self) -> bool {
        self.contexts().contains(&Context::Input)
    }

    /// Keys typed so far of an unfinished sequence (`g` of `g g`).
    pub fn pending_keys(&self) -> &[Key] {
        &self.pending_keys
    }

    /// One key press: Ctrl-c quits whatever the keymap says; otherwise the
    /// keymap decides, and unbound characters are typed into a text field.
    pub fn on_key(&mut self, key: Key) {
        self.redraw = Redraw::Now;
        if key == Key::ctrl('c') {
            self.quit = true;
            return;
        }
        self.pending_keys.push(key);
        match self.keymap.resolve(self.contexts(), &self.pending_keys) {
            Resolution::Run(command) => {
                self.pending_keys.clear();
                self.run(command);
            }
            Resolution::Pending => {}
            Resolution::Unbound => {
                let was_sequence = self.pending_keys.len() > 1;
                self.pending_keys.clear();
                if was_sequence {
                    // `g` then `j`: the `g` is dropped, the `j` still counts.
                    self.on_key(key);
                } else if let Some(c) = key.typed_char().filter(|_| self.typing()) {
                    self.type_char(c);
                }
            }
        }
    }

    /// Runs a command by name (tests and `:` use this); false if unknown.
    pub fn run_named(&mut self, name: &str) -> bool {
        match Command::from_name(name) {
            Some(command) => {
                self.run(command);
                true
            }
            None => false,
        }
    }

    /// Asks for the sorted/filtered view (and, with `aggregates`, the segment
    /// cube and risk profile) of the current roster.
    pub(super) fn request_view(&mut self, aggregates: bool) {
        if !self.loaded {
            return;
        }
        self.view_generation += 1;
        self.view_due = None;
        self.customers.view_pending = true;
        self.workers.analyst.request(crate::roster::ViewRequest {
            generation: self.view_generation,
            roster: self.roster.clone(),
            filter: self.customers.filter.clone(),
            sort: self.customers.sort,
            aggregates,
        });
    }

    /// Data changed: work the view out again once changes settle.
    pub(super) fn view_stale(&mut self) {
        if self.view_due.is_none() {
            self.view_due = Some(Instant::now() + VIEW_SETTLE);
        }
    }

    pub(super) fn set_customer_filter(&mut self, text: &str) -> Result<(), String> {
        let text = text.trim();
        let filter = if text.is_empty() {
            None
        } else {
            Some(Arc::new(Expr::parse(text).map_err(|e| e.to_string())?))
        };
        self.customers.filter = filter;
        self.customers.filter_text = text.to_string();
        self.request_view(false);
        Ok(())
    }

    /// When the event loop must wake even without events.
    pub fn deadline(&self) -> Option<Instant> {
        self.view_due
    }

    /// Time-driven work: the settled view refresh.
    pub fn tick(&mut self, now: Instant) {
        if self.view_due.is_some_and(|due| due <= now) {
            self.request_view(true);
        }
    }

    pub fn redraw(&self) -> Redraw {
        self.redraw
    }

    pub fn drawn(&mut self) {
        self.redraw = Redraw::No;
    }

    pub(super) fn set_progress(&mut self, label: &'static str, done: usize, total: Option<usize>) {
        match self.jobs.iter_mut().find(|j| j.label == label) {
            Some(job) => {
                job.done = done;
                if total.is_some() {
                    job.total = total;
                }
            }
            None => self.jobs.push(Progress { label, done, total }),
        }
        self.redraw = self.redraw.max(Redraw::Progress);
    }

    pub(super) fn end_progress(&mut self, label: &str) {
        self.jobs.retain(|j| j.label != label);
        self.redraw = Redraw::Now;
    }

    pub fn jobs(&self) -> &[Progress] {
        &self.jobs
    }
}
