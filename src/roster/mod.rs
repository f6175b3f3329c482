//! The roster: the in-memory projection of the book that every screen
//! reads (architecture.md). Per customer: id, name, kind, province,
//! industry, manager, tags, the stored labels and scores, annual premium,
//! loss-ratio inputs, insured values per province, satisfaction and open
//! tasks, packed small enough for a million customers.
//!
//! It is built in the background from the stored classification (never
//! recomputed here), kept current by refreshes after classification runs
//! and edits, and sorted, filtered and summed on snapshots in another
//! background thread. Nothing here knows about terminals.

mod aggregates;
mod analyst;
mod chunked;
mod facts;
mod interner;
mod load;
mod row;
mod subject;
mod table;
mod text;
mod view;

pub use crate::store::DocView;
pub use aggregates::{
    Cell, Exposure, Group, Grouping, RiskProfile, Segments, TierRisk, Totals, HIGHEST,
};
pub use analyst::{Analyst, ViewRequest, ViewResult};
pub use facts::{facts, Facts};
pub use load::{Feeder, LoadEvent, LoadRequest, LABELS_PER_MESSAGE};
pub use row::{Labels, RowData, RowId};
pub use table::{Roster, RowRef};
pub use view::{view, Column, Sort};

/// Lowers the calling thread's scheduling priority (nice 10; Linux keeps
/// nice per thread): background work must not take a core from the thread
/// that draws the screen on a busy two-core machine.
pub fn background_priority() {
    // SAFETY: setpriority has no memory-safety preconditions; failing
    // (not permitted, not Linux) leaves the priority as it was.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 10);
    }
}
