//! `--skip-invalid`: valid rows are imported, rejected rows (and the rows
//! that depend on them) go to `rejected-<table>.csv` with an `error` column.

mod common;

use common::{counts, pcrm, run, run_ok, write};
use tempfile::TempDir;

#[test]
fn rejected_rows_go_to_a_rejects_file_and_the_rest_is_imported() {
    let dir = TempDir::new().unwrap();
    let input = common::input_dir(dir.path());
    write(
        &input,
        "customers.csv",
        "name,customer_id,kind,province,note\n\
         单一,C1,individual,北京,x\n\
         曾二,C2,martian,上海,y\n\
         解三,C3,individual,Atlantis\n",
    );
    write(
        &input,
        "policies.csv",
        "policy_id,customer_id,line,premium,start_date,end_date\n\
         P1,C1,motor,100,2026-01-01,2027-01-01\n\
         P2,C2,motor,100,2026-01-01,2027-01-01\n\
         P3,C1,motor,\"1,000\",2026-01-01,2027-01-01\n",
    );
    let db = dir.path().join("book");
    let out = run(pcrm(&db).args(["import", "--skip-invalid"]).arg(&input));
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let rejected_customers = input.join("rejected-customers.csv");
    let rejected_policies = input.join("rejected-policies.csv");
    assert_eq!(
        stdout,
        format!(
            "customers     inserted 1, updated 0, unchanged 0, rejected 2\n\
             policies      inserted 1, updated 0, unchanged 0, rejected 2\n\
             warnings      1\n\
             imported 2 rows in batch #1; rejected 4 rows, written to {}, {}\n\
             classified 1 customers\n",
            rejected_customers.display(),
            rejected_policies.display()
        )
    );
    assert_eq!(counts(&db), [1, 0, 1, 0, 0, 0]);
    assert_eq!(
        std::fs::read_to_string(&rejected_customers).unwrap(),
        "customer_id,name,kind,id_number,phone,email,province,city,industry,since,account_manager,tags,error\n\
         C2,曾二,martian,,,,上海,,,,,,\"column kind: not one of individual, sme, large (or their Chinese labels) (\"\"martian\"\")\"\n\
         C3,解三,individual,,,,Atlantis,,,,,,\"4 cells, but the header has 5\"\n"
    );
    assert_eq!(
        std::fs::read_to_string(&rejected_policies).unwrap(),
        "policy_id,customer_id,line,premium,sum_insured,start_date,end_date,cancelled_on,location_id,error\n\
         P2,C2,motor,100,,2026-01-01,2027-01-01,,,\"column customer_id: customer C2 was rejected (in/customers.csv:3) (\"\"C2\"\")\"\n\
         P3,C1,motor,\"1,000\",,2026-01-01,2027-01-01,,,\"column premium: thousands separators are not accepted (\"\"1,000\"\")\"\n"
            .replace("in/customers.csv", &input.join("customers.csv").display().to_string())
    );
    run_ok(pcrm(&db).arg("check"));

    // The directory now holds rejects files: a second run ignores them.
    let out = run(pcrm(&db)
        .args(["import", "--skip-invalid", "--rejects"])
        .arg(dir.path().join("rejects"))
        .arg(&input));
    assert!(out.status.success());
    assert!(dir.path().join("rejects/rejected-policies.csv").exists());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(!stderr.contains("rejected-"), "{stderr}");
}

#[test]
fn a_rejected_update_leaves_the_book_record_for_others_to_refer_to() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("book");
    common::import_ok(&db, &[&common::sample()]);
    let input = common::input_dir(dir.path());
    write(
        &input,
        "customers.csv",
        "customer_id,name,kind,province\nC0001,张伟,martian,广东\n",
    );
    write(
        &input,
        "policies.csv",
        "policy_id,customer_id,line,premium,start_date,end_date\n\
         P0001,C0001,motor,9.99,2025-09-01,2026-09-01\n\
         P8001,C0001,accident,120,2026-01-01,2027-01-01\n",
    );
    write(
        &input,
        "claims.csv",
        "claim_id,policy_id,loss_date,cause,status\nK8001,P0001,2026-03-01,theft,open\n",
    );
    let out = run_ok(pcrm(&db).args(["import", "--skip-invalid"]).arg(&input));
    assert!(
        out.starts_with(
            "customers     inserted 0, updated 0, unchanged 0, rejected 1\n\
         policies      inserted 1, updated 1, unchanged 0, rejected 0\n\
         claims        inserted 1, updated 0, unchanged 0, rejected 0\n"
        ),
        "{out}"
    );
    assert_eq!(counts(&db), [20, 16, 46, 17, 29, 7]);
    run_ok(pcrm(&db).arg("check"));
}
