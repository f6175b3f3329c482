//! What the scorer reads of a customer: a view of a [`CustomerDoc`] with
//! dates as day numbers and no owned strings.
//!
//! A full pass decodes a million stored docs; decoding them whole costs
//! about 5 µs each (a `String` per id, a chrono conversion per date), most
//! of the pass. These types mirror the stored layout field for field
//! (bincode is positional), borrow or skip the strings and keep dates as
//! the stored integers, so a view decodes straight from the stored bytes.
//! The same view is built from an owned doc for single customers, so both
//! paths run the same scorer. A test checks that the two agree on a doc
//! with every field set; a layout drift that changes a record's length is
//! also caught by the decoder's all-bytes-consumed check.

use crate::model::date_codec::to_days;
use crate::model::{
    Channel, ClaimStatus, Construction, CustomerDoc, CustomerKind, Fen, Industry, InteractionKind,
    Line, LossCause, Occupancy, Province,
};
use crate::store::{codec, StoreError};
use serde::{Deserialize, Deserializer};
use std::marker::PhantomData;

/// A stored field the scorer does not read: decoded to move past it, then
/// dropped.
#[derive(Debug, Default, PartialEq)]
pub struct Skip<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Skip<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::deserialize(d)?;
        Ok(Skip(PhantomData))
    }
}

/// A skipped string, read as its bytes: bincode writes a `str` as a
/// length-prefixed byte string, and skipping it so spares the UTF-8 check.
type Text<'a> = &'a [u8];

fn skip<T>() -> Skip<T> {
    Skip(PhantomData)
}

/// Day number (days since 1970-01-01) of a stored date.
pub type Day = i32;

#[derive(Debug, PartialEq, Deserialize)]
pub struct CustomerView<'a> {
    pub id: &'a str,
    #[serde(borrow)]
    _name: Skip<Text<'a>>,
    pub kind: CustomerKind,
    #[serde(borrow)]
    _id_number: Skip<Option<Text<'a>>>,
    #[serde(borrow)]
    _phone: Skip<Option<Text<'a>>>,
    #[serde(borrow)]
    _email: Skip<Option<Text<'a>>>,
    pub province: Province,
    #[serde(borrow)]
    _city: Skip<Option<Text<'a>>>,
    pub industry: Option<Industry>,
    pub since: Option<Day>,
    #[serde(borrow)]
    _account_manager: Skip<Option<Text<'a>>>,
    #[serde(borrow)]
    _tags: Skip<Vec<Text<'a>>>,
    _bad_uscc: Skip<bool>,
}

#[derive(Debug, PartialEq, Deserialize)]
pub struct LocationView<'a> {
    pub id: &'a str,
    #[serde(borrow)]
    _customer_id: Skip<Text<'a>>,
    pub province: Province,
    #[serde(borrow)]
    _city: Skip<Option<Text<'a>>>,
    pub construction: Construction,
    pub occupancy: Occupancy,
    pub year_built: Option<u16>,
    pub sprinklered: Option<bool>,
    _sum_insured: Skip<Option<Fen>>,
}

#[derive(Debug, PartialEq, Deserialize)]
pub struct PolicyView<'a> {
    #[serde(borrow)]
    _id: Skip<Text<'a>>,
    #[serde(borrow)]
    _customer_id: Skip<Text<'a>>,
    pub line: Line,
    pub premium: Fen,
    _sum_insured: Skip<Option<Fen>>,
    pub start: Day,
    /// Exclusive.
    pub end: Day,
    pub cancelled_on: Option<Day>,
    #[serde(borrow)]
    _location_id: Skip<Option<Text<'a>>>,
}

impl PolicyView<'_> {
    /// `cancelled_on` if present, else the end date.
    pub fn effective_end(&self) -> i64 {
        i64::from(self.cancelled_on.unwrap_or(self.end))
    }

    pub fn term_days(&self) -> i64 {
        i64::from(self.end) - i64::from(self.start)
    }
}

#[derive(Debug, PartialEq, Deserialize)]
pub struct ClaimView<'a> {
    #[serde(borrow)]
    _id: Skip<Text<'a>>,
    #[serde(borrow)]
    _policy_id: Skip<Text<'a>>,
    #[serde(borrow)]
    _customer_id: Skip<Text<'a>>,
    pub loss_date: Day,
    pub reported_date: Option<Day>,
    _cause: Skip<LossCause>,
    pub paid: Fen,
    pub reserve: Fen,
    pub status: ClaimStatus,
}

