//! The in-memory search index: the largest thing pcrm holds in memory, so
//! it is a few flat arrays. Every customer has a `u32` ordinal and a 32-byte
//! [`Entry`]; names and customer ids live in one text arena, phones and id
//! numbers in byte columns scanned for fragments, customer ids in a list
//! sorted for prefix search, policy ids (four a customer) front-coded in
//! another (`policy_ids.rs`). No pinyin is stored: readings are
//! looked up per character when matching (see `pinyin_keys.rs`).
//!
//! An edit appends a new ordinal and marks the old one dead, so nothing is
//! moved; dead ordinals are dropped by [`SearchIndex::compact`] once they
//! are a quarter of the index.

use super::build::both;
use super::name_match::NameRef;
use super::numbers::NumberColumn;
use super::pinyin_keys::{decode_slots, slot_codes, Slot, SlotCode};
use super::policy_ids::PolicyIds;
use super::sorted_ids::SortedIds;
use crate::model::{ids, CustomerDoc, CustomerKind, Tier};
use crate::store::{CustomerView, PolicyView, StoreError, Text};
use std::borrow::Cow;

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
/// The name has a Latin letter or digit.
const LATIN: u8 = 4;

/// One customer. Masks let a full pass skip most names without looking at
/// them: `letters` has a bit per letter appearing in any reading or Latin
/// character, `leads` per letter starting a reading, `bloom` two hashed
/// bits per other character.
#[derive(Clone, Copy, Debug)]
pub struct Entry {
    /// Offset of the name, then the id, in the text arena.
    text: u32,
    name_len: u16,
    id_len: u16,
    /// Offset of the name's slot codes in the slot arena.
    slots: u32,
    pub letters: u32,
    pub leads: u32,
    pub bloom: u64,
    slot_count: u8,
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

    /// The tie-breakers as one number, higher first: an open task, then
    /// the value tier.
    pub fn tie_rank(&self) -> u8 {
        u8::from(self.has_open_task()) << 2 | self.tier
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

/// The bloom bits of a non-Latin character.
pub fn bloom_bits(c: char) -> u64 {
    let h = u64::from(c).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    1 << (h >> 58) | 1 << ((h >> 52) & 63)
}

/// The masks of a name's slots: (letters, leads, bloom).
pub fn masks(slots: &[Slot]) -> (u32, u32, u64) {
    let (mut letters, mut leads, mut bloom) = (0, 0, 0);
    for slot in slots {
        match *slot {
            Slot::Latin(b) => {
                letters |= letter_bit(b);
                leads |= letter_bit(b);
            }
            Slot::Char { ch, readings } => {
                bloom |= bloom_bits(ch);
                for r in readings {
                    leads |= letter_bit(r.as_bytes()[0]);
                    letters |= r.bytes().map(letter_bit).fold(0, |a, b| a | b);
                }
            }
        }
    }
    (letters, leads, bloom)
}

/// What the index keeps of a customer.
#[derive(Debug, PartialEq, Eq)]
pub struct CustomerKeys<'a> {
    pub id: &'a str,
    pub name: &'a str,
    /// An individual: the name starts with a surname.
    pub person: bool,
    pub phone: Option<&'a str>,
    pub id_number: Option<&'a str>,
    pub policy_ids: Vec<&'a str>,
}

impl<'a> CustomerKeys<'a> {
    pub fn of(doc: &'a CustomerDoc) -> CustomerKeys<'a> {
        let c = &doc.customer;
        CustomerKeys {
            id: &c.id,
            name: &c.name,
            person: c.kind == CustomerKind::Individual,
            phone: c.phone.as_deref(),
            id_number: c.id_number.as_deref(),
            policy_ids: doc.policies.iter().map(|p| p.id.as_str()).collect(),
        }
    }

    /// The keys of a stored customer with its policies, read without
    /// allocating its strings (`what` names it in errors).
    pub fn stored(
        customer: &CustomerView<'a>,
        policies: &[PolicyView<'a>],
        what: &dyn Fn() -> String,
    ) -> Result<CustomerKeys<'a>, StoreError> {
        let text = |t: Text<'a>| t.to_str(what);
        Ok(CustomerKeys {
            id: text(customer.id)?,
            name: text(customer.name)?,
            person: customer.kind == CustomerKind::Individual,
            phone: customer.phone.map(text).transpose()?,
            id_number: customer.id_number.map(text).transpose()?,
            policy_ids: {
                let mut ids = Vec::with_capacity(policies.len());
                for p in policies {
                    ids.push(text(p.id)?);
                }
                ids
            },
        })
    }
}

#[derive(Default)]
pub struct SearchIndex {
    entries: Vec<Entry>,
    /// Every customer's name followed by its id.
    text: String,
    /// Every name's slot codes (at most 255 a name).
    slot_codes: Vec<SlotCode>,
    pub(super) phones: NumberColumn,
    pub(super) id_numbers: NumberColumn,
    by_id: SortedIds<u32>,
    policies: PolicyIds,
    live: usize,
}

/// A customer's id as stored in the text arena.
fn id_of<'a>(entries: &[Entry], text: &'a str, ordinal: u32) -> &'a [u8] {
    let e = &entries[ordinal as usize];
    let start = e.text as usize + usize::from(e.name_len);
    &text.as_bytes()[start..start + usize::from(e.id_len)]
}

