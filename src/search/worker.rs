//! The background searcher the UI talks to: it builds the index on its own
//! thread when started (the UI works meanwhile), answers queries there, and
//! keeps the index current when the book changes. Only the newest query is
//! answered: older ones still waiting are dropped, and a pass running when
//! a newer query arrives is abandoned.

use super::build::{build_until, last_count, rank_of, record_count};
use super::index::SearchIndex;
use super::rank::Hit;
use super::session::Session;
use crate::model::CustomerDoc;
use crate::store::{Book, Result};
use crossbeam_channel::{unbounded, Receiver, Sender};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// What the searcher reports.
#[derive(Clone, Debug, PartialEq)]
pub enum SearchEvent {
    /// Customers indexed so far, of about `total` (the count of the last
    /// build; 0 when not known).
    BuildProgress { done: usize, total: usize },
    /// The index is built; queries are answered from now on.
    Ready { customers: usize, elapsed: Duration },
    /// The answer to the newest query.
    Results { query_id: u64, hits: Vec<Hit> },
    /// The index could not be built or updated (the message says why).
    Failed(String),
}

enum Command {
    Query { id: u64, text: String, limit: usize },
    Upsert(Box<CustomerDoc>),
    Remove(String),
    Refresh(Vec<String>),
}

pub struct Searcher {
    commands: Option<Sender<Command>>,
    /// The newest query id sent: a pass for an older one stops.
    latest: Arc<AtomicU64>,
    shutdown: Arc<AtomicBool>,
    worker: Option<JoinHandle<()>>,
}

impl Searcher {
    /// Starts building the index of `book` in the background.
    pub fn start(book: Arc<Book>) -> (Searcher, Receiver<SearchEvent>) {
        let (commands, inbox) = unbounded();
        let (events, outbox) = unbounded();
        let latest = Arc::new(AtomicU64::new(0));
        let shutdown = Arc::new(AtomicBool::new(false));
        let worker = Worker {
            book,
            events: events.clone(),
            latest: latest.clone(),
            shutdown: shutdown.clone(),
        };
        let spawned = std::thread::Builder::new()
            .name("pcrm-search".into())
            .spawn(move || worker.run(inbox));
        if let Err(e) = &spawned {
            // No thread, no answers: the UI shows why instead of waiting.
            let _ = events.send(SearchEvent::Failed(format!(
                "cannot start the search thread: {e}"
            )));
        }
        let searcher = Searcher {
            commands: Some(commands),
            latest,
            shutdown,
            worker: spawned.ok(),
        };
        (searcher, outbox)
    }

    /// Asks for the best `limit` hits for `text`. Ids must increase: the
    /// answer carries the id, and older queries are dropped.
    pub fn query(&self, query_id: u64, text: &str, limit: usize) {
        self.latest.fetch_max(query_id, Ordering::SeqCst);
        self.send(Command::Query {
            id: query_id,
            text: text.to_string(),
            limit,
        });
    }

    /// Indexes a customer as it now is (after an edit); ranks it by its
    /// open tasks and stored value tier from the book.
    pub fn upsert(&self, doc: CustomerDoc) {
        self.send(Command::Upsert(Box::new(doc)));
    }

    pub fn remove(&self, customer_id: &str) {
        self.send(Command::Remove(customer_id.to_string()));
    }

    /// Re-reads these customers from the book (after an import, a batch or
    /// a reclassification): changed ones are updated, deleted ones removed.
    pub fn refresh(&self, customer_ids: Vec<String>) {
        self.send(Command::Refresh(customer_ids));
    }

    fn send(&self, command: Command) {
        if let Some(commands) = &self.commands {
            // A worker that is gone has reported why (Failed).
            let _ = commands.send(command);
        }
    }
}

impl Drop for Searcher {
    fn drop(&mut self) {
        self.shutdown.store(true, Ordering::SeqCst);
        self.commands = None;
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
    }
}

struct Worker {
    book: Arc<Book>,
    events: Sender<SearchEvent>,
    latest: Arc<AtomicU64>,
    shutdown: Arc<AtomicBool>,
}

impl Worker {
    fn run(self, inbox: Receiver<Command>) {
        let Some(mut index) = self.build() else {
            return;
        };
        let mut session = Session::default();
        while let Ok(first) = inbox.recv() {
            let mut newest = None;
            for command in std::iter::once(first).chain(inbox.try_iter()) {
                match command {
                    // Ids may arrive out of order: the highest is the newest.
                    Command::Query { id, text, limit } => {
                        if newest
                            .as_ref()
                            .is_none_or(|(newest_id, _, _)| id > *newest_id)
                        {
                            newest = Some((id, text, limit));
                        }
                    }
                    change => {
                        session.clear();
                        self.guard("updating the search index", || {
                            self.apply(&mut index, change)
                        });
                    }
                }
            }
            if let Some((id, text, limit)) = newest {
                self.answer(&index, &mut session, id, &text, limit);
            }
        }
    }

    fn build(&self) -> Option<SearchIndex> {
        let started = Instant::now();
        // A first build does not know the total (counting is a full scan of
        // its own): it reports 0 until done.
        let total = last_count(&self.book);
        let progress = |done: usize| {
            let total = if total > 0 { total.max(done) } else { 0 };
            let _ = self.events.send(SearchEvent::BuildProgress { done, total });
        };
        let stop = || self.shutdown.load(Ordering::SeqCst);
        let index = self.guard("building the search index", || {
            build_until(&self.book, &progress, &stop)
        })??;
        // Only a progress hint for the next start: not worth a failure.
        let _ = record_count(&self.book, index.len());
        let _ = self.events.send(SearchEvent::Ready {
            customers: index.len(),
            elapsed: started.elapsed(),
        });
        Some(index)
    }

    fn answer(
        &self,
        index: &SearchIndex,
        session: &mut Session,
        id: u64,
        text: &str,
        limit: usize,
    ) {
        if id < self.latest.load(Ordering::SeqCst) {
            return;
        }
        let stop = || self.latest.load(Ordering::SeqCst) != id;
        let hits = catch_unwind(AssertUnwindSafe(|| {
            session.query(index, text, limit, &stop)
        }));
        match hits {
            Ok(Some(hits)) => {
                let _ = self
                    .events
                    .send(SearchEvent::Results { query_id: id, hits });
            }
            Ok(None) => {} // a newer query is waiting
            Err(_) => {
                session.clear();
                let _ = self
                    .events
                    .send(SearchEvent::Failed(format!("search for {text:?} failed")));
            }
        }
    }

    fn apply(&self, index: &mut SearchIndex, change: Command) -> Result<()> {
        match change {
            Command::Upsert(doc) => {
                let rank = rank_of(&self.book, &doc.customer.id)?;
                index.upsert(&doc, rank);
            }
            Command::Remove(id) => {
                index.remove(&id);
            }
            Command::Refresh(ids) => index.refresh(&self.book, &ids)?,
            Command::Query { .. } => {}
        }
        Ok(())
    }

    /// Runs `work`, reporting an error or a panic as `Failed`.
    fn guard<T>(&self, what: &str, work: impl FnOnce() -> Result<T>) -> Option<T> {
        let failure = match catch_unwind(AssertUnwindSafe(work)) {
            Ok(Ok(value)) => return Some(value),
            Ok(Err(e)) => format!("{what}: {e}"),
            Err(_) => format!("{what}: internal error (a bug in pcrm)"),
        };
        let _ = self.events.send(SearchEvent::Failed(failure));
        None
    }
}
