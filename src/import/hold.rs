//! Parsed rows held in memory until the write, grouped by customer so that
//! each customer's doc is written once. Rows are kept encoded (bincode,
//! about 40-80 bytes a row) and only for customers whose hash falls in the
//! pass's range `[lo, hi)`; when the held bytes pass the budget, the range
//! is halved and the customers above it are left to a later pass (which
//! re-reads the files: cheaper than unbounded memory).

use super::rows::Parsed;
use std::collections::HashMap;

/// One past the largest customer hash (hashes have 63 bits).
pub const END: u64 = 1 << 63;

/// Bookkeeping bytes of a group besides its rows (map entry, Vec header,
/// allocator slack).
const GROUP_OVERHEAD: usize = 64;

struct Group {
    hash: u64,
    rows: u32,
    bytes: Vec<u8>,
}

pub struct Hold {
    lo: u64,
    hi: u64,
    budget: usize,
    bytes: usize,
    rows: u64,
    groups: HashMap<u32, Group>,
    enabled: bool,
    scratch: Vec<u8>,
}

fn config() -> bincode::config::Configuration {
    bincode::config::standard()
}

/// Appends a row (encoded in `scratch`) to a group's bytes, growing them by
/// a quarter at a time (a Vec doubles, which left a third of the held
/// memory unused).
fn encode_into(bytes: &mut Vec<u8>, scratch: &mut Vec<u8>, file: u16, row: &Parsed) {
    scratch.clear();
    // Encoding plain records into a Vec cannot fail: a failure is a bug.
    bincode::serde::encode_into_std_write((file, row), scratch, config())
        .expect("bincode encodes import rows into a Vec");
    if bytes.capacity() - bytes.len() < scratch.len() {
        bytes.reserve_exact(scratch.len().max(bytes.len() / 4));
    }
    bytes.extend_from_slice(scratch);
}

impl Hold {
    pub fn new(lo: u64, hi: u64, budget: usize) -> Hold {
        Hold {
            lo,
            hi,
            budget,
            bytes: 0,
            rows: 0,
            groups: HashMap::new(),
            enabled: true,
            scratch: Vec::new(),
        }
    }

    /// Whether rows of a customer with this hash are held.
    pub fn wants(&self, hash: u64) -> bool {
        self.enabled && (self.lo..self.hi).contains(&hash)
    }

    /// Stops holding (validation found an error: nothing will be written).
    pub fn disable(&mut self) {
        self.enabled = false;
        self.groups = HashMap::new();
        self.bytes = 0;
        self.rows = 0;
    }

    /// The range of hashes held so far: `[lo, hi)`.
    pub fn range(&self) -> (u64, u64) {
        (self.lo, self.hi)
    }

    pub fn rows(&self) -> u64 {
        self.rows
    }

    pub fn bytes(&self) -> usize {
        self.bytes
    }

    fn group(&mut self, customer: u32, hash: u64) -> &mut Group {
        let bytes = &mut self.bytes;
        self.groups.entry(customer).or_insert_with(|| {
            *bytes += GROUP_OVERHEAD;
            Group {
                hash,
                rows: 0,
                bytes: Vec::new(),
            }
        })
    }

    /// Makes sure the customer is written in this pass even without rows
    /// (records move out of its doc).
    pub fn touch(&mut self, customer: u32, hash: u64) {
        if self.wants(hash) {
            self.group(customer, hash);
        }
    }

    /// Holds a valid row of `customer` (read from input file `file`) if
    /// the customer is in range. The row is kept without its customer id
    /// ([`decode`] gives it back).
    pub fn offer(&mut self, customer: u32, hash: u64, file: u16, mut row: Parsed) {
        if !self.wants(hash) {
            return;
        }
        row.set_customer("");
        let mut scratch = std::mem::take(&mut self.scratch);
        let group = self.group(customer, hash);
        let before = group.bytes.capacity();
        encode_into(&mut group.bytes, &mut scratch, file, &row);
        group.rows += 1;
        let added = group.bytes.capacity() - before;
        self.scratch = scratch;
        self.bytes += added;
        self.rows += 1;
        if self.bytes > self.budget {
            self.shrink();
        }
    }

    /// Halves the range until the held rows fit the budget (a single
    /// customer is never split).
    fn shrink(&mut self) {
        while self.bytes > self.budget && self.hi - self.lo > 1 {
            self.hi = self.lo + (self.hi - self.lo) / 2;
            let hi = self.hi;
            self.groups.retain(|_, g| g.hash < hi);
            self.bytes = self
                .groups
                .values()
                .map(|g| g.bytes.capacity() + GROUP_OVERHEAD)
                .sum();
            self.rows = self.groups.values().map(|g| u64::from(g.rows)).sum();
        }
    }

    /// The groups held: customer number and its encoded rows.
    pub fn into_groups(self) -> Vec<(u32, Vec<u8>)> {
        self.groups
            .into_iter()
            .map(|(customer, g)| (customer, g.bytes))
            .collect()
    }
}

/// The rows of `customer`'s group, with the number of the file each came
/// from.
pub fn decode(customer: &str, mut bytes: &[u8]) -> Vec<(u16, Parsed)> {
    let mut rows = Vec::new();
    while !bytes.is_empty() {
        // The bytes were encoded by `offer` in this process: a failure is a bug.
        let ((file, mut row), used): ((u16, Parsed), usize) =
            bincode::serde::decode_from_slice(bytes, config()).expect("held import rows decode");
        row.set_customer(customer);
        rows.push((file, row));
        bytes = &bytes[used..];
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CustomerKind, Province};

    fn customer(id: &str) -> Parsed {
        Parsed::Customer(crate::model::Customer {
            id: id.to_string(),
            name: "乐嘉".to_string(),
            kind: CustomerKind::Individual,
            id_number: None,
            phone: None,
            email: None,
            province: Province::parse("上海").unwrap(),
            city: None,
            industry: None,
            since: None,
            account_manager: None,
            tags: vec![],
            bad_uscc: false,
        })
    }

    #[test]
    fn holds_round_trip_and_shrink_to_the_budget() {
        let mut hold = Hold::new(0, END, 10_000);
        let mut facts = crate::import::facts::Facts::default();
        for i in 0..1000 {
            let n = facts.intern(&format!("C{i}"), false);
            hold.offer(n, facts.customer(n).hash, 3, customer(&format!("C{i}")));
        }
        let (lo, hi) = hold.range();
        assert_eq!(lo, 0);
        assert!(hi < END && hold.bytes() <= 10_000, "{hi} {}", hold.bytes());
        let groups = hold.into_groups();
        assert!(!groups.is_empty() && groups.len() < 1000);
        for (n, bytes) in groups {
            let rows = decode(&facts.customer(n).id, &bytes);
            assert_eq!(rows, vec![(3, customer(&facts.customer(n).id))]);
        }
    }
}
