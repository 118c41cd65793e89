//! Loading and validating form files.

use super::load::load;
use super::model::Form;
use super::rules::ExprRule;
use crate::diagnostic::SourceFile;

fn load_text(text: &str) -> Result<Form, String> {
    let file = SourceFile::new("forms/uji.toml", text);
    load("uji", &file).map_err(|d| d.to_string())
}

const GOOD: &str = r#"
judul = "Uji"
versi = 2
sesi = ["1-3"]

[pilihan]
ya_tidak = [{ nama = "ya", label = "Ya" }, { nama = "tidak", label = "Tidak" }]

[[isian]]
jenis = "select_one ya_tidak"
nama = "dirujuk"
label = "Pernah dirujuk?"

[[isian]]
jenis = "text"
nama = "asal"
label = "Asal rujukan"
relevan = "${dirujuk} = 'ya'"

[[isian]]
jenis = "integer"
nama = "umur"
label = "Umur"
batasan = ". >= 0 and . <= 120"
pesan_batasan = "Umur antara 0 dan 120."

[[isian]]
jenis = "repeat"
nama = "anggota"
label = "Anggota keluarga"

[[isian.isian]]
jenis = "text"
nama = "nama_anggota"
label = "Nama"

[[isian.isian]]
jenis = "integer"
nama = "umur_anggota"
label = "Umur"
relevan = "string-length(${nama_anggota}) > 0"
"#;

#[test]
fn a_good_form_loads_with_numbers_and_numeric_comparisons() {
    let form = load_text(GOOD).expect("loads");
    assert_eq!(form.version, 2);
    let names: Vec<&str> = form
        .all_fields()
        .iter()
        .map(|(f, _)| f.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "dirujuk",
            "asal",
            "umur",
            "anggota",
            "nama_anggota",
            "umur_anggota"
        ]
    );
    assert_eq!(form.fields[1].number.as_deref(), Some("2"));
    let umur = form.field("umur").expect("umur");
    assert_eq!(
        umur.constraint
            .as_ref()
            .map(|e| serde_json::to_string(&ExprRule::of(e)).expect("json")),
        Some(r#"["and",[">=",["cur"],["num",0.0],true],["<=",["cur"],["num",120.0],true]]"#.into())
    );
    let asal = form.field("asal").expect("asal");
    assert!(asal.relevant.as_ref().is_some_and(|e| {
        serde_json::to_string(&ExprRule::of(e))
            .expect("json")
            .ends_with(",false]")
    }));
}

#[test]
fn bad_forms_are_reported_with_place() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "nama = \"asal\"",
            "nama = \"dirujuk\"",
            "uji.toml:16:8: nama isian `dirujuk` sudah dipakai di baris 11",
        ),
        (
            "relevan = \"${dirujuk} = 'ya'\"",
            "relevan = \"${dirujuk} = 'iya'\"",
            "uji.toml:18:25: `iya` bukan pilihan dalam daftar `ya_tidak`",
        ),
        (
            "relevan = \"${dirujuk} = 'ya'\"",
            "relevan = \"${umur} > 3\"",
            "uji.toml:18:12: `relevan` isian `asal` merujuk ke `umur`, yang muncul sesudahnya",
        ),
        (
            "relevan = \"${dirujuk} = 'ya'\"",
            "relevan = \"${asal} = 'ya'\"",
            "`relevan` isian `asal` merujuk ke dirinya sendiri",
        ),
        (
            "jenis = \"select_one ya_tidak\"",
            "jenis = \"select_one ya_tdak\"",
            "uji.toml:10:9: daftar pilihan `ya_tdak` tidak ada",
        ),
        (
            "jenis = \"integer\"",
            "jenis = \"integr\"",
            "maksud Anda `integer`?",
        ),
        (
            "pesan_batasan = \"Umur antara 0 dan 120.\"\n",
            "",
            "batasan tanpa pesan_batasan",
        ),
        (
            "versi = 2",
            "versi = 0",
            "uji.toml:3:9: versi `0` tidak sah",
        ),
        (
            "relevan = \"string-length(${nama_anggota}) > 0\"",
            "relevan = \"string-length(${nama_anggota) > 0\"",
            "ungkapan tidak sah",
        ),
        (
            "label = \"Asal rujukan\"",
            "label = \"Asal rujukan\"\nwarna = \"merah\"",
            "kolom `warna` tidak dikenal",
        ),
    ];
    for (find, replace, expected) in cases {
        assert!(GOOD.contains(find), "{find}");
        let text = GOOD.replacen(find, replace, 1);
        let err = load_text(&text).expect_err(expected);
        assert!(err.contains(expected), "expected `{expected}` in:\n{err}");
    }
}

#[test]
fn record_label_and_service_stage_are_checked() {
    let with =
        |head: &str| GOOD.replacen("sesi = [\"1-3\"]", &format!("sesi = [\"1-3\"]\n{head}"), 1);
    let form = load_text(&with(
        "label = [\"asal\", \"umur\"]\ntahap = \"asesmen\"\ntahap_wajib = false",
    ))
    .expect("loads");
    assert_eq!(form.label_fields, ["asal", "umur"]);
    assert_eq!(form.stage, Some(("asesmen", false)));
    let cases: &[(&str, &str)] = &[
        (
            "label = [\"asl\"]",
            "uji.toml:5:10: `label` menyebut isian `asl` yang tidak ada",
        ),
        (
            "label = [\"nama_anggota\"]",
            "uji.toml:5:10: isian `nama_anggota` ada di dalam tabel",
        ),
        (
            "label = [\"anggota\"]",
            "isian `anggota` berjenis repeat tidak dapat menjadi label rekaman",
        ),
        (
            "label = []",
            "`label` harus menyebut satu sampai tiga isian",
        ),
        (
            "tahap = \"asesmn\"",
            "uji.toml:5:9: tahap `asesmn` tidak dikenal",
        ),
    ];
    for (head, expected) in cases {
        let err = load_text(&with(head)).expect_err(expected);
        assert!(err.contains(expected), "expected `{expected}` in:\n{err}");
    }
}

#[test]
fn names_the_form_uses_itself_are_reserved() {
    for name in ["judul", "lama", "impor", "constructor"] {
        let text = GOOD.replacen("nama = \"asal\"", &format!("nama = \"{name}\""), 1);
        let text = text.replace("${asal}", &format!("${{{name}}}"));
        let err = load_text(&text).expect_err(name);
        assert!(
            err.contains(&format!("nama isian `{name}` tidak boleh dipakai")),
            "{err}"
        );
    }
}
