//! Running one query over the index: customer ids and policy ids by prefix
//! (binary search), everything else by a pass over the customers, split
//! over two threads; or, when the query grew from the previous one, only
//! over the previous pass's `base`. A pass can be abandoned when a newer
//! query arrives (`stop`).
//!
//! A pass keeps the best `limit` rank keys seen so far; a name whose upper
//! bound (`name_match::upper_bound`) cannot beat the worst of them is not
//! matched at all, only kept in the base for the next keystroke. That is
//! what makes the first keystrokes, which match half the book, cheap.

use super::index::SearchIndex;
use super::name_match::{match_name, matched_pinyin, upper_bound, Scratch};
use super::query::Query;
use super::rank::{self, coverage, rank_key, Hit, MatchClass, MatchedOn, Scored};
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::atomic::{AtomicU64, Ordering};

/// Id prefixes shared by more customers than this list the first ones in
/// id order: `C` alone matches everyone and ranks nobody.
const ID_PREFIX_CAP: usize = 1000;
/// Below this many ordinals to check, one thread is faster than two.
const PARALLEL_MIN: usize = 20_000;
/// How often (in customers) a pass looks at `stop`.
const STOP_EVERY: usize = 4096;

/// The result of a query.
pub struct Outcome {
    pub hits: Vec<Hit>,
    /// In ordinal order, every customer a longer query could match: the
    /// matches, and the names left unchecked because they could not rank.
    pub base: Vec<u32>,
}

pub type Stop<'a> = &'a (dyn Fn() -> bool + Sync);

/// Runs `q`; `None` when `stop` said so.
pub fn run(
    index: &SearchIndex,
    q: &Query,
    base: Option<&[u32]>,
    limit: usize,
    stop: Stop,
) -> Option<Outcome> {
    let (found, base) = if q.scans() {
        scan(index, q, base, limit, stop)?
    } else {
        (Vec::new(), Vec::new())
    };
    let all = merge(found, id_matches(index, q));
    let mut scratch = Scratch::default();
    let hits = rank::top(index, &all, limit)
        .into_iter()
        .map(|(o, scored)| {
            rank::hit(index, q, o, scored, || {
                matched_pinyin(index.name_ref(o), q, &mut scratch)
            })
        })
        .collect();
    Some(Outcome { hits, base })
}

/// Matches found by a pass (by ordinal), and the base for the next query.
type Scanned = (Vec<(u32, Scored)>, Vec<u32>);

/// The pass over the customers (or the base).
fn scan(
    index: &SearchIndex,
    q: &Query,
    base: Option<&[u32]>,
    limit: usize,
    stop: Stop,
) -> Option<Scanned> {
    let floor = AtomicU64::new(0);
    let parts = match base {
        Some(base) => {
            let halves = if base.len() < PARALLEL_MIN {
                vec![base]
            } else {
                let (a, b) = base.split_at(base.len() / 2);
                vec![a, b]
            };
            on_threads(halves, |part| {
                let mut checker = Checker::new(index, q, limit, &floor);
                checker.check_all(part, stop)?;
                Some(checker)
            })?
        }
        None => {
            let n = index.ordinals();
            let halves = if (n as usize) < PARALLEL_MIN {
                vec![(0, n)]
            } else {
                vec![(0, n / 2), (n / 2, n)]
            };
            on_threads(halves, |(lo, hi)| {
                let mut checker = Checker::new(index, q, limit, &floor);
                checker.check_all(&candidates(index, q, lo, hi, stop)?, stop)?;
                Some(checker)
            })?
        }
    };
    let mut found = Vec::new();
    let mut next_base = Vec::new();
    for part in parts {
        found.extend(part.found);
        next_base.extend(part.base);
    }
    Some((found, next_base))
}

