//! One process at a time per book: a second gets exit 75 and a message
//! naming the pid and user holding it.

mod common;

use common::{gen, pcrm, pcrm_child, run, spawn_guard, USER};
use pcrm::store::Book;
use std::process::Stdio;
use std::time::{Duration, Instant};
use tempfile::TempDir;

fn in_use_message(db: &std::path::Path, pid: u32, user: &str) -> String {
    format!(
        "pcrm: the book {} is in use by another pcrm process (pid {pid}, user {user}); close that pcrm (or wait for it to finish) and try again\n",
        db.display()
    )
}

#[test]
fn a_book_open_in_this_process_refuses_the_binary() {
    let work = TempDir::new().unwrap();
    let db = work.path().join("book");
    let book = Book::open(&db, "holder").unwrap();
    let out = run(pcrm(&db).args(["stats", "--json"]));
    assert_eq!(out.status.code(), Some(75));
    assert!(out.stdout.is_empty());
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        in_use_message(&db, std::process::id(), "holder")
    );
    drop(book);
    assert!(run(pcrm(&db).args(["stats", "--json"])).status.success());
}

#[test]
fn a_running_import_refuses_a_second_process() {
    let work = TempDir::new().unwrap();
    let input = common::input_dir(work.path());
    gen::write_csv_set(&input, 30_000).unwrap();
    let db = work.path().join("book");
    let mut import = {
        let _guard = spawn_guard();
        pcrm_child(&db)
            .arg("import")
            .arg(&input)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    // The lock file names its holder once the import has the book.
    let holder = format!("pid={} user={USER}", import.id());
    let started = Instant::now();
    while std::fs::read_to_string(db.join("pcrm.lock")).map_or(true, |s| !s.contains(&holder)) {
        assert!(
            import.try_wait().unwrap().is_none(),
            "the import ended first"
        );
        assert!(started.elapsed() < Duration::from_secs(120));
        std::thread::sleep(Duration::from_millis(10));
    }
    let out = run(pcrm(&db).arg("stats"));
    assert_eq!(out.status.code(), Some(75));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        in_use_message(&db, import.id(), USER)
    );
    let status = import.wait().unwrap();
    assert!(status.success(), "{status:?}");
    assert!(run(pcrm(&db).arg("stats")).status.success());
}

#[test]
fn without_user_variables_the_account_name_is_recorded() {
    let work = TempDir::new().unwrap();
    let db = work.path().join("book");
    let account = String::from_utf8(
        std::process::Command::new("id")
            .arg("-un")
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let account = account.trim();
    let demo = run(assert_cmd::Command::cargo_bin("pcrm")
        .unwrap()
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .args(["demo", "--customers", "20", "--no-ui", "--db"])
        .arg(&db));
    assert!(demo.status.success(), "{demo:?}");
    let audit = run(assert_cmd::Command::cargo_bin("pcrm")
        .unwrap()
        .env_clear()
        .args(["audit", "--db"])
        .arg(&db));
    let text = String::from_utf8(audit.stdout).unwrap();
    assert!(
        text.contains(&format!(" {account} ")),
        "audit should name {account}: {text}"
    );
}
