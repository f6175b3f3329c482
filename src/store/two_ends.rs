//! A walk of a tree from both ends at once, on two threads, for the passes
//! over every customer (classification, search index): one end reads up
//! from the first key, the other down from the last, and each claims the
//! chunks it reads so that they stop where they meet and no key is handled
//! twice.

use sled::IVec;
use std::cmp::Ordering;
use std::sync::Mutex;

pub type Entry = (IVec, IVec);
pub type Entries = Box<dyn Iterator<Item = sled::Result<Entry>>>;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    /// Reads up from the first key.
    Front,
    /// Reads down from the last key.
    Back,
}

impl End {
    /// A tree's entries in this end's reading order.
    pub fn iter(self, tree: &sled::Tree) -> Entries {
        match self {
            End::Front => Box::new(tree.iter()),
            End::Back => Box::new(tree.iter().rev()),
        }
    }

    /// Where key `a` comes relative to `b` in this end's reading order.
    pub fn order(self, a: &[u8], b: &[u8]) -> Ordering {
        match self {
            End::Front => a.cmp(b),
            End::Back => b.cmp(a),
        }
    }

    /// Whether key `a` is read before `b` at this end.
    pub fn before(self, a: &[u8], b: &[u8]) -> bool {
        self.order(a, b) == Ordering::Less
    }
}

/// The last key each end has claimed.
#[derive(Default)]
pub struct Meeting {
    ends: Mutex<(Option<IVec>, Option<IVec>)>,
}

impl Meeting {
    /// Cuts `chunk` (read at `end`, in its order) where the other end's
    /// claims begin and claims the rest; returns whether the ends have met.
    pub fn claim(&self, end: End, chunk: &mut Vec<Entry>) -> bool {
        let mut ends = self.ends.lock().unwrap_or_else(|p| p.into_inner());
        let (front, back) = &mut *ends;
        let (mine, theirs) = match end {
            End::Front => (front, &*back),
            End::Back => (back, &*front),
        };
        let keep = match theirs {
            None => chunk.len(),
            Some(t) => chunk.partition_point(|(k, _)| end.before(k, t)),
        };
        let met = keep < chunk.len();
        chunk.truncate(keep);
        if let Some((k, _)) = chunk.last() {
            *mine = Some(k.clone());
        }
        met
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunk(keys: &[&str]) -> Vec<Entry> {
        keys.iter()
            .map(|k| (IVec::from(k.as_bytes()), IVec::default()))
            .collect()
    }

    fn keys(chunk: &[Entry]) -> Vec<&[u8]> {
        chunk.iter().map(|(k, _)| k.as_ref()).collect()
    }

    #[test]
    fn the_ends_stop_where_they_meet() {
        let meeting = Meeting::default();
        let mut front = chunk(&["a", "b", "c"]);
        assert!(!meeting.claim(End::Front, &mut front));
        assert_eq!(keys(&front), [b"a", b"b", b"c"]);
        let mut back = chunk(&["f", "e", "d", "c", "b"]);
        assert!(meeting.claim(End::Back, &mut back), "met at c");
        assert_eq!(keys(&back), [b"f", b"e", b"d"]);
        let mut front = chunk(&["d", "e"]);
        assert!(meeting.claim(End::Front, &mut front));
        assert!(front.is_empty(), "d and e are the back end's");
    }
}
