//! Ranking: exact id/phone/name hits first, then name prefixes (also through
//! pinyin), then id prefixes and phone/id-number fragments, then names that
//! contain the query, then fuzzy name matches by their score. Equal scores go
//! to the customer with an open task, then the higher value tier, then the
//! smaller customer id.

use super::index::{PolicyRef, SearchIndex};
use crate::model::ids::mask;
use serde::Serialize;
use std::cmp::Ordering;

/// What a hit matched on (cli.md's `matched`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchedOn {
    Name,
    Pinyin,
    Phone,
    IdNumber,
    CustomerId,
    PolicyId,
}

impl MatchedOn {
    pub fn code(self) -> &'static str {
        match self {
            MatchedOn::Name => "name",
            MatchedOn::Pinyin => "pinyin",
            MatchedOn::Phone => "phone",
            MatchedOn::IdNumber => "id_number",
            MatchedOn::CustomerId => "customer_id",
            MatchedOn::PolicyId => "policy_id",
        }
    }
}

/// How good a match is, best last.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum MatchClass {
    /// The name holds the query's characters in order (SkimMatcherV2).
    Fuzzy = 1,
    /// The name (or its pinyin) contains the query.
    Contains = 2,
    /// A customer-id or policy-id prefix, a phone or id-number fragment.
    Partial = 3,
    /// The name (or its pinyin) starts with the query.
    Prefix = 4,
    /// The whole name, customer id, policy id, phone or id number.
    Exact = 5,
}

/// Points within a class: below this.
const WITHIN: u32 = 10_000;

/// A match of one customer: `score` orders matches (class first, then
/// points within the class), `detail` says what matched.
#[derive(Clone, Copy, Debug)]
pub struct Scored {
    pub score: u32,
    pub matched: MatchedOn,
    /// For a policy-id hit, which policy.
    pub policy: Option<PolicyRef>,
}

impl Scored {
    pub fn new(class: MatchClass, within: u32, matched: MatchedOn) -> Scored {
        Scored {
            score: class as u32 * WITHIN + within.min(WITHIN - 1),
            matched,
            policy: None,
        }
    }

    /// The better of two matches; the first on a tie.
    pub fn best(a: Option<Scored>, b: Option<Scored>) -> Option<Scored> {
        match (a, b) {
            (Some(x), Some(y)) if y.score > x.score => Some(y),
            (Some(x), _) => Some(x),
            (None, y) => y,
        }
    }
}

/// Points for covering `part` of `whole` (0..=1000).
pub fn coverage(part: usize, whole: usize) -> u32 {
    (part.min(whole) * 1000 / whole.max(1)) as u32
}

/// One search result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Hit {
    pub customer_id: String,
    pub name: String,
    pub score: u32,
    pub matched: MatchedOn,
    /// What matched, safe to show: phones and id numbers masked, the policy
    /// id for a policy hit, the pinyin for a pinyin hit.
    pub detail: String,
}

/// Orders two matched ordinals, best first.
fn compare(index: &SearchIndex, a: &(u32, Scored), b: &(u32, Scored)) -> Ordering {
    let (ea, eb) = (index.entry(a.0), index.entry(b.0));
    b.1.score
        .cmp(&a.1.score)
        .then(eb.has_open_task().cmp(&ea.has_open_task()))
        .then(eb.tier_rank().cmp(&ea.tier_rank()))
        .then_with(|| index.customer_id(a.0).cmp(index.customer_id(b.0)))
}

/// The best `limit` of `matches` (one per customer), best first.
pub fn top(index: &SearchIndex, mut matches: Vec<(u32, Scored)>, limit: usize) -> Vec<(u32, Scored)> {
    if limit == 0 {
        return Vec::new();
    }
    if matches.len() > limit {
        matches.select_nth_unstable_by(limit - 1, |a, b| compare(index, a, b));
        matches.truncate(limit);
    }
    matches.sort_by(|a, b| compare(index, a, b));
    matches
}

/// The result line of a match.
pub fn hit(index: &SearchIndex, ordinal: u32, scored: Scored, pinyin: impl FnOnce() -> String) -> Hit {
    let detail = match scored.matched {
        MatchedOn::Name => index.name(ordinal).to_string(),
        MatchedOn::Pinyin => pinyin(),
        MatchedOn::Phone => mask(index.phone(ordinal)),
        MatchedOn::IdNumber => mask(index.id_number(ordinal)),
        MatchedOn::CustomerId => index.customer_id(ordinal).to_string(),
        MatchedOn::PolicyId => scored
            .policy
            .map(|p| index.policy_id(&p).to_string())
            .unwrap_or_default(),
    };
    Hit {
        customer_id: index.customer_id(ordinal).to_string(),
        name: index.name(ordinal).to_string(),
        score: scored.score,
        matched: scored.matched,
        detail,
    }
}
