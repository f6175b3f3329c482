//! The search index on a real book: pinyin (initials, full, mixed with
//! characters, surname readings), full-width input, phone and id-number
//! fragments, customer and policy ids, ranking, masking, and staying
//! current after imports, edits and deletes.

mod search_support;

use pcrm::model::ids::uscc_check_char;
use pcrm::model::Tier;
use pcrm::search::{Hit, MatchedOn, RankInfo, SearchIndex};
use pcrm::store::Book;
use search_support::*;

const ID_X: &str = "11010519900101103X";

fn uscc() -> String {
    let first17 = "91440300MA5F00Q7K";
    format!("{first17}{}", uscc_check_char(first17.as_bytes()).unwrap())
}

/// The book every test starts from.
fn sample_book(dir: &std::path::Path) -> Book {
    let book = Book::open(dir, "tester").unwrap();
    write(
        &book,
        &[
            with_policy(
                with_id_number(with_phone(person("C001", "张三"), "13812345678"), ID_X),
                "P-2025-0001",
            ),
            with_phone(person("C002", "张三丰"), "+8613900005678"),
            person("C003", "章散"),
            person("C004", "赵航"),
            person("C005", "李张三"),
            person("C006", "单田芳"),
            person("C007", "曾国藩"),
            person("C008", "解缙"),
            person("C009", "乐嘉"),
            person("C010", "区志华"),
            person("C011", "仇英"),
            person("C012", "朴树"),
            person("C013", "查良镛"),
            company("C014", "单身公寓管理有限公司"),
            with_id_number(company("C015", "Huawei Technologies Co., Ltd."), &uscc()),
            company("C016", "ＴＣＬ科技集团"),
            with_phone(person("C017", "王芳"), "0755-88886666"),
            with_phone(person("C018", "刘洋"), "13812340000"),
            person("C019", "王芳"),
        ],
    );
    book
}

fn index_of(book: &Book) -> SearchIndex {
    SearchIndex::build(book, &|_| {}).unwrap()
}

fn ids(hits: &[Hit]) -> Vec<&str> {
    hits.iter().map(|h| h.customer_id.as_str()).collect()
}

fn top(index: &SearchIndex, query: &str) -> Hit {
    index
        .query(query, 10)
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("nothing found for {query:?}"))
}

fn position(hits: &[Hit], id: &str) -> usize {
    hits.iter()
        .position(|h| h.customer_id == id)
        .unwrap_or_else(|| panic!("{id} not in {:?}", ids(hits)))
}

#[test]
fn pinyin_initials_and_full_pinyin_find_the_person() {
    let dir = tempfile::tempdir().unwrap();
    let index = index_of(&sample_book(dir.path()));
    for query in ["zs", "zhangsan", "zhangs", "zsan", "zhang san"] {
        let hits = index.query(query, 10);
        assert_eq!(ids(&hits)[..2], ["C001", "C003"], "{query}: {hits:?}");
        assert_eq!(hits[0].matched, MatchedOn::Pinyin);
        assert_eq!(hits[0].detail, "zhang san");
        assert!(
            position(&hits, "C002") > 1,
            "张三丰 after the two-character names"
        );
    }
    assert_eq!(top(&index, "zhangsan").name, "张三");
}

#[test]
fn mixed_chinese_and_latin_queries() {
    let dir = tempfile::tempdir().unwrap();
    let index = index_of(&sample_book(dir.path()));
    for query in ["张s", "张san", "zhang三", "张 s"] {
        let hit = top(&index, query);
        assert_eq!(hit.customer_id, "C001", "{query}");
        assert_eq!(hit.matched, MatchedOn::Pinyin, "{query}");
    }
    // A character must be that character, not a homophone: 章散 is out.
    let hits = index.query("张s", 10);
    assert!(!ids(&hits).contains(&"C003"), "{hits:?}");
    assert_eq!(top(&index, "tcl科技").customer_id, "C016");
}

