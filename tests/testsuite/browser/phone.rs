//! The book on a 360×740 phone (issue 18): every control a thumb taps is at least 44×44 px on
//! every page type, Kemajuan Saya and the forms fit the screen, and glossary terms open their
//! definition on tap and by keyboard. `MODUL_SCREENSHOT_DIR` keeps a screenshot of each page.

use crate::common;
use common::browser::{
    browser, eval_bool, eval_json, eval_string, eval_strings, file_url, navigate, open,
    phone_viewport, screenshot, site, wait_until,
};
use headless_chrome::Tab;

/// Every visible control smaller than 44×44 px, as "selector "text" W×H". Links inside running
/// text (paragraphs, list items, table cells) are exempt, except in navigation; a radio button
/// or check box is measured by its label, which is what a thumb taps.
const AUDIT: &str = r#"(() => {
  const MIN = 44;
  const controls = 'a[href], button, input:not([type=hidden]), select, textarea, summary, label.icon-button, [role=button], [tabindex]:not([tabindex="-1"])';
  const running = 'p, li, td, th, dd, dt, blockquote, figcaption';
  const navigation = '#mdbook-menu-bar, nav, [role=toolbar], .nav-chapters, .mobile-nav-chapters';
  const name = (el) => {
    const parts = [];
    for (let e = el; e && e !== document.body && parts.length < 4; e = e.parentElement) {
      let p = e.tagName.toLowerCase();
      if (e.id) { parts.unshift(p + '#' + e.id); break; }
      const cls = [...e.classList].slice(0, 2).join('.');
      parts.unshift(cls ? p + '.' + cls : p);
    }
    return parts.join(' > ');
  };
  const small = [];
  for (const el of document.querySelectorAll(controls)) {
    let target = el;
    if (el.matches('input[type=radio], input[type=checkbox]')) {
      target = el.closest('label') || (el.id && document.querySelector(`label[for="${el.id}"]`)) || el;
    }
    const style = getComputedStyle(target);
    if (style.visibility === 'hidden' || el.closest('[hidden], [aria-hidden=true]')) continue;
    // Visually hidden fields opened by a button of their own (the file field of Impor).
    if (el.matches('input[type=file][tabindex="-1"]')) continue;
    const r = target.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (r.right <= 0 || r.left >= innerWidth) continue;
    if (el.tagName === 'A' && el.closest(running) && !el.closest(navigation)) continue;
    const w = Math.round(r.width), h = Math.round(r.height);
    if (w < MIN || h < MIN) {
      const text = (el.textContent || el.value || el.getAttribute('aria-label') || '').trim().replace(/\s+/g, ' ').slice(0, 30);
      small.push(`${name(el)} "${text}" ${w}×${h}`);
    }
  }
  return small;
})()"#;

/// Page types: (name, page, what to wait for before measuring).
const PAGES: &[(&str, &str, &str)] = &[
    ("beranda", "index.html", "true"),
    (
        "kartu-sesi",
        "sesi-1-4/index.html",
        "document.querySelector('[data-sesi]') !== null",
    ),
    (
        "topik-latihan",
        "sesi-1-4/asesmen.html",
        "document.querySelector('.modul-urutan button') !== null",
    ),
    (
        "formulir",
        "lampiran/formulir-1.html",
        "document.querySelector('[data-aksi=\"simpan\"]') !== null",
    ),
    (
        "formulir-rekaman",
        "formulir/catatan-kasus.html",
        "document.querySelector('[data-rekaman-daftar]') !== null",
    ),
    (
        "berkas-klien",
        "formulir/berkas-klien.html",
        "document.querySelector('#berkas-klien-pilih') !== null",
    ),
    ("daftar-istilah", "daftar-istilah.html", "true"),
    (
        "kemajuan",
        "kemajuan.html",
        "document.querySelector('.modul-kemajuan-jumlah:not([hidden])') !== null",
    ),
    (
        "pencarian",
        "index.html?search=asesmen",
        "document.querySelectorAll('#mdbook-searchresults li a').length > 0",
    ),
    ("lembar-kerja", "cetak/lembar-kerja-1-4.html", "true"),
    (
        "program-pelatihan",
        "pengantar/program-pelatihan.html",
        "true",
    ),
];

