//! The UI driven as a user would, by command name and by keys, on a real
//! demo book, checked on the rendered screen and in the book.

mod tui_support;

use pcrm::model::{Task, TaskStatus};
use pcrm::tui::app::MessageKind;
use pcrm::tui::keymap::Key;
use pcrm::tui::panes::Pane;
use std::time::{Duration, Instant};
use tui_support::*;

/// How long a test waits for background work: generous, because a batch
/// commit flushes to disk and CI machines may be busy.
const SETTLE: Duration = Duration::from_secs(60);

#[test]
fn opens_on_every_customer_of_the_book() {
    let dir = tempfile::tempdir().unwrap();
    let book = demo_book(dir.path(), 60);
    let app = app(&book);
    assert_eq!(app.roster().live_count(), 60);
    let first = book
        .scan::<pcrm::model::CustomerDoc>()
        .next()
        .unwrap()
        .unwrap();
    let text = screen(&app, 80, 24);
    assert!(text.contains("(60 of 60)"), "{text}");
    assert!(text.contains(&first.customer.id), "{text}");
    assert!(text.contains("as of 2026-06-30  li.wei"), "{text}");
}

#[test]
fn keys_and_command_names_move_the_same_cursor() {
    let dir = tempfile::tempdir().unwrap();
    let book = demo_book(dir.path(), 60);
    let mut by_keys = app(&book);
    keys(&mut by_keys, "G k k g");
    assert_eq!(by_keys.pending_keys(), [Key::char('g')]);
    keys(&mut by_keys, "j");
    // `g` then `j`: the unfinished `g g` is dropped and `j` still moves.
    let mut by_name = app(&book);
    run(
        &mut by_name,
        &["cursor.bottom", "cursor.up", "cursor.up", "cursor.down"],
    );
    assert_eq!(by_keys.current_customer_id(), by_name.current_customer_id());
    keys(&mut by_keys, "g g");
    run(&mut by_name, &["cursor.top"]);
    assert_eq!(by_keys.current_customer_id(), by_name.current_customer_id());
    let first = book
        .scan::<pcrm::model::CustomerDoc>()
        .next()
        .unwrap()
        .unwrap();
    assert_eq!(by_keys.current_customer_id(), Some(first.customer.id));
}

#[test]
fn the_selection_is_kept_by_customer_across_sorting_and_filtering() {
    let dir = tempfile::tempdir().unwrap();
    let book = demo_book(dir.path(), 60);
    let mut app = app(&book);
    keys(&mut app, "j <Space> <Space> j j v j j");
    let with_range = app.selected_customer_ids();
    assert_eq!(with_range.len(), 5, "{with_range:?}");
    keys(&mut app, "v");
    assert_eq!(app.selected_customer_ids(), with_range);
    let text = screen(&app, 80, 24);
    assert!(text.contains("5 selected"), "{text}");
    // Sort by name, reverse it, by premium: the same customers stay selected.
    keys(&mut app, "s S s s s s s s");
    assert_eq!(app.selected_customer_ids(), with_range);
    // A filter hides some of them; they are still selected.
    let province = app
        .roster()
        .row(app.roster().find(&with_range[0]).unwrap())
        .province()
        .short()
        .to_string();
    run(&mut app, &["filter.edit"]);
    type_text(&mut app, &format!("province={province}"));
    keys(&mut app, "<Enter>");
    assert_eq!(app.selected_customer_ids(), with_range);
    keys(&mut app, "<Esc>");
    assert!(app.selected_customer_ids().is_empty());
    // `*` selects exactly what the filter shows.
    keys(&mut app, "*");
    let shown = app
        .roster()
        .rows()
        .filter(|r| r.province().short() == province)
        .count();
    assert_eq!(app.selected_customer_ids().len(), shown);
}

#[test]
fn a_bad_filter_is_reported_and_the_line_stays_open_to_fix_it() {
    let dir = tempfile::tempdir().unwrap();
    let book = demo_book(dir.path(), 30);
    let mut app = app(&book);
    keys(&mut app, "f");
    type_text(&mut app, "province=atlantis");
    keys(&mut app, "<Enter>");
    let (text, kind) = app.message().cloned().unwrap();
    assert_eq!(kind, MessageKind::Error);
    assert!(text.contains("atlantis"), "{text}");
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("filter: province=atlantis"), "{shown}");
    keys(&mut app, "<C-u>");
    type_text(&mut app, "province=广东");
    keys(&mut app, "<Enter>");
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("filter: province=广东  ("), "{shown}");
}

