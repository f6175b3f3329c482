//! The shipped keymaps parse, bind what ux.md's table promises and have no
//! conflicts; a bad user keymap is refused with file, line and key.

use pcrm::tui::commands::Command;
use pcrm::tui::keymap::{Context, Key, Keymap, Resolution};
use std::path::Path;

fn keys(text: &str) -> Vec<Key> {
    text.split(' ')
        .map(|k| Key::parse(k).unwrap_or_else(|| panic!("{k}")))
        .collect()
}

fn runs(km: &Keymap, stack: &[Context], typed: &str) -> Option<Command> {
    let typed = keys(typed);
    for n in 1..typed.len() {
        assert_eq!(km.resolve(stack, &typed[..n]), Resolution::Pending);
    }
    match km.resolve(stack, &typed) {
        Resolution::Run(c) => Some(c),
        _ => None,
    }
}

#[test]
fn the_default_keymap_binds_the_table_of_ux_md_without_conflicts() {
    let km = Keymap::load(None).expect("default keymap parses");
    assert!(km.conflicts.is_empty(), "{:#?}", km.conflicts);
    let customers = [Context::Customers, Context::List, Context::Global];
    let tasks = [Context::Tasks, Context::List, Context::Global];
    let segments = [Context::Segments, Context::List, Context::Global];
    let table = [
        ("1", Command::PaneCustomers),
        ("2", Command::PaneSegments),
        ("3", Command::PaneRisk),
        ("4", Command::PaneTasks),
        ("<Tab>", Command::PaneNext),
        ("<S-Tab>", Command::PanePrev),
        ("j", Command::CursorDown),
        ("<Down>", Command::CursorDown),
        ("k", Command::CursorUp),
        ("<Up>", Command::CursorUp),
        ("g g", Command::CursorTop),
        ("G", Command::CursorBottom),
        ("<C-d>", Command::HalfPageDown),
        ("<C-u>", Command::HalfPageUp),
        ("<PageDown>", Command::PageDown),
        ("<PageUp>", Command::PageUp),
        ("/", Command::SearchOpen),
        ("f", Command::FilterEdit),
        ("<Enter>", Command::Open),
        ("<Esc>", Command::Escape),
        ("h", Command::Back),
        ("<Backspace>", Command::Back),
        ("<Space>", Command::SelectToggle),
        ("v", Command::SelectVisual),
        ("*", Command::SelectAll),
        ("s", Command::SortNext),
        ("S", Command::SortReverse),
        ("r", Command::ClassifyRun),
        ("u", Command::BatchUndo),
        ("t", Command::BatchTag),
        ("n", Command::BatchTask),
        ("p", Command::PlaybooksRun),
        (":", Command::CommandLine),
        ("?", Command::HelpOpen),
        ("q", Command::Quit),
        ("<C-c>", Command::Quit),
    ];
    for (typed, command) in table {
        assert_eq!(runs(&km, &customers, typed), Some(command), "{typed}");
    }
    assert_eq!(runs(&km, &tasks, "x"), Some(Command::TaskDone));
    assert_eq!(runs(&km, &segments, "g"), Some(Command::SegmentsGrouping));
    // Batch actions work from every pane and the customer view.
    let customer = [Context::Customer, Context::List, Context::Global];
    for stack in [&tasks[..], &segments[..], &customer[..]] {
        assert_eq!(runs(&km, stack, "t"), Some(Command::BatchTag));
        assert_eq!(runs(&km, stack, "p"), Some(Command::PlaybooksRun));
    }
    // The customer view logs an interaction with its customer; the panes
    // leave `i` alone.
    assert_eq!(runs(&km, &customer, "i"), Some(Command::InteractionLog));
    assert_eq!(runs(&km, &customer, "n"), Some(Command::BatchTask));
    assert_eq!(runs(&km, &customers, "i"), None);
    // A confirmation takes only its answers; the task form Tab and typing.
    let confirm = [Context::Confirm];
    assert_eq!(runs(&km, &confirm, "y"), Some(Command::ConfirmYes));
    assert_eq!(runs(&km, &confirm, "<Enter>"), Some(Command::ConfirmYes));
    assert_eq!(runs(&km, &confirm, "n"), Some(Command::ConfirmNo));
    assert_eq!(runs(&km, &confirm, "<Esc>"), Some(Command::ConfirmNo));
    assert_eq!(runs(&km, &confirm, "q"), None);
    let form = [Context::Form, Context::Input];
    assert_eq!(runs(&km, &form, "<Tab>"), Some(Command::FormNext));
    assert_eq!(runs(&km, &form, "<S-Tab>"), Some(Command::FormPrev));
    assert_eq!(runs(&km, &form, "<Enter>"), Some(Command::InputSubmit));
    assert_eq!(runs(&km, &form, "t"), None);
    // Typing in an input line is not taken by the panes' single keys.
    assert_eq!(
        km.resolve(&[Context::Search, Context::Input], &keys("q")),
        Resolution::Unbound
    );
}

