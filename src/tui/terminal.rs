//! Taking the terminal over and giving it back on every exit path: normal
//! quit, error, panic in any thread (the panic hook), Ctrl-c, signals, and
//! around Ctrl-z.
//!
//! Restoring is idempotent and safe to repeat: leaving the alternate screen
//! and showing the cursor are mode switches a terminal ignores when already
//! done, and raw mode is only undone if it was set.

use super::app::UiEvent;
use crossbeam_channel::Sender;
use crossterm::cursor::{Hide, Show};
use crossterm::terminal::{
    disable_raw_mode, enable_raw_mode, EnterAlternateScreen, LeaveAlternateScreen,
};
use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, Once};

/// The UI owns the terminal (raw mode, alternate screen) right now.
static ACTIVE: AtomicBool = AtomicBool::new(false);
/// Where the panic hook reports, while a UI runs.
static PANIC_REPORT: Mutex<Option<Sender<UiEvent>>> = Mutex::new(None);
static HOOK: Once = Once::new();

/// Raw mode, the alternate screen, no cursor.
pub fn enter() -> std::io::Result<()> {
    enable_raw_mode()?;
    let mut out = std::io::stdout();
    crossterm::execute!(out, EnterAlternateScreen, Hide)?;
    ACTIVE.store(true, Ordering::SeqCst);
    Ok(())
}

/// Gives the terminal back: main screen, cursor shown, cooked mode.
/// Errors are ignored: this runs on the way out, perhaps after the
/// terminal went away (SIGHUP).
pub fn restore() {
    ACTIVE.store(false, Ordering::SeqCst);
    let mut out = std::io::stdout();
    let _ = crossterm::execute!(out, LeaveAlternateScreen, Show);
    let _ = out.flush();
    let _ = disable_raw_mode();
}

/// Whether the UI may draw (a panic elsewhere may have restored the
/// terminal under it).
pub fn is_active() -> bool {
    ACTIVE.load(Ordering::SeqCst)
}

/// Restores the terminal when dropped, whichever way the UI ends.
pub struct Guard;

impl Guard {
    /// Takes the terminal over; reports panics of any thread on `report`.
    pub fn enter(report: Sender<UiEvent>) -> std::io::Result<Guard> {
        install_panic_hook();
        *PANIC_REPORT.lock().unwrap_or_else(|p| p.into_inner()) = Some(report);
        enter()?;
        Ok(Guard)
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        *PANIC_REPORT.lock().unwrap_or_else(|p| p.into_inner()) = None;
        restore();
    }
}

/// The hook restores the terminal first, so the panic message lands on a
/// readable screen, then tells the UI (which quits: a panic is a bug and
/// its state can no longer be trusted).
fn install_panic_hook() {
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let was_active = ACTIVE.load(Ordering::SeqCst);
            if was_active {
                restore();
            }
            previous(info);
            if was_active {
                let thread = std::thread::current();
                let message = format!(
                    "pcrm stopped: thread '{}' panicked: {}",
                    thread.name().unwrap_or("unnamed"),
                    panic_text(info)
                );
                let report = PANIC_REPORT.lock().unwrap_or_else(|p| p.into_inner());
                if let Some(tx) = report.as_ref() {
                    let _ = tx.send(UiEvent::Panic(message));
                }
            }
        }));
    });
}

fn panic_text(info: &std::panic::PanicHookInfo<'_>) -> String {
    let payload = info.payload();
    let text = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(no message)".into());
    match info.location() {
        Some(at) => format!("{text} at {}:{}", at.file(), at.line()),
        None => text,
    }
}

/// Ctrl-z: gives the terminal back, stops the process until `fg`, then
/// takes the terminal over again (the caller redraws everything).
pub fn suspend() -> std::io::Result<()> {
    restore();
    // SIGSTOP, not SIGTSTP: pcrm handles SIGTSTP itself (to get here).
    // SAFETY: raise has no memory-safety preconditions.
    unsafe {
        libc::raise(libc::SIGSTOP);
    }
    enter()
}
