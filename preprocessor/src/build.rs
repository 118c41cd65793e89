//! In-process builds: validate, render into a temporary folder beside the destination, and
//! move it into place only when every page was written. A failed build leaves the previous
//! site untouched.

use crate::config::{ModulConfig, Paths};
use crate::diagnostic::{Diagnostics, display_path};
use crate::model::Model;
use crate::preprocess::{self, ModulPreprocessor};
use mdbook_driver::MDBook;
use mdbook_preprocessor::config::Config;
use std::fmt;
use std::path::{Path, PathBuf};

/// Why a build or check did not succeed.
#[derive(Debug)]
pub enum Error {
    /// Problems in content or data files, each with its place.
    Content(Diagnostics),
    /// Anything else (unreadable book.toml, SUMMARY.md, disk errors), already in words.
    Other(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Content(d) => write!(f, "{d}"),
            Error::Other(message) => write!(f, "galat: {message}"),
        }
    }
}

impl std::error::Error for Error {}

#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The folder holding `book.toml`.
    pub book_dir: PathBuf,
    /// Where the site goes; default: `build.build-dir` of `book.toml`.
    pub dest_dir: Option<PathBuf>,
}

/// Loads the book with our preprocessor in-process (returned too, to collect its problems).
/// Missing chapters are an error, never created: checking or building must not write into the
/// sources.
pub fn load(book_dir: &Path) -> Result<(MDBook, ModulPreprocessor), Error> {
    let book_toml = book_dir.join("book.toml");
    if !book_toml.is_file() {
        return Err(Error::Other(format!(
            "{} tidak ditemukan; jalankan perintah dari folder proyek atau sebutkan folder buku, misalnya `modul build book`",
            display_path(&book_toml)
        )));
    }
    let mut config = Config::from_disk(&book_toml)
        .map_err(|e| Error::Other(format!("{}: {e:#}", display_path(&book_toml))))?;
    config
        .update_from_env()
        .map_err(|e| Error::Other(format!("variabel lingkungan MDBOOK_*: {e:#}")))?;
    config.build.create_missing = false;
    let mut book = MDBook::load_with_config(book_dir, config).map_err(|e| {
        Error::Other(format!(
            "buku di {} tidak dapat dimuat: {e:#}\n  = cara memperbaiki: periksa SUMMARY.md dan bahwa setiap bab yang didaftarkannya ada",
            display_path(book_dir)
        ))
    })?;
    let preprocessor = ModulPreprocessor::default();
    book.with_preprocessor(preprocessor.clone());
    Ok((book, preprocessor))
}

fn paths(book: &MDBook) -> Result<Paths, Error> {
    let config =
        ModulConfig::from_book_config(&book.config).map_err(|e| Error::Other(format!("{e:#}")))?;
    Ok(config.paths(&book.root, &book.config.book.src))
}

/// Validates everything, writes nothing.
pub fn check_book(book_dir: &Path) -> Result<Model, Error> {
    let (book, _) = load(book_dir)?;
    preprocess::check(&paths(&book)?, &book.book).map_err(Error::Content)
}

/// Builds the site and returns where it was written.
pub fn build_book(options: &BuildOptions) -> Result<PathBuf, Error> {
    let (mut book, preprocessor) = load(&options.book_dir)?;

    let dest = match &options.dest_dir {
        Some(dir) => absolute(dir)?,
        None => absolute(&book.root.join(&book.config.build.build_dir))?,
    };
    let root = absolute(&book.root)?;
    if root.starts_with(&dest) || dest.starts_with(root.join(&book.config.book.src)) {
        return Err(Error::Other(format!(
            "folder tujuan {} akan menimpa sumber buku; pilih folder lain, misalnya `--dest-dir site`",
            display_path(&dest)
        )));
    }
    let parent = dest.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)
        .map_err(|e| Error::Other(format!("{}: {e}", display_path(parent))))?;
    let staging = tempfile::Builder::new()
        .prefix(".modul-bangun-")
        .tempdir_in(parent)
        .map_err(|e| Error::Other(format!("folder sementara di {}: {e}", display_path(parent))))?;
    let fresh = staging.path().join("situs");
    book.config.build.build_dir = fresh.clone();
    book.build()
        .map_err(|e| match preprocessor.take_problems() {
            Some(problems) => Error::Content(problems),
            None => Error::Other(format!("pembangunan gagal: {e:#}")),
        })?;
    // Files mdBook does not write (the XLSForm exports) go into the same staging folder, so
    // the swap below publishes them together with the pages or not at all.
    for (relative, bytes) in preprocessor.take_files() {
        let path = fresh.join(relative);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| Error::Other(format!("{}: {e}", display_path(dir))))?;
        }
        std::fs::write(&path, bytes)
            .map_err(|e| Error::Other(format!("{}: {e}", display_path(&path))))?;
    }
    if uses_modul_search(&book) {
        let glossary = crate::glossary::Glossary::load(&paths(&book)?.data)
            .map_err(Error::Content)?
            .0;
        crate::search::write(&fresh, &search_pages(&book)?, &glossary).map_err(Error::Other)?;
    }
    crate::delivery::finish_site(&fresh).map_err(Error::Other)?;

    // Swap the finished site in; the old one goes into the staging folder, removed on drop.
    if dest.exists() {
        std::fs::rename(&dest, staging.path().join("lama")).map_err(|e| {
            Error::Other(format!("{} tidak dapat diganti: {e}", display_path(&dest)))
        })?;
    }
    std::fs::rename(&fresh, &dest)
        .map_err(|e| Error::Other(format!("{} tidak dapat ditulis: {e}", display_path(&dest))))?;
    Ok(dest)
}

