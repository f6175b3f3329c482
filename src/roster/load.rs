//! The roster's feeder: a background thread that builds the roster from the
//! book (customers, their stored classification and open tasks, read in one
//! pass in id order) with progress, then answers refresh requests as the
//! book changes. It never writes; the UI thread owns the roster and applies
//! what the feeder sends.

use super::row::{Labels, RowData, RowId};
use super::table::Roster;
use crate::model::{Classification, Task, TaskStatus};
use crate::store::{codec, Book, StoreError, TreeId};
use chrono::NaiveDate;
use crossbeam_channel::{Receiver, Sender};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The first snapshot goes out after a screenful, so the UI shows customers
/// at once; later ones every this many rows.
const FIRST_SNAPSHOT: usize = 200;
const SNAPSHOT_EVERY: usize = 65_536;
/// Label updates are sent in slices the UI applies between two frames.
pub const LABELS_PER_MESSAGE: usize = 8_192;

pub enum LoadEvent {
    /// Every task of the book (read after the first screenful).
    Tasks(Vec<Task>),
    /// The roster so far: replaces the UI's copy.
    Snapshot {
        roster: Roster,
        done: usize,
    },
    /// The complete roster.
    Loaded {
        roster: Roster,
        elapsed: Duration,
    },
    /// New stored labels for these rows (after a classification run).
    Labels(Vec<(RowId, Option<Labels>)>),
    /// The last slice of a labels refresh has been sent.
    LabelsDone,
    /// Customers re-read after an edit; ids in `removed` no longer exist.
    Customers {
        rows: Vec<RowData>,
        removed: Vec<String>,
    },
    Failed(String),
}

pub enum LoadRequest {
    /// Re-read the stored labels of these customers (all when `None`),
    /// resolving them against this snapshot.
    Labels {
        roster: Roster,
        ids: Option<Vec<String>>,
    },
    /// Re-read these customers whole (after an edit or import).
    Customers(Vec<String>),
}

/// Asks the feeder for refreshes; dropping it stops the thread.
pub struct Feeder {
    requests: Sender<LoadRequest>,
}

impl Feeder {
    /// Starts the thread, which begins with the full load.
    pub fn start(book: Arc<Book>, as_of: NaiveDate) -> (Feeder, Receiver<LoadEvent>) {
        let (req_tx, req_rx) = crossbeam_channel::unbounded();
        let (tx, rx) = crossbeam_channel::unbounded();
        std::thread::Builder::new()
            .name("roster".into())
            .spawn(move || {
                super::background_priority();
                feed(&book, as_of, &req_rx, &tx)
            })
            .expect("spawning the roster thread");
        (Feeder { requests: req_tx }, rx)
    }

    pub fn request(&self, request: LoadRequest) {
        // A closed channel means the thread failed and said so already.
        let _ = self.requests.send(request);
    }
}

fn feed(
    book: &Arc<Book>,
    as_of: NaiveDate,
    requests: &Receiver<LoadRequest>,
    tx: &Sender<LoadEvent>,
) {
    let outcome = load(book, as_of, tx).and_then(|()| {
        for request in requests {
            match request {
                LoadRequest::Labels { roster, ids } => refresh_labels(book, &roster, ids, tx)?,
                LoadRequest::Customers(ids) => refresh_customers(book, as_of, ids, tx)?,
            }
        }
        Ok(())
    });
    if let Err(e) = outcome {
        let _ = tx.send(LoadEvent::Failed(e.to_string()));
    }
}

fn decode_classification(key: &[u8], bytes: &[u8]) -> Result<Classification, StoreError> {
    codec::decode(bytes, &|| {
        format!("classification/{}", String::from_utf8_lossy(key))
    })
}

