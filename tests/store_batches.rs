//! The store on a real sled book in a temp dir: batches land whole or not at
//! all, indexes follow the records, a second opener is told who holds the
//! book.

mod common;

use chrono::NaiveDate;
use pcrm::model::*;
use pcrm::store::{check::check, Book, StoreError, TreeId};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn customer(id: &str, tags: &[&str]) -> Customer {
    Customer {
        id: id.to_string(),
        name: "张三".to_string(),
        kind: CustomerKind::Individual,
        id_number: None,
        phone: Some("13812345678".to_string()),
        email: None,
        province: Province::parse("广东").unwrap(),
        city: None,
        industry: None,
        since: None,
        account_manager: Some("li.wei".to_string()),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        bad_uscc: false,
    }
}

fn policy(id: &str, customer_id: &str) -> Policy {
    Policy {
        id: id.to_string(),
        customer_id: customer_id.to_string(),
        line: Line::Motor,
        premium: Fen::from_yuan(3000),
        sum_insured: None,
        start_date: day(2026, 1, 1),
        end_date: day(2027, 1, 1),
        cancelled_on: None,
        location_id: None,
    }
}

fn task(id: &str, customer_id: &str, assignee: Option<&str>) -> Task {
    Task {
        title: "续保 call".to_string(),
        due: day(2026, 7, 1),
        assignee: assignee.map(str::to_string),
        ..common::task(id, customer_id)
    }
}

fn seed(book: &Book) {
    let mut b = book.begin("seed", false).unwrap();
    b.put(&CustomerDoc::new(customer("C1", &["vip"]))).unwrap();
    b.put(&CustomerDoc::new(customer("C2", &[]))).unwrap();
    b.put_child(policy("P1", "C1")).unwrap();
    b.put(&task("T1", "C1", Some("li.wei"))).unwrap();
    b.commit("seed").unwrap();
}

#[test]
fn records_and_indexes_follow_each_other() {
    let dir = tempfile::tempdir().unwrap();
    let book = Book::open(dir.path(), "tester").unwrap();
    seed(&book);
    assert_eq!(book.customers_with_tag("vip").unwrap(), vec!["C1"]);
    assert_eq!(
        book.owner_of::<Policy>("P1").unwrap().as_deref(),
        Some("C1")
    );
    assert_eq!(book.tasks_of("C1").unwrap().len(), 1);

    // Moving a policy to another customer and retagging updates every index.
    let mut b = book.begin("edit", false).unwrap();
    let previous = b.put_child(policy("P1", "C2")).unwrap();
    assert_eq!(previous.map(|p| p.customer_id), Some("C1".to_string()));
    let mut doc = b.get::<CustomerDoc>("C1").unwrap().unwrap();
    doc.customer.tags = vec!["lapsed".to_string()];
    b.put(&doc).unwrap();
    b.commit("edit").unwrap();

    assert!(book.doc("C1").unwrap().unwrap().policies.is_empty());
    assert_eq!(book.doc("C2").unwrap().unwrap().policies[0].id, "P1");
    assert_eq!(
        book.owner_of::<Policy>("P1").unwrap().as_deref(),
        Some("C2")
    );
    assert!(book.customers_with_tag("vip").unwrap().is_empty());
    assert_eq!(book.customers_with_tag("lapsed").unwrap(), vec!["C1"]);
    assert_eq!(check(&book).unwrap(), Vec::<String>::new());
}

#[test]
fn a_batch_that_is_dropped_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let book = Book::open(dir.path(), "tester").unwrap();
    seed(&book);
    {
        let mut b = book.begin("big", false).unwrap();
        // Enough writes to journal and apply a chunk before the drop (a
        // customer's tasks are one key: one task each for many customers).
        for i in 0..110_000 {
            b.put(&task(
                &format!("X{i:06}"),
                &format!("N{i:06}"),
                Some("wang.fang"),
            ))
            .unwrap();
        }
        assert!(book.count(TreeId::Tasks) > 1, "chunks were applied");
    }
    assert_eq!(book.count(TreeId::Tasks), 1);
    assert_eq!(book.record_count::<Task>().unwrap(), 1);
    assert_eq!(check(&book).unwrap(), Vec::<String>::new());
}

