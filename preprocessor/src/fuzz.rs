//! Fuzzing on stable Rust with proptest: the front-matter splitter, the directive scanner,
//! the expression parser and every TOML loader get mutated real sources and random text;
//! none may panic, abort or take long. Each test prints how many cases it ran; CI runs the
//! default number (`PROPTEST_CASES` raises it for a longer run).

use crate::content::chapters::{ChapterIndex, front_matter};
use crate::content::directive;
use crate::diagnostic::SourceFile;
use crate::form::expr;
use proptest::prelude::*;
use proptest::sample::{Index, select};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Time one case may take (debug build, loaded CI machine).
const BOUND: Duration = Duration::from_secs(5);

/// Pieces that matter to the parsers, inserted into seeds.
const TOKENS: &[&str] = &[
    "+++",
    "+++\n",
    "\n",
    "\r\n",
    "{{#",
    "}}",
    "{{#latihan ",
    "{{#include ../../x}}",
    "`",
    "```\n",
    "[",
    "]",
    "[[",
    "]]",
    "=",
    "\"",
    "'",
    "\"\"\"",
    "#",
    "(",
    ")",
    "not(",
    " and ",
    " or ",
    "${",
    "}",
    ",",
    ".",
    "selected(",
    "1",
    "-1",
    "9999999999999999999999",
    "é",
    "\u{0}",
    "\t",
    " ",
    "[sesi]",
    "kode = ",
    "jp = ",
    "[[sesi.topik]]",
    "judul = \"x\"",
    "\u{feff}",
    "\\",
];

fn seed(path: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(path);
    std::fs::read_to_string(&path).unwrap_or_default()
}

/// One edit of a mutation: insert a token, delete a stretch, duplicate a line, or cut.
#[derive(Debug, Clone)]
enum Edit {
    Insert(Index, &'static str),
    Delete(Index, usize),
    DuplicateLine(Index),
    Truncate(Index),
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    let edit = prop_oneof![
        4 => (any::<Index>(), select(TOKENS)).prop_map(|(i, t)| Edit::Insert(i, t)),
        2 => (any::<Index>(), 1usize..24).prop_map(|(i, n)| Edit::Delete(i, n)),
        1 => any::<Index>().prop_map(Edit::DuplicateLine),
        1 => any::<Index>().prop_map(Edit::Truncate),
    ];
    prop::collection::vec(edit, 0..10)
}

fn boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn mutate(seed: &str, edits: &[Edit]) -> String {
    let mut text = seed.to_string();
    for edit in edits {
        let len = text.len() + 1;
        match edit {
            Edit::Insert(i, token) => {
                let at = boundary(&text, i.index(len));
                text.insert_str(at, token);
            }
            Edit::Delete(i, n) => {
                let start = boundary(&text, i.index(len));
                let end = boundary(&text, start + n);
                text.replace_range(start..end, "");
            }
            Edit::DuplicateLine(i) => {
                let at = boundary(&text, i.index(len));
                let start = text[..at].rfind('\n').map_or(0, |p| p + 1);
                let end = text[at..].find('\n').map_or(text.len(), |p| at + p + 1);
                let line = text[start..end].to_string();
                text.insert_str(start, &line);
            }
            Edit::Truncate(i) => {
                let at = boundary(&text, i.index(len));
                text.truncate(at);
            }
        }
    }
    text
}

/// A seed from `paths` mutated, or random text.
fn input(paths: &'static [&'static str]) -> impl Strategy<Value = String> {
    let seeds: Vec<String> = paths.iter().map(|p| seed(p)).collect();
    prop_oneof![
        4 => (select(seeds), edits()).prop_map(|(s, e)| mutate(&s, &e)),
        1 => any::<String>(),
    ]
}

/// Runs `test` on `strategy`'s values (256 cases, or `PROPTEST_CASES`), each within
/// [`BOUND`], and prints how many ran.
fn fuzz<S: Strategy>(name: &str, strategy: S, test: impl Fn(S::Value)) {
    let config = ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::default()
    };
    let mut runner = proptest::test_runner::TestRunner::new(config);
    let count = AtomicUsize::new(0);
    let result = runner.run(&strategy, |value| {
        let start = Instant::now();
        test(value);
        count.fetch_add(1, Ordering::Relaxed);
        prop_assert!(
            start.elapsed() < BOUND,
            "one case took {:?}",
            start.elapsed()
        );
        Ok(())
    });
    eprintln!("fuzz {name}: {} cases", count.load(Ordering::Relaxed));
    if let Err(err) = result {
        panic!("fuzz {name}: {err}");
    }
}

const CHAPTERS: &[&str] = &[
    "book/src/sesi-1-4/index.md",
    "book/src/sesi-1-1/index.md",
    "book/src/cetak/lembar-kerja-1-1.md",
    "book/src/daftar-istilah.md",
    "tests/fixtures/kecil/book/src/index.md",
];

