//! One script file for the book's own scripts. mdBook writes a `<script>` tag per entry of
//! `[output.html] additional-js` (fourteen requests on every page); after the build, each
//! page's run of those tags is replaced by one tag for their concatenation, in the same order,
//! so a cold page load costs one request and browsers cache one file for the whole book.
//! The scripts stay classic scripts (no modules), so `file://` keeps working. Stock
//! `mdbook build` keeps the separate tags, which work the same.
//!
//! A widget that only some pages use says so in its own header, on a line
//! `// Only on pages with: data-jadwal | data-tes-data` (literal text of the markup it works
//! on): the page's bundle leaves it out when the page has none of them. A script without that
//! line is in every bundle. So a page carries only the widgets it uses, and a new widget is safe
//! by default.

use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Where mdBook's index.hbs puts the `additional-js` tags.
const MARKER: &str = "<!-- Custom JS scripts -->";

/// Rewrites every page of `site` and writes the bundles; returns nothing on success.
pub(crate) fn bundle_scripts(site: &Path) -> Result<(), String> {
    let pages = super::site_files(site, &[])?
        .into_iter()
        .map(|(_, path)| path)
        .filter(|path| path.extension().is_some_and(|e| e == "html"));
    // Bundles by the list of scripts they join: one per set of widgets pages use.
    let mut bundles: BTreeMap<Vec<PathBuf>, String> = BTreeMap::new();
    let mut markers: BTreeMap<PathBuf, Vec<String>> = BTreeMap::new();
    for page in pages {
        let html =
            std::fs::read_to_string(&page).map_err(|e| format!("{}: {e}", page.display()))?;
        let Some((start, end, all_scripts)) = script_run(&html, &page, site) else {
            continue;
        };
        let mut scripts = Vec::with_capacity(all_scripts.len());
        for script in all_scripts {
            if !markers.contains_key(&script) {
                let text = std::fs::read_to_string(&script)
                    .map_err(|e| format!("{}: {e}", script.display()))?;
                markers.insert(script.clone(), only_on_pages_with(&text));
            }
            let needs = markers.get(&script).map(Vec::as_slice).unwrap_or_default();
            if needs.is_empty() || needs.iter().any(|m| html.contains(m.as_str())) {
                scripts.push(script);
            }
        }
        let name = match bundles.get(&scripts) {
            Some(name) => name.clone(),
            None => {
                let name = write_bundle(site, &scripts)?;
                bundles.insert(scripts.clone(), name.clone());
                name
            }
        };
        let depth = page
            .strip_prefix(site)
            .map(|p| p.components().count().saturating_sub(1))
            .unwrap_or(0);
        let src = format!("{}{name}", "../".repeat(depth));
        let rewritten = format!(
            "{}<script src=\"{src}\"></script>{}",
            &html[..start],
            &html[end..]
        );
        std::fs::write(&page, rewritten).map_err(|e| format!("{}: {e}", page.display()))?;
    }
    Ok(())
}

/// The byte range of the script tags after [`MARKER`] and the site files they load, or `None`
/// when the page has none (or names a file that is not in the site: then it is left alone).
fn script_run(html: &str, page: &Path, site: &Path) -> Option<(usize, usize, Vec<PathBuf>)> {
    let after = html.find(MARKER)? + MARKER.len();
    let dir = page.parent()?;
    let mut at = after;
    let (mut start, mut end) = (None, after);
    let mut scripts = Vec::new();
    loop {
        let rest = &html[at..];
        let trimmed = rest.trim_start();
        let skipped = rest.len() - trimmed.len();
        let Some(tag) = trimmed.strip_prefix("<script src=\"") else {
            break;
        };
        let quote = tag.find('"')?;
        let src = &tag[..quote];
        let close = "\"></script>";
        if !tag[quote..].starts_with(close) {
            break;
        }
        let file = crate::content::chapters::normalize(&dir.join(src));
        if !file.starts_with(site) || !file.is_file() {
            return None;
        }
        scripts.push(file);
        start.get_or_insert(at + skipped);
        at += skipped + "<script src=\"".len() + quote + close.len();
        end = at;
    }
    Some((start?, end, scripts))
}

