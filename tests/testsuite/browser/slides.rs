//! Mode Tayang (`book/theme/modul-tayang.js`) and the Panduan Fasilitator in headless Chromium,
//! from `file://`: a topic page as slides at 1280×720 stepped through with the keys, every topic
//! page's slides fitting the screen, answers only when revealed, Mode Fasilitator safe in class,
//! and the printed guide's A4 pages.

use crate::common;

use common::browser::{
    browser, eval_bool, eval_json, eval_string, file_url, navigate, open, requests_off_device,
    screenshot, site, wait_until,
};
use headless_chrome::Tab;
use headless_chrome::types::PrintToPdfOptions;
use std::path::Path;

/// A 1280×720 projector screen.
fn projector(tab: &Tab) {
    tab.call_method(
        headless_chrome::protocol::cdp::Emulation::SetDeviceMetricsOverride {
            width: 1280,
            height: 720,
            device_scale_factor: 1.0,
            mobile: false,
            scale: None,
            screen_width: None,
            screen_height: None,
            position_x: None,
            position_y: None,
            dont_set_visible_size: None,
            screen_orientation: None,
            viewport: None,
            display_feature: None,
            device_posture: None,
        },
    )
    .expect("projector viewport");
}

/// What is wrong with the slide on screen (empty when nothing): it must fill the 1280×720
/// screen without scrolling or shrinking, with body text of at least 28 px, and show no answer.
const SLIDE_PROBLEMS: &str = r#"(() => {
  const problems = [];
  const shown = document.querySelectorAll('[data-slide]:not([hidden])');
  if (shown.length !== 1) return ['slides on screen: ' + shown.length];
  const slide = shown[0];
  const r = slide.getBoundingClientRect();
  if (r.left < 0 || r.top < 0 || r.right > 1280.5 || r.bottom > 720.5) problems.push('outside the screen');
  if (slide.scrollHeight > slide.clientHeight + 1) problems.push('slide scrolls');
  const body = slide.querySelector('.modul-tayang-isi');
  if (body.scrollHeight > body.clientHeight + 1) problems.push('body overflows by ' + (body.scrollHeight - body.clientHeight) + ' px');
  if (body.scrollWidth > body.clientWidth + 1) problems.push('body too wide');
  if (slide.querySelector('.modul-tayang-kecil')) problems.push('shrunk block');
  for (const el of body.querySelectorAll('p, li, td, th, dd, dt, legend, label')) {
    if (el.closest('.modul-latihan-label')) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < 28) { problems.push('text of ' + size + ' px: ' + el.textContent.slice(0, 40)); break; }
  }
  if (!/^\d+ \/ \d+$/.test(slide.querySelector('.modul-tayang-hitung').textContent)) problems.push('no counter');
  if (!slide.querySelector('.modul-tayang-konteks').textContent.trim()) problems.push('no session or topic');
  if (slide.getAttribute('data-jenis-slide') !== 'jawaban' &&
      slide.querySelector('.modul-kunci, [data-benar], .modul-ub, .modul-jawaban-model, .modul-akibat, .modul-catatan-fasilitator, [data-panduan-sesi], [data-panduan-acara], [data-panduan-topik]'))
    problems.push('an answer or a facilitator note on a slide');
  return problems.map(p => 'slide ' + slide.getAttribute('data-slide') + ': ' + p);
})()"#;

/// [`SLIDE_PROBLEMS`] for every slide of the deck on screen, in one evaluation: from the first
/// slide, check, then ArrowRight, until the last; `{total, checked, problems}`.
fn every_slide_js() -> String {
    format!(
        r#"(() => {{
  const check = () => {SLIDE_PROBLEMS};
  const visible = () => document.querySelector('[data-slide]:not([hidden])');
  const total = document.querySelectorAll('[data-slide]').length;
  const problems = [];
  let checked = 0;
  for (let i = 1; i <= total; i++) {{
    const slide = visible();
    if (!slide || slide.getAttribute('data-slide') !== String(i)) {{
      problems.push('slide ' + i + ' is not on screen after ArrowRight');
      break;
    }}
    problems.push(...check());
    checked++;
    document.dispatchEvent(new KeyboardEvent('keydown', {{key: 'ArrowRight', bubbles: true}}));
  }}
  return {{total, checked, problems}};
}})()"#
    )
}

