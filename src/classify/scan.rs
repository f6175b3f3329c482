//! Reading every customer with its stored classification, for the filters
//! and summaries over a whole book (segment selection, the segments export,
//! the classify matrix).
//!
//! The customers and classification trees are both in id order, so they
//! are merged rather than looked up; the classification tree is read and
//! decoded on a second thread while this one reads the customers, which
//! roughly halves the time of a million-customer scan on two cores.

use super::results::decode_result;
use super::view::CustomerFields;
use crate::model::Classification;
use crate::segment::Expr;
use crate::store::{Book, Result, StoreError, TreeId};
use crossbeam_channel::Receiver;
use sled::IVec;

/// Stored results handed between the threads at a time.
const CHUNK: usize = 2048;

type Chunk = Result<Vec<(IVec, Classification)>>;

/// The stored results as they arrive from the reading thread.
struct Stored {
    rx: Option<Receiver<Chunk>>,
    chunk: std::vec::IntoIter<(IVec, Classification)>,
    next: Option<(IVec, Classification)>,
}

impl Stored {
    fn advance(&mut self) -> Result<()> {
        self.next = loop {
            if let Some(entry) = self.chunk.next() {
                break Some(entry);
            }
            match self.rx.as_ref().and_then(|rx| rx.recv().ok()) {
                Some(chunk) => self.chunk = chunk?.into_iter(),
                None => break None,
            }
        };
        Ok(())
    }

    /// The stored result of `key`, skipping those of customers before it
    /// (which no longer exist).
    fn take(&mut self, key: &[u8]) -> Result<Option<Classification>> {
        loop {
            match &self.next {
                Some((k, _)) if k.as_ref() < key => self.advance()?,
                Some((k, _)) if k.as_ref() == key => {
                    let found = self.next.take().map(|(_, c)| c);
                    self.advance()?;
                    return Ok(found);
                }
                _ => return Ok(None),
            }
        }
    }
}

fn read_results(book: &Book, tx: crossbeam_channel::Sender<Chunk>) {
    let mut chunk = Vec::with_capacity(CHUNK);
    for entry in book.tree(TreeId::Classification).iter() {
        let decoded = entry
            .map_err(StoreError::from)
            .and_then(|(key, bytes)| Ok((decode_result(&key, &bytes)?, key)));
        match decoded {
            Ok((class, key)) => chunk.push((key, class)),
            Err(e) => {
                let _ = tx.send(Err(e));
                return;
            }
        }
        if chunk.len() == CHUNK {
            let full = std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK));
            // The reader stopped early: so do we.
            if tx.send(Ok(full)).is_err() {
                return;
            }
        }
    }
    let _ = tx.send(Ok(chunk));
}

/// Calls `each(key, stored doc, stored classification)` for every customer
/// in id order; an error from it stops the scan and is returned. With
/// `labels` false the classification tree is not read and every
/// classification is `None`.
pub fn for_each_customer(
    book: &Book,
    labels: bool,
    mut each: impl FnMut(&[u8], &[u8], Option<&Classification>) -> Result<()>,
) -> Result<()> {
    std::thread::scope(|scope| {
        let mut stored = Stored {
            rx: None,
            chunk: Vec::new().into_iter(),
            next: None,
        };
        if labels {
            let (tx, rx) = crossbeam_channel::bounded(4);
            scope.spawn(move || read_results(book, tx));
            stored.rx = Some(rx);
            stored.advance()?;
        }
        for entry in book.tree(TreeId::Customers).iter() {
            let (key, doc) = entry?;
            let class = stored.take(&key)?;
            each(&key, &doc, class.as_ref())?;
        }
        // Dropping `stored` here hangs up on the reading thread, which
        // then stops, before the scope waits for it.
        Ok(())
    })
}

/// Calls `each` for every customer matching `expr`, in id order, with the
/// customer fields the filter reads and, with `labels`, its stored
/// classification (`labels` must be set when `expr` uses labels).
pub fn for_each_match(
    book: &Book,
    expr: &Expr,
    labels: bool,
    mut each: impl FnMut(&CustomerFields, Option<&Classification>) -> Result<()>,
) -> Result<()> {
    debug_assert!(labels || !expr.uses_labels());
    for_each_customer(book, labels, |key, bytes, class| {
        let customer = CustomerFields::decode(bytes, &|| {
            format!("customers/{}", String::from_utf8_lossy(key))
        })?;
        if expr.matches(&(&customer, class)) {
            each(&customer, class)?;
        }
        Ok(())
    })
}
