//! A customer's tasks stored together (book version 3) on a real sled book:
//! a version 2 book is regrouped on open, tasks are found by id through the
//! owner index as they are added, moved and removed, and undoing one task
//! batch leaves a later one's tasks (sharing owner buckets) alone.

mod common;

use chrono::NaiveDate;
use common::builders::customer;
use pcrm::followup::tasks::{self, NewTask};
use pcrm::followup::undo;
use pcrm::model::*;
use pcrm::store::{
    check::check, codec, schema_version, AfterImage, BatchInfo, Book, JournalChunk, JournalEntry,
    Record, TreeId,
};

fn task(id: &str, customer_id: &str) -> Task {
    Task {
        title: format!("回访 {id}"),
        due: common::d("2026-07-01"),
        tags: vec!["续保".to_string()],
        ..common::task(id, customer_id)
    }
}

fn book_with_customers(dir: &std::path::Path, n: usize) -> Book {
    let book = Book::open(dir, "tester").unwrap();
    let mut b = book.begin("seed", false).unwrap();
    for i in 0..n {
        b.put(&customer(&format!("C{i:04}"), CustomerKind::Individual).build())
            .unwrap();
    }
    b.commit("seed").unwrap();
    book
}

fn ids(tasks: &[Task]) -> Vec<&str> {
    tasks.iter().map(|t| t.id.as_str()).collect()
}

#[test]
fn a_version_2_book_has_its_tasks_grouped_by_customer_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let v2_tasks = [
        task("T1", "C0001"),
        task("T2", "C0000"),
        task("T3", "C0001"),
        task("X9", "C0002"),
    ];
    {
        let book = book_with_customers(dir.path(), 3);
        // What version 2 kept: one key per task, and its customer index.
        for t in &v2_tasks {
            book.tree(TreeId::TasksById)
                .insert(t.id.as_bytes(), codec::encode(t))
                .unwrap();
            let index_key = format!("{}\0{}", t.customer_id, t.id);
            book.tree(TreeId::TasksByCustomer)
                .insert(index_key.as_bytes(), &[][..])
                .unwrap();
        }
        book.meta_put("schema_version", &2u32.to_be_bytes())
            .unwrap();
    }
    let book = Book::open(dir.path(), "tester").unwrap();
    assert_eq!(schema_version(&book).unwrap(), Some(3));
    assert_eq!(book.count(TreeId::TasksById), 0);
    assert_eq!(book.count(TreeId::TasksByCustomer), 0);
    assert_eq!(book.count(TreeId::Tasks), 3, "one value per customer");
    assert_eq!(book.record_count::<Task>().unwrap(), 4);
    assert_eq!(
        book.tasks_of("C0001").unwrap(),
        vec![task("T1", "C0001"), task("T3", "C0001")]
    );
    for t in &v2_tasks {
        assert_eq!(book.get::<Task>(&t.id).unwrap().as_ref(), Some(t));
    }
    let mut all: Vec<Task> = book.scan::<Task>().map(Result::unwrap).collect();
    all.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(all, v2_tasks);
    assert_eq!(check(&book).unwrap(), Vec::<String>::new());
    // The migration is not an undoable batch.
    assert!(undo::latest_undoable(&book).unwrap().is_none());
}

#[test]
fn a_migration_that_died_after_grouping_empties_the_old_trees_on_the_next_open() {
    let dir = tempfile::tempdir().unwrap();
    {
        let book = book_with_customers(dir.path(), 2);
        let mut b = book.begin("seed", false).unwrap();
        b.put(&task("T1", "C0000")).unwrap();
        b.commit("seed").unwrap();
        // Grouped already, the old key still there, the version not stamped.
        let t1 = task("T1", "C0000");
        book.tree(TreeId::TasksById)
            .insert("T1", codec::encode(&t1))
            .unwrap();
        book.meta_put("schema_version", &2u32.to_be_bytes())
            .unwrap();
    }
    let book = Book::open(dir.path(), "tester").unwrap();
    assert_eq!(schema_version(&book).unwrap(), Some(3));
    assert_eq!(book.count(TreeId::TasksById), 0);
    assert_eq!(book.tasks_of("C0000").unwrap(), vec![task("T1", "C0000")]);
    assert_eq!(check(&book).unwrap(), Vec::<String>::new());
}

