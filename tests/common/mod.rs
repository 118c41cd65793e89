//! Helpers shared by the integration tests.
#![allow(dead_code, unreachable_pub)]

pub mod browser;
pub mod cari;

use std::path::{Path, PathBuf};

/// The repository root.
pub fn repo() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    root.canonicalize().unwrap_or(root)
}

/// A fresh copy of `tests/fixtures/NAME` in a temporary folder, so tests can change it, with
/// the real book's theme (styles, scripts, Indonesian templates) in its `book/theme/`.
pub fn fixture_copy(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    copy_dir(&repo().join("tests/fixtures").join(name), dir.path());
    let book = dir.path().join("book");
    if book.is_dir() && !book.join("theme").exists() {
        copy_dir(&repo().join("book/theme"), &book.join("theme"));
    }
    dir
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for entry in std::fs::read_dir(from).expect("read folder") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// Every file below `dir`, relative, sorted, with its bytes.
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<(PathBuf, Vec<u8>)>) {
    for entry in std::fs::read_dir(dir).expect("read folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            walk(root, &path, out);
        } else {
            let bytes = std::fs::read(&path).expect("read file");
            out.push((
                path.strip_prefix(root).expect("below root").to_path_buf(),
                bytes,
            ));
        }
    }
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The text between `<main>` and `</main>` of a built page.
pub fn main_of(html: &str) -> &str {
    let start = html.find("<main>").expect("<main>");
    let end = html.find("</main>").expect("</main>");
    &html[start..end]
}

/// Appends `text` to a file of a fixture copy.
pub fn append(path: &Path, text: &str) {
    let mut content = read(path);
    content.push_str(text);
    std::fs::write(path, content).expect("write");
}

/// The content errors `modul check` reports for a book that must fail.
pub fn content_errors(book: &Path) -> String {
    match modul::build::check_book(book) {
        Err(modul::build::Error::Content(d)) => d.to_string(),
        Err(other) => panic!("expected content errors, got: {other}"),
        Ok(_) => panic!("expected content errors, the book passed"),
    }
}

/// One bad edit of the fixture and the messages it must produce.
pub struct Case {
    pub name: &'static str,
    pub file: &'static str,
    pub find: &'static str,
    pub replace: &'static str,
    pub expected: &'static [&'static str],
}

/// Applies each case to a fresh copy of the fixture and checks its messages, which must also
/// say how to fix the problem.
pub fn check_bad_cases(cases: &[Case]) {
    for case in cases {
        let dir = fixture_copy("kecil");
        let path = dir.path().join(case.file);
        let text = read(&path);
        assert!(
            text.contains(case.find),
            "case {}: `{}` not in {}",
            case.name,
            case.find,
            case.file
        );
        std::fs::write(&path, text.replacen(case.find, case.replace, 1)).expect("write");
        let errors = content_errors(&dir.path().join("book"));
        for wanted in case.expected {
            assert!(
                errors.contains(wanted),
                "case {}: expected `{wanted}` in:\n{errors}",
                case.name
            );
        }
        assert!(
            errors.contains("cara memperbaiki:"),
            "case {}: every error says how to fix it:\n{errors}",
            case.name
        );
    }
}

/// The newest `PREFIX*.js` in `dir` (mdBook fingerprints file names: `searchindex-1a2b.js`).
pub fn fingerprinted_script(dir: &Path, prefix: &str) -> Option<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
                && p.extension().is_some_and(|e| e == "js")
        })
        .collect();
    found.sort();
    found.pop()
}
