//! Hand-computed cases for every factor and boundary of classification.md,
//! as of 2026-06-30 (T - 30 days = 2026-05-31, T - 365 days = 2025-06-30,
//! T - 1095 days = 2023-07-01), with the embedded default rules.

mod common;

use common::{customer, t, DocBuilder};
use pcrm::classify::{classify_doc, tier, BehaviorWhy, Rules, Scorecard};
use pcrm::model::{
    BehaviorLabel, ClaimStatus, Construction as C, CustomerDoc, CustomerKind::*, Line::*,
    Occupancy as O, Tier,
};

fn card(doc: &CustomerDoc) -> Scorecard {
    Scorecard::of_doc(doc, &Rules::embedded(), t())
}

fn close(actual: f64, expected: f64) {
    assert!(
        (actual - expected).abs() < 1e-9,
        "expected {expected}, got {actual}"
    );
}

fn ind(id: &str) -> DocBuilder {
    customer(id, Individual)
}

// ---- value: premium -------------------------------------------------------

#[test]
fn premium_values_the_policy_in_force_at_a_full_year() {
    // 2,000 yuan for 2026-01-01..2027-01-01 (365 days): annualised 2,000;
    // earned in the trailing year 181 days = 991.78. P = 2,000 on the
    // individual scale: 40 × ln(2000/500) / ln(20000/500).
    let c = card(
        &ind("C1")
            .policy("P1", Motor, 2000, "2026-01-01", "2027-01-01")
            .build(),
    );
    assert_eq!(c.facts.in_force_annual_fen, 200_000);
    assert_eq!(c.facts.earned_year_fen, 99_178);
    assert_eq!(c.value.premium_fen, 200_000);
    close(c.value.premium, 15.032145976728607);
}

#[test]
fn premium_values_a_lapsed_customer_for_what_it_paid_in_the_year() {
    // 3,650 yuan for 2025-03-01..2026-03-01, not in force at T; in
    // (2025-06-30, 2026-06-30] it ran 2025-07-01..2026-02-28 = 243 days.
    let c = card(
        &ind("C1")
            .policy("P1", Motor, 3650, "2025-03-01", "2026-03-01")
            .build(),
    );
    assert_eq!(c.facts.in_force_annual_fen, 0);
    assert_eq!(c.value.premium_fen, 243_000);
    close(c.value.premium, 17.143834138024612);
}

#[test]
fn a_renewal_during_the_year_is_not_counted_twice() {
    let c = card(
        &ind("C1")
            .policy("P1", Motor, 3650, "2025-01-01", "2026-01-01")
            .policy("P2", Motor, 3650, "2026-01-01", "2027-01-01")
            .build(),
    );
    // Earned: 184 days of P1 + 181 of P2 = 3,650; in force: 3,650.
    assert_eq!(c.facts.earned_year_fen, 365_000);
    assert_eq!(c.value.premium_fen, 365_000);
}

#[test]
fn premium_at_or_below_the_floor_scores_nothing_and_above_the_cap_full() {
    let low = card(
        &ind("C1")
            .policy("P1", Motor, 500, "2026-01-01", "2027-01-01")
            .build(),
    );
    close(low.value.premium, 0.0);
    let high = card(
        &ind("C1")
            .policy("P1", Motor, 30_000, "2026-01-01", "2027-01-01")
            .build(),
    );
    close(high.value.premium, 40.0);
    let sme = card(
        &customer("C2", Sme)
            .policy("P1", Property, 30_000, "2026-01-01", "2027-01-01")
            .build(),
    );
    // 40 × ln(30000/5000) / ln(500000/5000)
    close(sme.value.premium, 40.0 * 6f64.ln() / 100f64.ln());
}

// ---- value: retention -----------------------------------------------------

fn renewal_case(second_line: pcrm::model::Line, second_start: &str) -> Scorecard {
    card(
        &ind("C1")
            .policy("P1", Motor, 1000, "2024-06-01", "2025-06-01")
            .policy("P2", second_line, 1000, second_start, "2026-07-01")
            .build(),
    )
}

