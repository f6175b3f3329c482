//! Segment expressions: the filter language shared by the CLI
//! (`--segment`, `pcrm segment`) and the UI's filter line.
//!
//! An expression is space-separated terms that must all hold:
//! `field=v1,v2` (any of the values) for the fields value, risk, behavior
//! (or behaviour), kind, province, industry, tag and manager, plus free
//! words that must each appear in the customer's name or id. Values are
//! codes or Chinese labels (`value=high`, `value=高价值`, `province=广东`,
//! `province=guangdong`). An unknown field or value is an error naming it,
//! never an empty result.

mod parse;
mod subject;

pub use parse::SegmentError;
pub use subject::Subject;

use crate::model::{BehaviorLabel, CustomerKind, Industry, Province, Tier};

/// One `field=v1,v2` term.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Term {
    Value(Vec<Tier>),
    Risk(Vec<Tier>),
    Behavior(Vec<BehaviorLabel>),
    Kind(Vec<CustomerKind>),
    Province(Vec<Province>),
    Industry(Vec<Industry>),
    Tag(Vec<String>),
    Manager(Vec<String>),
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Expr {
    pub terms: Vec<Term>,
    /// Free words, lower-cased.
    pub words: Vec<String>,
}

fn any_of<T: PartialEq>(wanted: &[T], have: Option<T>) -> bool {
    have.is_some_and(|h| wanted.contains(&h))
}

impl Expr {
    /// Parses an expression; the empty text matches everyone.
    pub fn parse(text: &str) -> Result<Expr, SegmentError> {
        parse::parse(text)
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty() && self.words.is_empty()
    }

    /// Whether any term needs the classification labels.
    pub fn uses_labels(&self) -> bool {
        self.terms
            .iter()
            .any(|t| matches!(t, Term::Value(_) | Term::Risk(_) | Term::Behavior(_)))
    }

    pub fn matches(&self, s: &impl Subject) -> bool {
        self.terms.iter().all(|t| term_matches(t, s))
            && self.words.iter().all(|w| s.text_matches(w))
    }
}

fn term_matches(term: &Term, s: &impl Subject) -> bool {
    match term {
        Term::Value(v) => any_of(v, s.value_tier()),
        Term::Risk(v) => any_of(v, s.risk_tier()),
        Term::Behavior(v) => any_of(v, s.behavior()),
        Term::Kind(v) => v.contains(&s.kind()),
        Term::Province(v) => v.contains(&s.province()),
        Term::Industry(v) => any_of(v, s.industry()),
        Term::Tag(v) => s.tags().iter().any(|t| v.contains(t)),
        Term::Manager(v) => s
            .manager()
            .is_some_and(|m| v.iter().any(|w| w.eq_ignore_ascii_case(m))),
    }
}
