//! The figures the roster keeps per customer, worked out from its record at
//! the as-of date with the definitions of classification.md: annualised
//! premium in force, the loss-ratio inputs of the 3-year window, insured
//! values per province and satisfaction. Integer fen throughout; dates as
//! the stored day numbers.

use crate::model::date_codec::to_days;
use crate::model::{Fen, Province};
use crate::store::DocView;
use chrono::NaiveDate;

/// The trailing window of classification.md: `(T - 1095 days, T]`.
const WINDOW_DAYS: i64 = 1095;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Facts {
    /// Sum of the annualised premium of the policies in force at T.
    pub annual_premium: Fen,
    /// Earned premium in the window (loss-ratio denominator).
    pub earned: Fen,
    /// Incurred claims in the window (loss-ratio numerator).
    pub incurred: Fen,
    /// Sum insured per province of the customer's insured locations.
    pub exposures: Vec<(Province, Fen)>,
    /// Sum and count of interaction satisfaction scores up to T.
    pub satisfaction_sum: u32,
    pub satisfaction_count: u32,
}

/// `amount × num / den`, rounded half away from zero, without overflow.
fn pro_rata(amount: Fen, num: i64, den: i64) -> Fen {
    if den <= 0 {
        return Fen::ZERO;
    }
    let scaled = i128::from(amount.0) * i128::from(num);
    let den = i128::from(den);
    let half = den / 2;
    let rounded = if scaled >= 0 {
        (scaled + half) / den
    } else {
        (scaled - half) / den
    };
    Fen(rounded as i64)
}

