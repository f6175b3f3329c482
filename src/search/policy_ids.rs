//! Policy ids for prefix search, with the ordinal of each policy's customer.
//! A million customers hold about four million policies, so the sorted ids
//! are front-coded: in blocks of [`BLOCK`], the first entry is whole and
//! each next one is the length it shares with the one before plus the rest,
//! and its ordinal the difference from the one before (neighbours in id
//! order mostly belong to the same or the next customer). That is about 5
//! bytes a policy instead of 24 (the id, a reference to it, the ordinal).
//! A lookup binary-searches the blocks' first entries, then decodes forward.
//!
//! Additions go to an unsorted tail (scanned by lookups) until it is a
//! fraction of the whole; then everything is decoded, sorted and coded again.

use super::sorted_ids::{cmp_ci, starts_with_ci};
use std::cmp::Ordering;

/// Entries per block: a lookup decodes at most two blocks before it reaches
/// the first match.
const BLOCK: usize = 16;
/// The tail is merged once it holds this many, or a 32nd of the whole: a
/// merge re-codes every entry (a tenth of a second at four million), so it
/// must not come every few imported customers; a lookup scans the tail
/// (well under a millisecond at 125,000).
const TAIL_MIN: usize = 4096;
/// Ids are cut to this many bytes (a length byte).
const MAX_LEN: usize = u8::MAX as usize;

#[derive(Default)]
pub struct PolicyIds {
    /// The sorted entries, front-coded. A block's first entry: length, id,
    /// ordinal (4 bytes, little-endian). The others: shared length, length
    /// of the rest, the rest, ordinal difference (zigzag varint).
    coded: Vec<u8>,
    /// Where each block starts in `coded`.
    blocks: Vec<u32>,
    /// Entries in `coded`.
    sorted: usize,
    /// Additions since the last merge: ids in `tail_text`.
    tail: Vec<TailRef>,
    tail_text: Vec<u8>,
}

#[derive(Clone, Copy)]
struct TailRef {
    text: u32,
    len: u8,
    ordinal: u32,
}

impl TailRef {
    fn id<'a>(&self, text: &'a [u8]) -> &'a [u8] {
        &text[self.text as usize..self.text as usize + usize::from(self.len)]
    }
}

/// The longest prefix of `id` of at most [`MAX_LEN`] bytes that ends on a
/// char boundary.
fn clip(id: &str) -> &[u8] {
    let mut end = id.len().min(MAX_LEN);
    while !id.is_char_boundary(end) {
        end -= 1;
    }
    &id.as_bytes()[..end]
}

impl PolicyIds {
    /// Adds a policy of the customer `ordinal` (to the tail: call
    /// [`PolicyIds::maybe_settle`] or, after a bulk load, [`PolicyIds::settle`]).
    pub fn push(&mut self, id: &str, ordinal: u32) {
        self.push_bytes(clip(id), ordinal);
    }

    /// [`PolicyIds::push`] of an id already cut, as read back from a list.
    pub fn push_bytes(&mut self, id: &[u8], ordinal: u32) {
        // A million customers' policy ids are about 50 MB; 4 GB is far off.
        let text = u32::try_from(self.tail_text.len()).expect("policy ids under 4 GB");
        self.tail.push(TailRef {
            text,
            len: id.len() as u8,
            ordinal,
        });
        self.tail_text.extend_from_slice(id);
    }

    /// Every policy, the sorted ones in id order first, then the tail.
    pub fn for_each(&self, mut f: impl FnMut(&[u8], u32)) {
        let mut cursor = Cursor::new(&self.coded, 0);
        for _ in 0..self.sorted {
            let ordinal = cursor.next_entry();
            f(&cursor.id, ordinal);
        }
        for t in &self.tail {
            f(t.id(&self.tail_text), t.ordinal);
        }
    }

