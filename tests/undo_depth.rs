//! Only the newest `UNDO_DEPTH` undoable batches keep their journals: older
//! ones become final, and undo says so instead of half-reverting them.

mod common;

use common::{customer, open_book, put_docs};
use pcrm::followup::tags::{self, TagAction};
use pcrm::followup::undo::{self, UndoError};
use pcrm::model::CustomerKind;
use pcrm::store::{journal_exists, TreeId, UNDO_DEPTH};

#[test]
fn batches_beyond_the_undo_depth_become_final() {
    let dir = tempfile::tempdir().unwrap();
    let book = open_book(dir.path());
    let docs: Vec<_> = (0..5)
        .map(|i| customer(&format!("C{i}"), CustomerKind::Individual).build())
        .collect();
    put_docs(&book, &docs);
    let ids: Vec<String> = docs.iter().map(|d| d.customer.id.clone()).collect();

    let mut batches = Vec::new();
    for n in 0..UNDO_DEPTH + 3 {
        let outcome = tags::apply(&book, TagAction::Add, &format!("wave{n}"), &ids).unwrap();
        batches.push(outcome.batch_id.unwrap());
    }
    let (pruned, kept) = batches.split_at(3);
    for id in pruned {
        assert!(!journal_exists(&book, *id).unwrap(), "batch {id} pruned");
    }
    for id in kept {
        assert!(journal_exists(&book, *id).unwrap(), "batch {id} kept");
    }

    // The oldest batch is refused, naming why, and nothing is written.
    let before = book.tree(TreeId::Batches).len();
    match undo::undo(&book, Some(pruned[0])) {
        Err(UndoError::Refused { why, .. }) => {
            assert!(
                why.contains(&format!("last {UNDO_DEPTH} undoable")),
                "{why}"
            )
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(book.tree(TreeId::Batches).len(), before);

    // The newest still undoes exactly, and its undo does not push another
    // kept batch out (the undone batch's journal is gone, the undo's kept).
    undo::undo(&book, None).unwrap();
    let doc = book.doc("C0").unwrap().unwrap();
    let last = format!("wave{}", UNDO_DEPTH + 2);
    assert!(
        !doc.customer.tags.contains(&last),
        "{:?}",
        doc.customer.tags
    );
    assert!(doc
        .customer
        .tags
        .contains(&format!("wave{}", UNDO_DEPTH + 1)));
    for id in &kept[..kept.len() - 1] {
        assert!(journal_exists(&book, *id).unwrap(), "batch {id} still kept");
    }
}
