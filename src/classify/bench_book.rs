//! A synthetic book for the classification benchmark: deterministic per
//! seed, with the shape the scorer cares about (kinds 80/18/2, renewal
//! chains with ~80% renewal, claims, cancellations, interactions and
//! locations). Not the demo book: no names or contact data worth reading.

use crate::model::{
    Claim, ClaimStatus, Construction, Customer, CustomerDoc, CustomerKind, Fen, Industry,
    Interaction, InteractionKind, Labelled, Line, Location, LossCause, Occupancy, Policy, Province,
};
use crate::store::{Book, Result};
use chrono::{Duration, NaiveDate};

/// xorshift64*: small, fast and the same on every platform.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid constant date")
}

fn day_in(rng: &mut Rng, from: NaiveDate, days: u64) -> NaiveDate {
    from + Duration::days(rng.below(days) as i64)
}

/// One synthetic customer.
pub fn customer(rng: &mut Rng, n: usize) -> CustomerDoc {
    let id = format!("C{n:07}");
    let kind = match rng.below(100) {
        0..=79 => CustomerKind::Individual,
        80..=97 => CustomerKind::Sme,
        _ => CustomerKind::Large,
    };
    let provinces: Vec<Province> = Province::all().collect();
    let industries: Vec<Industry> = Industry::all().collect();
    let industry = (kind.is_enterprise() || rng.chance(0.3)).then(|| rng.pick(&industries));
    let mut doc = CustomerDoc::new(Customer {
        id: id.clone(),
        name: format!("客户{n}"),
        kind,
        id_number: None,
        phone: None,
        email: None,
        province: rng.pick(&provinces),
        city: None,
        industry,
        since: rng.chance(0.5).then(|| day_in(rng, date(2010, 1, 1), 5000)),
        account_manager: Some(format!("rep{}", rng.below(50))),
        tags: Vec::new(),
        bad_uscc: false,
    });
    let (chains, base_yuan) = match kind {
        CustomerKind::Individual => (1 + rng.below(2), 800 + rng.below(6000) as i64),
        CustomerKind::Sme => (1 + rng.below(4), 5_000 + rng.below(80_000) as i64),
        CustomerKind::Large => (2 + rng.below(8), 100_000 + rng.below(2_000_000) as i64),
    };
    let mut p = 0;
    for _ in 0..chains {
        let line = if kind == CustomerKind::Individual && rng.chance(0.7) {
            Line::Motor
        } else {
            rng.pick(Line::ALL)
        };
        let mut start = day_in(rng, date(2020, 1, 1), 1800);
        loop {
            let end = start + Duration::days(365);
            let cancelled = rng.chance(0.03).then(|| day_in(rng, start, 364));
            doc.policies.push(Policy {
                id: format!("P{n:07}-{p}"),
                customer_id: id.clone(),
                line,
                premium: Fen::from_yuan(base_yuan * (80 + rng.below(40) as i64) / 100),
                sum_insured: None,
                start_date: start,
                end_date: end,
                cancelled_on: cancelled,
                location_id: None,
            });
            if rng.chance(0.15) {
                let paid = rng.below(base_yuan as u64 * 2) as i64;
                doc.claims.push(Claim {
                    id: format!("K{n:07}-{p}"),
                    policy_id: format!("P{n:07}-{p}"),
                    customer_id: id.clone(),
                    loss_date: day_in(rng, start, 365),
                    reported_date: None,
                    cause: LossCause::Collision,
                    paid: Fen::from_yuan(paid),
                    reserve: Fen::from_yuan(rng.below(1000) as i64),
                    status: rng.pick(&[
                        ClaimStatus::Closed,
                        ClaimStatus::Open,
                        ClaimStatus::Denied,
                    ]),
                });
            }
            p += 1;
            if cancelled.is_some() || end > date(2026, 9, 30) || !rng.chance(0.8) {
                break;
            }
            start = end;
        }
    }
    for i in 0..rng.below(8) {
        doc.interactions.push(Interaction {
            id: format!("I{n:07}-{i}"),
            customer_id: id.clone(),
            at: day_in(rng, date(2024, 1, 1), 1000)
                .and_hms_opt(10, 0, 0)
                .expect("10:00 is a valid time"),
            channel: crate::model::Channel::Phone,
            kind: InteractionKind::Service,
            satisfaction: None,
            note: None,
        });
    }
    let locations = match kind {
        CustomerKind::Individual => u64::from(rng.chance(0.1)),
        _ => 1 + rng.below(3),
    };
    for i in 0..locations {
        doc.locations.push(Location {
            id: format!("L{n:07}-{i}"),
            customer_id: id.clone(),
            province: rng.pick(&provinces),
            city: None,
            construction: rng.pick(Construction::ALL),
            occupancy: rng.pick(Occupancy::ALL),
            year_built: rng.chance(0.8).then(|| 1960 + rng.below(65) as u16),
            sprinklered: rng.pick(&[Some(true), Some(false), None]),
            sum_insured: None,
        });
    }
    // Children are kept sorted by id (`CustomerDoc`'s contract).
    doc.policies.sort_by(|a, b| a.id.cmp(&b.id));
    doc.claims.sort_by(|a, b| a.id.cmp(&b.id));
    doc
}

/// Writes `customers` synthetic customers into `book` in one batch.
pub fn generate(book: &Book, customers: usize, seed: u64) -> Result<()> {
    let mut rng = Rng::new(seed);
    let mut batch = book.begin("bench", false)?;
    for n in 0..customers {
        let doc = customer(&mut rng, n);
        batch.put(&doc)?;
        let owner = Some(doc.customer.id.as_str());
        for c in &doc.locations {
            batch.set_owner::<Location>(&c.id, owner)?;
        }
        for c in &doc.policies {
            batch.set_owner::<Policy>(&c.id, owner)?;
        }
        for c in &doc.claims {
            batch.set_owner::<Claim>(&c.id, owner)?;
        }
        for c in &doc.interactions {
            batch.set_owner::<Interaction>(&c.id, owner)?;
        }
    }
    batch.commit(&format!("synthetic book of {customers} customers"))?;
    Ok(())
}
