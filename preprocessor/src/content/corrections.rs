//! The corrections made to the source texts: `book/data/penyuntingan/*.toml`, one file per
//! stretch of a source. The Catatan Penyuntingan page is rendered from them, and the fidelity
//! test applies them to the source before checking that every sentence is in the book.
//!
//! ```toml
//! sumber = "003_215ef461b9d5e6cd.txt"   # a file of the source texts
//! baris = [105, 383]                    # the source lines this file covers (inclusive)
//! bagian = "Sesi 1-1: Umum"             # heading on the page
//!
//! [[koreksi]]
//! lokasi = "Landasan Hukum, butir 2"
//! asli = "manunjukan"                   # literal source text …
//! perbaikan = "menunjukkan"             # … replaced by this within `baris`
//! alasan = "Salah ketik."
//! # jenis = "tata-letak": asli/perbaikan describe a layout change (not applied as text)
//! # jenis = "dihapus": asli is removed from the book; alasan says why
//! # jenis = "tambahan": a field the book adds to one of the modul's forms: `formulir` (its id
//! #   in forms/), `perbaikan` the added field(s), `asli` what the modul's form has there
//! # ejaan = true / false: whether the row's `asli` word is wrong wherever it appears (the
//! #   spelling check); by default rows whose `alasan` starts with "Ejaan"
//!
//! [[ejaan_asli]]                        # a word this stretch's spelling rows correct, kept
//! halaman = "src/sesi-1-1/landasan-hukum.md"   # on one page (book folder relative) …
//! kata = "Propinsi"                     # … as written, e.g. in an official title
//! alasan = "Judul resmi peraturan."
//! ```
//!
//! The spelling check ([`check_spelling`]): a word that a spelling row corrects in the modul is
//! an error wherever it appears in the book's own text, the exercises, the forms and the
//! glossary (not in the glossary's `sinonim`, which name wrong spellings on purpose).

use crate::diagnostic::{Diagnostic, Diagnostics, SourceFile, from_toml_error};
use serde::{Deserialize, Serialize};
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The folder of correction files inside the data folder.
pub(crate) const FOLDER: &str = "penyuntingan";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// Literal text replaced: the default.
    #[serde(rename = "teks")]
    Text,
    /// A layout change described in words.
    TataLetak,
    /// Text deliberately left out of the book.
    Dihapus,
    /// A field the book adds to one of the modul's forms (not applied as text).
    Tambahan,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileRecord {
    sumber: Spanned<String>,
    baris: Spanned<Vec<Spanned<i64>>>,
    bagian: Spanned<String>,
    #[serde(default)]
    koreksi: Vec<Spanned<RowRecord>>,
    #[serde(default)]
    ejaan_asli: Vec<Spanned<KeptRecord>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct KeptRecord {
    halaman: Spanned<String>,
    kata: Spanned<String>,
    alasan: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RowRecord {
    lokasi: Spanned<String>,
    asli: Spanned<String>,
    #[serde(default)]
    perbaikan: Option<Spanned<String>>,
    alasan: Spanned<String>,
    #[serde(default)]
    jenis: Option<Spanned<Kind>>,
    #[serde(default)]
    ejaan: Option<Spanned<bool>>,
    #[serde(default)]
    formulir: Option<Spanned<String>>,
}

/// One correction.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Correction {
    pub location: String,
    pub original: String,
    pub corrected: String,
    pub reason: String,
    pub kind: Kind,
    /// Line of the row in its TOML file, for messages of the fidelity test.
    pub line: usize,
    /// `ejaan`: the corrected word is wrong anywhere (see [`check_spelling`]).
    pub spelling: bool,
    /// `formulir`: the form an addition (`tambahan`) was made to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub form: Option<String>,
}

/// A word a spelling row corrects, kept as written on one page (`[[ejaan_asli]]`).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Kept {
    /// The page, relative to the book folder ("src/sesi-1-1/landasan-hukum.md").
    pub page: PathBuf,
    pub word: String,
    pub reason: String,
}

/// One file of corrections: a stretch of one source text.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct CorrectionFile {
    pub path: PathBuf,
    /// File name of the source text, e.g. `003_215ef461b9d5e6cd.txt`.
    pub source: String,
    /// First and last source line covered, 1-based, inclusive.
    pub lines: (usize, usize),
    pub section: String,
    pub rows: Vec<Correction>,
    /// Words kept as written on a page despite a spelling row.
    pub kept: Vec<Kept>,
}

