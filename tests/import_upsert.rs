//! Re-importing existing ids: updates with the previous value in the audit
//! log, customers keeping their records, tasks keeping their playbook
//! fields, records moving between customers.

mod common;

use common::{counts, import_ok, pcrm, run, run_ok, sample, with_book, write, USER};
use pcrm::model::{CustomerDoc, Policy, Task};
use serde_json::Value;
use std::path::Path;
use tempfile::TempDir;

fn audit(db: &Path) -> Vec<Value> {
    let out = run(pcrm(db).args(["audit", "--json"]));
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn sample_book() -> (TempDir, std::path::PathBuf) {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("book");
    import_ok(&db, &[&sample()]);
    (dir, db)
}

#[test]
fn an_updated_policy_is_audited_with_its_previous_value() {
    let (dir, db) = sample_book();
    let f = write(
        dir.path(),
        "policies.csv",
        "policy_id,customer_id,line,premium,sum_insured,start_date,end_date,cancelled_on,location_id\n\
         P0001,C0001,motor,5600.00,,2025-09-01,2026-09-01,,\n\
         P0002,C0001,homeowners,860.00,2500000,2026-01-10,2027-01-10,,L0001\n\
         P9999,C0001,accident,120,,2026-01-01,2027-01-01,,\n",
    );
    let out = import_ok(&db, &[&f]);
    assert!(
        out.starts_with("policies      inserted 1, updated 1, unchanged 1, rejected 0\n"),
        "{out}"
    );
    let entries = audit(&db);
    let batch = entries.last().unwrap()["batch"].clone();
    let this: Vec<&Value> = entries.iter().filter(|e| e["batch"] == batch).collect();
    assert_eq!(this.len(), 2, "{this:?}");
    assert_eq!(this[0]["action"], "import.update");
    assert_eq!(this[0]["target"], "policies/P0001");
    assert_eq!(this[0]["user"], USER);
    assert_eq!(this[0]["detail"], format!("file {}", f.display()));
    assert_eq!(this[0]["previous"]["premium"], "5200.00");
    assert_eq!(this[0]["previous"]["policy_id"], "P0001");
    assert_eq!(this[1]["action"], "import");
    assert_eq!(this[1]["target"], f.display().to_string());
    assert_eq!(
        this[1]["detail"],
        "policies: inserted 1, updated 1, unchanged 1, rejected 0"
    );

    let p: Policy = with_book(&db, |book| book.child("P0001").unwrap().unwrap());
    assert_eq!(p.premium.to_string(), "5600.00");
}

#[test]
fn a_customer_row_reimported_keeps_the_records_and_masks_the_audit() {
    let (dir, db) = sample_book();
    let f = write(
        dir.path(),
        "customers.csv",
        "customer_id,name,kind,id_number,phone,province,industry,tags\n\
         C0013,深圳市曾氏五金制品有限公司,sme,91440300MA5F3K2L57,0755-26889999,广东,C,key_account;vip\n",
    );
    let out = import_ok(&db, &[&f]);
    assert!(
        out.starts_with("customers     inserted 0, updated 1, unchanged 0"),
        "{out}"
    );
    let book_counts = counts(&db);
    assert_eq!(book_counts, [20, 16, 45, 16, 29, 7]);
    let doc: CustomerDoc = with_book(&db, |book| book.doc("C0013").unwrap().unwrap());
    assert_eq!(doc.customer.phone.as_deref(), Some("0755-26889999"));
    assert_eq!(doc.customer.tags, vec!["key_account", "vip"]);
    assert_eq!(doc.policies.len(), 6);
    assert_eq!(doc.locations.len(), 2);
    let entries = audit(&db);
    let update = entries
        .iter()
        .find(|e| e["action"] == "import.update" && e["target"] == "customers/C0013")
        .unwrap();
    // Personal data is masked on the way out of the audit log.
    assert_eq!(update["previous"]["phone"], "075******1234");
    assert_eq!(update["previous"]["tags"], "key_account");
}

#[test]
fn a_task_keeps_its_playbook_fields() {
    let (dir, db) = sample_book();
    with_book(&db, |book| {
        let mut task: Task = book.get("T0001").unwrap().unwrap();
        task.playbook = Some("renewal".into());
        task.policy_id = Some("P0005".into());
        task.dedupe_key = Some("renewal:P0005:2026-07-31".into());
        let mut batch = book.begin("playbook", true).unwrap();
        batch.put(&task).unwrap();
        batch.commit("playbook run").unwrap();
    });
    let f = write(
        dir.path(),
        "tasks.csv",
        "task_id,customer_id,title,due,assignee,status,priority,tags\n\
         T0001,C0002,续保 Renewal: P0005 expires 2026-07-31,2026-07-01,wang.fang,done,normal,renewal\n",
    );
    let out = import_ok(&db, &[&f]);
    assert!(
        out.starts_with("tasks         inserted 0, updated 1,"),
        "{out}"
    );
    let task: Task = with_book(&db, |book| book.get("T0001").unwrap().unwrap());
    assert_eq!(task.assignee.as_deref(), Some("wang.fang"));
    assert_eq!(task.playbook.as_deref(), Some("renewal"));
    assert_eq!(task.policy_id.as_deref(), Some("P0005"));
    assert_eq!(task.dedupe_key.as_deref(), Some("renewal:P0005:2026-07-31"));
}

#[test]
fn a_policy_moves_to_another_customer_unless_claims_hold_it() {
    let (dir, db) = sample_book();
    let f = write(
        dir.path(),
        "policies.csv",
        "policy_id,customer_id,line,premium,start_date,end_date\n\
         P0003,C0002,accident,300,2025-03-01,2026-03-01\n",
    );
    import_ok(&db, &[&f]);
    run_ok(pcrm(&db).arg("check"));
    with_book(&db, |book| {
        assert!(book
            .doc("C0001")
            .unwrap()
            .unwrap()
            .policy("P0003")
            .is_none());
        assert!(book
            .doc("C0002")
            .unwrap()
            .unwrap()
            .policy("P0003")
            .is_some());
        assert_eq!(
            book.owner_of::<Policy>("P0003").unwrap().as_deref(),
            Some("C0002")
        );
    });
    let moved = audit(&db)
        .into_iter()
        .find(|e| e["target"] == "policies/P0003")
        .unwrap();
    assert_eq!(moved["previous"]["customer_id"], "C0001");
    assert_eq!(counts(&db)[2], 45);

    // P0001 has claim K0001 in C0001's doc: it cannot move alone.
    let f = write(
        dir.path(),
        "policies.csv",
        "policy_id,customer_id,line,premium,start_date,end_date\n\
         P0001,C0002,motor,5200,2025-09-01,2026-09-01\n",
    );
    let out = run(pcrm(&db).arg("import").arg(&f));
    assert_eq!(out.status.code(), Some(65));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap().lines().next().unwrap(),
        format!(
            "{}:2: column customer_id: policy P0001 belongs to customer C0001 in the book, whose claims K0001 refer to it: it cannot move to customer C0002 (\"C0002\")",
            f.display()
        )
    );
}

#[test]
fn an_unchanged_reimport_writes_no_updates() {
    let (_dir, db) = sample_book();
    let before = audit(&db).len();
    let out = import_ok(&db, &[&sample()]);
    assert!(
        out.contains("customers     inserted 0, updated 0, unchanged 20, rejected 0"),
        "{out}"
    );
    let after = audit(&db);
    // One summary entry per file, nothing else.
    assert_eq!(after.len(), before + 6);
    assert!(after[before..].iter().all(|e| e["action"] == "import"));
}
