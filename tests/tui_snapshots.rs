//! Every pane rendered at 80×24 (the smallest supported terminal) and at
//! 160×48, on a classified demo book, compared with the reviewed snapshots
//! in `tests/snapshots/`.

mod tui_support;

use insta::assert_snapshot;
use pcrm::tui::app::App;
use pcrm::tui::keymap::Key;
use tui_support::*;

const SIZES: [(u16, u16); 2] = [(80, 24), (160, 48)];

fn book_app(dir: &std::path::Path) -> App {
    let book = demo_book(dir, 150);
    let mut app = app(&book);
    // Quiet also means the search index is built and the start-up
    // classification pass (a no-op here) is over.
    settle(&mut app);
    app
}

fn snap_sizes(app: &App, name: &str) {
    for (w, h) in SIZES {
        assert_snapshot!(format!("{name}_{w}x{h}"), screen(app, w, h));
    }
}

#[test]
fn customers_pane() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = book_app(dir.path());
    keys(&mut app, "j j <Space> <Space> j");
    snap_sizes(&app, "customers");
    keys(&mut app, "f");
    for c in "risk=high 有限".chars() {
        app.on_key(Key::char(c));
    }
    snap_sizes(&app, "customers_filter_typing");
    keys(&mut app, "<Enter> s s s s s s");
    snap_sizes(&app, "customers_filtered_by_premium");
}

#[test]
fn customer_view() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = book_app(dir.path());
    keys(&mut app, "j j j <Enter>");
    snap_sizes(&app, "customer_view");
    // Page sizes come from the last draw: draw at the size scrolled in.
    screen(&app, 80, 24);
    keys(&mut app, "<C-d>");
    assert_snapshot!("customer_view_scrolled_80x24", screen(&app, 80, 24));
}

#[test]
fn segments_pane() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = book_app(dir.path());
    keys(&mut app, "2 j <Right>");
    snap_sizes(&app, "segments_matrix");
    keys(&mut app, "<Enter> j");
    snap_sizes(&app, "segments_behaviour");
    keys(&mut app, "<Enter> g g");
    snap_sizes(&app, "segments_by_industry");
}

#[test]
fn risk_pane() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = book_app(dir.path());
    keys(&mut app, "3 j");
    snap_sizes(&app, "risk");
}

#[test]
fn tasks_pane() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = book_app(dir.path());
    keys(&mut app, "4 j <Space>");
    snap_sizes(&app, "tasks");
    keys(&mut app, "f");
    for c in "status=open,done playbook=none".chars() {
        app.on_key(Key::char(c));
    }
    keys(&mut app, "<Enter>");
    assert_snapshot!("tasks_filtered_80x24", screen(&app, 80, 24));
}

#[test]
fn help_and_search_overlays() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = book_app(dir.path());
    keys(&mut app, "?");
    snap_sizes(&app, "help");
    keys(&mut app, "<Esc> /");
    let first = app.roster().row(0).name().to_string();
    for c in first.chars().take(2) {
        app.on_key(Key::char(c));
    }
    app.settle_until(
        std::time::Instant::now() + std::time::Duration::from_secs(10),
        |a| screen(a, 80, 24).contains(" hits "),
    );
    snap_sizes(&app, "search");
}

#[test]
fn batch_dialogs() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = book_app(dir.path());
    keys(&mut app, "j <Space> <Space> t");
    for c in "vip".chars() {
        app.on_key(Key::char(c));
    }
    snap_sizes(&app, "tag_prompt");
    keys(&mut app, "<Enter>");
    snap_sizes(&app, "confirm_tag");
    keys(&mut app, "<Esc> n");
    for c in "续保 Renewal call".chars() {
        app.on_key(Key::char(c));
    }
    keys(&mut app, "<Tab>");
    snap_sizes(&app, "task_form");
}

#[test]
fn interaction_form() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = book_app(dir.path());
    // The date-time defaults to now: set, so that the snapshot holds.
    keys(&mut app, "j j j <Enter> i <Tab> <Tab> <C-u>");
    type_text(&mut app, "2026-06-28 10:30");
    keys(&mut app, "<S-Tab> <S-Tab>");
    type_text(&mut app, "survey");
    snap_sizes(&app, "interaction_form");
}

#[test]
fn ascii_borders_and_a_small_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let book = demo_book(dir.path(), 40);
    let mut app = app_with(&book, options(true));
    keys(&mut app, "v j j");
    assert_snapshot!("ascii_visual_80x24", screen(&app, 80, 24));
    keys(&mut app, "<Esc> 2");
    assert_snapshot!("ascii_segments_80x24", screen(&app, 80, 24));
    assert_snapshot!("too_small_60x20", screen(&app, 60, 20));
}
