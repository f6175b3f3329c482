//! Interactions and follow-up tasks of a demo customer. Contacts follow
//! what happened (purchases, renewals, claim reports and the surveys and
//! complaints after them, risk surveys of sites) plus routine service at a
//! rate set by the customer's engagement, and stop when a customer lapses:
//! churned customers fall silent.

use super::generate::sequence_id;
use super::names::MANAGERS;
use super::policies::PolicyDraft;
use super::profile::{Profile, HISTORY_DAYS};
use super::rng::{Rng, Weighted};
use crate::model::{
    Channel, ClaimStatus, CustomerKind, Interaction, InteractionKind, Priority, Task, TaskStatus,
};
use chrono::{Duration, NaiveDate, NaiveTime};

use InteractionKind as K;

fn days(n: i64) -> Duration {
    Duration::days(n)
}

/// An interaction before it gets its id.
struct Contact {
    date: NaiveDate,
    kind: InteractionKind,
    channel: Option<Channel>,
    satisfaction: Option<u8>,
}

pub struct ContactTables {
    individual_channels: Weighted<Channel>,
    enterprise_channels: Weighted<Channel>,
    claim_channels: Weighted<Channel>,
    message_channels: Weighted<Channel>,
    routine: Weighted<InteractionKind>,
    satisfaction: Weighted<u8>,
}

impl ContactTables {
    pub fn new() -> ContactTables {
        use Channel::*;
        ContactTables {
            individual_channels: Weighted::new([
                (Phone, 25.0),
                (Wechat, 25.0),
                (App, 25.0),
                (Sms, 8.0),
                (Web, 7.0),
                (Agent, 8.0),
                (Email, 2.0),
            ]),
            enterprise_channels: Weighted::new([
                (Phone, 25.0),
                (Visit, 25.0),
                (Agent, 15.0),
                (Email, 15.0),
                (Wechat, 15.0),
                (Web, 3.0),
                (App, 2.0),
            ]),
            claim_channels: Weighted::new([
                (Phone, 50.0),
                (App, 35.0),
                (Wechat, 10.0),
                (Agent, 5.0),
            ]),
            message_channels: Weighted::new([
                (Sms, 35.0),
                (Wechat, 35.0),
                (Email, 15.0),
                (App, 15.0),
            ]),
            routine: Weighted::new([
                (K::Inquiry, 30.0),
                (K::Service, 30.0),
                (K::Visit, 12.0),
                (K::Survey, 10.0),
                (K::Quote, 8.0),
                (K::Complaint, 3.0),
            ]),
            satisfaction: Weighted::new([(5, 38.0), (4, 34.0), (3, 16.0), (2, 8.0), (1, 4.0)]),
        }
    }

    fn channel(&self, rng: &mut Rng, kind: CustomerKind, what: InteractionKind) -> Channel {
        match what {
            K::RiskSurvey => Channel::Visit,
            K::Visit if kind.is_enterprise() => Channel::Visit,
            K::Visit => Channel::Phone,
            K::ClaimReport => self.claim_channels.sample(rng),
            K::Education | K::Survey => self.message_channels.sample(rng),
            _ if kind.is_enterprise() => self.enterprise_channels.sample(rng),
            _ => self.individual_channels.sample(rng),
        }
    }
}

impl Default for ContactTables {
    fn default() -> Self {
        ContactTables::new()
    }
}

