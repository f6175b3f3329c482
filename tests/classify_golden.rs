//! The golden test: the hand-written sample book (`fixtures/sample`)
//! imported and classified by the real binary as of 2026-06-30 gives
//! exactly `tests/golden/classify_sample_2026-06-30.jsonl`. Three of its
//! lines are worked out by hand below; the file pins the rest, so any
//! change to the scorecard shows up here as a reviewed diff.

use assert_cmd::Command;
use std::path::Path;

const GOLDEN: &str = include_str!("golden/classify_sample_2026-06-30.jsonl");

fn pcrm(db: &Path) -> Command {
    let mut cmd = Command::cargo_bin("pcrm").unwrap();
    cmd.arg("--db")
        .arg(db)
        .args(["--as-of", "2026-06-30", "--user", "tester"]);
    cmd
}

fn sample_book() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    pcrm(dir.path())
        .arg("import")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/sample"))
        .assert()
        .success();
    dir
}

fn line_of<'a>(lines: &'a str, id: &str) -> &'a str {
    let prefix = format!("{{\"customer_id\":\"{id}\",");
    lines.lines().find(|l| l.starts_with(&prefix)).unwrap()
}

#[test]
fn the_sample_book_classifies_to_the_golden_lines() {
    let dir = sample_book();
    let out = pcrm(dir.path())
        .args(["classify", "--json"])
        .assert()
        .success();
    let out = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert_eq!(out, GOLDEN);

    // C0010, individual in 湖北: one accident policy, 260 yuan for 2023,
    // lapsed: 182 days in the window (130.36 yuan), nothing in the last
    // year → premium 0; lost → retention 0; Z = 130.36 / 20,130.36, LRc =
    // (1 - Z) × 0.65 → loss 14.8, severity 3.4; customer since 2023-01-01,
    // 1,276 days → tenure 3.5. 湖北 0/3/0 → 15; no industry 7.5; no survey
    // 6. Churned, last touch its policy start 1,276 days ago.
    assert_eq!(
        line_of(&out, "C0010"),
        r#"{"customer_id":"C0010","as_of":"2026-06-30","value":{"tier":"low","score":18.3,"factors":{"premium":0.0,"retention":0.0,"loss":14.8,"relationship":3.5}},"risk":{"tier":"medium","score":31.9,"factors":{"industry":7.5,"catastrophe":15.0,"property":6.0,"claims":3.4}},"behavior":{"segment":"churned","recency_days":1276,"touches_365":0}}"#
    );
    // C0012, a prospect in 内蒙古 (0/0/1 → index 1 → 5 points).
    assert_eq!(
        line_of(&out, "C0012"),
        r#"{"customer_id":"C0012","as_of":"2026-06-30","value":{"tier":"low","score":29.6,"factors":{"premium":0.0,"retention":15.0,"loss":14.6,"relationship":0.0}},"risk":{"tier":"low","score":22.0,"factors":{"industry":7.5,"catastrophe":5.0,"property":6.0,"claims":3.5}},"behavior":{"segment":"potential","recency_days":22,"touches_365":2}}"#
    );
    // C0018, large, section E: in force 850,000 / 3 years (283,333 a year)
    // + 210,000 + 120,000 = 613,333 → 40 × ln(6.13) / ln(100) = 15.8; no
    // renewal yet → 15; no claims, 907,297 earned → LRc 0.344 → 25; since
    // 2010 → 5, 3 lines → 5. Risk: class 5 → 30; 北京 and 河北 0/1/2 →
    // 12.5; non-combustible 4 (built 2021, sprinklered); severity 1.8.
    // Touches: two starts on 2025-07-15 and a visit 12 days ago: active.
    assert_eq!(
        line_of(&out, "C0018"),
        r#"{"customer_id":"C0018","as_of":"2026-06-30","value":{"tier":"high","score":65.8,"factors":{"premium":15.8,"retention":15.0,"loss":25.0,"relationship":10.0}},"risk":{"tier":"medium","score":48.3,"factors":{"industry":30.0,"catastrophe":12.5,"property":4.0,"claims":1.8}},"behavior":{"segment":"active","recency_days":12,"touches_365":3}}"#
    );
}

#[test]
fn segment_json_prints_the_same_lines_for_the_customers_it_selects() {
    let dir = sample_book();
    let out = pcrm(dir.path())
        .args(["segment", "--json", "risk=high", "kind=sme"])
        .assert()
        .success();
    let out = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let expected: String = GOLDEN
        .lines()
        .filter(|l| {
            l.contains(r#""risk":{"tier":"high""#)
                && ["C0013", "C0014", "C0015", "C0016", "C0017"]
                    .iter()
                    .any(|id| l.contains(&format!("\"customer_id\":\"{id}\"")))
        })
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(out, expected);
}
