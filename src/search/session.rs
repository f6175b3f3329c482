//! Typing a query one key at a time: each query that extends an earlier one
//! checks only that one's base (its matches, and names it left unchecked)
//! instead of every customer. The bases of the chain of queries typed so far
//! are kept, so that a backspace finds its base too.

use super::index::SearchIndex;
use super::pass::{self, Stop};
use super::query::Query;
use super::rank::Hit;

/// Queries remembered for refinement (one per keystroke of a typed query).
const CHAIN_MAX: usize = 48;

#[derive(Default)]
pub struct Session {
    /// Queries typed so far with their bases (see `pass::Outcome`), each
    /// refining the one before.
    chain: Vec<(Query, Vec<u32>)>,
}

impl Session {
    /// Runs a query, on the matches of the longest remembered query it
    /// extends; `None` when `stop` abandoned it.
    pub fn query(
        &mut self,
        index: &SearchIndex,
        text: &str,
        limit: usize,
        stop: Stop,
    ) -> Option<Vec<Hit>> {
        let q = Query::parse(text);
        if q.is_empty() {
            return Some(Vec::new());
        }
        while self.chain.last().is_some_and(|(prev, _)| !q.refines(prev)) {
            self.chain.pop();
        }
        let base = self.chain.last().map(|(_, base)| base.as_slice());
        let outcome = pass::run(index, &q, base, limit, stop)?;
        if q.scans() {
            if self.chain.len() == CHAIN_MAX {
                self.chain.remove(0);
            }
            self.chain.push((q, outcome.base));
        }
        Some(outcome.hits)
    }

    /// Forgets remembered matches (the index changed).
    pub fn clear(&mut self) {
        self.chain.clear();
    }
}
