//! PDFs of the built site, printed by headless Chromium over the DevTools protocol
//! (`modul build --pdf`). Each PDF is one print document assembled from the `<main>` of the
//! site's pages in book order (read from mdBook's `toc.html`), with only the site's
//! stylesheets: what a reader prints is exactly the HTML of the site, without scripts.
//!
//! Page furniture comes from CSS paged media, which Chromium supports: each top-level chapter
//! is a named page, so it starts on a new page and has its own running header (`@top-center`),
//! and every page but the cover has "Halaman N dari M" (`@bottom-center`). Bookmarks are
//! Chromium's document outline (one per heading). The Daftar Isi gets its page numbers in a
//! second print: the first one's outline says where each chapter's heading landed.
//!
//! Chromium stamps the print time into the PDF; [`fix_dates`] replaces it with
//! `SOURCE_DATE_EPOCH` (or 1970-01-01), so the same sources print the same bytes.

use super::pdf_read;
use headless_chrome::types::PrintToPdfOptions;
use headless_chrome::{Browser, LaunchOptions};
use std::ffi::OsStr;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// One file of `unduh/`, as the "Unduh dan Cetak" page lists it.
#[derive(Debug, Clone)]
pub struct Download {
    /// File name inside `unduh/`.
    pub file: String,
    /// What it is, in Indonesian.
    pub title: String,
    /// Pages (0 for files that are not PDFs).
    pub pages: usize,
    /// Size in bytes.
    pub bytes: u64,
}

/// The Chromium to print with: `CHROME` if set, else the usual install paths.
pub fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CHROME") {
        let path = PathBuf::from(path);
        return path.exists().then_some(path);
    }
    [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
        "/usr/bin/google-chrome-stable",
        "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
        "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
    ]
    .iter()
    .map(PathBuf::from)
    .find(|p| p.exists())
}

/// Flags for a headless Chromium that opens only our own pages: nothing calls home, so the
/// only requests are the page's, and the interface language is Indonesian. Shared by `--pdf`
/// and the browser tests.
pub const CHROMIUM_FLAGS: &[&str] = &[
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-quic",
    "--lang=id",
];

/// What `--pdf` says when there is no Chromium.
pub const NO_CHROMIUM: &str = "PDF tidak dibuat: Chromium tidak ditemukan. Situs sudah dibangun seperti biasa.\n  = cara memperbaiki: pasang Chromium (Debian/Ubuntu: `sudo apt-get install chromium`; Windows/macOS: pasang Google Chrome) atau sebutkan lokasinya dengan variabel CHROME=/jalur/ke/chromium, lalu jalankan lagi `modul build --pdf`";

/// A chapter of the site in book order, from `toc.html`.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    /// The page, relative to the site (`sesi-1-4/asesmen.html`).
    pub(crate) href: String,
    /// Its title in the table of contents.
    pub(crate) title: String,
    /// 0 for a top-level chapter, 1 for its sub-chapters, …
    pub(crate) depth: usize,
}

/// The chapters listed in mdBook's `toc.html`, in order, with their nesting.
pub(crate) fn toc_entries(site: &Path) -> Result<Vec<Entry>, String> {
    let path = site.join("toc.html");
    let html = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let start = html.find("<ol class=\"chapter\">").unwrap_or(0);
    let mut rest = &html[start..];
    let mut depth = 0usize;
    let mut out = Vec::new();
    loop {
        let next = ["<ol", "</ol>", "<a href=\""]
            .iter()
            .filter_map(|t| rest.find(t).map(|at| (at, *t)))
            .min();
        let Some((at, token)) = next else { break };
        rest = &rest[at + token.len()..];
        match token {
            "<ol" => depth += 1,
            "</ol>" => depth = depth.saturating_sub(1),
            _ => {
                let Some(quote) = rest.find('"') else { break };
                let href = rest[..quote].to_string();
                let text_start = rest.find('>').map_or(0, |i| i + 1);
                let text_end = rest[text_start..]
                    .find("</a>")
                    .map_or(0, |i| i + text_start);
                let title = text_of(&rest[text_start..text_end]);
                if !href.starts_with("http") && href.ends_with(".html") {
                    out.push(Entry {
                        href,
                        title,
                        depth: depth.saturating_sub(1),
                    });
                }
            }
        }
    }
    Ok(out)
}

