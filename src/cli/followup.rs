//! `pcrm tag`, `task`, `undo` and `playbook`.

use super::args::{PlaybookCommand, TagArgs, Targets, TaskCommand, UndoArgs};
use super::{CliResult, Context, Failure};
use crate::followup::playbooks::{self, Playbook};
use crate::followup::tags::{self, TagAction};
use crate::followup::targets::{existing_customers, read_ids_file, TargetError};
use crate::followup::tasks::{self, NewTask, TaskChange, TaskFilter};
use crate::followup::undo::{self, UndoError};
use crate::followup::BatchOutcome;
use crate::model::{Labelled, Priority, Task, TaskStatus};
use crate::store::Book;
use serde_json::json;

impl From<TargetError> for Failure {
    fn from(e: TargetError) -> Failure {
        match e {
            TargetError::File { .. } => Failure::new(super::failure::EXIT_NO_INPUT, e.to_string()),
            TargetError::Invalid(m) => Failure::data(m),
            TargetError::Store(s) => s.into(),
        }
    }
}

impl From<UndoError> for Failure {
    fn from(e: UndoError) -> Failure {
        match e {
            UndoError::Store(s) => s.into(),
            other => Failure::data(other.to_string()),
        }
    }
}

/// The customers a batch command acts on.
fn resolve_targets(ctx: &Context, book: &Book, targets: &Targets) -> CliResult<Vec<String>> {
    let ids = if let Some(expr) = &targets.segment {
        super::classify::segment_ids(ctx, book, expr)?
    } else if let Some(path) = &targets.ids {
        read_ids_file(path)?
    } else {
        targets.customer_ids.clone()
    };
    if ids.is_empty() && targets.segment.is_none() {
        return Err(Failure::usage(
            "name the customers: --segment EXPR, --ids FILE or CUSTOMER_ID...",
        ));
    }
    Ok(existing_customers(book, ids)?)
}

fn report(outcome: &BatchOutcome, what: &str) {
    match outcome.batch_id {
        Some(id) => println!(
            "{} {what} changed in batch {id} ({} unchanged); `pcrm undo {id}` reverts it",
            outcome.changed, outcome.unchanged
        ),
        None => println!("nothing to change ({} unchanged)", outcome.unchanged),
    }
}

pub fn tag(ctx: &Context, args: &TagArgs) -> CliResult {
    tags::validate_tag(&args.tag).map_err(Failure::data)?;
    let book = ctx.open_book()?;
    let ids = resolve_targets(ctx, &book, &args.targets)?;
    let action = match args.action.as_str() {
        "add" => TagAction::Add,
        _ => TagAction::Remove,
    };
    let outcome = tags::apply(&book, action, &args.tag, &ids)?;
    report(&outcome, "customers");
    Ok(())
}

pub fn task(ctx: &Context, command: &TaskCommand) -> CliResult {
    let book = ctx.open_book()?;
    match command {
        TaskCommand::Add {
            title,
            due,
            assignee,
            priority,
            targets,
        } => {
            let priority = Priority::parse_label(priority).ok_or_else(|| {
                Failure::usage(format!(
                    "priority {priority:?} is not one of {}",
                    Priority::codes_list()
                ))
            })?;
            if title.trim().is_empty() {
                return Err(Failure::usage("--title must not be empty"));
            }
            let ids = resolve_targets(ctx, &book, targets)?;
            let fields = NewTask::simple(title.trim(), *due, assignee.clone(), priority);
            let outcome = tasks::add_for_customers(&book, &fields, &ids)?;
            println!(
                "{} tasks created in batch {}; `pcrm undo {}` reverts it",
                outcome.changed,
                outcome.batch_id.unwrap_or(0),
                outcome.batch_id.unwrap_or(0)
            );
        }
        TaskCommand::List {
            open,
            overdue,
            assignee,
            tag,
            json,
        } => {
            let filter = TaskFilter {
                open_only: *open,
                overdue_at: overdue.then_some(ctx.as_of),
                assignee: assignee.clone(),
                tag: tag.clone(),
                playbook: None,
            };
            for task in tasks::list(&book, &filter)? {
                if *json {
                    println!("{}", task_json(&task));
                } else {
                    println!("{}", task_line(&task, ctx));
                }
            }
        }
        TaskCommand::Done { task_ids } => change(&book, task_ids, TaskStatus::Done)?,
        TaskCommand::Cancel { task_ids } => change(&book, task_ids, TaskStatus::Cancelled)?,
    }
    Ok(())
}

fn change(book: &Book, ids: &[String], status: TaskStatus) -> CliResult {
    if ids.is_empty() {
        return Err(Failure::usage("name the tasks: TASK_ID..."));
    }
    let outcome = tasks::change(book, ids, &TaskChange::Status(status))?;
    report(&outcome, "tasks");
    Ok(())
}

pub fn task_json(task: &Task) -> serde_json::Value {
    json!({
        "task_id": task.id,
        "customer_id": task.customer_id,
        "title": task.title,
        "due": task.due.to_string(),
        "assignee": task.assignee,
        "status": task.status.code(),
        "priority": task.priority.code(),
        "tags": task.tags,
        "playbook": task.playbook,
        "policy_id": task.policy_id,
    })
}

fn task_line(task: &Task, ctx: &Context) -> String {
    let flag = if task.status == TaskStatus::Open && task.due < ctx.as_of {
        "OVERDUE"
    } else {
        ""
    };
    format!(
        "{:<16} {} {:<9} {:<6} {:<10} {:<12} {:<7} {}",
        task.id,
        task.due,
        task.status.code(),
        task.priority.code(),
        task.customer_id,
        task.assignee.as_deref().unwrap_or("-"),
        flag,
        task.title
    )
}

pub fn undo(ctx: &Context, args: &UndoArgs) -> CliResult {
    let book = ctx.open_book()?;
    let info = undo::undo(&book, args.batch_id)?;
    println!("{} (batch {})", info.description, info.id);
    Ok(())
}

pub fn playbook(ctx: &Context, command: &PlaybookCommand) -> CliResult {
    let PlaybookCommand::Run {
        only,
        dry_run,
        json,
    } = command;
    let only = match only {
        Some(name) => Some(Playbook::parse(name).ok_or_else(|| {
            Failure::usage(format!(
                "playbook {name:?} is not one of {}",
                Playbook::names()
            ))
        })?),
        None => None,
    };
    let book = ctx.open_book()?;
    // Playbooks read the labels as of T: bring them up to date first.
    super::classify::bring_up_to_date(ctx, &book)?;
    let rules = super::classify::rules(ctx)?;
    let run = playbooks::run(&book, &rules, ctx.as_of, only, *dry_run)?;
    if *json {
        for p in &run.created {
            println!(
                "{}",
                json!({
                    "playbook": p.playbook.name(),
                    "customer_id": p.customer_id,
                    "policy_id": p.policy_id,
                    "title": p.title,
                    "due": p.due.to_string(),
                    "priority": p.priority.code(),
                    "dedupe_key": p.dedupe_key,
                })
            );
        }
        return Ok(());
    }
    let verb = if *dry_run { "would create" } else { "created" };
    for (playbook, n) in run.counts() {
        if only.is_none_or(|o| o == playbook) {
            println!("{:<17} {verb} {n} tasks", playbook.name());
        }
    }
    println!("{} already had their task", run.already_there);
    if let Some(batch) = run.batch.and_then(|b| b.batch_id) {
        println!("batch {batch}; `pcrm undo {batch}` reverts it");
    }
    Ok(())
}
