//! A panic in any thread while the UI runs gives the terminal back before
//! the panic message is printed, and ends the UI with that message.

mod tui_support;

use pcrm::tui::UiError;
use std::process::Command;
use std::time::Duration;
use tui_support::pty::{restored, Pty};
use tui_support::{demo_book, options};

const CHILD_DIR: &str = "PCRM_PANIC_TEST_DIR";

#[test]
fn a_panic_in_a_background_thread_restores_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    // This test binary again, running only the child below, in a pty.
    let mut child = Command::new(std::env::current_exe().unwrap());
    child
        .args([
            "--exact",
            "panicking_child",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_DIR, dir.path());
    let mut pty = Pty::spawn(child);
    let status = pty.wait_exit();
    let output = pty.output();
    assert!(status.success(), "{status:?}\n{output}");
    assert!(restored(&output), "the alternate screen was not left");
    assert!(pty.is_cooked(), "raw mode was left on");
    // The message is printed after the terminal was given back, readable.
    let entered = output.rfind("\x1b[?1049h").unwrap();
    let left = entered + output[entered..].find("\x1b[?1049l").unwrap();
    let message = output.rfind("boom in the background").unwrap();
    assert!(message > left, "{output:?}");
    assert!(output.contains("thread 'background-job'"), "{output}");
}

#[test]
#[ignore = "run in a pseudo-terminal by a_panic_in_a_background_thread_restores_the_terminal"]
fn panicking_child() {
    let dir = std::env::var_os(CHILD_DIR).expect("started by the test above");
    let book = demo_book(std::path::Path::new(&dir), 30);
    std::thread::Builder::new()
        .name("background-job".into())
        .spawn(|| {
            std::thread::sleep(Duration::from_millis(700));
            panic!("boom in the background");
        })
        .unwrap();
    match pcrm::tui::run(pcrm::tui::BookSource::Open(book), options(false)) {
        Err(UiError::Panicked(why)) => {
            assert!(
                why.contains("'background-job' panicked: boom in the background"),
                "{why}"
            )
        }
        other => panic!("the UI went on after a panic: {other:?}"),
    }
}
