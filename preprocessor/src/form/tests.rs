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
