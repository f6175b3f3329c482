//! Helpers shared by the integration tests: the real binary on a book in
//! a temp dir, fixture paths, a generator of valid CSV sets (`gen`), and
//! builders of hand-made customers and books (`builders`).
#![allow(dead_code)] // each test crate uses a different subset

pub mod builders;
pub mod gen;

#[allow(unused_imports)] // not every test crate builds books by hand
pub use builders::*;

use assert_cmd::Command;
use pcrm::store::Book;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::RwLock;

pub const USER: &str = "tester";

/// `pcrm --db DB --user tester ...`, with no environment leaking in.
pub fn pcrm(db: &Path) -> Command {
    Command::from_std(pcrm_child(db))
}

/// The same as a `std::process::Command`, for tests that spawn a child and
/// act while it runs (take `spawn_guard` around the spawn).
pub fn pcrm_child(db: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("pcrm"));
    cmd.env_remove("PCRM_DB")
        .env_remove("PCRM_USER")
        .arg("--db")
        .arg(db)
        .arg("--user")
        .arg(USER);
    cmd
}

/// Waits until `ready()` says the child is mid-write, then kills it with
/// SIGKILL a moment later; fails if it ends first or nothing comes in ten
/// minutes.
pub fn kill_when(child: &mut std::process::Child, what: &str, mut ready: impl FnMut() -> bool) {
    let started = std::time::Instant::now();
    while !ready() {
        assert!(
            child.try_wait().unwrap().is_none(),
            "{what} ended before it could be killed"
        );
        assert!(
            started.elapsed() < std::time::Duration::from_secs(600),
            "{what}: no write seen"
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    std::thread::sleep(std::time::Duration::from_millis(100));
    child.kill().unwrap();
    assert!(!child.wait().unwrap().success(), "{what} was not killed");
}

/// Holds off in-process book opens while a child is being spawned.
pub fn spawn_guard() -> std::sync::RwLockReadGuard<'static, ()> {
    FORK_GUARD.read().unwrap_or_else(|p| p.into_inner())
}

/// Tests of one binary run in parallel threads. A child spawned by one
/// thread inherits, until it execs, every file the process has open,
/// including the lock file of a book another thread opened in-process, and
/// holds that lock meanwhile. So children are spawned under the shared side
/// of this guard and books are opened in-process under the exclusive side.
static FORK_GUARD: RwLock<()> = RwLock::new(());

/// Runs a command to completion.
pub fn run(cmd: &mut Command) -> Output {
    let _guard = FORK_GUARD.read().unwrap_or_else(|p| p.into_inner());
    cmd.output().unwrap()
}

/// Runs a command, asserts success, returns its stdout.
pub fn run_ok(cmd: &mut Command) -> String {
    let out = run(cmd);
    assert!(
        out.status.success(),
        "{:?} failed: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Opens the book in this process for `f` (see `FORK_GUARD`).
pub fn with_book<T>(db: &Path, f: impl FnOnce(&Book) -> T) -> T {
    let _guard = FORK_GUARD.write().unwrap_or_else(|p| p.into_inner());
    let book = Book::open(db, USER).unwrap();
    f(&book)
}

pub fn fixture(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(relative)
}

pub fn sample() -> PathBuf {
    fixture("sample")
}

/// `pcrm stats --json`.
pub fn stats(db: &Path) -> serde_json::Value {
    serde_json::from_str(&run_ok(pcrm(db).args(["stats", "--json"]))).unwrap()
}

/// The six counts of `stats --json`.
pub fn counts(db: &Path) -> [u64; 6] {
    let s = stats(db);
    [
        "customers",
        "locations",
        "policies",
        "claims",
        "interactions",
        "tasks",
    ]
    .map(|k| s[k].as_u64().unwrap())
}

/// Imports `paths` and asserts success.
pub fn import_ok(db: &Path, paths: &[&Path]) -> String {
    run_ok(pcrm(db).arg("import").args(paths))
}

pub fn write(dir: &Path, name: &str, content: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path
}

/// Every key and value of the given trees, to compare a book's stored bytes
/// before and after.
pub fn raw_trees(book: &Book, trees: &[pcrm::store::TreeId]) -> Vec<Vec<(Vec<u8>, Vec<u8>)>> {
    trees
        .iter()
        .map(|tree| {
            book.tree(*tree)
                .iter()
                .map(|e| {
                    let (k, v) = e.unwrap();
                    (k.to_vec(), v.to_vec())
                })
                .collect()
        })
        .collect()
}

/// A new empty folder `in` below `dir`, for the CSV files of an import.
pub fn input_dir(dir: &Path) -> PathBuf {
    let input = dir.join("in");
    std::fs::create_dir(&input).unwrap();
    input
}

/// Every file of a directory, by name, as bytes.
pub fn read_dir(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&path).unwrap())
        })
        .collect();
    files.sort();
    files
}

/// `pcrm export all --out DIR`, asserting success.
pub fn export_all(db: &Path, out: &Path) {
    run_ok(pcrm(db).args(["export", "all", "--out"]).arg(out));
}
