//! The one template engine for generated HTML: minijinja with autoescaping for `.html`
//! templates, so text from content and data files can never become markup.

use crate::ui;
use minijinja::value::Kwargs;
use minijinja::{Environment, Error, ErrorKind, Value};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde::Serialize;
use std::path::{Component, Path, PathBuf};

const TEMPLATES: &[(&str, &str)] = &[
    (
        "kartu-sesi.html",
        include_str!("../templates/kartu-sesi.html"),
    ),
    ("program.html", include_str!("../templates/program.html")),
    ("tes.html", include_str!("../templates/tes.html")),
    ("latihan.html", include_str!("../templates/latihan.html")),
    (
        "jawaban-model.html",
        include_str!("../templates/jawaban-model.html"),
    ),
    (
        "lembar-kerja.html",
        include_str!("../templates/lembar-kerja.html"),
    ),
    ("kemajuan.html", include_str!("../templates/kemajuan.html")),
    (
        "fasilitator.html",
        include_str!("../templates/fasilitator.html"),
    ),
    ("formulir.html", include_str!("../templates/formulir.html")),
    (
        "daftar-formulir.html",
        include_str!("../templates/daftar-formulir.html"),
    ),
    (
        "berkas-klien.html",
        include_str!("../templates/berkas-klien.html"),
    ),
    (
        "peringatan.html",
        include_str!("../templates/peringatan.html"),
    ),
    ("istilah.html", include_str!("../templates/istilah.html")),
    (
        "latihan-halaman.html",
        include_str!("../templates/latihan-halaman.html"),
    ),
    ("panduan.html", include_str!("../templates/panduan.html")),
    (
        "penyuntingan.html",
        include_str!("../templates/penyuntingan.html"),
    ),
    (
        "bacaan-sumber.html",
        include_str!("../templates/bacaan-sumber.html"),
    ),
    (
        "bacaan-terkait.html",
        include_str!("../templates/bacaan-terkait.html"),
    ),
    // One partial per exercise kind (the two choice kinds share one): the chapter block, the
    // answer key and the printed worksheet entry of that kind.
    (
        "latihan/pilihan.html",
        include_str!("../templates/latihan/pilihan.html"),
    ),
    (
        "latihan/benar-salah.html",
        include_str!("../templates/latihan/benar-salah.html"),
    ),
    (
        "latihan/urutkan.html",
        include_str!("../templates/latihan/urutkan.html"),
    ),
    (
        "latihan/jodohkan.html",
        include_str!("../templates/latihan/jodohkan.html"),
    ),
    (
        "latihan/isian-singkat.html",
        include_str!("../templates/latihan/isian-singkat.html"),
    ),
    (
        "latihan/studi-kasus.html",
        include_str!("../templates/latihan/studi-kasus.html"),
    ),
    (
        "latihan/refleksi.html",
        include_str!("../templates/latihan/refleksi.html"),
    ),
    (
        "latihan/isi-formulir.html",
        include_str!("../templates/latihan/isi-formulir.html"),
    ),
];

/// Templates compiled once per run.
pub struct Renderer {
    env: Environment<'static>,
}

impl Default for Renderer {
    fn default() -> Self {
        Renderer::new()
    }
}

impl Renderer {
    pub fn new() -> Self {
        let mut env = Environment::new();
        env.set_trim_blocks(true);
        env.set_lstrip_blocks(true);
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
        env.add_global("ui", Value::from_serialize(&ui::ui().teks));
        env.add_filter("isi", fill);
        env.add_filter("md", |text: String| {
            Value::from_safe_string(markdown(&text))
        });
        env.add_filter("md_baris", |text: String| {
            Value::from_safe_string(markdown_inline(&text))
        });
        for (name, source) in TEMPLATES {
            // Templates are part of the program; a test renders every one of them.
            if let Err(err) = env.add_template(name, source) {
                eprintln!("galat internal: templat {name}: {err}");
            }
        }
        Renderer { env }
    }