/// Front matter, session record and directives of a chapter.
#[test]
fn chapters_never_panic() {
    fuzz("chapters", input(CHAPTERS), |text| {
        let file = SourceFile::new("bab.md", text);
        let front = front_matter(&file).ok().flatten();
        if let Some(front) = &front {
            let _ = file.location(front.block.end);
            if let Some(program) = programme() {
                let _ = crate::session::record::parse_session(
                    &file,
                    front,
                    Path::new("sesi-1-4/index.md"),
                    program,
                    &ChapterIndex::default(),
                )
                .map_err(|d| d.to_string());
            }
        }
        let body = front.map_or(0, |f| f.block.end);
        let (found, problems) = directive::scan(&file, body..file.text.len());
        let _ = problems.to_string();
        for raw in &found {
            let _ = directive::classify(&file, raw).map_err(|d| d.to_string());
            let _ = directive::check_link(&file, raw, Path::new("."));
        }
    });
}

fn programme() -> Option<&'static crate::session::Program> {
    static PROGRAM: std::sync::OnceLock<Option<crate::session::Program>> =
        std::sync::OnceLock::new();
    PROGRAM
        .get_or_init(|| {
            let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../book/data");
            crate::session::Program::load(&dir).ok()
        })
        .as_ref()
}

/// Expressions from the parser's own alphabet, up to well past the length limit.
fn expression() -> impl Strategy<Value = String> {
    const WORDS: &[&str] = &[
        "(",
        ")",
        "not(",
        "and",
        "or",
        "${a}",
        "${b_c}",
        ".",
        "'x'",
        "\"y\"",
        "1",
        "2.5",
        "=",
        "!=",
        "<",
        ">=",
        ",",
        "selected(",
        "count-selected(",
        "string-length(",
        "regex(",
        "today()",
        "true()",
        "false()",
        "${",
        "'",
        "tidak",
        "-",
    ];
    prop_oneof![
        3 => prop::collection::vec(select(WORDS), 0..1200).prop_map(|w| w.join(" ")),
        1 => (1usize..5000, select(&["(", "not("][..])).prop_map(|(n, open)| {
            format!("{}${{a}} = 1{}", open.repeat(n), ")".repeat(n))
        }),
        1 => any::<String>(),
    ]
}

#[test]
fn expressions_never_panic() {
    fuzz("expressions", expression(), |text| {
        if let Ok(parsed) = expr::parse(&text) {
            let printed = parsed.to_xpath();
            // What the parser prints, it reads back as the same expression.
            if printed.len() <= expr::MAX_LENGTH {
                let again = expr::parse(&printed).map(|e| e.to_xpath());
                assert_eq!(again, Ok(printed), "{text}");
            }
        }
    });
}

const EXERCISES: &[&str] = &[
    "exercises/sesi-1-4/1-4-darto-asesmen-rencana.toml",
    "tests/fixtures/kecil/exercises/1-1-refleksi.toml",
    "tests/fixtures/kecil/exercises/1-2-tahap-kasus.toml",
    "tests/fixtures/kecil/exercises/1-2-rujukan-ditolak.toml",
    "tests/fixtures/kecil/exercises/1-2-isi-registrasi.toml",
];
const FORMS: &[&str] = &[
    "tests/fixtures/kecil/forms/registrasi.toml",
    "forms/asesmen-rencana-pelayanan.toml",
];
const DATA: &[&str] = &[
    "book/data/program.toml",
    "book/data/istilah.toml",
    "book/data/penyuntingan/01-sesi-1-1.toml",
];

/// Exercise and form files, read from text.
#[test]
fn exercise_and_form_files_never_panic() {
    fuzz(
        "exercise and form files",
        (input(EXERCISES), input(FORMS)),
        |(exercise, form)| {
            let file = SourceFile::new("latihan.toml", exercise);
            let _ = crate::exercise::load::load("latihan", &file).map_err(|d| d.to_string());
            let file = SourceFile::new("formulir.toml", form);
            let _ = crate::form::load("formulir", &file).map_err(|d| d.to_string());
        },
    );
}

/// The data folder's loaders (programme, glossary, corrections), read from disk.
#[test]
fn data_files_never_panic() {
    fuzz("data files", (input(DATA), 0usize..3), |(text, which)| {
        let Ok(dir) = tempfile::tempdir() else { return };
        let data = dir.path();
        let _ = std::fs::create_dir_all(data.join("penyuntingan"));
        let name = [
            "program.toml",
            "istilah.toml",
            "penyuntingan/01-sesi-1-1.toml",
        ][which];
        if std::fs::write(data.join(name), &text).is_err() {
            return;
        }
        let _ = crate::session::Program::load(data).map_err(|d| d.to_string());
        let _ = crate::glossary::Glossary::load(data).map_err(|d| d.to_string());
        let _ = crate::content::corrections::Corrections::load(data).map_err(|d| d.to_string());
    });
}
