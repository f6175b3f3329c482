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

    /// Appends another column's values as the next ordinals.
    pub fn append(&mut self, other: &NumberColumn) {
        let base = u32::try_from(self.bytes.len()).expect("number column under 4 GB");
        self.starts.extend(other.starts.iter().map(|s| s + base));
        self.bytes.extend_from_slice(&other.bytes);
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

/// Start positions of `pattern` in `hay`. For the usual 4+ byte fragments,
/// the first 4 bytes are compared as one word per position (the data are
/// digits, so a first-byte filter would pass one position in ten), the rest
/// only on a word hit.
fn find_all<'a>(hay: &'a [u8], pattern: &'a [u8]) -> Box<dyn Iterator<Item = usize> + 'a> {
    let n = pattern.len();
    let positions = 0..(hay.len() + 1).saturating_sub(n);
    if n < 4 {
        return Box::new(positions.filter(move |&i| &hay[i..i + n] == pattern));
    }
    let head = word(&pattern[..4]);
    Box::new(positions.filter(move |&i| word(&hay[i..i + 4]) == head && hay[i + 4..i + n] == pattern[4..]))
}

fn word(four: &[u8]) -> u32 {
    u32::from_le_bytes([four[0], four[1], four[2], four[3]])
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
}
