//! Which customers a pass changed: listed while they are few, only counted
//! beyond [`Changed::LISTED_UP_TO`].
//!
//! A pass that changes every label of a million customers would otherwise
//! hand over a million ids (~50 MB, twice that while the two walks' lists
//! are joined) to a reader that refreshes everything anyway: the UI
//! relabels the whole list above a few tens of thousands.

/// The customers whose stored result changed (or was removed), in id order
/// while listed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Changed {
    count: usize,
    /// `None` once more than `LISTED_UP_TO` changed.
    ids: Option<Vec<String>>,
}

impl Changed {
    /// Above this many changed customers only the count is kept.
    pub const LISTED_UP_TO: usize = 50_000;

    pub fn new() -> Changed {
        Changed {
            count: 0,
            ids: Some(Vec::new()),
        }
    }

    pub fn push(&mut self, id: String) {
        self.count += 1;
        if self.count > Self::LISTED_UP_TO {
            self.ids = None;
        } else if let Some(ids) = &mut self.ids {
            ids.push(id);
        }
    }

    /// How many changed, listed or not.
    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The changed ids, unless there were too many to list.
    pub fn ids(&self) -> Option<&[String]> {
        self.ids.as_deref()
    }

    pub fn into_ids(self) -> Option<Vec<String>> {
        self.ids
    }

    /// `self` followed by `later` (both in id order, `later`'s ids after).
    pub fn then(mut self, later: Changed) -> Changed {
        self.count += later.count;
        self.ids = match (self.ids, later.ids) {
            (Some(mut ids), Some(more)) if self.count <= Self::LISTED_UP_TO => {
                ids.extend(more);
                Some(ids)
            }
            _ => None,
        };
        self
    }

    /// The same, listed in the opposite order (a walk down the ids).
    pub fn reversed(mut self) -> Changed {
        if let Some(ids) = &mut self.ids {
            ids.reverse();
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(n: usize, start: usize) -> Changed {
        let mut c = Changed::new();
        for i in start..start + n {
            c.push(format!("C{i:07}"));
        }
        c
    }

    #[test]
    fn lists_while_few_then_only_counts() {
        let few = of(3, 0);
        assert_eq!(few.len(), 3);
        assert_eq!(few.ids().unwrap(), ["C0000000", "C0000001", "C0000002"]);
        let many = of(Changed::LISTED_UP_TO + 1, 0);
        assert_eq!(many.len(), Changed::LISTED_UP_TO + 1);
        assert!(many.ids().is_none());
        assert!(Changed::new().is_empty());
    }

    #[test]
    fn joining_keeps_the_order_and_the_limit() {
        let joined = of(2, 0).then(of(2, 10).reversed().reversed());
        assert_eq!(
            joined.ids().unwrap(),
            ["C0000000", "C0000001", "C0000010", "C0000011"]
        );
        let half = Changed::LISTED_UP_TO / 2 + 1;
        let over = of(half, 0).then(of(half, half));
        assert_eq!(over.len(), 2 * half);
        assert!(over.ids().is_none());
        assert!(of(1, 0).then(of(Changed::LISTED_UP_TO, 5)).ids().is_none());
    }
}