/// The modul's search replaces mdBook's when the book keeps the search bar but turns mdBook's
/// own search scripts off (`[output.html.search] copy-js = false`).
pub(crate) fn uses_modul_search(book: &MDBook) -> bool {
    book.config
        .html_config()
        .and_then(|html| html.search)
        .is_some_and(|search| search.enable && !search.copy_js)
}

/// Every chapter page of the book that search covers, in book order: all but those under a
/// `search-exclude` prefix of `[preprocessor.modul]`.
pub fn search_pages(book: &MDBook) -> Result<Vec<crate::search::Page>, Error> {
    let config =
        ModulConfig::from_book_config(&book.config).map_err(|e| Error::Other(format!("{e:#}")))?;
    let excluded = |path: &Path| {
        config
            .search_exclude
            .iter()
            .any(|prefix| path.starts_with(prefix))
    };
    Ok(book
        .book
        .iter()
        .filter_map(|item| match item {
            mdbook_preprocessor::book::BookItem::Chapter(chapter) => {
                let path = chapter.path.as_ref().filter(|p| !excluded(p))?;
                let url = path
                    .with_extension("html")
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/");
                Some(crate::search::Page {
                    url,
                    title: chapter.name.clone(),
                })
            }
            _ => None,
        })
        .collect())
}

/// An absolute path without `.` or `..`, so paths can be compared with `starts_with`.
pub(crate) fn absolute(path: &Path) -> Result<PathBuf, Error> {
    std::path::absolute(path)
        .map(|p| crate::content::chapters::normalize(&p))
        .map_err(|e| Error::Other(format!("{}: {e}", path.display())))
}

/// `modul cari "KUERI"`: the site's search in the terminal. The book is built into a temporary
/// folder and the index written there is searched with the browser's rules, so the answer is
/// what a reader of that build would see. The results as text: rank, "Halaman » Bagian",
/// address, and a snippet with the matched words in «guillemets».
pub fn search_book(book_dir: &Path, query: &str, limit: usize) -> Result<String, Error> {
    use std::fmt::Write;
    let temp = tempfile::tempdir().map_err(|e| Error::Other(format!("folder sementara: {e}")))?;
    let site = build_book(&BuildOptions {
        book_dir: book_dir.to_path_buf(),
        dest_dir: Some(temp.path().join("situs")),
    })?;
    let built = crate::search::read(&site).map_err(|e| {
        Error::Other(format!(
            "{e}\n  = cara memperbaiki: pencarian buku ini tidak memakai indeks modul; periksa [output.html.search] di book.toml (copy-js = false)"
        ))
    })?;
    let hits = crate::search::query::search(&built.export, query);
    let mut out = String::new();
    if hits.is_empty() {
        let _ = writeln!(out, "Tidak ada hasil untuk '{query}'.");
        return Ok(out);
    }
    let shown = hits.len().min(limit);
    let _ = writeln!(out, "{} hasil untuk '{query}':", hits.len());
    for (rank, hit) in hits.iter().take(shown).enumerate() {
        let _ = writeln!(
            out,
            "{:>2}. {}  [{:.0}]\n    {}",
            rank + 1,
            built.export.breadcrumb(hit.section),
            hit.score,
            built.export.url(hit.section)
        );
        let text = built.texts.get(hit.section).map_or("", String::as_str);
        let snippet = crate::search::snippet::snippet(text, &hit.terms);
        if !snippet.is_empty() {
            let _ = writeln!(out, "    {snippet}");
        }
    }
    Ok(out)
}
