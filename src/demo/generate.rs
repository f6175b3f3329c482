//! One demo customer from its number: profile, record, locations, policy
//! history with claims, interactions, tasks and tags. Everything comes from
//! the customer's own random stream, so a customer is the same whatever
//! order or thread it is made in.

use super::contacts::{self, ContactTables};
use super::policies::{self, PolicyDraft};
use super::profile::{self, Profile, Tables};
use super::rng::Rng;
use crate::model::{CustomerDoc, CustomerKind, Fen, Line, Task};
use chrono::{Duration, NaiveDate};

/// What the generator needs besides the customer's number.
pub struct Generator {
    seed: u64,
    as_of: NaiveDate,
    /// Digits of customer numbers: 7, more for books over ten million.
    width: usize,
    tables: Tables,
    contacts: ContactTables,
}

/// A customer with its holdings, and its follow-up tasks.
pub struct Generated {
    pub doc: CustomerDoc,
    pub tasks: Vec<Task>,
}

impl Generator {
    pub fn new(seed: u64, as_of: NaiveDate, customers: u64) -> Generator {
        Generator {
            seed,
            as_of,
            width: customers.to_string().len().max(7),
            tables: Tables::new(),
            contacts: ContactTables::new(),
        }
    }

    /// The customer id of number `n` (from 1): `C0000001`.
    pub fn customer_id(&self, n: u64) -> String {
        format!("C{n:0width$}", width = self.width)
    }

    /// Customer number `n` (from 1).
    pub fn customer(&self, n: u64) -> Generated {
        let mut rng = Rng::for_item(self.seed, n);
        let as_of = self.as_of;
        let id = self.customer_id(n);
        let profile = profile::profile(&self.tables, &mut rng, as_of);
        let customer = profile::customer(&self.tables, &mut rng, id.clone(), &profile, as_of);
        let (locations, holdings) =
            policies::portfolio(&self.tables, &mut rng, &id, &profile, as_of);
        let mut drafts: Vec<PolicyDraft> = holdings
            .iter()
            .flat_map(|h| policies::chain(&mut rng, h, &profile, as_of))
            .collect();
        drafts.sort_by_key(|d| (d.policy.start_date, d.policy.line));
        name_policies(&mut drafts, &id);

        let interactions = contacts::interactions(
            &self.contacts,
            &mut rng,
            &id,
            &profile,
            &drafts,
            !locations.is_empty(),
            as_of,
        );
        let tasks = contacts::tasks(
            &mut rng,
            &id,
            &profile,
            customer.account_manager.as_deref(),
            &drafts,
            as_of,
        );

        let mut doc = CustomerDoc::new(customer);
        doc.customer.tags = tags(&mut rng, &profile, &drafts, as_of);
        let mut claims = Vec::new();
        let mut policies = Vec::with_capacity(drafts.len());
        for draft in drafts {
            claims.extend(draft.claims);
            policies.push(draft.policy);
        }
        claims.sort_by_key(|c| c.loss_date);
        let number = &id[1..];
        let count = claims.len();
        for (i, claim) in claims.iter_mut().enumerate() {
            claim.id = sequence_id("CL", number, i, count);
        }
        // Ids are numbered in date order, so the lists are already sorted
        // by id: assigning them keeps the doc's invariant.
        doc.locations = locations;
        doc.policies = policies;
        doc.claims = claims;
        doc.interactions = interactions;
        Generated { doc, tasks }
    }
}

/// `P0000001-007`: the `i`th (from 0) of `count` children, numbered with
/// at least 3 digits and the same width throughout a doc, so that id order
/// is numbering order.
pub fn sequence_id(prefix: &str, customer_number: &str, i: usize, count: usize) -> String {
    let width = count.to_string().len().max(3);
    format!("{prefix}{customer_number}-{:0width$}", i + 1)
}

/// Numbers the policies in start order and points their claims at them.
fn name_policies(drafts: &mut [PolicyDraft], customer_id: &str) {
    let number = &customer_id[1..];
    let count = drafts.len();
    for (i, draft) in drafts.iter_mut().enumerate() {
        let policy_id = sequence_id("P", number, i, count);
        draft.policy.customer_id = customer_id.to_string();
        for claim in &mut draft.claims {
            claim.policy_id = policy_id.clone();
            claim.customer_id = customer_id.to_string();
        }
        draft.policy.id = policy_id;
    }
}

/// `vip` for the biggest payers of each kind, `重点客户` for many large
/// enterprises, `车队` for fleets, `新客户` for the last year's joiners.
fn tags(rng: &mut Rng, profile: &Profile, drafts: &[PolicyDraft], as_of: NaiveDate) -> Vec<String> {
    let in_force: Vec<_> = drafts
        .iter()
        .map(|d| &d.policy)
        .filter(|p| p.in_force_at(as_of))
        .collect();
    let premium: Fen = in_force.iter().map(|p| p.premium).sum();
    let vehicles = in_force.iter().filter(|p| p.line == Line::Motor).count();
    let vip_floor = match profile.kind {
        CustomerKind::Individual => 8_000,
        CustomerKind::Sme => 60_000,
        CustomerKind::Large => 1_000_000,
    };
    let mut tags = Vec::new();
    if premium >= Fen::from_yuan(vip_floor) && rng.chance(0.7) {
        tags.push("vip");
    }
    if profile.kind == CustomerKind::Large && rng.chance(0.5) {
        tags.push("重点客户");
    }
    if vehicles >= 3 || (profile.kind == CustomerKind::Large && vehicles > 0) {
        tags.push("车队");
    }
    if profile.joined > as_of - Duration::days(365) {
        tags.push("新客户");
    }
    let mut tags: Vec<String> = tags.into_iter().map(str::to_string).collect();
    tags.sort();
    tags
}
