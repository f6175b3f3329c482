//! `pcrm classify`, `explain` and `segment` run as a user would, on a small
//! hand-made book whose scores are worked out by hand from
//! classification.md (see the comments), plus the segments export.

mod common;

use assert_cmd::Command;
use common::{customer, open_book, put_docs};
use pcrm::classify::{export_segments, run_pending, Rules};
use pcrm::model::{ClaimStatus, Construction, CustomerKind, Line, Occupancy};
use pcrm::segment::Expr;
use predicates::prelude::*;
use std::path::Path;

/// C1: a prospect. C2: lapsed in March, churned. C3: a renewing SME.
fn sample_book(dir: &Path) {
    let book = open_book(dir);
    put_docs(
        &book,
        &[
            customer("C1", CustomerKind::Individual)
                .name("王芳")
                .build(),
            customer("C2", CustomerKind::Individual)
                .name("李雷")
                .manager("li.wei")
                .policy("P21", Line::Motor, 3650, "2025-03-01", "2026-03-01")
                .build(),
            customer("C3", CustomerKind::Sme)
                .name("深圳华强制造有限公司")
                .industry("C")
                .province("广东")
                .since("2020-01-01")
                .tags(&["vip"])
                .policy("P31", Line::Property, 180_000, "2025-01-01", "2026-01-01")
                .policy("P32", Line::Property, 200_000, "2026-01-01", "2027-01-01")
                .location(
                    "L31",
                    "广东",
                    Construction::Masonry,
                    Occupancy::Manufacturing,
                    Some(2000),
                    Some(true),
                )
                .claim(
                    "K31",
                    "P31",
                    "2025-06-01",
                    None,
                    50_000,
                    0,
                    ClaimStatus::Closed,
                )
                .touch("I31", "2026-04-01 10:00")
                .touch("I32", "2026-05-01 10:00")
                .touch("I33", "2026-06-01 10:00")
                .build(),
        ],
    );
}

fn pcrm(db: &Path) -> Command {
    let mut cmd = Command::cargo_bin("pcrm").unwrap();
    cmd.arg("--db")
        .arg(db)
        .args(["--as-of", "2026-06-30", "--user", "tester"]);
    cmd
}

fn stdout_of(cmd: &mut Command) -> String {
    let out = cmd.assert().success().get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

// C1, individual in 上海 with nothing on file: premium 0, retention 15 (no
// history), loss 25 × (1 - 0.65) / 0.6 = 14.58; industry class 2 = 7.5,
// 上海 2/2/0 → 3 × 5 = 15, no survey 6, severity 8 × 0.65 / 1.5 = 3.47.
const C1: &str = r#"{"customer_id":"C1","as_of":"2026-06-30","value":{"tier":"low","score":29.6,"factors":{"premium":0.0,"retention":15.0,"loss":14.6,"relationship":0.0}},"risk":{"tier":"medium","score":32.0,"factors":{"industry":7.5,"catastrophe":15.0,"property":6.0,"claims":3.5}},"behavior":{"segment":"potential","recency_days":null,"touches_365":0}}"#;

// C2: 3,650 yuan for 2025-03-01..2026-03-01. Earned in the last year 243
// days = 2,430 → 40 × ln(4.86) / ln(40) = 17.14; lost (no successor) → 0;
// 3,650 earned in the window, Z = 3650 / 23650, LRc = (1 - Z) × 0.65 =
// 0.5497 → loss 18.76, severity 2.93; customer since the policy start, 486
// days → tenure 1.33. Nothing in force, ended 2026-03-01: churned.
const C2: &str = r#"{"customer_id":"C2","as_of":"2026-06-30","value":{"tier":"low","score":37.2,"factors":{"premium":17.1,"retention":0.0,"loss":18.8,"relationship":1.3}},"risk":{"tier":"medium","score":31.4,"factors":{"industry":7.5,"catastrophe":15.0,"property":6.0,"claims":2.9}},"behavior":{"segment":"churned","recency_days":486,"touches_365":0}}"#;

// C3: 200,000 in force → 40 × ln(40) / ln(100) = 32.04; renewed 1 of 1 →
// 25; earned 279,178.08 in the window, 50,000 incurred, Z = 0.583 → LRc
// 0.334 ≤ 0.4 → 25; 6.5 years → 5 + 1 line → 1.67. Risk: section C class 4
// → 22.5; 广东 3/2/1 → 4.5 → 22.5; masonry 8 + 26 years 2 → 10; 1 claim
// over 1.50 policy-years → 12, severity 8 × 0.334 / 1.5 = 1.78. Touches on
// 04-01, 05-01, 06-01 and the 2026-01-01 start: active.
const C3: &str = r#"{"customer_id":"C3","as_of":"2026-06-30","value":{"tier":"high","score":88.7,"factors":{"premium":32.0,"retention":25.0,"loss":25.0,"relationship":6.7}},"risk":{"tier":"high","score":68.8,"factors":{"industry":22.5,"catastrophe":22.5,"property":10.0,"claims":13.8}},"behavior":{"segment":"active","recency_days":29,"touches_365":4}}"#;

#[test]
fn classify_json_prints_the_spec_lines_sorted_by_customer() {
    let dir = tempfile::tempdir().unwrap();
    sample_book(dir.path());
    let out = stdout_of(pcrm(dir.path()).args(["classify", "--json"]));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines, [C1, C2, C3]);
    // Stored: a second run prints the same without reclassifying.
    assert_eq!(
        stdout_of(pcrm(dir.path()).args(["classify", "--json"])),
        out
    );
}

