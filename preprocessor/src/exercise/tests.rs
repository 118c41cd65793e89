//! Parsing, validation, hashes and scenario order of exercise files.

use super::case::{CASES_FILE, load_cases};
use super::hash::shuffled;
use super::load::load;
use super::model::{Body, Exercise, Kind, ModelValue};
use super::scenario::{best_path, node_order};
use crate::content::chapters::ChapterIndex;
use crate::diagnostic::SourceFile;
use std::path::PathBuf;

const HEAD: &str = "judul = \"Latihan\"\nsesi = \"1-1\"\n";

fn parse(body: &str) -> Result<Exercise, String> {
    let text = format!("{HEAD}{body}");
    load("a-1", &SourceFile::new("a-1.toml", text)).map_err(|d| d.to_string())
}

fn error(body: &str) -> String {
    match parse(body) {
        Ok(e) => panic!("expected an error, parsed {:?}", e.body),
        Err(text) => text,
    }
}

const SINGLE: &str = "jenis = \"pilihan-ganda\"\npertanyaan = \"Apa?\"\n\
    [[pilihan]]\nteks = \"A\"\nbenar = true\numpan_balik = \"ya\"\n\
    [[pilihan]]\nteks = \"B\"\nbenar = false\numpan_balik = \"tidak\"\n";

const SCENARIO: &str = "jenis = \"studi-kasus\"\nmulai = \"awal\"\n\
    [[simpul]]\nid = \"awal\"\nsituasi = \"S\"\n\
    [[simpul.pilihan]]\nteks = \"a\"\nakibat = \"x\"\nlanjut = \"tengah\"\n\
    [[simpul.pilihan]]\nteks = \"b\"\nakibat = \"y\"\nlanjut = \"buruk\"\n\
    [[simpul]]\nid = \"tengah\"\nsituasi = \"T\"\n\
    [[simpul.pilihan]]\nteks = \"c\"\nakibat = \"z\"\nlanjut = \"baik\"\n\
    [[simpul.pilihan]]\nteks = \"d\"\nakibat = \"w\"\nlanjut = \"awal\"\n\
    [[simpul]]\nid = \"baik\"\nsituasi = \"B\"\nakhir = \"baik\"\npembahasan = \"P\"\n\
    [[simpul]]\nid = \"buruk\"\nsituasi = \"K\"\nakhir = \"kurang\"\npembahasan = \"Q\"\n";

#[test]
fn every_kind_parses() {
    let bodies = [
        SINGLE.to_string(),
        SINGLE.replace("pilihan-ganda", "pilihan-jamak"),
        "jenis = \"benar-salah\"\n[[pernyataan]]\nteks = \"X\"\nbenar = false\numpan_balik = \"u\"\n".into(),
        "jenis = \"urutkan\"\npertanyaan = \"U\"\nlangkah = [\"a\", \"b\", \"c\"]\numpan_balik = \"u\"\n".into(),
        "jenis = \"jodohkan\"\npertanyaan = \"J\"\n[[pasangan]]\nkiri = \"a\"\nkanan = \"1\"\n[[pasangan]]\nkiri = \"b\"\nkanan = \"2\"\n[[pasangan]]\nkiri = \"c\"\nkanan = \"3\"\numpan_balik = \"u\"\n".into(),
        "jenis = \"isian-singkat\"\npertanyaan = \"I\"\njawaban = [\"asesmen\"]\numpan_balik_benar = \"b\"\numpan_balik_salah = \"s\"\n".into(),
        SCENARIO.to_string(),
        "jenis = \"refleksi\"\npertanyaan = \"R\"\n".into(),
        "jenis = \"isi-formulir\"\nformulir = \"f\"\npertanyaan = \"F\"\n[jawaban_model]\nnama = \"D\"\numur = 45\npilihan = [\"a\", \"b\"]\n[[jawaban_model.minggu]]\nmasalah = \"m1\"\n[[jawaban_model.minggu]]\nmasalah = \"m2\"\n".into(),
    ];
    for (body, kind) in bodies.iter().zip(Kind::ALL) {
        let e = parse(body).unwrap_or_else(|e| panic!("{}: {e}", kind.name()));
        assert_eq!(e.kind(), kind);
        assert_eq!(e.hash.len(), 12);
    }
    let form = parse(&bodies[8]).expect("form");
    let Body::FormFilling { model, .. } = &form.body else {
        panic!("form body")
    };
    let names: Vec<&str> = model.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        names,
        ["nama", "umur", "pilihan", "minggu"],
        "file order kept"
    );
    assert_eq!(model[1].1, ModelValue::Text("45".into()));
    assert!(matches!(&model[3].1, ModelValue::Rows(rows) if rows.len() == 2));
    let reflection = parse(&bodies[7]).expect("refleksi");
    assert!(matches!(reflection.body, Body::Reflection { lines: 6, .. }));
}

