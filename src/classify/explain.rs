//! Why a customer has its labels: every factor's points with a one-line
//! reason in plain words, built from the same scorecard that is stored.

use super::behavior::Why;
use super::risk::{catastrophe_index, PropertyParts};
use super::rules::Rules;
use super::scorecard::Scorecard;
use super::strategy::Action;
use super::view::{DocView, LocationView};
use crate::model::date_codec::from_days;
use crate::model::{Classification, CustomerDoc, CustomerKind, Fen, Labelled, Occupancy};
use chrono::{Datelike, NaiveDate};

/// One factor of a score.
#[derive(Clone, Debug, PartialEq)]
pub struct Factor {
    /// The JSON name: `premium`, `retention`, ... `claims`.
    pub key: &'static str,
    pub name: Action,
    /// Unrounded points.
    pub points: f64,
    pub max: f64,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Explanation {
    pub classification: Classification,
    pub value: [Factor; 4],
    pub risk: [Factor; 4],
    pub behavior: String,
}

/// The scorecard of `doc` at `as_of` with the reasons for every factor.
pub fn explain_doc(doc: &CustomerDoc, rules: &Rules, as_of: NaiveDate) -> Explanation {
    let view = DocView::of(doc);
    let card = Scorecard::of(&view, rules, as_of);
    let words = Words {
        doc,
        view: &view,
        rules,
        card: &card,
    };
    Explanation {
        classification: card.classification(rules),
        value: words.value(),
        risk: words.risk(),
        behavior: words.behavior(),
    }
}

fn yuan(fen: i64) -> String {
    Fen(fen).display_grouped()
}

fn yuan_f(yuan: f64) -> String {
    Fen((yuan * 100.0).round() as i64).display_grouped()
}

fn percent(ratio: f64) -> String {
    format!("{:.0}%", ratio * 100.0)
}

fn plural(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// For "in the last ...": `year`, `3 years` (1095 days), else `400 days`.
fn span(days: i64) -> String {
    match (days / 365, days % 365) {
        (1, 0) => "year".to_string(),
        (years, 0) if years > 1 => format!("{years} years"),
        _ => format!("{days} days"),
    }
}

fn kind_word(kind: CustomerKind) -> &'static str {
    match kind {
        CustomerKind::Individual => "individuals",
        CustomerKind::Sme => "SMEs",
        CustomerKind::Large => "large enterprises",
    }
}

fn date_of(day: i64) -> String {
    from_days(day as i32).map_or_else(|| day.to_string(), |d| d.to_string())
}

struct Words<'a> {
    doc: &'a CustomerDoc,
    view: &'a DocView<'a>,
    rules: &'a Rules,
    card: &'a Scorecard,
}

