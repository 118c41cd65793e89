//! The book as a whole in headless Chromium: the session card and programme from `file://` and
//! on a phone, the search deep link, keyboard help, no foreign requests, and `modul serve`
//! reloading after an edit.

use crate::common;

use common::browser::{
    browser, eval_bool, eval_string, file_url, navigate, open, phone_viewport, screenshot,
    serve_book, site, wait_until,
};
use common::fixture_copy;
use std::path::Path;
use std::time::Duration;

#[test]
fn session_card_is_visible_from_file_url() {
    let Some((browser, _serial)) = browser() else {
        return;
    };
    let browser = &browser;
    let (tab, _) = open(browser, &file_url(&site().join("sesi-1-4/index.html"), ""));
    tab.wait_for_element(r#"[data-sesi="1-4"]"#)
        .expect("card present");
    assert!(eval_bool(
        &tab,
        r#"(() => { const r = document.querySelector('[data-sesi="1-4"]').getBoundingClientRect();
                    return r.width > 200 && r.height > 100; })()"#
    ));
    let text = eval_string(
        &tab,
        r#"document.querySelector('[data-sesi="1-4"]').textContent"#,
    );
    for label in ["Durasi", "Metode", "Tujuan pembelajaran", "Topik", "JP"] {
        assert!(text.contains(label), "card shows {label}: {text}");
    }
    screenshot(&tab, "kartu-sesi-1-4");
    tab.close(true).ok();
}

#[test]
fn card_and_programme_fit_a_360px_phone() {
    let Some((browser, _serial)) = browser() else {
        return;
    };
    let browser = &browser;
    for page in ["sesi-1-4/index.html", "pengantar/program-pelatihan.html"] {
        let (tab, _) = open(browser, "about:blank");
        phone_viewport(&tab);
        navigate(&tab, &file_url(&site().join(page), ""));
        wait_until(&tab, "document.readyState === 'complete'", "page load");
        assert!(
            eval_bool(
                &tab,
                "document.documentElement.scrollWidth <= window.innerWidth + 1"
            ),
            "{page} scrolls sideways at 360 px: {} > {}",
            eval_string(&tab, "String(document.documentElement.scrollWidth)"),
            eval_string(&tab, "String(window.innerWidth)")
        );
        screenshot(&tab, &format!("360px-{}", page.replace('/', "-")));
        tab.close(true).ok();
    }
}

#[test]
fn search_deep_link_shows_results_with_indonesian_header() {
    let Some((browser, _serial)) = browser() else {
        return;
    };
    let browser = &browser;
    let (tab, _) = open(
        browser,
        &file_url(&site().join("index.html"), "?search=rehabilitasi"),
    );
    wait_until(
        &tab,
        "document.querySelectorAll('#mdbook-searchresults li a').length > 0",
        "search results",
    );
    wait_until(
        &tab,
        "document.getElementById('mdbook-searchresults-header').textContent.includes('hasil untuk')",
        "Indonesian result header",
    );
    let header = eval_string(
        &tab,
        "document.getElementById('mdbook-searchresults-header').textContent",
    );
    assert!(header.contains("'rehabilitasi'"), "{header}");
    assert_eq!(
        eval_string(
            &tab,
            "document.getElementById('mdbook-searchbar').placeholder"
        ),
        "Cari di buku ini …"
    );
    screenshot(&tab, "pencarian");
    tab.close(true).ok();
}

#[test]
fn keyboard_help_is_in_indonesian() {
    let Some((browser, _serial)) = browser() else {
        return;
    };
    let browser = &browser;
    let (tab, _) = open(browser, &file_url(&site().join("index.html"), ""));
    tab.press_key("?").expect("press ?");
    wait_until(
        &tab,
        "getComputedStyle(document.getElementById('mdbook-help-container')).display !== 'none'",
        "help popup",
    );
    let help = eval_string(
        &tab,
        "document.getElementById('mdbook-help-popup').innerText",
    );
    assert!(
        help.contains("Pintasan papan ketik") && help.contains("berpindah bab"),
        "{help}"
    );
    tab.close(true).ok();
}

