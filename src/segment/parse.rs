//! Parsing segment expressions, with errors that name the bad field or value.

use super::{Expr, Term};
use crate::model::ids::is_valid_tag;
use crate::model::{BehaviorLabel, CustomerKind, Industry, Labelled, Province, Tier};

pub const FIELDS: &str = "value, risk, behavior, kind, province, industry, tag, manager";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SegmentError {
    #[error("unknown field `{field}` in `{term}` (fields: {FIELDS})")]
    UnknownField { field: String, term: String },
    #[error("unknown {field} `{value}` (expected {expected})")]
    UnknownValue {
        field: &'static str,
        value: String,
        expected: String,
    },
    #[error("`{term}` gives no value after `=`")]
    MissingValue { term: String },
}

fn values<T>(
    field: &'static str,
    list: &str,
    expected: impl Fn() -> String,
    parse: impl Fn(&str) -> Option<T>,
) -> Result<Vec<T>, SegmentError> {
    list.split(',')
        .filter(|v| !v.trim().is_empty())
        .map(|v| {
            parse(v.trim()).ok_or_else(|| SegmentError::UnknownValue {
                field,
                value: v.trim().to_string(),
                expected: expected(),
            })
        })
        .collect()
}

/// `high`, `高`, and the labels with the dimension's name: `中等价值`.
fn tier(text: &str, suffix: &str) -> Option<Tier> {
    let bare = text.strip_suffix(suffix).unwrap_or(text);
    Tier::parse_label(bare).or_else(|| Tier::parse_label(bare.strip_suffix('等')?))
}

fn term(field: &str, list: &str, whole: &str) -> Result<Term, SegmentError> {
    let codes = |all: &'static [&'static str]| move || all.join(", ");
    Ok(match field.to_ascii_lowercase().as_str() {
        "value" => Term::Value(values(
            "value",
            list,
            codes(&["high", "medium", "low"]),
            |v| tier(v, "价值"),
        )?),
        "risk" => Term::Risk(values(
            "risk",
            list,
            codes(&["high", "medium", "low"]),
            |v| tier(v, "风险"),
        )?),
        "behavior" | "behaviour" => Term::Behavior(values(
            "behavior",
            list,
            BehaviorLabel::codes_list,
            BehaviorLabel::parse_label,
        )?),
        "kind" => Term::Kind(values(
            "kind",
            list,
            CustomerKind::codes_list,
            CustomerKind::parse_label,
        )?),
        "province" => Term::Province(values(
            "province",
            list,
            || "a province such as 广东, 广东省 or guangdong".to_string(),
            Province::parse,
        )?),
        "industry" => Term::Industry(values(
            "industry",
            list,
            || "a GB/T 4754 section letter A to T".to_string(),
            Industry::parse,
        )?),
        "tag" => Term::Tag(values(
            "tag",
            list,
            || "letters, digits, _ or -, at most 32".to_string(),
            |v| is_valid_tag(v).then(|| v.to_string()),
        )?),
        "manager" => Term::Manager(values(
            "manager",
            list,
            || "a login name".to_string(),
            |v| Some(v.to_string()),
        )?),
        _ => {
            return Err(SegmentError::UnknownField {
                field: field.to_string(),
                term: whole.to_string(),
            })
        }
    })
}

pub fn parse(text: &str) -> Result<Expr, SegmentError> {
    let mut expr = Expr::default();
    for word in text.split_whitespace() {
        match word.split_once('=') {
            Some((field, list)) => {
                if list.split(',').all(|v| v.trim().is_empty()) {
                    return Err(SegmentError::MissingValue {
                        term: word.to_string(),
                    });
                }
                expr.terms.push(term(field, list, word)?);
            }
            None => expr.words.push(word.to_lowercase()),
        }
    }
    Ok(expr)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_field_by_code_and_chinese_label() {
        let e = parse("value=high,中等价值 risk=高风险 behaviour=流失 kind=sme province=广东省,zhejiang industry=c tag=vip manager=li.wei 张").unwrap();
        assert_eq!(
            e.terms,
            vec![
                Term::Value(vec![Tier::High, Tier::Medium]),
                Term::Risk(vec![Tier::High]),
                Term::Behavior(vec![BehaviorLabel::Churned]),
                Term::Kind(vec![CustomerKind::Sme]),
                Term::Province(vec![
                    Province::parse("广东").unwrap(),
                    Province::parse("浙江").unwrap()
                ]),
                Term::Industry(vec![Industry::parse("C").unwrap()]),
                Term::Tag(vec!["vip".into()]),
                Term::Manager(vec!["li.wei".into()]),
            ]
        );
        assert_eq!(e.words, vec!["张".to_string()]);
        assert!(parse("").unwrap().is_empty());
    }

    #[test]
    fn unknown_fields_and_values_are_errors_naming_them() {
        let e = parse("value=high colour=red").unwrap_err();
        assert_eq!(
            e,
            SegmentError::UnknownField {
                field: "colour".into(),
                term: "colour=red".into()
            }
        );
        assert!(e.to_string().contains("`colour`"));
        let e = parse("risk=hgh").unwrap_err();
        assert_eq!(
            e.to_string(),
            "unknown risk `hgh` (expected high, medium, low)"
        );
        let e = parse("province=Atlantis").unwrap_err();
        assert!(e.to_string().contains("`Atlantis`"), "{e}");
        assert!(matches!(
            parse("value=").unwrap_err(),
            SegmentError::MissingValue { .. }
        ));
    }
}
