//! The classification engine (classification.md): every customer's value
//! tier, risk tier and behaviour segment, each with its factor points and
//! the reasons behind them.
//!
//! - `rules` / `rules_check`: the numbers of the scorecard, from the
//!   embedded `fixtures/rules.toml` or a user's file, checked with errors
//!   naming file, line and key.
//! - `view`: what the scorer reads of a stored customer, decoded without
//!   allocating its strings; `facts`, `value`, `risk`, `behavior`,
//!   `scorecard`: the pure scorer ([`classify_doc`]); `explain` and
//!   `strategy` say why and what to do.
//! - `results`: stored results, label-change history and the parameters
//!   that produced them; `pass` / `full_pass`: passes over a book (a full
//!   pass walks the book from both ends on two threads); `worker`: the
//!   background [`Engine`].
//! - `scan`: every customer with its stored result (filters, summaries);
//!   `json`, `summary`, `segments_csv`: output; `bench`: the benchmark.

mod behavior;
pub mod bench;
mod changed;
mod explain;
mod facts;
mod full_pass;
mod json;
mod pass;
mod results;
mod risk;
mod rules;
mod rules_check;
mod scan;
mod scorecard;
mod segments_csv;
pub mod strategy;
mod summary;
mod value;
mod view;
mod worker;

pub use behavior::Why as BehaviorWhy;
pub use changed::Changed;
pub use explain::{explain_doc, Explanation, Factor};
pub use facts::{annual_premium_fen, day, has_successor, Credibility, Facts, PolicyTerms};
pub use json::{json_line, round1};
pub use pass::{
    run_full, run_pending, run_work, Control, PassError, PassReport, Phase, Progress, Work,
};
pub use results::{
    label_history, scan_stored, scan_with_results, stored, Label, LabelChange, StoredParams,
    CLASSIFIED_AS_OF_KEY, RULES_HASH_KEY, RULES_VERSION_KEY,
};
pub use risk::RiskScore;
pub use rules::{
    BehaviorRules, KindRules, Perils, PropertyRules, RiskRules, Rules, ValueRules, Windows,
};
pub use rules_check::{RulesError, RulesProblem};
pub use scan::{for_each_customer, for_each_match};
pub use scorecard::{classify_doc, tier, Scorecard};
pub use segments_csv::{export_segments, ExportError, SEGMENTS_HEADER};
pub use summary::Summary;
pub use value::ValueScore;
pub use view::{CustomerFields, DocView, LocationView, PoliciesView, PolicyView};
pub use worker::{Engine, EngineEvent, Job};