fn audit(tab: &Tab, page: &str, problems: &mut Vec<String>) {
    for line in eval_strings(tab, AUDIT) {
        problems.push(format!("{page}: {line}"));
    }
}

/// Opens `page` in the phone-sized tab and waits for its scripts.
fn load(tab: &Tab, page: &str, ready: &str) {
    let (path, query) = page.find('?').map_or((page, ""), |i| page.split_at(i));
    navigate(tab, &file_url(&site().join(path), query));
    wait_until(
        tab,
        "document.documentElement.classList.contains('modul-js')",
        "the book's scripts",
    );
    wait_until(tab, ready, &format!("{page} to be ready"));
}

#[test]
fn every_control_is_at_least_44_px_on_a_phone() {
    let Some((browser, _serial)) = browser() else {
        return;
    };
    let (tab, _) = open(&browser, "about:blank");
    phone_viewport(&tab);
    let mut problems = Vec::new();
    for (name, page, ready) in PAGES {
        load(&tab, page, ready);
        audit(&tab, page, &mut problems);
        screenshot(&tab, &format!("telepon-{name}"));
        // With a record: its own small buttons (Gandakan, Ganti nama, Hapus), and the client
        // it names in Berkas Klien.
        if *name == "formulir-rekaman" {
            eval_string(
                &tab,
                "(() => { const i = document.querySelector('#f-catatan-kasus-nama_klien'); i.value = 'Ani Rekaan'; i.dispatchEvent(new Event('input', {bubbles: true})); document.querySelector('[data-aksi=\"simpan\"]').click(); })()",
            );
            wait_until(
                &tab,
                "document.querySelector('[data-rekaman] [data-aksi=\"rekaman-hapus\"]') !== null",
                "a saved record",
            );
            audit(
                &tab,
                "formulir/catatan-kasus.html (satu rekaman)",
                &mut problems,
            );
            eval_string(
                &tab,
                "document.querySelector('[data-rekaman]').scrollIntoView()",
            );
            screenshot(&tab, "telepon-formulir-rekaman-tersimpan");
        }
        if *name == "berkas-klien" {
            eval_string(
                &tab,
                "(() => { const s = document.querySelector('#berkas-klien-pilih'); s.value = s.options[1].value; s.dispatchEvent(new Event('change', {bubbles: true})); })()",
            );
            wait_until(
                &tab,
                "!document.querySelector('[data-aksi=\"berkas-ekspor\"]').hidden",
                "the client's file",
            );
            audit(
                &tab,
                "formulir/berkas-klien.html (satu klien)",
                &mut problems,
            );
            screenshot(&tab, "telepon-berkas-klien-terpilih");
        }
    }
    // What opens on a page: the sidebar, the theme list, the print menu, a glossary definition.
    load(&tab, "sesi-1-4/asesmen.html", "true");
    eval_string(
        &tab,
        "document.getElementById('mdbook-sidebar-toggle').click()",
    );
    wait_until(
        &tab,
        "document.documentElement.classList.contains('sidebar-visible') && document.querySelector('#mdbook-sidebar a').getBoundingClientRect().left >= 0",
        "the sidebar to open",
    );
    audit(&tab, "daftar isi", &mut problems);
    screenshot(&tab, "telepon-daftar-isi");
    eval_string(
        &tab,
        "document.getElementById('mdbook-sidebar-toggle').click()",
    );
    wait_until(
        &tab,
        "document.querySelector('#mdbook-sidebar a').getBoundingClientRect().right <= 0",
        "the sidebar to close",
    );
    eval_string(
        &tab,
        "document.getElementById('mdbook-theme-toggle').click()",
    );
    wait_until(
        &tab,
        "getComputedStyle(document.getElementById('mdbook-theme-list')).display !== 'none'",
        "the theme list",
    );
    audit(&tab, "daftar tema", &mut problems);
    eval_string(
        &tab,
        "document.getElementById('mdbook-theme-toggle').click()",
    );
    eval_string(
        &tab,
        "document.querySelector('.modul-cetak-menu > summary').click()",
    );
    wait_until(
        &tab,
        "document.querySelector('.modul-cetak-menu').open",
        "the print menu",
    );
    audit(&tab, "menu cetak", &mut problems);
    screenshot(&tab, "telepon-menu-cetak");
    eval_string(
        &tab,
        "document.querySelector('.modul-cetak-menu').open = false",
    );
    eval_string(
        &tab,
        "const t = document.querySelector('.modul-istilah-tautan'); t.scrollIntoView(); t.click()",
    );
    wait_until(
        &tab,
        "document.querySelector('.modul-istilah-pop') !== null",
        "a glossary definition",
    );
    audit(&tab, "definisi istilah", &mut problems);
    assert!(
        problems.is_empty(),
        "controls under 44×44 px at 360×740:\n{}",
        problems.join("\n")
    );
}

