//! The input thread: terminal events to the UI's channel, key presses only
//! (some terminals also report releases and repeats).
//!
//! It waits with its own `poll(2)` on the terminal before asking crossterm
//! to read: that way it can be stopped, and a terminal that hung up (an SSH
//! connection dropped without SIGHUP reaching us) ends the UI instead of
//! sending crossterm's reader into a busy loop on a dead descriptor.

use super::app::UiEvent;
use super::keymap::Key;
use crossbeam_channel::Sender;
use crossterm::event::{self, Event};
use std::os::fd::AsRawFd;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

const POLL_MS: i32 = 200;

pub struct InputThread {
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

/// What the terminal has for us.
enum Ready {
    Input,
    Nothing,
    Gone,
}

fn wait_readable(fd: i32) -> Ready {
    let mut pfd = libc::pollfd {
        fd,
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one valid pollfd, for the duration of the call.
    let n = unsafe { libc::poll(&mut pfd, 1, POLL_MS) };
    if n < 0 {
        let e = std::io::Error::last_os_error();
        return if e.kind() == std::io::ErrorKind::Interrupted {
            Ready::Nothing
        } else {
            Ready::Gone
        };
    }
    if pfd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
        Ready::Gone
    } else if pfd.revents & libc::POLLIN != 0 {
        Ready::Input
    } else {
        Ready::Nothing
    }
}

impl InputThread {
    pub fn start(tx: Sender<UiEvent>) -> std::io::Result<InputThread> {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&stop);
        // `run` checked that stdin is the terminal; crossterm reads it too.
        let fd = std::io::stdin().as_raw_fd();
        let thread = std::thread::Builder::new()
            .name("input".into())
            .spawn(move || {
                while !flag.load(Ordering::SeqCst) {
                    match wait_readable(fd) {
                        Ready::Nothing => continue,
                        Ready::Gone => {
                            let _ = tx.send(UiEvent::Terminate("the terminal was closed"));
                            break;
                        }
                        Ready::Input => {}
                    }
                    if !forward_events(&tx) {
                        break;
                    }
                }
            })?;
        Ok(InputThread {
            stop,
            thread: Some(thread),
        })
    }
}

/// Forwards every event crossterm has ready; false once the UI is gone.
fn forward_events(tx: &Sender<UiEvent>) -> bool {
    while let Ok(true) = event::poll(Duration::ZERO) {
        let sent = match event::read() {
            Ok(Event::Key(k)) => match Key::from_event(&k) {
                Some(key) => tx.send(UiEvent::Key(key)),
                None => Ok(()),
            },
            Ok(Event::Resize(..)) => tx.send(UiEvent::Resize),
            Ok(_) => Ok(()),
            Err(_) => return true,
        };
        if sent.is_err() {
            return false;
        }
    }
    true
}

impl Drop for InputThread {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
