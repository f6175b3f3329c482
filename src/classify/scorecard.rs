//! One customer's full scorecard: the facts, the three scores with their
//! intermediate quantities, and the stored [`Classification`] cut from them.

use super::behavior::{behavior, Why};
use super::facts::Facts;
use super::risk::RiskScore;
use super::rules::Rules;
use super::value::ValueScore;
use super::view::DocView;
use crate::model::{Behavior, Classification, CustomerDoc, ScoredTier, Tier};
use chrono::{Datelike, NaiveDate};

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scorecard {
    pub as_of: NaiveDate,
    pub facts: Facts,
    pub value: ValueScore,
    pub risk: RiskScore,
    pub behavior: Behavior,
    pub behavior_why: Why,
}

/// Tiers are cut on the unrounded score.
pub fn tier(score: f64, high: f64, medium: f64) -> Tier {
    if score >= high {
        Tier::High
    } else if score >= medium {
        Tier::Medium
    } else {
        Tier::Low
    }
}

impl Scorecard {
    pub fn of(doc: &DocView, rules: &Rules, as_of: NaiveDate) -> Scorecard {
        let facts = Facts::of(doc, rules, as_of);
        let (behavior, behavior_why) = behavior(&facts, rules);
        Scorecard {
            as_of,
            facts,
            value: ValueScore::of(&facts, doc.customer.kind, rules),
            risk: RiskScore::of(&facts, doc, rules, as_of.year()),
            behavior,
            behavior_why,
        }
    }

    /// The scorecard of an owned doc.
    pub fn of_doc(doc: &CustomerDoc, rules: &Rules, as_of: NaiveDate) -> Scorecard {
        Scorecard::of(&DocView::of(doc), rules, as_of)
    }

    pub fn classification(&self, rules: &Rules) -> Classification {
        Classification {
            as_of: self.as_of,
            value: ScoredTier {
                tier: tier(
                    self.value.score,
                    rules.value.tier_high,
                    rules.value.tier_medium,
                ),
                score: self.value.score,
                factors: self.value.factors(),
            },
            risk: ScoredTier {
                tier: tier(
                    self.risk.score,
                    rules.risk.tier_high,
                    rules.risk.tier_medium,
                ),
                score: self.risk.score,
                factors: self.risk.factors(),
            },
            behavior: self.behavior,
            rules_hash: rules.hash(),
        }
    }
}

/// The pure scorer: the same doc, rules and as-of date always give the same
/// result, bit for bit.
pub fn classify_doc(doc: &CustomerDoc, rules: &Rules, as_of: NaiveDate) -> Classification {
    Scorecard::of_doc(doc, rules, as_of).classification(rules)
}
