//! The keyboard in forms and the client file (issue 18): focus never falls to <body> after
//! "Simpan" or after a dialog closes, and Impor is a button with a visible focus ring that
//! opens the file chooser with Enter and Space.

use crate::common;
use common::browser::{browser, eval_bool, eval_string, file_url, open, site, wait_until};
use headless_chrome::Tab;

/// The focused element as "data-aksi text" (or "BODY").
fn focused(tab: &Tab) -> String {
    eval_string(
        tab,
        "(() => { const a = document.activeElement; return !a || a === document.body ? 'BODY' : (a.getAttribute('data-aksi') || a.id) + ' ' + a.textContent.trim(); })()",
    )
}

/// Presses Enter on the control matching `selector` (focused first, as after Tab) and waits
/// for the page to settle.
fn enter_on(tab: &Tab, selector: &str) {
    let quoted = serde_json::to_string(selector).expect("quote");
    assert!(
        eval_bool(
            tab,
            &format!(
                "(() => {{ const b = document.querySelector({quoted}); if (!b) return false; b.focus(); return document.activeElement === b; }})()"
            )
        ),
        "{selector} cannot take focus"
    );
    tab.press_key("Enter").expect("Enter");
    // The focus guard looks again 250 ms after an action.
    std::thread::sleep(std::time::Duration::from_millis(400));
}

#[test]
fn focus_lands_on_a_control_after_saving_and_after_closing_a_dialog() {
    let Some((browser, _serial)) = browser() else {
        return;
    };
    let (tab, _) = open(
        &browser,
        &file_url(&site().join("formulir/catatan-kasus.html"), ""),
    );
    wait_until(
        &tab,
        "document.querySelector('[data-rekaman-daftar]') !== null",
        "the record list",
    );
    tab.wait_for_element("#f-catatan-kasus-nama_klien")
        .expect("field")
        .click()
        .expect("focus");
    tab.type_str("Ani Rekaan").expect("type");
    // Simpan hides itself once storage is agreed: focus goes to the next button of its row.
    enter_on(&tab, "[data-aksi=\"simpan\"]");
    wait_until(
        &tab,
        "document.querySelector('[data-rekaman]') !== null",
        "the saved record",
    );
    assert_eq!(focused(&tab), "periksa Periksa isian");
    // "Hapus data" asks; Batal closes the question and focus returns to "Hapus data".
    enter_on(&tab, "[data-aksi=\"hapus\"]");
    assert_eq!(focused(&tab), "hapus-batal Batal");
    tab.press_key("Enter").expect("Batal");
    std::thread::sleep(std::time::Duration::from_millis(400));
    assert_eq!(focused(&tab), "hapus Hapus data");
    // A record's own question (Hapus → Batal) redraws the list: focus is on that record's
    // "Hapus" again, not on <body>.
    enter_on(&tab, "[data-rekaman] [data-aksi=\"rekaman-hapus\"]");
    assert_eq!(focused(&tab), "rekaman-batal Batal");
    tab.press_key("Enter").expect("Batal");
    std::thread::sleep(std::time::Duration::from_millis(400));
    assert_eq!(focused(&tab), "rekaman-hapus Hapus");
    // Renaming: after "Simpan nama" focus is on the record's "Ganti nama".
    enter_on(&tab, "[data-rekaman] [data-aksi=\"rekaman-ganti-nama\"]");
    assert!(
        focused(&tab).starts_with("rekaman-nama"),
        "{}",
        focused(&tab)
    );
    enter_on(&tab, "[data-aksi=\"rekaman-nama-simpan\"]");
    assert_eq!(focused(&tab), "rekaman-ganti-nama Ganti nama");
    // Erasing the record itself: focus on a control still on the page.
    enter_on(&tab, "[data-rekaman] [data-aksi=\"rekaman-hapus\"]");
    enter_on(&tab, "[data-aksi=\"rekaman-hapus-ya\"]");
    wait_until(
        &tab,
        "document.querySelector('[data-rekaman]') === null",
        "the record to go",
    );
    let now = focused(&tab);
    assert!(
        now != "BODY" && eval_bool(&tab, "document.activeElement.getClientRects().length > 0"),
        "{now}"
    );
}

/// Impor: Tab reaches a button with a visible focus ring; Enter and Space each open the file
/// chooser (the hidden file field receives the click that opens it), on a form and on the
/// Berkas Klien page.
#[test]
fn impor_shows_a_focus_ring_and_opens_with_enter_and_space() {
    let Some((browser, _serial)) = browser() else {
        return;
    };
    let (tab, _) = open(&browser, "about:blank");
    for (page, button, field) in [
        (
            "formulir/catatan-kasus.html",
            "[data-aksi=\"impor-pilih\"]",
            "#f-catatan-kasus-impor",
        ),
        (
            "formulir/berkas-klien.html",
            "[data-aksi=\"berkas-impor-pilih\"]",
            "#berkas-klien-impor",
        ),
    ] {
        common::browser::navigate(&tab, &file_url(&site().join(page), ""));
        wait_until(
            &tab,
            &format!(
                "document.querySelector({}) !== null",
                serde_json::to_string(button).expect("quote")
            ),
            "Impor",
        );
        let b = serde_json::to_string(button).expect("quote");
        let f = serde_json::to_string(field).expect("quote");
        // The chooser would block a headless test: count the clicks that open it instead.
        eval_string(
            &tab,
            &format!(
                "window.pilih = 0; document.querySelector({f}).addEventListener('click', e => {{ window.pilih++; e.preventDefault(); }})"
            ),
        );
        // Focus the control before Impor, then Tab, as a keyboard user arrives.
        eval_string(
            &tab,
            &format!(
                "(() => {{ const all = Array.from(document.querySelectorAll('button, [href], input:not([tabindex=\"-1\"]), select, textarea')).filter(e => !e.disabled && e.getClientRects().length > 0); const i = all.indexOf(document.querySelector({b})); all[i - 1].focus(); }})()"
            ),
        );
        tab.press_key("Tab").expect("Tab");
        assert!(
            eval_bool(
                &tab,
                &format!("document.activeElement === document.querySelector({b})")
            ),
            "{page}: Tab does not reach Impor: {}",
            focused(&tab)
        );
        let ring = eval_string(
            &tab,
            "(() => { const s = getComputedStyle(document.activeElement); return document.activeElement.matches(':focus-visible') + ' ' + s.outlineStyle + ' ' + s.outlineWidth; })()",
        );
        assert!(
            ring.starts_with("true ") && !ring.contains(" none ") && !ring.ends_with(" 0px"),
            "{page}: no focus ring on Impor: {ring}"
        );
        tab.press_key("Enter").expect("Enter");
        wait_until(&tab, "window.pilih === 1", "Enter to open the file chooser");
        tab.press_key(" ").expect("Space");
        wait_until(&tab, "window.pilih === 2", "Space to open the file chooser");
        assert!(
            eval_bool(
                &tab,
                &format!("document.activeElement === document.querySelector({b})")
            ),
            "{page}: focus left Impor"
        );
    }
}
