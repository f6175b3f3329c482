//! Book versions on a real sled book: a version 1 book loses its task
//! indexes by due date and assignee on open, a newer book is refused.

mod common;

use chrono::NaiveDate;
use common::builders::customer;
use pcrm::model::*;
use pcrm::store::{check::check, schema_version, Book, StoreError, TreeId};

fn task(id: &str) -> Task {
    Task {
        title: "续保 call".to_string(),
        due: common::d("2026-07-01"),
        ..common::task(id, "C1")
    }
}

#[test]
fn a_version_1_book_drops_its_due_and_assignee_task_indexes() {
    let dir = tempfile::tempdir().unwrap();
    {
        let book = Book::open(dir.path(), "tester").unwrap();
        assert_eq!(schema_version(&book).unwrap(), Some(3));
        let mut b = book.begin("seed", false).unwrap();
        b.put(&customer("C1", CustomerKind::Individual).build())
            .unwrap();
        b.put(&task("T1")).unwrap();
        b.commit("seed").unwrap();
        // What version 1 kept beside the task.
        book.tree(TreeId::TasksByDue)
            .insert(b"\x80\x00\x50\x00\x00T1", &[][..])
            .unwrap();
        book.tree(TreeId::TasksByAssignee)
            .insert(b"li.wei\x00T1", &[][..])
            .unwrap();
        book.meta_put("schema_version", &1u32.to_be_bytes())
            .unwrap();
        assert!(
            !check(&book).unwrap().is_empty(),
            "check sees the stale keys"
        );
    }
    let book = Book::open(dir.path(), "tester").unwrap();
    assert_eq!(schema_version(&book).unwrap(), Some(3));
    assert_eq!(book.count(TreeId::TasksByDue), 0);
    assert_eq!(book.count(TreeId::TasksByAssignee), 0);
    assert_eq!(book.tasks_of("C1").unwrap(), vec![task("T1")]);
    assert_eq!(check(&book).unwrap(), Vec::<String>::new());
    // The emptied trees work as before.
    book.tree(TreeId::TasksByDue).insert(b"x", &[][..]).unwrap();
    assert_eq!(book.count(TreeId::TasksByDue), 1);
}

#[test]
fn a_newer_book_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    {
        let book = Book::open(dir.path(), "tester").unwrap();
        book.meta_put("schema_version", &4u32.to_be_bytes())
            .unwrap();
    }
    match Book::open(dir.path(), "tester") {
        Err(
            e @ StoreError::TooNew {
                found: 4,
                supported: 3,
                ..
            },
        ) => {
            assert_eq!(e.exit_code(), 73)
        }
        Err(other) => panic!("expected TooNew, got {other}"),
        Ok(_) => panic!("a newer book was opened"),
    }
}

/// Copies a committed book fixture into `to` (opening a book writes to it).
fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// `fixtures/books/v1-sample`: `fixtures/sample` imported by the last
/// version-1 build of pcrm (its tasks indexed by due date and assignee).
#[test]
fn the_version_1_sample_book_opens_migrated_and_clean() {
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/books/v1-sample");
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture, dir.path());
    let book = Book::open(dir.path(), "tester").unwrap();
    assert_eq!(schema_version(&book).unwrap(), Some(3));
    assert_eq!(book.count(TreeId::Customers), 20);
    assert_eq!(book.count(TreeId::Tasks), 7);
    assert_eq!(book.count(TreeId::TasksByDue), 0);
    assert_eq!(book.count(TreeId::TasksByAssignee), 0);
    assert_eq!(check(&book).unwrap(), Vec::<String>::new());
    let doc = book
        .doc("C0001")
        .unwrap()
        .expect("the sample's first customer");
    assert_eq!(doc.customer.name, "张伟");
    let tasks = book.tasks_of("C0002").unwrap();
    assert_eq!(tasks.len(), 1);
    assert_eq!(tasks[0].id, "T0001");
    assert_eq!(tasks[0].assignee.as_deref(), Some("li.wei"));
    assert_eq!(tasks[0].due, NaiveDate::from_ymd_opt(2026, 7, 1).unwrap());
}
