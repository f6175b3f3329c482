//! `pcrm stats`, `pcrm audit` and `pcrm check`.

use super::args::{AuditArgs, JsonArgs};
use super::failure::EXIT_PROBLEMS;
use super::{CliResult, Context, Failure};
use crate::model::{ids::mask, Claim, Interaction, Location, Policy, Task};
use crate::store::{check, AuditEntry, Book, TreeId};
use serde_json::json;

/// Meta keys written by the classification engine.
pub use crate::classify::{CLASSIFIED_AS_OF_KEY, RULES_VERSION_KEY};

pub fn stats(ctx: &Context, args: &JsonArgs) -> CliResult {
    let book = ctx.open_book()?;
    let counts = [
        ("customers", book.count(TreeId::Customers)),
        ("locations", book.child_count::<Location>()?),
        ("policies", book.child_count::<Policy>()?),
        ("claims", book.child_count::<Claim>()?),
        ("interactions", book.child_count::<Interaction>()?),
        ("tasks", book.record_count::<Task>()?),
    ];
    let as_of = book.meta_get_string(CLASSIFIED_AS_OF_KEY)?;
    let rules = book.meta_get_string(RULES_VERSION_KEY)?;
    let disk = book.disk_bytes()?;
    if args.json {
        let mut obj = serde_json::Map::new();
        for (name, n) in counts {
            obj.insert(name.to_string(), json!(n));
        }
        obj.insert("classified_as_of".into(), json!(as_of));
        obj.insert("rules_version".into(), json!(rules));
        obj.insert("disk_bytes".into(), json!(disk));
        println!("{}", serde_json::Value::Object(obj));
    } else {
        println!("book          {}", book.path().display());
        for (name, n) in counts {
            println!("{name:<13} {n}");
        }
        println!(
            "classified    {}",
            as_of.as_deref().unwrap_or("never (run `pcrm classify`)")
        );
        println!("rules         {}", rules.as_deref().unwrap_or("-"));
        println!("disk          {:.1} MB", disk as f64 / 1e6);
    }
    Ok(())
}

pub fn audit(ctx: &Context, args: &AuditArgs) -> CliResult {
    let book = ctx.open_book()?;
    let since = args
        .since
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc().timestamp_micros())
        .unwrap_or(0);
    for entry in book.audit_since(since) {
        let entry = entry?;
        if args.json {
            println!("{}", audit_json(&entry));
        } else {
            println!("{}", audit_line(&entry));
        }
    }
    Ok(())
}

fn when(entry: &AuditEntry) -> String {
    chrono::DateTime::from_timestamp_micros(entry.at_micros)
        .map(|t| {
            t.with_timezone(&chrono::Local)
                .format("%Y-%m-%d %H:%M:%S")
                .to_string()
        })
        .unwrap_or_default()
}

/// Previous values are stored whole; phones and id numbers in them are
/// masked on the way out, like everywhere else.
fn masked_previous(entry: &AuditEntry) -> Option<serde_json::Value> {
    let mut value: serde_json::Value = serde_json::from_str(entry.previous.as_deref()?).ok()?;
    mask_personal(&mut value);
    Some(value)
}

fn mask_personal(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                match (key.as_str(), &v) {
                    ("phone" | "id_number", serde_json::Value::String(s)) => *v = json!(mask(s)),
                    _ => mask_personal(v),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(mask_personal),
        _ => {}
    }
}

fn audit_json(entry: &AuditEntry) -> serde_json::Value {
    json!({
        "at": when(entry),
        "user": entry.user,
        "batch": entry.batch,
        "action": entry.action,
        "target": entry.target,
        "detail": entry.detail,
        "previous": masked_previous(entry),
    })
}

fn audit_line(entry: &AuditEntry) -> String {
    let mut line = format!(
        "{}  {:<10} #{:<5} {:<16} {}  {}",
        when(entry),
        entry.user,
        entry.batch,
        entry.action,
        entry.target,
        entry.detail
    );
    if let Some(prev) = masked_previous(entry) {
        line.push_str(&format!("  (was {prev})"));
    }
    line
}

pub fn check(ctx: &Context) -> CliResult {
    let book: Book = ctx.open_book()?;
    let problems = check::check(&book)?;
    if problems.is_empty() {
        println!(
            "ok: {} customers, every record and index checks out",
            book.count(TreeId::Customers)
        );
        return Ok(());
    }
    for p in &problems {
        println!("{p}");
    }
    Err(Failure::new(
        EXIT_PROBLEMS,
        format!("{} problems found", problems.len()),
    ))
}
