//! A customer's stored classification: the three labels with their scores
//! and factor points (classification.md). Computed by `classify/`, stored by
//! `store/`, read by the roster, the UI and the CLI.

use super::date_codec::days;
use crate::labelled_enum;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

labelled_enum!(
    /// A value or risk tier.
    Tier {
        High = "high" ["高"],
        Medium = "medium" ["中"],
        Low = "low" ["低"],
    }
);

labelled_enum!(
    /// The behaviour segment.
    BehaviorLabel {
        Active = "active" ["活跃"],
        Potential = "potential" ["潜在"],
        Churned = "churned" ["流失"],
    }
);

/// A tier with its unrounded score and factor points, in the order the
/// spec lists the factors (value: premium, retention, loss, relationship;
/// risk: industry, catastrophe, property, claims).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScoredTier {
    pub tier: Tier,
    pub score: f64,
    pub factors: [f64; 4],
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Behavior {
    pub segment: BehaviorLabel,
    /// Days since the latest touch on or before the as-of date.
    pub recency_days: Option<u32>,
    pub touches_365: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Classification {
    #[serde(with = "days")]
    pub as_of: NaiveDate,
    pub value: ScoredTier,
    pub risk: ScoredTier,
    pub behavior: Behavior,
    /// Hash of the rules that produced it (see `classify/rules.rs`).
    pub rules_hash: u64,
}
