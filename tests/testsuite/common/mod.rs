//! Helpers shared by the test suite and the benchmarks (which include this folder by path):
//! fixture copies, the sites built once for the whole suite, HTML pieces for snapshots, and
//! `api`, the one place that calls the `modul` library.
#![allow(dead_code, unreachable_pub)]

pub mod api;
pub mod browser;
pub mod cari;
pub mod html;
pub mod sites;
pub mod statik;

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

/// Every file below `dir`, relative, sorted, with its bytes: compared before and after a
/// command to show that it wrote nothing.
pub fn tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    files(dir)
        .into_iter()
        .map(|path| {
            let bytes = std::fs::read(&path).expect("read file");
            (
                path.strip_prefix(dir).expect("below root").to_path_buf(),
                bytes,
            )
        })
        .collect()
}

/// Every file below `dir` (at any depth), sorted.
pub fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("read folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                folders.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Appends `text` to a file of a fixture copy.
pub fn append(path: &Path, text: &str) {
    let mut content = read(path);
    content.push_str(text);
    std::fs::write(path, content).expect("write");
}

/// The insta settings of every snapshot: all files in `tests/testsuite/snapshots/`, named
/// after the test module and the snapshot (`testsuite__exercises__pilihan_ganda.snap`).
pub fn snapshots() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(repo().join("tests/testsuite/snapshots"));
    settings.set_omit_expression(true);
    settings
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