#[test]
fn a_successor_30_days_after_the_end_renews_31_days_after_loses() {
    let renewed = renewal_case(Motor, "2025-07-01");
    assert_eq!((renewed.facts.renewed, renewed.facts.lost), (1, 0));
    close(renewed.value.retention, 25.0);

    let lost = renewal_case(Motor, "2025-07-02");
    assert_eq!((lost.facts.renewed, lost.facts.lost), (0, 1));
    close(lost.value.retention, 0.0);

    // Either side of the end: bound 30 days early still renews.
    let early = renewal_case(Motor, "2025-05-02");
    assert_eq!((early.facts.renewed, early.facts.lost), (1, 0));
    let too_early = renewal_case(Motor, "2025-05-01");
    assert_eq!((too_early.facts.renewed, too_early.facts.lost), (0, 1));
}

#[test]
fn a_successor_must_be_of_the_same_line() {
    let c = renewal_case(Property, "2025-07-01");
    assert_eq!((c.facts.renewed, c.facts.lost), (0, 1));
}

#[test]
fn a_lapse_within_30_days_is_in_grace_and_counts_neither_way() {
    // Ended 2026-06-01, 29 days before T, no successor yet.
    let grace = card(
        &ind("C1")
            .policy("P1", Motor, 1000, "2025-06-01", "2026-06-01")
            .build(),
    );
    assert_eq!(
        (grace.facts.renewed, grace.facts.lost, grace.facts.in_grace),
        (0, 0, 1)
    );
    close(grace.value.retention, 15.0);
    assert_eq!(grace.behavior.segment, BehaviorLabel::Potential);
    assert_eq!(grace.behavior_why, BehaviorWhy::InGrace);

    // Ended on T - 30 days: lost, and the customer has churned.
    let lost = card(
        &ind("C1")
            .policy("P1", Motor, 1000, "2025-05-31", "2026-05-31")
            .build(),
    );
    assert_eq!((lost.facts.lost, lost.facts.in_grace), (1, 0));
    close(lost.value.retention, 0.0);
    assert_eq!(lost.behavior.segment, BehaviorLabel::Churned);
}

#[test]
fn a_successor_bound_in_advance_after_t_renews() {
    let c = card(
        &ind("C1")
            .policy("P1", Motor, 1000, "2025-06-15", "2026-06-15")
            .policy("P2", Motor, 1000, "2026-07-10", "2027-07-10")
            .build(),
    );
    assert_eq!((c.facts.renewed, c.facts.lost), (1, 0));
    close(c.value.retention, 25.0);
    // Nothing in force at T, but the bound policy ends after T: not churned.
    assert_eq!(c.facts.policies_in_force, 0);
    assert_eq!(c.behavior.segment, BehaviorLabel::Potential);
    // The future start is not a touch; P1's start is 380 days back.
    assert_eq!(c.behavior.recency_days, Some(380));
    assert_eq!(c.behavior.touches_365, 0);
}

#[test]
fn cancelled_policies_end_at_cancellation_and_a_rewrite_is_not_a_loss() {
    // 3,650 yuan for a year from 2025-07-01, cancelled 2025-12-31: 183 days
    // earned (1,830 yuan), then no replacement: a loss, and churned.
    let lost = card(
        &ind("C1")
            .policy("P1", Motor, 3650, "2025-07-01", "2026-07-01")
            .cancelled("P1", "2025-12-31")
            .build(),
    );
    assert_eq!(lost.facts.earned_window_fen, 183_000);
    assert_eq!(lost.facts.exposure_days, 183);
    assert_eq!(lost.facts.policies_in_force, 0);
    assert_eq!((lost.facts.renewed, lost.facts.lost), (0, 1));
    assert_eq!(lost.behavior.segment, BehaviorLabel::Churned);

    let rewritten = card(
        &ind("C1")
            .policy("P1", Motor, 3650, "2025-07-01", "2026-07-01")
            .cancelled("P1", "2025-12-31")
            .policy("P2", Motor, 4000, "2026-01-05", "2027-01-05")
            .build(),
    );
    assert_eq!((rewritten.facts.renewed, rewritten.facts.lost), (1, 0));
    assert_ne!(rewritten.behavior.segment, BehaviorLabel::Churned);
}

// ---- value: loss experience and risk: claims ------------------------------

/// One policy over the whole window: 14,610 yuan for 2023-01-01..2027-01-01
/// (1,461 days, 10 yuan a day): 1,095 days = 10,950 yuan earned in the
/// window, exposure 3 years.
fn long_policy(id: &str) -> DocBuilder {
    ind(id).policy("P1", Motor, 14_610, "2023-01-01", "2027-01-01")
}

