//! TEMPORARY stand-in for the classify helper's `segment` module, written to
//! the agreed interface so the UI builds before it lands; replaced by the
//! real module on merge.

use crate::model::{BehaviorLabel, CustomerKind, Industry, Labelled, Province, Tier};

pub trait Subject {
    fn kind(&self) -> CustomerKind;
    fn province(&self) -> Province;
    fn industry(&self) -> Option<Industry>;
    fn tags(&self) -> &[String];
    fn manager(&self) -> Option<&str>;
    fn value_tier(&self) -> Option<Tier>;
    fn risk_tier(&self) -> Option<Tier>;
    fn behavior(&self) -> Option<BehaviorLabel>;
    fn text_matches(&self, text: &str) -> bool;
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{0}")]
pub struct SegmentError(String);

#[derive(Debug, Clone, Default)]
pub struct Expr {
    value: Vec<Tier>,
    risk: Vec<Tier>,
    behavior: Vec<BehaviorLabel>,
    kind: Vec<CustomerKind>,
    province: Vec<Province>,
    industry: Vec<Industry>,
    tag: Vec<String>,
    manager: Vec<String>,
    text: Vec<String>,
}

fn list<T>(values: &str, field: &str, parse: impl Fn(&str) -> Option<T>) -> Result<Vec<T>, SegmentError> {
    values
        .split(',')
        .map(|v| parse(v).ok_or_else(|| SegmentError(format!("{field}: unknown value {v:?}"))))
        .collect()
}

impl Expr {
    pub fn parse(text: &str) -> Result<Expr, SegmentError> {
        let mut e = Expr::default();
        for term in text.split_whitespace() {
            let Some((field, values)) = term.split_once('=') else {
                e.text.push(term.to_string());
                continue;
            };
            match field {
                "value" => e.value = list(values, field, Tier::parse_label)?,
                "risk" => e.risk = list(values, field, Tier::parse_label)?,
                "behavior" => e.behavior = list(values, field, BehaviorLabel::parse_label)?,
                "kind" => e.kind = list(values, field, CustomerKind::parse_label)?,
                "province" => e.province = list(values, field, Province::parse)?,
                "industry" => e.industry = list(values, field, Industry::parse)?,
                "tag" => e.tag = list(values, field, |v| Some(v.to_string()))?,
                "manager" => e.manager = list(values, field, |v| Some(v.to_string()))?,
                _ => return Err(SegmentError(format!("unknown field {field:?}"))),
            }
        }
        Ok(e)
    }

    pub fn matches(&self, s: &impl Subject) -> bool {
        fn any<T: PartialEq>(want: &[T], have: Option<T>) -> bool {
            want.is_empty() || have.is_some_and(|h| want.contains(&h))
        }
        any(&self.value, s.value_tier())
            && any(&self.risk, s.risk_tier())
            && any(&self.behavior, s.behavior())
            && any(&self.kind, Some(s.kind()))
            && any(&self.province, Some(s.province()))
            && any(&self.industry, s.industry())
            && (self.tag.is_empty() || self.tag.iter().any(|t| s.tags().contains(t)))
            && (self.manager.is_empty() || s.manager().is_some_and(|m| self.manager.iter().any(|w| w == m)))
            && self.text.iter().all(|t| s.text_matches(t))
    }
}
