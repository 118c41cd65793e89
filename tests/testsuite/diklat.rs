//! The Diklat features (issue 15): the programme with every block and its JP, the knowledge
//! test (bank checks, pages, printouts, XLSForm) and the training forms. The fixture is `kecil`
//! with the `diklat` overlay (see `tests/fixtures/README.md`); the real book is checked for
//! the decided programme and the bank's figures. Browser tests are in `browser::diklat`.

use crate::common;

use common::api::{self, Failure};
use common::html::{element, elements, readable};
use common::sites::{self, page};
use common::{append, copy_dir, fixture_copy, read, repo};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// A copy of `kecil` with the `diklat` overlay, ready to change or build.
pub fn diklat_copy() -> tempfile::TempDir {
    let copy = fixture_copy("kecil");
    let overlay = repo().join("tests/fixtures/diklat");
    copy_dir(&overlay.join("book"), &copy.path().join("book"));
    let book = copy.path().join("book");
    let program = book.join("data/program.toml");
    let text = read(&program).replacen("jp_per_hari = 8\n", "jp_per_hari = 8\nhari = 2\n", 1);
    std::fs::write(&program, text).expect("write program.toml");
    append(&program, &read(&overlay.join("tambahan/program.toml")));
    // The new part goes before the suffix chapters (after `---`), which end the summary.
    let summary = book.join("src/SUMMARY.md");
    let text = read(&summary).replacen(
        "\n---\n",
        &format!("{}\n---\n", read(&overlay.join("tambahan/SUMMARY.md"))),
        1,
    );
    std::fs::write(&summary, text).expect("write SUMMARY.md");
    copy
}

/// The overlay fixture, built once.
pub fn site() -> &'static Path {
    static SITE: OnceLock<PathBuf> = OnceLock::new();
    SITE.get_or_init(|| {
        let dest = Path::new(env!("CARGO_TARGET_TMPDIR")).join("situs-diklat");
        let copy = diklat_copy();
        api::build(&copy.path().join("book"), &dest)
            .unwrap_or_else(|e| panic!("the diklat fixture builds: {e}"));
        dest
    })
}

fn snapshot(name: &str, text: &str) {
    common::snapshots().bind(|| insta::assert_snapshot!(name, text));
}

/// `modul check`'s errors for a copy of the fixture changed by `edit`.
fn errors(edit: impl FnOnce(&Path)) -> String {
    let copy = diklat_copy();
    let book = copy.path().join("book");
    edit(&book);
    match api::check(&book) {
        Ok(_) => panic!("the changed fixture should not pass"),
        Err(Failure::Content(text)) => text.replace(&format!("{}/", copy.path().display()), ""),
        Err(Failure::Other(text)) => panic!("not a content error: {text}"),
    }
}

