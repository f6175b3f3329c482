//! The classification engine (classification.md): every customer's value
//! tier, risk tier and behaviour segment, each with its factor points and
//! the reasons behind them.
//!
//! - `rules` / `rules_check`: the numbers of the scorecard, from the
//!   embedded `fixtures/rules.toml` or a user's file.
//! - `facts`, `value`, `risk`, `behavior`, `scorecard`: the pure scorer
//!   ([`classify_doc`]); `explain` and `strategy` say why and what to do.
//! - `results`: stored results and label-change history; `pass`: full,
//!   per-customer and pending passes over a book; `worker`: the background
//!   [`Engine`].
//! - `json`, `summary`, `segments_csv`: output; `bench`: the benchmark.

mod behavior;
pub mod bench;
mod explain;
mod facts;
mod json;
mod pass;
mod results;
mod risk;
mod rules;
mod rules_check;
mod scorecard;
mod segments_csv;
pub mod strategy;
mod summary;
mod value;
mod worker;

pub use behavior::Why as BehaviorWhy;
pub use explain::{explain_doc, Explanation, Factor};
pub use facts::{day, has_successor, Credibility, Facts};
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
pub use scorecard::{classify_doc, tier, Scorecard};
pub use segments_csv::{export_segments, ExportError, SEGMENTS_HEADER};
pub use summary::{annual_premium_fen, Summary};
pub use value::ValueScore;
pub use worker::{Engine, EngineEvent, Job};
