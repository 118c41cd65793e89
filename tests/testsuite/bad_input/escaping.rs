//! Hostile text in the sources builds into inert text: a session title with markup, and
//! `javascript:`, `data:` and `vbscript:` links in exercise, form and glossary Markdown. And
//! every page, `toc.html` included, carries the Content-Security-Policy.

use super::modul;
use crate::common::{fixture_copy, read};
use std::path::Path;

const PAYLOAD: &str = "<img src=x onerror=alert(1)>";

fn replace(root: &Path, file: &str, find: &str, with: &str) {
    let path = root.join(file);
    let text = read(&path);
    assert!(text.contains(find), "`{find}` is not in {file}");
    std::fs::write(&path, text.replacen(find, with, 1)).expect("write");
}

fn html_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            html_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "html") {
            out.push(path);
        }
    }
}

#[test]
fn hostile_text_builds_into_inert_text() {
    let dir = fixture_copy("kecil");
    let root = dir.path();
    replace(
        root,
        "book/src/sesi-1-2/index.md",
        "judul = \"Pendekatan Dasar\"",
        "judul = \"Pendekatan <img src=x onerror=alert(1)> {{#include ../../../../etc/hostname}}\"",
    );
    replace(
        root,
        "exercises/1-1-refleksi.toml",
        "pertanyaan = \"Ceritakan pengalaman Anda bertemu gepeng.\"",
        "pertanyaan = \"Ceritakan [pengalaman](javascript:alert(1)) Anda ![gambar](data:image/svg+xml,x) <script>alert(2)</script>.\"",
    );
    replace(
        root,
        "forms/registrasi.toml",
        "keterangan = \"Formulir uji untuk preprocessor.\"",
        "keterangan = \"Formulir [uji](VBScript:msgbox) untuk <b onclick=x>preprocessor</b>.\"",
    );
    replace(
        root,
        "book/data/istilah.toml",
        "definisi = \"Sebutan singkat untuk gelandangan dan pengemis.\"",
        "definisi = \"Sebutan [singkat](  javascript:alert(3)) untuk gelandangan dan pengemis.\"",
    );
    let build = modul(root, &["build", "book", "--dest-dir", "situs"]);
    assert_eq!(build.code, Some(0), "{}", build.stderr);

    let mut pages = Vec::new();
    html_files(&root.join("situs"), &mut pages);
    assert!(pages.iter().any(|p| p.ends_with("toc.html")));
    let mut seen_title = false;
    for page in &pages {
        let html = read(page);
        let name = page.display();
        assert!(
            html.contains("http-equiv=\"Content-Security-Policy\""),
            "{name} has no Content-Security-Policy"
        );
        let lower = html.to_ascii_lowercase();
        for bad in [
            PAYLOAD,
            "<script>alert(2)",
            "<b onclick",
            "href=\"javascript:",
            "href=\"vbscript:",
            "href=\"  javascript:",
            "src=\"data:image/svg",
        ] {
            assert!(
                !lower.contains(&bad.to_ascii_lowercase()),
                "{name} contains {bad}"
            );
        }
        seen_title |= html.contains("Pendekatan &lt;img src=x onerror=alert(1)&gt;");
    }
    assert!(seen_title, "the session title is not shown as text");
    // The title's `{{#include}}` stays text: mdBook read no file through it.
    let chapter = read(&root.join("situs/sesi-1-2/index.html"));
    assert!(
        chapter.contains("{{#include ../../../../etc/hostname}}"),
        "the directive in the title is not text"
    );
}
