//! Full, incremental and pending passes over real sled books: stored
//! results, meta, label history, removals, and that an incremental pass
//! leaves the book exactly as a full pass would.

mod common;

use common::{customer, d, open_book, put_docs, t};
use pcrm::classify::{
    classify_doc, label_history, run_full, run_pending, scan_stored, stored, Label, Rules,
    StoredParams, CLASSIFIED_AS_OF_KEY, RULES_VERSION_KEY,
};
use pcrm::model::{
    BehaviorLabel, ClaimStatus, CustomerDoc, CustomerKind, Interaction, InteractionKind, Line,
    Policy,
};
use pcrm::store::{codec, Book, TreeId};

fn docs(n: usize) -> Vec<CustomerDoc> {
    (0..n)
        .map(|i| {
            let b = customer(&format!("C{i:05}"), CustomerKind::Individual);
            let b = if i % 3 == 0 {
                b.policy(
                    &format!("P{i}"),
                    Line::Motor,
                    1000 + i as i64,
                    "2026-01-01",
                    "2027-01-01",
                )
            } else {
                b
            };
            b.build()
        })
        .collect()
}

/// Every stored result equals a fresh score of its doc, and there is one
/// for every customer and no other.
fn assert_results_current(book: &Book, rules: &Rules) {
    let stored: Vec<_> = scan_stored(book).map(Result::unwrap).collect();
    let docs: Vec<CustomerDoc> = book.scan::<CustomerDoc>().map(Result::unwrap).collect();
    assert_eq!(stored.len(), docs.len());
    for ((id, class), doc) in stored.iter().zip(&docs) {
        assert_eq!(id, &doc.customer.id);
        assert_eq!(
            codec::encode(class),
            codec::encode(&classify_doc(doc, rules, t())),
            "stale result for {id}"
        );
    }
}

#[test]
fn a_full_pass_stores_every_customer_and_the_parameters() {
    let dir = tempfile::tempdir().unwrap();
    let book = open_book(dir.path());
    put_docs(&book, &docs(40));
    let rules = Rules::embedded();

    let report = run_pending(&book, &rules, t()).unwrap();
    assert!(report.full, "never classified: a full pass");
    assert_eq!(report.classified, 40);
    assert_eq!(report.changed.len(), 40);
    assert!(
        report
            .changed
            .ids()
            .unwrap()
            .windows(2)
            .all(|w| w[0] < w[1]),
        "in id order"
    );
    assert_results_current(&book, &rules);
    assert_eq!(
        book.meta_get_string(CLASSIFIED_AS_OF_KEY)
            .unwrap()
            .as_deref(),
        Some("2026-06-30")
    );
    assert_eq!(
        book.meta_get_string(RULES_VERSION_KEY).unwrap(),
        Some(rules.version.clone())
    );
    assert!(StoredParams::read(&book).unwrap().matches(&rules, t()));
    assert_eq!(book.dirty_customers().unwrap(), (false, vec![]));

    // Nothing pending: nothing classified, nothing written.
    let again = run_pending(&book, &rules, t()).unwrap();
    assert_eq!((again.full, again.classified), (false, 0));
    // A full pass over unchanged data writes nothing.
    assert!(run_full(&book, &rules, t()).unwrap().changed.is_empty());
}

#[test]
fn both_walks_classify_each_customer_once_whatever_the_size() {
    let rules = Rules::embedded();
    for n in [0, 1, 2, 3, 511, 512, 513, 1024, 1500] {
        let dir = tempfile::tempdir().unwrap();
        let book = open_book(dir.path());
        put_docs(&book, &docs(n));
        // Results of customers that do not exist, at both ends and between.
        let results = book.tree(TreeId::Classification);
        let some = codec::encode(&classify_doc(&docs(1)[0], &rules, t()));
        for ghost in ["A-before", "C00000-x", "C00700-x", "Z-after"] {
            results.insert(ghost, some.clone()).unwrap();
        }
        let report = run_full(&book, &rules, t()).unwrap();
        assert_eq!(report.classified, n, "{n} customers");
        assert_results_current(&book, &rules);
        let mut expected: Vec<String> = docs(n).iter().map(|d| d.customer.id.clone()).collect();
        expected.extend(["A-before", "C00000-x", "C00700-x", "Z-after"].map(String::from));
        expected.sort();
        assert_eq!(report.changed.ids().unwrap(), expected, "{n} customers");
    }
}

