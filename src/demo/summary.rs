//! What a demo book holds, in the terms the brief sets targets in: counts,
//! kind split, written premium by line, claim frequency by line, renewal
//! rate and loss ratio. Computed while generating and, for a reused book,
//! from a scan of the store; both give the same figures.

use crate::model::{
    ClaimStatus, CustomerDoc, CustomerKind, Labelled, Line, Policy, Task, TaskStatus,
};
use crate::store::{Book, Result};
use chrono::{Duration, NaiveDate};
use std::fmt;

/// Days of the trailing window (classification.md's 3 years).
const WINDOW_DAYS: i64 = 1095;
/// A successor must start within this many days of the effective end.
const SUCCESSOR_DAYS: i64 = 30;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    pub as_of: Option<NaiveDate>,
    pub customers: u64,
    /// Individuals, SMEs, large enterprises.
    pub by_kind: [u64; 3],
    pub locations: u64,
    pub policies: u64,
    pub in_force: u64,
    pub claims: u64,
    pub denied_claims: u64,
    pub interactions: u64,
    pub tasks: u64,
    pub open_tasks: u64,
    pub overdue_tasks: u64,
    /// Premium (fen) of policies written in the trailing year, by line in
    /// `Line::ALL` order.
    pub written_by_line: [i64; 8],
    /// Claims (not denied) with a loss in the trailing 3 years, by line.
    pub window_claims_by_line: [u64; 8],
    /// Policy-days in force within the trailing 3 years, by line.
    pub exposure_days_by_line: [u64; 8],
    /// Policies whose effective end fell in the window: renewed or lost
    /// (classification.md's definitions; those in grace count neither way).
    pub renewed: u64,
    pub lost: u64,
    /// Incurred (fen) of the window's claims and earned premium (fen).
    pub incurred: i64,
    pub earned: i64,
}

fn line_index(line: Line) -> usize {
    Line::ALL.iter().position(|l| *l == line).unwrap_or(0)
}

fn kind_index(kind: CustomerKind) -> usize {
    CustomerKind::ALL
        .iter()
        .position(|k| *k == kind)
        .unwrap_or(0)
}

/// Days of `[from, to)` inside `[lo, hi)`.
fn overlap(from: NaiveDate, to: NaiveDate, lo: NaiveDate, hi: NaiveDate) -> i64 {
    (to.min(hi) - from.max(lo)).num_days().max(0)
}

fn has_successor(policy: &Policy, all: &[Policy]) -> bool {
    let end = policy.effective_end();
    all.iter().any(|q| {
        q.id != policy.id
            && q.line == policy.line
            && (q.start_date - end).num_days().abs() <= SUCCESSOR_DAYS
    })
}

impl Summary {
    pub fn new(as_of: NaiveDate) -> Summary {
        Summary {
            as_of: Some(as_of),
            ..Summary::default()
        }
    }

    /// Adds one customer and its tasks.
    pub fn add(&mut self, doc: &CustomerDoc, tasks: &[Task]) {
        let Some(as_of) = self.as_of else { return };
        let window_lo = as_of - Duration::days(WINDOW_DAYS - 1);
        let window_hi = as_of + Duration::days(1);
        let year_lo = as_of - Duration::days(364);
        self.customers += 1;
        self.by_kind[kind_index(doc.customer.kind)] += 1;
        self.locations += doc.locations.len() as u64;
        self.policies += doc.policies.len() as u64;
        self.interactions += doc.interactions.len() as u64;
        for policy in &doc.policies {
            let line = line_index(policy.line);
            if policy.in_force_at(as_of) {
                self.in_force += 1;
            }
            if policy.start_date >= year_lo && policy.start_date <= as_of {
                self.written_by_line[line] += policy.premium.0;
            }
            let end = policy.effective_end();
            let days = overlap(policy.start_date, end, window_lo, window_hi);
            self.exposure_days_by_line[line] += days as u64;
            self.earned += (i128::from(policy.premium.0) * i128::from(days)
                / i128::from(policy.term_days().max(1))) as i64;
            if end >= window_lo && end <= as_of {
                if has_successor(policy, &doc.policies) {
                    self.renewed += 1;
                } else if end <= as_of - Duration::days(SUCCESSOR_DAYS) {
                    self.lost += 1;
                }
            }
        }
        for claim in &doc.claims {
            if claim.status == ClaimStatus::Denied {
                self.denied_claims += 1;
                continue;
            }
            self.claims += 1;
            let known = claim.reported_date.is_none_or(|r| r <= as_of);
            if claim.loss_date >= window_lo && claim.loss_date <= as_of && known {
                if let Some(policy) = doc.policy(&claim.policy_id) {
                    self.window_claims_by_line[line_index(policy.line)] += 1;
                }
                self.incurred += claim.incurred().0;
            }
        }
        tasks.iter().for_each(|t| self.add_task(t));
    }

