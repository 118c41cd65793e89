//! The search bar in headless Chromium, from `file://` and over HTTP: the index loads on first
//! use, keyboard use, marks, the same ranking as Rust, and the quality bar on the development
//! query set measured through the real UI, with mdBook's default search on the same book
//! printed beside it.

use crate::common;
use crate::search::index;

use common::api::{ranking, search_words, stem_readings};
use common::browser::{
    browser, eval, eval_bool, eval_json, eval_string, file_url, navigate, open, screenshot,
    serve_book, site, wait_until,
};
use common::cari::{
    assert_bar, build_with_mdbook_search, dev_set, extra_set, ready_search, report, score,
    ui_search,
};
use common::repo;
use std::path::Path;
use std::time::Duration;

/// Types into the search bar from `file://`: the index loads only then, results show
/// "Halaman » Bagian" with a highlighted snippet, and the result leads to a page with the words
/// marked.
#[test]
fn search_bar_from_file_url_loads_the_index_on_first_use() {
    let Some((browser, _serial)) = browser() else {
        return;
    };
    let (tab, requests) = open(&browser, &file_url(&site().join("sesi-1-1/index.html"), ""));
    std::thread::sleep(Duration::from_millis(300));
    let before: Vec<String> = requests.lock().map(|r| r.clone()).unwrap_or_default();
    assert!(
        !before.iter().any(|u| u.contains("/pencarian/indeks.js")),
        "the index loads before anyone searches: {before:?}"
    );
    tab.press_key("s").expect("press s");
    wait_until(
        &tab,
        "document.activeElement === document.getElementById('mdbook-searchbar')",
        "the search bar to take focus",
    );
    tab.type_str("merujuk").expect("type");
    wait_until(
        &tab,
        "document.querySelectorAll('#mdbook-searchresults li a').length > 0 && document.querySelector('#mdbook-searchresults .teaser em') !== null",
        "results with snippets",
    );
    let first = eval_string(
        &tab,
        "document.querySelector('#mdbook-searchresults li a').textContent",
    );
    assert!(first.starts_with("Rujukan"), "{first}");
    let header = eval_string(
        &tab,
        "document.getElementById('mdbook-searchresults-header').textContent",
    );
    assert!(header.ends_with("hasil untuk 'merujuk':"), "{header}");
    assert!(
        eval_string(&tab, "location.search").contains("search=merujuk"),
        "the address keeps the query"
    );
    screenshot(&tab, "pencarian-hasil");
    // Keyboard: down to the first result, Enter opens it with the words marked.
    tab.press_key("ArrowDown").expect("down");
    tab.press_key("Enter").expect("enter");
    wait_until(
        &tab,
        "location.pathname.endsWith('rujukan.html') && document.readyState === 'complete' && document.querySelector('main mark') !== null",
        "the result page with marked words",
    );
    let marked = eval_string(
        &tab,
        "Array.from(document.querySelectorAll('main mark')).map(m => m.textContent.toLowerCase()).join(' ')",
    );
    assert!(marked.contains("rujuk"), "{marked}");
    screenshot(&tab, "pencarian-tanda");
    let all: Vec<String> = requests.lock().map(|r| r.clone()).unwrap_or_default();
    assert!(
        all.iter()
            .all(|u| u.starts_with("file://") || u.starts_with("data:")),
        "{all:?}"
    );
}

/// The `?search=` deep link over HTTP (`modul serve`).
#[test]
fn deep_link_over_http() {
    let Some((browser, _serial)) = browser() else {
        return;
    };
    let (_server, base) = serve_book(&repo());
    // The first build may still be running: the placeholder page reloads itself.
    let (tab, requests) = open(&browser, &format!("{base}/index.html?search=KK"));
    wait_until(
        &tab,
        "document.querySelectorAll('#mdbook-searchresults li a').length > 0",
        "results over HTTP",
    );
    let first = eval_string(
        &tab,
        "document.querySelector('#mdbook-searchresults li a').textContent",
    );
    assert!(first.contains("Konferensi Kasus"), "{first}");
    let urls = requests.lock().map(|r| r.clone()).unwrap_or_default();
    assert!(
        urls.iter().any(|u| u.contains("/pencarian/indeks.js")),
        "{urls:?}"
    );
    assert!(urls.iter().all(|u| u.starts_with(&base)), "{urls:?}");
}

/// The browser applies the same analysis and ranking as Rust: every word of the book gets the
/// same stem readings, every development query the same results in the same order.
#[test]
fn browser_and_rust_agree() {
    let Some((browser, _serial)) = browser() else {
        return;
    };
    let (tab, _) = open(&browser, &file_url(&site().join("index.html"), ""));
    ready_search(&tab, "asesmen");
    wait_until(&tab, "window.modulCari.ready()", "index and texts");
    let built = index();
    let mut vocabulary = std::collections::BTreeSet::new();
    for text in built.texts() {
        vocabulary.extend(search_words(text));
    }
    let list: Vec<&String> = vocabulary.iter().collect();
    let js = format!(
        "JSON.stringify({}.map(w => window.modulCari.readings(w)))",
        serde_json::to_string(&list).expect("json")
    );
    let from_js: Vec<Vec<String>> =
        serde_json::from_str(&eval_string(&tab, &js)).expect("readings from the page");
    assert_eq!(from_js.len(), list.len());
    for (word, js) in list.iter().zip(&from_js) {
        assert_eq!(&stem_readings(word), js, "readings of `{word}`");
    }
    let mut queries: Vec<String> = dev_set()
        .into_iter()
        .chain(extra_set())
        .map(|q| q.text)
        .collect();
    queries.extend(["Anak-anak", "PP 31/1980", "pengaw", "eko map"].map(String::from));
    for q in queries {
        let rust: Vec<(String, f64)> = built
            .search(&q)
            .into_iter()
            .map(|h| (h.breadcrumb, h.score))
            .collect();
        let quoted = serde_json::to_string(&q).expect("quote");
        let js: Vec<(String, f64)> = eval_json(
            &tab,
            &format!("window.modulCari.search({quoted}).map(h => [h.breadcrumb, h.score])"),
        )
        .as_array()
        .expect("results")
        .iter()
        .map(|pair| {
            (
                pair[0].as_str().unwrap_or_default().to_string(),
                pair[1].as_f64().unwrap_or(f64::NAN),
            )
        })
        .collect();
        assert_eq!(rust, js, "results for `{q}`");
    }
    // The browser ranks with the numbers the index carries, which are Rust's.
    assert_eq!(
        eval_json(&tab, "window.modulCari.ranking()"),
        ranking(),
        "the ranking in the index"
    );
}

