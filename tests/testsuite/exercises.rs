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
    // Steps shown in a fixed shuffle, never in the right order nor a rotation of it (3 0 1 2
    // was shown before: moving one step solved it).
    let steps = element(&topic, r#"data-latihan="1-2-tahap-kasus""#);
    let shown: Vec<&str> = steps
        .match_indices("data-posisi=\"")
        .map(|(i, m)| &steps[i + m.len()..i + m.len() + 1])
        .collect();
    assert_eq!(shown, ["1", "0", "2", "3"]);
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

/// Text of an HTML fragment: tags dropped, the build's escapes undone.
fn plain(fragment: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in fragment.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
        .trim()
        .to_string()
}

/// Every value of `attribute` in `html`, in order.
fn values<'a>(html: &'a str, attribute: &str) -> Vec<&'a str> {
    let needle = format!(" {attribute}=\"");
    html.match_indices(&needle)
        .map(|(at, _)| {
            let start = at + needle.len();
            &html[start..start + html[start..].find('"').unwrap_or(0)]
        })
        .collect()
}

fn is_rotation(order: &[usize]) -> bool {
    let n = order.len();
    (0..n).all(|at| order[at] == (order[0] + at) % n)
}

/// Issue 13's bars, measured on the built book as a learner meets it: where the keys of the
/// choice exercises are shown, whether ordering and matching start solved or merely rotated,
/// and how many exercises apply or analyse. The same order in the chapter, the worksheet and
/// the answer key; the figures agree with the model's (`modul check`, the answer key page).
#[test]
fn the_books_keys_are_hidden_and_most_exercises_apply() {
    let site = sites::real_book();
    let sheet = page(site, "cetak/lembar-kerja.html");
    let key_page = page(site, "cetak/kunci-jawaban.html");
    let mut chapters: Vec<std::path::PathBuf> = Vec::new();
    for dir in std::fs::read_dir(site).expect("site").flatten() {
        let path = dir.path();
        if path.is_dir() && path.file_name().is_some_and(|n| n != "cetak") {
            for f in std::fs::read_dir(&path).expect("folder").flatten() {
                if f.path().extension().is_some_and(|e| e == "html") {
                    chapters.push(f.path());
                }
            }
        } else if path.extension().is_some_and(|e| e == "html")
            && path.file_name().is_some_and(|n| n != "print.html")
        {
            chapters.push(path);
        }
    }
    chapters.sort();
    let (mut single, mut multiple, mut longest, mut all_first) = (0, 0, 0, 0);
    let mut key_at = vec![0usize; 8];
    let mut levels = std::collections::BTreeMap::new();
    let mut shuffled = 0;
    let mut seen = 0;
    for path in &chapters {
        let html = common::read(path);
        if !html.contains("<main>") {
            continue;
        }
        for block in elements(main_of(&html), r#"<section class="modul-latihan""#) {
            seen += 1;
            let tag = &block[..block.find('>').unwrap_or(0)];
            let id = values(tag, "data-latihan")[0];
            let kind = values(tag, "data-jenis")[0];
            *levels
                .entry(values(tag, "data-tingkat")[0].to_string())
                .or_insert(0) += 1;
            match kind {
                "pilihan-ganda" | "pilihan-jamak" => {
                    let form = element(block, r#"class="modul-pilihan""#);
                    let shown = values(form, "data-pilihan");
                    let key = element(block, r#"class="modul-kunci-daftar""#);
                    assert_eq!(values(key, "data-pilihan"), shown, "{id}: key in the block");
                    let needle = format!(r#"data-lembar="{id}""#);
                    for (name, print) in [("worksheet", &sheet), ("answer key", &key_page)] {
                        let entry = element(print, &needle);
                        assert_eq!(values(entry, "data-pilihan"), shown, "{id}: {name}");
                    }
                    let right: Vec<bool> = values(key, "data-benar")
                        .iter()
                        .map(|v| *v == "true")
                        .collect();
                    if kind == "pilihan-ganda" {
                        single += 1;
                        let at = right.iter().position(|r| *r).expect("a key");
                        key_at[at] += 1;
                        let lengths: Vec<usize> = elements(form, "<span>")
                            .iter()
                            .map(|s| plain(s).chars().count())
                            .collect();
                        if lengths[at] == lengths.iter().copied().max().unwrap_or(0) {
                            longest += 1;
                        }
                    } else {
                        multiple += 1;
                        let n = right.iter().filter(|r| **r).count();
                        if right.iter().take(n).all(|r| *r) {
                            all_first += 1;
                        }
                    }
                }
                "urutkan" | "jodohkan" => {
                    let order: Vec<usize> = if kind == "urutkan" {
                        values(block, "data-posisi")
                    } else {
                        let first = element(block, "<select");
                        values(first, "value").into_iter().skip(1).collect()
                    }
                    .iter()
                    .map(|v| v.parse().expect("a number"))
                    .collect();
                    assert!(order.len() >= 3, "{id}: {order:?}");
                    assert!(!is_rotation(&order), "{id} starts as {order:?}");
                    shuffled += 1;
                }
                _ => {}
            }
        }
    }
    assert_eq!(seen, 70, "every exercise of the book");
    let share = |part: usize, whole: usize| part as f64 / whole as f64;
    let most = key_at.iter().copied().max().unwrap_or(0);
    eprintln!(
        "single choice: {single}, keys at A.. {:?} (most {:.0}%), longest is the key {longest} \
         ({:.0}%); multiple choice: {multiple}, all right first {all_first}; ordering/matching \
         {shuffled}, none in a rotation; levels {levels:?}",
        &key_at[..4],
        share(most, single) * 100.0,
        share(longest, single) * 100.0
    );
    let bars = modul::exercise::BARS;
    assert!(share(most, single) <= bars.key_position_max, "{key_at:?}");
    assert!(
        share(longest, single) <= bars.longest_correct_max,
        "{longest}/{single}"
    );
    assert!(
        share(all_first, multiple) <= bars.all_correct_first_max,
        "{all_first}/{multiple}"
    );
    let applying = levels.get("penerapan").unwrap_or(&0) + levels.get("analisis").unwrap_or(&0);
    assert!(share(applying, seen) >= bars.applies_min, "{levels:?}");

    // The model measures the same (it is what `modul check` prints and the answer key shows).
    let model = modul::build::check_book(&common::repo().join("book")).expect("the book checks");
    let figures = model.exercise_figures();
    assert!(
        figures.missed(&bars).is_empty(),
        "{:?}",
        figures.missed(&bars)
    );
    assert_eq!(
        (
            figures.single,
            figures.longest_correct,
            figures.multiple,
            figures.all_correct_first
        ),
        (single, longest, multiple, all_first)
    );
    assert_eq!(figures.key_at, key_at[..figures.key_at.len()]);
    assert_eq!(figures.applying(), applying);
    let summary = element(&key_page, "data-mutu");
    assert!(
        plain(summary).contains(&format!(
            "{applying} dari 70 latihan ({:.0}%)",
            share(applying, 70) * 100.0
        )),
        "{}",
        plain(summary)
    );
}

/// Issue 14's additions to the modul's forms are recorded as corrections of kind `tambahan`
/// and shown on the Catatan Penyuntingan page, each with its form.
#[test]
fn the_books_additions_to_the_modul_forms_are_on_the_corrections_page() {
    let html = page(sites::real_book(), "catatan-penyuntingan.html");
    let rows = elements(main_of(&html), r#"<tr class="modul-koreksi-tambahan""#);
    let text: Vec<String> = rows.iter().map(|r| plain(r)).collect();
    for wanted in [
        "Persetujuan klien",
        "Upaya yang telah dilakukan klien sendiri",
        "Prioritas penanganan setiap masalah",
        "Kolom Hasil yang dicapai dan Tindak lanjut",
        "Sesi 1-4, 1-8 dan 1-9",
        "Penilai (supervisor)",
        "skala 1 = kurang sampai 4 = sangat baik",
        "kembali menggelandang atau mengemis",
    ] {
        assert!(
            text.iter()
                .any(|t| t.contains(wanted) && t.contains("Tambahan pada formulir modul")),
            "`{wanted}` among the additions: {text:#?}"
        );
    }
}
