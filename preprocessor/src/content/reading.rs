//! Supporting readings (Bacaan Pendukung): a chapter whose front matter has a `[bacaan]` table.
//! The record says where the text comes from and which chapters it supports; the page gets a
//! source line under its title and every supported chapter gets a link back, both generated.
//!
//! ```toml
//! +++
//! [bacaan]
//! judul_asli = "Asismen"
//! tanggal = "11 Februari 2013"        # optional
//! sumber = "000_8e16dc002ee82a80.txt"
//! jenis = "Catatan blog"
//! mendukung = ["sesi-1-4/asesmen.md"] # chapters, relative to src/
//! +++
//! ```

use super::chapters::{ChapterIndex, FrontMatter, normalize};
use crate::diagnostic::{Diagnostics, SourceFile, from_toml_error, suggestion};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatterRecord {
    bacaan: Option<Spanned<ReadingRecord>>,
    /// A session record, read by [`crate::session`].
    #[allow(dead_code)]
    sesi: Option<serde::de::IgnoredAny>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReadingRecord {
    judul_asli: Spanned<String>,
    #[serde(default)]
    tanggal: Option<Spanned<String>>,
    sumber: Spanned<String>,
    jenis: Spanned<String>,
    mendukung: Spanned<Vec<Spanned<String>>>,
}

/// One supporting reading, validated.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub(crate) struct Reading {
    /// The reading's chapter, relative to `src/`.
    pub(crate) chapter: PathBuf,
    pub(crate) original_title: String,
    pub(crate) date: Option<String>,
    pub(crate) source: String,
    pub(crate) kind: String,
    /// Chapters it supports, relative to `src/`, in the order given.
    pub(crate) supports: Vec<PathBuf>,
    /// Where the source line goes: after the page's first `# ` heading.
    pub(crate) insert_at: usize,
}

/// Parses the reading record of one chapter, if its front matter has one.
pub(crate) fn parse(
    file: &SourceFile,
    front: &FrontMatter,
    chapter: &Path,
    index: &ChapterIndex,
) -> Result<Option<Reading>, Diagnostics> {
    let help = "front matter bacaan berisi tabel [bacaan] dengan judul_asli, tanggal (bila ada), sumber, jenis dan mendukung; lihat book/PANDUAN-PENYUNTING.md";
    let record: FrontMatterRecord = toml::from_str(&file.text[front.toml.clone()])
        .map_err(|err| Diagnostics(vec![from_toml_error(file, front.toml.start, &err, help)]))?;
    let Some(record) = record.bacaan else {
        return Ok(None);
    };
    let base = front.toml.start;
    let at = |span: std::ops::Range<usize>| base + span.start..base + span.end;
    let record = record.into_inner();
    let mut problems = Diagnostics::default();
    for (field, name) in [
        (&record.judul_asli, "judul_asli"),
        (&record.sumber, "sumber"),
        (&record.jenis, "jenis"),
    ] {
        if field.get_ref().trim().is_empty() {
            problems.push(file.error(
                at(field.span()),
                format!("`{name}` kosong"),
                format!("isi `{name}` seperti tertulis pada sumber bacaan"),
            ));
        }
    }
    let mut supports = Vec::new();
    if record.mendukung.get_ref().is_empty() {
        problems.push(file.error(
            at(record.mendukung.span()),
            "bacaan tidak mendukung bab mana pun",
            "tulis mendukung = [\"sesi-1-4/asesmen.md\"]: bab yang didukung bacaan ini",
        ));
    }
    for target in record.mendukung.get_ref() {
        let path = normalize(Path::new(target.get_ref().trim()));
        if path == chapter {
            problems.push(file.error(
                at(target.span()),
                "bacaan tidak dapat mendukung dirinya sendiri",
                "tulis bab lain",
            ));
        } else if !index.chapters.contains(&path) {
            let known: Vec<String> = index
                .chapters
                .iter()
                .map(|c| c.to_string_lossy().into_owned())
                .collect();
            problems.push(file.error(
                at(target.span()),
                format!("bab `{}` tidak ada di SUMMARY.md", target.get_ref()),
                format!(
                    "tulis jalur bab relatif terhadap book/src; {}",
                    suggestion(target.get_ref(), known.iter().map(String::as_str), "bab")
                ),
            ));
        } else if supports.contains(&path) {
            problems.push(file.error(
                at(target.span()),
                format!("bab `{}` tercantum dua kali", target.get_ref()),
                "hapus salah satunya",
            ));
        } else {
            supports.push(path);
        }
    }
    problems.into_result()?;
    Ok(Some(Reading {
        chapter: chapter.to_path_buf(),
        original_title: record.judul_asli.get_ref().trim().to_string(),
        date: record.tanggal.map(|t| t.get_ref().trim().to_string()),
        source: record.sumber.get_ref().trim().to_string(),
        kind: record.jenis.get_ref().trim().to_string(),
        supports,
        insert_at: after_title(&file.text, front.block.end),
    }))
}

/// The offset just after the first `# ` heading line at or after `from`, or `from`.
fn after_title(text: &str, from: usize) -> usize {
    let mut offset = from;
    for line in text[from..].split_inclusive('\n') {
        offset += line.len();
        if line.starts_with("# ") {
            return offset;
        }
    }
    from
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_line_goes_after_the_title() {
        let text = "+++\n+++\n\n# Judul\n\nIsi.\n";
        assert_eq!(&text[after_title(text, 8)..], "\nIsi.\n");
        assert_eq!(after_title("tanpa judul\n", 0), 0);
    }
}
