//! The one place where the tests and benchmarks reach into the `modul` library. Everything
//! else drives the `modul` binary or looks at built files, which do not depend on module
//! paths; when the library's modules move, only the `use` lines and bodies below change.
//!
//! The wrappers return plain data (strings, numbers, small structs of this file), so a
//! renamed field in the library is one edit here, not one per test.

use std::path::{Path, PathBuf};

/// Why a build or check failed, in words.
#[derive(Debug)]
pub enum Failure {
    /// Problems in content or data files, as `modul check` prints them.
    Content(String),
    /// Anything else (unreadable book.toml, a refused destination, disk errors).
    Other(String),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Content(text) | Failure::Other(text) => f.write_str(text),
        }
    }
}

fn failure(error: modul::build::Error) -> Failure {
    match error {
        modul::build::Error::Content(d) => Failure::Content(d.to_string()),
        modul::build::Error::Other(m) => Failure::Other(m),
    }
}

/// Builds the book in `book` into `dest` in-process (as `modul build --dest-dir` does).
pub fn build(book: &Path, dest: &Path) -> Result<PathBuf, Failure> {
    modul::build::build_book(&modul::build::BuildOptions {
        book_dir: book.to_path_buf(),
        dest_dir: Some(dest.to_path_buf()),
        force: false,
    })
    .map_err(failure)
}

/// What `modul check` knows about a book, reduced to what the tests compare.
pub struct Outline {
    /// Sessions in book order: code and topic titles.
    pub sessions: Vec<(String, Vec<String>)>,
    pub exercises: Vec<ExerciseOutline>,
}

pub struct ExerciseOutline {
    pub id: String,
    pub kind: String,
    pub session: String,
    pub topic: Option<String>,
}

/// Checks the book in-process (as `modul check` does) and returns its outline.
pub fn check(book: &Path) -> Result<Outline, Failure> {
    let model = modul::build::check_book(book).map_err(failure)?;
    let sessions = model
        .sessions_in_order()
        .iter()
        .map(|s| {
            (
                s.code.clone(),
                s.topics.iter().map(|t| t.title.clone()).collect(),
            )
        })
        .collect();
    let exercises = model
        .exercise_data
        .iter()
        .map(|(id, e)| ExerciseOutline {
            id: id.to_string(),
            // The kind's serialised name is its `jenis` / `data-jenis` spelling.
            kind: serde_json::to_value(e.kind())
                .ok()
                .and_then(|v| v.as_str().map(String::from))
                .unwrap_or_default(),
            session: e.session.clone(),
            topic: e.topic.clone(),
        })
        .collect();
    Ok(Outline {
        sessions,
        exercises,
    })
}

/// The generated theme files that no longer match the UI table (`modul tema` rewrites them).
pub fn stale_theme_files(theme: &Path) -> Result<Vec<String>, String> {
    modul::theme::stale(theme)
}

/// One source text as the book means to give it (`book/data/penyuntingan/` applied).
pub struct CorrectedSource {
    /// The corrected lines, each with the 1-based source line it starts from.
    pub lines: Vec<(usize, String)>,
    /// Corrections whose original text is not in their stretch of the source.
    pub problems: Vec<String>,
    /// The stretches of this source that the correction files cover: section, first and last
    /// line.
    pub stretches: Vec<(String, usize, usize)>,
}

/// Applies the corrections in `data_dir` to the source text `text` named `name`.
pub fn corrected_source(data_dir: &Path, name: &str, text: &str) -> CorrectedSource {
    let corrections = modul::content::corrections::Corrections::load(data_dir)
        .unwrap_or_else(|e| panic!("corrections must be valid:\n{e}"));
    let (lines, problems) = modul::content::corrections::apply(name, text, &corrections);
    let stretches = corrections
        .files
        .iter()
        .filter(|f| f.source == name)
        .map(|f| (f.section.clone(), f.lines.0, f.lines.1))
        .collect();
    CorrectedSource {
        lines,
        problems: problems.iter().map(ToString::to_string).collect(),
        stretches,
    }
}

/// A form instance rendered alone, as an `isi-formulir` exercise embeds it: the form file at
/// `path` with id `id`, DOM prefix `prefix`, draft key `storage_key`, model answers `values`
/// and the fields checked for equality.
pub fn render_form_instance(
    path: &Path,
    id: &str,
    prefix: &str,
    storage_key: &str,
    values: &[(&str, serde_json::Value)],
    checked: &[&str],
) -> String {
    let file = modul::diagnostic::SourceFile::read(path).expect("form file");
    let form = modul::form::load(id, &file).unwrap_or_else(|e| panic!("{e}"));
    let answers = modul::form::html::Answers {
        values: values
            .iter()
            .map(|(name, value)| (name.to_string(), answer_value(value)))
            .collect(),
        checked: checked.iter().map(ToString::to_string).collect(),
    };
    let instance = modul::form::html::Instance {
        form: &form,
        prefix: prefix.into(),
        storage_key: storage_key.into(),
        xlsx_link: None,
        answers: Some(&answers),
    };
    modul::form::html::render(&instance, &modul::render::Renderer::new()).expect("renders")
}

