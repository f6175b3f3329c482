//! Copy-on-write storage for the roster's columns.
//!
//! The roster is cloned into a snapshot for every background computation
//! (sorting, filtering, aggregates) while the UI thread keeps changing its
//! own copy. Rows live in fixed-size chunks behind `Arc`s, so a clone costs
//! one pointer copy per chunk and a change copies only the chunk it touches
//! (and only when a snapshot still shares it).

use std::sync::Arc;

const CHUNK_BITS: u32 = 12;
/// Rows per chunk: 4096 rows of ~100 bytes make a 400 KB copy at most.
pub const CHUNK: usize = 1 << CHUNK_BITS;

#[derive(Clone, Debug)]
pub struct ChunkedVec<T: Clone> {
    chunks: Vec<Arc<Vec<T>>>,
    len: usize,
}

impl<T: Clone> Default for ChunkedVec<T> {
    fn default() -> Self {
        ChunkedVec {
            chunks: Vec::new(),
            len: 0,
        }
    }
}

impl<T: Clone> ChunkedVec<T> {
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn get(&self, index: usize) -> Option<&T> {
        if index >= self.len {
            return None;
        }
        Some(&self.chunks[index >> CHUNK_BITS][index & (CHUNK - 1)])
    }

    /// The element at `index`, copying its chunk first if a snapshot shares it.
    pub fn get_mut(&mut self, index: usize) -> Option<&mut T> {
        if index >= self.len {
            return None;
        }
        let chunk = Arc::make_mut(&mut self.chunks[index >> CHUNK_BITS]);
        Some(&mut chunk[index & (CHUNK - 1)])
    }

    pub fn push(&mut self, value: T) -> usize {
        let index = self.len;
        match self.chunks.last_mut() {
            Some(last) if last.len() < CHUNK => Arc::make_mut(last).push(value),
            _ => {
                let mut chunk = Vec::with_capacity(CHUNK);
                chunk.push(value);
                self.chunks.push(Arc::new(chunk));
            }
        }
        self.len += 1;
        index
    }

    pub fn iter(&self) -> impl Iterator<Item = &T> + '_ {
        self.chunks.iter().flat_map(|c| c.iter())
    }
}

impl<T: Clone> std::ops::Index<usize> for ChunkedVec<T> {
    type Output = T;
    fn index(&self, index: usize) -> &T {
        match self.get(index) {
            Some(v) => v,
            None => panic!("row {index} out of range ({} rows)", self.len),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_after_a_clone_leaves_the_clone_alone() {
        let mut a = ChunkedVec::default();
        for i in 0..(CHUNK * 2 + 5) {
            a.push(i);
        }
        let snapshot = a.clone();
        *a.get_mut(CHUNK + 1).unwrap() = 0;
        a.push(99);
        assert_eq!(snapshot[CHUNK + 1], CHUNK + 1);
        assert_eq!(snapshot.len(), CHUNK * 2 + 5);
        assert_eq!(a[CHUNK + 1], 0);
        assert_eq!(a[CHUNK * 2 + 5], 99);
        assert_eq!(a.iter().count(), CHUNK * 2 + 6);
        // The untouched first chunk is still shared.
        assert!(Arc::ptr_eq(&a.chunks[0], &snapshot.chunks[0]));
    }
}
