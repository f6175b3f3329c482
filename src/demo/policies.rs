//! What a demo customer holds and its policy history: each holding (a
//! vehicle, a site, a liability cover ...) is a chain of terms over the
//! recorded history, renewed with the customer's loyalty (mostly on the day,
//! sometimes a few weeks late), now and then cancelled (and sometimes
//! rewritten), sometimes won back after a lapse, and near the as-of date
//! sometimes already renewed in advance.

use super::claims::{self, ClaimDraft};
use super::geography::Place;
use super::lines::params;
use super::locations;
use super::profile::{Profile, Tables, HISTORY_DAYS};
use super::rng::Rng;
use crate::model::{CustomerKind, Fen, Line, Location, Policy};
use chrono::{Duration, Months, NaiveDate};

/// One thing insured, renewed term after term.
pub struct Holding {
    pub line: Line,
    /// First-term premium in yuan.
    pub premium: f64,
    pub sum_insured: Option<Fen>,
    pub location_id: Option<String>,
    /// Where losses happen (perils depend on it).
    pub place: Place,
    pub first_start: NaiveDate,
}

/// A policy with the claims made on it (ids are given once the customer's
/// policies are sorted).
pub struct PolicyDraft {
    pub policy: Policy,
    pub claims: Vec<ClaimDraft>,
    /// Follows a term of the same holding (renewed or rewritten), rather
    /// than new business.
    pub renewal: bool,
}

fn days(n: i64) -> Duration {
    Duration::days(n)
}

fn round_thousand(yuan: f64) -> Fen {
    Fen::from_yuan(((yuan / 1000.0).round() as i64).max(1) * 1000)
}

/// Yuan to fen, to the cent.
pub fn fen(yuan: f64) -> Fen {
    Fen((yuan * 100.0).round() as i64)
}

/// When a holding's first recorded term starts: customers older than the
/// history renew on their anniversary within its first year; the first
/// holding of a new customer starts when it joins; later ones are
/// cross-sold at any time since.
fn first_start(rng: &mut Rng, profile: &Profile, as_of: NaiveDate, first: bool) -> NaiveDate {
    let horizon = as_of - days(HISTORY_DAYS);
    let cross_sold = !first && rng.chance(0.3);
    let from = profile.joined.max(horizon);
    if cross_sold {
        return from + days(rng.range(0, (as_of - from).num_days()));
    }
    if profile.joined < horizon {
        return horizon + days(rng.range(0, 364));
    }
    (from + days(rng.range(0, 30))).min(as_of)
}

fn pick_limit(rng: &mut Rng, limits: &[i64]) -> Option<Fen> {
    Some(Fen::from_yuan(*rng.pick(limits)))
}

/// The locations and holdings of a customer.
pub fn portfolio(
    tables: &Tables,
    rng: &mut Rng,
    customer_id: &str,
    profile: &Profile,
    as_of: NaiveDate,
) -> (Vec<Location>, Vec<Holding>) {
    let mut locations = Vec::new();
    let mut holdings = Vec::new();
    if profile.prospect {
        return (locations, holdings);
    }
    let kind = profile.kind;
    let section = profile.industry.map(|i| i.letter()).unwrap_or(' ');
    let trading = matches!(section, 'C' | 'F' | 'G');
    let add = |rng: &mut Rng,
               holdings: &mut Vec<Holding>,
               line: Line,
               premium: f64,
               sum_insured: Option<Fen>,
               location: Option<(&Location, Place)>| {
        let first = holdings.is_empty();
        holdings.push(Holding {
            line,
            premium,
            sum_insured,
            location_id: location.map(|(l, _)| l.id.clone()),
            place: location.map(|(_, p)| p).unwrap_or(profile.place),
            first_start: first_start(rng, profile, as_of, first),
        });
    };
    let premium = |rng: &mut Rng, line: Line| {
        let p = params(kind, line);
        rng.lognormal(p.median_premium * profile.size, p.premium_sigma)
            .max(50.0)
    };

    // Motor first: it is what most customers come for.
    let vehicles = match kind {
        CustomerKind::Individual if rng.chance(0.80) => 1 + u32::from(rng.chance(0.12)),
        CustomerKind::Sme if rng.chance(if section == 'G' { 0.95 } else { 0.6 }) => {
            let extra = if section == 'G' {
                1 + rng.poisson(2.0)
            } else {
                rng.poisson(0.8)
            };
            (1 + extra).min(6)
        }
        CustomerKind::Large if rng.chance(if section == 'G' { 1.0 } else { 0.85 }) => 1,
        _ => 0,
    };
    for _ in 0..vehicles {
        let p = premium(rng, Line::Motor);
        let value = match kind {
            CustomerKind::Individual => rng.lognormal(150_000.0, 0.5),
            CustomerKind::Sme => rng.lognormal(200_000.0, 0.5),
            CustomerKind::Large => p * 40.0,
        };
        add(
            rng,
            &mut holdings,
            Line::Motor,
            p,
            Some(round_thousand(value)),
            None,
        );
    }

    let sites = match kind {
        CustomerKind::Individual => u32::from(rng.chance(0.15)),
        CustomerKind::Sme if rng.chance(if trading { 0.8 } else { 0.6 }) => {
            1 + u32::from(rng.chance(0.25)) + u32::from(rng.chance(0.05))
        }
        CustomerKind::Sme => 0,
        CustomerKind::Large => (2 + rng.poisson(1.2)).min(8),
    };
    let line = if kind == CustomerKind::Individual {
        Line::Homeowners
    } else {
        Line::Property
    };
    for n in 1..=sites {
        let far = (kind == CustomerKind::Large && n > 1 && rng.chance(0.25))
            .then(|| tables.geography.sample(rng));
        let place = far.unwrap_or_else(|| tables.geography.near(&profile.place, rng));
        let id = format!("L{}-{n:02}", &customer_id[1..]);
        let location = locations::location(rng, id, customer_id, profile, place, as_of);
        let si = location.sum_insured.unwrap_or(Fen::ZERO);
        let rate = if line == Line::Homeowners {
            0.0004
        } else {
            locations::property_rate(rng, &location)
        };
        let p = (si.yuan_f64() * rate).max(100.0);
        add(
            rng,
            &mut holdings,
            line,
            p,
            Some(si),
            Some((&location, place)),
        );
        locations.push(location);
    }

    let others: &[(Line, f64)] = match kind {
        CustomerKind::Individual => &[
            (Line::Accident, 0.25),
            (Line::Liability, 0.01),
            (Line::Other, 0.03),
        ],
        CustomerKind::Sme => &[
            (Line::Liability, 0.35),
            (Line::Cargo, if trading { 0.3 } else { 0.05 }),
            (Line::Engineering, if section == 'E' { 0.7 } else { 0.03 }),
            (Line::Accident, 0.3),
            (Line::Other, 0.05),
        ],
        CustomerKind::Large => &[
            (Line::Liability, 0.7),
            (Line::Cargo, if trading { 0.6 } else { 0.2 }),
            (Line::Engineering, if section == 'E' { 0.9 } else { 0.2 }),
            (Line::Accident, 0.5),
            (Line::Other, 0.1),
        ],
    };
    for &(line, share) in others {
        if !rng.chance(share) {
            continue;
        }
        let p = premium(rng, line);
        let enterprise = kind.is_enterprise();
        let sum_insured = match line {
            Line::Liability if enterprise => {
                pick_limit(rng, &[1_000_000, 2_000_000, 5_000_000, 10_000_000])
            }
            Line::Liability => pick_limit(rng, &[200_000, 500_000, 1_000_000]),
            Line::Accident if rng.chance(0.2) => None,
            Line::Accident if enterprise => Some(round_thousand(p * 150.0)),
            Line::Accident => pick_limit(rng, &[100_000, 300_000, 500_000, 1_000_000]),
            Line::Cargo => Some(round_thousand(p / 0.0015)),
            Line::Engineering => Some(round_thousand(p / 0.003)),
            _ => None,
        };
        add(rng, &mut holdings, line, p, sum_insured, None);
    }
    (locations, holdings)
}

