//! Exercises in the fixture book, which has one of each of the nine kinds: each kind's HTML in
//! its chapter, its entry in the participants' worksheet and in the facilitator's answer key as
//! snapshots; where each exercise is placed; worksheets, answer keys and the progress page.

use crate::common;

use common::html::{element, elements, main_of, readable, without};
use common::sites::{self, page};

fn snapshot(name: &str, text: &str) {
    common::snapshots().bind(|| insta::assert_snapshot!(name, text));
}

/// The three renderings of one exercise kind: `kind` is the test's name (the `jenis` with
/// underscores), `id` the fixture's exercise of that kind, `chapter` the page it is placed on.
fn renders_kind(kind: &str, id: &str, chapter: &str) {
    let site = sites::kecil();
    let html = page(site, chapter);
    let exercise = element(main_of(&html), &format!(r#"data-latihan="{id}""#));
    assert!(
        exercise.contains(&format!(r#"data-jenis="{}""#, kind.replace('_', "-"))),
        "{id} is a {kind}: {exercise}"
    );
    snapshot(&format!("{kind}_chapter"), &readable(exercise));
    let needle = format!(r#"data-lembar="{id}""#);
    let sheet = page(site, "cetak/lembar-kerja.html");
    snapshot(
        &format!("{kind}_worksheet"),
        &readable(element(&sheet, &needle)),
    );
    let key = page(site, "cetak/kunci-jawaban.html");
    snapshot(
        &format!("{kind}_answer_key"),
        &readable(element(&key, &needle)),
    );
}

macro_rules! kind {
    ($kind:ident, $id:literal, $chapter:literal) => {
        #[test]
        fn $kind() {
            renders_kind(stringify!($kind), $id, $chapter);
        }
    };
}

kind!(pilihan_ganda, "1-1-kenali-masalah", "sesi-1-1/index.html");
kind!(
    pilihan_jamak,
    "1-1-ciri-gelandangan",
    "sesi-1-1/permasalahan.html"
);
kind!(
    benar_salah,
    "1-1-dasar-hukum",
    "sesi-1-1/landasan-hukum.html"
);
kind!(urutkan, "1-2-tahap-kasus", "sesi-1-2/manajemen-kasus.html");
kind!(
    jodohkan,
    "1-2-istilah-kasus",
    "sesi-1-2/manajemen-kasus.html"
);
kind!(isian_singkat, "1-2-nama-asesmen", "sesi-1-2/index.html");
kind!(
    studi_kasus,
    "1-2-rujukan-ditolak",
    "sesi-1-2/manajemen-kasus.html"
);
kind!(refleksi, "1-1-refleksi", "sesi-1-1/index.html");
kind!(isi_formulir, "1-2-isi-registrasi", "sesi-1-2/index.html");

#[test]
fn fixture_renders_every_exercise_type_once_in_place() {
    let site = sites::kecil();
    let pages = [
        "sesi-1-1/index.html",
        "sesi-1-1/permasalahan.html",
        "sesi-1-1/landasan-hukum.html",
        "sesi-1-2/index.html",
        "sesi-1-2/manajemen-kasus.html",
    ];
    let mut kinds = std::collections::BTreeMap::new();
    for name in pages {
        let html = page(site, name);
        let main = main_of(&html);
        for (at, _) in main.match_indices("<section class=\"modul-latihan\"") {
            let tag = &main[at..at + main[at..].find('>').unwrap_or(0)];
            let attr = |name: &str| {
                let start = tag
                    .find(&format!("{name}=\""))
                    .map(|i| i + name.len() + 2)?;
                Some(tag[start..start + tag[start..].find('"')?].to_string())
            };
            let (Some(id), Some(kind), Some(session), Some(hash)) = (
                attr("data-latihan"),
                attr("data-jenis"),
                attr("data-sesi"),
                attr("data-hash"),
            ) else {
                panic!("root element with its hooks: {tag}");
            };
            assert!(id.starts_with(&session), "{id} in {session}");
            assert_eq!(hash.len(), 12);
            assert!(
                kinds.insert(id.clone(), (kind, name)).is_none(),
                "{id} appears twice"
            );
        }
    }
    let got: Vec<(&str, &str)> = kinds
        .iter()
        .map(|(id, (kind, _))| (id.as_str(), kind.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("1-1-ciri-gelandangan", "pilihan-jamak"),
            ("1-1-dasar-hukum", "benar-salah"),
            ("1-1-kenali-masalah", "pilihan-ganda"),
            ("1-1-refleksi", "refleksi"),
            ("1-2-isi-registrasi", "isi-formulir"),
            ("1-2-istilah-kasus", "jodohkan"),
            ("1-2-nama-asesmen", "isian-singkat"),
            ("1-2-rujukan-ditolak", "studi-kasus"),
            ("1-2-tahap-kasus", "urutkan"),
        ],
        "every exercise exactly once"
    );
    // Placed by directive, by topic, or at the end of the session chapter.
    assert_eq!(kinds["1-1-kenali-masalah"].1, "sesi-1-1/index.html");
    assert_eq!(
        kinds["1-1-ciri-gelandangan"].1,
        "sesi-1-1/permasalahan.html"
    );
    assert_eq!(kinds["1-1-refleksi"].1, "sesi-1-1/index.html");
    assert_eq!(kinds["1-2-tahap-kasus"].1, "sesi-1-2/manajemen-kasus.html");
    assert_eq!(kinds["1-2-nama-asesmen"].1, "sesi-1-2/index.html");

    // One heading above the exercises appended to a topic page, and nothing else between
    // them: the page without its exercises.
    let topic = page(site, "sesi-1-2/manajemen-kasus.html");
    let main = without(
        main_of(&topic),
        r#"<section class="modul-latihan""#,
        "data-latihan",
        "latihan",
    );
    snapshot("topic_page_with_appended_exercises", &readable(&main));
    // Steps shown in a fixed shuffle, never in the right order; the key has the right one.
    let steps = element(&topic, r#"data-latihan="1-2-tahap-kasus""#);
    let shown: Vec<&str> = steps
        .match_indices("data-posisi=\"")
        .map(|(i, m)| &steps[i + m.len()..i + m.len() + 1])
        .collect();
    assert_eq!(shown, ["3", "0", "1", "2"]);
}

#[test]
fn fixture_renders_worksheets_answer_keys_and_progress_page() {
    let site = sites::kecil();
    let sheet = page(site, "cetak/lembar-kerja-1-1.html");
    let main = main_of(&sheet);
    snapshot(
        "worksheet_of_one_session",
        &readable(&without(
            main,
            "<article class=\"modul-lembar-butir\"",
            "data-lembar",
            "butir",
        )),
    );
    assert!(
        !main.contains("data-lembar-sesi=\"1-2\""),
        "one session only"
    );
    let entries: Vec<&str> = elements(main, "data-lembar=\"")
        .iter()
        .filter_map(|e| e.split("data-lembar=\"").nth(1)?.split('"').next())
        .collect();
    assert_eq!(
        entries,
        [
            "1-1-kenali-masalah",
            "1-1-refleksi",
            "1-1-ciri-gelandangan",
            "1-1-dasar-hukum"
        ],
        "the session's exercises in book order"
    );
    for absent in [
        "Tepat: tidur",
        "Benar, ini ciri utama",
        "Minta peserta",
        "data-latihan=",
    ] {
        assert!(
            !main.contains(absent),
            "no answers, feedback or notes: {absent}\n{main}"
        );
    }

    let all = page(site, "cetak/lembar-kerja.html");
    let main = main_of(&all);
    snapshot(
        "worksheets_of_the_book",
        &readable(&without(
            main,
            "<article class=\"modul-lembar-butir\"",
            "data-lembar",
            "butir",
        )),
    );
    assert_eq!(main.matches("data-lembar=\"").count(), 9);
    for absent in ["modul-kunci", "modul-catatan-fasilitator", "data-benar"] {
        assert!(
            !main.contains(absent),
            "no keys in the worksheets: {absent}"
        );
    }

    let key = page(site, "cetak/kunci-jawaban.html");
    let main = main_of(&key);
    snapshot(
        "answer_keys_of_the_book",
        &readable(&without(
            main,
            "<article class=\"modul-lembar-butir\"",
            "data-lembar",
            "butir",
        )),
    );
    assert_eq!(main.matches("data-lembar=\"").count(), 9);

    let progress = page(site, "kemajuan.html");
    snapshot("progress_page", &readable(main_of(&progress)));
    assert_eq!(main_of(&progress).matches("data-latihan-ref=").count(), 9);
}
