//! Accessibility of the built book in headless Chromium (issue 18): axe-core's WCAG 2.1 A/AA
//! rules and best practices on every kind of page in all five themes, and the skip link.
//!
//! axe-core comes from npm (`tests/package.json`, pinned in `package-lock.json`; `.ci/run`
//! runs `npm ci --prefix tests`). Its script text is evaluated in each page through DevTools,
//! so nothing is loaded from a network and the page's Content-Security-Policy stays as it is.
//! Without it the axe test skips loudly, unless `MODUL_REQUIRE_BROWSER=1`.

use crate::common;

use common::browser::{
    browser, eval, eval_bool, eval_string, file_url, navigate, open, screenshot, site, wait_until,
};
use headless_chrome::Tab;
use std::fmt::Write as _;
use std::path::PathBuf;

/// mdBook's themes by the id of their button, with the name the book shows.
const THEMES: &[(&str, &str)] = &[
    ("light", "Terang"),
    ("rust", "Krem"),
    ("coal", "Arang"),
    ("navy", "Biru tua"),
    ("ayu", "Gelap"),
];

/// One page of each kind. Together the three topic pages hold all nine exercise kinds
/// (1-7: benar-salah, jodohkan, pilihan-ganda, pilihan-jamak, refleksi, studi-kasus;
/// 1-9: isi-formulir, isian-singkat; 1-4: urutkan).
const PAGES: &[(&str, &str)] = &[
    ("beranda", "index.html"),
    ("kartu sesi", "sesi-1-4/index.html"),
    ("topik", "sesi-1-7/penyaluran.html"),
    ("topik", "sesi-1-9/bimbingan-lanjut.html"),
    ("topik", "sesi-1-4/asesmen.html"),
    ("formulir", "lampiran/formulir-1.html"),
    ("daftar istilah", "daftar-istilah.html"),
    ("kemajuan", "kemajuan.html"),
    ("hasil pencarian", "index.html?search=asesmen"),
    ("lembar kerja", "cetak/lembar-kerja-1-4.html"),
    ("kunci jawaban", "cetak/kunci-jawaban-1-4.html"),
    ("program pelatihan", "pengantar/program-pelatihan.html"),
];

/// The pages also checked at 360 px: a topic with exercises, a form and the home page.
const PHONE_PAGES: &[&str] = &[
    "index.html",
    "sesi-1-7/penyaluran.html",
    "lampiran/formulir-1.html",
];

/// axe-core's browser bundle, installed by `npm ci --prefix tests`.
fn axe_source() -> Option<String> {
    let path: PathBuf = common::repo().join("tests/node_modules/axe-core/axe.min.js");
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(e) => {
            let message = format!(
                "\n\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n\
                 !! AXE TESTS SKIPPED: {} ({e}); run `npm ci --prefix tests`\n\
                 !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n",
                path.display()
            );
            assert!(
                std::env::var("MODUL_REQUIRE_BROWSER").as_deref() != Ok("1"),
                "{message}"
            );
            eprint!("{message}");
            None
        }
    }
}

/// Runs axe on the page as it is now; one line per failing element: rule, impact, target.
fn axe(tab: &Tab) -> Vec<String> {
    let js = r#"axe.run(document, {
            runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
            resultTypes: ['violations'],
        }).then(r => JSON.stringify(r.violations.flatMap(v => v.nodes.map(n =>
            v.id + ' (' + v.impact + ') ' + n.target.join(' ') + ': ' +
            (n.failureSummary || v.help).replace(/\s+/g, ' ').slice(0, 240)))))"#;
    let value = tab
        .evaluate(js, true)
        .ok()
        .and_then(|r| r.value)
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_else(|| panic!("axe did not run on {}", eval_string(tab, "location.href")));
    serde_json::from_str(&value).unwrap_or_else(|e| panic!("axe's answer: {e}: {value}"))
}

/// Answers every exercise on the page (the first option of each group, a word in each text
/// field, a changed order) and checks it, so feedback, keys and "Belum tepat." are shown.
fn answer_everything(tab: &Tab) {
    eval_string(
        tab,
        r#"(() => {
            for (const ex of document.querySelectorAll('[data-latihan]')) {
                const names = new Set();
                for (const input of ex.querySelectorAll('input[type=radio]')) {
                    if (!names.has(input.name)) { names.add(input.name); input.click(); }
                }
                const box = ex.querySelector('input[type=checkbox]');
                if (box) box.click();
                for (const field of ex.querySelectorAll('textarea, input[type=text]')) {
                    field.value = 'jawaban percobaan';
                    field.dispatchEvent(new Event('input', { bubbles: true }));
                }
                for (const select of ex.querySelectorAll('select')) {
                    if (select.options.length > 1) {
                        select.selectedIndex = 1;
                        select.dispatchEvent(new Event('change', { bubbles: true }));
                    }
                }
                const down = ex.querySelector('[data-geser="1"]');
                if (down) down.click();
                for (const check of ex.querySelectorAll('[data-aksi=periksa]')) check.click();
            }
            return '';
        })()"#,
    );
    wait_until(
        tab,
        "[...document.querySelectorAll('[data-latihan]')].filter(ex => ex.querySelector('[data-aksi=periksa]')).every(ex => ex.querySelector('.modul-latihan-hasil').textContent.trim())",
        "feedback after checking every exercise",
    );
}

