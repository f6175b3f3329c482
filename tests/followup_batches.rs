//! Batch tags and tasks on thousands of customers, and undo back to the
//! identical state, on a real book; the same through the real binary.

mod common;

use chrono::NaiveDate;
use common::pcrm;
use pcrm::followup::tags::{self, TagAction};
use pcrm::followup::tasks::{self, NewTask, TaskChange, TaskFilter};
use pcrm::followup::undo;
use pcrm::model::*;
use pcrm::store::{check::check, Book, TreeId};
use std::path::Path;

fn customer(i: usize) -> Customer {
    let tags: &[&str] = if i.is_multiple_of(3) { &["vip"] } else { &[] };
    common::customer(&format!("C{i:05}"), CustomerKind::Individual)
        .province("浙江")
        .tags(tags)
        .build()
        .customer
}

fn book_with(dir: &Path, n: usize) -> Book {
    let book = Book::open(dir, "tester").unwrap();
    let mut b = book.begin("seed", false).unwrap();
    for i in 0..n {
        b.put(&CustomerDoc::new(customer(i))).unwrap();
    }
    b.commit("seed").unwrap();
    book
}

/// Every customer and task, as comparable bytes.
fn snapshot(book: &Book) -> (Vec<CustomerDoc>, Vec<Task>, Vec<String>) {
    (
        book.scan::<CustomerDoc>().map(Result::unwrap).collect(),
        book.scan::<Task>().map(Result::unwrap).collect(),
        book.customers_with_tag("vip").unwrap(),
    )
}

fn ids(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("C{i:05}")).collect()
}

fn due() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 7, 15).unwrap()
}

#[test]
fn tagging_thousands_and_undoing_restores_the_identical_book() {
    let dir = tempfile::tempdir().unwrap();
    let book = book_with(dir.path(), 3000);
    let before = snapshot(&book);

    let outcome = tags::apply(&book, TagAction::Add, "vip", &ids(3000)).unwrap();
    assert_eq!(outcome.changed, 2000, "a third already had the tag");
    assert_eq!(book.customers_with_tag("vip").unwrap().len(), 3000);

    let reverted = undo::undo(&book, None).unwrap();
    assert_eq!(reverted.kind, "undo");
    assert_eq!(snapshot(&book), before);
    assert_eq!(check(&book).unwrap(), Vec::<String>::new());
    // The same batch cannot be undone twice.
    assert!(undo::undo(&book, outcome.batch_id).is_err());
}

