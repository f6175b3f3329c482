//! Signals as UI events: SIGTERM, SIGHUP (a dropped SSH connection) and
//! SIGINT quit with the terminal restored; SIGTSTP from outside suspends
//! like Ctrl-z; SIGWINCH redraws at the new size. The handlers are removed when the watcher is dropped.

use super::app::UiEvent;
use crossbeam_channel::Sender;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM, SIGTSTP, SIGWINCH};
use signal_hook::iterator::{Handle, Signals};

pub struct SignalWatcher {
    handle: Handle,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl SignalWatcher {
    pub fn start(tx: Sender<UiEvent>) -> std::io::Result<SignalWatcher> {
        let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT, SIGTSTP, SIGWINCH])?;
        let handle = signals.handle();
        let thread = std::thread::Builder::new()
            .name("signals".into())
            .spawn(move || {
                for signal in signals.forever() {
                    let event = match signal {
                        SIGTSTP => UiEvent::Suspend,
                        SIGWINCH => UiEvent::Resize,
                        SIGHUP => UiEvent::Terminate("SIGHUP"),
                        SIGINT => UiEvent::Terminate("SIGINT"),
                        _ => UiEvent::Terminate("SIGTERM"),
                    };
                    if tx.send(event).is_err() {
                        break;
                    }
                }
            })?;
        Ok(SignalWatcher {
            handle,
            thread: Some(thread),
        })
    }
}

impl Drop for SignalWatcher {
    fn drop(&mut self) {
        self.handle.close();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
