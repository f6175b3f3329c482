//! Properties over random customers: scores and factors stay in range, the
//! scorer is deterministic bit for bit (from an owned doc or the stored
//! bytes), and an incremental pass leaves a book as a full pass would.

mod common;

use chrono::{Duration, NaiveDate};
use common::{open_book, put_docs};
use pcrm::classify::{classify_doc, run_full, run_pending, scan_stored, DocView, Rules, Scorecard};
use pcrm::model::{
    Claim, ClaimStatus, Construction, Customer, CustomerDoc, CustomerKind, Fen, Industry,
    Interaction, InteractionKind, Labelled, Line, Location, LossCause, Occupancy, Policy, Province,
};
use pcrm::store::codec;
use proptest::prelude::*;

fn date() -> impl Strategy<Value = NaiveDate> {
    // 2018-01-01 .. 2028-12-31
    (0i64..4018).prop_map(|d| NaiveDate::from_ymd_opt(2018, 1, 1).unwrap() + Duration::days(d))
}

fn pick<T: Copy + std::fmt::Debug + 'static>(all: &'static [T]) -> impl Strategy<Value = T> {
    (0..all.len()).prop_map(move |i| all[i])
}

fn province() -> impl Strategy<Value = Province> {
    (0usize..34).prop_map(|i| Province::from_index(i).unwrap())
}

fn policy() -> impl Strategy<Value = (Line, i64, NaiveDate, i64, Option<i64>)> {
    (
        pick(Line::ALL),
        1i64..200_000_000, // fen
        date(),
        1i64..800,
        proptest::option::of(0i64..800),
    )
}

fn claim() -> impl Strategy<Value = (NaiveDate, Option<i64>, i64, i64, ClaimStatus)> {
    (
        date(),
        proptest::option::of(0i64..60),
        0i64..500_000_000,
        0i64..100_000_000,
        pick(ClaimStatus::ALL),
    )
}

fn location() -> impl Strategy<Value = Location> {
    (
        province(),
        pick(Construction::ALL),
        pick(Occupancy::ALL),
        proptest::option::of(1800u16..2030),
        proptest::option::of(any::<bool>()),
    )
        .prop_map(
            |(province, construction, occupancy, year_built, sprinklered)| Location {
                id: String::new(),
                customer_id: String::new(),
                province,
                city: None,
                construction,
                occupancy,
                year_built,
                sprinklered,
                sum_insured: None,
            },
        )
}

prop_compose! {
    fn doc(id: String)(
        kind in pick(CustomerKind::ALL),
        province in province(),
        industry in proptest::option::of((0usize..20).prop_map(|i| Industry::all().nth(i).unwrap())),
        since in proptest::option::of(date()),
        policies in proptest::collection::vec(policy(), 0..6),
        claims in proptest::collection::vec(claim(), 0..5),
        touches in proptest::collection::vec((date(), 0u32..86_400), 0..8),
        locations in proptest::collection::vec(location(), 0..4),
    ) -> CustomerDoc {
        let mut doc = CustomerDoc::new(Customer {
            id: id.clone(), name: format!("客户{id}"), kind, id_number: None, phone: None,
            email: None, province, city: None, industry, since, account_manager: None,
            tags: Vec::new(), bad_uscc: false,
        });
        for (i, (line, premium, start, term, cancel)) in policies.into_iter().enumerate() {
            let end = start + Duration::days(term);
            doc.upsert(Policy {
                id: format!("{id}P{i}"), customer_id: id.clone(), line, premium: Fen(premium),
                sum_insured: None, start_date: start, end_date: end,
                cancelled_on: cancel.map(|c| start + Duration::days(c.min(term))),
                location_id: None,
            });
        }
        for (i, (loss, reported, paid, reserve, status)) in claims.into_iter().enumerate() {
            doc.upsert(Claim {
                id: format!("{id}K{i}"), policy_id: format!("{id}P0"), customer_id: id.clone(),
                loss_date: loss, reported_date: reported.map(|r| loss + Duration::days(r)),
                cause: LossCause::Other, paid: Fen(paid), reserve: Fen(reserve), status,
            });
        }
        for (i, (day, secs)) in touches.into_iter().enumerate() {
            doc.upsert(Interaction {
                id: format!("{id}I{i}"), customer_id: id.clone(),
                at: day.and_hms_opt(0, 0, 0).unwrap() + Duration::seconds(i64::from(secs)),
                channel: pcrm::model::Channel::Phone, kind: InteractionKind::Service,
                satisfaction: None, note: None,
            });
        }
        for (i, mut l) in locations.into_iter().enumerate() {
            l.id = format!("{id}L{i}");
            l.customer_id = id.clone();
            doc.upsert(l);
        }
        doc
    }
}

