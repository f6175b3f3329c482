//! Batch tags and tasks on thousands of customers, and undo back to the
//! identical state, on a real book; the same through the real binary.

use assert_cmd::Command;
use chrono::NaiveDate;
use pcrm::followup::tags::{self, TagAction};
use pcrm::followup::tasks::{self, NewTask, TaskChange, TaskFilter};
use pcrm::followup::undo;
use pcrm::model::*;
use pcrm::store::{check::check, Book, TreeId};
use std::path::Path;

fn customer(i: usize) -> Customer {
    Customer {
        id: format!("C{i:05}"),
        name: format!("客户{i}"),
        kind: CustomerKind::Individual,
        id_number: None,
        phone: None,
        email: None,
        province: Province::parse("浙江").unwrap(),
        city: None,
        industry: None,
        since: None,
        account_manager: None,
        tags: if i.is_multiple_of(3) {
            vec!["vip".to_string()]
        } else {
            Vec::new()
        },
        bad_uscc: false,
    }
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
    assert_eq!(book.count(TreeId::TasksByDue), 0);
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

fn pcrm(db: &Path) -> Command {
    let mut cmd = Command::cargo_bin("pcrm").unwrap();
    cmd.arg("--db").arg(db).arg("--user").arg("cli.user");
    cmd
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