#[test]
fn task_edits_are_written_as_undoable_batches() {
    let dir = tempfile::tempdir().unwrap();
    let tasks = [
        ("TA", "C001", "Overdue call", "2026-06-20"),
        ("TB", "C002", "Today call", "2026-06-30"),
        ("TC", "C003", "Later call", "2026-07-05"),
        ("TD", "C001", "Second call", "2026-07-20"),
    ];
    let book = hand_book(dir.path(), &[&[], &[], &[]], &tasks);
    let task = |id: &str| book.get::<Task>(id).unwrap().unwrap();
    let message =
        |app: &pcrm::tui::app::App| app.message().map(|m| m.0.clone()).unwrap_or_default();
    let mut app = app(&book);
    keys(&mut app, "4");
    assert_eq!(app.pane(), Pane::Tasks);
    let text = screen(&app, 80, 24);
    let first_row = text.lines().nth(3).unwrap();
    assert!(
        first_row.contains("OVERDUE") && first_row.contains("Overdue call"),
        "{text}"
    );

    // `x`: the first task done, as an undoable batch of its own.
    keys(&mut app, "x");
    wait_until(&mut app, "done", |a| message(a).contains("marked done"));
    let (text, kind) = app.message().cloned().unwrap();
    assert_eq!(kind, MessageKind::Info);
    assert!(text.starts_with("TA marked done (batch "), "{text}");
    assert_eq!(task("TA").status, TaskStatus::Done);
    let batch = book.batches().next().unwrap().unwrap();
    assert_eq!((batch.kind.as_str(), batch.undoable), ("task", true));
    let row = app.roster().find("C001").unwrap();
    assert_eq!(app.roster().row(row).open_tasks(), 1);
    let text = screen(&app, 80, 24);
    assert!(!text.contains("Overdue call"), "{text}");
    assert!(
        text.lines().nth(3).unwrap().contains("Today call"),
        "{text}"
    );

    // `z`: the next one snoozed by three days through the prompt.
    keys(&mut app, "z <C-u>");
    type_text(&mut app, "+3");
    keys(&mut app, "<Enter>");
    wait_until(&mut app, "snoozed", |a| message(a).contains("snoozed"));
    assert!(
        message(&app).starts_with("TB snoozed to 2026-07-03"),
        "{}",
        message(&app)
    );
    assert_eq!(task("TB").due, as_of() + chrono::Duration::days(3));

    // `a`: reassigned; then `u` takes exactly that back.
    keys(&mut app, "a <C-u>");
    type_text(&mut app, "wang.fang");
    keys(&mut app, "<Enter>");
    wait_until(&mut app, "reassigned", |a| {
        message(a).contains("assigned to")
    });
    assert_eq!(task("TB").assignee.as_deref(), Some("wang.fang"));
    keys(&mut app, "u");
    wait_until(&mut app, "the undo question", |a| {
        screen(a, 80, 24).contains("task.reassign on 1 tasks")
    });
    keys(&mut app, "y");
    wait_until(&mut app, "the undo", |a| {
        message(a).starts_with("undo batch")
    });
    let tb = task("TB");
    assert_eq!(tb.assignee.as_deref(), Some("li.wei"));
    assert_eq!(tb.due.to_string(), "2026-07-03");
    assert!(screen(&app, 80, 24).contains("li.wei"));
    let actions: Vec<String> = book.audit_since(0).map(|e| e.unwrap().action).collect();
    for action in ["task.done", "task.snooze", "task.reassign", "undo"] {
        assert!(
            actions.contains(&action.to_string()),
            "{action} in {actions:?}"
        );
    }
}

#[test]
fn a_small_terminal_is_told_politely() {
    let dir = tempfile::tempdir().unwrap();
    let book = demo_book(dir.path(), 10);
    let app = app(&book);
    let text = screen(&app, 70, 20);
    assert!(
        text.contains("pcrm needs a terminal of at least 80x24"),
        "{text}"
    );
    assert!(text.contains("this one is 70x20"), "{text}");
    assert!(!screen(&app, 80, 24).contains("needs a terminal"));
}

#[test]
fn ascii_mode_draws_plain_borders_and_marks_without_colour() {
    let dir = tempfile::tempdir().unwrap();
    let book = demo_book(dir.path(), 10);
    let mut app = app_with(&book, options(true));
    keys(&mut app, "<Space>");
    let text = screen(&app, 80, 24);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("+ pcrm -[Customers]"), "{}", lines[0]);
    assert!(lines[21].starts_with("+----"), "{}", lines[21]);
    // Row 1 selected (marker `*`), cursor on row 2 (marker `>`).
    assert!(lines[3].starts_with("| *"), "{}", lines[3]);
    assert!(lines[4].starts_with("|> "), "{}", lines[4]);
    assert!(text.is_ascii() || !text.contains('│'), "{text}");
}

