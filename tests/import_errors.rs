//! Every bad case of data-formats.md through the real binary: the exact
//! `FILE:LINE: column COLUMN: ...` lines, exit 65, and nothing written.

mod common;

use common::{counts, fixture, import_ok, pcrm, run, sample, write};
use std::path::Path;
use tempfile::TempDir;

/// A book holding the sample.
fn sample_book() -> TempDir {
    let dir = TempDir::new().unwrap();
    import_ok(&dir.path().join("book"), &[&sample()]);
    dir
}

/// Imports `file` as `table` into the sample book; asserts exit 65, the
/// error lines on stderr (before the final "pcrm: ..." line), and that the
/// book is unchanged.
fn refused(table: &str, file: &Path, expected: &[String]) {
    let dir = sample_book();
    let db = dir.path().join("book");
    let before = counts(&db);
    let out = run(pcrm(&db).args(["import", "--table", table]).arg(file));
    assert_eq!(out.status.code(), Some(65), "{out:?}");
    assert!(
        out.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    let (last, errors) = lines.split_last().unwrap();
    assert_eq!(errors, expected, "{stderr}");
    assert!(
        last.starts_with("pcrm: import refused:") && last.ends_with("nothing was written"),
        "{last}"
    );
    assert_eq!(counts(&db), before, "the book changed");
}

fn bad(name: &str) -> std::path::PathBuf {
    fixture(&format!("bad/{name}"))
}

fn at(file: &Path, line: u32, rest: &str) -> String {
    format!("{}:{line}: {rest}", file.display())
}

#[test]
fn wrong_resident_id_checksum_and_impossible_birth_date() {
    let f = bad("customers-resident-id.csv");
    refused(
        "customers",
        &f,
        &[
            at(
                &f,
                2,
                r#"column id_number: resident identity number: checksum fails (last character should be X) ("110***********0021")"#,
            ),
            at(
                &f,
                4,
                r#"column id_number: resident identity number: its birth date (characters 7-14) is not a real date ("110***********0021")"#,
            ),
        ],
    );
}

#[test]
fn thousands_separators_and_three_decimals() {
    let f = bad("policies-money.csv");
    refused(
        "policies",
        &f,
        &[
            at(
                &f,
                2,
                r#"column premium: thousands separators are not accepted ("1,200.00")"#,
            ),
            at(
                &f,
                3,
                r#"column premium: at most 2 fraction digits ("1200.005")"#,
            ),
            at(
                &f,
                4,
                r#"column sum_insured: thousands separators are not accepted ("5,000,000")"#,
            ),
        ],
    );
}

#[test]
fn end_before_start_cancellation_outside_the_term_and_bad_dates() {
    let f = bad("policies-dates.csv");
    refused(
        "policies",
        &f,
        &[
            at(
                &f,
                2,
                r#"column end_date: must be after start_date 2026-05-01 ("2026-04-30")"#,
            ),
            at(
                &f,
                3,
                r#"column cancelled_on: must be between start_date 2026-05-01 and end_date 2027-05-01 ("2027-05-02")"#,
            ),
            at(
                &f,
                4,
                r#"column start_date: not a date (YYYY-MM-DD) ("2026/05/01")"#,
            ),
            at(
                &f,
                4,
                r#"column end_date: not a date (YYYY-MM-DD) ("2027-02-30")"#,
            ),
        ],
    );
}

#[test]
fn unknown_references_and_a_location_of_another_customer() {
    let f = bad("policies-references.csv");
    refused(
        "policies",
        &f,
        &[
            at(
                &f,
                2,
                r#"column customer_id: no such customer in this import or in the book ("C9999")"#,
            ),
            at(
                &f,
                3,
                r#"column location_id: location L0004 belongs to customer C0013, not to C0001 ("L0004")"#,
            ),
            at(
                &f,
                4,
                r#"column location_id: no such location in this import or in the book ("L9999")"#,
            ),
        ],
    );
    let f = bad("claims-references.csv");
    refused(
        "claims",
        &f,
        &[
            at(
                &f,
                2,
                r#"column policy_id: no such policy in this import or in the book ("P9999")"#,
            ),
            at(
                &f,
                3,
                r#"column reported_date: must not be before loss_date 2026-03-01 ("2026-02-28")"#,
            ),
        ],
    );
}

#[test]
fn duplicates_within_a_file_and_across_files_of_a_table() {
    let f = bad("customers-duplicates.csv");
    refused(
        "customers",
        &f,
        &[at(
            &f,
            4,
            r#"column customer_id: duplicate id, first on line 2 ("C9701")"#,
        )],
    );
    let dir = TempDir::new().unwrap();
    let other = write(
        dir.path(),
        "more.csv",
        "customer_id,name,kind,province\nC9702,周九,individual,上海\n",
    );
    let db = dir.path().join("book");
    let out = run(pcrm(&db)
        .args(["import", "--table", "customers"])
        .arg(&f)
        .arg(&other));
    assert_eq!(out.status.code(), Some(65));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains(&at(
            &other,
            2,
            &format!(
                r#"column customer_id: duplicate id, first on {}:3 ("C9702")"#,
                f.display()
            )
        )),
        "{stderr}"
    );
}

#[test]
fn ragged_rows() {
    let f = bad("customers-ragged.csv");
    refused(
        "customers",
        &f,
        &[
            at(&f, 3, "3 cells, but the header has 4"),
            at(&f, 4, "5 cells, but the header has 4"),
        ],
    );
}

