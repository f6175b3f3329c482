//! The background worker that sorts and filters the roster and sums the
//! segment cube and risk profile, on snapshots, so that a million rows never
//! hold up a keystroke. Single-flight: a newer request replaces the ones
//! still waiting.

use super::aggregates::{RiskProfile, Segments};
use super::row::RowId;
use super::table::Roster;
use super::view::{view, Sort};
use crate::segment::Expr;
use crossbeam_channel::{Receiver, Sender};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub struct ViewRequest {
    /// Echoed in the result, so the UI can drop results it no longer wants.
    pub generation: u64,
    pub roster: Roster,
    pub filter: Option<Arc<Expr>>,
    pub sort: Sort,
    /// Also sum the segment cube and risk profile (the data changed).
    pub aggregates: bool,
}

pub struct ViewResult {
    pub generation: u64,
    pub order: Vec<RowId>,
    pub aggregates: Option<Box<(Segments, RiskProfile)>>,
    pub elapsed: Duration,
}

pub struct Analyst {
    requests: Sender<ViewRequest>,
}

impl Analyst {
    pub fn start() -> (Analyst, Receiver<ViewResult>) {
        let (req_tx, req_rx) = crossbeam_channel::unbounded::<ViewRequest>();
        let (tx, rx) = crossbeam_channel::unbounded();
        std::thread::Builder::new()
            .name("roster-view".into())
            .spawn(move || {
                super::background_priority();
                while let Ok(mut request) = req_rx.recv() {
                    let mut aggregates = request.aggregates;
                    while let Ok(newer) = req_rx.try_recv() {
                        aggregates |= newer.aggregates;
                        request = newer;
                    }
                    let started = Instant::now();
                    let order = view(&request.roster, request.filter.as_deref(), request.sort);
                    let aggregates = aggregates.then(|| {
                        Box::new((
                            Segments::compute(&request.roster),
                            RiskProfile::compute(&request.roster),
                        ))
                    });
                    let result = ViewResult {
                        generation: request.generation,
                        order,
                        aggregates,
                        elapsed: started.elapsed(),
                    };
                    if tx.send(result).is_err() {
                        break;
                    }
                }
            })
            .expect("spawning the roster view thread");
        (Analyst { requests: req_tx }, rx)
    }

    pub fn request(&self, request: ViewRequest) {
        let _ = self.requests.send(request);
    }
}
