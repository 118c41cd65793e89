//! The table of user-visible strings (`ui.toml`), compiled into the binary.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The table as written in `ui.toml`.
pub(crate) const SOURCE: &str = include_str!("ui.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Ui {
    /// Labels of our templates and scripts.
    pub(crate) teks: BTreeMap<String, String>,
    /// Strings our own scripts show (`MODUL_TEKS`).
    #[serde(default)]
    pub(crate) skrip: BTreeMap<String, String>,
    /// Runtime strings of the exercise scripts (`MODUL_LATIHAN_TEKS`).
    #[serde(default)]
    pub(crate) latihan: BTreeMap<String, String>,
    /// Strings of the search (`modul-cari.js`, and mdBook's search header in `modul-ui.js`).
    pub(crate) pencarian: BTreeMap<String, String>,
    /// Replacements in mdBook's default theme files.
    pub(crate) mdbook: Vec<Replacement>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Replacement {
    pub(crate) file: String,
    pub(crate) asli: String,
    pub(crate) terjemahan: String,
}

/// The parsed table. `ui.toml` is part of the program, not content: a test parses it, so a
/// broken table never ships; should it happen anyway, the strings fall back to empty.
pub(crate) fn ui() -> &'static Ui {
    static UI: OnceLock<Ui> = OnceLock::new();
    UI.get_or_init(|| {
        toml::from_str(SOURCE).unwrap_or_else(|err| {
            eprintln!("galat internal: ui.toml tidak sah: {err}");
            Ui {
                teks: BTreeMap::new(),
                skrip: BTreeMap::new(),
                latihan: BTreeMap::new(),
                pencarian: BTreeMap::new(),
                mdbook: Vec::new(),
            }
        })
    })
}

/// One label from `[teks]`.
pub(crate) fn text(key: &str) -> &'static str {
    ui().teks.get(key).map_or("", String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_parses_and_has_no_empty_strings() {
        let table: Ui = toml::from_str(SOURCE).expect("ui.toml parses");
        assert!(table.teks.len() > 20);
        for (key, value) in table
            .teks
            .iter()
            .chain(&table.skrip)
            .chain(&table.pencarian)
            .chain(&table.latihan)
        {
            assert!(!value.trim().is_empty(), "{key} is empty");
        }
        for r in &table.mdbook {
            assert_ne!(r.asli, r.terjemahan, "{} is not translated", r.asli);
        }
    }
}
