//! Tag and task batches interrupted half-way leave all or nothing: in
//! process (the batch is forgotten after some chunks were applied, as if
//! the process died) and with `kill -9` on the real binary.

mod common;

use common::{pcrm, pcrm_child, run_ok, spawn_guard};
use pcrm::bench::measure::dir_bytes;
use pcrm::model::*;
use pcrm::store::{check::check, codec, tag_key, Book, TreeId};
use std::path::Path;
use std::process::Stdio;

fn customer(i: usize) -> CustomerDoc {
    common::customer(&format!("C{i:06}"), CustomerKind::Individual)
        .manager("li.wei")
        .tags(if i.is_multiple_of(4) { &["vip"] } else { &[] })
        .build()
}

fn seed(book: &Book, n: usize) {
    let mut b = book.begin("seed", false).unwrap();
    for i in 0..n {
        b.put(&customer(i)).unwrap();
    }
    b.put(&common::task("T-OLD", "C000001")).unwrap();
    b.commit("seed").unwrap();
}

/// The raw contents of the trees a tag or task batch writes.
fn contents(book: &Book) -> Vec<Vec<(Vec<u8>, Vec<u8>)>> {
    common::raw_trees(
        book,
        &[
            TreeId::Customers,
            TreeId::CustomersByTag,
            TreeId::Tasks,
            TreeId::Owners,
        ],
    )
}

#[test]
fn a_crash_after_known_before_images_were_applied_is_rolled_back() {
    let dir = tempfile::tempdir().unwrap();
    let before = {
        let book = Book::open(dir.path(), "tester").unwrap();
        seed(&book, 3000);
        let before = contents(&book);
        let mut b = book.begin("tag", true).unwrap();
        for i in 0..3000 {
            let id = format!("C{i:06}");
            let current = b.read(TreeId::Customers, id.as_bytes()).unwrap();
            let mut doc: CustomerDoc =
                codec::decode(current.as_deref().unwrap(), &|| id.clone()).unwrap();
            doc.customer.tags.push("wave".into());
            b.write_over(
                TreeId::Customers,
                id.clone().into_bytes(),
                current,
                Some(codec::encode(&doc)),
            )
            .unwrap();
            b.write_over(
                TreeId::CustomersByTag,
                tag_key("wave", &id),
                None,
                Some(Vec::new()),
            )
            .unwrap();
        }
        // Enough new tasks that chunks are applied: a customer's tasks are
        // one key, rewritten by each new task, so the chunk fills by bytes.
        for i in 0..60_000 {
            let mut new = common::task(&format!("T-NEW-{i:06}"), &format!("C{:06}", i % 3000));
            new.title = "回访 follow-up ".repeat(16);
            b.put_new(&new).unwrap();
        }
        assert!(book.count(TreeId::Tasks) > 1, "chunks were applied");
        // The process "dies": no commit, no rollback, only what was flushed.
        std::mem::forget(b);
        book.flush().unwrap();
        before
    };
    let book = Book::open(dir.path(), "tester").unwrap();
    assert!(contents(&book) == before, "the book is as before the batch");
    assert_eq!(check(&book).unwrap(), Vec::<String>::new());
}

/// Runs `pcrm ARGS` on the book and kills it with SIGKILL once the book
/// has grown by a few MB (its first chunks are journaled and applied).
fn kill_mid_batch(db: &Path, args: &[&str]) {
    let start_size = dir_bytes(db);
    let mut child = {
        let _guard = spawn_guard();
        pcrm_child(db)
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    common::kill_when(&mut child, &format!("pcrm {args:?}"), || {
        dir_bytes(db) >= start_size + 4 * 1024 * 1024
    });
}

#[test]
fn sigkill_during_a_tag_or_task_batch_leaves_all_or_nothing() {
    const CUSTOMERS: usize = 200_000;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("book");
    common::with_book(&db, |book| seed(book, CUSTOMERS));
    let ids = dir.path().join("ids.txt");
    let lines: Vec<String> = (0..CUSTOMERS).map(|i| format!("C{i:06}")).collect();
    std::fs::write(&ids, lines.join("\n")).unwrap();
    let ids = ids.to_str().unwrap();

    kill_mid_batch(&db, &["tag", "add", "wave", "--ids", ids]);
    let tagged = common::with_book(&db, |book| {
        let tagged = book.customers_with_tag("wave").unwrap().len();
        let docs_tagged = book
            .scan::<CustomerDoc>()
            .filter(|d| d.as_ref().unwrap().customer.tags.contains(&"wave".into()))
            .count();
        assert_eq!(tagged, docs_tagged, "the index follows the docs");
        assert_eq!(check(book).unwrap(), Vec::<String>::new());
        tagged
    });
    eprintln!("after the kill {tagged} customers carry the tag");
    assert!(
        tagged == 0 || tagged == CUSTOMERS,
        "a partial batch survived"
    );

    kill_mid_batch(
        &db,
        &[
            "task",
            "add",
            "--title",
            "回访",
            "--due",
            "2026-07-15",
            "--ids",
            ids,
        ],
    );
    let tasks = common::with_book(&db, |book| {
        assert_eq!(check(book).unwrap(), Vec::<String>::new());
        book.record_count::<Task>().unwrap()
    });
    eprintln!("after the kill the book holds {tasks} tasks");
    assert!(
        tasks == 1 || tasks == CUSTOMERS + 1,
        "a partial batch survived"
    );
    run_ok(pcrm(&db).arg("check"));
}
