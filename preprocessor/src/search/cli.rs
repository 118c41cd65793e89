//! `modul cari "KUERI"`: the site's search in the terminal. The book is built into a temporary
//! folder and the index written there is searched with the browser's rules, so the answer is
//! what a reader of that build would see.

use super::query::search;
use crate::build::{BuildOptions, Error, build_book};
use std::fmt::Write;
use std::path::Path;

/// Words of snippet context shown per result.
const SNIPPET_WORDS: usize = 24;

/// The results as text: rank, "Halaman » Bagian", address, and a snippet with the matched words
/// in «guillemets».
pub fn run(book_dir: &Path, query: &str, limit: usize) -> Result<String, Error> {
    let temp = tempfile::tempdir().map_err(|e| Error::Other(format!("folder sementara: {e}")))?;
    let site = build_book(&BuildOptions {
        book_dir: book_dir.to_path_buf(),
        dest_dir: Some(temp.path().join("situs")),
    })?;
    let built = super::read(&site).map_err(|e| {
        Error::Other(format!(
            "{e}\n  = cara memperbaiki: pencarian buku ini tidak memakai indeks modul; periksa [output.html.search] di book.toml (copy-js = false)"
        ))
    })?;
    let hits = search(&built.export, query);
    let mut out = String::new();
    if hits.is_empty() {
        let _ = writeln!(out, "Tidak ada hasil untuk '{query}'.");
        return Ok(out);
    }
    let shown = hits.len().min(limit);
    let _ = writeln!(out, "{} hasil untuk '{query}':", hits.len());
    for (rank, hit) in hits.iter().take(shown).enumerate() {
        let _ = writeln!(
            out,
            "{:>2}. {}  [{:.0}]\n    {}",
            rank + 1,
            built.export.breadcrumb(hit.section),
            hit.score,
            built.export.url(hit.section)
        );
        let text = built.texts.get(hit.section).map_or("", String::as_str);
        let snippet = snippet(text, &hit.terms);
        if !snippet.is_empty() {
            let _ = writeln!(out, "    {snippet}");
        }
    }
    Ok(out)
}

/// The window of [`SNIPPET_WORDS`] words with the most matched words, matches in «…».
fn snippet(text: &str, terms: &std::collections::BTreeSet<String>) -> String {
    let words = super::analyzer::words(text);
    if words.is_empty() {
        return String::new();
    }
    let hit: Vec<bool> = words
        .iter()
        .map(|w| {
            super::stemmer::RULES
                .candidates(&w.text)
                .iter()
                .any(|r| terms.contains(r))
        })
        .collect();
    let size = words.len().min(SNIPPET_WORDS);
    let mut count: usize = hit[..size].iter().filter(|h| **h).count();
    let (mut best, mut from) = (count, 0);
    for i in size..words.len() {
        count = count + usize::from(hit[i]) - usize::from(hit[i - size]);
        if count > best {
            best = count;
            from = i - size + 1;
        }
    }
    let start = if from == 0 { 0 } else { words[from].start };
    let end = if from + size >= words.len() {
        text.len()
    } else {
        words[from + size - 1].end
    };
    let mut out = String::new();
    if start > 0 {
        out.push_str("… ");
    }
    let mut at = start;
    for (w, h) in words[from..from + size].iter().zip(&hit[from..from + size]) {
        if *h {
            out.push_str(&text[at..w.start]);
            out.push('«');
            out.push_str(&text[w.start..w.end]);
            out.push('»');
            at = w.end;
        }
    }
    out.push_str(&text[at..end]);
    if end < text.len() {
        out.push_str(" …");
    }
    out
}
