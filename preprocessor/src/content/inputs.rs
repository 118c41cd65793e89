//! The input folders before anything is read: every file the build will open is a regular
//! file inside the project and of a sane size, so a FIFO never hangs the build, a link to
//! `/dev/zero` never fills the memory, and nothing outside the project is published or quoted.

use crate::diagnostic::{Diagnostic, Diagnostics, SourceFile, display_path};
use std::path::{Path, PathBuf};

/// Largest chapter (Markdown) file.
pub(crate) const MAX_CHAPTER_BYTES: u64 = 20 * 1024 * 1024;
pub(crate) use crate::diagnostic::MAX_DATA_BYTES;

/// One input folder: where it is, what it is called in book.toml (for the error when it is
/// missing), and the size limit of its files (`Some(ext)`: only files with that extension).
pub(crate) struct Folder<'a> {
    pub(crate) path: &'a Path,
    /// The `[preprocessor.modul]` key that names it, if any.
    pub(crate) key: Option<&'static str>,
    pub(crate) limit: u64,
    pub(crate) limited_extension: Option<&'static str>,
}

/// The folder holding every source: the deepest common ancestor of the folders (resolved).
pub(crate) fn project_root(folders: &[&Path]) -> Option<PathBuf> {
    let mut real = folders.iter().filter_map(|f| f.canonicalize().ok());
    let mut root = real.next()?;
    for folder in real {
        while !folder.starts_with(&root) {
            if !root.pop() {
                return None;
            }
        }
    }
    Some(root)
}

/// Checks every folder; `book_toml` is named when a folder it declares does not exist.
pub(crate) fn inspect(book_toml: &Path, project: &Path, folders: &[Folder<'_>]) -> Diagnostics {
    let mut problems = Diagnostics::default();
    for folder in folders {
        if !folder.path.is_dir() {
            problems.push(missing_folder(book_toml, folder));
            continue;
        }
        walk(folder.path, project, folder, &mut problems, 0);
    }
    problems
}

fn missing_folder(book_toml: &Path, folder: &Folder<'_>) -> Diagnostic {
    let message = match folder.key {
        Some(key) => format!(
            "folder `{}` (`{key}` di book.toml) tidak ada",
            display_path(folder.path)
        ),
        None => format!("folder `{}` tidak ada", display_path(folder.path)),
    };
    let Some(key) = folder.key else {
        return Diagnostic::file(
            folder.path,
            message,
            "buat folder itu atau pulihkan dari git",
        );
    };
    let help = format!(
        "perbaiki `{key} = …` di [preprocessor.modul] (jalur relatif terhadap folder book.toml), atau buat folder itu"
    );
    match SourceFile::read(book_toml) {
        Ok(file) => {
            let at = file
                .text
                .lines()
                .scan(0, |offset, line| {
                    let start = *offset;
                    *offset += line.len() + 1;
                    Some((start, line))
                })
                .find(|(_, line)| {
                    line.trim_start()
                        .strip_prefix(key)
                        .is_some_and(|rest| rest.trim_start().starts_with('='))
                })
                .map(|(start, line)| start + (line.len() - line.trim_start().len()));
            match at {
                Some(at) => file.error(at..at + key.len(), message, help),
                None => Diagnostic::file(book_toml, message, help),
            }
        }
        Err(_) => Diagnostic::file(book_toml, message, help),
    }
}

/// Deep enough for any real book; a deeper tree is a link loop the checks below missed.
const MAX_DEPTH: usize = 32;

fn walk(dir: &Path, project: &Path, folder: &Folder<'_>, problems: &mut Diagnostics, depth: usize) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        problems.push(Diagnostic::file(
            dir,
            "folder tidak dapat dibaca",
            "periksa izin folder",
        ));
        return;
    };
    let mut entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        let Ok(own) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        if own.file_type().is_symlink() {
            match path.canonicalize() {
                Err(_) => {
                    problems.push(Diagnostic::file(
                        &path,
                        "tautan simbolik ini rusak atau berputar",
                        "hapus tautan itu, atau arahkan ke berkas yang ada di dalam proyek",
                    ));
                    continue;
                }
                Ok(target) if !target.starts_with(project) => {
                    // The target is not named: nothing about a file outside the project is shown.
                    problems.push(Diagnostic::file(
                        &path,
                        "tautan simbolik ini menunjuk ke luar folder proyek",
                        "salin berkasnya ke dalam proyek, atau hapus tautan itu; isi dari luar proyek tidak diterbitkan",
                    ));
                    continue;
                }
                Ok(target) => {
                    if target.is_dir() {
                        // Linked folders are not followed (a loop would list every file
                        // again and again); one that points back up is an error.
                        let real_dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
                        if real_dir.starts_with(&target) {
                            problems.push(Diagnostic::file(
                                &path,
                                "tautan simbolik ini menunjuk ke folder di atasnya (putaran)",
                                "hapus tautan itu",
                            ));
                        }
                        continue;
                    }
                }
            }
        }
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        if meta.is_dir() {
            if depth >= MAX_DEPTH {
                problems.push(Diagnostic::file(
                    &path,
                    "folder bertingkat terlalu dalam",
                    "kurangi tingkat folder",
                ));
            } else {
                walk(&path, project, folder, problems, depth + 1);
            }
        } else if !meta.is_file() {
            problems.push(Diagnostic::file(
                &path,
                "bukan berkas biasa (pipa, perangkat atau soket)",
                "hapus atau pindahkan benda ini dari folder sumber; hanya berkas biasa yang dibaca",
            ));
        } else if meta.len() > folder.limit
            && folder
                .limited_extension
                .is_none_or(|ext| path.extension().is_some_and(|e| e == ext))
        {
            problems.push(Diagnostic::file(
                &path,
                format!(
                    "berkas terlalu besar: {:.1} MB (paling besar {} MB)",
                    meta.len() as f64 / 1_048_576.0,
                    folder.limit / 1_048_576
                ),
                "pecah isinya menjadi beberapa berkas yang lebih kecil",
            ));
        }
    }
}