#[test]
fn help_lists_the_bindings_and_narrows_as_you_type() {
    let dir = tempfile::tempdir().unwrap();
    let book = demo_book(dir.path(), 10);
    let mut app = app(&book);
    keys(&mut app, "?");
    let all = screen(&app, 100, 40);
    assert!(all.contains("Go to the Customers pane"), "{all}");
    type_text(&mut app, "sort");
    let some = screen(&app, 100, 40);
    assert!(some.contains("sort.reverse"), "{some}");
    assert!(!some.contains("Go to the Customers pane"), "{some}");
    keys(&mut app, "<C-u>");
    type_text(&mut app, "interaction");
    let log = screen(&app, 100, 40);
    assert!(log.contains("interaction.log"), "{log}");
    assert!(log.contains("customer"), "the context: {log}");
    keys(&mut app, "<Esc>");
    assert!(!screen(&app, 100, 40).contains("sort.reverse"));
}

#[test]
fn saved_ui_state_comes_back() {
    let dir = tempfile::tempdir().unwrap();
    let book = demo_book(dir.path(), 20);
    let state = dir.path().join("cfg/state.toml");
    let mut opts = options(false);
    opts.state_file = Some(state.clone());
    let mut app = app_with(&book, opts.clone());
    keys(&mut app, "s s s s s s S 3");
    pcrm::tui::state_file::save(&state, app.user(), &app.ui_state()).unwrap();
    drop(app);
    let mut app = app_with(&book, opts);
    assert_eq!(app.pane(), Pane::Risk);
    keys(&mut app, "1");
    let text = screen(&app, 80, 24);
    assert!(text.contains("sort: Premium reversed"), "{text}");
}

fn search_ready(app: &mut pcrm::tui::app::App) {
    app.settle_until(Instant::now() + Duration::from_secs(20), |a| a.is_quiet());
    assert!(app.jobs().is_empty(), "{:?}", app.jobs());
}

#[test]
fn search_from_any_pane_opens_the_customer() {
    let dir = tempfile::tempdir().unwrap();
    let book = demo_book(dir.path(), 120);
    let mut app = app(&book);
    search_ready(&mut app);
    let target = app.roster().row(37);
    let (id, name) = (target.id().to_string(), target.name().to_string());
    keys(&mut app, "3 /");
    type_text(&mut app, &id);
    app.settle_until(Instant::now() + SETTLE, |a| {
        screen(a, 80, 24).contains("customer_id")
    });
    let shown = screen(&app, 80, 24);
    assert!(
        shown.contains(&id) && shown.contains("customer_id"),
        "{shown}"
    );
    keys(&mut app, "<Enter>");
    let view = screen(&app, 120, 60);
    assert!(view.lines().nth(1).unwrap().contains(&name), "{view}");
    assert!(view.contains("Labels as of 2026-06-30"), "{view}");
    assert!(view.contains("Recommended actions"), "{view}");
    // Personal data is masked.
    let doc = book.doc(&id).unwrap().unwrap();
    if let Some(phone) = &doc.customer.phone {
        assert!(!view.contains(phone.as_str()), "{view}");
        assert!(view.contains(&pcrm::model::ids::mask(phone)), "{view}");
    }
    keys(&mut app, "<Esc>");
    assert_eq!(app.pane(), Pane::Risk);
    assert!(screen(&app, 80, 24).contains("Highest risk"));
}