#[test]
fn an_edit_reclassifies_only_that_customer_and_matches_a_full_pass() {
    let dir = tempfile::tempdir().unwrap();
    let book = open_book(dir.path());
    put_docs(&book, &docs(30));
    let rules = Rules::embedded();
    run_full(&book, &rules, t()).unwrap();

    // A claim on C00003's policy, through a normal single-record edit.
    let mut b = book.begin("edit", false).unwrap();
    b.put_child(pcrm::model::Claim {
        id: "K1".into(),
        policy_id: "P3".into(),
        customer_id: "C00003".into(),
        loss_date: d("2026-05-01"),
        reported_date: None,
        cause: pcrm::model::LossCause::Collision,
        paid: pcrm::model::Fen::from_yuan(5000),
        reserve: pcrm::model::Fen::ZERO,
        status: ClaimStatus::Closed,
    })
    .unwrap();
    b.commit("claim").unwrap();
    assert_eq!(
        book.dirty_customers().unwrap(),
        (false, vec!["C00003".to_string()])
    );
    let before = stored(&book, "C00003").unwrap().unwrap();

    let report = run_pending(&book, &rules, t()).unwrap();
    assert_eq!((report.full, report.classified), (false, 1));
    assert_eq!(report.changed.ids().unwrap(), ["C00003"]);
    let after = stored(&book, "C00003").unwrap().unwrap();
    assert!(after.risk.score > before.risk.score);
    assert_eq!(book.dirty_customers().unwrap(), (false, vec![]));
    assert_results_current(&book, &rules);
    assert!(run_full(&book, &rules, t()).unwrap().changed.is_empty());
}

#[test]
fn moved_labels_are_recorded_in_the_history() {
    let dir = tempfile::tempdir().unwrap();
    let book = open_book(dir.path());
    let doc = customer("C1", CustomerKind::Individual)
        .policy("P1", Line::Motor, 3000, "2025-08-01", "2026-08-01")
        .build();
    put_docs(&book, std::slice::from_ref(&doc));
    let rules = Rules::embedded();
    run_full(&book, &rules, t()).unwrap();
    assert!(
        label_history(&book, "C1").unwrap().is_empty(),
        "first result: no move"
    );
    assert_ne!(
        stored(&book, "C1").unwrap().unwrap().behavior.segment,
        BehaviorLabel::Active
    );

    // Three calls in the last weeks make the customer active.
    let mut b = book.begin("edit", false).unwrap();
    for (i, day) in ["2026-06-01", "2026-06-10", "2026-06-20"]
        .iter()
        .enumerate()
    {
        b.put_child(Interaction {
            id: format!("I{i}"),
            customer_id: "C1".into(),
            at: d(day).and_hms_opt(10, 0, 0).unwrap(),
            channel: pcrm::model::Channel::Phone,
            kind: InteractionKind::Service,
            satisfaction: None,
            note: None,
        })
        .unwrap();
    }
    b.commit("calls").unwrap();
    run_pending(&book, &rules, t()).unwrap();
    let history = label_history(&book, "C1").unwrap();
    assert_eq!(history.len(), 1, "{history:?}");
    assert_eq!(history[0].from, Label::Behavior(BehaviorLabel::Potential));
    assert_eq!(history[0].to, Label::Behavior(BehaviorLabel::Active));
    assert_eq!(history[0].as_of, t());

    // A year later the policy has long lapsed: churned, a second entry.
    let later = d("2027-06-30");
    run_pending(&book, &rules, later).unwrap();
    let history = label_history(&book, "C1").unwrap();
    let behaviour: Vec<_> = history
        .iter()
        .filter(|h| matches!(h.to, Label::Behavior(_)))
        .map(|h| (h.from, h.to, h.as_of))
        .collect();
    assert_eq!(
        behaviour.last(),
        Some(&(
            Label::Behavior(BehaviorLabel::Active),
            Label::Behavior(BehaviorLabel::Churned),
            later
        ))
    );
}

#[test]
fn a_deleted_customer_loses_its_result_and_history() {
    let dir = tempfile::tempdir().unwrap();
    let book = open_book(dir.path());
    put_docs(&book, &docs(5));
    let rules = Rules::embedded();
    run_full(&book, &rules, t()).unwrap();
    book.tree(TreeId::LabelHistory)
        .insert(b"C00002\0\0\0\0\0\0\0\0\0", b"x".to_vec())
        .unwrap();

    let mut b = book.begin("delete", false).unwrap();
    b.delete::<CustomerDoc>("C00002").unwrap();
    b.commit("delete").unwrap();
    let report = run_pending(&book, &rules, t()).unwrap();
    assert_eq!(report.changed.ids().unwrap(), ["C00002"]);
    assert_eq!(stored(&book, "C00002").unwrap(), None);
    assert!(book.tree(TreeId::LabelHistory).is_empty());
    assert_results_current(&book, &rules);
}

