//! What the playbooks read of a customer, decoded straight from the stored
//! doc: its id and account manager, its policies' terms and its
//! interactions' kinds and times. Locations, claims and every other string
//! are stepped over without being allocated, which makes a run over a
//! million customers several times cheaper than decoding whole docs.
//!
//! The types mirror the stored layout field for field (bincode is
//! positional); a test checks that a decoded view equals the view of the
//! same owned doc, and a layout drift that changes a record's length is
//! also caught by the decoder's all-bytes-consumed check.

use crate::classify::{day, PolicyTerms};
use crate::model::date_codec::{days, opt_days, seconds};
use crate::model::{
    Channel, ClaimStatus, Construction, CustomerDoc, CustomerKind, Fen, Industry, InteractionKind,
    Line, LossCause, Occupancy, Province,
};
use crate::store::{codec, Result};
use chrono::{NaiveDate, NaiveDateTime};
use serde::de::{Deserializer, SeqAccess, Visitor};
use serde::Deserialize;
use std::marker::PhantomData;

/// A stored value that is read past and dropped.
pub struct Skip<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Skip<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        T::deserialize(d)?;
        Ok(Skip(PhantomData))
    }
}

/// A stored list that is read past element by element, without building it.
pub struct SkipList<T>(PhantomData<T>);

/// Skipped values are all alike, whatever they held.
macro_rules! alike {
    ($ty:ident) => {
        impl<T> PartialEq for $ty<T> {
            fn eq(&self, _: &Self) -> bool {
                true
            }
        }
        impl<T> std::fmt::Debug for $ty<T> {
            fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(stringify!($ty))
            }
        }
    };
}
alike!(Skip);
alike!(SkipList);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for SkipList<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Each<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for Each<T> {
            type Value = SkipList<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list")
            }
            fn visit_seq<A: SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> std::result::Result<Self::Value, A::Error> {
                while seq.next_element::<Skip<T>>()?.is_some() {}
                Ok(SkipList(PhantomData))
            }
        }
        d.deserialize_seq(Each(PhantomData))
    }
}

/// A string read as its bytes: skipping it so spares the UTF-8 check.
type Text<'a> = &'a [u8];

#[derive(Debug, PartialEq, Deserialize)]
pub struct CustomerPart<'a> {
    pub id: &'a str,
    #[serde(borrow)]
    _name: Skip<Text<'a>>,
    _kind: Skip<CustomerKind>,
    #[serde(borrow)]
    _id_number: Skip<Option<Text<'a>>>,
    #[serde(borrow)]
    _phone: Skip<Option<Text<'a>>>,
    #[serde(borrow)]
    _email: Skip<Option<Text<'a>>>,
    _province: Skip<Province>,
    #[serde(borrow)]
    _city: Skip<Option<Text<'a>>>,
    _industry: Skip<Option<Industry>>,
    _since: Skip<Option<i32>>,
    pub account_manager: Option<&'a str>,
    #[serde(borrow)]
    _tags: SkipList<Text<'a>>,
    _bad_uscc: Skip<bool>,
}

/// The fields of a stored location, all stepped over.
#[derive(Deserialize)]
#[serde(bound(deserialize = "'de: 'a"))]
struct LocationFields<'a> {
    _id: Text<'a>,
    _customer_id: Text<'a>,
    _province: Province,
    _city: Option<Text<'a>>,
    _construction: Construction,
    _occupancy: Occupancy,
    _year_built: Option<u16>,
    _sprinklered: Option<bool>,
    _sum_insured: Option<Fen>,
}

#[derive(Debug, PartialEq, Deserialize)]
pub struct PolicyPart<'a> {
    pub id: &'a str,
    #[serde(borrow)]
    _customer_id: Skip<Text<'a>>,
    pub line: Line,
    _premium: Skip<Fen>,
    _sum_insured: Skip<Option<Fen>>,
    #[serde(with = "days")]
    pub start_date: NaiveDate,
    /// Exclusive.
    #[serde(with = "days")]
    pub end_date: NaiveDate,
    #[serde(with = "opt_days")]
    pub cancelled_on: Option<NaiveDate>,
    #[serde(borrow)]
    _location_id: Skip<Option<Text<'a>>>,
}

impl PolicyPart<'_> {
    /// `cancelled_on` if present, else `end_date`.
    pub fn effective_end(&self) -> NaiveDate {
        self.cancelled_on.unwrap_or(self.end_date)
    }

    /// `start_date <= at < effective end`.
    pub fn in_force_at(&self, at: NaiveDate) -> bool {
        self.start_date <= at && at < self.effective_end()
    }
}

impl PolicyTerms for PolicyPart<'_> {
    fn line(&self) -> Line {
        self.line
    }
    fn start_day(&self) -> i64 {
        day(self.start_date)
    }
}

/// The fields of a stored claim, all stepped over.
#[derive(Deserialize)]
#[serde(bound(deserialize = "'de: 'a"))]
struct ClaimFields<'a> {
    _id: Text<'a>,
    _policy_id: Text<'a>,
    _customer_id: Text<'a>,
    _loss_date: i32,
    _reported_date: Option<i32>,
    _cause: LossCause,
    _paid: Fen,
    _reserve: Fen,
    _status: ClaimStatus,
}

