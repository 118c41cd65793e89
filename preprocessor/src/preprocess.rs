//! The mdBook preprocessor: validates every session record and directive of the book, then
//! replaces them with HTML rendered from the parsed model. Problems are collected across the
//! whole book and reported together; a book with any problem is not rendered at all.

use crate::admonition;
use crate::catalog::{Catalog, Entry};
use crate::config::{ModulConfig, Paths};
use crate::corrections::Corrections;
use crate::diagnostic::{Diagnostics, SourceFile, suggestion};
use crate::directive::{self, Directive};
use crate::exercise::{self, Case, Exercise};
use crate::exercise_html;
use crate::form::Form;
use crate::form_html::{self, Instance};
use crate::glossary::Glossary;
use crate::program::Program;
use crate::reading::{self, Reading};
use crate::render::{Renderer, relative_link};
use crate::session::{self, ChapterIndex, Session};
use mdbook_preprocessor::book::{Book, BookItem};
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};
use serde::Serialize;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

pub const NAME: &str = "modul";

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
pub type SiteFile = (PathBuf, Vec<u8>);

impl ModulPreprocessor {
    /// The problems of the last failed run, if any.
    pub fn take_problems(&self) -> Option<Diagnostics> {
        self.problems.lock().ok().and_then(|mut slot| slot.take())
    }

