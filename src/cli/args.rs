//! The command line of cli.md, as clap derive types.

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "pcrm",
    version,
    about = "Classify and manage a property-and-casualty book of business",
    long_about = "Classify and manage a property-and-casualty book of business.\n\
                  Without a command, opens the terminal UI on --db."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Args, Debug, Clone)]
pub struct GlobalArgs {
    /// The book (a sled directory) [default: $PCRM_DB, else $XDG_DATA_HOME/pcrm/book]
    #[arg(long, global = true, env = "PCRM_DB")]
    pub db: Option<PathBuf>,
    /// As-of date of classification and playbooks (YYYY-MM-DD) [default: today]
    #[arg(long, global = true, value_parser = parse_date_arg)]
    pub as_of: Option<NaiveDate>,
    /// Classification rules (TOML) [default: the embedded fixtures/rules.toml]
    #[arg(long, global = true)]
    pub rules: Option<PathBuf>,
    /// Keymap overriding the default [default: $XDG_CONFIG_HOME/pcrm/keymap.toml if present]
    #[arg(long, global = true)]
    pub keymap: Option<PathBuf>,
    /// Who is acting, for the audit log and "my tasks" [default: $PCRM_USER, else the login name]
    #[arg(long, global = true)]
    pub user: Option<String>,
    /// Plain +-| borders, for terminals that draw box characters two cells wide [also: ascii = true in $XDG_CONFIG_HOME/pcrm/config.toml]
    #[arg(long, global = true)]
    pub ascii: bool,
}

pub fn parse_date_arg(text: &str) -> Result<NaiveDate, String> {
    crate::model::date_codec::parse_date(text)
        .ok_or_else(|| format!("{text:?} is not a date (YYYY-MM-DD)"))
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Create (or reuse) a realistic synthetic book, classify it and open the UI on it
    Demo(DemoArgs),
    /// Import CSV files (or a directory of them), all or nothing
    Import(ImportArgs),
    /// Export a table as CSV (stdout by default); `export all --out DIR` backs up every table
    Export(ExportArgs),
    /// Bring every customer's classification up to date and print the matrix
    Classify(ClassifyArgs),
    /// Why a customer has its labels: every factor's points and reason, and the actions
    Explain(ExplainArgs),
    /// Find customers by name, pinyin, phone, id number, customer id or policy id
    Search(SearchArgs),
    /// Customers matching a segment expression (`value=high risk=high,medium ...`)
    Segment(SegmentArgs),
    /// Add or remove a tag on many customers in one atomic batch
    Tag(TagArgs),
    /// Follow-up tasks
    #[command(subcommand)]
    Task(TaskCommand),
    /// Revert the latest (or the given) batch of tag/task changes
    Undo(UndoArgs),
    /// Playbooks that create follow-up tasks from the labels
    #[command(subcommand)]
    Playbook(PlaybookCommand),
    /// Counts of every table, the classification's as-of date and rules, size on disk
    Stats(JsonArgs),
    /// Who changed what, when
    Audit(AuditArgs),
    /// Verify the database: records decode, indexes agree, references resolve
    Check,
    /// Reproducible benchmarks of the README's performance figures
    Bench(BenchArgs),
}

#[derive(Args, Debug, Clone)]
pub struct JsonArgs {
    /// Machine-readable output
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug, Clone)]
pub struct DemoArgs {
    /// Number of customers
    #[arg(long, default_value_t = 10_000)]
    pub customers: usize,
    /// Random seed: the same seed gives the same book
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Print a summary instead of opening the UI
    #[arg(long)]
    pub no_ui: bool,
}