#[test]
fn polyphonic_surnames_are_read_as_surnames() {
    let dir = tempfile::tempdir().unwrap();
    let index = index_of(&sample_book(dir.path()));
    for (query, id, reading) in [
        ("shantf", "C006", "shan tian fang"),
        ("zengguofan", "C007", "zeng guo fan"),
        ("xiejin", "C008", "xie jin"),
        ("yuejia", "C009", "yue jia"),
        ("ouzhihua", "C010", "ou zhi hua"),
        ("qiuying", "C011", "qiu ying"),
        ("piaoshu", "C012", "piao shu"),
        ("zhaliangyong", "C013", "zha liang yong"),
    ] {
        let hit = top(&index, query);
        assert_eq!(
            (hit.customer_id.as_str(), hit.detail.as_str()),
            (id, reading),
            "{query}"
        );
    }
    // The everyday readings are not a person's surname...
    for (query, id) in [
        ("dantf", "C006"),
        ("cengguofan", "C007"),
        ("jiejin", "C008"),
        ("lejia", "C009"),
    ] {
        assert!(
            !ids(&index.query(query, 20)).contains(&id),
            "{query} found {id}"
        );
    }
    // ...but a company keeps every reading of its first character.
    assert_eq!(top(&index, "danshen").customer_id, "C014");
    assert_eq!(top(&index, "shanshen").customer_id, "C014");
}

#[test]
fn full_width_input_is_folded() {
    let dir = tempfile::tempdir().unwrap();
    let index = index_of(&sample_book(dir.path()));
    assert_eq!(ids(&index.query("ＺＳ", 2)), ["C001", "C003"]);
    assert_eq!(top(&index, "tcl").customer_id, "C016");
    assert_eq!(top(&index, "ＴＣＬ科").customer_id, "C016");
    let hit = top(&index, "１２３４５６７８");
    assert_eq!(
        (hit.customer_id.as_str(), hit.matched),
        ("C001", MatchedOn::Phone)
    );
}

#[test]
fn phones_by_suffix_middle_digits_and_in_any_format() {
    let dir = tempfile::tempdir().unwrap();
    let index = index_of(&sample_book(dir.path()));
    let hits = index.query("5678", 10);
    assert_eq!(ids(&hits), ["C001", "C002"]);
    assert!(hits.iter().all(|h| h.matched == MatchedOn::Phone));
    assert_eq!(ids(&index.query("1234", 10)), ["C001", "C018"]);
    assert_eq!(ids(&index.query("3456", 10)), ["C001"]);
    assert_eq!(ids(&index.query("0755-8888", 10)), ["C017"]);
    assert_eq!(ids(&index.query("+86 139 0000", 10)), ["C002"]);
    // Three digits are too few to search phones.
    assert!(index.query("567", 10).is_empty());
    // The whole number outranks fragments.
    let hits = index.query("13812345678", 10);
    assert_eq!(ids(&hits), ["C001"]);
}

#[test]
fn id_numbers_by_fragment() {
    let dir = tempfile::tempdir().unwrap();
    let index = index_of(&sample_book(dir.path()));
    let hit = top(&index, "19900101");
    assert_eq!(
        (hit.customer_id.as_str(), hit.matched),
        ("C001", MatchedOn::IdNumber)
    );
    // The check character typed in lower case.
    assert_eq!(top(&index, "103x").customer_id, "C001");
    let code = uscc();
    let hit = top(&index, &code[6..13].to_lowercase());
    assert_eq!(
        (hit.customer_id.as_str(), hit.matched),
        ("C015", MatchedOn::IdNumber)
    );
    assert_eq!(top(&index, ID_X).matched, MatchedOn::IdNumber);
}

#[test]
fn customer_and_policy_ids_by_prefix() {
    let dir = tempfile::tempdir().unwrap();
    let index = index_of(&sample_book(dir.path()));
    let hit = top(&index, "p-2025");
    assert_eq!(hit.customer_id, "C001");
    assert_eq!(
        (hit.matched, hit.detail.as_str()),
        (MatchedOn::PolicyId, "P-2025-0001")
    );
    assert_eq!(top(&index, "P-2025-0001").customer_id, "C001");
    let hits = index.query("c01", 20);
    assert_eq!(
        ids(&hits),
        (10..=19).map(|i| format!("C0{i}")).collect::<Vec<_>>()
    );
    assert!(hits.iter().all(|h| h.matched == MatchedOn::CustomerId));
    let hit = top(&index, "C015");
    assert_eq!(
        (hit.customer_id.as_str(), hit.matched),
        ("C015", MatchedOn::CustomerId)
    );
}

