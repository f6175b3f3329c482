//! Docs for unit tests of the readers of stored docs.

use super::*;
use chrono::NaiveDate;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Every field set, each string different, so that two fields of the
/// same type read in the wrong order show.
pub fn full_doc() -> CustomerDoc {
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
    for (id, cancelled) in [("P1", Some(date(2025, 7, 1))), ("P2", None)] {
        doc.policies.push(Policy {
            id: id.into(),
            customer_id: "C1".into(),
            line: Line::Cargo,
            premium: Fen(100_000),
            sum_insured: Some(Fen(9)),
            start_date: date(2025, 1, 1),
            end_date: date(2026, 1, 1),
            cancelled_on: cancelled,
            location_id: Some("L1".into()),
        });
    }
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
