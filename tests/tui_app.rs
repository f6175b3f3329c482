//! The UI driven as a user would, by command name and by keys, on a real
//! demo book, checked on the rendered screen and in the book.

mod tui_support;

use pcrm::model::{Task, TaskStatus};
use pcrm::tui::app::MessageKind;
use pcrm::tui::keymap::Key;
use pcrm::tui::panes::Pane;
use std::time::{Duration, Instant};
use tui_support::*;

fn keys(app: &mut pcrm::tui::app::App, typed: &str) {
    for k in typed.split(' ') {
        app.on_key(Key::parse(k).unwrap_or_else(|| panic!("{k}")));
    }
    settle(app);
}

fn type_text(app: &mut pcrm::tui::app::App, text: &str) {
    for c in text.chars() {
        app.on_key(Key::char(c));
    }
}

#[test]
fn opens_on_every_customer_of_the_book() {
    let dir = tempfile::tempdir().unwrap();
    let book = demo_book(dir.path(), 60);
    let app = app(&book);
    assert_eq!(app.roster().live_count(), 60);
    let first = book.scan::<pcrm::model::CustomerDoc>().next().unwrap().unwrap();
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
    run(&mut by_name, &["cursor.bottom", "cursor.up", "cursor.up", "cursor.down"]);
    assert_eq!(by_keys.current_customer_id(), by_name.current_customer_id());
    keys(&mut by_keys, "g g");
    run(&mut by_name, &["cursor.top"]);
    assert_eq!(by_keys.current_customer_id(), by_name.current_customer_id());
    let first = book.scan::<pcrm::model::CustomerDoc>().next().unwrap().unwrap();
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
    let book = demo_book(dir.path(), 80);
    let mut app = app(&book);
    keys(&mut app, "4");
    assert_eq!(app.pane(), Pane::Tasks);
    let text = screen(&app, 80, 24);
    assert!(text.contains("OVERDUE"), "{text}");
    let open_before = book
        .scan::<Task>()
        .filter(|t| t.as_ref().unwrap().status == TaskStatus::Open)
        .count();
    let first_line = text.lines().nth(3).unwrap().to_string();
    keys(&mut app, "x");
    app.settle_until(Instant::now() + Duration::from_secs(10), |a| a.message().is_some());
    let (message, kind) = app.message().cloned().unwrap();
    assert_eq!(kind, MessageKind::Info, "{message}");
    assert!(message.contains("marked done (batch"), "{message}");
    let done_id = message.split(' ').next().unwrap().to_string();
    let task = book.get::<Task>(&done_id).unwrap().unwrap();
    assert_eq!(task.status, TaskStatus::Done);
    assert!(first_line.contains(&task.title), "{first_line}");
    let batch = book.batches().next().unwrap().unwrap();
    assert_eq!((batch.kind.as_str(), batch.undoable), ("task", true));
    let open_after = book
        .scan::<Task>()
        .filter(|t| t.as_ref().unwrap().status == TaskStatus::Open)
        .count();
    assert_eq!(open_after, open_before - 1);
    // The roster's open-task count of that customer follows.
    let row = app.roster().find(&task.customer_id).unwrap();
    let open_of_customer = book
        .tasks_of(&task.customer_id)
        .unwrap()
        .iter()
        .filter(|t| t.status == TaskStatus::Open)
        .count();
    assert_eq!(usize::from(app.roster().row(row).open_tasks()), open_of_customer);

    // Snooze the next one by three days through the prompt.
    let next = screen(&app, 80, 24);
    keys(&mut app, "z <C-u>");
    type_text(&mut app, "+3");
    keys(&mut app, "<Enter>");
    app.settle_until(Instant::now() + Duration::from_secs(10), |a| {
        a.message().is_some_and(|m| m.0.contains("snoozed"))
    });
    let (message, _) = app.message().cloned().unwrap();
    let id = message.split(' ').next().unwrap();
    let snoozed = book.get::<Task>(id).unwrap().unwrap();
    assert_eq!(snoozed.due, as_of() + chrono::Duration::days(3));
    assert!(next.lines().nth(3).unwrap().contains(&snoozed.title));
}

#[test]
fn a_small_terminal_is_told_politely() {
    let dir = tempfile::tempdir().unwrap();
    let book = demo_book(dir.path(), 10);
    let app = app(&book);
    let text = screen(&app, 70, 20);
    assert!(text.contains("pcrm needs a terminal of at least 80×24"), "{text}");
    assert!(text.contains("this one is 70×20"), "{text}");
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