#[test]
fn other_rules_or_another_date_bring_a_full_pass() {
    let dir = tempfile::tempdir().unwrap();
    let book = open_book(dir.path());
    put_docs(&book, &docs(10));
    let rules = Rules::embedded();
    run_full(&book, &rules, t()).unwrap();

    let next_day = d("2026-07-01");
    let report = run_pending(&book, &rules, next_day).unwrap();
    assert!(report.full);
    assert_eq!(stored(&book, "C00001").unwrap().unwrap().as_of, next_day);

    let other = Rules::parse(
        &std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/rules.toml"))
            .unwrap()
            .replace("tier_high = 65.0", "tier_high = 60.0"),
        "other.toml",
    )
    .unwrap();
    assert_ne!(other.hash(), rules.hash());
    let report = run_pending(&book, &other, next_day).unwrap();
    assert!(report.full);
    assert_eq!(
        stored(&book, "C00001").unwrap().unwrap().rules_hash,
        other.hash()
    );
    assert!(StoredParams::read(&book).unwrap().matches(&other, next_day));
}

#[test]
fn a_corrupt_customer_record_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let book = open_book(dir.path());
    put_docs(&book, &docs(3));
    book.tree(TreeId::Customers)
        .insert("C00001", vec![codec::SCHEMA_VERSION, 0xff, 0xff])
        .unwrap();
    let err = run_full(&book, &Rules::embedded(), t()).unwrap_err();
    assert!(err.to_string().contains("customers/C00001"), "{err}");
}

#[test]
fn policies_edited_one_by_one_keep_results_current() {
    let dir = tempfile::tempdir().unwrap();
    let book = open_book(dir.path());
    put_docs(&book, &docs(12));
    let rules = Rules::embedded();
    run_pending(&book, &rules, t()).unwrap();
    for i in [1usize, 4, 7] {
        let mut b = book.begin("edit", false).unwrap();
        b.put_child(Policy {
            id: format!("PX{i}"),
            customer_id: format!("C{i:05}"),
            line: Line::Property,
            premium: pcrm::model::Fen::from_yuan(80_000),
            sum_insured: None,
            start_date: d("2026-03-01"),
            end_date: d("2027-03-01"),
            cancelled_on: None,
            location_id: None,
        })
        .unwrap();
        b.commit("policy").unwrap();
        let report = run_pending(&book, &rules, t()).unwrap();
        assert_eq!(report.classified, 1);
    }
    assert_results_current(&book, &rules);
}

#[test]
fn the_merged_scan_pairs_each_customer_with_its_own_result() {
    let dir = tempfile::tempdir().unwrap();
    let book = open_book(dir.path());
    put_docs(&book, &docs(5000));
    let rules = Rules::embedded();
    run_full(&book, &rules, t()).unwrap();
    let results = book.tree(TreeId::Classification);
    let ghost = results.get("C00001").unwrap().unwrap();
    for key in ["A", "C00100-gone", "C04999-gone", "Z"] {
        results.insert(key, ghost.clone()).unwrap();
    }

    let mut seen = Vec::new();
    pcrm::classify::for_each_customer(&book, true, |key, _, class| {
        let id = String::from_utf8(key.to_vec()).unwrap();
        let expected = stored(&book, &id).unwrap();
        assert_eq!(class, expected.as_ref(), "{id}");
        seen.push(id);
        Ok(())
    })
    .unwrap();
    assert_eq!(seen.len(), 5000);
    assert!(seen.windows(2).all(|w| w[0] < w[1]));

    pcrm::classify::for_each_customer(&book, false, |_, _, class| {
        assert!(class.is_none());
        Ok(())
    })
    .unwrap();

    // An error stops the scan (and its reading thread) and is returned.
    let mut calls = 0;
    let err = pcrm::classify::for_each_customer(&book, true, |_, _, _| {
        calls += 1;
        if calls == 10 {
            return Err(pcrm::store::StoreError::NotFound("stop".into()));
        }
        Ok(())
    })
    .unwrap_err();
    assert!(err.to_string().contains("stop"));
    assert_eq!(calls, 10);
}
