//! Roster rows as subjects of segment expressions, so the UI's filter line
//! and `pcrm segment` accept the same language.

use super::table::RowRef;
use crate::model::{BehaviorLabel, CustomerKind, Industry, Province, Tier};
use crate::segment::Subject;

impl Subject for RowRef<'_> {
    fn kind(&self) -> CustomerKind {
        RowRef::kind(self)
    }
    fn province(&self) -> Province {
        RowRef::province(self)
    }
    fn industry(&self) -> Option<Industry> {
        RowRef::industry(self)
    }
    fn tags(&self) -> &[String] {
        RowRef::tags(self)
    }
    fn manager(&self) -> Option<&str> {
        RowRef::manager(self)
    }
    fn value_tier(&self) -> Option<Tier> {
        RowRef::value_tier(self)
    }
    fn risk_tier(&self) -> Option<Tier> {
        RowRef::risk_tier(self)
    }
    fn behavior(&self) -> Option<BehaviorLabel> {
        RowRef::behavior(self)
    }
    /// Name or id contains the text (case-insensitive for Latin letters).
    fn text_matches(&self, text: &str) -> bool {
        contains_ignore_case(self.name(), text) || contains_ignore_case(self.id(), text)
    }
}

fn contains_ignore_case(haystack: &str, needle: &str) -> bool {
    if needle.is_ascii() && haystack.is_ascii() {
        let needle = needle.as_bytes();
        needle.is_empty()
            || haystack
                .as_bytes()
                .windows(needle.len())
                .any(|w| w.eq_ignore_ascii_case(needle))
    } else {
        haystack.to_lowercase().contains(&needle.to_lowercase())
    }
}
