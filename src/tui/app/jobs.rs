//! The app's side of the engine's background jobs: classification runs and
//! their progress, the search index and its answers, the as-of date, the
//! segments export.

use super::App;
use crate::classify::{EngineEvent, Job};
use crate::roster::{LoadRequest, Roster};
use crate::search::SearchEvent;
use crate::tui::batch::counted;
use crate::tui::overlays::search::{Search, LIMIT};
use crate::tui::overlays::Overlay;
use crate::tui::writer::WriteRequest;
use chrono::NaiveDate;
use std::path::PathBuf;

/// Up to this many changed customers are re-read by the search index too
/// (their value tier breaks ties).
pub(super) const RESEARCH_UP_TO: usize = 10_000;

impl App {
    /// `r`: a full classification now (replacing any pending request).
    pub(super) fn classify_now(&mut self) {
        self.classify_asked = true;
        self.workers.engine.request(Job::Full);
        self.set_progress("classifying", 0, None);
        self.info("classification started (Esc cancels)");
    }

    pub(super) fn classifying(&self) -> bool {
        self.jobs.iter().any(|j| j.label == "classifying")
    }

    /// Esc with nothing else to close: cancels the classification.
    pub(super) fn cancel_job(&mut self) {
        if self.classifying() {
            self.workers.engine.cancel();
            self.info("cancelling the classification…");
        }
    }

    pub(super) fn on_engine(&mut self, event: EngineEvent) {
        match event {
            EngineEvent::Progress { done, total, .. } => {
                self.set_progress("classifying", done, Some(total))
            }
            EngineEvent::Finished { changed, elapsed } => {
                let asked = std::mem::take(&mut self.classify_asked);
                self.end_progress("classifying");
                self.labels_ready_for_playbooks(Ok(()));
                // A run nobody asked for (after a batch) does not replace
                // what the status line says (the batch's result and how to
                // undo it): the list shows the new labels anyway.
                if asked || (!changed.is_empty() && self.message.is_none()) {
                    self.info(format!(
                        "classified in {:.1} s: {} changed labels",
                        elapsed.as_secs_f64(),
                        counted(changed.len(), "customer")
                    ));
                }
                if changed.is_empty() {
                    return;
                }
                // Too many to list (`Changed::LISTED_UP_TO`): every stored
                // label is re-read in one pass rather than one by one.
                let ids = changed.into_ids();
                self.reload_customer_views(ids.as_deref());
                if let Some(ids) = ids.as_ref().filter(|ids| ids.len() <= RESEARCH_UP_TO) {
                    self.workers.searcher.refresh(ids.clone());
                }
                if self.loaded {
                    self.refresh_labels(ids);
                } else {
                    // Rows read before the run have old labels.
                    self.labels_after_load = true;
                }
            }
            EngineEvent::Cancelled => {
                self.classify_asked = false;
                self.end_progress("classifying");
                self.labels_ready_for_playbooks(Err("the classification was cancelled".into()));
                self.info("classification cancelled; the stored labels stay as they were");
            }
            EngineEvent::Failed(why) => {
                self.classify_asked = false;
                self.end_progress("classifying");
                self.labels_ready_for_playbooks(Err(format!("classification failed: {why}")));
                self.error(format!("classification failed: {why}"));
            }
        }
    }

    /// Re-reads stored labels into the roster (all with `None`).
    pub(super) fn refresh_labels(&mut self, ids: Option<Vec<String>>) {
        if ids.is_none() {
            self.set_progress("relabelling", 0, Some(self.roster.len()));
        }
        self.workers.feeder.request(LoadRequest::Labels {
            roster: self.roster.clone(),
            ids,
        });
    }

    pub(super) fn on_search(&mut self, event: SearchEvent) {
        match event {
            SearchEvent::BuildProgress { done, total } => {
                self.set_progress("indexing", done, (total > 0).then_some(total))
            }
            SearchEvent::Ready { .. } => {
                self.end_progress("indexing");
                // Answer what was typed while the index was building.
                self.search_changed();
            }
            SearchEvent::Results { query_id, hits } => {
                if let Some(Overlay::Search(s)) = self.overlays.last_mut() {
                    if query_id == self.search_sent {
                        s.hits = hits;
                        s.answered = query_id;
                        s.cursor.pos = 0;
                        self.redraw = super::Redraw::Now;
                    }
                }
            }
            SearchEvent::Failed(why) => {
                self.end_progress("indexing");
                self.error(format!("search: {why}"));
            }
        }
    }

    /// `/`: the search box, over whatever is shown.
    pub(super) fn open_search(&mut self) {
        self.overlays.retain(|o| !matches!(o, Overlay::Search(_)));
        self.overlays.push(Overlay::Search(Search::default()));
    }

    /// The search text changed: ask for its hits (stale answers are
    /// dropped by query id).
    pub(super) fn search_changed(&mut self) {
        let Some(Overlay::Search(s)) = self.overlays.last_mut() else {
            return;
        };
        let text = s.edit.text().trim().to_string();
        self.search_sent += 1;
        if text.is_empty() {
            s.hits.clear();
            s.answered = self.search_sent;
            return;
        }
        self.workers.searcher.query(self.search_sent, &text, LIMIT);
    }

    /// Enter in the search box: the customer of the hit under the cursor.
    pub(super) fn open_search_hit(&mut self) {
        let Some(Overlay::Search(s)) = self.overlays.last() else {
            return;
        };
        let Some(id) = s.current().map(|h| h.customer_id.clone()) else {
            return;
        };
        self.overlays.pop();
        if let Some(row) = self.roster.find(&id) {
            self.customers.focus_row(row, self.roster.len());
        }
        self.open_customer(&id);
    }

    /// `:asof DATE`: premiums, windows and labels at another date. The
    /// roster is read again and the engine reclassifies.
    pub(super) fn set_as_of(&mut self, date: NaiveDate) {
        if date == self.as_of {
            return;
        }
        self.reselect_after_load = self.selected_customer_ids();
        self.as_of = date;
        self.workers.engine.set_params(self.rules.clone(), date);
        self.workers.restart_feeder(&self.book, date);
        self.roster = Roster::new(date);
        self.loaded = false;
        self.customers.reset();
        self.segments_data = None;
        self.risk_data = None;
        self.overlays.clear();
        self.set_progress("loading", 0, None);
        self.info(format!(
            "as of {date}: reading the book again and reclassifying"
        ));
    }

    /// `:export segments FILE`: the stored labels of the customers the
    /// filter shows, as `pcrm export segments`.
    pub(super) fn export_segments(&mut self, file: &str) {
        self.workers.writer.request(WriteRequest::ExportSegments {
            path: PathBuf::from(file),
            filter: self.customers.filter.clone(),
        });
        self.set_progress("exporting", 0, None);
    }
}