/// Ordinals in `lo..hi` that may match: names by their masks, phones and id
/// numbers by a column scan.
fn candidates(index: &SearchIndex, q: &Query, lo: u32, hi: u32, stop: Stop) -> Option<Vec<u32>> {
    let mut out = Vec::new();
    if q.names() {
        for (i, o) in (lo..hi).enumerate() {
            if i % STOP_EVERY == 0 && stop() {
                return None;
            }
            if may_match_name(index, q, o) {
                out.push(o);
            }
        }
    }
    if let Some(digits) = &q.phone {
        out = union(out, index.phones.scan(digits.as_bytes(), lo, hi, stop)?);
    }
    if let Some(fragment) = &q.id_number {
        out = union(
            out,
            index.id_numbers.scan(fragment.as_bytes(), lo, hi, stop)?,
        );
    }
    Some(out)
}

/// One thread's share of a pass.
struct Checker<'a> {
    index: &'a SearchIndex,
    q: &'a Query,
    limit: usize,
    /// The best `limit` rank keys this thread found (a min-heap).
    best: BinaryHeap<Reverse<u64>>,
    /// The highest "worst of the best" of all threads: a key that cannot
    /// beat it cannot rank.
    floor: &'a AtomicU64,
    scratch: Scratch,
    found: Vec<(u32, Scored)>,
    base: Vec<u32>,
}

impl<'a> Checker<'a> {
    fn new(
        index: &'a SearchIndex,
        q: &'a Query,
        limit: usize,
        floor: &'a AtomicU64,
    ) -> Checker<'a> {
        Checker {
            index,
            q,
            limit,
            best: BinaryHeap::with_capacity(limit + 1),
            floor,
            scratch: Scratch::default(),
            found: Vec::new(),
            base: Vec::new(),
        }
    }

    fn check_all(&mut self, ordinals: &[u32], stop: Stop) -> Option<()> {
        for (i, &o) in ordinals.iter().enumerate() {
            if i % STOP_EVERY == 0 && stop() {
                return None;
            }
            self.check(o);
        }
        Some(())
    }

    fn check(&mut self, o: u32) {
        let (index, q) = (self.index, self.q);
        if !index.entry(o).is_alive() {
            return;
        }
        let mut best = numbers_match(index, q, o);
        let mut keep = best.is_some();
        if q.names() && may_match_name(index, q, o) {
            let name = index.name_ref(o);
            if self.could_rank(o, upper_bound(name, q)) {
                let matched = match_name(name, q, &mut self.scratch);
                keep |= matched.is_some();
                best = Scored::best(best, matched);
            } else {
                keep = true;
            }
        }
        if let Some(scored) = best {
            self.found.push((o, scored));
            self.offer(rank_key(index, o, scored));
        }
        if keep {
            self.base.push(o);
        }
    }

    /// Whether a match as good as `bound` would make the best `limit`
    /// (an equal key may, by its customer id).
    fn could_rank(&self, o: u32, bound: Scored) -> bool {
        rank_key(self.index, o, bound) >= self.floor.load(Ordering::Relaxed)
    }

    fn offer(&mut self, key: u64) {
        if self.best.len() < self.limit {
            self.best.push(Reverse(key));
        } else if self.best.peek().is_some_and(|Reverse(worst)| key > *worst) {
            self.best.pop();
            self.best.push(Reverse(key));
        }
        if self.best.len() == self.limit {
            if let Some(Reverse(worst)) = self.best.peek() {
                self.floor.fetch_max(*worst, Ordering::Relaxed);
            }
        }
    }
}

/// How a customer's phone and id number match `q`.
fn numbers_match(index: &SearchIndex, q: &Query, o: u32) -> Option<Scored> {
    let phone = q
        .phone
        .as_ref()
        .and_then(|digits| number_match(index.phone(o), digits, MatchedOn::Phone));
    let id = q
        .id_number
        .as_ref()
        .and_then(|fragment| number_match(index.id_number(o), fragment, MatchedOn::IdNumber));
    Scored::best(phone, id)
}

