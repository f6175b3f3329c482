//! The quantities classification.md defines for one customer at an as-of
//! date T: earned and annualised premium, exposure, claims in the window,
//! renewals, tenure, lines in force and touches.
//!
//! Dates are handled as day numbers (`i64` days since 1970-01-01) so that
//! the windows are plain integer comparisons. Money stays in integer fen:
//! a policy's earned or annualised premium is `premium × days / term_days`
//! rounded half away from zero to the fen, so sums are exact and do not
//! depend on the order of the policies. Floats appear only in ratios.

use super::rules::{KindRules, Rules};
use super::view::{DocView, PolicyView};
use crate::model::date_codec::{from_days, to_days};
use crate::model::{ClaimStatus, Line, Policy};
use chrono::NaiveDate;

pub fn day(date: NaiveDate) -> i64 {
    i64::from(to_days(date))
}

/// `a × b / c` rounded half away from zero, without overflow; 0 when
/// `c <= 0` (a policy whose end is not after its start earns nothing).
pub fn mul_div_round(a: i64, b: i64, c: i64) -> i64 {
    if c <= 0 {
        return 0;
    }
    let n = i128::from(a) * i128::from(b);
    let c = i128::from(c);
    let q = (2 * n.abs() + c) / (2 * c);
    (if n < 0 { -q } else { q }) as i64
}

/// Days of `[start, end)` that fall in `(after, upto]`.
fn overlap(start: i64, end: i64, after: i64, upto: i64) -> i64 {
    (end.min(upto + 1) - start.max(after + 1)).max(0)
}

/// The credibility-weighted loss ratio (value's loss factor and risk's
/// severity both use it).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Credibility {
    /// Incurred / earned premium in the window; `None` without earned premium.
    pub own: Option<f64>,
    /// `EP / (EP + K)`, 0 without earned premium.
    pub weight: f64,
    /// `Z × LR + (1 - Z) × ELR`.
    pub blended: f64,
}