fn note(rng: &mut Rng, kind: InteractionKind, satisfaction: Option<u8>) -> Option<String> {
    let options: &[&str] = match kind {
        K::Inquiry => &[
            "咨询保障范围",
            "咨询保费计算方式",
            "咨询理赔所需材料",
            "咨询发票开具",
        ],
        K::Quote => &["报价已发送", "客户比价中", "续保报价", "新增保障报价"],
        K::Purchase => &["新单投保", "线上投保成功", "代理人协助投保"],
        K::Renewal => &["续保成功", "续保提醒已发送", "客户确认续保"],
        K::Complaint => &[
            "理赔进度慢",
            "保费上涨不满意",
            "客服响应慢",
            "定损金额有争议",
        ],
        K::ClaimReport => &["客户报案", "现场查勘已安排", "线上报案"],
        K::Service => &["变更联系方式", "批改车辆信息", "补寄保单", "退保咨询"],
        K::Survey => match satisfaction {
            Some(1..=2) => &["服务不满意", "理赔体验差"],
            Some(3) => &["服务一般"],
            _ => &["服务满意", "理赔及时"],
        },
        K::Education => &["发送防汛防台指南", "发送消防安全提示", "安全驾驶提醒"],
        K::Visit => &["定期回访", "理赔后回访", "节日问候"],
        K::RiskSurvey => &[
            "现场查勘完成，建议整改消防通道",
            "查勘合格",
            "建议加装喷淋系统",
            "仓储堆放需整改",
        ],
    };
    rng.chance(0.4).then(|| rng.pick(options).to_string())
}

fn at(rng: &mut Rng, date: NaiveDate) -> chrono::NaiveDateTime {
    // Office hours mostly; app and WeChat contacts run into the evening.
    let hour = if rng.chance(0.8) {
        rng.range(9, 17)
    } else {
        rng.range(7, 22)
    };
    let time = NaiveTime::from_hms_opt(hour as u32, rng.below(60) as u32, rng.below(60) as u32)
        .unwrap_or(NaiveTime::MIN);
    date.and_time(time)
}

/// The interactions of a customer, sorted by time, ids `I<customer>-NNN`.
pub fn interactions(
    tables: &ContactTables,
    rng: &mut Rng,
    customer_id: &str,
    profile: &Profile,
    policies: &[PolicyDraft],
    has_sites: bool,
    as_of: NaiveDate,
) -> Vec<Interaction> {
    let horizon = as_of - days(HISTORY_DAYS);
    let first = profile.joined.max(horizon);
    // A customer whose last policy ended a while ago stopped talking to us.
    let last = match policies.iter().map(|d| d.policy.effective_end()).max() {
        Some(end) if end <= as_of - days(30) => end + days(rng.range(0, 30)),
        _ => as_of,
    }
    .min(as_of);
    let mut contacts: Vec<Contact> = Vec::new();
    let mut push = |date: NaiveDate, kind: InteractionKind, satisfaction: Option<u8>| {
        if date >= first && date <= last {
            contacts.push(Contact {
                date,
                kind,
                channel: None,
                satisfaction,
            });
        }
    };

    for draft in policies {
        let start = draft.policy.start_date;
        if draft.renewal {
            if rng.chance(0.6) {
                push(start - days(rng.range(0, 25)), K::Renewal, None);
            }
        } else {
            if rng.chance(0.5) {
                push(start - days(rng.range(5, 30)), K::Quote, None);
            }
            if rng.chance(0.8) {
                push(start - days(rng.range(0, 5)), K::Purchase, None);
            }
        }
        for claim in &draft.claims {
            let reported = claim.reported_date.unwrap_or(claim.loss_date);
            if rng.chance(0.85) {
                push(reported, K::ClaimReport, None);
            }
            let survey_share = if claim.status == ClaimStatus::Open {
                0.0
            } else {
                0.35
            };
            if rng.chance(survey_share) {
                let score = if claim.status == ClaimStatus::Denied {
                    rng.range(1, 3) as u8
                } else {
                    tables.satisfaction.sample(rng)
                };
                let when = reported + days(rng.range(20, 90));
                push(when, K::Survey, Some(score));
                if score <= 2 && rng.chance(0.5) {
                    push(when + days(rng.range(1, 10)), K::Complaint, None);
                }
            }
        }
    }

    let years = (last - first).num_days().max(0) as f64 / 365.0;
    let (routine_rate, survey_rate, education_rate) = match profile.kind {
        CustomerKind::Individual => (0.8, 0.0, 0.1),
        CustomerKind::Sme => (2.5, 0.3, 0.3),
        CustomerKind::Large => (8.0, 0.8, 0.5),
    };
    let span = (last - first).num_days().max(0) as u64 + 1;
    let routine = rng.poisson(routine_rate * profile.engagement * years);
    for _ in 0..routine {
        let kind = tables.routine.sample(rng);
        let satisfaction = (kind == K::Survey).then(|| tables.satisfaction.sample(rng));
        push(first + days(rng.below(span) as i64), kind, satisfaction);
    }
    if has_sites {
        for _ in 0..rng.poisson(survey_rate * years) {
            push(first + days(rng.below(span) as i64), K::RiskSurvey, None);
        }
    }
    for _ in 0..rng.poisson(education_rate * years) {
        push(first + days(rng.below(span) as i64), K::Education, None);
    }

    let mut stamped: Vec<(chrono::NaiveDateTime, Contact)> = contacts
        .into_iter()
        .map(|mut c| {
            c.channel = Some(tables.channel(rng, profile.kind, c.kind));
            (at(rng, c.date), c)
        })
        .collect();
    stamped.sort_by_key(|(at, _)| *at);
    let number = &customer_id[1..];
    let count = stamped.len();
    stamped
        .into_iter()
        .enumerate()
        .map(|(i, (at, c))| Interaction {
            id: sequence_id("I", number, i, count),
            customer_id: customer_id.to_string(),
            at,
            channel: c.channel.unwrap_or(Channel::Phone),
            kind: c.kind,
            satisfaction: c.satisfaction,
            note: note(rng, c.kind, c.satisfaction),
        })
        .collect()
}

