//! Playbooks against hand-built books: one case per rule of
//! classification.md, and a second run that creates nothing new.

mod common;

use chrono::{Duration, NaiveDate};
use pcrm::classify::Rules;
use pcrm::followup::playbooks::{self, proposals, Playbook};
use pcrm::model::*;
use pcrm::store::{check, codec, Book, TreeId};

fn t() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 30).unwrap()
}

fn days(n: i64) -> NaiveDate {
    t() + Duration::days(n)
}

fn doc(id: &str) -> CustomerDoc {
    CustomerDoc::new(Customer {
        id: id.to_string(),
        name: "王芳".to_string(),
        kind: CustomerKind::Sme,
        id_number: None,
        phone: None,
        email: None,
        province: Province::parse("江苏").unwrap(),
        city: None,
        industry: Industry::parse("C"),
        since: None,
        account_manager: Some("li.wei".to_string()),
        tags: Vec::new(),
        bad_uscc: false,
    })
}

fn policy(id: &str, cid: &str, line: Line, start: i64, end: i64) -> Policy {
    Policy {
        id: id.to_string(),
        customer_id: cid.to_string(),
        line,
        premium: Fen::from_yuan(5000),
        sum_insured: None,
        start_date: days(start),
        end_date: days(end),
        cancelled_on: None,
        location_id: None,
    }
}

fn touch(
    id: &str,
    cid: &str,
    kind: InteractionKind,
    day: i64,
    satisfaction: Option<u8>,
) -> Interaction {
    Interaction {
        id: id.to_string(),
        customer_id: cid.to_string(),
        at: days(day).and_hms_opt(10, 0, 0).unwrap(),
        channel: Channel::Phone,
        kind,
        satisfaction,
        note: None,
    }
}

fn labels(value: Tier, risk: Tier, behavior: BehaviorLabel) -> Classification {
    let scored = |tier| ScoredTier {
        tier,
        score: 50.0,
        factors: [0.0; 4],
    };
    Classification {
        as_of: t(),
        value: scored(value),
        risk: scored(risk),
        behavior: Behavior {
            segment: behavior,
            recency_days: None,
            touches_365: 0,
        },
        rules_hash: 0,
    }
}

fn names(doc: &CustomerDoc, class: Classification) -> Vec<&'static str> {
    proposals(doc, Some(&class), &Rules::embedded(), t())
        .iter()
        .map(|p| p.playbook.name())
        .collect()
}

const QUIET: (Tier, Tier, BehaviorLabel) = (Tier::Medium, Tier::Low, BehaviorLabel::Active);

fn quiet() -> Classification {
    labels(QUIET.0, QUIET.1, QUIET.2)
}

#[test]
fn renewal_needs_expiry_within_60_days_and_no_successor() {
    let mut d = doc("C1");
    d.upsert(policy("P1", "C1", Line::Motor, -300, 60)); // expires at T+60: in
    d.upsert(policy("P2", "C1", Line::Property, -300, 61)); // T+61: out
    let mut renewed = policy("P3", "C1", Line::Liability, -300, 20);
    renewed.id = "P3".into();
    d.upsert(renewed);
    d.upsert(policy("P4", "C1", Line::Liability, 50, 415)); // successor of P3 (starts 30 days after)
    let mut cancelled = policy("P5", "C1", Line::Cargo, -300, 10);
    cancelled.cancelled_on = Some(days(-5));
    d.upsert(cancelled);
    let found = proposals(
        &d,
        Some(&labels(Tier::High, Tier::Low, BehaviorLabel::Active)),
        &Rules::embedded(),
        t(),
    );
    let renewals: Vec<_> = found
        .iter()
        .filter(|p| p.playbook == Playbook::Renewal)
        .collect();
    assert_eq!(renewals.len(), 1, "{found:?}");
    let p = renewals[0];
    assert_eq!(p.policy_id.as_deref(), Some("P1"));
    assert_eq!(p.due, days(30), "end_date - 30 days");
    assert_eq!(p.priority, Priority::High, "value high");
    assert_eq!(p.dedupe_key, format!("renewal:P1:{}", days(60)));
    assert_eq!(p.title, format!("续保 Renewal: P1 expires {}", days(60)));

    // Due is never before T, and value medium gives normal priority.
    let mut soon = doc("C2");
    soon.upsert(policy("P9", "C2", Line::Motor, -355, 10));
    let found = proposals(&soon, Some(&quiet()), &Rules::embedded(), t());
    assert_eq!(found[0].due, t());
    assert_eq!(found[0].priority, Priority::Normal);
}

