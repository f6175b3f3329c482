//! `pcrm demo`: a realistic synthetic book of business, the same for the
//! same seed, customer count and as-of date.
//!
//! Dates are relative to the as-of date, so a demo book is always current.
//! Customers are generated on one thread and written on another (through a
//! bounded channel, so memory stays flat), in one all-or-nothing batch,
//! one stored doc per customer.

mod claims;
mod contacts;
mod generate;
mod geography;
mod identity;
mod lines;
mod locations;
mod names;
mod policies;
mod profile;
pub mod rng;
mod summary;

pub use generate::{Generated, Generator};
pub use summary::Summary;

use crate::model::{Child, Claim, CustomerDoc, Interaction, Location, Policy};
use crate::store::{codec, Batch, Book, Record, Result, StoreError, TreeId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Meta key holding the [`DemoOptions`] a demo book was made with (JSON).
pub const META_KEY: &str = "demo";

/// Customers handed from the generator to the writer at a time.
const CHUNK: u64 = 512;

/// A generated customer with its doc already encoded for the store, so that
/// the generator thread, not the writer, pays for the encoding.
struct Ready {
    generated: Generated,
    encoded: Vec<u8>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DemoOptions {
    pub customers: u64,
    pub seed: u64,
    pub as_of: NaiveDate,
}

/// Whether the book holds no customer yet (a demo book is made only there).
pub fn is_empty(book: &Book) -> bool {
    book.tree(TreeId::Customers).is_empty()
}

/// The options a demo book was generated with, if it is one.
pub fn stored_options(book: &Book) -> Result<Option<DemoOptions>> {
    Ok(book
        .meta_get(META_KEY)?
        .and_then(|bytes| serde_json::from_slice(&bytes).ok()))
}

/// Generates the demo book into `book`, which must hold no customer yet, in
/// one batch; `progress(done, total)` is called as customers are written.
/// Returns the summary of what was written.
pub fn generate(
    book: &Book,
    options: &DemoOptions,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Summary> {
    if !is_empty(book) {
        // Docs are written without reading what was there (see write_customer).
        return Err(StoreError::Io(std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            format!(
                "the book at {} already holds customers: a demo book is made only in an empty one",
                book.path().display()
            ),
        )));
    }
    let generator = Generator::new(options.seed, options.as_of, options.customers);
    let (sender, receiver) = crossbeam_channel::bounded::<Vec<Ready>>(8);
    // Written chunks go back to be freed by the thread that allocated them:
    // glibc's free of another thread's memory showed in the writer's profile.
    let (recycle, recycled) = crossbeam_channel::unbounded::<Vec<Ready>>();
    std::thread::scope(|scope| {
        let producer = std::thread::Builder::new()
            .name("demo-generate".to_string())
            .spawn_scoped(scope, || produce(&generator, options, sender, &recycled))?;
        let written = write_all(book, options, &receiver, &recycle, progress);
        // Unblocks the generator if the writer stopped early.
        drop(receiver);
        drop(recycle);
        let summary = producer
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        written.map(|()| summary)
    })
}

/// The generator thread: customers in chunks, summed up on the way. The
/// sender is dropped on return, which ends the writer's loop.
fn produce(
    generator: &Generator,
    options: &DemoOptions,
    sender: crossbeam_channel::Sender<Vec<Ready>>,
    recycled: &crossbeam_channel::Receiver<Vec<Ready>>,
) -> Summary {
    let mut summary = Summary::new(options.as_of);
    let mut next = 1;
    while next <= options.customers {
        recycled.try_iter().for_each(drop);
        let end = (next + CHUNK).min(options.customers + 1);
        let chunk: Vec<Ready> = (next..end)
            .map(|n| {
                let generated = generator.customer(n);
                summary.add(&generated.doc, &generated.tasks);
                let encoded = codec::encode(&generated.doc);
                Ready { generated, encoded }
            })
            .collect();
        if sender.send(chunk).is_err() {
            break; // the writer failed; it reports why
        }
        next = end;
    }
    summary
}

fn write_all(
    book: &Book,
    options: &DemoOptions,
    receiver: &crossbeam_channel::Receiver<Vec<Ready>>,
    recycle: &crossbeam_channel::Sender<Vec<Ready>>,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<()> {
    let mut batch = book.begin("demo", false)?;
    let mut done = 0;
    for mut chunk in receiver {
        for ready in &mut chunk {
            write_customer(&mut batch, ready)?;
        }
        done += chunk.len() as u64;
        progress(done, options.customers);
        // (The last few, sent after the generator finished, go with the channel.)
        let _ = recycle.send(chunk);
    }
    // Our own struct into JSON cannot fail.
    let json = serde_json::to_vec(options).expect("demo options serialise");
    batch.write(TreeId::Meta, META_KEY.as_bytes().to_vec(), Some(json))?;
    let detail = format!(
        "{} customers, seed {}, as of {}",
        options.customers, options.seed, options.as_of
    );
    batch.audit("demo.generate", "book", &detail, None)?;
    batch.commit(&format!("demo book: {detail}"))?;
    Ok(())
}

fn own_all<C: Child>(batch: &mut Batch<'_>, children: &[C], customer_id: &str) -> Result<()> {
    for child in children {
        batch.set_owner::<C>(child.id(), Some(customer_id))?;
    }
    Ok(())
}

/// One doc, its owner-index entries and its tasks. The doc goes in with
/// `Batch::write` as encoded by the generator: what `Batch::put` does for a
/// customer that is not in the book yet (which `generate` made sure of).
fn write_customer(batch: &mut Batch<'_>, ready: &mut Ready) -> Result<()> {
    let doc: &CustomerDoc = &ready.generated.doc;
    let id = &doc.customer.id;
    batch.write(
        TreeId::Customers,
        doc.primary_key(),
        Some(std::mem::take(&mut ready.encoded)),
    )?;
    for (tree, key) in doc.index_entries() {
        batch.write(tree, key, Some(Vec::new()))?;
    }
    batch.touch(id);
    own_all::<Location>(batch, &doc.locations, id)?;
    own_all::<Policy>(batch, &doc.policies, id)?;
    own_all::<Claim>(batch, &doc.claims, id)?;
    own_all::<Interaction>(batch, &doc.interactions, id)?;
    for task in &ready.generated.tasks {
        batch.put(task)?;
    }
    Ok(())
}
