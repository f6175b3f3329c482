//! Customer search for the UI's `/` and `pcrm search`: names (directly,
//! fuzzily, and by pinyin initials or full pinyin), phone fragments, id
//! number fragments, customer-id and policy-id prefixes, over an in-memory
//! index of every customer.
//!
//! - `pinyin_keys`: readings per character, surname readings, slot codes;
//! - `index`: the compact index and its incremental updates, with
//!   `numbers` (phone and id-number columns), `sorted_ids` (the customer-id
//!   prefix list) and `policy_ids` (the front-coded policy-id prefix list);
//!   `build`: filling it from the book in one walk, reading the front of
//!   each stored customer through the store's zero-copy `DocHead` and its
//!   stored value tier alongside;
//! - `query`: what a typed text can match; `name_match`: one name against a
//!   query; `pass`: one query over the index; `rank`: the order of hits;
//!   `session`: narrowing the previous matches as a query is typed;
//! - `worker`: the background [`Searcher`] the UI talks to;
//! - `bench`: the reproducible benchmark (`pcrm bench search`, on the demo
//!   book).

pub mod bench;
mod build;
mod index;
mod name_match;
mod numbers;
mod pass;
pub mod pinyin_keys;
mod policy_ids;
mod query;
mod rank;
mod session;
mod sorted_ids;
mod worker;

pub use index::{RankInfo, SearchIndex};
pub use query::Query;
pub use rank::{Hit, MatchedOn};
pub use worker::{SearchEvent, Searcher};

impl SearchIndex {
    /// The best `limit` customers for what was typed, best first.
    pub fn query(&self, text: &str, limit: usize) -> Vec<Hit> {
        let query = Query::parse(text);
        if query.is_empty() {
            return Vec::new();
        }
        pass::run(self, &query, None, limit, &|| false)
            .map(|outcome| outcome.hits)
            .unwrap_or_default()
    }
}
