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
//! ```

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
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileRecord {
    sumber: Spanned<String>,
    baris: Spanned<Vec<Spanned<i64>>>,
    bagian: Spanned<String>,
    #[serde(default)]
    koreksi: Vec<Spanned<RowRecord>>,
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
    problems.into_result()?;
    Ok((
        CorrectionFile {
            path: file.path.clone(),
            source,
            lines,
            section,
            rows,
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
        (Kind::Text | Kind::TataLetak, None) => problems.push(file.error(
            row.asli.span(),
            "koreksi tanpa `perbaikan`",
            "tambahkan perbaikan = \"…\"; untuk teks yang sengaja tidak dimuat tulis jenis = \"dihapus\"",
        )),
        _ => {}
    }
    Correction {
        location: row.lokasi.get_ref().trim().to_string(),
        original: row.asli.get_ref().clone(),
        corrected: corrected.unwrap_or_default(),
        reason: row.alasan.get_ref().trim().to_string(),
        kind,
        line,
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
            if row.kind == Kind::TataLetak {
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
}
