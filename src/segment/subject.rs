//! What a segment expression is matched against.

use crate::classify::CustomerFields;
use crate::model::{
    BehaviorLabel, Classification, Customer, CustomerKind, Industry, Province, Tier,
};

/// A customer as the filter sees it. Implemented here for a customer with
/// its stored classification, and by the UI for its roster rows.
pub trait Subject {
    fn kind(&self) -> CustomerKind;
    fn province(&self) -> Province;
    fn industry(&self) -> Option<Industry>;
    fn tags(&self) -> &[String];
    fn manager(&self) -> Option<&str>;
    fn value_tier(&self) -> Option<Tier>;
    fn risk_tier(&self) -> Option<Tier>;
    fn behavior(&self) -> Option<BehaviorLabel>;
    /// Free text: the name or id contains `word` (given lower-cased).
    fn text_matches(&self, word: &str) -> bool;
}

/// Case-insensitive (for Latin letters) substring test without allocating
/// when the haystack is ASCII.
pub fn contains_lowercase(haystack: &str, lower_needle: &str) -> bool {
    if haystack.is_ascii() {
        let (h, n) = (haystack.as_bytes(), lower_needle.as_bytes());
        n.is_empty() || h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
    } else {
        haystack.to_lowercase().contains(lower_needle)
    }
}

/// The same accessors for a whole customer and for the fields decoded from
/// the front of a stored doc (a million-customer filter reads only those).
macro_rules! customer_subject {
    ($customer:ty) => {
        impl Subject for ($customer, Option<&Classification>) {
            fn kind(&self) -> CustomerKind {
                self.0.kind
            }
            fn province(&self) -> Province {
                self.0.province
            }
            fn industry(&self) -> Option<Industry> {
                self.0.industry
            }
            fn tags(&self) -> &[String] {
                &self.0.tags
            }
            fn manager(&self) -> Option<&str> {
                self.0.account_manager.as_deref()
            }
            fn value_tier(&self) -> Option<Tier> {
                self.1.map(|c| c.value.tier)
            }
            fn risk_tier(&self) -> Option<Tier> {
                self.1.map(|c| c.risk.tier)
            }
            fn behavior(&self) -> Option<BehaviorLabel> {
                self.1.map(|c| c.behavior.segment)
            }
            fn text_matches(&self, word: &str) -> bool {
                contains_lowercase(&self.0.name, word) || contains_lowercase(&self.0.id, word)
            }
        }
    };
}

customer_subject!(&Customer);
customer_subject!(&CustomerFields<'_>);
