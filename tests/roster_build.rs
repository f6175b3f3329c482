//! The roster built from a real demo book agrees with the book, and its
//! views and aggregates with the rows.

mod tui_support;

use pcrm::model::{CustomerDoc, Fen, Task, TaskStatus};
use pcrm::roster::{
    facts, view, Analyst, Cell, Column, DocView, Feeder, Grouping, LoadEvent, RiskProfile, Roster,
    Segments, Sort, ViewRequest,
};
use pcrm::segment::Expr;
use pcrm::store::{codec, TreeId};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;
use tui_support::{as_of, demo_book, unclassified_demo_book};

fn load(book: &Arc<pcrm::store::Book>) -> (Roster, Vec<Task>) {
    let (_feeder, events) = Feeder::start(Arc::clone(book), as_of());
    let (mut tasks, mut snapshots) = (Vec::new(), 0);
    loop {
        match events
            .recv_timeout(Duration::from_secs(30))
            .expect("the feeder answers")
        {
            LoadEvent::Tasks(t) => tasks = t,
            LoadEvent::Snapshot { roster, done } => {
                assert_eq!(roster.len(), done);
                snapshots += 1;
            }
            LoadEvent::Loaded { roster, .. } => {
                assert!(snapshots >= 1, "a first screenful is sent early");
                return (roster, tasks);
            }
            LoadEvent::Failed(e) => panic!("{e}"),
            _ => {}
        }
    }
}

#[test]
fn rows_agree_with_the_book() {
    let dir = tempfile::tempdir().unwrap();
    let book = demo_book(dir.path(), 400);
    let (roster, tasks) = load(&book);
    assert_eq!(roster.live_count(), 400);
    assert_eq!(tasks.len(), book.scan::<Task>().count());
    let mut open: HashMap<String, u16> = HashMap::new();
    for t in tasks.iter().filter(|t| t.status == TaskStatus::Open) {
        *open.entry(t.customer_id.clone()).or_default() += 1;
    }
    for entry in book.tree(TreeId::Customers).iter() {
        let (_, bytes) = entry.unwrap();
        let doc: CustomerDoc = codec::decode(&bytes, &|| "doc".into()).unwrap();
        let row = roster.row(roster.find(&doc.customer.id).unwrap());
        // The row came from the stored bytes; these facts from the model.
        let f = facts(&DocView::of(&doc), as_of());
        assert_eq!(row.name(), doc.customer.name);
        assert_eq!(row.province(), doc.customer.province);
        assert_eq!(row.manager(), doc.customer.account_manager.as_deref());
        assert_eq!(row.tags(), doc.customer.tags.as_slice());
        assert_eq!(row.annual_premium(), f.annual_premium);
        assert_eq!(row.loss_inputs(), (f.earned, f.incurred));
        assert_eq!(row.exposures().collect::<Vec<_>>(), f.exposures);
        assert_eq!(
            row.open_tasks(),
            open.get(&doc.customer.id).copied().unwrap_or(0)
        );
    }
}

#[test]
fn views_filter_and_sort_every_column() {
    let dir = tempfile::tempdir().unwrap();
    let book = demo_book(dir.path(), 300);
    let (roster, _) = load(&book);
    let gd = Expr::parse("province=广东").unwrap();
    let shown = view(&roster, Some(&gd), Sort::default());
    let expected = roster
        .rows()
        .filter(|r| r.province().short() == "广东")
        .count();
    assert!(expected > 0);
    assert_eq!(shown.len(), expected);
    assert!(shown
        .iter()
        .all(|r| roster.row(*r).province().short() == "广东"));
    for column in Column::ALL {
        let down = view(
            &roster,
            None,
            Sort {
                column,
                reversed: false,
            },
        );
        let up = view(
            &roster,
            None,
            Sort {
                column,
                reversed: true,
            },
        );
        assert_eq!(down.len(), 300);
        assert_eq!(
            down.iter().rev().collect::<Vec<_>>(),
            up.iter().collect::<Vec<_>>()
        );
        let premiums: Vec<Fen> = down
            .iter()
            .map(|r| roster.row(*r).annual_premium())
            .collect();
        match column {
            Column::Premium => assert!(premiums.windows(2).all(|w| w[0] >= w[1])),
            Column::Name => {
                let names: Vec<&str> = down.iter().map(|r| roster.row(*r).name()).collect();
                assert!(names.windows(2).all(|w| w[0] <= w[1]));
            }
            Column::Id => {
                let ids: Vec<&str> = down.iter().map(|r| roster.row(*r).id()).collect();
                assert!(ids.windows(2).all(|w| w[0] < w[1]));
            }
            _ => {}
        }
    }
}

