//! Panduan Fasilitator (issue 16): session plans from `book/data/panduan/`, in their session
//! chapters (Mode Fasilitator only, not searched) and on the printable guide pages.
//!
//! The fixture is `tests/fixtures/kecil` with `tests/fixtures/panduan` laid over it (a plan for
//! session 1-1 with every kind of reference, a role-play kit and a field visit, a page with
//! `{{#panduan}}`, and the plan of an opening block with its page, listed in the `[[acara]]`
//! that [`guide_book`] appends to the programme). Bad plans are changes to a copy of it;
//! `modul check`'s errors are snapshots.

use crate::common::{self, api, copy_dir, fixture_copy, html, read, repo};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const PLAN: &str = "book/data/panduan/sesi-1-1.toml";
const BLOCK_PLAN: &str = "book/data/panduan/acara-pembukaan.toml";

/// The fixture's programme: an opening block with a page, then its two sessions.
const BLOCKS: &str = r#"
[[acara]]
id = "pembukaan"
halaman = "pembukaan.md"
judul = "Pembukaan"
jp = 1
keterangan = "Pembukaan resmi dan penjelasan program."

[[acara]]
sesi = "1-1"
jp = 5
alasan = "Tiga topik."

[[acara]]
sesi = "1-2"
jp = 4
alasan = "Dua topik."
"#;

/// The fixture book with the guide overlay, in a fresh temporary folder.
fn guide_book() -> tempfile::TempDir {
    let dir = fixture_copy("kecil");
    copy_dir(&repo().join("tests/fixtures/panduan"), dir.path());
    common::append(
        &dir.path().join("book/src/SUMMARY.md"),
        "[Panduan](panduan.md)\n[Pembukaan](pembukaan.md)\n",
    );
    common::append(&dir.path().join("book/data/program.toml"), BLOCKS);
    dir
}

/// The guide fixture, built once.
fn guide_site() -> &'static Path {
    static SITE: OnceLock<PathBuf> = OnceLock::new();
    SITE.get_or_init(|| {
        let dest = Path::new(env!("CARGO_TARGET_TMPDIR")).join("situs-panduan");
        let copy = guide_book();
        api::build(&copy.path().join("book"), &dest)
            .unwrap_or_else(|e| panic!("the guide fixture builds: {e}"));
        dest
    })
}

fn snapshot(name: &str, text: &str) {
    common::snapshots().bind(|| insta::assert_snapshot!(name, text));
}

/// Minutes of every step of the plan `code` (a session code, or a block id) in `page`.
fn step_minutes(page: &str, code: &str) -> Vec<u32> {
    let hook = if code.starts_with(|c: char| c.is_ascii_digit()) {
        "sesi"
    } else {
        "acara"
    };
    let plan = html::element(page, &format!("data-panduan-{hook}=\"{code}\""));
    html::elements(plan, "data-langkah=")
        .iter()
        .map(|step| {
            let at = step.find("data-menit=\"").expect("data-menit") + 12;
            let end = step[at..].find('"').expect("closing quote") + at;
            step[at..end].parse().expect("minutes")
        })
        .collect()
}

#[test]
fn plan_in_its_session_chapter() {
    let page = read(&guide_site().join("sesi-1-1/index.html"));
    let plan = html::element(&page, "data-panduan-sesi=\"1-1\"");
    assert!(
        plan.starts_with("<details class=\"modul-catatan-fasilitator modul-panduan\""),
        "a facilitator block, hidden from learners and the search"
    );
    snapshot("plan_in_chapter", plan);
    // A session without a plan shows none.
    let other = read(&guide_site().join("sesi-1-2/index.html"));
    assert!(!other.contains("data-panduan-sesi"));
}

#[test]
fn printable_guide() {
    let page = read(&guide_site().join("panduan.html"));
    let plan = html::element(&page, "data-panduan-sesi=\"1-1\"");
    snapshot("printable_guide", plan);
    assert_eq!(step_minutes(&page, "1-1"), [15, 60, 60, 90]);
    // The whole guide follows the programme: the opening block comes before session 1-1.
    let opening = page
        .find("data-panduan-acara=\"pembukaan\"")
        .expect("block plan");
    assert!(
        opening
            < page
                .find("data-panduan-sesi=\"1-1\"")
                .expect("session plan")
    );
    snapshot(
        "printable_block_plan",
        html::element(&page, "data-panduan-acara=\"pembukaan\""),
    );
}

/// A topic page carries the steps of its session's plan that use it (an exercise placed on
/// the page), for Mode Fasilitator and the notes window of Mode Tayang; the preparation, kits
/// and sheets stay on the session page, linked from there.
#[test]
fn plan_steps_on_topic_pages() {
    let page = read(&guide_site().join("sesi-1-1/landasan-hukum.html"));
    let steps = html::element(&page, "data-panduan-topik=\"1-1\"");
    assert!(steps.starts_with("<details class=\"modul-catatan-fasilitator modul-panduan\""));
    let numbers: Vec<&str> = html::elements(steps, "data-langkah=\"")
        .iter()
        .filter_map(|s| s.split("data-langkah=\"").nth(1)?.split('"').next())
        .collect();
    assert_eq!(numbers, ["2"], "only the step that uses 1-1-dasar-hukum");
    assert!(!steps.contains("data-peran=") && !steps.contains("data-kunjungan="));
    assert!(
        page.find("data-panduan-topik").expect("steps")
            < page.find("data-latihan=").expect("exercise"),
        "under the page's title"
    );
    snapshot("plan_steps_on_topic_page", steps);
}

