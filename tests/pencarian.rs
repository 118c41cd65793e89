//! The book's Indonesian search: the export, `modul cari`, and the search bar in headless
//! Chromium from `file://` and over HTTP, including the quality bar on the development query set
//! (recall@5 ≥ 0.95 and MRR@10 ≥ 0.85, measured through the real UI, with mdBook's default
//! search on the same book printed beside it).

mod common;

use common::browser::{
    browser, eval, eval_bool, eval_json, eval_string, file_url, navigate, open, screenshot,
    serve_book, wait_until,
};
use common::cari::{
    Query, Scores, build_with_mdbook_search, dev_set, extra_set, ready_search, score, ui_search,
};
use common::{fixture_copy, read, repo};
use modul::build::{BuildOptions, build_book};
use modul::search::query::search;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

/// The real book, built once for this test binary.
fn site() -> &'static Path {
    static SITE: OnceLock<PathBuf> = OnceLock::new();
    SITE.get_or_init(|| {
        let dest = Path::new(env!("CARGO_TARGET_TMPDIR")).join("situs-uji-pencarian");
        build_book(&BuildOptions {
            book_dir: repo().join("book"),
            dest_dir: Some(dest.clone()),
        })
        .unwrap_or_else(|e| panic!("the book builds: {e}"));
        dest
    })
}

fn top(query: &str, n: usize) -> Vec<String> {
    let built = modul::search::read(site()).expect("search files");
    search(&built.export, query)
        .iter()
        .take(n)
        .map(|h| built.export.breadcrumb(h.section))
        .collect()
}

fn assert_found(query: &str, n: usize, expected: &str) {
    let found = top(query, n);
    assert!(
        found.iter().any(|b| b.contains(expected)),
        "`{query}`: no `{expected}` in the first {n}: {found:?}"
    );
}

#[test]
fn affixed_forms_typos_abbreviations_and_english_terms_are_found() {
    // Affixed forms of one root.
    for q in ["merujuk", "dirujuk", "rujukan"] {
        assert_found(q, 3, "Rujukan");
    }
    // Typos, within 1–2 edits of the book's own words.
    assert_found("asismen", 3, "Asesmen");
    assert_found("konsling", 3, "Konseling");
    assert_found("superfisi", 3, "Supervisi");
    // Abbreviations and English terms through the glossary.
    assert_found("KK", 3, "Konferensi Kasus");
    assert_found("peksos", 5, "Pekerja Sosial");
    assert_found("assessment", 3, "Asesmen");
    assert_found("after care", 3, "Bimbingan Lanjut");
    assert_found("case management", 3, "Manajemen Kasus");
    // Numbers stay searchable.
    assert_found("PP 31/1980", 3, "Landasan Hukum");
}

