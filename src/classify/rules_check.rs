//! Checking a rules file: every value in range, the cross-key constraints
//! (factor maxima adding up to 100, floors below caps, every section and
//! province present once), and errors that name the file, line and key.

use super::rules::{
    kind_index, KindRules, Perils, PropertyRules, RawRules, RiskRules, Rules, ValueRules,
};
use crate::model::{Industry, Province};
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::ops::{Range, RangeInclusive};
use std::path::PathBuf;
use toml::Spanned;

/// One thing wrong in a rules file.
#[derive(Debug, Clone, PartialEq)]
pub struct RulesProblem {
    /// 1-based line in the file.
    pub line: usize,
    /// Dotted key: `value.tier_high`, `catastrophe.guangdong`.
    pub key: String,
    pub message: String,
}

#[derive(Debug, thiserror::Error)]
pub enum RulesError {
    #[error("cannot read the rules file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}", ProblemList { file, problems })]
    Invalid {
        file: String,
        problems: Vec<RulesProblem>,
    },
}

struct ProblemList<'a> {
    file: &'a str,
    problems: &'a [RulesProblem],
}

impl fmt::Display for ProblemList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{}:{}: {}: {}", self.file, p.line, p.key, p.message)?;
        }
        Ok(())
    }
}

impl RulesError {
    /// A TOML syntax or shape error (unknown key, missing key, wrong type).
    pub(super) fn syntax(file: &str, text: &str, e: &toml::de::Error) -> RulesError {
        let at = e.span().map_or(0, |s| s.start);
        RulesError::Invalid {
            file: file.to_string(),
            problems: vec![RulesProblem {
                line: line_of(text, at),
                key: key_at(text, at),
                message: e.message().trim().to_string(),
            }],
        }
    }

    /// The problems, when the file was read but refused.
    pub fn problems(&self) -> &[RulesProblem] {
        match self {
            RulesError::Invalid { problems, .. } => problems,
            RulesError::Read { .. } => &[],
        }
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    text.as_bytes()[..offset]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// The dotted key written at `offset`: the nearest `[table]` header above it
/// plus the `key =` of its line, as far as there is one.
fn key_at(text: &str, offset: usize) -> String {
    let line_no = line_of(text, offset);
    let mut table = String::new();
    let mut key = String::new();
    for (i, line) in text.lines().enumerate().take(line_no) {
        let line = line.trim();
        if let Some(header) = line.strip_prefix('[') {
            table = header.trim_end_matches(']').trim().to_string();
            key.clear();
        } else if i + 1 == line_no {
            if let Some((k, _)) = line.split_once('=') {
                key = k.trim().trim_matches('"').to_string();
            }
        }
    }
    match (table.is_empty(), key.is_empty()) {
        (_, true) if table.is_empty() => "(top level)".to_string(),
        (_, true) => table,
        (true, false) => key,
        (false, false) => format!("{table}.{key}"),
    }
}

/// Collects problems while turning a raw file into [`Rules`].
pub(super) struct Checker<'a> {
    file: &'a str,
    text: &'a str,
    problems: Vec<RulesProblem>,
    /// Where each checked key was written, for cross-key problems.
    spans: HashMap<String, Range<usize>>,
}

impl<'a> Checker<'a> {
    pub fn new(file: &'a str, text: &'a str) -> Checker<'a> {
        Checker {
            file,
            text,
            problems: Vec::new(),
            spans: HashMap::new(),
        }
    }

    fn problem(&mut self, span: Range<usize>, key: String, message: String) {
        self.problems.push(RulesProblem {
            line: line_of(self.text, span.start),
            key,
            message,
        });
    }

    /// Where the `[table]` header is written (for keys missing from it).
    fn header(&self, table: &str) -> Range<usize> {
        let header = format!("[{table}]");
        let at = self
            .text
            .lines()
            .scan(0, |offset, line| {
                let start = *offset;
                *offset += line.len() + 1;
                Some((start, line))
            })
            .find(|(_, line)| line.trim() == header)
            .map_or(0, |(start, _)| start);
        at..at
    }

    /// A problem involving a key already checked.
    fn problem_at(&mut self, key: &str, message: String) {
        let span = self.spans.get(key).cloned().unwrap_or(0..0);
        self.problem(span, key.to_string(), message);
    }

    /// Returns the value, recording a problem when it is out of range.
    pub fn range<T: PartialOrd + Copy + fmt::Display>(
        &mut self,
        section: &str,
        field: &str,
        value: Spanned<T>,
        allowed: RangeInclusive<T>,
    ) -> T {
        let key = format!("{section}.{field}");
        let span = value.span();
        let v = *value.get_ref();
        if !allowed.contains(&v) {
            self.problem(
                span.clone(),
                key.clone(),
                format!(
                    "{v} is out of range (allowed {} to {})",
                    allowed.start(),
                    allowed.end()
                ),
            );
        }
        self.spans.insert(key, span);
        v
    }

