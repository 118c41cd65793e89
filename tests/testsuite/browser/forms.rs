//! Forms in a real browser, from `file://`: drafts after consent, reload, checks, skip logic,
//! export → import, erase, a draft of an older form version, typed markup, print to PDF, and
//! the Content-Security-Policy (also over HTTP with `modul serve`).
//!
//! Set `MODUL_SCREENSHOT_DIR` to keep screenshots and the PDFs of the print test.

use crate::common;

use common::browser::{
    browser, eval_bool, eval_string, file_url, navigate, open, phone_viewport, screenshot,
    serve_book, site, wait_until, wait_until_within,
};
use common::{copy_dir, repo};
use headless_chrome::Tab;
use headless_chrome::protocol::cdp::Page;
use headless_chrome::types::PrintToPdfOptions;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Records CSP violations from the first script of every page (DevTools-injected scripts are
/// not subject to the page's policy).
fn watch_csp(tab: &Tab) {
    tab.call_method(Page::AddScriptToEvaluateOnNewDocument {
        source: "window.__csp = []; document.addEventListener('securitypolicyviolation', function (e) { window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')); });".into(),
        world_name: None,
        include_command_line_api: None,
        run_immediately: None,
    })
    .expect("inject CSP watcher");
}

fn violations(tab: &Tab) -> String {
    eval_string(tab, "JSON.stringify(window.__csp || ['no watcher'])")
}

fn form_page(id: &str) -> String {
    let page = match id {
        "asesmen-rencana-pelayanan" => "lampiran/formulir-1.html".to_string(),
        "catatan-perkembangan-klien" => "lampiran/formulir-2.html".to_string(),
        "laporan-pemecahan-masalah" => "lampiran/formulir-3.html".to_string(),
        "evaluasi-unjuk-kerja" => "lampiran/formulir-4.html".to_string(),
        other => format!("formulir/{other}.html"),
    };
    file_url(&site().join(page), "")
}

/// The DOM id prefix of the form's instance on the open page (`f-ID`, or `f-ID-2` when an
/// earlier page of the book embeds the same form).
fn prefix(tab: &Tab, form: &str) -> String {
    let p = eval_string(
        tab,
        &format!("document.querySelector('form[data-formulir=\"{form}\"]').id"),
    );
    assert!(p.starts_with("f-"), "form {form} on the page");
    p
}

/// `#PREFIX-name`: a field of the form instance with that prefix.
fn field(prefix: &str, name: &str) -> String {
    format!("#{prefix}-{name}")
}

fn js_str(text: &str) -> String {
    serde_json::to_string(text).expect("quote")
}

/// Types into a field the way a person does (focus, keys), so input events fire.
fn type_into(tab: &Tab, selector: &str, text: &str) {
    let element = tab.wait_for_element(selector).expect(selector);
    centre(tab, selector);
    element.click().expect("focus");
    tab.type_str(text).expect("type");
}

/// Scrolls the element to the middle of the window: near the top, mdBook's sticky menu bar
/// would take the click.
fn centre(tab: &Tab, selector: &str) {
    tab.evaluate(
        &format!(
            "document.querySelector({}).scrollIntoView({{block: 'center', behavior: 'instant'}})",
            js_str(selector)
        ),
        false,
    )
    .expect("scroll");
}

fn click(tab: &Tab, selector: &str) {
    let element = tab.wait_for_element(selector).expect(selector);
    centre(tab, selector);
    element.click().expect("click");
}

fn value(tab: &Tab, selector: &str) -> String {
    eval_string(
        tab,
        &format!("document.querySelector({}).value", js_str(selector)),
    )
}

fn stored(tab: &Tab, key: &str) -> String {
    eval_string(tab, &format!("localStorage.getItem({}) || ''", js_str(key)))
}

fn reload(tab: &Tab) {
    let url = eval_string(tab, "location.href");
    // A mark on the old page: the old page is also 'complete' with its scripts, so waiting
    // for those alone could pass before the reload even started.
    tab.evaluate("window.__vorMuatUlang = true", false)
        .expect("mark");
    tab.reload(true, None).expect("reload");
    wait_until(
        tab,
        &format!(
            "window.__vorMuatUlang === undefined && document.readyState === 'complete' && location.href === {} && typeof ModulSimpan === 'object'",
            js_str(&url)
        ),
        "reload",
    );
}

/// The `versi` a form file declares today (drafts and exports carry it).
fn form_version(id: &str) -> u32 {
    let text =
        std::fs::read_to_string(repo().join("forms").join(format!("{id}.toml"))).expect("form");
    let table: toml::Table = text.parse().expect("form TOML");
    table
        .get("versi")
        .and_then(toml::Value::as_integer)
        .and_then(|v| u32::try_from(v).ok())
        .expect("versi")
}

fn clear_storage(tab: &Tab) {
    tab.evaluate("localStorage.clear()", false).expect("clear");
}

/// The labels of the record list, in list order.
fn record_labels(tab: &Tab, form: &str) -> Vec<String> {
    common::browser::eval_strings(
        tab,
        &format!(
            "Array.from(document.querySelectorAll('form[data-formulir=\"{form}\"] [data-rekaman-daftar] [data-rekaman] .modul-rekaman-nama')).map(b => b.textContent)"
        ),
    )
}

/// Opens the record with this label from the list.
fn open_record(tab: &Tab, form: &str, label: &str) {
    let index = record_labels(tab, form)
        .iter()
        .position(|l| l == label)
        .unwrap_or_else(|| panic!("record {label} in {:?}", record_labels(tab, form)));
    let selector = format!(
        "form[data-formulir=\"{form}\"] [data-rekaman-daftar] > li:nth-child({}) [data-aksi=rekaman-buka]",
        index + 1
    );
    click(tab, &selector);
}

/// Every stored record key of a form.
fn record_keys(tab: &Tab, form: &str) -> Vec<String> {
    common::browser::eval_strings(
        tab,
        &format!(
            "Object.keys(localStorage).filter(k => k.startsWith('modul:rekaman:{form}:')).sort()"
        ),
    )
}

/// Whether leaving the page now would ask first (the beforeunload listener cancels the event).
fn leaving_asks(tab: &Tab) -> bool {
    eval_bool(
        tab,
        "(() => { const e = new Event('beforeunload', {cancelable: true}); window.dispatchEvent(e); return e.defaultPrevented; })()",
    )
}

#[test]
fn two_clients_in_one_form_survive_a_reload_and_a_fresh_page_shows_the_list() {
    let Some((browser, _serial)) = browser() else {
        return;
    };
    let id = "registrasi-klien";
    let (tab, requests) = open(&browser, &form_page(id));
    clear_storage(&tab);
    reload(&tab);
    let p = prefix(&tab, id);
    let form = format!("form[data-formulir=\"{id}\"]");
    let status = || {
        eval_string(
            &tab,
            &format!("document.querySelector('{form} .modul-formulir-status').textContent"),
        )
    };
    assert!(
        eval_string(
            &tab,
            &format!("document.querySelector('{form} .modul-privasi').innerText")
        )
        .contains("hanya disimpan di perangkat ini"),
        "the privacy line is visible"
    );
    assert!(status().contains("belum disimpan"), "{}", status());
    assert!(record_labels(&tab, id).is_empty());
    assert!(!leaving_asks(&tab), "nothing typed, nothing to lose");

    // Before consent: nothing is stored, and leaving asks first.
    type_into(&tab, &field(&p, "nama_lengkap"), "Siti Rekaan");
    assert!(
        record_keys(&tab, id).is_empty(),
        "nothing stored before consent"
    );
    assert!(
        leaving_asks(&tab),
        "typed input before consent: leaving asks"
    );
    assert_eq!(record_labels(&tab, id), ["Siti Rekaan"]);

    click(&tab, &format!("{form} [data-aksi=simpan]"));
    assert!(!leaving_asks(&tab), "stored: leaving does not ask");
    type_into(&tab, &field(&p, "nomor_register"), "R-017");
    click(&tab, &format!("{}-perempuan", field(&p, "jenis_kelamin")));
    click(&tab, &format!("{}-ktp", field(&p, "kelengkapan")));
    click(&tab, &format!("{}-kk", field(&p, "kelengkapan")));
    type_into(&tab, &field(&p, "catatan_petugas"), "Baris satu\nBaris dua");
    let keys = record_keys(&tab, id);
    assert_eq!(keys.len(), 1, "{keys:?}");
    let first = stored(&tab, &keys[0]);
    let record: serde_json::Value = serde_json::from_str(&first).expect("a stored record is JSON");
    assert_eq!(record["format"], "modul-formulir");
    assert_eq!(record["formulir"], id);
    assert_eq!(record["label"], "Siti Rekaan · R-017");
    assert_eq!(record["klien"], "Siti Rekaan");
    assert_eq!(record["nilai"]["nomor_register"], "R-017");
    assert_eq!(
        record["nilai"]["kelengkapan"],
        serde_json::json!(["ktp", "kk"])
    );
    let version = form_version("registrasi-klien");
    assert!(
        record["versi"] == version && record["dibuat"].is_string() && record["diubah"].is_string(),
        "{record}"
    );
    assert_eq!(
        keys[0],
        format!("modul:rekaman:{id}:{}", record["id"].as_str().expect("id"))
    );

    // A second client: a new record, the first one untouched.
    click(&tab, &format!("{form} [data-aksi=rekaman-baru]"));
    assert_eq!(
        value(&tab, &field(&p, "nama_lengkap")),
        "",
        "a new record starts empty"
    );
    type_into(&tab, &field(&p, "nama_lengkap"), "Budi Rekaan");
    type_into(&tab, &field(&p, "nomor_register"), "R-018");
    assert_eq!(record_keys(&tab, id).len(), 2);
    assert_eq!(
        stored(&tab, &keys[0]),
        first,
        "the first client's record is unchanged"
    );

    // A fresh page shows the list, never the last client's data.
    reload(&tab);
    assert_eq!(value(&tab, &field(&p, "nama_lengkap")), "");
    assert_eq!(value(&tab, &field(&p, "nomor_register")), "");
    let mut labels = record_labels(&tab, id);
    labels.sort();
    assert_eq!(labels, ["Budi Rekaan · R-018", "Siti Rekaan · R-017"]);
    screenshot(&tab, "rekaman-daftar-1280");

    open_record(&tab, id, "Siti Rekaan · R-017");
    assert_eq!(value(&tab, &field(&p, "nama_lengkap")), "Siti Rekaan");
    assert_eq!(value(&tab, &field(&p, "nomor_register")), "R-017");
    assert_eq!(
        value(&tab, &field(&p, "catatan_petugas")),
        "Baris satu\nBaris dua"
    );
    assert!(eval_bool(
        &tab,
        &format!(
            "document.querySelector('{}-kk').checked && document.querySelector('{}-ktp').checked && document.querySelector('{}-perempuan').checked",
            field(&p, "kelengkapan"),
            field(&p, "kelengkapan"),
            field(&p, "jenis_kelamin")
        )
    ));
    assert_eq!(stored(&tab, &keys[0]), first, "opening changes nothing");
    open_record(&tab, id, "Budi Rekaan · R-018");
    assert_eq!(value(&tab, &field(&p, "nama_lengkap")), "Budi Rekaan");
    assert!(
        !eval_bool(
            &tab,
            &format!(
                "document.querySelector('{}-kk').checked",
                field(&p, "kelengkapan")
            )
        ),
        "the other client's choices do not leak"
    );

    // Duplicate, rename, delete with confirmation.
    click(
        &tab,
        &format!(
            "{form} [data-rekaman-daftar] > li.modul-rekaman-dibuka [data-aksi=rekaman-gandakan]"
        ),
    );
    assert_eq!(record_keys(&tab, id).len(), 3);
    assert!(record_labels(&tab, id).contains(&"Budi Rekaan · R-018 (salinan)".to_string()));
    click(
        &tab,
        &format!(
            "{form} [data-rekaman-daftar] > li.modul-rekaman-dibuka [data-aksi=rekaman-ganti-nama]"
        ),
    );
    tab.evaluate(
        &format!("document.querySelector('{form} [data-aksi=rekaman-nama]').value = 'Budi, kunjungan kedua'"),
        false,
    )
    .expect("name");
    click(&tab, &format!("{form} [data-aksi=rekaman-nama-simpan]"));
    assert!(record_labels(&tab, id).contains(&"Budi, kunjungan kedua".to_string()));
    click(
        &tab,
        &format!(
            "{form} [data-rekaman-daftar] > li.modul-rekaman-dibuka [data-aksi=rekaman-hapus]"
        ),
    );
    assert_eq!(record_keys(&tab, id).len(), 3, "delete asks first");
    click(&tab, &format!("{form} [data-aksi=rekaman-hapus-ya]"));
    assert_eq!(record_keys(&tab, id).len(), 2);
    assert_eq!(
        value(&tab, &field(&p, "nama_lengkap")),
        "",
        "the deleted record closes"
    );

    // "Hapus data" erases the open record after asking.
    open_record(&tab, id, "Siti Rekaan · R-017");
    click(&tab, &format!("{form} [data-aksi=hapus]"));
    wait_until(
        &tab,
        &format!("!document.querySelector('{form} .modul-hapus-tanya').hidden"),
        "confirmation",
    );
    click(&tab, &format!("{form} [data-aksi=hapus-ya]"));
    assert_eq!(stored(&tab, &keys[0]), "", "erased from localStorage");
    reload(&tab);
    assert_eq!(
        record_labels(&tab, id),
        ["Budi Rekaan · R-018"],
        "stays erased"
    );
    phone_viewport(&tab);
    centre(&tab, &format!("{form} [data-rekaman-daftar]"));
    screenshot(&tab, "rekaman-daftar-360");

    let foreign: Vec<String> = requests
        .lock()
        .map(|r| r.clone())
        .unwrap_or_default()
        .into_iter()
        .filter(|u| {
            !(u.starts_with("file://") || u.starts_with("data:") || u.starts_with("about:"))
        })
        .collect();
    assert!(
        foreign.is_empty(),
        "no request leaves the device: {foreign:?}"
    );
    tab.close(true).ok();
}

#[test]
fn required_constraint_and_skip_logic_work_in_indonesian() {
    let Some((browser, _serial)) = browser() else {
        return;
    };
    let id = "registrasi-klien";
    let (tab, _) = open(&browser, &form_page(id));
    clear_storage(&tab);
    reload(&tab);
    let p = prefix(&tab, id);
    let hidden = |name: &str| {
        eval_bool(
            &tab,
            &format!("document.getElementById('{p}-{name}-isian').offsetParent === null"),
        )
    };
    assert!(hidden("nik"), "NIK applies only to a definitive client");
    click(&tab, &format!("{}-definitif", field(&p, "status")));
    assert!(!hidden("nik"), "choosing 'Klien definitif' shows the NIK");
    click(&tab, &format!("{}-calon", field(&p, "status")));
    assert!(hidden("nik"), "and hides it again");
    click(&tab, &format!("{}-definitif", field(&p, "status")));

    click(
        &tab,
        &format!("form[data-formulir=\"{id}\"] [data-aksi=periksa]"),
    );
    let error = |name: &str| {
        eval_string(
            &tab,
            &format!("document.getElementById('{p}-{name}-galat').textContent"),
        )
    };
    assert_eq!(error("nama_lengkap"), "Isian ini wajib diisi.");
    assert_eq!(
        error("nik"),
        "Isian ini wajib diisi.",
        "required once relevant"
    );
    assert_eq!(error("tempat_lahir"), "", "optional fields have no error");
    let status = eval_string(
        &tab,
        &format!(
            "document.querySelector('form[data-formulir=\"{id}\"] .modul-formulir-status').textContent"
        ),
    );
    assert!(status.contains("isian yang perlu diperbaiki"), "{status}");
    assert!(
        eval_bool(
            &tab,
            &format!(
                "document.activeElement === document.querySelector('{}')",
                field(&p, "nomor_register")
            )
        ),
        "focus moves to the first problem"
    );

    type_into(&tab, &field(&p, "usia"), "200");
    tab.press_key("Tab").expect("leave the field");
    wait_until(
        &tab,
        &format!("document.getElementById('{p}-usia-galat').textContent !== ''"),
        "constraint message",
    );
    assert_eq!(error("usia"), "Usia antara 0 dan 120 tahun.");
    assert!(eval_bool(
        &tab,
        &format!(
            "document.querySelector('{}').getAttribute('aria-invalid') === 'true'",
            field(&p, "usia")
        )
    ));
    type_into(&tab, &field(&p, "usia"), "\u{8}\u{8}\u{8}");
    tab.evaluate(&format!("(() => {{ const i = document.querySelector('{}'); i.value = '34'; i.dispatchEvent(new Event('change', {{bubbles: true}})); }})()", field(&p, "usia")), false).expect("set");
    assert_eq!(error("usia"), "");
    type_into(&tab, &field(&p, "nomor_urut_angkatan"), "dua");
    tab.press_key("Tab").expect("leave");
    wait_until(
        &tab,
        &format!("document.getElementById('{p}-nomor_urut_angkatan-galat').textContent !== ''"),
        "type message",
    );
    assert_eq!(
        error("nomor_urut_angkatan"),
        "Isi dengan bilangan bulat, misalnya 12."
    );
    screenshot(&tab, "formulir-galat");

    // Typed input before consent: leaving would ask first (beforeunload). Agreeing to storage
    // lets the test move on without the dialog.
    assert!(leaving_asks(&tab));
    click(
        &tab,
        &format!("form[data-formulir=\"{id}\"] [data-aksi=simpan]"),
    );
    assert!(!leaving_asks(&tab));

    // Skip logic inside a table row: the referral form's eligibility and the termination form.
    let rujukan = "surat-rujukan";
    navigate(&tab, &form_page(rujukan));
    wait_until(&tab, "typeof ModulFormulir === 'object'", "script");
    let q = prefix(&tab, rujukan);
    let shown = |form: &str, name: &str| {
        eval_bool(
            &tab,
            &format!("document.getElementById('{form}-{name}-isian').offsetParent !== null"),
        )
    };
    assert!(!shown(&q, "persyaratan_kurang"), "nothing chosen yet");
    click(&tab, &format!("{}-belum", field(&q, "eligibilitas")));
    assert!(shown(&q, "persyaratan_kurang"), "`!=` rule shows the field");
    click(&tab, &format!("{}-memenuhi", field(&q, "eligibilitas")));
    assert!(!shown(&q, "persyaratan_kurang"));
    tab.close(true).ok();
}

#[test]
fn export_then_import_gives_byte_identical_json_and_a_clash_asks_keep_both_or_replace() {
    let Some((browser, _serial)) = browser() else {
        return;
    };
    let downloads = tempfile::tempdir().expect("temp");
    let id = "asesmen-rencana-pelayanan";
    let (tab, _) = open(&browser, &form_page(id));
    tab.call_method(Page::SetDownloadBehavior {
        behavior: Page::SetDownloadBehaviorBehaviorOption::Allow,
        download_path: Some(downloads.path().display().to_string()),
    })
    .expect("downloads");
    clear_storage(&tab);
    reload(&tab);
    let p = prefix(&tab, id);
    let form = format!("form[data-formulir=\"{id}\"]");
    click(&tab, &format!("{form} [data-aksi=simpan]"));
    type_into(&tab, &field(&p, "nomor_register"), "R-101");
    type_into(
        &tab,
        &field(&p, "nama_klien"),
        "Budi \"Rekaan\" <b>tebal</b>",
    );
    type_into(
        &tab,
        &field(&p, "masalah"),
        "Tidak punya pekerjaan\ndan tempat tinggal",
    );
    click(&tab, &format!("{}-ya", field(&p, "perlu_profesional_lain")));
    type_into(&tab, &field(&p, "profesional_lain"), "Psikolog");
    click(
        &tab,
        &format!("{}-genogram", field(&p, "perangkat_asesmen")),
    );
    click(&tab, &format!("{}-ekomap", field(&p, "perangkat_asesmen")));
    type_into(
        &tab,
        &field(&p, "rencana-0-jenis_pelayanan"),
        "Bimbingan keterampilan",
    );
    click(
        &tab,
        &format!("#{p}-rencana-isian [data-aksi=tambah-baris]"),
    );
    wait_until(
        &tab,
        &format!(
            "document.querySelectorAll('#{p}-rencana-isian tbody tr[data-baris]').length === 2"
        ),
        "second row",
    );
    let second = eval_string(
        &tab,
        &format!(
            "document.querySelectorAll('#{p}-rencana-isian tbody tr[data-baris]')[1].getAttribute('data-baris')"
        ),
    );
    type_into(
        &tab,
        &format!("#{p}-rencana-{second}-jenis_pelayanan"),
        "Konseling",
    );
    type_into(&tab, &format!("#{p}-rencana-{second}-waktu"), "Minggu 2");

    // Exports are kept outside the download folder, which each download empties.
    let kept = tempfile::tempdir().expect("temp");
    let export = |name: &str| -> Vec<u8> {
        let (file, bytes) = download(
            &tab,
            downloads.path(),
            &format!("{form} [data-aksi=ekspor]"),
        );
        assert!(
            file.starts_with(&format!("{id}_budi-rekaan-b-tebal-b-r-101_"))
                && file.ends_with(".json"),
            "the file name has the form id, the client's label and the date: {file}"
        );
        std::fs::write(kept.path().join(name), &bytes).expect("keep");
        bytes
    };
    let first = export("pertama.json");
    let text = String::from_utf8(first.clone()).expect("utf-8");
    assert!(
        text.contains("\"format\": \"modul-formulir\"")
            && text.contains(&format!(
                "\"versi\": {}",
                form_version("asesmen-rencana-pelayanan")
            )),
        "{text}"
    );
    assert!(text.contains("Budi \\\"Rekaan\\\" <b>tebal</b>"), "{text}");
    assert!(text.contains("\"Konseling\""), "{text}");

    // Erase, import the file, export again: the same bytes.
    click(&tab, &format!("{form} [data-aksi=hapus]"));
    click(&tab, &format!("{form} [data-aksi=hapus-ya]"));
    assert_eq!(value(&tab, &field(&p, "nama_klien")), "");
    assert!(record_labels(&tab, id).is_empty());
    let path = kept.path().join("pertama.json");
    tab.wait_for_element(&format!("#{p}-impor"))
        .expect("file input")
        .set_input_files(&[path.to_str().expect("path")])
        .expect("choose file");
    wait_until(
        &tab,
        &format!(
            "document.querySelector('{}').value === 'R-101'",
            field(&p, "nomor_register")
        ),
        "import",
    );
    assert_eq!(
        value(&tab, &field(&p, "nama_klien")),
        "Budi \"Rekaan\" <b>tebal</b>"
    );
    let second_now = eval_string(
        &tab,
        &format!(
            "document.querySelectorAll('#{p}-rencana-isian tbody tr[data-baris]')[1].getAttribute('data-baris')"
        ),
    );
    assert_eq!(
        value(&tab, &format!("#{p}-rencana-{second_now}-waktu")),
        "Minggu 2"
    );
    let again = export("kedua.json");
    assert_eq!(
        String::from_utf8_lossy(&again),
        text,
        "export → import → export is byte-identical"
    );

    // The same record id with other values: the user chooses; "keep both" loses nothing.
    type_into(&tab, &field(&p, "profesional_lain"), " dan dokter");
    assert_eq!(
        value(&tab, &field(&p, "profesional_lain")),
        "Psikolog dan dokter"
    );
    let path = kept.path().join("kedua.json");
    tab.wait_for_element(&format!("#{p}-impor"))
        .expect("file input")
        .set_input_files(&[path.to_str().expect("path")])
        .expect("choose file");
    wait_until(
        &tab,
        &format!("!document.querySelector('{form} .modul-rekaman-bentrok').hidden"),
        "the clash question",
    );
    assert_eq!(
        record_keys(&tab, id).len(),
        1,
        "nothing changes before the answer"
    );
    click(&tab, &format!("{form} [data-aksi=impor-keduanya]"));
    wait_until(
        &tab,
        &format!(
            "Object.keys(localStorage).filter(k => k.startsWith('modul:rekaman:{id}:')).length === 2"
        ),
        "both records kept",
    );
    assert_eq!(
        value(&tab, &field(&p, "profesional_lain")),
        "Psikolog",
        "the imported copy opens"
    );
    let values = eval_string(
        &tab,
        &format!(
            "Object.keys(localStorage).filter(k => k.startsWith('modul:rekaman:{id}:')).map(k => JSON.parse(localStorage[k]).nilai.profesional_lain).sort().join('|')"
        ),
    );
    assert_eq!(values, "Psikolog|Psikolog dan dokter");
    // "Replace" overwrites the record with that id (a copy of the first file: the browser
    // may not report choosing the same file twice).
    let again_first = kept.path().join("ketiga.json");
    std::fs::copy(kept.path().join("pertama.json"), &again_first).expect("copy");
    tab.wait_for_element(&format!("#{p}-impor"))
        .expect("file input")
        .set_input_files(&[again_first.to_str().expect("path")])
        .expect("choose file");
    wait_until(
        &tab,
        &format!("!document.querySelector('{form} .modul-rekaman-bentrok').hidden"),
        "the clash question again",
    );
    click(&tab, &format!("{form} [data-aksi=impor-ganti]"));
    wait_until(
        &tab,
        &format!(
            "Object.keys(localStorage).filter(k => k.startsWith('modul:rekaman:{id}:')).map(k => JSON.parse(localStorage[k]).nilai.profesional_lain).sort().join('|') === 'Psikolog|Psikolog'"
        ),
        "replaced",
    );

    // A file of another form is refused with a reason.
    let other = downloads.path().join("lain.json");
    std::fs::write(&other, "{\"format\": \"modul-formulir\", \"formulir\": \"terminasi\", \"versi\": 1, \"nilai\": {}}").expect("write");
    tab.wait_for_element(&format!("#{p}-impor"))
        .expect("file input")
        .set_input_files(&[other.to_str().expect("path")])
        .expect("choose file");
    wait_until(
        &tab,
        &format!(
            "document.querySelector('{form} .modul-formulir-status').textContent.includes('terminasi')"
        ),
        "refusal",
    );
    assert_eq!(
        value(&tab, &field(&p, "nomor_register")),
        "R-101",
        "nothing replaced"
    );
    tab.close(true).ok();
}

/// Clicks a download button and waits for the one file it writes into `dir` (emptied first):
/// its name and bytes.
fn download(tab: &Tab, dir: &Path, button: &str) -> (String, Vec<u8>) {
    for entry in std::fs::read_dir(dir).expect("dir").flatten() {
        if entry.path().is_file() {
            std::fs::remove_file(entry.path()).ok();
        }
    }
    click(tab, button);
    let start = Instant::now();
    loop {
        let done: Vec<PathBuf> = std::fs::read_dir(dir)
            .expect("dir")
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                p.is_file()
                    && p.extension().is_none_or(|e| e != "crdownload")
                    && std::fs::metadata(p).map(|m| m.len()).unwrap_or(0) > 0
            })
            .collect();
        if let [file] = done.as_slice() {
            std::thread::sleep(Duration::from_millis(200));
            let name = file
                .file_name()
                .expect("name")
                .to_string_lossy()
                .to_string();
            return (name, std::fs::read(file).expect("read download"));
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "download from {button}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// A copy of the real book and forms with one form changed: a new version, a field renamed (with
/// its old name recorded), a field removed and one choice of a multi-select removed.
fn changed_site() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("buku-formulir-berubah");
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(&repo().join("book"), &dir.join("book"));
    copy_dir(&repo().join("forms"), &dir.join("forms"));
    copy_dir(&repo().join("exercises"), &dir.join("exercises"));
    let form = dir.join("forms/registrasi-klien.toml");
    let text = std::fs::read_to_string(&form).expect("read form");
    let old = form_version("registrasi-klien");
    let new = old + 1;
    let text = text
        .replacen(&format!("versi = {old}"), &format!("versi = {new}"), 1)
        .replacen("  { nama = \"kk\", label = \"Kartu Keluarga\" },\n", "", 1)
        .replacen("nama = \"nama_lengkap\"", "nama = \"nama_klien\"\nnama_lama = [\"nama_lengkap\"]", 1)
        .replacen("label = [\"nama_lengkap\"", "label = [\"nama_klien\"", 1)
        .replacen("[[isian]]\njenis = \"text\"\nnama = \"bidang_keterampilan\"\nlabel = \"Bidang keterampilan\"\n\n", "", 1);
    assert!(
        !text.contains("bidang_keterampilan"),
        "the field is removed"
    );
    std::fs::write(&form, text).expect("write form");
    // The exercise that fills this form follows the change, as its author would.
    let exercise = dir.join("exercises/sesi-1-3/1-3-darto-registrasi.toml");
    let text = std::fs::read_to_string(&exercise).expect("read exercise");
    let text: String = text
        .replacen("nama_lengkap =", "nama_klien =", 1)
        .lines()
        .filter(|l| !l.starts_with("bidang_keterampilan"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&exercise, text).expect("write exercise");
    let site = dir.join("situs");
    common::api::build(&dir.join("book"), &site)
        .unwrap_or_else(|e| panic!("changed book builds: {e}"));
    site
}

#[test]
fn a_record_of_an_older_form_version_loads_with_data_lama_and_keeps_it() {
    let Some((browser, _serial)) = browser() else {
        return;
    };
    let id = "registrasi-klien";
    let (tab, _) = open(&browser, &form_page(id));
    clear_storage(&tab);
    reload(&tab);
    let p = prefix(&tab, id);
    let form = format!("form[data-formulir=\"{id}\"]");
    click(&tab, &format!("{form} [data-aksi=simpan]"));
    type_into(&tab, &field(&p, "nama_lengkap"), "Siti Rekaan");
    type_into(
        &tab,
        &field(&p, "bidang_keterampilan"),
        "Menjahit <i>halus</i>",
    );
    type_into(&tab, &field(&p, "nomor_register"), "R-5");
    click(&tab, &format!("{}-ktp", field(&p, "kelengkapan")));
    click(&tab, &format!("{}-kk", field(&p, "kelengkapan")));

    // The same device later opens the book with the new form version (file:// shares storage).
    let old_version = form_version(id);
    let new_version = old_version + 1;
    let changed = changed_site();
    navigate(
        &tab,
        &file_url(&changed.join("formulir/registrasi-klien.html"), ""),
    );
    wait_until(&tab, "typeof ModulFormulir === 'object'", "script");
    let p = prefix(&tab, id);
    open_record(&tab, id, "Siti Rekaan · R-5");
    assert_eq!(
        value(&tab, &field(&p, "nama_klien")),
        "Siti Rekaan",
        "a renamed field keeps its value"
    );
    assert_eq!(value(&tab, &field(&p, "nomor_register")), "R-5");
    assert!(
        eval_bool(
            &tab,
            &format!(
                "document.querySelector('{}-ktp').checked",
                field(&p, "kelengkapan")
            )
        ),
        "a multi-select keeps its still-valid choice"
    );
    let old = eval_string(
        &tab,
        &format!("document.querySelector('{form} .modul-data-lama').innerText"),
    );
    assert!(
        old.contains("Data lama")
            && old.contains("bidang_keterampilan")
            && old.contains("Menjahit <i>halus</i>")
            && old.contains("kelengkapan")
            && old.contains("[\"kk\"]")
            && !old.contains("ktp"),
        "only the removed choice is data lama: {old}"
    );
    assert!(eval_bool(
        &tab,
        &format!(
            "!document.querySelector('{form} .modul-data-lama').hidden && document.querySelectorAll('{form} .modul-data-lama i').length === 0"
        )
    ));
    let status = eval_string(
        &tab,
        &format!("document.querySelector('{form} .modul-formulir-status').textContent"),
    );
    assert!(
        status.contains(&format!("versi {old_version}"))
            && status.contains(&format!("versi {new_version}")),
        "{status}"
    );
    screenshot(&tab, "formulir-data-lama");

    // Editing saves the new version and still carries the old values.
    type_into(&tab, &field(&p, "tempat_lahir"), "Kota Rekaan");
    let keys = record_keys(&tab, id);
    assert_eq!(keys.len(), 1, "{keys:?}");
    let draft = stored(&tab, &keys[0]);
    assert!(
        draft.contains(&format!("\"versi\":{new_version}"))
            && draft.contains("\"data_lama\":{\"bidang_keterampilan\":\"Menjahit <i>halus</i>\",\"kelengkapan\":[\"kk\"]}")
            && draft.contains("\"kelengkapan\":[\"ktp\"]"),
        "{draft}"
    );
    assert!(!draft.contains("nama_lengkap"), "{draft}");
    tab.close(true).ok();
}

#[test]
fn typed_markup_stays_text_everywhere() {
    let Some((browser, _serial)) = browser() else {
        return;
    };
    let id = "catatan-kasus";
    let (tab, _) = open(&browser, &form_page(id));
    clear_storage(&tab);
    reload(&tab);
    let p = prefix(&tab, id);
    tab.evaluate(
        "window.__alerts = 0; window.alert = function () { window.__alerts++; };",
        false,
    )
    .expect("trap");
    let attack = "<script>window.__xss=1</script>\"><img src=x onerror=\"window.__xss=2\">";
    let form = format!("form[data-formulir=\"{id}\"]");
    click(&tab, &format!("{form} [data-aksi=simpan]"));
    type_into(&tab, &field(&p, "nama_klien"), attack);
    type_into(&tab, &field(&p, "isi"), attack);
    // An imported file with markup in a removed field's name and value.
    let file = tempfile::Builder::new()
        .suffix(".json")
        .tempfile()
        .expect("temp");
    std::fs::write(
        file.path(),
        format!(
            "{{\"format\":\"modul-formulir\",\"formulir\":\"{id}\",\"versi\":1,\"nilai\":{{\"nama_klien\":{a},\"<img src=y onerror=window.__xss=3>\":{a}}}}}",
            a = js_str(attack)
        ),
    )
    .expect("write");
    tab.wait_for_element(&format!("#{p}-impor"))
        .expect("file input")
        .set_input_files(&[file.path().to_str().expect("path")])
        .expect("choose file");
    wait_until(
        &tab,
        &format!("!document.querySelector('{form} .modul-data-lama').hidden"),
        "data lama",
    );
    reload(&tab);
    let p = prefix(&tab, id);
    // The imported record is the newest, first in the list; its label is the typed text.
    assert_eq!(record_labels(&tab, id).len(), 2);
    click(
        &tab,
        &format!("{form} [data-rekaman-daftar] > li:first-child [data-aksi=rekaman-buka]"),
    );
    ModulPrint::filled(&tab, id);
    assert_eq!(value(&tab, &field(&p, "nama_klien")), attack);
    assert!(
        eval_bool(
            &tab,
            "window.__xss === undefined && document.querySelectorAll('main img').length === 0"
        ),
        "no markup ran or rendered"
    );
    let old = eval_string(
        &tab,
        &format!("document.querySelector('{form} .modul-data-lama dl').textContent"),
    );
    assert!(
        old.contains("<img src=y onerror=window.__xss=3>") && old.contains(attack),
        "{old}"
    );
    let printed = eval_string(
        &tab,
        &format!("document.querySelector('#{p}-nama_klien-isian .modul-nilai-cetak').textContent"),
    );
    assert_eq!(printed, attack, "the filled print shows the text");
    tab.close(true).ok();
}

/// Print preparation as the print buttons do it, without the browser's print dialog.
struct ModulPrint;

impl ModulPrint {
    fn blank(tab: &Tab, id: &str) {
        tab.evaluate(&format!("ModulFormulir.get(document.querySelector('form[data-formulir=\"{id}\"]')).preparePrint(true)"), false).expect("prepare blank print");
    }
    fn filled(tab: &Tab, id: &str) {
        tab.evaluate(&format!("ModulFormulir.get(document.querySelector('form[data-formulir=\"{id}\"]')).preparePrint(false)"), false).expect("prepare filled print");
    }
}

fn pdf_pages(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    text.match_indices("/Type /Page")
        .filter(|(at, m)| !text[at + m.len()..].starts_with('s'))
        .count()
}

fn print_pdf(tab: &Tab) -> Vec<u8> {
    tab.print_to_pdf(Some(PrintToPdfOptions {
        prefer_css_page_size: Some(true),
        print_background: Some(true),
        ..Default::default()
    }))
    .expect("PDF")
}

/// Blank A4 print of every form, alone on its pages (the "Cetak kosong" button), with the page
/// count each form is expected to take.
#[test]
fn every_blank_form_prints_on_the_expected_number_of_a4_pages() {
    let Some((browser, _serial)) = browser() else {
        return;
    };
    let expected: &[(&str, usize)] = &[
        ("asesmen-rencana-pelayanan", 4),
        ("catatan-perkembangan-klien", 1),
        ("laporan-pemecahan-masalah", 1),
        ("evaluasi-unjuk-kerja", 1),
        ("registrasi-klien", 3),
        ("kesepakatan-pelayanan", 2),
        ("surat-rujukan", 2),
        ("laporan-konferensi-kasus", 2),
        ("terminasi", 2),
        ("monitoring-bimbingan-lanjut", 2),
        ("genogram-ekomap", 2),
        ("catatan-kasus", 1),
        ("persetujuan-layanan", 4),
        ("laporan-penjangkauan", 5),
        ("rencana-penyaluran", 4),
        ("laporan-penyaluran", 3),
        ("berita-acara-serah-terima", 3),
        ("laporan-insidental", 3),
        ("catatan-supervisi", 3),
    ];
    let (tab, _) = open(&browser, "about:blank");
    let mut found = Vec::new();
    for (id, _) in expected {
        navigate(&tab, &form_page(id));
        wait_until(&tab, "typeof ModulFormulir === 'object'", "script");
        clear_storage(&tab);
        ModulPrint::blank(&tab, id);
        let pdf = print_pdf(&tab);
        if let Some(dir) = std::env::var_os("MODUL_SCREENSHOT_DIR") {
            std::fs::create_dir_all(&dir).ok();
            std::fs::write(Path::new(&dir).join(format!("kosong-{id}.pdf")), &pdf).ok();
        }
        found.push((*id, pdf_pages(&pdf)));
    }
    eprintln!("blank form pages: {found:?}");
    let wrong: Vec<String> = expected
        .iter()
        .zip(&found)
        .filter(|((_, want), (_, got))| want != got)
        .map(|((id, want), (_, got))| format!("{id}: {got} pages, expected {want}"))
        .collect();
    assert!(wrong.is_empty(), "{wrong:?}");
    tab.close(true).ok();
}

#[test]
fn filled_print_shows_values_and_hides_what_does_not_apply() {
    let Some((browser, _serial)) = browser() else {
        return;
    };
    let id = "terminasi";
    let (tab, _) = open(&browser, &form_page(id));
    clear_storage(&tab);
    reload(&tab);
    let p = prefix(&tab, id);
    type_into(&tab, &field(&p, "nama_klien"), "Ahmad Rekaan");
    click(&tab, &format!("{}-tujuan_tercapai", field(&p, "alasan")));
    ModulPrint::filled(&tab, id);
    let visible = |selector: &str| {
        eval_bool(
            &tab,
            &format!(
                "matchMedia('print').matches || true ? getComputedStyle(document.querySelector('{selector}')).display !== 'none' : false"
            ),
        )
    };
    tab.call_method(
        headless_chrome::protocol::cdp::Emulation::SetEmulatedMedia {
            media: Some("print".into()),
            features: None,
        },
    )
    .expect("print media");
    assert!(
        visible(&format!("#{p}-nama_klien-isian .modul-nilai-cetak")),
        "value printed"
    );
    assert!(
        !visible(&format!("#{p}-rujukan-isian")),
        "a field that does not apply is left out of the filled print"
    );
    assert!(
        !visible(&format!(
            "form[data-formulir=\"{id}\"] .modul-formulir-alat"
        )),
        "no buttons on paper"
    );
    let pdf = print_pdf(&tab);
    assert!(pdf_pages(&pdf) >= 1);
    if let Some(dir) = std::env::var_os("MODUL_SCREENSHOT_DIR") {
        std::fs::create_dir_all(&dir).ok();
        std::fs::write(Path::new(&dir).join(format!("terisi-{id}.pdf")), &pdf).ok();
    }
    // The blank print shows every field, with its instruction.
    ModulPrint::blank(&tab, id);
    assert!(
        visible(&format!("#{p}-rujukan-isian")),
        "blank print shows all fields"
    );
    let instruction = eval_string(
        &tab,
        &format!("document.querySelector('#{p}-rujukan-isian .modul-syarat-isi').textContent"),
    );
    assert!(
        instruction.starts_with("Isi jika nomor 4 = "),
        "{instruction}"
    );
    tab.close(true).ok();
}

#[test]
fn the_content_security_policy_blocks_nothing_of_the_book_from_file_urls() {
    let Some((browser, _serial)) = browser() else {
        return;
    };
    let (tab, requests) = open(&browser, "about:blank");
    watch_csp(&tab);
    for (page, query, ready) in [
        (
            "index.html",
            "?search=rujukan",
            "document.querySelectorAll('#mdbook-searchresults li a').length > 0",
        ),
        (
            "formulir.html",
            "",
            "document.querySelectorAll('[data-formulir-daftar]').length >= 11",
        ),
        (
            "lampiran/formulir-2.html",
            "",
            "!document.querySelector('form[data-formulir] .modul-tombol-baris').hidden",
        ),
        (
            "sesi-1-4/index.html",
            "",
            "document.querySelector('[data-sesi=\"1-4\"]') !== null",
        ),
        (
            "print.html",
            "",
            "document.querySelectorAll('form[data-formulir]').length >= 11",
        ),
    ] {
        navigate(&tab, &file_url(&site().join(page), query));
        wait_until(&tab, ready, page);
        // The page's own inline scripts ran: the theme class and the sidebar state are set.
        assert!(
            eval_bool(
                &tab,
                "document.documentElement.classList.contains('js') && typeof path_to_root === 'string'"
            ),
            "{page}: inline scripts ran"
        );
        assert_eq!(violations(&tab), "[]", "{page}: CSP violations");
        if page == "print.html" {
            assert!(
                eval_bool(
                    &tab,
                    "Array.from(document.querySelectorAll('form[data-formulir] .modul-tombol-baris')).every(b => b.hidden)"
                ),
                "the whole-book print shows blank paper forms, without drafts or buttons"
            );
        }
        let csp = eval_string(
            &tab,
            "document.querySelector('meta[http-equiv=Content-Security-Policy]').content",
        );
        let scripts = csp
            .split(';')
            .find(|d| d.trim().starts_with("script-src"))
            .unwrap_or_default();
        assert!(
            csp.contains("default-src 'self'")
                && scripts.contains("'sha256-")
                && !scripts.contains("unsafe"),
            "{csp}"
        );
    }
    let foreign: Vec<String> = requests
        .lock()
        .map(|r| r.clone())
        .unwrap_or_default()
        .into_iter()
        .filter(|u| {
            !(u.starts_with("file://") || u.starts_with("data:") || u.starts_with("about:"))
        })
        .collect();
    assert!(foreign.is_empty(), "{foreign:?}");
    tab.close(true).ok();
}

#[test]
fn the_content_security_policy_allows_the_live_reload_of_modul_serve() {
    let Some((browser, _serial)) = browser() else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp");
    copy_dir(&repo().join("book"), &dir.path().join("book"));
    copy_dir(&repo().join("forms"), &dir.path().join("forms"));
    copy_dir(&repo().join("exercises"), &dir.path().join("exercises"));
    let (_server, base) = serve_book(dir.path());
    let (tab, requests) = open(&browser, "about:blank");
    watch_csp(&tab);
    navigate(&tab, &format!("{base}/formulir/terminasi.html"));
    wait_until(
        &tab,
        "typeof ModulFormulir === 'object' && document.querySelector('script[src=\"/__modul/muat-ulang.js\"]') !== null",
        "form page over HTTP",
    );
    std::thread::sleep(Duration::from_millis(500));
    let form = dir.path().join("forms/terminasi.toml");
    let text = std::fs::read_to_string(&form)
        .expect("read")
        .replace("Berita Acara Terminasi", "Berita Acara Terminasi Baru");
    std::fs::write(&form, text).expect("edit");
    wait_until_within(
        &tab,
        "document.body.innerText.includes('BERITA ACARA TERMINASI BARU') || document.body.innerText.includes('Berita Acara Terminasi Baru')",
        "live reload after a form edit",
        Duration::from_secs(90),
    );
    assert_eq!(violations(&tab), "[]", "CSP violations over HTTP");
    // Search and the whole-book print page over HTTP too.
    for (page, ready) in [
        (
            "index.html?search=rujukan",
            "document.querySelectorAll('#mdbook-searchresults li a').length > 0",
        ),
        (
            "print.html",
            "document.querySelectorAll('form[data-formulir]').length >= 11",
        ),
    ] {
        navigate(&tab, &format!("{base}/{page}"));
        wait_until(&tab, ready, page);
        assert_eq!(violations(&tab), "[]", "{page} over HTTP: CSP violations");
    }
    let xlsx = format!("{base}/formulir/terminasi.xlsx");
    assert!(
        eval_bool(
            &tab,
            &format!(
                "(() => {{ const r = new XMLHttpRequest(); r.open('GET', {}, false); r.send(); return r.status === 200 && r.getResponseHeader('content-length') !== '0'; }})()",
                js_str(&xlsx)
            )
        ),
        "the XLSForm is served"
    );
    let foreign: Vec<String> = requests
        .lock()
        .map(|r| r.clone())
        .unwrap_or_default()
        .into_iter()
        .filter(|u| !u.starts_with(&base) && !u.starts_with("about:") && !u.starts_with("data:"))
        .collect();
    assert!(foreign.is_empty(), "{foreign:?}");
    tab.close(true).ok();
}

#[test]
fn forms_fit_a_360px_phone() {
    let Some((browser, _serial)) = browser() else {
        return;
    };
    let (tab, _) = open(&browser, "about:blank");
    phone_viewport(&tab);
    for id in [
        "asesmen-rencana-pelayanan",
        "catatan-perkembangan-klien",
        "evaluasi-unjuk-kerja",
    ] {
        navigate(&tab, &form_page(id));
        wait_until(&tab, "typeof ModulFormulir === 'object'", "script");
        assert!(
            eval_bool(
                &tab,
                "document.documentElement.scrollWidth <= window.innerWidth + 1"
            ),
            "{id} scrolls sideways at 360 px: {}",
            eval_string(&tab, "String(document.documentElement.scrollWidth)")
        );
        // Every input has a label a screen reader announces.
        let unlabelled = eval_string(
            &tab,
            "JSON.stringify(Array.from(document.querySelectorAll('form[data-formulir] input, form[data-formulir] textarea')).filter(i => !(i.labels && i.labels.length) && !i.getAttribute('aria-label') && !i.getAttribute('aria-labelledby')).map(i => i.id))",
        );
        assert_eq!(unlabelled, "[]", "{id}: inputs without a label");
        screenshot(&tab, &format!("360px-formulir-{id}"));
    }
    tab.close(true).ok();
}

#[test]
fn without_storage_the_form_still_works_and_says_it_cannot_remember() {
    let Some((browser, _serial)) = browser() else {
        return;
    };
    let (tab, _) = open(&browser, "about:blank");
    // A browser that refuses storage (private mode, a locked-down profile) throws on access.
    tab.call_method(Page::AddScriptToEvaluateOnNewDocument {
        source: "Object.defineProperty(window, 'localStorage', { get: function () { throw new DOMException('ditolak', 'SecurityError'); } });".into(),
        world_name: None,
        include_command_line_api: None,
        run_immediately: None,
    })
    .expect("refuse storage");
    let id = "terminasi";
    navigate(&tab, &form_page(id));
    wait_until(&tab, "typeof ModulFormulir === 'object'", "script");
    let p = prefix(&tab, id);
    let form = format!("form[data-formulir=\"{id}\"]");
    let status = eval_string(
        &tab,
        &format!("document.querySelector('{form} .modul-formulir-status').textContent"),
    );
    assert!(status.contains("tidak dapat diingat"), "{status}");
    assert!(
        eval_bool(
            &tab,
            &format!("document.querySelector('{form} [data-aksi=simpan]').hidden")
        ),
        "no consent button when nothing can be stored"
    );
    // Filling, checks and skip logic still work.
    click(&tab, &format!("{}-sakit", field(&p, "alasan")));
    assert!(eval_bool(
        &tab,
        &format!("document.getElementById('{p}-rujukan-isian').offsetParent !== null")
    ));
    type_into(&tab, &field(&p, "nama_klien"), "Tanpa Penyimpanan");
    assert_eq!(value(&tab, &field(&p, "nama_klien")), "Tanpa Penyimpanan");
    assert!(eval_bool(
        &tab,
        &format!(
            "ModulFormulir.get(document.querySelector('{form}')).record().nilai.nama_klien === 'Tanpa Penyimpanan'"
        )
    ));
    assert!(
        leaving_asks(&tab),
        "nothing can be stored: leaving with typed input asks first"
    );
    tab.close(false).ok();
}

/// Puts a value into localStorage as raw text.
fn put_raw(tab: &Tab, key: &str, text: &str) {
    tab.evaluate(
        &format!("localStorage.setItem({}, {})", js_str(key), js_str(text)),
        false,
    )
    .expect("store");
}

#[test]
fn an_old_format_draft_opens_as_a_record_and_a_corrupt_or_foreign_one_is_kept_aside() {
    let Some((browser, _serial)) = browser() else {
        return;
    };
    let downloads = tempfile::tempdir().expect("temp");
    let id = "registrasi-klien";
    let (tab, _) = open(&browser, &form_page(id));
    tab.call_method(Page::SetDownloadBehavior {
        behavior: Page::SetDownloadBehaviorBehaviorOption::Allow,
        download_path: Some(downloads.path().display().to_string()),
    })
    .expect("downloads");
    clear_storage(&tab);
    // A draft exactly as the single-draft version (4521b9a) saved it, with its backup from an
    // import, a `__proto__` key and a value of a removed field.
    let old = r#"{"format":"modul-formulir","formulir":"registrasi-klien","versi":1,"nilai":{"nama_lengkap":"Ani Rekaan","nomor_register":"R-9","kelengkapan":["ktp"],"__proto__":{"tercemar":"ya"}},"data_lama":{"catatan_lama":"dari versi 1"}}"#;
    put_raw(&tab, "modul:formulir:registrasi-klien", old);
    put_raw(
        &tab,
        "modul:formulir:registrasi-klien:cadangan",
        r#"{"format":"modul-formulir","formulir":"registrasi-klien","versi":1,"nilai":{"nama_lengkap":"Ani Sebelum Impor"}}"#,
    );
    let corrupt = "{\"format\":\"modul-formulir\",\"formulir\":\"registrasi-klien\",\"nilai\":{\"nama_lengkap\":\"Terpot";
    put_raw(&tab, "modul:rekaman:registrasi-klien:rusak1", corrupt);
    let foreign = r#"{"format":"modul-formulir","formulir":"terminasi","id":"asing1","versi":1,"nilai":{"nama_klien":"Orang Lain"}}"#;
    put_raw(&tab, "modul:rekaman:registrasi-klien:asing1", foreign);
    reload(&tab);
    let p = prefix(&tab, id);
    let form = format!("form[data-formulir=\"{id}\"]");

    let mut labels = record_labels(&tab, id);
    labels.sort();
    assert_eq!(labels, ["Ani Rekaan · R-9", "Cadangan sebelum impor"]);
    assert_eq!(
        stored(&tab, "modul:formulir:registrasi-klien"),
        "",
        "the old key goes once the record is written"
    );
    open_record(&tab, id, "Ani Rekaan · R-9");
    assert_eq!(value(&tab, &field(&p, "nama_lengkap")), "Ani Rekaan");
    assert!(eval_bool(
        &tab,
        &format!(
            "document.querySelector('{}-ktp').checked",
            field(&p, "kelengkapan")
        )
    ));
    assert!(
        eval_string(
            &tab,
            &format!("document.querySelector('{form} .modul-data-lama').innerText")
        )
        .contains("dari versi 1"),
        "data lama of the old draft is kept"
    );
    assert!(
        eval_bool(
            &tab,
            "({}).tercemar === undefined && Object.getPrototypeOf(ModulRekaman.daftar('registrasi-klien')[0].nilai) === Object.prototype"
        ),
        "__proto__ is never a data key"
    );
    assert!(
        !record_keys(&tab, id)
            .iter()
            .any(|k| stored(&tab, k).contains("__proto__")),
        "nor stored again"
    );

    // The corrupt and the foreign record: reported, untouched, exportable as raw text.
    let report = eval_string(
        &tab,
        &format!("document.querySelector('{form} .modul-rekaman-rusak').innerText"),
    );
    assert!(
        report.contains("rusak1")
            && report.contains("bukan JSON yang utuh")
            && report.contains("asing1")
            && report.contains("«terminasi»"),
        "{report}"
    );
    type_into(&tab, &field(&p, "tempat_lahir"), "Kota Rekaan");
    assert_eq!(
        stored(&tab, "modul:rekaman:registrasi-klien:rusak1"),
        corrupt
    );
    assert_eq!(
        stored(&tab, "modul:rekaman:registrasi-klien:asing1"),
        foreign
    );
    let (name, bytes) = download(
        &tab,
        downloads.path(),
        &format!(
            "{form} [data-rusak=\"modul:rekaman:registrasi-klien:rusak1\"] [data-aksi=rusak-unduh]"
        ),
    );
    assert!(name.ends_with(".txt"), "{name}");
    assert_eq!(String::from_utf8(bytes).expect("utf-8"), corrupt);
    reload(&tab);
    let status = eval_string(
        &tab,
        &format!("document.querySelector('{form} .modul-formulir-status').textContent"),
    );
    assert!(
        status.contains("tidak dapat dibuka"),
        "a clear message on opening: {status}"
    );
    tab.close(true).ok();
}

#[test]
fn an_imported_record_is_stored_and_survives_a_reload() {
    let Some((browser, _serial)) = browser() else {
        return;
    };
    let id = "terminasi";
    let (tab, _) = open(&browser, &form_page(id));
    clear_storage(&tab);
    reload(&tab);
    let p = prefix(&tab, id);
    let file = tempfile::Builder::new()
        .suffix(".json")
        .tempfile()
        .expect("temp");
    std::fs::write(
        file.path(),
        r#"{"format":"modul-formulir","formulir":"terminasi","id":"impor-1","versi":1,"label":"Dodi Rekaan · R-3","klien":"Dodi Rekaan","dibuat":"2026-01-02T03:04:05.000Z","diubah":"2026-01-02T03:04:05.000Z","nilai":{"nama_klien":"Dodi Rekaan","nomor_register":"R-3"}}"#,
    )
    .expect("write");
    tab.wait_for_element(&format!("#{p}-impor"))
        .expect("file input")
        .set_input_files(&[file.path().to_str().expect("path")])
        .expect("choose file");
    wait_until(
        &tab,
        &format!(
            "document.querySelector('{}').value === 'Dodi Rekaan'",
            field(&p, "nama_klien")
        ),
        "import opens the record",
    );
    assert!(stored(&tab, "modul:rekaman:terminasi:impor-1").contains("Dodi Rekaan"));
    reload(&tab);
    assert_eq!(record_labels(&tab, id), ["Dodi Rekaan · R-3"]);
    open_record(&tab, id, "Dodi Rekaan · R-3");
    assert_eq!(value(&tab, &field(&p, "nomor_register")), "R-3");
    tab.close(true).ok();
}

/// The names of the value rows of a form's XLSForm (`survey` sheet), read with openpyxl
/// (pyxform's own dependency); None without it.
fn xlsform_names(xlsx: &Path) -> Option<Vec<String>> {
    let script = r#"
import sys, openpyxl
sheet = openpyxl.load_workbook(sys.argv[1])["survey"]
rows = list(sheet.iter_rows(values_only=True))
head = list(rows[0])
t, n = head.index("type"), head.index("name")
for row in rows[1:]:
    kind = (row[t] or "").split(" ")[0]
    if kind and kind not in ("begin_group", "end_group", "begin_repeat", "end_repeat", "note"):
        print(row[n])
"#;
    let out = std::process::Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(xlsx)
        .output()
        .ok()?;
    out.status.success().then(|| {
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(str::to_string)
            .collect()
    })
}

#[test]
fn the_csv_of_all_records_has_the_xlsform_column_names() {
    let Some((browser, _serial)) = browser() else {
        return;
    };
    let id = "asesmen-rencana-pelayanan";
    let Some(names) = xlsform_names(&site().join(format!("formulir/{id}.xlsx"))) else {
        assert!(
            std::env::var("MODUL_REQUIRE_PYXFORM").as_deref() != Ok("1"),
            "openpyxl (pyxform's dependency) is needed"
        );
        eprintln!(
            "\n!! CSV TEST SKIPPED: openpyxl not installed (python3 -m pip install pyxform)\n"
        );
        return;
    };
    let downloads = tempfile::tempdir().expect("temp");
    let (tab, _) = open(&browser, &form_page(id));
    tab.call_method(Page::SetDownloadBehavior {
        behavior: Page::SetDownloadBehaviorBehaviorOption::Allow,
        download_path: Some(downloads.path().display().to_string()),
    })
    .expect("downloads");
    clear_storage(&tab);
    reload(&tab);
    let p = prefix(&tab, id);
    let form = format!("form[data-formulir=\"{id}\"]");
    click(&tab, &format!("{form} [data-aksi=simpan]"));
    type_into(&tab, &field(&p, "nama_klien"), "Eka, \"Rekaan\"");
    type_into(&tab, &field(&p, "nomor_register"), "=1+1");
    click(
        &tab,
        &format!("{}-genogram", field(&p, "perangkat_asesmen")),
    );
    click(&tab, &format!("{}-ekomap", field(&p, "perangkat_asesmen")));
    type_into(&tab, &field(&p, "rencana-0-jenis_pelayanan"), "Konseling");
    click(&tab, &format!("{form} [data-aksi=rekaman-baru]"));
    type_into(&tab, &field(&p, "nama_klien"), "Fajar Rekaan");
    let (name, bytes) = download(
        &tab,
        downloads.path(),
        &format!("{form} [data-aksi=ekspor-csv]"),
    );
    assert!(
        name.starts_with(&format!("{id}_")) && name.ends_with(".csv"),
        "{name}"
    );
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "UTF-8 with a BOM, for Excel"
    );
    let text = String::from_utf8(bytes[3..].to_vec()).expect("utf-8");
    let header: Vec<&str> = text.lines().next().expect("header").split(',').collect();
    let ours: Vec<&str> = header
        .iter()
        .copied()
        .filter(|c| !c.starts_with('_'))
        .collect();
    assert_eq!(ours, names, "CSV columns = XLSForm names, in order");
    assert_eq!(
        &header[ours.len()..],
        ["_id", "_label", "_versi", "_dibuat", "_diubah"]
    );
    assert!(text.contains("\"Eka, \"\"Rekaan\"\"\""), "quoted: {text}");
    assert!(
        text.contains("'=1+1,") && !text.contains(",=1+1"),
        "a formula is never run by a spreadsheet: {text}"
    );
    assert!(
        text.contains("genogram ekomap"),
        "select_multiple as ODK writes it: {text}"
    );
    assert!(text.contains("Fajar Rekaan"), "every record: {text}");
    assert_eq!(
        text.matches("\r\n").count(),
        3,
        "a header and two rows: {text}"
    );
    tab.close(true).ok();
}

#[test]
fn the_lock_encrypts_records_and_a_reload_needs_the_passphrase() {
    let Some((browser, _serial)) = browser() else {
        return;
    };
    let id = "kesepakatan-pelayanan";
    let (tab, _) = open(&browser, &form_page(id));
    clear_storage(&tab);
    reload(&tab);
    assert!(
        eval_bool(&tab, "!!(window.crypto && crypto.subtle)"),
        "WebCrypto is there from file:// in Chromium"
    );
    let p = prefix(&tab, id);
    let form = format!("form[data-formulir=\"{id}\"]");
    click(&tab, &format!("{form} [data-aksi=simpan]"));
    type_into(&tab, &field(&p, "nama_klien"), "Gita Rahasia");
    // Setting the lock: the warning first, then the passphrase twice.
    click(&tab, &format!("{form} .modul-kunci-pasang summary"));
    let warning = eval_string(
        &tab,
        &format!("document.querySelector('{form} .modul-peringatan-kunci').textContent"),
    );
    assert!(warning.contains("TIDAK DAPAT dipulihkan"), "{warning}");
    tab.evaluate(
        &format!("document.querySelectorAll('{form} .modul-kunci-pasang input').forEach(i => i.value = 'kata sandi panti')"),
        false,
    )
    .expect("passphrase");
    click(&tab, &format!("{form} [data-aksi=kunci-pasang]"));
    wait_until(
        &tab,
        &format!("!!document.querySelector('{form} [data-aksi=kunci-sekarang]')"),
        "lock set",
    );
    let keys = record_keys(&tab, id);
    assert_eq!(keys.len(), 1);
    wait_until(
        &tab,
        &format!(
            "localStorage.getItem({}).includes('modul-terkunci')",
            js_str(&keys[0])
        ),
        "the record written encrypted",
    );
    let everything = eval_string(&tab, "JSON.stringify(Object.assign({}, localStorage))");
    assert!(
        !everything.contains("Gita"),
        "no clear text at rest: {everything}"
    );
    assert!(
        everything.contains("\\\"iterasi\\\":600000"),
        "{everything}"
    );

    // A reload is locked: nothing of the record shows until the passphrase is given.
    reload(&tab);
    assert!(eval_bool(
        &tab,
        &format!("document.querySelector('{form}').classList.contains('modul-terkunci')")
    ));
    assert!(record_labels(&tab, id).is_empty());
    screenshot(&tab, "rekaman-terkunci");
    let unlock = |pass: &str| {
        tab.evaluate(
            &format!(
                "document.querySelector('{form} .modul-kunci input').value = {}",
                js_str(pass)
            ),
            false,
        )
        .expect("passphrase");
        click(&tab, &format!("{form} [data-aksi=kunci-buka]"));
    };
    unlock("salah sekali");
    wait_until(
        &tab,
        &format!(
            "document.querySelector('{form} .modul-kunci-status').textContent.includes('salah')"
        ),
        "wrong passphrase",
    );
    unlock("kata sandi panti");
    wait_until(
        &tab,
        &format!("document.querySelectorAll('{form} [data-rekaman]').length === 1"),
        "unlocked",
    );
    open_record(&tab, id, "Gita Rahasia");
    assert_eq!(value(&tab, &field(&p, "nama_klien")), "Gita Rahasia");
    // Editing while unlocked keeps the record encrypted; "lock now" hides it again.
    type_into(&tab, &field(&p, "nama_klien"), " Baru");
    wait_until(
        &tab,
        &format!(
            "localStorage.getItem({}).includes('modul-terkunci')",
            js_str(&keys[0])
        ),
        "still encrypted",
    );
    click(&tab, &format!("{form} [data-aksi=kunci-sekarang]"));
    assert_eq!(
        value(&tab, &field(&p, "nama_klien")),
        "",
        "locking clears the page"
    );
    assert!(record_labels(&tab, id).is_empty());
    tab.close(true).ok();
}

#[test]
fn the_client_file_gathers_a_client_across_forms_by_service_stage() {
    let Some((browser, _serial)) = browser() else {
        return;
    };
    let (tab, _) = open(
        &browser,
        &file_url(&site().join("formulir/berkas-klien.html"), ""),
    );
    clear_storage(&tab);
    let record = |form: &str, id: &str, name: &str| {
        format!(
            r#"{{"format":"modul-formulir","formulir":"{form}","id":"{id}","versi":1,"label":"{name} · R-1","klien":"{name}","dibuat":"2026-02-0{n}T08:00:00.000Z","diubah":"2026-02-0{n}T08:00:00.000Z","nilai":{{}}}}"#,
            n = id.len() % 9 + 1
        )
    };
    put_raw(&tab, "modul:rekaman-setuju", "{\"setuju\":true}");
    for (form, id, name) in [
        ("registrasi-klien", "a1", "Hana Rekaan"),
        ("asesmen-rencana-pelayanan", "a22", "hana  rekaan"),
        ("kesepakatan-pelayanan", "a333", "Hana Rekaan"),
        ("registrasi-klien", "b1", "Iwan Rekaan"),
    ] {
        put_raw(
            &tab,
            &format!("modul:rekaman:{form}:{id}"),
            &record(form, id, name),
        );
    }
    reload(&tab);
    wait_until(&tab, "typeof ModulRekaman === 'object'", "script");
    let options = common::browser::eval_strings(
        &tab,
        "Array.from(document.querySelectorAll('[data-berkas-klien] select option')).map(o => o.textContent)",
    );
    assert_eq!(options.len(), 3, "two clients and the prompt: {options:?}");
    tab.evaluate(
        "(() => { const s = document.querySelector('[data-berkas-klien] select'); s.value = 'hana rekaan'; s.dispatchEvent(new Event('change')); })()",
        false,
    )
    .expect("choose");
    let stages = common::browser::eval_strings(
        &tab,
        "Array.from(document.querySelectorAll('[data-berkas-klien] li[data-tahap]')).map(l => l.getAttribute('data-tahap'))",
    );
    assert_eq!(
        stages,
        [
            "registrasi",
            "asesmen",
            "kesepakatan",
            "perkembangan",
            "rujukan",
            "terminasi",
            "bimbingan-lanjut"
        ]
    );
    let listed = common::browser::eval_strings(
        &tab,
        "Array.from(document.querySelectorAll('[data-berkas-klien] .modul-berkas-rekaman [data-rekaman] a')).map(a => a.getAttribute('data-formulir'))",
    );
    assert_eq!(
        listed,
        [
            "registrasi-klien",
            "asesmen-rencana-pelayanan",
            "kesepakatan-pelayanan"
        ],
        "the client's records in stage order, the other client's not"
    );
    let summary = eval_string(
        &tab,
        "document.querySelector('.modul-berkas-ringkasan').textContent",
    );
    assert!(
        summary.contains("Kesepakatan pelayanan")
            && summary.contains("Persetujuan Layanan")
            && summary.contains("Lembar Genogram dan Ekomap")
            && !summary.contains("Konferensi Kasus")
            && !summary.contains("Terminasi"),
        "missing up to the current stage, optional forms not: {summary}"
    );
    let link = eval_string(
        &tab,
        "document.querySelector('[data-berkas-klien] [data-rekaman=\"a22\"] a').getAttribute('href')",
    );
    assert!(link.ends_with("formulir-1.html#rekaman=a22"), "{link}");
    screenshot(&tab, "berkas-klien-1280");
    phone_viewport(&tab);
    assert!(
        eval_bool(
            &tab,
            "document.documentElement.scrollWidth <= window.innerWidth + 1"
        ),
        "fits 360 px"
    );
    screenshot(&tab, "berkas-klien-360");
    // The link opens that record on its form page.
    navigate(
        &tab,
        &file_url(&site().join("lampiran/formulir-1.html"), "#rekaman=a22"),
    );
    wait_until(&tab, "typeof ModulFormulir === 'object'", "script");
    assert!(
        eval_string(&tab, "document.querySelector('form[data-formulir=\"asesmen-rencana-pelayanan\"] .modul-rekaman-kini').textContent")
            .contains("hana  rekaan · R-1"),
        "the record opens"
    );
    tab.close(true).ok();
}