#[test]
fn tasks_are_found_by_id_as_they_are_added_moved_and_removed() {
    let dir = tempfile::tempdir().unwrap();
    let book = book_with_customers(dir.path(), 3);
    let mut b = book.begin("edit", false).unwrap();
    b.put(&task("T2", "C0000")).unwrap();
    b.put(&task("T1", "C0000")).unwrap();
    b.put_new(&task("T3", "C0001")).unwrap();
    // Read back through the batch before it commits.
    assert_eq!(b.get::<Task>("T3").unwrap(), Some(task("T3", "C0001")));
    assert_eq!(ids(&b.group::<Task>("C0000").unwrap()), ["T1", "T2"]);
    b.commit("edit").unwrap();
    assert_eq!(ids(&book.tasks_of("C0000").unwrap()), ["T1", "T2"]);
    assert!(book.contains::<Task>("T2").unwrap());
    assert!(!book.contains::<Task>("T4").unwrap());
    assert!(book.any_id_with_prefix::<Task>("T3").unwrap());
    assert!(!book.any_id_with_prefix::<Task>("T4").unwrap());

    let mut b = book.begin("edit", false).unwrap();
    let mut moved = task("T1", "C0001");
    moved.status = TaskStatus::Done;
    assert_eq!(b.put(&moved).unwrap(), Some(task("T1", "C0000")));
    assert_eq!(b.delete::<Task>("T2").unwrap(), Some(task("T2", "C0000")));
    assert_eq!(b.delete::<Task>("T2").unwrap(), None);
    b.commit("edit").unwrap();

    assert!(book.tasks_of("C0000").unwrap().is_empty());
    assert!(
        book.tree(TreeId::Tasks).get("C0000").unwrap().is_none(),
        "a customer without tasks has no key"
    );
    assert_eq!(ids(&book.tasks_of("C0001").unwrap()), ["T1", "T3"]);
    assert_eq!(book.get::<Task>("T1").unwrap(), Some(moved.clone()));
    assert_eq!(book.get::<Task>("T2").unwrap(), None);
    assert_eq!(task("T1", "C0001").primary_key(), b"C0001");
    assert_eq!(book.record_count::<Task>().unwrap(), 2);
    assert_eq!(check(&book).unwrap(), Vec::<String>::new());
}

#[test]
fn check_names_a_task_stored_under_the_wrong_customer() {
    let dir = tempfile::tempdir().unwrap();
    let book = book_with_customers(dir.path(), 2);
    let mut b = book.begin("seed", false).unwrap();
    b.put(&task("T1", "C0000")).unwrap();
    b.commit("seed").unwrap();
    book.tree(TreeId::Tasks)
        .insert("C0000", codec::encode(&vec![task("T1", "C0001")]))
        .unwrap();
    let problems = check(&book).unwrap();
    assert!(
        problems.contains(&"tasks/T1: held by C0000 but names customer C0001".to_string()),
        "{problems:?}"
    );
}

#[test]
fn undoing_an_older_task_batch_keeps_a_later_ones_tasks_in_shared_owner_buckets() {
    let dir = tempfile::tempdir().unwrap();
    let book = book_with_customers(dir.path(), 3000);
    let due = NaiveDate::from_ymd_opt(2026, 7, 15).unwrap();
    let customers = |range: std::ops::Range<usize>| -> Vec<String> {
        range.map(|i| format!("C{i:04}")).collect()
    };
    let first = NewTask::simple("first", due, None, Priority::Normal);
    let second = NewTask::simple("second", due, None, Priority::High);
    let a = tasks::add_for_customers(&book, &first, &customers(0..1500)).unwrap();
    let later = tasks::add_for_customers(&book, &second, &customers(1500..3000)).unwrap();
    let later_tasks: Vec<Task> = book.scan::<Task>().map(Result::unwrap).skip(1500).collect();
    assert_eq!(later_tasks.len(), 1500);

    undo::undo(&book, a.batch_id).unwrap();
    assert_eq!(book.record_count::<Task>().unwrap(), 1500);
    for t in &later_tasks {
        assert_eq!(book.get::<Task>(&t.id).unwrap().as_ref(), Some(t));
    }
    assert!(book.tasks_of("C0007").unwrap().is_empty());
    assert_eq!(check(&book).unwrap(), Vec::<String>::new());

    undo::undo(&book, later.batch_id).unwrap();
    assert_eq!(book.record_count::<Task>().unwrap(), 0);
    assert_eq!(book.count(TreeId::Tasks), 0);
    assert_eq!(check(&book).unwrap(), Vec::<String>::new());
}

#[test]
fn undo_refuses_a_batch_that_wrote_tasks_in_the_version_2_layout() {
    let dir = tempfile::tempdir().unwrap();
    let book = book_with_customers(dir.path(), 1);
    // A playbook batch journaled by version 2: the task under its own id.
    let id = 900u64;
    let info = BatchInfo {
        id,
        kind: "playbook".to_string(),
        user: "tester".to_string(),
        at_micros: 0,
        description: "playbooks".to_string(),
        undoable: true,
        undone_by: None,
    };
    book.tree(TreeId::Batches)
        .insert(id.to_be_bytes(), codec::encode(&info))
        .unwrap();
    let value = codec::encode(&task("PB1", "C0000"));
    let chunk = JournalChunk {
        entries: vec![JournalEntry {
            tree: TreeId::TasksById.tag(),
            key: b"PB1".to_vec(),
            before: None,
            after: AfterImage::of(Some(&value)),
        }],
    };
    let mut key = id.to_be_bytes().to_vec();
    key.extend_from_slice(&0u32.to_be_bytes());
    book.tree(TreeId::Journal)
        .insert(key, codec::encode(&chunk))
        .unwrap();

    let err = undo::undo(&book, Some(id)).unwrap_err().to_string();
    assert!(
        err.contains("before this book stored tasks by customer"),
        "{err}"
    );
    assert_eq!(check(&book).unwrap(), Vec::<String>::new());
}
