//! The book's own search, replacing mdBook's English one: an Indonesian analyzer
//! ([`analyzer`], [`stemmer`]), a tantivy index of the built pages by section ([`sections`],
//! [`index`]) exported as two classic scripts, and the query rules ([`query`]) that
//! `book/theme/modul-cari.js` follows in the browser and `modul cari` in the terminal. The
//! ranking's numbers ([`query::RANKING`]) travel inside the index, the analyzer's tables in
//! `theme/generated/modul-data.js`: the browser keeps no copy of either.
//!
//! Files written into the site (both loaded only when a reader starts searching):
//!
//! - `pencarian/indeks.js`: pages, sections, terms with per-section impacts, glossary synonyms
//!   and the ranking's numbers ([`index::Export`]); enough to rank and list results;
//! - `pencarian/teks.js`: the text of every section, for snippets (loaded after the index).

pub mod analyzer;
pub mod index;
pub mod query;
pub(crate) mod sections;
pub(crate) mod snippet;
pub mod stemmer;

use crate::glossary::Glossary;
use index::Export;
use std::path::Path;
use std::time::{Duration, Instant};

/// Folder of the search files inside the site.
pub(crate) const FOLDER: &str = "pencarian";
pub(crate) const INDEX_FILE: &str = "indeks.js";
pub(crate) const TEXT_FILE: &str = "teks.js";
/// The global variables the two files set.
pub(crate) const INDEX_VAR: &str = "modulIndeksCari";
pub(crate) const TEXT_VAR: &str = "modulTeksCari";

/// A page to index: its address relative to the site root, its title and the title of the
/// chapter it sits under ("" at the top level).
#[derive(Debug, Clone)]
pub struct Page {
    pub url: String,
    pub title: String,
    pub part: String,
}

/// What indexing produced.
#[derive(Debug, Clone)]
pub struct Stats {
    pub sections: usize,
    pub terms: usize,
    pub index_bytes: usize,
    pub text_bytes: usize,
    pub time: Duration,
}

/// The index and the section texts of a built site, as written into it.
pub struct Built {
    pub export: Export,
    pub texts: Vec<String>,
}

/// Reads the built pages and indexes them.
pub(crate) fn build(site: &Path, pages: &[Page], glossary: &Glossary) -> Result<Built, String> {
    let per_page = in_parallel(pages, |page| {
        let path = site.join(&page.url);
        let html = std::fs::read_to_string(&path)
            .map_err(|e| format!("{}: {e}", crate::diagnostic::display_path(&path)))?;
        Ok::<_, String>(sections::sections(&html, &page.url, &page.title))
    });
    let mut all = Vec::new();
    for sections in per_page {
        all.extend(sections?);
    }
    let mut export = index::build(&all, glossary)?;
    let parts: std::collections::HashMap<&str, &str> = pages
        .iter()
        .map(|p| (p.url.as_str(), p.part.as_str()))
        .collect();
    for entry in &mut export.pages {
        if let Some(part) = parts.get(entry.url.as_str()) {
            entry.part = (*part).to_string();
        }
    }
    let texts = all.into_iter().map(|s| s.body).collect();
    Ok(Built { export, texts })
}

/// `f` over `items` on the machine's cores (at most 4 threads), results in input order.
pub(crate) fn in_parallel<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 4);
    let chunk = items.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(|| part.iter().map(&f).collect::<Vec<R>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// Indexes the built pages of `site` and writes the search files into it.
pub fn write(site: &Path, pages: &[Page], glossary: &Glossary) -> Result<Stats, String> {
    let start = Instant::now();
    let built = build(site, pages, glossary)?;
    let index = script(INDEX_VAR, &built.export)?;
    let texts = script(TEXT_VAR, &built.texts)?;
    let folder = site.join(FOLDER);
    std::fs::create_dir_all(&folder).map_err(|e| format!("{}: {e}", folder.display()))?;
    for (name, text) in [(INDEX_FILE, &index), (TEXT_FILE, &texts)] {
        let path = folder.join(name);
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(Stats {
        sections: built.texts.len(),
        terms: built.export.terms.len(),
        index_bytes: index.len(),
        text_bytes: texts.len(),
        time: start.elapsed(),
    })
}

/// `window.NAME = JSON;` — a classic script, so it loads from `file://` too.
fn script(name: &str, value: &impl serde::Serialize) -> Result<String, String> {
    let json = serde_json::to_string(value).map_err(|e| e.to_string())?;
    Ok(format!("window.{name} = {json};\n"))
}

/// Reads the search files of a built site back (for `modul cari`).
pub fn read(site: &Path) -> Result<Built, String> {
    let load = |name: &str, var: &str| -> Result<String, String> {
        let path = site.join(FOLDER).join(name);
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("{}: {e}", crate::diagnostic::display_path(&path)))?;
        let json = text
            .trim_end()
            .strip_prefix(&format!("window.{var} = "))
            .and_then(|t| t.strip_suffix(';'))
            .ok_or_else(|| format!("{}: bukan berkas indeks pencarian", path.display()))?;
        Ok(json.to_string())
    };
    let export: Export = serde_json::from_str(&load(INDEX_FILE, INDEX_VAR)?)
        .map_err(|e| format!("indeks pencarian: {e}"))?;
    let texts: Vec<String> = serde_json::from_str(&load(TEXT_FILE, TEXT_VAR)?)
        .map_err(|e| format!("teks pencarian: {e}"))?;
    Ok(Built { export, texts })
}