/// One print document: a title, optionally a cover and a Daftar Isi, and its parts, each a
/// top-level chapter with its sub-chapters (a new page and a running header each).
pub(crate) struct Document {
    pub(crate) file: String,
    pub(crate) title: String,
    pub(crate) cover: Option<String>,
    pub(crate) contents: bool,
    pub(crate) parts: Vec<Part>,
}

pub(crate) struct Part {
    /// The running header of its pages.
    pub(crate) header: String,
    /// Its pages, in order.
    pub(crate) pages: Vec<Entry>,
}

/// The documents of `unduh/` for the site's chapters; `timetable` is the page with the
/// programme's timetable, if any, and `forms` the pages holding a fillable form.
pub(crate) fn documents(
    book_title: &str,
    entries: &[Entry],
    timetable: Option<&str>,
    forms: &[String],
) -> Vec<Document> {
    // Parts: a top-level chapter and what is nested below it.
    let mut parts: Vec<Part> = Vec::new();
    for entry in entries {
        if entry.depth == 0 || parts.is_empty() {
            parts.push(Part {
                header: entry.title.clone(),
                pages: Vec::new(),
            });
        }
        if let Some(part) = parts.last_mut() {
            part.pages.push(entry.clone());
        }
    }
    let reading = |p: &Part| {
        let href = p.pages.first().map_or("", |e| e.href.as_str());
        !(href.starts_with("cetak/") || href.starts_with("kemajuan") || href.starts_with("unduh"))
    };
    let mut docs = vec![Document {
        file: "modul.pdf".into(),
        title: book_title.to_string(),
        cover: Some(book_title.to_string()),
        contents: true,
        parts: parts
            .iter()
            .filter(|p| reading(p))
            .map(|p| Part {
                header: p.header.clone(),
                pages: p.pages.clone(),
            })
            .collect(),
    }];
    // One handout per session: its chapter, its topics and its worksheet.
    for part in &parts {
        let Some(code) = part
            .pages
            .first()
            .and_then(|e| e.href.strip_prefix("sesi-"))
            .and_then(|h| h.strip_suffix("/index.html"))
        else {
            continue;
        };
        let mut pages = part.pages.clone();
        let sheet = format!("cetak/lembar-kerja-{code}.html");
        pages.extend(entries.iter().filter(|e| e.href == sheet).cloned());
        docs.push(Document {
            file: format!("sesi-{code}.pdf"),
            title: part.header.clone(),
            cover: None,
            contents: false,
            parts: vec![Part {
                header: part.header.clone(),
                pages,
            }],
        });
    }
    let single = |file: &str, href: &str| -> Option<Document> {
        let entry = entries.iter().find(|e| e.href == href)?;
        Some(Document {
            file: file.into(),
            title: entry.title.clone(),
            cover: None,
            contents: false,
            parts: vec![Part {
                header: entry.title.clone(),
                pages: vec![entry.clone()],
            }],
        })
    };
    docs.extend(single("lembar-kerja.pdf", "cetak/lembar-kerja.html"));
    docs.extend(single("kunci-jawaban.pdf", "cetak/kunci-jawaban.html"));
    docs.extend(single(
        "panduan-fasilitator.pdf",
        "cetak/panduan-fasilitator.html",
    ));
    // The test as handed out: the booklet, then the answer sheet on its own pages. The key
    // is a document of its own, for the facilitator only.
    let test: Vec<Part> = ["cetak/tes-buklet.html", "cetak/tes-lembar-jawaban.html"]
        .iter()
        .filter_map(|href| entries.iter().find(|e| e.href == *href))
        .map(|e| Part {
            header: e.title.clone(),
            pages: vec![e.clone()],
        })
        .collect();
    if let Some(first) = test.first() {
        docs.push(Document {
            file: "tes-buklet.pdf".into(),
            title: first.header.clone(),
            cover: None,
            contents: false,
            parts: test,
        });
    }
    docs.extend(single("tes-kunci.pdf", "cetak/tes-kunci.html"));
    // Every blank form (the training's, the appendix's and the service forms), each on its
    // own pages under its own header.
    let forms: Vec<Part> = entries
        .iter()
        .filter(|e| forms.contains(&e.href))
        .map(|e| Part {
            header: e.title.clone(),
            pages: vec![e.clone()],
        })
        .collect();
    if !forms.is_empty() {
        docs.push(Document {
            file: "formulir-kosong.pdf".into(),
            title: "Formulir Kosong".into(),
            cover: None,
            contents: false,
            parts: forms,
        });
    }
    if let Some(href) = timetable {
        docs.extend(single("jadwal.pdf", href));
    }
    docs
}

