//! `pcrm bench demo`: generates a demo book of the requested size into a
//! fresh directory in this process and reports wall time, CPU time (to tell
//! a busy machine from a slow program), peak RSS and size on disk.

use super::{generate, DemoOptions, Summary};
use crate::bench::measure::{dir_bytes, mb, own_peak_rss};
use crate::store::{Book, Result};
use std::fmt;
use std::path::Path;
use std::time::{Duration, Instant};

pub struct DemoBench {
    pub customers: u64,
    pub wall: Duration,
    /// User plus system time of the whole process.
    pub cpu: Duration,
    pub peak_rss: u64,
    pub disk_bytes: u64,
    pub summary: Summary,
}

fn cpu_time() -> Duration {
    // SAFETY: getrusage only fills in the plain struct we pass.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    let micros = |t: libc::timeval| t.tv_sec as u64 * 1_000_000 + t.tv_usec as u64;
    Duration::from_micros(micros(usage.ru_utime) + micros(usage.ru_stime))
}

/// Generates `options` into a new book at `path` (which must not hold a
/// book yet) and measures it, including the final flush to disk.
pub fn run(path: &Path, user: &str, options: &DemoOptions) -> Result<DemoBench> {
    let book = Book::open(path, user)?;
    let cpu_before = cpu_time();
    let started = Instant::now();
    let summary = generate(&book, options, &mut |_, _| {})?;
    let wall = started.elapsed();
    let cpu = cpu_time().saturating_sub(cpu_before);
    drop(book);
    Ok(DemoBench {
        customers: options.customers,
        wall,
        cpu,
        peak_rss: own_peak_rss(),
        disk_bytes: dir_bytes(path),
        summary,
    })
}

impl fmt::Display for DemoBench {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = &self.summary;
        writeln!(
            f,
            "demo book of {} customers ({} policies, {} claims, {} interactions, {} tasks)",
            self.customers, s.policies, s.claims, s.interactions, s.tasks
        )?;
        writeln!(f, "wall          {:>9.1} s", self.wall.as_secs_f64())?;
        writeln!(
            f,
            "cpu           {:>9.1} s   (user + system, both threads)",
            self.cpu.as_secs_f64()
        )?;
        writeln!(
            f,
            "throughput    {:>9.0} customers/s",
            self.customers as f64 / self.wall.as_secs_f64().max(1e-9)
        )?;
        writeln!(f, "peak RSS      {:>9}", mb(self.peak_rss))?;
        write!(f, "disk          {:>9}", mb(self.disk_bytes))
    }
}