/// Open tasks per customer, and every task for the Tasks pane.
fn read_tasks(book: &Book) -> Result<(HashMap<String, u16>, Vec<Task>), StoreError> {
    let mut open: HashMap<String, u16> = HashMap::new();
    let mut tasks = Vec::new();
    for task in book.scan::<Task>() {
        let task = task?;
        if task.status == TaskStatus::Open {
            let n = open.entry(task.customer_id.clone()).or_default();
            *n = n.saturating_add(1);
        }
        tasks.push(task);
    }
    Ok((open, tasks))
}

/// Open tasks of one customer, from its stored tasks (one read).
fn open_tasks_of(book: &Book, customer_id: &str) -> Result<u16, StoreError> {
    let open = book
        .tasks_of(customer_id)?
        .iter()
        .filter(|t| t.status == TaskStatus::Open)
        .count();
    Ok(open.min(usize::from(u16::MAX)) as u16)
}

/// Stored customers, with their stored classification if any, in id order.
type Batch = Vec<(sled::IVec, sled::IVec, Option<(sled::IVec, sled::IVec)>)>;

/// Customers read per message between the reading and decoding threads.
const READ_BATCH: usize = 1024;

/// Walks the customers and the classification trees together (both keyed
/// by customer id: a merge join, not a point read per customer) on its own
/// thread, so that sled's iteration and the decoding below overlap.
fn read_ahead(book: &Arc<Book>) -> Receiver<Result<Batch, StoreError>> {
    let (tx, rx) = crossbeam_channel::bounded(8);
    let book = Arc::clone(book);
    let spawned = std::thread::Builder::new()
        .name("roster-read".into())
        .spawn(move || {
            super::background_priority();
            let mut labels = book.tree(TreeId::Classification).iter().peekable();
            let mut batch = Vec::with_capacity(READ_BATCH);
            for entry in book.tree(TreeId::Customers).iter() {
                let (key, doc) = match entry {
                    Ok(kv) => kv,
                    Err(e) => {
                        let _ = tx.send(Err(e.into()));
                        return;
                    }
                };
                let mut label = None;
                while let Some(Ok((label_key, _))) = labels.peek() {
                    match label_key.as_ref().cmp(key.as_ref()) {
                        std::cmp::Ordering::Less => {
                            labels.next();
                        }
                        std::cmp::Ordering::Equal => {
                            label = labels.next().and_then(Result::ok);
                            break;
                        }
                        std::cmp::Ordering::Greater => break,
                    }
                }
                if let Some(Err(_)) = labels.peek() {
                    if let Some(Err(e)) = labels.next() {
                        let _ = tx.send(Err(e.into()));
                        return;
                    }
                }
                batch.push((key, doc, label));
                if batch.len() == READ_BATCH
                    && tx
                        .send(Ok(std::mem::replace(
                            &mut batch,
                            Vec::with_capacity(READ_BATCH),
                        )))
                        .is_err()
                {
                    return;
                }
            }
            if !batch.is_empty() {
                let _ = tx.send(Ok(batch));
            }
        });
    if let Err(e) = spawned {
        let (fail_tx, fail_rx) = crossbeam_channel::bounded(1);
        let _ = fail_tx.send(Err(StoreError::Io(e)));
        return fail_rx;
    }
    rx
}

