//! The `[preprocessor.modul]` table of `book.toml`: where the data folders are.

use mdbook_preprocessor::config::Config;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// Folders, relative to the book root (the folder holding `book.toml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct ModulConfig {
    /// Exercise files (`{{#latihan ID}}`).
    #[serde(default = "default_exercises")]
    pub(crate) exercises: PathBuf,
    /// Form files (`{{#formulir ID}}`).
    #[serde(default = "default_forms")]
    pub(crate) forms: PathBuf,
    /// Programme data (`program.toml`).
    #[serde(default = "default_data")]
    pub(crate) data: PathBuf,
    /// Chapter path prefixes (relative to `src`, e.g. `"cetak"`) left out of the search index:
    /// pages that only repeat text found elsewhere, such as worksheets and answer keys.
    #[serde(default)]
    pub(crate) search_exclude: Vec<String>,
    // Keys mdBook itself reads from every preprocessor table: declared so that unknown keys
    // stay errors, never read here.
    #[serde(default)]
    #[allow(dead_code)]
    pub(crate) command: Option<String>,
    #[serde(default)]
    #[allow(dead_code)]
    pub(crate) before: Vec<String>,
    #[serde(default)]
    #[allow(dead_code)]
    pub(crate) after: Vec<String>,
    #[serde(default)]
    #[allow(dead_code)]
    pub(crate) renderers: Option<Vec<String>>,
    #[serde(default)]
    #[allow(dead_code)]
    pub(crate) optional: bool,
}

fn default_exercises() -> PathBuf {
    PathBuf::from("../exercises")
}
fn default_forms() -> PathBuf {
    PathBuf::from("../forms")
}
fn default_data() -> PathBuf {
    PathBuf::from("data")
}

impl Default for ModulConfig {
    fn default() -> Self {
        ModulConfig {
            exercises: default_exercises(),
            forms: default_forms(),
            data: default_data(),
            search_exclude: Vec::new(),
            command: None,
            before: Vec::new(),
            after: Vec::new(),
            renderers: None,
            optional: false,
        }
    }
}

/// Absolute folders for one book.
#[derive(Debug, Clone)]
pub(crate) struct Paths {
    /// The folder holding `book.toml`: `{{#include}}` and its kind reach nothing outside it.
    pub(crate) root: PathBuf,
    pub(crate) src: PathBuf,
    pub(crate) exercises: PathBuf,
    pub(crate) forms: PathBuf,
    pub(crate) data: PathBuf,
}

impl ModulConfig {
    pub(crate) fn from_book_config(config: &Config) -> anyhow::Result<Self> {
        match config.get::<ModulConfig>("preprocessor.modul") {
            Ok(Some(c)) => Ok(c),
            Ok(None) => Ok(ModulConfig::default()),
            Err(err) => anyhow::bail!(
                "book.toml: tabel [preprocessor.modul] tidak sah: {err}\n  = cara memperbaiki: \
                 kunci yang dikenal: exercises, forms, data (folder relatif terhadap book.toml), \
                 search-exclude (daftar awalan jalur bab yang tidak diindeks pencarian)"
            ),
        }
    }

    pub(crate) fn paths(&self, root: &Path, src: &Path) -> Paths {
        let at = |p: &Path| crate::content::chapters::normalize(&root.join(p));
        Paths {
            root: crate::content::chapters::normalize(root),
            src: at(src),
            exercises: at(&self.exercises),
            forms: at(&self.forms),
            data: at(&self.data),
        }
    }
}
