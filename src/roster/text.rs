//! The roster's strings (customer ids and names) in shared, append-only
//! pages: one allocation per megabyte instead of two per customer, and cheap
//! to snapshot (see `chunked.rs`). A changed name is appended again; the old
//! bytes stay until the roster is rebuilt, which edits are too rare to mind.

use std::sync::Arc;

const PAGE_BITS: u32 = 20;
const PAGE: usize = 1 << PAGE_BITS;
/// Longer strings are cut (at a character boundary) to fit a span.
const MAX_LEN: usize = u16::MAX as usize;

/// Where a string lies in a [`TextArena`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Span {
    at: u32,
    len: u16,
}

#[derive(Clone, Debug, Default)]
pub struct TextArena {
    pages: Vec<Arc<String>>,
}

impl TextArena {
    pub fn push(&mut self, text: &str) -> Span {
        let mut end = text.len().min(MAX_LEN);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let text = &text[..end];
        let fits = self
            .pages
            .last()
            .is_some_and(|p| p.len() + text.len() <= PAGE);
        if !fits {
            self.pages.push(Arc::new(String::with_capacity(PAGE)));
        }
        let page_index = self.pages.len() - 1;
        let page = Arc::make_mut(&mut self.pages[page_index]);
        let at = (page_index << PAGE_BITS) + page.len();
        page.push_str(text);
        Span {
            at: at as u32,
            len: text.len() as u16,
        }
    }

    pub fn get(&self, span: Span) -> &str {
        let at = span.at as usize;
        let start = at & (PAGE - 1);
        &self.pages[at >> PAGE_BITS][start..start + usize::from(span.len)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_come_back_whole_across_pages() {
        let mut arena = TextArena::default();
        let long = "张".repeat(20_000); // 60 KB
        let a = arena.push("C0001");
        // Twenty 60 KB strings overflow the first 1 MB page.
        let b: Vec<Span> = (0..20).map(|_| arena.push(&long)).collect();
        let c = arena.push("张三");
        let snapshot = arena.clone();
        let d = arena.push("李四");
        assert_eq!(snapshot.get(a), "C0001");
        assert_eq!(snapshot.get(c), "张三");
        assert_eq!(arena.get(d), "李四");
        assert!(b.iter().all(|s| arena.get(*s) == long));
        assert_eq!(arena.pages.len(), 2);
    }

    #[test]
    fn overlong_strings_are_cut_at_a_character_boundary() {
        let mut arena = TextArena::default();
        let span = arena.push(&"字".repeat(30_000));
        let text = arena.get(span);
        assert!(text.len() <= MAX_LEN);
        assert!(text.chars().all(|c| c == '字'));
    }
}
