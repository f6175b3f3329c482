use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "the book {path} is in use by another pcrm process (pid {pid}, user {user}); \
         close that pcrm (or wait for it to finish) and try again"
    )]
    InUse {
        path: PathBuf,
        pid: String,
        user: String,
    },
    #[error("cannot create or open the book at {path}: {source}")]
    Create {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the book at {path} was written by a newer pcrm (schema {found}, this build reads up to {supported})")]
    TooNew {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error("{0} does not exist")]
    NotFound(String),
    #[error("corrupt record: {0}")]
    Corrupt(String),
    #[error("database error: {0}")]
    Sled(#[from] sled::Error),
    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
}

impl StoreError {
    /// The exit code of cli.md for this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            StoreError::InUse { .. } => 75,
            StoreError::Create { .. } | StoreError::TooNew { .. } => 73,
            StoreError::NotFound(_) => 65,
            StoreError::Corrupt(_) | StoreError::Sled(_) | StoreError::Io(_) => 74,
        }
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;