fn load(book: &Arc<Book>, as_of: NaiveDate, tx: &Sender<LoadEvent>) -> Result<(), StoreError> {
    let started = Instant::now();
    let mut roster = Roster::new(as_of);
    // The first screenful goes out before anything else is read: its open
    // tasks come from the index, the rest from one pass over the tasks.
    let mut open_tasks: Option<HashMap<String, u16>> = None;
    let mut next_snapshot = FIRST_SNAPSHOT;
    for batch in read_ahead(book) {
        for (key, bytes, label) in batch? {
            let classification = match &label {
                Some((label_key, value)) => Some(decode_classification(label_key, value)?),
                None => None,
            };
            let mut row = RowData::read(&key, &bytes, classification.as_ref(), as_of)?;
            row.open_tasks = match &open_tasks {
                Some(map) => map.get(&row.id).copied().unwrap_or(0),
                None => open_tasks_of(book, &row.id)?,
            };
            roster.upsert(row);
            if roster.len() == next_snapshot {
                next_snapshot += if next_snapshot == FIRST_SNAPSHOT {
                    SNAPSHOT_EVERY - FIRST_SNAPSHOT
                } else {
                    SNAPSHOT_EVERY
                };
                let done = roster.len();
                if tx
                    .send(LoadEvent::Snapshot {
                        roster: roster.clone(),
                        done,
                    })
                    .is_err()
                {
                    return Ok(()); // the UI is gone
                }
            }
            if open_tasks.is_none() && roster.len() >= FIRST_SNAPSHOT {
                let (open, tasks) = read_tasks(book)?;
                open_tasks = Some(open);
                let _ = tx.send(LoadEvent::Tasks(tasks));
            }
        }
    }
    if open_tasks.is_none() {
        let (_, tasks) = read_tasks(book)?;
        let _ = tx.send(LoadEvent::Tasks(tasks));
    }
    let _ = tx.send(LoadEvent::Loaded {
        roster,
        elapsed: started.elapsed(),
    });
    crate::allocator::release_freed_memory();
    Ok(())
}

fn refresh_labels(
    book: &Book,
    roster: &Roster,
    ids: Option<Vec<String>>,
    tx: &Sender<LoadEvent>,
) -> Result<(), StoreError> {
    let tree = book.tree(TreeId::Classification);
    let mut out = Vec::with_capacity(LABELS_PER_MESSAGE);
    let send = |out: &mut Vec<(RowId, Option<Labels>)>| {
        tx.send(LoadEvent::Labels(std::mem::take(out))).is_ok()
    };
    match ids {
        Some(ids) => {
            for id in ids {
                let Some(row) = roster.find(&id) else {
                    continue;
                };
                let labels = match tree.get(id.as_bytes())? {
                    Some(bytes) => {
                        Some(Labels::from(&decode_classification(id.as_bytes(), &bytes)?))
                    }
                    None => None,
                };
                out.push((row, labels));
                if out.len() == LABELS_PER_MESSAGE && !send(&mut out) {
                    return Ok(());
                }
            }
        }
        None => {
            for entry in tree.iter() {
                let (key, bytes) = entry?;
                let Ok(id) = std::str::from_utf8(&key) else {
                    continue;
                };
                let Some(row) = roster.find(id) else { continue };
                let labels = Labels::from(&decode_classification(&key, &bytes)?);
                if roster.row(row).labels() != Some(&labels) {
                    out.push((row, Some(labels)));
                }
                if out.len() == LABELS_PER_MESSAGE && !send(&mut out) {
                    return Ok(());
                }
            }
        }
    }
    if !out.is_empty() && !send(&mut out) {
        return Ok(());
    }
    let _ = tx.send(LoadEvent::LabelsDone);
    Ok(())
}

fn refresh_customers(
    book: &Book,
    as_of: NaiveDate,
    ids: Vec<String>,
    tx: &Sender<LoadEvent>,
) -> Result<(), StoreError> {
    let mut rows = Vec::new();
    let mut removed = Vec::new();
    for id in ids {
        let Some(bytes) = book.tree(TreeId::Customers).get(id.as_bytes())? else {
            removed.push(id);
            continue;
        };
        let classification = match book.tree(TreeId::Classification).get(id.as_bytes())? {
            Some(bytes) => Some(decode_classification(id.as_bytes(), &bytes)?),
            None => None,
        };
        let mut row = RowData::read(id.as_bytes(), &bytes, classification.as_ref(), as_of)?;
        row.open_tasks = open_tasks_of(book, &id)?;
        rows.push(row);
    }
    let _ = tx.send(LoadEvent::Customers { rows, removed });
    Ok(())
}