/// A model answer written as JSON (a string, a list of strings or a list of row objects) as
/// the library's typed value.
fn answer_value(value: &serde_json::Value) -> modul::form::html::AnswerValue {
    use modul::form::html::AnswerValue;
    match value {
        serde_json::Value::Array(items)
            if items.iter().all(|i| i.is_object()) && !items.is_empty() =>
        {
            AnswerValue::Rows(
                items
                    .iter()
                    .filter_map(|row| row.as_object())
                    .map(|row| {
                        row.iter()
                            .map(|(k, v)| (k.clone(), answer_value(v)))
                            .collect()
                    })
                    .collect(),
            )
        }
        serde_json::Value::Array(items) => AnswerValue::List(
            items
                .iter()
                .map(|i| i.as_str().map_or_else(|| i.to_string(), String::from))
                .collect(),
        ),
        serde_json::Value::String(text) => AnswerValue::Text(text.clone()),
        other => AnswerValue::Text(other.to_string()),
    }
}

/// The search files of a built site, read back as the browser reads them.
pub struct SearchIndex {
    built: modul::search::Built,
}

/// One search result.
#[derive(Debug, PartialEq)]
pub struct Hit {
    /// "Halaman » Bagian".
    pub breadcrumb: String,
    pub score: f64,
}

impl SearchIndex {
    pub fn read(site: &Path) -> Self {
        Self {
            built: modul::search::read(site).expect("search files"),
        }
    }

    /// Results of `query`, best first, as the Rust ranking gives them.
    pub fn search(&self, query: &str) -> Vec<Hit> {
        modul::search::query::search(&self.built.export, query)
            .iter()
            .map(|h| Hit {
                breadcrumb: self.built.export.breadcrumb(h.section),
                score: h.score,
            })
            .collect()
    }

    /// How many sections match `query` in all (the list shows at most the ranking's limit).
    pub fn matches(&self, query: &str) -> usize {
        modul::search::query::search_all(&self.built.export, query).len()
    }

    /// Indexed pages, relative to the site root.
    pub fn pages(&self) -> Vec<String> {
        self.built
            .export
            .pages
            .iter()
            .map(|page| page.url.clone())
            .collect()
    }

    /// Every section's address (`page.html#anchor`).
    pub fn section_urls(&self) -> Vec<String> {
        (0..self.built.export.sections.len())
            .map(|i| self.built.export.url(i))
            .collect()
    }

    /// The searchable text of every section (what snippets are cut from).
    pub fn texts(&self) -> &[String] {
        &self.built.texts
    }
}

/// The words the search analyzer finds in `text`.
pub fn search_words(text: &str) -> Vec<String> {
    modul::search::analyzer::words(text)
        .into_iter()
        .map(|w| w.text)
        .collect()
}

/// The ranking numbers Rust searches with, as JSON (the browser must read the same from the
/// index).
pub fn ranking() -> serde_json::Value {
    serde_json::to_value(modul::search::query::RANKING).expect("the ranking serialises")
}

/// The stem readings the search gives `word` (the browser must give the same).
pub fn stem_readings(word: &str) -> Vec<String> {
    modul::search::stemmer::RULES.candidates(word)
}

/// The search indexing step of a build alone, for the search benchmark: the book's pages and
/// glossary loaded once, then indexed into a built site as often as wanted.
pub struct Indexing {
    pages: Vec<modul::search::Page>,
    glossary: modul::glossary::Glossary,
}

impl Indexing {
    pub fn prepare(book: &Path) -> Self {
        let (mdbook, _) = modul::build::load(book).unwrap_or_else(|e| panic!("{e}"));
        let pages = modul::build::search_pages(&mdbook).unwrap_or_else(|e| panic!("{e}"));
        let glossary = modul::glossary::Glossary::load(&book.join("data"))
            .map(|(g, _)| g)
            .unwrap_or_default();
        Self { pages, glossary }
    }

    /// Writes the index into `site`; returns the number of sections and of terms.
    pub fn write(&self, site: &Path) -> (usize, usize) {
        let stats = modul::search::write(site, &self.pages, &self.glossary).expect("index");
        (stats.sections, stats.terms)
    }
}

/// The bookmarks of a PDF printed by `modul build --pdf`: (level, title, page).
pub fn pdf_outline(pdf: &[u8]) -> Vec<(usize, String, usize)> {
    modul::delivery::pdf_read::outline(pdf)
        .unwrap_or_else(|e| panic!("outline: {e}"))
        .into_iter()
        .map(|b| (b.level, b.title, b.page))
        .collect()
}
