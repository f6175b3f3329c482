//! One customer in the roster, as compact as the screens allow, and the
//! owned form in which new or changed customers arrive.

use super::facts::{facts, Facts};
use super::text::Span;
use crate::model::{BehaviorLabel, Classification, CustomerKind, Fen, Industry, Province, Tier};
use crate::store::{DocView, StoreError, Text};
use chrono::NaiveDate;

/// A row's place in the roster. Rows are only ever appended (a removed
/// customer leaves a tombstone), so a `RowId` names the same customer for
/// the roster's lifetime: selections and cursors are kept by it.
pub type RowId = u32;

/// The three labels with the scores the screens show and the risk factors
/// the risk profile averages.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Labels {
    pub value: Tier,
    pub risk: Tier,
    pub behavior: BehaviorLabel,
    pub value_score: f32,
    pub risk_score: f32,
    /// industry, catastrophe, property, claims.
    pub risk_factors: [f32; 4],
}

impl From<&Classification> for Labels {
    fn from(c: &Classification) -> Labels {
        Labels {
            value: c.value.tier,
            risk: c.risk.tier,
            behavior: c.behavior.segment,
            value_score: c.value.score as f32,
            risk_score: c.risk.score as f32,
            risk_factors: c.risk.factors.map(|f| f as f32),
        }
    }
}

#[derive(Clone, Debug)]
pub(super) struct Row {
    pub id: Span,
    pub name: Span,
    pub kind: CustomerKind,
    pub province: Province,
    pub industry: Option<Industry>,
    pub removed: bool,
    /// Index into the roster's manager table (0 = none).
    pub manager: u32,
    /// Index into the roster's tag-set table (0 = no tags).
    pub tagset: u32,
    pub labels: Option<Labels>,
    pub annual_premium: Fen,
    pub earned: Fen,
    pub incurred: Fen,
    /// `exposures[start..start + len]` of the roster.
    pub exposure_start: u32,
    pub exposure_len: u8,
    pub open_tasks: u16,
    pub satisfaction_sum: u16,
    pub satisfaction_count: u16,
}

/// A customer as the loader reads it, before it is packed into a row.
#[derive(Clone, Debug)]
pub struct RowData {
    pub id: String,
    pub name: String,
    pub kind: CustomerKind,
    pub province: Province,
    pub industry: Option<Industry>,
    pub manager: Option<String>,
    pub tags: Vec<String>,
    pub labels: Option<Labels>,
    pub facts: Facts,
    pub open_tasks: u16,
}

impl RowData {
    /// The row of a stored customer doc at the as-of date, without its
    /// open tasks; `key` (the customer id) names it in errors.
    pub fn read(
        key: &[u8],
        bytes: &[u8],
        classification: Option<&Classification>,
        as_of: NaiveDate,
    ) -> Result<RowData, StoreError> {
        let what = || format!("customers/{}", String::from_utf8_lossy(key));
        let doc = DocView::decode(bytes, &what)?;
        let c = &doc.customer;
        let text = |t: Text| t.to_str(&what).map(str::to_string);
        Ok(RowData {
            id: text(c.id)?,
            name: text(c.name)?,
            kind: c.kind,
            province: c.province,
            industry: c.industry,
            manager: c.account_manager.map(text).transpose()?,
            tags: c.tags.iter().map(|t| text(*t)).collect::<Result<_, _>>()?,
            labels: classification.map(Labels::from),
            facts: facts(&doc, as_of),
            open_tasks: 0,
        })
    }
}
