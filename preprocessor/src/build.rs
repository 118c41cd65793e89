//! In-process builds: validate, render into a temporary folder beside the destination, and
//! move it into place only when every page was written. A failed build leaves the previous
//! site untouched.

use crate::config::{ModulConfig, Paths};
use crate::diagnostic::{Diagnostic, Diagnostics, display_path};
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
    /// Replace a non-empty destination that is not an earlier Modul build (`--force`).
    pub force: bool,
}

/// Written into every built site: a later build may replace a folder holding it without
/// `--force`, and never replaces a non-empty folder without it.
pub const SITE_MARKER: &str = ".modul-situs";

/// The prefix of the staging folders beside the destination.
const STAGING_PREFIX: &str = ".modul-bangun-";

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
    inspect_inputs(book_dir, &book_toml, &config)?;
    let src = book_dir.join(&config.book.src);
    let mut book = MDBook::load_with_config(book_dir, config).map_err(|e| {
        let text = format!("{e:#}");
        // mdBook names a chapter listed in SUMMARY.md but missing in English: name the file.
        let missing = text
            .split("failed to read chapter `")
            .nth(1)
            .and_then(|rest| rest.split('`').next());
        match missing {
            Some(chapter) => Error::Content(Diagnostics(vec![Diagnostic::file(
                &src.join(chapter),
                "berkas bab ini tidak ada, padahal didaftarkan di SUMMARY.md",
                "buat berkasnya (atau pulihkan dari git), atau perbaiki/hapus butirnya di SUMMARY.md",
            )])),
            None => Error::Other(format!(
                "buku di {} tidak dapat dimuat: {text}\n  = cara memperbaiki: periksa SUMMARY.md dan bahwa setiap bab yang didaftarkannya ada",
                display_path(book_dir)
            )),
        }
    })?;
    let preprocessor = ModulPreprocessor::default();
    book.with_preprocessor(preprocessor.clone());
    Ok((book, preprocessor))
}

