//! The pinyin side of a name: every character becomes a *slot* that a typed
//! query can match by the character itself or by any prefix of any of its
//! readings (`z`, `zh`, `zhang` for 张). Polyphonic characters keep every
//! reading; a person's surname uses its surname reading only, because the
//! common tables list the everyday reading first (单 dan, 曾 ceng, 解 jie).
//!
//! Readings come from the `pinyin` crate, looked up once per code point into
//! a dense table, so that matching a name costs an array index per character
//! and the index stores no pinyin at all.

use pinyin::{Pinyin, ToPinyinMulti};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// Surname readings, compound surnames first (they are matched by prefix).
/// Only characters whose surname reading is not their usual first reading
/// (or is missing from the tables) are listed.
const SURNAMES: &[(&str, &[&[&str]])] = &[
    ("尉迟", &[&["yu"], &["chi"]]),
    ("万俟", &[&["mo"], &["qi"]]),
    ("长孙", &[&["zhang"], &["sun"]]),
    ("澹台", &[&["tan"], &["tai"]]),
    ("单", &[&["shan"]]),
    ("曾", &[&["zeng"]]),
    ("解", &[&["xie"]]),
    ("乐", &[&["yue"]]),
    ("区", &[&["ou"]]),
    ("仇", &[&["qiu"]]),
    ("朴", &[&["piao"]]),
    ("查", &[&["zha"]]),
    ("盖", &[&["ge"]]),
    ("缪", &[&["miao"]]),
    ("覃", &[&["qin"]]),
    ("翟", &[&["zhai"]]),
    ("种", &[&["chong"]]),
    ("秘", &[&["bi"]]),
    ("召", &[&["shao"]]),
    ("冼", &[&["xian"]]),
    ("折", &[&["she"]]),
    ("尉", &[&["wei"]]),
    ("句", &[&["gou"]]),
    ("员", &[&["yun"]]),
    ("贲", &[&["ben"]]),
    ("隗", &[&["wei"]]),
    ("繁", &[&["po"]]),
    ("能", &[&["nai"]]),
    ("都", &[&["du"]]),
    ("便", &[&["pian"]]),
    ("柏", &[&["bai"]]),
    ("朝", &[&["chao"]]),
    ("重", &[&["chong"]]),
    ("沈", &[&["shen"]]),
    ("长", &[&["chang"]]),
    ("黑", &[&["he"]]),
    ("阚", &[&["kan"]]),
    ("睢", &[&["sui"]]),
    ("迮", &[&["ze"]]),
];

/// One searchable position of a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    /// An ASCII letter (lower-cased) or digit.
    Latin(u8),
    /// Any other letter: a Chinese character with its readings (possibly
    /// none, for rare characters), or a non-Latin letter.
    Char {
        ch: char,
        readings: &'static [&'static str],
    },
}

/// Folds full-width ASCII (what a Chinese input method types in full-width
/// mode) to ASCII, the ideographic space to a space, and ASCII to lower case.
pub fn fold_char(c: char) -> char {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    };
    c.to_ascii_lowercase()
}

/// A slot as the index stores it: [`LATIN_CODE`] with the (lower-case)
/// ASCII byte, else the number of the character's reading set (0: none).
/// The character itself is not stored: the name has it.
pub type SlotCode = u16;
const LATIN_CODE: u16 = 0x8000;

/// Whether a (folded) character is a slot: an ASCII letter or digit, or
/// any other letter (separators and punctuation are not).
pub fn is_slot_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    // Looking up the readings first spares the Unicode tables for Chinese.
    table().set_of(c) != 0 || c.is_alphanumeric()
}

/// The slot codes of a name, into `out` (cleared first); a person's surname
/// characters get their surname readings.
pub fn slot_codes(name: &str, person: bool, out: &mut Vec<SlotCode>) {
    let table = table();
    out.clear();
    out.extend(
        name.chars()
            .map(fold_char)
            .filter(|c| is_slot_char(*c))
            .map(|c| {
                if c.is_ascii() {
                    LATIN_CODE | c as u16
                } else {
                    table.set_of(c)
                }
            }),
    );
    if !person {
        return;
    }
    let name = name.trim_start();
    // Most names start with no listed surname: one lookup rules them out.
    let first = name.chars().next().unwrap_or_default();
    if table.surname_firsts.binary_search(&first).is_err() {
        return;
    }
    if let Some(i) = SURNAMES.iter().position(|(s, _)| name.starts_with(s)) {
        for (code, set) in out.iter_mut().zip(&table.surname_sets[i]) {
            *code = *set;
        }
    }
}

/// The slots of stored codes, into `out` (cleared first). The characters
/// are taken from `name` only when `with_chars` (a query holding Chinese
/// characters compares them); otherwise they are `'\0'`, which no query
/// character equals.
pub fn decode_slots(codes: &[SlotCode], name: &str, with_chars: bool, out: &mut Vec<Slot>) {
    let table = table();
    let mut chars = name.chars().map(fold_char).filter(|c| is_slot_char(*c));
    out.clear();
    out.extend(codes.iter().map(|&code| {
        let ch = if with_chars {
            chars.next().unwrap_or('\0')
        } else {
            '\0'
        };
        table.slot(code, ch)
    }));
}