#[test]
fn tasks_for_thousands_then_undo() {
    let dir = tempfile::tempdir().unwrap();
    let book = book_with(dir.path(), 2500);
    let before = snapshot(&book);
    let fields = NewTask::simple("回访 call", due(), Some("li.wei".into()), Priority::High);
    let outcome = tasks::add_for_customers(&book, &fields, &ids(2500)).unwrap();
    assert_eq!(outcome.changed, 2500);
    let mine = tasks::list(
        &book,
        &TaskFilter {
            assignee: Some("li.wei".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(mine.len(), 2500);
    assert_eq!(book.tasks_of("C00007").unwrap().len(), 1);
    undo::undo(&book, outcome.batch_id).unwrap();
    assert_eq!(snapshot(&book), before);
    assert_eq!(book.count(TreeId::TasksByCustomer), 0);
    assert_eq!(check(&book).unwrap(), Vec::<String>::new());
}

#[test]
fn undo_refuses_when_a_record_changed_since() {
    let dir = tempfile::tempdir().unwrap();
    let book = book_with(dir.path(), 10);
    let fields = NewTask::simple("call", due(), None, Priority::Normal);
    let created = tasks::add_for_customers(&book, &fields, &ids(2)).unwrap();
    let task_id = book.tasks_of("C00000").unwrap()[0].id.clone();
    tasks::change(&book, &[task_id], &TaskChange::Status(TaskStatus::Done)).unwrap();
    let err = undo::undo(&book, created.batch_id).unwrap_err();
    assert!(err.to_string().contains("changed after it"), "{err}");
    // Undoing the later change first, then the creation, works.
    undo::undo(&book, None).unwrap();
    undo::undo(&book, created.batch_id).unwrap();
    assert_eq!(book.count(TreeId::Tasks), 0);
}

/// A customer holding a policy, a claim and an interaction, so that a
/// retagged doc must carry its children over byte for byte.
fn doc_with_children(i: usize) -> CustomerDoc {
    let id = format!("C{i:05}");
    let mut doc = CustomerDoc::new(customer(i));
    doc.customer.account_manager = Some("li.wei".into());
    let start = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    doc.upsert(Policy {
        id: format!("P{i:05}"),
        customer_id: id.clone(),
        line: Line::Property,
        premium: Fen::from_yuan(4000 + i as i64),
        sum_insured: Some(Fen::from_yuan(900_000)),
        start_date: start,
        end_date: NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
        cancelled_on: None,
        location_id: None,
    });
    doc.upsert(Claim {
        id: format!("K{i:05}"),
        policy_id: format!("P{i:05}"),
        customer_id: id.clone(),
        loss_date: start,
        reported_date: None,
        cause: LossCause::Fire,
        paid: Fen::from_yuan(1200),
        reserve: Fen::ZERO,
        status: ClaimStatus::Open,
    });
    doc.upsert(Interaction {
        id: format!("I{i:05}"),
        customer_id: id,
        at: start.and_hms_opt(10, 0, 0).unwrap(),
        channel: Channel::Phone,
        kind: InteractionKind::Survey,
        satisfaction: Some(4),
        note: Some("回访".into()),
    });
    doc
}

#[test]
fn retagging_keeps_every_child_and_undo_restores_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let book = Book::open(dir.path(), "tester").unwrap();
    let mut b = book.begin("seed", false).unwrap();
    for i in 0..1500 {
        let doc = doc_with_children(i);
        let owner = Some(doc.customer.id.as_str());
        b.set_owner::<Policy>(&doc.policies[0].id, owner).unwrap();
        b.set_owner::<Claim>(&doc.claims[0].id, owner).unwrap();
        b.set_owner::<Interaction>(&doc.interactions[0].id, owner)
            .unwrap();
        b.put(&doc).unwrap();
    }
    b.commit("seed").unwrap();
    let before = snapshot(&book);
    let raw_before: Vec<_> = book
        .tree(TreeId::Customers)
        .iter()
        .map(|e| e.unwrap())
        .collect();

    let removed = tags::apply(&book, TagAction::Remove, "vip", &ids(1500)).unwrap();
    assert_eq!(removed.changed, 500);
    assert!(book.customers_with_tag("vip").unwrap().is_empty());
    let added = tags::apply(&book, TagAction::Add, "续保-2026", &ids(1500)).unwrap();
    assert_eq!(added.changed, 1500);
    let doc = book.doc("C00003").unwrap().unwrap();
    assert_eq!(doc.customer.tags, ["续保-2026"]);
    assert_eq!(doc.policies, doc_with_children(3).policies);
    assert_eq!(doc.claims, doc_with_children(3).claims);
    assert_eq!(doc.interactions, doc_with_children(3).interactions);
    assert_eq!(check(&book).unwrap(), Vec::<String>::new());

    undo::undo(&book, added.batch_id).unwrap();
    undo::undo(&book, removed.batch_id).unwrap();
    assert_eq!(snapshot(&book), before);
    let raw_after: Vec<_> = book
        .tree(TreeId::Customers)
        .iter()
        .map(|e| e.unwrap())
        .collect();
    assert!(raw_after == raw_before, "the stored bytes are restored");
    assert_eq!(check(&book).unwrap(), Vec::<String>::new());
}

#[test]
fn undo_of_a_tag_batch_refuses_if_a_customer_changed_since() {
    let dir = tempfile::tempdir().unwrap();
    let book = book_with(dir.path(), 200);
    let tagged = tags::apply(&book, TagAction::Add, "campaign", &ids(200)).unwrap();
    let mut b = book.begin("edit", false).unwrap();
    let mut doc = b.get::<CustomerDoc>("C00150").unwrap().unwrap();
    doc.customer.name = "改名".into();
    b.put(&doc).unwrap();
    b.commit("rename").unwrap();
    let before = snapshot(&book);

    let err = undo::undo(&book, tagged.batch_id).unwrap_err();
    assert!(
        err.to_string().contains("customers C00150 changed"),
        "{err}"
    );
    assert_eq!(snapshot(&book), before, "a refused undo changes nothing");
    assert_eq!(book.customers_with_tag("campaign").unwrap().len(), 200);
    assert_eq!(check(&book).unwrap(), Vec::<String>::new());
}

#[test]
fn tags_and_tasks_leave_the_classification_alone_but_a_doc_undo_does_not() {
    let dir = tempfile::tempdir().unwrap();
    let book = book_with(dir.path(), 300);
    book.clear_dirty(&[], true).unwrap();
    tags::apply(&book, TagAction::Add, "campaign", &ids(300)).unwrap();
    undo::undo(&book, None).unwrap();
    let fields = NewTask::simple("call", due(), None, Priority::Normal);
    tasks::add_for_customers(&book, &fields, &ids(300)).unwrap();
    undo::undo(&book, None).unwrap();
    assert_eq!(book.dirty_customers().unwrap(), (false, Vec::new()));

    // An undoable batch that changes more than tags: its undo marks the
    // customer again.
    let mut b = book.begin("edit", true).unwrap();
    let mut doc = b.get::<CustomerDoc>("C00007").unwrap().unwrap();
    doc.customer.kind = CustomerKind::Sme;
    b.put(&doc).unwrap();
    b.commit("edit").unwrap();
    book.clear_dirty(&["C00007".to_string()], false).unwrap();
    undo::undo(&book, None).unwrap();
    assert_eq!(
        book.dirty_customers().unwrap(),
        (false, vec!["C00007".to_string()])
    );
}

#[test]
fn an_undone_batch_drops_its_journal_and_the_undo_keeps_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let book = book_with(dir.path(), 50);
    let tagged = tags::apply(&book, TagAction::Add, "campaign", &ids(50)).unwrap();
    let id = tagged.batch_id.unwrap();
    assert!(!pcrm::store::journal_chunks(&book, id).unwrap().is_empty());
    let reverted = undo::undo(&book, None).unwrap();
    assert!(pcrm::store::journal_chunks(&book, id).unwrap().is_empty());
    // The undo itself can be undone: the tags come back.
    undo::undo(&book, Some(reverted.id)).unwrap();
    assert_eq!(book.customers_with_tag("campaign").unwrap().len(), 50);
    assert_eq!(check(&book).unwrap(), Vec::<String>::new());
}

#[test]
fn the_binary_tags_tasks_undoes_and_audits() {
    let dir = tempfile::tempdir().unwrap();
    drop(book_with(dir.path(), 5));
    let ids_file = dir.path().join("ids.txt");
    std::fs::write(&ids_file, "customer_id\nC00001\nC00002\n\n").unwrap();

    let out = pcrm(dir.path())
        .args(["tag", "add", "renewal-2026", "--ids"])
        .arg(&ids_file)
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(
        stdout.starts_with("2 customers changed in batch"),
        "{stdout}"
    );

    pcrm(dir.path())
        .args([
            "task",
            "add",
            "--title",
            "续保 call",
            "--due",
            "2026-07-01",
            "--assignee",
            "li.wei",
            "C00001",
            "C00004",
        ])
        .assert()
        .success();
    let listed = pcrm(dir.path())
        .args(["task", "list", "--assignee", "li.wei", "--json"])
        .assert()
        .success();
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&listed.get_output().stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["customer_id"], "C00001");
    assert_eq!(lines[0]["status"], "open");
    let task_id = lines[0]["task_id"].as_str().unwrap().to_string();

    pcrm(dir.path())
        .args(["task", "done", &task_id])
        .assert()
        .success();
    let overdue = pcrm(dir.path())
        .args(["--as-of", "2026-08-01", "task", "list", "--overdue"])
        .assert()
        .success();
    assert_eq!(
        String::from_utf8_lossy(&overdue.get_output().stdout)
            .lines()
            .count(),
        1
    );

    // Unknown customers refuse the whole batch with exit 65.
    pcrm(dir.path())
        .args(["tag", "add", "vip", "C00001", "NOPE"])
        .assert()
        .code(65)
        .stderr(predicates::str::contains("NOPE"));

    pcrm(dir.path()).arg("undo").assert().success();
    let audit = pcrm(dir.path())
        .args(["audit", "--json"])
        .assert()
        .success();
    let actions: Vec<String> = String::from_utf8_lossy(&audit.get_output().stdout)
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["action"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(actions, ["tag.add", "task.add", "task.done", "undo"]);
}