    pub fn finish(mut self) -> Result<(), RulesError> {
        if self.problems.is_empty() {
            return Ok(());
        }
        self.problems.sort_by_key(|p| p.line);
        Err(RulesError::Invalid {
            file: self.file.to_string(),
            problems: self.problems,
        })
    }

    /// Checks every section of a parsed file.
    pub fn rules(&mut self, raw: RawRules) -> Rules {
        let version = raw.version.get_ref().trim().to_string();
        if version.is_empty() || version.len() > 64 || version.chars().any(char::is_control) {
            self.problem(
                raw.version.span(),
                "version".into(),
                "must be 1 to 64 printable characters".into(),
            );
        }
        let windows = raw.windows.check("windows", self);
        let kinds = [
            raw.kinds.individual.check("kinds.individual", self),
            raw.kinds.sme.check("kinds.sme", self),
            raw.kinds.large.check("kinds.large", self),
        ];
        for (name, k) in ["individual", "sme", "large"].iter().zip(&kinds) {
            self.kind(name, k);
        }
        let value = raw.value.check("value", self);
        self.value(&value);
        let risk = raw.risk.check("risk", self);
        let property = raw.property.check("property", self);
        self.risk(&risk, &property);
        let industry_hazard = self.industry_hazard(&raw.industry_hazard);
        let behavior = raw.behavior.check("behavior", self);
        let catastrophe = self.catastrophe(&raw.catastrophe);
        debug_assert_eq!(kind_index(crate::model::CustomerKind::Large), 2);
        Rules::new(
            version,
            windows,
            kinds,
            value,
            risk,
            industry_hazard,
            property,
            behavior,
            catastrophe,
        )
    }

    fn kind(&mut self, name: &str, k: &KindRules) {
        if k.premium_cap_yuan <= k.premium_floor_yuan {
            self.problem_at(
                &format!("kinds.{name}.premium_cap_yuan"),
                format!(
                    "{} must be above premium_floor_yuan ({})",
                    k.premium_cap_yuan, k.premium_floor_yuan
                ),
            );
        }
    }

    fn tiers(&mut self, section: &str, high: f64, medium: f64) {
        if medium > high {
            self.problem_at(
                &format!("{section}.tier_medium"),
                format!("{medium} must not be above tier_high ({high})"),
            );
        }
    }

    fn adds_up_to_100(&mut self, key: &str, parts: &str, total: f64) {
        if (total - 100.0).abs() > 1e-9 {
            self.problem_at(
                key,
                format!("{parts} add up to {total}, they must add up to 100"),
            );
        }
    }

    fn value(&mut self, v: &ValueRules) {
        self.tiers("value", v.tier_high, v.tier_medium);
        if v.retention_no_history_points > v.retention_points {
            self.problem_at(
                "value.retention_no_history_points",
                format!(
                    "{} must not be above retention_points ({})",
                    v.retention_no_history_points, v.retention_points
                ),
            );
        }
        if v.loss_full_points_ratio >= v.loss_no_points_ratio {
            self.problem_at(
                "value.loss_no_points_ratio",
                format!(
                    "{} must be above loss_full_points_ratio ({})",
                    v.loss_no_points_ratio, v.loss_full_points_ratio
                ),
            );
        }
        let total = v.premium_points
            + v.retention_points
            + v.loss_points
            + v.tenure_points
            + v.breadth_points;
        self.adds_up_to_100(
            "value.premium_points",
            "premium, retention, loss, tenure and breadth points",
            total,
        );
    }

    fn risk(&mut self, r: &RiskRules, p: &PropertyRules) {
        self.tiers("risk", r.tier_high, r.tier_medium);
        let total = r.industry_points
            + 6.0 * r.catastrophe_points_per_index
            + p.cap
            + r.frequency_points
            + r.severity_points;
        self.adds_up_to_100(
            "risk.industry_points",
            "industry, 6 x catastrophe_points_per_index, property.cap, frequency and severity points",
            total,
        );
        if p.no_survey_points > p.cap {
            self.problem_at(
                "property.no_survey_points",
                format!("{} must not be above cap ({})", p.no_survey_points, p.cap),
            );
        }
        if p.middle_years > p.old_years {
            self.problem_at(
                "property.middle_years",
                format!(
                    "{} must not be above old_years ({})",
                    p.middle_years, p.old_years
                ),
            );
        }
    }

    fn industry_hazard(&mut self, raw: &BTreeMap<String, Spanned<i64>>) -> [u8; 20] {
        let mut classes = [0u8; 20];
        for (name, class) in raw {
            let key = format!("industry_hazard.{name}");
            let Some(industry) = Industry::parse(name) else {
                self.problem(
                    class.span(),
                    key,
                    "not a GB/T 4754 section letter A to T".into(),
                );
                continue;
            };
            let v = self.range("industry_hazard", name, class.clone(), 1..=5);
            if classes[industry.index()] != 0 {
                self.problem(class.span(), key, "given twice".into());
            }
            classes[industry.index()] = v.clamp(1, 5) as u8;
        }
        for industry in Industry::all() {
            if classes[industry.index()] == 0 {
                self.problem(
                    self.header("industry_hazard"),
                    format!("industry_hazard.{}", industry.letter()),
                    "missing: every section A to T needs a hazard class".into(),
                );
            }
        }
        classes
    }

