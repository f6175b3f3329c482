//! The search benchmark (`pcrm bench search`): index build time and memory,
//! and the latency of every keystroke while typing realistic queries one
//! character at a time, as the UI's `/` runs them (each keystroke refines
//! the previous one's matches).

use super::build::build_until;
use super::pinyin_keys::display_pinyin;
use super::session::Session;
use super::SearchIndex;
use crate::demo::rng::Rng;
use crate::store::{Book, Result};
use std::fmt;
use std::time::{Duration, Instant};

/// Queries typed per kind.
const SAMPLES: usize = 40;
const LIMIT: usize = 20;

pub struct Report {
    pub customers: usize,
    /// Reading the customers with their tie-breakers (value tiers, open
    /// tasks): the index answers queries after this.
    pub build: Phase,
    /// The index's own heap bytes, in all and per part.
    pub index_bytes: usize,
    pub index_parts: Vec<(&'static str, usize)>,
    /// Resident memory grown by the build (`VmRSS` after minus before).
    pub rss_delta: Option<u64>,
    /// Peak resident memory of the process (`VmHWM`).
    pub peak_rss: Option<u64>,
    pub typing: Vec<Typing>,
}

/// Wall and CPU (user + system, all threads) time of a step.
#[derive(Clone, Copy, Debug, Default)]
pub struct Phase {
    pub wall: Duration,
    pub cpu: Duration,
}

impl Phase {
    fn measure<T>(work: impl FnOnce() -> T) -> (T, Phase) {
        let (wall, cpu) = (Instant::now(), cpu_time());
        let value = work();
        let phase = Phase {
            wall: wall.elapsed(),
            cpu: cpu_time().saturating_sub(cpu),
        };
        (value, phase)
    }
}

/// CPU time of the process so far.
fn cpu_time() -> Duration {
    // SAFETY: getrusage only writes the struct it is given.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_SELF, &mut usage);
        usage
    };
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(usage.ru_utime) + tv(usage.ru_stime)
}

/// Keystroke latencies of one kind of query.
pub struct Typing {
    pub kind: &'static str,
    pub example: String,
    pub keystrokes: usize,
    pub p50: Duration,
    pub p99: Duration,
    pub max: Duration,
    /// CPU time of a keystroke (both threads): what it costs whatever else
    /// the machine is doing.
    pub cpu_p50: Duration,
    pub cpu_p99: Duration,
}

/// Builds the index of `book` and types queries against it.
pub fn run(book: &Book) -> Result<Report> {
    let rss_before = proc_status_bytes("VmRSS");
    let (built, build) = Phase::measure(|| build_until(book, &|_| {}, &|| false));
    let Some(index) = built? else {
        unreachable!("the benchmark never stops a build");
    };
    let rss_delta = rss_before
        .zip(proc_status_bytes("VmRSS"))
        .map(|(before, after)| after.saturating_sub(before));
    let typing = workloads(&index)
        .into_iter()
        .map(|(kind, queries)| type_queries(&index, kind, &queries))
        .collect();
    Ok(Report {
        customers: index.len(),
        build,
        index_bytes: index.heap_bytes(),
        index_parts: index.heap_parts().to_vec(),
        rss_delta,
        peak_rss: proc_status_bytes("VmHWM"),
        typing,
    })
}