#[test]
fn classify_prints_the_matrix_and_stats_show_the_classification() {
    let dir = tempfile::tempdir().unwrap();
    sample_book(dir.path());
    let out = stdout_of(pcrm(dir.path()).arg("classify"));
    assert!(
        out.contains("as of 2026-06-30 · rules pcrm-default-1 · 3 customers"),
        "{out}"
    );
    // value high / risk high: C3 with its 200,000 in force.
    let high = out.lines().find(|l| l.starts_with("value high")).unwrap();
    assert_eq!(
        high.split_whitespace().collect::<Vec<_>>(),
        ["value", "high", "1", "0", "0", "1"]
    );
    assert!(out.contains("¥200,000"), "{out}");
    assert!(out.contains("active 活跃 1 (33.3%)"), "{out}");
    assert!(out.contains("churned 流失 1 (33.3%)"), "{out}");
    assert!(out.contains("3 results changed"), "{out}");
    let again = stdout_of(pcrm(dir.path()).arg("classify"));
    assert!(again.contains("0 results changed"), "{again}");

    let stats = stdout_of(pcrm(dir.path()).args(["stats", "--json"]));
    let stats: serde_json::Value = serde_json::from_str(&stats).unwrap();
    assert_eq!(stats["classified_as_of"], "2026-06-30");
    assert_eq!(stats["rules_version"], "pcrm-default-1");
}

#[test]
fn explain_gives_every_factor_with_a_reason_and_the_actions() {
    let dir = tempfile::tempdir().unwrap();
    sample_book(dir.path());
    let out = stdout_of(pcrm(dir.path()).args(["explain", "C3"]));
    for expected in [
        "C3 深圳华强制造有限公司 · sme 中小微企业 · 广东 · as of 2026-06-30",
        "value: high 高价值  88.7",
        "annual premium in force ¥200,000 on the scale for SMEs from ¥5,000",
        "renewed 1 of 1 policy that came up for renewal in the last 3 years",
        "loss ratio 18% (¥50,000 incurred on ¥279,178 earned in the last 3 years)",
        "customer for 6.5 years (since 2020-01-01); 1 line of business in force",
        "risk: high 高风险  68.8",
        "制造业 (C): hazard class 4 of 5",
        "insured location L31 in 广东: typhoon 3, flood 2, earthquake 1 (index 4.5 of 6)",
        "L31: masonry construction 8, built 2000 (26 years) 2, sprinklered 0",
        "1 claim in the last 3 years over 1.5 policy-years",
        "behaviour: active 活跃",
        "latest touch 29 days ago, 4 touches in the last year",
        "high value 高价值: 专属客户经理 dedicated account manager",
        "high risk 高风险: 详细风险评估报告 detailed risk assessment report",
        "active 活跃: 专属客户活动 exclusive events",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in\n{out}");
    }
    let prospect = stdout_of(pcrm(dir.path()).args(["explain", "C1"]));
    assert!(prospect.contains("no policy yet: a prospect"), "{prospect}");
    assert!(
        prospect.contains("no property survey on file"),
        "{prospect}"
    );
    assert!(
        prospect.contains("no industry on file: hazard class 2 of 5 assumed"),
        "{prospect}"
    );
}

