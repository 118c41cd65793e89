//! The search quality harness shared by the search tests and the search benchmark: the
//! development query set, recall@5 and MRR@10, queries through the real search bar, and the
//! same book with mdBook's default search for comparison.

use headless_chrome::Tab;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// One line of a query set (`tests/eval/*.tsv`).
pub struct Query {
    pub text: String,
    pub relevant: regex::Regex,
}

/// The development set, byte for byte as given (`../shared/eval`); its bar is on this set.
pub fn dev_set() -> Vec<Query> {
    query_set("search-dev-queries.tsv")
}

/// Our own additional queries, reported apart from the set.
pub fn extra_set() -> Vec<Query> {
    query_set("tambahan.tsv")
}

fn query_set(name: &str) -> Vec<Query> {
    let path = super::repo().join("tests/eval").join(name);
    let text = std::fs::read_to_string(&path).expect("dev query set");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|line| {
            let (query, pattern) = line.split_once('\t').expect("query TAB regex");
            Query {
                text: query.to_string(),
                relevant: regex::RegexBuilder::new(pattern)
                    .case_insensitive(true)
                    .build()
                    .expect("regex"),
            }
        })
        .collect()
}

/// Scores of one engine on a query set.
#[derive(Debug, Default)]
pub struct Scores {
    pub recall_at_5: f64,
    pub mrr_at_10: f64,
    /// Per query: the rank (1-based) of the first relevant result within 10, if any.
    pub ranks: Vec<(String, Option<usize>, Vec<String>)>,
}

impl Scores {
    pub fn misses(&self) -> String {
        self.ranks
            .iter()
            .filter(|(_, rank, _)| rank.is_none_or(|r| r > 1))
            .map(|(q, rank, top)| {
                format!(
                    "  {q:38} rank {}  top: {:?}\n",
                    rank.map_or("-".to_string(), |r| r.to_string()),
                    &top[..top.len().min(3)]
                )
            })
            .collect()
    }
}

pub fn score(queries: &[Query], mut results: impl FnMut(&str) -> Vec<String>) -> Scores {
    let mut scores = Scores::default();
    for q in queries {
        let shown = results(&q.text);
        let rank = shown
            .iter()
            .take(10)
            .position(|b| q.relevant.is_match(b))
            .map(|p| p + 1);
        if rank.is_some_and(|r| r <= 5) {
            scores.recall_at_5 += 1.0;
        }
        if let Some(r) = rank {
            scores.mrr_at_10 += 1.0 / r as f64;
        }
        scores.ranks.push((q.text.clone(), rank, shown));
    }
    let n = queries.len().max(1) as f64;
    scores.recall_at_5 /= n;
    scores.mrr_at_10 /= n;
    scores
}

/// Puts `query` into the search bar as a keystroke would (the bar's own keyup handler runs),
/// waits for its result header and returns the visible result texts (the breadcrumbs) and how
/// long the handler took, in milliseconds.
pub fn ui_search(tab: &Tab, query: &str) -> (Vec<String>, f64) {
    let q = serde_json::to_string(query).expect("quote");
    let took = super::browser::eval(
        tab,
        &format!(
            "(() => {{ const bar = document.getElementById('mdbook-searchbar');
                 const t0 = performance.now();
                 bar.value = {q};
                 bar.dispatchEvent(new KeyboardEvent('keyup', {{key: 'a'}}));
                 return performance.now() - t0; }})()"
        ),
    )
    .as_f64()
    .unwrap_or(f64::NAN);
    let quoted = serde_json::to_string(&format!("'{query}'")).expect("quote");
    super::browser::wait_until(
        tab,
        &format!(
            "document.getElementById('mdbook-searchresults-header').textContent.includes({quoted})"
        ),
        &format!("results for {query}"),
    );
    let shown = super::browser::eval_strings(
        tab,
        "Array.from(document.querySelectorAll('#mdbook-searchresults li a')).map(a => a.textContent)",
    );
    (shown, took)
}

/// Opens the search bar of a page and waits until a first query has answered (index loaded).
pub fn ready_search(tab: &Tab, warm_up: &str) {
    super::browser::eval(
        tab,
        "document.getElementById('mdbook-search-toggle').click()",
    );
    std::thread::sleep(Duration::from_millis(50));
    ui_search(tab, warm_up);
}

/// The book built by `modul` but searched by mdBook's default search (its elasticlunr index and
/// searcher.js): the comparison the issue asks for.
pub fn build_with_mdbook_search(dest: &Path) -> PathBuf {
    let copy = tempfile::tempdir().expect("temporary folder");
    super::copy_dir(&super::repo().join("book"), &copy.path().join("book"));
    for folder in ["exercises", "forms"] {
        let from = super::repo().join(folder);
        if from.is_dir() {
            super::copy_dir(&from, &copy.path().join(folder));
        }
    }
    let book_toml = copy.path().join("book/book.toml");
    let mut table: toml::Table = super::read(&book_toml).parse().expect("book.toml");
    let html = table
        .get_mut("output")
        .and_then(|o| o.get_mut("html"))
        .and_then(|h| h.as_table_mut())
        .expect("[output.html]");
    html.remove("search");
    if let Some(toml::Value::Array(js)) = html.get_mut("additional-js") {
        js.retain(|v| v.as_str() != Some("theme/modul-cari.js"));
    }
    std::fs::write(&book_toml, toml::to_string(&table).expect("toml")).expect("write");
    super::api::build(&copy.path().join("book"), dest)
        .unwrap_or_else(|e| panic!("the book builds with mdBook's search: {e}"));
    dest.to_path_buf()
}

/// Prints the scores of one query set (with mdBook's beside them when given) and the queries
/// whose first relevant result is not first.
pub fn report(name: &str, queries: &[Query], ours: &Scores, theirs: Option<&Scores>) {
    let mut text = format!(
        "{name} ({} queries):\n  modul search:   recall@5 {:.3}  MRR@10 {:.3}\n",
        queries.len(),
        ours.recall_at_5,
        ours.mrr_at_10
    );
    if let Some(theirs) = theirs {
        text.push_str(&format!(
            "  mdBook default: recall@5 {:.3}  MRR@10 {:.3}\n",
            theirs.recall_at_5, theirs.mrr_at_10
        ));
    }
    text.push_str(&format!("modul misses or not first:\n{}", ours.misses()));
    eprintln!("{text}");
}

/// The quality bar on the development set.
pub fn assert_bar(ours: &Scores) {
    assert!(
        ours.recall_at_5 >= 0.95 && ours.mrr_at_10 >= 0.85,
        "below the bar: recall@5 {:.3} (≥ 0.95), MRR@10 {:.3} (≥ 0.85)\n{}",
        ours.recall_at_5,
        ours.mrr_at_10,
        ours.misses()
    );
}