/// Every correction file, in file-name order (the order of the page).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Corrections {
    pub files: Vec<CorrectionFile>,
}

impl Corrections {
    /// Reads `data/penyuntingan/*.toml`; a missing folder means no corrections.
    pub fn load(data_dir: &Path) -> Result<Corrections, Diagnostics> {
        let dir = data_dir.join(FOLDER);
        let mut paths: Vec<PathBuf> = match std::fs::read_dir(&dir) {
            Ok(entries) => entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "toml"))
                .collect(),
            Err(_) => return Ok(Corrections::default()),
        };
        paths.sort();
        let mut problems = Diagnostics::default();
        let mut files = Vec::new();
        let mut spans = Vec::new();
        for path in paths {
            let file = match SourceFile::read(&path) {
                Ok(file) => file,
                Err(d) => {
                    problems.push(d);
                    continue;
                }
            };
            match parse(&file) {
                Ok((parsed, span)) => {
                    files.push(parsed);
                    spans.push((file, span));
                }
                Err(d) => problems.extend(d),
            }
        }
        // Two files covering the same source lines would apply corrections twice.
        for (i, a) in files.iter().enumerate() {
            for b in &files[..i] {
                if a.source == b.source && a.lines.0 <= b.lines.1 && b.lines.0 <= a.lines.1 {
                    let (file, span) = &spans[i];
                    problems.push(file.error(
                        span.clone(),
                        format!(
                            "baris {}–{} tumpang tindih dengan baris {}–{} di {}",
                            a.lines.0,
                            a.lines.1,
                            b.lines.0,
                            b.lines.1,
                            crate::diagnostic::display_path(&b.path)
                        ),
                        "setiap baris sumber diurus oleh satu berkas koreksi saja; perbaiki rentang `baris`",
                    ));
                }
            }
        }
        problems.into_result()?;
        Ok(Corrections { files })
    }

    pub(crate) fn row_count(&self) -> usize {
        self.files.iter().map(|f| f.rows.len()).sum()
    }
}

fn parse(file: &SourceFile) -> Result<(CorrectionFile, Range<usize>), Diagnostics> {
    let help = "berkas koreksi berisi sumber, baris = [awal, akhir], bagian dan [[koreksi]] dengan lokasi, asli, perbaikan, alasan (dan jenis bila perlu); lihat book/PANDUAN-PENYUNTING.md";
    let record: FileRecord = toml::from_str(&file.text)
        .map_err(|err| Diagnostics(vec![from_toml_error(file, 0, &err, help)]))?;
    let mut problems = Diagnostics::default();
    let source = record.sumber.get_ref().trim().to_string();
    if source.is_empty() || source.contains(['/', '\\']) {
        problems.push(file.error(
            record.sumber.span(),
            format!("nama berkas sumber `{source}` tidak sah"),
            "tulis nama berkas teks sumber saja, misalnya \"003_215ef461b9d5e6cd.txt\"",
        ));
    }
    let lines = match record.baris.get_ref().as_slice() {
        [a, b] if *a.get_ref() >= 1 && a.get_ref() <= b.get_ref() => {
            (*a.get_ref() as usize, *b.get_ref() as usize)
        }
        _ => {
            problems.push(file.error(
                record.baris.span(),
                "rentang `baris` tidak sah",
                "tulis baris = [awal, akhir] dengan 1 ≤ awal ≤ akhir, misalnya [105, 383]",
            ));
            (1, 1)
        }
    };
    let section = record.bagian.get_ref().trim().to_string();
    if section.is_empty() {
        problems.push(file.error(
            record.bagian.span(),
            "`bagian` kosong",
            "tulis judul kelompok koreksi ini, misalnya \"Sesi 1-1: Umum\"",
        ));
    }
    let rows = record
        .koreksi
        .iter()
        .map(|row| correction(file, row, &mut problems))
        .collect();
    let kept = record
        .ejaan_asli
        .iter()
        .map(|k| {
            let k = k.get_ref();
            for (field, name) in [
                (&k.halaman, "halaman"),
                (&k.kata, "kata"),
                (&k.alasan, "alasan"),
            ] {
                if field.get_ref().trim().is_empty() {
                    problems.push(file.error(
                        field.span(),
                        format!("`{name}` kosong"),
                        "[[ejaan_asli]] mencatat halaman, kata yang dibiarkan, dan alasannya",
                    ));
                }
            }
            Kept {
                page: PathBuf::from(k.halaman.get_ref().trim()),
                word: k.kata.get_ref().trim().to_string(),
                reason: k.alasan.get_ref().trim().to_string(),
            }
        })
        .collect();
    problems.into_result()?;
    Ok((
        CorrectionFile {
            path: file.path.clone(),
            source,
            lines,
            section,
            rows,
            kept,
        },
        record.baris.span(),
    ))
}