#[test]
fn ranking_puts_exact_then_prefix_then_contained_then_fuzzy() {
    let dir = tempfile::tempdir().unwrap();
    let index = index_of(&sample_book(dir.path()));
    let hits = index.query("张三", 10);
    assert_eq!(ids(&hits), ["C001", "C002", "C005"]);
    assert_eq!(hits[0].matched, MatchedOn::Name);
    assert!(hits[0].score > hits[1].score && hits[1].score > hits[2].score);

    // Whole syllables before other splits (赵航 is z + hang), names that
    // start with the query before names that contain it.
    let hits = index.query("zhang", 10);
    let at = |id| position(&hits, id);
    assert!(at("C001") < at("C002") && at("C003") < at("C002"));
    assert!(at("C002") < at("C004") && at("C004") < at("C005"));

    // Fuzzy: the letters in order.
    let hit = top(&index, "hwtech");
    assert_eq!(
        (hit.customer_id.as_str(), hit.matched),
        ("C015", MatchedOn::Name)
    );
    assert_eq!(top(&index, "huawei").customer_id, "C015");
}

#[test]
fn ties_go_to_an_open_task_then_the_higher_value_tier() {
    let dir = tempfile::tempdir().unwrap();
    let book = sample_book(dir.path());
    assert_eq!(ids(&index_of(&book).query("王芳", 2)), ["C017", "C019"]);
    value_tier(&book, "C019", Tier::High);
    value_tier(&book, "C017", Tier::Low);
    assert_eq!(ids(&index_of(&book).query("王芳", 2)), ["C019", "C017"]);
    open_task(&book, "T1", "C017");
    assert_eq!(ids(&index_of(&book).query("wangfang", 2)), ["C017", "C019"]);
    // The same after an incremental refresh.
    open_task(&book, "T2", "C003");
    let mut index = index_of(&book);
    assert_eq!(ids(&index.query("zs", 2)), ["C003", "C001"]);
    value_tier(&book, "C001", Tier::Medium);
    index.refresh(&book, &["C001".to_string()]).unwrap();
    assert_eq!(
        ids(&index.query("zs", 2)),
        ["C003", "C001"],
        "open task first"
    );
}

#[test]
fn phones_and_id_numbers_are_shown_masked() {
    let dir = tempfile::tempdir().unwrap();
    let index = index_of(&sample_book(dir.path()));
    let hit = top(&index, "13812345678");
    assert_eq!(hit.detail, "138****5678");
    let hit = top(&index, ID_X);
    assert_eq!(hit.detail, "110***********103X");
    for query in ["5678", "1234", "19900101", "0755", "103x"] {
        for hit in index.query(query, 10) {
            for secret in [
                "13812345678",
                "13900005678",
                ID_X,
                "075588886666",
                "13812340000",
            ] {
                assert!(!hit.detail.contains(secret), "{query}: {hit:?}");
            }
        }
    }
}

#[test]
fn imports_and_edits_reach_the_index_incrementally() {
    let dir = tempfile::tempdir().unwrap();
    let book = sample_book(dir.path());
    let mut index = index_of(&book);

    // An import adds a customer.
    write(
        &book,
        &[with_phone(person("C100", "欧阳娜娜"), "13577778888")],
    );
    assert!(index.query("oyn", 5).is_empty());
    index.refresh(&book, &["C100".to_string()]).unwrap();
    assert_eq!(top(&index, "oyn").customer_id, "C100");
    assert_eq!(top(&index, "7777").customer_id, "C100");

    // An edit renames a customer, changes its phone and moves its policy.
    let mut renamed = with_phone(person("C001", "张珊"), "13611112222");
    renamed.customer.id_number = Some(ID_X.to_string());
    write(
        &book,
        &[renamed, with_policy(person("C004", "赵航"), "P-2025-0001")],
    );
    index
        .refresh(&book, &["C001".to_string(), "C004".to_string()])
        .unwrap();
    assert_eq!(top(&index, "张三").customer_id, "C002");
    assert_eq!(top(&index, "zhangshan").customer_id, "C001");
    assert_eq!(ids(&index.query("5678", 10)), ["C002"]);
    assert_eq!(top(&index, "1111").customer_id, "C001");
    assert_eq!(top(&index, "P-2025-0001").customer_id, "C004");

    // A delete removes it.
    delete(&book, "C018");
    index.refresh(&book, &["C018".to_string()]).unwrap();
    assert!(index.query("刘洋", 5).is_empty());
    assert!(index.query("C018", 5).is_empty());

    // The refreshed index answers like one built from scratch.
    let fresh = index_of(&book);
    assert_eq!(index.len(), fresh.len());
    for query in ["zs", "张", "5678", "c0", "p-", "oy", "1990", "wang"] {
        assert_eq!(index.query(query, 50), fresh.query(query, 50), "{query}");
    }
}

