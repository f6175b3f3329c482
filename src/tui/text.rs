//! Text cut and padded by display width (Chinese characters take two
//! cells), never by bytes or chars.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

pub fn width(text: &str) -> usize {
    text.width()
}

/// `text` cut to at most `max` cells, ending in `ellipsis` when cut. A wide
/// character that would straddle the edge is dropped whole.
pub fn fit(text: &str, max: usize, ellipsis: &str) -> String {
    if text.width() <= max {
        return text.to_string();
    }
    let room = max.saturating_sub(ellipsis.width());
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > room {
            break;
        }
        out.push(c);
        used += w;
    }
    if max >= ellipsis.width() {
        out.push_str(ellipsis);
    }
    out
}

/// The part of `text` visible when `skip` cells scroll off the left and
/// `max` cells show; for input lines longer than their box.
pub fn window(text: &str, skip: usize, max: usize) -> String {
    let mut out = String::new();
    let (mut col, mut used) = (0, 0);
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if col >= skip {
            if used + w > max {
                break;
            }
            out.push(c);
            used += w;
        }
        col += w;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_by_display_width() {
        assert_eq!(fit("张三丰", 6, "…"), "张三丰");
        assert_eq!(fit("张三丰", 5, "…"), "张三…");
        assert_eq!(fit("张三丰", 4, "…"), "张…");
        assert_eq!(width(&fit("上海浦东发展银行股份有限公司", 9, "~")), 9);
        assert_eq!(fit("abcdef", 4, "~"), "abc~");
        assert_eq!(fit("abc", 0, "…"), "");
    }

    #[test]
    fn windows_wide_text() {
        assert_eq!(window("张三abc", 2, 3), "三a");
        assert_eq!(window("abc", 1, 10), "bc");
    }
}
