//! Per line of business and kind of customer: premium level, claim
//! frequency, loss ratio, severity spread and reporting lag. The numbers are
//! set so that the demo book looks like a mainland P&C book: motor about 55%
//! of premium with about 0.2 claims a vehicle-year, property claims a few
//! percent a year but large, loss ratios around 50-65%.

use crate::model::{CustomerKind, Line};

#[derive(Clone, Copy, Debug)]
pub struct LineParams {
    /// Median first-year premium in yuan for a customer of size 1 (property
    /// and homeowners premiums come from the location's sum insured instead).
    pub median_premium: f64,
    pub premium_sigma: f64,
    /// Expected claims a policy-year.
    pub frequency: f64,
    /// Expected incurred / earned premium, which sets the mean severity.
    pub loss_ratio: f64,
    pub severity_sigma: f64,
    /// Mean days from loss to report.
    pub report_lag: f64,
}

const fn p(
    median_premium: f64,
    premium_sigma: f64,
    frequency: f64,
    loss_ratio: f64,
    severity_sigma: f64,
    report_lag: f64,
) -> LineParams {
    LineParams {
        median_premium,
        premium_sigma,
        frequency,
        loss_ratio,
        severity_sigma,
        report_lag,
    }
}

pub fn params(kind: CustomerKind, line: Line) -> LineParams {
    use CustomerKind::{Individual, Large, Sme};
    match (kind, line) {
        (Individual, Line::Motor) => p(3600.0, 0.35, 0.17, 0.68, 1.0, 2.0),
        (Sme, Line::Motor) => p(5200.0, 0.40, 0.22, 0.66, 1.0, 2.0),
        // A large enterprise's motor policy covers its fleet.
        (Large, Line::Motor) => p(100_000.0, 0.90, 1.5, 0.66, 1.0, 2.0),
        (Individual, Line::Homeowners) => p(0.0, 0.0, 0.03, 0.35, 1.2, 5.0),
        (_, Line::Homeowners) => p(0.0, 0.0, 0.04, 0.40, 1.2, 5.0),
        (Large, Line::Property) => p(0.0, 0.0, 0.08, 0.50, 1.6, 7.0),
        (_, Line::Property) => p(0.0, 0.0, 0.05, 0.55, 1.5, 7.0),
        (Individual, Line::Accident) => p(240.0, 0.50, 0.05, 0.40, 1.0, 10.0),
        (Sme, Line::Accident) => p(4000.0, 0.80, 0.35, 0.45, 1.0, 10.0),
        (Large, Line::Accident) => p(20_000.0, 0.70, 1.5, 0.45, 1.0, 10.0),
        (Individual, Line::Liability) => p(200.0, 0.50, 0.03, 0.40, 1.0, 20.0),
        (Sme, Line::Liability) => p(3000.0, 0.80, 0.08, 0.50, 1.2, 20.0),
        (Large, Line::Liability) => p(40_000.0, 0.80, 0.30, 0.50, 1.2, 20.0),
        (Large, Line::Cargo) => p(30_000.0, 0.90, 0.80, 0.55, 1.0, 10.0),
        (_, Line::Cargo) => p(5000.0, 0.90, 0.15, 0.55, 1.0, 10.0),
        (Large, Line::Engineering) => p(60_000.0, 1.00, 0.40, 0.50, 1.3, 10.0),
        (_, Line::Engineering) => p(15_000.0, 1.00, 0.12, 0.50, 1.3, 10.0),
        (Individual, Line::Other) => p(150.0, 0.70, 0.05, 0.40, 1.0, 10.0),
        (Sme, Line::Other) => p(2000.0, 0.80, 0.05, 0.40, 1.0, 10.0),
        (Large, Line::Other) => p(20_000.0, 0.80, 0.10, 0.40, 1.0, 10.0),
    }
}