fn replace(path: &Path, from: &str, to: &str) {
    let text = read(path);
    assert!(text.contains(from), "{from:?} not in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).expect("write");
}

#[test]
fn programme_lists_every_block_with_reasons_and_splits_days() {
    let html = page(site(), "pengantar/program.html");
    let section = element(&html, r#"<section class="modul-program""#);
    // The schedule data is checked by the browser test; here the markup.
    let shown = section
        .split(" data-jadwal=\"")
        .next()
        .unwrap_or_default()
        .to_string()
        + section
            .split_once(" data-jadwal=\"")
            .and_then(|(_, rest)| rest.split_once("\">"))
            .map_or("", |(_, rest)| rest);
    snapshot("programme_with_blocks", &readable(&shown));
    assert!(section.contains(r#"<tr data-acara="pembukaan""#));
    assert!(section.contains(r#"<tr data-sesi="1-1">"#));
    assert!(section.contains("Dua topik dasar."), "the reason is shown");
    assert!(section.contains(r#"id="hari-2""#) && !section.contains(r#"id="hari-3""#));
}

#[test]
fn test_pages_share_items_in_order_and_printouts_match() {
    let site = site();
    let ids = |name: &str, needle: &str| -> Vec<String> {
        let html = page(site, name);
        elements(&html, needle)
            .iter()
            .filter_map(|e| {
                let at = e.find("data-butir-tes=\"")? + "data-butir-tes=\"".len();
                Some(e[at..].split('"').next()?.to_string())
            })
            .collect()
    };
    let pre = ids("pelatihan/tes-awal.html", "<fieldset");
    let post = ids("pelatihan/tes-akhir.html", "<fieldset");
    assert_eq!(pre, ["k-1", "k-2", "k-3", "k-4", "k-5", "k-6"]);
    assert_eq!(pre, post, "same items, same order");
    let awal = page(site, "pelatihan/tes-awal.html");
    snapshot(
        "test_pre",
        &readable(element(
            &awal,
            r#"<section class="modul-tes" data-tes="awal""#,
        )),
    );
    assert!(
        !awal.contains("modul-tes-penjelasan"),
        "no explanations in the pre-test"
    );
    let akhir = page(site, "pelatihan/tes-akhir.html");
    assert_eq!(akhir.matches("modul-tes-penjelasan").count(), 19);
    let booklet = page(site, "pelatihan/buklet.html");
    let booklet = element(
        &booklet,
        r#"<section class="modul-tes-cetak modul-tes-buklet""#,
    );
    assert!(!booklet.contains("Khusus gelandangan"), "no explanations");
    assert!(
        !booklet.contains("modul-tes-benar") && !booklet.contains("Kunci"),
        "no key in the booklet"
    );
    snapshot("test_booklet", &readable(booklet));
    let sheet = page(site, "pelatihan/lembar-jawaban.html");
    snapshot(
        "test_answer_sheet",
        &readable(element(
            &sheet,
            r#"<section class="modul-tes-cetak modul-tes-lembar""#,
        )),
    );
    let key = page(site, "pelatihan/kunci.html");
    snapshot(
        "test_key",
        &readable(element(
            &key,
            r#"<section class="modul-tes-cetak modul-tes-kunci""#,
        )),
    );
}

#[test]
fn unknown_objective_names_the_closest_one() {
    let text = errors(|book| {
        replace(
            &book.join("data/tes.toml"),
            "tujuan = \"Menyebutkan landasan hukum rehabilitasi sosial\"",
            "tujuan = \"Menyebut landasan hukum rehabilitasi\"",
        )
    });
    snapshot("unknown_objective", &text);
    assert!(text.contains("book/data/tes.toml:31:10: tujuan `Menyebut landasan hukum rehabilitasi` bukan tujuan pembelajaran sesi 1-1"), "{text}");
    assert!(
        text.contains("maksud Anda `Menyebutkan landasan hukum rehabilitasi sosial`?"),
        "{text}"
    );
}

#[test]
fn too_few_items_unbalanced_keys_and_wrong_jp_are_errors() {
    let text = errors(|book| {
        let bank = book.join("data/tes.toml");
        // k-6 moves to session 1-1: session 1-2 keeps two items.
        replace(
            &bank,
            "id = \"k-6\"\nsesi = \"1-2\"\ntujuan = \"Menjelaskan manajemen kasus\"",
            "id = \"k-6\"\nsesi = \"1-1\"\ntujuan = \"Menjelaskan permasalahan gelandangan dan pengemis\"",
        );
        replace(
            &book.join("data/program.toml"),
            "sesi = \"1-2\"\njp = 4",
            "sesi = \"1-2\"\njp = 3",
        );
    });
    snapshot("too_few_items_and_jp_sum", &text);
    assert!(
        text.contains("sesi 1-2 hanya mempunyai 2 butir soal"),
        "{text}"
    );
    assert!(
        text.contains("sesi 1-2 ditulis 3 JP, tetapi topiknya berjumlah 4 JP (Manajemen Kasus 4)"),
        "{text}"
    );
    let keys = errors(|book| {
        let bank = book.join("data/tes.toml");
        // k-4's key moves from D to A: A then holds 3 of 7 keys.
        replace(
            &bank,
            "teks = \"Pialang sosial\"\npenjelasan",
            "teks = \"Pialang sosial\"\nbenar = true\npenjelasan",
        );
        replace(
            &bank,
            "teks = \"Advokat sosial\"\nbenar = true\n",
            "teks = \"Advokat sosial\"\n",
        );
    });
    assert!(
        keys.contains("kunci jawaban A dipakai 3 dari 7 kali (42%)"),
        "{keys}"
    );
}

#[test]
fn real_book_programme_is_the_decided_one() {
    let html = page(sites::real_book(), "pengantar/program-pelatihan.html");
    let section = element(&html, r#"<section class="modul-program""#);
    let blocks: Vec<&str> = elements(section, "<tr data-")
        .iter()
        .filter_map(|row| row.split('"').nth(1))
        .collect();
    assert_eq!(
        blocks,
        [
            "pembukaan",
            "tes-awal",
            "blc",
            "1-1",
            "1-2",
            "1-3",
            "1-4",
            "1-5",
            "1-6",
            "1-7",
            "1-8",
            "1-9",
            "rtl",
            "tes-akhir",
            "evaluasi",
            "penutupan"
        ]
    );
    assert!(
        section.contains("<td>50</td><td>2250 (37,5 jam)</td>"),
        "50 JP in all"
    );
    assert!(section.contains(r#"id="hari-5""#) && !section.contains(r#"id="hari-6""#));
    assert!(
        section.contains("07.30–16.30 (10 JP)"),
        "a day of 10 JP with its breaks"
    );
}

#[test]
fn real_book_bank_and_its_xlsform() {
    let site = sites::real_book();
    let html = page(site, "pelatihan/tes-awal.html");
    let items = elements(&html, "<fieldset class=\"modul-butir-tes\"");
    assert!(items.len() >= 30, "{} items", items.len());
    for code in 1..=9 {
        let n = items
            .iter()
            .filter(|i| i.contains(&format!("data-sesi=\"1-{code}\"")))
            .count();
        assert!(n >= 3, "session 1-{code} has {n} items");
    }
    let xlsx = site.join("tes/tes-pengetahuan.xlsx");
    assert!(xlsx.is_file());
    let available = Command::new("python3")
        .args(["-c", "import pyxform"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !available {
        assert!(
            std::env::var("MODUL_REQUIRE_PYXFORM").as_deref() != Ok("1"),
            "pyxform missing"
        );
        eprintln!("\n!! PYXFORM TEST SKIPPED: pyxform not installed\n");
        return;
    }
    let script = r#"
import sys
from pyxform.xls2xform import convert
for path in sys.argv[1:]:
    warnings = []
    result = convert(xlsform=path, warnings=warnings)
    assert "<h:html" in result.xform, path
    assert not warnings, (path, warnings)
    assert 'calculate="' in result.xform or "calculate=" in result.xform, path
    print("ok", path)
"#;
    let files: Vec<String> = [
        xlsx,
        site.join("formulir/daftar-hadir.xlsx"),
        site.join("formulir/evaluasi-penyelenggaraan.xlsx"),
        site.join("formulir/rencana-tindak-lanjut.xlsx"),
    ]
    .iter()
    .map(|p| p.display().to_string())
    .collect();
    let out = Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(&files[0])
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for form in &files[1..] {
        assert!(Path::new(form).is_file(), "{form}");
    }
}