#[test]
fn the_window_holds_a_loss_1094_days_back_but_not_1095() {
    let out = card(
        &long_policy("C1")
            .claim("K1", "P1", "2023-07-01", None, 1000, 0, ClaimStatus::Closed)
            .build(),
    );
    assert_eq!(out.facts.claims, 0);
    close(out.risk.frequency, 0.0);

    let inside = card(
        &long_policy("C1")
            .claim("K1", "P1", "2023-07-02", None, 1000, 0, ClaimStatus::Closed)
            .build(),
    );
    assert_eq!(inside.facts.exposure_days, 1095);
    assert_eq!(inside.facts.earned_window_fen, 1_095_000);
    assert_eq!(inside.facts.claims, 1);
    // 1 claim over 3 years = 1/3 a year; 12 × (1/3) / 0.5 = 8.
    close(inside.risk.frequency, 8.0);
}

#[test]
fn denied_unknown_and_future_claims_are_left_out_open_reserves_count() {
    let c = card(
        &long_policy("C1")
            .claim(
                "K1",
                "P1",
                "2024-03-01",
                Some("2024-03-02"),
                2000,
                0,
                ClaimStatus::Closed,
            )
            .claim("K2", "P1", "2025-09-01", None, 500, 1500, ClaimStatus::Open)
            .claim("K3", "P1", "2025-10-01", None, 0, 5000, ClaimStatus::Denied)
            // Known only after T.
            .claim(
                "K4",
                "P1",
                "2026-06-20",
                Some("2026-07-02"),
                0,
                9000,
                ClaimStatus::Open,
            )
            // Loss after T.
            .claim(
                "K5",
                "P1",
                "2026-07-01",
                Some("2026-07-01"),
                0,
                9000,
                ClaimStatus::Open,
            )
            .build(),
    );
    assert_eq!(c.facts.claims, 2);
    assert_eq!(c.facts.incurred_fen, 400_000);
    // LRc = (incurred + K × ELR) / (EP + K) = (4000 + 13000) / 30950.
    let lrc = 17_000.0 / 30_950.0;
    close(c.facts.credibility.blended, lrc);
    close(c.facts.credibility.weight, 10_950.0 / 30_950.0);
    close(c.value.loss, 25.0 * (1.0 - lrc) / 0.6);
    close(c.risk.severity, 8.0 * lrc / 1.5);
    // 2 claims over 3 years = 0.67 a year: full 12.
    close(c.risk.frequency, 12.0);
}

#[test]
fn without_earned_premium_credibility_is_zero_and_the_expected_ratio_rules() {
    // A policy that starts after T earns nothing; a claim before its start
    // still counts as a claim (whether or not inside the term).
    let c = card(
        &ind("C1")
            .policy("P1", Motor, 5000, "2026-08-01", "2027-08-01")
            .claim("K1", "P1", "2026-05-01", None, 5000, 0, ClaimStatus::Closed)
            .build(),
    );
    assert_eq!(c.facts.earned_window_fen, 0);
    assert_eq!(c.facts.credibility.own, None);
    close(c.facts.credibility.weight, 0.0);
    close(c.facts.credibility.blended, 0.65);
    close(c.value.loss, 25.0 * 0.35 / 0.6);
    close(c.risk.severity, 8.0 * 0.65 / 1.5);
    // No exposure: taken as 0.25 years, 4 claims a year: full frequency.
    close(c.risk.frequency, 12.0);
}

#[test]
fn a_short_exposure_is_floored_at_a_quarter_year() {
    // 30 days in force (2026-06-01..T), one claim: 1 / 0.25 = 4 a year.
    let c = card(
        &ind("C1")
            .policy("P1", Motor, 1000, "2026-06-01", "2027-06-01")
            .claim("K1", "P1", "2026-06-10", None, 100, 0, ClaimStatus::Closed)
            .build(),
    );
    assert_eq!(c.facts.exposure_days, 30);
    close(c.risk.claims_per_year, 4.0);
}

// ---- value: relationship --------------------------------------------------

#[test]
fn tenure_and_breadth_of_lines_in_force() {
    let c = card(
        &ind("C1")
            .since("2021-06-30")
            .policy("P1", Motor, 1000, "2026-01-01", "2027-01-01")
            .policy("P2", Homeowners, 500, "2026-03-01", "2027-03-01")
            .policy("P3", Motor, 800, "2025-01-01", "2026-01-01")
            .build(),
    );
    // 1,826 days / 365.25; 2 distinct lines in force of 3.
    close(c.value.tenure, 5.0 * (1826.0 / 365.25) / 5.0);
    close(c.value.breadth, 5.0 * 2.0 / 3.0);
}

