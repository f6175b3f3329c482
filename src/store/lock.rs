//! One process at a time per book. sled itself refuses a second opener with
//! a raw `WouldBlock`; we take our own lock first, on `pcrm.lock`, whose
//! contents say who holds it, so that the second process can tell the user.

use super::error::{Result, StoreError};
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;

/// Holds the book's lock until dropped.
#[derive(Debug)]
pub struct BookLock {
    _file: File,
}

/// The login name of the current user, for lock files and the audit log.
pub fn login_name() -> String {
    ["PCRM_USER", "USER", "LOGNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
        .or_else(account_name)
        .unwrap_or_else(|| "unknown".to_string())
}

/// The name of the account this process runs as, from the password
/// database: cron jobs, `su -c` and some SSH setups run without `$USER`,
/// and the audit log should still say who acted.
fn account_name() -> Option<String> {
    let mut buf = vec![0u8; 4096];
    // SAFETY: passwd is a plain C struct; getpwuid_r writes into it and
    // `buf` (whose length it is told) and sets `found` to it or to null.
    unsafe {
        let mut pwd: libc::passwd = std::mem::zeroed();
        let mut found: *mut libc::passwd = std::ptr::null_mut();
        let rc = libc::getpwuid_r(
            libc::geteuid(),
            &mut pwd,
            buf.as_mut_ptr().cast(),
            buf.len(),
            &mut found,
        );
        if rc != 0 || found.is_null() || pwd.pw_name.is_null() {
            return None;
        }
        let name = std::ffi::CStr::from_ptr(pwd.pw_name).to_string_lossy();
        (!name.is_empty()).then(|| name.into_owned())
    }
}

impl BookLock {
    pub fn acquire(dir: &Path, user: &str) -> Result<BookLock> {
        let path = dir.join("pcrm.lock");
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|source| StoreError::Create {
                path: path.clone(),
                source,
            })?;
        // A lock can be held for a moment by a handle being released: a
        // child forked by another thread shares the descriptor until it
        // execs. Wait a second before telling the user the book is in use.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(1);
        let mut result = file.try_lock();
        while matches!(result, Err(TryLockError::WouldBlock))
            && std::time::Instant::now() < deadline
        {
            std::thread::sleep(std::time::Duration::from_millis(10));
            result = file.try_lock();
        }
        match result {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut holder = String::new();
                // The holder may not have written its line yet: then unknown.
                let _ = file.read_to_string(&mut holder);
                let field = |name: &str| {
                    holder
                        .split_whitespace()
                        .find_map(|kv| kv.strip_prefix(name))
                        .unwrap_or("unknown")
                        .to_string()
                };
                return Err(StoreError::InUse {
                    path: dir.to_path_buf(),
                    pid: field("pid="),
                    user: field("user="),
                });
            }
            Err(TryLockError::Error(e)) => return Err(StoreError::Io(e)),
        }
        file.set_len(0)?;
        file.seek(SeekFrom::Start(0))?;
        writeln!(file, "pid={} user={}", std::process::id(), user)?;
        file.flush()?;
        Ok(BookLock { _file: file })
    }
}