/// One piece: a table of bad files and the messages each must produce.
#[test]
fn bad_files_get_messages_with_place_and_fix() {
    let cases: &[(&str, &[&str])] = &[
        (
            "jenis = \"pilihan-gandaa\"\n",
            &[
                "a-1.toml:3:9: jenis latihan `pilihan-gandaa` tidak dikenal",
                "maksud Anda `pilihan-ganda`?",
            ],
        ),
        (
            &SINGLE.replace("benar = false", "benar = true"),
            &[
                "a-1.toml:11:9: pilihan-ganda harus mempunyai tepat satu pilihan benar, tetapi ada 2",
            ],
        ),
        (
            &SINGLE.replace("benar = true", "benar = false"),
            &["a-1.toml:5:1: pilihan-ganda tidak mempunyai pilihan yang benar"],
        ),
        (
            &SINGLE
                .replace("pilihan-ganda", "pilihan-jamak")
                .replace("benar = false", "benar = true"),
            &["semua pilihan pilihan-jamak bernilai benar"],
        ),
        (
            &SINGLE.replace("umpan_balik = \"tidak\"\n", ""),
            &["a-1.toml:9:1: kolom `umpan_balik` wajib diisi tetapi tidak ada"],
        ),
        (
            &format!("langkah = [\"a\"]\n{SINGLE}"),
            &[
                "a-1.toml:3:11: kolom `langkah` tidak dipakai oleh latihan jenis `pilihan-ganda`",
                "`langkah` dipakai oleh urutkan",
            ],
        ),
        (
            "jenis = \"urutkan\"\npertanyaan = \"U\"\nlangkah = [\"a\", \"b\"]\n",
            &[
                "a-1.toml:5:11: urutkan memerlukan paling sedikit 3 langkah, tertulis 2",
                "a-1.toml:3:9: latihan jenis `urutkan` memerlukan kolom `umpan_balik`",
            ],
        ),
        (
            "jenis = \"urutkan\"\npertanyaan = \"U\"\nlangkah = [\"a\", \"b\", \"A\"]\numpan_balik = \"u\"\n",
            &["a-1.toml:5:22: `langkah` “A” tertulis dua kali (juga di baris 5)"],
        ),
        (
            "jenis = \"jodohkan\"\npertanyaan = \"J\"\n[[pasangan]]\nkiri = \"a\"\nkanan = \"1\"\n[[pasangan]]\nkiri = \"b\"\nkanan = \"1\"\n[[pasangan]]\nkiri = \"c\"\nkanan = \"3\"\n",
            &["a-1.toml:10:9: `kanan` “1” tertulis dua kali (juga di baris 7)"],
        ),
        (
            "jenis = \"isian-singkat\"\npertanyaan = \"I\"\njawaban = [\"?!\"]\numpan_balik_benar = \"b\"\numpan_balik_salah = \"s\"\n",
            &["a-1.toml:5:12: jawaban tanpa huruf atau angka"],
        ),
        (
            "jenis = \"refleksi\"\npertanyaan = \"  \"\nbaris = 0\n",
            &[
                "a-1.toml:4:14: `pertanyaan` kosong",
                "a-1.toml:5:9: jumlah baris 0 tidak sah",
            ],
        ),
        (
            "jenis = \"isi-formulir\"\nformulir = \"f\"\npertanyaan = \"F\"\n[jawaban_model]\nnama = { a = 1 }\n[umpan_balik_kolom]\nnma = \"x\"\n",
            &[
                "a-1.toml:7:8: nilai jawaban model untuk `nama` tidak sah",
                "a-1.toml:9:1: umpan balik untuk kolom `nma` yang tidak ada di jawaban_model",
            ],
        ),
        (
            &SCENARIO.replace("lanjut = \"buruk\"", "lanjut = \"burk\""),
            &[
                "a-1.toml:15:10: `lanjut` menuju simpul `burk` yang tidak ada",
                "maksud Anda `buruk`?",
            ],
        ),
        (
            &SCENARIO.replace("lanjut = \"buruk\"", "lanjut = \"baik\""),
            &["a-1.toml:33:6: simpul `buruk` tidak dapat dicapai dari simpul awal `awal`"],
        ),
        (
            &SCENARIO
                .replace("lanjut = \"baik\"", "lanjut = \"tengah\"")
                .replace("lanjut = \"awal\"", "lanjut = \"tengah\""),
            &[
                "a-1.toml:17:6: dari simpul `tengah` tidak ada jalan menuju akhir",
                "simpul `baik` tidak dapat dicapai",
            ],
        ),
        (
            &SCENARIO.replace("akhir = \"baik\"\n", ""),
            &[
                "a-1.toml:30:14: simpul `baik` bukan akhir, tetapi mempunyai pembahasan",
                "a-1.toml:28:6: simpul `baik` buntu",
            ],
        ),
        (
            &SCENARIO.replace("akhir = \"baik\"", "akhir = \"cukup\""),
            &["skenario tidak mempunyai akhir \"baik\" yang dapat dicapai"],
        ),
        (
            &SCENARIO.replace("akhir = \"baik\"", "akhir = \"bagus\""),
            &["nilai `bagus` tidak dikenal; pilihan: baik, cukup, kurang"],
        ),
        (
            &SCENARIO.replace("pembahasan = \"P\"\n", ""),
            &["a-1.toml:30:9: simpul akhir `baik` tidak mempunyai pembahasan"],
        ),
        (
            &SCENARIO.replace("mulai = \"awal\"", "mulai = \"mula\""),
            &["a-1.toml:4:9: simpul awal `mula` tidak ada"],
        ),
        (
            &SCENARIO.replace("id = \"tengah\"", "id = \"awal\""),
            &["id simpul `awal` sudah dipakai di baris 6"],
        ),
    ];
    for (body, expected) in cases {
        let text = error(body);
        for wanted in *expected {
            assert!(text.contains(wanted), "expected `{wanted}` in:\n{text}");
        }
        assert!(text.contains("cara memperbaiki:"), "{text}");
    }
}