#[derive(Args, Debug, Clone)]
pub struct ImportArgs {
    /// The table of every file (else known from each file's name)
    #[arg(long)]
    pub table: Option<String>,
    /// Import the valid rows; write the rejected ones to rejected-<table>.csv
    #[arg(long)]
    pub skip_invalid: bool,
    /// Where rejected-<table>.csv goes [default: next to the input]
    #[arg(long)]
    pub rejects: Option<PathBuf>,
    /// Input encoding: utf-8, or gbk for GBK/GB18030 exports from Excel
    #[arg(long, default_value = "utf-8")]
    pub encoding: String,
    /// CSV files or directories
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

#[derive(Args, Debug, Clone)]
pub struct ExportArgs {
    /// customers, locations, policies, claims, interactions, tasks, segments, or all
    pub table: String,
    /// Only customers matching this segment expression
    #[arg(long)]
    pub segment: Option<String>,
    /// Output file (a directory for `all`) [default: stdout]
    #[arg(long)]
    pub out: Option<PathBuf>,
}

#[derive(Args, Debug, Clone)]
pub struct ClassifyArgs {
    /// One JSON line per customer (classification.md) instead of the matrix
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug, Clone)]
pub struct ExplainArgs {
    pub customer_id: String,
}

#[derive(Args, Debug, Clone)]
pub struct SearchArgs {
    /// What the rep typed
    #[arg(required = true, num_args = 1..)]
    pub query: Vec<String>,
    /// Number of hits
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// JSON lines {"customer_id","name","score","matched"}, best first
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug, Clone)]
pub struct SegmentArgs {
    /// `field=v1,v2` terms (value, risk, behavior, kind, province, industry, tag, manager) and free text
    #[arg(required = true, num_args = 1..)]
    pub expr: Vec<String>,
    /// JSON lines as `classify --json`
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug, Clone)]
pub struct Targets {
    /// Customers matching this segment expression
    #[arg(long, conflicts_with = "ids")]
    pub segment: Option<String>,
    /// A file of customer ids, one a line
    #[arg(long)]
    pub ids: Option<PathBuf>,
    /// Customer ids
    pub customer_ids: Vec<String>,
}

#[derive(Args, Debug, Clone)]
pub struct TagArgs {
    /// add or remove
    #[arg(value_parser = ["add", "remove"])]
    pub action: String,
    pub tag: String,
    #[command(flatten)]
    pub targets: Targets,
}

#[derive(Subcommand, Debug, Clone)]
pub enum TaskCommand {
    /// Create a follow-up task for each target customer, in one atomic batch
    Add {
        #[arg(long)]
        title: String,
        #[arg(long, value_parser = parse_date_arg)]
        due: NaiveDate,
        #[arg(long)]
        assignee: Option<String>,
        /// high, normal or low
        #[arg(long, default_value = "normal")]
        priority: String,
        #[command(flatten)]
        targets: Targets,
    },
    /// List follow-ups
    List {
        #[arg(long)]
        open: bool,
        #[arg(long)]
        overdue: bool,
        #[arg(long)]
        assignee: Option<String>,
        #[arg(long)]
        tag: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Mark tasks done
    Done { task_ids: Vec<String> },
    /// Cancel tasks
    Cancel { task_ids: Vec<String> },
}

#[derive(Args, Debug, Clone)]
pub struct UndoArgs {
    pub batch_id: Option<u64>,
}

#[derive(Subcommand, Debug, Clone)]
pub enum PlaybookCommand {
    /// Run the playbooks (classification.md) and create their tasks
    Run {
        /// Only this playbook
        #[arg(long)]
        only: Option<String>,
        /// Count (or list) what would be created, create nothing
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args, Debug, Clone)]
pub struct AuditArgs {
    /// Only entries on or after this date (YYYY-MM-DD)
    #[arg(long, value_parser = parse_date_arg)]
    pub since: Option<NaiveDate>,
    /// One JSON object a line instead of the table
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug, Clone)]
pub struct BenchArgs {
    /// import, classify, search, ui, followups or demo
    pub what: String,
    /// Customers in the generated book
    #[arg(long, default_value_t = 1_000_000)]
    pub customers: usize,
    /// Working directory for the generated books and CSV [default: a temp dir]
    #[arg(long)]
    pub dir: Option<PathBuf>,
}