/// A block that is not a session (here the opening) has its plan under the title of its page,
/// as a facilitator block like a session's.
#[test]
fn block_plan_on_its_page() {
    let page = read(&guide_site().join("pembukaan.html"));
    let plan = html::element(&page, "data-panduan-acara=\"pembukaan\"");
    assert!(plan.starts_with("<details class=\"modul-catatan-fasilitator modul-panduan\""));
    let title = page.find("<h1").expect("title");
    let text = page
        .find("Acara pertama pelatihan.")
        .expect("the page's text");
    let at = page.find(plan).expect("plan");
    assert!(title < at && at < text, "the plan follows the page's title");
    assert_eq!(step_minutes(&page, "pembukaan"), [15, 30]);
    snapshot("block_plan_on_its_page", plan);
}

/// The plans in session chapters are facilitator blocks and the printable guide is in `cetak/`
/// (`search-exclude`): no plan text is found by the search of the real book.
#[test]
fn plans_are_not_searched() {
    let index = read(&crate::common::sites::real_book().join("pencarian/teks.js"));
    for phrase in [
        "Bu Ratmi",
        "Bu Sarinah",
        "Pak Harjo",
        "Pak Karsono",
        "konseling-relasi",
    ] {
        assert!(!index.contains(phrase), "`{phrase}` is in the search index");
    }
}

/// The real book: nine plans whose steps add up to the programme's JP × 45 minutes (the JP
/// decided for the programme), role-play kits and field-visit sheets where the session's
/// methods call for them, and the printable guide with every session.
#[test]
fn real_book_has_nine_plans() {
    let site = crate::common::sites::real_book();
    let jp = [
        ("1-1", 3),
        ("1-2", 9),
        ("1-3", 5),
        ("1-4", 6),
        ("1-5", 5),
        ("1-6", 6),
        ("1-7", 3),
        ("1-8", 2),
        ("1-9", 3),
    ];
    let print = read(&site.join("cetak/panduan-fasilitator.html"));
    for (code, jp) in jp {
        let page = read(&site.join(format!("sesi-{code}/index.html")));
        let minutes: u32 = step_minutes(&page, code).iter().sum();
        assert_eq!(minutes, jp * 45, "session {code}");
        assert_eq!(step_minutes(&print, code).iter().sum::<u32>(), jp * 45);
        let plan = html::element(&page, &format!("data-panduan-sesi=\"{code}\""));
        if ["1-2", "1-3", "1-5", "1-7"].contains(&code) {
            for role in ["klien", "pekerja", "pengamat"] {
                assert!(
                    plan.contains(&format!("data-peran=\"{role}\"")),
                    "{code}: {role} card"
                );
            }
            assert!(plan.contains("modul-panduan-periksa"), "{code}: checklist");
        }
        if ["1-3", "1-6", "1-9"].contains(&code) {
            assert!(plan.contains("data-kunjungan="), "{code}: field visit");
            assert!(plan.contains("modul-panduan-lembar"), "{code}: sheet");
        }
    }
}

/// The real book: a plan for every block of the programme that is not a session, on the
/// block's page and in the whole guide, adding up to the block's JP × 45 minutes; the whole
/// guide runs in programme order.
#[test]
fn real_book_has_plans_for_the_other_blocks() {
    let site = crate::common::sites::real_book();
    let blocks = [
        ("pembukaan", "pembukaan", 1),
        ("tes-awal", "tes-awal", 1),
        ("blc", "kontrak-belajar", 1),
        ("rtl", "rencana-tindak-lanjut", 2),
        ("tes-akhir", "tes-akhir", 1),
        ("evaluasi", "evaluasi-penyelenggaraan", 1),
        ("penutupan", "penutupan", 1),
    ];
    let print = read(&site.join("cetak/panduan-fasilitator.html"));
    for (id, page, jp) in blocks {
        let page = read(&site.join(format!("pelatihan/{page}.html")));
        assert_eq!(step_minutes(&page, id).iter().sum::<u32>(), jp * 45, "{id}");
        assert_eq!(
            step_minutes(&print, id).iter().sum::<u32>(),
            jp * 45,
            "{id}"
        );
    }
    let order: Vec<usize> = [
        "data-panduan-acara=\"pembukaan\"",
        "data-panduan-acara=\"blc\"",
        "data-panduan-sesi=\"1-1\"",
        "data-panduan-sesi=\"1-9\"",
        "data-panduan-acara=\"rtl\"",
        "data-panduan-acara=\"penutupan\"",
    ]
    .iter()
    .map(|hook| print.find(hook).unwrap_or_else(|| panic!("{hook}")))
    .collect();
    assert!(order.is_sorted(), "the whole guide follows the programme");
    // The references of a block's steps are links to the book's pages and forms.
    let rtl = html::element(&print, "data-panduan-acara=\"rtl\"");
    assert!(rtl.contains("href=\"../pelatihan/rencana-tindak-lanjut.html\""));
    let opening = html::element(&print, "data-panduan-acara=\"tes-awal\"");
    assert!(opening.contains("href=\"tes-buklet.html\""));
}

