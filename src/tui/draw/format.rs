//! Small formatting helpers shared by the panes.

use crate::model::{BehaviorLabel, Fen, Labelled, Tier};
use crate::tui::theme::Theme;

/// `1,234,567`.
pub fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

pub fn money(fen: Fen) -> String {
    fen.display_grouped()
}

/// `45%`, or `–` when there is nothing to divide.
pub fn percent(ratio: Option<f64>) -> String {
    ratio.map_or_else(|| "-".to_string(), |r| format!("{:.0}%", r * 100.0))
}

pub fn share(part: u64, whole: u64) -> String {
    if whole == 0 {
        "-".to_string()
    } else {
        format!("{:.0}%", part as f64 * 100.0 / whole as f64)
    }
}

pub fn tier(t: Option<Tier>, short: bool) -> &'static str {
    match (t, short) {
        (None, _) => "-",
        (Some(Tier::Medium), true) => "med",
        (Some(t), _) => t.code(),
    }
}

pub fn behavior(b: Option<BehaviorLabel>) -> &'static str {
    b.map_or("-", |b| b.code())
}

/// A horizontal bar of `width` cells filled in proportion to value/max.
pub fn bar(value: f64, max: f64, width: usize, theme: &Theme) -> String {
    let filled = if max > 0.0 {
        ((value / max).clamp(0.0, 1.0) * width as f64).round() as usize
    } else {
        0
    };
    format!(
        "{}{}",
        theme.bar_full.repeat(filled),
        theme.bar_empty.repeat(width - filled)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_counts_ratios_and_bars() {
        assert_eq!(count(1_234_567), "1,234,567");
        assert_eq!(count(999), "999");
        assert_eq!(percent(Some(0.456)), "46%");
        assert_eq!(percent(None), "-");
        assert_eq!(share(1, 3), "33%");
        let t = Theme::new(false, true);
        assert_eq!(bar(3.0, 4.0, 8, &t), "######..");
        assert_eq!(bar(9.0, 0.0, 3, &t), "...");
    }
}
