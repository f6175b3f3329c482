//! The book at a glance: the value × risk matrix with customer counts and
//! annual premium, and the behaviour split, from the stored results.

use super::facts::{annual_premium_fen, day};
use super::scan::for_each_customer;
use super::view::PoliciesView;
use crate::model::{BehaviorLabel, Tier};
use crate::store::{Book, Result};
use chrono::NaiveDate;

/// Row/column index of a tier: high 0, medium 1, low 2.
pub fn tier_index(tier: Tier) -> usize {
    match tier {
        Tier::High => 0,
        Tier::Medium => 1,
        Tier::Low => 2,
    }
}

pub fn behavior_index(label: BehaviorLabel) -> usize {
    match label {
        BehaviorLabel::Active => 0,
        BehaviorLabel::Potential => 1,
        BehaviorLabel::Churned => 2,
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// `[value][risk]` customer counts.
    pub counts: [[u64; 3]; 3],
    /// `[value][risk]` annualised premium in force at the as-of date, fen.
    pub premium_fen: [[i64; 3]; 3],
    /// active, potential, churned.
    pub behavior: [u64; 3],
    /// Customers without a stored result.
    pub unclassified: u64,
}

impl Summary {
    pub fn compute(book: &Book, as_of: NaiveDate) -> Result<Summary> {
        let mut s = Summary::default();
        let t = day(as_of);
        for_each_customer(book, true, |key, bytes, class| {
            let Some(c) = class else {
                s.unclassified += 1;
                return Ok(());
            };
            let (v, r) = (tier_index(c.value.tier), tier_index(c.risk.tier));
            s.counts[v][r] += 1;
            let doc = PoliciesView::decode(bytes, &|| {
                format!("customers/{}", String::from_utf8_lossy(key))
            })?;
            s.premium_fen[v][r] += annual_premium_fen(&doc.policies, t);
            s.behavior[behavior_index(c.behavior.segment)] += 1;
            Ok(())
        })?;
        Ok(s)
    }

    pub fn customers(&self) -> u64 {
        self.behavior.iter().sum()
    }
}
