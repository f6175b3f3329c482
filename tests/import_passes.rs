//! The library API the benchmark uses, on real files and real books: an
//! import split into several write passes by a small memory budget gives
//! the same book as one pass; owners read by a scan give the same result
//! as per-row lookups; progress is reported by phase.

mod common;

use common::{export_all, gen, import_ok, pcrm, read_dir, run_ok, sample, write, USER};
use pcrm::import::{import_paths, ImportOptions, Phase, Progress, Tuning};
use pcrm::store::Book;
use std::cell::RefCell;
use std::path::Path;
use tempfile::TempDir;

/// Imports with the library in this process (the book is closed after).
fn import_with(db: &Path, input: &Path, tuning: Tuning) -> (u32, Vec<Phase>) {
    let phases = RefCell::new(Vec::<Phase>::new());
    let record = |p: &Progress| {
        assert!(p.done <= p.total, "{p:?}");
        let mut phases = phases.borrow_mut();
        if phases.last() != Some(&p.phase) {
            phases.push(p.phase);
        }
    };
    let mut opts = ImportOptions::new(vec![input.to_path_buf()]);
    opts.tuning = tuning;
    opts.progress = Some(&record);
    let passes = common::with_book(db, |book: &Book| import_paths(book, &opts).unwrap().passes);
    (passes, phases.into_inner())
}

#[test]
fn a_small_memory_budget_splits_the_write_into_passes_with_the_same_result() {
    let work = TempDir::new().unwrap();
    let input = common::input_dir(work.path());
    gen::write_csv_set(&input, 2_000).unwrap();

    let (passes, phases) = import_with(&work.path().join("one"), &input, Tuning::default());
    assert_eq!(passes, 1);
    assert_eq!(phases, [Phase::Validating, Phase::Writing { pass: 1 }]);

    let small = Tuning {
        hold_bytes: 100_000,
        ..Tuning::default()
    };
    let (passes, phases) = import_with(&work.path().join("many"), &input, small);
    assert!(passes > 3, "{passes} passes");
    assert_eq!(
        phases[..3],
        [
            Phase::Validating,
            Phase::Writing { pass: 1 },
            Phase::Reading { pass: 2 }
        ]
    );
    assert_eq!(phases.last(), Some(&Phase::Writing { pass: passes }));

    run_ok(pcrm(&work.path().join("many")).arg("check"));
    export_all(&work.path().join("one"), &work.path().join("x1"));
    export_all(&work.path().join("many"), &work.path().join("x2"));
    assert!(read_dir(&work.path().join("x1")) == read_dir(&work.path().join("x2")));
}

#[test]
fn owners_read_by_a_scan_agree_with_per_row_lookups() {
    let work = TempDir::new().unwrap();
    // Moves P0003 to C0002, adds a claim on a book policy and updates one.
    let input = common::input_dir(work.path());
    write(&input, "policies.csv", "policy_id,customer_id,line,premium,start_date,end_date\nP0003,C0002,accident,300,2025-03-01,2026-03-01\n");
    write(&input, "claims.csv", "claim_id,policy_id,loss_date,cause,status\nK7001,P0041,2026-01-05,liability,open\nK0001,P0001,2026-02-11,collision,closed\n");
    let mut exports = Vec::new();
    for (name, owner_scan_rows) in [("direct", u64::MAX), ("scan", 0)] {
        let db = work.path().join(name);
        import_ok(&db, &[&sample()]);
        let tuning = Tuning {
            owner_scan_rows,
            ..Tuning::default()
        };
        import_with(&db, &input, tuning);
        run_ok(pcrm(&db).arg("check"));
        let out = work.path().join(format!("{name}-export"));
        export_all(&db, &out);
        exports.push(read_dir(&out));
        common::with_book(&db, |book| {
            let doc = book.doc("C0002").unwrap().unwrap();
            assert!(doc.policy("P0003").is_some(), "{name}");
            let claim = book.child::<pcrm::model::Claim>("K7001").unwrap().unwrap();
            assert_eq!(claim.customer_id, "C0019", "{name}");
        });
    }
    assert!(exports[0] == exports[1]);
    let _ = USER;
}