    /// Renders a template into an HTML block that Markdown keeps intact: no blank lines inside
    /// (a blank line would end the HTML block) and no leading indentation (four spaces would
    /// turn a line into a code block).
    pub(crate) fn render(&self, name: &str, context: impl Serialize) -> Result<String, String> {
        let template = self
            .env
            .get_template(name)
            .map_err(|e| format!("templat {name}: {e}"))?;
        let html = template
            .render(Value::from_serialize(&context))
            .map_err(|e| format!("templat {name}: {e:#}"))?;
        Ok(html
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .collect::<Vec<_>>()
            .join("\n"))
    }
}

/// A content field written in simple Markdown, as HTML. Raw HTML in the text stays text:
/// content can never inject markup.
/// Links and images to a script or inline data (`javascript:`, `vbscript:`, `data:`) lose
/// their target and keep their text.
pub(crate) fn markdown(text: &str) -> String {
    let mut dropped = Vec::new();
    let events = Parser::new_ext(text, Options::ENABLE_STRIKETHROUGH).filter_map(|event| {
        Some(match event {
            Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
            // An HTML block becomes a paragraph of its text.
            Event::Start(Tag::HtmlBlock) => Event::Start(Tag::Paragraph),
            Event::End(TagEnd::HtmlBlock) => Event::End(TagEnd::Paragraph),
            Event::Start(Tag::Link { ref dest_url, .. } | Tag::Image { ref dest_url, .. }) => {
                let unsafe_target = is_script_url(dest_url);
                dropped.push(unsafe_target);
                if unsafe_target {
                    return None;
                }
                event
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                if dropped.pop().unwrap_or(false) {
                    return None;
                }
                event
            }
            other => other,
        })
    });
    let mut out = String::with_capacity(text.len() * 5 / 4);
    pulldown_cmark::html::push_html(&mut out, events);
    out.trim_end().to_string()
}

/// Whether a link target runs code or embeds data: its scheme, read as browsers do (case,
/// blanks and control characters ignored), is `javascript`, `vbscript` or `data`.
pub(crate) fn is_script_url(url: &str) -> bool {
    let scheme: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take_while(|&c| c != ':' && c != '/' && c != '?' && c != '#')
        .collect::<String>()
        .to_ascii_lowercase();
    let has_scheme = url.contains(':')
        && url
            .chars()
            .filter(|c| !c.is_whitespace() && !c.is_control())
            .nth(scheme.chars().count())
            == Some(':');
    has_scheme && matches!(scheme.as_str(), "javascript" | "vbscript" | "data")
}

/// Text for Markdown that renders as itself: every ASCII punctuation mark is escaped, so a
/// title can neither format nor inject HTML, nor start one of mdBook's `{{#…}}` directives.
pub(crate) fn markdown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        // A line break would end the heading the text sits in.
        out.push(if c == '\n' || c == '\r' { ' ' } else { c });
    }
    out
}

/// Like [`markdown`], without the paragraph around a one-paragraph text: for options, steps
/// and other short texts that sit inside a label or list item.
pub(crate) fn markdown_inline(text: &str) -> String {
    let html = markdown(text);
    match html
        .strip_prefix("<p>")
        .and_then(|rest| rest.strip_suffix("</p>"))
    {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => html,
    }
}

/// `"{menit} menit" | isi(menit=45)`: fills named placeholders of a UI string.
fn fill(value: String, kwargs: Kwargs) -> Result<String, Error> {
    let mut out = value;
    for key in kwargs.args() {
        let replacement: Value = kwargs.get(key)?;
        out = out.replace(&format!("{{{key}}}"), &replacement.to_string());
    }
    kwargs.assert_all_used()?;
    if out.contains('{') {
        return Err(Error::new(
            ErrorKind::MissingArgument,
            format!("placeholder tanpa nilai dalam `{out}`"),
        ));
    }
    Ok(out)
}

