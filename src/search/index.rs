//! The in-memory search index: the largest thing pcrm holds in memory, so
//! it is a few flat arrays. Every customer has a `u32` ordinal and a 24-byte
//! [`Entry`]; names and customer ids live in one text arena, phones and id
//! numbers in byte columns scanned for fragments, customer ids and policy
//! ids in lists sorted for prefix search. No pinyin is stored: readings are
//! looked up per character when matching (see `pinyin_keys.rs`).
//!
//! An edit appends a new ordinal and marks the old one dead, so nothing is
//! moved; dead ordinals are dropped by [`SearchIndex::compact`] once they
//! are a quarter of the index.

use super::numbers::NumberColumn;
use super::pinyin_keys::{slots_into, Slot};
use super::sorted_ids::SortedIds;
use crate::model::{ids, CustomerDoc, CustomerKind, Tier};

/// What ranks a customer among equally good matches.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RankInfo {
    pub open_tasks: u32,
    pub value_tier: Option<Tier>,
}

impl RankInfo {
    /// Higher is better: high 3, medium 2, low 1, unknown 0.
    pub fn tier_rank(tier: Option<Tier>) -> u8 {
        match tier {
            Some(Tier::High) => 3,
            Some(Tier::Medium) => 2,
            Some(Tier::Low) => 1,
            None => 0,
        }
    }
}

const ALIVE: u8 = 1;
const PERSON: u8 = 2;

/// One customer. Masks let a full pass skip most names without decoding
/// them: `letters` has a bit per letter appearing in any reading or Latin
/// character, `leads` per letter starting a reading, `bloom` a bit per
/// other character (hashed).
#[derive(Clone, Copy, Debug)]
pub struct Entry {
    text: u32,
    name_len: u16,
    id_len: u16,
    pub letters: u32,
    pub leads: u32,
    pub bloom: u32,
    open_tasks: u8,
    tier: u8,
    flags: u8,
}

impl Entry {
    pub fn is_alive(&self) -> bool {
        self.flags & ALIVE != 0
    }

    pub fn is_person(&self) -> bool {
        self.flags & PERSON != 0
    }

    pub fn has_open_task(&self) -> bool {
        self.open_tasks > 0
    }

    pub fn tier_rank(&self) -> u8 {
        self.tier
    }
}

/// The bit of a letter in `letters`/`leads` (a-z), if it is one.
pub fn letter_bit(b: u8) -> u32 {
    if b.is_ascii_lowercase() {
        1 << (b - b'a')
    } else {
        0
    }
}

/// The bloom bit of a non-Latin character.
pub fn bloom_bit(c: char) -> u32 {
    1 << ((c as u32).wrapping_mul(0x9E37_79B9) >> 27)
}

/// The masks of a name's slots: (letters, leads, bloom).
pub fn masks(slots: &[Slot]) -> (u32, u32, u32) {
    let (mut letters, mut leads, mut bloom) = (0, 0, 0);
    for slot in slots {
        match *slot {
            Slot::Latin(b) => {
                letters |= letter_bit(b);
                leads |= letter_bit(b);
            }
            Slot::Char { ch, readings } => {
                bloom |= bloom_bit(ch);
                for r in readings {
                    leads |= letter_bit(r.as_bytes()[0]);
                    letters |= r.bytes().map(letter_bit).fold(0, |a, b| a | b);
                }
            }
        }
    }
    (letters, leads, bloom)
}

/// A policy id and the ordinal of its customer.
#[derive(Clone, Copy, Debug)]
pub struct PolicyRef {
    text: u32,
    len: u8,
    pub ordinal: u32,
}

#[derive(Default)]
pub struct SearchIndex {
    entries: Vec<Entry>,
    /// Every customer's name followed by its id.
    text: String,
    pub(super) phones: NumberColumn,
    pub(super) id_numbers: NumberColumn,
    by_id: SortedIds<u32>,
    policies: SortedIds<PolicyRef>,
    policy_text: String,
    live: usize,
}

/// A customer's id as stored in the text arena.
fn id_of<'a>(entries: &[Entry], text: &'a str, ordinal: u32) -> &'a [u8] {
    let e = &entries[ordinal as usize];
    let start = e.text as usize + usize::from(e.name_len);
    &text.as_bytes()[start..start + usize::from(e.id_len)]
}

fn policy_id_of<'a>(text: &'a str, p: &PolicyRef) -> &'a [u8] {
    &text.as_bytes()[p.text as usize..p.text as usize + usize::from(p.len)]
}

fn arena_offset(arena: &str) -> u32 {
    // A million customers use about 20 MB of text; 4 GB is far off.
    u32::try_from(arena.len()).expect("search text arena under 4 GB")
}

