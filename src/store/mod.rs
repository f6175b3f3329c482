//! The book on sled: open/lock/flush, the versioned value codec, key
//! encoding, the zero-copy view of a stored customer doc, typed tables with
//! their indexes, the journal that makes a batch all-or-nothing, the audit
//! log, migrations and the integrity check.
//! Nothing above this module sees sled or bincode types.

mod batch;
mod book;
mod bytes_serde;
pub mod check;
pub mod codec;
mod doc_view;
mod error;
mod grouped;
mod journal;
pub mod keys;
mod lock;
mod migrate;
mod owners;
mod records;
pub mod two_ends;

pub use batch::{now_micros, AuditEntry, Batch, BatchInfo};
pub use book::{Book, UI_CACHE_BYTES};
pub use doc_view::{
    ClaimView, CustomerView, Day, DocHead, DocView, InteractionView, LocationView, PolicyView, Text,
};
pub use error::{Result, StoreError};
pub use journal::{
    chunks as journal_chunks, chunks_newest_first as journal_chunks_newest_first,
    exists as journal_exists, forget as forget_journal, AfterImage, JournalChunk, JournalEntry,
    UNDO_DEPTH,
};
pub use lock::login_name;
pub use migrate::schema_version;
pub use owners::kind_of_table as owner_kind_of_table;
pub use records::{tag_key, Record, TreeId};
