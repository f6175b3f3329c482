//! The one zero-copy view of a stored [`CustomerDoc`], for the hot
//! read-only passes over a million customers (classification, the search
//! index, the roster, filters and summaries), where decoding whole docs (a
//! `String` per id, a chrono conversion per date) was most of the cost.
//!
//! These types mirror the stored layout of `model/entities.rs` field for
//! field (bincode is positional): strings stay unchecked bytes of the stored
//! value ([`Text`]: no allocation, no UTF-8 check unless a reader asks for
//! the text), dates stay the stored day numbers and date-times the stored
//! seconds. Readers that need only the front of a doc decode a prefix and
//! stop there: [`CustomerView::decode`] (the customer alone) and
//! [`DocHead::decode`] (up to the policies; the claims and interactions
//! after them are most of a doc's bytes). [`DocView::of`] gives the same
//! view of an owned doc, so one code path serves stored and edited
//! customers.
//!
//! The model is written through serde; the views are read by bincode's own
//! derive, which reads the same bytes without serde's call per field (the
//! model's enums, which only speak serde, through `with_serde`). A schema
//! change is made here, in a view struct and in its `of`; the test below
//! compares the decoded bytes and `of` with the model.

use super::{codec, StoreError};
use crate::model::date_codec::to_days;
use crate::model::{
    Channel, Claim, ClaimStatus, Construction, Customer, CustomerDoc, CustomerKind, Fen, Industry,
    Interaction, InteractionKind, Line, Location, LossCause, Occupancy, Policy, Province,
};
use bincode::de::{BorrowDecode, BorrowDecoder};
use bincode::error::DecodeError;
use std::fmt;

/// Day number of a stored date: days since 1970-01-01.
pub type Day = i32;

/// A stored string: its bytes in the stored value, not checked as UTF-8
/// until read with [`Text::to_str`]. Fields no reader looks at cost only
/// their length prefix.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Text<'a>(&'a [u8]);

impl<'a> Text<'a> {
    /// The text; `what` names the record when the bytes are not UTF-8.
    /// (Inlined: called for every string a hot reader reads.)
    #[inline]
    pub fn to_str(self, what: &dyn Fn() -> String) -> Result<&'a str, StoreError> {
        std::str::from_utf8(self.0)
            .map_err(|e| StoreError::Corrupt(format!("{}: stored text is not UTF-8: {e}", what())))
    }
}

impl<'a> From<&'a str> for Text<'a> {
    fn from(text: &'a str) -> Text<'a> {
        Text(text.as_bytes())
    }
}

impl fmt::Debug for Text<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&String::from_utf8_lossy(self.0), f)
    }
}

// bincode writes a `str` as a length-prefixed byte string: read as bytes,
// it is borrowed without the UTF-8 check.
impl<'a, 'de: 'a, C> BorrowDecode<'de, C> for Text<'a> {
    fn borrow_decode<D: BorrowDecoder<'de, Context = C>>(d: &mut D) -> Result<Self, DecodeError> {
        <&'a [u8]>::borrow_decode(d).map(Text)
    }
}

/// A stored `model::Customer`.
#[derive(Debug, PartialEq, bincode::BorrowDecode)]
pub struct CustomerView<'a> {
    pub id: Text<'a>,
    pub name: Text<'a>,
    #[bincode(with_serde)]
    pub kind: CustomerKind,
    pub id_number: Option<Text<'a>>,
    pub phone: Option<Text<'a>>,
    pub email: Option<Text<'a>>,
    #[bincode(with_serde)]
    pub province: Province,
    pub city: Option<Text<'a>>,
    #[bincode(with_serde)]
    pub industry: Option<Industry>,
    pub since: Option<Day>,
    pub account_manager: Option<Text<'a>>,
    pub tags: Vec<Text<'a>>,
    pub bad_uscc: bool,
}

impl<'a> CustomerView<'a> {
    /// The customer at the front of a stored doc; the rest is not read.
    pub fn decode(bytes: &'a [u8], what: &dyn Fn() -> String) -> Result<Self, StoreError> {
        codec::decode_view(bytes, what)
    }

    fn of(c: &'a Customer) -> Self {
        CustomerView {
            id: text(&c.id),
            name: text(&c.name),
            kind: c.kind,
            id_number: opt(&c.id_number),
            phone: opt(&c.phone),
            email: opt(&c.email),
            province: c.province,
            city: opt(&c.city),
            industry: c.industry,
            since: c.since.map(to_days),
            account_manager: opt(&c.account_manager),
            tags: c.tags.iter().map(text).collect(),
            bad_uscc: c.bad_uscc,
        }
    }
}

/// A stored `model::Location`: an insured site (its survey is what the
/// property risk reads).
#[derive(Debug, PartialEq, bincode::BorrowDecode)]
pub struct LocationView<'a> {
    pub id: Text<'a>,
    pub customer_id: Text<'a>,
    #[bincode(with_serde)]
    pub province: Province,
    pub city: Option<Text<'a>>,
    #[bincode(with_serde)]
    pub construction: Construction,
    #[bincode(with_serde)]
    pub occupancy: Occupancy,
    pub year_built: Option<u16>,
    pub sprinklered: Option<bool>,
    #[bincode(with_serde)]
    pub sum_insured: Option<Fen>,
}

