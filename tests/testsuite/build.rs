//! Building books: the fixture book's chapters, session cards, programme, glossary, readings
//! and corrections as snapshots; byte-identical builds; a failed build that keeps the previous
//! site; the preprocessor protocol as stock mdBook speaks it; the real book.
//!
//! Exercises are in `exercises`, forms in `forms`, error messages in `bad_input`.

use crate::common;

use common::api::{self, Failure};
use common::html::{element, main_of, readable, without};
use common::sites::{self, page};
use common::{fixture_copy, read, repo, tree};
use std::path::Path;
use std::process::Command;

/// The main text of a fixture page, with session cards, exercises and forms left to their
/// own snapshots.
fn chapter(name: &str) -> String {
    let html = page(sites::kecil(), name);
    let main = without(
        main_of(&html),
        r#"<section class="modul-kartu-sesi""#,
        "data-sesi",
        "kartu sesi",
    );
    let main = without(
        &main,
        r#"<section class="modul-latihan""#,
        "data-latihan",
        "latihan",
    );
    let main = without(
        &main,
        r#"<form class="modul-formulir""#,
        "data-formulir",
        "formulir",
    );
    readable(&main)
}

fn snapshot(name: &str, text: &str) {
    common::snapshots().bind(|| insta::assert_snapshot!(name, text));
}