    /// The extra files of the last successful run. mdBook's HTML renderer writes only pages,
    /// so the in-process build writes these into its staging folder.
    pub fn take_files(&self) -> Vec<SiteFile> {
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
        match process(&paths, book) {
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

/// Everything the preprocessor learned from the book's sources.
#[derive(Debug, Default)]
pub struct Model {
    pub program: Option<Program>,
    pub exercises: Catalog,
    pub forms: Catalog,
    /// The parsed forms, by id.
    pub form_defs: BTreeMap<String, Form>,
    /// Every chapter that embeds each form, in book order.
    pub form_embeds: BTreeMap<String, Vec<PathBuf>>,
    /// Each form's page in links and lists: its `halaman`, else the first chapter embedding it.
    pub form_pages: BTreeMap<String, PathBuf>,
    /// In book order (the order of SUMMARY.md).
    pub sessions: Vec<Session>,
    pub glossary: Glossary,
    /// The chapter holding `{{#istilah}}`: where term links point.
    pub glossary_page: Option<PathBuf>,
    pub corrections: Corrections,
    /// Supporting readings, in book order.
    pub readings: Vec<Reading>,
    /// Chapter titles as in SUMMARY.md, for generated links.
    pub chapter_names: BTreeMap<PathBuf, String>,
    /// Exercises, validated, by id.
    pub exercise_data: BTreeMap<String, Exercise>,
    /// Longitudinal cases (`exercises/kasus.toml`).
    pub cases: Vec<Case>,
    /// Every exercise in book order, with the chapter that shows it.
    pub exercise_order: Vec<(String, PathBuf)>,
    /// The chapter holding `{{#kemajuan}}`.
    pub progress_page: Option<PathBuf>,
}

/// Where the XLSForm export of a form is written, relative to the site root.
pub fn xlsx_path(id: &str) -> PathBuf {
    PathBuf::from("formulir").join(format!("{id}.xlsx"))
}

impl Model {
    /// Sessions in programme order: "1-2" before "1-10".
    pub fn sessions_in_order(&self) -> Vec<&Session> {
        let mut sessions: Vec<&Session> = self.sessions.iter().collect();
        sessions.sort_by_key(|s| s.order_key());
        sessions
    }
}

/// What to put in place of a span of a chapter, as data; rendered only after the whole book
/// validated, so `check` renders nothing and every rendering comes from the model.
#[derive(Debug)]
enum Edit {
    /// The front matter of a session chapter: index into `Model::sessions`.
    SessionCard(usize),
    /// Front matter without a session record: removed.
    Remove,
    Programme,
    /// An exercise placed by `{{#latihan ID}}`.
    Exercise(String),
    /// Exercises no directive placed, appended to the page of their topic (or session).
    ExerciseGroup(Vec<String>),
    Worksheet {
        session: Option<String>,
        key: bool,
    },
    Progress,
    /// A form instance with its DOM id prefix, unique across the book (the print page joins
    /// every chapter into one document).
    Form {
        id: String,
        prefix: String,
    },
    FormList,
    Glossary,
    Corrections,
    /// The source line of a reading: index into `Model::readings`.
    ReadingSource(usize),
}

type Plans = BTreeMap<PathBuf, Vec<(Range<usize>, Edit)>>;

/// Validates the book and returns it with every directive and record rendered, and the extra
/// files of the site (one XLSForm per form).
pub fn process(paths: &Paths, mut book: Book) -> Result<(Book, Vec<SiteFile>), Diagnostics> {
    let (model, plans) = analyze(paths, &book)?;
    let renderer = Renderer::new();
    let mut problems = Diagnostics::default();

    // Chapters are independent once the model is known: render them on every core, with the
    // XLSForm exports beside them. Results are put back in book order, so the output does not
    // depend on the threads.
    let mut jobs: Vec<(PathBuf, String)> = Vec::new();
    book.for_each_chapter_mut(|chapter| {
        if let Some(source) = &chapter.source_path
            && plans.contains_key(source)
        {
            jobs.push((source.clone(), chapter.content.clone()));
        }
    });
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .max(1);
    let (rendered, exports) = std::thread::scope(|scope| {
        let exports = scope.spawn(|| {
            model
                .form_defs
                .values()
                .map(|form| (form, crate::xlsform::workbook(form)))
                .collect::<Vec<_>>()
        });
        let handles: Vec<_> = (0..workers)
            .map(|worker| {
                let (jobs, model, plans, renderer) = (&jobs, &model, &plans, &renderer);
                scope.spawn(move || {
                    jobs.iter()
                        .skip(worker)
                        .step_by(workers)
                        .map(|(source, content)| {
                            let edits = plans.get(source).map_or(&[][..], Vec::as_slice);
                            (
                                source.clone(),
                                apply(content, edits, source, model, renderer),
                            )
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        let rendered: BTreeMap<PathBuf, Result<String, String>> = handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect();
        (rendered, exports.join().unwrap_or_default())
    });
    if rendered.len() != jobs.len() || exports.len() != model.form_defs.len() {
        problems.push(crate::diagnostic::Diagnostic::file(
            &paths.src,
            "sebagian halaman tidak selesai dibuat",
            "ini galat internal; laporkan kepada pengembang",
        ));
    }
    let mut files = Vec::new();
    for (form, result) in exports {
        match result {
            Ok(bytes) => files.push((xlsx_path(&form.id), bytes)),
            Err(message) => problems.push(crate::diagnostic::Diagnostic::file(
                &form.path,
                message,
                "ini galat internal ekspor XLSForm; laporkan kepada pengembang",
            )),
        }
    }
    let mut rendered = rendered;
    book.for_each_chapter_mut(|chapter| {
        let Some(source) = chapter.source_path.clone() else {
            return;
        };
        match rendered.remove(&source) {
            Some(Ok(content)) => chapter.content = content,
            Some(Err(message)) => problems.push(crate::diagnostic::Diagnostic::file(
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

/// Reads and validates everything without changing the book: what `modul check` runs.
pub fn check(paths: &Paths, book: &Book) -> Result<Model, Diagnostics> {
    analyze(paths, book).map(|(model, _)| model)
}

fn analyze(paths: &Paths, book: &Book) -> Result<(Model, Plans), Diagnostics> {
    let mut problems = Diagnostics::default();
    let mut model = Model::default();
    match Program::load(&paths.data) {
        Ok(p) => model.program = Some(p),
        Err(d) => problems.extend(d),
    }
    let mut glossary_spans = None;
    match Glossary::load(&paths.data) {
        Ok((glossary, spans)) => {
            model.glossary = glossary;
            glossary_spans = spans;
        }
        Err(d) => problems.extend(d),
    }
    match Corrections::load(&paths.data) {
        Ok(corrections) => model.corrections = corrections,
        Err(d) => problems.extend(d),
    }
    for (catalog, folder) in [
        (&mut model.exercises, &paths.exercises),
        (&mut model.forms, &paths.forms),
    ] {
        let (loaded, catalog_problems) = Catalog::load(folder);
        *catalog = loaded;
        problems.extend(catalog_problems);
    }
    let (form_defs, form_problems) = crate::form::load_all(&model.forms);
    model.form_defs = form_defs;
    problems.extend(form_problems);
    let mut form_uses: BTreeMap<String, usize> = BTreeMap::new();
    // The list of longitudinal cases sits among the exercises but is not one.
    let cases_path = paths.exercises.join(exercise::CASES_FILE);
    model.exercises.entries.retain(|_, e| e.path != cases_path);
    let (exercises, exercise_problems) = exercise::load_all(&model.exercises);
    model.exercise_data = exercises;
    problems.extend(exercise_problems);

    problems.extend(draft_chapters(paths, book));
    let index = chapter_index(book);
    let (cases, case_problems) = exercise::load_cases(&paths.exercises, &index);
    model.cases = cases;
    problems.extend(case_problems);
    let mut plans = Plans::new();
    let mut found_sessions = Vec::new();
    // Where each exercise was placed by a directive: chapter and line.
    let mut placed: BTreeMap<String, (PathBuf, usize)> = BTreeMap::new();
    // Session codes named by worksheet directives, checked once sessions are known.
    let mut worksheet_codes: Vec<(SourceFile, Range<usize>, String)> = Vec::new();
    let mut chapter_len: BTreeMap<PathBuf, usize> = BTreeMap::new();
    for chapter in book.chapters() {
        let Some(source) = chapter.source_path.clone() else {
            continue;
        };
        let file = SourceFile::new(paths.src.join(&source), chapter.content.clone());
        let mut edits = Vec::new();

        let front = match session::front_matter(&file) {
            Ok(front) => front,
            Err(d) => {
                problems.push(d);
                None
            }
        };
        let body_start = front.as_ref().map_or(0, |f| f.block.end);
        if let (Some(front), Some(program)) = (&front, &model.program) {
            match session::parse_session(&file, front, &source, program, &index) {
                Ok(Some((session, code_span))) => {
                    edits.push((front.block.clone(), Edit::SessionCard(found_sessions.len())));
                    found_sessions.push((session, file.clone(), code_span));
                }
                Ok(None) => edits.push((front.block.clone(), Edit::Remove)),
                Err(d) => problems.extend(d),
            }
        }
        if let Some(front) = &front {
            match reading::parse(&file, front, &source, &index) {
                Ok(Some(found)) => {
                    edits.push((
                        found.insert_at..found.insert_at,
                        Edit::ReadingSource(model.readings.len()),
                    ));
                    model.readings.push(found);
                }
                Ok(None) => {}
                Err(d) => problems.extend(d),
            }
        }

        let (raw, scan_problems) = directive::scan(&file, body_start..file.text.len());
        problems.extend(scan_problems);
        for raw in &raw {
            let edit = match directive::classify(&file, raw) {
                Ok(None) => continue,
                Ok(Some(Directive::Programme)) => Ok(Edit::Programme),
                Ok(Some(Directive::Corrections)) => Ok(Edit::Corrections),
                Ok(Some(Directive::Glossary)) => match &model.glossary_page {
                    Some(first) => Err(Diagnostics(vec![file.error(
                        raw.range.clone(),
                        format!("daftar istilah sudah dimuat di {}", first.display()),
                        "tulis {{#istilah}} di satu halaman saja: tautan istilah mengarah ke sana",
                    )])),
                    None => {
                        model.glossary_page = Some(source.clone());
                        Ok(Edit::Glossary)
                    }
                },
                Ok(Some(Directive::Exercise { id, id_range })) => resolve(
                    &file,
                    &model.exercises,
                    &id,
                    id_range.clone(),
                    "latihan",
                    &paths.exercises,
                )
                .and_then(|_| {
                    let (line, _) = file.location(raw.range.start);
                    match placed.get(&id) {
                        Some((page, first)) => Err(Diagnostics(vec![file.error(
                            id_range,
                            format!("latihan `{id}` sudah dimuat di {}:{first}", page.display()),
                            "setiap latihan tampil tepat sekali di buku; hapus salah satu direktif",
                        )])),
                        None => {
                            placed.insert(id.clone(), (source.clone(), line));
                            Ok(Edit::Exercise(id))
                        }
                    }
                }),
                Ok(Some(Directive::Worksheet { session, key })) => {
                    if let Some((code, range)) = &session {
                        worksheet_codes.push((file.clone(), range.clone(), code.clone()));
                    }
                    Ok(Edit::Worksheet {
                        session: session.map(|(code, _)| code),
                        key,
                    })
                }
                Ok(Some(Directive::Progress)) => match &model.progress_page {
                    Some(first) => Err(Diagnostics(vec![file.error(
                        raw.range.clone(),
                        format!("halaman kemajuan sudah dimuat di {}", first.display()),
                        "tulis {{#kemajuan}} di satu halaman saja: tautan latihan mengarah ke sana",
                    )])),
                    None => {
                        model.progress_page = Some(source.clone());
                        Ok(Edit::Progress)
                    }
                },
                Ok(Some(Directive::Form { id, id_range })) => {
                    resolve(&file, &model.forms, &id, id_range, "formulir", &paths.forms).map(
                        |entry| {
                            let uses = form_uses.entry(entry.id.clone()).or_default();
                            *uses += 1;
                            model
                                .form_embeds
                                .entry(entry.id.clone())
                                .or_default()
                                .push(source.clone());
                            let prefix = match *uses {
                                1 => format!("f-{}", entry.id),
                                n => format!("f-{}-{n}", entry.id),
                            };
                            Edit::Form {
                                id: entry.id,
                                prefix,
                            }
                        },
                    )
                }
                Ok(Some(Directive::FormList)) => Ok(Edit::FormList),
                Err(d) => Err(d),
            };
            match edit {
                Ok(edit) => edits.push((raw.range.clone(), edit)),
                Err(d) => problems.extend(d),
            }
        }
        chapter_len.insert(source.clone(), file.text.len());
        plans.insert(source, edits);
    }
    problems.extend(session::check_unique(&found_sessions));
    problems.extend(check_form_uses(&mut model, &found_sessions));
    let sessions: Vec<Session> = found_sessions.iter().map(|(s, _, _)| s.clone()).collect();
    if let Some(spans) = &glossary_spans {
        problems.extend(model.glossary.check_sessions(spans, &sessions));
    }
    problems.extend(exercise::check_references(
        &model.exercise_data,
        &sessions,
        &model.cases,
        &model.forms.entries.keys().cloned().collect(),
    ));
    problems.extend(exercise::check_form_answers(
        &model.exercise_data,
        &model.form_defs,
    ));
    let codes: Vec<&str> = sessions.iter().map(|s| s.code.as_str()).collect();
    for (file, range, code) in &worksheet_codes {
        if !codes.contains(&code.as_str()) {
            problems.push(file.error(
                range.clone(),
                format!("sesi `{code}` tidak ada di buku"),
                format!(
                    "tulis kode sesi, misalnya 1-4, atau tanpa kode untuk semua sesi; {}",
                    suggestion(code, codes.iter().copied(), "sesi")
                ),
            ));
        }
    }
    place_remaining(
        &model.exercise_data,
        &placed,
        &sessions,
        &chapter_len,
        &mut plans,
    );
    problems.into_result()?;
    model.exercise_order = exercise_order(book, &plans);
    model.sessions = sessions;
    model.chapter_names = book
        .chapters()
        .filter_map(|c| Some((c.source_path.clone()?, c.name.clone())))
        .collect();
    Ok((model, plans))
}

/// Every form names sessions that exist and is shown on some page; decides each form's page.
fn check_form_uses(
    model: &mut Model,
    sessions: &[(Session, SourceFile, Range<usize>)],
) -> Diagnostics {
    let mut problems = Diagnostics::default();
    let codes: Vec<&str> = sessions.iter().map(|(s, _, _)| s.code.as_str()).collect();
    let mut pages = BTreeMap::new();
    for form in model.form_defs.values() {
        let embeds = model.form_embeds.get(&form.id);
        match (&form.page, embeds) {
            (Some((page, span)), Some(embeds)) if !embeds.contains(page) => {
                let file = SourceFile::read(&form.path)
                    .unwrap_or_else(|_| SourceFile::new(&form.path, ""));
                let shown: Vec<String> = embeds.iter().map(|p| p.display().to_string()).collect();
                problems.push(file.error(
                    span.clone(),
                    format!(
                        "halaman `{}` tidak memuat {{{{#formulir {}}}}}",
                        page.display(),
                        form.id
                    ),
                    format!(
                        "tulis halaman yang memuat formulir ini: {}",
                        shown.join(", ")
                    ),
                ));
            }
            (Some((page, _)), Some(_)) => {
                pages.insert(form.id.clone(), page.clone());
            }
            (None, Some(embeds)) => {
                if let Some(first) = embeds.first() {
                    pages.insert(form.id.clone(), first.clone());
                }
            }
            _ => {}
        }
        let file = SourceFile::read(&form.path).unwrap_or_else(|_| SourceFile::new(&form.path, ""));
        for (code, span) in form.sessions.iter().zip(&form.session_spans) {
            if !codes.contains(&code.as_str()) {
                problems.push(file.error(
                    span.clone(),
                    format!("sesi `{code}` tidak ada di buku"),
                    format!(
                        "tulis kode sesi yang ada; {}",
                        suggestion(code, codes.iter().copied(), "sesi")
                    ),
                ));
            }
        }
        if embeds.is_none() {
            problems.push(crate::diagnostic::Diagnostic::file(
                &form.path,
                format!("formulir `{}` tidak dimuat di halaman mana pun", form.id),
                format!(
                    "tambahkan {{{{#formulir {}}}}} pada baris tersendiri di halaman yang memakainya",
                    form.id
                ),
            ));
        }
    }
    model.form_pages = pages;
    problems
}

/// Exercises that no directive placed go to the end of their topic's page, or of their
/// session's chapter when they name no topic, under one "Latihan" heading per page.
fn place_remaining(
    exercises: &BTreeMap<String, Exercise>,
    placed: &BTreeMap<String, (PathBuf, usize)>,
    sessions: &[Session],
    chapter_len: &BTreeMap<PathBuf, usize>,
    plans: &mut Plans,
) {
    let mut by_page: BTreeMap<&Path, Vec<String>> = BTreeMap::new();
    for e in exercises.values() {
        if placed.contains_key(&e.id) {
            continue;
        }
        let Some(session) = sessions.iter().find(|s| s.code == e.session) else {
            continue;
        };
        let page = e
            .topic
            .as_ref()
            .and_then(|t| session.topics.iter().find(|topic| &topic.title == t))
            .map_or(session.chapter.as_path(), |t| t.page.as_path());
        by_page.entry(page).or_default().push(e.id.clone());
    }
    for (page, ids) in by_page {
        if let (Some(len), Some(edits)) = (chapter_len.get(page), plans.get_mut(page)) {
            edits.push((*len..*len, Edit::ExerciseGroup(ids)));
        }
    }
}

/// Every exercise in the order a reader meets it, with the chapter that shows it.
fn exercise_order(book: &Book, plans: &Plans) -> Vec<(String, PathBuf)> {
    let mut order = Vec::new();
    for chapter in book.chapters() {
        let Some(source) = &chapter.source_path else {
            continue;
        };
        let Some(edits) = plans.get(source) else {
            continue;
        };
        let mut sorted: Vec<&(Range<usize>, Edit)> = edits.iter().collect();
        sorted.sort_by_key(|(range, _)| range.start);
        for (_, edit) in sorted {
            match edit {
                Edit::Exercise(id) => order.push((id.clone(), source.clone())),
                Edit::ExerciseGroup(ids) => {
                    order.extend(ids.iter().map(|id| (id.clone(), source.clone())));
                }
                _ => {}
            }
        }
    }
    order
}

/// The catalog entry a directive names, or an error with the closest known id.
fn resolve(
    file: &SourceFile,
    catalog: &Catalog,
    id: &str,
    id_range: Range<usize>,
    kind: &str,
    folder: &Path,
) -> Result<Entry, Diagnostics> {
    catalog.get(id).cloned().ok_or_else(|| {
        let folder = crate::diagnostic::display_path(folder);
        Diagnostics(vec![file.error(
            id_range,
            format!("{kind} `{id}` tidak ditemukan di {folder}/"),
            format!(
                "buat berkas {folder}/{id}.toml atau perbaiki id; {}",
                suggestion(id, catalog.ids(), kind)
            ),
        )])
    })
}

/// A SUMMARY.md entry without a file (`- [Judul]()`) would be a dead placeholder in the
/// navigation: every entry must have its page.
fn draft_chapters(paths: &Paths, book: &Book) -> Diagnostics {
    let mut problems = Diagnostics::default();
    let summary_path = paths.src.join("SUMMARY.md");
    let summary =
        SourceFile::read(&summary_path).unwrap_or_else(|_| SourceFile::new(&summary_path, ""));
    for item in book.iter() {
        let BookItem::Chapter(chapter) = item else {
            continue;
        };
        if chapter.path.is_some() {
            continue;
        }
        let needle = format!("[{}]", chapter.name);
        let at = summary.text.find(&needle).unwrap_or(0);
        problems.push(summary.error(
            at..at + needle.len(),
            format!("bab `{}` tidak mempunyai berkas (bab draf)", chapter.name),
            "tulis halamannya dan cantumkan nama berkasnya, misalnya [Judul](folder/halaman.md), atau hapus butir ini",
        ));
    }
    problems
}

fn chapter_index(book: &Book) -> ChapterIndex {
    let mut index = ChapterIndex::default();
    for chapter in book.chapters() {
        let Some(path) = &chapter.source_path else {
            continue;
        };
        index.chapters.insert(path.clone());
        let children = chapter
            .sub_items
            .iter()
            .filter_map(|item| match item {
                BookItem::Chapter(c) => c.source_path.clone(),
                _ => None,
            })
            .collect();
        index.children.insert(path.clone(), children);
    }
    index
}

#[derive(Serialize)]
struct SessionView<'a> {
    code: &'a str,
    title: &'a str,
    objectives: &'a [String],
    methods: &'a [crate::program::Item],
    media: &'a [crate::program::Item],
    jp: u32,
    minutes: u32,
    link: String,
    topics: Vec<TopicView<'a>>,
    forms: Vec<FormLinkView>,
}

/// A form as listed on session cards and on the Formulir page.
#[derive(Serialize)]
struct FormLinkView {
    id: String,
    title: String,
    version: u32,
    link: String,
    xlsx: String,
    sessions: Vec<String>,
}

fn form_title(form: &Form) -> String {
    match &form.code {
        Some(code) => format!("{code}: {}", form.title),
        None => form.title.clone(),
    }
}

/// Forms in reading order: the modul's numbered forms, then by the first session using them.
fn forms_in_order(model: &Model) -> Vec<&Form> {
    let session_order = |code: &str| {
        model
            .sessions
            .iter()
            .find(|s| s.code == code)
            .map_or((u32::MAX, u32::MAX), |s| s.order_key())
    };
    let mut forms: Vec<&Form> = model.form_defs.values().collect();
    forms.sort_by_key(|f| {
        let number = f
            .code
            .as_deref()
            .and_then(|c| c.rsplit(' ').next())
            .and_then(|n| n.parse::<u32>().ok());
        let first = f.sessions.iter().map(|c| session_order(c)).min();
        (number.is_none(), number, first, f.title.clone())
    });
    forms
}

fn form_links(model: &Model, from: &Path, only_session: Option<&str>) -> Vec<FormLinkView> {
    forms_in_order(model)
        .into_iter()
        .filter(|f| only_session.is_none_or(|code| f.sessions.iter().any(|c| c == code)))
        .filter_map(|f| {
            let page = model.form_pages.get(&f.id)?;
            Some(FormLinkView {
                id: f.id.clone(),
                title: form_title(f),
                version: f.version,
                link: relative_link(from, page),
                xlsx: xlsx_link(from, &f.id),
                sessions: f.sessions.clone(),
            })
        })
        .collect()
}

/// Link from a chapter's page to a form's XLSForm file.
fn xlsx_link(from: &Path, id: &str) -> String {
    let depth = from.parent().map_or(0, |p| p.components().count());
    format!(
        "{}{}",
        "../".repeat(depth),
        xlsx_path(id).to_string_lossy().replace('\\', "/")
    )
}

#[derive(Serialize)]
struct TopicView<'a> {
    title: &'a str,
    jp: u32,
    link: String,
}

fn session_view<'a>(
    session: &'a Session,
    program: &Program,
    from: &Path,
    model: &Model,
) -> SessionView<'a> {
    SessionView {
        code: &session.code,
        title: &session.title,
        objectives: &session.objectives,
        methods: &session.methods,
        media: &session.media,
        jp: session.jp(),
        minutes: session.jp() * program.minutes_per_jp,
        link: relative_link(from, &session.chapter),
        topics: session
            .topics
            .iter()
            .map(|t| TopicView {
                title: &t.title,
                jp: t.jp,
                link: relative_link(from, &t.page),
            })
            .collect(),
        forms: form_links(model, from, Some(&session.code)),
    }
}

/// The generated title and session card that replace a session chapter's front matter.
fn card_markdown(
    session: &Session,
    program: &Program,
    model: &Model,
    renderer: &Renderer,
) -> Result<String, String> {
    let view = session_view(session, program, &session.chapter, model);
    let card = renderer.render("kartu-sesi.html", serde_json::json!({ "s": view }))?;
    Ok(format!(
        "# {} {}: {}\n\n{card}\n\n",
        crate::ui::text("sesi"),
        session.code,
        session.title
    ))
}

#[derive(Serialize)]
struct RowView<'a> {
    #[serde(flatten)]
    row: &'a crate::schedule::Row<'a>,
    link: Option<String>,
}

#[derive(Serialize)]
struct DayView<'a> {
    number: usize,
    jp: u32,
    start: &'a str,
    end: &'a str,
    rows: Vec<RowView<'a>>,
}

fn programme_html(
    model: &Model,
    program: &Program,
    chapter: &Path,
    renderer: &Renderer,
) -> Result<String, String> {
    let ordered = model.sessions_in_order();
    let sessions: Vec<SessionView> = ordered
        .iter()
        .map(|s| session_view(s, program, chapter, model))
        .collect();
    let timetable = crate::schedule::timetable(&ordered, program);
    let days: Vec<DayView> = timetable
        .iter()
        .map(|day| DayView {
            number: day.number,
            jp: day.jp,
            start: &day.start,
            end: &day.end,
            rows: day
                .rows
                .iter()
                .map(|row| RowView {
                    row,
                    link: row.page.map(|p| relative_link(chapter, p)),
                })
                .collect(),
        })
        .collect();
    let total_jp: u32 = sessions.iter().map(|s| s.jp).sum();
    let total_minutes = total_jp * program.minutes_per_jp;
    let hours = f64::from(total_minutes) / 60.0;
    let total_hours = if total_minutes.is_multiple_of(60) {
        format!("{}", total_minutes / 60)
    } else {
        format!("{hours:.1}").replace('.', ",")
    };
    let html = renderer.render(
        "program.html",
        serde_json::json!({
            "sessions": sessions,
            "total_jp": total_jp,
            "total_minutes": total_minutes,
            "total_hours": total_hours,
            "minutes_per_jp": program.minutes_per_jp,
            "jp_per_day": program.jp_per_day,
            "days": days,
        }),
    )?;
    Ok(format!("\n{html}\n"))
}

fn apply(
    text: &str,
    edits: &[(Range<usize>, Edit)],
    source: &Path,
    model: &Model,
    renderer: &Renderer,
) -> Result<String, String> {
    let program = model.program.as_ref().ok_or("data program tidak ada")?;
    let mut sorted: Vec<&(Range<usize>, Edit)> = edits.iter().collect();
    sorted.sort_by_key(|(range, _)| range.start);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (range, edit) in sorted {
        out.push_str(&text[at..range.start]);
        match edit {
            Edit::SessionCard(i) => {
                let session = model.sessions.get(*i).ok_or("sesi tidak ditemukan")?;
                out.push_str(&card_markdown(session, program, model, renderer)?);
            }
            Edit::Remove => {}
            Edit::Programme => out.push_str(&programme_html(model, program, source, renderer)?),
            Edit::Exercise(id) => {
                let e = model
                    .exercise_data
                    .get(id)
                    .ok_or_else(|| format!("latihan {id} tidak ada"))?;
                let html = exercise_html::exercise_html(e, model, source, renderer)?;
                out.push_str(&format!("\n{html}\n"));
            }
            Edit::ExerciseGroup(ids) => {
                out.push_str(&exercise_html::group_markdown(
                    ids, model, source, renderer,
                )?);
            }
            Edit::Worksheet { session, key } => {
                let html = exercise_html::worksheet_html(
                    model,
                    session.as_deref(),
                    *key,
                    source,
                    renderer,
                )?;
                out.push_str(&format!("\n{html}\n"));
            }
            Edit::Progress => {
                let html = exercise_html::progress_html(model, source, renderer)?;
                out.push_str(&format!("\n{html}\n"));
            }
            Edit::Form { id, prefix } => {
                let form = model.form_defs.get(id).ok_or("formulir tidak ditemukan")?;
                let instance = Instance::book(form, prefix.clone(), xlsx_link(source, &form.id));
                out.push_str(&format!("\n{}\n", form_html::render(&instance, renderer)?));
            }
            Edit::FormList => {
                let forms = form_links(model, source, None);
                let html = renderer.render(
                    "daftar-formulir.html",
                    serde_json::json!({ "forms": forms }),
                )?;
                out.push_str(&format!("\n{html}\n"));
            }
            Edit::Glossary => out.push_str(&glossary_html(model, source, renderer)?),
            Edit::Corrections => {
                let html = renderer.render(
                    "penyuntingan.html",
                    serde_json::json!({
                        "files": model.corrections.files,
                        "count": model.corrections.row_count(),
                    }),
                )?;
                out.push_str(&format!("\n{html}\n"));
            }
            Edit::ReadingSource(i) => {
                let reading = model.readings.get(*i).ok_or("bacaan tidak ditemukan")?;
                let supports: Vec<serde_json::Value> = reading
                    .supports
                    .iter()
                    .map(|p| {
                        serde_json::json!({
                            "label": chapter_label(model, p),
                            "link": relative_link(source, p),
                        })
                    })
                    .collect();
                let html = renderer.render(
                    "bacaan-sumber.html",
                    serde_json::json!({"r": reading, "supports": supports}),
                )?;
                out.push_str(&format!("\n{html}\n\n"));
            }
        }
        at = range.end;
    }
    out.push_str(&text[at..]);
    let mut result = splice(&out, admonition::rewrite(&out, renderer)?);
    result = splice(&result, crate::lists::markers(&result));
    if let Some(page) = &model.glossary_page
        && page != source
    {
        let target = relative_link(source, page);
        result = splice(&result, model.glossary.links(&result, &target));
    }
    let supporting: Vec<serde_json::Value> = model
        .readings
        .iter()
        .filter(|r| r.supports.iter().any(|p| p == source))
        .map(|r| {
            serde_json::json!({
                "title": model.chapter_names.get(&r.chapter).cloned().unwrap_or_default(),
                "kind": r.kind,
                "original_title": r.original_title,
                "date": r.date,
                "link": relative_link(source, &r.chapter),
            })
        })
        .collect();
    if !supporting.is_empty() {
        let html = renderer.render(
            "bacaan-terkait.html",
            serde_json::json!({ "readings": supporting }),
        )?;
        result.push_str(&format!("\n\n{html}\n"));
    }
    Ok(result)
}

/// `text` with each range replaced; ranges are sorted and do not overlap.
fn splice(text: &str, replacements: Vec<(Range<usize>, String)>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (range, replacement) in replacements {
        out.push_str(&text[at..range.start]);
        out.push_str(&replacement);
        at = range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// "Sesi 1-4: Asesmen" for a topic page, the session's title for its chapter, else the
/// chapter's title from SUMMARY.md.
fn chapter_label(model: &Model, path: &Path) -> String {
    for session in &model.sessions {
        if session.chapter == path {
            return format!(
                "{} {}: {}",
                crate::ui::text("sesi"),
                session.code,
                session.title
            );
        }
        if let Some(topic) = session.topics.iter().find(|t| t.page == path) {
            return format!(
                "{} {}: {}",
                crate::ui::text("sesi"),
                session.code,
                topic.title
            );
        }
    }
    model
        .chapter_names
        .get(path)
        .cloned()
        .unwrap_or_else(|| path.display().to_string())
}

fn glossary_html(model: &Model, source: &Path, renderer: &Renderer) -> Result<String, String> {
    let groups = crate::glossary::view(&model.glossary, &model.sessions, source);
    let html = renderer.render(
        "istilah.html",
        serde_json::json!({ "groups": groups, "count": model.glossary.terms.len() }),
    )?;
    Ok(format!("\n{html}\n"))
}