/// The pages holding one of the book's fillable forms (not an exercise's copy of one).
pub(crate) fn form_pages(site: &Path, entries: &[Entry]) -> Vec<String> {
    pages_with(site, entries, "data-kunci=\"modul:formulir:").collect()
}

/// The first page with the programme's timetable (`{{#program}}`).
pub(crate) fn timetable_page(site: &Path, entries: &[Entry]) -> Option<String> {
    pages_with(site, entries, "class=\"modul-program\"").next()
}

/// The pages, in book order, whose HTML holds `marker`.
fn pages_with<'a>(
    site: &'a Path,
    entries: &'a [Entry],
    marker: &'a str,
) -> impl Iterator<Item = String> + 'a {
    entries
        .iter()
        .filter(move |e| {
            std::fs::read_to_string(site.join(&e.href)).is_ok_and(|html| html.contains(marker))
        })
        .map(|e| e.href.clone())
}

/// Prints every document into `out` (created) and returns the files written, in order.
pub(crate) fn print_all(
    site: &Path,
    out: &Path,
    docs: &[Document],
) -> Result<Vec<Download>, String> {
    let chrome = chromium().ok_or_else(|| NO_CHROMIUM.to_string())?;
    let args: Vec<&OsStr> = CHROMIUM_FLAGS.iter().map(OsStr::new).collect();
    let options = LaunchOptions::default_builder()
        .path(Some(chrome))
        .headless(true)
        // Only our own pages are opened, from disk and without scripts; root (CI, containers)
        // cannot start Chromium's sandbox.
        .sandbox(false)
        .idle_browser_timeout(Duration::from_secs(600))
        .args(args)
        .build()
        .map_err(|e| format!("Chromium tidak dapat dijalankan: {e}"))?;
    let browser =
        Browser::new(options).map_err(|e| format!("Chromium tidak dapat dijalankan: {e}"))?;
    let tab = browser
        .new_tab()
        .map_err(|e| format!("Chromium tidak dapat membuka tab: {e}"))?;
    tab.set_default_timeout(Duration::from_secs(300));
    let print = |html: &str, name: &str| -> Result<Vec<u8>, String> {
        // Beside print.html at the site's root, so the site's relative addresses work.
        let page = site.join(format!(".cetak-{name}.html"));
        std::fs::write(&page, html).map_err(|e| format!("{}: {e}", page.display()))?;
        let url = format!("file://{}", page.display());
        let result = tab
            .navigate_to(&url)
            .and_then(|t| t.wait_until_navigated())
            .and_then(|t| {
                t.print_to_pdf(Some(PrintToPdfOptions {
                    print_background: Some(true),
                    prefer_css_page_size: Some(true),
                    generate_document_outline: Some(true),
                    generate_tagged_pdf: Some(true),
                    ..Default::default()
                }))
            });
        let _ = std::fs::remove_file(&page);
        result.map_err(|e| format!("{name}: Chromium gagal mencetak: {e}"))
    };
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let head = head(site)?;
    let epoch = source_epoch();
    let mut written = Vec::new();
    for doc in docs {
        let stem = doc.file.trim_end_matches(".pdf");
        let mut pdf = print(&assemble(site, &head, doc, None)?, stem)?;
        if doc.contents {
            let pages = chapter_pages(site, doc, &pdf_read::outline(&pdf)?)?;
            pdf = print(&assemble(site, &head, doc, Some(&pages))?, stem)?;
        }
        let pdf = fix_dates(pdf, epoch);
        let pages = pdf_read::page_count(&pdf)?;
        let path = out.join(&doc.file);
        std::fs::write(&path, &pdf).map_err(|e| format!("{}: {e}", path.display()))?;
        written.push(Download {
            file: doc.file.clone(),
            title: doc.title.clone(),
            pages,
            bytes: pdf.len() as u64,
        });
    }
    Ok(written)
}