#[test]
fn segments_drill_down_to_a_filtered_customer_list() {
    let dir = tempfile::tempdir().unwrap();
    let book = demo_book(dir.path(), 300);
    let mut app = app(&book);
    // The busiest cell and behaviour among medium-value customers, by province.
    use pcrm::model::{BehaviorLabel, Labelled, Tier};
    let snapshot = app.roster().clone();
    let rows: Vec<_> = snapshot.rows().collect();
    let count = |r: Tier, b: BehaviorLabel| {
        rows.iter()
            .filter(|x| {
                x.value_tier() == Some(Tier::Medium)
                    && x.risk_tier() == Some(r)
                    && x.behavior() == Some(b)
            })
            .count()
    };
    let tiers = [Tier::High, Tier::Medium, Tier::Low];
    let behaviors = [
        BehaviorLabel::Active,
        BehaviorLabel::Potential,
        BehaviorLabel::Churned,
    ];
    let (ri, bi) = (0..3)
        .flat_map(|r| (0..3).map(move |b| (r, b)))
        .max_by_key(|(r, b)| count(tiers[*r], behaviors[*b]))
        .unwrap();
    keys(&mut app, "2 j");
    for _ in 0..ri {
        keys(&mut app, "<Right>");
    }
    keys(&mut app, "<Enter>");
    for _ in 0..bi {
        keys(&mut app, "j");
    }
    keys(&mut app, "<Enter> g");
    let text = screen(&app, 80, 24);
    let crumb = format!(
        "value medium × risk {} › {} › by province",
        tiers[ri].code(),
        behaviors[bi].code()
    );
    assert!(text.contains(&crumb), "{text}");
    // The first group is the largest province.
    keys(&mut app, "<Enter>");
    assert_eq!(app.pane(), Pane::Customers);
    let shown = screen(&app, 80, 24);
    let filter_line = shown.lines().nth(1).unwrap().to_string();
    let expected = format!(
        "value=medium risk={} behavior={} province=",
        tiers[ri].code(),
        behaviors[bi].code()
    );
    assert!(filter_line.contains(&expected), "{filter_line}");
    let province = filter_line
        .split("province=")
        .nth(1)
        .unwrap()
        .split(' ')
        .next()
        .unwrap();
    let n = rows
        .iter()
        .filter(|x| {
            x.value_tier() == Some(Tier::Medium)
                && x.risk_tier() == Some(tiers[ri])
                && x.behavior() == Some(behaviors[bi])
                && x.province().short() == province
        })
        .count();
    assert!(
        filter_line.contains(&format!("({n} of 300)")),
        "{filter_line}"
    );
    // `h` goes back to the segment where we came from.
    keys(&mut app, "h");
    assert_eq!(app.pane(), Pane::Segments);
    assert!(screen(&app, 80, 24).contains(&crumb));
}

#[test]
fn the_selection_survives_reclassification() {
    let dir = tempfile::tempdir().unwrap();
    let book = demo_book(dir.path(), 100);
    let mut app = app(&book);
    keys(&mut app, "s s s s <Space> <Space> <Space>");
    let selected = app.selected_customer_ids();
    assert_eq!(selected.len(), 3);
    keys(&mut app, "r");
    app.settle_until(Instant::now() + Duration::from_secs(20), |a| {
        a.message()
            .is_some_and(|m| m.0.starts_with("classified in"))
    });
    settle(&mut app);
    assert_eq!(app.selected_customer_ids(), selected);
}

#[test]
fn export_segments_writes_what_the_filter_shows() {
    let dir = tempfile::tempdir().unwrap();
    let book = demo_book(dir.path(), 80);
    let mut app = app(&book);
    run(&mut app, &["filter.edit"]);
    type_text(&mut app, "value=high");
    keys(&mut app, "<Enter>");
    let out = dir.path().join("high.csv");
    keys(&mut app, ":");
    type_text(&mut app, &format!("export segments {}", out.display()));
    keys(&mut app, "<Enter>");
    app.settle_until(Instant::now() + SETTLE, |a| {
        a.message().is_some_and(|m| m.0.contains("written to"))
    });
    let csv = std::fs::read_to_string(&out).unwrap();
    let high = app
        .roster()
        .rows()
        .filter(|r| r.value_tier() == Some(pcrm::model::Tier::High))
        .count();
    assert_eq!(csv.lines().count(), high + 1, "{csv}");
    assert!(csv.starts_with("customer_id,value_tier"), "{csv}");
}

#[test]
fn another_as_of_date_reads_the_book_again_keeping_the_selection() {
    let dir = tempfile::tempdir().unwrap();
    let book = demo_book(dir.path(), 60);
    let mut app = app(&book);
    keys(&mut app, "j <Space> <Space>");
    let selected = app.selected_customer_ids();
    keys(&mut app, ":");
    type_text(&mut app, "asof 2025-12-31");
    keys(&mut app, "<Enter>");
    app.settle_until(Instant::now() + Duration::from_secs(20), |a| a.is_quiet());
    assert!(app.is_quiet());
    let text = screen(&app, 80, 24);
    assert!(text.contains("as of 2025-12-31"), "{text}");
    assert_eq!(app.roster().as_of().to_string(), "2025-12-31");
    assert_eq!(app.selected_customer_ids(), selected);
    keys(&mut app, ":");
    type_text(&mut app, "asof 2025-13-01");
    keys(&mut app, "<Enter>");
    assert!(app.message().unwrap().0.contains("is not a date"));
}
