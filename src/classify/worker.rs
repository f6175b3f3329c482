//! The background engine: one thread that runs classification passes off
//! the caller's thread (a full pass borrows a second one, see `pass.rs`).
//!
//! Requests never block: they are merged into the pending work under a
//! short lock (single flight: a new full request replaces whatever was
//! pending, customer requests accumulate) and the thread is woken. Progress,
//! results and failures come back as [`EngineEvent`]s on an unbounded
//! channel. A panic in a pass is caught and reported as `Failed`; the
//! thread lives on for the next request.

use super::changed::Changed;
use super::pass::{run_work, Control, PassError, PassReport, Phase, Progress, Work};
use super::rules::Rules;
use crate::store::Book;
use chrono::NaiveDate;
use crossbeam_channel::{Receiver, Sender};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::Duration;

/// What the engine is asked to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Job {
    /// Reclassify every customer.
    Full,
    /// Reclassify these customers (after an edit).
    Customers(Vec<String>),
    /// Bring the stored results up to date: the customers marked dirty by
    /// committed batches, or everyone when a full pass is due.
    Pending,
}

#[derive(Clone, Debug, PartialEq)]
pub enum EngineEvent {
    /// `total` is 0 when not known yet (see [`Progress`]).
    Progress {
        done: usize,
        total: usize,
        phase: Phase,
    },
    /// A pass completed; `changed` are the customers whose stored result
    /// changed or was removed.
    Finished {
        changed: Changed,
        elapsed: Duration,
    },
    Cancelled,
    Failed(String),
}

/// Runs one unit of work (the real one is `pass::run_work`; tests swap it).
type Runner = fn(&Book, &Rules, NaiveDate, &Work, &Control) -> Result<PassReport, PassError>;

struct State {
    pending: Option<Work>,
    rules: Rules,
    as_of: NaiveDate,
    shutdown: bool,
}

struct Shared {
    state: Mutex<State>,
    wake: Condvar,
    /// Bumped by `cancel`; a pass stops when it differs from its start.
    cancel_generation: AtomicU64,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        // The lock is never held across a pass; a poisoned one still holds
        // consistent plain data.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}

pub struct Engine {
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

impl Engine {
    /// Starts the engine thread, idle until the first request.
    pub fn start(
        book: Arc<Book>,
        rules: Rules,
        as_of: NaiveDate,
    ) -> (Engine, Receiver<EngineEvent>) {
        Engine::start_with(book, rules, as_of, run_work)
    }

    fn start_with(
        book: Arc<Book>,
        rules: Rules,
        as_of: NaiveDate,
        runner: Runner,
    ) -> (Engine, Receiver<EngineEvent>) {
        let shared = Arc::new(Shared {
            state: Mutex::new(State {
                pending: None,
                rules,
                as_of,
                shutdown: false,
            }),
            wake: Condvar::new(),
            cancel_generation: AtomicU64::new(0),
        });
        let (tx, rx) = crossbeam_channel::unbounded();
        let thread_shared = Arc::clone(&shared);
        let thread = std::thread::Builder::new()
            .name("pcrm-classify".into())
            .spawn(move || worker_loop(&book, &thread_shared, &tx, runner))
            .expect("the OS starts a thread");
        (
            Engine {
                shared,
                thread: Some(thread),
            },
            rx,
        )
    }

    /// Queues a job; returns at once.
    pub fn request(&self, job: Job) {
        let mut state = self.shared.lock();
        let work = state.pending.get_or_insert_with(Work::default);
        match job {
            Job::Full => {
                *work = Work {
                    full: true,
                    ..Work::default()
                }
            }
            Job::Pending => work.dirty = true,
            Job::Customers(ids) => {
                if !work.full {
                    work.ids.extend(ids);
                }
            }
        }
        self.shared.wake.notify_one();
    }

    /// Stops the running pass (it reports `Cancelled`) and drops pending work.
    pub fn cancel(&self) {
        let mut state = self.shared.lock();
        state.pending = None;
        self.shared.cancel_generation.fetch_add(1, Ordering::SeqCst);
    }

    /// Classifies with other rules or at another date from now on, and
    /// queues the pass that brings the stored results in line.
    pub fn set_params(&self, rules: Rules, as_of: NaiveDate) {
        let mut state = self.shared.lock();
        state.rules = rules;
        state.as_of = as_of;
        state.pending.get_or_insert_with(Work::default).dirty = true;
        self.shared.wake.notify_one();
    }
}

impl Drop for Engine {
    fn drop(&mut self) {
        self.shared.lock().shutdown = true;
        self.shared.cancel_generation.fetch_add(1, Ordering::SeqCst);
        self.shared.wake.notify_one();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn worker_loop(book: &Book, shared: &Shared, tx: &Sender<EngineEvent>, runner: Runner) {
    loop {
        let (work, rules, as_of, generation) = {
            let mut state = shared.lock();
            loop {
                if state.shutdown {
                    return;
                }
                if let Some(work) = state.pending.take() {
                    let generation = shared.cancel_generation.load(Ordering::SeqCst);
                    break (work, state.rules.clone(), state.as_of, generation);
                }
                state = shared.wake.wait(state).unwrap_or_else(|p| p.into_inner());
            }
        };
        let progress = |p: Progress| {
            let _ = tx.send(EngineEvent::Progress {
                done: p.done,
                total: p.total,
                phase: p.phase,
            });
        };
        let cancelled = || shared.cancel_generation.load(Ordering::SeqCst) != generation;
        let ctl = Control {
            progress: &progress,
            cancelled: &cancelled,
        };
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            runner(book, &rules, as_of, &work, &ctl)
        }));
        let event = match outcome {
            Ok(Ok(report)) => EngineEvent::Finished {
                changed: report.changed,
                elapsed: report.elapsed,
            },
            Ok(Err(PassError::Cancelled)) => EngineEvent::Cancelled,
            Ok(Err(PassError::Store(e))) => EngineEvent::Failed(e.to_string()),
            Err(panic) => EngineEvent::Failed(format!(
                "the classification engine hit a bug: {}",
                panic_message(panic.as_ref())
            )),
        };
        let _ = tx.send(event);
    }
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    static CALLS: AtomicUsize = AtomicUsize::new(0);

    /// Panics on its first call (a bug in a pass), works afterwards.
    fn flaky(
        book: &Book,
        rules: &Rules,
        as_of: NaiveDate,
        work: &Work,
        ctl: &Control,
    ) -> Result<PassReport, PassError> {
        if CALLS.fetch_add(1, Ordering::SeqCst) == 0 {
            panic!("index out of bounds in a scorer");
        }
        run_work(book, rules, as_of, work, ctl)
    }

    #[test]
    fn a_panic_in_a_pass_is_reported_and_the_engine_keeps_serving() {
        let dir = tempfile::tempdir().unwrap();
        let book = Arc::new(Book::open(dir.path(), "t").unwrap());
        let as_of = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
        let (engine, events) = Engine::start_with(book, Rules::embedded(), as_of, flaky);
        engine.request(Job::Full);
        let wait = || events.recv_timeout(Duration::from_secs(30)).unwrap();
        match wait() {
            EngineEvent::Failed(message) => {
                assert!(
                    message.contains("index out of bounds in a scorer"),
                    "{message}"
                )
            }
            other => panic!("expected Failed, got {other:?}"),
        }
        engine.request(Job::Full);
        loop {
            match wait() {
                EngineEvent::Progress { .. } => continue,
                EngineEvent::Finished { changed, .. } => break assert!(changed.is_empty()),
                other => panic!("expected Finished, got {other:?}"),
            }
        }
    }
}