pub fn facts(doc: &DocView<'_>, as_of: NaiveDate) -> Facts {
    let t = i64::from(to_days(as_of));
    let window_start = t - (WINDOW_DAYS - 1); // first day in the window
    let window_end = t + 1; // exclusive
    let mut out = Facts::default();

    for policy in &doc.policies {
        let term = policy.term_days();
        if policy.in_force_at(t) {
            out.annual_premium += pro_rata(policy.premium, 365, term);
        }
        let start = i64::from(policy.start_date).max(window_start);
        let end = policy.effective_end().min(window_end);
        if end > start {
            out.earned += pro_rata(policy.premium, end - start, term);
        }
    }

    for claim in &doc.claims {
        let loss = i64::from(claim.loss_date);
        let in_window = loss >= window_start && loss < window_end;
        let known = claim.reported_date.is_none_or(|r| i64::from(r) <= t);
        if in_window && known {
            out.incurred += claim.incurred();
        }
    }

    for location in &doc.locations {
        let insured = location.sum_insured.or_else(|| {
            let attached: Vec<Fen> = doc
                .policies
                .iter()
                .filter(|p| p.location_id == Some(location.id))
                .filter(|p| p.in_force_at(t))
                .filter_map(|p| p.sum_insured)
                .collect();
            (!attached.is_empty()).then(|| attached.into_iter().sum())
        });
        let Some(insured) = insured else { continue };
        match out
            .exposures
            .iter_mut()
            .find(|(p, _)| *p == location.province)
        {
            Some((_, total)) => *total += insured,
            None => out.exposures.push((location.province, insured)),
        }
    }

    for interaction in &doc.interactions {
        if let Some(score) = interaction.satisfaction {
            if interaction.day() <= t {
                out.satisfaction_sum += u32::from(score);
                out.satisfaction_count += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        Channel, Claim, ClaimStatus, Construction, Customer, CustomerDoc, CustomerKind,
        Interaction, InteractionKind, Line, Location, LossCause, Occupancy, Policy,
    };
    use chrono::Duration;

    /// The facts of a doc as stored.
    fn facts_of(doc: &CustomerDoc, as_of: NaiveDate) -> Facts {
        let bytes = crate::store::codec::encode(doc);
        facts(&DocView::decode(&bytes, &|| "test".into()).unwrap(), as_of)
    }

    fn date(s: &str) -> NaiveDate {
        crate::model::date_codec::parse_date(s).unwrap()
    }

    fn doc() -> CustomerDoc {
        CustomerDoc::new(Customer {
            id: "C1".into(),
            name: "张三".into(),
            kind: CustomerKind::Individual,
            id_number: None,
            phone: None,
            email: None,
            province: Province::parse("广东").unwrap(),
            city: None,
            industry: None,
            since: None,
            account_manager: None,
            tags: vec![],
            bad_uscc: false,
        })
    }

    fn policy(id: &str, premium: i64, start: &str, end: &str) -> Policy {
        Policy {
            id: id.into(),
            customer_id: "C1".into(),
            line: Line::Property,
            premium: Fen::from_yuan(premium),
            sum_insured: Some(Fen::from_yuan(1_000_000)),
            start_date: date(start),
            end_date: date(end),
            cancelled_on: None,
            location_id: Some("L1".into()),
        }
    }

    #[test]
    fn annualises_premium_in_force_and_earns_it_over_the_window() {
        let mut d = doc();
        // Half-year policy in force at T: annualised to twice its premium.
        d.upsert(policy("P1", 1_000, "2026-01-01", "2026-07-02")); // 182 days
                                                                   // Expired last year: earned, not in force.
        d.upsert(policy("P0", 3_650, "2025-01-01", "2026-01-01"));
        let f = facts_of(&d, date("2026-06-30"));
        assert_eq!(f.annual_premium, pro_rata(Fen::from_yuan(1_000), 365, 182));
        // P1 earned 181 of 182 days (to T inclusive), P0 all 365 days.
        let expected = pro_rata(Fen::from_yuan(1_000), 181, 182) + Fen::from_yuan(3_650);
        assert_eq!(f.earned, expected);
    }

    #[test]
    fn counts_known_non_denied_claims_in_the_window_only() {
        let mut d = doc();
        let claim = |id: &str, loss: &str, reported: Option<&str>, status| Claim {
            id: id.into(),
            policy_id: "P1".into(),
            customer_id: "C1".into(),
            loss_date: date(loss),
            reported_date: reported.map(date),
            cause: LossCause::Fire,
            paid: Fen::from_yuan(100),
            reserve: Fen::from_yuan(50),
            status,
        };
        let t = date("2026-06-30");
        let first_day = (t - Duration::days(1094)).to_string();
        let outside = (t - Duration::days(1095)).to_string();
        d.upsert(claim("K1", &first_day, None, ClaimStatus::Closed));
        d.upsert(claim("K2", &outside, None, ClaimStatus::Closed));
        d.upsert(claim("K3", "2026-06-01", None, ClaimStatus::Denied));
        d.upsert(claim(
            "K4",
            "2026-06-01",
            Some("2026-07-01"),
            ClaimStatus::Open,
        ));
        d.upsert(claim(
            "K5",
            "2026-06-30",
            Some("2026-06-30"),
            ClaimStatus::Open,
        ));
        assert_eq!(facts_of(&d, t).incurred, Fen::from_yuan(300));
    }

    #[test]
    fn sums_insured_values_per_province_and_satisfaction() {
        let mut d = doc();
        let gd = Province::parse("广东").unwrap();
        let zj = Province::parse("浙江").unwrap();
        let location = |id: &str, province, sum: Option<i64>| Location {
            id: id.into(),
            customer_id: "C1".into(),
            province,
            city: None,
            construction: Construction::Masonry,
            occupancy: Occupancy::Office,
            year_built: None,
            sprinklered: None,
            sum_insured: sum.map(Fen::from_yuan),
        };
        d.upsert(location("L1", gd, None)); // takes P1's sum insured
        d.upsert(location("L2", gd, Some(500)));
        d.upsert(location("L3", zj, Some(700)));
        d.upsert(policy("P1", 1_000, "2026-01-01", "2027-01-01"));
        for (id, score) in [("I1", Some(4)), ("I2", Some(2)), ("I3", None)] {
            d.upsert(Interaction {
                id: id.into(),
                customer_id: "C1".into(),
                at: date("2026-05-01").and_hms_opt(10, 0, 0).unwrap(),
                channel: Channel::Phone,
                kind: InteractionKind::Survey,
                satisfaction: score,
                note: None,
            });
        }
        let f = facts_of(&d, date("2026-06-30"));
        assert_eq!(
            f.exposures,
            vec![(gd, Fen::from_yuan(1_000_500)), (zj, Fen::from_yuan(700))]
        );
        assert_eq!((f.satisfaction_sum, f.satisfaction_count), (6, 2));
    }
}