#[test]
fn no_request_leaves_the_page_origin() {
    let Some((browser, _serial)) = browser() else {
        return;
    };
    let browser = &browser;
    let pages = [
        ("index.html", "?search=rujukan"),
        ("sesi-1-4/index.html", ""),
        ("pengantar/program-pelatihan.html", ""),
        ("print.html", ""),
    ];
    let mut all = Vec::new();
    for (page, query) in pages {
        let (tab, requests) = open(browser, &file_url(&site().join(page), query));
        wait_until(&tab, "document.readyState === 'complete'", "page load");
        std::thread::sleep(Duration::from_millis(300));
        all.extend(requests.lock().map(|r| r.clone()).unwrap_or_default());
        tab.close(true).ok();
    }
    assert!(
        all.iter().any(|u| u.ends_with(".js")),
        "requests were recorded: {all:?}"
    );
    let foreign: Vec<&String> = all
        .iter()
        .filter(|u| {
            !(u.starts_with("file://") || u.starts_with("data:") || u.starts_with("about:"))
        })
        .collect();
    assert!(foreign.is_empty(), "requests to other hosts: {foreign:?}");
}

/// `modul serve` over HTTP: the page is served from 127.0.0.1 and reloads after an edit.
#[test]
fn serve_over_http_reloads_after_an_edit() {
    let Some((browser, _serial)) = browser() else {
        return;
    };
    let browser = &browser;
    let dir = fixture_copy("kecil");
    let (_server, base) = serve_book(dir.path());
    let (tab, requests) = open(browser, &format!("{base}/sesi-1-1/index.html"));
    tab.wait_for_element(r#"[data-sesi="1-1"]"#)
        .expect("card over HTTP");
    wait_until(
        &tab,
        "document.querySelector('script[src=\"/__modul/muat-ulang.js\"]') !== null",
        "reload script",
    );
    // Let the reload script reach its waiting request before the edit.
    std::thread::sleep(Duration::from_millis(500));

    let chapter = dir.path().join("book/src/sesi-1-1/index.md");
    let text = std::fs::read_to_string(&chapter)
        .expect("read")
        .replace("gambaran umum", "gambaran baru");
    let edit = |path: &Path, content: &str, until: &str, what: &str| {
        std::fs::write(path, content).expect("edit");
        wait_until(&tab, until, what);
        // Let the reload script reach its next waiting request before the following edit.
        std::thread::sleep(Duration::from_millis(500));
    };
    edit(
        &chapter,
        &text,
        "document.body.innerText.includes('gambaran baru')",
        "live reload after the edit",
    );
    // Exercise and form files live outside book/ and are watched too.
    let exercise = dir.path().join("exercises/1-1-kenali-masalah.toml");
    let original = std::fs::read_to_string(&exercise).expect("read");
    let titled = |title: &str| original.replace("Mengenali masalah <gepeng>", title);
    edit(
        &exercise,
        &titled("Judul latihan baru"),
        "document.body.innerText.includes('Judul latihan baru') && !document.getElementById('modul-galat-pratinjau')",
        "live reload after an exercise edit",
    );
    // A broken file shows its error over the page instead of a stale book…
    edit(
        &exercise,
        "judul = \n",
        "(document.getElementById('modul-galat-pratinjau') || {textContent: ''}).textContent.includes('1-1-kenali-masalah.toml:1:')",
        "the build error shown in the page",
    );
    // …and fixing it brings the page back.
    edit(
        &exercise,
        &titled("Judul latihan diperbaiki"),
        "document.body.innerText.includes('Judul latihan diperbaiki') && !document.getElementById('modul-galat-pratinjau')",
        "the page back after the fix",
    );

    let urls = requests.lock().map(|r| r.clone()).unwrap_or_default();
    // data: URLs are the browser's own (the date picker's icon), not requests.
    let foreign: Vec<&String> = urls
        .iter()
        .filter(|u| !u.starts_with(&base) && !u.starts_with("data:"))
        .collect();
    assert!(foreign.is_empty(), "requests to other hosts: {foreign:?}");
    tab.close(true).ok();
}
