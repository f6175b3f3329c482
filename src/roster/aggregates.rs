//! What the Segments and Risk panes show, summed over the whole roster in
//! one pass: the value × risk × behaviour cube with its drill-down groups,
//! and the portfolio's risk profile.

use super::row::RowId;
use super::table::{Roster, RowRef};
use crate::model::{BehaviorLabel, CustomerKind, Fen, Industry, Labelled, Province, Tier};
use serde::{Deserialize, Serialize};

/// Counts and money of a set of customers.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Totals {
    pub customers: u64,
    /// Annualised premium in force.
    pub premium: Fen,
    pub earned: Fen,
    pub incurred: Fen,
    pub satisfaction_sum: u64,
    pub satisfaction_count: u64,
}

impl Totals {
    fn add_row(&mut self, row: &RowRef<'_>) {
        let (earned, incurred) = row.loss_inputs();
        let (sat_sum, sat_count) = row.satisfaction();
        self.customers += 1;
        self.premium += row.annual_premium();
        self.earned += earned;
        self.incurred += incurred;
        self.satisfaction_sum += u64::from(sat_sum);
        self.satisfaction_count += u64::from(sat_count);
    }

    fn merge(&mut self, other: &Totals) {
        self.customers += other.customers;
        self.premium += other.premium;
        self.earned += other.earned;
        self.incurred += other.incurred;
        self.satisfaction_sum += other.satisfaction_sum;
        self.satisfaction_count += other.satisfaction_count;
    }

    /// Incurred over earned premium of the 3-year window (none if nothing
    /// was earned).
    pub fn loss_ratio(&self) -> Option<f64> {
        (self.earned.0 > 0).then(|| self.incurred.0 as f64 / self.earned.0 as f64)
    }

    /// Average satisfaction score (1-5) over every rated interaction.
    pub fn satisfaction(&self) -> Option<f64> {
        (self.satisfaction_count > 0)
            .then(|| self.satisfaction_sum as f64 / self.satisfaction_count as f64)
    }
}

/// The second drill-down level groups by one of these.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Grouping {
    #[default]
    Kind,
    Province,
    Industry,
}

impl Grouping {
    pub fn next(self) -> Grouping {
        match self {
            Grouping::Kind => Grouping::Province,
            Grouping::Province => Grouping::Industry,
            Grouping::Industry => Grouping::Kind,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Grouping::Kind => "kind",
            Grouping::Province => "province",
            Grouping::Industry => "industry",
        }
    }
}

/// One group of a drill-down level.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    Kind(CustomerKind),
    Province(Province),
    /// `None`: customers without an industry (most individuals).
    Industry(Option<Industry>),
}

impl Group {
    /// The segment-expression term selecting this group (`province=广东`);
    /// customers without an industry have none.
    pub fn term(self) -> Option<String> {
        match self {
            Group::Kind(k) => Some(format!("kind={}", k.code())),
            Group::Province(p) => Some(format!("province={}", p.short())),
            Group::Industry(Some(i)) => Some(format!("industry={i}")),
            Group::Industry(None) => None,
        }
    }

    pub fn label(self) -> String {
        match self {
            Group::Kind(k) => format!("{} {}", k.code(), k.label_zh()),
            Group::Province(p) => p.short().to_string(),
            Group::Industry(Some(i)) => format!("{i} {}", i.name_zh()),
            Group::Industry(None) => "(none)".to_string(),
        }
    }

    fn slot(self) -> usize {
        match self {
            Group::Kind(k) => 1 + k as usize,
            Group::Province(p) => 4 + p.index(),
            Group::Industry(Some(i)) => 38 + i.index(),
            Group::Industry(None) => 58,
        }
    }

    fn all(grouping: Grouping) -> Vec<Group> {
        match grouping {
            Grouping::Kind => CustomerKind::ALL.iter().map(|k| Group::Kind(*k)).collect(),
            Grouping::Province => Province::all().map(Group::Province).collect(),
            Grouping::Industry => Industry::all()
                .map(Some)
                .chain([None])
                .map(Group::Industry)
                .collect(),
        }
    }
}

/// Slot 0 is "every customer of the cell"; then 3 kinds, 34 provinces, 20
/// industries and "no industry".
const GROUPS: usize = 59;

fn tier_slot(t: Tier) -> usize {
    match t {
        Tier::High => 0,
        Tier::Medium => 1,
        Tier::Low => 2,
    }
}

fn behavior_slot(b: BehaviorLabel) -> usize {
    match b {
        BehaviorLabel::Active => 0,
        BehaviorLabel::Potential => 1,
        BehaviorLabel::Churned => 2,
    }
}

/// The classified customers summed by value × risk × behaviour × group.
#[derive(Clone, Debug)]
pub struct Segments {
    cells: Vec<Totals>,
    /// Customers without a stored classification yet.
    pub unclassified: Totals,
}

/// One coordinate of the cube; `None` on an axis sums over it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cell {
    pub value: Option<Tier>,
    pub risk: Option<Tier>,
    pub behavior: Option<BehaviorLabel>,
}

