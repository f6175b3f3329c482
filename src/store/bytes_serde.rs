//! Byte strings through serde as bytes rather than as sequences of `u8`.
//! bincode stores both the same way (a length, then the bytes), so the
//! stored format does not change; but a `Vec<u8>` field goes through serde
//! one call per byte, which made encoding and decoding the journal of a
//! tag batch (tens of MB of before-images) a visible part of it.
//! For `#[serde(with = "...")]`.

use serde::de::{Deserializer, Error, SeqAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};

struct ByteBuf(Vec<u8>);

impl<'de> Deserialize<'de> for ByteBuf {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<ByteBuf, D::Error> {
        struct Bytes;
        impl<'de> Visitor<'de> for Bytes {
            type Value = ByteBuf;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("bytes")
            }
            fn visit_bytes<E: Error>(self, v: &[u8]) -> Result<ByteBuf, E> {
                Ok(ByteBuf(v.to_vec()))
            }
            fn visit_byte_buf<E: Error>(self, v: Vec<u8>) -> Result<ByteBuf, E> {
                Ok(ByteBuf(v))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ByteBuf, A::Error> {
                let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0));
                while let Some(b) = seq.next_element()? {
                    out.push(b);
                }
                Ok(ByteBuf(out))
            }
        }
        d.deserialize_byte_buf(Bytes)
    }
}

struct BytesRef<'a>(&'a [u8]);

impl Serialize for BytesRef<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(self.0)
    }
}

pub mod vec {
    use super::*;

    pub fn serialize<S: Serializer>(v: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(v)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        Ok(ByteBuf::deserialize(d)?.0)
    }
}

pub mod option {
    use super::*;

    pub fn serialize<S: Serializer>(v: &Option<Vec<u8>>, s: S) -> Result<S::Ok, S::Error> {
        v.as_deref().map(BytesRef).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<u8>>, D::Error> {
        Ok(Option::<ByteBuf>::deserialize(d)?.map(|b| b.0))
    }
}

#[cfg(test)]
mod tests {
    use crate::store::codec;
    use serde::{Deserialize, Serialize};

    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    struct AsSequences {
        key: Vec<u8>,
        before: Option<Vec<u8>>,
        other: Option<Vec<u8>>,
    }

    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    struct AsBytes {
        #[serde(with = "super::vec")]
        key: Vec<u8>,
        #[serde(with = "super::option")]
        before: Option<Vec<u8>>,
        #[serde(with = "super::option")]
        other: Option<Vec<u8>>,
    }

    #[test]
    fn stores_the_same_bytes_as_a_vec_of_u8() {
        // Long enough that the lengths take more than one varint byte.
        let long: Vec<u8> = (0..=255u8).cycle().take(70_000).collect();
        let old = AsSequences {
            key: b"C0001".to_vec(),
            before: Some(long.clone()),
            other: None,
        };
        let new = AsBytes {
            key: old.key.clone(),
            before: Some(long),
            other: None,
        };
        let bytes = codec::encode(&old);
        assert_eq!(codec::encode(&new), bytes);
        let back: AsBytes = codec::decode(&bytes, &|| "journal".into()).unwrap();
        assert_eq!(back, new);
    }
}