/// Exercises and forms are rendered into the pages; their questions and labels are searchable
/// as sections of their page, while answer keys, facilitator notes and the printed worksheets
/// and answer keys (`cetak/`) stay out of the index.
#[test]
fn exercises_and_forms_are_indexed_without_answer_keys() {
    let built = modul::search::read(site()).expect("search files");
    let export = &built.export;
    // Every exercise on an indexed page is a section ("Page » exercise title").
    let exercise = regex::Regex::new(r#"data-latihan="([^"]+)""#).expect("regex");
    let mut exercises = 0;
    for page in export.pages.iter().map(|p| &p.url) {
        assert!(!page.starts_with("cetak/"), "{page} is indexed");
        let html = std::fs::read_to_string(site().join(page)).expect("page");
        for id in exercise.captures_iter(&html).map(|c| c[1].to_string()) {
            exercises += 1;
            let anchor = format!("latihan-{id}");
            assert!(
                (0..export.sections.len()).any(|i| export.url(i) == format!("{page}#{anchor}")),
                "no section for exercise {id} on {page}"
            );
        }
    }
    assert!(exercises > 30, "{exercises} exercises");
    // A case study's story and a form's field labels are found.
    assert_found("Warsini katarak", 1, "Rujukan » Rujukan yang ditolak");
    assert_found(
        "alamat dan kontak lembaga penerima",
        3,
        "Surat Rujukan Klien",
    );
    // Answer keys and facilitator notes are not.
    for text in &built.texts {
        for hidden in [
            "Kunci jawaban",
            "Catatan fasilitator",
            "Jawaban yang diterima",
        ] {
            assert!(!text.contains(hidden), "`{hidden}` in: {text}");
        }
    }
}

#[test]
fn export_is_deterministic_and_replaces_mdbooks_index() {
    let again = Path::new(env!("CARGO_TARGET_TMPDIR")).join("situs-uji-pencarian-2");
    build_book(&BuildOptions {
        book_dir: repo().join("book"),
        dest_dir: Some(again.clone()),
    })
    .expect("second build");
    for file in ["indeks.js", "teks.js"] {
        let a = std::fs::read(site().join("pencarian").join(file)).expect("first");
        let b = std::fs::read(again.join("pencarian").join(file)).expect("second");
        assert!(a == b, "pencarian/{file} differs between two builds");
    }
    let names: Vec<String> = std::fs::read_dir(site())
        .expect("site")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    for mdbook in ["searchindex", "searcher", "elasticlunr", "mark.min"] {
        assert!(
            !names.iter().any(|n| n.starts_with(mdbook)),
            "mdBook's {mdbook} is still written: {names:?}"
        );
    }
    let page = read(&site().join("index.html"));
    assert!(page.contains("modul-cari") && !page.contains("searcher"));
}

#[test]
fn a_book_with_mdbooks_search_gets_no_modul_index() {
    let dir = fixture_copy("kecil");
    // The fixture searches like the real book; put mdBook's own search back.
    let config = dir.path().join("book/book.toml");
    let text = read(&config);
    let text = text
        .replacen("copy-js = false", "copy-js = true", 1)
        .replacen("\"\" = { enable = false }", "", 1);
    std::fs::write(&config, text).expect("write book.toml");
    let out = dir.path().join("situs");
    build_book(&BuildOptions {
        book_dir: dir.path().join("book"),
        dest_dir: Some(out.clone()),
    })
    .expect("fixture builds");
    assert!(!out.join("pencarian").exists());
    assert!(
        std::fs::read_dir(&out)
            .expect("site")
            .flatten()
            .any(|e| { e.file_name().to_string_lossy().starts_with("searchindex") })
    );
}

#[test]
fn modul_cari_prints_breadcrumbs_addresses_and_snippets() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_modul"))
        .args(["cari", "dirujuk ke rumah sakit", "-n", "3"])
        .current_dir(repo())
        .output()
        .expect("modul cari runs");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{text}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        text.contains("hasil untuk 'dirujuk ke rumah sakit':"),
        "{text}"
    );
    assert!(text.contains(" 1. ") && text.contains(".html#"), "{text}");
    assert!(text.contains("«"), "matched words are marked: {text}");
    assert!(text.contains("Rujukan"), "{text}");
}

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
    let built = modul::search::read(site()).expect("search files");
    let mut vocabulary = std::collections::BTreeSet::new();
    for text in &built.texts {
        for w in modul::search::analyzer::words(text) {
            vocabulary.insert(w.text);
        }
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
        assert_eq!(
            &modul::search::stemmer::RULES.candidates(word),
            js,
            "readings of `{word}`"
        );
    }
    let mut queries: Vec<String> = dev_set()
        .into_iter()
        .chain(extra_set())
        .map(|q| q.text)
        .collect();
    queries.extend(["Anak-anak", "PP 31/1980", "pengaw", "eko map"].map(String::from));
    for q in queries {
        let rust: Vec<(String, f64)> = search(&built.export, &q)
            .iter()
            .map(|h| (built.export.breadcrumb(h.section), h.score))
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
    let ranking = eval_json(&tab, "window.modulCari.ranking()");
    assert_eq!(
        ranking,
        serde_json::to_value(modul::search::query::RANKING).expect("json"),
        "the ranking in the index"
    );
}

fn report(name: &str, queries: &[Query], ours: &Scores, theirs: Option<&Scores>) {
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

fn assert_bar(ours: &Scores) {
    assert!(
        ours.recall_at_5 >= 0.95 && ours.mrr_at_10 >= 0.85,
        "below the bar: recall@5 {:.3} (≥ 0.95), MRR@10 {:.3} (≥ 0.85)\n{}",
        ours.recall_at_5,
        ours.mrr_at_10,
        ours.misses()
    );
}

/// The same bar with the Rust ranking (which the browser follows, see `browser_and_rust_agree`):
/// quick to run without a browser, and it prints every query's rank.
#[test]
fn dev_set_quality_in_rust() {
    let built = modul::search::read(site()).expect("search files");
    let results = |q: &str| -> Vec<String> {
        search(&built.export, q)
            .iter()
            .map(|h| built.export.breadcrumb(h.section))
            .collect()
    };
    let queries = dev_set();
    let ours = score(&queries, results);
    let ranks: String = ours
        .ranks
        .iter()
        .map(|(q, rank, _)| format!("  {q:38} {}\n", rank.map_or("-".into(), |r| r.to_string())))
        .collect();
    eprintln!("ranks on the dev set:\n{ranks}");
    report("dev set, Rust ranking", &queries, &ours, None);
    let extra_queries = extra_set();
    let extra = score(&extra_queries, results);
    report("our additions, Rust ranking", &extra_queries, &extra, None);
    assert_bar(&ours);
    assert!(extra.recall_at_5 >= 0.9, "{}", extra.misses());
}

/// The quality bar, through the search bar in Chromium, with mdBook's default search on the
/// same book beside it. The bar is on the issue's set; our additions are reported apart.
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