#[test]
fn a_node_with_one_choice_is_reported() {
    let body = SCENARIO.replace(
        "[[simpul.pilihan]]\nteks = \"d\"\nakibat = \"w\"\nlanjut = \"awal\"\n",
        "",
    );
    assert!(error(&body).contains("simpul `tengah` hanya mempunyai satu pilihan"));
    let body = SCENARIO.replace(
        "pembahasan = \"P\"\n",
        "pembahasan = \"P\"\n[[simpul.pilihan]]\nteks = \"e\"\nakibat = \"v\"\nlanjut = \"awal\"\n",
    );
    assert!(error(&body).contains("simpul akhir `baik` tidak boleh mempunyai pilihan"));
}

#[test]
fn the_hash_follows_the_question_not_the_feedback() {
    let base = parse(SINGLE).expect("parses");
    let feedback = parse(&SINGLE.replace("umpan_balik = \"ya\"", "umpan_balik = \"ya, benar\""))
        .expect("parses");
    let note = parse(&format!("catatan_fasilitator = \"diskusikan\"\n{SINGLE}")).expect("parses");
    let question = parse(&SINGLE.replace("Apa?", "Apa itu?")).expect("parses");
    let key = parse(&SINGLE.replace("teks = \"B\"", "teks = \"C\"")).expect("parses");
    assert_eq!(base.hash, feedback.hash);
    assert_eq!(base.hash, note.hash);
    assert_ne!(base.hash, question.hash);
    assert_ne!(base.hash, key.hash);
}

#[test]
fn shuffles_are_fixed_and_never_the_identity() {
    for n in 2..9 {
        for id in ["1-4-a", "1-4-b", "x"] {
            let order = shuffled(id, "urutkan", n);
            assert_eq!(order, shuffled(id, "urutkan", n), "deterministic");
            assert_ne!(order, (0..n).collect::<Vec<_>>(), "{id} {n}");
            let mut sorted = order.clone();
            sorted.sort_unstable();
            assert_eq!(sorted, (0..n).collect::<Vec<_>>(), "a permutation");
        }
    }
}

#[test]
fn scenario_order_and_best_path() {
    let e = parse(SCENARIO).expect("parses");
    let Body::Scenario { start, nodes } = &e.body else {
        panic!("scenario")
    };
    let order: Vec<&str> = node_order(start, nodes)
        .into_iter()
        .map(|i| nodes[i].id.as_str())
        .collect();
    assert_eq!(order, ["awal", "tengah", "buruk", "baik"]);
    let path: Vec<(&str, &str)> = best_path(start, nodes)
        .into_iter()
        .map(|(n, c)| (nodes[n].id.as_str(), nodes[n].choices[c].text.as_str()))
        .collect();
    assert_eq!(path, [("awal", "a"), ("tengah", "c")]);
}

#[test]
fn cases_need_a_page_in_the_book() {
    let dir = tempfile::tempdir().expect("temp");
    std::fs::write(
        dir.path().join(CASES_FILE),
        "[[kasus]]\nid = \"darto\"\njudul = \"Pak Darto\"\nhalaman = \"kasus.md\"\n",
    )
    .expect("write");
    let mut index = ChapterIndex::default();
    let (cases, problems) = load_cases(dir.path(), &index);
    assert_eq!(
        cases.len(),
        1,
        "kept, so exercises naming it get no second error"
    );
    assert!(
        problems
            .to_string()
            .contains("kasus.toml:4:11: halaman kasus `kasus.md` tidak ada di SUMMARY.md"),
        "{problems}"
    );
    index.chapters.insert(PathBuf::from("kasus.md"));
    let (cases, problems) = load_cases(dir.path(), &index);
    assert!(problems.is_empty(), "{problems}");
    assert_eq!(cases[0].title, "Pak Darto");
}
