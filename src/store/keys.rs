//! Key encoding. Keys sort usefully: record ids are stored as their bytes
//! (ids never contain NUL, so `a\0b` composite keys sort by `a` then `b`),
//! numbers big-endian.

pub const SEP: u8 = 0;

/// `part1 \0 part2 \0 ...`
pub fn composite(parts: &[&[u8]]) -> Vec<u8> {
    let mut key = Vec::with_capacity(parts.iter().map(|p| p.len() + 1).sum());
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            key.push(SEP);
        }
        key.extend_from_slice(part);
    }
    key
}

/// The prefix that selects every composite key starting with `first`.
pub fn prefix(first: &str) -> Vec<u8> {
    let mut key = first.as_bytes().to_vec();
    key.push(SEP);
    key
}

/// Splits a composite key into its parts.
pub fn split(key: &[u8]) -> Vec<&[u8]> {
    key.split(|b| *b == SEP).collect()
}

pub fn u64_be(n: u64) -> [u8; 8] {
    n.to_be_bytes()
}

pub fn read_u64_be(bytes: &[u8]) -> Option<u64> {
    Some(u64::from_be_bytes(bytes.get(..8)?.try_into().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composite_keys_sort_by_first_part() {
        let k1 = composite(&[b"C1", b"P9"]);
        let k2 = composite(&[b"C10", b"P1"]);
        assert!(k1 < k2);
        assert!(k1.starts_with(&prefix("C1")));
        assert!(!k2.starts_with(&prefix("C1")));
        assert_eq!(split(&k1), vec![&b"C1"[..], &b"P9"[..]]);
    }
}