/// One `[[koreksi]]` row: location, original and reason filled in, a fix unless the text was
/// removed on purpose.
fn correction(
    file: &SourceFile,
    row: &Spanned<RowRecord>,
    problems: &mut Diagnostics,
) -> Correction {
    let line = file.location(row.span().start).0;
    let row = row.get_ref();
    let kind = row.jenis.as_ref().map_or(Kind::Text, |k| *k.get_ref());
    let corrected = row.perbaikan.as_ref().map(|p| p.get_ref().clone());
    for (field, value) in [
        (&row.lokasi, "lokasi"),
        (&row.asli, "asli"),
        (&row.alasan, "alasan"),
    ] {
        if field.get_ref().trim().is_empty() {
            problems.push(file.error(
                field.span(),
                format!("`{value}` kosong"),
                format!("isi `{value}`: setiap koreksi mencatat lokasi, teks asli dan alasannya"),
            ));
        }
    }
    match (kind, &corrected) {
        (Kind::Dihapus, Some(p)) if !p.trim().is_empty() => problems.push(file.error(
            row.perbaikan.as_ref().map_or(0..0, |p| p.span()),
            "koreksi berjenis \"dihapus\" tidak mempunyai perbaikan",
            "kosongkan `perbaikan` atau hapus `jenis = \"dihapus\"`",
        )),
        (Kind::Text | Kind::TataLetak | Kind::Tambahan, None) => problems.push(file.error(
            row.asli.span(),
            "koreksi tanpa `perbaikan`",
            "tambahkan perbaikan = \"…\"; untuk teks yang sengaja tidak dimuat tulis jenis = \"dihapus\"; untuk tambahan pada formulir tulis kolom yang ditambahkan",
        )),
        _ => {}
    }
    match (kind, &row.formulir) {
        (Kind::Tambahan, None) => problems.push(file.error(
            row.jenis.as_ref().map_or(row.asli.span(), Spanned::span),
            "tambahan tanpa `formulir`",
            "tulis id formulir yang ditambahi, misalnya formulir = \"asesmen-rencana-pelayanan\" (nama berkas di forms/)",
        )),
        (Kind::Text | Kind::TataLetak | Kind::Dihapus, Some(f)) => problems.push(file.error(
            f.span(),
            "`formulir` hanya untuk koreksi berjenis \"tambahan\"",
            "hapus `formulir`, atau tulis jenis = \"tambahan\" bila baris ini mencatat kolom yang ditambahkan",
        )),
        _ => {}
    }
    let reason = row.alasan.get_ref().trim();
    let spelling = kind == Kind::Text
        && row
            .ejaan
            .as_ref()
            .map_or(reason.starts_with("Ejaan"), |e| *e.get_ref());
    Correction {
        location: row.lokasi.get_ref().trim().to_string(),
        original: row.asli.get_ref().clone(),
        corrected: corrected.unwrap_or_default(),
        reason: reason.to_string(),
        kind,
        line,
        spelling,
        form: row
            .formulir
            .as_ref()
            .map(|f| f.get_ref().trim().to_string()),
    }
}

