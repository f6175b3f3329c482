//! The demo book written to a real sled book: the same seed gives the same
//! book, another seed another one, the store's integrity check is clean,
//! and every record is valid per data-formats.md.

use chrono::{Datelike, NaiveDate};
use pcrm::demo::{self, DemoOptions, Summary};
use pcrm::model::ids::{
    check_resident_id, check_uscc, is_valid_phone, is_valid_record_id, is_valid_tag,
};
use pcrm::model::*;
use pcrm::store::{check::check, Book};
use std::collections::HashSet;

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

fn options(customers: u64, seed: u64) -> DemoOptions {
    DemoOptions {
        customers,
        seed,
        as_of: as_of(),
    }
}

/// A fresh book in a temp dir with a demo of `customers`.
fn demo_book(customers: u64, seed: u64) -> (tempfile::TempDir, Book, Summary) {
    let dir = tempfile::tempdir().unwrap();
    let book = Book::open(dir.path(), "tester").unwrap();
    let mut calls = 0;
    let summary = demo::generate(&book, &options(customers, seed), &mut |done, total| {
        calls += 1;
        assert!(done <= total);
    })
    .unwrap();
    assert!(calls > 0, "progress is reported");
    (dir, book, summary)
}

fn contents(book: &Book) -> (Vec<CustomerDoc>, Vec<Task>) {
    let docs = book
        .scan::<CustomerDoc>()
        .collect::<Result<_, _>>()
        .unwrap();
    let tasks = book.scan::<Task>().collect::<Result<_, _>>().unwrap();
    (docs, tasks)
}

#[test]
fn same_seed_same_book_other_seed_other_book() {
    let (_a, first, _) = demo_book(1500, 7);
    let (_b, second, _) = demo_book(1500, 7);
    let (_c, other, _) = demo_book(1500, 8);
    let first = contents(&first);
    assert_eq!(first.0.len(), 1500);
    assert!(!first.1.is_empty(), "some customers have follow-ups");
    assert_eq!(first, contents(&second));
    let other = contents(&other);
    assert_eq!(other.0.len(), 1500);
    assert_ne!(first.0, other.0);
    // Customer 1 differs in more than an incidental field.
    assert_ne!(first.0[0].customer.name, other.0[0].customer.name);
}

#[test]
fn a_customer_does_not_depend_on_the_book_size() {
    let (_a, small, _) = demo_book(300, 3);
    let (_b, large, _) = demo_book(900, 3);
    let small = contents(&small).0;
    let large = contents(&large).0;
    assert_eq!(small[..], large[..300]);
}

#[test]
fn the_book_passes_check_and_matches_its_summary() {
    let (_dir, book, summary) = demo_book(3000, 1);
    assert_eq!(check(&book).unwrap(), Vec::<String>::new());
    assert_eq!(Summary::of_book(&book, as_of()).unwrap(), summary);
    assert_eq!(summary.customers, 3000);
    let stored = demo::stored_options(&book).unwrap().unwrap();
    assert_eq!(stored, options(3000, 1));
    assert!(!demo::is_empty(&book));
    // One audited batch, every customer waiting for classification.
    let audit: Vec<_> = book.audit_since(0).collect::<Result<_, _>>().unwrap();
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0].action, "demo.generate");
    let (full, dirty) = book.dirty_customers().unwrap();
    assert!(!full);
    assert_eq!(dirty.len(), 3000);
}

#[test]
fn refuses_a_book_that_holds_customers() {
    let (_dir, book, _) = demo_book(50, 1);
    let before = contents(&book);
    let err = demo::generate(&book, &options(80, 2), &mut |_, _| {}).unwrap_err();
    assert!(err.to_string().contains("already holds customers"), "{err}");
    assert_eq!(contents(&book), before);
}

fn check_record_id(problems: &mut Vec<String>, what: &str, id: &str) {
    if !is_valid_record_id(id) {
        problems.push(format!("{what}: bad id {id}"));
    }
}