    fn catastrophe(&mut self, raw: &BTreeMap<String, Spanned<Vec<i64>>>) -> Vec<Perils> {
        let mut table: Vec<Option<Perils>> = vec![None; Province::all().count()];
        for (name, levels) in raw {
            let key = format!("catastrophe.{name}");
            let Some(province) = Province::parse(name) else {
                self.problem(levels.span(), key, "not a province".into());
                continue;
            };
            let values = levels.get_ref();
            if values.len() != 3 || values.iter().any(|l| !(0..=3).contains(l)) {
                self.problem(
                    levels.span(),
                    key,
                    format!("{values:?} must be [typhoon, flood, earthquake], each 0 to 3"),
                );
                // Reported: not missing as well.
                table[province.index()] = Some([0; 3]);
                continue;
            }
            if table[province.index()].is_some() {
                self.problem(
                    levels.span(),
                    key,
                    format!("{} is given twice", province.short()),
                );
            }
            table[province.index()] = Some([values[0] as u8, values[1] as u8, values[2] as u8]);
        }
        Province::all()
            .map(|p| {
                table[p.index()].unwrap_or_else(|| {
                    self.problem(
                        self.header("catastrophe"),
                        format!("catastrophe.{}", p.info().pinyin),
                        format!("missing: {} needs its levels", p.short()),
                    );
                    [0; 3]
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::super::rules::EMBEDDED_TEXT;
    use super::*;

    fn refuse(text: &str) -> Vec<RulesProblem> {
        Rules::parse(text, "my.toml")
            .unwrap_err()
            .problems()
            .to_vec()
    }

    fn line_containing(text: &str, needle: &str) -> usize {
        text.lines().position(|l| l.contains(needle)).unwrap() + 1
    }

    #[test]
    fn out_of_range_values_name_line_and_key() {
        let text = EMBEDDED_TEXT.replace("guangdong = [3, 2, 1]", "guangdong = [3, 2, 9]");
        let text = text.replace("C = 4", "C = 6");
        let problems = refuse(&text);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_eq!(problems[0].key, "industry_hazard.C");
        assert_eq!(problems[0].line, line_containing(&text, "C = 6"));
        assert!(problems[0].message.contains("out of range"));
        assert_eq!(problems[1].key, "catastrophe.guangdong");
        assert_eq!(problems[1].line, line_containing(&text, "guangdong ="));
    }

    #[test]
    fn syntax_errors_and_unknown_keys_name_line_and_key() {
        let text = EMBEDDED_TEXT.replace("tier_medium = 40.0", "tier_medum = 40.0");
        let err = Rules::parse(&text, "my.toml").unwrap_err();
        let p = &err.problems()[0];
        assert!(p.message.contains("tier_medum"), "{p:?}");
        assert!(p.key.starts_with("value"), "{p:?}");
        let shown = err.to_string();
        assert!(shown.starts_with("my.toml:"), "{shown}");

        let text = EMBEDDED_TEXT.replace("loss_days = 1095", "loss_days = \"three years\"");
        let p = &refuse(&text)[0];
        assert_eq!(p.key, "windows.loss_days");
        assert_eq!(p.line, line_containing(&text, "three years"));

        let text = EMBEDDED_TEXT.replace("grace_days = 30", "grace_days = = 30");
        let p = &refuse(&text)[0];
        assert_eq!(p.line, line_containing(&text, "grace_days = ="));
        assert_eq!(p.key, "windows.grace_days");
    }

    #[test]
    fn cross_key_constraints_are_checked() {
        let text = EMBEDDED_TEXT
            .replace("premium_points = 40.0", "premium_points = 45.0")
            .replace("premium_cap_yuan = 20000", "premium_cap_yuan = 400");
        let problems = refuse(&text);
        let keys: Vec<&str> = problems.iter().map(|p| p.key.as_str()).collect();
        assert_eq!(
            keys,
            ["kinds.individual.premium_cap_yuan", "value.premium_points"]
        );
        assert!(problems[1].message.contains("add up to 105"));
    }

    #[test]
    fn provinces_may_be_keyed_by_chinese_name_but_only_once() {
        let text = EMBEDDED_TEXT.replace("guangdong = [3, 2, 1]", "\"广东\" = [1, 1, 1]");
        let rules = Rules::parse(&text, "my.toml").unwrap();
        assert_eq!(rules.perils(Province::parse("广东").unwrap()), [1, 1, 1]);

        let text = EMBEDDED_TEXT.replace("aomen = [3, 1, 0]", "\"广东\" = [1, 1, 1]");
        let keys: Vec<String> = refuse(&text).into_iter().map(|p| p.key).collect();
        assert_eq!(keys, ["catastrophe.aomen", "catastrophe.广东"]);
    }
}