/// Takes the comments out of the book's own stylesheets in the site (`theme/*.css`; a third of
/// their bytes are comments saying why, which the sources in book/theme/ keep). mdBook's own
/// stylesheets are left as they are.
pub(crate) fn strip_style_comments(site: &Path) -> Result<(), String> {
    let dir = site.join("theme");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(());
    };
    let mut sheets: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "css"))
        .collect();
    sheets.sort();
    for sheet in sheets {
        let text =
            std::fs::read_to_string(&sheet).map_err(|e| format!("{}: {e}", sheet.display()))?;
        std::fs::write(&sheet, without_style_comments(&text))
            .map_err(|e| format!("{}: {e}", sheet.display()))?;
    }
    Ok(())
}

/// CSS without `/* … */` comments (outside strings) and without the blank lines they leave.
fn without_style_comments(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    let mut quote: Option<char> = None;
    while let Some(c) = rest.chars().next() {
        match quote {
            Some(q) => {
                if c == '\\' {
                    // An escaped character, whatever it is, stays in the string.
                    let escaped: String = rest.chars().take(2).collect();
                    out.push_str(&escaped);
                    rest = &rest[escaped.len()..];
                    continue;
                }
                if c == q {
                    quote = None;
                }
            }
            None if rest.starts_with("/*") => {
                // An unclosed comment runs to the end, as in a browser.
                rest = rest[2..].find("*/").map_or("", |end| &rest[2 + end + 2..]);
                continue;
            }
            None if c == '"' || c == '\'' => quote = Some(c),
            None => {}
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    let mut lines = String::with_capacity(out.len());
    for line in out.lines().filter(|l| !l.trim().is_empty()) {
        lines.push_str(line.trim_end());
        lines.push('\n');
    }
    lines
}

/// The markup a script declares it works on (see the module comment); empty: every page.
fn only_on_pages_with(script: &str) -> Vec<String> {
    const LINE: &str = "// Only on pages with:";
    script
        .lines()
        .take_while(|line| line.starts_with("//"))
        .find_map(|line| line.strip_prefix(LINE))
        .map(|list| {
            list.split('|')
                .map(str::trim)
                .filter(|m| !m.is_empty())
                .map(String::from)
                .collect()
        })
        .unwrap_or_default()
}

/// The script without its whole-line `//` comments (a fifth of the bytes a page loads; the
/// sources in book/theme/ keep them). Such a line can only be a comment, unless a template
/// literal spans lines: a script with a backtick in its code is left as it is.
fn without_comment_lines(script: &str) -> String {
    let is_comment = |line: &&str| line.trim_start().starts_with("//");
    if script
        .lines()
        .filter(|line| !is_comment(line))
        .any(|line| line.contains('`'))
    {
        return script.to_string();
    }
    let mut out = String::with_capacity(script.len());
    for line in script.lines().filter(|line| !is_comment(line)) {
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Writes `theme/modul-HASH.js` (the hash of its content, as mdBook fingerprints files) and
/// returns its path relative to the site.
fn write_bundle(site: &Path, scripts: &[PathBuf]) -> Result<String, String> {
    let mut text = String::from(
        "// The book's scripts in one file (written by `modul build`; sources in book/theme/).\n",
    );
    for script in scripts {
        let body =
            std::fs::read_to_string(script).map_err(|e| format!("{}: {e}", script.display()))?;
        let name = script.strip_prefix(site).unwrap_or(script).display();
        let body = without_comment_lines(&body);
        text.push_str(&format!("\n// --- {name}\n{body}"));
        if !body.ends_with('\n') {
            text.push('\n');
        }
    }
    let digest = Sha256::digest(text.as_bytes());
    let hash: String = digest.iter().take(4).map(|b| format!("{b:02x}")).collect();
    let name = format!("theme/modul-{hash}.js");
    let path = site.join(&name);
    std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_tag_for_the_run_of_scripts() {
        let site = tempfile::tempdir().expect("temp");
        let site = site.path().canonicalize().expect("canonical");
        std::fs::create_dir_all(site.join("theme")).expect("dir");
        std::fs::create_dir_all(site.join("bab")).expect("dir");
        std::fs::write(site.join("theme/a-1.js"), "var a = 1;").expect("write");
        std::fs::write(site.join("theme/b-2.js"), "var b = a + 1;\n").expect("write");
        let page = "<script src=\"../book.js\"></script>\n        <!-- Custom JS scripts -->\n        <script src=\"../theme/a-1.js\"></script>\n        <script src=\"../theme/b-2.js\"></script>\n\n        <p>x</p>";
        std::fs::write(site.join("bab/x.html"), page).expect("write");
        std::fs::write(site.join("y.html"), page.replace("../", "")).expect("write");
        bundle_scripts(&site).expect("bundle");
        let x = std::fs::read_to_string(site.join("bab/x.html")).expect("read");
        let y = std::fs::read_to_string(site.join("y.html")).expect("read");
        let src = x
            .split("<!-- Custom JS scripts -->\n        <script src=\"../")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .expect("one bundle tag");
        assert!(x.ends_with("></script>\n\n        <p>x</p>"), "{x}");
        assert!(
            y.contains(&format!("<script src=\"{src}\"></script>")),
            "{y}"
        );
        let bundle = std::fs::read_to_string(site.join(src)).expect("bundle");
        let (a, b) = (bundle.find("var a = 1;"), bundle.find("var b = a + 1;"));
        assert!(a.is_some() && b.is_some() && a < b, "{bundle}");
    }

    #[test]
    fn a_widget_goes_only_to_pages_with_its_markup() {
        let site = tempfile::tempdir().expect("temp");
        let site = site.path().canonicalize().expect("canonical");
        std::fs::create_dir_all(site.join("theme")).expect("dir");
        std::fs::write(
            site.join("theme/inti.js"),
            "// Every page.\nvar inti = 1;\n",
        )
        .expect("write");
        std::fs::write(
            site.join("theme/jadwal.js"),
            "// The timetable.\n// Only on pages with: data-jadwal | data-tabel\n(function () {\n    // why\n    var j = 2;\n})();\n",
        )
        .expect("write");
        let tags = "<!-- Custom JS scripts -->\n<script src=\"theme/inti.js\"></script>\n<script src=\"theme/jadwal.js\"></script>\n";
        std::fs::write(
            site.join("a.html"),
            format!("{tags}<div data-jadwal></div>"),
        )
        .expect("write");
        std::fs::write(site.join("b.html"), format!("{tags}<p>teks</p>")).expect("write");
        bundle_scripts(&site).expect("bundle");
        let bundle_of = |page: &str| {
            let html = std::fs::read_to_string(site.join(page)).expect("read");
            let src = html
                .split("<script src=\"")
                .nth(1)
                .and_then(|r| r.split('"').next())
                .expect("one bundle tag")
                .to_string();
            std::fs::read_to_string(site.join(src)).expect("bundle")
        };
        let (a, b) = (bundle_of("a.html"), bundle_of("b.html"));
        assert!(
            a.contains("var inti = 1;") && a.contains("var j = 2;"),
            "{a}"
        );
        assert!(
            b.contains("var inti = 1;") && !b.contains("var j = 2;"),
            "{b}"
        );
        // Whole-line comments are gone; the code is untouched.
        assert!(!a.contains("// why") && !a.contains("Only on pages"), "{a}");
    }

    #[test]
    fn comment_lines_stay_where_a_template_literal_could_span_lines() {
        let plain = "// a\nvar x = 1; // trailing\n  // b\nvar y = '//';\n";
        assert_eq!(
            without_comment_lines(plain),
            "var x = 1; // trailing\nvar y = '//';\n"
        );
        let literal = "var t = `\n// not a comment\n`;\n";
        assert_eq!(without_comment_lines(literal), literal);
    }

    #[test]
    fn style_comments_go_and_strings_stay() {
        let css = "/* why */\n.a { color: red; } /* x */\n\n.b::before { content: \"/* not */\"; }\n.c { content: '\\'/*'; }\n/* open";
        assert_eq!(
            without_style_comments(css),
            ".a { color: red; }\n.b::before { content: \"/* not */\"; }\n.c { content: '\\'/*'; }\n"
        );
    }
}