/// The longest prefix of `s` of at most `max` bytes that ends on a char
/// boundary (names are not limited in length by the data formats).
fn clip(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Upper-case letters and digits of an id number (resident id or USCC).
pub fn normalize_id_number(id: &str) -> String {
    id.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

impl SearchIndex {
    pub fn new() -> SearchIndex {
        SearchIndex::default()
    }

    /// Customers in the index.
    pub fn len(&self) -> usize {
        self.live
    }

    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    /// Ordinals in use, dead ones included: the range a full pass covers.
    pub fn ordinals(&self) -> u32 {
        self.entries.len() as u32
    }

    pub fn entry(&self, ordinal: u32) -> &Entry {
        &self.entries[ordinal as usize]
    }

    pub fn name(&self, ordinal: u32) -> &str {
        let e = &self.entries[ordinal as usize];
        &self.text[e.text as usize..e.text as usize + usize::from(e.name_len)]
    }

    pub fn customer_id(&self, ordinal: u32) -> &str {
        // The id was pushed as a whole `&str` right after the name.
        std::str::from_utf8(id_of(&self.entries, &self.text, ordinal)).unwrap_or("")
    }

    /// The phone's digits (empty when none).
    pub fn phone(&self, ordinal: u32) -> &str {
        self.phones.get_str(ordinal)
    }

    /// The id number, upper-case (empty when none).
    pub fn id_number(&self, ordinal: u32) -> &str {
        self.id_numbers.get_str(ordinal)
    }

    /// Adds a customer (or replaces the one with the same id).
    pub fn upsert(&mut self, doc: &CustomerDoc, rank: RankInfo) {
        self.remove(&doc.customer.id);
        self.push(doc, rank);
        let (entries, text) = (&self.entries, &self.text);
        self.by_id.extend([entries.len() as u32 - 1]);
        self.by_id.maybe_settle(|o| id_of(entries, text, *o));
        let policy_text = &self.policy_text;
        self.policies
            .maybe_settle(|p| policy_id_of(policy_text, p));
    }

    /// Removes a customer; whether it was there.
    pub fn remove(&mut self, customer_id: &str) -> bool {
        let Some(ordinal) = self.ordinal_of(customer_id) else {
            return false;
        };
        self.entries[ordinal as usize].flags &= !ALIVE;
        self.live -= 1;
        if self.entries.len() - self.live > (self.live / 4).max(1024) {
            self.compact();
        }
        true
    }

    /// The live ordinal of a customer id.
    pub fn ordinal_of(&self, customer_id: &str) -> Option<u32> {
        let entries = &self.entries;
        self.by_id.find(
            customer_id.as_bytes(),
            |o| id_of(entries, &self.text, *o),
            |o| entries[*o as usize].is_alive(),
        )
    }

    /// Updates the tie-breakers of a customer (after a task or a
    /// classification changed); whether it is in the index.
    pub fn set_rank(&mut self, customer_id: &str, rank: RankInfo) -> bool {
        match self.ordinal_of(customer_id) {
            Some(o) => {
                self.set_rank_of(o, rank);
                true
            }
            None => false,
        }
    }

    pub(super) fn set_rank_of(&mut self, ordinal: u32, rank: RankInfo) {
        self.set_open_tasks(ordinal, rank.open_tasks);
        self.set_tier(ordinal, rank.value_tier);
    }

    pub(super) fn set_open_tasks(&mut self, ordinal: u32, open_tasks: u32) {
        self.entries[ordinal as usize].open_tasks = u8::try_from(open_tasks).unwrap_or(u8::MAX);
    }

    pub(super) fn set_tier(&mut self, ordinal: u32, tier: Option<Tier>) {
        self.entries[ordinal as usize].tier = RankInfo::tier_rank(tier);
    }

    /// Appends a customer as the next ordinal, its policies to the unsorted
    /// tail, without touching `by_id` (the caller adds it, or a bulk build
    /// sorts once at the end).
    pub(super) fn push(&mut self, doc: &CustomerDoc, rank: RankInfo) {
        let c = &doc.customer;
        let person = c.kind == CustomerKind::Individual;
        let mut slots = Vec::new();
        slots_into(&c.name, person, &mut slots);
        let (letters, leads, bloom) = masks(&slots);
        let name = clip(&c.name, usize::from(u16::MAX));
        let id = clip(&c.id, usize::from(u16::MAX));
        let ordinal = self.entries.len() as u32;
        let entry = Entry {
            text: arena_offset(&self.text),
            name_len: name.len() as u16,
            id_len: id.len() as u16,
            letters,
            leads,
            bloom,
            open_tasks: 0,
            tier: 0,
            flags: ALIVE | if person { PERSON } else { 0 },
        };
        self.text.push_str(name);
        self.text.push_str(id);
        self.entries.push(entry);
        self.set_rank_of(ordinal, rank);
        self.phones
            .push(&c.phone.as_deref().map(ids::phone_digits).unwrap_or_default());
        self.id_numbers.push(
            &c.id_number
                .as_deref()
                .map(normalize_id_number)
                .unwrap_or_default(),
        );
        for policy in &doc.policies {
            let pid = clip(&policy.id, usize::from(u8::MAX));
            let p = PolicyRef {
                text: arena_offset(&self.policy_text),
                len: pid.len() as u8,
                ordinal,
            };
            self.policy_text.push_str(pid);
            self.policies.extend([p]);
        }
        self.live += 1;
    }

    /// Live customers whose id starts with `prefix` (case-insensitive), up
    /// to `cap`, in id order.
    pub fn customers_with_id_prefix(&self, prefix: &str, cap: usize) -> Vec<u32> {
        let entries = &self.entries;
        self.by_id.with_prefix(
            prefix.as_bytes(),
            cap,
            |o| id_of(entries, &self.text, *o),
            |o| entries[*o as usize].is_alive(),
        )
    }

    /// Policies of live customers whose id starts with `prefix`, up to `cap`.
    pub fn policies_with_prefix(&self, prefix: &str, cap: usize) -> Vec<PolicyRef> {
        self.policies.with_prefix(
            prefix.as_bytes(),
            cap,
            |p| policy_id_of(&self.policy_text, p),
            |p| self.entries[p.ordinal as usize].is_alive(),
        )
    }

    pub fn policy_id(&self, p: &PolicyRef) -> &str {
        std::str::from_utf8(policy_id_of(&self.policy_text, p)).unwrap_or("")
    }

    /// Joins a part built from the next customers in id order (see
    /// `build.rs`); `settle` must follow before searching.
    pub(super) fn append(&mut self, part: SearchIndex) {
        let base = self.entries.len() as u32;
        let text_base = arena_offset(&self.text);
        let policy_base = arena_offset(&self.policy_text);
        self.entries.extend(part.entries.iter().map(|e| Entry {
            text: e.text + text_base,
            ..*e
        }));
        self.text.push_str(&part.text);
        self.policy_text.push_str(&part.policy_text);
        for o in 0..part.entries.len() as u32 {
            self.phones.push(part.phones.get_str(o));
            self.id_numbers.push(part.id_numbers.get_str(o));
        }
        self.policies
            .extend(part.policies.items().iter().map(|p| PolicyRef {
                text: p.text + policy_base,
                len: p.len,
                ordinal: p.ordinal + base,
            }));
        self.live += part.live;
    }

    /// Sorts the id lists after bulk additions and returns spare capacity.
    pub(super) fn settle(&mut self) {
        let entries = &self.entries;
        self.by_id = SortedIds::default();
        self.by_id
            .extend((0..entries.len() as u32).filter(|o| entries[*o as usize].is_alive()));
        let entries = &self.entries;
        let text = &self.text;
        self.by_id.settle(|o| id_of(entries, text, *o));
        let policy_text = &self.policy_text;
        self.policies.settle(|p| policy_id_of(policy_text, p));
        self.entries.shrink_to_fit();
        self.text.shrink_to_fit();
        self.policy_text.shrink_to_fit();
        self.phones.shrink_to_fit();
        self.id_numbers.shrink_to_fit();
        self.by_id.shrink_to_fit();
        self.policies.shrink_to_fit();
    }

    /// Rebuilds without dead ordinals.
    pub fn compact(&mut self) {
        let mut policies_of: Vec<Vec<PolicyRef>> = vec![Vec::new(); self.entries.len()];
        for p in self.policies.items() {
            policies_of[p.ordinal as usize].push(*p);
        }
        let mut fresh = SearchIndex::default();
        for (o, e) in self.entries.iter().enumerate() {
            if !e.is_alive() {
                continue;
            }
            let o = o as u32;
            let ordinal = fresh.entries.len() as u32;
            fresh.entries.push(Entry {
                text: arena_offset(&fresh.text),
                ..*e
            });
            fresh.text.push_str(self.name(o));
            fresh.text.push_str(self.customer_id(o));
            fresh.phones.push(self.phone(o));
            fresh.id_numbers.push(self.id_number(o));
            for p in &policies_of[o as usize] {
                fresh.policies.extend([PolicyRef {
                    text: arena_offset(&fresh.policy_text),
                    len: p.len,
                    ordinal,
                }]);
                fresh.policy_text.push_str(self.policy_id(p));
            }
            fresh.live += 1;
        }
        fresh.settle();
        *self = fresh;
    }

    /// Bytes of heap the index holds.
    pub fn heap_bytes(&self) -> usize {
        self.entries.capacity() * std::mem::size_of::<Entry>()
            + self.text.capacity()
            + self.policy_text.capacity()
            + self.phones.heap_bytes()
            + self.id_numbers.heap_bytes()
            + self.by_id.heap_bytes()
            + self.policies.heap_bytes()
    }
}
