//! What the site delivers besides its pages: one script bundle instead of a script per widget
//! (page weight), and with `modul build --pdf` the downloads in `unduh/`: PDFs printed by
//! headless Chromium ([`pdf`]), the offline zip ([`zip`]), and the table of the "Unduh dan
//! Cetak" page filled with every file's pages and size.

pub(crate) mod bundle;
pub(crate) mod offline;
pub mod pdf;
pub mod pdf_read;
pub(crate) mod zip;

use pdf::Download;
use std::path::{Path, PathBuf};

/// The folder of the downloads inside the site.
pub const FOLDER: &str = "unduh";
/// The offline package's file name.
pub const ZIP: &str = "modul-luring.zip";
/// The page that lists the downloads (`book/src/unduh-dan-cetak.md`).
const PAGE: &str = "unduh-dan-cetak.html";
/// The element of that page whose content is replaced by the table.
const TABLE_OPEN: &str = "<div class=\"modul-unduh\">";

/// Prints the PDFs, fills the "Unduh dan Cetak" page and writes the zip, all into
/// `site/unduh/` (replaced as a whole, only once everything is ready).
pub fn write_downloads(site: &Path) -> Result<Vec<Download>, String> {
    let entries = pdf::toc_entries(site)?;
    let title = book_title(site);
    let timetable = pdf::timetable_page(site, &entries);
    let forms = pdf::form_pages(site, &entries);
    let docs = pdf::documents(&title, &entries, timetable.as_deref(), &forms);
    let staging = tempfile::Builder::new()
        .prefix(".unduh-")
        .tempdir_in(site)
        .map_err(|e| format!("folder sementara di {}: {e}", site.display()))?;
    let mut downloads = pdf::print_all(site, staging.path(), &docs)?;
    // The zip holds the page that names the zip's size: repeat until the size shown is stable.
    let mut zip_size = 0;
    let mut bytes = Vec::new();
    for _ in 0..3 {
        let mut all = downloads.clone();
        all.push(zip_entry(zip_size));
        fill_page(site, &all)?;
        bytes = zip::zip_site(site, &[FOLDER])?;
        let stable = size_label(bytes.len() as u64) == size_label(zip_size);
        zip_size = bytes.len() as u64;
        if stable {
            break;
        }
    }
    let path = staging.path().join(ZIP);
    std::fs::write(&path, &bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    downloads.push(zip_entry(zip_size));
    let dest = site.join(FOLDER);
    if dest.exists() {
        std::fs::remove_dir_all(&dest).map_err(|e| format!("{}: {e}", dest.display()))?;
    }
    let kept = staging.keep();
    std::fs::rename(&kept, &dest).map_err(|e| format!("{}: {e}", dest.display()))?;
    Ok(downloads)
}

fn zip_entry(bytes: u64) -> Download {
    Download {
        file: ZIP.into(),
        title: "Seluruh situs untuk dibuka tanpa internet (ekstrak, lalu buka index.html)".into(),
        pages: 0,
        bytes,
    }
}

/// What every build does after mdBook: one script bundle per kind of page and the book's
/// stylesheets without comments, then the offline worker and the web app manifest (over every
/// file, the bundles included).
pub(crate) fn finish_site(site: &Path) -> Result<(), String> {
    bundle::bundle_scripts(site)?;
    bundle::strip_style_comments(site)?;
    offline::write(site, &book_title(site))
}

/// Every file of `site` as (its path relative to the site with `/`, its path), sorted, except
/// hidden ones (the build marker) and those under the `skip` folders.
fn site_files(site: &Path, skip: &[&str]) -> Result<Vec<(String, PathBuf)>, String> {
    let mut files = Vec::new();
    let mut folders = vec![site.to_path_buf()];
    while let Some(dir) = folders.pop() {
        for entry in std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))? {
            let path = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
            let name = path
                .strip_prefix(site)
                .map_err(|e| e.to_string())?
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            if name.starts_with('.')
                || skip
                    .iter()
                    .any(|s| name == *s || name.starts_with(&format!("{s}/")))
            {
                continue;
            }
            if path.is_dir() {
                folders.push(path);
            } else {
                files.push((name, path));
            }
        }
    }
    files.sort();
    Ok(files)
}

/// The book's title, from the menu bar of `print.html`.
fn book_title(site: &Path) -> String {
    std::fs::read_to_string(site.join("print.html"))
        .ok()
        .and_then(|html| {
            let at = html.find("<h1 class=\"menu-title\">")? + "<h1 class=\"menu-title\">".len();
            let end = html[at..].find("</h1>")? + at;
            Some(html[at..end].trim().to_string())
        })
        .unwrap_or_else(|| "Modul".into())
}

/// "1,2 MB" / "340 KB", as Indonesian writes decimals.
pub fn size_label(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0)).replace('.', ",")
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

/// Replaces the content of the page's `<div class="modul-unduh">` with the table.
fn fill_page(site: &Path, downloads: &[Download]) -> Result<(), String> {
    let path = site.join(PAGE);
    let Ok(html) = std::fs::read_to_string(&path) else {
        // A book without the page (a fixture) simply has no list.
        return Ok(());
    };
    let Some(open) = html.find(TABLE_OPEN) else {
        return Ok(());
    };
    let inner = open + TABLE_OPEN.len();
    let Some(close) = html[inner..].find("</div>").map(|i| i + inner) else {
        return Ok(());
    };
    let mut table = String::from(
        "\n<table class=\"modul-unduh-tabel\">\n<thead><tr><th scope=\"col\">Berkas</th><th scope=\"col\">Isi</th><th scope=\"col\">Halaman</th><th scope=\"col\">Ukuran</th></tr></thead>\n<tbody>\n",
    );
    for d in downloads {
        let pages = if d.pages > 0 {
            d.pages.to_string()
        } else {
            "–".into()
        };
        table.push_str(&format!(
            "<tr data-unduh=\"{file}\"><td><a href=\"{FOLDER}/{file}\" download>{file}</a></td><td>{title}</td><td>{pages}</td><td>{size}</td></tr>\n",
            file = escape(&d.file),
            title = escape(&d.title),
            size = size_label(d.bytes),
        ));
    }
    table.push_str("</tbody>\n</table>\n");
    let page = format!("{}{table}{}", &html[..inner], &html[close..]);
    std::fs::write(&path, page).map_err(|e| format!("{}: {e}", path.display()))
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_in_indonesian() {
        assert_eq!(size_label(1000), "1 KB");
        assert_eq!(size_label(5 * 1024 * 1024 + 300 * 1024), "5,3 MB");
    }
}
