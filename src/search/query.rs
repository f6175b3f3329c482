//! What a typed query can match. One query may be several things at once
//! (`c0012` is a customer-id prefix and maybe a name): every matcher that
//! applies runs and the ranking sorts them out.
//!
//! - names (direct and pinyin): when the query has a letter or a Chinese
//!   character;
//! - phone: 4+ digits (spaces, dashes and a leading `+86` ignored);
//! - id number: 4+ letters/digits with at least one digit;
//! - customer id and policy id: by prefix, when the query looks like an id.

use super::index::{bloom_bits, letter_bit};
use super::pinyin_keys::{fold_char, is_slot_char, syllable_breaks};
use crate::model::ids::is_valid_record_id;

/// Fragments shorter than this do not search phones or id numbers: three
/// digits match a large part of a million customers and help nobody.
pub const MIN_NUMBER_FRAGMENT: usize = 4;
/// Longer queries match names only directly, not through pinyin.
const MAX_PINYIN_QUERY: usize = 64;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Query {
    /// Folded (full-width to ASCII, lower case), trimmed, inner white space
    /// collapsed: matched against names directly.
    pub text: Vec<char>,
    pub text_string: String,
    /// The slot characters of `text` (letters, digits, Chinese): matched
    /// against names through pinyin.
    pub slots: Vec<char>,
    /// Digits of a phone fragment.
    pub phone: Option<String>,
    /// Upper-case letters and digits of an id-number fragment.
    pub id_number: Option<String>,
    /// A customer-id or policy-id prefix.
    pub record_id: Option<String>,
    /// Whether names are matched through pinyin (besides directly).
    pub pinyin: bool,
    /// Whether `text` has a Latin letter or digit.
    pub has_latin: bool,
    /// Letters of `slots` (see `Entry::letters`).
    pub letters: u32,
    /// The letter `slots` starts with, if it starts with a letter.
    pub lead: u32,
    /// Bloom bits of the Chinese characters of `slots`.
    pub bloom: u64,
    /// Whether `slots` holds a non-Latin character (compared as itself).
    pub has_chars: bool,
    /// Where `slots` splits into syllables (see `syllable_breaks`).
    pub breaks: u64,
}

impl Query {
    pub fn parse(raw: &str) -> Query {
        let folded: String = raw.chars().map(fold_char).collect();
        let text_string = folded.split_whitespace().collect::<Vec<_>>().join(" ");
        let text: Vec<char> = text_string.chars().collect();
        let has_letter = text.iter().any(|c| c.is_alphabetic());
        let slots: Vec<char> = if has_letter {
            text.iter().copied().filter(|c| is_slot_char(*c)).collect()
        } else {
            Vec::new()
        };
        let compact: String = text.iter().filter(|c| !matches!(c, ' ' | '-')).collect();
        let number = compact.strip_prefix("+86").unwrap_or(&compact);
        let long_enough = number.len() >= MIN_NUMBER_FRAGMENT;
        let phone =
            (long_enough && number.bytes().all(|b| b.is_ascii_digit())).then(|| number.to_string());
        let id_number = (long_enough
            && number.bytes().all(|b| b.is_ascii_alphanumeric())
            && number.bytes().any(|b| b.is_ascii_digit()))
        .then(|| number.to_ascii_uppercase());
        let record_id = is_valid_record_id(&text_string).then(|| text_string.clone());
        let mut letters = 0;
        let mut bloom = 0;
        for c in &slots {
            if c.is_ascii() {
                letters |= letter_bit(*c as u8);
            } else {
                bloom |= bloom_bits(*c);
            }
        }
        let lead = slots
            .first()
            .filter(|c| c.is_ascii())
            .map_or(0, |c| letter_bit(*c as u8));
        Query {
            pinyin: !slots.is_empty() && slots.len() <= MAX_PINYIN_QUERY,
            has_latin: text.iter().any(char::is_ascii_alphanumeric),
            has_chars: slots.iter().any(|c| !c.is_ascii()),
            breaks: syllable_breaks(&slots),
            text,
            text_string,
            slots,
            phone,
            id_number,
            record_id,
            letters,
            lead,
            bloom,
        }
    }

    /// Whether names are searched at all.
    pub fn names(&self) -> bool {
        !self.slots.is_empty()
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Whether anything needs a pass over the customers (ids are looked up
    /// by prefix instead).
    pub fn scans(&self) -> bool {
        self.names() || self.phone.is_some() || self.id_number.is_some()
    }

    /// Whether every customer this query matches in a pass was also matched
    /// by `prev`'s pass, so that only `prev`'s candidates need checking. True
    /// when the query grew by typing: each matcher's key extends the
    /// previous one, and no matcher is new.
    pub fn refines(&self, prev: &Query) -> bool {
        fn extends<T: PartialEq>(
            new: &Option<T>,
            old: &Option<T>,
            grew: impl Fn(&T, &T) -> bool,
        ) -> bool {
            match (new, old) {
                (None, _) => true,
                (Some(n), Some(o)) => grew(n, o),
                (Some(_), None) => false,
            }
        }
        let names = !self.names()
            || (prev.names()
                && self.text.starts_with(&prev.text)
                && self.slots.starts_with(&prev.slots)
                && (!self.pinyin || prev.pinyin));
        names
            && extends(&self.phone, &prev.phone, |n, o| n.starts_with(o.as_str()))
            && extends(&self.id_number, &prev.id_number, |n, o| {
                n.starts_with(o.as_str())
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_what_was_typed() {
        let q = Query::parse(" Zhang  San ");
        assert_eq!(q.text_string, "zhang san");
        assert_eq!(q.slots.iter().collect::<String>(), "zhangsan");
        assert!(q.names() && q.pinyin && q.phone.is_none() && q.id_number.is_none());
        assert_eq!(q.record_id, None);

        let q = Query::parse("+86 138-0013");
        assert_eq!(q.phone.as_deref(), Some("1380013"));
        assert!(!q.names());

        let q = Query::parse("１３８０");
        assert_eq!(q.phone.as_deref(), Some("1380"));
        assert_eq!(q.record_id.as_deref(), Some("1380"));

        assert_eq!(Query::parse("138").phone, None);
        let q = Query::parse("002x");
        assert_eq!(q.id_number.as_deref(), Some("002X"));
        assert_eq!(q.phone, None);
        assert!(q.names());

        let q = Query::parse("张s");
        assert_eq!(q.slots, vec!['张', 's']);
        assert_eq!(q.lead, 0);
        assert_eq!(q.record_id, None);
        assert_eq!(Query::parse("C0001").record_id.as_deref(), Some("c0001"));
    }

    #[test]
    fn typing_on_refines_but_a_new_kind_of_match_does_not() {
        let p = |s| Query::parse(s);
        assert!(p("zhangs").refines(&p("zhang")));
        assert!(p("zhang s").refines(&p("zhang ")));
        assert!(!p("zhang").refines(&p("zhangs")));
        assert!(!p("zhao").refines(&p("zhang")));
        assert!(p("13800").refines(&p("1380")));
        // Three digits search no phones: the fourth starts a phone pass.
        assert!(!p("1380").refines(&p("138")));
        // A digit makes it an id-number fragment too.
        assert!(!p("ma05").refines(&p("ma0")));
        assert!(!p("1380a").refines(&p("1380")));
    }
}