#[test]
fn winback_for_churned_high_or_medium_value() {
    let d = doc("C1");
    assert_eq!(
        names(&d, labels(Tier::High, Tier::Low, BehaviorLabel::Churned)),
        ["winback", "vip_care"]
    );
    assert_eq!(
        names(&d, labels(Tier::Medium, Tier::Low, BehaviorLabel::Churned)),
        ["winback"]
    );
    assert!(names(&d, labels(Tier::Low, Tier::Low, BehaviorLabel::Churned)).is_empty());
}

#[test]
fn risk_survey_unless_surveyed_within_a_year() {
    let mut d = doc("C1");
    let high_risk = labels(Tier::Medium, Tier::High, BehaviorLabel::Active);
    assert_eq!(names(&d, high_risk.clone()), ["risk_survey"]);
    d.upsert(touch("I1", "C1", InteractionKind::RiskSurvey, -365, None));
    assert_eq!(
        names(&d, high_risk.clone()),
        ["risk_survey"],
        "T-365 is outside (T-365, T]"
    );
    d.upsert(touch("I2", "C1", InteractionKind::RiskSurvey, -364, None));
    assert!(names(&d, high_risk).is_empty());
}

#[test]
fn vip_care_when_silent_for_90_days() {
    let mut d = doc("C1");
    let vip = labels(Tier::High, Tier::Low, BehaviorLabel::Potential);
    d.upsert(touch("I1", "C1", InteractionKind::Service, -90, None));
    assert_eq!(names(&d, vip.clone()), ["vip_care"]);
    d.upsert(touch("I2", "C1", InteractionKind::Service, -89, None));
    assert!(names(&d, vip).is_empty());
}

#[test]
fn complaint_without_a_later_interaction() {
    let mut d = doc("C1");
    d.upsert(touch("I1", "C1", InteractionKind::Complaint, -29, None));
    assert_eq!(names(&d, quiet()), ["complaint"]);
    let found = proposals(&d, Some(&quiet()), &Rules::embedded(), t());
    assert_eq!((found[0].due, found[0].priority), (days(2), Priority::High));
    d.upsert(touch("I2", "C1", InteractionKind::Service, -1, None));
    assert!(names(&d, quiet()).is_empty(), "answered");
    let mut old = doc("C2");
    old.upsert(touch("I3", "C2", InteractionKind::Complaint, -30, None));
    assert!(
        names(&old, quiet()).is_empty(),
        "T-30 is outside the window"
    );
}

#[test]
fn service_recovery_after_a_poor_survey() {
    let mut d = doc("C1");
    d.upsert(touch("I1", "C1", InteractionKind::Survey, -179, Some(3)));
    assert!(names(&d, quiet()).is_empty());
    d.upsert(touch("I2", "C1", InteractionKind::Survey, -179, Some(2)));
    assert_eq!(names(&d, quiet()), ["service_recovery"]);
    let mut old = doc("C2");
    old.upsert(touch("I3", "C2", InteractionKind::Survey, -180, Some(1)));
    assert!(names(&old, quiet()).is_empty());
}

#[test]
fn education_for_low_value_high_risk() {
    let mut d = doc("C1");
    let target = labels(Tier::Low, Tier::High, BehaviorLabel::Active);
    assert_eq!(names(&d, target.clone()), ["risk_survey", "education"]);
    let found = proposals(&d, Some(&target), &Rules::embedded(), t());
    assert_eq!((found[1].due, found[1].priority), (days(14), Priority::Low));
    d.upsert(touch("I1", "C1", InteractionKind::Education, -10, None));
    assert_eq!(names(&d, target), ["risk_survey"]);
}

/// Three labelled customers C0-C2, each with a policy P0-P2 expiring in 35
/// days: eight proposals at `t()`.
fn seed_three(book: &Book) {
    let mut b = book.begin("seed", false).unwrap();
    for (i, (value, risk, behavior)) in [
        (Tier::High, Tier::High, BehaviorLabel::Churned),
        (Tier::Low, Tier::High, BehaviorLabel::Active),
        QUIET,
    ]
    .into_iter()
    .enumerate()
    {
        let id = format!("C{i}");
        let mut d = doc(&id);
        d.upsert(policy(&format!("P{i}"), &id, Line::Motor, -330, 35));
        b.set_owner::<Policy>(&format!("P{i}"), Some(&id)).unwrap();
        b.put(&d).unwrap();
        b.write(
            TreeId::Classification,
            id.into_bytes(),
            Some(codec::encode(&labels(value, risk, behavior))),
        )
        .unwrap();
    }
    b.commit("seed").unwrap();
}

