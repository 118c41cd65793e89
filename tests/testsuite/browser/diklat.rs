//! The Diklat features in headless Chromium, from `file://` on the real book: the pre-test
//! kept across a reload, finished, the post-test with its explanations and the comparison per
//! session and objective; the adjustable timetable with real dates; the test booklet on A4.

use crate::common;

use common::browser::{
    browser, eval_bool, eval_string, file_url, navigate, open, requests_off_device, screenshot,
    site, wait_until,
};
use headless_chrome::Tab;
use headless_chrome::types::PrintToPdfOptions;
use std::path::Path;

fn pdf_pages(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    text.match_indices("/Type /Page")
        .filter(|(at, m)| !text[at + m.len()..].starts_with('s'))
        .count()
}

fn print_pdf(tab: &Tab, name: &str) -> Vec<u8> {
    let pdf = tab
        .print_to_pdf(Some(PrintToPdfOptions {
            prefer_css_page_size: Some(true),
            print_background: Some(true),
            ..Default::default()
        }))
        .expect("PDF");
    if let Some(dir) = std::env::var_os("MODUL_SCREENSHOT_DIR") {
        std::fs::create_dir_all(&dir).ok();
        std::fs::write(Path::new(&dir).join(format!("{name}.pdf")), &pdf).ok();
    }
    pdf
}

/// Clicks options in items `from..to` of the test on the page: the key when `right`, else the
/// first option (wrong for most items).
fn answer(tab: &Tab, right: bool, from: usize, to: usize) {
    let js = format!(
        r#"(() => {{
            const section = document.querySelector('[data-tes-data]');
            const data = JSON.parse(section.getAttribute('data-tes-data'));
            data.butir.slice({from}, {to}).forEach(item => {{
                const box = section.querySelector('[data-butir-tes="' + item.id + '"]');
                const picks = {right} ? item.kunci : [0];
                picks.forEach(i => box.querySelector('input[value="' + i + '"]').click());
            }});
            return true;
        }})()"#
    );
    assert!(eval_bool(tab, &js));
}

#[test]
fn pre_test_survives_a_reload_and_post_test_compares_per_session_and_objective() {
    let Some((browser, _serial)) = browser() else {
        return;
    };
    let pre = file_url(&site().join("pelatihan/tes-awal.html"), "");
    let (tab, requests) = open(&browser, &pre);
    eval_bool(&tab, "localStorage.clear(), true");
    navigate(&tab, &pre);
    wait_until(
        &tab,
        "!document.querySelector('.modul-tes-alat').hidden",
        "tes.js",
    );
    assert!(eval_bool(
        &tab,
        "document.querySelectorAll('[data-tes=\"awal\"] [data-butir-tes][data-sesi]').length >= 30"
    ));
    answer(&tab, false, 0, 10);
    // No feedback while the test runs.
    assert!(eval_bool(
        &tab,
        "document.querySelector('.modul-tes-hasil').hidden"
    ));
    navigate(&tab, &pre);
    wait_until(
        &tab,
        "!document.querySelector('.modul-tes-alat').hidden",
        "tes.js after reload",
    );
    assert_eq!(
        eval_string(
            &tab,
            "String(document.querySelectorAll('[data-tes=\"awal\"] input:checked').length)"
        ),
        "10",
        "answers kept across the reload"
    );
    assert!(
        eval_string(
            &tab,
            "document.querySelector('.modul-tes-status').textContent"
        )
        .contains("10 dari")
    );
    answer(&tab, false, 10, 1000);
    tab.find_element("[data-aksi=\"selesai\"]")
        .expect("button")
        .click()
        .expect("click");
    wait_until(
        &tab,
        "!document.querySelector('.modul-tes-hasil').hidden",
        "pre-test score",
    );
    let pre_score = eval_string(
        &tab,
        "document.querySelector('[data-skor]').getAttribute('data-skor')",
    );
    assert!(
        eval_bool(
            &tab,
            "document.querySelector('[data-tes=\"awal\"] input:not(:disabled)') === null"
        ),
        "a finished test is locked"
    );
    screenshot(&tab, "tes-awal-selesai");

    let post = file_url(&site().join("pelatihan/tes-akhir.html"), "");
    navigate(&tab, &post);
    wait_until(
        &tab,
        "!document.querySelector('.modul-tes-alat').hidden",
        "post-test script",
    );
    assert!(
        eval_bool(
            &tab,
            "[...document.querySelectorAll('.modul-tes-penjelasan')].every(p => p.hidden)"
        ),
        "explanations stay hidden during the post-test"
    );
    answer(&tab, true, 0, 1000);
    tab.find_element("[data-aksi=\"selesai\"]")
        .expect("button")
        .click()
        .expect("click");
    wait_until(
        &tab,
        "document.querySelector('[data-tes-perbandingan] table') !== null",
        "comparison",
    );
    let total = eval_string(
        &tab,
        "String(document.querySelectorAll('[data-tes=\"akhir\"] [data-butir-tes]').length)",
    );
    assert_eq!(
        eval_string(
            &tab,
            "document.querySelector('[data-skor]').getAttribute('data-skor')"
        ),
        total,
        "every key chosen: full score"
    );
    assert!(eval_bool(
        &tab,
        "[...document.querySelectorAll('.modul-tes-penjelasan')].every(p => !p.hidden)"
    ));
    let sessions = eval_string(
        &tab,
        "[...document.querySelectorAll('[data-tes-perbandingan] tr[data-sesi]')].map(r => r.getAttribute('data-sesi')).join(' ')",
    );
    assert_eq!(sessions, "1-1 1-2 1-3 1-4 1-5 1-6 1-7 1-8 1-9");
    let total_row = eval_string(
        &tab,
        "document.querySelector('[data-tes-perbandingan] tr[data-jumlah]').textContent",
    );
    assert!(
        total_row.contains(&format!("{pre_score}/{total}"))
            && total_row.contains(&format!("{total}/{total} (100)")),
        "{total_row}"
    );
    assert!(eval_bool(
        &tab,
        "document.querySelectorAll('[data-tes-perbandingan] tr[data-tujuan]').length >= 9"
    ));
    screenshot(&tab, "tes-akhir-perbandingan");
    let foreign = requests_off_device(&requests);
    assert!(foreign.is_empty(), "{foreign:?}");
    tab.close(true).ok();
}

