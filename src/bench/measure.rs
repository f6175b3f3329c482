//! Wall time and peak RSS of child processes and of this process.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// What one measured run took.
#[derive(Debug, Clone, Copy)]
pub struct Run {
    pub wall: Duration,
    /// Peak resident set size in bytes.
    pub peak_rss: u64,
}

/// Runs the current `pcrm` binary with `args`, waits, and measures it.
/// Its output goes to this process's stderr so that the bench's own stdout
/// stays the report.
pub fn run_pcrm(args: &[&std::ffi::OsStr]) -> std::io::Result<Run> {
    let exe = std::env::current_exe()?;
    let start = Instant::now();
    let child = Command::new(exe)
        .args(args)
        .stdout(std::process::Stdio::from(std::io::stderr()))
        .spawn()?;
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: rusage is plain data that wait4 fills in for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = start.elapsed();
    if waited != pid {
        return Err(std::io::Error::last_os_error());
    }
    if !libc::WIFEXITED(status) || libc::WEXITSTATUS(status) != 0 {
        return Err(std::io::Error::other(format!(
            "pcrm {:?} failed (status {status})",
            args
        )));
    }
    Ok(Run {
        wall,
        // ru_maxrss is in kilobytes on Linux.
        peak_rss: usage.ru_maxrss as u64 * 1024,
    })
}

/// CPU time (user + system, every thread) this process has used so far: on
/// a shared machine the wall time depends on the other load, this much less.
pub fn own_cpu() -> Duration {
    // SAFETY: getrusage fills in a plain struct we own.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    let time = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
    };
    time(usage.ru_utime) + time(usage.ru_stime)
}

/// The 1, 5 and 15 minute load averages, as the kernel shows them.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .unwrap_or_default()
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
}

/// This process's peak RSS so far (VmHWM), in bytes.
pub fn own_peak_rss() -> u64 {
    proc_status_kb("VmHWM:") * 1024
}

/// Resets this process's peak RSS to its current RSS (Linux:
/// `echo 5 > /proc/self/clear_refs`), so that the next [`own_peak_rss`] is
/// the peak of what runs in between.
pub fn reset_peak_rss() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// This process's current RSS (VmRSS), in bytes.
pub fn own_rss() -> u64 {
    proc_status_kb("VmRSS:") * 1024
}

fn proc_status_kb(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

/// Bytes of every file below `dir`.
pub fn dir_bytes(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| match e.file_type() {
            Ok(t) if t.is_dir() => dir_bytes(&e.path()),
            _ => e.metadata().map(|m| m.len()).unwrap_or(0),
        })
        .sum()
}

/// p-th percentile (0..=100) of durations, by nearest rank.
pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

pub fn mb(bytes: u64) -> String {
    format!("{:.0} MB", bytes as f64 / 1e6)
}

pub fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_by_nearest_rank() {
        let d: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        assert_eq!(percentile(&d, 50.0), Duration::from_millis(50));
        assert_eq!(percentile(&d, 99.0), Duration::from_millis(99));
        assert_eq!(percentile(&d, 100.0), Duration::from_millis(100));
        assert_eq!(percentile(&[], 50.0), Duration::ZERO);
    }

    #[test]
    fn counts_own_cpu() {
        let before = own_cpu();
        let spin = Instant::now();
        while spin.elapsed() < Duration::from_millis(30) {}
        assert!(own_cpu() > before);
        assert_eq!(load_average().split(' ').count(), 3);
    }

    /// One test, as tests run in parallel threads of one process and a
    /// reset would race with another test's reading.
    #[test]
    fn reads_and_resets_own_memory() {
        let now = own_rss();
        assert!(now > 0);
        // The peak is read after the current size, which can only have grown.
        assert!(own_peak_rss() >= now);
        let big = vec![1u8; 64 << 20];
        assert_eq!(big.iter().map(|b| *b as usize).sum::<usize>(), 64 << 20);
        drop(big);
        let peak = own_peak_rss();
        reset_peak_rss();
        assert!(own_peak_rss() < peak, "the 64 MB peak is forgotten");
    }
}
