//! Browser tests of the exercises: the fixture book (one exercise of every type) opened from
//! `file://` in headless Chromium. Every type answered wrong and right, feedback shown,
//! progress kept across a reload and on the Kemajuan Saya page, an updated exercise keeping
//! the old answer visible, the Mode Fasilitator switch, keyboard-only use, pages without
//! JavaScript and without storage.

use crate::common;

use common::browser::*;
use common::{fixture_copy, read};
use headless_chrome::Tab;
use headless_chrome::protocol::cdp::{Emulation, Page};
use std::path::Path;

/// Builds a copy of the fixture book into `dest` (kept in the test target folder, so a test
/// can rebuild into the same place and reload the same file:// addresses).
fn build_fixture(book: &Path, dest: &Path) {
    common::api::build(book, dest).unwrap_or_else(|e| panic!("the fixture builds: {e}"));
}

/// The fixture site, built once for the whole suite.
fn fixture_site() -> &'static Path {
    common::sites::kecil()
}

fn page(name: &str) -> String {
    file_url(&fixture_site().join(name), "")
}

fn q(id: &str, inner: &str) -> String {
    format!(r#"[data-latihan="{id}"] {inner}"#)
}

/// A real mouse click at the element's centre (scrolled into view first). One round trip to
/// find the place instead of headless_chrome's several: each costs about 0.1 s.
fn click(tab: &Tab, selector: &str) {
    let quoted = serde_json::to_string(selector).expect("quote");
    wait_until(
        tab,
        &format!("!!document.querySelector({quoted})"),
        &format!("{selector} on the page"),
    );
    mouse_click(tab, selector);
}

/// Types text into the focused field as one input (like a keyboard's text entry), firing
/// the same input events as typing.
fn type_text(tab: &Tab, text: &str) {
    tab.call_method(headless_chrome::protocol::cdp::Input::InsertText {
        text: text.to_string(),
    })
    .expect("type");
}

/// A mouse click at the element's centre, found with one evaluation (also on pages with
/// JavaScript switched off, where headless_chrome's element helpers hang).
fn mouse_click(tab: &Tab, selector: &str) {
    let quoted = serde_json::to_string(selector).expect("quote");
    let centre = eval_string(
        tab,
        &format!(
            "(() => {{ const e = document.querySelector({quoted}); e.scrollIntoView({{block: 'center', behavior: 'instant'}}); const r = e.getBoundingClientRect(); return (r.left + r.width / 2) + ',' + (r.top + r.height / 2); }})()"
        ),
    );
    let (x, y) = centre
        .split_once(',')
        .and_then(|(x, y)| Some((x.parse().ok()?, y.parse().ok()?)))
        .unwrap_or_else(|| panic!("{selector} has no place on the page: `{centre}`"));
    tab.click_point(headless_chrome::browser::tab::point::Point { x, y })
        .expect("click");
}

fn text_of(tab: &Tab, selector: &str) -> String {
    let quoted = serde_json::to_string(selector).expect("quote");
    eval_string(
        tab,
        &format!("(document.querySelector({quoted}) || {{innerText: ''}}).innerText"),
    )
}

fn visible(tab: &Tab, selector: &str) -> bool {
    let quoted = serde_json::to_string(selector).expect("quote");
    eval_bool(
        tab,
        &format!(
            "(() => {{ const e = document.querySelector({quoted}); return !!e && e.checkVisibility({{visibilityProperty: true}}); }})()"
        ),
    )
}

/// Waits until the result line of exercise `id` contains `wanted`.
fn wait_result(tab: &Tab, id: &str, wanted: &str) {
    let selector = serde_json::to_string(&q(id, ".modul-latihan-hasil")).expect("quote");
    let wanted_js = serde_json::to_string(wanted).expect("quote");
    wait_until(
        tab,
        &format!("document.querySelector({selector}).innerText.includes({wanted_js})"),
        &format!("`{wanted}` in the result of {id}"),
    );
}

fn set_select(tab: &Tab, selector: &str, value: &str) {
    let quoted = serde_json::to_string(selector).expect("quote");
    let value = serde_json::to_string(value).expect("quote");
    tab.evaluate(
        &format!(
            "(() => {{ const s = document.querySelector({quoted}); s.value = {value}; s.dispatchEvent(new Event('change', {{bubbles: true}})); }})()"
        ),
        false,
    )
    .expect("set select");
}

fn focus(tab: &Tab, selector: &str) {
    tab.wait_for_element(selector)
        .unwrap_or_else(|e| panic!("{selector}: {e}"))
        .focus()
        .expect("focus");
}

fn press(tab: &Tab, key: &str, times: usize) {
    for _ in 0..times {
        tab.press_key(key).expect("key");
    }
}

#[test]
fn every_type_answered_wrong_then_right_shows_feedback() {
    let Some((browser, _serial)) = browser() else {
        return;
    };
    // pilihan-ganda: a wrong answer shows why; the key opens only after the attempt.
    let (tab, _) = open(&browser, &page("sesi-1-1/index.html"));
    let id = "1-1-kenali-masalah";
    wait_until(
        &tab,
        "document.documentElement.classList.contains('modul-js')",
        "scripts",
    );
    assert!(
        !visible(&tab, &q(id, ".modul-kunci")),
        "key hidden before an attempt"
    );
    assert!(!visible(&tab, &q(id, "[data-aksi=kunci]")));
    click(&tab, &q(id, r#"li[data-asal="1"] input"#));
    click(&tab, &q(id, "[data-aksi=periksa]"));
    wait_result(&tab, id, "Belum tepat");
    let item = text_of(&tab, &q(id, r#".modul-pilihan li[data-asal="1"]"#));
    assert!(
        item.contains("Tidak ada keterangan tentang pekerjaan <b>berlebih</b>."),
        "the option's own feedback, as text: {item}"
    );
    assert!(eval_bool(
        &tab,
        &format!(
            "document.querySelector('{}').disabled",
            q(id, r#"li[data-asal="0"] input"#)
        )
    ));
    click(&tab, &q(id, "[data-aksi=kunci]"));
    wait_until(
        &tab,
        &format!("document.querySelector('{}').open", q(id, ".modul-kunci")),
        "the answer key open",
    );
    assert!(visible(&tab, &q(id, ".modul-kunci")));
    screenshot(&tab, "latihan-pilihan-ganda-salah");
    click(&tab, &q(id, "[data-aksi=ulang]"));
    assert!(
        !visible(&tab, &q(id, ".modul-kunci")),
        "retry hides the key"
    );
    click(&tab, &q(id, r#"li[data-asal="0"] input"#));
    click(&tab, &q(id, "[data-aksi=periksa]"));
    wait_result(&tab, id, "Benar!");
    assert!(text_of(&tab, &q(id, r#".modul-pilihan li[data-asal="0"]"#)).contains("Tepat: tidur"));

    // refleksi: saved as it is typed.
    let id = "1-1-refleksi";
    click(&tab, &q(id, "textarea"));
    type_text(&tab, "Saya bertemu pengemis di pasar.");
    wait_result(&tab, id, "Tersimpan di perangkat ini.");
    tab.close(true).ok();

    // pilihan-jamak: partly right, then right.
    let (tab, _) = open(&browser, &page("sesi-1-1/permasalahan.html"));
    let id = "1-1-ciri-gelandangan";
    click(&tab, &q(id, r#"li[data-asal="0"] input"#));
    click(&tab, &q(id, r#"li[data-asal="2"] input"#));
    click(&tab, &q(id, "[data-aksi=periksa]"));
    wait_result(&tab, id, "1 dari 3 benar.");
    wait_result(&tab, id, "Skor: 33%");
    assert!(text_of(&tab, &q(id, r#".modul-pilihan li[data-asal="2"]"#)).contains("Belum tepat"));
    click(&tab, &q(id, "[data-aksi=ulang]"));
    click(&tab, &q(id, r#"li[data-asal="0"] input"#));
    click(&tab, &q(id, r#"li[data-asal="1"] input"#));
    click(&tab, &q(id, "[data-aksi=periksa]"));
    wait_result(&tab, id, "Benar!");
    tab.close(true).ok();

    // benar-salah: every statement needs an answer; each gets its explanation.
    let (tab, _) = open(&browser, &page("sesi-1-1/landasan-hukum.html"));
    let id = "1-1-dasar-hukum";
    click(&tab, &q(id, r#"li[data-butir="0"] input[value="salah"]"#));
    click(&tab, &q(id, "[data-aksi=periksa]"));
    wait_result(&tab, id, "Jawablah dulu");
    click(&tab, &q(id, r#"li[data-butir="1"] input[value="salah"]"#));
    click(&tab, &q(id, "[data-aksi=periksa]"));
    wait_result(&tab, id, "1 dari 2 benar.");
    assert!(
        text_of(&tab, &q(id, r#".modul-pernyataan li[data-butir="0"]"#))
            .contains("Benar, begitulah bunyi Pasal 34.")
    );
    click(&tab, &q(id, "[data-aksi=ulang]"));
    click(&tab, &q(id, r#"li[data-butir="0"] input[value="benar"]"#));
    click(&tab, &q(id, r#"li[data-butir="1"] input[value="salah"]"#));
    click(&tab, &q(id, "[data-aksi=periksa]"));
    wait_result(&tab, id, "Benar!");
    tab.close(true).ok();

    let (tab, _) = open(&browser, &page("sesi-1-2/manajemen-kasus.html"));
    // jodohkan
    let id = "1-2-istilah-kasus";
    set_select(&tab, &q(id, r#"li[data-butir="0"] select"#), "1");
    set_select(&tab, &q(id, r#"li[data-butir="1"] select"#), "0");
    set_select(&tab, &q(id, r#"li[data-butir="2"] select"#), "2");
    click(&tab, &q(id, "[data-aksi=periksa]"));
    wait_result(&tab, id, "1 dari 3 benar.");
    assert!(text_of(&tab, &q(id, r#".modul-jodoh li[data-butir="0"]"#)).contains("Belum tepat"));
    click(&tab, &q(id, "[data-aksi=ulang]"));
    for i in 0..3 {
        set_select(
            &tab,
            &q(id, &format!(r#"li[data-butir="{i}"] select"#)),
            &i.to_string(),
        );
    }
    click(&tab, &q(id, "[data-aksi=periksa]"));
    wait_result(&tab, id, "Benar!");
    assert!(
        text_of(&tab, &q(id, r#".modul-jodoh li[data-butir="0"]"#))
            .contains("Asesmen adalah langkah pertama.")
    );

    // urutkan: shown in a fixed shuffle (Perencanaan, Asesmen, Pelaksanaan, Evaluasi);
    // moving Asesmen up solves it.
    let id = "1-2-tahap-kasus";
    click(&tab, &q(id, "[data-aksi=periksa]"));
    wait_result(&tab, id, "2 dari 4 benar.");
    click(&tab, &q(id, "[data-aksi=ulang]"));
    click(&tab, &q(id, r#"li[data-posisi="0"] [data-geser="-1"]"#));
    click(&tab, &q(id, "[data-aksi=periksa]"));
    wait_result(&tab, id, "Benar!");
    wait_result(&tab, id, "evaluasi menutup siklus");

    // studi-kasus: a poor ending, then the recommended path through a loop.
    let id = "1-2-rujukan-ditolak";
    assert!(visible(&tab, &q(id, r#"[data-simpul="awal"]"#)));
    assert!(!visible(&tab, &q(id, r#"[data-simpul="lengkapi"]"#)));
    click(
        &tab,
        &q(id, r#"[data-simpul="awal"] li:nth-child(2) button"#),
    );
    wait_result(&tab, id, "Akhir cerita: kurang.");
    assert!(visible(
        &tab,
        &q(id, r#"[data-simpul="akhir-kurang"] .modul-pembahasan"#)
    ));
    assert!(text_of(&tab, &q(id, ".modul-jejak")).contains("Pak Sastro kembali menggelandang."));
    screenshot(&tab, "latihan-studi-kasus-kurang");
    click(&tab, &q(id, "[data-aksi=ulang]"));
    click(
        &tab,
        &q(id, r#"[data-simpul="awal"] li:nth-child(1) button"#),
    );
    click(
        &tab,
        &q(id, r#"[data-simpul="lengkapi"] li:nth-child(2) button"#),
    );
    click(
        &tab,
        &q(id, r#"[data-simpul="lengkapi"] li:nth-child(1) button"#),
    );
    wait_result(&tab, id, "Akhir cerita: baik.");
    let path = text_of(&tab, &q(id, ".modul-jejak"));
    assert!(
        path.contains("Jawabannya sama.") && path.contains("Rujukan diterima."),
        "{path}"
    );
    screenshot(&tab, "latihan-studi-kasus-baik");
    tab.close(true).ok();

    // isian-singkat: a hint when wrong; affixes and punctuation do not matter.
    let (tab, _) = open(&browser, &page("sesi-1-2/index.html"));
    let id = "1-2-nama-asesmen";
    click(&tab, &q(id, "input"));
    type_text(&tab, "perencanaan");
    click(&tab, &q(id, "[data-aksi=periksa]"));
    wait_result(&tab, id, "Belum tepat.");
    wait_result(&tab, id, "Petunjuk: istilahnya diawali huruf A.");
    click(&tab, &q(id, "[data-aksi=ulang]"));
    click(&tab, &q(id, "input"));
    type_text(&tab, "Asesmennya!");
    tab.press_key("Enter").expect("enter");
    wait_result(&tab, id, "Benar!");
    wait_result(&tab, id, "Tepat, asesmen.");
    tab.close(true).ok();
}

#[test]
fn progress_survives_a_reload_and_shows_on_the_progress_page() {
    let Some((browser, _serial)) = browser() else {
        return;
    };
    let (tab, _) = open(&browser, &page("sesi-1-1/index.html"));
    let id = "1-1-kenali-masalah";
    click(&tab, &q(id, r#"li[data-asal="0"] input"#));
    click(&tab, &q(id, "[data-aksi=periksa]"));
    wait_result(&tab, id, "Benar!");
    click(&tab, &q("1-1-refleksi", "textarea"));
    type_text(&tab, "Catatan refleksi saya.");
    wait_result(&tab, "1-1-refleksi", "Tersimpan");

    navigate(&tab, &page("sesi-1-1/index.html"));
    wait_result(&tab, id, "Terakhir dikerjakan");
    assert!(eval_bool(
        &tab,
        &format!(
            "document.querySelector('{}').checked",
            q(id, r#"li[data-asal="0"] input"#)
        )
    ));
    assert!(
        visible(&tab, &q(id, "[data-aksi=kunci]")),
        "answer reachable after reload"
    );
    assert_eq!(
        eval_string(
            &tab,
            &format!(
                "document.querySelector('{}').value",
                q("1-1-refleksi", "textarea")
            )
        ),
        "Catatan refleksi saya."
    );

    navigate(&tab, &page("kemajuan.html"));
    let row = r#"[data-latihan-ref="1-1-kenali-masalah"]"#;
    wait_until(
        &tab,
        &format!("document.querySelector('{row}').innerText.includes('Selesai')"),
        "the exercise marked done",
    );
    assert!(
        text_of(&tab, row).contains("100%"),
        "{}",
        text_of(&tab, row)
    );
    let session = text_of(&tab, r#"[data-kemajuan-sesi="1-1"] .modul-kemajuan-jumlah"#);
    assert_eq!(session, "2 dari 4 latihan selesai.");
    assert!(
        text_of(&tab, ".modul-kemajuan-ringkas").contains("2 dari 9 latihan"),
        "{}",
        text_of(&tab, ".modul-kemajuan-ringkas")
    );
    assert!(
        eval_string(
            &tab,
            &format!("document.querySelector('{row} a').getAttribute('href')")
        )
        .ends_with("sesi-1-1/index.html#latihan-1-1-kenali-masalah")
    );
    screenshot(&tab, "kemajuan");

    // Erasing asks first; "Batal" keeps everything.
    click(&tab, "[data-aksi=hapus]");
    assert!(visible(&tab, ".modul-konfirmasi"));
    click(&tab, "[data-aksi=hapus-batal]");
    assert!(!visible(&tab, ".modul-konfirmasi"));
    assert!(text_of(&tab, row).contains("Selesai"));
    click(&tab, "[data-aksi=hapus]");
    click(&tab, "[data-aksi=hapus-ya]");
    wait_until(
        &tab,
        &format!("document.querySelector('{row}').innerText.includes('Belum dikerjakan')"),
        "progress erased",
    );
    navigate(&tab, &page("sesi-1-1/index.html"));
    wait_until(
        &tab,
        "document.documentElement.classList.contains('modul-js')",
        "scripts",
    );
    assert!(!eval_bool(
        &tab,
        &format!(
            "document.querySelector('{}').checked",
            q(id, r#"li[data-asal="0"] input"#)
        )
    ));
    tab.close(true).ok();
}

#[test]
fn a_changed_exercise_says_so_and_keeps_the_old_answer() {
    let Some((browser, _serial)) = browser() else {
        return;
    };
    let dir = fixture_copy("kecil");
    let book = dir.path().join("book");
    let dest = Path::new(env!("CARGO_TARGET_TMPDIR")).join("situs-uji-latihan-berubah");
    build_fixture(&book, &dest);
    let url = file_url(&dest.join("sesi-1-1/index.html"), "");
    let id = "1-1-kenali-masalah";
    let (tab, _) = open(&browser, &url);
    click(&tab, &q(id, r#"li[data-asal="1"] input"#));
    click(&tab, &q(id, "[data-aksi=periksa]"));
    wait_result(&tab, id, "Belum tepat");

    // Only the feedback changes: still the same exercise for the learner.
    let exercise = dir.path().join("exercises/1-1-kenali-masalah.toml");
    let text = read(&exercise).replace(
        "Tidak ada keterangan tentang kesehatannya.",
        "Tidak ada keterangan soal kesehatan.",
    );
    std::fs::write(&exercise, &text).expect("edit");
    build_fixture(&book, &dest);
    navigate(&tab, &url);
    wait_result(&tab, id, "Terakhir dikerjakan");
    assert!(!visible(&tab, &q(id, ".modul-latihan-diperbarui")));

    // The question changes: the old answer is shown, not loaded and not lost.
    std::fs::write(
        &exercise,
        text.replace("Masalah utama apa", "Masalah pokok apa"),
    )
    .expect("edit");
    build_fixture(&book, &dest);
    navigate(&tab, &url);
    wait_until(
        &tab,
        &format!(
            "!document.querySelector('{}').hidden",
            q(id, ".modul-latihan-diperbarui")
        ),
        "the updated notice",
    );
    let notice = text_of(&tab, &q(id, ".modul-latihan-diperbarui"));
    assert!(
        notice.contains("telah diperbarui")
            && notice.contains("Pilihan Anda: Terlalu banyak pekerjaan"),
        "{notice}"
    );
    assert!(!eval_bool(
        &tab,
        &format!(
            "document.querySelector('{}').checked",
            q(id, r#"li[data-asal="1"] input"#)
        )
    ));
    screenshot(&tab, "latihan-diperbarui");
    navigate(&tab, &file_url(&dest.join("kemajuan.html"), ""));
    wait_until(
        &tab,
        "document.querySelector('[data-latihan-ref=\"1-1-kenali-masalah\"]').innerText.includes('Soal diperbarui')",
        "progress page says updated",
    );

    // Answering again stores the new answer with the old one kept beside it.
    navigate(&tab, &url);
    click(&tab, &q(id, r#"li[data-asal="0"] input"#));
    click(&tab, &q(id, "[data-aksi=periksa]"));
    wait_result(&tab, id, "Benar!");
    assert!(!visible(&tab, &q(id, ".modul-latihan-diperbarui")));
    let stored = eval_string(
        &tab,
        "localStorage.getItem('modul:latihan:1-1-kenali-masalah')",
    );
    assert!(
        stored.contains("\"lama\"") && stored.contains("Terlalu banyak pekerjaan"),
        "{stored}"
    );
    tab.close(true).ok();
}

/// Answers saved before the build reordered options named them by their place in the file
/// (`"jawaban": [0]`); they still restore the same options, now shown elsewhere. New answers
/// name options by identity.
#[test]
fn answers_saved_by_position_before_reordering_still_restore() {
    let Some((browser, _serial)) = browser() else {
        return;
    };
    let chapter = page("sesi-1-1/index.html");
    let hash = |name: &str, id: &str| {
        let html = read(&fixture_site().join(name));
        let at = html
            .find(&format!(r#"data-latihan="{id}""#))
            .unwrap_or_else(|| panic!("{id} in {name}"));
        let start = at + html[at..].find(r#"data-hash=""#).expect("a hash") + 11;
        html[start..start + 12].to_string()
    };
    // Today's records, as latihan.js wrote them: the option's index in the file.
    let single = hash("sesi-1-1/index.html", "1-1-kenali-masalah");
    let multiple = hash("sesi-1-1/permasalahan.html", "1-1-ciri-gelandangan");
    let (tab, _) = open(&browser, &chapter);
    tab.evaluate(
        &format!(
            r#"(() => {{
                localStorage.setItem('modul:latihan:1-1-kenali-masalah', JSON.stringify({{
                    selesai: true, skor: 1, jawaban: [0], hash: '{single}',
                    ringkas: 'Pilihan Anda: Tidak mempunyai tempat tinggal tetap',
                    waktu: '2026-11-30T08:00:00.000Z' }}));
                localStorage.setItem('modul:latihan:1-1-ciri-gelandangan', JSON.stringify({{
                    selesai: true, skor: 1, jawaban: [0, 1], hash: '{multiple}',
                    ringkas: 'Pilihan Anda: …', waktu: '2026-11-30T08:00:00.000Z' }}));
            }})()"#
        ),
        false,
    )
    .expect("store today's format");
    navigate(&tab, &chapter);
    let id = "1-1-kenali-masalah";
    wait_result(&tab, id, "Terakhir dikerjakan");
    wait_result(&tab, id, "Skor: 100%");
    let checked = |id: &str| {
        eval_string(
            &tab,
            &format!(
                "Array.from(document.querySelectorAll('[data-latihan=\"{id}\"] .modul-pilihan li')).filter(li => li.querySelector('input').checked).map(li => li.dataset.asal + '@' + li.dataset.butir).join(' ')"
            ),
        )
    };
    // The option written first is no longer shown first, and it is the one restored.
    assert_eq!(checked(id), "0@1");
    navigate(&tab, &page("sesi-1-1/permasalahan.html"));
    let id = "1-1-ciri-gelandangan";
    wait_result(&tab, id, "Terakhir dikerjakan");
    wait_result(&tab, id, "Skor: 100%");
    let restored = checked(id);
    let mut sources: Vec<&str> = restored
        .split(' ')
        .filter_map(|s| s.split('@').next())
        .collect();
    sources.sort_unstable();
    assert_eq!(sources, ["0", "1"], "{restored}");

    // Answered again, the record names the options by identity.
    click(&tab, &q(id, "[data-aksi=ulang]"));
    click(&tab, &q(id, r#"li[data-asal="0"] input"#));
    click(&tab, &q(id, r#"li[data-asal="2"] input"#));
    click(&tab, &q(id, "[data-aksi=periksa]"));
    wait_result(&tab, id, "1 dari 3 benar.");
    let stored = eval_string(
        &tab,
        "JSON.stringify(JSON.parse(localStorage.getItem('modul:latihan:1-1-ciri-gelandangan')).jawaban)",
    );
    let keys = eval_string(
        &tab,
        &format!(
            "JSON.stringify(['0', '2'].map(n => document.querySelector('[data-latihan=\"{id}\"] li[data-asal=\"' + n + '\"]').dataset.pilihan).sort())"
        ),
    );
    let mut saved: Vec<String> = serde_json::from_str(&stored).expect("a list");
    saved.sort();
    assert_eq!(serde_json::to_string(&saved).expect("json"), keys);
    navigate(&tab, &page("sesi-1-1/permasalahan.html"));
    wait_result(&tab, id, "Terakhir dikerjakan");
    wait_result(&tab, id, "Skor: 33%");
    tab.close(true).ok();
}

#[test]
fn trainer_mode_is_remembered_and_shows_notes_and_keys() {
    let Some((browser, _serial)) = browser() else {
        return;
    };
    let (tab, _) = open(&browser, &page("sesi-1-1/index.html"));
    let note = "main > .modul-catatan-fasilitator";
    let id = "1-1-kenali-masalah";
    wait_until(
        &tab,
        "!!document.getElementById('modul-tombol-fasilitator')",
        "the switch",
    );
    assert!(!visible(&tab, note), "learner mode hides facilitator notes");
    assert!(!visible(&tab, &q(id, ".modul-catatan-fasilitator")));
    assert!(!visible(&tab, &q(id, ".modul-kunci")));
    click(&tab, "#modul-tombol-fasilitator");
    wait_until(
        &tab,
        "document.documentElement.classList.contains('modul-mode-fasilitator')",
        "trainer mode",
    );
    assert!(visible(&tab, note) && visible(&tab, &q(id, ".modul-catatan-fasilitator")));
    assert!(
        visible(&tab, &q(id, ".modul-kunci")),
        "keys shown in trainer mode"
    );
    assert!(visible(&tab, "#modul-pita-fasilitator"));
    assert_eq!(
        eval_string(
            &tab,
            "document.getElementById('modul-tombol-fasilitator').getAttribute('aria-pressed')"
        ),
        "true"
    );
    assert!(text_of(&tab, note).contains("curah pendapat"));
    screenshot(&tab, "mode-fasilitator");

    // Remembered on the next page and after a reload.
    navigate(&tab, &page("sesi-1-2/manajemen-kasus.html"));
    wait_until(
        &tab,
        "document.documentElement.classList.contains('modul-mode-fasilitator')",
        "trainer mode kept",
    );
    assert!(visible(&tab, &q("1-2-rujukan-ditolak", ".modul-kunci")));
    click(&tab, "#modul-pita-fasilitator button");
    wait_until(
        &tab,
        "!document.documentElement.classList.contains('modul-mode-fasilitator')",
        "learner mode",
    );
    navigate(&tab, &page("sesi-1-1/index.html"));
    wait_until(
        &tab,
        "!!document.getElementById('modul-tombol-fasilitator')",
        "the switch",
    );
    assert!(!visible(&tab, note));
    tab.close(true).ok();
}

#[test]
fn exercises_work_with_the_keyboard_alone() {
    let Some((browser, _serial)) = browser() else {
        return;
    };
    let (tab, _) = open(&browser, &page("sesi-1-2/manajemen-kasus.html"));
    wait_until(
        &tab,
        "document.documentElement.classList.contains('modul-js')",
        "scripts",
    );

    // urutkan: shown Perencanaan, Asesmen, Pelaksanaan, Evaluasi; ↑ on "Asesmen" (Enter, then
    // Space once it is at the top, which does nothing more); the focus stays on the button.
    let id = "1-2-tahap-kasus";
    let up = q(id, r#"li[data-posisi="0"] [data-geser="-1"]"#);
    focus(&tab, &up);
    press(&tab, "Enter", 1);
    press(&tab, " ", 1);
    wait_until(
        &tab,
        &format!(
            "document.querySelector('{}').firstElementChild.dataset.posisi === '0'",
            q(id, ".modul-urutan")
        ),
        "Asesmen moved to the top",
    );
    assert!(eval_bool(
        &tab,
        &format!("document.activeElement === document.querySelector('{up}')")
    ));
    let status = text_of(&tab, &q(id, "[role=status].modul-sr"));
    assert!(
        status.contains("Asesmen sekarang di urutan 1 dari 4"),
        "{status}"
    );
    // Tab from the last step's ↓ leaves the list for "Periksa jawaban".
    focus(&tab, &q(id, r#"li[data-posisi="3"] [data-geser="1"]"#));
    press(&tab, "Tab", 1);
    assert_eq!(
        eval_string(&tab, "document.activeElement.dataset.aksi || ''"),
        "periksa"
    );
    press(&tab, "Enter", 1);
    wait_result(&tab, id, "Benar!");
    assert_eq!(
        eval_string(&tab, "document.activeElement.dataset.aksi || ''"),
        "ulang"
    );

    // jodohkan: arrow keys in each list box.
    let id = "1-2-istilah-kasus";
    for (i, presses) in [(0, 3), (1, 2), (2, 1)] {
        focus(&tab, &q(id, &format!(r#"li[data-butir="{i}"] select"#)));
        press(&tab, "ArrowDown", presses);
    }
    let values = eval_string(
        &tab,
        &format!(
            "[...document.querySelectorAll('{}')].map(s => s.value).join(',')",
            q(id, "select")
        ),
    );
    assert_eq!(values, "0,1,2", "arrow keys chose the partners");
    focus(&tab, &q(id, "[data-aksi=periksa]"));
    press(&tab, " ", 1);
    wait_result(&tab, id, "Benar!");

    // studi-kasus: choices are buttons, reached with Tab.
    let id = "1-2-rujukan-ditolak";
    focus(
        &tab,
        &q(id, r#"[data-simpul="awal"] li:nth-child(1) button"#),
    );
    press(&tab, "Enter", 1);
    wait_until(
        &tab,
        &format!(
            "document.activeElement === document.querySelector('{}')",
            q(id, r#"[data-simpul="lengkapi"] .modul-simpul-nomor"#)
        ),
        "focus on the next part",
    );
    press(&tab, "Tab", 1);
    press(&tab, "Enter", 1);
    wait_result(&tab, id, "Akhir cerita: baik.");

    // The trainer switch is a button too.
    focus(&tab, "#modul-tombol-fasilitator");
    press(&tab, "Enter", 1);
    wait_until(
        &tab,
        "document.documentElement.classList.contains('modul-mode-fasilitator')",
        "trainer mode by keyboard",
    );
    tab.close(true).ok();

    // pilihan-ganda: Space picks the focused option, Tab goes on to the check button.
    let (tab, _) = open(&browser, &page("sesi-1-1/index.html"));
    let id = "1-1-kenali-masalah";
    focus(&tab, &q(id, r#"li[data-asal="0"] input"#));
    press(&tab, " ", 1);
    press(&tab, "Tab", 1);
    press(&tab, "Enter", 1);
    wait_result(&tab, id, "Benar!");
    tab.close(true).ok();
}

#[test]
fn without_javascript_everything_is_readable() {
    let Some((browser, _serial)) = browser() else {
        return;
    };
    let tab = browser.new_tab().expect("tab");
    tab.call_method(Emulation::SetScriptExecutionDisabled { value: true })
        .expect("scripts off");
    navigate(&tab, &page("sesi-1-2/manajemen-kasus.html"));
    assert!(!eval_bool(
        &tab,
        "document.documentElement.classList.contains('modul-js')"
    ));
    let id = "1-2-rujukan-ditolak";
    // Every part of the scenario is on the page; each choice opens its consequence.
    for part in ["awal", "lengkapi", "akhir-baik", "akhir-kurang"] {
        assert!(
            visible(&tab, &q(id, &format!(r#"[data-simpul="{part}"]"#))),
            "{part}"
        );
    }
    mouse_click(
        &tab,
        &q(id, r#"[data-simpul="awal"] li:nth-child(1) summary"#),
    );
    assert!(visible(
        &tab,
        &q(id, r#"[data-simpul="awal"] li:nth-child(1) .modul-akibat"#)
    ));
    // No buttons that would do nothing; the key is a closed block anyone can open.
    assert!(!visible(&tab, &q(id, ".modul-latihan-aksi")));
    assert!(!visible(&tab, &q("1-2-tahap-kasus", "[data-geser]")));
    assert!(visible(&tab, &q("1-2-tahap-kasus", ".modul-kunci summary")));
    assert!(!visible(
        &tab,
        &q("1-2-tahap-kasus", ".modul-kunci .modul-ub")
    ));
    mouse_click(&tab, &q("1-2-tahap-kasus", ".modul-kunci summary"));
    assert!(
        text_of(&tab, &q("1-2-tahap-kasus", ".modul-kunci")).contains("evaluasi menutup siklus")
    );
    assert!(visible(&tab, &q("1-2-istilah-kasus", "select")));
    screenshot(&tab, "tanpa-javascript");

    navigate(&tab, &page("sesi-1-1/index.html"));
    assert!(
        visible(&tab, "main > .modul-catatan-fasilitator summary"),
        "notes readable without JS"
    );
    assert!(visible(&tab, &q("1-1-kenali-masalah", ".modul-pilihan")));
    assert!(!visible(&tab, "#modul-tombol-fasilitator"));
    tab.close(true).ok();
}

#[test]
fn without_storage_exercises_work_and_say_nothing_is_remembered() {
    let Some((browser, _serial)) = browser() else {
        return;
    };
    let tab = browser.new_tab().expect("tab");
    tab.call_method(Page::AddScriptToEvaluateOnNewDocument {
        source: "Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('diblokir', 'SecurityError'); } });".into(),
        world_name: None,
        include_command_line_api: None,
        run_immediately: None,
    })
    .expect("block storage");
    navigate(&tab, &page("sesi-1-1/index.html"));
    wait_until(
        &tab,
        "!!document.querySelector('main > .modul-tanpa-simpan')",
        "the no-storage note",
    );
    assert!(text_of(&tab, "main > .modul-tanpa-simpan").contains("tidak akan diingat"));
    let id = "1-1-kenali-masalah";
    click(&tab, &q(id, r#"li[data-asal="0"] input"#));
    click(&tab, &q(id, "[data-aksi=periksa]"));
    wait_result(&tab, id, "Benar!");
    click(&tab, "#modul-tombol-fasilitator");
    wait_until(
        &tab,
        "document.documentElement.classList.contains('modul-mode-fasilitator')",
        "trainer mode without storage",
    );
    navigate(&tab, &page("kemajuan.html"));
    wait_until(
        &tab,
        "document.querySelector('.modul-kemajuan-ringkas').innerText.includes('tidak akan diingat')",
        "progress page explains",
    );
    tab.close(true).ok();
}

#[test]
fn exercises_fit_a_360px_phone() {
    let Some((browser, _serial)) = browser() else {
        return;
    };
    for name in [
        "sesi-1-2/manajemen-kasus.html",
        "kemajuan.html",
        "cetak/lembar-kerja.html",
    ] {
        let tab = browser.new_tab().expect("tab");
        phone_viewport(&tab);
        navigate(&tab, &page(name));
        assert!(
            eval_bool(
                &tab,
                "document.documentElement.scrollWidth <= window.innerWidth + 1"
            ),
            "{name} scrolls sideways at 360 px"
        );
        screenshot(&tab, &format!("360px-{}", name.replace('/', "-")));
        tab.close(true).ok();
    }
}

#[test]
fn form_filling_compares_field_by_field_with_the_model_answer() {
    let Some((browser, _serial)) = browser() else {
        return;
    };
    let (tab, _) = open(&browser, &page("sesi-1-2/index.html"));
    let id = "1-2-isi-registrasi";
    let form = q(id, "form[data-formulir=registrasi]");
    wait_until(
        &tab,
        "document.documentElement.classList.contains('modul-js')",
        "scripts",
    );
    assert!(
        !visible(&tab, &q(id, "[data-untuk=umur]")),
        "model answers hidden before an attempt"
    );
    // Nothing filled: the exercise asks for an answer first.
    click(&tab, &q(id, ".modul-latihan-aksi [data-aksi=periksa]"));
    wait_result(&tab, id, "Tulis jawaban Anda dulu");
    // A wrong age, the right sex, free text: two fields are checked, one is wrong.
    click(&tab, &format!("{form} [data-nama=nomor_register] input"));
    type_text(&tab, "REG-7");
    click(&tab, &format!("{form} [data-nama=umur] input"));
    type_text(&tab, "50");
    click(&tab, &format!("{form} input[value=l]"));
    click(&tab, &q(id, ".modul-latihan-aksi [data-aksi=periksa]"));
    wait_result(&tab, id, "1 dari 2 isian pilihan, angka dan tanggal sama");
    wait_result(&tab, id, "Bandingkan isian teks Anda");
    assert!(visible(&tab, &q(id, "[data-untuk=umur]")));
    let age = text_of(&tab, &format!("{form} [data-nama=umur]"));
    assert!(
        age.contains("Belum tepat")
            && age.contains("Umur dari KTP: 52 tahun.")
            && age.contains("Jawaban model: 52"),
        "{age}"
    );
    let register = text_of(&tab, &format!("{form} [data-nama=nomor_register]"));
    assert!(
        register.contains("Jawaban model: REG-007")
            && register.contains("Nomor register ditulis petugas")
            && !register.contains("Belum tepat"),
        "free text is compared by the learner, not marked: {register}"
    );
    let rows = text_of(&tab, &format!("{form} [data-untuk=anggota]"));
    assert!(rows.contains("Sumi") && rows.contains("48"), "{rows}");
    screenshot(&tab, "latihan-isi-formulir");
    // Retry with the right age: both checked fields agree.
    click(&tab, &q(id, ".modul-latihan-aksi [data-aksi=ulang]"));
    assert!(!visible(&tab, &q(id, "[data-untuk=umur]")));
    let select_all = format!(
        "document.querySelector({}).select()",
        serde_json::to_string(&format!("{form} [data-nama=umur] input")).expect("quote")
    );
    click(&tab, &format!("{form} [data-nama=umur] input"));
    tab.evaluate(&select_all, false).expect("select");
    type_text(&tab, "52");
    click(&tab, &q(id, ".modul-latihan-aksi [data-aksi=periksa]"));
    wait_result(&tab, id, "2 dari 2 isian pilihan, angka dan tanggal sama");
    tab.close(true).ok();
}