/// Kemajuan Saya shows every column of every table inside 360 px; the pages do not scroll
/// sideways; no print-only box (the blank rows of a form's tables) shows on screen.
#[test]
fn kemajuan_and_forms_fit_a_phone_and_print_boxes_stay_on_paper() {
    let Some((browser, _serial)) = browser() else {
        return;
    };
    let (tab, _) = open(&browser, "about:blank");
    phone_viewport(&tab);
    load(&tab, "kemajuan.html", PAGES[7].2);
    let outside = eval_json(
        &tab,
        "Array.from(document.querySelectorAll('.modul-tabel-kemajuan td')).filter(td => { const r = td.getBoundingClientRect(); return r.width === 0 || r.left < 0 || r.right > document.documentElement.clientWidth; }).length",
    );
    assert_eq!(outside, serde_json::json!(0), "cells outside the screen");
    let columns = eval_json(
        &tab,
        "Array.from(document.querySelectorAll('.modul-tabel-kemajuan tbody tr')).map(tr => tr.querySelectorAll('td').length)",
    );
    let columns = columns.as_array().expect("rows");
    assert!(columns.len() >= 70, "{} rows", columns.len());
    assert!(columns.iter().all(|c| c == 4), "{columns:?}");
    // Each value says which column it is.
    let labels = eval_string(
        &tab,
        "getComputedStyle(document.querySelector('.modul-tabel-kemajuan .modul-kemajuan-skor'), '::before').content",
    );
    assert_eq!(labels, "\"Skor terakhir: \"");
    for (page, ready) in [
        ("kemajuan.html", PAGES[7].2),
        ("index.html", "true"),
        ("lampiran/formulir-1.html", PAGES[3].2),
        ("formulir/catatan-kasus.html", PAGES[4].2),
        ("sesi-1-4/asesmen.html", "true"),
        ("pengantar/program-pelatihan.html", "true"),
    ] {
        load(&tab, page, ready);
        assert!(
            eval_bool(
                &tab,
                "document.documentElement.scrollWidth <= window.innerWidth"
            ),
            "{page} scrolls sideways: {}",
            eval_string(&tab, "String(document.documentElement.scrollWidth)")
        );
        let printed = eval_strings(
            &tab,
            "Array.from(document.querySelectorAll('.modul-baris-kosong, .modul-garis-cetak, .modul-nilai-cetak, .modul-cetak-saja, .modul-kotak-cetak')).filter(e => e.getClientRects().length > 0 && e.getBoundingClientRect().height > 0).map(e => e.className)",
        );
        assert!(
            printed.is_empty(),
            "{page}: print-only boxes on screen: {printed:?}"
        );
    }
    screenshot(&tab, "telepon-program");
}

