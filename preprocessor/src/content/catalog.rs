//! The exercise and form files that `{{#latihan ID}}` and `{{#formulir ID}}` refer to.
//!
//! One TOML file per item; its id is the file name without `.toml`, unique across its folder
//! tree. The full schemas belong to the exercise and form modules; here each file only has to
//! be valid TOML, with an optional `judul`.

use super::is_slug;
use crate::diagnostic::{Diagnostic, Diagnostics, SourceFile, from_toml_error};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    pub(crate) id: String,
    pub(crate) path: PathBuf,
    pub(crate) title: Option<String>,
    /// The file is not valid TOML (already reported): its schema is not checked again.
    pub(crate) broken: bool,
}

/// Items of one kind (exercises or forms), by id.
#[derive(Debug, Clone, Default)]
pub(crate) struct Catalog {
    pub(crate) entries: BTreeMap<String, Entry>,
}

impl Catalog {
    pub(crate) fn get(&self, id: &str) -> Option<&Entry> {
        self.entries.get(id)
    }

    pub(crate) fn ids(&self) -> impl Iterator<Item = &str> + Clone {
        self.entries.keys().map(String::as_str)
    }

    /// Parses every entry with `parse` (the kind's loader); entries with broken TOML were
    /// already reported and are left out, as are files that fail (their problems returned).
    pub(crate) fn parse_each<T>(
        &self,
        parse: impl Fn(&str, &SourceFile) -> Result<T, Diagnostics>,
    ) -> (BTreeMap<String, T>, Diagnostics) {
        let mut parsed = BTreeMap::new();
        let mut problems = Diagnostics::default();
        for entry in self.entries.values().filter(|e| !e.broken) {
            let result = SourceFile::read(&entry.path)
                .map_err(|d| Diagnostics(vec![d]))
                .and_then(|file| parse(&entry.id, &file));
            match result {
                Ok(item) => {
                    parsed.insert(entry.id.clone(), item);
                }
                Err(d) => problems.extend(d),
            }
        }
        (parsed, problems)
    }

    /// Reads every `*.toml` below `dir`. A missing folder is an empty catalog. A file with
    /// broken TOML is still listed, so directives naming it don't add a second, misleading error.
    pub(crate) fn load(dir: &Path) -> (Catalog, Diagnostics) {
        let mut files = Vec::new();
        let mut problems = Diagnostics::default();
        collect_toml(dir, &mut files, &mut problems);
        files.sort();
        let mut catalog = Catalog::default();
        for path in files {
            let Some(id) = path
                .file_stem()
                .and_then(|s| s.to_str())
                .map(str::to_string)
            else {
                continue;
            };
            if !is_slug(&id) {
                problems.push(Diagnostic::file(
                    &path,
                    format!("nama berkas `{id}.toml` tidak dapat menjadi id"),
                    "ganti nama berkas: huruf kecil, angka dan tanda hubung saja, misalnya 1-4-asesmen.toml",
                ));
                continue;
            }
            let file = match SourceFile::read(&path) {
                Ok(file) => file,
                Err(d) => {
                    problems.push(d);
                    continue;
                }
            };
            let mut broken = false;
            let title = match file.text.parse::<toml::Table>() {
                Ok(table) => table
                    .get("judul")
                    .and_then(|v| v.as_str())
                    .map(str::to_string),
                Err(err) => {
                    broken = true;
                    problems.push(from_toml_error(
                        &file,
                        0,
                        &err,
                        "perbaiki sintaks TOML pada baris ini",
                    ));
                    None
                }
            };
            if let Some(first) = catalog.entries.get(&id) {
                problems.push(Diagnostic::file(
                    &path,
                    format!(
                        "id `{id}` sudah dipakai oleh {}",
                        crate::diagnostic::display_path(&first.path)
                    ),
                    "setiap berkas harus bernama unik di seluruh folder; ganti salah satu nama",
                ));
                continue;
            }
            catalog.entries.insert(
                id.clone(),
                Entry {
                    id,
                    path,
                    title,
                    broken,
                },
            );
        }
        (catalog, problems)
    }
}

fn collect_toml(dir: &Path, files: &mut Vec<PathBuf>, problems: &mut Diagnostics) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return,
        Err(err) => {
            problems.push(Diagnostic::file(
                dir,
                format!("folder tidak dapat dibaca: {err}"),
                "periksa izin folder",
            ));
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        // Linked folders are not followed: a link loop would list every file again and again
        // (the input check reports links that leave the project or loop).
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            collect_toml(&path, files, problems);
        } else if path.extension().is_some_and(|e| e == "toml") {
            files.push(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_ids_and_reports_duplicates_and_bad_toml() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        std::fs::create_dir_all(root.join("sub")).expect("mkdir");
        std::fs::write(root.join("a-1.toml"), "judul = \"Latihan A\"\n").expect("write");
        std::fs::write(root.join("sub/a-1.toml"), "judul = \"Lagi\"\n").expect("write");
        std::fs::write(root.join("rusak.toml"), "judul = \n").expect("write");
        std::fs::write(root.join("catatan.txt"), "bukan toml").expect("write");
        let (catalog, problems) = Catalog::load(root);
        let text = problems.to_string();
        assert!(
            catalog.get("rusak").is_some(),
            "a broken file is still known by its id"
        );
        assert!(text.contains("id `a-1` sudah dipakai"), "{text}");
        assert!(text.contains("rusak.toml:1:"), "{text}");

        std::fs::remove_file(root.join("sub/a-1.toml")).expect("rm");
        std::fs::remove_file(root.join("rusak.toml")).expect("rm");
        let (catalog, problems) = Catalog::load(root);
        assert!(problems.is_empty(), "{problems}");
        assert_eq!(
            catalog.get("a-1").and_then(|e| e.title.as_deref()),
            Some("Latihan A")
        );
        let (missing, problems) = Catalog::load(&root.join("tidak-ada"));
        assert!(missing.entries.is_empty() && problems.is_empty());
    }
}
