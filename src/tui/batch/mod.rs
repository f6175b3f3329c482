//! Batch changes started from the UI (`t`, `n`, `i`, `u`, `p` and their `:`
//! forms): the customers they act on, the requests the writer thread runs
//! through `followup`, and what each committed batch changed, so the UI
//! can refresh exactly those customers and tasks.

pub mod changes;
mod run;
pub mod targets;

pub use changes::Changes;
pub use run::{run, BatchReply, BatchRequest};
pub use targets::{counted, Targets};