fn slot_offset(arena: &[SlotCode]) -> u32 {
    // About 6 slots a customer: 4 billion is far off.
    u32::try_from(arena.len()).expect("slot arena under 4G codes")
}

/// Buffers reused by [`SearchIndex::push`].
#[derive(Default)]
pub struct PushScratch {
    codes: Vec<SlotCode>,
    slots: Vec<Slot>,
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

/// `normalize(value)`, borrowed when `value` is normal already (every byte
/// passes `normal`, for which `normalize` changes nothing): stored phones
/// and id numbers mostly are, and building a string for each of a million
/// customers was a tenth of the index build.
fn normalized<'a>(
    value: &'a str,
    normal: fn(&u8) -> bool,
    normalize: fn(&str) -> String,
) -> Cow<'a, str> {
    if value.bytes().all(|b| normal(&b)) {
        Cow::Borrowed(value)
    } else {
        Cow::Owned(normalize(value))
    }
}

/// A byte [`normalize_id_number`] keeps as it is.
fn is_id_char(b: &u8) -> bool {
    b.is_ascii_digit() || b.is_ascii_uppercase()
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

    /// The name with what matching it needs.
    pub fn name_ref(&self, ordinal: u32) -> NameRef<'_> {
        let e = &self.entries[ordinal as usize];
        let slots = e.slots as usize;
        NameRef {
            text: self.name(ordinal),
            codes: &self.slot_codes[slots..slots + usize::from(e.slot_count)],
            has_latin: e.flags & LATIN != 0,
        }
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
        self.push(&CustomerKeys::of(doc), rank, &mut PushScratch::default());
        let (entries, text) = (&self.entries, &self.text);
        self.by_id.extend([entries.len() as u32 - 1]);
        self.by_id.maybe_settle(|o| id_of(entries, text, *o));
        self.policies.maybe_settle();
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
    pub(super) fn push(&mut self, keys: &CustomerKeys, rank: RankInfo, scratch: &mut PushScratch) {
        let name = clip(keys.name, usize::from(u16::MAX));
        slot_codes(name, keys.person, &mut scratch.codes);
        scratch.codes.truncate(usize::from(u8::MAX));
        decode_slots(&scratch.codes, name, true, &mut scratch.slots);
        let (letters, leads, bloom) = masks(&scratch.slots);
        let latin = scratch.slots.iter().any(|s| matches!(s, Slot::Latin(_)));
        let id = clip(keys.id, usize::from(u16::MAX));
        let ordinal = self.entries.len() as u32;
        self.entries.push(Entry {
            text: arena_offset(&self.text),
            name_len: name.len() as u16,
            id_len: id.len() as u16,
            slots: slot_offset(&self.slot_codes),
            letters,
            leads,
            bloom,
            slot_count: scratch.codes.len() as u8,
            open_tasks: 0,
            tier: 0,
            flags: ALIVE | if keys.person { PERSON } else { 0 } | if latin { LATIN } else { 0 },
        });
        self.slot_codes.extend_from_slice(&scratch.codes);
        self.text.push_str(name);
        self.text.push_str(id);
        self.set_rank_of(ordinal, rank);
        let phone = keys
            .phone
            .map(|p| normalized(p, u8::is_ascii_digit, ids::phone_digits));
        self.phones.push(phone.as_deref().unwrap_or_default());
        let id_number = keys
            .id_number
            .map(|id| normalized(id, is_id_char, normalize_id_number));
        self.id_numbers
            .push(id_number.as_deref().unwrap_or_default());
        for policy_id in &keys.policy_ids {
            self.policies.push(policy_id, ordinal);
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

    /// Policies of live customers whose id starts with `prefix`, up to
    /// `cap`, as (ordinal, policy id).
    pub fn policies_with_prefix(&self, prefix: &str, cap: usize) -> Vec<(u32, String)> {
        self.policies.with_prefix(prefix.as_bytes(), cap, |o| {
            self.entries[o as usize].is_alive()
        })
    }

    /// The first policy of a customer whose id starts with `prefix`.
    pub fn policy_of(&self, ordinal: u32, prefix: &str) -> Option<String> {
        self.policies
            .with_prefix(prefix.as_bytes(), 1, |o| o == ordinal)
            .pop()
            .map(|(_, id)| id)
    }

    /// Joins a part built from the next customers in descending id order
    /// (the back end of a build, see `build.rs`) as the next ordinals in
    /// ascending order, and sorts the policy ids; `settle` must follow
    /// before searching. The arenas are taken whole (entries point into
    /// them); the number columns, whose order is the ordinals', value by
    /// value. The policy ids are done on the other core meanwhile.
    pub(super) fn append_reversed(&mut self, part: SearchIndex) {
        let base = self.entries.len() as u32;
        let last = part.entries.len() as u32;
        let text_base = arena_offset(&self.text);
        let slot_base = slot_offset(&self.slot_codes);
        let policies = &mut self.policies;
        let policies = || {
            policies.append_reversed(&part.policies, |o| base + (last - 1 - o));
            policies.settle();
        };
        let rest = || {
            self.entries
                .extend(part.entries.iter().rev().map(|e| Entry {
                    text: e.text + text_base,
                    slots: e.slots + slot_base,
                    ..*e
                }));
            self.text.push_str(&part.text);
            self.slot_codes.extend_from_slice(&part.slot_codes);
            self.phones.append_reversed(&part.phones);
            self.id_numbers.append_reversed(&part.id_numbers);
            self.live += part.live;
        };
        both(rest, policies);
    }

    /// Sorts the id lists after bulk additions and returns spare capacity.
    pub(super) fn settle(&mut self) {
        let entries = &self.entries;
        self.by_id = SortedIds::default();
        self.by_id
            .extend((0..entries.len() as u32).filter(|o| entries[*o as usize].is_alive()));
        let entries = &self.entries;
        let text = &self.text;
        let (by_id, policies) = (&mut self.by_id, &mut self.policies);
        // Both sorts at once: the second core is idle here in a build.
        both(
            || by_id.settle(|o| id_of(entries, text, *o)),
            || policies.settle(),
        );
        self.entries.shrink_to_fit();
        self.text.shrink_to_fit();
        self.slot_codes.shrink_to_fit();
        self.phones.shrink_to_fit();
        self.id_numbers.shrink_to_fit();
        self.by_id.shrink_to_fit();
        self.policies.shrink_to_fit();
    }

    /// Rebuilds without dead ordinals.
    pub fn compact(&mut self) {
        let mut fresh = SearchIndex::default();
        // New ordinals by old one.
        let mut moved = vec![u32::MAX; self.entries.len()];
        for (o, e) in self.entries.iter().enumerate() {
            if !e.is_alive() {
                continue;
            }
            let o = o as u32;
            moved[o as usize] = fresh.entries.len() as u32;
            fresh.entries.push(Entry {
                text: arena_offset(&fresh.text),
                slots: slot_offset(&fresh.slot_codes),
                ..*e
            });
            fresh.slot_codes.extend_from_slice(self.name_ref(o).codes);
            fresh.text.push_str(self.name(o));
            fresh.text.push_str(self.customer_id(o));
            fresh.phones.push(self.phone(o));
            fresh.id_numbers.push(self.id_number(o));
            fresh.live += 1;
        }
        self.policies.for_each(|id, o| {
            if let Some(&ordinal) = moved.get(o as usize).filter(|n| **n != u32::MAX) {
                fresh.policies.push_bytes(id, ordinal);
            }
        });
        fresh.settle();
        *self = fresh;
    }

    /// Bytes of heap the index holds.
    pub fn heap_bytes(&self) -> usize {
        self.heap_parts().iter().map(|(_, bytes)| bytes).sum()
    }

    /// Bytes of heap per part of the index (for the benchmark report).
    pub fn heap_parts(&self) -> [(&'static str, usize); 7] {
        [
            (
                "entries",
                self.entries.capacity() * std::mem::size_of::<Entry>(),
            ),
            ("names and ids", self.text.capacity()),
            (
                "slot codes",
                self.slot_codes.capacity() * std::mem::size_of::<SlotCode>(),
            ),
            ("phones", self.phones.heap_bytes()),
            ("id numbers", self.id_numbers.heap_bytes()),
            ("id order", self.by_id.heap_bytes()),
            ("policy ids", self.policies.heap_bytes()),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The borrowed shortcut gives what the normalisers give.
        #[test]
        fn normalized_is_the_normaliser(value in "[0-9xX+ -]{0,20}") {
            prop_assert_eq!(
                normalized(&value, u8::is_ascii_digit, ids::phone_digits),
                ids::phone_digits(&value)
            );
            prop_assert_eq!(
                normalized(&value, is_id_char, normalize_id_number),
                normalize_id_number(&value)
            );
        }
    }
}
