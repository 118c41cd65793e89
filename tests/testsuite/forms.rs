//! Forms without a browser: the fixture's form renders as a fillable and printable form with
//! its rules as data (a snapshot), the form list and session cards link to it, an exercise can
//! embed its own instance, and every XLSForm export of the real book converts with pyxform
//! (ODK's converter). Bad form files are in `bad_input::forms`.
//!
//! Without pyxform the conversion test skips loudly, unless `MODUL_REQUIRE_PYXFORM=1` (set by
//! `.ci/run`), which turns a missing pyxform into a failure.

use crate::common;

use common::html::{element, main_of, readable};
use common::sites::{self, page};
use common::{api, append, fixture_copy, read, repo};
use std::process::Command;

fn snapshot(name: &str, text: &str) {
    common::snapshots().bind(|| insta::assert_snapshot!(name, text));
}

#[test]
fn fixture_form_renders_fields_rules_instructions_and_print_layout() {
    let site = sites::kecil();
    let html = page(site, "sesi-1-1/index.html");
    let main = main_of(&html);
    let form = element(main, r#"<form class="modul-formulir" id="f-registrasi""#);
    snapshot("registrasi", &readable(form));
    // Labels, typed as data, are escaped.
    assert!(form.contains("Jenis kelamin &lt;klien&gt;"), "{form}");
    // The toolbar (drafts, export, print) is built by the script from ui.toml, so its words are
    // not indexed once per form by the search.
    assert!(
        form.contains(r#"<div class="modul-formulir-alat modul-layar-saja" hidden=""></div>"#)
            && !form.contains("Simpan di perangkat ini")
            && !form.contains("Hapus baris"),
        "{form}"
    );
    // The XLSForm is in the site and offered from the page.
    assert!(
        main.contains(
            r#"<a href="../formulir/registrasi.xlsx" download="">Unduh XLSForm (registrasi.xlsx)"#
        ),
        "{main}"
    );
    let xlsx = std::fs::read(site.join("formulir/registrasi.xlsx")).expect("xlsx in the site");
    assert!(xlsx.starts_with(b"PK"), "a zip (xlsx) file");
    // The session card lists the forms of its session (its snapshot is in `build`).
    assert!(
        main.contains("Formulir sesi ini")
            && main.contains(r#"<li><a href="index.html">Registrasi Klien</a></li>"#),
        "{main}"
    );
}

#[test]
fn form_list_and_repeated_forms_get_links_and_distinct_ids() {
    let dir = fixture_copy("kecil");
    append(
        &dir.path().join("book/src/index.md"),
        "\n{{#daftar-formulir}}\n",
    );
    append(
        &dir.path().join("book/src/sesi-1-1/landasan-hukum.md"),
        "\n{{#formulir registrasi}}\n",
    );
    let site = dir.path().join("situs");
    api::build(&dir.path().join("book"), &site).unwrap_or_else(|e| panic!("fixture builds: {e}"));
    let home = read(&site.join("index.html"));
    let list = element(main_of(&home), r#"<table class="modul-daftar-formulir""#);
    snapshot("form_list", &readable(list));
    let second = read(&site.join("sesi-1-1/landasan-hukum.html"));
    assert!(
        main_of(&second).contains(r#"id="f-registrasi-2""#),
        "a second instance gets its own prefix"
    );
    let print = read(&site.join("print.html"));
    assert_eq!(
        print.matches(r#" id="f-registrasi""#).count(),
        1,
        "ids stay unique on the print page"
    );
    assert_eq!(print.matches(r#" id="f-registrasi-2""#).count(), 1);
    assert_eq!(print.matches(r#"id="f-registrasi-nik""#).count(), 1);
}

#[test]
fn an_exercise_can_embed_a_form_instance_with_model_answers() {
    let html = api::render_form_instance(
        &repo().join("tests/fixtures/kecil/forms/registrasi.toml"),
        "registrasi",
        "latihan-kasus-1",
        "modul:latihan:kasus-1",
        &[
            ("jenis_kelamin", serde_json::json!("p")),
            ("bantuan", serde_json::json!(["makan", "modal"])),
        ],
        &["bantuan", "jenis_kelamin"],
    );
    snapshot("registrasi_in_an_exercise", &readable(&html));
    assert!(
        html.contains(r#"id="latihan-kasus-1-nik""#) && !html.contains("f-registrasi"),
        "every id has the exercise's prefix"
    );
    assert!(
        !html.contains("Unduh XLSForm"),
        "no download inside an exercise"
    );
}

/// pyxform converts every XLSForm of the real book without an error or a warning.
#[test]
fn every_xlsform_of_the_book_converts_with_pyxform() {
    let available = Command::new("python3")
        .args(["-c", "import pyxform"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !available {
        let message =
            "\n!! PYXFORM TEST SKIPPED: pyxform not installed (python3 -m pip install pyxform)\n";
        assert!(
            std::env::var("MODUL_REQUIRE_PYXFORM").as_deref() != Ok("1"),
            "{message}"
        );
        use std::io::Write;
        let _ = std::io::stderr().write_all(message.as_bytes());
        return;
    }
    let site = sites::real_book();
    let mut files: Vec<String> = std::fs::read_dir(site.join("formulir"))
        .expect("formulir folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "xlsx"))
        .map(|p| p.display().to_string())
        .collect();
    files.sort();
    assert!(files.len() >= 11, "{files:?}");
    let script = r#"
import sys
from pyxform.xls2xform import convert
bad = 0
for path in sys.argv[1:]:
    warnings = []
    try:
        result = convert(xlsform=path, warnings=warnings)
        if "<h:html" not in result.xform:
            raise ValueError("no XForm produced")
        if warnings:
            raise ValueError("; ".join(warnings))
        print("ok", path)
    except Exception as error:
        bad += 1
        print("GAGAL", path, error)
sys.exit(1 if bad else 0)
"#;
    let result = Command::new("python3")
        .arg("-c")
        .arg(script)
        .args(&files)
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&result.stdout);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(result.status.success(), "{stdout}\n{stderr}");
    assert_eq!(stdout.matches("ok ").count(), files.len(), "{stdout}");
}

#[test]
fn the_real_book_has_its_forms_on_pages_cards_and_the_form_list() {
    let site = sites::real_book();
    let mut ids = std::collections::BTreeSet::new();
    for path in crate::common::files(site) {
        if path.extension().is_some_and(|e| e == "html") && !path.ends_with("print.html") {
            let html = read(&path);
            for part in html.split("<form class=\"modul-formulir\"").skip(1) {
                if let Some(id) = part
                    .split("data-formulir=\"")
                    .nth(1)
                    .and_then(|r| r.split('"').next())
                {
                    ids.insert(id.to_string());
                }
            }
        }
    }
    assert!(ids.len() >= 11, "{ids:?}");
    for id in &ids {
        assert!(
            site.join(format!("formulir/{id}.xlsx")).is_file(),
            "{id}.xlsx in the site"
        );
    }
    let list = read(&site.join("formulir.html"));
    assert_eq!(
        main_of(&list).matches("data-formulir-daftar=").count(),
        ids.len()
    );
    let card = read(&site.join("sesi-1-4/index.html"));
    assert!(main_of(&card).contains(r#">Formulir 1: Asesmen dan Rencana Pelayanan</a></li>"#));
    // The visible text of Formulir 2–4 keeps every word of the source's forms, in order.
    let text = |page: &str| {
        let html = read(&site.join(page));
        let main = main_of(&html).to_string();
        let mut out = String::new();
        let mut in_tag = false;
        for c in main.chars() {
            match c {
                '<' => in_tag = true,
                '>' => {
                    in_tag = false;
                    out.push(' ');
                }
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let f2 = text("lampiran/formulir-2.html");
    for words in [
        "Lampiran: Asesmen dan Rencana Pelayanan Formulir 2 Catatan Perkembangan Klien",
        "Nomor Register Jenis Kasus Nama Klien Jumlah Waktu Minggu/Bulan Waktu Pelayanan Alat Bantu",
        "Minggu I Minggu II Minggu III Minggu IV",
        "1. Permasalahan",
        "2. Tindakan",
        "3. Hasil: a. Positif",
        "b. Negatif",
        "4. Rekomendasi tindakan selanjutnya",
    ] {
        assert!(f2.contains(words), "Formulir 2 lacks `{words}`:\n{f2}");
    }
    let f3 = text("lampiran/formulir-3.html");
    for words in [
        "Formulir 3 Laporan Pemecahan Masalah Klien",
        "Nomor Register Tgl Perjanjian Kontrak Nama Klien Waktu Akhir Pelayanan Jenis Kasus Nama Peksos",
        "Asesmen Rencana Pelayanan Pelaksanaan Pelayanan Evaluasi Terminasi Tindak Lanjut",
    ] {
        assert!(f3.contains(words), "Formulir 3 lacks `{words}`:\n{f3}");
    }
    let f4 = text("lampiran/formulir-4.html");
    assert!(
        f4.contains("No. Nama Peksos Kegiatan yang dilakukan Waktu Kegiatan Cara melakukan tahap-tahap kegiatan Penilaian terhadap unjuk kerja Rekomendasi"),
        "{f4}"
    );
}
