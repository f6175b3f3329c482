//! `pcrm check`: every record decodes, every index agrees with its table in
//! both directions, and references resolve.

use super::book::Book;
use super::codec;
use super::error::Result;
use super::owners::{self, BUCKETS};
use super::records::{Record, TreeId};
use crate::model::{Child, CustomerDoc, Task};
use std::collections::HashSet;

/// Problems found, one line each; empty when the book is clean.
/// Owner entries held in memory at once. The owner index is checked in as
/// many passes over the customers as this takes, each pass taking the
/// buckets `b` with `b % passes == pass`: a million customers hold about
/// 12.5 million children, and holding all of them took 4.1 GB.
const OWNERS_PER_PASS: usize = 2_000_000;

/// Problems found, one line each; empty when the book is clean.
pub fn check(book: &Book) -> Result<Vec<String>> {
    check_with(book, OWNERS_PER_PASS)
}

fn check_with(book: &Book, owners_per_pass: usize) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    // Index entries that the records call for.
    let mut expected: HashSet<(TreeId, Vec<u8>)> = HashSet::new();
    let mut customers: HashSet<String> = HashSet::new();
    let mut children = 0;

    for entry in docs(book) {
        let (key, doc) = match entry? {
            (key, Ok(doc)) => (key, doc),
            (_, Err(e)) => {
                problems.push(e);
                continue;
            }
        };
        if doc.primary_key() != key.as_ref() {
            problems.push(format!(
                "customers/{}: holds customer {}",
                String::from_utf8_lossy(&key),
                doc.customer.id
            ));
        }
        expected.extend(doc.index_entries());
        check_doc(&doc, &mut problems);
        children += children_of(&doc).count();
        customers.insert(doc.customer.id.clone());
    }

    for entry in task_groups(book) {
        let (key, group) = match entry? {
            (key, Ok(group)) => (key, group),
            (_, Err(e)) => {
                problems.push(e);
                continue;
            }
        };
        check_tasks(&key, &group, &customers, &mut problems);
        children += group.len();
    }

    // The dropped task trees are checked too: they must stay empty.
    for tree in [
        TreeId::CustomersByTag,
        TreeId::TasksById,
        TreeId::TasksByCustomer,
        TreeId::TasksByDue,
        TreeId::TasksByAssignee,
    ] {
        let mut present = HashSet::new();
        for key in book.tree(tree).iter().keys() {
            let key = key?;
            if !expected.contains(&(tree, key.to_vec())) {
                problems.push(format!(
                    "{}: entry {} has no record",
                    tree.name(),
                    String::from_utf8_lossy(&key).replace('\0', "/")
                ));
            }
            present.insert(key.to_vec());
        }
        for (t, key) in &expected {
            if *t == tree && !present.contains(key) {
                problems.push(format!(
                    "{}: entry {} is missing",
                    tree.name(),
                    String::from_utf8_lossy(key).replace('\0', "/")
                ));
            }
        }
    }

    let passes = (children / owners_per_pass + 1).min(BUCKETS as usize) as u16;
    for pass in 0..passes {
        check_owners(book, passes, pass, &mut problems)?;
    }
    if book.meta_get("open_batch")?.is_some() {
        problems.push("meta: an unfinished batch is recorded".to_string());
    }
    Ok(problems)
}

/// Every customer with its doc decoded, or why it does not decode.
type Decoded = (sled::IVec, std::result::Result<CustomerDoc, String>);

fn docs(book: &Book) -> impl Iterator<Item = Result<Decoded>> + '_ {
    book.tree(TreeId::Customers).iter().map(|entry| {
        let (key, bytes) = entry?;
        let shown = || format!("customers/{}", String::from_utf8_lossy(&key));
        let doc = codec::decode::<CustomerDoc>(&bytes, &shown).map_err(|e| e.to_string());
        Ok((key, doc))
    })
}

/// Every customer's tasks decoded, or why they do not decode.
type DecodedTasks = (sled::IVec, std::result::Result<Vec<Task>, String>);

fn task_groups(book: &Book) -> impl Iterator<Item = Result<DecodedTasks>> + '_ {
    book.tree(TreeId::Tasks).iter().map(|entry| {
        let (key, bytes) = entry?;
        let shown = || format!("{}/{}", TreeId::Tasks.name(), String::from_utf8_lossy(&key));
        let group = codec::decode::<Vec<Task>>(&bytes, &shown).map_err(|e| e.to_string());
        Ok((key, group))
    })
}

/// A customer's tasks: stored under it, in id order, and it exists.
fn check_tasks(
    key: &[u8],
    group: &[Task],
    customers: &HashSet<String>,
    problems: &mut Vec<String>,
) {
    let cid = String::from_utf8_lossy(key);
    if !customers.contains(cid.as_ref()) {
        problems.push(format!("tasks of {cid}: customer {cid} does not exist"));
    }
    if group.is_empty() {
        problems.push(format!("tasks of {cid}: an empty list is stored"));
    }
    let mut previous: Option<&str> = None;
    for task in group {
        if task.customer_id != cid {
            problems.push(format!(
                "tasks/{}: held by {cid} but names customer {}",
                task.id, task.customer_id
            ));
        }
        if previous.is_some_and(|p| p >= task.id.as_str()) {
            problems.push(format!("tasks of {cid}: out of order at {}", task.id));
        }
        previous = Some(&task.id);
    }
}

/// A doc's children: kind byte, table, id, the customer it names.
fn children_of(doc: &CustomerDoc) -> impl Iterator<Item = (u8, &'static str, &str, &str)> {
    fn of<C: Child>(items: &[C]) -> impl Iterator<Item = (u8, &'static str, &str, &str)> {
        items
            .iter()
            .map(|c| (owners::kind_of::<C>(), C::TABLE, c.id(), c.customer_id()))
    }
    of(&doc.locations)
        .chain(of(&doc.policies))
        .chain(of(&doc.claims))
        .chain(of(&doc.interactions))
}

