//! A stored customer doc seen as its `Customer` followed by the rest of its
//! bytes: bincode is positional, so a doc is its customer's fields, then its
//! locations, policies, claims and interactions. Retagging rewrites only the
//! front; decoding and re-encoding every child of every doc cost about as
//! much as the batch's writes.

use crate::model::Customer;
use crate::store::{codec, Result};

pub struct StoredDoc<'a> {
    pub customer: Customer,
    /// The encoded children, untouched.
    children: &'a [u8],
}

impl<'a> StoredDoc<'a> {
    pub fn decode(bytes: &'a [u8], id: &str) -> Result<StoredDoc<'a>> {
        let (customer, children) = codec::decode_head(bytes, &|| format!("customers/{id}"))?;
        Ok(StoredDoc { customer, children })
    }

    /// The stored value: the same bytes a whole `CustomerDoc` encodes to.
    pub fn encode(&self) -> Vec<u8> {
        codec::encode_with_rest(&self.customer, self.children)
    }
}

/// Whether two stored values of one customer differ in more than the
/// customer's tags (which the classification does not read).
pub fn differ_beyond_tags(a: &[u8], b: &[u8], id: &str) -> Result<bool> {
    let a = StoredDoc::decode(a, id)?;
    let mut b = StoredDoc::decode(b, id)?;
    if a.children != b.children {
        return Ok(true);
    }
    b.customer.tags.clone_from(&a.customer.tags);
    Ok(a.customer != b.customer)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_docs::full_doc as doc;
    use crate::model::{CustomerDoc, Fen};

    #[test]
    fn rewriting_the_customer_gives_the_bytes_of_the_whole_doc() {
        let mut whole = doc();
        let bytes = codec::encode(&whole);
        let mut stored = StoredDoc::decode(&bytes, "C1").unwrap();
        assert_eq!(stored.customer, whole.customer);
        assert_eq!(stored.encode(), bytes, "unchanged, the same bytes");

        stored.customer.tags = vec!["a-long-tag-name".into(), "vip".into()];
        whole.customer.tags = stored.customer.tags.clone();
        assert_eq!(stored.encode(), codec::encode(&whole));
    }

    #[test]
    fn tells_a_tag_change_from_other_changes() {
        let before = doc();
        let mut retagged = before.clone();
        retagged.customer.tags.clear();
        let mut renamed = retagged.clone();
        renamed.customer.name = "李四".into();
        let mut more_claims = before.clone();
        more_claims.claims[0].paid = Fen::from_yuan(600);
        let bytes = codec::encode(&before);
        let differs =
            |other: &CustomerDoc| differ_beyond_tags(&bytes, &codec::encode(other), "C1").unwrap();
        assert!(!differs(&retagged));
        assert!(differs(&renamed));
        assert!(differs(&more_claims));
    }
}
