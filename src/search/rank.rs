//! Ranking: exact id/phone/name hits first, then name prefixes (also through
//! pinyin), then id prefixes and phone/id-number fragments, then names that
//! contain the query, then fuzzy name matches by their score. Equal scores go
//! to the customer with an open task, then the higher value tier, then the
//! smaller customer id.

use super::index::SearchIndex;
use super::query::Query;
use crate::model::ids::mask;
use serde::Serialize;

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
pub const WITHIN: u32 = 100_000;

/// A match of one customer: `score` orders matches (class first, then
/// points within the class).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scored {
    pub score: u32,
    pub matched: MatchedOn,
}

impl Scored {
    pub fn new(class: MatchClass, within: u32, matched: MatchedOn) -> Scored {
        Scored {
            score: class as u32 * WITHIN + within.min(WITHIN - 1),
            matched,
        }
    }

    /// The better of two matches; the first on a tie.
    pub fn better(self, other: Scored) -> Scored {
        if other.score > self.score {
            other
        } else {
            self
        }
    }

    /// The better of two possible matches.
    pub fn best(a: Option<Scored>, b: Option<Scored>) -> Option<Scored> {
        match (a, b) {
            (Some(x), Some(y)) => Some(x.better(y)),
            (x, y) => x.or(y),
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

/// A match as one number that sorts like the ranking up to the last
/// tie-breaker (the customer id): score, then open task and value tier.
pub fn rank_key(index: &SearchIndex, ordinal: u32, scored: Scored) -> u64 {
    u64::from(scored.score) << 3 | u64::from(index.entry(ordinal).tie_rank())
}

/// The best `limit` of `matches` (one per customer), best first.
pub fn top(index: &SearchIndex, matches: &[(u32, Scored)], limit: usize) -> Vec<(u32, Scored)> {
    if limit == 0 {
        return Vec::new();
    }
    let mut keyed: Vec<(u64, u32, Scored)> = matches
        .iter()
        .map(|&(o, s)| (rank_key(index, o, s), o, s))
        .collect();
    if keyed.len() > limit {
        // Everything as good as the `limit`-th key, ties included, then
        // the ties by customer id below.
        keyed.select_nth_unstable_by(limit - 1, |a, b| b.0.cmp(&a.0));
        let last = keyed[limit - 1].0;
        keyed.retain(|k| k.0 >= last);
    }
    keyed.sort_unstable_by(|a, b| {
        b.0.cmp(&a.0)
            .then_with(|| index.customer_id(a.1).cmp(index.customer_id(b.1)))
    });
    keyed.truncate(limit);
    keyed.into_iter().map(|(_, o, s)| (o, s)).collect()
}

/// The result line of a match.
pub fn hit(
    index: &SearchIndex,
    q: &Query,
    ordinal: u32,
    scored: Scored,
    pinyin: impl FnOnce() -> String,
) -> Hit {
    let detail = match scored.matched {
        MatchedOn::Name => index.name(ordinal).to_string(),
        MatchedOn::Pinyin => pinyin(),
        MatchedOn::Phone => mask(index.phone(ordinal)),
        MatchedOn::IdNumber => mask(index.id_number(ordinal)),
        MatchedOn::CustomerId => index.customer_id(ordinal).to_string(),
        MatchedOn::PolicyId => q
            .record_id
            .as_deref()
            .and_then(|prefix| index.policy_of(ordinal, prefix))
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
