//! Matching one name against a query, directly and through pinyin.
//!
//! Directly: the folded name equals, starts with or contains the query, or
//! holds its characters in order (scored by fuzzy-matcher's SkimMatcherV2).
//!
//! Through pinyin: from some character on, the query splits into pieces,
//! one per character in a row, each either the character itself or a prefix
//! of one of its readings: `zs`, `zhangs`, `zhs`, `张s` and `zhangsan` all
//! match 张三 from its first character.

use super::pinyin_keys::{decode_slots, fold_char, slot_of_code, spell, Slot, SlotCode};
use super::query::Query;
use super::rank::{coverage, MatchClass, MatchedOn, Scored};
use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;

/// Buffers reused from one name to the next (no allocation per name).
#[derive(Default)]
pub struct Scratch {
    name: Vec<char>,
    name_string: String,
    slots: Vec<Slot>,
    /// `failed[s]` bit `p`: the query from `p` cannot match from slot `s`.
    failed: Vec<u64>,
    /// The slots matched through a reading, innermost first.
    trail: Vec<Piece>,
    skim: SkimMatcherV2,
}

/// A slot the query matched through one of its readings.
#[derive(Clone, Copy, Debug)]
struct Piece {
    slot: usize,
    /// Where in the query it starts.
    at: usize,
    reading: &'static str,
    /// Letters of the reading typed.
    typed: usize,
    /// The character's usual (first) reading.
    usual: bool,
}

/// A name as the index holds it.
#[derive(Clone, Copy, Debug)]
pub struct NameRef<'a> {
    pub text: &'a str,
    /// Its slots (see `pinyin_keys`).
    pub codes: &'a [SlotCode],
    /// Whether it has a Latin letter or digit (else an ASCII query can only
    /// match it through pinyin).
    pub has_latin: bool,
}

/// The best match of a name, directly or through pinyin.
pub fn match_name(name: NameRef, q: &Query, s: &mut Scratch) -> Option<Scored> {
    // Both ways need every Chinese character of the query in the name
    // (unchanged by folding): a cheap test that rules most names out.
    if q.has_chars
        && !q
            .slots
            .iter()
            .all(|c| c.is_ascii() || name.text.contains(*c))
    {
        return None;
    }
    let direct = if q.has_latin && !name.has_latin {
        None
    } else {
        match_direct(name.text, q, s)
    };
    if direct.is_some_and(|d| d.score >= Scored::new(MatchClass::Prefix, 0, MatchedOn::Name).score)
    {
        // Pinyin cannot beat a direct prefix of equal coverage.
        return direct;
    }
    let pinyin = if q.pinyin {
        match_pinyin(name, q, s).or_else(|| {
            // Only names no other way matched: Latin names have skim.
            direct.is_none().then(|| letters_in_order(q, s)).flatten()
        })
    } else {
        None
    };
    Scored::best(direct, pinyin)
}

fn match_direct(name: &str, q: &Query, s: &mut Scratch) -> Option<Scored> {
    fold_name(name, &mut s.name);
    let (n, t) = (&s.name[..], &q.text[..]);
    if n.len() < t.len() {
        return None;
    }
    let scored = |class, within| Some(Scored::new(class, within, MatchedOn::Name));
    if n == t {
        return scored(MatchClass::Exact, 0);
    }
    let within = Spelling::best(coverage(t.len(), n.len()));
    if n.starts_with(t) {
        return scored(MatchClass::Prefix, within);
    }
    if n.windows(t.len()).any(|w| w == t) {
        return scored(MatchClass::Contains, within);
    }
    if !is_subsequence(t, n) {
        return None;
    }
    s.name_string.clear();
    s.name_string.extend(s.name.iter());
    let points = s.skim.fuzzy_match(&s.name_string, &q.text_string)?;
    scored(MatchClass::Fuzzy, points.max(0) as u32)
}