    /// Appends the policies of `part`, mapping their ordinals with `ordinal`
    /// and taking its tail's customers last first (the back end of a build
    /// pushes customers in descending id order): each customer's policies
    /// keep their order, so that ids numbered in customer order make one
    /// sorted run for [`PolicyIds::settle`].
    pub fn append_reversed(&mut self, part: &PolicyIds, ordinal: impl Fn(u32) -> u32) {
        let mut cursor = Cursor::new(&part.coded, 0);
        for _ in 0..part.sorted {
            let o = cursor.next_entry();
            self.push_bytes(&cursor.id, ordinal(o));
        }
        let by_customer = part.tail.chunk_by(|a, b| a.ordinal == b.ordinal);
        for t in by_customer.rev().flatten() {
            self.push_bytes(t.id(&part.tail_text), ordinal(t.ordinal));
        }
    }

    /// Merges the tail once it has grown long (incremental additions).
    pub fn maybe_settle(&mut self) {
        if self.tail.len() > TAIL_MIN.max(self.sorted / 32) {
            self.settle();
        }
    }

    /// Sorts the tail into the coded part: a merge of the coded entries, read
    /// in order, with the sorted tail, coded anew as it goes (the UI keeps
    /// this index: no decoded copy of four million ids on the way).
    pub fn settle(&mut self) {
        if self.tail.is_empty() {
            return;
        }
        let text = std::mem::take(&mut self.tail_text);
        let mut tail = std::mem::take(&mut self.tail);
        tail.sort_by(|a, b| entry_order((a.id(&text), a.ordinal), (b.id(&text), b.ordinal)));
        let mut out = Encoder::with_capacity(self.sorted + tail.len());
        let mut cursor = Cursor::new(&self.coded, 0);
        let mut tail = tail.iter().peekable();
        for _ in 0..self.sorted {
            let ordinal = cursor.next_entry();
            while let Some(t) = tail
                .next_if(|t| entry_order((t.id(&text), t.ordinal), (&cursor.id, ordinal)).is_lt())
            {
                out.add(t.id(&text), t.ordinal);
            }
            out.add(&cursor.id, ordinal);
        }
        for t in tail {
            out.add(t.id(&text), t.ordinal);
        }
        (self.coded, self.blocks, self.sorted) = (out.coded, out.blocks, out.count);
        self.shrink_to_fit();
    }

    /// Up to `cap` policies whose id starts with `prefix` (case-insensitive)
    /// and whose customer `keep` accepts, as (ordinal, id): the sorted part
    /// in id order first.
    pub fn with_prefix(
        &self,
        prefix: &[u8],
        cap: usize,
        keep: impl Fn(u32) -> bool,
    ) -> Vec<(u32, String)> {
        let mut out = Vec::new();
        let mut take = |id: &[u8], ordinal: u32| {
            if out.len() < cap && keep(ordinal) {
                out.push((ordinal, String::from_utf8_lossy(id).into_owned()));
            }
            out.len() < cap
        };
        // The first match is in the last block whose first entry is below
        // the prefix (or in the block after it).
        let below = self.blocks.partition_point(|&start| {
            cmp_ci(Cursor::new(&self.coded, start as usize).head_id(), prefix) == Ordering::Less
        });
        let block = below.saturating_sub(1);
        if block < self.blocks.len() {
            let mut cursor = Cursor::new(&self.coded, self.blocks[block] as usize);
            for _ in block * BLOCK..self.sorted {
                let ordinal = cursor.next_entry();
                match cmp_ci(&cursor.id, prefix) {
                    Ordering::Less => continue,
                    _ if !starts_with_ci(&cursor.id, prefix) => break,
                    _ => {
                        if !take(&cursor.id, ordinal) {
                            return out;
                        }
                    }
                }
            }
        }
        for t in &self.tail {
            let id = t.id(&self.tail_text);
            if starts_with_ci(id, prefix) && !take(id, t.ordinal) {
                break;
            }
        }
        out
    }

    pub fn heap_bytes(&self) -> usize {
        self.coded.capacity()
            + self.blocks.capacity() * 4
            + self.tail.capacity() * std::mem::size_of::<TailRef>()
            + self.tail_text.capacity()
    }

    pub fn shrink_to_fit(&mut self) {
        self.coded.shrink_to_fit();
        self.blocks.shrink_to_fit();
        self.tail.shrink_to_fit();
        self.tail_text.shrink_to_fit();
    }
}