/// The stylesheet links of the site's `print.html` (at the site's root, like our documents).
fn head(site: &Path) -> Result<String, String> {
    let path = site.join("print.html");
    let html = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(html
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("<link rel=\"stylesheet\"") && !l.contains("fonts/"))
        .collect::<Vec<_>>()
        .join("\n"))
}

/// The print document's HTML; `numbers` are the Daftar Isi's page numbers, one per page of
/// every part (blank in the first print).
fn assemble(
    site: &Path,
    head: &str,
    doc: &Document,
    numbers: Option<&[Option<usize>]>,
) -> Result<String, String> {
    let mut css = String::from(
        "@page { size: A4; margin: 20mm 16mm 20mm 16mm; @bottom-center { content: \"Halaman \" counter(page) \" dari \" counter(pages); font: 9pt sans-serif; color: #444; } }\n\
         @page sampul { @bottom-center { content: none; } }\n\
         html, body { background: #fff; }\n\
         .modul-pdf-sampul { page: sampul; break-after: page; display: flex; flex-direction: column; justify-content: center; min-height: 230mm; text-align: center; }\n\
         .modul-pdf-sampul .judul { font-size: 24pt; font-weight: bold; line-height: 1.3; }\n\
         .modul-pdf-isi { break-after: page; }\n\
         .modul-pdf-isi ol { list-style: none; padding: 0; }\n\
         .modul-pdf-isi li { display: flex; gap: 0.5em; break-inside: avoid; }\n\
         .modul-pdf-isi li.anak { padding-left: 1.5em; font-size: 0.95em; }\n\
         .modul-pdf-isi li .titik { flex: 1; border-bottom: 1px dotted #888; margin-bottom: 0.3em; }\n\
         .modul-pdf-isi li .hlm { min-width: 2.5em; text-align: right; }\n",
    );
    for (i, part) in doc.parts.iter().enumerate() {
        let _ = writeln!(
            css,
            "@page bagian-{i} {{ @top-center {{ content: {}; font: 9pt sans-serif; color: #444; }} }}\n.modul-pdf-bagian-{i} {{ page: bagian-{i}; }}",
            css_string(&part.header)
        );
    }
    let mut body = String::new();
    if let Some(cover) = &doc.cover {
        let _ = writeln!(
            body,
            "<section class=\"modul-pdf-sampul\"><p class=\"judul\">{}</p></section>",
            escape(cover)
        );
    }
    if doc.contents {
        body.push_str("<section class=\"modul-pdf-isi\"><h1>Daftar Isi</h1><ol>\n");
        let mut n = 0;
        for part in &doc.parts {
            for entry in &part.pages {
                let number = numbers
                    .and_then(|all| all.get(n).copied().flatten())
                    .map_or(String::new(), |p| p.to_string());
                n += 1;
                let _ = writeln!(
                    body,
                    "<li{}><span>{}</span><span class=\"titik\"></span><span class=\"hlm\">{number}</span></li>",
                    if entry.depth > 0 {
                        " class=\"anak\""
                    } else {
                        ""
                    },
                    escape(&entry.title)
                );
            }
        }
        body.push_str("</ol></section>\n");
    }
    for (i, part) in doc.parts.iter().enumerate() {
        let _ = writeln!(body, "<section class=\"modul-pdf-bagian-{i}\">");
        for entry in &part.pages {
            let main = main_of(site, &entry.href)?;
            let _ = writeln!(
                body,
                "<article class=\"modul-pdf-halaman\">{main}</article>"
            );
        }
        body.push_str("</section>\n");
    }
    Ok(format!(
        "<!DOCTYPE html>\n<html lang=\"id\" class=\"light\">\n<head>\n<meta charset=\"UTF-8\">\n<title>{}</title>\n{head}\n<style>\n{css}</style>\n</head>\n<body class=\"modul-pdf\">\n<main>\n{body}</main>\n</body>\n</html>\n",
        escape(&doc.title)
    ))
}

