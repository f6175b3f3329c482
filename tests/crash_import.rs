//! `kill -9` in the middle of a large import: the book holds none of it (or,
//! if the kill came after the commit, all of it), and `pcrm check` is clean.

mod common;

use common::{counts, gen, pcrm, pcrm_child, run_ok, spawn_guard};
use pcrm::bench::measure::dir_bytes;
use std::process::Stdio;
use tempfile::TempDir;

const CUSTOMERS: usize = 200_000;

#[test]
fn sigkill_during_the_write_leaves_all_or_nothing() {
    let work = TempDir::new().unwrap();
    let input = common::input_dir(work.path());
    gen::write_csv_set(&input, CUSTOMERS).unwrap();
    // Customers, locations and policies: enough rows for a write of seconds.
    for table in ["claims", "interactions", "tasks"] {
        std::fs::remove_file(input.join(format!("{table}.csv"))).unwrap();
    }
    let db = work.path().join("book");

    let mut child = {
        let _guard = spawn_guard();
        pcrm_child(&db)
            .arg("import")
            .arg(&input)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    // Validation writes nothing; the write phase grows the database by a
    // journaled chunk at a time. Kill once it has grown well past its
    // empty size.
    let mut empty_size = None;
    common::kill_when(&mut child, "the import", || {
        let size = dir_bytes(&db);
        match empty_size {
            None if size > 0 => empty_size = Some(size),
            Some(empty) => return size > empty + 8 * 1024 * 1024,
            _ => {}
        }
        false
    });

    // Opening the book rolls the unfinished batch back.
    let after = counts(&db);
    eprintln!("after the kill the book holds {after:?}");
    assert!(
        after == [0; 6] || after[0] == CUSTOMERS as u64,
        "a partial import survived: {after:?}"
    );
    run_ok(pcrm(&db).arg("check"));

    // The book takes imports as before.
    if after == [0; 6] {
        run_ok(pcrm(&db).arg("import").arg(common::sample()));
        assert_eq!(counts(&db), [20, 16, 45, 16, 29, 7]);
        run_ok(pcrm(&db).arg("check"));
    }
}
