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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Customer, CustomerDoc, CustomerKind, Province};
    use crate::search::RankInfo;

    fn index_of(names: &[&str]) -> SearchIndex {
        let mut index = SearchIndex::new();
        for (i, name) in names.iter().enumerate() {
            let doc = CustomerDoc::new(Customer {
                id: format!("C{i:03}"),
                name: name.to_string(),
                kind: CustomerKind::Individual,
                id_number: None,
                phone: None,
                email: None,
                province: Province::from_index(0).unwrap(),
                city: None,
                industry: None,
                since: None,
                account_manager: None,
                tags: Vec::new(),
                bad_uscc: false,
            });
            index.upsert(&doc, RankInfo::default());
        }
        index
    }

    #[test]
    fn a_stopped_query_answers_nothing_and_keeps_the_chain() {
        let index = index_of(&["张三", "张三丰", "李四"]);
        let mut session = Session::default();
        assert_eq!(session.query(&index, "zh", 5, &|| false).unwrap().len(), 2);
        assert!(session.query(&index, "zhangs", 5, &|| true).is_none());
        assert_eq!(session.chain.len(), 1);
        let hits = session.query(&index, "zhangsanf", 5, &|| false).unwrap();
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].name, "张三丰");
        // Backspace: the chain still holds a base for the shorter query.
        assert_eq!(
            session.query(&index, "zhangs", 5, &|| false).unwrap().len(),
            2
        );
        assert_eq!(session.chain.len(), 2);
    }
}