impl Credibility {
    fn of(earned_fen: i64, incurred_fen: i64, kind: &KindRules) -> Credibility {
        if earned_fen <= 0 {
            return Credibility {
                own: None,
                weight: 0.0,
                blended: kind.expected_loss_ratio,
            };
        }
        let earned_yuan = earned_fen as f64 / 100.0;
        let own = incurred_fen as f64 / earned_fen as f64;
        let weight = earned_yuan / (earned_yuan + kind.credibility_k_yuan);
        Credibility {
            own: Some(own),
            weight,
            blended: weight * own + (1.0 - weight) * kind.expected_loss_ratio,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Facts {
    /// The as-of date as a day number.
    pub t: i64,
    /// Sum of the annualised premium of the policies in force at T.
    pub in_force_annual_fen: i64,
    /// Earned premium in the trailing year `(T - year_days, T]`.
    pub earned_year_fen: i64,
    /// Earned premium in the window `(T - loss_days, T]`.
    pub earned_window_fen: i64,
    /// Sum over policies of their days in the window (exposure × 365).
    pub exposure_days: i64,
    /// Claims in the window: not denied, known (reported) by T.
    pub claims: u32,
    /// Paid + reserve of those claims.
    pub incurred_fen: i64,
    pub credibility: Credibility,
    /// Policies that came up for renewal in the window and were renewed.
    pub renewed: u32,
    /// ... and were lost (no successor, ended at least grace_days ago).
    pub lost: u32,
    /// ... and are still in their grace period.
    pub in_grace: u32,
    /// Earliest of the customer's `since` and its policies' start dates
    /// (day number).
    pub since: Option<i64>,
    /// Distinct lines of the policies in force at T.
    pub lines_in_force: u32,
    pub policies: u32,
    pub policies_in_force: u32,
    /// Latest effective end of any policy (day number).
    pub latest_effective_end: Option<i64>,
    /// Latest touch (interaction or policy start) on or before T.
    pub latest_touch: Option<i64>,
    /// Touches in `(T - year_days, T]`.
    pub touches_year: u32,
}

/// What the successor rule reads of a policy, stored or viewed (the
/// playbooks apply the rule to owned docs, the scorer to views).
pub trait PolicyTerms {
    fn line(&self) -> Line;
    /// The start date as a day number.
    fn start_day(&self) -> i64;
}

impl PolicyTerms for Policy {
    fn line(&self) -> Line {
        self.line
    }
    fn start_day(&self) -> i64 {
        day(self.start_date)
    }
}

impl PolicyTerms for PolicyView<'_> {
    fn line(&self) -> Line {
        self.line
    }
    fn start_day(&self) -> i64 {
        i64::from(self.start_date)
    }
}

/// Whether `policies[i]`, whose effective end is `end` (in days), has a
/// successor: another policy of the same line starting within `within` days
/// either side of that end (it may start after T: bound in advance).
pub fn has_successor<P: PolicyTerms>(policies: &[P], i: usize, end: i64, within: i64) -> bool {
    let line = policies[i].line();
    policies
        .iter()
        .enumerate()
        .any(|(j, q)| j != i && q.line() == line && (q.start_day() - end).abs() <= within)
}

/// Sum of the annualised premium (`premium × 365 / term_days`) of the
/// policies in force at day `t`, in fen.
pub fn annual_premium_fen(policies: &[PolicyView], t: i64) -> i64 {
    policies
        .iter()
        .filter(|p| p.in_force_at(t))
        .map(|p| mul_div_round(p.premium.0, 365, p.term_days()))
        .sum()
}

impl Facts {
    pub fn of(doc: &DocView, rules: &Rules, as_of: NaiveDate) -> Facts {
        let w = &rules.windows;
        let t = day(as_of);
        let window_after = t - w.loss_days;
        let year_after = t - w.year_days;
        let mut f = Facts {
            t,
            in_force_annual_fen: 0,
            earned_year_fen: 0,
            earned_window_fen: 0,
            exposure_days: 0,
            claims: 0,
            incurred_fen: 0,
            credibility: Credibility::of(0, 0, rules.kind(doc.customer.kind)),
            renewed: 0,
            lost: 0,
            in_grace: 0,
            since: doc.customer.since.map(i64::from),
            lines_in_force: 0,
            policies: doc.policies.len() as u32,
            policies_in_force: 0,
            latest_effective_end: None,
            latest_touch: None,
            touches_year: 0,
        };
        // One bit per line of business.
        let mut lines_in_force = 0u32;

        f.in_force_annual_fen = annual_premium_fen(&doc.policies, t);
        for (i, p) in doc.policies.iter().enumerate() {
            let start = i64::from(p.start_date);
            let end = p.effective_end();
            let term = p.term_days();
            let premium = p.premium.0;
            if start <= t && t < end {
                f.policies_in_force += 1;
                lines_in_force |= 1 << (p.line as u32);
            }
            let in_window = overlap(start, end, window_after, t);
            f.exposure_days += in_window;
            f.earned_window_fen += mul_div_round(premium, in_window, term);
            f.earned_year_fen += mul_div_round(premium, overlap(start, end, year_after, t), term);
            if window_after < end && end <= t {
                if has_successor(&doc.policies, i, end, w.successor_days) {
                    f.renewed += 1;
                } else if end <= t - w.grace_days {
                    f.lost += 1;
                } else {
                    f.in_grace += 1;
                }
            }
            f.latest_effective_end = f.latest_effective_end.max(Some(end));
            f.since = Some(f.since.map_or(start, |s| s.min(start)));
            f.touch(start, year_after);
        }
        f.lines_in_force = lines_in_force.count_ones();

        for c in &doc.claims {
            let loss = i64::from(c.loss_date);
            let known = c.reported_date.is_none_or(|r| i64::from(r) <= t);
            if window_after < loss && loss <= t && known && c.status != ClaimStatus::Denied {
                f.claims += 1;
                f.incurred_fen += c.paid.0 + c.reserve.0;
            }
        }
        f.credibility = Credibility::of(
            f.earned_window_fen,
            f.incurred_fen,
            rules.kind(doc.customer.kind),
        );

        for x in &doc.interactions {
            f.touch(x.day(), year_after);
        }
        f
    }

    /// Counts a touch on day `d` (ignored when after T).
    fn touch(&mut self, d: i64, year_after: i64) {
        if d > self.t {
            return;
        }
        self.latest_touch = self.latest_touch.max(Some(d));
        if d > year_after {
            self.touches_year += 1;
        }
    }

    /// Days from the latest touch on or before T to T.
    pub fn recency_days(&self) -> Option<u32> {
        self.latest_touch.map(|d| (self.t - d) as u32)
    }

    pub fn exposure_years(&self) -> f64 {
        self.exposure_days as f64 / 365.0
    }

    /// Years from `since` to T (0 without one, or when it is after T).
    pub fn tenure_years(&self) -> f64 {
        match self.since {
            Some(s) if s <= self.t => (self.t - s) as f64 / 365.25,
            _ => 0.0,
        }
    }

    /// `since` as a date.
    pub fn since_date(&self) -> Option<NaiveDate> {
        self.since.and_then(|d| from_days(d as i32))
    }
}