fn slide_problems(tab: &Tab) -> Vec<String> {
    eval_json(tab, SLIDE_PROBLEMS)
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

fn current(tab: &Tab) -> String {
    eval_string(
        tab,
        "(document.querySelector('[data-slide]:not([hidden])') || {getAttribute: () => ''}).getAttribute('data-slide')",
    )
}

fn count(tab: &Tab) -> usize {
    eval_json(tab, "document.querySelectorAll('[data-slide]').length")
        .as_u64()
        .unwrap_or(0) as usize
}

/// One topic page from `?tayang=1`, stepped through slide by slide with the real keys: every
/// slide fits, no answer shows until J is pressed on its question, Esc leaves.
#[test]
fn topic_page_as_slides_with_the_keys() {
    let Some((browser, _serial)) = browser() else {
        return;
    };
    let (tab, requests) = open(&browser, "about:blank");
    projector(&tab);
    let page = site().join("sesi-1-4/penyusunan-rencana-pelayanan.html");
    navigate(&tab, &file_url(&page, "?tayang=1"));
    wait_until(
        &tab,
        "document.querySelector('[data-slide]') !== null",
        "slides",
    );
    let total = count(&tab);
    assert!(total >= 5, "{total} slides");
    assert_eq!(current(&tab), "1");
    assert!(
        eval_string(
            &tab,
            "document.querySelector('.modul-tayang-konteks').textContent"
        )
        .contains("Sesi 1-4"),
        "the session on the slide"
    );
    screenshot(&tab, "tayang-1");
    let mut questions = Vec::new();
    for n in 1..=total {
        assert_eq!(current(&tab), n.to_string());
        let problems = slide_problems(&tab);
        assert!(problems.is_empty(), "{problems:?}");
        let question = eval_string(
            &tab,
            "document.querySelector('[data-slide]:not([hidden])').getAttribute('data-soal') || ''",
        );
        if !question.is_empty() {
            questions.push((n, question));
        }
        let key = ["ArrowRight", "PageDown", " "][n % 3];
        tab.press_key(key).expect("next");
    }
    assert_eq!(current(&tab), total.to_string(), "stays on the last slide");
    assert!(
        !questions.is_empty(),
        "the page's exercises are question slides"
    );
    for (key, expected) in [
        ("Home", "1".to_string()),
        ("End", total.to_string()),
        ("PageUp", (total - 1).to_string()),
        ("ArrowLeft", (total - 2).to_string()),
    ] {
        tab.press_key(key).expect("key");
        assert_eq!(current(&tab), expected, "after {key}");
    }
    // Nothing of any answer is in the slides before it is asked for.
    assert!(!eval_bool(
        &tab,
        "!!document.querySelector('#modul-tayang .modul-kunci, #modul-tayang [data-benar], #modul-tayang [data-jenis-slide=\"jawaban\"]')"
    ));
    // J on a question whose key marks the right choices: its answer follows it and is shown;
    // the count grows.
    let (question, _) = questions
        .iter()
        .find(|(_, id)| {
            eval_bool(
                &tab,
                &format!(
                    "!!document.querySelector('[data-latihan=\"{id}\"] .modul-kunci [data-benar]')"
                ),
            )
        })
        .cloned()
        .expect("a question with a choice key");
    tab.press_key("Home").expect("home");
    for _ in 1..question {
        tab.press_key("ArrowRight").expect("next");
    }
    screenshot(&tab, "tayang-soal");
    tab.press_key("j").expect("reveal");
    assert_eq!(current(&tab), (question + 1).to_string());
    assert!(eval_bool(
        &tab,
        "document.querySelector('[data-slide]:not([hidden])').getAttribute('data-jenis-slide') === 'jawaban' && !!document.querySelector('[data-slide]:not([hidden]) [data-benar]')"
    ));
    assert!(count(&tab) > total);
    let problems = slide_problems(&tab);
    assert!(problems.is_empty(), "{problems:?}");
    screenshot(&tab, "tayang-jawaban");
    tab.press_key("Escape").expect("leave");
    assert_eq!(count(&tab), 0, "no slides after Esc");
    assert!(!eval_bool(
        &tab,
        "!!document.getElementById('modul-tayang')"
    ));
    // T turns it on again, the button too.
    tab.press_key("t").expect("T");
    wait_until(
        &tab,
        "document.querySelectorAll('[data-slide]').length > 0",
        "slides after T",
    );
    tab.press_key("Escape").expect("leave");
    tab.find_element("#modul-tombol-tayang")
        .expect("button")
        .click()
        .expect("click");
    wait_until(
        &tab,
        "document.querySelectorAll('[data-slide]').length > 0",
        "slides after the button",
    );
    let foreign = requests_off_device(&requests);
    assert!(foreign.is_empty(), "requests off the device: {foreign:?}");
    tab.close(true).ok();
}

/// The notes window (N): a second window with the current slide's facilitator notes that
/// follows the slides, from `file://`. On a session page the title slide's notes are the
/// session plan; on an exercise's question slide they are its facilitator note and its key,
/// which the projected slide never shows; keys pressed in the notes window move the slides;
/// leaving Mode Tayang closes it.
#[test]
fn notes_window_follows_the_slides() {
    let Some((browser, _serial)) = browser() else {
        return;
    };
    let (tab, requests) = open(&browser, "about:blank");
    projector(&tab);
    // Another window of the browser showing the notes page.
    let is_notes_window = |t: &Tab| {
        t.get_target_id() != tab.get_target_id()
            && t.evaluate(
                "!!document.querySelector('main[data-catatan-tayang]')",
                false,
            )
            .ok()
            .and_then(|r| r.value)
            .and_then(|v| v.as_bool())
                == Some(true)
    };
    let notes_tab = |what: &str| -> std::sync::Arc<Tab> {
        let start = std::time::Instant::now();
        loop {
            let tabs = browser.get_tabs().lock().expect("tabs").clone();
            if let Some(found) = tabs.into_iter().find(|t| is_notes_window(t)) {
                return found;
            }
            assert!(
                start.elapsed() < std::time::Duration::from_secs(20),
                "no notes window: {what}"
            );
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
    };
    let slide_title =
        "document.querySelector('[data-slide]:not([hidden]) .modul-tayang-judul').textContent";
    let notes_title = "document.querySelector('.modul-catatan-jendela-judul').textContent";

    // A session page: its first slide's notes are the session plan.
    navigate(
        &tab,
        &file_url(&site().join("sesi-1-8/index.html"), "?tayang=1"),
    );
    wait_until(
        &tab,
        "document.querySelector('[data-slide]') !== null",
        "slides",
    );
    tab.press_key("n").expect("N");
    let notes = notes_tab("after N");
    assert_eq!(
        eval_string(
            &notes,
            "document.querySelector('main').getAttribute('data-catatan-tayang')"
        ),
        "1"
    );
    assert_eq!(
        eval_string(&notes, notes_title),
        eval_string(&tab, slide_title)
    );
    assert!(
        eval_bool(
            &notes,
            "!!document.querySelector('[data-langkah][data-menit]')"
        ),
        "the session plan's steps"
    );
    // The book's stylesheet styles the notes window (it loads after the window is written).
    wait_until(
        &notes,
        "getComputedStyle(document.body).fontSize === '18px'",
        "the notes window's style",
    );
    screenshot(&notes, "tayang-catatan-rencana");
    notes.close(true).ok();

    // A topic page: the notes follow the slides; a question slide's notes hold its key.
    navigate(
        &tab,
        &file_url(&site().join("sesi-1-8/terminasi.html"), "?tayang=1"),
    );
    wait_until(
        &tab,
        "document.querySelector('[data-slide]') !== null",
        "slides",
    );
    tab.find_element(".modul-tayang-tombol-catatan")
        .expect("notes button")
        .click()
        .expect("click");
    let notes = notes_tab("after the button");
    let question: usize = eval_string(
        &tab,
        "document.querySelector('[data-slide][data-soal]') ? [...document.querySelectorAll('[data-slide]')].findIndex(s => s.hasAttribute('data-soal')) + 1 + '' : ''",
    )
    .parse()
    .expect("a question slide");
    for n in 2..=question {
        tab.press_key("ArrowRight").expect("next");
        wait_until(
            &notes,
            &format!(
                "document.querySelector('main').getAttribute('data-catatan-tayang') === '{n}'"
            ),
            "the notes follow",
        );
        assert_eq!(
            eval_string(&notes, notes_title),
            eval_string(&tab, slide_title)
        );
    }
    assert!(
        eval_bool(
            &notes,
            "!!document.querySelector('.modul-catatan-jendela-blok [data-benar], .modul-catatan-jendela-blok')"
        ) && eval_string(&notes, "document.body.textContent").contains("Kunci jawaban"),
        "the question's key is in the notes"
    );
    assert!(
        eval_string(&notes, "document.body.textContent").contains("Rencana sesi, langkah"),
        "and the step of the session plan that uses the exercise"
    );
    assert!(
        !eval_bool(
            &tab,
            "!!document.querySelector('#modul-tayang .modul-kunci, #modul-tayang [data-benar], #modul-tayang [data-jenis-slide=\"jawaban\"]')"
        ),
        "and not on the projected slides"
    );
    screenshot(&notes, "tayang-catatan-soal");
    // Keys pressed in the notes window move the slides.
    notes
        .press_key("ArrowRight")
        .expect("next from the notes window");
    wait_until(
        &tab,
        &format!(
            "document.querySelector('[data-slide]:not([hidden])').getAttribute('data-slide') === '{}'",
            question + 1
        ),
        "the slides follow the notes window",
    );
    // Leaving Mode Tayang closes the notes window.
    tab.press_key("Escape").expect("leave");
    let start = std::time::Instant::now();
    while browser
        .get_tabs()
        .lock()
        .expect("tabs")
        .iter()
        .any(|t| is_notes_window(t))
    {
        assert!(
            start.elapsed().as_secs() < 10,
            "the notes window stays open after Esc"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let foreign = requests_off_device(&requests);
    assert!(foreign.is_empty(), "requests off the device: {foreign:?}");
    tab.close(true).ok();
}

/// Every topic page (and session page) of every session: each slide fits 1280×720 with text of
/// 28 px and no answer. Prints the slide count of each page.
#[test]
fn every_topic_page_fits_the_projector() {
    let Some((browser, _serial)) = browser() else {
        return;
    };
    let (tab, _) = open(&browser, "about:blank");
    projector(&tab);
    let mut pages: Vec<_> = std::fs::read_dir(site())
        .expect("site")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("sesi-"))
        .flat_map(|dir| {
            std::fs::read_dir(dir.path())
                .expect("session folder")
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "html"))
                .collect::<Vec<_>>()
        })
        .collect();
    pages.sort();
    assert!(pages.len() >= 41, "{} pages", pages.len());
    let started = std::time::Instant::now();
    let mut problems = Vec::new();
    let mut slides_total = 0;
    for page in &pages {
        navigate(&tab, &file_url(page, "?tayang=1"));
        wait_until(
            &tab,
            "document.querySelector('[data-slide]') !== null",
            "slides",
        );
        // Every slide of the page in one call: the same check on each slide in turn, moved
        // on by the same key event the page listens to (showing a slide is synchronous).
        let result = eval_json(&tab, &every_slide_js());
        let total = result["total"].as_u64().unwrap_or(0) as usize;
        assert!(total > 0, "{}: no slides", page.display());
        assert_eq!(
            result["checked"].as_u64(),
            Some(total as u64),
            "{}: every slide shown once",
            page.display()
        );
        slides_total += total;
        problems.extend(
            result["problems"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|p| p.as_str())
                .map(|p| format!("{}: {p}", page.display())),
        );
        let name = page.strip_prefix(site()).unwrap_or(page);
        eprintln!("slides: {} {total}", name.display());
    }
    eprintln!(
        "slides: all pages {slides_total}, checked in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    assert!(problems.is_empty(), "{problems:#?}");
    tab.close(true).ok();
}

/// Mode Fasilitator in class: keys stay closed when the mode is turned on and open one at a
/// time; a badge stays on screen; the session plan shows only in the mode.
#[test]
fn facilitator_mode_is_safe_in_class() {
    let Some((browser, _serial)) = browser() else {
        return;
    };
    let (tab, _) = open(&browser, "about:blank");
    projector(&tab);
    navigate(&tab, &file_url(&site().join("sesi-1-3/index.html"), ""));
    wait_until(
        &tab,
        "!!document.getElementById('modul-tombol-fasilitator')",
        "mode button",
    );
    eval_json(&tab, "localStorage.clear()");
    let plan_visible = "(() => { const p = document.querySelector('[data-panduan-sesi=\"1-3\"]'); return !!p && p.getClientRects().length > 0; })()";
    assert!(
        !eval_bool(&tab, plan_visible),
        "the plan is hidden from learners"
    );
    tab.find_element("#modul-tombol-fasilitator")
        .expect("button")
        .click()
        .expect("click");
    assert!(
        eval_bool(&tab, plan_visible),
        "the plan shows in Mode Fasilitator"
    );
    assert!(eval_bool(
        &tab,
        "getComputedStyle(document.querySelector('.modul-lencana-fasilitator')).position === 'fixed' && document.querySelector('.modul-lencana-fasilitator').getClientRects().length > 0"
    ));
    // The plan of a block that is not a session shows on its page in the mode, under the title.
    navigate(
        &tab,
        &file_url(&site().join("pelatihan/kontrak-belajar.html"), ""),
    );
    wait_until(
        &tab,
        "document.documentElement.classList.contains('modul-mode-fasilitator')",
        "mode on",
    );
    assert!(
        eval_bool(
            &tab,
            "(() => { const p = document.querySelector('[data-panduan-acara=\"blc\"]'); return !!p && p.getClientRects().length > 0 && p.previousElementSibling.tagName === 'H1'; })()"
        ),
        "the BLC plan under the page's title"
    );
    eval_json(
        &tab,
        "document.querySelector('[data-panduan-acara=\"blc\"]').open = true",
    );
    screenshot(&tab, "fasilitator-blc");
    // A topic page with several exercises: every key closed, then one at a time.
    navigate(&tab, &file_url(&site().join("sesi-1-4/asesmen.html"), ""));
    wait_until(
        &tab,
        "document.documentElement.classList.contains('modul-mode-fasilitator')",
        "mode on",
    );
    let open_keys = "document.querySelectorAll('.modul-latihan .modul-kunci[open]').length";
    assert_eq!(
        eval_json(&tab, open_keys).as_u64(),
        Some(0),
        "keys closed until asked"
    );
    let keys = eval_json(
        &tab,
        "document.querySelectorAll('.modul-latihan .modul-kunci').length",
    )
    .as_u64()
    .unwrap_or(0);
    assert!(keys >= 2);
    for i in 0..2 {
        eval_json(
            &tab,
            &format!(
                "document.querySelectorAll('.modul-latihan .modul-kunci > summary')[{i}].click()"
            ),
        );
        wait_until(
            &tab,
            &format!("document.querySelectorAll('.modul-latihan .modul-kunci')[{i}].open"),
            "key open",
        );
        assert_eq!(
            eval_json(&tab, open_keys).as_u64(),
            Some(1),
            "one key at a time"
        );
    }
    screenshot(&tab, "fasilitator-aman");
    // Mode Tayang shows no key even in Mode Fasilitator.
    tab.press_key("t").expect("T");
    wait_until(
        &tab,
        "document.querySelectorAll('[data-slide]').length > 0",
        "slides",
    );
    assert!(!eval_bool(
        &tab,
        "!!document.querySelector('#modul-tayang .modul-kunci, #modul-tayang [data-benar]')"
    ));
    eval_json(&tab, "localStorage.clear()");
    tab.close(true).ok();
}

fn pdf_pages(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    text.match_indices("/Type /Page")
        .filter(|(at, m)| !text[at + m.len()..].starts_with('s'))
        .count()
}

/// The text of each page of a PDF (pdftotext), or `None` without it.
fn pdf_text_pages(pdf: &[u8]) -> Option<Vec<String>> {
    let dir = tempfile::tempdir().ok()?;
    let path = dir.path().join("panduan.pdf");
    std::fs::write(&path, pdf).ok()?;
    let out = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .ok()?;
    out.status.success().then(|| {
        String::from_utf8_lossy(&out.stdout)
            .split('\u{c}')
            .map(String::from)
            .collect()
    })
}

/// The whole guide and each session's guide print on A4; each session starts a new sheet
/// (the whole guide has as many pages as the sessions' guides together), and role cards print
/// at most two to a page. Prints the page counts.
#[test]
fn facilitator_guide_prints_on_a4() {
    let Some((browser, _serial)) = browser() else {
        return;
    };
    let (tab, _) = open(&browser, "about:blank");
    let print = |page: &str| -> Vec<u8> {
        navigate(&tab, &file_url(&site().join(page), ""));
        tab.print_to_pdf(Some(PrintToPdfOptions {
            prefer_css_page_size: Some(true),
            print_background: Some(true),
            ..Default::default()
        }))
        .expect("PDF")
    };
    let keep = |name: &str, pdf: &[u8]| {
        if let Some(dir) = std::env::var_os("MODUL_SCREENSHOT_DIR") {
            std::fs::create_dir_all(&dir).ok();
            std::fs::write(Path::new(&dir).join(name), pdf).ok();
        }
    };
    let whole = print("cetak/panduan-fasilitator.html");
    keep("panduan-fasilitator.pdf", &whole);
    let mut sessions = 0;
    for n in 1..=9 {
        let pdf = print(&format!("cetak/panduan-fasilitator-1-{n}.html"));
        keep(&format!("panduan-fasilitator-1-{n}.pdf"), &pdf);
        let pages = pdf_pages(&pdf);
        eprintln!("guide pages: 1-{n} {pages}");
        assert!((2..=12).contains(&pages), "1-{n}: {pages} pages");
        sessions += pages;
        if let Some(texts) = pdf_text_pages(&pdf) {
            for (i, page) in texts.iter().enumerate() {
                let cards = page.matches("KARTU PERAN").count();
                assert!(cards <= 2, "1-{n} page {}: {cards} role cards", i + 1);
            }
            let cards: usize = texts.iter().map(|p| p.matches("KARTU PERAN").count()).sum();
            if [2, 3, 5, 7].contains(&n) {
                assert_eq!(cards, 3, "1-{n}: client, worker and observer cards");
            }
        }
    }
    let whole_pages = pdf_pages(&whole);
    // The whole guide is the programme's plans one after the other: the sessions' guides and
    // the seven other blocks (opening … closing), each on its own sheets.
    let blocks = [
        "Pembukaan",
        "Tes Awal",
        "Membangun",
        "Rencana Tindak",
        "Tes Akhir",
        "Evaluasi",
        "Penutupan",
    ];
    eprintln!("guide pages: whole {whole_pages}, sessions together {sessions}");
    assert!(
        (sessions + blocks.len()..=sessions + 4 * blocks.len()).contains(&whole_pages),
        "{whole_pages} pages for the whole guide, {sessions} for the sessions"
    );
    // Each session and each other block starts at the top of a sheet, in programme order.
    if let Some(texts) = pdf_text_pages(&whole) {
        let first_line = |page: &String| -> String {
            page.lines()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("")
                .trim()
                .to_string()
        };
        let block_starts: Vec<usize> = texts
            .iter()
            .enumerate()
            .filter(|(_, page)| page.contains("Rencana acara:"))
            .map(|(i, _)| i)
            .collect();
        assert_eq!(block_starts.len(), blocks.len(), "{block_starts:?}");
        for (title, &i) in blocks.iter().zip(&block_starts) {
            // The opening shares the first page with the guide's introduction.
            let start = first_line(&texts[i]);
            assert!(
                start.starts_with(title) || (i == 0 && texts[i].contains(title)),
                "page {}: {start} for {title}",
                i + 1
            );
        }
        let starts: Vec<usize> = texts
            .iter()
            .enumerate()
            .filter(|(_, page)| page.contains("Rencana sesi:"))
            .map(|(i, _)| i)
            .collect();
        assert_eq!(starts.len(), 9, "one session per starting page: {starts:?}");
        for &i in &starts {
            let first = texts[i]
                .lines()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("");
            assert!(first.starts_with("Sesi 1-"), "page {}: {first}", i + 1);
        }
    }
    tab.close(true).ok();
}