#[derive(Debug, PartialEq, Deserialize)]
pub struct InteractionView<'a> {
    #[serde(borrow)]
    _id: Skip<Text<'a>>,
    #[serde(borrow)]
    _customer_id: Skip<Text<'a>>,
    /// Seconds since 1970-01-01T00:00 (local time, no zone).
    pub at: i64,
    _channel: Skip<Channel>,
    _kind: Skip<InteractionKind>,
    _satisfaction: Skip<Option<u8>>,
    #[serde(borrow)]
    _note: Skip<Option<Text<'a>>>,
}

impl InteractionView<'_> {
    /// The day number of the date part of `at`.
    pub fn day(&self) -> i64 {
        self.at.div_euclid(86_400)
    }
}

/// The customer fields a segment expression reads, decoded from the front
/// of a stored doc (the doc starts with its customer); the rest of the doc
/// is not read.
#[derive(Debug, PartialEq, Deserialize)]
pub struct CustomerFields<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub kind: CustomerKind,
    #[serde(borrow)]
    _id_number: Skip<Option<Text<'a>>>,
    #[serde(borrow)]
    _phone: Skip<Option<Text<'a>>>,
    #[serde(borrow)]
    _email: Skip<Option<Text<'a>>>,
    pub province: Province,
    #[serde(borrow)]
    _city: Skip<Option<Text<'a>>>,
    pub industry: Option<Industry>,
    _since: Skip<Option<Day>>,
    pub account_manager: Option<&'a str>,
    pub tags: Vec<String>,
}

impl<'a> CustomerFields<'a> {
    pub fn decode(
        bytes: &'a [u8],
        what: &dyn Fn() -> String,
    ) -> Result<CustomerFields<'a>, StoreError> {
        codec::decode_view(bytes, what)
    }
}

/// The leading part of a stored doc up to its policies, for readers that
/// need only those (the premium of the summary): the claims and
/// interactions after them, most of a doc's bytes, are not read.
#[derive(Debug, PartialEq, Deserialize)]
pub struct PoliciesView<'a> {
    #[serde(borrow)]
    _customer: Skip<CustomerView<'a>>,
    #[serde(borrow)]
    _locations: Skip<Vec<LocationView<'a>>>,
    #[serde(borrow)]
    pub policies: Vec<PolicyView<'a>>,
}

impl<'a> PoliciesView<'a> {
    pub fn decode(
        bytes: &'a [u8],
        what: &dyn Fn() -> String,
    ) -> Result<PoliciesView<'a>, StoreError> {
        codec::decode_view(bytes, what)
    }
}

#[derive(Debug, PartialEq, Deserialize)]
pub struct DocView<'a> {
    #[serde(borrow)]
    pub customer: CustomerView<'a>,
    #[serde(borrow)]
    pub locations: Vec<LocationView<'a>>,
    #[serde(borrow)]
    pub policies: Vec<PolicyView<'a>>,
    #[serde(borrow)]
    pub claims: Vec<ClaimView<'a>>,
    #[serde(borrow)]
    pub interactions: Vec<InteractionView<'a>>,
}

