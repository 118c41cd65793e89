//! What the preprocessor knows about the book's chapters: the TOML front matter block
//! (`+++ … +++`) at the top of a chapter, the chapter tree of SUMMARY.md, and chapter paths.

use crate::diagnostic::{Diagnostic, SourceFile};
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::{Component, Path, PathBuf};

const DELIMITER: &str = "+++";

/// Where the front matter sits in a chapter's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FrontMatter {
    /// The whole block, delimiters and the line break after the closing one included.
    pub(crate) block: Range<usize>,
    /// The TOML between the delimiters.
    pub(crate) toml: Range<usize>,
}

/// Finds a front-matter block that starts on the first line. An opening `+++` without a
/// closing one is an error.
pub(crate) fn front_matter(file: &SourceFile) -> Result<Option<FrontMatter>, Diagnostic> {
    let text = &file.text;
    let first_line_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_line_end].trim_end() != DELIMITER {
        return Ok(None);
    }
    let mut offset = first_line_end;
    while offset < text.len() {
        let end = text[offset..]
            .find('\n')
            .map_or(text.len(), |i| offset + i + 1);
        if text[offset..end].trim_end() == DELIMITER {
            return Ok(Some(FrontMatter {
                block: 0..end,
                toml: first_line_end..offset,
            }));
        }
        offset = end;
    }
    Err(file.error(
        0..DELIMITER.len(),
        "front matter dibuka dengan `+++` tetapi tidak pernah ditutup",
        "tambahkan baris `+++` setelah data sesi, sebelum teks bab",
    ))
}

/// What the validator needs to know about the book's chapters.
#[derive(Debug, Default)]
pub(crate) struct ChapterIndex {
    /// Every chapter file, relative to `src/`.
    pub(crate) chapters: BTreeSet<PathBuf>,
    /// Direct sub-chapters of each chapter, in SUMMARY.md order.
    pub(crate) children: BTreeMap<PathBuf, Vec<PathBuf>>,
}

/// `a/./b/../c` → `a/c`, without touching the file system.
pub(crate) fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            // A leading `..` of a relative path is kept: `../exercises` seen from `.` is
            // not `exercises`.
            Component::ParentDir => {
                if matches!(out.components().next_back(), Some(Component::Normal(_))) {
                    out.pop();
                } else if !out.has_root() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// A SUMMARY.md that lists no chapter, and chapters whose file holds nothing: named as the
/// cause, before the problems that follow from the missing pages.
pub(crate) fn empty_files(src: &Path, book: &mdbook_preprocessor::book::Book) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let summary = src.join("SUMMARY.md");
    if book.chapters().next().is_none() {
        problems.push(Diagnostic::file(
            &summary,
            "SUMMARY.md tidak mendaftarkan satu bab pun (berkasnya kosong?)",
            "tulis daftar isi buku, satu bab per baris, misalnya `- [Sesi 1-1](sesi-1-1/index.md)`; pulihkan berkasnya dari git bila terhapus isinya",
        ));
    }
    for chapter in book.chapters() {
        let Some(source) = &chapter.source_path else {
            continue;
        };
        if chapter.content.trim().is_empty() {
            problems.push(Diagnostic::file(
                &src.join(source),
                format!("bab `{}` kosong", chapter.name),
                "tulis isi bab ini (bab sesi dimulai dengan data sesi di antara baris `+++`), atau hapus butirnya dari SUMMARY.md",
            ));
        }
    }
    problems
}
