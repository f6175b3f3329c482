//! The real binary as a user would run it, with a home of its own.

use assert_cmd::cargo::CommandCargoExt;
use std::process::Command;

/// `pcrm` on the book at `db` as li.wei on 2026-06-30, its config and
/// data under `home`.
pub fn pcrm(db: &std::path::Path, home: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("pcrm").unwrap();
    cmd.args(["--as-of", "2026-06-30", "--user", "li.wei", "--db"])
        .arg(db)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env_remove("PCRM_DB");
    cmd
}

/// `pcrm demo --no-ui` of `customers` customers at `db`.
pub fn demo(db: &std::path::Path, home: &std::path::Path, customers: &str) {
    let out = pcrm(db, home)
        .args(["demo", "--no-ui", "--customers", customers])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
