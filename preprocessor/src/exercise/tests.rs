//! Parsing, validation, hashes and scenario order of exercise files.

use super::case::{CASES_FILE, load_cases};
use super::load::load;
use super::model::{Body, Exercise, Kind, Level, ModelValue};
use super::order::{Figures, arrange, is_rotation, scrambled};
use super::scenario::{best_path, node_order};
use crate::content::chapters::ChapterIndex;
use crate::diagnostic::SourceFile;
use std::path::PathBuf;

const HEAD: &str = "judul = \"Latihan\"\nsesi = \"1-1\"\ntingkat = \"penerapan\"\n";

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
                "a-1.toml:4:9: jenis latihan `pilihan-gandaa` tidak dikenal",
                "maksud Anda `pilihan-ganda`?",
            ],
        ),
        (
            &SINGLE.replace("benar = false", "benar = true"),
            &[
                "a-1.toml:12:9: pilihan-ganda harus mempunyai tepat satu pilihan benar, tetapi ada 2",
            ],
        ),
        (
            &SINGLE.replace("benar = true", "benar = false"),
            &["a-1.toml:6:1: pilihan-ganda tidak mempunyai pilihan yang benar"],
        ),
        (
            &SINGLE
                .replace("pilihan-ganda", "pilihan-jamak")
                .replace("benar = false", "benar = true"),
            &["semua pilihan pilihan-jamak bernilai benar"],
        ),
        (
            &SINGLE.replace("umpan_balik = \"tidak\"\n", ""),
            &["a-1.toml:10:1: kolom `umpan_balik` wajib diisi tetapi tidak ada"],
        ),
        (
            &format!("langkah = [\"a\"]\n{SINGLE}"),
            &[
                "a-1.toml:4:11: kolom `langkah` tidak dipakai oleh latihan jenis `pilihan-ganda`",
                "`langkah` dipakai oleh urutkan",
            ],
        ),
        (
            "jenis = \"urutkan\"\npertanyaan = \"U\"\nlangkah = [\"a\", \"b\"]\n",
            &[
                "a-1.toml:6:11: urutkan memerlukan paling sedikit 3 langkah, tertulis 2",
                "a-1.toml:4:9: latihan jenis `urutkan` memerlukan kolom `umpan_balik`",
            ],
        ),
        (
            "jenis = \"urutkan\"\npertanyaan = \"U\"\nlangkah = [\"a\", \"b\", \"A\"]\numpan_balik = \"u\"\n",
            &["a-1.toml:6:22: `langkah` “A” tertulis dua kali (juga di baris 6)"],
        ),
        (
            "jenis = \"jodohkan\"\npertanyaan = \"J\"\n[[pasangan]]\nkiri = \"a\"\nkanan = \"1\"\n[[pasangan]]\nkiri = \"b\"\nkanan = \"1\"\n[[pasangan]]\nkiri = \"c\"\nkanan = \"3\"\n",
            &["a-1.toml:11:9: `kanan` “1” tertulis dua kali (juga di baris 8)"],
        ),
        (
            "jenis = \"isian-singkat\"\npertanyaan = \"I\"\njawaban = [\"?!\"]\numpan_balik_benar = \"b\"\numpan_balik_salah = \"s\"\n",
            &["a-1.toml:6:12: jawaban tanpa huruf atau angka"],
        ),
        (
            "jenis = \"refleksi\"\npertanyaan = \"  \"\nbaris = 0\n",
            &[
                "a-1.toml:5:14: `pertanyaan` kosong",
                "a-1.toml:6:9: jumlah baris 0 tidak sah",
            ],
        ),
        (
            "jenis = \"isi-formulir\"\nformulir = \"f\"\npertanyaan = \"F\"\n[jawaban_model]\nnama = { a = 1 }\n[umpan_balik_kolom]\nnma = \"x\"\n",
            &[
                "a-1.toml:8:8: nilai jawaban model untuk `nama` tidak sah",
                "a-1.toml:10:1: umpan balik untuk kolom `nma` yang tidak ada di jawaban_model",
            ],
        ),
        (
            &SCENARIO.replace("lanjut = \"buruk\"", "lanjut = \"burk\""),
            &[
                "a-1.toml:16:10: `lanjut` menuju simpul `burk` yang tidak ada",
                "maksud Anda `buruk`?",
            ],
        ),
        (
            &SCENARIO.replace("lanjut = \"buruk\"", "lanjut = \"baik\""),
            &["a-1.toml:34:6: simpul `buruk` tidak dapat dicapai dari simpul awal `awal`"],
        ),
        (
            &SCENARIO
                .replace("lanjut = \"baik\"", "lanjut = \"tengah\"")
                .replace("lanjut = \"awal\"", "lanjut = \"tengah\""),
            &[
                "a-1.toml:18:6: dari simpul `tengah` tidak ada jalan menuju akhir",
                "simpul `baik` tidak dapat dicapai",
            ],
        ),
        (
            &SCENARIO.replace("akhir = \"baik\"\n", ""),
            &[
                "a-1.toml:31:14: simpul `baik` bukan akhir, tetapi mempunyai pembahasan",
                "a-1.toml:29:6: simpul `baik` buntu",
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
            &["a-1.toml:31:9: simpul akhir `baik` tidak mempunyai pembahasan"],
        ),
        (
            &SCENARIO.replace("mulai = \"awal\"", "mulai = \"mula\""),
            &["a-1.toml:5:9: simpul awal `mula` tidak ada"],
        ),
        (
            &SCENARIO.replace("id = \"tengah\"", "id = \"awal\""),
            &["id simpul `awal` sudah dipakai di baris 7"],
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
fn scrambles_are_fixed_and_never_the_answer_order_or_a_rotation() {
    for n in 3..10 {
        for id in ["1-4-a", "1-4-b", "x", "1-2-fungsi-manajemen-kasus"] {
            let order = scrambled(id, "urutkan", n);
            assert_eq!(order, scrambled(id, "urutkan", n), "deterministic");
            assert!(!is_rotation(&order), "{id} {n}: {order:?}");
            let mut sorted = order.clone();
            sorted.sort_unstable();
            assert_eq!(sorted, (0..n).collect::<Vec<_>>(), "a permutation");
        }
    }
    assert!(is_rotation(&[2, 3, 0, 1]));
    assert!(!is_rotation(&[1, 0, 2, 3]));
}

/// A single-choice exercise with four options, the key written first, optionally with extra
/// lines (`urutan`, …) and a pinned last option.
fn single(id: &str, extra: &str, pin_last: bool) -> Exercise {
    let mut body = format!("jenis = \"pilihan-ganda\"\n{extra}pertanyaan = \"Apa?\"\n");
    for (i, text) in ["benar sekali", "keliru satu", "keliru dua", "Semua benar"]
        .iter()
        .enumerate()
    {
        let pin = if pin_last && i == 3 {
            "tetap = true\n"
        } else {
            ""
        };
        body.push_str(&format!(
            "[[pilihan]]\nteks = \"{text}\"\nbenar = {}\numpan_balik = \"u\"\n{pin}",
            i == 0
        ));
    }
    let text = format!("{HEAD}{body}");
    load(id, &SourceFile::new(format!("{id}.toml"), text)).expect("parses")
}

fn multiple(id: &str) -> Exercise {
    let mut body = "jenis = \"pilihan-jamak\"\npertanyaan = \"Apa?\"\n".to_string();
    for (i, text) in ["satu", "dua", "tiga", "empat", "lima"].iter().enumerate() {
        body.push_str(&format!(
            "[[pilihan]]\nteks = \"{text}\"\nbenar = {}\numpan_balik = \"u\"\n",
            i < 3
        ));
    }
    load(id, &SourceFile::new("m.toml", format!("{HEAD}{body}"))).expect("parses")
}

#[test]
fn keys_are_spread_over_the_positions_and_pins_are_kept() {
    let mut book = std::collections::BTreeMap::new();
    for i in 0..9 {
        let id = format!("1-1-soal-{i}");
        book.insert(id.clone(), single(&id, "", i == 0));
    }
    book.insert(
        "1-1-tetap".into(),
        single("1-1-tetap", "urutan = \"tetap\"\n", false),
    );
    for i in 0..8 {
        let id = format!("1-1-jamak-{i}");
        book.insert(id.clone(), multiple(&id));
    }
    let before = book.clone();
    arrange(&mut book);
    let mut again = before;
    arrange(&mut again);
    for (id, e) in &book {
        assert_eq!(
            e.order, again[id].order,
            "{id}: the same sources, the same order"
        );
        let mut sorted = e.order.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..e.order.len()).collect::<Vec<_>>(), "{id}");
    }
    assert_eq!(book["1-1-tetap"].order, [0, 1, 2, 3], "urutan = \"tetap\"");
    assert_eq!(
        book["1-1-soal-0"].order[3], 3,
        "a pinned option stays in its place"
    );
    let f = Figures::of(book.values());
    assert_eq!(f.single, 10);
    // Ten keys over four places: never more than three at one (the pinned order holds one).
    assert!(f.key_at.iter().all(|&n| n <= 3), "{:?}", f.key_at);
    assert_eq!(f.key_at.iter().sum::<usize>(), 10);
    assert_eq!(f.multiple, 8);
    assert_eq!(f.all_correct_first, 0, "right options never all first");
    assert_eq!(f.levels[2], (Level::Penerapan, 18));
    assert_eq!(f.applies_share(), 1.0);
}