impl<'a> LocationView<'a> {
    fn of(l: &'a Location) -> Self {
        LocationView {
            id: text(&l.id),
            customer_id: text(&l.customer_id),
            province: l.province,
            city: opt(&l.city),
            construction: l.construction,
            occupancy: l.occupancy,
            year_built: l.year_built,
            sprinklered: l.sprinklered,
            sum_insured: l.sum_insured,
        }
    }
}

/// A stored `model::Policy`, its dates as day numbers.
#[derive(Debug, PartialEq, bincode::BorrowDecode)]
pub struct PolicyView<'a> {
    pub id: Text<'a>,
    pub customer_id: Text<'a>,
    #[bincode(with_serde)]
    pub line: Line,
    #[bincode(with_serde)]
    pub premium: Fen,
    #[bincode(with_serde)]
    pub sum_insured: Option<Fen>,
    pub start_date: Day,
    /// Exclusive.
    pub end_date: Day,
    pub cancelled_on: Option<Day>,
    pub location_id: Option<Text<'a>>,
}

impl<'a> PolicyView<'a> {
    /// As `model::Policy::effective_end`: `cancelled_on`, else `end_date`.
    pub fn effective_end(&self) -> i64 {
        i64::from(self.cancelled_on.unwrap_or(self.end_date))
    }

    pub fn term_days(&self) -> i64 {
        i64::from(self.end_date) - i64::from(self.start_date)
    }

    /// As `model::Policy::in_force_at`: `start_date <= day < effective end`.
    pub fn in_force_at(&self, day: i64) -> bool {
        i64::from(self.start_date) <= day && day < self.effective_end()
    }

    fn of(p: &'a Policy) -> Self {
        PolicyView {
            id: text(&p.id),
            customer_id: text(&p.customer_id),
            line: p.line,
            premium: p.premium,
            sum_insured: p.sum_insured,
            start_date: to_days(p.start_date),
            end_date: to_days(p.end_date),
            cancelled_on: p.cancelled_on.map(to_days),
            location_id: opt(&p.location_id),
        }
    }
}

/// A stored `model::Claim`, its dates as day numbers.
#[derive(Debug, PartialEq, bincode::BorrowDecode)]
pub struct ClaimView<'a> {
    pub id: Text<'a>,
    pub policy_id: Text<'a>,
    pub customer_id: Text<'a>,
    pub loss_date: Day,
    pub reported_date: Option<Day>,
    #[bincode(with_serde)]
    pub cause: LossCause,
    #[bincode(with_serde)]
    pub paid: Fen,
    #[bincode(with_serde)]
    pub reserve: Fen,
    #[bincode(with_serde)]
    pub status: ClaimStatus,
}

impl<'a> ClaimView<'a> {
    /// As `model::Claim::incurred`: paid plus reserve, nothing if denied.
    pub fn incurred(&self) -> Fen {
        match self.status {
            ClaimStatus::Denied => Fen::ZERO,
            _ => self.paid + self.reserve,
        }
    }

    fn of(k: &'a Claim) -> Self {
        ClaimView {
            id: text(&k.id),
            policy_id: text(&k.policy_id),
            customer_id: text(&k.customer_id),
            loss_date: to_days(k.loss_date),
            reported_date: k.reported_date.map(to_days),
            cause: k.cause,
            paid: k.paid,
            reserve: k.reserve,
            status: k.status,
        }
    }
}

/// A stored `model::Interaction`, its time as seconds.
#[derive(Debug, PartialEq, bincode::BorrowDecode)]
pub struct InteractionView<'a> {
    pub id: Text<'a>,
    pub customer_id: Text<'a>,
    /// Seconds since 1970-01-01T00:00 (local time, no zone).
    pub at: i64,
    #[bincode(with_serde)]
    pub channel: Channel,
    #[bincode(with_serde)]
    pub kind: InteractionKind,
    pub satisfaction: Option<u8>,
    pub note: Option<Text<'a>>,
}

impl<'a> InteractionView<'a> {
    /// The day number of the date part of `at`.
    pub fn day(&self) -> i64 {
        self.at.div_euclid(86_400)
    }

    fn of(x: &'a Interaction) -> Self {
        InteractionView {
            id: text(&x.id),
            customer_id: text(&x.customer_id),
            at: x.at.and_utc().timestamp(),
            channel: x.channel,
            kind: x.kind,
            satisfaction: x.satisfaction,
            note: opt(&x.note),
        }
    }
}

/// A whole stored doc.
#[derive(Debug, PartialEq, bincode::BorrowDecode)]
pub struct DocView<'a> {
    pub customer: CustomerView<'a>,
    pub locations: Vec<LocationView<'a>>,
    pub policies: Vec<PolicyView<'a>>,
    pub claims: Vec<ClaimView<'a>>,
    pub interactions: Vec<InteractionView<'a>>,
}