/// Every rule of data-formats.md a record can break, plus what the demo
/// promises on top (nothing after the as-of date but bound-in-advance
/// policies and open tasks).
fn problems_of(doc: &CustomerDoc, tasks: &[Task], seen: &mut HashSet<String>) -> Vec<String> {
    let mut p = Vec::new();
    let c = &doc.customer;
    let cid = &c.id;
    check_record_id(&mut p, "customer", cid);
    if c.name.trim().is_empty() {
        p.push(format!("{cid}: empty name"));
    }
    match (c.kind.is_enterprise(), &c.id_number) {
        (false, Some(id)) => {
            if let Err(e) = check_resident_id(id, as_of()) {
                p.push(format!("{cid}: resident id {id}: {e}"));
            }
        }
        (true, Some(code)) => {
            if check_uscc(code).is_ok() == c.bad_uscc {
                p.push(format!("{cid}: USCC {code} and bad_uscc={}", c.bad_uscc));
            }
        }
        (_, None) => {}
    }
    if c.kind.is_enterprise() && c.industry.is_none() {
        p.push(format!("{cid}: enterprise without industry"));
    }
    if let Some(phone) = &c.phone {
        if !is_valid_phone(phone) {
            p.push(format!("{cid}: phone {phone}"));
        }
    }
    if let Some(email) = &c.email {
        if email.matches('@').count() != 1 {
            p.push(format!("{cid}: email {email}"));
        }
    }
    if c.tags.iter().any(|t| !is_valid_tag(t)) || !c.tags.windows(2).all(|w| w[0] < w[1]) {
        p.push(format!("{cid}: tags {:?}", c.tags));
    }
    if c.since.is_some_and(|s| s > as_of()) {
        p.push(format!("{cid}: since in the future"));
    }
    for l in &doc.locations {
        check_record_id(&mut p, "location", &l.id);
        let year = i32::from(l.year_built.unwrap_or(2000));
        if !(1800..=as_of().year()).contains(&year) {
            p.push(format!("{}: year built {year}", l.id));
        }
        if l.sum_insured.is_some_and(|s| s.0 <= 0) {
            p.push(format!("{}: sum insured", l.id));
        }
    }
    for pol in &doc.policies {
        check_record_id(&mut p, "policy", &pol.id);
        if pol.premium.0 <= 0 {
            p.push(format!("{}: premium {}", pol.id, pol.premium));
        }
        if pol.end_date <= pol.start_date {
            p.push(format!("{}: ends before it starts", pol.id));
        }
        if let Some(c) = pol.cancelled_on {
            if c < pol.start_date || c > pol.end_date || c > as_of() {
                p.push(format!("{}: cancelled on {c}", pol.id));
            }
        }
        if pol.start_date > as_of() + chrono::Duration::days(31) {
            p.push(format!("{}: starts {}", pol.id, pol.start_date));
        }
        if let Some(loc) = &pol.location_id {
            if doc.find::<Location>(loc).is_none() {
                p.push(format!("{}: location {loc} not the customer's", pol.id));
            }
        }
    }
    for claim in &doc.claims {
        check_record_id(&mut p, "claim", &claim.id);
        if claim
            .reported_date
            .is_some_and(|r| r < claim.loss_date || r > as_of())
        {
            p.push(format!("{}: reported {:?}", claim.id, claim.reported_date));
        }
        if claim.loss_date > as_of() {
            p.push(format!("{}: loss in the future", claim.id));
        }
        if claim.paid.0 < 0 || claim.reserve.0 < 0 {
            p.push(format!("{}: negative money", claim.id));
        }
        let consistent = match claim.status {
            ClaimStatus::Open => claim.reserve.0 > 0,
            ClaimStatus::Closed => claim.reserve.0 == 0 && claim.paid.0 > 0,
            ClaimStatus::Denied => claim.paid.0 == 0 && claim.reserve.0 == 0,
        };
        if !consistent {
            p.push(format!(
                "{}: {:?} with paid/reserve",
                claim.id, claim.status
            ));
        }
    }
    for i in &doc.interactions {
        check_record_id(&mut p, "interaction", &i.id);
        match (i.kind, i.satisfaction) {
            (InteractionKind::Survey, Some(1..=5)) | (InteractionKind::Survey, None) => {}
            (_, None) => {}
            (kind, s) => p.push(format!("{}: satisfaction {s:?} on {kind}", i.id)),
        }
        if i.at.date() > as_of() {
            p.push(format!("{}: at {}", i.id, i.at));
        }
    }
    for t in tasks {
        check_record_id(&mut p, "task", &t.id);
        if t.title.is_empty() || t.tags.iter().any(|x| !is_valid_tag(x)) {
            p.push(format!("{}: title or tags", t.id));
        }
        if t.status != TaskStatus::Open && t.due > as_of() {
            p.push(format!("{}: closed task due later", t.id));
        }
        if let Some(policy) = &t.policy_id {
            if doc.policy(policy).is_none() {
                p.push(format!("{}: policy {policy} not the customer's", t.id));
            }
        }
    }
    let ids = doc
        .locations
        .iter()
        .map(|x| &x.id)
        .chain(doc.policies.iter().map(|x| &x.id))
        .chain(doc.claims.iter().map(|x| &x.id))
        .chain(doc.interactions.iter().map(|x| &x.id))
        .chain(tasks.iter().map(|x| &x.id));
    for id in ids {
        if !seen.insert(id.clone()) {
            p.push(format!("{id}: used twice"));
        }
    }
    p
}

#[test]
fn every_record_is_valid() {
    let (_dir, book, _) = demo_book(5000, 11);
    let mut seen = HashSet::new();
    let mut problems = Vec::new();
    for doc in book.scan::<CustomerDoc>() {
        let doc = doc.unwrap();
        let tasks = book.tasks_of(&doc.customer.id).unwrap();
        problems.extend(problems_of(&doc, &tasks, &mut seen));
    }
    assert!(
        problems.is_empty(),
        "{} problems, first: {:?}",
        problems.len(),
        &problems[..problems.len().min(20)]
    );
}
