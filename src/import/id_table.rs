//! The ids validation keeps: at a million customers that is thirteen million
//! ids. Each id is kept as a 128-bit key from two unrelated hashes (16 bytes
//! instead of a heap string; the chance that two different ids among ten
//! million share a key is below 1e-20), in an open-addressing table sized
//! to the rows expected (24 bytes a slot, three slots in four used), where
//! std's HashMap, sized in powers of two, left up to half its slots empty.

use std::hash::Hasher;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct IdKey(u64, u64);

impl IdKey {
    pub fn of(id: &str) -> IdKey {
        let fnv = id.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        let mut sip = std::hash::DefaultHasher::new();
        sip.write(id.as_bytes());
        // Bit 0 set: a key is never the empty slot's (0, 0).
        IdKey(fnv | 1, sip.finish())
    }

    /// 63 bits of FNV-1a of the id: the same in every run and build.
    pub fn stable_hash(self) -> u64 {
        self.0 >> 1
    }
}

#[derive(Clone, Copy)]
struct Slot {
    key: IdKey,
    value: u64,
}

const EMPTY: Slot = Slot {
    key: IdKey(0, 0),
    value: 0,
};

/// A map from [`IdKey`] to a `u64`, insert-only.
pub struct IdTable {
    slots: Vec<Slot>,
    len: usize,
}

impl Default for IdTable {
    fn default() -> IdTable {
        IdTable {
            slots: vec![EMPTY; 16],
            len: 0,
        }
    }
}

impl IdTable {
    /// Makes room for `additional` more ids without growing on the way.
    pub fn reserve(&mut self, additional: usize) {
        let wanted = (self.len + additional) / 3 * 4 + 16;
        if wanted > self.slots.len() {
            self.resize(wanted);
        }
    }

    /// The first slot to probe: the key's second hash scaled to the table.
    fn home(&self, key: IdKey) -> usize {
        ((u128::from(key.1) * self.slots.len() as u128) >> 64) as usize
    }

    /// The slot holding `key`, or the empty slot where it would go.
    fn probe(&self, key: IdKey) -> usize {
        let mut i = self.home(key);
        loop {
            let slot = &self.slots[i];
            if slot.key == key || slot.key == EMPTY.key {
                return i;
            }
            i += 1;
            if i == self.slots.len() {
                i = 0;
            }
        }
    }

    pub fn get(&self, key: IdKey) -> Option<u64> {
        let slot = &self.slots[self.probe(key)];
        (slot.key == key).then_some(slot.value)
    }

    /// Inserts `key` unless present; returns the value it already had.
    pub fn insert_new(&mut self, key: IdKey, value: u64) -> Option<u64> {
        if (self.len + 1) * 4 > self.slots.len() * 3 {
            self.resize(self.slots.len() * 3 / 2);
        }
        let i = self.probe(key);
        if self.slots[i].key == key {
            return Some(self.slots[i].value);
        }
        self.slots[i] = Slot { key, value };
        self.len += 1;
        None
    }

    /// Replaces the value of a key inserted before.
    pub fn replace(&mut self, key: IdKey, value: u64) {
        let i = self.probe(key);
        debug_assert!(self.slots[i].key == key, "replace of a key never inserted");
        self.slots[i].value = value;
    }

    fn resize(&mut self, capacity: usize) {
        let old = std::mem::replace(&mut self.slots, vec![EMPTY; capacity]);
        for slot in old.into_iter().filter(|s| s.key != EMPTY.key) {
            let i = self.probe(slot.key);
            self.slots[i] = slot;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inserts_finds_and_grows() {
        let mut table = IdTable::default();
        for n in 0..10_000u64 {
            assert_eq!(table.insert_new(IdKey::of(&format!("P{n}")), n), None);
        }
        assert_eq!(table.insert_new(IdKey::of("P42"), 7), Some(42));
        for n in (0..10_000u64).step_by(97) {
            assert_eq!(table.get(IdKey::of(&format!("P{n}"))), Some(n));
        }
        assert_eq!(table.get(IdKey::of("P10000")), None);
        table.replace(IdKey::of("P42"), 8);
        assert_eq!(table.get(IdKey::of("P42")), Some(8));
        table.reserve(100_000);
        assert_eq!(table.get(IdKey::of("P9999")), Some(9999));
    }
}