impl Cell {
    /// The segment expression selecting this cell.
    pub fn terms(&self) -> Vec<String> {
        let mut terms = Vec::new();
        if let Some(v) = self.value {
            terms.push(format!("value={}", v.code()));
        }
        if let Some(r) = self.risk {
            terms.push(format!("risk={}", r.code()));
        }
        if let Some(b) = self.behavior {
            terms.push(format!("behavior={}", b.code()));
        }
        terms
    }
}

fn index(v: usize, r: usize, b: usize, g: usize) -> usize {
    ((v * 3 + r) * 3 + b) * GROUPS + g
}

fn slots<T: Copy>(pick: Option<T>, slot: fn(T) -> usize) -> std::ops::Range<usize> {
    match pick {
        Some(t) => slot(t)..slot(t) + 1,
        None => 0..3,
    }
}

impl Segments {
    pub fn compute(roster: &Roster) -> Segments {
        let mut cells = vec![Totals::default(); 27 * GROUPS];
        let mut unclassified = Totals::default();
        for row in roster.rows() {
            let Some(labels) = row.labels() else {
                unclassified.add_row(&row);
                continue;
            };
            let base = index(
                tier_slot(labels.value),
                tier_slot(labels.risk),
                behavior_slot(labels.behavior),
                0,
            );
            let groups = [
                Group::Kind(row.kind()),
                Group::Province(row.province()),
                Group::Industry(row.industry()),
            ];
            cells[base].add_row(&row);
            for g in groups {
                cells[base + g.slot()].add_row(&row);
            }
        }
        Segments {
            cells,
            unclassified,
        }
    }

    /// The totals of a cell, optionally of one group within it.
    pub fn totals(&self, cell: Cell, group: Option<Group>) -> Totals {
        let g = group.map_or(0, Group::slot);
        let mut out = Totals::default();
        for v in slots(cell.value, tier_slot) {
            for r in slots(cell.risk, tier_slot) {
                for b in slots(cell.behavior, behavior_slot) {
                    out.merge(&self.cells[index(v, r, b, g)]);
                }
            }
        }
        out
    }

    /// The non-empty groups of a cell, kinds in order, provinces and
    /// industries largest first.
    pub fn groups(&self, cell: Cell, grouping: Grouping) -> Vec<(Group, Totals)> {
        let mut groups: Vec<(Group, Totals)> = Group::all(grouping)
            .into_iter()
            .map(|g| (g, self.totals(cell, Some(g))))
            .filter(|(_, t)| t.customers > 0)
            .collect();
        if grouping != Grouping::Kind {
            groups.sort_by_key(|g| std::cmp::Reverse(g.1.customers));
        }
        groups
    }

    /// Every customer, classified or not.
    pub fn grand_total(&self) -> Totals {
        let mut t = self.totals(Cell::default(), None);
        t.merge(&self.unclassified);
        t
    }
}

/// Per risk tier: customers, premium and the sum of each risk factor.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct TierRisk {
    pub totals: Totals,
    pub factor_sums: [f64; 4],
}

impl TierRisk {
    /// The average points of industry, catastrophe, property and claims.
    pub fn factor_averages(&self) -> [f64; 4] {
        let n = self.totals.customers.max(1) as f64;
        self.factor_sums.map(|s| s / n)
    }
}

/// Insured values in one province.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Exposure {
    pub province: Province,
    pub sum_insured: Fen,
    pub customers: u64,
}

/// The portfolio's risk profile.
#[derive(Clone, Debug)]
pub struct RiskProfile {
    /// High, medium, low.
    pub tiers: [TierRisk; 3],
    /// Every classified customer.
    pub all: TierRisk,
    /// Provinces with insured locations, largest sum insured first.
    pub exposures: Vec<Exposure>,
    /// The riskiest customers, highest score first.
    pub highest: Vec<RowId>,
}

/// How many of the riskiest customers the profile lists.
pub const HIGHEST: usize = 50;

impl RiskProfile {
    pub fn compute(roster: &Roster) -> RiskProfile {
        let mut tiers = [TierRisk::default(); 3];
        let mut all = TierRisk::default();
        let mut exposures: Vec<Exposure> = Province::all()
            .map(|province| Exposure {
                province,
                sum_insured: Fen::ZERO,
                customers: 0,
            })
            .collect();
        let mut ranked: Vec<(f32, RowId)> = Vec::new();
        for row in roster.rows() {
            for (province, sum) in row.exposures() {
                let e = &mut exposures[province.index()];
                e.sum_insured += sum;
                e.customers += 1;
            }
            let Some(labels) = row.labels() else { continue };
            for t in [&mut tiers[tier_slot(labels.risk)], &mut all] {
                t.totals.add_row(&row);
                for (sum, points) in t.factor_sums.iter_mut().zip(labels.risk_factors) {
                    *sum += f64::from(points);
                }
            }
            ranked.push((labels.risk_score, row.row_id()));
        }
        let by_risk = |a: &(f32, RowId), b: &(f32, RowId)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
        if ranked.len() > HIGHEST {
            ranked.select_nth_unstable_by(HIGHEST - 1, by_risk);
            ranked.truncate(HIGHEST);
        }
        ranked.sort_by(by_risk);
        exposures.retain(|e| e.customers > 0);
        exposures.sort_by_key(|e| std::cmp::Reverse(e.sum_insured));
        RiskProfile {
            tiers,
            all,
            exposures,
            highest: ranked.into_iter().map(|(_, id)| id).collect(),
        }
    }
}