/// The slot of one code, with `ch` as its character.
pub fn slot_of_code(code: SlotCode, ch: char) -> Slot {
    table().slot(code, ch)
}

/// Where a typed query splits into syllables the way an input method reads
/// it: the longest run of letters that starts some reading, then the next
/// (`zhan` is one syllable, `zhangs` is zhang + s, `xian` is one). Bit `i`
/// set: a syllable starts at slot character `i` (for the first 64).
pub fn syllable_breaks(query: &[char]) -> u64 {
    let table = table();
    let mut breaks = 0u64;
    let mut i = 0;
    let mut run = String::new();
    while i < query.len() {
        if i < 64 {
            breaks |= 1 << i;
        }
        run.clear();
        let mut len = 1;
        for (n, c) in query[i..].iter().enumerate() {
            if !c.is_ascii_lowercase() {
                break;
            }
            run.push(*c);
            if !table.syllable_prefixes.contains(run.as_str()) {
                break;
            }
            len = n + 1;
        }
        i += len;
    }
    breaks
}

/// The slots of a name, characters included.
pub fn slots_of(name: &str, person: bool) -> Vec<Slot> {
    let mut codes = Vec::new();
    slot_codes(name, person, &mut codes);
    let mut slots = Vec::new();
    decode_slots(&codes, name, true, &mut slots);
    slots
}

/// Every reading of a character, plain (no tones), `ü` written `v` and also
/// `u` (what people type); the usual reading first. Empty for characters
/// without pinyin.
pub fn readings(c: char) -> &'static [&'static str] {
    let table = table();
    table.sets[usize::from(table.set_of(c))]
}

/// The readings of a name for display, surname readings applied and the
/// first reading of every other character: `shan xiao ming`. Latin runs are
/// kept together (`tcl ke ji`).
pub fn display_pinyin(name: &str, person: bool) -> String {
    spell(&slots_of(name, person), |_| None)
}

/// Slots as syllables separated by spaces, Latin runs kept together; slot
/// `i` is spelled `chosen(i)` if given, else by its first reading (or
/// itself, when it has none).
pub fn spell(slots: &[Slot], chosen: impl Fn(usize) -> Option<&'static str>) -> String {
    let mut out = String::new();
    let mut prev_latin = false;
    for (i, slot) in slots.iter().enumerate() {
        let latin = matches!(slot, Slot::Latin(_));
        if !(out.is_empty() || latin && prev_latin) {
            out.push(' ');
        }
        match *slot {
            Slot::Latin(b) => out.push(char::from(b)),
            Slot::Char { ch, readings } => match chosen(i).or(readings.first().copied()) {
                Some(reading) => out.push_str(reading),
                None => out.push(ch),
            },
        }
        prev_latin = latin;
    }
    out
}

/// Code points of the CJK Unified Ideographs and Extension A, looked up
/// directly; anything else (extensions B+, compatibility ideographs) goes
/// through a map.
const DENSE_FIRST: u32 = 0x3400;
const DENSE_LAST: u32 = 0x9FFF;
const SPARSE_RANGES: &[(u32, u32)] = &[(0x3007, 0x3007), (0xF900, 0xFAFF), (0x20000, 0x3134F)];

static TABLE: OnceLock<Table> = OnceLock::new();

fn table() -> &'static Table {
    TABLE.get_or_init(Table::build)
}

struct Table {
    /// Reading-set index per code point from `DENSE_FIRST` (0 = none).
    dense: Vec<u16>,
    sparse: HashMap<char, u16>,
    /// Distinct reading sets; index 0 is the empty set.
    sets: Vec<&'static [&'static str]>,
    /// The set of each character of each `SURNAMES` entry.
    surname_sets: Vec<Vec<u16>>,
    /// The first character of each `SURNAMES` entry, sorted.
    surname_firsts: Vec<char>,
    /// Every prefix of every reading.
    syllable_prefixes: HashSet<&'static str>,
}

impl Table {
    fn slot(&self, code: SlotCode, ch: char) -> Slot {
        if code & LATIN_CODE != 0 {
            Slot::Latin(code as u8)
        } else {
            Slot::Char {
                ch,
                readings: self.sets[usize::from(code)],
            }
        }
    }

    fn set_of(&self, c: char) -> u16 {
        match (c as u32).checked_sub(DENSE_FIRST) {
            Some(i) if (i as usize) < self.dense.len() => self.dense[i as usize],
            _ => self.sparse.get(&c).copied().unwrap_or(0),
        }
    }