fn as_of() -> impl Strategy<Value = NaiveDate> {
    date()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn scores_and_factors_stay_in_range(doc in doc("C1".into()), t in as_of()) {
        let rules = Rules::embedded();
        let c = classify_doc(&doc, &rules, t);
        prop_assert!((0.0..=100.0).contains(&c.value.score), "value {}", c.value.score);
        prop_assert!((0.0..=100.0).contains(&c.risk.score), "risk {}", c.risk.score);
        let value_max = [40.0, 25.0, 25.0, 10.0];
        let risk_max = [30.0, 30.0, 20.0, 20.0];
        for (f, max) in c.value.factors.iter().zip(value_max).chain(c.risk.factors.iter().zip(risk_max)) {
            prop_assert!((0.0..=max).contains(f), "factor {f} outside 0..={max}");
        }
    }

    #[test]
    fn the_scorer_is_deterministic_from_the_doc_and_from_its_bytes(doc in doc("C1".into()), t in as_of()) {
        let rules = Rules::embedded();
        let once = codec::encode(&classify_doc(&doc, &rules, t));
        let twice = codec::encode(&classify_doc(&doc.clone(), &rules, t));
        prop_assert_eq!(&once, &twice);
        let bytes = codec::encode(&doc);
        let view = DocView::decode(&bytes, &|| "customers/C1".into()).unwrap();
        let from_bytes = codec::encode(&Scorecard::of(&view, &rules, t).classification(&rules));
        prop_assert_eq!(once, from_bytes);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn an_incremental_pass_equals_a_full_pass(
        first in proptest::collection::vec(doc("X".into()), 1..25),
        replacements in proptest::collection::vec((0usize..25, doc("Y".into())), 0..6),
        deletions in proptest::collection::vec(0usize..25, 0..4),
        t in as_of(),
    ) {
        let rename = |mut d: CustomerDoc, id: String| {
            d.customer.id = id.clone();
            for p in &mut d.policies { p.customer_id = id.clone(); }
            for c in &mut d.claims { c.customer_id = id.clone(); }
            for x in &mut d.interactions { x.customer_id = id.clone(); }
            for l in &mut d.locations { l.customer_id = id.clone(); }
            d
        };
        let first: Vec<CustomerDoc> = first
            .into_iter()
            .enumerate()
            .map(|(i, d)| rename(d, format!("C{i:03}")))
            .collect();
        let dir = tempfile::tempdir().unwrap();
        let book = open_book(dir.path());
        put_docs(&book, &first);
        let rules = Rules::embedded();
        run_full(&book, &rules, t).unwrap();

        // Replace some customers' holdings and delete others.
        let edited: Vec<CustomerDoc> = replacements
            .into_iter()
            .filter(|(i, _)| *i < first.len())
            .map(|(i, d)| rename(d, format!("C{i:03}")))
            .collect();
        if !edited.is_empty() {
            put_docs(&book, &edited);
        }
        let mut b = book.begin("delete", false).unwrap();
        for i in deletions.into_iter().filter(|i| *i < first.len()) {
            b.delete::<CustomerDoc>(&format!("C{i:03}")).unwrap();
        }
        b.commit("deletions").unwrap();

        let incremental = run_pending(&book, &rules, t).unwrap();
        prop_assert!(!incremental.full);
        let after_incremental: Vec<_> = scan_stored(&book).map(|r| {
            let (id, c) = r.unwrap();
            (id, codec::encode(&c))
        }).collect();
        let full = run_full(&book, &rules, t).unwrap();
        prop_assert!(full.changed.is_empty(), "a full pass changed {:?}", full.changed);
        let after_full: Vec<_> = scan_stored(&book).map(|r| {
            let (id, c) = r.unwrap();
            (id, codec::encode(&c))
        }).collect();
        prop_assert_eq!(after_incremental, after_full);
    }
}
