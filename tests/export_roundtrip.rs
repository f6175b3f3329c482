//! Export writes exactly the spec's columns and formats, and
//! export -> import into an empty book -> export is byte-identical.

mod common;

use common::{export_all, gen, import_ok, pcrm, read_dir, run, run_ok, sample};
use std::path::Path;
use tempfile::TempDir;

/// Imports `input`, exports, imports the export into an empty book,
/// exports again: both exports must be the same bytes.
fn round_trip(input: &Path, work: &Path) -> Vec<(String, Vec<u8>)> {
    let (first, second) = (work.join("first"), work.join("second"));
    import_ok(&work.join("book1"), &[input]);
    export_all(&work.join("book1"), &first);
    import_ok(&work.join("book2"), &[&first]);
    export_all(&work.join("book2"), &second);
    let files = read_dir(&first);
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "claims.csv",
            "customers.csv",
            "interactions.csv",
            "locations.csv",
            "policies.csv",
            "tasks.csv"
        ]
    );
    assert!(
        files == read_dir(&second),
        "the second export differs from the first"
    );
    files
}

#[test]
fn the_sample_round_trips_byte_for_byte() {
    let work = TempDir::new().unwrap();
    let files = round_trip(&sample(), work.path());
    let text = |name: &str| {
        String::from_utf8(files.iter().find(|(n, _)| n == name).unwrap().1.clone()).unwrap()
    };
    let customers = text("customers.csv");
    assert!(customers.starts_with("customer_id,name,kind,id_number,phone,email,province,city,industry,since,account_manager,tags\n"));
    // Codes for labels, short province names, upper-case industry, tags joined.
    assert!(customers.contains("\nC0015,成都单氏餐饮管理有限公司,sme,91510100MA6CQ8RT15,028-85551234,,四川,成都,H,,wang.fang,\n"));
    assert!(customers.contains(
        "\nC0007,区志强,individual,450103198309097758,0771-5551234,,广西,南宁,,,li.wei,投诉\n"
    ));
    assert!(customers.contains("\nC0001,张伟,individual,440305198503141232,13812345678,zhang.wei@example.cn,广东,深圳,,2019-04-01,li.wei,vip;高价值\n"));
    // Money with 2 decimals, absent amounts as 0.00 on claims.
    assert!(text("claims.csv")
        .contains("\nK0003,P0012,2026-05-02,2026-05-03,collision,2100.00,1500.00,open\n"));
    assert!(
        text("policies.csv").contains("\nP0003,C0001,accident,300.00,,2025-03-01,2026-03-01,,\n")
    );
    assert!(text("locations.csv")
        .contains("\nL0009,C0016,浙江,宁波,fire_resistive,hazardous,2008,yes,45000000.00\n"));
    // Date-times with seconds; a note with a line break stays quoted.
    let interactions = text("interactions.csv");
    assert!(interactions.contains("\nI0004,C0001,2026-06-12T00:00:00,web,survey,5,\n"));
    assert!(interactions.contains(
        "\nI0007,C0003,2026-02-15T10:00:00,sms,survey,1,\"对拒赔结果不满意，\n要求复议\"\n"
    ));
    assert!(
        text("tasks.csv").contains("\nT0006,C0012,首次报价跟进,2026-06-15,,open,normal,prospect\n")
    );
}

#[test]
fn a_generated_book_round_trips_byte_for_byte() {
    let work = TempDir::new().unwrap();
    let input = work.path().join("generated");
    std::fs::create_dir(&input).unwrap();
    gen::write_csv_set(&input, 3_000).unwrap();
    let files = round_trip(&input, work.path());
    let rows: usize = files
        .iter()
        .map(|(_, bytes)| bytes.iter().filter(|b| **b == b'\n').count())
        .sum();
    assert!(rows > 15_000, "{rows}");
}

#[test]
fn one_table_to_stdout_or_a_file() {
    let work = TempDir::new().unwrap();
    let db = work.path().join("book");
    import_ok(&db, &[&sample()]);
    export_all(&db, &work.path().join("all"));
    let stdout = run_ok(pcrm(&db).args(["export", "policies"]));
    let file = std::fs::read_to_string(work.path().join("all/policies.csv")).unwrap();
    assert_eq!(stdout, file);
    let out_file = work.path().join("p.csv");
    let said = run_ok(pcrm(&db).args(["export", "claims", "--out"]).arg(&out_file));
    assert_eq!(
        said,
        format!("16 claims written to {}\n", out_file.display())
    );
    assert_eq!(
        std::fs::read_to_string(&out_file).unwrap(),
        std::fs::read_to_string(work.path().join("all/claims.csv")).unwrap()
    );
    // Tasks only: no customer is read, the tasks come in id order.
    let tasks = run_ok(pcrm(&db).args(["export", "tasks"]));
    let ids: Vec<&str> = tasks.lines().skip(1).map(|l| &l[..5]).collect();
    assert_eq!(
        ids,
        ["T0001", "T0002", "T0003", "T0004", "T0005", "T0006", "T0007"]
    );
}

#[test]
fn a_segment_keeps_its_customers_with_their_records() {
    let work = TempDir::new().unwrap();
    let db = work.path().join("book");
    import_ok(&db, &[&sample()]);
    let sme = run_ok(pcrm(&db).args(["export", "customers", "--segment", "kind=sme"]));
    let kinds: Vec<&str> = sme
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(2).unwrap_or(""))
        .collect();
    assert!(!kinds.is_empty());
    assert!(kinds.iter().all(|k| *k == "sme"), "{sme}");
    let all = run_ok(pcrm(&db).args(["export", "customers"]));
    assert!(all.lines().count() > sme.lines().count());
    let segments = run_ok(pcrm(&db).args(["--as-of", "2026-06-30", "export", "segments"]));
    assert!(segments.starts_with("customer_id,"), "{segments}");
    assert_eq!(segments.lines().count(), all.lines().count());
}

#[test]
fn wrong_export_usage_is_exit_2() {
    let work = TempDir::new().unwrap();
    let db = work.path().join("book");
    for args in [
        vec!["export", "premiums"],
        vec!["export", "all"],
        vec!["export", "segments", "--segment", "colour=red"],
        vec!["export", "customers", "--segment", "value=enormous"],
    ] {
        let out = run(pcrm(&db).args(&args));
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty());
    }
}