#[test]
fn the_analyst_answers_the_latest_request_with_aggregates() {
    let dir = tempfile::tempdir().unwrap();
    let book = demo_book(dir.path(), 200);
    let (roster, _) = load(&book);
    let (analyst, results) = Analyst::start();
    for generation in 1..=3 {
        analyst.request(ViewRequest {
            generation,
            roster: roster.clone(),
            filter: None,
            sort: Sort::default(),
            aggregates: generation == 1,
        });
    }
    let mut all = Vec::new();
    while let Ok(r) = results.recv_timeout(Duration::from_millis(500)) {
        all.push(r);
    }
    let last = all.last().unwrap();
    assert_eq!(last.generation, 3);
    assert_eq!(last.order.len(), 200);
    // Whether or not requests were coalesced, the aggregates asked for by
    // the first one came back.
    assert!(all.iter().any(|r| r.aggregates.is_some()));
}

#[test]
fn aggregates_add_up_to_the_rows() {
    let dir = tempfile::tempdir().unwrap();
    let book = unclassified_demo_book(dir.path(), 300);
    let (roster, _) = load(&book);
    let segments = Segments::compute(&roster);
    let total = segments.grand_total();
    assert_eq!(total.customers, 300);
    let premium: Fen = roster.rows().map(|r| r.annual_premium()).sum();
    assert_eq!(total.premium, premium);
    // Without stored labels every customer is "not classified yet".
    assert_eq!(segments.unclassified.customers, 300);
    assert!(segments
        .groups(Cell::default(), Grouping::Province)
        .is_empty());
    let profile = RiskProfile::compute(&roster);
    let insured: i64 = roster
        .rows()
        .flat_map(|r| r.exposures())
        .map(|(_, f)| f.0)
        .sum();
    assert_eq!(
        profile
            .exposures
            .iter()
            .map(|e| e.sum_insured.0)
            .sum::<i64>(),
        insured
    );
    let sorted = profile
        .exposures
        .windows(2)
        .all(|w| w[0].sum_insured >= w[1].sum_insured);
    assert!(sorted);
}

#[test]
fn the_segment_cube_adds_up_by_every_grouping() {
    let dir = tempfile::tempdir().unwrap();
    let book = demo_book(dir.path(), 300);
    let (roster, _) = load(&book);
    let segments = Segments::compute(&roster);
    assert_eq!(segments.unclassified.customers, 0);
    let all = segments.totals(Cell::default(), None);
    assert_eq!(all.customers, 300);
    for grouping in [Grouping::Kind, Grouping::Province, Grouping::Industry] {
        let groups = segments.groups(Cell::default(), grouping);
        assert_eq!(groups.iter().map(|(_, t)| t.customers).sum::<u64>(), 300);
        assert_eq!(
            groups.iter().map(|(_, t)| t.premium).sum::<Fen>(),
            all.premium
        );
    }
    // A cell counts exactly the rows with its labels.
    let high_high = Cell {
        value: Some(pcrm::model::Tier::High),
        risk: Some(pcrm::model::Tier::High),
        behavior: None,
    };
    let expected = roster
        .rows()
        .filter(|r| {
            r.value_tier() == Some(pcrm::model::Tier::High)
                && r.risk_tier() == Some(pcrm::model::Tier::High)
        })
        .count() as u64;
    assert_eq!(segments.totals(high_high, None).customers, expected);
    let profile = RiskProfile::compute(&roster);
    assert_eq!(profile.all.totals.customers, 300);
    let scores: Vec<f32> = profile
        .highest
        .iter()
        .map(|r| roster.row(*r).labels().unwrap().risk_score)
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]));
    let max = roster
        .rows()
        .map(|r| r.labels().unwrap().risk_score)
        .fold(0.0, f32::max);
    assert_eq!(scores[0], max);
}