#[test]
fn since_is_the_earliest_of_the_customer_and_its_policies() {
    let c = card(
        &ind("C1")
            .since("2024-01-01")
            .policy("P1", Motor, 1000, "2022-06-30", "2023-06-30")
            .build(),
    );
    // 2022-06-30 to 2026-06-30 = 1,461 days.
    close(c.value.tenure, 5.0 * (1461.0 / 365.25) / 5.0);
    let future = card(&ind("C1").since("2026-09-01").build());
    close(future.value.tenure, 0.0);
}

// ---- risk: industry, catastrophe, property --------------------------------

#[test]
fn industry_hazard_classes_and_individuals_without_a_trade() {
    close(card(&ind("C1").build()).risk.industry, 7.5);
    close(card(&ind("C1").industry("I").build()).risk.industry, 0.0);
    close(
        card(&customer("C2", Sme).industry("B").build())
            .risk
            .industry,
        30.0,
    );
    close(
        card(&customer("C2", Large).industry("C").build())
            .risk
            .industry,
        22.5,
    );
}

#[test]
fn catastrophe_takes_the_worst_location_else_the_own_province() {
    let c = card(
        &ind("C1")
            .province("新疆")
            .location(
                "L1",
                "北京",
                C::FireResistive,
                O::Office,
                Some(2020),
                Some(true),
            )
            .location(
                "L2",
                "广东",
                C::FireResistive,
                O::Office,
                Some(2020),
                Some(true),
            )
            .location(
                "L3",
                "Beijing",
                C::FireResistive,
                O::Office,
                Some(2020),
                Some(true),
            )
            .build(),
    );
    // 广东 3/2/1: 3 + (2 + 1) / 2 = 4.5 → 22.5; 北京 0/1/2: 2.5 → 12.5.
    close(c.risk.catastrophe_index, 4.5);
    close(c.risk.catastrophe, 22.5);
    assert_eq!(c.risk.catastrophe_location, Some(1));

    // Without locations: 新疆 0/0/3 → 3 → 15.
    close(
        card(&ind("C1").province("新疆").build()).risk.catastrophe,
        15.0,
    );
    // 台湾 3/2/3: 3 + 5/2 = 5.5 → 27.5.
    close(
        card(&ind("C1").province("台湾").build()).risk.catastrophe,
        27.5,
    );
}

#[test]
fn property_points_with_unknowns_the_cap_and_no_survey() {
    let c = card(
        &ind("C1")
            // masonry 8 + unknown age 2 + unknown sprinklers 2 = 12
            .location("L1", "上海", C::Masonry, O::Office, None, None)
            // frame 12 + age 36 4 + no sprinklers 4 + hazardous 4 = 24 → 20
            .location(
                "L2",
                "上海",
                C::Frame,
                O::Hazardous,
                Some(1990),
                Some(false),
            )
            .build(),
    );
    close(c.risk.property, 20.0);
    assert_eq!(c.risk.property_location, Some(1));

    let only_unknowns = card(
        &ind("C1")
            .location("L1", "上海", C::Masonry, O::Office, None, None)
            .build(),
    );
    close(only_unknowns.risk.property, 12.0);
    close(card(&ind("C1").build()).risk.property, 6.0);
}

#[test]
fn property_age_boundaries() {
    let points = |year: u16| {
        card(
            &ind("C1")
                .location(
                    "L1",
                    "上海",
                    C::NonCombustible,
                    O::Retail,
                    Some(year),
                    Some(true),
                )
                .build(),
        )
        .risk
        .property
    };
    close(points(1995), 4.0 + 4.0); // 31 years
    close(points(1996), 4.0 + 2.0); // 30 years
    close(points(2011), 4.0 + 2.0); // 15 years
    close(points(2012), 4.0); // 14 years
    close(points(2030), 4.0); // built after T's year
}

// ---- behaviour ------------------------------------------------------------

fn in_force(id: &str) -> DocBuilder {
    ind(id).policy("P1", Motor, 1000, "2025-08-01", "2026-08-01")
}

