//! `pcrm search`: the UI's `/` search from the command line.

use super::args::SearchArgs;
use super::{CliResult, Context, Failure};
use crate::search::{Hit, SearchIndex};
use serde_json::json;
use unicode_width::UnicodeWidthStr;

pub fn run(ctx: &Context, args: &SearchArgs) -> CliResult {
    if args.limit == 0 {
        return Err(Failure::usage("--limit must be at least 1"));
    }
    let text = args.query.join(" ");
    let book = ctx.open_book()?;
    let index = SearchIndex::build(&book, &|_| {})?;
    let hits = index.query(&text, args.limit);
    if args.json {
        for hit in &hits {
            println!(
                "{}",
                json!({
                    "customer_id": hit.customer_id,
                    "name": hit.name,
                    "score": hit.score,
                    "matched": hit.matched.code(),
                })
            );
        }
    } else if hits.is_empty() {
        println!("no customer matches {text:?}");
    } else {
        print_table(&hits);
    }
    Ok(())
}

/// Id, name, what matched and how (phones and id numbers masked).
fn print_table(hits: &[Hit]) {
    let id_width = hits.iter().map(|h| h.customer_id.len()).max().unwrap_or(0);
    let name_width = hits.iter().map(|h| h.name.width()).max().unwrap_or(0);
    for hit in hits {
        let pad = name_width.saturating_sub(hit.name.width());
        println!(
            "{:<id_width$}  {}{}  {:<11}  {}",
            hit.customer_id,
            hit.name,
            " ".repeat(pad),
            hit.matched.code(),
            hit.detail
        );
    }
}
