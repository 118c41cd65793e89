//! Longitudinal cases (`exercises/kasus.toml`): one client followed across several exercises.

use super::load::Reader;
use crate::content::chapters::{ChapterIndex, normalize};
use crate::content::is_slug;
use crate::diagnostic::{Diagnostics, SourceFile, from_toml_error, suggestion};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The file listing longitudinal cases, in the exercises folder.
pub(crate) const CASES_FILE: &str = "kasus.toml";

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Case {
    pub(crate) id: String,
    pub(crate) title: String,
    /// Chapter relative to `src/`.
    pub(crate) page: PathBuf,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCases {
    #[serde(default)]
    kasus: Vec<RawCase>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCase {
    id: Spanned<String>,
    judul: Spanned<String>,
    halaman: Spanned<String>,
}

/// Reads `exercises/kasus.toml` (absent: no cases) and checks that each case's page is a
/// chapter of the book. Cases with a problem are still returned, so exercises naming them
/// get no second, misleading error.
pub(crate) fn load_cases(dir: &Path, chapters: &ChapterIndex) -> (Vec<Case>, Diagnostics) {
    let path = dir.join(CASES_FILE);
    if !path.is_file() {
        return (Vec::new(), Diagnostics::default());
    }
    let file = match SourceFile::read(&path) {
        Ok(file) => file,
        Err(d) => return (Vec::new(), Diagnostics(vec![d])),
    };
    let raw: RawCases = match toml::from_str(&file.text) {
        Ok(raw) => raw,
        Err(err) => {
            return (
                Vec::new(),
                Diagnostics(vec![from_toml_error(
                    &file,
                    0,
                    &err,
                    "tulis [[kasus]] dengan id, judul dan halaman",
                )]),
            );
        }
    };
    let mut r = Reader {
        file: &file,
        problems: Diagnostics::default(),
    };
    let mut cases: Vec<Case> = Vec::new();
    for c in &raw.kasus {
        let id = c.id.get_ref().trim().to_string();
        if !is_slug(&id) {
            r.error(
                c.id.span(),
                format!("id kasus `{id}` tidak sah"),
                "tulis id dengan huruf kecil, angka dan tanda hubung, misalnya \"darto\"",
            );
        } else if cases.iter().any(|k| k.id == id) {
            r.error(
                c.id.span(),
                format!("id kasus `{id}` tertulis dua kali"),
                "setiap [[kasus]] harus mempunyai id yang unik",
            );
        }
        let title = r.text(&c.judul, "judul");
        let page = normalize(Path::new(c.halaman.get_ref().trim()));
        if !chapters.chapters.contains(&page) {
            let known: Vec<String> = chapters
                .chapters
                .iter()
                .map(|p| p.display().to_string())
                .collect();
            r.error(
                c.halaman.span(),
                format!("halaman kasus `{}` tidak ada di SUMMARY.md", page.display()),
                format!(
                    "tulis berkas bab relatif terhadap book/src; {}",
                    suggestion(
                        &page.display().to_string(),
                        known.iter().map(String::as_str),
                        "bab"
                    )
                ),
            );
        }
        cases.push(Case { id, title, page });
    }
    (cases, r.problems)
}