impl Words<'_> {
    fn window(&self) -> String {
        span(self.rules.windows.loss_days)
    }

    fn value(&self) -> [Factor; 4] {
        let (v, r, f) = (&self.card.value, &self.rules.value, &self.card.facts);
        let kind = self.doc.customer.kind;
        let k = self.rules.kind(kind);
        let premium = if v.premium_fen <= 0 {
            "no policy in force and no premium earned in the last year".to_string()
        } else {
            let what = if f.in_force_annual_fen >= f.earned_year_fen {
                "annual premium in force"
            } else {
                "premium earned in the last year"
            };
            format!(
                "{what} {} on the scale for {} from {} (no points) to {} (full points)",
                yuan(v.premium_fen),
                kind_word(kind),
                yuan_f(k.premium_floor_yuan),
                yuan_f(k.premium_cap_yuan)
            )
        };
        let grace = if f.in_grace > 0 {
            format!(
                "; {} ended recently and may still renew",
                plural(f.in_grace, "policy", "policies")
            )
        } else {
            String::new()
        };
        let retention = if f.renewed + f.lost == 0 {
            format!(
                "no policy came up for renewal in the last {}: no renewal history yet{grace}",
                self.window()
            )
        } else {
            format!(
                "renewed {} of {} that came up for renewal in the last {}{grace}",
                f.renewed,
                plural(f.renewed + f.lost, "policy", "policies"),
                self.window()
            )
        };
        let c = &f.credibility;
        let loss = match c.own {
            None => format!(
                "no premium earned in the last {}: the expected loss ratio of {} ({}) is used",
                self.window(),
                kind_word(kind),
                percent(k.expected_loss_ratio)
            ),
            Some(own) => format!(
                "loss ratio {} ({} incurred on {} earned in the last {}) given {} weight against the expected {}: {}",
                percent(own),
                yuan(f.incurred_fen),
                yuan(f.earned_window_fen),
                self.window(),
                percent(c.weight),
                percent(k.expected_loss_ratio),
                percent(c.blended)
            ),
        };
        let since = match f.since_date() {
            Some(s) if s <= self.card.as_of => {
                format!("customer for {:.1} years (since {s})", f.tenure_years())
            }
            Some(s) => format!("customer only from {s}"),
            None => "no start date on file".to_string(),
        };
        let relationship = format!(
            "{since}; {} in force",
            plural(f.lines_in_force, "line of business", "lines of business")
        );
        [
            factor(
                "premium",
                "保费",
                "premium",
                v.premium,
                r.premium_points,
                premium,
            ),
            factor(
                "retention",
                "续保",
                "retention",
                v.retention,
                r.retention_points,
                retention,
            ),
            factor(
                "loss",
                "赔付",
                "loss experience",
                v.loss,
                r.loss_points,
                loss,
            ),
            factor(
                "relationship",
                "关系",
                "relationship",
                v.relationship(),
                r.tenure_points + r.breadth_points,
                relationship,
            ),
        ]
    }

    fn risk(&self) -> [Factor; 4] {
        let (s, r, f) = (&self.card.risk, &self.rules.risk, &self.card.facts);
        let customer = &self.doc.customer;
        let industry = match customer.industry {
            Some(i) => format!(
                "{} ({}): hazard class {} of 5",
                i.name_zh(),
                i.letter(),
                s.hazard_class
            ),
            None => format!(
                "no industry on file: hazard class {} of 5 assumed",
                s.hazard_class
            ),
        };
        let perils = self.rules.perils(s.catastrophe_province);
        let levels = format!(
            "{}: typhoon {}, flood {}, earthquake {} (index {:.1} of 6)",
            s.catastrophe_province.short(),
            perils[0],
            perils[1],
            perils[2],
            catastrophe_index(perils)
        );
        let catastrophe = match s.catastrophe_location {
            Some(i) if self.doc.locations.len() > 1 => format!(
                "worst of {} insured locations, {} in {levels}",
                self.doc.locations.len(),
                self.doc.locations[i].id
            ),
            Some(i) => format!("insured location {} in {levels}", self.doc.locations[i].id),
            None => format!("no insured location: the customer's province {levels}"),
        };
        let property = match s.property_location {
            None => "no property survey on file".to_string(),
            Some(i) => {
                let loc = &self.doc.locations[i];
                let worst = if self.doc.locations.len() > 1 {
                    format!("worst of {} locations, ", self.doc.locations.len())
                } else {
                    String::new()
                };
                format!(
                    "{worst}{}: {}",
                    loc.id,
                    self.cope(&self.view.locations[i], self.card.as_of.year())
                )
            }
        };
        let claims = format!(
            "{} in the last {} over {:.1} policy-years ({:.2} a year); loss ratio after credibility {}",
            plural(f.claims, "claim", "claims"),
            self.window(),
            f.exposure_years(),
            s.claims_per_year,
            percent(f.credibility.blended)
        );
        [
            factor(
                "industry",
                "行业",
                "industry",
                s.industry,
                r.industry_points,
                industry,
            ),
            factor(
                "catastrophe",
                "巨灾",
                "catastrophe",
                s.catastrophe,
                6.0 * r.catastrophe_points_per_index,
                catastrophe,
            ),
            factor(
                "property",
                "财产",
                "property",
                s.property,
                self.rules.property.cap,
                property,
            ),
            factor(
                "claims",
                "理赔",
                "claims experience",
                s.claims(),
                r.frequency_points + r.severity_points,
                claims,
            ),
        ]
    }

    /// `masonry construction 8, built 1985 (41 years) 4, no sprinklers 4`.
    fn cope(&self, loc: &LocationView, year: i32) -> String {
        let p = &self.rules.property;
        let parts = PropertyParts::of(loc, year, self.rules);
        let mut text = format!(
            "{} construction {}, ",
            loc.construction.code().replace('_', "-"),
            parts.construction
        );
        text.push_str(&match (loc.year_built, parts.age_years) {
            (Some(b), Some(age)) => format!("built {b} ({age} years) {}", parts.age),
            _ => format!("year built unknown {}", parts.age),
        });
        text.push_str(&match loc.sprinklered {
            Some(true) => ", sprinklered 0".to_string(),
            Some(false) => format!(", no sprinklers {}", parts.sprinklers),
            None => format!(", sprinklers unknown {}", parts.sprinklers),
        });
        if loc.occupancy == Occupancy::Hazardous {
            text.push_str(&format!(", hazardous occupancy {}", parts.occupancy));
        }
        if parts.points(self.rules) >= p.cap {
            text.push_str(&format!(" (capped at {})", p.cap));
        }
        text
    }

    fn behavior(&self) -> String {
        let f = &self.card.facts;
        let b = &self.rules.behavior;
        let touches = match f.recency_days() {
            Some(r) => format!(
                "latest touch {} ago, {} in the last {}",
                plural(r, "day", "days"),
                plural(f.touches_year, "touch", "touches"),
                span(self.rules.windows.year_days)
            ),
            None => "no touch yet".to_string(),
        };
        let needs = format!(
            "active needs a touch within {} days and at least {} in the year",
            b.active_recency_days, b.active_min_touches
        );
        let last_end = f.latest_effective_end.map(date_of).unwrap_or_default();
        match self.card.behavior_why {
            Why::Churned => format!(
                "had {}, none in force; the last ended on {last_end}",
                plural(f.policies, "policy", "policies")
            ),
            Why::Active => touches,
            Why::Prospect => format!("no policy yet: a prospect; {touches}"),
            Why::InGrace => format!(
                "no policy in force, but the last ended on {last_end}, within the {}-day grace period; {touches}",
                self.rules.windows.grace_days
            ),
            Why::LowEngagement => format!("{touches}; {needs}"),
        }
    }
}

fn factor(
    key: &'static str,
    zh: &'static str,
    en: &'static str,
    points: f64,
    max: f64,
    reason: String,
) -> Factor {
    Factor {
        key,
        name: Action { zh, en },
        points,
        max,
        reason,
    }
}