/// The source text as the book means to give it: each file's literal corrections applied,
/// in order, within its lines; removed text taken out. Returns the corrected lines with the
/// 1-based source line each starts from, and the rows whose `asli` is not in their stretch
/// (those are skipped).
pub fn apply(
    source_name: &str,
    source_text: &str,
    corrections: &Corrections,
) -> (Vec<(usize, String)>, Vec<Diagnostic>) {
    let lines: Vec<&str> = source_text.lines().collect();
    let mut stretches: Vec<&CorrectionFile> = corrections
        .files
        .iter()
        .filter(|f| f.source == source_name)
        .collect();
    stretches.sort_by_key(|f| f.lines.0);
    let mut out = Vec::new();
    let mut problems = Vec::new();
    let mut next = 1;
    let push_plain = |from: usize, to: usize, out: &mut Vec<(usize, String)>| {
        for n in from..=to.min(lines.len()) {
            out.push((n, lines[n - 1].to_string()));
        }
    };
    for stretch in stretches {
        let (first, last) = stretch.lines;
        if first > next {
            push_plain(next, first - 1, &mut out);
        }
        let last = last.min(lines.len());
        let mut text = lines[(first - 1).min(lines.len())..last].join("\n");
        let original = text.clone();
        for row in &stretch.rows {
            if matches!(row.kind, Kind::TataLetak | Kind::Tambahan) {
                continue;
            }
            if !original.contains(&row.original) {
                problems.push(Diagnostic {
                    path: stretch.path.clone(),
                    line: Some(row.line),
                    col: Some(1),
                    message: format!(
                        "teks asli {:?} tidak terdapat di {} baris {}–{}",
                        row.original, source_name, first, last
                    ),
                    help: "salin teks asli persis dari sumber (huruf, spasi, spasi tak-putus U+00A0 ditulis \\u00a0, tanda kutip lengkung), atau tulis jenis = \"tata-letak\" bila kolom asli berupa keterangan".into(),
                    snippet: None,
                    follows: false,
                });
                continue;
            }
            text = text.replace(&row.original, &row.corrected);
        }
        // Line numbers after a multi-line replacement are approximate; they only point a
        // reader to the neighbourhood of a missing sentence.
        for (i, line) in text.lines().enumerate() {
            out.push(((first + i).min(last), line.to_string()));
        }
        next = last + 1;
    }
    if next <= lines.len() {
        push_plain(next, lines.len(), &mut out);
    }
    (out, problems)
}

/// Additions (`jenis = "tambahan"`) name a form that exists (`ids`: the files in forms/).
pub(crate) fn check_forms<'a>(
    corrections: &Corrections,
    ids: impl IntoIterator<Item = &'a str> + Clone,
) -> Diagnostics {
    let mut problems = Diagnostics::default();
    for file in &corrections.files {
        for row in &file.rows {
            let Some(form) = &row.form else { continue };
            if !ids.clone().into_iter().any(|id| id == form) {
                problems.push(Diagnostic {
                    path: file.path.clone(),
                    line: Some(row.line),
                    col: Some(1),
                    message: format!("tambahan pada formulir `{form}` yang tidak ada di forms/"),
                    help: format!(
                        "tulis id formulir (nama berkas di forms/ tanpa .toml); {}",
                        crate::diagnostic::suggestion(form, ids.clone(), "formulir")
                    ),
                    snippet: None,
                    follows: false,
                });
            }
        }
    }
    problems
}

// ---- The spelling check ---------------------------------------------------------------------

/// A word (or a few) that a spelling row corrects in the modul, lower case, and its fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Misspelling {
    pub(crate) wrong: String,
    pub(crate) right: String,
    /// The correction file and the row's line, named in the message.
    pub(crate) file: PathBuf,
    pub(crate) line: usize,
}

/// Words of a text: runs of letters, digits, `_` and inner hyphens ("respon-respon").
fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_'))
        .map(|w| w.trim_matches('-'))
        .filter(|w| !w.is_empty())
        .collect()
}

impl Corrections {
    /// What the spelling rows teach: for each row, the words of `asli` that `perbaikan`
    /// changes (the common words around them dropped), first row first.
    pub(crate) fn misspellings(&self) -> Vec<Misspelling> {
        let mut out: Vec<Misspelling> = Vec::new();
        for file in &self.files {
            for row in file.rows.iter().filter(|r| r.spelling) {
                let (a, b) = (words(&row.original), words(&row.corrected));
                let same_start = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
                let rest = a.len().min(b.len()) - same_start;
                let same_end = a
                    .iter()
                    .rev()
                    .zip(b.iter().rev())
                    .take(rest)
                    .take_while(|(x, y)| x == y)
                    .count();
                let (a, b) = (
                    &a[same_start..a.len() - same_end],
                    &b[same_start..b.len() - same_end],
                );
                let pairs: Vec<(String, String)> = if a.len() == b.len() && a.len() > 1 {
                    a.iter()
                        .zip(b)
                        .map(|(x, y)| (x.to_string(), y.to_string()))
                        .collect()
                } else if a.is_empty() {
                    Vec::new()
                } else {
                    vec![(a.join(" "), b.join(" "))]
                };
                for (wrong, right) in pairs {
                    let wrong = wrong.to_lowercase();
                    if wrong == right.to_lowercase() || out.iter().any(|m| m.wrong == wrong) {
                        continue;
                    }
                    out.push(Misspelling {
                        wrong,
                        right,
                        file: file.path.clone(),
                        line: row.line,
                    });
                }
            }
        }
        out
    }
}

