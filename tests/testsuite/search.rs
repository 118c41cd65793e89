//! The book's Indonesian search without a browser: queries against the export, what is and
//! is not indexed, deterministic export, `modul cari`, and the quality bar on the development
//! query set with the Rust ranking (the browser's half is in `browser::search`).

use crate::common;

use common::api::{self, SearchIndex};
use common::cari::{assert_bar, dev_set, extra_set, report, score};
use common::{fixture_copy, read, repo};
use std::path::Path;
use std::sync::OnceLock;

/// The real book, built once for the whole suite.
fn site() -> &'static Path {
    common::sites::real_book()
}

/// Its search files, read once.
pub fn index() -> &'static SearchIndex {
    static INDEX: OnceLock<SearchIndex> = OnceLock::new();
    INDEX.get_or_init(|| SearchIndex::read(site()))
}

fn top(query: &str, n: usize) -> Vec<String> {
    index()
        .search(query)
        .into_iter()
        .take(n)
        .map(|h| h.breadcrumb)
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
    let built = index();
    let urls = built.section_urls();
    // Every exercise on an indexed page is a section ("Page » exercise title").
    let exercise = regex::Regex::new(r#"data-latihan="([^"]+)""#).expect("regex");
    let mut exercises = 0;
    for page in built.pages() {
        assert!(!page.starts_with("cetak/"), "{page} is indexed");
        let html = std::fs::read_to_string(site().join(&page)).expect("page");
        for id in exercise.captures_iter(&html).map(|c| c[1].to_string()) {
            exercises += 1;
            let anchor = format!("latihan-{id}");
            assert!(
                urls.iter().any(|u| *u == format!("{page}#{anchor}")),
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
    for text in built.texts() {
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
    let again = Path::new(env!("CARGO_TARGET_TMPDIR")).join("situs-buku-lagi");
    api::build(&repo().join("book"), &again).expect("second build");
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
    // The page loads our search (inside the one bundle of the book's scripts), not mdBook's.
    let page = read(&site().join("index.html"));
    assert!(!page.contains("searcher"));
    let scripts: String = page
        .split("<script src=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|src| src.starts_with("theme/"))
        .map(|src| read(&site().join(src)))
        .collect();
    assert!(
        scripts.contains("modulCari"),
        "no script of the page holds the search"
    );
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
    api::build(&dir.path().join("book"), &out).expect("fixture builds");
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

/// The same bar with the Rust ranking (which the browser follows, see `browser_and_rust_agree`):
/// quick to run without a browser, and it prints every query's rank.
#[test]
fn dev_set_quality_in_rust() {
    let results = |q: &str| -> Vec<String> {
        index()
            .search(q)
            .into_iter()
            .map(|h| h.breadcrumb)
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
