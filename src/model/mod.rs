//! Plain data of the book of business: no I/O, no sled, no terminal.
//!
//! Money is integer fen ([`Fen`]), dates are `chrono::NaiveDate`, and every
//! enumeration carries its CSV code and Chinese label (see `labels.rs`).

pub mod classification;
pub mod date_codec;
pub mod entities;
pub mod enums;
pub mod ids;
pub mod industry;
pub mod labels;
pub mod money;
pub mod province;
#[cfg(test)]
pub mod test_docs;

pub use classification::{Behavior, BehaviorLabel, Classification, ScoredTier, Tier};
pub use entities::{Child, Claim, Customer, CustomerDoc, Interaction, Location, Policy, Task};
pub use enums::{
    Channel, ClaimStatus, Construction, CustomerKind, InteractionKind, Line, LossCause, Occupancy,
    Priority, TaskStatus,
};
pub use industry::Industry;
pub use labels::Labelled;
pub use money::Fen;
pub use province::Province;