/// Realistic queries drawn from the book (deterministically).
fn workloads(index: &SearchIndex) -> Vec<(&'static str, Vec<String>)> {
    let mut rng = Rng::new(42);
    let n = index.ordinals();
    let mut people = Vec::new();
    let mut latin = Vec::new();
    let mut phones = Vec::new();
    for _ in 0..SAMPLES * 200 {
        if n == 0 {
            break;
        }
        let o = rng.below(u64::from(n)) as u32;
        let e = index.entry(o);
        let name = index.name(o);
        if !e.is_alive() {
            continue;
        }
        if e.is_person() && people.len() < SAMPLES {
            people.push(name.to_string());
        } else if name.is_ascii() && latin.len() < SAMPLES {
            latin.push(name.chars().take(14).collect::<String>().to_lowercase());
        }
        if !index.phone(o).is_empty() && phones.len() < SAMPLES {
            phones.push(index.phone(o).to_string());
        }
    }
    let full: Vec<String> = people
        .iter()
        .map(|p| display_pinyin(p, true).replace(' ', ""))
        .collect();
    let initials: Vec<String> = people
        .iter()
        .map(|p| {
            display_pinyin(p, true)
                .split(' ')
                .filter_map(|s| s.chars().next())
                .collect()
        })
        .collect();
    let suffixes: Vec<String> = phones
        .iter()
        .map(|p| p[p.len().saturating_sub(4)..].to_string())
        .collect();
    vec![
        ("zhangsan", vec!["zhangsan".to_string()]),
        ("full pinyin", full),
        ("Chinese name", people),
        ("pinyin initials", initials),
        ("Latin name", latin),
        ("phone", phones),
        ("phone last 4", suffixes),
    ]
}

/// Types each query one character at a time in a fresh session.
fn type_queries(index: &SearchIndex, kind: &'static str, queries: &[String]) -> Typing {
    let mut walls = Vec::new();
    let mut cpus = Vec::new();
    for query in queries {
        let mut session = Session::default();
        let chars: Vec<char> = query.chars().collect();
        for end in 1..=chars.len() {
            let typed: String = chars[..end].iter().collect();
            let (hits, phase) = Phase::measure(|| session.query(index, &typed, LIMIT, &|| false));
            std::hint::black_box(hits);
            walls.push(phase.wall);
            cpus.push(phase.cpu);
        }
    }
    walls.sort();
    cpus.sort();
    Typing {
        kind,
        example: queries.first().cloned().unwrap_or_default(),
        keystrokes: walls.len(),
        p50: percentile(&walls, 0.5),
        p99: percentile(&walls, 0.99),
        max: walls.last().copied().unwrap_or_default(),
        cpu_p50: percentile(&cpus, 0.5),
        cpu_p99: percentile(&cpus, 0.99),
    }
}

/// The `q` quantile of sorted durations (nearest rank).
fn percentile(sorted: &[Duration], q: f64) -> Duration {
    sorted
        .get(((sorted.len() as f64 - 1.0) * q).round() as usize)
        .copied()
        .unwrap_or_default()
}

/// A `kB` line of `/proc/self/status`, in bytes (Linux only).
fn proc_status_bytes(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "customers indexed   {}", self.customers)?;
        let phase = |p: Phase| format!("{} (CPU {})", ms(p.wall), ms(p.cpu));
        writeln!(f, "index build         {}", phase(self.build))?;
        let parts: Vec<String> = self
            .index_parts
            .iter()
            .map(|(part, bytes)| format!("{part} {}", mb(*bytes as u64)))
            .collect();
        writeln!(
            f,
            "index size          {} ({})",
            mb(self.index_bytes as u64),
            parts.join(", ")
        )?;
        let opt = |v: Option<u64>| v.map_or_else(|| "n/a".to_string(), mb);
        writeln!(f, "RSS grown by build  {}", opt(self.rss_delta))?;
        writeln!(f, "peak RSS (VmHWM)    {}", opt(self.peak_rss))?;
        writeln!(
            f,
            "{:<16} {:>10} {:>10} {:>10} {:>11} {:>11} {:>5}  example",
            "keystrokes", "p50", "p99", "max", "CPU p50", "CPU p99", "n"
        )?;
        for t in &self.typing {
            writeln!(
                f,
                "{:<16} {:>10} {:>10} {:>10} {:>11} {:>11} {:>5}  {}",
                t.kind,
                ms(t.p50),
                ms(t.p99),
                ms(t.max),
                ms(t.cpu_p50),
                ms(t.cpu_p99),
                t.keystrokes,
                t.example
            )?;
        }
        Ok(())
    }
}