impl<'a> DocView<'a> {
    /// Decodes a stored customer doc (`what` names it in errors).
    pub fn decode(bytes: &'a [u8], what: &dyn Fn() -> String) -> Result<DocView<'a>, StoreError> {
        codec::decode(bytes, what)
    }

    /// The view of an owned doc.
    pub fn of(doc: &'a CustomerDoc) -> DocView<'a> {
        let c = &doc.customer;
        DocView {
            customer: CustomerView {
                id: &c.id,
                _name: skip(),
                kind: c.kind,
                _id_number: skip(),
                _phone: skip(),
                _email: skip(),
                province: c.province,
                _city: skip(),
                industry: c.industry,
                since: c.since.map(to_days),
                _account_manager: skip(),
                _tags: skip(),
                _bad_uscc: skip(),
            },
            locations: doc
                .locations
                .iter()
                .map(|l| LocationView {
                    id: &l.id,
                    _customer_id: skip(),
                    province: l.province,
                    _city: skip(),
                    construction: l.construction,
                    occupancy: l.occupancy,
                    year_built: l.year_built,
                    sprinklered: l.sprinklered,
                    _sum_insured: skip(),
                })
                .collect(),
            policies: doc
                .policies
                .iter()
                .map(|p| PolicyView {
                    _id: skip(),
                    _customer_id: skip(),
                    line: p.line,
                    premium: p.premium,
                    _sum_insured: skip(),
                    start: to_days(p.start_date),
                    end: to_days(p.end_date),
                    cancelled_on: p.cancelled_on.map(to_days),
                    _location_id: skip(),
                })
                .collect(),
            claims: doc
                .claims
                .iter()
                .map(|k| ClaimView {
                    _id: skip(),
                    _policy_id: skip(),
                    _customer_id: skip(),
                    loss_date: to_days(k.loss_date),
                    reported_date: k.reported_date.map(to_days),
                    _cause: skip(),
                    paid: k.paid,
                    reserve: k.reserve,
                    status: k.status,
                })
                .collect(),
            interactions: doc
                .interactions
                .iter()
                .map(|x| InteractionView {
                    _id: skip(),
                    _customer_id: skip(),
                    at: x.at.and_utc().timestamp(),
                    _channel: skip(),
                    _kind: skip(),
                    _satisfaction: skip(),
                    _note: skip(),
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Claim, Customer, Interaction, Location, Policy};
    use chrono::NaiveDate;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// Every field set, including the optional ones the scorer skips.
    fn full_doc() -> CustomerDoc {
        let mut doc = CustomerDoc::new(Customer {
            id: "C1".into(),
            name: "张三".into(),
            kind: CustomerKind::Sme,
            id_number: Some("91350100M000100Y43".into()),
            phone: Some("13800138000".into()),
            email: Some("a@b.cn".into()),
            province: Province::parse("福建").unwrap(),
            city: Some("福州".into()),
            industry: Industry::parse("C"),
            since: Some(date(1969, 12, 31)),
            account_manager: Some("li.wei".into()),
            tags: vec!["vip".into(), "重点".into()],
            bad_uscc: true,
        });
        doc.locations.push(Location {
            id: "L1".into(),
            customer_id: "C1".into(),
            province: Province::parse("广东").unwrap(),
            city: Some("深圳".into()),
            construction: Construction::Frame,
            occupancy: Occupancy::Hazardous,
            year_built: Some(1988),
            sprinklered: Some(false),
            sum_insured: Some(Fen(123)),
        });
        doc.policies.push(Policy {
            id: "P1".into(),
            customer_id: "C1".into(),
            line: Line::Cargo,
            premium: Fen(100_000),
            sum_insured: Some(Fen(9)),
            start_date: date(2025, 1, 1),
            end_date: date(2026, 1, 1),
            cancelled_on: Some(date(2025, 7, 1)),
            location_id: Some("L1".into()),
        });
        doc.claims.push(Claim {
            id: "K1".into(),
            policy_id: "P1".into(),
            customer_id: "C1".into(),
            loss_date: date(2025, 3, 1),
            reported_date: Some(date(2025, 3, 2)),
            cause: LossCause::Typhoon,
            paid: Fen(5),
            reserve: Fen(-2),
            status: ClaimStatus::Open,
        });
        doc.interactions.push(Interaction {
            id: "I1".into(),
            customer_id: "C1".into(),
            at: date(1969, 12, 31).and_hms_opt(23, 59, 0).unwrap(),
            channel: Channel::Wechat,
            kind: InteractionKind::Complaint,
            satisfaction: Some(2),
            note: Some("备注".into()),
        });
        doc
    }

    #[test]
    fn decoding_the_stored_bytes_gives_the_view_of_the_doc() {
        let doc = full_doc();
        let bytes = codec::encode(&doc);
        let decoded = DocView::decode(&bytes, &|| "customers/C1".into()).unwrap();
        assert_eq!(decoded, DocView::of(&doc));
        assert_eq!(decoded.customer.since, Some(-1));
        assert_eq!(decoded.interactions[0].day(), -1);
        assert_eq!(
            decoded.policies[0].effective_end(),
            i64::from(to_days(date(2025, 7, 1)))
        );
    }

    #[test]
    fn the_customer_fields_decode_from_the_front_of_a_doc() {
        let doc = full_doc();
        let bytes = codec::encode(&doc);
        let c = CustomerFields::decode(&bytes, &|| "customers/C1".into()).unwrap();
        let want = &doc.customer;
        assert_eq!(
            (c.id, c.name, c.kind),
            (want.id.as_str(), want.name.as_str(), want.kind)
        );
        assert_eq!((c.province, c.industry), (want.province, want.industry));
        assert_eq!(c.account_manager, want.account_manager.as_deref());
        assert_eq!(c.tags, want.tags);
    }

    #[test]
    fn the_policies_prefix_decodes_without_the_rest() {
        let doc = full_doc();
        let bytes = codec::encode(&doc);
        let prefix = PoliciesView::decode(&bytes, &|| "customers/C1".into()).unwrap();
        assert_eq!(prefix.policies, DocView::of(&doc).policies);
    }

    #[test]
    fn a_doc_without_optional_fields_decodes_too() {
        let mut doc = full_doc();
        doc.customer.tags.clear();
        doc.customer.phone = None;
        doc.locations[0].year_built = None;
        doc.policies[0].cancelled_on = None;
        doc.claims[0].reported_date = None;
        doc.interactions[0].note = None;
        let bytes = codec::encode(&doc);
        let decoded = DocView::decode(&bytes, &|| "customers/C1".into()).unwrap();
        assert_eq!(decoded, DocView::of(&doc));
    }
}
