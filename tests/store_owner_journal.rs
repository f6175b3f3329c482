//! A batch holding millions of owner-index changes (as a million-customer
//! demo or import does) that fails rolls back to exactly the book it started
//! from, owner buckets included.

mod common;

use pcrm::model::*;
use pcrm::store::{check::check, Book, TreeId};

fn customer(id: &str) -> Customer {
    common::customer(id, CustomerKind::Individual)
        .name("李四")
        .province("浙江")
        .build()
        .customer
}

fn interaction(id: String, customer_id: &str) -> Interaction {
    Interaction {
        id,
        customer_id: customer_id.to_string(),
        at: chrono::NaiveDate::from_ymd_opt(2026, 1, 2)
            .unwrap()
            .and_hms_opt(9, 30, 0)
            .unwrap(),
        channel: Channel::Phone,
        kind: InteractionKind::Inquiry,
        satisfaction: None,
        note: None,
    }
}

fn owners_tree(book: &Book) -> Vec<Vec<(Vec<u8>, Vec<u8>)>> {
    common::raw_trees(book, &[TreeId::Owners])
}

#[test]
fn a_batch_that_flushed_owners_twice_rolls_back_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let book = Book::open(dir.path(), "tester").unwrap();
    // A committed book whose interactions fill many owner buckets.
    let mut doc = CustomerDoc::new(customer("C1"));
    let mut batch = book.begin("import", false).unwrap();
    for i in 0..20_000 {
        let child = interaction(format!("I{i:06}"), "C1");
        batch
            .set_owner::<Interaction>(&child.id, Some("C1"))
            .unwrap();
        doc.upsert(child);
    }
    batch.put(&doc).unwrap();
    batch.commit("seed").unwrap();
    let before = owners_tree(&book);

    {
        // Millions of owner changes held by the batch (over the seed's
        // buckets), then the batch fails.
        let mut batch = book.begin("import", false).unwrap();
        batch.put(&CustomerDoc::new(customer("C2"))).unwrap();
        for i in 0..4_200_000 {
            batch
                .set_owner::<Interaction>(&format!("J{i:07}"), Some("C2"))
                .unwrap();
        }
        batch.set_owner::<Interaction>("I000001", None).unwrap();
        assert_eq!(
            batch
                .owner_of::<Interaction>("J0000007")
                .unwrap()
                .as_deref(),
            Some("C2")
        );
    } // dropped without commit: rolled back

    assert_eq!(owners_tree(&book), before);
    assert_eq!(
        book.owner_of::<Interaction>("I000001").unwrap().as_deref(),
        Some("C1")
    );
    assert_eq!(book.owner_of::<Interaction>("J0000007").unwrap(), None);
    assert!(book.doc("C2").unwrap().is_none());
    assert_eq!(check(&book).unwrap(), Vec::<String>::new());
}