    fn build() -> Table {
        let mut table = Table {
            dense: vec![0; (DENSE_LAST - DENSE_FIRST + 1) as usize],
            sparse: HashMap::new(),
            sets: vec![&[]],
            surname_sets: Vec::new(),
            surname_firsts: Vec::new(),
            syllable_prefixes: HashSet::new(),
        };
        let mut known: HashMap<Vec<&'static str>, u16> = HashMap::new();
        let dense = (DENSE_FIRST..=DENSE_LAST).map(|cp| (cp, true));
        let sparse = SPARSE_RANGES
            .iter()
            .flat_map(|&(a, b)| (a..=b).map(|cp| (cp, false)));
        for (cp, is_dense) in dense.chain(sparse) {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            let set = normalized_readings(c);
            if set.is_empty() {
                continue;
            }
            let index = table.intern(&mut known, set);
            if is_dense {
                table.dense[(cp - DENSE_FIRST) as usize] = index;
            } else {
                table.sparse.insert(c, index);
            }
        }
        for (_, readings) in SURNAMES {
            let sets = readings
                .iter()
                .map(|r| table.intern(&mut known, r.to_vec()))
                .collect();
            table.surname_sets.push(sets);
        }
        table.surname_firsts = SURNAMES
            .iter()
            .filter_map(|(s, _)| s.chars().next())
            .collect();
        table.surname_firsts.sort_unstable();
        table.syllable_prefixes = table
            .sets
            .iter()
            .flat_map(|set| set.iter())
            .flat_map(|reading| (1..=reading.len()).map(move |n| &reading[..n]))
            .collect();
        table
    }

    fn intern(
        &mut self,
        known: &mut HashMap<Vec<&'static str>, u16>,
        set: Vec<&'static str>,
    ) -> u16 {
        let next = self.sets.len();
        *known.entry(set).or_insert_with_key(|set| {
            // The table lives for the whole process: leaking each of the
            // few thousand distinct sets once gives `'static` slices.
            self.sets.push(Box::leak(set.clone().into_boxed_slice()));
            // About 4,000 sets exist; slot codes keep 15 bits for them.
            assert!(next < usize::from(LATIN_CODE), "too many reading sets");
            next as u16
        })
    }
}

/// The crate's readings of `c`, toneless, `ü` spelled both ways, deduplicated
/// in the crate's order; readings that are not plain ASCII are dropped.
fn normalized_readings(c: char) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    let Some(multi) = c.to_pinyin_multi() else {
        return out;
    };
    for plain in multi.into_iter().map(Pinyin::plain) {
        for reading in spell_u_umlaut(plain) {
            if reading.is_ascii() && !reading.is_empty() && !out.contains(&reading) {
                out.push(reading);
            }
        }
    }
    out
}

/// `lü` is typed `lv` (the input-method convention) or `lu`.
fn spell_u_umlaut(plain: &'static str) -> Vec<&'static str> {
    match plain {
        "lü" => vec!["lv", "lu"],
        "nü" => vec!["nv", "nu"],
        "lüe" => vec!["lve", "lue"],
        "nüe" => vec!["nve", "nue"],
        other => vec![other],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first_readings(name: &str, person: bool) -> Vec<Vec<&'static str>> {
        slots_of(name, person)
            .iter()
            .map(|s| match s {
                Slot::Char { readings, .. } => readings.to_vec(),
                Slot::Latin(_) => vec![],
            })
            .collect()
    }

    #[test]
    fn polyphonic_characters_keep_every_reading() {
        assert_eq!(readings('还'), &["hai", "huan", "fu"]);
        assert!(readings('长').contains(&"zhang") && readings('长').contains(&"chang"));
        assert_eq!(readings('绿'), &["lv", "lu"]);
        assert_eq!(readings('女'), &["nv", "nu", "ru"]);
    }

    #[test]
    fn a_persons_surname_uses_its_surname_reading() {
        assert_eq!(first_readings("单田芳", true)[0], vec!["shan"]);
        assert_eq!(
            first_readings("单田芳", false)[0],
            vec!["dan", "chan", "shan"]
        );
        assert_eq!(first_readings("曾国藩", true)[0], vec!["zeng"]);
        assert_eq!(
            first_readings("尉迟恭", true)[..2],
            [vec!["yu"], vec!["chi"]]
        );
        // Only the leading characters: 单 later in a name keeps all readings.
        assert_eq!(first_readings("王单", true)[1], vec!["dan", "chan", "shan"]);
    }

    #[test]
    fn queries_split_into_syllables_like_an_input_method() {
        let breaks = |q: &str| {
            let chars: Vec<char> = q.chars().collect();
            let bits = syllable_breaks(&chars);
            (0..chars.len())
                .filter(|i| bits >> i & 1 == 1)
                .collect::<Vec<_>>()
        };
        assert_eq!(breaks("zhan"), [0]);
        assert_eq!(breaks("zhangs"), [0, 5]);
        assert_eq!(breaks("zhangsan"), [0, 5]);
        assert_eq!(breaks("zs"), [0, 1]);
        assert_eq!(breaks("张s"), [0, 1]);
        assert_eq!(breaks("xian"), [0]);
    }

    #[test]
    fn folds_full_width_and_skips_punctuation() {
        let slots = slots_of("ＴＣＬ 科技·集团", false);
        assert_eq!(slots.len(), 7);
        assert_eq!(slots[0], Slot::Latin(b't'));
        assert_eq!(display_pinyin("ＴＣＬ科技", false), "tcl ke ji");
        assert_eq!(display_pinyin("单晓明", true), "shan xiao ming");
    }
}