/// Before mdBook opens anything: the folders `book.toml` names exist, and every input is a
/// regular file inside the project, of a sane size (see [`crate::content::inputs`]).
fn inspect_inputs(book_dir: &Path, book_toml: &Path, config: &Config) -> Result<(), Error> {
    use crate::content::inputs::{self, Folder, MAX_CHAPTER_BYTES, MAX_DATA_BYTES};
    let modul =
        ModulConfig::from_book_config(config).map_err(|e| Error::Other(format!("{e:#}")))?;
    let paths = modul.paths(book_dir, &config.book.src);
    let summary = paths.src.join("SUMMARY.md");
    if !summary.is_file() {
        return Err(Error::Content(Diagnostics(vec![Diagnostic::file(
            &summary,
            "SUMMARY.md tidak ada",
            "tulis daftar isi buku di berkas ini (satu bab per baris, misalnya `- [Sesi 1-1](sesi-1-1/index.md)`), atau pulihkan dari git",
        )])));
    }
    let project = inputs::project_root(&[
        book_dir,
        paths.exercises.as_path(),
        paths.forms.as_path(),
        paths.data.as_path(),
    ])
    .unwrap_or_else(|| book_dir.to_path_buf());
    let folder = |path, key, limit, limited_extension| Folder {
        path,
        key,
        limit,
        limited_extension,
    };
    let problems = inputs::inspect(
        book_toml,
        &project,
        &[
            folder(&paths.src, None, MAX_CHAPTER_BYTES, Some("md")),
            folder(&paths.data, Some("data"), MAX_DATA_BYTES, None),
            folder(&paths.exercises, Some("exercises"), MAX_DATA_BYTES, None),
            folder(&paths.forms, Some("forms"), MAX_DATA_BYTES, None),
        ],
    );
    problems.into_result().map_err(Error::Content)
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
    refuse_destination(&book, &dest, options.force)?;
    let parent = dest.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)
        .map_err(|e| Error::Other(format!("{}: {e}", display_path(parent))))?;
    remove_stale_staging(parent);
    let staging = crate::signals::create_removed_on_signal(|| {
        tempfile::Builder::new()
            .prefix(STAGING_PREFIX)
            .tempdir_in(parent)
    })
    .map_err(|e| Error::Other(format!("folder sementara di {}: {e}", display_path(parent))))?;
    // The owner's process id, so a later build can tell a crashed build's folder from a
    // running one's.
    let _ = std::fs::write(staging.path().join("pid"), std::process::id().to_string());
    let fresh = staging.path().join("situs");
    book.config.build.build_dir = fresh.clone();
    let search = if uses_modul_search(&book) {
        Some(search_pages(&book)?)
    } else {
        None
    };
    render(&mut book).map_err(|e| match preprocessor.take_problems() {
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
    if let Some(pages) = search {
        let glossary = crate::glossary::Glossary::load(&paths(&book)?.data)
            .map_err(Error::Content)?
            .0;
        crate::search::write(&fresh, &pages, &glossary).map_err(Error::Other)?;
    }
    crate::delivery::finish_site(&fresh).map_err(Error::Other)?;

    add_policy_to_toc(&fresh)?;
    std::fs::write(
        fresh.join(SITE_MARKER),
        "Situs ini dibangun oleh `modul build`; seluruh isinya diganti pada pembangunan berikutnya.\n",
    )
    .map_err(|e| Error::Other(format!("{}: {e}", display_path(&fresh))))?;

    // Swap the finished site in; the old one goes into the staging folder, removed on drop.
    if dest.exists() {
        std::fs::rename(&dest, staging.path().join("lama")).map_err(|e| {
            Error::Other(format!("{} tidak dapat diganti: {e}", display_path(&dest)))
        })?;
    }
    std::fs::rename(&fresh, &dest)
        .map_err(|e| Error::Other(format!("{} tidak dapat ditulis: {e}", display_path(&dest))))?;
    crate::signals::forget(staging.path());
    Ok(dest)
}

/// `MDBook::build` for a book whose only output is HTML (ours), without its extra copy: mdBook
/// keeps the book as read while the renderer holds the preprocessed one, the whole text twice
/// at the build's peak. The book as read goes once the preprocessors have run. A book with
/// other outputs is built by mdBook as usual.
fn render(book: &mut MDBook) -> anyhow::Result<()> {
    use mdbook_renderer::{RenderContext, Renderer};
    let outputs = book.config.outputs::<toml::Value>()?;
    if outputs.keys().any(|name| name != "html") {
        return book.build();
    }
    let renderer = mdbook_html::HtmlHandlebars::new();
    let (preprocessed, context) = book.preprocess_book(&renderer)?;
    book.book = mdbook_preprocessor::book::Book::default();
    let mut render_context = RenderContext::new(
        book.root.clone(),
        preprocessed,
        book.config.clone(),
        book.build_dir_for(renderer.name()),
    );
    render_context
        .chapter_titles
        .extend(context.chapter_titles.borrow_mut().drain());
    renderer
        .render(&render_context)
        .map_err(|e| e.context("Rendering failed"))
}

/// mdBook writes `toc.html` (the sidebar for readers without JavaScript) from a template the
/// theme cannot replace through its public API: it gets the policy of the book's pages here,
/// so no page of the site is without it, and loses its link to the web fonts, which the
/// modul's theme does not ship (the link would only be a failed request).
fn add_policy_to_toc(site: &Path) -> Result<(), Error> {
    let toc = site.join("toc.html");
    let (Ok(html), Ok(index)) = (
        std::fs::read_to_string(&toc),
        std::fs::read_to_string(site.join("index.html")),
    ) else {
        return Ok(());
    };
    let fonts =
        "        <!-- Fonts -->\n        <link rel=\"stylesheet\" href=\"fonts/fonts.css\">\n";
    let html = html.replace(fonts, "");
    let marker = "<meta http-equiv=\"Content-Security-Policy\"";
    if html.contains(marker) {
        return std::fs::write(&toc, html)
            .map_err(|e| Error::Other(format!("{}: {e}", display_path(&toc))));
    }
    let Some(policy) = index
        .find(marker)
        .and_then(|at| Some(&index[at..at + index[at..].find('>')? + 1]))
    else {
        return Ok(());
    };
    let charset = "<meta charset=\"UTF-8\">";
    let Some(at) = html.find(charset) else {
        return Err(Error::Other(format!(
            "{}: <meta charset> tidak ditemukan; kebijakan keamanan (CSP) tidak dapat dipasang",
            display_path(&toc)
        )));
    };
    let at = at + charset.len();
    let patched = format!("{}\n        {policy}{}", &html[..at], &html[at..]);
    std::fs::write(&toc, patched).map_err(|e| Error::Other(format!("{}: {e}", display_path(&toc))))
}

/// Refuses a destination that would replace sources or an unrelated folder: one equal to,
/// inside or above any source folder (the book, `src`, data, theme, exercises, forms), and a
/// non-empty folder that is not an [`earlier_build`] unless `force`.
fn refuse_destination(book: &MDBook, dest: &Path, force: bool) -> Result<(), Error> {
    let paths = paths(book)?;
    let root = absolute(&book.root)?;
    let theme = book
        .config
        .html_config()
        .and_then(|html| html.theme)
        .unwrap_or_else(|| PathBuf::from("theme"));
    let mut sources = vec![
        ("folder buku", root.clone()),
        ("folder bab (src)", absolute(&paths.src)?),
        ("folder data", absolute(&paths.data)?),
        ("folder tema", absolute(&root.join(&theme))?),
        ("folder tema", absolute(&root.join("theme"))?),
        ("folder latihan", absolute(&paths.exercises)?),
        ("folder formulir", absolute(&paths.forms)?),
    ];
    // The same folders through symbolic links, so a link to a source is no way around this.
    let real: Vec<(&str, PathBuf)> = sources
        .iter()
        .filter_map(|(what, path)| Some((*what, path.canonicalize().ok()?)))
        .collect();
    sources.extend(real);
    let real_dest = real_destination(dest);
    for (what, source) in &sources {
        for dest in [dest, real_dest.as_path()] {
            if dest.starts_with(source) || source.starts_with(dest) {
                return Err(Error::Other(format!(
                    "folder tujuan {} {} {what} {}: pembangunan akan menimpa sumber buku\n  = cara memperbaiki: pilih folder di luar sumber, misalnya `--dest-dir site`",
                    display_path(dest),
                    if dest == source.as_path() {
                        "sama dengan"
                    } else if dest.starts_with(source) {
                        "berada di dalam"
                    } else {
                        "memuat"
                    },
                    display_path(source)
                )));
            }
        }
    }
    if force || !dest.exists() || earlier_build(dest) {
        return Ok(());
    }
    let empty = std::fs::read_dir(dest)
        .map(|mut entries| entries.next().is_none())
        .unwrap_or(false);
    if !dest.is_dir() || !empty {
        return Err(Error::Other(format!(
            "folder tujuan {} sudah berisi berkas lain dan bukan hasil `modul build` sebelumnya (tidak ada berkas {SITE_MARKER}); isinya akan terhapus\n  = cara memperbaiki: pilih folder kosong atau baru, misalnya `--dest-dir site`, atau tambahkan `--force` bila isi folder itu memang boleh dihapus",
            display_path(dest)
        )));
    }
    Ok(())
}

/// Whether `dest` holds a site that `modul build` wrote: it has [`SITE_MARKER`], or (built
/// before the marker existed) the book's pages beside the modul's own search index, which no
/// other tool writes.
fn earlier_build(dest: &Path) -> bool {
    dest.join(SITE_MARKER).is_file()
        || (dest.join("index.html").is_file()
            && dest.join("toc.html").is_file()
            && dest
                .join(crate::search::FOLDER)
                .join(crate::search::INDEX_FILE)
                .is_file())
}

/// The destination with symbolic links resolved as far as the folders exist.
fn real_destination(dest: &Path) -> PathBuf {
    let mut existing = dest;
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return dest.to_path_buf(),
        }
    }
    let mut real = existing
        .canonicalize()
        .unwrap_or_else(|_| existing.to_path_buf());
    real.extend(rest.iter().rev());
    real
}

/// Removes staging folders left by a build that crashed or was killed: those whose owner
/// process is gone (or that name none).
fn remove_stale_staging(parent: &Path) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        if !name.to_string_lossy().starts_with(STAGING_PREFIX) {
            continue;
        }
        let path = entry.path();
        let owner = std::fs::read_to_string(path.join("pid"))
            .ok()
            .and_then(|pid| pid.trim().parse::<u32>().ok());
        if owner.is_none_or(|pid| !process_alive(pid)) {
            let _ = std::fs::remove_dir_all(&path);
        }
    }
}

/// Whether process `pid` runs (Linux: `/proc/PID`; elsewhere assumed running unless it is
/// a folder without an owner).
fn process_alive(pid: u32) -> bool {
    let proc = Path::new("/proc");
    !proc.is_dir() || proc.join(pid.to_string()).exists()
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
                    part: chapter.parent_names.last().cloned().unwrap_or_default(),
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
        force: false,
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
