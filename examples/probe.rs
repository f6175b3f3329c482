use chrono::NaiveDate;
use pcrm::model::*;
use pcrm::store::Book;
fn main() {
    let dir = tempfile::tempdir().unwrap();
    let book = Book::open(dir.path(), "probe").unwrap();
    let n: usize = std::env::args()
        .nth(1)
        .map(|s| s.parse().unwrap())
        .unwrap_or(200_000);
    let t = std::time::Instant::now();
    let mut b = book.begin("import", false).unwrap();
    let d = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
    for i in 0..n {
        let c = Customer {
            id: format!("C{i:07}"),
            name: "张三".into(),
            kind: CustomerKind::Individual,
            id_number: Some("11010519491231002X".into()),
            phone: Some("13812345678".into()),
            email: None,
            province: Province::parse("广东").unwrap(),
            city: Some("深圳".into()),
            industry: None,
            since: None,
            account_manager: Some("li.wei".into()),
            tags: vec![],
            bad_uscc: false,
        };
        let mut doc = CustomerDoc::new(c);
        for j in 0..3 {
            let p = Policy {
                id: format!("P{i:07}{j}"),
                customer_id: doc.customer.id.clone(),
                line: Line::Motor,
                premium: Fen(300000),
                sum_insured: None,
                start_date: d,
                end_date: d + chrono::Duration::days(365),
                cancelled_on: None,
                location_id: None,
            };
            b.set_owner::<Policy>(&p.id, Some(&p.customer_id)).unwrap();
            doc.upsert(p);
        }
        b.put(&doc).unwrap();
    }
    let t1 = t.elapsed();
    b.commit("x").unwrap();
    println!(
        "rows {} put {:?} commit total {:?} disk {}",
        n * 4,
        t1,
        t.elapsed(),
        book.disk_bytes().unwrap()
    );
    let t = std::time::Instant::now();
    let problems = pcrm::store::check::check(&book).unwrap();
    println!("check {:?} problems {}", t.elapsed(), problems.len());
}
