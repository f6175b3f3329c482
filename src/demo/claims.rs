//! Claims on a demo policy: a Poisson number of losses over the part of the
//! term already run, severities lognormal around the level that gives the
//! line its loss ratio, causes plausible for the line and the place, and a
//! status that depends on how long ago the claim was reported.

use super::geography::Place;
use super::lines::params;
use super::policies::{fen, Holding};
use super::profile::Profile;
use super::rng::{Rng, Weighted};
use crate::model::{Claim, ClaimStatus, Fen, Line, LossCause, Policy};
use chrono::{Duration, NaiveDate};

/// A claim before its policy has an id.
pub type ClaimDraft = Claim;

fn causes(line: Line, place: &Place) -> Weighted<LossCause> {
    use LossCause::*;
    let typhoon = if place.region.typhoon { 1.0 } else { 0.0 };
    let quake = if place.region.quake { 1.0 } else { 0.1 };
    let table: Vec<(LossCause, f64)> = match line {
        Line::Motor => vec![
            (Collision, 70.0),
            (Liability, 12.0),
            (Flood, 5.0),
            (Theft, 4.0),
            (Typhoon, 3.0 * typhoon),
            (Fire, 0.5),
            (Other, 6.0),
        ],
        Line::Property => vec![
            (Fire, 30.0),
            (Flood, 20.0),
            (Typhoon, 15.0 * typhoon),
            (Earthquake, 3.0 * quake),
            (WaterDamage, 12.0),
            (Theft, 8.0),
            (Other, 10.0),
        ],
        Line::Homeowners => vec![
            (WaterDamage, 40.0),
            (Theft, 18.0),
            (Fire, 10.0),
            (Flood, 10.0),
            (Typhoon, 6.0 * typhoon),
            (Earthquake, 1.0 * quake),
            (Other, 10.0),
        ],
        Line::Engineering => vec![
            (Flood, 25.0),
            (Typhoon, 10.0 * typhoon),
            (Fire, 10.0),
            (Earthquake, 3.0 * quake),
            (Theft, 8.0),
            (Collision, 5.0),
            (Liability, 5.0),
            (Other, 35.0),
        ],
        Line::Liability => vec![(Liability, 90.0), (Other, 10.0)],
        Line::Cargo => vec![
            (Collision, 30.0),
            (WaterDamage, 25.0),
            (Theft, 20.0),
            (Fire, 5.0),
            (Typhoon, 5.0 * typhoon),
            (Other, 20.0),
        ],
        Line::Accident => vec![(Other, 70.0), (Collision, 30.0)],
        Line::Other => vec![
            (Other, 60.0),
            (Theft, 20.0),
            (WaterDamage, 10.0),
            (Fire, 5.0),
            (Collision, 5.0),
        ],
    };
    Weighted::new(table)
}

/// Share of claims still open by days since they were reported.
fn open_share(age_days: i64) -> f64 {
    match age_days {
        ..=30 => 0.8,
        31..=180 => 0.35,
        181..=365 => 0.12,
        _ => 0.03,
    }
}

/// The claims of one term (customer and policy ids are filled in later).
pub fn claims_of(
    rng: &mut Rng,
    policy: &Policy,
    holding: &Holding,
    profile: &Profile,
    as_of: NaiveDate,
) -> Vec<ClaimDraft> {
    let exposed_until = policy.effective_end().min(as_of);
    let exposed_days = (exposed_until - policy.start_date).num_days();
    if exposed_days <= 0 {
        return Vec::new();
    }
    let line = params(profile.kind, policy.line);
    let years = exposed_days as f64 / 365.0;
    let count = rng.poisson(line.frequency * profile.riskiness * years);
    if count == 0 {
        return Vec::new();
    }
    let annual_premium = policy.premium.yuan_f64() * 365.0 / policy.term_days() as f64;
    let mean_severity = annual_premium * line.loss_ratio / line.frequency;
    let causes = causes(policy.line, &holding.place);
    let mut claims: Vec<ClaimDraft> = (0..count)
        .map(|_| {
            let loss_date =
                policy.start_date + Duration::days(rng.below(exposed_days as u64) as i64);
            let lag = rng.exponential(line.report_lag).round() as i64;
            let reported = (loss_date + Duration::days(lag)).min(as_of);
            let mut incurred =
                (mean_severity * rng.lognormal_unit_mean(line.severity_sigma)).max(200.0);
            if let Some(limit) = policy.sum_insured {
                incurred = incurred.min(limit.yuan_f64());
            }
            let status = if rng.chance(0.05) {
                ClaimStatus::Denied
            } else if rng.chance(open_share((as_of - reported).num_days())) {
                ClaimStatus::Open
            } else {
                ClaimStatus::Closed
            };
            let (paid, reserve) = match status {
                ClaimStatus::Denied => (Fen::ZERO, Fen::ZERO),
                ClaimStatus::Closed => (fen(incurred), Fen::ZERO),
                ClaimStatus::Open => {
                    let paid = incurred * rng.uniform() * 0.6;
                    (fen(paid), fen(incurred - paid))
                }
            };
            Claim {
                id: String::new(),
                policy_id: String::new(),
                customer_id: String::new(),
                loss_date,
                // A few source systems lose the report date.
                reported_date: rng.chance(0.97).then_some(reported),
                cause: causes.sample(rng),
                paid,
                reserve,
                status,
            }
        })
        .collect();
    claims.sort_by_key(|c| c.loss_date);
    claims
}