#[test]
fn a_crash_mid_batch_is_rolled_back_on_open() {
    let dir = tempfile::tempdir().unwrap();
    {
        let book = Book::open(dir.path(), "tester").unwrap();
        seed(&book);
        let mut b = book.begin("big", false).unwrap();
        let mut doc = b.get::<CustomerDoc>("C1").unwrap().unwrap();
        doc.customer.name = "李四".to_string();
        b.put(&doc).unwrap();
        for i in 0..110_000 {
            b.put(&task(&format!("X{i:06}"), &format!("N{i:06}"), None))
                .unwrap();
        }
        // The process "dies": no commit, no rollback, only what was flushed.
        std::mem::forget(b);
        book.flush().unwrap();
    }
    let book = Book::open(dir.path(), "tester").unwrap();
    assert_eq!(book.count(TreeId::Tasks), 1);
    assert_eq!(book.doc("C1").unwrap().unwrap().customer.name, "张三");
    assert_eq!(check(&book).unwrap(), Vec::<String>::new());
}

#[test]
fn committed_batches_are_durable_and_audited() {
    let dir = tempfile::tempdir().unwrap();
    {
        let book = Book::open(dir.path(), "auditor").unwrap();
        seed(&book);
        let mut b = book.begin("tag", true).unwrap();
        let mut doc = b.get::<CustomerDoc>("C2").unwrap().unwrap();
        let before = serde_json::to_string(&doc.customer).unwrap();
        doc.customer.tags.push("vip".to_string());
        b.put(&doc).unwrap();
        b.audit("tag.add", "customers/C2", "vip", Some(before))
            .unwrap();
        let info = b.commit("tag vip").unwrap();
        assert!(info.undoable);
    }
    let book = Book::open(dir.path(), "auditor").unwrap();
    assert_eq!(book.customers_with_tag("vip").unwrap(), vec!["C1", "C2"]);
    let audit: Vec<_> = book.audit_since(0).map(Result::unwrap).collect();
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0].user, "auditor");
    assert_eq!(audit[0].action, "tag.add");
    let batches: Vec<_> = book.batches().map(Result::unwrap).collect();
    assert_eq!(batches[0].kind, "tag");
    // Undoable batches keep before-images and after-fingerprints for `undo`.
    let chunks = pcrm::store::journal_chunks(&book, batches[0].id).unwrap();
    let entry = chunks[0]
        .entries
        .iter()
        .find(|e| e.key == b"C2")
        .expect("the doc's change is journaled");
    assert!(entry.before.is_some());
    assert!(matches!(entry.after, pcrm::store::AfterImage::Hash(_)));
    // The committed batch marked its customer for reclassification.
    let (full, dirty) = book.dirty_customers().unwrap();
    assert!(!full);
    assert!(dirty.contains(&"C2".to_string()));
}

#[test]
fn a_second_opener_is_told_who_holds_the_book() {
    let dir = tempfile::tempdir().unwrap();
    let _held = Book::open(dir.path(), "alice").unwrap();
    match Book::open(dir.path(), "bob") {
        Err(e @ StoreError::InUse { .. }) => {
            let message = e.to_string();
            assert!(
                message.contains(&format!("pid {}", std::process::id())),
                "{message}"
            );
            assert!(message.contains("user alice"), "{message}");
            assert_eq!(e.exit_code(), 75);
        }
        Err(other) => panic!("expected InUse, got {other}"),
        Ok(_) => panic!("a second open succeeded"),
    }
}

#[test]
fn check_reports_a_broken_index() {
    let dir = tempfile::tempdir().unwrap();
    let book = Book::open(dir.path(), "tester").unwrap();
    seed(&book);
    book.tree(TreeId::CustomersByTag)
        .insert(b"ghost\0C9", &[][..])
        .unwrap();
    book.tree(TreeId::Customers)
        .insert(b"C3", &[1u8, 2, 3][..])
        .unwrap();
    let problems = check(&book).unwrap();
    assert!(
        problems
            .iter()
            .any(|p| p.contains("customers.by_tag: entry ghost/C9 has no record")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("corrupt record: customers/C3")),
        "{problems:?}"
    );
}