/// Link from the page rendered for `from` (a chapter path relative to `src/`) to the page of
/// `to`, as mdBook writes them (`.md` → `.html`).
pub(crate) fn relative_link(from: &Path, to: &Path) -> String {
    let from_dir: Vec<Component> = from
        .parent()
        .map(|p| p.components().collect())
        .unwrap_or_default();
    let to_parts: Vec<Component> = to.components().collect();
    let common = from_dir
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut link = PathBuf::new();
    for _ in common..from_dir.len() {
        link.push("..");
    }
    for part in &to_parts[common..] {
        link.push(part);
    }
    // mdBook's `index` preprocessor publishes README.md as index.html.
    if link
        .file_name()
        .is_some_and(|n| n.eq_ignore_ascii_case("README.md"))
    {
        link.set_file_name("index.md");
    }
    link.set_extension("html");
    link.to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links_between_chapters() {
        let link = |a: &str, b: &str| relative_link(Path::new(a), Path::new(b));
        assert_eq!(
            link("sesi-1-4/index.md", "sesi-1-4/asesmen.md"),
            "asesmen.html"
        );
        assert_eq!(
            link("pengantar/program-pelatihan.md", "sesi-1-1/index.md"),
            "../sesi-1-1/index.html"
        );
        assert_eq!(link("index.md", "sesi-1-1/index.md"), "sesi-1-1/index.html");
    }

    #[test]
    fn script_links_lose_their_target() {
        for link in [
            "[x](javascript:alert(1))",
            "[x](JavaScript:alert(1))",
            "[x]( java\tscript:alert(1))",
            "[x](vbscript:msgbox)",
            "[x](data:text/html;base64,PHNjcmlwdD4=)",
            "<javascript:alert(1)>",
            "![x](data:image/svg+xml,<svg onload=alert(1)>)",
        ] {
            let html = markdown(link);
            assert!(
                !html.contains("href") && !html.contains("src"),
                "{link} → {html}"
            );
            assert!(
                html.contains('x') || html.contains("javascript"),
                "{link} → {html}"
            );
        }
        assert_eq!(
            markdown_inline("[Kemensos](https://kemensos.go.id)"),
            "<a href=\"https://kemensos.go.id\">Kemensos</a>"
        );
        assert_eq!(
            markdown_inline("[sesi](sesi-1-4/index.md)"),
            "<a href=\"sesi-1-4/index.md\">sesi</a>"
        );
    }

    #[test]
    fn titles_render_as_text_in_markdown() {
        let title = markdown_text("<img src=x onerror=alert(1)> *a* {{#include /etc/passwd}}");
        let html = markdown(&format!("# {title}"));
        // mdBook's links preprocessor, which runs after ours, finds no directive in it.
        assert!(!title.contains("{{#"), "{title}");
        assert!(!html.contains("<img") && !html.contains("<em>"), "{html}");
        assert!(
            html.contains("&lt;img src=x onerror=alert(1)&gt;"),
            "{html}"
        );
    }

    #[test]
    fn markdown_fields_render_but_raw_html_stays_text() {
        assert_eq!(
            markdown("Satu **dua**.\n\n- a\n- b"),
            "<p>Satu <strong>dua</strong>.</p>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>"
        );
        assert_eq!(
            markdown("<script>alert(1)</script> <b>x</b>"),
            "<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;x&lt;/b&gt;</p>"
        );
        assert_eq!(markdown_inline("Klien *baru*"), "Klien <em>baru</em>");
        assert_eq!(markdown_inline("a\n\nb"), "<p>a</p>\n<p>b</p>");
    }

    #[test]
    fn output_escapes_text_and_has_no_blank_lines() {
        let r = Renderer::new();
        let html = r
            .render(
                "peringatan.html",
                serde_json::json!({"kind": "note", "title": "<script>alert(1)</script>"}),
            )
            .expect("renders");
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.lines().any(|l| l.trim().is_empty()));
    }
}
