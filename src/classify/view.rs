//! What the classification reads of a stored customer: the store's
//! zero-copy view of a doc (`store/doc_view.rs`, dates as day numbers, no
//! owned strings), under the names the scorer uses, and the customer fields
//! a segment expression reads.

use crate::model::{CustomerKind, Industry, Province};
use crate::store::{CustomerView, StoreError};

pub use crate::store::{DocHead as PoliciesView, DocView, LocationView, PolicyView};

/// The customer fields a segment expression reads, decoded from the front
/// of a stored doc (the doc starts with its customer); the rest of the doc
/// is not read.
#[derive(Debug, PartialEq)]
pub struct CustomerFields<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub kind: CustomerKind,
    pub province: Province,
    pub industry: Option<Industry>,
    pub account_manager: Option<&'a str>,
    pub tags: Vec<String>,
}

impl<'a> CustomerFields<'a> {
    pub fn decode(
        bytes: &'a [u8],
        what: &dyn Fn() -> String,
    ) -> Result<CustomerFields<'a>, StoreError> {
        let c = CustomerView::decode(bytes, what)?;
        Ok(CustomerFields {
            id: c.id.to_str(what)?,
            name: c.name.to_str(what)?,
            kind: c.kind,
            province: c.province,
            industry: c.industry,
            account_manager: c.account_manager.map(|m| m.to_str(what)).transpose()?,
            tags: c
                .tags
                .iter()
                .map(|t| t.to_str(what).map(str::to_string))
                .collect::<Result<_, _>>()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Customer, CustomerDoc};
    use crate::store::codec;

    #[test]
    fn the_customer_fields_decode_from_the_front_of_a_doc() {
        let doc = CustomerDoc::new(Customer {
            id: "C1".into(),
            name: "张三".into(),
            kind: CustomerKind::Sme,
            id_number: None,
            phone: Some("13800138000".into()),
            email: None,
            province: Province::parse("福建").unwrap(),
            city: Some("福州".into()),
            industry: Industry::parse("C"),
            since: None,
            account_manager: Some("li.wei".into()),
            tags: vec!["vip".into(), "重点".into()],
            bad_uscc: false,
        });
        let bytes = codec::encode(&doc);
        let c = CustomerFields::decode(&bytes, &|| "customers/C1".into()).unwrap();
        let want = &doc.customer;
        assert_eq!(
            (c.id, c.name, c.kind),
            (want.id.as_str(), want.name.as_str(), want.kind)
        );
        assert_eq!((c.province, c.industry), (want.province, want.industry));
        assert_eq!(c.account_manager, want.account_manager.as_deref());
        assert_eq!(c.tags, want.tags);
    }
}
