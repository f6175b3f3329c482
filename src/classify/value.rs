//! The value score (classification.md): premium on the kind's log scale,
//! retention, credibility-weighted loss experience and relationship.

use super::facts::Facts;
use super::rules::Rules;
use crate::model::CustomerKind;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ValueScore {
    /// `P`: the larger of the in-force annualised premium and the trailing
    /// year's earned premium, in fen.
    pub premium_fen: i64,
    pub premium: f64,
    pub retention: f64,
    pub loss: f64,
    pub tenure: f64,
    pub breadth: f64,
    pub score: f64,
}

impl ValueScore {
    pub fn of(f: &Facts, kind: CustomerKind, rules: &Rules) -> ValueScore {
        let v = &rules.value;
        let k = rules.kind(kind);

        let premium_fen = f.in_force_annual_fen.max(f.earned_year_fen);
        let floor = k.premium_floor_yuan * 100.0;
        let cap = k.premium_cap_yuan * 100.0;
        let p = premium_fen as f64;
        let premium = if p <= floor {
            0.0
        } else {
            v.premium_points * ((p / floor).ln() / (cap / floor).ln()).clamp(0.0, 1.0)
        };

        let came_up = f.renewed + f.lost;
        let retention = if came_up == 0 {
            v.retention_no_history_points
        } else {
            v.retention_points * f64::from(f.renewed) / f64::from(came_up)
        };

        let lrc = f.credibility.blended;
        let loss = v.loss_points
            * ((v.loss_no_points_ratio - lrc)
                / (v.loss_no_points_ratio - v.loss_full_points_ratio))
                .clamp(0.0, 1.0);

        let tenure = v.tenure_points * (f.tenure_years() / v.tenure_full_years).min(1.0);
        let breadth = v.breadth_points
            * (f64::from(f.lines_in_force) / f64::from(v.breadth_full_lines)).min(1.0);

        ValueScore {
            premium_fen,
            premium,
            retention,
            loss,
            tenure,
            breadth,
            score: premium + retention + loss + (tenure + breadth),
        }
    }

    pub fn relationship(&self) -> f64 {
        self.tenure + self.breadth
    }

    /// premium, retention, loss, relationship: the stored order.
    pub fn factors(&self) -> [f64; 4] {
        [self.premium, self.retention, self.loss, self.relationship()]
    }
}
