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
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}
