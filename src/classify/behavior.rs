//! The behaviour segment (classification.md): the first rule that matches
//! of churned, active, potential.

use super::facts::Facts;
use super::rules::Rules;
use crate::model::{Behavior, BehaviorLabel};

/// Which rule decided the segment (for the explanation).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Why {
    /// Had policies, none in force, the last ended at least grace_days ago.
    Churned,
    /// Recent enough and enough touches.
    Active,
    /// No policy at all: a prospect.
    Prospect,
    /// The last policy ended within the grace period, none in force.
    InGrace,
    /// In force (or bound for later) but not engaged enough to be active.
    LowEngagement,
}

pub fn behavior(f: &Facts, rules: &Rules) -> (Behavior, Why) {
    let b = &rules.behavior;
    let recency_days = f.recency_days();
    let churned = f.policies > 0
        && f.policies_in_force == 0
        && f.latest_effective_end
            .is_some_and(|end| end <= f.t - rules.windows.grace_days);
    let active = recency_days.is_some_and(|r| i64::from(r) <= b.active_recency_days)
        && f.touches_year >= b.active_min_touches;
    let (segment, why) = if churned {
        (BehaviorLabel::Churned, Why::Churned)
    } else if active {
        (BehaviorLabel::Active, Why::Active)
    } else if f.policies == 0 {
        (BehaviorLabel::Potential, Why::Prospect)
    } else if f.policies_in_force == 0 && f.latest_effective_end.is_some_and(|e| e <= f.t) {
        (BehaviorLabel::Potential, Why::InGrace)
    } else {
        (BehaviorLabel::Potential, Why::LowEngagement)
    };
    (
        Behavior {
            segment,
            recency_days,
            touches_365: f.touches_year,
        },
        why,
    )
}