/// Codes entries given in order, in the layout of `PolicyIds::coded`.
struct Encoder {
    coded: Vec<u8>,
    blocks: Vec<u32>,
    count: usize,
    previous: Vec<u8>,
    previous_ordinal: u32,
}

impl Encoder {
    fn with_capacity(entries: usize) -> Encoder {
        Encoder {
            // About 5 bytes an entry for ids numbered in order.
            coded: Vec::with_capacity(entries * 6),
            blocks: Vec::with_capacity(entries.div_ceil(BLOCK)),
            count: 0,
            previous: Vec::with_capacity(MAX_LEN),
            previous_ordinal: 0,
        }
    }

    fn add(&mut self, id: &[u8], ordinal: u32) {
        if self.count.is_multiple_of(BLOCK) {
            // A million customers' coded ids are about 20 MB; 4 GB is far off.
            let start = u32::try_from(self.coded.len()).expect("coded policy ids under 4 GB");
            self.blocks.push(start);
            self.coded.push(id.len() as u8);
            self.coded.extend_from_slice(id);
            self.coded.extend_from_slice(&ordinal.to_le_bytes());
        } else {
            let shared = shared_len(&self.previous, id);
            self.coded.push(shared as u8);
            self.coded.push((id.len() - shared) as u8);
            self.coded.extend_from_slice(&id[shared..]);
            write_varint(&mut self.coded, zigzag(ordinal, self.previous_ordinal));
        }
        self.previous.clear();
        self.previous.extend_from_slice(id);
        self.previous_ordinal = ordinal;
        self.count += 1;
    }
}

/// Decodes the coded entries one after the other from a block start.
struct Cursor<'a> {
    coded: &'a [u8],
    at: usize,
    /// The id of the entry decoded last.
    id: Vec<u8>,
    ordinal: u32,
    /// Entries decoded since the block start.
    in_block: usize,
}

impl<'a> Cursor<'a> {
    fn new(coded: &'a [u8], block_start: usize) -> Cursor<'a> {
        Cursor {
            coded,
            at: block_start,
            id: Vec::with_capacity(MAX_LEN),
            ordinal: 0,
            in_block: 0,
        }
    }

    /// The whole id of the block's first entry, without decoding it.
    fn head_id(&self) -> &'a [u8] {
        let len = usize::from(self.coded[self.at]);
        &self.coded[self.at + 1..self.at + 1 + len]
    }

    /// Decodes the next entry into `id`; returns its ordinal.
    fn next_entry(&mut self) -> u32 {
        let c = self.coded;
        if self.in_block.is_multiple_of(BLOCK) {
            let len = usize::from(c[self.at]);
            self.id.clear();
            self.id
                .extend_from_slice(&c[self.at + 1..self.at + 1 + len]);
            self.at += 1 + len;
            let mut ordinal = [0; 4];
            ordinal.copy_from_slice(&c[self.at..self.at + 4]);
            self.at += 4;
            self.ordinal = u32::from_le_bytes(ordinal);
        } else {
            let (shared, rest) = (usize::from(c[self.at]), usize::from(c[self.at + 1]));
            self.id.truncate(shared);
            self.id
                .extend_from_slice(&c[self.at + 2..self.at + 2 + rest]);
            self.at += 2 + rest;
            let (delta, used) = read_varint(&c[self.at..]);
            self.at += used;
            self.ordinal = unzigzag(delta, self.ordinal);
        }
        self.in_block += 1;
        self.ordinal
    }
}

/// The order of the coded entries: by id (case-insensitive), then ordinal,
/// then id bytes.
fn entry_order(a: (&[u8], u32), b: (&[u8], u32)) -> Ordering {
    cmp_ci(a.0, b.0).then(a.1.cmp(&b.1)).then(a.0.cmp(b.0))
}