#[test]
fn active_needs_a_touch_within_90_days_and_3_in_the_year() {
    let active = card(
        &in_force("C1")
            .touch("I1", "2026-01-10 10:00")
            .touch("I2", "2026-02-10 10:00")
            .touch("I3", "2026-04-01 23:59")
            .build(),
    );
    // Touches: the three interactions and P1's start (2025-08-01).
    assert_eq!(active.behavior.recency_days, Some(90));
    assert_eq!(active.behavior.touches_365, 4);
    assert_eq!(active.behavior.segment, BehaviorLabel::Active);

    let late = card(
        &ind("C1")
            .policy("P1", Motor, 1000, "2025-06-01", "2026-08-01")
            .touch("I1", "2026-01-10 10:00")
            .touch("I2", "2026-02-10 10:00")
            .touch("I3", "2026-03-31 10:00")
            .build(),
    );
    assert_eq!(late.behavior.recency_days, Some(91));
    assert_eq!(late.behavior.segment, BehaviorLabel::Potential);
    assert_eq!(late.behavior_why, BehaviorWhy::LowEngagement);
}

#[test]
fn a_policy_start_and_an_interaction_on_the_same_day_are_two_touches() {
    let c = card(
        &ind("C1")
            .policy("P1", Motor, 1000, "2026-04-01", "2027-04-01")
            .touch("I1", "2026-04-01 09:00")
            .touch("I2", "2025-12-01 09:00")
            .build(),
    );
    assert_eq!(c.behavior.touches_365, 3);
    assert_eq!(c.behavior.segment, BehaviorLabel::Active);
}

#[test]
fn future_interactions_are_not_touches() {
    let c = card(
        &ind("C1")
            .touch("I1", "2026-07-01 09:00")
            .touch("I2", "2026-07-02 09:00")
            .build(),
    );
    assert_eq!(c.behavior.recency_days, None);
    assert_eq!(c.behavior.touches_365, 0);
}

#[test]
fn a_customer_without_any_policy() {
    let doc = ind("C1").build();
    let c = card(&doc);
    close(c.value.premium, 0.0);
    close(c.value.retention, 15.0);
    close(c.value.loss, 25.0 * 0.35 / 0.6);
    close(c.value.relationship(), 0.0);
    close(c.value.score, 15.0 + 25.0 * 0.35 / 0.6);
    // 上海 2/2/0 → 3 → 15; no industry 7.5; no survey 6; severity at ELR.
    close(c.risk.score, 7.5 + 15.0 + 6.0 + 8.0 * 0.65 / 1.5);
    assert_eq!(c.behavior.segment, BehaviorLabel::Potential);
    assert_eq!(c.behavior_why, BehaviorWhy::Prospect);

    let class = classify_doc(&doc, &Rules::embedded(), t());
    assert_eq!(class.value.tier, Tier::Low);
    assert_eq!(class.risk.tier, Tier::Medium);
    assert_eq!(class.value.factors[1], 15.0);
    assert_eq!(class.rules_hash, Rules::embedded().hash());
}

// ---- tiers ----------------------------------------------------------------

#[test]
fn tiers_are_cut_on_the_unrounded_score() {
    assert_eq!(tier(65.0, 65.0, 40.0), Tier::High);
    // Would display as 65.0, still medium.
    assert_eq!(tier(64.96, 65.0, 40.0), Tier::Medium);
    assert_eq!(tier(40.0, 65.0, 40.0), Tier::Medium);
    assert_eq!(tier(39.999, 65.0, 40.0), Tier::Low);
    assert_eq!(tier(55.0, 55.0, 30.0), Tier::High);
    assert_eq!(tier(29.95, 55.0, 30.0), Tier::Low);
}

#[test]
fn a_full_customer_adds_up() {
    let doc = long_policy("C1")
        .since("2021-06-30")
        .industry("F")
        .claim("K1", "P1", "2025-09-01", None, 500, 1500, ClaimStatus::Open)
        .touch("I1", "2026-06-01 10:00")
        .build();
    let c = card(&doc);
    let class = classify_doc(&doc, &Rules::embedded(), t());
    let v = &c.value;
    assert_eq!(
        class.value.score,
        v.premium + v.retention + v.loss + (v.tenure + v.breadth)
    );
    assert_eq!(
        class.value.factors,
        [v.premium, v.retention, v.loss, v.tenure + v.breadth]
    );
    let r = &c.risk;
    assert_eq!(
        class.risk.score,
        r.industry + r.catastrophe + r.property + (r.frequency + r.severity)
    );
    // P1 runs 2023-01-01..2027-01-01: in force, annualised 14,610 × 365 /
    // 1,461 = 3,650.
    assert_eq!(c.facts.in_force_annual_fen, 365_000);
    // The same input gives the same bits.
    assert_eq!(class, classify_doc(&doc, &Rules::embedded(), t()));
}