/// The page where each page of each part begins, from the outline of a first print: the
/// page's first heading, found in document order.
fn chapter_pages(
    site: &Path,
    doc: &Document,
    outline: &[pdf_read::Bookmark],
) -> Result<Vec<Option<usize>>, String> {
    let mut cursor = 0;
    let mut out = Vec::new();
    for part in &doc.parts {
        for entry in &part.pages {
            let main = main_of(site, &entry.href)?;
            let heading = first_heading(&main).unwrap_or_else(|| entry.title.clone());
            // Chromium drops the line breaks of a wrapped heading without a space.
            let squeeze = |t: &str| t.split_whitespace().collect::<String>();
            let wanted = squeeze(&heading);
            let found = outline[cursor.min(outline.len())..]
                .iter()
                .position(|b| squeeze(&b.title) == wanted);
            out.push(found.map(|at| {
                cursor += at + 1;
                outline[cursor - 1].page
            }));
        }
    }
    Ok(out)
}

fn normalize(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The inside of a page's `<main>`, with its relative addresses made relative to the site's
/// root (where the print document is).
fn main_of(site: &Path, href: &str) -> Result<String, String> {
    let path = site.join(href);
    let html = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let start = html.find("<main>").map_or(0, |i| i + "<main>".len());
    let end = html[start..]
        .rfind("</main>")
        .map_or(html.len(), |i| i + start);
    let dir = Path::new(href).parent().unwrap_or(Path::new(""));
    Ok(rebase(&html[start..end], dir))
}

/// Rewrites `src="…"` relative to `dir` to be relative to the site's root, and turns links to
/// other pages into plain text: in a PDF they would point at a file on the printing computer
/// (and make two builds differ). Links within the page (`#…`) and to the web stay.
fn rebase(html: &str, dir: &Path) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    loop {
        let next = [" src=\"", " href=\""]
            .iter()
            .filter_map(|t| rest.find(t).map(|at| (at, *t)))
            .min();
        let Some((at, token)) = next else {
            out.push_str(rest);
            break;
        };
        out.push_str(&rest[..at]);
        rest = &rest[at + token.len()..];
        let end = rest.find('"').unwrap_or(rest.len());
        let url = &rest[..end];
        let local =
            !(url.is_empty() || url.starts_with('#') || url.starts_with('/') || url.contains(':'));
        if !local {
            out.push_str(token);
            out.push_str(url);
        } else if token == " href=\"" {
            out.push_str(" data-href=\"");
            out.push_str(url);
        } else {
            out.push_str(token);
            let joined = crate::content::chapters::normalize(&dir.join(url));
            out.push_str(&joined.to_string_lossy().replace('\\', "/"));
        }
        rest = &rest[end..];
    }
    out
}

/// The text of the first `<h1>`…`<h6>` in `html`.
fn first_heading(html: &str) -> Option<String> {
    let mut rest = html;
    while let Some(at) = rest.find("<h") {
        rest = &rest[at + 2..];
        let level = rest.chars().next()?;
        if ('1'..='6').contains(&level) {
            let open_end = rest.find('>')? + 1;
            let close = rest.find("</h")?;
            if close > open_end {
                let text = text_of(&rest[open_end..close]);
                if !text.is_empty() {
                    return Some(text);
                }
            }
        }
    }
    None
}

/// Text without tags, with the entities mdBook writes decoded.
fn text_of(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&");
    normalize(&text)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A CSS string literal.
fn css_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '<' | '>' => out.push(' '),
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `SOURCE_DATE_EPOCH` (seconds since 1970), or 0.
fn source_epoch() -> i64 {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0)
}

