//! The numbers of the scorecard (classification.md), as read from
//! `fixtures/rules.toml` (embedded) or a user's `--rules FILE`.
//!
//! Each section is declared once with its keys' allowed ranges; the macro
//! makes the typed section and the raw one (every value with its position in
//! the file, so that an out-of-range value is reported at its line).

use super::rules_check::{Checker, RulesError};
use crate::model::{CustomerKind, Industry, Province};
use serde::{Deserialize, Serialize};
use std::path::Path;
use toml::Spanned;

/// The shipped defaults, also the file users copy.
pub const EMBEDDED_TEXT: &str = include_str!("../../fixtures/rules.toml");
/// How the embedded rules are named in messages.
pub const EMBEDDED_NAME: &str = "fixtures/rules.toml (embedded)";

macro_rules! section {
    ($(#[$meta:meta])* $name:ident / $raw:ident {
        $($(#[$fmeta:meta])* $field:ident: $ty:ty = $lo:literal ..= $hi:literal),+ $(,)?
    }) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Serialize)]
        pub struct $name { $($(#[$fmeta])* pub $field: $ty),+ }

        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        pub(super) struct $raw { $($field: Spanned<$ty>),+ }

        impl $raw {
            pub(super) fn check(self, section: &str, c: &mut Checker) -> $name {
                $name { $($field: c.range(section, stringify!($field), self.$field, $lo..=$hi)),+ }
            }
        }
    };
}

section!(
    /// Date windows, in days.
    Windows / RawWindows {
        /// Loss experience, exposure and retention: `(T - loss_days, T]`.
        loss_days: i64 = 1..=36_500,
        /// Trailing-year earned premium and touch count: `(T - year_days, T]`.
        year_days: i64 = 1..=36_500,
        /// A successor starts within this many days of the effective end.
        successor_days: i64 = 0..=3_650,
        /// Renewal grace period, also the churn delay.
        grace_days: i64 = 0..=3_650,
    }
);

section!(
    /// The numbers that depend on the customer's kind.
    KindRules / RawKind {
        premium_floor_yuan: f64 = 0.01..=1e12,
        premium_cap_yuan: f64 = 0.01..=1e12,
        expected_loss_ratio: f64 = 0.0..=10.0,
        credibility_k_yuan: f64 = 0.01..=1e12,
    }
);

section!(
    /// Value score: tier cuts and factor maxima (which add up to 100).
    ValueRules / RawValue {
        tier_high: f64 = 0.0..=100.0,
        tier_medium: f64 = 0.0..=100.0,
        premium_points: f64 = 0.0..=100.0,
        retention_points: f64 = 0.0..=100.0,
        retention_no_history_points: f64 = 0.0..=100.0,
        loss_points: f64 = 0.0..=100.0,
        loss_full_points_ratio: f64 = 0.0..=10.0,
        loss_no_points_ratio: f64 = 0.0..=10.0,
        tenure_points: f64 = 0.0..=100.0,
        tenure_full_years: f64 = 0.01..=100.0,
        breadth_points: f64 = 0.0..=100.0,
        breadth_full_lines: u32 = 1..=8,
    }
);

section!(
    /// Risk score: tier cuts and factor maxima (which add up to 100).
    RiskRules / RawRisk {
        tier_high: f64 = 0.0..=100.0,
        tier_medium: f64 = 0.0..=100.0,
        industry_points: f64 = 0.0..=100.0,
        no_industry_class: u8 = 1..=5,
        catastrophe_points_per_index: f64 = 0.0..=100.0,
        frequency_points: f64 = 0.0..=100.0,
        frequency_full_per_year: f64 = 0.001..=1000.0,
        min_exposure_years: f64 = 0.001..=100.0,
        severity_points: f64 = 0.0..=100.0,
        severity_full_ratio: f64 = 0.001..=100.0,
    }
);

section!(
    /// Property (COPE) points per location.
    PropertyRules / RawProperty {
        cap: f64 = 0.0..=100.0,
        no_survey_points: f64 = 0.0..=100.0,
        fire_resistive: f64 = 0.0..=100.0,
        non_combustible: f64 = 0.0..=100.0,
        masonry: f64 = 0.0..=100.0,
        frame: f64 = 0.0..=100.0,
        old_years: i32 = 0..=1000,
        old_points: f64 = 0.0..=100.0,
        middle_years: i32 = 0..=1000,
        middle_points: f64 = 0.0..=100.0,
        unknown_age_points: f64 = 0.0..=100.0,
        not_sprinklered_points: f64 = 0.0..=100.0,
        unknown_sprinklers_points: f64 = 0.0..=100.0,
        hazardous_occupancy_points: f64 = 0.0..=100.0,
    }
);

section!(
    /// Behaviour thresholds.
    BehaviorRules / RawBehavior {
        active_recency_days: i64 = 0..=36_500,
        active_min_touches: u32 = 0..=100_000,
    }
);

/// A rules file as written, before its values are checked.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRules {
    pub version: Spanned<String>,
    pub windows: RawWindows,
    pub kinds: RawKinds,
    pub value: RawValue,
    pub risk: RawRisk,
    pub industry_hazard: std::collections::BTreeMap<String, Spanned<i64>>,
    pub property: RawProperty,
    pub behavior: RawBehavior,
    pub catastrophe: std::collections::BTreeMap<String, Spanned<Vec<i64>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawKinds {
    pub individual: RawKind,
    pub sme: RawKind,
    pub large: RawKind,
}

/// Catastrophe levels (0-3) of a province: typhoon, flood, earthquake.
pub type Perils = [u8; 3];

/// The rules in force. Built only by [`Rules::parse`], which checks every
/// value, so the scorers can rely on the ranges.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Rules {
    pub version: String,
    pub windows: Windows,
    /// Indexed by [`kind_index`].
    pub kinds: [KindRules; 3],
    pub value: ValueRules,
    pub risk: RiskRules,
    /// Hazard class 1-5 per GB/T 4754 section, indexed by `Industry::index`.
    pub industry_hazard: [u8; 20],
    pub property: PropertyRules,
    pub behavior: BehaviorRules,
    /// Indexed by `Province::index`.
    pub catastrophe: Vec<Perils>,
    /// FNV-1a of the encoded numbers above; not part of its own input.
    #[serde(skip)]
    hash: u64,
}

pub fn kind_index(kind: CustomerKind) -> usize {
    match kind {
        CustomerKind::Individual => 0,
        CustomerKind::Sme => 1,
        CustomerKind::Large => 2,
    }
}

impl Rules {
    /// The shipped defaults (`fixtures/rules.toml`).
    pub fn embedded() -> Rules {
        // A test parses the embedded file: failing here is a bug in pcrm.
        Rules::parse(EMBEDDED_TEXT, EMBEDDED_NAME).expect("the embedded rules file is valid")
    }

    /// Reads and checks a rules file.
    pub fn load(path: &Path) -> Result<Rules, RulesError> {
        let text = std::fs::read_to_string(path).map_err(|source| RulesError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Rules::parse(&text, &path.display().to_string())
    }

    /// The file at `path`, or the embedded defaults when there is none.
    pub fn load_or_embedded(path: Option<&Path>) -> Result<Rules, RulesError> {
        match path {
            Some(p) => Rules::load(p),
            None => Ok(Rules::embedded()),
        }
    }

    /// Parses and checks rules text; `file` names it in error messages.
    pub fn parse(text: &str, file: &str) -> Result<Rules, RulesError> {
        let raw: RawRules = toml::from_str(text).map_err(|e| RulesError::syntax(file, text, &e))?;
        let mut checker = Checker::new(file, text);
        let rules = checker.rules(raw);
        checker.finish()?;
        Ok(rules.with_hash())
    }

    /// Assembles checked sections (called by the checker).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn new(
        version: String,
        windows: Windows,
        kinds: [KindRules; 3],
        value: ValueRules,
        risk: RiskRules,
        industry_hazard: [u8; 20],
        property: PropertyRules,
        behavior: BehaviorRules,
        catastrophe: Vec<Perils>,
    ) -> Rules {
        Rules {
            version,
            windows,
            kinds,
            value,
            risk,
            industry_hazard,
            property,
            behavior,
            catastrophe,
            hash: 0,
        }
    }

    fn with_hash(mut self) -> Rules {
        let bytes = crate::store::codec::encode(&self);
        self.hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
        });
        self
    }

    /// Identifies the numbers (not the layout of the file) that produced a
    /// result.
    pub fn hash(&self) -> u64 {
        self.hash
    }

    /// The hash as 16 hex digits, as stored in the book's meta.
    pub fn hash_hex(&self) -> String {
        format!("{:016x}", self.hash)
    }

    pub fn kind(&self, kind: CustomerKind) -> &KindRules {
        &self.kinds[kind_index(kind)]
    }

    /// The hazard class of a section; without one, `risk.no_industry_class`.
    pub fn hazard_class(&self, industry: Option<Industry>) -> u8 {
        industry.map_or(self.risk.no_industry_class, |i| {
            self.industry_hazard[i.index()]
        })
    }

    pub fn perils(&self, province: Province) -> Perils {
        self.catastrophe[province.index()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_rules_hold_the_spec_defaults() {
        let r = Rules::embedded();
        assert_eq!(r.windows.loss_days, 1095);
        assert_eq!(r.windows.successor_days, 30);
        assert_eq!(r.windows.grace_days, 30);
        assert_eq!(r.kind(CustomerKind::Sme).premium_cap_yuan, 500_000.0);
        assert_eq!(r.kind(CustomerKind::Large).credibility_k_yuan, 2_000_000.0);
        assert_eq!(r.hazard_class(Industry::parse("B")), 5);
        assert_eq!(r.hazard_class(None), 2);
        let gd = Province::parse("广东").unwrap();
        assert_eq!(r.perils(gd), [3, 2, 1]);
        let tw = Province::parse("台湾").unwrap();
        assert_eq!(r.perils(tw), [3, 2, 3]);
        assert_eq!(r.value.tier_high, 65.0);
        assert_eq!(r.risk.tier_medium, 30.0);
        assert_eq!(r.property.frame, 12.0);
        assert_eq!(r.behavior.active_recency_days, 90);
    }

    #[test]
    fn the_hash_follows_the_numbers_not_the_layout() {
        let a = Rules::embedded();
        let reformatted = EMBEDDED_TEXT.replace("tier_high = 65.0", "tier_high   =   65");
        let b = Rules::parse(&reformatted, "copy.toml").unwrap();
        assert_eq!(a.hash(), b.hash());
        let changed = EMBEDDED_TEXT.replace("tier_high = 65.0", "tier_high = 66.0");
        let c = Rules::parse(&changed, "copy.toml").unwrap();
        assert_ne!(a.hash(), c.hash());
    }
}