#[test]
fn the_emacs_keymap_applies_over_the_default_without_conflicts() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("keymaps/emacs.toml");
    let km = Keymap::load(Some(&path)).expect("emacs keymap parses");
    assert!(km.conflicts.is_empty(), "{:#?}", km.conflicts);
    let customers = [Context::Customers, Context::List, Context::Global];
    assert_eq!(runs(&km, &customers, "<C-n>"), Some(Command::CursorDown));
    assert_eq!(runs(&km, &customers, "<C-s>"), Some(Command::SearchOpen));
    assert_eq!(runs(&km, &customers, "j"), Some(Command::CursorDown));
    assert_eq!(runs(&km, &customers, "<C-x> t"), Some(Command::BatchTag));
    assert_eq!(runs(&km, &customers, "<C-x> u"), Some(Command::BatchUndo));
    assert_eq!(runs(&km, &customers, "u"), Some(Command::BatchUndo));
    let customer = [Context::Customer, Context::List, Context::Global];
    assert_eq!(
        runs(&km, &customer, "<C-x> i"),
        Some(Command::InteractionLog)
    );
    assert_eq!(runs(&km, &customer, "<C-x> t"), Some(Command::BatchTag));
    assert_eq!(runs(&km, &customer, "i"), Some(Command::InteractionLog));
    assert_eq!(
        runs(&km, &[Context::Confirm], "<C-g>"),
        Some(Command::ConfirmNo)
    );
    assert_eq!(
        runs(&km, &[Context::Form, Context::Input], "<C-n>"),
        Some(Command::FormNext)
    );
}

#[test]
fn a_bad_user_keymap_is_refused_naming_file_line_and_key() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("keymap.toml");
    std::fs::write(
        &path,
        "[list]\nkeymap = [\n  { on = [\"J\"], run = \"cursor.page_down\" },\n  { on = [\"<C-q\"], run = \"app.quit\" },\n]\n",
    )
    .unwrap();
    let err = Keymap::load(Some(&path)).unwrap_err().to_string();
    assert_eq!(
        err,
        format!(
            "{}:4: key \"<C-q\" cannot be read (write `g`, `G`, `<C-d>`, `<S-Tab>`, `<Enter>`, `<PageDown>`, ...)",
            path.display()
        )
    );
    std::fs::write(
        &path,
        "[tasks]\nkeymap = [\n\n  { on = \"d\", run = \"task.finish\" },\n]\n",
    )
    .unwrap();
    let err = Keymap::load(Some(&path)).unwrap_err().to_string();
    assert_eq!(
        err,
        format!(
            "{}:4: key \"d\" runs unknown command \"task.finish\"",
            path.display()
        )
    );
}

#[test]
fn a_user_keymap_overrides_a_subset_and_its_conflicts_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("keymap.toml");
    std::fs::write(
        &path,
        "[list]\nkeymap = [\n  { on = \"J\", run = \"cursor.page_down\", desc = \"Big step\" },\n  { on = \"j\", run = \"noop\" },\n]\n[global]\nkeymap = [\n  { on = \"g\", run = \"app.quit\" },\n]\n",
    )
    .unwrap();
    let km = Keymap::load(Some(&path)).unwrap();
    let customers = [Context::Customers, Context::List, Context::Global];
    assert_eq!(runs(&km, &customers, "J"), Some(Command::PageDown));
    assert_eq!(runs(&km, &customers, "j"), None);
    assert_eq!(runs(&km, &customers, "k"), Some(Command::CursorUp));
    assert_eq!(km.conflicts.len(), 1, "{:?}", km.conflicts);
    assert!(
        km.conflicts[0].starts_with(&format!(
            "{}:8: g (app.quit) in [global] can never run",
            path.display()
        )),
        "{}",
        km.conflicts[0]
    );
}