/// The end of a term starting at `start`: a year (engineering: the project's
/// duration).
fn term_end(rng: &mut Rng, line: Line, start: NaiveDate) -> NaiveDate {
    if line == Line::Engineering {
        return start + days(rng.range(180, 720));
    }
    start
        .checked_add_months(Months::new(12))
        .unwrap_or(start + days(365))
}

/// The next term's premium: motor follows the no-claims discount, other
/// lines drift with inflation and underwriting.
fn next_premium(rng: &mut Rng, line: Line, premium: f64, had_claim: bool, first: f64) -> f64 {
    let next = if line == Line::Motor {
        premium * if had_claim { 1.15 } else { 0.95 } * rng.lognormal_unit_mean(0.05)
    } else {
        premium * 1.03 * rng.lognormal_unit_mean(0.08)
    };
    next.clamp(first * 0.5, first * 3.0)
}

/// The terms of one holding up to the as-of date (and one bound in advance
/// beyond it), each with its claims.
pub fn chain(
    rng: &mut Rng,
    holding: &Holding,
    profile: &Profile,
    as_of: NaiveDate,
) -> Vec<PolicyDraft> {
    let mut out = Vec::new();
    let mut start = holding.first_start;
    let mut premium = holding.premium;
    let mut renewal = false;
    // Engineering covers projects: a next project, not a renewal.
    let renew_share = if holding.line == Line::Engineering {
        0.5 * profile.loyalty
    } else {
        profile.loyalty
    };
    loop {
        let end = term_end(rng, holding.line, start);
        let cancelled_on = (start < as_of && rng.chance(0.025)).then(|| {
            let last = (end - days(1)).min(as_of);
            start + days(rng.range(1, (last - start).num_days().max(1)))
        });
        let policy = Policy {
            id: String::new(),
            customer_id: String::new(),
            line: holding.line,
            premium: fen(premium),
            sum_insured: holding.sum_insured,
            start_date: start,
            end_date: end,
            cancelled_on,
            location_id: holding.location_id.clone(),
        };
        let claims = claims::claims_of(rng, &policy, holding, profile, as_of);
        let had_claim = !claims.is_empty();
        out.push(PolicyDraft {
            policy,
            claims,
            renewal,
        });
        if start > as_of {
            break; // bound in advance: nothing more is known
        }
        let effective_end = cancelled_on.unwrap_or(end);
        premium = next_premium(rng, holding.line, premium, had_claim, holding.premium);
        if effective_end > as_of {
            // In force at T: the renewal is sometimes already bound.
            if end <= as_of + days(30) && rng.chance(0.5 * renew_share) {
                start = end;
                renewal = true;
                continue;
            }
            break;
        }
        let rewritten = cancelled_on.is_some() && rng.chance(0.4);
        if rewritten || (cancelled_on.is_none() && rng.chance(renew_share)) {
            let late = if rng.chance(0.85) {
                0
            } else {
                rng.range(1, 30)
            };
            start = effective_end + days(if rewritten { rng.range(0, 7) } else { late });
            renewal = true;
            if start > as_of {
                break; // the customer is still in its grace period
            }
        } else if rng.chance(0.12) {
            // Lost, then won back later.
            start = effective_end + days(rng.range(60, 500));
            renewal = false;
            if start > as_of {
                break;
            }
        } else {
            break;
        }
    }
    out
}
