//! `pcrm search` through the real binary.

mod search_support;

use assert_cmd::Command;
use pcrm::store::Book;
use search_support::*;
use std::path::Path;

fn book(dir: &Path) {
    let book = Book::open(dir, "tester").unwrap();
    write(
        &book,
        &[
            with_policy(with_phone(person("C001", "张三"), "13812345678"), "P0001"),
            person("C002", "张三丰"),
            person("C003", "单田芳"),
            with_phone(company("C004", "Huawei Technologies"), "0755-28780808"),
        ],
    );
}

fn pcrm(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("pcrm").unwrap();
    cmd.arg("--db").arg(dir).env_remove("PCRM_DB");
    cmd
}

fn stdout(cmd: &mut Command) -> String {
    let out = cmd.assert().success().get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

#[test]
fn json_lines_best_first_with_what_matched() {
    let dir = tempfile::tempdir().unwrap();
    book(dir.path());
    let out = stdout(pcrm(dir.path()).args(["search", "zs", "--json"]));
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["customer_id"], "C001");
    assert_eq!(lines[0]["name"], "张三");
    assert_eq!(lines[0]["matched"], "pinyin");
    assert_eq!(lines[1]["customer_id"], "C002");
    assert!(lines[0]["score"].as_u64().unwrap() > lines[1]["score"].as_u64().unwrap());
    let keys: Vec<&String> = lines[0].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["customer_id", "matched", "name", "score"]);

    for (query, id, matched) in [
        ("shantf", "C003", "pinyin"),
        ("5678", "C001", "phone"),
        ("p0001", "C001", "policy_id"),
        ("C004", "C004", "customer_id"),
        ("hwtech", "C004", "name"),
    ] {
        let out = stdout(pcrm(dir.path()).args(["search", query, "--json", "--limit", "1"]));
        let hit: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
        assert_eq!(
            (hit["customer_id"].as_str(), hit["matched"].as_str()),
            (Some(id), Some(matched)),
            "{query}"
        );
    }
}

#[test]
fn the_table_masks_phones_and_words_join_into_one_query() {
    let dir = tempfile::tempdir().unwrap();
    book(dir.path());
    let out = stdout(pcrm(dir.path()).args(["search", "138", "1234", "5678"]));
    assert!(out.contains("C001") && out.contains("张三"), "{out}");
    assert!(out.contains("138****5678"), "{out}");
    assert!(!out.contains("13812345678"), "{out}");
    let out = stdout(pcrm(dir.path()).args(["search", "zhang", "san", "--limit", "1"]));
    assert_eq!(out.lines().count(), 1);
    assert!(out.starts_with("C001"), "{out}");
}

#[test]
fn no_match_is_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    book(dir.path());
    let out = stdout(pcrm(dir.path()).args(["search", "xyzzy"]));
    assert_eq!(out.trim(), "no customer matches \"xyzzy\"");
    let out = stdout(pcrm(dir.path()).args(["search", "xyzzy", "--json"]));
    assert_eq!(out, "");
}

#[test]
fn usage_errors_and_a_book_in_use() {
    let dir = tempfile::tempdir().unwrap();
    book(dir.path());
    pcrm(dir.path())
        .args(["search", "zs", "--limit", "0"])
        .assert()
        .code(2);
    pcrm(dir.path()).args(["search"]).assert().code(2);
    let _held = Book::open(dir.path(), "someone").unwrap();
    pcrm(dir.path())
        .args(["search", "zs"])
        .assert()
        .code(75)
        .stderr(predicates::str::contains("in use"));
}
