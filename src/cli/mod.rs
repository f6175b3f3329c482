//! The command-line face: parses arguments (clap) and runs one command over
//! the engine. Each command lives in its own file.

pub mod args;
mod bench;
mod book_info;
mod classify;
mod demo;
mod export;
pub mod failure;
mod followup;
mod import;
mod search;
mod ui;

use crate::store::{login_name, Book};
use args::{Cli, Command, GlobalArgs};
use chrono::NaiveDate;
use clap::Parser;
pub use failure::{CliResult, Failure};
use std::path::{Path, PathBuf};

/// The global options, resolved to their defaults.
#[derive(Debug, Clone)]
pub struct Context {
    pub db: PathBuf,
    /// Whether `--db`/`$PCRM_DB` named the book (demo uses its own default).
    pub db_given: bool,
    pub as_of: NaiveDate,
    pub rules: Option<PathBuf>,
    pub keymap: Option<PathBuf>,
    pub user: String,
    pub ascii: bool,
}

fn xdg_dir(var: &str, fallback: &str) -> PathBuf {
    std::env::var_os(var)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(fallback)))
        .unwrap_or_else(|| PathBuf::from("."))
}

/// `$XDG_DATA_HOME/pcrm` (`~/.local/share/pcrm`).
pub fn data_dir() -> PathBuf {
    xdg_dir("XDG_DATA_HOME", ".local/share").join("pcrm")
}

/// `$XDG_CONFIG_HOME/pcrm` (`~/.config/pcrm`).
pub fn config_dir() -> PathBuf {
    xdg_dir("XDG_CONFIG_HOME", ".config").join("pcrm")
}

impl Context {
    pub fn from_args(global: &GlobalArgs) -> Context {
        let keymap = global.keymap.clone().or_else(|| {
            let default = config_dir().join("keymap.toml");
            default.exists().then_some(default)
        });
        Context {
            db: global.db.clone().unwrap_or_else(|| data_dir().join("book")),
            db_given: global.db.is_some(),
            as_of: global
                .as_of
                .unwrap_or_else(|| chrono::Local::now().date_naive()),
            rules: global.rules.clone(),
            keymap,
            user: global.user.clone().unwrap_or_else(login_name),
            ascii: global.ascii,
        }
    }

    /// Opens the book at `--db`, creating it if needed.
    pub fn open_book(&self) -> CliResult<Book> {
        open_book_at(&self.db, &self.user)
    }
}

pub fn open_book_at(path: &Path, user: &str) -> CliResult<Book> {
    Ok(Book::open(path, user)?)
}

/// Runs the command line; returns the process exit code.
pub fn main_with_args(args: impl IntoIterator<Item = std::ffi::OsString>) -> i32 {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => 0,
                _ => failure::EXIT_USAGE,
            };
        }
    };
    let ctx = Context::from_args(&cli.global);
    match run(&ctx, cli.command) {
        Ok(()) => 0,
        Err(f) => {
            eprintln!("pcrm: {}", f.message);
            f.code
        }
    }
}

fn run(ctx: &Context, command: Option<Command>) -> CliResult {
    match command {
        None => ui::run(ctx),
        Some(Command::Demo(a)) => demo::run(ctx, &a),
        Some(Command::Import(a)) => import::run(ctx, &a),
        Some(Command::Export(a)) => export::run(ctx, &a),
        Some(Command::Classify(a)) => classify::classify(ctx, &a),
        Some(Command::Explain(a)) => classify::explain(ctx, &a),
        Some(Command::Segment(a)) => classify::segment(ctx, &a),
        Some(Command::Search(a)) => search::run(ctx, &a),
        Some(Command::Tag(a)) => followup::tag(ctx, &a),
        Some(Command::Task(a)) => followup::task(ctx, &a),
        Some(Command::Undo(a)) => followup::undo(ctx, &a),
        Some(Command::Playbook(a)) => followup::playbook(ctx, &a),
        Some(Command::Stats(a)) => book_info::stats(ctx, &a),
        Some(Command::Audit(a)) => book_info::audit(ctx, &a),
        Some(Command::Check) => book_info::check(ctx),
        Some(Command::Bench(a)) => bench::run(ctx, &a),
    }
}
