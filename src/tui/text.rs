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

/// `text` broken into lines of at most `width` cells, at spaces where
/// possible (Chinese text, which has none, breaks between characters).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in text.split_inclusive(' ') {
        let w = word.trim_end().width();
        if used + w > width && used > 0 {
            lines.push(line.trim_end().to_string());
            line.clear();
            used = 0;
        }
        for c in word.chars() {
            let cw = c.width().unwrap_or(0);
            if used + cw > width && c != ' ' {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            line.push(c);
            used += cw;
        }
    }
    if !line.trim_end().is_empty() || lines.is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines
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
    fn wraps_at_spaces_and_between_chinese_characters() {
        assert_eq!(
            wrap("renewed 5 of 6 policies", 12),
            ["renewed 5 of", "6 policies"]
        );
        assert_eq!(
            wrap("专属客户经理定制保险方案", 10),
            ["专属客户经", "理定制保险", "方案"]
        );
        assert_eq!(wrap("", 5), [""]);
        assert!(wrap("a longwordthatdoesnotfit x", 8)
            .iter()
            .all(|l| width(l) <= 8));
    }

    #[test]
    fn windows_wide_text() {
        assert_eq!(window("张三abc", 2, 3), "三a");
        assert_eq!(window("abc", 1, 10), "bc");
    }
}
