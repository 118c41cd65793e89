//! Forms without a browser: bad form files get precise Indonesian messages, the fixture's form
//! renders as a fillable and printable form with its rules as data, the form list and session
//! cards link to it, an exercise can embed its own instance, and every XLSForm export of the
//! real book converts with pyxform (ODK's converter).
//!
//! Without pyxform the conversion test skips loudly, unless `MODUL_REQUIRE_PYXFORM=1` (set by
//! `.ci/run`), which turns a missing pyxform into a failure.

mod common;

use common::{Case, append, check_bad_cases, fixture_copy, main_of, read, repo};
use modul::build::{BuildOptions, build_book};
use modul::diagnostic::SourceFile;
use modul::form::html::{self as form_html, AnswerValue, Answers, Instance};
use modul::render::Renderer;
use std::path::Path;
use std::process::Command;

fn build(book: &Path, dest: &Path) {
    build_book(&BuildOptions {
        book_dir: book.to_path_buf(),
        dest_dir: Some(dest.to_path_buf()),
    })
    .unwrap_or_else(|e| panic!("fixture builds: {e}"));
}

#[test]
fn fixture_form_renders_fields_rules_instructions_and_print_layout() {
    let dir = fixture_copy("kecil");
    let site = dir.path().join("situs");
    build(&dir.path().join("book"), &site);
    let page = read(&site.join("sesi-1-1/index.html"));
    let main = main_of(&page);
    assert!(
        main.contains(r#"<form class="modul-formulir" id="f-registrasi" data-formulir="registrasi" data-versi="2" data-kunci="modul:formulir:registrasi""#),
        "{main}"
    );
    // Labels, typed as data, are escaped; every input has its label.
    assert!(main.contains("Jenis kelamin &lt;klien&gt;"), "{main}");
    assert!(main.contains(r#"<label class="modul-label" for="f-registrasi-nomor_register"><span class="modul-nomor">1.</span> Nomor Register <abbr class="modul-wajib" title="wajib">*</abbr></label>"#), "{main}");
    assert!(
        main.contains(r#"<input id="f-registrasi-umur" type="text" inputmode="numeric""#),
        "{main}"
    );
    assert!(main.contains(r#"<input type="radio" id="f-registrasi-pernah_dirujuk-ya" name="f-registrasi-pernah_dirujuk" value="ya"> Ya</label>"#), "{main}");
    assert!(main.contains(r#"<input type="checkbox" id="f-registrasi-bantuan-modal" name="f-registrasi-bantuan" value="modal"> Modal usaha</label>"#), "{main}");
    // Skip logic and constraints written for paper.
    assert!(
        main.contains("<p class=\"modul-syarat-isi\">Isi jika nomor 4 = Ya.</p>"),
        "{main}"
    );
    assert!(main.contains("Isi jika panjang «Nama» &gt; 0."), "{main}");
    assert!(
        main.contains("Syarat: Umur antara 0 dan 120 tahun."),
        "{main}"
    );
    // The browser's rules are the parsed expressions, as data.
    assert!(
        main.contains("[&quot;=&quot;,[&quot;ref&quot;,&quot;pernah_dirujuk&quot;],[&quot;str&quot;,&quot;ya&quot;],false]"),
        "{main}"
    );
    assert!(
        main.contains("[&quot;&gt;=&quot;,[&quot;cur&quot;],[&quot;num&quot;,0.0],true]"),
        "{main}"
    );
    // A table: numbered rows, a template row for "Tambah baris", blank rows for paper.
    assert!(
        main.contains(
            "<th scope=\"col\" class=\"modul-no\">No.</th><th scope=\"col\">Nama</th><th scope=\"col\">Umur</th>"
        ),
        "{main}"
    );
    assert!(main.contains("aria-label=\"Nama, baris 1\""), "{main}");
    assert!(
        main.contains("id=\"f-registrasi-anggota-__i__-nama_anggota\""),
        "{main}"
    );
    assert_eq!(
        main.matches("<tr class=\"modul-baris-kosong\"").count(),
        3,
        "baris_kosong = 4: one real row and three printed ones"
    );
    // Print: ruled lines (2 for the textarea), a signature line, the header with id and version.
    assert!(
        main.contains(r#"<textarea id="f-registrasi-asal_rujukan" rows="2""#),
        "{main}"
    );
    assert!(main.contains("Formulir registrasi, versi 2"), "{main}");
    assert!(main.contains("(tanda tangan dan nama terang)"), "{main}");
    // The toolbar (drafts, export, print) is built by the script from ui.toml, so its words are
    // not indexed once per form by the search.
    assert!(
        main.contains(r#"<div class="modul-formulir-alat modul-layar-saja" hidden=""></div>"#)
            && !main.contains("Simpan di perangkat ini")
            && !main.contains("Hapus baris"),
        "{main}"
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
    // The session card lists the forms of its session.
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
    build(&dir.path().join("book"), &site);
    let home = read(&site.join("index.html"));
    let main = main_of(&home);
    assert!(
        main.contains(r#"<tr data-formulir-daftar="registrasi">"#),
        "{main}"
    );
    assert!(main.contains(r#"<a href="sesi-1-1/index.html">Registrasi Klien</a> <span class="modul-jp">versi 2</span>"#), "the first page that embeds a form is its page:\n{main}");
    assert!(
        main.contains(r#"<a href="formulir/registrasi.xlsx" download="">registrasi.xlsx</a>"#),
        "{main}"
    );
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
    let path = repo().join("tests/fixtures/kecil/forms/registrasi.toml");
    let file = SourceFile::read(&path).expect("fixture form");
    let form = modul::form::load("registrasi", &file).unwrap_or_else(|e| panic!("{e}"));
    let answers = Answers {
        values: [
            ("jenis_kelamin".to_string(), AnswerValue::Text("p".into())),
            (
                "bantuan".to_string(),
                AnswerValue::List(vec!["makan".into(), "modal".into()]),
            ),
        ]
        .into_iter()
        .collect(),
        checked: vec!["bantuan".into(), "jenis_kelamin".into()],
    };
    let instance = Instance {
        form: &form,
        prefix: "latihan-kasus-1".into(),
        storage_key: "modul:latihan:kasus-1".into(),
        xlsx_link: None,
        answers: Some(&answers),
    };
    let html = form_html::render(&instance, &Renderer::new()).expect("renders");
    assert!(
        html.contains(r#"id="latihan-kasus-1" data-formulir="registrasi""#),
        "{html}"
    );
    assert!(
        html.contains(r#"data-kunci="modul:latihan:kasus-1""#),
        "{html}"
    );
    assert!(
        html.contains(r#"id="latihan-kasus-1-nik""#) && !html.contains("f-registrasi"),
        "{html}"
    );
    assert!(
        html.contains("<strong>Jawaban model:</strong> Perempuan</p>"),
        "{html}"
    );
    assert!(
        html.contains("<strong>Jawaban model:</strong> Makan, Modal usaha</p>"),
        "{html}"
    );
    assert!(html.contains("data-jawaban=\"{&quot;values&quot;:{&quot;bantuan&quot;:[&quot;makan&quot;,&quot;modal&quot;],&quot;jenis_kelamin&quot;:&quot;p&quot;},&quot;checked&quot;:[&quot;bantuan&quot;,&quot;jenis_kelamin&quot;]}\""), "{html}");
    assert!(
        !html.contains("Unduh XLSForm"),
        "no download inside an exercise"
    );
}

const FORM: &str = "forms/registrasi.toml";

#[test]
fn bad_form_files_get_precise_indonesian_messages() {
    let cases = [
        Case {
            name: "unknown key",
            file: FORM,
            find: "label = \"Nomor Register\"",
            replace: "label = \"Nomor Register\"\nwarna = \"merah\"",
            expected: &["registrasi.toml:24:1: kolom `warna` tidak dikenal"],
        },
        Case {
            name: "unknown type",
            file: FORM,
            find: "jenis = \"date\"",
            replace: "jenis = \"dat\"",
            expected: &[
                "registrasi.toml:87:9: jenis isian `dat` tidak dikenal",
                "maksud Anda `date`?",
            ],
        },
        Case {
            name: "missing choice list",
            file: FORM,
            find: "jenis = \"select_one jenis_kelamin\"",
            replace: "jenis = \"select_one jenis_kelamn\"",
            expected: &[
                "registrasi.toml:34:9: daftar pilihan `jenis_kelamn` tidak ada",
                "maksud Anda `jenis_kelamin`?",
            ],
        },
        Case {
            name: "duplicate name",
            file: FORM,
            find: "nama = \"nik\"",
            replace: "nama = \"nomor_register\"",
            expected: &[
                "registrasi.toml:28:8: nama isian `nomor_register` sudah dipakai di baris 22",
            ],
        },
        Case {
            name: "name not usable in XLSForm",
            file: FORM,
            find: "nama = \"nik\"",
            replace: "nama = \"Nomor Induk\"",
            expected: &["registrasi.toml:28:8: nama isian `Nomor Induk` tidak sah"],
        },
        Case {
            name: "expression syntax",
            file: FORM,
            find: "relevan = \"${pernah_dirujuk} = 'ya'\"",
            replace: "relevan = \"${pernah_dirujuk} = = 'ya'\"",
            expected: &["registrasi.toml:47:32: ungkapan tidak sah: nilai diharapkan di sini"],
        },
        Case {
            name: "unknown field in an expression",
            file: FORM,
            find: "relevan = \"${pernah_dirujuk} = 'ya'\"",
            replace: "relevan = \"${pernah_dirujk} = 'ya'\"",
            expected: &[
                "registrasi.toml:47:12: isian `pernah_dirujk` tidak ada dalam formulir ini",
                "maksud Anda `pernah_dirujuk`?",
            ],
        },
        Case {
            name: "reference to a later field",
            file: FORM,
            find: "relevan = \"${pernah_dirujuk} = 'ya'\"",
            replace: "relevan = \"${umur} > 17\"",
            expected: &[
                "registrasi.toml:47:12: `relevan` isian `asal_rujukan` merujuk ke `umur`, yang muncul sesudahnya",
            ],
        },
        Case {
            name: "a cycle through itself",
            file: FORM,
            find: "relevan = \"${pernah_dirujuk} = 'ya'\"",
            replace: "relevan = \"${asal_rujukan} != ''\"",
            expected: &[
                "registrasi.toml:47:12: `relevan` isian `asal_rujukan` merujuk ke dirinya sendiri",
                "siklus",
            ],
        },
        Case {
            name: "choice not in the list",
            file: FORM,
            find: "relevan = \"${pernah_dirujuk} = 'ya'\"",
            replace: "relevan = \"${pernah_dirujuk} = 'Ya'\"",
            expected: &[
                "registrasi.toml:47:32: `Ya` bukan pilihan dalam daftar `ya_tidak`",
                "tulis nama pilihan, bukan labelnya; maksud Anda `ya`?",
            ],
        },
        Case {
            name: "selected() on a text field",
            file: FORM,
            find: "relevan = \"${pernah_dirujuk} = 'ya'\"",
            replace: "relevan = \"selected(${nik}, 'ya')\"",
            expected: &["registrasi.toml:47:12: selected() memerlukan isian pilihan, bukan text"],
        },
        Case {
            name: "constraint without a message",
            file: FORM,
            find: "pesan_batasan = \"NIK terdiri atas 4 angka.\"\n",
            replace: "",
            expected: &["registrasi.toml:30:11: batasan tanpa pesan_batasan"],
        },
        Case {
            name: "table field used from outside its row",
            file: FORM,
            find: "batasan = \". <= today()\"",
            replace: "batasan = \". <= today()\"\nrelevan = \"${nama_anggota} != ''\"",
            expected: &[
                "registrasi.toml:91:12: `nama_anggota` ada di dalam tabel (repeat) `anggota`",
            ],
        },
        Case {
            name: "version zero",
            file: FORM,
            find: "versi = 2",
            replace: "versi = 0",
            expected: &["registrasi.toml:2:9: versi `0` tidak sah"],
        },
        Case {
            name: "unknown session",
            file: FORM,
            find: "sesi = [\"1-1\"]",
            replace: "sesi = [\"1-1\", \"1-7\"]",
            expected: &["registrasi.toml:3:16: sesi `1-7` tidak ada di buku"],
        },
        Case {
            name: "form shown on no page",
            file: "book/src/sesi-1-1/index.md",
            find: "{{#formulir registrasi}}",
            replace: "",
            expected: &[
                "registrasi.toml: formulir `registrasi` tidak dimuat di halaman mana pun",
                "{{#formulir registrasi}}",
            ],
        },
        Case {
            name: "declared page that does not show the form",
            file: FORM,
            find: "sesi = [\"1-1\"]",
            replace: "sesi = [\"1-1\"]\nhalaman = \"sesi-1-1/landasan-hukum.md\"",
            expected: &[
                "registrasi.toml:4:11: halaman `sesi-1-1/landasan-hukum.md` tidak memuat {{#formulir registrasi}}",
                "sesi-1-1/index.md",
            ],
        },
        Case {
            name: "group without fields",
            file: FORM,
            find: "jenis = \"text\"\nnama = \"nik\"",
            replace: "jenis = \"group\"\nnama = \"nik\"",
            expected: &["registrasi.toml:27:9: group `nik` tidak berisi isian"],
        },
        Case {
            name: "duplicate choice",
            file: FORM,
            find: "{ nama = \"modal\", label = \"Modal usaha\" }",
            replace: "{ nama = \"makan\", label = \"Modal usaha\" }",
            expected: &[
                "registrasi.toml:17:12: pilihan `makan` muncul dua kali dalam daftar `bantuan`",
            ],
        },
    ];
    assert!(cases.len() >= 10);
    check_bad_cases(&cases);
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
    let out = tempfile::tempdir().expect("temp");
    let site = out.path().join("situs");
    build(&repo().join("book"), &site);
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
    let out = tempfile::tempdir().expect("temp");
    let site = out.path().join("situs");
    build(&repo().join("book"), &site);
    let mut ids = std::collections::BTreeSet::new();
    let mut stack = vec![site.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "html") && !path.ends_with("print.html")
            {
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