/// The front of a stored doc, up to its policies: for readers that need
/// no claims or interactions.
#[derive(Debug, PartialEq, bincode::BorrowDecode)]
pub struct DocHead<'a> {
    pub customer: CustomerView<'a>,
    pub locations: Vec<LocationView<'a>>,
    pub policies: Vec<PolicyView<'a>>,
}

impl<'a> DocHead<'a> {
    /// Decodes the front of a stored doc; the rest is not read.
    pub fn decode(bytes: &'a [u8], what: &dyn Fn() -> String) -> Result<Self, StoreError> {
        codec::decode_view(bytes, what)
    }
}

impl<'a> DocView<'a> {
    /// Decodes a whole stored doc, refusing leftover bytes.
    pub fn decode(bytes: &'a [u8], what: &dyn Fn() -> String) -> Result<Self, StoreError> {
        codec::decode_whole_view(bytes, what)
    }

    /// The view of an owned doc.
    pub fn of(doc: &'a CustomerDoc) -> DocView<'a> {
        DocView {
            customer: CustomerView::of(&doc.customer),
            locations: doc.locations.iter().map(LocationView::of).collect(),
            policies: doc.policies.iter().map(PolicyView::of).collect(),
            claims: doc.claims.iter().map(ClaimView::of).collect(),
            interactions: doc.interactions.iter().map(InteractionView::of).collect(),
        }
    }
}

// The views of an owned record's strings.
fn text(s: &String) -> Text<'_> {
    Text(s.as_bytes())
}

fn opt(s: &Option<String>) -> Option<Text<'_>> {
    s.as_deref().map(Text::from)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_docs::full_doc;
    use chrono::NaiveDate;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// The optional fields absent, the lists empty or short.
    fn sparse_doc() -> CustomerDoc {
        let mut doc = full_doc();
        let c = &mut doc.customer;
        (c.id_number, c.phone, c.email, c.city) = (None, None, None, None);
        (c.industry, c.since, c.account_manager) = (None, None, None);
        c.tags.clear();
        doc.locations.clear();
        let p = &mut doc.policies[0];
        (p.sum_insured, p.cancelled_on, p.location_id) = (None, None, None);
        doc.claims[0].reported_date = None;
        doc.interactions[0].satisfaction = None;
        doc.interactions[0].note = None;
        doc
    }

    /// The stored bytes of a doc decode to the view `DocView::of` makes of
    /// the model field for field, whole and as prefixes.
    #[test]
    fn the_view_of_the_stored_bytes_is_the_view_of_the_model() {
        let what = || "customers/C1".to_string();
        for doc in [full_doc(), sparse_doc()] {
            let bytes = codec::encode(&doc);
            let want = DocView::of(&doc);
            assert_eq!(DocView::decode(&bytes, &what).unwrap(), want);
            let head = DocHead::decode(&bytes, &what).unwrap();
            assert_eq!(
                (&head.customer, &head.locations, &head.policies),
                (&want.customer, &want.locations, &want.policies)
            );
            assert_eq!(CustomerView::decode(&bytes, &what).unwrap(), want.customer);
        }
    }

    #[test]
    fn days_and_seconds_read_as_the_model_means_them() {
        let doc = full_doc();
        let view = DocView::of(&doc);
        assert_eq!(view.customer.since, Some(-1));
        assert_eq!(view.interactions[0].day(), -1);
        for (p, model) in view.policies.iter().zip(&doc.policies) {
            assert_eq!(p.effective_end(), i64::from(to_days(model.effective_end())));
            assert_eq!(p.term_days(), model.term_days());
            for at in [date(2024, 12, 31), date(2025, 1, 1), date(2025, 7, 1)] {
                assert_eq!(p.in_force_at(i64::from(to_days(at))), model.in_force_at(at));
            }
        }
        assert_eq!(view.claims[0].incurred(), doc.claims[0].incurred());
    }

    #[test]
    fn text_is_checked_when_read() {
        let what = || "customers/C1".to_string();
        assert_eq!(Text::from("张三").to_str(&what).unwrap(), "张三");
        let err = Text(b"\xe5\xbc").to_str(&what).unwrap_err().to_string();
        assert!(
            err.contains("customers/C1: stored text is not UTF-8"),
            "{err}"
        );
    }

    #[test]
    fn other_schema_versions_and_leftover_bytes_are_refused() {
        let what = || "customers/C1".to_string();
        let mut bytes = codec::encode(&full_doc());
        bytes.push(0);
        let err = DocView::decode(&bytes, &what).unwrap_err().to_string();
        assert!(err.contains("trailing bytes"), "{err}");
        bytes.pop();
        bytes[0] += 1;
        let err = DocHead::decode(&bytes, &what).unwrap_err().to_string();
        assert!(err.contains("schema version"), "{err}");
    }
}
