//! Helpers shared by the import/export tests: the real binary on a book in
//! a temp dir, fixture paths, and a generator of valid CSV sets.
#![allow(dead_code)] // each test crate uses a different subset

pub mod gen;

use assert_cmd::Command;
use std::path::{Path, PathBuf};

pub const USER: &str = "tester";

/// `pcrm --db DB --user tester ...`, with no environment leaking in.
pub fn pcrm(db: &Path) -> Command {
    let mut cmd = Command::cargo_bin("pcrm").expect("the pcrm binary is built");
    cmd.env_remove("PCRM_DB")
        .env_remove("PCRM_USER")
        .arg("--db")
        .arg(db)
        .arg("--user")
        .arg(USER);
    cmd
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
    let out = pcrm(db).args(["stats", "--json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The six counts of `stats --json`.
pub fn counts(db: &Path) -> [u64; 6] {
    let s = stats(db);
    ["customers", "locations", "policies", "claims", "interactions", "tasks"]
        .map(|k| s[k].as_u64().unwrap())
}

/// Imports `paths` and asserts success.
pub fn import_ok(db: &Path, paths: &[&Path]) -> String {
    let out = pcrm(db).arg("import").args(paths).output().unwrap();
    assert!(
        out.status.success(),
        "import failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

pub fn write(dir: &Path, name: &str, content: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path
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
    pcrm(db)
        .args(["export", "all", "--out"])
        .arg(out)
        .assert()
        .success();
}