#[test]
fn running_twice_creates_nothing_new_and_undo_reverts() {
    let dir = tempfile::tempdir().unwrap();
    let book = Book::open(dir.path(), "planner").unwrap();
    seed_three(&book);

    let dry = playbooks::run(&book, &Rules::embedded(), t(), None, true).unwrap();
    assert_eq!(dry.created.len(), 8);
    assert_eq!(book.count(TreeId::Tasks), 0, "a dry run writes nothing");
    let first = playbooks::run(&book, &Rules::embedded(), t(), None, false).unwrap();
    assert_eq!(first.created.len(), 8);
    let counts = first.counts();
    assert_eq!(counts[&Playbook::Renewal], 3);
    assert_eq!(counts[&Playbook::RiskSurvey], 2);
    let task = book
        .get::<Task>(&playbooks::task_id(&format!("renewal:P0:{}", days(35))))
        .unwrap()
        .unwrap();
    assert_eq!(task.playbook.as_deref(), Some("renewal"));
    assert_eq!(task.policy_id.as_deref(), Some("P0"));
    assert_eq!(task.assignee.as_deref(), Some("li.wei"));

    let second = playbooks::run(&book, &Rules::embedded(), t(), None, false).unwrap();
    assert!(second.created.is_empty());
    assert_eq!(second.already_there, 8);
    assert_eq!(book.record_count::<Task>().unwrap(), 8);

    let only = playbooks::run(
        &book,
        &Rules::embedded(),
        t() + Duration::days(7),
        Some(Playbook::Winback),
        true,
    )
    .unwrap();
    assert_eq!(only.created.len(), 1, "a new ISO week is a new dedupe key");

    pcrm::followup::undo::undo(&book, None).unwrap();
    assert_eq!(book.count(TreeId::Tasks), 0);
}

fn manual_task(id: &str, customer_id: &str) -> Task {
    Task {
        title: "上门拜访".to_string(),
        due: days(3),
        assignee: None,
        priority: Priority::Low,
        ..common::task(id, customer_id)
    }
}

/// The stored bytes of the customers' tasks and of the owner index.
fn raw_tasks(book: &Book) -> Vec<Vec<(Vec<u8>, Vec<u8>)>> {
    common::raw_trees(book, &[TreeId::Tasks, TreeId::Owners])
}

#[test]
fn a_run_beside_existing_tasks_dedupes_across_customers_and_undoes_to_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let book = Book::open(dir.path(), "planner").unwrap();
    seed_three(&book);
    // C0 holds a task of its own; C2 holds the task id C0's renewal would
    // get (as if policy P0 had been C2's when the renewal task was made).
    let renewal_id = playbooks::task_id(&format!("renewal:P0:{}", days(35)));
    let mut b = book.begin("seed", false).unwrap();
    b.put(&manual_task("M1", "C0")).unwrap();
    b.put(&manual_task(&renewal_id, "C2")).unwrap();
    b.commit("seed").unwrap();
    let before = raw_tasks(&book);

    let dry = playbooks::run(&book, &Rules::embedded(), t(), None, true).unwrap();
    assert_eq!((dry.created.len(), dry.already_there), (7, 1));
    let run = playbooks::run(&book, &Rules::embedded(), t(), None, false).unwrap();
    assert_eq!((run.created.len(), run.already_there), (7, 1));
    assert!(run
        .created
        .iter()
        .all(|p| p.dedupe_key != format!("renewal:P0:{}", days(35))));
    let c0 = book.tasks_of("C0").unwrap();
    assert!(c0.iter().any(|t| t.id == "M1"), "C0 keeps its own task");
    assert_eq!(
        c0.len(),
        1 + run.created.iter().filter(|p| p.customer_id == "C0").count()
    );
    assert_eq!(
        book.get::<Task>(&renewal_id).unwrap().unwrap().customer_id,
        "C2"
    );
    assert_eq!(check::check(&book).unwrap(), Vec::<String>::new());

    pcrm::followup::undo::undo(&book, None).unwrap();
    assert!(raw_tasks(&book) == before, "undo restores the stored bytes");
    assert_eq!(check::check(&book).unwrap(), Vec::<String>::new());
}
