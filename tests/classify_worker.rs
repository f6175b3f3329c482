//! The background engine on a real book: progress, completion, single
//! flight, cancel, and failures reported as events.

mod common;

use common::{open_book, t};
use crossbeam_channel::Receiver;
use pcrm::classify::{stored, Engine, EngineEvent, Job, Phase, Rules};
use pcrm::demo::{self, DemoOptions};
use pcrm::store::{codec, Book, TreeId};
use std::sync::Arc;
use std::time::Duration;

/// A book large enough for progress events (one every 8,192 customers).
fn book_of(n: usize) -> (tempfile::TempDir, Arc<Book>) {
    let dir = tempfile::tempdir().unwrap();
    let book = open_book(dir.path());
    let options = DemoOptions {
        customers: n as u64,
        seed: 3,
        as_of: t(),
    };
    demo::generate(&book, &options, &mut |_, _| {}).unwrap();
    (dir, Arc::new(book))
}

fn next(events: &Receiver<EngineEvent>) -> EngineEvent {
    events
        .recv_timeout(Duration::from_secs(120))
        .expect("the engine reports within two minutes")
}

/// An engine on `book` whose full pass has started (it reports 0 done).
fn engine_in_a_full_pass(book: &Arc<Book>) -> (Engine, Receiver<EngineEvent>) {
    let (engine, events) = Engine::start(Arc::clone(book), Rules::embedded(), t());
    engine.request(Job::Full);
    assert!(matches!(
        next(&events),
        EngineEvent::Progress { done: 0, .. }
    ));
    (engine, events)
}

/// Events up to and including the end of one job.
fn until_done(events: &Receiver<EngineEvent>) -> Vec<EngineEvent> {
    let mut seen = Vec::new();
    loop {
        let e = next(events);
        let end = !matches!(e, EngineEvent::Progress { .. });
        seen.push(e);
        if end {
            return seen;
        }
    }
}

#[test]
fn a_full_job_reports_progress_then_finishes_with_the_changes() {
    let (_dir, book) = book_of(10_000);
    let (engine, events) = Engine::start(Arc::clone(&book), Rules::embedded(), t());
    engine.request(Job::Full);
    let seen = until_done(&events);
    let progress: Vec<(usize, usize, Phase)> = seen
        .iter()
        .filter_map(|e| match e {
            EngineEvent::Progress { done, total, phase } => Some((*done, *total, *phase)),
            _ => None,
        })
        .collect();
    // The first pass over a book does not know the total yet.
    assert_eq!(progress.first(), Some(&(0, 0, Phase::Classifying)));
    assert!(
        progress.contains(&(8192, 0, Phase::Classifying)),
        "{progress:?}"
    );
    assert_eq!(progress.last(), Some(&(10_000, 10_000, Phase::Flushing)));
    match seen.last() {
        Some(EngineEvent::Finished { changed, .. }) => assert_eq!(changed.len(), 10_000),
        other => panic!("expected Finished, got {other:?}"),
    }
    assert!(stored(&book, "C0010000").unwrap().is_some());

    // The next full pass knows it from the last one.
    engine.request(Job::Full);
    let seen = until_done(&events);
    assert!(seen.contains(&EngineEvent::Progress {
        done: 8192,
        total: 10_000,
        phase: Phase::Classifying
    }));

    // A request for one customer, unchanged: finishes with no change.
    engine.request(Job::Customers(vec!["C0000042".into()]));
    assert_eq!(
        until_done(&events)
            .last()
            .map(|e| matches!(e, EngineEvent::Finished { changed, .. } if changed.is_empty())),
        Some(true)
    );
}

#[test]
fn cancel_stops_a_running_pass_and_the_next_request_completes() {
    let (_dir, book) = book_of(10_000);
    let (engine, events) = engine_in_a_full_pass(&book);
    engine.cancel();
    assert_eq!(until_done(&events).last(), Some(&EngineEvent::Cancelled));
    // Its parameters were not recorded, so pending work is a full pass.
    engine.request(Job::Pending);
    match until_done(&events).last() {
        Some(EngineEvent::Finished { changed, .. }) => assert!(!changed.is_empty()),
        other => panic!("expected Finished, got {other:?}"),
    }
}

#[test]
fn requests_made_while_a_pass_runs_are_merged_into_one() {
    let (_dir, book) = book_of(10_000);
    let (engine, events) = engine_in_a_full_pass(&book);
    // Queued behind the running pass: a full pass absorbs the others.
    engine.request(Job::Customers(vec!["C0000001".into()]));
    engine.request(Job::Full);
    engine.request(Job::Full);
    engine.request(Job::Customers(vec!["C0000002".into()]));
    assert!(matches!(
        until_done(&events).last(),
        Some(EngineEvent::Finished { .. })
    ));
    assert!(matches!(
        until_done(&events).last(),
        Some(EngineEvent::Finished { .. })
    ));
    assert!(
        events.recv_timeout(Duration::from_millis(500)).is_err(),
        "one pass for all the queued requests"
    );
}

#[test]
fn a_store_error_is_reported_as_failed_and_the_engine_lives_on() {
    let (_dir, book) = book_of(100);
    let good = book
        .tree(TreeId::Customers)
        .get("C0000050")
        .unwrap()
        .unwrap();
    book.tree(TreeId::Customers)
        .insert("C0000050", vec![codec::SCHEMA_VERSION, 0xff])
        .unwrap();
    let (engine, events) = Engine::start(Arc::clone(&book), Rules::embedded(), t());
    engine.request(Job::Full);
    match until_done(&events).last() {
        Some(EngineEvent::Failed(message)) => {
            assert!(message.contains("customers/C0000050"), "{message}")
        }
        other => panic!("expected Failed, got {other:?}"),
    }
    book.tree(TreeId::Customers)
        .insert("C0000050", good)
        .unwrap();
    engine.request(Job::Full);
    assert!(matches!(
        until_done(&events).last(),
        Some(EngineEvent::Finished { .. })
    ));
}

#[test]
fn dropping_the_engine_stops_its_thread() {
    let (_dir, book) = book_of(10_000);
    let (engine, events) = Engine::start(Arc::clone(&book), Rules::embedded(), t());
    engine.request(Job::Full);
    assert!(matches!(
        next(&events),
        EngineEvent::Progress { done: 0, .. }
    ));
    drop(engine);
    // The pass was cancelled and the thread has ended: the channel closes.
    let rest: Vec<EngineEvent> = events.iter().collect();
    assert!(
        matches!(rest.last(), Some(EngineEvent::Cancelled)),
        "{rest:?}"
    );
    // The book is still usable (the engine held only an Arc).
    assert_eq!(Arc::strong_count(&book), 1);
}