/// Switches the theme as a user does, with mdBook's theme menu (stored in `mdbook-theme`),
/// and closes the menu again (which gives the focus back to its button).
fn set_theme(tab: &Tab, theme: &str) {
    eval_string(
        tab,
        &format!(
            "(() => {{ document.getElementById('mdbook-theme-toggle').click(); document.getElementById('mdbook-theme-{theme}').click(); document.getElementById('mdbook-theme-toggle').click(); return ''; }})()"
        ),
    );
    wait_until(
        tab,
        &format!(
            "document.documentElement.classList.contains('{theme}') && localStorage.getItem('mdbook-theme') === '{theme}' && document.getElementById('mdbook-theme-list').style.display === 'none'"
        ),
        &format!("theme {theme}"),
    );
}

#[test]
fn axe_finds_nothing_on_any_page_in_any_theme() {
    let Some((browser, _serial)) = browser() else {
        return;
    };
    let Some(axe_js) = axe_source() else {
        return;
    };
    let (tab, _) = open(&browser, "about:blank");
    let mut failures = String::new();
    let mut runs = 0;
    // Every page on a laptop screen, then the phone's own layout (sidebar closed, the
    // stacked form tables, mobile navigation) on three of them.
    let phone = PAGES
        .iter()
        .filter(|(_, p)| PHONE_PAGES.contains(p))
        .map(|page| (page, true));
    for ((kind, page), on_phone) in PAGES.iter().map(|page| (page, false)).chain(phone) {
        if on_phone {
            common::browser::phone_viewport(&tab);
        }
        let screen = if on_phone { "360 px" } else { "1280 px" };
        let (path, query) = page.split_once('?').map_or((*page, ""), |(p, q)| (p, q));
        let query = if query.is_empty() {
            String::new()
        } else {
            format!("?{query}")
        };
        let url = file_url(&site().join(path), &query);
        let states: &[&str] = if *kind == "topik" {
            &["tampil", "dijawab"]
        } else {
            &["tampil"]
        };
        navigate(&tab, &url);
        if !query.is_empty() {
            wait_until(
                &tab,
                "document.querySelectorAll('#mdbook-searchresults li').length > 0",
                "search results",
            );
        }
        tab.evaluate(&axe_js, false).expect("axe loads");
        for state in states {
            if *state == "dijawab" {
                answer_everything(&tab);
            }
            for (theme, name) in THEMES {
                set_theme(&tab, theme);
                runs += 1;
                for line in axe(&tab) {
                    writeln!(
                        failures,
                        "{page} ({kind}, {state}, {screen}), tema {name}: {line}"
                    )
                    .ok();
                }
                if *kind == "topik" && *state == "dijawab" && ["navy", "ayu"].contains(theme) {
                    screenshot(
                        &tab,
                        &format!(
                            "a11y-{}-{theme}-{}",
                            path.replace(['/', '.'], "-"),
                            screen.replace(' ', "")
                        ),
                    );
                }
            }
        }
    }
    assert!(runs >= 80, "axe ran on every page × theme: {runs}");
    assert!(
        failures.is_empty(),
        "axe-core found accessibility violations:\n{failures}"
    );
    tab.close(true).ok();
}

/// The first Tab stop on every kind of page is "Langsung ke isi", and Enter moves the focus to
/// the page's content, so keyboard users skip the menu bar and the table of contents.
#[test]
fn skip_link_is_the_first_tab_stop() {
    let Some((browser, _serial)) = browser() else {
        return;
    };
    let (tab, _) = open(&browser, "about:blank");
    for page in [
        "index.html",
        "sesi-1-4/asesmen.html",
        "lampiran/formulir-1.html",
    ] {
        navigate(&tab, &file_url(&site().join(page), ""));
        tab.press_key("Tab").expect("Tab");
        wait_until(
            &tab,
            "document.activeElement && document.activeElement.matches('a.modul-lewati')",
            &format!("the skip link focused by the first Tab on {page}"),
        );
        assert_eq!(
            eval_string(&tab, "document.activeElement.textContent.trim()"),
            "Langsung ke isi"
        );
        assert!(
            eval_bool(
                &tab,
                "(() => { const r = document.activeElement.getBoundingClientRect(); return r.width >= 44 && r.height >= 44 && r.top >= 0; })()"
            ),
            "the focused skip link is visible on {page}"
        );
        screenshot(&tab, &format!("lewati-{}", page.replace(['/', '.'], "-")));
        tab.press_key("Enter").expect("Enter");
        wait_until(
            &tab,
            "document.activeElement && document.activeElement.id === 'mdbook-content'",
            &format!("focus on the content after Enter on {page}"),
        );
        // The next Tab continues inside the content, not back in the menu bar.
        tab.press_key("Tab").expect("Tab");
        assert!(
            eval_bool(&tab, "!!document.activeElement.closest('#mdbook-content')"),
            "Tab after the skip link stays in the content on {page}: {}",
            eval_string(&tab, "document.activeElement.outerHTML.slice(0, 200)")
        );
    }
    tab.close(true).ok();
}