/// `modul check` on the guide fixture after `change`, which must fail: its errors, with the
/// temporary folder shown as [PROJECT].
fn problems(change: impl FnOnce(&Path)) -> String {
    let dir = guide_book();
    change(dir.path());
    match api::check(&dir.path().join("book")) {
        Ok(_) => panic!("the changed plan passes `modul check`"),
        Err(failure) => {
            let mut text = failure.to_string();
            for root in [dir.path().canonicalize().ok(), Some(dir.path().into())]
                .into_iter()
                .flatten()
            {
                text = text.replace(&root.display().to_string(), "[PROJECT]");
            }
            text
        }
    }
}

fn replace(find: &'static str, with: &'static str) -> impl FnOnce(&Path) {
    replace_in(PLAN, find, with)
}

fn replace_in(plan: &'static str, find: &'static str, with: &'static str) -> impl FnOnce(&Path) {
    move |root: &Path| {
        let path = root.join(plan);
        let text = read(&path);
        assert!(text.contains(find), "`{find}` is not in the plan");
        std::fs::write(&path, text.replacen(find, with, 1)).expect("write");
    }
}

#[test]
fn steps_must_add_up_to_the_session() {
    let text = problems(replace("menit = 90", "menit = 80"));
    assert!(text.contains("215 menit") && text.contains("225 menit"));
    snapshot("bad_sum", &text);
}

#[test]
fn block_steps_must_add_up_to_the_block() {
    let text = problems(replace_in(BLOCK_PLAN, "menit = 30", "menit = 35"));
    assert!(
        text.contains("acara-pembukaan.toml:3:9")
            && text.contains("50 menit (15 + 35)")
            && text.contains("1 JP × 45 menit = 45 menit"),
        "{text}"
    );
    snapshot("bad_block_sum", &text);
}

#[test]
fn unknown_block_and_page_name_the_closest() {
    let text = problems(|root: &Path| {
        replace_in(BLOCK_PLAN, "acara = \"pembukaan\"", "acara = \"pembukan\"")(root);
        replace_in(
            BLOCK_PLAN,
            "halaman = [\"panduan.md\"]",
            "halaman = [\"panduan.html\"]",
        )(root);
    });
    assert!(text.contains("maksud Anda `pembukaan`?") && text.contains("`panduan.md`"));
    snapshot("bad_block_references", &text);
}

#[test]
fn printable_guide_of_an_unknown_session_or_block() {
    let text = problems(|root: &Path| {
        let page = root.join("book/src/panduan.md");
        let text = read(&page).replace("{{#panduan}}", "{{#panduan pembukan}}");
        std::fs::write(&page, text).expect("write");
    });
    assert!(text.contains("maksud Anda `pembukaan`?"), "{text}");
    snapshot("bad_guide_directive", &text);
}

#[test]
fn unknown_method_names_the_closest() {
    let text = problems(replace(
        "metode = [\"permainan-peran\"]",
        "metode = [\"permainan-perann\"]",
    ));
    assert!(text.contains("sesi-1-1.toml:33:") && text.contains("`permainan-peran`"));
    snapshot("bad_method", &text);
}

#[test]
fn unknown_references() {
    let text = problems(|root: &Path| {
        replace("\"1-1-dasar-hukum\"", "\"1-1-dasar-hukm\"")(root);
        replace(
            "formulir = [\"registrasi\"]",
            "formulir = [\"registrasii\"]",
        )(root);
        replace("bacaan = [\"asesmen\"]", "bacaan = [\"asesmn\"]")(root);
        replace(
            "permainan_peran = \"wawancara\"",
            "permainan_peran = \"wawancar\"",
        )(root);
    });
    snapshot("bad_references", &text);
}

#[test]
fn role_play_needs_every_card() {
    let text = problems(replace("peran = \"pengamat\"", "peran = \"pengamatt\""));
    snapshot("bad_card", &text);
}

#[test]
fn session_with_role_play_needs_a_kit() {
    // Session 1-2 of the fixture uses role-play once its record says so; its plan has no kit.
    let text = problems(|root: &Path| {
        let session = root.join("book/src/sesi-1-2/index.md");
        let record = read(&session).replacen(
            "metode = [\"studi-kasus\"]",
            "metode = [\"studi-kasus\", \"permainan-peran\"]",
            1,
        );
        std::fs::write(&session, record).expect("write");
        std::fs::write(
            root.join("book/data/panduan/sesi-1-2.toml"),
            "sesi = \"1-2\"\n\n[[langkah]]\njudul = \"Kasus\"\nmenit = 180\nmetode = [\"studi-kasus\"]\nfasilitator = \"Bahas kasus.\"\npeserta = \"Membahas.\"\n",
        )
        .expect("write");
    });
    snapshot("bad_missing_kit", &text);
}