#[test]
fn fixture_renders_card_programme_directives_and_alerts() {
    let site = sites::kecil();
    for code in ["1-1", "1-2"] {
        let html = page(site, &format!("sesi-{code}/index.html"));
        let card = element(
            &html,
            &format!(r#"<section class="modul-kartu-sesi" data-sesi="{code}""#),
        );
        snapshot(
            &format!("session_card_{}", code.replace('-', "_")),
            &readable(card),
        );
    }
    let session = chapter("sesi-1-1/index.html");
    snapshot("session_chapter_1_1", &session);
    assert!(
        !session.contains("+++") && !session.contains("[sesi]"),
        "front matter never shows:\n{session}"
    );
    // The card comes before the chapter's own text.
    assert!(
        session.find("<!-- kartu sesi 1-1").unwrap_or(usize::MAX)
            < session.find("Sesi ini membahas").unwrap_or(0)
    );

    let programme = page(site, "pengantar/program.html");
    snapshot(
        "programme",
        &readable(element(&programme, r#"<section class="modul-program""#)),
    );
    snapshot("programme_chapter", &chapter("pengantar/program.html"));

    let home = chapter("index.html");
    snapshot("home", &home);
    assert!(!home.contains(">Note<"), "alert titles are Indonesian");
    assert!(
        home.contains("<code>{{#latihan bukan-direktif}}</code>")
            && home.contains("{{#formulir juga-bukan}}"),
        "directives inside code stay text"
    );
}

#[test]
fn fixture_renders_glossary_readings_corrections_and_outline_markers() {
    snapshot("glossary", &chapter("daftar-istilah.html"));
    let topic = chapter("sesi-1-1/permasalahan.html");
    snapshot("topic_with_terms_markers_and_reading", &topic);
    // First occurrence only, with the definition as tooltip; not in the heading.
    assert_eq!(
        topic.matches("daftar-istilah.html#istilah-gepeng").count(),
        1,
        "{topic}"
    );
    let reading = chapter("bacaan/asesmen.html");
    snapshot("reading", &reading);
    assert!(
        !reading.contains("judul_asli"),
        "front matter is not shown:\n{reading}"
    );
    snapshot("corrections", &chapter("catatan-penyuntingan.html"));
    snapshot("longitudinal_case", &chapter("kasus.html"));
}

#[test]
fn fixture_book_uses_the_real_books_scripts_and_styles() {
    let table = |path: &Path| -> toml::Table {
        read(path)
            .parse()
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    };
    let html = |t: &toml::Table| {
        let out = t["output"]["html"].clone();
        (out["additional-js"].clone(), out["additional-css"].clone())
    };
    assert_eq!(
        html(&table(&repo().join("book/book.toml"))),
        html(&table(&repo().join("tests/fixtures/kecil/book/book.toml")))
    );
}

/// The same source builds byte-identical sites, also from another folder.
#[test]
fn same_source_builds_byte_identical_sites() {
    let dir = fixture_copy("kecil");
    api::build(&dir.path().join("book"), &dir.path().join("b")).expect("second build");
    let (a, b) = (tree(sites::kecil()), tree(&dir.path().join("b")));
    assert!(!a.is_empty());
    assert_eq!(a.len(), b.len());
    for ((path_a, bytes_a), (path_b, bytes_b)) in a.iter().zip(&b) {
        assert_eq!(path_a, path_b);
        assert!(
            bytes_a == bytes_b,
            "{} differs between two builds",
            path_a.display()
        );
    }
}

#[test]
fn failed_build_keeps_the_previous_site_and_leaves_no_partial_output() {
    let dir = fixture_copy("kecil");
    let book = dir.path().join("book");
    let site = dir.path().join("situs");
    api::build(&book, &site).expect("first build");
    let good = tree(&site);

    let refused = api::build(&book, &book.join("src"));
    assert!(
        matches!(&refused, Err(Failure::Other(m)) if m.contains("menimpa sumber buku")),
        "{refused:?}"
    );
    let refused = api::build(&book, dir.path());
    assert!(
        matches!(&refused, Err(Failure::Other(m)) if m.contains("menimpa sumber buku")),
        "{refused:?}"
    );

    std::fs::write(
        book.join("src/index.md"),
        "# Beranda\n\n{{#latihan tidak-ada}}\n",
    )
    .expect("write");
    assert!(api::build(&book, &site).is_err());
    assert_eq!(tree(&site), good, "the previous site is untouched");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("read")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".modul"))
        .collect();
    assert!(leftovers.is_empty(), "no staging folder is left behind");
}

#[test]
fn preprocessor_binary_speaks_the_mdbook_protocol() {
    let bin = env!("CARGO_BIN_EXE_mdbook-modul");
    assert!(
        Command::new(bin)
            .args(["supports", "html"])
            .status()
            .expect("run")
            .success()
    );
    assert!(
        !Command::new(bin)
            .args(["supports", "epub"])
            .status()
            .expect("run")
            .success()
    );

    // mdbook-driver runs the command exactly as the stock `mdbook build` does.
    let dir = fixture_copy("kecil");
    let book_dir = dir.path().join("book");
    let mut config =
        mdbook_preprocessor::config::Config::from_disk(book_dir.join("book.toml")).expect("config");
    config
        .set("preprocessor.modul.command", bin)
        .expect("set command");
    config.build.build_dir = dir.path().join("stock");
    let book = mdbook_driver::MDBook::load_with_config(&book_dir, config).expect("load");
    book.build().expect("stock build through the JSON protocol");
    let page = read(&dir.path().join("stock/sesi-1-1/index.html"));
    assert!(page.contains(r#"data-sesi="1-1""#));

    // Errors travel back through the protocol too.
    std::fs::write(book_dir.join("src/index.md"), "{{#latihan tidak-ada}}\n").expect("write");
    let mut config =
        mdbook_preprocessor::config::Config::from_disk(book_dir.join("book.toml")).expect("config");
    config
        .set("preprocessor.modul.command", bin)
        .expect("set command");
    config.build.build_dir = dir.path().join("stock2");
    let book = mdbook_driver::MDBook::load_with_config(&book_dir, config).expect("load");
    assert!(book.build().is_err());
}

#[test]
fn the_real_book_checks_and_builds_in_indonesian() {
    let book = repo().join("book");
    let outline = api::check(&book).unwrap_or_else(|e| panic!("{e}"));
    let codes: Vec<&str> = outline
        .sessions
        .iter()
        .map(|(code, _)| code.as_str())
        .collect();
    assert_eq!(
        codes,
        [
            "1-1", "1-2", "1-3", "1-4", "1-5", "1-6", "1-7", "1-8", "1-9"
        ]
    );

    let site = sites::real_book();
    let index = read(&site.join("index.html"));
    assert!(index.contains(r#"<html lang="id""#));
    assert!(index.contains(r#"placeholder="Cari di buku ini …""#));
    assert!(index.contains("Pintasan papan ketik") && !index.contains("Keyboard shortcuts"));
    for code in codes {
        let page = read(&site.join(format!("sesi-{code}/index.html")));
        assert!(
            page.contains(&format!(r#"data-sesi="{code}""#)),
            "session {code} has its card"
        );
    }
    let not_found = read(&site.join("404.html"));
    assert!(
        not_found.contains("<title>Halaman tidak ditemukan - ")
            && not_found.contains("Halaman tidak ditemukan (404)")
            && !not_found.contains("not found"),
        "the 404 page is Indonesian"
    );
    let programme = read(&site.join("pengantar/program-pelatihan.html"));
    assert_eq!(programme.matches("<tr data-sesi=").count(), 9);

    // Exercises: at least 36 of at least 8 types, at least 4 per session, every topic practised,
    // and each exactly once in the built book (print.html aside).
    let exercises = &outline.exercises;
    assert!(exercises.len() >= 36, "{} exercises", exercises.len());
    let kinds: std::collections::BTreeSet<_> = exercises.iter().map(|e| &e.kind).collect();
    assert!(kinds.len() >= 8, "{kinds:?}");
    for (code, topics) in &outline.sessions {
        let count = exercises.iter().filter(|e| e.session == *code).count();
        assert!(count >= 4, "session {code} has {count} exercises");
        for topic in topics {
            assert!(
                exercises
                    .iter()
                    .any(|e| e.session == *code && e.topic.as_ref() == Some(topic)),
                "no exercise for {code} {topic}"
            );
        }
    }
    let mut seen = std::collections::BTreeMap::new();
    for (path, bytes) in tree(site) {
        if path.extension().is_none_or(|e| e != "html") || path == Path::new("print.html") {
            continue;
        }
        let html = String::from_utf8_lossy(&bytes);
        for (at, _) in html.match_indices(" data-latihan=\"") {
            let start = at + " data-latihan=\"".len();
            let id = &html[start..start + html[start..].find('"').unwrap_or(0)];
            *seen.entry(id.to_string()).or_insert(0) += 1;
        }
    }
    assert_eq!(seen.len(), exercises.len());
    assert!(exercises.iter().all(|e| seen.contains_key(&e.id)));
    assert!(seen.values().all(|&n| n == 1), "{seen:?}");
}

#[test]
fn theme_files_are_current_with_the_ui_table() {
    let stale =
        api::stale_theme_files(&repo().join("book/theme")).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        stale.is_empty(),
        "run `cargo run --bin modul -- tema book`; stale: {stale:?}"
    );
}

/// Every string key our scripts read exists in its table of `ui.toml`: a missing one would show
/// an empty message or the bare key instead of Indonesian text.
#[test]
fn every_string_the_scripts_use_is_in_ui_toml() {
    let table: toml::Table = read(&repo().join("preprocessor/src/ui.toml"))
        .parse()
        .expect("ui.toml parses");
    let theme = repo().join("book/theme");
    let checks: &[(&str, &[&str], &str)] = &[
        (
            "latihan",
            &[
                "latihan.js",
                "latihan-pilihan.js",
                "latihan-urutkan.js",
                "latihan-jodohkan.js",
                "latihan-isian.js",
                "latihan-kasus.js",
                "latihan-refleksi.js",
                "latihan-formulir.js",
                "kemajuan.js",
            ],
            r"\bT\.([a-z_]+)",
        ),
        ("skrip", &["modul-formulir.js"], r"'(formulir_[a-z_]+)'"),
        ("pencarian", &["modul-cari.js"], r"\bT\.([a-z_]+)"),
    ];
    let mut missing = Vec::new();
    for (name, files, pattern) in checks {
        let keys = table[*name].as_table().expect("a table of strings");
        let pattern = regex::Regex::new(pattern).expect("pattern");
        let mut used = 0;
        for file in *files {
            let text = read(&theme.join(file));
            for key in pattern.captures_iter(&text).map(|c| c[1].to_string()) {
                used += 1;
                if !keys.contains_key(&key) {
                    missing.push(format!("{file}: {key} not in [{name}]"));
                }
            }
        }
        assert!(used > 3, "the pattern for [{name}] finds the keys");
    }
    assert!(missing.is_empty(), "{missing:#?}");
}

/// Page weight (issue 17), as bytes and not as time, so it cannot flake: every page of the real
/// book, with the stylesheets, scripts and icon it names, is at most 100 KB gzip-compressed
/// (fonts included: the theme has none) in at most 10 files. `cargo bench --bench build --
/// weight` measures the same over HTTP in Chromium.
#[test]
fn every_page_loads_under_100_kb_gzip_in_10_files() {
    use flate2::{Compression, write::GzEncoder};
    use std::io::Write;
    let site = common::sites::real_book();
    let gzip = |bytes: &[u8]| {
        let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
        encoder.write_all(bytes).expect("gzip");
        encoder.finish().expect("gzip").len()
    };
    let mut pages = common::files(site);
    pages.retain(|path| path.extension().is_some_and(|e| e == "html"));
    let mut heavy = Vec::new();
    let mut heaviest = (0, String::new());
    for page in &pages {
        let name = page
            .strip_prefix(site)
            .unwrap_or(page)
            .display()
            .to_string();
        // The printed matter: the whole book and the whole key or worksheet set at once.
        if matches!(
            name.as_str(),
            "print.html" | "toc.html" | "cetak/kunci-jawaban.html" | "cetak/lembar-kerja.html"
        ) {
            continue;
        }
        let html = std::fs::read(page).expect("page");
        let text = String::from_utf8_lossy(&html);
        let mut files = std::collections::BTreeSet::new();
        for attribute in ["href=\"", "src=\""] {
            for part in text.split(attribute).skip(1) {
                let link = part.split('"').next().unwrap_or("");
                if [".css", ".js", ".svg", ".png", ".woff2"]
                    .iter()
                    .any(|ext| link.ends_with(ext))
                    && !link.contains("://")
                {
                    files.insert(page.parent().expect("folder").join(link));
                }
            }
        }
        let mut total = gzip(&html);
        for file in &files {
            // A stylesheet for print only is fetched as well; count it.
            total += gzip(&std::fs::read(file).unwrap_or_default());
        }
        if total > heaviest.0 {
            heaviest = (total, name.clone());
        }
        if total > 100 * 1024 || files.len() + 1 > 10 {
            heavy.push(format!(
                "{name}: {:.1} KB gzip in {} files",
                total as f64 / 1024.0,
                files.len() + 1
            ));
        }
    }
    assert!(pages.len() > 100, "{} pages", pages.len());
    assert!(
        heavy.is_empty(),
        "pages over 100 KB gzip or 10 files:\n{}",
        heavy.join("\n")
    );
    eprintln!(
        "heaviest page: {} ({:.1} KB gzip)",
        heaviest.1,
        heaviest.0 as f64 / 1024.0
    );
}

/// The README's description of the book states counts (topic pages, forms by kind, glossary
/// entries); they follow the sources, so a new form or term cannot leave the README behind.
#[test]
fn readme_counts_match_the_sources() {
    let root = repo();
    let readme = read(&root.join("README.md"))
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let src = root.join("book/src");
    let markdown_in = |dir: &Path| -> Vec<std::path::PathBuf> {
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .map(|entries| entries.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        files.retain(|p| p.extension().is_some_and(|e| e == "md"));
        files
    };
    let sessions: Vec<_> = std::fs::read_dir(&src)
        .expect("book/src")
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("sesi-"))
        })
        .collect();
    let topics: usize = sessions
        .iter()
        .map(|dir| {
            markdown_in(dir)
                .iter()
                .filter(|p| !p.ends_with("index.md"))
                .count()
        })
        .sum();
    // Forms by the folder of the page that places them (`{{#formulir ID}}`).
    let placed = |folder: &str| {
        let mut ids = std::collections::BTreeSet::new();
        for file in markdown_in(&src.join(folder)) {
            for rest in read(&file).split("{{#formulir ").skip(1) {
                ids.insert(rest.split(['}', ' ']).next().unwrap_or("").to_string());
            }
        }
        ids.len()
    };
    let forms = std::fs::read_dir(root.join("forms"))
        .expect("forms/")
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "toml"))
        .count();
    let terms = read(&root.join("book/data/istilah.toml"))
        .matches("[[istilah]]")
        .count();
    let (appendix, service, training) =
        (placed("lampiran"), placed("formulir"), placed("pelatihan"));
    assert_eq!(
        appendix + service + training,
        forms,
        "every form is placed once"
    );
    let words = [
        "", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan",
    ];
    let number = |n: usize| words.get(n).map_or(n.to_string(), |w| (*w).to_string());
    for expected in [
        format!(
            "{} sesi dengan {topics} halaman topik",
            number(sessions.len())
        ),
        format!(
            "{forms} formulir yang dapat diisi di layar ({} formulir lampiran, {service} formulir pelayanan di bab *Formulir* dan {} formulir pelatihan)",
            number(appendix),
            number(training)
        ),
        format!("({terms} istilah dan singkatan"),
    ] {
        assert!(
            readme.contains(&expected),
            "README.md should say: {expected}"
        );
    }
}
