//! A command's failure: the message for stderr and the exit code of cli.md.

use crate::store::StoreError;
use std::fmt;

pub const EXIT_PROBLEMS: i32 = 1;
pub const EXIT_USAGE: i32 = 2;
pub const EXIT_DATA: i32 = 65;
pub const EXIT_NO_INPUT: i32 = 66;
pub const EXIT_CANT_CREATE: i32 = 73;
pub const EXIT_IO: i32 = 74;
pub const EXIT_IN_USE: i32 = 75;

#[derive(Debug)]
pub struct Failure {
    pub code: i32,
    pub message: String,
}

impl Failure {
    pub fn new(code: i32, message: impl Into<String>) -> Failure {
        Failure {
            code,
            message: message.into(),
        }
    }

    pub fn usage(message: impl Into<String>) -> Failure {
        Failure::new(EXIT_USAGE, message)
    }

    pub fn data(message: impl Into<String>) -> Failure {
        Failure::new(EXIT_DATA, message)
    }

    pub fn io(message: impl Into<String>) -> Failure {
        Failure::new(EXIT_IO, message)
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Failure {
        Failure::new(e.exit_code(), e.to_string())
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Failure {
        Failure::io(format!("I/O error: {e}"))
    }
}

pub type CliResult<T = ()> = Result<T, Failure>;
