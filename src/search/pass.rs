//! Running one query over the index: customer ids and policy ids by prefix
//! (binary search), everything else by a pass over the customers, split
//! over two threads; or, when the query grew from the previous one, only
//! over the previous matches (`base`). A pass can be abandoned when a newer
//! query arrives (`stop`).

use super::index::SearchIndex;
use super::name_match::{match_name, matched_pinyin, Scratch};
use super::query::Query;
use super::rank::{self, coverage, Hit, MatchClass, MatchedOn, Scored};

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
    /// Every customer the pass matched, in ordinal order: the `base` of a
    /// query that extends this one.
    pub matched: Vec<u32>,
}

pub type Stop<'a> = &'a (dyn Fn() -> bool + Sync);

/// Runs `q`; `None` when `stop` said so.
pub fn run(index: &SearchIndex, q: &Query, base: Option<&[u32]>, limit: usize, stop: Stop) -> Option<Outcome> {
    let passed = if q.scans() {
        match base {
            Some(base) => check_split(index, q, base, stop)?,
            None => full_pass(index, q, stop)?,
        }
    } else {
        Vec::new()
    };
    let matched: Vec<u32> = passed.iter().map(|(o, _)| *o).collect();
    let all = merge(passed, id_matches(index, q));
    let mut scratch = Scratch::default();
    let hits = rank::top(index, &all, limit)
        .into_iter()
        .map(|(o, scored)| {
            rank::hit(index, q, o, scored, || {
                matched_pinyin(index.name_ref(o), q, &mut scratch)
            })
        })
        .collect();
    Some(Outcome { hits, matched })
}

/// How one live customer matches the scanned parts of `q`.
fn evaluate(index: &SearchIndex, q: &Query, o: u32, s: &mut Scratch) -> Option<Scored> {
    let entry = index.entry(o);
    if !entry.is_alive() {
        return None;
    }
    let mut best = None;
    if q.names() {
        best = match_name(index.name_ref(o), q, s);
    }
    if let Some(digits) = &q.phone {
        let phone = number_match(index.phone(o), digits, MatchedOn::Phone);
        best = Scored::best(best, phone);
    }
    if let Some(fragment) = &q.id_number {
        let id = number_match(index.id_number(o), fragment, MatchedOn::IdNumber);
        best = Scored::best(best, id);
    }
    best
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

/// Every ordinal: names by their masks, phones and id numbers by a column
/// scan; then each candidate checked once.
fn full_pass(index: &SearchIndex, q: &Query, stop: Stop) -> Option<Vec<(u32, Scored)>> {
    let n = index.ordinals();
    let halves = if (n as usize) < PARALLEL_MIN { vec![(0, n)] } else { vec![(0, n / 2), (n / 2, n)] };
    let parts = on_threads(halves, |(lo, hi)| {
        let mut candidates = Vec::new();
        if q.names() {
            for (i, o) in (lo..hi).enumerate() {
                if i % STOP_EVERY == 0 && stop() {
                    return None;
                }
                if may_match_name(index, q, o) {
                    candidates.push(o);
                }
            }
        }
        if let Some(digits) = &q.phone {
            candidates = union(candidates, index.phones.scan(digits.as_bytes(), lo, hi, stop)?);
        }
        if let Some(fragment) = &q.id_number {
            candidates = union(candidates, index.id_numbers.scan(fragment.as_bytes(), lo, hi, stop)?);
        }
        check(index, q, &candidates, stop)
    })?;
    Some(parts.concat())
}

/// Checks `base` (the previous query's matches) on one or two threads.
fn check_split(index: &SearchIndex, q: &Query, base: &[u32], stop: Stop) -> Option<Vec<(u32, Scored)>> {
    let halves = if base.len() < PARALLEL_MIN {
        vec![base]
    } else {
        let (a, b) = base.split_at(base.len() / 2);
        vec![a, b]
    };
    Some(on_threads(halves, |part| check(index, q, part, stop))?.concat())
}

fn check(index: &SearchIndex, q: &Query, ordinals: &[u32], stop: Stop) -> Option<Vec<(u32, Scored)>> {
    let mut scratch = Scratch::default();
    let mut out = Vec::new();
    for (i, &o) in ordinals.iter().enumerate() {
        if i % STOP_EVERY == 0 && stop() {
            return None;
        }
        if let Some(scored) = evaluate(index, q, o, &mut scratch) {
            out.push((o, scored));
        }
    }
    Some(out)
}

/// Runs `work` on each part, the first on this thread and the rest on
/// scoped threads; results in part order, `None` if any part stopped.
fn on_threads<P: Send, R: Send>(parts: Vec<P>, work: impl Fn(P) -> Option<R> + Sync) -> Option<Vec<R>> {
    let mut parts = parts.into_iter();
    let first = parts.next()?;
    std::thread::scope(|scope| {
        let others: Vec<_> = parts.map(|p| scope.spawn(|| work(p))).collect();
        let mut results = vec![work(first)];
        // A panic in a part is a bug in the matcher: pass it on.
        results.extend(others.into_iter().map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))));
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
        out.push((o, id_score(index.customer_id(o), prefix, MatchedOn::CustomerId)));
    }
    for p in index.policies_with_prefix(prefix, ID_PREFIX_CAP) {
        out.push((p.ordinal, id_score(index.policy_id(&p), prefix, MatchedOn::PolicyId)));
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
        Scored::new(MatchClass::Partial, coverage(prefix.len(), id.len()), matched)
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
