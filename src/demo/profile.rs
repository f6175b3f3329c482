//! Who a demo customer is: kind, place, trade, when it joined, and the
//! hidden traits (size, loyalty, engagement, riskiness) that drive its
//! policies, claims and contacts, so that value, risk and behaviour vary
//! together the way they do in a real book.

use super::geography::{Geography, Place};
use super::identity;
use super::names::{Names, MANAGERS};
use super::rng::{Rng, Weighted};
use crate::model::{Customer, CustomerKind, Industry};
use chrono::{Duration, NaiveDate};

/// Days of history the demo book holds before the as-of date.
pub const HISTORY_DAYS: i64 = 4 * 365 + 1;

pub struct Profile {
    pub kind: CustomerKind,
    pub place: Place,
    pub industry: Option<Industry>,
    /// First became a customer (may lie before the recorded history).
    pub joined: NaiveDate,
    /// Premium multiplier of the customer's whole portfolio.
    pub size: f64,
    /// Probability that a policy coming up for renewal is renewed.
    pub loyalty: f64,
    /// Multiplier of the contact rate.
    pub engagement: f64,
    /// Multiplier of claim frequencies.
    pub riskiness: f64,
    /// Has never bought: inquiries and quotes only.
    pub prospect: bool,
    /// Sex, for individuals (the resident id encodes it).
    pub male: bool,
}

/// Shared, read-only tables of the generator.
pub struct Tables {
    pub names: Names,
    pub geography: Geography,
    industries: Weighted<char>,
    trades: Weighted<char>,
}

/// GB/T 4754 sections of enterprise customers, per mille: manufacturing
/// (C), wholesale and retail (F) and construction (E) lead a P&C book.
#[rustfmt::skip]
const INDUSTRY_WEIGHTS: &[(char, f64)] = &[
    ('A', 30.0), ('B', 12.0), ('C', 260.0), ('D', 12.0), ('E', 110.0),
    ('F', 210.0), ('G', 80.0), ('H', 50.0), ('I', 40.0), ('J', 8.0),
    ('K', 30.0), ('L', 55.0), ('M', 25.0), ('N', 10.0), ('O', 25.0),
    ('P', 6.0), ('Q', 8.0), ('R', 6.0), ('S', 2.0), ('T', 0.3),
];

/// Trades of the few individuals registered with one (sole traders).
const SOLE_TRADER_WEIGHTS: &[(char, f64)] = &[
    ('F', 50.0),
    ('H', 20.0),
    ('G', 15.0),
    ('O', 10.0),
    ('A', 5.0),
];

impl Tables {
    pub fn new() -> Tables {
        Tables {
            names: Names::new(),
            geography: Geography::new(),
            industries: Weighted::new(INDUSTRY_WEIGHTS.iter().copied()),
            trades: Weighted::new(SOLE_TRADER_WEIGHTS.iter().copied()),
        }
    }

    fn industry(&self, table: &Weighted<char>, rng: &mut Rng) -> Option<Industry> {
        Industry::parse(&table.sample(rng).to_string())
    }
}

impl Default for Tables {
    fn default() -> Self {
        Tables::new()
    }
}

pub fn profile(tables: &Tables, rng: &mut Rng, as_of: NaiveDate) -> Profile {
    let roll = rng.uniform();
    let kind = if roll < 0.80 {
        CustomerKind::Individual
    } else if roll < 0.98 {
        CustomerKind::Sme
    } else {
        CustomerKind::Large
    };
    let place = tables.geography.sample(rng);
    let industry = match kind {
        CustomerKind::Individual if rng.chance(0.05) => tables.industry(&tables.trades, rng),
        CustomerKind::Individual => None,
        _ => tables.industry(&tables.industries, rng),
    };
    // 40% joined before the recorded history (up to 15 years ago); the
    // book grows, so the rest joined during it, evenly.
    let joined_days_ago = if rng.chance(0.4) {
        rng.range(HISTORY_DAYS, 15 * 365)
    } else {
        rng.range(0, HISTORY_DAYS - 1)
    };
    let loyalty_class = rng.uniform();
    let loyalty = if loyalty_class < 0.6 {
        0.90
    } else if loyalty_class < 0.9 {
        0.72
    } else {
        0.35
    };
    let size_sigma = match kind {
        CustomerKind::Individual => 0.3,
        CustomerKind::Sme => 0.6,
        CustomerKind::Large => 0.8,
    };
    Profile {
        kind,
        place,
        industry,
        joined: as_of - Duration::days(joined_days_ago),
        size: rng.lognormal_unit_mean(size_sigma),
        loyalty,
        engagement: rng.lognormal_unit_mean(0.7),
        riskiness: rng.lognormal_unit_mean(0.5),
        prospect: rng.chance(0.04),
        male: rng.chance(0.55),
    }
}

/// The managers serving a province: a handful of the staff list.
fn manager(rng: &mut Rng, profile: &Profile) -> &'static str {
    let offset = profile.place.province.index() * 5 + rng.below(4) as usize;
    MANAGERS[offset % MANAGERS.len()]
}

/// The customer record (tags are added once its policies are known).
pub fn customer(
    tables: &Tables,
    rng: &mut Rng,
    id: String,
    profile: &Profile,
    as_of: NaiveDate,
) -> Customer {
    let place = &profile.place;
    let enterprise = profile.kind.is_enterprise();
    let (name, id_number, bad_uscc) = match (enterprise, profile.industry) {
        (true, Some(industry)) => {
            let name = tables.names.company(
                rng,
                profile.kind,
                industry,
                place.city.name,
                place.province.short(),
            );
            let broken = rng.chance(0.002);
            let code = identity::uscc(rng, place.city.division, broken);
            (name, Some(code), broken)
        }
        _ => {
            let person = tables.names.person(rng, profile.male);
            let id_number = if person.latin || rng.chance(0.02) {
                None
            } else {
                // A third were born elsewhere: their id keeps their birthplace.
                let birthplace = if rng.chance(0.3) {
                    tables.geography.sample(rng)
                } else {
                    *place
                };
                let age = rng.normal().mul_add(12.0, 42.0).clamp(20.0, 85.0) as u32;
                let birth = identity::birth_date(rng, as_of, age);
                Some(identity::resident_id(
                    rng,
                    birthplace.city.division,
                    birth,
                    profile.male,
                ))
            };
            (person.name, id_number, false)
        }
    };
    let phone = match (enterprise, rng.uniform()) {
        (false, r) if r < 0.98 => Some(identity::mobile(rng)),
        (true, r) if r < 0.6 => Some(identity::landline(rng, place.city)),
        (true, r) if r < 0.95 => Some(identity::mobile(rng)),
        _ => None,
    };
    let email_share = if enterprise { 0.6 } else { 0.3 };
    let email = rng
        .chance(email_share)
        .then(|| identity::email(rng, enterprise));
    let manager_share = if enterprise { 1.0 } else { 0.4 };
    Customer {
        id,
        name,
        kind: profile.kind,
        id_number,
        phone,
        email,
        province: place.province,
        city: rng.chance(0.95).then(|| place.city.name.to_string()),
        industry: profile.industry,
        // Some source systems leave it empty (the earliest policy counts).
        since: rng.chance(0.85).then_some(profile.joined),
        account_manager: rng
            .chance(manager_share)
            .then(|| manager(rng, profile).to_string()),
        tags: Vec::new(),
        bad_uscc,
    }
}