/// Replaces the print time in `/CreationDate (D:…)` and `/ModDate (D:…)` with `epoch` (UTC),
/// digit for digit, so every byte offset of the file stays valid.
pub(crate) fn fix_dates(mut pdf: Vec<u8>, epoch: i64) -> Vec<u8> {
    let stamp = pdf_date(epoch);
    for key in [&b"/CreationDate (D:"[..], &b"/ModDate (D:"[..]] {
        let mut from = 0;
        while let Some(at) = find(&pdf[from..], key) {
            let digits = from + at + key.len();
            let end = digits + stamp.len();
            if end <= pdf.len() && pdf[digits..end].iter().all(u8::is_ascii_digit) {
                pdf[digits..end].copy_from_slice(stamp.as_bytes());
            }
            from = digits;
        }
    }
    pdf
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// `YYYYMMDDHHmmSS` in UTC.
fn pdf_date(epoch: i64) -> String {
    let days = epoch.div_euclid(86_400);
    let secs = epoch.rem_euclid(86_400);
    // Days to civil date (proleptic Gregorian), after Howard Hinnant's algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}{month:02}{day:02}{:02}{:02}{:02}",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_document_per_download_with_the_guide_and_the_test() {
        let entry = |href: &str, title: &str, depth| Entry {
            href: href.into(),
            title: title.into(),
            depth,
        };
        let entries = [
            entry("index.html", "Beranda", 0),
            entry("sesi-1-1/index.html", "Sesi 1-1: Umum", 0),
            entry("sesi-1-1/landasan-hukum.html", "Landasan Hukum", 1),
            entry("cetak/lembar-kerja.html", "Lembar Kerja Peserta", 0),
            entry("cetak/lembar-kerja-1-1.html", "Sesi 1-1", 1),
            entry("cetak/tes-buklet.html", "Buklet Tes Pengetahuan", 0),
            entry("cetak/tes-lembar-jawaban.html", "Lembar Jawaban Tes", 0),
            entry("cetak/tes-kunci.html", "Kunci dan Pembahasan Tes", 0),
            entry("cetak/panduan-fasilitator.html", "Panduan Fasilitator", 0),
            entry("formulir/catatan-kasus.html", "Catatan Kasus", 1),
        ];
        let forms = ["formulir/catatan-kasus.html".to_string()];
        let docs = documents("Modul", &entries, None, &forms);
        let files: Vec<&str> = docs.iter().map(|d| d.file.as_str()).collect();
        assert_eq!(
            files,
            [
                "modul.pdf",
                "sesi-1-1.pdf",
                "lembar-kerja.pdf",
                "panduan-fasilitator.pdf",
                "tes-buklet.pdf",
                "tes-kunci.pdf",
                "formulir-kosong.pdf"
            ]
        );
        let test = &docs[4];
        let pages: Vec<&str> = test
            .parts
            .iter()
            .flat_map(|p| p.pages.iter().map(|e| e.href.as_str()))
            .collect();
        assert_eq!(
            pages,
            ["cetak/tes-buklet.html", "cetak/tes-lembar-jawaban.html"]
        );
        assert_eq!(docs[1].parts[0].pages.len(), 3, "topics and the worksheet");
        // The reading document leaves the printed matter out.
        assert!(
            docs[0]
                .parts
                .iter()
                .all(|p| p.pages.iter().all(|e| !e.href.starts_with("cetak/")))
        );
    }

    #[test]
    fn dates_from_the_epoch() {
        assert_eq!(pdf_date(0), "19700101000000");
        assert_eq!(pdf_date(1_700_000_000), "20231114221320");
        let pdf =
            b"<</CreationDate (D:20261206132727+00'00')\n/ModDate (D:20261206132728+00'00')>>"
                .to_vec();
        let fixed = fix_dates(pdf.clone(), 0);
        assert_eq!(fixed.len(), pdf.len());
        assert_eq!(
            String::from_utf8_lossy(&fixed),
            "<</CreationDate (D:19700101000000+00'00')\n/ModDate (D:19700101000000+00'00')>>"
        );
    }

    #[test]
    fn relative_addresses_from_the_root() {
        assert_eq!(
            rebase(
                "<a href=\"asesmen.html#a\"><img src=\"../gambar/x.png\"> <a href=\"#b\"> <a href=\"https://x.id\">",
                Path::new("sesi-1-4")
            ),
            "<a data-href=\"asesmen.html#a\"><img src=\"gambar/x.png\"> <a href=\"#b\"> <a href=\"https://x.id\">"
        );
    }

    #[test]
    fn headings_and_css_strings() {
        assert_eq!(
            first_heading(
                "<p>x</p><h1 id=\"a\"><a href=\"#a\">Sesi 1-4: Asesmen &amp; Rencana</a></h1>"
            ),
            Some("Sesi 1-4: Asesmen & Rencana".into())
        );
        assert_eq!(css_string("Sesi \"1\""), "\"Sesi \\\"1\\\"\"");
    }
}
