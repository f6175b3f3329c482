//! Good input in every accepted form: the sample book, BOM, GBK, Chinese
//! labels, province names, extra columns, a credit code with a bad
//! checksum. Checked through the real binary and by reading the book.

mod common;

use common::{counts, fixture, import_ok, pcrm, run, run_ok, sample, with_book};
use pcrm::model::{ClaimStatus, CustomerDoc, CustomerKind, Labelled, Line, Task};
use std::path::Path;
use tempfile::TempDir;

fn doc(db: &Path, id: &str) -> CustomerDoc {
    with_book(db, |book| book.doc(id).unwrap().unwrap())
}

#[test]
fn the_sample_book_imports_whole_and_checks_clean() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("book");
    let out = import_ok(&db, &[&sample()]);
    assert_eq!(
        out,
        "customers     inserted 20, updated 0, unchanged 0, rejected 0\n\
         locations     inserted 16, updated 0, unchanged 0, rejected 0\n\
         policies      inserted 45, updated 0, unchanged 0, rejected 0\n\
         claims        inserted 16, updated 0, unchanged 0, rejected 0\n\
         interactions  inserted 29, updated 0, unchanged 0, rejected 0\n\
         tasks         inserted 7, updated 0, unchanged 0, rejected 0\n\
         warnings      0\n\
         imported 133 rows in batch #1\n\
         classified 20 customers\n"
    );
    assert_eq!(counts(&db), [20, 16, 45, 16, 29, 7]);
    run_ok(pcrm(&db).arg("check"));

    // Chinese labels, official and pinyin province names, case.
    let c = doc(&db, "C0004");
    assert_eq!(
        (c.customer.kind, c.customer.province.short()),
        (CustomerKind::Individual, "上海")
    );
    assert_eq!(doc(&db, "C0007").customer.province.short(), "广西");
    assert_eq!(doc(&db, "C0012").customer.province.short(), "内蒙古");
    let c = doc(&db, "C0015");
    assert_eq!(c.customer.kind, CustomerKind::Sme);
    assert_eq!(c.customer.industry.map(|i| i.letter()), Some('H'));
    let c = doc(&db, "C0006");
    let claim = c.claims.iter().find(|k| k.id == "K0003").unwrap();
    assert_eq!(claim.status, ClaimStatus::Open);
    assert_eq!(
        claim.customer_id, "C0006",
        "a claim takes its policy's customer"
    );
    assert_eq!(c.policy("P0012").unwrap().line, Line::Motor);
    assert_eq!(c.locations[0].construction.code(), "frame");
    // A quoted note across two lines survives.
    let c = doc(&db, "C0003");
    let note = c
        .interactions
        .iter()
        .find(|i| i.id == "I0007")
        .unwrap()
        .note
        .clone();
    assert_eq!(note.as_deref(), Some("对拒赔结果不满意，\n要求复议"));
    // The multi-province customer holds both locations; tags sorted.
    let c = doc(&db, "C0013");
    let provinces: Vec<&str> = c.locations.iter().map(|l| l.province.short()).collect();
    assert_eq!(provinces, vec!["广东", "广西"]);
    assert_eq!(
        doc(&db, "C0016").customer.tags,
        vec!["hazmat", "key_account"]
    );
    with_book(&db, |book| {
        let task: Task = book.get("T0007").unwrap().unwrap();
        assert_eq!(task.priority.code(), "high");
        let owner = book.owner_of::<pcrm::model::Policy>("P0040").unwrap();
        assert_eq!(owner.as_deref(), Some("C0019"));
    });
}

#[test]
fn a_bom_an_extra_column_and_loose_header_names() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("book");
    let out = run(pcrm(&db)
        .args(["import", "--table", "customers"])
        .arg(fixture("bad/customers-bom.csv"))
        .arg(fixture("bad/customers-extra-columns.csv")));
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!(
            "warning: {}:1: unknown columns ignored: WeChat_ID, 备注\n",
            fixture("bad/customers-extra-columns.csv").display()
        )
    );
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .contains("warnings      1\n"));
    assert_eq!(doc(&db, "C9401").customer.name, "乐嘉");
    let c = doc(&db, "C9301");
    assert_eq!(
        (c.customer.name.as_str(), c.customer.province.short()),
        ("区小敏", "广西")
    );
    assert_eq!(doc(&db, "C9302").customer.kind, CustomerKind::Individual);
}

#[test]
fn a_gbk_file_with_encoding_gbk() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("book");
    run_ok(
        pcrm(&db)
            .args(["import", "--encoding", "gbk", "--table", "customers"])
            .arg(fixture("bad/customers-gbk.csv")),
    );
    let c = doc(&db, "C9501");
    assert_eq!(
        (c.customer.name.as_str(), c.customer.city.as_deref()),
        ("张三", Some("深圳"))
    );
    assert_eq!(c.customer.province.short(), "广东");
}

#[test]
fn a_bad_credit_code_checksum_warns_and_flags() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("book");
    let file = fixture("bad/customers-bad-uscc.csv");
    let out = run(pcrm(&db)
        .args(["import", "--table", "customers"])
        .arg(&file));
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!(
            "warning: {}:2: column id_number: unified social credit code checksum fails (last character should be 4); imported with the bad_uscc flag (\"914***********L1X0\")\n",
            file.display()
        )
    );
    let c = doc(&db, "C9101");
    assert!(c.customer.bad_uscc);
    assert_eq!(c.customer.id_number.as_deref(), Some("91440600MA4UQ2L1X0"));
}

#[test]
fn files_of_a_directory_are_read_in_dependency_order() {
    // Files given in the "wrong" order: policies before customers.
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("book");
    let s = sample();
    let files = [
        "tasks.csv",
        "claims.csv",
        "interactions.csv",
        "policies.csv",
        "locations.csv",
        "customers.csv",
    ]
    .map(|f| s.join(f));
    let paths: Vec<&Path> = files.iter().map(|p| p.as_path()).collect();
    import_ok(&db, &paths);
    assert_eq!(counts(&db), [20, 16, 45, 16, 29, 7]);
}