#[test]
fn an_enterprise_without_industry_an_unknown_province_and_a_bad_tag() {
    let f = bad("customers-enterprise.csv");
    refused(
        "customers",
        &f,
        &[
            at(&f, 2, r#"column province: not a provincial-level division of China (such as 广东, 广东省 or Guangdong) ("Atlantis")"#),
            at(&f, 2, r#"column tags: tag "a b" is not 1-32 letters, digits, _ or - (tags are separated by ;) ("vip;a b")"#),
            at(&f, 2, "column industry: an enterprise (sme or large) needs its GB/T 4754-2017 section letter A..T"),
        ],
    );
}

#[test]
fn a_missing_required_column() {
    let f = bad("customers-missing-column.csv");
    refused(
        "customers",
        &f,
        &[at(&f, 1, "column kind: required column is missing")],
    );
}

#[test]
fn not_utf8_names_the_line_and_hints_at_gbk() {
    let f = bad("customers-gbk.csv");
    refused(
        "customers",
        &f,
        &[at(&f, 2, "column name: not valid UTF-8 (bytes D5); if it was saved by Excel on Chinese Windows (GBK), import it with --encoding gbk")],
    );
    // The bad byte on the third line of a quoted cell that spans lines.
    let dir = TempDir::new().unwrap();
    let f = dir.path().join("interactions.csv");
    let mut bytes = b"interaction_id,customer_id,at,channel,kind,satisfaction,note\n".to_vec();
    bytes
        .extend_from_slice(b"I9001,C0001,2026-06-01,phone,inquiry,,\"one\ntwo\nthree \xB2\xE2\"\n");
    std::fs::write(&f, bytes).unwrap();
    refused(
        "interactions",
        &f,
        &[at(&f, 4, "column note: not valid UTF-8 (bytes B2); if it was saved by Excel on Chinese Windows (GBK), import it with --encoding gbk")],
    );
}

#[test]
fn a_quoted_cell_with_line_breaks_counts_its_lines() {
    let f = bad("interactions-multiline.csv");
    refused(
        "interactions",
        &f,
        &[
            at(
                &f,
                5,
                r#"column channel: not one of phone, wechat, app, web, email, sms, visit, agent (or their Chinese labels) ("carrier pigeon")"#,
            ),
            at(
                &f,
                5,
                r#"column satisfaction: not a whole number from 1 to 5 ("6")"#,
            ),
        ],
    );
}

#[test]
fn at_most_50_errors_then_a_count() {
    let dir = TempDir::new().unwrap();
    let mut csv = String::from("customer_id,name,kind,province\n");
    for i in 0..60 {
        csv.push_str(&format!("X{i},某人,robot,北京\n"));
    }
    let f = write(dir.path(), "customers.csv", &csv);
    let out = run(pcrm(&dir.path().join("book")).arg("import").arg(&f));
    assert_eq!(out.status.code(), Some(65));
    let stderr = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 52, "{stderr}");
    assert!(lines[0].starts_with(&format!(
        "{}:2: column kind: not one of individual, sme, large",
        f.display()
    )));
    assert!(lines[49].starts_with(&format!("{}:51: column kind:", f.display())));
    assert_eq!(lines[50], "... and 10 more errors");
    assert_eq!(
        lines[51],
        "pcrm: import refused: 60 errors found, nothing was written"
    );
}

#[test]
fn all_or_nothing_across_files() {
    let dir = TempDir::new().unwrap();
    let input = common::input_dir(dir.path());
    write(
        &input,
        "customers.csv",
        "customer_id,name,kind,province\nC1,单一,individual,北京\nC2,曾二,individual,上海\n",
    );
    write(&input, "policies.csv", "policy_id,customer_id,line,premium,start_date,end_date\nP1,C1,motor,100,2026-01-01,2027-01-01\nP2,C2,motor,1.001,2026-01-01,2027-01-01\n");
    let db = dir.path().join("book");
    let out = run(pcrm(&db).arg("import").arg(&input));
    assert_eq!(out.status.code(), Some(65));
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("policies.csv:3: column premium: at most 2 fraction digits (\"1.001\")"));
    assert_eq!(counts(&db), [0; 6]);
    // References into rows that failed are not reported twice.
    write(
        &input,
        "customers.csv",
        "customer_id,name,kind,province\nC1,单一,alien,北京\nC2,曾二,individual,上海\n",
    );
    write(&input, "policies.csv", "policy_id,customer_id,line,premium,start_date,end_date\nP1,C1,motor,100,2026-01-01,2027-01-01\n");
    let out = run(pcrm(&db).arg("import").arg(&input));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 2, "{stderr}");
    assert!(stderr.contains("customers.csv:2: column kind:"), "{stderr}");
}

#[test]
fn a_missing_input_is_exit_66_and_creates_no_book() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("book");
    let missing = dir.path().join("nowhere.csv");
    let out = run(pcrm(&db).arg("import").arg(&missing));
    assert_eq!(out.status.code(), Some(66));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!("pcrm: {}: no such file or directory\n", missing.display())
    );
    assert!(!db.exists());
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    write(&empty, "notes.csv", "a,b\n");
    let out = run(pcrm(&db).arg("import").arg(&empty));
    assert_eq!(out.status.code(), Some(66));
    assert!(String::from_utf8_lossy(&out.stderr).contains("holds none of customers.csv"));
}

#[test]
fn wrong_usage_is_exit_2() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("book");
    let f = write(dir.path(), "book-of-business.csv", "customer_id\n");
    let out = run(pcrm(&db).arg("import").arg(&f));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("the table is not known from the file's name"));
    let out = run(pcrm(&db).args(["import", "--table", "segments"]).arg(&f));
    assert_eq!(out.status.code(), Some(2));
    let out = run(pcrm(&db).args(["import", "--encoding", "latin1"]).arg(&f));
    assert_eq!(out.status.code(), Some(2));
    assert!(!db.exists());
}
