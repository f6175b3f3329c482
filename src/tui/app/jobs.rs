//! Glue to the engine's background jobs: classification and search.

use super::App;
use chrono::NaiveDate;

impl App {
    pub(super) fn classify_now(&mut self) {
        self.error("classification is not available in this build");
    }

    pub(super) fn cancel_job(&mut self) {}

    pub(super) fn open_search(&mut self) {
        self.error("search is not available in this build");
    }

    pub(super) fn set_as_of(&mut self, date: NaiveDate) {
        self.as_of = date;
    }

    pub(super) fn export_segments(&mut self, file: &str) {
        self.error(format!("cannot export to {file} in this build"));
    }
}