    fn add_task(&mut self, task: &Task) {
        self.tasks += 1;
        if task.status == TaskStatus::Open {
            self.open_tasks += 1;
            if self.as_of.is_some_and(|as_of| task.due < as_of) {
                self.overdue_tasks += 1;
            }
        }
    }

    /// The summary of a stored book (as the generator computed it when it
    /// made the book).
    pub fn of_book(book: &Book, as_of: NaiveDate) -> Result<Summary> {
        let mut summary = Summary::new(as_of);
        for doc in book.scan::<CustomerDoc>() {
            summary.add(&doc?, &[]);
        }
        for task in book.scan::<Task>() {
            summary.add_task(&task?);
        }
        Ok(summary)
    }

    pub fn kind_share(&self, kind: CustomerKind) -> f64 {
        self.by_kind[kind_index(kind)] as f64 / self.customers.max(1) as f64
    }

    /// Share of the trailing year's written premium.
    pub fn premium_share(&self, line: Line) -> f64 {
        let total: i64 = self.written_by_line.iter().sum();
        self.written_by_line[line_index(line)] as f64 / total.max(1) as f64
    }

    /// Claims a policy-year over the trailing 3 years (`None` without
    /// exposure).
    pub fn claim_frequency(&self, line: Line) -> Option<f64> {
        let i = line_index(line);
        let years = self.exposure_days_by_line[i] as f64 / 365.0;
        (years > 0.0).then(|| self.window_claims_by_line[i] as f64 / years)
    }

    /// renewed / (renewed + lost).
    pub fn renewal_rate(&self) -> Option<f64> {
        let n = self.renewed + self.lost;
        (n > 0).then(|| self.renewed as f64 / n as f64)
    }

    pub fn loss_ratio(&self) -> Option<f64> {
        (self.earned > 0).then(|| self.incurred as f64 / self.earned as f64)
    }
}

fn pct(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kinds: Vec<String> = CustomerKind::ALL
            .iter()
            .map(|k| format!("{} {}", k.code(), pct(self.kind_share(*k))))
            .collect();
        writeln!(
            f,
            "customers     {:>10}   {}",
            self.customers,
            kinds.join(", ")
        )?;
        writeln!(f, "locations     {:>10}", self.locations)?;
        writeln!(
            f,
            "policies      {:>10}   {} in force",
            self.policies, self.in_force
        )?;
        writeln!(
            f,
            "claims        {:>10}   and {} denied",
            self.claims, self.denied_claims
        )?;
        writeln!(f, "interactions  {:>10}", self.interactions)?;
        writeln!(
            f,
            "tasks         {:>10}   {} open, {} overdue",
            self.tasks, self.open_tasks, self.overdue_tasks
        )?;
        let written = crate::model::Fen(self.written_by_line.iter().sum());
        writeln!(
            f,
            "premium written in the last 12 months: {}",
            written.display_grouped()
        )?;
        writeln!(f, "  line          share   claims/policy-year (3 years)")?;
        for line in Line::ALL {
            let frequency = self
                .claim_frequency(*line)
                .map_or("-".to_string(), |v| format!("{v:.3}"));
            writeln!(
                f,
                "  {:<12} {:>6}   {frequency}",
                line.code(),
                pct(self.premium_share(*line))
            )?;
        }
        let renewal = self.renewal_rate().map_or("-".to_string(), pct);
        writeln!(
            f,
            "renewal rate  {renewal:>10}   ({} renewed, {} lost, last 3 years)",
            self.renewed, self.lost
        )?;
        let loss_ratio = self.loss_ratio().map_or("-".to_string(), pct);
        write!(
            f,
            "loss ratio    {loss_ratio:>10}   (incurred / earned, last 3 years)"
        )
    }
}
