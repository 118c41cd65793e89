//! The mdBook preprocessor, which only orchestrates: [`plan`] loads and validates every data
//! file, session record and directive of the book into the [`Model`] and decides what replaces
//! each span of each chapter; [`apply`] then asks the domains' HTML modules for each piece and
//! splices it in. Problems are collected across the whole book and reported together; a book
//! with any problem is not rendered at all.
//!
//! A new kind of data is a folder with its model, loader and HTML, loaded in [`plan`], with an
//! [`plan::Edit`] for each directive it answers and a line in [`apply`].

mod apply;
// The facilitator guide links exercises, forms and readings of the whole book, so it renders
// here, above the model, not in the guide domain.
mod guide;
mod plan;

use crate::config::{ModulConfig, Paths};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::form::list::xlsx_path;
use crate::model::Model;
use crate::render::Renderer;
use mdbook_preprocessor::book::Book;
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

const NAME: &str = "modul";

/// `[preprocessor.modul]`: the name mdBook knows us by.
///
/// mdBook only passes errors on as text; an in-process caller that wants the structured
/// problems (with their places) takes them from the clone it kept, without validating twice.
#[derive(Debug, Default, Clone)]
pub struct ModulPreprocessor {
    problems: Arc<Mutex<Option<Diagnostics>>>,
    files: Arc<Mutex<Vec<SiteFile>>>,
}

/// A file the site needs besides mdBook's pages (the XLSForm exports), relative to the site root.
pub(crate) type SiteFile = (PathBuf, Vec<u8>);

impl ModulPreprocessor {
    /// The problems of the last failed run, if any.
    pub(crate) fn take_problems(&self) -> Option<Diagnostics> {
        self.problems.lock().ok().and_then(|mut slot| slot.take())
    }

    /// The extra files of the last successful run. mdBook's HTML renderer writes only pages,
    /// so the in-process build writes these into its staging folder.
    pub(crate) fn take_files(&self) -> Vec<SiteFile> {
        self.files
            .lock()
            .map(|mut files| std::mem::take(&mut *files))
            .unwrap_or_default()
    }
}

impl Preprocessor for ModulPreprocessor {
    fn name(&self) -> &str {
        NAME
    }

    fn run(&self, ctx: &PreprocessorContext, book: Book) -> anyhow::Result<Book> {
        let config = ModulConfig::from_book_config(&ctx.config)?;
        let paths = config.paths(&ctx.root, &ctx.config.book.src);
        match process(&paths, ctx.config.book.title.as_deref(), book) {
            Ok((book, files)) => {
                if let Ok(mut slot) = self.files.lock() {
                    *slot = files;
                }
                Ok(book)
            }
            Err(problems) => {
                let message = anyhow::anyhow!("{problems}");
                if let Ok(mut slot) = self.problems.lock() {
                    *slot = Some(problems);
                }
                Err(message)
            }
        }
    }

    fn supports_renderer(&self, renderer: &str) -> anyhow::Result<bool> {
        Ok(matches!(renderer, "html" | "markdown"))
    }
}

/// Reads and validates everything without changing the book: what `modul check` runs.
pub(crate) fn check(paths: &Paths, book: &Book) -> Result<Model, Diagnostics> {
    plan::analyze(paths, book).map(|(model, _)| model)
}

/// Validates the book and returns it with every directive and record rendered, and the extra
/// files of the site (one XLSForm per form).
fn process(
    paths: &Paths,
    title: Option<&str>,
    mut book: Book,
) -> Result<(Book, Vec<SiteFile>), Diagnostics> {
    let (mut model, plans) = plan::analyze(paths, &book)?;
    model.book_title = title.map(str::to_string);
    let renderer = Renderer::new();
    let mut problems = Diagnostics::default();

    // Each chapter's text moves out of the book and its rendering moves back in, instead of
    // rendering from a copy of every chapter.
    let mut jobs: Vec<(PathBuf, String)> = Vec::new();
    book.for_each_chapter_mut(|chapter| {
        if let Some(source) = &chapter.source_path
            && plans.contains_key(source)
        {
            jobs.push((source.clone(), std::mem::take(&mut chapter.content)));
        }
    });
    let (mut rendered, exports) = render_all(&jobs, &model, &plans, &renderer);
    let expected = jobs.len();
    drop(jobs);
    if rendered.len() != expected || exports.len() != model.form_defs.len() {
        problems.push(Diagnostic::file(
            &paths.src,
            "sebagian halaman tidak selesai dibuat",
            "ini galat internal; laporkan kepada pengembang",
        ));
    }
    let mut files = Vec::new();
    for (id, path, result) in exports {
        match result {
            Ok(bytes) => files.push((xlsx_path(&id), bytes)),
            Err(message) => problems.push(Diagnostic::file(
                &path,
                message,
                "ini galat internal ekspor XLSForm; laporkan kepada pengembang",
            )),
        }
    }
    if let Some(bank) = &model.test {
        match crate::tes::xlsform::workbook(bank) {
            Ok(bytes) => files.push((PathBuf::from(crate::tes::XLSX_PATH), bytes)),
            Err(message) => problems.push(Diagnostic::file(
                &paths.data.join(crate::tes::model::FILE_NAME),
                message,
                "ini galat internal ekspor XLSForm; laporkan kepada pengembang",
            )),
        }
    }
    book.for_each_chapter_mut(|chapter| {
        let Some(source) = chapter.source_path.clone() else {
            return;
        };
        match rendered.remove(&source) {
            Some(Ok(content)) => chapter.content = content,
            Some(Err(message)) => problems.push(Diagnostic::file(
                &paths.src.join(&source),
                message,
                "ini galat internal templat; laporkan kepada pengembang",
            )),
            None => {}
        }
    });
    problems.into_result()?;
    Ok((book, files))
}

/// A chapter rendered, or the internal error that stopped it.
type Rendered = BTreeMap<PathBuf, Result<String, String>>;
/// Each form's XLSForm workbook: (form id, form file, bytes or error).
type Exports = Vec<(String, PathBuf, Result<Vec<u8>, String>)>;

/// Chapters are independent once the model is known: render them on every core, with the
/// XLSForm exports beside them. Results are keyed by chapter, so the output does not depend on
/// the threads.
fn render_all(
    jobs: &[(PathBuf, String)],
    model: &Model,
    plans: &plan::Plans,
    renderer: &Renderer,
) -> (Rendered, Exports) {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .max(1);
    std::thread::scope(|scope| {
        let exports = scope.spawn(|| {
            model
                .form_defs
                .values()
                .map(|form| {
                    let bytes = crate::form::xlsform::workbook(form);
                    (form.id.clone(), form.path.clone(), bytes)
                })
                .collect::<Vec<_>>()
        });
        let handles: Vec<_> = (0..workers)
            .map(|worker| {
                scope.spawn(move || {
                    jobs.iter()
                        .skip(worker)
                        .step_by(workers)
                        .map(|(source, content)| {
                            let edits = plans.get(source).map_or(&[][..], Vec::as_slice);
                            let result = apply::apply(content, edits, source, model, renderer);
                            (source.clone(), result)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        let rendered: Rendered = handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect();
        (rendered, exports.join().unwrap_or_default())
    })
}