/// A few follow-ups staff created by hand: renewal reminders, complaint
/// follow-ups, visits; open (some overdue), done or cancelled.
pub fn tasks(
    rng: &mut Rng,
    customer_id: &str,
    profile: &Profile,
    manager: Option<&str>,
    policies: &[PolicyDraft],
    as_of: NaiveDate,
) -> Vec<Task> {
    let share = match profile.kind {
        CustomerKind::Large => 0.3,
        CustomerKind::Sme => 0.08,
        CustomerKind::Individual => 0.03,
    };
    if !rng.chance(share) {
        return Vec::new();
    }
    let expiring = policies
        .iter()
        .map(|d| &d.policy)
        .find(|p| p.cancelled_on.is_none() && p.end_date > as_of && p.end_date <= as_of + days(60));
    let count = 1 + u32::from(rng.chance(0.3));
    let number = &customer_id[1..];
    (1..=count)
        .map(|n| {
            let status = match rng.uniform() {
                r if r < 0.55 => TaskStatus::Open,
                r if r < 0.90 => TaskStatus::Done,
                _ => TaskStatus::Cancelled,
            };
            let due = match status {
                TaskStatus::Open => as_of + days(rng.range(-20, 30)),
                _ => as_of - days(rng.range(1, 120)),
            };
            let (title, priority, tag, policy_id) = match (n, expiring) {
                (1, Some(p)) => (
                    format!("续保提醒：{} {} 到期", p.id, p.end_date),
                    Priority::Normal,
                    "续保",
                    Some(p.id.clone()),
                ),
                _ => {
                    let (title, priority, tag) = *rng.pick(&[
                        ("客户回访", Priority::Normal, "回访"),
                        ("投诉跟进", Priority::High, "投诉"),
                        ("补充投保资料", Priority::Low, "资料"),
                        ("上门风险查勘", Priority::Normal, "查勘"),
                        ("生日关怀", Priority::Low, "关怀"),
                    ]);
                    (title.to_string(), priority, tag, None)
                }
            };
            let assignee = match manager {
                Some(m) if rng.chance(0.9) => Some(m.to_string()),
                _ if rng.chance(0.5) => Some(rng.pick(MANAGERS).to_string()),
                _ => None,
            };
            Task {
                id: format!("T{number}-{n:02}"),
                customer_id: customer_id.to_string(),
                title,
                due,
                assignee,
                status,
                priority,
                tags: if rng.chance(0.6) {
                    vec![tag.to_string()]
                } else {
                    Vec::new()
                },
                playbook: None,
                policy_id,
                dedupe_key: None,
            }
        })
        .collect()
}
