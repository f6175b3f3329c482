//! The service strategy of classification.md: the recommended actions for
//! each label, in Chinese and English.

use crate::model::{BehaviorLabel, Classification, Tier};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Action {
    pub zh: &'static str,
    pub en: &'static str,
}

const fn a(zh: &'static str, en: &'static str) -> Action {
    Action { zh, en }
}

const VALUE_HIGH: &[Action] = &[
    a("专属客户经理", "dedicated account manager"),
    a("定制保险方案", "tailored plan"),
    a("优先理赔", "priority claims"),
    a("定期回访", "regular follow-up visits"),
];
const VALUE_MEDIUM: &[Action] = &[
    a("多样化产品选择", "flexible product choice"),
    a("便捷理赔", "streamlined claims"),
    a("定期风险评估", "periodic risk review"),
];
const VALUE_LOW: &[Action] = &[
    a("基础保险产品", "basic products"),
    a("简化理赔", "simplified claims"),
    a("风险教育", "risk education"),
];
const RISK_HIGH: &[Action] = &[
    a("详细风险评估报告", "detailed risk assessment report"),
    a("风险防范措施建议", "prevention measures"),
];
const RISK_MEDIUM: &[Action] = &[
    a("标准化产品", "standard products"),
    a("定期风险评估与建议", "periodic assessment and advice"),
];
const RISK_LOW: &[Action] = &[a("鼓励保持良好风险管理习惯", "encourage good risk habits")];
const ACTIVE: &[Action] = &[
    a("专属客户活动", "exclusive events"),
    a("定期回访关怀", "regular care calls"),
];
const POTENTIAL: &[Action] = &[
    a("试用优惠", "trial offers"),
    a("定制化产品推荐", "tailored recommendations"),
    a("个性化营销", "personalised campaigns"),
];
const CHURNED: &[Action] = &[
    a("专属挽留优惠", "retention offer"),
    a("个性化产品推荐", "tailored recommendations"),
    a("客户关怀活动", "care activities"),
];

pub fn value_actions(tier: Tier) -> &'static [Action] {
    match tier {
        Tier::High => VALUE_HIGH,
        Tier::Medium => VALUE_MEDIUM,
        Tier::Low => VALUE_LOW,
    }
}

pub fn risk_actions(tier: Tier) -> &'static [Action] {
    match tier {
        Tier::High => RISK_HIGH,
        Tier::Medium => RISK_MEDIUM,
        Tier::Low => RISK_LOW,
    }
}

pub fn behavior_actions(label: BehaviorLabel) -> &'static [Action] {
    match label {
        BehaviorLabel::Active => ACTIVE,
        BehaviorLabel::Potential => POTENTIAL,
        BehaviorLabel::Churned => CHURNED,
    }
}

/// `高价值` / `high value`.
pub fn value_label(tier: Tier) -> Action {
    match tier {
        Tier::High => a("高价值", "high value"),
        Tier::Medium => a("中等价值", "medium value"),
        Tier::Low => a("低价值", "low value"),
    }
}

/// `高风险` / `high risk`.
pub fn risk_label(tier: Tier) -> Action {
    match tier {
        Tier::High => a("高风险", "high risk"),
        Tier::Medium => a("中等风险", "medium risk"),
        Tier::Low => a("低风险", "low risk"),
    }
}

/// `活跃` / `active`.
pub fn behavior_label(label: BehaviorLabel) -> Action {
    match label {
        BehaviorLabel::Active => a("活跃", "active"),
        BehaviorLabel::Potential => a("潜在", "potential"),
        BehaviorLabel::Churned => a("流失", "churned"),
    }
}

/// Each label of a classification with its actions, in the order value,
/// risk, behaviour.
pub fn actions(c: &Classification) -> [(Action, &'static [Action]); 3] {
    [
        (value_label(c.value.tier), value_actions(c.value.tier)),
        (risk_label(c.risk.tier), risk_actions(c.risk.tier)),
        (
            behavior_label(c.behavior.segment),
            behavior_actions(c.behavior.segment),
        ),
    ]
}