#[test]
fn the_level_is_required_and_a_typo_gets_the_closest_name() {
    let text = "judul = \"L\"\nsesi = \"1-1\"\n".to_string() + SINGLE;
    let missing = load("a-1", &SourceFile::new("a-1.toml", text))
        .map(|_| ())
        .expect_err("no tingkat")
        .to_string();
    assert!(
        missing.contains("a-1.toml:3:9: latihan ini belum menyatakan `tingkat`"),
        "{missing}"
    );
    parse(&SINGLE.replace("pertanyaan", "urutan = \"acak\"\npertanyaan"))
        .expect("acak is the default");
    let text = format!("judul = \"L\"\nsesi = \"1-1\"\ntingkat = \"penerapn\"\n{SINGLE}");
    let typo = load("a-1", &SourceFile::new("a-1.toml", text))
        .map(|_| ())
        .expect_err("a typo")
        .to_string();
    assert!(typo.contains("tingkat `penerapn` tidak dikenal"), "{typo}");
    assert!(typo.contains("maksud Anda `penerapan`?"), "{typo}");
    let order = error(&SINGLE.replace("pertanyaan", "urutan = \"tetep\"\npertanyaan"));
    assert!(order.contains("maksud Anda `tetap`?"), "{order}");
    let statement = error(
        "jenis = \"benar-salah\"\n[[pernyataan]]\nteks = \"X\"\nbenar = false\numpan_balik = \"u\"\ntetap = true\n",
    );
    assert!(
        statement.contains("`tetap` hanya berlaku untuk [[pilihan]]"),
        "{statement}"
    );
    let twice = error(&SINGLE.replace("teks = \"B\"", "teks = \"a\""));
    assert!(twice.contains("tertulis dua kali"), "{twice}");
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