fn check_doc(doc: &CustomerDoc, problems: &mut Vec<String>) {
    let cid = &doc.customer.id;
    let mut previous: Option<(u8, &str)> = None;
    for (kind, table, id, owner) in children_of(doc) {
        if owner != cid {
            problems.push(format!(
                "{table}/{id}: held by {cid} but names customer {owner}"
            ));
        }
        if previous.is_some_and(|(k, p)| k == kind && p >= id) {
            problems.push(format!("customers/{cid}: {table} out of order at {id}"));
        }
        previous = Some((kind, id));
    }
    for policy in &doc.policies {
        if let Some(loc) = &policy.location_id {
            if doc.find::<crate::model::Location>(loc).is_none() {
                problems.push(format!(
                    "policies/{}: location {loc} is not one of customer {cid}'s",
                    policy.id
                ));
            }
        }
    }
    for claim in &doc.claims {
        if doc.policy(&claim.policy_id).is_none() {
            problems.push(format!(
                "claims/{}: policy {} is not one of customer {cid}'s",
                claim.id, claim.policy_id
            ));
        }
    }
}

/// Checks the owner buckets of one pass against the children the
/// customers hold, in both directions.
fn check_owners(book: &Book, passes: u16, pass: u16, problems: &mut Vec<String>) -> Result<()> {
    let in_pass = |bucket: u16| bucket % passes == pass;
    let mut expected: HashSet<(u8, String, String)> = HashSet::new();
    for entry in docs(book) {
        // A doc that does not decode was reported by the first scan.
        let Ok(doc) = entry?.1 else { continue };
        for (kind, _, id, _) in children_of(&doc) {
            if in_pass(owners::bucket_of(id)) {
                expected.insert((kind, id.to_string(), doc.customer.id.clone()));
            }
        }
    }
    for entry in task_groups(book) {
        // Tasks that do not decode were reported by the first scan.
        let (key, Ok(group)) = entry? else { continue };
        for task in group {
            if in_pass(owners::bucket_of(&task.id)) {
                let held_by = String::from_utf8_lossy(&key).into_owned();
                expected.insert((owners::TASK_KIND, task.id, held_by));
            }
        }
    }
    for entry in book.tree(TreeId::Owners).iter() {
        let (key, bytes) = entry?;
        let (kind, bucket) = match key.as_ref() {
            [kind @ 1..=owners::TASK_KIND, hi, lo] => (*kind, u16::from_be_bytes([*hi, *lo])),
            _ => {
                if pass == 0 {
                    problems.push(format!("owners: {key:?} is not a bucket key"));
                }
                continue;
            }
        };
        if !in_pass(bucket) {
            continue;
        }
        for (id, owner) in owners::decode_bucket(Some(&bytes))? {
            if owners::bucket_of(&id) != bucket {
                problems.push(format!("owners: {id} is in the wrong bucket"));
            }
            let entry = (kind, id, owner);
            if !expected.remove(&entry) {
                problems.push(format!(
                    "owners: {} {} points to customer {} which does not hold it",
                    table_of(kind),
                    entry.1,
                    entry.2
                ));
            }
        }
    }
    for entry in expected {
        problems.push(format!(
            "owners: {} {} of customer {} is not indexed (or its id is used twice)",
            table_of(entry.0),
            entry.1,
            entry.2
        ));
    }
    Ok(())
}

fn table_of(kind: u8) -> &'static str {
    match kind {
        1 => "location",
        2 => "policy",
        3 => "claim",
        4 => "interaction",
        owners::TASK_KIND => "task",
        _ => "unknown",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::{self, DemoOptions};

    #[test]
    fn owner_index_faults_are_found_whatever_the_number_of_passes() {
        let dir = tempfile::tempdir().unwrap();
        let book = Book::open(dir.path(), "tester").unwrap();
        let options = DemoOptions {
            customers: 40,
            seed: 3,
            as_of: chrono::NaiveDate::from_ymd_opt(2026, 6, 30).unwrap(),
        };
        demo::generate(&book, &options, &mut |_, _| {}).unwrap();
        assert_eq!(check(&book).unwrap(), Vec::<String>::new());

        // In a bucket of two or more: one entry names another customer, one
        // is gone.
        let owners = book.tree(TreeId::Owners);
        let (key, mut bucket) = owners
            .iter()
            .map(|entry| {
                let (key, bytes) = entry.unwrap();
                (key, owners::decode_bucket(Some(&bytes)).unwrap())
            })
            .find(|(_, bucket)| bucket.len() >= 2)
            .expect("40 customers' children share some bucket");
        let (moved, holder) = bucket[0].clone();
        let (dropped, dropped_holder) = bucket.remove(1);
        bucket[0].1 = "C9999999".to_string();
        owners.insert(key.clone(), codec::encode(&bucket)).unwrap();
        let table = table_of(key[0]);
        let mut wanted = vec![
            format!("owners: {table} {moved} points to customer C9999999 which does not hold it"),
            format!("owners: {table} {moved} of customer {holder} is not indexed (or its id is used twice)"),
            format!("owners: {table} {dropped} of customer {dropped_holder} is not indexed (or its id is used twice)"),
        ];
        wanted.sort();
        for per_pass in [1, 100, OWNERS_PER_PASS] {
            let mut found = check_with(&book, per_pass).unwrap();
            found.sort();
            assert_eq!(found, wanted, "{per_pass} owner entries a pass");
        }
    }
}
