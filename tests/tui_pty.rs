//! End to end: the real binary in a pseudo-terminal, driven by keys, and
//! the terminal checked after it ends (main screen, cursor shown, cooked
//! mode) whichever way it ends.

mod tui_support;

use std::time::Duration;
use tui_support::binary::{demo, pcrm};
use tui_support::pty::{restored, Pty};

#[test]
fn opens_a_customer_through_search_switches_panes_and_quits_restored() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("book");
    demo(&db, home.path(), "300");
    let mut pty = Pty::spawn(pcrm(&db, home.path()));
    pty.wait_for("(300 of 300)");
    assert!(!pty.is_cooked(), "the UI runs in raw mode");
    pty.send("/");
    pty.wait_for("Search: name, pinyin");
    pty.send("C0000042");
    pty.wait_for("customer_id");
    pty.send("\r");
    pty.wait_for("Labels as of 2026-06-30");
    pty.wait_for("C0000042  ");
    pty.send("2");
    pty.wait_for("Segments › value × risk");
    pty.send("4");
    pty.wait_for("Overdue");
    pty.send("q");
    let status = pty.wait_exit();
    assert!(status.success(), "{status:?}\n{}", pty.screen().text());
    assert!(restored(&pty.output()), "the alternate screen was not left");
    assert!(pty.is_cooked(), "raw mode was left on");
    let screen = pty.screen();
    assert!(!screen.alternate && screen.cursor_visible);
    // The UI state was saved for next time.
    let state = std::fs::read_to_string(home.path().join("config/pcrm/state.toml")).unwrap();
    assert!(state.contains("pane = \"tasks\""), "{state}");
}

#[test]
fn sigterm_and_sighup_restore_the_terminal() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("book");
    demo(&db, home.path(), "50");
    for signal in [libc::SIGTERM, libc::SIGHUP] {
        let mut pty = Pty::spawn(pcrm(&db, home.path()));
        pty.wait_for("(50 of 50)");
        // SAFETY: signalling our own child.
        unsafe { libc::kill(pty.pid(), signal) };
        pty.wait_exit();
        assert!(restored(&pty.output()), "signal {signal}");
        assert!(pty.is_cooked(), "signal {signal}");
    }
}

#[test]
fn no_color_means_no_colour_and_the_selection_still_shows() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("book");
    demo(&db, home.path(), "50");
    let mut cmd = pcrm(&db, home.path());
    cmd.env("NO_COLOR", "1");
    let mut pty = Pty::spawn(cmd);
    pty.wait_for("(50 of 50)");
    pty.send(" ");
    pty.wait_for("1 selected");
    let screen = pty.screen().text();
    let first_row = screen.lines().nth(3).unwrap();
    assert!(first_row.starts_with("│ ✓"), "{screen}");
    pty.send("q");
    assert!(pty.wait_exit().success());
    let output = pty.output();
    // No foreground or background colour was ever set.
    for sgr in ["[38;", "[48;", "[31m", "[32m", "[33m", "[36m"] {
        assert!(!output.contains(sgr), "{sgr} in the output");
    }
}

#[test]
fn ctrl_c_quits_at_once_even_while_typing() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("book");
    demo(&db, home.path(), "50");
    let mut pty = Pty::spawn(pcrm(&db, home.path()));
    pty.wait_for("(50 of 50)");
    pty.send(":");
    pty.wait_for("COMMAND");
    pty.send("\x03");
    assert!(pty.wait_exit().success());
    assert!(restored(&pty.output()) && pty.is_cooked());
}

#[test]
fn ctrl_z_suspends_and_the_ui_comes_back() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("book");
    demo(&db, home.path(), "50");
    let mut pty = Pty::spawn(pcrm(&db, home.path()));
    pty.wait_for("(50 of 50)");
    pty.send("\x1a");
    // Stopped, with the terminal given back.
    let stopped = (0..100).any(|_| {
        std::thread::sleep(Duration::from_millis(50));
        std::fs::read_to_string(format!("/proc/{}/stat", pty.pid())).is_ok_and(|s| {
            s.split(") ")
                .nth(1)
                .is_some_and(|rest| rest.starts_with('T'))
        })
    });
    assert!(stopped, "pcrm did not stop on Ctrl-z");
    assert!(restored(&pty.output()));
    assert!(pty.is_cooked());
    // SAFETY: continuing our own child, as `fg` would.
    unsafe { libc::kill(pty.pid(), libc::SIGCONT) };
    pty.send("3");
    pty.wait_for("Catastrophe exposure by province");
    assert!(pty.screen().alternate);
    pty.send("q");
    assert!(pty.wait_exit().success());
    assert!(restored(&pty.output()) && pty.is_cooked());
    // No terminal query (ESC [ 6n waits for an answer) was sent.
    assert!(!pty.output().contains("\x1b[6n"));
}

#[test]
fn a_book_in_use_is_refused_with_exit_75_and_the_terminal_restored() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("book");
    demo(&db, home.path(), "20");
    let mut first = Pty::spawn(pcrm(&db, home.path()));
    first.wait_for("(20 of 20)");
    let mut second = Pty::spawn(pcrm(&db, home.path()));
    let status = second.wait_exit();
    let output = second.output();
    assert_eq!(status.code(), Some(75), "{output}");
    // Said after the terminal was given back.
    let left = output.rfind("\x1b[?1049l").unwrap();
    let said = output.find("is in use by another pcrm process").unwrap();
    assert!(said > left, "{output}");
    assert!(output.contains(&format!("pid {}", first.pid())), "{output}");
    assert!(restored(&second.output()) && second.is_cooked());
    first.send("q");
    assert!(first.wait_exit().success());
}

#[test]
fn without_a_terminal_the_ui_says_what_to_do_instead() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("book");
    demo(&db, home.path(), "5");
    let out = pcrm(&db, home.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("the UI needs a terminal"), "{err}");
}

#[test]
fn a_selection_is_tagged_then_undone_from_the_keyboard() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("book");
    demo(&db, home.path(), "50");
    let mut pty = Pty::spawn(pcrm(&db, home.path()));
    pty.wait_for("(50 of 50)");
    pty.send("  ");
    pty.wait_for("2 selected");
    pty.send("t");
    pty.wait_for("tag 2 customers (vip adds, -vip removes):");
    pty.send("campaign26\r");
    pty.wait_for("Add tag campaign26 to the 2 selected customers:");
    pty.send("y");
    pty.wait_for("tagged 2 customers with campaign26 · batch");
    pty.send("u");
    pty.wait_for("add tag campaign26 on 2 customers");
    pty.send("y");
    pty.wait_for("undo batch");
    pty.send("q");
    assert!(pty.wait_exit().success(), "{}", pty.screen().text());
    assert!(restored(&pty.output()) && pty.is_cooked());
    // The book, let go by the UI, tells who did what.
    let out = pcrm(&db, home.path())
        .args(["audit", "--json"])
        .output()
        .unwrap();
    let audit = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{audit}");
    for action in ["\"tag.add\"", "\"undo\""] {
        assert!(audit.contains(action), "{action} in\n{audit}");
    }
    assert!(audit.contains("\"li.wei\""), "{audit}");
}
