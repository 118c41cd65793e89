//! `modul build --pdf` on the fixture book: the PDFs in `unduh/` (page counts with pdfinfo,
//! Daftar Isi, running headers and "Halaman N dari M" with pdftotext, bookmarks), two builds
//! giving the same bytes, the "Unduh dan Cetak" table, and the offline zip opened from
//! `file://` with a working search. Needs Chromium (skips loudly without, like the browser
//! tests) and poppler-utils (pdfinfo, pdftotext).

use crate::common;
use common::browser::{browser, file_url, open, wait_until};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// Two `modul build --pdf` runs of the fixture book into two folders, once for the module.
fn built() -> &'static (PathBuf, PathBuf) {
    static SITES: OnceLock<(PathBuf, PathBuf)> = OnceLock::new();
    SITES.get_or_init(|| {
        let copy = common::fixture_copy("kecil");
        // The real book's download page, added to the fixture's copy.
        let src = copy.path().join("book/src");
        std::fs::copy(
            common::repo().join("book/src/unduh-dan-cetak.md"),
            src.join("unduh-dan-cetak.md"),
        )
        .expect("copy the download page");
        let summary = src.join("SUMMARY.md");
        let text = common::read(&summary).replace(
            "- [Kunci Jawaban Fasilitator](cetak/kunci-jawaban.md)\n",
            "- [Kunci Jawaban Fasilitator](cetak/kunci-jawaban.md)\n- [Unduh dan Cetak](unduh-dan-cetak.md)\n",
        );
        std::fs::write(&summary, text).expect("write SUMMARY.md");
        let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("situs-pdf");
        let _ = std::fs::remove_dir_all(&root);
        let sites = (root.join("a"), root.join("b"));
        for dest in [&sites.0, &sites.1] {
            let output = Command::new(env!("CARGO_BIN_EXE_modul"))
                .arg("build")
                .arg("--pdf")
                .arg("--dest-dir")
                .arg(dest)
                .arg(copy.path().join("book"))
                .env("SOURCE_DATE_EPOCH", "1764979200")
                .output()
                .expect("modul runs");
            assert!(
                output.status.success(),
                "{}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
        std::mem::forget(copy);
        sites
    })
}

fn tool(name: &str, args: &[&str], file: &Path) -> String {
    let output = Command::new(name)
        .args(args)
        .arg(file)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("{name} (apt-get install poppler-utils): {e}"));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn pages(pdf: &Path) -> usize {
    let output = Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .expect("pdfinfo (apt-get install poppler-utils)");
    let info = String::from_utf8_lossy(&output.stdout).into_owned();
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no page count: {info}"))
}

fn page_text(pdf: &Path, page: usize) -> String {
    let n = page.to_string();
    tool("pdftotext", &["-layout", "-f", &n, "-l", &n], pdf)
}

const FILES: &[&str] = &[
    "modul.pdf",
    "sesi-1-1.pdf",
    "sesi-1-2.pdf",
    "lembar-kerja.pdf",
    "kunci-jawaban.pdf",
    "jadwal.pdf",
    "modul-luring.zip",
];

/// Every download is there, and a second build writes the same bytes (dates from
/// SOURCE_DATE_EPOCH, a zip with fixed times and order).
#[test]
fn downloads_are_written_and_identical_across_builds() {
    let Some((_browser, _serial)) = browser() else {
        return;
    };
    let (a, b) = built();
    for file in FILES {
        let first =
            std::fs::read(a.join("unduh").join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        let second = std::fs::read(b.join("unduh").join(file)).expect("second build");
        assert!(first == second, "{file} differs between two builds");
    }
    let info = String::from_utf8_lossy(
        &Command::new("pdfinfo")
            .arg(a.join("unduh/modul.pdf"))
            .env("TZ", "UTC")
            .output()
            .expect("pdfinfo")
            .stdout,
    )
    .into_owned();
    assert!(info.contains("Dec  6 00:00:00 2025"), "{info}");
    // The download page lists every file with its pages.
    let page = common::read(&a.join("unduh-dan-cetak.html"));
    for file in FILES {
        assert!(
            page.contains(&format!("data-unduh=\"{file}\"")),
            "{file} not listed"
        );
    }
    let modul_pages = pages(&a.join("unduh/modul.pdf"));
    assert!(
        page.contains(&format!(">modul.pdf</a></td><td>{}", ""))
            || page.contains(&format!("<td>{modul_pages}</td>")),
        "page count of modul.pdf not on the page"
    );
}

/// modul.pdf: a cover, a Daftar Isi whose numbers are the pages where each chapter starts,
/// a running header with the session, "Halaman N dari M", and bookmarks per session and topic.
#[test]
fn the_modul_pdf_has_contents_page_numbers_headers_and_bookmarks() {
    let Some((_browser, _serial)) = browser() else {
        return;
    };
    let pdf = built().0.join("unduh/modul.pdf");
    let total = pages(&pdf);
    assert!(total >= 6, "{total} pages");
    let cover = page_text(&pdf, 1);
    assert!(
        !cover.contains("Halaman 1 dari"),
        "the cover has no footer: {cover}"
    );
    let contents = page_text(&pdf, 2);
    assert!(contents.contains("Daftar Isi"), "{contents}");
    assert!(
        contents.contains(&format!("Halaman 2 dari {total}")),
        "{contents}"
    );
    for title in [
        "Sesi 1-1: Umum",
        "Landasan Hukum",
        "Sesi 1-2: Pendekatan Dasar",
    ] {
        let line = contents
            .lines()
            .find(|l| l.contains(title))
            .unwrap_or_else(|| panic!("{title} not in the Daftar Isi: {contents}"));
        let number: usize = line
            .split_whitespace()
            .last()
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("no page number: {line}"));
        let text = page_text(&pdf, number);
        assert!(
            text.contains(title),
            "page {number} does not start {title}: {text}"
        );
        if title.starts_with("Sesi") {
            // The running header names the session.
            let header = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
            assert!(header.contains(title), "header of page {number}: {header}");
        }
    }
    let bookmarks = common::api::pdf_outline(&std::fs::read(&pdf).expect("pdf"));
    for title in [
        "Sesi 1-1: Umum",
        "Landasan Hukum",
        "Sesi 1-2: Pendekatan Dasar",
        "Manajemen Kasus",
    ] {
        let squeeze = |t: &str| t.split_whitespace().collect::<String>();
        assert!(
            bookmarks
                .iter()
                .any(|(_, t, page)| squeeze(t) == squeeze(title) && *page > 2),
            "no bookmark for {title}: {bookmarks:?}"
        );
    }
}

/// A session handout: its topics and its worksheet, with the session in the header.
#[test]
fn a_session_handout_has_its_topics_and_worksheet() {
    let Some((_browser, _serial)) = browser() else {
        return;
    };
    let pdf = built().0.join("unduh/sesi-1-1.pdf");
    let text = tool("pdftotext", &["-layout"], &pdf);
    for part in [
        "Permasalahan Gepeng",
        "Landasan Hukum",
        "Lembar Kerja",
        "Halaman 1 dari",
    ] {
        assert!(text.contains(part), "{part} missing from sesi-1-1.pdf");
    }
    assert!(
        !text.contains("Manajemen Kasus"),
        "another session's topic in the handout"
    );
    let first = page_text(&pdf, 1);
    assert!(
        first
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
            .contains("Sesi 1-1: Umum")
    );
}

/// The offline package unpacked into a folder opens from file:// and its search works.
#[test]
fn the_offline_zip_opens_from_a_folder_and_searches() {
    let Some((browser, _serial)) = browser() else {
        return;
    };
    let zip = built().0.join("unduh/modul-luring.zip");
    let dir = tempfile::tempdir().expect("temporary folder");
    let status = Command::new("unzip")
        .arg("-q")
        .arg(&zip)
        .arg("-d")
        .arg(dir.path())
        .status()
        .expect("unzip");
    assert!(status.success());
    let index = dir.path().join("modul/index.html");
    assert!(index.is_file(), "no modul/index.html in the zip");
    assert!(
        !dir.path().join("modul/unduh").exists(),
        "the zip holds itself"
    );
    let (tab, _) = open(&browser, &file_url(&index, "?search=landasan"));
    wait_until(
        &tab,
        "document.querySelectorAll('#mdbook-searchresults li a').length > 0",
        "search results from the unpacked zip",
    );
}

/// Without Chromium, `--pdf` says how to install it; the site is built all the same.
#[test]
fn without_chromium_the_site_is_built_and_the_message_says_how_to_install_it() {
    let copy = common::fixture_copy("kecil");
    let dest = copy.path().join("situs");
    let output = Command::new(env!("CARGO_BIN_EXE_modul"))
        .arg("build")
        .arg("--pdf")
        .arg("--dest-dir")
        .arg(&dest)
        .arg(copy.path().join("book"))
        .env("CHROME", copy.path().join("tidak-ada-chromium"))
        .output()
        .expect("modul runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(stderr.contains("Chromium tidak ditemukan"), "{stderr}");
    assert!(stderr.contains("apt-get install chromium"), "{stderr}");
    assert!(dest.join("index.html").is_file(), "the site was not built");
    assert!(!dest.join("unduh").exists(), "half-written downloads");
}

/// The printer icon of a topic page is a menu operated by keyboard: Enter opens it, it offers
/// this page, this session's handout and the whole modul; Enter on "Cetak halaman ini" prints,
/// Escape closes it and gives focus back to the icon.
#[test]
fn the_print_menu_works_by_keyboard() {
    let Some((browser, _serial)) = browser() else {
        return;
    };
    let page = common::browser::site().join("sesi-1-4/asesmen.html");
    let (tab, _) = open(&browser, &file_url(&page, ""));
    common::browser::eval(
        &tab,
        "window.print = function () { window.__dicetak = true; }",
    );
    common::browser::eval(
        &tab,
        "document.querySelector('#modul-cetak summary').focus()",
    );
    tab.press_key("Enter").expect("Enter");
    wait_until(
        &tab,
        "document.getElementById('modul-cetak').open",
        "the menu to open",
    );
    let items = common::browser::eval_strings(
        &tab,
        "Array.from(document.querySelectorAll('#modul-cetak li')).filter(li => !li.hidden).map(li => li.textContent.trim() + ' -> ' + (li.querySelector('a') ? li.querySelector('a').getAttribute('href') : 'cetak'))",
    );
    assert_eq!(
        items,
        vec![
            "Cetak halaman ini -> cetak",
            "Bahan Sesi 1-4 (PDF) -> ../unduh/sesi-1-4.pdf",
            "Seluruh modul (PDF) -> ../unduh/modul.pdf",
            "Semua unduhan dan cetakan -> ../unduh-dan-cetak.html",
        ]
    );
    tab.press_key("Tab").expect("Tab");
    assert_eq!(
        common::browser::eval_string(&tab, "document.activeElement.textContent"),
        "Cetak halaman ini"
    );
    tab.press_key("Enter").expect("Enter");
    wait_until(&tab, "window.__dicetak === true", "the page to print");
    assert!(!common::browser::eval_bool(
        &tab,
        "document.getElementById('modul-cetak').open"
    ));
    common::browser::eval(
        &tab,
        "document.querySelector('#modul-cetak summary').focus()",
    );
    tab.press_key("Enter").expect("Enter");
    wait_until(
        &tab,
        "document.getElementById('modul-cetak').open",
        "the menu to open again",
    );
    tab.press_key("Escape").expect("Escape");
    wait_until(
        &tab,
        "!document.getElementById('modul-cetak').open && document.activeElement === document.querySelector('#modul-cetak summary')",
        "Escape to close the menu",
    );
}

/// Over HTTP, the first visit keeps the site: with the server gone and the network off, a page
/// never opened before loads and the search finds results. From file:// no worker registers.
#[test]
fn over_http_the_site_works_offline_after_the_first_visit() {
    let Some((browser, _serial)) = browser() else {
        return;
    };
    let site = common::browser::site();
    let server = common::statik::Static::start(site);
    let (tab, _) = open(&browser, &format!("{}/index.html", server.base));
    wait_until(
        &tab,
        "navigator.serviceWorker.controller !== null",
        "the service worker to keep the site",
    );
    server.go_offline();
    tab.call_method(
        headless_chrome::protocol::cdp::Network::EmulateNetworkConditions {
            offline: true,
            latency: 0.0,
            download_throughput: -1.0,
            upload_throughput: -1.0,
            connection_Type: None,
            packet_loss: None,
            packet_queue_length: None,
            packet_reordering: None,
        },
    )
    .expect("network off");
    let page = format!("{}/sesi-1-4/asesmen.html", server.base);
    common::browser::navigate(&tab, &page);
    let title = common::browser::eval_string(&tab, "document.querySelector('main h1').textContent");
    assert_eq!(title, "Asesmen");
    // Its own script bundle (not the home page's) was kept too: the form widget runs.
    wait_until(
        &tab,
        "typeof ModulFormulir === 'object' && document.querySelector('[data-jenis=\"isi-formulir\"]') !== null",
        "the page's own widgets offline",
    );
    common::browser::navigate(&tab, &format!("{}/index.html?search=rujukan", server.base));
    wait_until(
        &tab,
        "document.querySelectorAll('#mdbook-searchresults li a').length > 0",
        "search results offline",
    );
    // From a folder nothing registers (and nothing needs to).
    let (local, _) = open(&browser, &file_url(&site.join("index.html"), ""));
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(!common::browser::eval_bool(
        &local,
        "'serviceWorker' in navigator && navigator.serviceWorker.controller !== null"
    ));
}