/// How a file is read by the spelling check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TextKind {
    /// A chapter: code spans, code blocks and HTML comments are not prose.
    Markdown,
    /// An exercise or form file: comment lines are not shown to anyone.
    Toml,
    /// The glossary: also not its `sinonim` lists, which name wrong spellings on purpose.
    Glossary,
}

/// The bytes of `text` that are not checked, blanked (offsets stay as in the file).
fn checked_text(text: &str, kind: TextKind) -> Vec<u8> {
    let mut out = text.as_bytes().to_ascii_lowercase();
    let mut blank = |range: std::ops::Range<usize>| {
        for b in &mut out[range] {
            *b = b' ';
        }
    };
    let mut offset = 0;
    let mut fence = false;
    let mut in_list = false;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim_start();
        match kind {
            TextKind::Markdown => {
                if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
                    fence = !fence;
                    blank(start..offset);
                } else if fence {
                    blank(start..offset);
                }
            }
            TextKind::Toml | TextKind::Glossary => {
                if trimmed.starts_with('#') {
                    blank(start..offset);
                } else if kind == TextKind::Glossary && (in_list || trimmed.starts_with("sinonim"))
                {
                    blank(start..offset);
                    in_list = !line.contains(']');
                }
            }
        }
    }
    if kind == TextKind::Markdown {
        for (open, close) in [("<!--", "-->"), ("`", "`")] {
            let mut from = 0;
            while let Some(at) = text[from..].find(open) {
                let begin = from + at;
                let Some(len) = text[begin + open.len()..].find(close) else {
                    break;
                };
                let end = begin + open.len() + len + close.len();
                blank(begin..end);
                from = end;
            }
        }
    }
    out
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b >= 0x80
}