/// A glossary term opens its definition under it on a tap, and with Enter and Space from the
/// keyboard; Esc closes it and leaves focus on the term; the page does not change. Without the
/// script the term is a link to its glossary entry (built into the page).
#[test]
fn glossary_terms_open_their_definition_on_tap_and_by_keyboard() {
    let Some((browser, _serial)) = browser() else {
        return;
    };
    let (tab, _) = open(&browser, "about:blank");
    phone_viewport(&tab);
    load(
        &tab,
        "sesi-1-4/asesmen.html",
        "document.querySelector('.modul-istilah-tautan') !== null",
    );
    let href = eval_string(
        &tab,
        "document.querySelector('.modul-istilah-tautan').getAttribute('href')",
    );
    assert!(
        href.starts_with("../daftar-istilah.html#istilah-"),
        "{href}"
    );
    let entry = common::sites::page(site(), "daftar-istilah.html");
    let anchor = href.split('#').nth(1).unwrap_or_default();
    assert!(
        entry.contains(&format!("id=\"{anchor}\"")),
        "{anchor} is not on the glossary page"
    );
    // A tap.
    let term = tab
        .wait_for_element(".modul-istilah-tautan")
        .expect("a term");
    term.scroll_into_view().expect("scroll");
    term.click().expect("tap");
    wait_until(
        &tab,
        "document.querySelector('.modul-istilah-pop') !== null",
        "the definition",
    );
    let shown = eval_json(
        &tab,
        "(() => { const t = document.querySelector('.modul-istilah-tautan'); const p = document.querySelector('.modul-istilah-pop'); return [t.getAttribute('aria-expanded'), t.getAttribute('aria-controls') === p.id, p.querySelector('.modul-istilah-definisi').textContent, p.getBoundingClientRect().right <= innerWidth, location.pathname.endsWith('asesmen.html')]; })()",
    );
    assert_eq!(shown[0], "true");
    assert_eq!(shown[1], true);
    assert!(
        shown[2]
            .as_str()
            .unwrap_or_default()
            .starts_with("klien: Individu"),
        "{shown}"
    );
    assert_eq!(shown[3], true, "the definition fits the screen");
    assert_eq!(shown[4], true, "the tap did not leave the page");
    screenshot(&tab, "telepon-definisi-istilah");
    // Esc closes it; focus stays on the term.
    tab.press_key("Escape").expect("Esc");
    wait_until(
        &tab,
        "document.querySelector('.modul-istilah-pop') === null",
        "the definition to close",
    );
    assert!(eval_bool(
        &tab,
        "document.activeElement === document.querySelector('.modul-istilah-tautan')"
    ));
    // Keyboard: Enter opens, Tab reaches the link to the entry, Space on the term closes.
    tab.press_key("Enter").expect("Enter");
    wait_until(
        &tab,
        "document.querySelector('.modul-istilah-pop') !== null",
        "Enter to open it",
    );
    tab.press_key("Tab").expect("Tab");
    assert!(eval_bool(
        &tab,
        "document.activeElement === document.querySelector('.modul-istilah-pop a')"
    ));
    tab.press_key("Tab").expect("Tab");
    tab.press_key("Enter").expect("Enter on Tutup");
    wait_until(
        &tab,
        "document.querySelector('.modul-istilah-pop') === null && document.activeElement === document.querySelector('.modul-istilah-tautan')",
        "Tutup to close it and return focus",
    );
    let scrolled = eval_string(&tab, "String(window.scrollY)");
    tab.press_key(" ").expect("Space");
    wait_until(
        &tab,
        "document.querySelector('.modul-istilah-pop') !== null",
        "Space to open it",
    );
    tab.press_key(" ").expect("Space");
    wait_until(
        &tab,
        "document.querySelector('.modul-istilah-pop') === null",
        "Space to close it",
    );
    // Space opened and closed the definition instead of scrolling the page.
    assert_eq!(eval_string(&tab, "String(window.scrollY)"), scrolled);
    assert!(eval_bool(
        &tab,
        "location.pathname.endsWith('asesmen.html')"
    ));
}