/// The quality bar, through the search bar in Chromium, with mdBook's default search on the
/// same book beside it. The bar is on the set; our additions are reported apart.
#[test]
fn dev_set_quality_through_the_ui() {
    let Some((browser, _serial)) = browser() else {
        return;
    };
    let queries = dev_set();
    let extra_queries = extra_set();
    let (tab, _) = open(&browser, &file_url(&site().join("index.html"), ""));
    ready_search(&tab, "asesmen");
    let ours = score(&queries, |q| ui_search(&tab, q).0);
    let ours_extra = score(&extra_queries, |q| ui_search(&tab, q).0);
    tab.close(true).ok();

    let mdbook_site = build_with_mdbook_search(
        &Path::new(env!("CARGO_TARGET_TMPDIR")).join("situs-uji-pencarian-mdbook"),
    );
    let (tab, _) = open(&browser, &file_url(&mdbook_site.join("index.html"), ""));
    ready_search(&tab, "asesmen");
    let theirs = score(&queries, |q| ui_search(&tab, q).0);
    let theirs_extra = score(&extra_queries, |q| ui_search(&tab, q).0);
    tab.close(true).ok();

    report(
        "dev set, through the search bar in Chromium",
        &queries,
        &ours,
        Some(&theirs),
    );
    report(
        "our additions, through the search bar in Chromium",
        &extra_queries,
        &ours_extra,
        Some(&theirs_extra),
    );
    assert_bar(&ours);
    assert!(ours.recall_at_5 > theirs.recall_at_5 && ours.mrr_at_10 > theirs.mrr_at_10);
    assert!(ours_extra.recall_at_5 >= 0.9, "{}", ours_extra.misses());
}

#[test]
fn mark_words_without_a_search() {
    let Some((browser, _serial)) = browser() else {
        return;
    };
    let (tab, _) = open(
        &browser,
        &file_url(&site().join("sesi-1-4/asesmen.html"), "?highlight=asesmen"),
    );
    wait_until(
        &tab,
        "document.querySelector('main mark') !== null",
        "marks",
    );
    assert!(eval_bool(
        &tab,
        "Array.from(document.querySelectorAll('main mark')).every(m => m.textContent.toLowerCase() === 'asesmen')"
    ));
    // A click on a mark clears the marks and the parameter.
    eval(&tab, "document.querySelector('main mark').click()");
    wait_until(
        &tab,
        "document.querySelector('main mark') === null && !location.search.includes('highlight')",
        "marks cleared",
    );
    navigate(&tab, &file_url(&site().join("index.html"), ""));
}

/// A capped list says so: "30 teratas dari N" with N the real number of matching sections (as
/// Rust counts them); results that would read the same are told apart by the chapter they sit
/// under (the topic "Asesmen" of Sesi 1-4 and the reading "Asesmen").
#[test]
fn capped_list_counts_every_match_and_same_titles_differ() {
    let Some((browser, _serial)) = browser() else {
        return;
    };
    let (tab, _) = open(&browser, &file_url(&site().join("index.html"), ""));
    ready_search(&tab, "asesmen");
    wait_until(&tab, "window.modulCari.ready()", "index and texts");
    let limit = ranking()["limit"].as_u64().expect("limit") as usize;
    let total = index().matches("asesmen");
    assert!(total > limit, "asesmen matches only {total} sections");
    let header = eval_string(
        &tab,
        "document.getElementById('mdbook-searchresults-header').textContent",
    );
    assert_eq!(
        header,
        format!("{limit} teratas dari {total} hasil untuk 'asesmen':")
    );
    assert_eq!(
        eval(&tab, "window.modulCari.total('asesmen')").as_u64(),
        Some(total as u64)
    );
    let titles = common::browser::eval_strings(
        &tab,
        "Array.from(document.querySelectorAll('#mdbook-searchresults li > a')).map(a => a.textContent)",
    );
    assert_eq!(titles.len(), limit);
    let mut unique = titles.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(
        unique.len(),
        titles.len(),
        "two results read the same: {titles:?}"
    );
    for expected in [
        "Asesmen — Sesi 1-4: Asesmen dan Rencana Pelayanan",
        "Asesmen — Bacaan Pendukung",
    ] {
        assert!(
            titles.iter().any(|t| t == expected),
            "{expected} in {titles:?}"
        );
    }
    screenshot(&tab, "pencarian-teratas");
    // A short list keeps "N hasil".
    ui_search(&tab, "genogram");
    let header = eval_string(
        &tab,
        "document.getElementById('mdbook-searchresults-header').textContent",
    );
    let shown = index().matches("genogram");
    assert!(shown < limit, "genogram fills the list");
    assert_eq!(header, format!("{shown} hasil untuk 'genogram':"));
}