/// Every use of a word the corrections fix in the modul, in `files` (the book's chapters, the
/// exercise and form files, the glossary): an error with the correction, unless the word is
/// kept on that page by `[[ejaan_asli]]`.
pub(crate) fn check_spelling(
    corrections: &Corrections,
    files: impl IntoIterator<Item = (SourceFile, TextKind)>,
) -> Diagnostics {
    let mut problems = Diagnostics::default();
    let misspellings = corrections.misspellings();
    let kept: Vec<&Kept> = corrections.files.iter().flat_map(|f| &f.kept).collect();
    // Looked up by first word: one pass over each file, however many rows there are.
    let mut by_first: std::collections::HashMap<&str, Vec<(&Misspelling, Vec<&str>)>> =
        std::collections::HashMap::new();
    for m in &misspellings {
        let parts: Vec<&str> = m.wrong.split(' ').collect();
        by_first.entry(parts[0]).or_default().push((m, parts));
    }
    for (file, kind) in files {
        let text = checked_text(&file.text, kind);
        // Words of the checked text: (start, end) byte offsets.
        let mut tokens: Vec<(usize, usize)> = Vec::new();
        let mut start = None;
        for (i, &b) in text.iter().enumerate() {
            match (is_word_byte(b), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    tokens.push((s, i));
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            tokens.push((s, text.len()));
        }
        let word = |t: (usize, usize)| std::str::from_utf8(&text[t.0..t.1]).unwrap_or("");
        let mut found: Vec<(usize, usize, &Misspelling)> = Vec::new();
        for (at, &token) in tokens.iter().enumerate() {
            let Some(candidates) = by_first.get(word(token)) else {
                continue;
            };
            for (m, parts) in candidates {
                let Some(last) = tokens.get(at + parts.len() - 1) else {
                    continue;
                };
                let same = parts.iter().zip(&tokens[at..]).all(|(p, t)| word(*t) == *p);
                // Words of a phrase stand next to each other, separated by blanks only.
                let adjacent = tokens[at..at + parts.len()]
                    .windows(2)
                    .all(|w| text[w[0].1..w[1].0].iter().all(u8::is_ascii_whitespace));
                if !same || !adjacent {
                    continue;
                }
                if kept
                    .iter()
                    .any(|k| file.path.ends_with(&k.page) && k.word.to_lowercase() == m.wrong)
                {
                    continue;
                }
                found.push((token.0, last.1, m));
            }
        }
        found.sort_by_key(|(at, _, _)| *at);
        for (begin, end, m) in found {
            let written = &file.text[begin..end];
            // The fix in the case the text was written in: "Respon" → "Respons".
            let upper = written.starts_with(char::is_uppercase);
            let mut chars = m.right.chars();
            let right: String = match chars.next() {
                Some(c) if upper => c.to_uppercase().chain(chars).collect(),
                Some(c) => c.to_lowercase().chain(chars).collect(),
                None => String::new(),
            };
            problems.push(file.error(
                begin..end,
                format!("ejaan tidak baku: `{written}`; tulis `{right}`"),
                format!(
                    "teks modul memperbaiki kata ini di {}:{}, jadi buku menulisnya dengan ejaan baku di mana pun. Bila kata ini harus tetap seperti tertulis (misalnya judul resmi), catat di [[ejaan_asli]] berkas koreksi halaman itu (book/data/penyuntingan/)",
                    crate::diagnostic::display_path(&m.file),
                    m.line
                ),
            ));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile::new("book/data/penyuntingan/01.toml", text)
    }

    #[test]
    fn parses_rows_and_kinds() {
        let (parsed, _) = parse(&file(
            "sumber = \"a.txt\"\nbaris = [2, 3]\nbagian = \"X\"\n\n[[koreksi]]\nlokasi = \"l\"\nasli = \"salh\"\nperbaikan = \"salah\"\nalasan = \"Salah ketik.\"\n\n[[koreksi]]\nlokasi = \"l\"\nasli = \"kalimat\"\nalasan = \"r\"\njenis = \"dihapus\"\n",
        ))
        .expect("valid");
        assert_eq!(parsed.lines, (2, 3));
        assert_eq!(parsed.rows.len(), 2);
        assert_eq!(parsed.rows[0].line, 5);
        assert_eq!(parsed.rows[1].kind, Kind::Dihapus);
    }

    #[test]
    fn reports_bad_range_and_missing_fix() {
        let err = parse(&file(
            "sumber = \"a.txt\"\nbaris = [5, 3]\nbagian = \"X\"\n[[koreksi]]\nlokasi = \"l\"\nasli = \"x\"\nalasan = \"r\"\n",
        ))
        .expect_err("invalid");
        let text = err.to_string();
        assert!(text.contains("rentang `baris` tidak sah"), "{text}");
        assert!(text.contains("koreksi tanpa `perbaikan`"), "{text}");
    }

    #[test]
    fn applies_within_its_lines_only() {
        let (parsed, _) = parse(&file(
            "sumber = \"a.txt\"\nbaris = [2, 2]\nbagian = \"X\"\n[[koreksi]]\nlokasi = \"l\"\nasli = \"salh\"\nperbaikan = \"salah\"\nalasan = \"r\"\n",
        ))
        .expect("valid");
        let all = Corrections {
            files: vec![parsed],
        };
        let (lines, problems) = apply("a.txt", "salh satu\nsalh dua\nsalh tiga", &all);
        assert!(problems.is_empty());
        let text: Vec<&str> = lines.iter().map(|(_, l)| l.as_str()).collect();
        assert_eq!(text, ["salh satu", "salah dua", "salh tiga"]);
        let (_, missing) = apply("a.txt", "x\ny\nz", &all);
        assert_eq!(missing[0].line, Some(4));
    }

    fn spelling_rows() -> Corrections {
        let (parsed, _) = parse(&file(
            "sumber = \"a.txt\"\nbaris = [1, 9]\nbagian = \"X\"\n\
             [[koreksi]]\nlokasi = \"l\"\nasli = \"berbagai respon\"\nperbaikan = \"berbagai respons\"\nalasan = \"Ejaan baku.\"\n\
             [[koreksi]]\nlokasi = \"l\"\nasli = \"olah raga\"\nperbaikan = \"olahraga\"\nalasan = \"Ejaan baku (KBBI).\"\n\
             [[koreksi]]\nlokasi = \"l\"\nasli = \"berbagi cara\"\nperbaikan = \"berbagai cara\"\nalasan = \"Salah ketik.\"\n\
             [[koreksi]]\nlokasi = \"l\"\nasli = \"Sebagai laison\"\nperbaikan = \"Sebagai penghubung\"\nalasan = \"Salah ketik.\"\nejaan = true\n\
             [[koreksi]]\nlokasi = \"l\"\nasli = \"test\"\nperbaikan = \"tes\"\nalasan = \"Ejaan baku.\"\nejaan = false\n\
             [[ejaan_asli]]\nhalaman = \"src/lama.md\"\nkata = \"Respon\"\nalasan = \"Judul resmi.\"\n",
        ))
        .expect("valid");
        Corrections {
            files: vec![parsed],
        }
    }

    #[test]
    fn spelling_rows_teach_the_words_they_change() {
        let taught: Vec<(String, String)> = spelling_rows()
            .misspellings()
            .into_iter()
            .map(|m| (m.wrong, m.right))
            .collect();
        // Only rows about spelling ("Ejaan…", or `ejaan = true`): "berbagi" is a word.
        assert_eq!(
            taught,
            [
                ("respon".to_string(), "respons".to_string()),
                ("olah raga".into(), "olahraga".into()),
                ("laison".into(), "penghubung".into()),
            ]
        );
    }

    #[test]
    fn spelling_check_names_the_place_and_the_fix() {
        let rows = spelling_rows();
        let files = [
            (
                SourceFile::new(
                    "book/src/a.md",
                    "# Judul\n\nRespon warga dan olah raga pagi. `respon` dalam kode.\n<!-- respon -->\n\n```\nrespon\n```\nkorespondensi, respons, respon-respon\n",
                ),
                TextKind::Markdown,
            ),
            (
                SourceFile::new(
                    "book/data/istilah.toml",
                    "# respon di komentar\n[[istilah]]\nistilah = \"x\"\ndefinisi = \"Sebuah respon.\"\nsinonim = [\n  \"respon\",\n]\n",
                ),
                TextKind::Glossary,
            ),
            (
                SourceFile::new("book/src/lama.md", "Respon Lama\n"),
                TextKind::Markdown,
            ),
        ];
        let text = check_spelling(&rows, files).to_string();
        assert!(
            text.contains("book/src/a.md:3:1: ejaan tidak baku: `Respon`; tulis `Respons`"),
            "{text}"
        );
        assert!(
            text.contains("book/src/a.md:3:18: ejaan tidak baku: `olah raga`; tulis `olahraga`"),
            "{text}"
        );
        assert!(
            text.contains(
                "book/data/istilah.toml:4:20: ejaan tidak baku: `respon`; tulis `respons`"
            ),
            "{text}"
        );
        assert!(
            text.contains("book/data/penyuntingan/01.toml:4"),
            "the row: {text}"
        );
        // Code, comments, synonyms, longer words and the kept title are left alone.
        assert_eq!(text.matches("galat:").count(), 3, "{text}");
    }

    #[test]
    fn additions_name_their_form() {
        let (parsed, _) = parse(&file(
            "sumber = \"a.txt\"\nbaris = [1, 9]\nbagian = \"X\"\n[[koreksi]]\nlokasi = \"Formulir 1\"\nasli = \"(tidak ada)\"\nperbaikan = \"Prioritas\"\nalasan = \"r\"\njenis = \"tambahan\"\nformulir = \"asesmen\"\n",
        ))
        .expect("valid");
        assert_eq!(parsed.rows[0].kind, Kind::Tambahan);
        assert_eq!(parsed.rows[0].form.as_deref(), Some("asesmen"));
        let all = Corrections {
            files: vec![parsed],
        };
        let (lines, problems) = apply("a.txt", "(tidak ada)", &all);
        assert!(problems.is_empty(), "not applied as text");
        assert_eq!(lines[0].1, "(tidak ada)");
        let err = parse(&file(
            "sumber = \"a.txt\"\nbaris = [1, 9]\nbagian = \"X\"\n[[koreksi]]\nlokasi = \"l\"\nasli = \"a\"\nperbaikan = \"b\"\nalasan = \"r\"\nformulir = \"asesmen\"\n",
        ))
        .expect_err("a form on a text row");
        assert!(
            err.to_string().contains("hanya untuk koreksi berjenis"),
            "{err}"
        );
    }
}
