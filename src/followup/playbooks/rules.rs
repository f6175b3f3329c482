//! The seven playbooks of classification.md: who gets a task, what it says,
//! when it is due and how urgent it is. Pure functions of one customer's
//! doc (read in place: `store::DocView`), its classification and the as-of
//! date T.

use crate::classify::{day, has_successor, Rules};
use crate::model::date_codec::from_days;
use crate::model::{BehaviorLabel, Classification, CustomerDoc, InteractionKind, Priority, Tier};
use crate::store::{DocView, InteractionView, Result, StoreError};
use chrono::{Datelike, Duration, NaiveDate};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Playbook {
    Renewal,
    Winback,
    RiskSurvey,
    VipCare,
    Complaint,
    ServiceRecovery,
    Education,
}

impl Playbook {
    pub const ALL: [Playbook; 7] = [
        Playbook::Renewal,
        Playbook::Winback,
        Playbook::RiskSurvey,
        Playbook::VipCare,
        Playbook::Complaint,
        Playbook::ServiceRecovery,
        Playbook::Education,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Playbook::Renewal => "renewal",
            Playbook::Winback => "winback",
            Playbook::RiskSurvey => "risk_survey",
            Playbook::VipCare => "vip_care",
            Playbook::Complaint => "complaint",
            Playbook::ServiceRecovery => "service_recovery",
            Playbook::Education => "education",
        }
    }

    pub fn parse(name: &str) -> Option<Playbook> {
        Playbook::ALL.into_iter().find(|p| p.name() == name.trim())
    }

    pub fn names() -> String {
        Playbook::ALL.map(Playbook::name).join(", ")
    }
}

/// A task a playbook calls for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    pub playbook: Playbook,
    pub customer_id: String,
    pub policy_id: Option<String>,
    pub title: String,
    pub due: NaiveDate,
    pub priority: Priority,
    pub dedupe_key: String,
}

/// Days of the renewal look-ahead and the lead time of a renewal call
/// before expiry (classification.md defaults).
const RENEWAL_HORIZON_DAYS: i64 = 60;
const RENEWAL_LEAD_DAYS: i64 = 30;

/// `(T - days, T]` holds the day number `d` (T is a day number too).
fn within(d: i64, as_of: i64, days: i64) -> bool {
    d > as_of - days && d <= as_of
}

fn interactions_of_kind_within<'d, 'a>(
    doc: &'d DocView<'a>,
    kind: Option<InteractionKind>,
    as_of: i64,
    days: i64,
) -> impl Iterator<Item = &'d InteractionView<'a>> + 'd {
    doc.interactions
        .iter()
        .filter(move |i| kind.is_none_or(|k| i.kind == k) && within(i.day(), as_of, days))
}

fn iso_week(as_of: NaiveDate) -> String {
    let week = as_of.iso_week();
    format!("{}-W{:02}", week.year(), week.week())
}

/// Every task the playbooks call for on this customer at `as_of`; the
/// successor window comes from the classification rules.
pub fn proposals(
    doc: &CustomerDoc,
    class: Option<&Classification>,
    rules: &Rules,
    as_of: NaiveDate,
) -> Vec<Proposal> {
    proposals_of(&DocView::of(doc), class, rules, as_of)
        .expect("an owned doc's text is UTF-8 and its dates are dates")
}

/// [`proposals`] of a customer as the playbooks see it.
pub fn proposals_of(
    doc: &DocView,
    class: Option<&Classification>,
    rules: &Rules,
    as_of: NaiveDate,
) -> Result<Vec<Proposal>> {
    let mut out = Vec::new();
    let cid = doc
        .customer
        .id
        .to_str(&|| "customers: a stored customer id".to_string())?;
    let what = || format!("customers/{cid}");
    let today = day(as_of);
    let value = class.map(|c| c.value.tier);
    let risk = class.map(|c| c.risk.tier);
    let behavior = class.map(|c| c.behavior.segment);
    let mut propose = |playbook: Playbook, title: &str, due_in: i64, priority: Priority| {
        out.push(Proposal {
            playbook,
            customer_id: cid.to_string(),
            policy_id: None,
            title: title.to_string(),
            due: as_of + Duration::days(due_in),
            priority,
            dedupe_key: format!("{}:{cid}:{}", playbook.name(), iso_week(as_of)),
        });
    };

    if behavior == Some(BehaviorLabel::Churned) && matches!(value, Some(Tier::High | Tier::Medium))
    {
        let priority = if value == Some(Tier::High) {
            Priority::High
        } else {
            Priority::Normal
        };
        propose(Playbook::Winback, "挽回 Win-back offer", 14, priority);
    }
    if risk == Some(Tier::High)
        && interactions_of_kind_within(doc, Some(InteractionKind::RiskSurvey), today, 365)
            .next()
            .is_none()
    {
        propose(
            Playbook::RiskSurvey,
            "风险查勘 Risk survey visit",
            30,
            Priority::Normal,
        );
    }
    if value == Some(Tier::High)
        && interactions_of_kind_within(doc, None, today, 90)
            .next()
            .is_none()
    {
        propose(
            Playbook::VipCare,
            "客户经理回访 Account manager call",
            7,
            Priority::High,
        );
    }
    // The last second of T, as the seconds of a stored interaction time.
    let end_of_as_of = (today + 1) * 86_400 - 1;
    let unanswered_complaint =
        interactions_of_kind_within(doc, Some(InteractionKind::Complaint), today, 30).any(|c| {
            !doc.interactions
                .iter()
                .any(|later| later.at > c.at && later.at <= end_of_as_of)
        });
    if unanswered_complaint {
        propose(
            Playbook::Complaint,
            "投诉跟进 Complaint follow-up",
            2,
            Priority::High,
        );
    }
    if interactions_of_kind_within(doc, Some(InteractionKind::Survey), today, 180)
        .any(|s| s.satisfaction.is_some_and(|v| v <= 2))
    {
        propose(
            Playbook::ServiceRecovery,
            "服务补救 Service recovery call",
            7,
            Priority::High,
        );
    }
    if value == Some(Tier::Low)
        && risk == Some(Tier::High)
        && interactions_of_kind_within(doc, Some(InteractionKind::Education), today, 365)
            .next()
            .is_none()
    {
        propose(
            Playbook::Education,
            "风险教育 Send risk-prevention guide",
            14,
            Priority::Low,
        );
    }

    for (i, policy) in doc.policies.iter().enumerate() {
        let end = i64::from(policy.end_date);
        let expires_soon = end > today && end <= today + RENEWAL_HORIZON_DAYS;
        let due_for_renewal = expires_soon
            && policy.in_force_at(today)
            && policy.cancelled_on.is_none()
            && !has_successor(
                &doc.policies,
                i,
                policy.effective_end(),
                rules.windows.successor_days,
            );
        if due_for_renewal {
            let policy_id = policy.id.to_str(&what)?;
            let end_date = from_days(policy.end_date).ok_or_else(|| {
                StoreError::Corrupt(format!("{}: policy {policy_id} ends on no date", what()))
            })?;
            out.push(Proposal {
                playbook: Playbook::Renewal,
                customer_id: cid.to_string(),
                policy_id: Some(policy_id.to_string()),
                title: format!("续保 Renewal: {policy_id} expires {end_date}"),
                due: (end_date - Duration::days(RENEWAL_LEAD_DAYS)).max(as_of),
                priority: if value == Some(Tier::High) {
                    Priority::High
                } else {
                    Priority::Normal
                },
                dedupe_key: format!("renewal:{policy_id}:{end_date}"),
            });
        }
    }
    out.sort_by_key(|p| p.playbook);
    Ok(out)
}
