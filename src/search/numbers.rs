//! Phone numbers and id numbers for substring search: one byte buffer per
//! column holding every customer's value followed by a separator, so that a
//! whole-column scan finds a typed fragment anywhere without matching across
//! two customers, and a refinement checks one value at a time.

/// Never part of a stored value or a pattern.
const SEP: u8 = 0;

#[derive(Default)]
pub struct NumberColumn {
    bytes: Vec<u8>,
    /// Start of each ordinal's value in `bytes` (increasing).
    starts: Vec<u32>,
}

impl NumberColumn {
    /// Appends the value of the next ordinal (empty when absent). Values are
    /// already normalised (digits; upper-case letters) by the caller.
    pub fn push(&mut self, value: &str) {
        // Offsets are u32: a column holds well under 4 GB (1M × 19 bytes).
        let start = u32::try_from(self.bytes.len()).expect("number column under 4 GB");
        self.starts.push(start);
        self.bytes
            .extend(value.bytes().filter(|b| *b != SEP).take(u8::MAX as usize));
        self.bytes.push(SEP);
    }

    /// Appends another column's values, last ordinal first, as the next
    /// ordinals.
    pub fn append_reversed(&mut self, other: &NumberColumn) {
        self.starts.reserve(other.starts.len());
        self.bytes.reserve(other.bytes.len());
        let mut end = other.bytes.len();
        for &start in other.starts.iter().rev() {
            let at = u32::try_from(self.bytes.len()).expect("number column under 4 GB");
            self.starts.push(at);
            // The value with its separator.
            self.bytes
                .extend_from_slice(&other.bytes[start as usize..end]);
            end = start as usize;
        }
    }

    /// The value of an ordinal.
    pub fn get(&self, ordinal: u32) -> &[u8] {
        let start = self.starts[ordinal as usize] as usize;
        let end = self.bytes[start..]
            .iter()
            .position(|b| *b == SEP)
            .map_or(self.bytes.len(), |p| start + p);
        &self.bytes[start..end]
    }

    pub fn get_str(&self, ordinal: u32) -> &str {
        // Values are pushed from `&str` and cut only at ASCII bytes.
        std::str::from_utf8(self.get(ordinal)).unwrap_or("")
    }

    /// Ordinals in `lo..hi` whose value contains `pattern`, in order and
    /// without repeats. `stop` is polled now and then; a `true` abandons the
    /// scan (`None`).
    pub fn scan(
        &self,
        pattern: &[u8],
        lo: u32,
        hi: u32,
        stop: &dyn Fn() -> bool,
    ) -> Option<Vec<u32>> {
        let mut out = Vec::new();
        if pattern.is_empty() || lo >= hi {
            return Some(out);
        }
        let from = self.starts[lo as usize] as usize;
        let to = self
            .starts
            .get(hi as usize)
            .map_or(self.bytes.len(), |s| *s as usize);
        let hay = &self.bytes[from..to];
        const STEP: usize = 1 << 16;
        let mut pos = 0;
        let mut last: Option<u32> = None;
        while pos < hay.len() {
            if stop() {
                return None;
            }
            // Windows may start in this step and end in the next.
            let end = (pos + STEP).min(hay.len());
            let window_end = (end + pattern.len() - 1).min(hay.len());
            for hit in find_all(&hay[pos..window_end], pattern) {
                let at = (from + pos + hit) as u32;
                let ordinal = (self.starts.partition_point(|s| *s <= at) - 1) as u32;
                if last != Some(ordinal) {
                    out.push(ordinal);
                    last = Some(ordinal);
                }
            }
            pos = end;
        }
        Some(out)
    }

    pub fn heap_bytes(&self) -> usize {
        self.bytes.capacity() + self.starts.capacity() * 4
    }

    pub fn shrink_to_fit(&mut self) {
        self.bytes.shrink_to_fit();
        self.starts.shrink_to_fit();
    }
}

/// Start positions of `pattern` in `hay`, in order. For the usual 4+ byte
/// fragments, each 8-byte load tests 5 positions against the first 4 bytes
/// (the data are digits, so a first-byte filter would pass one position in
/// ten); the rest of the pattern is compared only on such a hit.
fn find_all(hay: &[u8], pattern: &[u8]) -> Vec<usize> {
    let n = pattern.len();
    let mut out = Vec::new();
    if n == 0 || hay.len() < n {
        return out;
    }
    let matches_at = |p: usize| hay[p..p + n] == *pattern;
    let mut i = 0;
    if n >= 4 {
        let head = u32::from_le_bytes([pattern[0], pattern[1], pattern[2], pattern[3]]);
        while i + 8 <= hay.len() {
            let mut word = [0u8; 8];
            word.copy_from_slice(&hay[i..i + 8]);
            let word = u64::from_le_bytes(word);
            for k in 0..5 {
                if (word >> (8 * k)) as u32 == head && i + k + n <= hay.len() && matches_at(i + k) {
                    out.push(i + k);
                }
            }
            i += 5;
        }
    }
    out.extend((i..=hay.len() - n).filter(|&p| matches_at(p)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column(values: &[&str]) -> NumberColumn {
        let mut c = NumberColumn::default();
        for v in values {
            c.push(v);
        }
        c
    }

    #[test]
    fn finds_fragments_anywhere_but_never_across_values() {
        let c = column(&["13812345678", "", "13900001234", "01088886666"]);
        let never = || false;
        assert_eq!(c.scan(b"5678", 0, 4, &never), Some(vec![0]));
        assert_eq!(c.scan(b"1234", 0, 4, &never), Some(vec![0, 2]));
        assert_eq!(c.scan(b"8888", 0, 4, &never), Some(vec![3]));
        // "5678" + "1390" would only match across the separator.
        assert_eq!(c.scan(b"56781390", 0, 4, &never), Some(vec![]));
        assert_eq!(c.scan(b"1234", 1, 3, &never), Some(vec![2]));
        assert_eq!(c.scan(b"666", 0, 4, &never), Some(vec![3]));
        assert_eq!(c.get(2), b"13900001234");
        assert_eq!(c.get(1), b"");
        assert_eq!(c.scan(b"1234", 0, 4, &|| true), None);
    }

    #[test]
    fn a_column_appended_reversed_reads_and_scans_in_the_new_order() {
        let mut c = column(&["13812345678"]);
        c.append_reversed(&column(&["01088886666", "", "13900001234"]));
        let values: Vec<&[u8]> = (0..4).map(|o| c.get(o)).collect();
        let want: [&[u8]; 4] = [b"13812345678", b"13900001234", b"", b"01088886666"];
        assert_eq!(values, want);
        let never = || false;
        assert_eq!(c.scan(b"1234", 0, 4, &never), Some(vec![0, 1]));
        assert_eq!(c.scan(b"8888", 0, 4, &never), Some(vec![3]));
    }
}
