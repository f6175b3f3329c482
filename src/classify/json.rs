//! classification.md's machine-readable line, one JSON object per customer.
//! Scores and factors are rounded half away from zero to one decimal here,
//! on output only.

use crate::model::{Classification, Labelled, ScoredTier};
use serde::Serialize;

/// Half away from zero to one decimal (`-0.0` printed as `0.0`).
pub fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0 + 0.0
}

#[derive(Serialize)]
struct Line<'a> {
    customer_id: &'a str,
    as_of: String,
    value: Scored<ValueFactors>,
    risk: Scored<RiskFactors>,
    behavior: Behavior,
}

#[derive(Serialize)]
struct Scored<F> {
    tier: &'static str,
    score: f64,
    factors: F,
}

#[derive(Serialize)]
struct ValueFactors {
    premium: f64,
    retention: f64,
    loss: f64,
    relationship: f64,
}

#[derive(Serialize)]
struct RiskFactors {
    industry: f64,
    catastrophe: f64,
    property: f64,
    claims: f64,
}

#[derive(Serialize)]
struct Behavior {
    segment: &'static str,
    recency_days: Option<u32>,
    touches_365: u32,
}

fn scored<F>(s: &ScoredTier, factors: fn([f64; 4]) -> F) -> Scored<F> {
    Scored {
        tier: s.tier.code(),
        score: round1(s.score),
        factors: factors(s.factors.map(round1)),
    }
}

/// `{"customer_id":..,"as_of":..,"value":{..},"risk":{..},"behavior":{..}}`
pub fn json_line(customer_id: &str, c: &Classification) -> String {
    let line = Line {
        customer_id,
        as_of: c.as_of.to_string(),
        value: scored(&c.value, |[premium, retention, loss, relationship]| {
            ValueFactors {
                premium,
                retention,
                loss,
                relationship,
            }
        }),
        risk: scored(&c.risk, |[industry, catastrophe, property, claims]| {
            RiskFactors {
                industry,
                catastrophe,
                property,
                claims,
            }
        }),
        behavior: Behavior {
            segment: c.behavior.segment.code(),
            recency_days: c.behavior.recency_days,
            touches_365: c.behavior.touches_365,
        },
    };
    // Plain structs of numbers and strings always serialise.
    serde_json::to_string(&line).expect("a classification line serialises")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{BehaviorLabel, Tier};
    use chrono::NaiveDate;

    #[test]
    fn rounds_half_away_from_zero_on_output_only() {
        assert_eq!(round1(0.25), 0.3);
        assert_eq!(round1(71.26), 71.3);
        assert_eq!(round1(-0.04), 0.0);
        assert_eq!(round1(0.0).to_string(), "0");
    }

    #[test]
    fn writes_the_spec_shape() {
        let c = Classification {
            as_of: NaiveDate::from_ymd_opt(2026, 6, 30).unwrap(),
            value: ScoredTier {
                tier: Tier::High,
                score: 71.25,
                factors: [30.1, 25.0, 12.5, 3.65],
            },
            risk: ScoredTier {
                tier: Tier::Low,
                score: 21.0,
                factors: [7.5, 5.0, 6.0, 2.5],
            },
            behavior: crate::model::Behavior {
                segment: BehaviorLabel::Potential,
                recency_days: None,
                touches_365: 2,
            },
            rules_hash: 1,
        };
        assert_eq!(
            json_line("C0001", &c),
            r#"{"customer_id":"C0001","as_of":"2026-06-30","value":{"tier":"high","score":71.3,"factors":{"premium":30.1,"retention":25.0,"loss":12.5,"relationship":3.7}},"risk":{"tier":"low","score":21.0,"factors":{"industry":7.5,"catastrophe":5.0,"property":6.0,"claims":2.5}},"behavior":{"segment":"potential","recency_days":null,"touches_365":2}}"#
        );
    }
}