fn shared_len(a: &[u8], b: &[u8]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

/// The difference `ordinal - previous` as an unsigned number, small either way.
fn zigzag(ordinal: u32, previous: u32) -> u64 {
    let delta = i64::from(ordinal) - i64::from(previous);
    ((delta << 1) ^ (delta >> 63)) as u64
}

fn unzigzag(z: u64, previous: u32) -> u32 {
    let delta = (z >> 1) as i64 ^ -((z & 1) as i64);
    (i64::from(previous) + delta) as u32
}

fn write_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push(v as u8 | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// A varint and the bytes it used.
fn read_varint(bytes: &[u8]) -> (u64, usize) {
    let mut v = 0u64;
    for (i, b) in bytes.iter().enumerate() {
        v |= u64::from(b & 0x7f) << (7 * i);
        if b & 0x80 == 0 {
            return (v, i + 1);
        }
    }
    (v, bytes.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What the list must answer: the plain sorted list, filtered.
    fn naive(
        ids: &[(String, u32)],
        prefix: &str,
        keep: impl Fn(u32) -> bool,
    ) -> Vec<(u32, String)> {
        let mut all: Vec<(u32, String)> = ids
            .iter()
            .filter(|(id, o)| starts_with_ci(id.as_bytes(), prefix.as_bytes()) && keep(*o))
            .map(|(id, o)| (*o, id.clone()))
            .collect();
        all.sort_by(|a, b| entry_order((a.1.as_bytes(), a.0), (b.1.as_bytes(), b.0)));
        all
    }

    fn sorted(mut v: Vec<(u32, String)>) -> Vec<(u32, String)> {
        v.sort_by(|a, b| entry_order((a.1.as_bytes(), a.0), (b.1.as_bytes(), b.0)));
        v
    }

    #[test]
    fn prefixes_across_blocks_the_tail_and_case() {
        let mut list = PolicyIds::default();
        for c in 0..100u32 {
            for n in 1..=3 {
                list.push(&format!("P{c:04}-{n:03}"), c);
            }
        }
        list.push("p0050-XYZ", 7);
        list.settle();
        list.push("P0050-004", 50); // stays in the tail
        let got = list.with_prefix(b"p0050", 10, |_| true);
        assert_eq!(
            got,
            vec![
                (50, "P0050-001".to_string()),
                (50, "P0050-002".to_string()),
                (50, "P0050-003".to_string()),
                (7, "p0050-XYZ".to_string()),
                (50, "P0050-004".to_string()),
            ]
        );
        assert_eq!(list.with_prefix(b"P00", 4, |_| true).len(), 4);
        assert_eq!(
            list.with_prefix(b"P0099-003", 4, |_| true),
            vec![(99, "P0099-003".to_string())]
        );
        assert!(list.with_prefix(b"P0100", 4, |_| true).is_empty());
        assert!(list.with_prefix(b"Q", 4, |_| true).is_empty());
        let odd = list.with_prefix(b"P001", 100, |o| o % 2 == 1);
        assert_eq!(odd.len(), 15);
        assert!(odd.iter().all(|(o, _)| o % 2 == 1));
        // Long and wide ids are cut at a char boundary.
        list.push(&"保".repeat(100), 3);
        list.settle();
        let cut = list.with_prefix("保保".as_bytes(), 1, |_| true);
        assert_eq!(cut[0].1, "保".repeat(85));
    }

    proptest! {
        /// Whatever the ids, ordinals, merges and prefixes, the coded list
        /// answers as the plain sorted list does.
        #[test]
        fn answers_as_a_plain_sorted_list(
            ids in proptest::collection::vec(("[a-cA-C0-2-]{0,6}", 0u32..50_000), 0..300),
            settle_after in 0usize..300,
            prefix in "[a-cA-C0-2-]{0,3}",
        ) {
            let mut list = PolicyIds::default();
            for (i, (id, o)) in ids.iter().enumerate() {
                if i == settle_after {
                    list.settle();
                }
                list.push(id, *o);
            }
            let keep = |o: u32| !o.is_multiple_of(3);
            prop_assert_eq!(
                sorted(list.with_prefix(prefix.as_bytes(), usize::MAX, keep)),
                naive(&ids, &prefix, keep)
            );
            list.settle();
            prop_assert_eq!(list.with_prefix(prefix.as_bytes(), usize::MAX, keep), naive(&ids, &prefix, keep));
            let mut every = Vec::new();
            list.for_each(|id, o| every.push((o, String::from_utf8(id.to_vec()).unwrap())));
            prop_assert_eq!(every, naive(&ids, "", |_| true));
        }
    }
}
