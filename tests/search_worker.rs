//! The background searcher on a real book: it builds in the background and
//! reports progress, answers only the newest query, and applies updates in
//! order with queries.

mod search_support;

use crossbeam_channel::Receiver;
use pcrm::demo::{generate, DemoOptions};
use pcrm::search::{MatchedOn, SearchEvent, Searcher};
use pcrm::store::Book;
use search_support::*;
use std::sync::Arc;
use std::time::Duration;

const PATIENCE: Duration = Duration::from_secs(60);

/// A demo book of `customers`.
fn demo(book: &Book, customers: u64, seed: u64) {
    let options = DemoOptions {
        customers,
        seed,
        as_of: day(2026, 6, 30),
    };
    generate(book, &options, &mut |_, _| {}).unwrap();
}

fn next(events: &Receiver<SearchEvent>) -> SearchEvent {
    events.recv_timeout(PATIENCE).expect("the searcher answers")
}

/// Events up to and including `Ready`.
fn until_ready(events: &Receiver<SearchEvent>) -> Vec<SearchEvent> {
    let mut seen = Vec::new();
    loop {
        let event = next(events);
        let ready = matches!(event, SearchEvent::Ready { .. });
        seen.push(event);
        if ready {
            return seen;
        }
    }
}

fn results(events: &Receiver<SearchEvent>) -> (u64, Vec<pcrm::search::Hit>) {
    match next(events) {
        SearchEvent::Results { query_id, hits } => (query_id, hits),
        other => panic!("expected results, got {other:?}"),
    }
}

#[test]
fn builds_in_the_background_and_reports_progress() {
    let dir = tempfile::tempdir().unwrap();
    let book = Book::open(dir.path(), "tester").unwrap();
    demo(&book, 5000, 7);
    let (searcher, events) = Searcher::start(Arc::new(book));
    let seen = until_ready(&events);
    let mut last = 0;
    for event in &seen[..seen.len() - 1] {
        match event {
            SearchEvent::BuildProgress { done, total } => {
                assert!(*done >= last && *done <= 5000, "{done}");
                // A first build cannot know the total yet.
                assert_eq!(*total, 0);
                last = *done;
            }
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(last, 5000);
    assert!(matches!(
        seen.last(),
        Some(SearchEvent::Ready {
            customers: 5000,
            ..
        })
    ));
    drop(searcher);

    // The next start knows how many to expect.
    let book = Book::open(dir.path(), "tester").unwrap();
    let (_searcher, events) = Searcher::start(Arc::new(book));
    let seen = until_ready(&events);
    assert!(seen
        .iter()
        .any(|e| matches!(e, SearchEvent::BuildProgress { total: 5000, .. })));
}

#[test]
fn only_the_newest_query_is_answered() {
    let dir = tempfile::tempdir().unwrap();
    let book = Book::open(dir.path(), "tester").unwrap();
    demo(&book, 20_000, 3);
    write(&book, &[with_phone(person("Z001", "张三"), "13812345678")]);
    let (searcher, events) = Searcher::start(Arc::new(book));
    // Typed while the index is being built: only the last is answered.
    let typed = [
        "1",
        "13",
        "138",
        "1381",
        "13812",
        "138123",
        "1381234",
        "13812345678",
    ];
    for (i, text) in typed.iter().enumerate() {
        searcher.query(i as u64 + 1, text, 5);
    }
    until_ready(&events);
    let (id, hits) = results(&events);
    assert_eq!(id, typed.len() as u64);
    assert_eq!(hits[0].customer_id, "Z001");
    assert_eq!(hits[0].matched, MatchedOn::Phone);
    assert_eq!(hits[0].detail, "138****5678");
    // Nothing else was answered.
    assert!(events.recv_timeout(Duration::from_millis(300)).is_err());

    // A query older than one already sent is dropped too.
    searcher.query(20, "zs", 5);
    searcher.query(10, "zhang", 5);
    let (id, hits) = results(&events);
    assert_eq!(id, 20);
    assert!(!hits.is_empty());
    assert!(events.recv_timeout(Duration::from_millis(300)).is_err());
}

#[test]
fn updates_apply_before_later_queries() {
    let dir = tempfile::tempdir().unwrap();
    let book = Arc::new(Book::open(dir.path(), "tester").unwrap());
    write(&book, &[person("C001", "张三"), person("C002", "李四")]);
    let (searcher, events) = Searcher::start(book.clone());
    until_ready(&events);

    searcher.query(1, "zs", 5);
    assert_eq!(results(&events).1.len(), 1);

    // Refresh after an import (read back from the book).
    write(&book, &[person("C003", "赵四"), person("C002", "李思")]);
    searcher.refresh(vec!["C003".into(), "C002".into()]);
    searcher.query(2, "ls", 5);
    let (_, hits) = results(&events);
    assert_eq!(
        hits.iter().map(|h| h.name.as_str()).collect::<Vec<_>>(),
        ["李思"]
    );
    searcher.query(3, "zs", 5);
    assert_eq!(results(&events).1.len(), 2);

    // Direct upsert and remove (an edit in the UI).
    searcher.upsert(with_phone(person("C004", "钱五"), "13900001111"));
    searcher.remove("C001");
    searcher.query(4, "1111", 5);
    assert_eq!(results(&events).1[0].customer_id, "C004");
    searcher.query(5, "zs", 5);
    let (_, hits) = results(&events);
    assert_eq!(
        hits.iter()
            .map(|h| h.customer_id.as_str())
            .collect::<Vec<_>>(),
        ["C003"]
    );
}

#[test]
fn refinement_while_typing_gives_the_same_answers_as_fresh_queries() {
    let dir = tempfile::tempdir().unwrap();
    let book = Arc::new(Book::open(dir.path(), "tester").unwrap());
    demo(&book, 3000, 11);
    let (searcher, events) = Searcher::start(book.clone());
    until_ready(&events);
    let index = pcrm::search::SearchIndex::build(&book, &|_| {}).unwrap();
    let mut id = 0;
    for typed in [
        "zhangs",
        "wangf",
        "1380013",
        "lp",
        "c00012",
        "张",
        "深圳市华",
    ] {
        let chars: Vec<char> = typed.chars().collect();
        // Typing forward, then back with backspace.
        let steps = (1..=chars.len()).chain((1..chars.len()).rev());
        for end in steps {
            let text: String = chars[..end].iter().collect();
            id += 1;
            searcher.query(id, &text, 10);
            let (answered, hits) = results(&events);
            assert_eq!(answered, id);
            assert_eq!(hits, index.query(&text, 10), "{text}");
        }
    }
}
