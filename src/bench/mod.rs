//! Reproducible benchmarks behind `pcrm bench WHAT`: they build (or reuse) a
//! demo book of the requested size in a working directory, then time the
//! real operations. Phases whose memory matters run as child `pcrm`
//! processes so that their peak RSS is their own.

pub mod followups;
pub mod measure;