#[derive(Debug, PartialEq, Deserialize)]
pub struct InteractionPart<'a> {
    #[serde(borrow)]
    _id: Skip<Text<'a>>,
    #[serde(borrow)]
    _customer_id: Skip<Text<'a>>,
    #[serde(with = "seconds")]
    pub at: NaiveDateTime,
    _channel: Skip<Channel>,
    pub kind: InteractionKind,
    pub satisfaction: Option<u8>,
    #[serde(borrow)]
    _note: Skip<Option<Text<'a>>>,
}

/// A customer as the playbooks see it.
#[derive(Debug, PartialEq, Deserialize)]
pub struct PlaybookDoc<'a> {
    #[serde(borrow)]
    pub customer: CustomerPart<'a>,
    #[serde(borrow)]
    _locations: SkipList<LocationFields<'a>>,
    #[serde(borrow)]
    pub policies: Vec<PolicyPart<'a>>,
    #[serde(borrow)]
    _claims: SkipList<ClaimFields<'a>>,
    #[serde(borrow)]
    pub interactions: Vec<InteractionPart<'a>>,
}

fn skip<T>() -> Skip<T> {
    Skip(PhantomData)
}

fn skip_list<T>() -> SkipList<T> {
    SkipList(PhantomData)
}

impl<'a> PlaybookDoc<'a> {
    /// Decodes a stored customer doc (`key` names it in errors).
    pub fn decode(bytes: &'a [u8], key: &[u8]) -> Result<PlaybookDoc<'a>> {
        codec::decode(bytes, &|| {
            format!("customers/{}", String::from_utf8_lossy(key))
        })
    }

    /// The view of an owned doc.
    pub fn of(doc: &'a CustomerDoc) -> PlaybookDoc<'a> {
        let c = &doc.customer;
        PlaybookDoc {
            customer: CustomerPart {
                id: &c.id,
                _name: skip(),
                _kind: skip(),
                _id_number: skip(),
                _phone: skip(),
                _email: skip(),
                _province: skip(),
                _city: skip(),
                _industry: skip(),
                _since: skip(),
                account_manager: c.account_manager.as_deref(),
                _tags: skip_list(),
                _bad_uscc: skip(),
            },
            _locations: skip_list(),
            policies: doc
                .policies
                .iter()
                .map(|p| PolicyPart {
                    id: &p.id,
                    _customer_id: skip(),
                    line: p.line,
                    _premium: skip(),
                    _sum_insured: skip(),
                    start_date: p.start_date,
                    end_date: p.end_date,
                    cancelled_on: p.cancelled_on,
                    _location_id: skip(),
                })
                .collect(),
            _claims: skip_list(),
            interactions: doc
                .interactions
                .iter()
                .map(|x| InteractionPart {
                    _id: skip(),
                    _customer_id: skip(),
                    at: x.at,
                    _channel: skip(),
                    kind: x.kind,
                    satisfaction: x.satisfaction,
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

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// Every field set, including the optional ones the view skips, and two
    /// records of each kind.
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
        for n in 1..=2 {
            doc.locations.push(Location {
                id: format!("L{n}"),
                customer_id: "C1".into(),
                province: Province::parse("福建").unwrap(),
                city: Some("厦门".into()),
                construction: Construction::Masonry,
                occupancy: Occupancy::Warehouse,
                year_built: Some(1998),
                sprinklered: Some(false),
                sum_insured: Some(Fen::from_yuan(2_000_000)),
            });
            doc.policies.push(Policy {
                id: format!("P{n}"),
                customer_id: "C1".into(),
                line: Line::Property,
                premium: Fen::from_yuan(12_000),
                sum_insured: Some(Fen::from_yuan(2_000_000)),
                start_date: date(2025, 7, n),
                end_date: date(2026, 7, n),
                cancelled_on: (n == 2).then(|| date(2026, 1, 15)),
                location_id: Some("L1".into()),
            });
            doc.claims.push(Claim {
                id: format!("K{n}"),
                policy_id: "P1".into(),
                customer_id: "C1".into(),
                loss_date: date(2025, 12, 1),
                reported_date: Some(date(2025, 12, 3)),
                cause: LossCause::Fire,
                paid: Fen::from_yuan(80_000),
                reserve: Fen::from_yuan(5_000),
                status: ClaimStatus::Closed,
            });
            doc.interactions.push(Interaction {
                id: format!("I{n}"),
                customer_id: "C1".into(),
                at: date(2026, 5, n).and_hms_opt(9, 30, 0).unwrap(),
                channel: Channel::Phone,
                kind: InteractionKind::Survey,
                satisfaction: Some(n as u8),
                note: Some("回访".into()),
            });
        }
        doc
    }

    #[test]
    fn decoded_view_equals_the_view_of_the_owned_doc() {
        let doc = full_doc();
        let bytes = codec::encode(&doc);
        let decoded = PlaybookDoc::decode(&bytes, b"C1").unwrap();
        assert_eq!(decoded, PlaybookDoc::of(&doc));
        assert_eq!(decoded.customer.account_manager, Some("li.wei"));
        assert_eq!(decoded.policies[1].cancelled_on, Some(date(2026, 1, 15)));
        assert_eq!(decoded.interactions[1].satisfaction, Some(2));
    }

    #[test]
    fn a_truncated_doc_is_an_error() {
        let bytes = codec::encode(&full_doc());
        let err = PlaybookDoc::decode(&bytes[..bytes.len() - 3], b"C1").unwrap_err();
        assert!(err.to_string().contains("customers/C1"), "{err}");
    }
}