#[test]
fn explain_refuses_an_unknown_customer() {
    let dir = tempfile::tempdir().unwrap();
    sample_book(dir.path());
    pcrm(dir.path())
        .args(["explain", "NOPE"])
        .assert()
        .code(65)
        .stderr(predicate::str::contains("no customer NOPE"));
}

#[test]
fn segment_lists_matching_customers_and_refuses_unknown_terms() {
    let dir = tempfile::tempdir().unwrap();
    sample_book(dir.path());
    assert_eq!(
        stdout_of(pcrm(dir.path()).args(["segment", "value=high", "province=广东"])),
        "C3\t深圳华强制造有限公司\n"
    );
    assert_eq!(
        stdout_of(pcrm(dir.path()).args(["segment", "behavior=流失", "manager=li.wei"])),
        "C2\t李雷\n"
    );
    assert_eq!(
        stdout_of(pcrm(dir.path()).args(["segment", "tag=vip", "华强"])),
        "C3\t深圳华强制造有限公司\n"
    );
    assert_eq!(
        stdout_of(pcrm(dir.path()).args(["segment", "--json", "value=low"])),
        format!("{C1}\n{C2}\n")
    );
    pcrm(dir.path())
        .args(["segment", "colour=red"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown field `colour`"));
    pcrm(dir.path())
        .args(["segment", "risk=extreme"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown risk `extreme`"));
}

#[test]
fn a_bad_rules_file_is_refused_with_file_line_and_key() {
    let dir = tempfile::tempdir().unwrap();
    sample_book(dir.path());
    let rules = dir.path().join("bad.toml");
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/rules.toml"))
        .unwrap()
        .replace("tier_medium = 30.0", "tier_medium = 130.0");
    std::fs::write(&rules, &text).unwrap();
    let line = text.lines().position(|l| l.contains("130.0")).unwrap() + 1;
    pcrm(dir.path())
        .arg("--rules")
        .arg(&rules)
        .arg("classify")
        .assert()
        .code(65)
        .stderr(predicate::str::contains(format!(
            "bad.toml:{line}: risk.tier_medium: 130 is out of range"
        )));
    pcrm(dir.path())
        .arg("--rules")
        .arg(dir.path().join("missing.toml"))
        .arg("classify")
        .assert()
        .code(66)
        .stderr(predicate::str::contains("missing.toml"));
    // Nothing was classified with the refused rules.
    let stats = stdout_of(pcrm(dir.path()).args(["stats", "--json"]));
    assert!(stats.contains("\"classified_as_of\":null"), "{stats}");
}

#[test]
fn export_segments_writes_the_stored_labels() {
    let dir = tempfile::tempdir().unwrap();
    sample_book(dir.path());
    let book = open_book(dir.path());
    run_pending(&book, &Rules::embedded(), common::t()).unwrap();
    let mut all = Vec::new();
    assert_eq!(export_segments(&book, None, &mut all).unwrap(), 3);
    assert_eq!(
        String::from_utf8(all).unwrap(),
        "customer_id,value_tier,value_score,risk_tier,risk_score,behavior,as_of\n\
         C1,low,29.6,medium,32.0,potential,2026-06-30\n\
         C2,low,37.2,medium,31.4,churned,2026-06-30\n\
         C3,high,88.7,high,68.8,active,2026-06-30\n"
    );
    let mut some = Vec::new();
    let expr = Expr::parse("risk=medium kind=individual 李").unwrap();
    assert_eq!(export_segments(&book, Some(&expr), &mut some).unwrap(), 1);
    assert!(String::from_utf8(some)
        .unwrap()
        .ends_with("C2,low,37.2,medium,31.4,churned,2026-06-30\n"));
}
