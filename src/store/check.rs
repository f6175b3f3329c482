//! `pcrm check`: every record decodes, every index agrees with its table in
//! both directions, and references resolve.

use super::book::Book;
use super::codec;
use super::error::Result;
use super::owners;
use super::records::{Record, TreeId};
use crate::model::{Child, CustomerDoc, Task};
use std::collections::HashSet;

/// Problems found, one line each; empty when the book is clean.
pub fn check(book: &Book) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    // Index entries and owner entries that the records call for.
    let mut expected: HashSet<(TreeId, Vec<u8>)> = HashSet::new();
    let mut expected_owners: HashSet<(u8, String, String)> = HashSet::new();
    let mut customers: HashSet<String> = HashSet::new();

    for entry in book.tree(TreeId::Customers).iter() {
        let (key, bytes) = entry?;
        let shown = String::from_utf8_lossy(&key).into_owned();
        let doc: CustomerDoc = match codec::decode(&bytes, &|| format!("customers/{shown}")) {
            Ok(doc) => doc,
            Err(e) => {
                problems.push(e.to_string());
                continue;
            }
        };
        if doc.primary_key() != key.as_ref() {
            problems.push(format!(
                "customers/{shown}: holds customer {}",
                doc.customer.id
            ));
        }
        expected.extend(doc.index_entries());
        check_doc(&doc, &mut problems, &mut expected_owners);
        customers.insert(doc.customer.id.clone());
    }

    for entry in book.tree(TreeId::Tasks).iter() {
        let (key, bytes) = entry?;
        let shown = String::from_utf8_lossy(&key).into_owned();
        match codec::decode::<Task>(&bytes, &|| format!("tasks/{shown}")) {
            Ok(task) => {
                if !customers.contains(&task.customer_id) {
                    problems.push(format!(
                        "tasks/{shown}: customer {} does not exist",
                        task.customer_id
                    ));
                }
                expected.extend(task.index_entries());
            }
            Err(e) => problems.push(e.to_string()),
        }
    }

    // The dropped task indexes are checked too: they must stay empty.
    for tree in [
        TreeId::CustomersByTag,
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

    check_owners(book, &expected_owners, &mut problems)?;
    if book.meta_get("open_batch")?.is_some() {
        problems.push("meta: an unfinished batch is recorded".to_string());
    }
    Ok(problems)
}

fn check_doc(
    doc: &CustomerDoc,
    problems: &mut Vec<String>,
    expected_owners: &mut HashSet<(u8, String, String)>,
) {
    let cid = &doc.customer.id;
    let mut children = |kind: u8, table: &str, ids: Vec<(&str, &str)>| {
        let mut previous: Option<&str> = None;
        for (id, owner) in ids {
            if owner != cid {
                problems.push(format!(
                    "{table}/{id}: held by {cid} but names customer {owner}"
                ));
            }
            if previous.is_some_and(|p| p >= id) {
                problems.push(format!("customers/{cid}: {table} out of order at {id}"));
            }
            previous = Some(id);
            expected_owners.insert((kind, id.to_string(), cid.clone()));
        }
    };
    children(
        owners::kind_of::<crate::model::Location>(),
        "locations",
        doc.locations
            .iter()
            .map(|c| (c.id(), c.customer_id()))
            .collect(),
    );
    children(
        owners::kind_of::<crate::model::Policy>(),
        "policies",
        doc.policies
            .iter()
            .map(|c| (c.id(), c.customer_id()))
            .collect(),
    );
    children(
        owners::kind_of::<crate::model::Claim>(),
        "claims",
        doc.claims
            .iter()
            .map(|c| (c.id(), c.customer_id()))
            .collect(),
    );
    children(
        owners::kind_of::<crate::model::Interaction>(),
        "interactions",
        doc.interactions
            .iter()
            .map(|c| (c.id(), c.customer_id()))
            .collect(),
    );
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

fn check_owners(
    book: &Book,
    expected: &HashSet<(u8, String, String)>,
    problems: &mut Vec<String>,
) -> Result<()> {
    let mut seen = HashSet::new();
    for entry in book.tree(TreeId::Owners).iter() {
        let (key, bytes) = entry?;
        let kind = key.first().copied().unwrap_or(0);
        for (id, owner) in owners::decode_bucket(Some(&bytes))? {
            if owners::bucket_key(kind, &id) != key.as_ref() {
                problems.push(format!("owners: {id} is in the wrong bucket"));
            }
            let entry = (kind, id, owner);
            if !expected.contains(&entry) {
                problems.push(format!(
                    "owners: {} {} points to customer {} which does not hold it",
                    table_of(kind),
                    entry.1,
                    entry.2
                ));
            }
            seen.insert(entry);
        }
    }
    for entry in expected.difference(&seen) {
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
        _ => "unknown",
    }
}
