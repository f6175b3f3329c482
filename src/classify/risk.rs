//! The risk score (classification.md): industry hazard, catastrophe
//! exposure of the insured locations, property (COPE) points and claims
//! experience.

use super::facts::Facts;
use super::rules::{Perils, Rules};
use super::view::{DocView, LocationView};
use crate::model::{Construction, Occupancy, Province};

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RiskScore {
    pub hazard_class: u8,
    pub industry: f64,
    /// The province that gave the catastrophe points, and the location in
    /// it (index into the doc's locations) if they came from one.
    pub catastrophe_province: Province,
    pub catastrophe_location: Option<usize>,
    pub catastrophe_index: f64,
    pub catastrophe: f64,
    /// The location with the highest property points, if any.
    pub property_location: Option<usize>,
    pub property: f64,
    pub claims_per_year: f64,
    pub frequency: f64,
    pub severity: f64,
    pub score: f64,
}

/// A province's index: its worst peril plus half the other two (0 to 6).
pub fn catastrophe_index(perils: Perils) -> f64 {
    let max = perils.iter().copied().max().unwrap_or(0);
    let sum: u8 = perils.iter().sum();
    f64::from(max) + f64::from(sum - max) / 2.0
}

/// The property points of one location, part by part (before the cap).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PropertyParts {
    pub construction: f64,
    /// `as_of year - year_built`, if known.
    pub age_years: Option<i32>,
    pub age: f64,
    pub sprinklers: f64,
    pub occupancy: f64,
}

impl PropertyParts {
    pub fn of(loc: &LocationView, as_of_year: i32, rules: &Rules) -> PropertyParts {
        let p = &rules.property;
        let construction = match loc.construction {
            Construction::FireResistive => p.fire_resistive,
            Construction::NonCombustible => p.non_combustible,
            Construction::Masonry => p.masonry,
            Construction::Frame => p.frame,
        };
        let age_years = loc.year_built.map(|b| as_of_year - i32::from(b));
        let age = match age_years {
            None => p.unknown_age_points,
            Some(a) if a > p.old_years => p.old_points,
            Some(a) if a >= p.middle_years => p.middle_points,
            Some(_) => 0.0,
        };
        let sprinklers = match loc.sprinklered {
            Some(true) => 0.0,
            Some(false) => p.not_sprinklered_points,
            None => p.unknown_sprinklers_points,
        };
        let occupancy = match loc.occupancy {
            Occupancy::Hazardous => p.hazardous_occupancy_points,
            _ => 0.0,
        };
        PropertyParts {
            construction,
            age_years,
            age,
            sprinklers,
            occupancy,
        }
    }

    /// The location's points: the parts' sum, capped.
    pub fn points(&self, rules: &Rules) -> f64 {
        (self.construction + self.age + self.sprinklers + self.occupancy).min(rules.property.cap)
    }
}

/// The first index holding the strictly highest value.
fn highest(values: impl Iterator<Item = f64>) -> Option<(usize, f64)> {
    values.enumerate().fold(None, |best, (i, v)| match best {
        Some((_, b)) if b >= v => best,
        _ => Some((i, v)),
    })
}

impl RiskScore {
    pub fn of(f: &Facts, doc: &DocView, rules: &Rules, as_of_year: i32) -> RiskScore {
        let r = &rules.risk;
        let customer = &doc.customer;

        let hazard_class = rules.hazard_class(customer.industry);
        let industry = r.industry_points * f64::from(hazard_class - 1) / 4.0;

        let by_location = highest(
            doc.locations
                .iter()
                .map(|l| catastrophe_index(rules.perils(l.province))),
        );
        let (catastrophe_location, catastrophe_province, catastrophe_index) = match by_location {
            Some((i, index)) => (Some(i), doc.locations[i].province, index),
            None => (
                None,
                customer.province,
                catastrophe_index(rules.perils(customer.province)),
            ),
        };
        let catastrophe = r.catastrophe_points_per_index * catastrophe_index;

        let by_property = highest(
            doc.locations
                .iter()
                .map(|l| PropertyParts::of(l, as_of_year, rules).points(rules)),
        );
        let (property_location, property) = match by_property {
            Some((i, points)) => (Some(i), points),
            None => (None, rules.property.no_survey_points),
        };

        let claims_per_year = f64::from(f.claims) / f.exposure_years().max(r.min_exposure_years);
        let frequency = r.frequency_points * (claims_per_year / r.frequency_full_per_year).min(1.0);
        let severity =
            r.severity_points * (f.credibility.blended / r.severity_full_ratio).clamp(0.0, 1.0);

        RiskScore {
            hazard_class,
            industry,
            catastrophe_province,
            catastrophe_location,
            catastrophe_index,
            catastrophe,
            property_location,
            property,
            claims_per_year,
            frequency,
            severity,
            score: industry + catastrophe + property + (frequency + severity),
        }
    }

    pub fn claims(&self) -> f64 {
        self.frequency + self.severity
    }

    /// industry, catastrophe, property, claims: the stored order.
    pub fn factors(&self) -> [f64; 4] {
        [
            self.industry,
            self.catastrophe,
            self.property,
            self.claims(),
        ]
    }
}
