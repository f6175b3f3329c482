//! `pcrm demo` as a user runs it: it builds a book and prints its summary,
//! reuses an existing one, and follows cli.md's default location.

use assert_cmd::Command;
use predicates::prelude::*;

fn pcrm() -> Command {
    let mut cmd = Command::cargo_bin("pcrm").unwrap();
    cmd.env_remove("PCRM_DB").env("PCRM_USER", "tester");
    cmd
}

#[test]
fn builds_then_reuses_the_book() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo");
    let db_arg = db.to_str().unwrap();
    let first = pcrm()
        .args(["--db", db_arg, "--as-of", "2026-11-25"])
        .args(["demo", "--customers", "2000", "--no-ui", "--seed", "5"])
        .assert()
        .success()
        .stdout(predicate::str::contains("customers"))
        .stdout(predicate::str::contains("2000"))
        .stdout(predicate::str::contains("motor"))
        .stdout(predicate::str::contains("renewal rate"))
        .stdout(predicate::str::contains("generated in"));
    let first = String::from_utf8(first.get_output().stdout.clone()).unwrap();

    pcrm()
        .args(["--db", db_arg, "check"])
        .assert()
        .success()
        .stdout(predicate::str::contains("ok: 2000 customers"));

    // A second run (even with other options) reuses the book and says so.
    let second = pcrm()
        .args(["--db", db_arg, "--as-of", "2026-11-25"])
        .args(["demo", "--customers", "50", "--no-ui"])
        .assert()
        .success()
        .stderr(predicate::str::contains("reusing"))
        .stderr(predicate::str::contains("2000 customers, seed 5"));
    let second = String::from_utf8(second.get_output().stdout.clone()).unwrap();
    // The same figures, recomputed from the stored book.
    let figures = |out: &str| -> Vec<String> {
        out.lines()
            .filter(|l| {
                !l.starts_with("demo book")
                    && !l.starts_with("generated in")
                    && !l.starts_with("classified")
            })
            .map(str::to_string)
            .collect()
    };
    assert_eq!(figures(&first), figures(&second));
}

#[test]
fn without_db_the_book_goes_to_the_data_dir() {
    let home = tempfile::tempdir().unwrap();
    pcrm()
        .env("XDG_DATA_HOME", home.path())
        .args(["demo", "--customers", "200", "--no-ui"])
        .assert()
        .success();
    let book = home.path().join("pcrm").join("demo");
    assert!(book.join("db").is_dir(), "no book at {}", book.display());
}

#[test]
fn refuses_an_empty_book_request() {
    let dir = tempfile::tempdir().unwrap();
    pcrm()
        .args(["--db", dir.path().to_str().unwrap()])
        .args(["demo", "--customers", "0", "--no-ui"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--customers"));
}

#[test]
fn bench_demo_reports_its_figures() {
    let dir = tempfile::tempdir().unwrap();
    let out = pcrm()
        .args([
            "--as-of",
            "2026-11-25",
            "bench",
            "demo",
            "--customers",
            "300",
        ])
        .args(["--dir", dir.path().to_str().unwrap()])
        .assert()
        .success()
        .stdout(predicate::str::contains("300 customers"))
        .stdout(predicate::str::contains("wall"))
        .stdout(predicate::str::contains("peak RSS"))
        .stdout(predicate::str::contains("book on disk"));
    // The child `pcrm demo` printed its own summary (on stderr).
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("generated in"), "{stderr}");
    // The timed book is removed; the shared demo book of later benchmarks
    // is made on demand.
    assert!(!dir.path().join("demo-300-timed").exists());
}
