//! What the index reads of a stored customer, decoded without allocating
//! its strings: the customer, its locations (only to get past them) and its
//! policies, in the stored field order of `model::entities` (claims and
//! interactions after them are not read). Decoding whole `CustomerDoc`s was
//! most of the index build; a test below keeps this view in step with the
//! model.

use super::index::CustomerKeys;
use crate::model::{Construction, CustomerKind, Industry, Line, Occupancy, Province};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct DocView<'a> {
    #[serde(borrow)]
    customer: CustomerView<'a>,
    #[serde(borrow)]
    _locations: Vec<LocationView<'a>>,
    #[serde(borrow)]
    policies: Vec<PolicyView<'a>>,
}

#[derive(Deserialize)]
struct CustomerView<'a> {
    id: &'a str,
    name: &'a str,
    kind: CustomerKind,
    id_number: Option<&'a str>,
    phone: Option<&'a str>,
    _email: Option<&'a str>,
    _province: Province,
    _city: Option<&'a str>,
    _industry: Option<Industry>,
    _since: Option<i32>,
    _account_manager: Option<&'a str>,
    #[serde(borrow)]
    _tags: Vec<&'a str>,
    _bad_uscc: bool,
}

#[derive(Deserialize)]
struct LocationView<'a> {
    _id: &'a str,
    _customer_id: &'a str,
    _province: Province,
    _city: Option<&'a str>,
    _construction: Construction,
    _occupancy: Occupancy,
    _year_built: Option<u16>,
    _sprinklered: Option<bool>,
    _sum_insured: Option<i64>,
}

#[derive(Deserialize)]
struct PolicyView<'a> {
    id: &'a str,
    _customer_id: &'a str,
    _line: Line,
    _premium: i64,
    _sum_insured: Option<i64>,
    _start_date: i32,
    _end_date: i32,
    _cancelled_on: Option<i32>,
    _location_id: Option<&'a str>,
}

impl<'a> DocView<'a> {
    pub fn keys(&self) -> CustomerKeys<'a> {
        let c = &self.customer;
        CustomerKeys {
            id: c.id,
            name: c.name,
            person: c.kind == CustomerKind::Individual,
            phone: c.phone,
            id_number: c.id_number,
            policy_ids: self.policies.iter().map(|p| p.id).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        Channel, Claim, ClaimStatus, Customer, CustomerDoc, Fen, Interaction, InteractionKind,
        Location, LossCause, Policy,
    };
    use crate::store::codec;
    use chrono::NaiveDate;

    /// A doc with every optional field present, so that any change to the
    /// stored layout of the fields before the policies shows up here.
    fn full_doc() -> CustomerDoc {
        let day = NaiveDate::from_ymd_opt(2025, 3, 1).unwrap();
        let mut doc = CustomerDoc::new(Customer {
            id: "C1".into(),
            name: "单田芳".into(),
            kind: CustomerKind::Sme,
            id_number: Some("91350100M000100Y43".into()),
            phone: Some("13812345678".into()),
            email: Some("a@b.cn".into()),
            province: Province::parse("广东").unwrap(),
            city: Some("深圳".into()),
            industry: Industry::parse("C"),
            since: Some(day),
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
            year_built: Some(1999),
            sprinklered: Some(false),
            sum_insured: Some(Fen::from_yuan(5)),
        });
        for id in ["P1", "P2"] {
            doc.policies.push(Policy {
                id: id.into(),
                customer_id: "C1".into(),
                line: Line::Property,
                premium: Fen::from_yuan(100),
                sum_insured: Some(Fen::from_yuan(1000)),
                start_date: day,
                end_date: day + chrono::Duration::days(365),
                cancelled_on: Some(day + chrono::Duration::days(10)),
                location_id: Some("L1".into()),
            });
        }
        doc.claims.push(Claim {
            id: "K1".into(),
            policy_id: "P1".into(),
            customer_id: "C1".into(),
            loss_date: day,
            reported_date: Some(day),
            cause: LossCause::Fire,
            paid: Fen::from_yuan(1),
            reserve: Fen::ZERO,
            status: ClaimStatus::Open,
        });
        doc.interactions.push(Interaction {
            id: "I1".into(),
            customer_id: "C1".into(),
            at: day.and_hms_opt(9, 0, 0).unwrap(),
            channel: Channel::Phone,
            kind: InteractionKind::Complaint,
            satisfaction: Some(2),
            note: Some("note".into()),
        });
        doc
    }

    #[test]
    fn the_view_reads_what_the_full_decode_reads() {
        let doc = full_doc();
        let bytes = codec::encode(&doc);
        let view: DocView = codec::decode_view(&bytes, &|| "customers/C1".into()).unwrap();
        let keys = view.keys();
        assert_eq!(keys.id, "C1");
        assert_eq!(keys.name, "单田芳");
        assert!(!keys.person);
        assert_eq!(keys.phone, Some("13812345678"));
        assert_eq!(keys.id_number, Some("91350100M000100Y43"));
        assert_eq!(keys.policy_ids, vec!["P1", "P2"]);
        assert_eq!(keys, CustomerKeys::of(&doc));
    }
}