#[test]
fn many_edits_compact_the_index_without_losing_anyone() {
    let dir = tempfile::tempdir().unwrap();
    let book = sample_book(dir.path());
    let mut index = index_of(&book);
    let customers = index.len();
    for round in 0..3000 {
        let phone = format!("1370000{round:04}");
        // Five new policies an edit: more than the policy ids' unsorted
        // tail holds between two compactions, so it is merged too.
        let mut doc = with_phone(person("C003", "章散"), &phone);
        for n in 0..5 {
            doc = with_policy(doc, &format!("PR{round:04}-{n}"));
        }
        index.upsert(&doc, RankInfo::default());
    }
    assert_eq!(index.len(), customers);
    assert_eq!(ids(&index.query("13700002999", 5)), ["C003"]);
    assert!(index.query("13700000000", 5).is_empty());
    assert_eq!(ids(&index.query("zs", 2)), ["C001", "C003"]);
    assert_eq!(top(&index, "p-2025").customer_id, "C001");
    let hit = top(&index, "pr2999-4");
    assert_eq!(
        (hit.customer_id.as_str(), hit.detail.as_str()),
        ("C003", "PR2999-4")
    );
    assert!(index.query("PR2998", 5).is_empty(), "an edited-away policy");
    assert!(index.remove("C003"));
    assert!(!index.remove("C003"));
    assert_eq!(index.len(), customers - 1);
    // Dead entries were dropped along the way (after at most 1024).
    assert!(
        index.ordinals() as usize <= customers + 1025,
        "{}",
        index.ordinals()
    );
}

/// A book big enough that the build's two ends read several chunks each and
/// meet inside one: every customer, policy, value tier and open task is
/// found wherever it lies, and the built index answers exactly as one made
/// customer by customer.
#[test]
fn a_build_from_both_ends_matches_one_made_customer_by_customer() {
    const N: usize = 5_000;
    let dir = tempfile::tempdir().unwrap();
    let book = Book::open(dir.path(), "tester").unwrap();
    let surnames = ["张", "王", "李", "赵", "单", "曾"];
    let docs: Vec<_> = (0..N)
        .map(|i| {
            let mut doc = with_phone(
                person(
                    &format!("C{i:05}"),
                    &format!("{}{}", surnames[i % 6], i % 97),
                ),
                &format!("139{i:08}"),
            );
            // Policy ids not in customer order (prefix queries below stay
            // under the id-prefix cap, where which ones are kept would vary).
            for n in 0..i % 4 {
                doc = with_policy(doc, &format!("PX{:05}-{n}", (i * 7919) % N));
            }
            doc
        })
        .collect();
    write(&book, &docs);
    let tiers = [Tier::Low, Tier::Medium, Tier::High];
    let ranked: Vec<usize> = (0..N).step_by(83).chain([N - 1]).collect();
    for (k, &i) in ranked.iter().enumerate() {
        value_tier(&book, &format!("C{i:05}"), tiers[k % 3]);
        if k % 4 == 0 {
            open_task(&book, &format!("T{i}"), &format!("C{i:05}"));
        }
    }
    let built = index_of(&book);
    let mut reference = SearchIndex::new();
    for (i, doc) in docs.iter().enumerate() {
        let k = ranked.iter().position(|&r| r == i);
        let rank = RankInfo {
            open_tasks: u32::from(k.is_some_and(|k| k % 4 == 0)),
            value_tier: k.map(|k| tiers[k % 3]),
        };
        reference.upsert(doc, rank);
    }
    assert_eq!(built.len(), N);
    for i in [0, 1, 2047, 2048, 2499, 2500, 2501, 4095, N - 2, N - 1] {
        let id = format!("C{i:05}");
        assert_eq!(top(&built, &id).customer_id, id);
        assert_eq!(top(&built, &format!("139{i:08}")).customer_id, id);
    }
    for (k, &i) in ranked.iter().enumerate() {
        let entry = built.entry(built.ordinal_of(&format!("C{i:05}")).unwrap());
        assert_eq!(
            entry.tier_rank(),
            RankInfo::tier_rank(Some(tiers[k % 3])),
            "{i}"
        );
        assert_eq!(entry.has_open_task(), k % 4 == 0, "{i}");
    }
    for query in [
        "zhang1", "单1", "zl", "c049", "px012", "PX01234", "px0456", "1390000", "2500",
    ] {
        assert_eq!(
            built.query(query, 100),
            reference.query(query, 100),
            "{query}"
        );
    }
}