/// The name folded like a query: full-width to ASCII, lower case, white
/// space collapsed and trimmed.
fn fold_name(name: &str, out: &mut Vec<char>) {
    out.clear();
    for c in name.chars().map(fold_char) {
        if c.is_whitespace() {
            if out.last().is_some_and(|l| *l != ' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    if out.last() == Some(&' ') {
        out.pop();
    }
}

fn is_subsequence(needle: &[char], hay: &[char]) -> bool {
    let mut rest = hay.iter();
    needle.iter().all(|c| rest.any(|h| h == c))
}

/// How naturally the query spells the slots it matched, best last. Every
/// split is a match (`zhan` matches 赵航 as z + han), but a rep typing
/// `zhan` means 张 or 战: syllables typed out whole (the last one may be
/// still being typed) come first, then syllables followed by initials
/// (`zs`, `zhangs` is already whole), then any other split.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Spelling {
    Split = 1,
    Initials = 2,
    Whole = 3,
}

impl Spelling {
    /// Points within a class, in order of weight: the spelling; pieces
    /// starting where an input method would start a syllable (`zhan` is
    /// 张 zhan(g) rather than 查宁 zha + n); usual readings (邓 reads deng,
    /// rarely shan); the share of the name matched (`coverage`, ≤ 1000).
    fn points(self, natural: bool, usual: bool, coverage: u32) -> u32 {
        self as u32 * 8000 + u32::from(natural) * 4000 + u32::from(usual) * 2000 + coverage
    }

    /// The best points of any match covering this share of the name.
    fn best(coverage: u32) -> u32 {
        Spelling::Whole.points(true, true, coverage)
    }

    /// The spelling of slots `start..end` as `trail` recorded them.
    fn of(start: usize, end: usize, trail: &[Piece]) -> Spelling {
        let piece = |slot: usize| trail.iter().find(|p| p.slot == slot);
        // Per slot: typed whole (characters and Latin letters are), or how
        // many letters of its reading.
        let typed = |slot: usize| match piece(slot) {
            Some(p) if p.typed < p.reading.len() => Some(p.typed),
            _ => None,
        };
        // An initial: the first letter, or zh/ch/sh.
        let initial = |slot: usize| {
            piece(slot).is_some_and(|p| {
                p.typed == 1 || p.typed == 2 && ["zh", "ch", "sh"].contains(&&p.reading[..2])
            })
        };
        if (start..end.saturating_sub(1)).all(|slot| typed(slot).is_none()) {
            return Spelling::Whole;
        }
        let first_initial = (start..end)
            .find(|slot| typed(*slot).is_some())
            .unwrap_or(end);
        let initials = (first_initial..end)
            .all(|slot| initial(slot) || slot + 1 == end && typed(slot).is_none());
        if initials {
            Spelling::Initials
        } else {
            Spelling::Split
        }
    }
}

fn match_pinyin(name: NameRef, q: &Query, s: &mut Scratch) -> Option<Scored> {
    let (start, end) = pinyin_span(name, q, s)?;
    let class = if start == 0 {
        MatchClass::Prefix
    } else {
        MatchClass::Contains
    };
    let matched = if s.trail.is_empty() {
        MatchedOn::Name
    } else {
        MatchedOn::Pinyin
    };
    let natural = s
        .trail
        .iter()
        .all(|p| p.at == 0 || p.at < 64 && q.breaks >> p.at & 1 == 1);
    let usual = s.trail.iter().all(|p| p.usual);
    let spelling = Spelling::of(start, end, &s.trail);
    let within = spelling.points(natural, usual, coverage(end - start, s.slots.len()));
    Some(Scored::new(class, within, matched))
}

/// Fuzzy through pinyin, for names `match_pinyin` (which just decoded the
/// slots) did not match: each query letter starts a reading of a later
/// character than the one before, skipping characters in between (`hwjz`
/// for 华伟建筑工程有限公司). Denser matches score higher.
fn letters_in_order(q: &Query, s: &Scratch) -> Option<Scored> {
    let mut slots = s.slots.iter();
    for &c in &q.slots {
        slots.find(|slot| may_start(slot, c))?;
    }
    let within = coverage(q.slots.len(), s.slots.len());
    Some(Scored::new(MatchClass::Fuzzy, within, MatchedOn::Pinyin))
}

/// The first slot range `start..end` the query matches; `s.trail` says how.
fn pinyin_span(name: NameRef, q: &Query, s: &mut Scratch) -> Option<(usize, usize)> {
    decode_slots(name.codes, name.text, q.has_chars, &mut s.slots);
    s.failed.clear();
    s.failed.resize(s.slots.len() + 1, 0);
    let first = *q.slots.first()?;
    for start in 0..s.slots.len() {
        if !may_start(&s.slots[start], first) {
            continue;
        }
        s.trail.clear();
        if let Some(end) = segment(&s.slots, start, &q.slots, 0, &mut s.failed, &mut s.trail) {
            return Some((start, end));
        }
    }
    None
}

/// The best score a name could get for `q`, without matching it: the class
/// its first slot and length allow, and the coverage of a match as long as
/// the query (each slot takes at least one character).
pub fn upper_bound(name: NameRef, q: &Query) -> Scored {
    let n = name.codes.len();
    let class = if n == q.slots.len() {
        MatchClass::Exact
    } else if q.slots.first().is_none_or(|&c| {
        // A Chinese first character is not checked (the code has no char).
        !c.is_ascii()
            || name
                .codes
                .first()
                .is_some_and(|&code| may_start(&slot_of_code(code, '\0'), c))
    }) {
        MatchClass::Prefix
    } else {
        MatchClass::Contains
    };
    let within = Spelling::best(coverage(q.text.len().min(n), n));
    Scored::new(class, within, MatchedOn::Name)
}

fn may_start(slot: &Slot, c: char) -> bool {
    match *slot {
        Slot::Latin(b) => c == char::from(b),
        Slot::Char { ch, readings } => {
            ch == c || (c.is_ascii() && readings.iter().any(|r| r.as_bytes()[0] == c as u8))
        }
    }
}

/// Matches `q[p..]` from slot `s` on; returns the slot after the last one
/// used. Longer pieces are tried first. Failures are remembered per
/// `(s, p)`, which bounds the work on long names with many readings.
fn segment(
    slots: &[Slot],
    s: usize,
    q: &[char],
    p: usize,
    failed: &mut [u64],
    trail: &mut Vec<Piece>,
) -> Option<usize> {
    if p == q.len() {
        return Some(s);
    }
    if s == slots.len() || failed[s] >> p & 1 == 1 {
        return None;
    }
    let c = q[p];
    let found = match slots[s] {
        Slot::Latin(b) if c == char::from(b) => segment(slots, s + 1, q, p + 1, failed, trail),
        Slot::Latin(_) => None,
        Slot::Char { ch, .. } if ch == c => segment(slots, s + 1, q, p + 1, failed, trail),
        Slot::Char { readings, .. } => readings.iter().enumerate().find_map(|(i, reading)| {
            let common = reading
                .bytes()
                .zip(&q[p..])
                .take_while(|(a, b)| char::from(*a) == **b)
                .count();
            (1..=common).rev().find_map(|typed| {
                let end = segment(slots, s + 1, q, p + typed, failed, trail)?;
                trail.push(Piece {
                    slot: s,
                    at: p,
                    reading,
                    typed,
                    usual: i == 0,
                });
                Some(end)
            })
        }),
    };
    if found.is_none() {
        failed[s] |= 1 << p;
    }
    found
}

/// The name's syllables as the query matched them (`shan xiao ming` for
/// `sxm` on 单晓明), for the hit's detail; other characters by their first
/// reading.
pub fn matched_pinyin(name: NameRef, q: &Query, s: &mut Scratch) -> String {
    s.trail.clear();
    if q.pinyin {
        let _ = pinyin_span(name, q, s);
    }
    decode_slots(name.codes, name.text, true, &mut s.slots);
    let trail = &s.trail;
    spell(&s.slots, |i| {
        trail.iter().find(|p| p.slot == i).map(|p| p.reading)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::pinyin_keys::slot_codes;
    use crate::search::rank::WITHIN;

    /// Matches a name the way the index holds it.
    fn with_name<T>(name: &str, person: bool, f: impl FnOnce(NameRef) -> T) -> T {
        let mut codes = Vec::new();
        slot_codes(name, person, &mut codes);
        let has_latin = name
            .chars()
            .map(fold_char)
            .any(|c| c.is_ascii_alphanumeric());
        f(NameRef {
            text: name,
            codes: &codes,
            has_latin,
        })
    }

    fn m(name: &str, person: bool, query: &str) -> Option<(MatchClass, MatchedOn, u32)> {
        let q = Query::parse(query);
        let mut s = Scratch::default();
        with_name(name, person, |n| match_name(n, &q, &mut s)).map(|sc| {
            let class = match sc.score / WITHIN {
                1 => MatchClass::Fuzzy,
                2 => MatchClass::Contains,
                3 => MatchClass::Partial,
                4 => MatchClass::Prefix,
                _ => MatchClass::Exact,
            };
            (class, sc.matched, sc.score % WITHIN)
        })
    }

    #[test]
    fn pinyin_initials_full_and_mixed() {
        use MatchClass::*;
        use MatchedOn::*;
        for q in ["zhangsan", "zhangs", "张s", "zhang三"] {
            assert_eq!(m("张三", true, q), Some((Prefix, Pinyin, 31000)), "{q}");
        }
        for q in ["zs", "zhs", "zsan"] {
            assert_eq!(m("张三", true, q), Some((Prefix, Pinyin, 23000)), "{q}");
        }
        assert_eq!(m("张三", true, "zhang"), Some((Prefix, Pinyin, 30500)));
        assert_eq!(m("张三丰", true, "sf"), Some((Contains, Pinyin, 22666)));
        assert_eq!(m("张三", true, "zx"), None);
        // Letters in order, skipping characters: fuzzy.
        assert_eq!(
            m("华伟建筑工程有限公司", false, "hwjz"),
            Some((Prefix, Pinyin, 22400))
        );
        assert_eq!(
            m("华伟建筑工程有限公司", false, "hwgc"),
            Some((Fuzzy, Pinyin, 400))
        );
        assert_eq!(m("张三", true, "zhangsana"), None);
    }

    #[test]
    fn direct_matches_and_fuzzy() {
        use MatchClass::*;
        use MatchedOn::*;
        assert_eq!(m("张三", true, "张三"), Some((Exact, Name, 0)));
        assert_eq!(m("张三丰", true, "张三"), Some((Prefix, Name, 30666)));
        assert_eq!(m("李张三", true, "张三"), Some((Contains, Name, 30666)));
        assert!(matches!(m("张三丰", true, "张丰"), Some((Fuzzy, Name, _))));
        assert!(matches!(
            m("Huawei Technologies", false, "hwtech"),
            Some((Fuzzy, Name, _))
        ));
        assert_eq!(
            m("Huawei Tech", false, "huawei t"),
            Some((Prefix, Name, 30727))
        );
        // Latin letters matched as slots are a name match, not pinyin.
        assert_eq!(
            m("Huawei Tech", false, "huaweitech"),
            Some((Prefix, Name, 31000))
        );
        assert_eq!(
            m("ＴＣＬ科技", false, "tclkj"),
            Some((Prefix, Pinyin, 23000))
        );
    }

    #[test]
    fn whole_syllables_rank_above_other_splits() {
        let score = |name, q| m(name, true, q).map(|(_, _, within)| within).unwrap_or(0);
        // `zhang` spells 张 whole; 赵航 only as z + hang.
        assert!(score("张三", "zhang") > score("赵航", "zhang"));
        assert!(score("张三", "zh") > score("曾涵", "zh"));
        assert!(score("张三", "zs") > score("张三丰", "zs"));
        assert!(score("赵航", "zh") > 0);
        // `zhan` is read as one syllable, not zha + n.
        assert!(score("张佳", "zhan") > score("查宁", "zhan"));
        assert!(score("先生", "xian") > score("西安", "xian"));
        // 邓 has the rare reading shan: the usual readings first.
        assert!(score("山德", "shan") > score("邓德", "shan"));
        assert!(score("单德", "shan") > score("邓德", "shan"));
    }

    #[test]
    fn surnames_read_as_surnames_for_people_only() {
        assert!(m("单田芳", true, "shantf").is_some());
        assert!(m("单田芳", true, "dantf").is_none());
        assert!(m("单田芳", false, "dantf").is_some());
        assert!(m("曾国藩", true, "zgf").is_some());
        assert!(m("曾国藩", true, "cgf").is_none());
    }

    #[test]
    fn detail_shows_the_readings_that_matched() {
        let q = Query::parse("cqshh");
        let mut s = Scratch::default();
        let detail = with_name("重庆商行", false, |n| matched_pinyin(n, &q, &mut s));
        assert_eq!(detail, "chong qing shang hang");
        let q = Query::parse("sxm");
        let detail = with_name("单晓明", true, |n| matched_pinyin(n, &q, &mut s));
        assert_eq!(detail, "shan xiao ming");
    }
}