/// The contrast of the focused element's outline against a background colour, computed in
/// the page (WCAG's relative luminance), as a JavaScript expression; `bg` is an element.
const OUTLINE_CONTRAST: &str = r#"((el, bg) => {
    const rgb = c => c.match(/[\d.]+/g).slice(0, 3).map(Number);
    const lum = c => { const [r, g, b] = rgb(c).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
    const style = getComputedStyle(el);
    if (style.outlineStyle === 'none' || parseFloat(style.outlineWidth) < 2) return 0;
    const [a, b] = [lum(style.outlineColor), lum(getComputedStyle(bg).backgroundColor)].sort((x, y) => y - x);
    return (a + 0.05) / (b + 0.05);
})"#;

/// Keyboard focus shows a ring of at least 3:1 against its background on a sidebar link, a
/// radio, a checkbox and a button in every theme, and the sidebar toggle is a button that
/// opens and closes the table of contents from the keyboard.
#[test]
fn focus_rings_show_in_every_theme() {
    let Some((browser, _serial)) = browser() else {
        return;
    };
    let (tab, _) = open(
        &browser,
        &file_url(&site().join("sesi-1-7/penyaluran.html"), ""),
    );
    // One Tab makes the keyboard the way of focusing, as for a keyboard user.
    tab.press_key("Tab").expect("Tab");
    let targets = [
        (
            "tautan daftar isi",
            "#mdbook-sidebar a.active",
            "#mdbook-sidebar",
        ),
        (
            "radio",
            "[data-latihan] input[type=radio]",
            "#mdbook-page-wrapper",
        ),
        (
            "kotak centang",
            "[data-latihan] input[type=checkbox]",
            "#mdbook-page-wrapper",
        ),
        (
            "tombol",
            "[data-latihan] [data-aksi=periksa]",
            "#mdbook-page-wrapper",
        ),
    ];
    let mut failures = Vec::new();
    for (theme, name) in THEMES {
        set_theme(&tab, theme);
        for (what, selector, background) in targets {
            let contrast = eval(
                &tab,
                &format!(
                    "(() => {{ const el = document.querySelector('{selector}'); el.scrollIntoView({{block: 'center'}}); el.focus(); return el.matches(':focus-visible') ? {OUTLINE_CONTRAST}(el, document.querySelector('{background}')) : -1; }})()"
                ),
            )
            .as_f64()
            .unwrap_or(0.0);
            if contrast < 3.0 {
                failures.push(format!("tema {name}, {what} ({selector}): {contrast:.2}"));
            }
        }
        if ["navy", "ayu"].contains(theme) {
            screenshot(&tab, &format!("fokus-tombol-{theme}"));
        }
    }
    assert!(
        failures.is_empty(),
        "focus rings missing or under 3:1 (-1: not :focus-visible):\n{}",
        failures.join("\n")
    );

    let toggle = "document.getElementById('mdbook-sidebar-toggle')";
    assert_eq!(eval_string(&tab, &format!("{toggle}.tagName")), "BUTTON");
    eval(&tab, &format!("{toggle}.focus()"));
    assert_eq!(
        eval_string(&tab, &format!("{toggle}.getAttribute('aria-expanded')")),
        "true"
    );
    tab.press_key("Enter").expect("Enter");
    wait_until(
        &tab,
        &format!(
            "{toggle}.getAttribute('aria-expanded') === 'false' && !document.documentElement.classList.contains('sidebar-visible')"
        ),
        "the sidebar closed by Enter on its toggle",
    );
    tab.press_key(" ").expect("Space");
    wait_until(
        &tab,
        &format!(
            "{toggle}.getAttribute('aria-expanded') === 'true' && document.documentElement.classList.contains('sidebar-visible')"
        ),
        "the sidebar opened again by Space",
    );
    tab.close(true).ok();
}
