//! The input thread: terminal events to the UI's channel, key presses only
//! (some terminals also report releases and repeats) and resizes. It polls
//! so that it can be stopped; between events it sleeps in the kernel.

use super::app::UiEvent;
use super::keymap::Key;
use crossbeam_channel::Sender;
use crossterm::event::{self, Event};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

pub struct InputThread {
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl InputThread {
    pub fn start(tx: Sender<UiEvent>) -> std::io::Result<InputThread> {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&stop);
        let thread = std::thread::Builder::new()
            .name("input".into())
            .spawn(move || {
                while !flag.load(Ordering::SeqCst) {
                    match event::poll(Duration::from_millis(200)) {
                        Ok(false) => continue,
                        Ok(true) => {}
                        Err(_) => break,
                    }
                    let forwarded = match event::read() {
                        Ok(Event::Key(k)) => match Key::from_event(&k) {
                            Some(key) => tx.send(UiEvent::Key(key)),
                            None => Ok(()),
                        },
                        Ok(Event::Resize(..)) => tx.send(UiEvent::Resize),
                        Ok(_) => Ok(()),
                        // The terminal went away (SIGHUP follows).
                        Err(_) => break,
                    };
                    if forwarded.is_err() {
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

impl Drop for InputThread {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
