//! Pages and lines generated from the content data: the table of corrections
//! (`{{#penyuntingan}}`), a supporting reading's source line, and the list of readings that
//! support a chapter.

use super::corrections::Corrections;
use super::reading::Reading;
use crate::render::{Renderer, relative_link};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The Catatan Penyuntingan table.
pub(crate) fn corrections_html(
    corrections: &Corrections,
    renderer: &Renderer,
) -> Result<String, String> {
    #[derive(Serialize)]
    struct PageView<'a> {
        files: &'a [super::corrections::CorrectionFile],
        /// Corrections in all files.
        count: usize,
    }
    let html = renderer.render(
        "penyuntingan.html",
        PageView {
            files: &corrections.files,
            count: corrections.row_count(),
        },
    )?;
    Ok(format!("\n{html}\n"))
}

/// A chapter a reading supports, as linked from the reading.
#[derive(Serialize)]
struct ChapterLink {
    label: String,
    link: String,
}

/// The source line under a reading's title: where the text comes from, and the chapters it
/// supports (named by `label`).
pub(crate) fn source_html(
    reading: &Reading,
    from: &Path,
    label: &dyn Fn(&Path) -> String,
    renderer: &Renderer,
) -> Result<String, String> {
    #[derive(Serialize)]
    struct SourceView<'a> {
        r: &'a Reading,
        supports: Vec<ChapterLink>,
    }
    let supports = reading
        .supports
        .iter()
        .map(|p| ChapterLink {
            label: label(p),
            link: relative_link(from, p),
        })
        .collect();
    let html = renderer.render(
        "bacaan-sumber.html",
        SourceView {
            r: reading,
            supports,
        },
    )?;
    Ok(format!("\n{html}\n\n"))
}

/// A reading as listed under a chapter it supports.
#[derive(Serialize)]
struct RelatedView<'a> {
    /// The reading's chapter title from SUMMARY.md.
    title: String,
    kind: &'a str,
    original_title: &'a str,
    date: Option<&'a str>,
    link: String,
}

/// "Bacaan terkait" at the end of a chapter: every reading that supports it; `None` when
/// there is none.
pub(crate) fn related_html(
    readings: &[Reading],
    chapter_names: &BTreeMap<PathBuf, String>,
    source: &Path,
    renderer: &Renderer,
) -> Result<Option<String>, String> {
    #[derive(Serialize)]
    struct ListView<'a> {
        readings: Vec<RelatedView<'a>>,
    }
    let supporting: Vec<RelatedView> = readings
        .iter()
        .filter(|r| r.supports.iter().any(|p| p == source))
        .map(|r| RelatedView {
            title: chapter_names.get(&r.chapter).cloned().unwrap_or_default(),
            kind: &r.kind,
            original_title: &r.original_title,
            date: r.date.as_deref(),
            link: relative_link(source, &r.chapter),
        })
        .collect();
    if supporting.is_empty() {
        return Ok(None);
    }
    let html = renderer.render(
        "bacaan-terkait.html",
        ListView {
            readings: supporting,
        },
    )?;
    Ok(Some(format!("\n\n{html}\n")))
}
