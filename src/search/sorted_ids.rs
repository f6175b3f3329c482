//! Customer ids and policy ids for prefix search: items kept sorted by an
//! id that lives in one of the index's arenas (compared ASCII
//! case-insensitively, since reps type `c0001` for `C0001`), with a short
//! unsorted tail so that incremental additions cost O(1) until it is merged.

use std::cmp::Ordering;

/// Additions held unsorted before the list is re-sorted.
const TAIL_MAX: usize = 4096;

pub struct SortedIds<T> {
    items: Vec<T>,
    /// `items[..sorted]` is in order.
    sorted: usize,
}

impl<T> Default for SortedIds<T> {
    fn default() -> Self {
        SortedIds {
            items: Vec::new(),
            sorted: 0,
        }
    }
}

/// Case-insensitive (ASCII) byte order.
pub fn cmp_ci(a: &[u8], b: &[u8]) -> Ordering {
    // Bytes equal as they are are equal either way: skip them 8 at a time
    // (neighbours in a sort share most of their id).
    let n = a.len().min(b.len());
    let mut i = 0;
    while i + 8 <= n && a[i..i + 8] == b[i..i + 8] {
        i += 8;
    }
    a[i..]
        .iter()
        .map(u8::to_ascii_lowercase)
        .cmp(b[i..].iter().map(u8::to_ascii_lowercase))
}

pub fn starts_with_ci(key: &[u8], prefix: &[u8]) -> bool {
    key.len() >= prefix.len() && key[..prefix.len()].eq_ignore_ascii_case(prefix)
}

impl<T: Copy> SortedIds<T> {
    /// Adds items to the unsorted tail (lookups scan it).
    pub fn extend(&mut self, items: impl IntoIterator<Item = T>) {
        self.items.extend(items);
    }

    /// Sorts the tail into place once it has grown long (incremental
    /// additions); bulk builds call [`SortedIds::settle`] once at the end.
    pub fn maybe_settle<'k>(&mut self, key: impl Fn(&T) -> &'k [u8]) {
        if self.items.len() - self.sorted > TAIL_MAX {
            self.settle(key);
        }
    }

    /// Sorts the tail into place (a merge: the sort detects the sorted run).
    pub fn settle<'k>(&mut self, key: impl Fn(&T) -> &'k [u8]) {
        self.items.sort_by(|a, b| cmp_ci(key(a), key(b)));
        self.sorted = self.items.len();
    }

    /// Up to `cap` items whose id starts with `prefix` (case-insensitive)
    /// and that `keep` accepts, the sorted part in id order first.
    pub fn with_prefix<'k>(
        &self,
        prefix: &[u8],
        cap: usize,
        key: impl Fn(&T) -> &'k [u8],
        keep: impl Fn(&T) -> bool,
    ) -> Vec<T> {
        let sorted = &self.items[..self.sorted];
        let from = sorted.partition_point(|item| cmp_ci(key(item), prefix) == Ordering::Less);
        sorted[from..]
            .iter()
            .take_while(|item| starts_with_ci(key(item), prefix))
            .chain(
                self.items[self.sorted..]
                    .iter()
                    .filter(|item| starts_with_ci(key(item), prefix)),
            )
            .filter(|item| keep(item))
            .take(cap)
            .copied()
            .collect()
    }

    /// The first item whose id is exactly `id` and that `keep` accepts.
    pub fn find<'k>(
        &self,
        id: &[u8],
        key: impl Fn(&T) -> &'k [u8],
        keep: impl Fn(&T) -> bool,
    ) -> Option<T> {
        let sorted = &self.items[..self.sorted];
        let from = sorted.partition_point(|item| cmp_ci(key(item), id) == Ordering::Less);
        sorted[from..]
            .iter()
            .take_while(|item| key(item).eq_ignore_ascii_case(id))
            .chain(self.items[self.sorted..].iter())
            .find(|item| key(item) == id && keep(item))
            .copied()
    }

    pub fn heap_bytes(&self) -> usize {
        self.items.capacity() * std::mem::size_of::<T>()
    }

    pub fn shrink_to_fit(&mut self) {
        self.items.shrink_to_fit();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The word-skipping comparison orders as comparing lower-cased
        /// bytes one by one does.
        #[test]
        fn cmp_ci_is_lower_cased_byte_order(a in "[aAbB0-]{0,20}", b in "[aAbB0-]{0,20}") {
            let lower = |s: &str| s.to_ascii_lowercase().into_bytes();
            prop_assert_eq!(cmp_ci(a.as_bytes(), b.as_bytes()), lower(&a).cmp(&lower(&b)));
            let long = format!("P0000000000{a}");
            let other = format!("P0000000000{b}");
            prop_assert_eq!(cmp_ci(long.as_bytes(), other.as_bytes()), lower(&long).cmp(&lower(&other)));
        }
    }

    #[test]
    fn prefix_and_exact_lookups_see_the_tail_and_ignore_case() {
        let names = ["C0002", "C0001", "P77", "c0003", "C0010"];
        let key = |i: &usize| names[*i].as_bytes();
        let mut list = SortedIds::default();
        list.extend(0..4);
        list.settle(key);
        list.extend([4]); // stays in the tail
        list.maybe_settle(key);
        let all = |_: &usize| true;
        assert_eq!(list.with_prefix(b"c000", 10, key, all), vec![1, 0, 3]);
        assert_eq!(list.with_prefix(b"C00", 10, key, all), vec![1, 0, 3, 4]);
        assert_eq!(list.with_prefix(b"C00", 2, key, all), vec![1, 0]);
        assert_eq!(
            list.with_prefix(b"C00", 10, key, |i| *i != 0),
            vec![1, 3, 4]
        );
        assert_eq!(list.find(b"C0010", key, all), Some(4));
        assert_eq!(list.find(b"c0003", key, all), Some(3));
        assert_eq!(list.find(b"C0003", key, all), None);
    }
}
