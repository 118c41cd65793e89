//! A checkout that turns LF into CRLF (or an editor that leaves blanks at line ends) changes
//! no exercise's content hash, so no learner's saved progress is marked outdated. The LF
//! hashes themselves are pinned by the exercise snapshots (`data-hash`).

use super::modul;
use crate::common::{files, fixture_copy, read};
use std::collections::BTreeMap;
use std::path::Path;

/// `data-hash` of every exercise in the built site, by exercise id.
fn hashes(site: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for path in files(site) {
        if path.extension().is_some_and(|e| e == "html") {
            let html = read(&path);
            for tag in html.split('<').filter(|t| t.contains("data-hash=\"")) {
                let attr = |name: &str| {
                    tag.split(&format!("{name}=\""))
                        .nth(1)?
                        .split('"')
                        .next()
                        .map(String::from)
                };
                if let (Some(id), Some(hash)) = (attr("data-latihan"), attr("data-hash")) {
                    out.insert(id, hash);
                }
            }
        }
    }
    out
}

#[test]
fn crlf_and_trailing_blanks_keep_every_content_hash() {
    let dir = fixture_copy("kecil");
    let root = dir.path();
    // Text over several lines, where the line endings end up inside the strings.
    let reflection = root.join("exercises/1-1-refleksi.toml");
    let text = read(&reflection).replacen(
        "pertanyaan = \"Ceritakan pengalaman Anda bertemu gepeng.\"",
        "pertanyaan = \"\"\"\nCeritakan pengalaman Anda\nbertemu gepeng.\n\n- Di mana?\n- Kapan?\n\"\"\"",
        1,
    );
    assert!(text.contains("- Kapan?"));
    std::fs::write(&reflection, text).expect("write");
    let build = modul(root, &["build", "book", "--dest-dir", "lf"]);
    assert_eq!(build.code, Some(0), "{}", build.stderr);
    let lf = hashes(&root.join("lf"));
    assert!(lf.len() >= 9, "{lf:?}");

    let mut tomls = files(&root.join("exercises"));
    tomls.retain(|f| f.extension().is_some_and(|e| e == "toml"));
    for file in tomls {
        let text = read(&file);
        // Blanks at the end of every line, then CRLF.
        let converted: String = text
            .split('\n')
            .map(|line| format!("{line}  "))
            .collect::<Vec<_>>()
            .join("\r\n");
        std::fs::write(&file, converted).expect("write");
    }
    let build = modul(root, &["build", "book", "--dest-dir", "crlf"]);
    assert_eq!(build.code, Some(0), "{}", build.stderr);
    assert_eq!(hashes(&root.join("crlf")), lf);
}