fn number_match(value: &str, fragment: &str, matched: MatchedOn) -> Option<Scored> {
    if value == fragment {
        return Some(Scored::new(MatchClass::Exact, 0, matched));
    }
    if !value.contains(fragment) {
        return None;
    }
    // The last digits are what callers are asked for.
    let tail = if value.ends_with(fragment) { 1000 } else { 0 };
    let within = tail + coverage(fragment.len(), value.len());
    Some(Scored::new(MatchClass::Partial, within, matched))
}

/// Cheap test that a name may match: every letter of the query appears in
/// the name's readings, the first starts one, every Chinese character of
/// the query is (probably) in the name.
fn may_match_name(index: &SearchIndex, q: &Query, o: u32) -> bool {
    let e = index.entry(o);
    e.letters & q.letters == q.letters && e.leads & q.lead == q.lead && e.bloom & q.bloom == q.bloom
}

/// Runs `work` on each part, the first on this thread and the rest on
/// scoped threads; results in part order, `None` if any part stopped.
fn on_threads<P: Send, R: Send>(
    parts: Vec<P>,
    work: impl Fn(P) -> Option<R> + Sync,
) -> Option<Vec<R>> {
    let mut parts = parts.into_iter();
    let first = parts.next()?;
    std::thread::scope(|scope| {
        let others: Vec<_> = parts.map(|p| scope.spawn(|| work(p))).collect();
        let mut results = vec![work(first)];
        // A panic in a part is a bug in the matcher: pass it on.
        results.extend(
            others
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))),
        );
        results.into_iter().collect()
    })
}

/// Sorted union of two sorted lists without repeats.
fn union(a: Vec<u32>, b: Vec<u32>) -> Vec<u32> {
    if a.is_empty() {
        return b;
    }
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => {
                out.push(a[i]);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                out.push(b[j]);
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

/// Customer-id and policy-id prefix matches, one per customer, by ordinal.
fn id_matches(index: &SearchIndex, q: &Query) -> Vec<(u32, Scored)> {
    let Some(prefix) = &q.record_id else {
        return Vec::new();
    };
    let mut out: Vec<(u32, Scored)> = Vec::new();
    for o in index.customers_with_id_prefix(prefix, ID_PREFIX_CAP) {
        out.push((
            o,
            id_score(index.customer_id(o), prefix, MatchedOn::CustomerId),
        ));
    }
    for (o, policy_id) in index.policies_with_prefix(prefix, ID_PREFIX_CAP) {
        out.push((o, id_score(&policy_id, prefix, MatchedOn::PolicyId)));
    }
    // Best first within an ordinal, so that `dedup` keeps the best.
    out.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.score.cmp(&a.1.score)));
    out.dedup_by_key(|(o, _)| *o);
    out
}

fn id_score(id: &str, prefix: &str, matched: MatchedOn) -> Scored {
    if id.len() == prefix.len() {
        Scored::new(MatchClass::Exact, 0, matched)
    } else {
        Scored::new(
            MatchClass::Partial,
            coverage(prefix.len(), id.len()),
            matched,
        )
    }
}

/// Joins pass matches and id matches (both by ordinal), keeping the better
/// match of a customer found by both.
fn merge(passed: Vec<(u32, Scored)>, ids: Vec<(u32, Scored)>) -> Vec<(u32, Scored)> {
    if ids.is_empty() {
        return passed;
    }
    let mut out = Vec::with_capacity(passed.len() + ids.len());
    let mut ids = ids.into_iter().peekable();
    for (o, scored) in passed {
        while let Some(id) = ids.next_if(|(io, _)| *io < o) {
            out.push(id);
        }
        match ids.next_if(|(io, _)| *io == o) {
            Some((_, id)) => out.push((o, scored.better(id))),
            None => out.push((o, scored)),
        }
    }
    out.extend(ids);
    out
}