#[test]
fn timetable_moves_with_the_start_date_and_prints_as_shown() {
    let Some((browser, _serial)) = browser() else {
        return;
    };
    let url = file_url(&site().join("pengantar/program-pelatihan.html"), "");
    let (tab, _) = open(&browser, &url);
    eval_bool(&tab, "localStorage.removeItem('modul:jadwal'), true");
    navigate(&tab, &url);
    wait_until(
        &tab,
        "!document.querySelector('.modul-jadwal-atur').hidden",
        "jadwal.js",
    );
    let set = |name: &str, value: &str| {
        assert!(eval_bool(
            &tab,
            &format!(
                "(() => {{ const f = document.querySelector('.modul-jadwal-atur'); f.elements['{name}'].value = '{value}'; f.elements['{name}'].dispatchEvent(new Event('change', {{bubbles: true}})); return true; }})()"
            )
        ));
    };
    let heading = |n: usize| {
        eval_string(
            &tab,
            &format!("document.querySelector('[data-hari=\"{n}\"]').textContent"),
        )
    };
    set("tanggal", "2026-12-07");
    assert!(
        heading(1).contains("Senin, 7 Desember 2026"),
        "{}",
        heading(1)
    );
    assert!(
        heading(5).contains("Jumat, 11 Desember 2026"),
        "{}",
        heading(5)
    );
    set("tanggal", "2026-12-28");
    assert!(
        heading(5).contains("Jumat, 1 Januari 2027"),
        "dates move: {}",
        heading(5)
    );
    set("mulai", "08:00");
    assert!(
        eval_string(
            &tab,
            "document.querySelector('.modul-jadwal .modul-waktu').textContent"
        )
        .starts_with("08.00"),
        "clock times move"
    );
    set("jp", "8");
    assert_eq!(
        eval_string(
            &tab,
            "String(document.querySelectorAll('.modul-jadwal h3').length)"
        ),
        "7"
    );
    let message = eval_string(
        &tab,
        "document.querySelector('.modul-jadwal-pesan').textContent",
    );
    assert!(message.contains("memerlukan 7 hari"), "{message}");
    // The choice is kept: a reload shows the same timetable.
    navigate(&tab, &url);
    wait_until(
        &tab,
        "!document.querySelector('.modul-jadwal-atur').hidden",
        "jadwal.js after reload",
    );
    assert!(
        heading(1).contains("Senin, 28 Desember 2026"),
        "{}",
        heading(1)
    );
    screenshot(&tab, "jadwal-disesuaikan");
    let pdf = print_pdf(&tab, "jadwal-disesuaikan");
    assert!(pdf_pages(&pdf) >= 2);
    if let Some(dir) = std::env::var_os("MODUL_SCREENSHOT_DIR") {
        let file = Path::new(&dir).join("jadwal-disesuaikan.pdf");
        if let Ok(out) = std::process::Command::new("pdftotext")
            .arg(&file)
            .arg("-")
            .output()
        {
            let text = String::from_utf8_lossy(&out.stdout);
            assert!(text.contains("Senin, 28 Desember 2026"), "printed as shown");
        }
    }
    eval_bool(&tab, "localStorage.removeItem('modul:jadwal'), true");
    tab.close(true).ok();
}

#[test]
fn test_booklet_prints_on_at_most_six_a4_pages() {
    let Some((browser, _serial)) = browser() else {
        return;
    };
    let (tab, _) = open(
        &browser,
        &file_url(&site().join("cetak/tes-buklet.html"), ""),
    );
    wait_until(&tab, "document.readyState === 'complete'", "page load");
    let items = eval_string(
        &tab,
        "String(document.querySelectorAll('.modul-tes-buklet [data-butir-tes]').length)",
    );
    let pages = pdf_pages(&print_pdf(&tab, "tes-buklet"));
    eprintln!("test booklet: {items} items on {pages} A4 pages");
    assert!(items.parse::<usize>().unwrap_or(0) >= 30);
    assert!((1..=6).contains(&pages), "{pages} pages");
    let (tab2, _) = open(
        &browser,
        &file_url(&site().join("cetak/tes-lembar-jawaban.html"), ""),
    );
    wait_until(&tab2, "document.readyState === 'complete'", "page load");
    let sheet = pdf_pages(&print_pdf(&tab2, "tes-lembar-jawaban"));
    eprintln!("answer sheet: {sheet} A4 page(s)");
    assert_eq!(sheet, 1, "the answer sheet fits one page");
    tab.close(true).ok();
    tab2.close(true).ok();
}
