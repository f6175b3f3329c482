//! Insured locations (COPE data) of demo customers: occupancy follows the
//! trade, construction follows the occupancy, and the sum insured follows
//! the customer's size.

use super::geography::Place;
use super::profile::Profile;
use super::rng::{Rng, Weighted};
use crate::model::{Construction, CustomerKind, Fen, Location, Occupancy};
use chrono::{Datelike, NaiveDate};

use Construction::{FireResistive, Frame, Masonry, NonCombustible};
use Occupancy::{Hazardous, Manufacturing, Office, Residential, Retail, Warehouse};

fn occupancies(section: Option<char>) -> Weighted<Occupancy> {
    let table: &[(Occupancy, f64)] = match section {
        None => &[(Residential, 1.0)],
        Some('B') => &[(Hazardous, 5.0), (Manufacturing, 3.0), (Warehouse, 2.0)],
        Some('C') => &[
            (Manufacturing, 6.0),
            (Warehouse, 2.0),
            (Hazardous, 1.0),
            (Office, 1.0),
        ],
        Some('D') => &[(Manufacturing, 5.0), (Hazardous, 2.0), (Office, 3.0)],
        Some('E') => &[(Office, 4.0), (Warehouse, 6.0)],
        Some('F') => &[(Retail, 5.5), (Warehouse, 3.5), (Office, 1.0)],
        Some('G') => &[(Warehouse, 7.0), (Office, 2.5), (Hazardous, 0.5)],
        Some('H') => &[(Retail, 7.0), (Residential, 1.0), (Office, 2.0)],
        Some('K') => &[(Residential, 4.0), (Office, 4.0), (Retail, 2.0)],
        Some('A') => &[(Warehouse, 5.0), (Manufacturing, 3.0), (Residential, 2.0)],
        Some(_) => &[(Office, 8.0), (Retail, 1.0), (Residential, 1.0)],
    };
    Weighted::new(table.iter().copied())
}

fn constructions(occupancy: Occupancy) -> Weighted<Construction> {
    let table: &[(Construction, f64)] = match occupancy {
        Residential => &[
            (FireResistive, 55.0),
            (Masonry, 38.0),
            (NonCombustible, 5.0),
            (Frame, 2.0),
        ],
        Office => &[
            (FireResistive, 75.0),
            (NonCombustible, 15.0),
            (Masonry, 10.0),
        ],
        Retail => &[
            (FireResistive, 50.0),
            (Masonry, 30.0),
            (NonCombustible, 15.0),
            (Frame, 5.0),
        ],
        Warehouse => &[
            (NonCombustible, 50.0),
            (FireResistive, 20.0),
            (Masonry, 20.0),
            (Frame, 10.0),
        ],
        Manufacturing => &[
            (NonCombustible, 45.0),
            (FireResistive, 30.0),
            (Masonry, 20.0),
            (Frame, 5.0),
        ],
        Hazardous => &[
            (NonCombustible, 50.0),
            (FireResistive, 40.0),
            (Masonry, 10.0),
        ],
    };
    Weighted::new(table.iter().copied())
}

/// `Some(true)`, `Some(false)` or unknown.
fn sprinklered(rng: &mut Rng, occupancy: Occupancy) -> Option<bool> {
    let (yes, no) = match occupancy {
        Residential => (0.05, 0.70),
        Office | Retail => (0.60, 0.25),
        Warehouse | Manufacturing | Hazardous => (0.55, 0.30),
    };
    let roll = rng.uniform();
    if roll < yes {
        Some(true)
    } else if roll < yes + no {
        Some(false)
    } else {
        None
    }
}

fn year_built(rng: &mut Rng, as_of: NaiveDate) -> Option<u16> {
    let roll = rng.uniform();
    let age = if roll < 0.80 {
        rng.range(1, 35)
    } else if roll < 0.95 {
        rng.range(35, 75)
    } else {
        return None;
    };
    u16::try_from(i64::from(as_of.year()) - age).ok()
}

/// Premium rate (premium / sum insured) of fire cover: worse construction
/// and occupancy pay more.
pub fn property_rate(rng: &mut Rng, location: &Location) -> f64 {
    let construction = match location.construction {
        FireResistive => 1.0,
        NonCombustible => 1.1,
        Masonry => 1.5,
        Frame => 2.5,
    };
    let occupancy = match location.occupancy {
        Residential | Office => 0.8,
        Retail => 1.0,
        Warehouse => 1.2,
        Manufacturing => 1.3,
        Hazardous => 2.0,
    };
    let sprinklers = if location.sprinklered == Some(true) {
        0.8
    } else {
        1.0
    };
    0.0009 * construction * occupancy * sprinklers * rng.lognormal_unit_mean(0.3)
}

/// One insured location of the customer at `place`.
pub fn location(
    rng: &mut Rng,
    id: String,
    customer_id: &str,
    profile: &Profile,
    place: Place,
    as_of: NaiveDate,
) -> Location {
    let section = profile
        .industry
        .filter(|_| profile.kind.is_enterprise())
        .map(|i| i.letter());
    let occupancy = occupancies(section).sample(rng);
    let construction = constructions(occupancy).sample(rng);
    let (median, sigma) = match profile.kind {
        CustomerKind::Individual => (900_000.0, 0.6),
        CustomerKind::Sme => (3_000_000.0, 1.0),
        CustomerKind::Large => (15_000_000.0, 1.1),
    };
    let yuan = rng.lognormal(median * profile.size, sigma).max(50_000.0);
    Location {
        id,
        customer_id: customer_id.to_string(),
        province: place.province,
        city: Some(place.city.name.to_string()),
        construction,
        occupancy,
        year_built: year_built(rng, as_of),
        sprinklered: sprinklered(rng, occupancy),
        sum_insured: Some(Fen::from_yuan((yuan / 1000.0).round() as i64 * 1000)),
    }
}
