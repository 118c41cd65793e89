//! Loading and validation of the whole book, and the plan of what replaces each directive and
//! record: every data file and chapter is read into the [`Model`]; each chapter gets a list of
//! [`Edit`]s, data only, rendered later by [`super::apply`] (so `modul check` renders nothing).

use crate::config::Paths;
use crate::content::catalog::{Catalog, Entry};
use crate::content::chapters::{ChapterIndex, front_matter};
use crate::content::corrections::{self, Corrections, TextKind};
use crate::content::directive::{self, Directive, RawDirective};
use crate::content::reading;
use crate::diagnostic::{Diagnostic, Diagnostics, SourceFile, display_path, suggestion};
use crate::exercise::{self, Exercise};
use crate::glossary::{self, Glossary};
use crate::model::Model;
use crate::session::{Program, Session, record};
use mdbook_preprocessor::book::{Book, BookItem, Chapter};
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// What to put in place of a span of a chapter, as data; rendered only after the whole book
/// validated, so `check` renders nothing and every rendering comes from the model.
#[derive(Debug)]
pub(super) enum Edit {
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
    ClientFile,
    Glossary,
    Corrections,
    /// The source line of a reading: index into `Model::readings`.
    ReadingSource(usize),
    /// A plan in its chapter (nothing when it has none): a session's after its session card,
    /// another block's (by id) after the title of the block's page.
    Guide(String),
    /// The steps of a session's plan that use a topic page (session code), under the page's
    /// title: what the facilitator needs while the page is projected.
    GuideTopic(String),
    /// `{{#panduan [SESI|ACARA]}}`: the printable facilitator guide of one session or block, or
    /// of all.
    GuidePrint(Option<String>),
    /// `{{#tes MODE}}`: the knowledge test or a printout of it.
    Test(crate::tes::html::Mode),
}

/// Each chapter's edits, by chapter (relative to `src/`).
pub(super) type Plans = BTreeMap<PathBuf, Vec<(Range<usize>, Edit)>>;

/// Reads and validates the data files and every chapter; the model and each chapter's edits.
pub(super) fn analyze(paths: &Paths, book: &Book) -> Result<(Model, Plans), Diagnostics> {
    let mut scan = Scan::new(paths, book);
    for chapter in book.chapters() {
        scan.chapter(chapter);
    }
    scan.finish(book)
}

/// The book while it is being read: what was found so far, and every problem.
struct Scan<'a> {
    paths: &'a Paths,
    model: Model,
    problems: Diagnostics,
    plans: Plans,
    index: ChapterIndex,
    /// Where glossary entries name their sessions (checked once sessions are known).
    glossary_spans: Option<glossary::Spans>,
    /// Session records in book order, with their file and the span of their code.
    sessions: Vec<(Session, SourceFile, Range<usize>)>,
    /// Where each exercise was placed by a directive: chapter and line.
    placed: BTreeMap<String, (PathBuf, usize)>,
    /// Session codes named by worksheet directives, checked once sessions are known.
    worksheet_codes: Vec<(SourceFile, Range<usize>, String)>,
    /// Session codes or block ids named by `{{#panduan …}}`, checked once sessions are known.
    guide_codes: Vec<(SourceFile, Range<usize>, String)>,
    chapter_len: BTreeMap<PathBuf, usize>,
    /// Where each chapter's title ends (a plan's steps for a topic page go there).
    title_ends: BTreeMap<PathBuf, usize>,
    /// How often each form was embedded so far (for unique DOM prefixes).
    form_uses: BTreeMap<String, usize>,
}

impl<'a> Scan<'a> {
    /// Loads the data files: programme, glossary, corrections, the exercise and form files and
    /// the longitudinal cases. Problems are kept in the order the files are read.
    fn new(paths: &'a Paths, book: &Book) -> Scan<'a> {
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
        match crate::tes::Bank::load(&paths.data) {
            Ok(bank) => model.test = bank,
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
        // The list of longitudinal cases sits among the exercises but is not one.
        let cases_path = paths.exercises.join(exercise::CASES_FILE);
        model.exercises.entries.retain(|_, e| e.path != cases_path);
        let (exercises, exercise_problems) = exercise::load_all(&model.exercises);
        model.exercise_data = exercises;
        problems.extend(exercise_problems);

        problems.extend(draft_chapters(paths, book));
        for problem in crate::content::chapters::empty_files(&paths.src, book) {
            problems.push(problem);
        }
        let index = chapter_index(book);
        let (cases, case_problems) = exercise::load_cases(&paths.exercises, &index);
        model.cases = cases;
        problems.extend(case_problems);
        Scan {
            paths,
            model,
            problems,
            plans: Plans::new(),
            index,
            glossary_spans,
            sessions: Vec::new(),
            placed: BTreeMap::new(),
            worksheet_codes: Vec::new(),
            guide_codes: Vec::new(),
            chapter_len: BTreeMap::new(),
            title_ends: BTreeMap::new(),
            form_uses: BTreeMap::new(),
        }
    }

    /// One chapter: its front matter (session record or reading) and its directives.
    fn chapter(&mut self, chapter: &Chapter) {
        let Some(source) = chapter.source_path.clone() else {
            return;
        };
        let file = SourceFile::new(self.paths.src.join(&source), chapter.content.clone());
        let mut edits = Vec::new();

        let front = match front_matter(&file) {
            Ok(front) => front,
            Err(d) => {
                self.problems.push(d);
                None
            }
        };
        let body_start = front.as_ref().map_or(0, |f| f.block.end);
        if let (Some(front), Some(program)) = (&front, &self.model.program) {
            match record::parse_session(&file, front, &source, program, &self.index) {
                Ok(Some((session, code_span))) => {
                    edits.push((front.block.clone(), Edit::SessionCard(self.sessions.len())));
                    let end = front.block.end;
                    edits.push((end..end, Edit::Guide(session.code.clone())));
                    self.sessions.push((session, file.clone(), code_span));
                }
                Ok(None) => edits.push((front.block.clone(), Edit::Remove)),
                Err(d) => self.problems.extend(d),
            }
        }
        if let Some(front) = &front {
            match reading::parse(&file, front, &source, &self.index) {
                Ok(Some(found)) => {
                    edits.push((
                        found.insert_at..found.insert_at,
                        Edit::ReadingSource(self.model.readings.len()),
                    ));
                    self.model.readings.push(found);
                }
                Ok(None) => {}
                Err(d) => self.problems.extend(d),
            }
        }

        // The page of a block that is not a session gets the block's plan under its title.
        if let Some(block) = self.model.program.as_ref().and_then(|p| {
            p.blocks
                .iter()
                .find(|b| !b.session && b.page.as_deref() == Some(source.as_path()))
        }) {
            let at = title_end(&file.text, body_start);
            edits.push((at..at, Edit::Guide(block.id.clone())));
        }
        let (raw, scan_problems) = directive::scan(&file, body_start..file.text.len());
        self.problems.extend(scan_problems);
        for raw in &raw {
            match self.directive(&file, &source, raw) {
                Ok(Some(edit)) => edits.push((raw.range.clone(), edit)),
                Ok(None) => {}
                Err(d) => self.problems.extend(d),
            }
        }
        self.chapter_len.insert(source.clone(), file.text.len());
        self.title_ends
            .insert(source.clone(), title_end(&file.text, body_start));
        self.plans.insert(source, edits);
    }

    /// What replaces one directive; `None` for one that is left to mdBook.
    fn directive(
        &mut self,
        file: &SourceFile,
        source: &Path,
        raw: &RawDirective,
    ) -> Result<Option<Edit>, Diagnostics> {
        directive::check_link(file, raw, &self.paths.root)?;
        let Some(directive) = directive::classify(file, raw)? else {
            return Ok(None);
        };
        let edit = match directive {
            Directive::Programme => Edit::Programme,
            Directive::Corrections => Edit::Corrections,
            Directive::FormList => Edit::FormList,
            Directive::ClientFile => Edit::ClientFile,
            Directive::Glossary => {
                once(
                    &mut self.model.glossary_page,
                    file,
                    raw,
                    source,
                    "daftar istilah",
                    "tulis {{#istilah}} di satu halaman saja: tautan istilah mengarah ke sana",
                )?;
                Edit::Glossary
            }
            Directive::Progress => {
                once(
                    &mut self.model.progress_page,
                    file,
                    raw,
                    source,
                    "halaman kemajuan",
                    "tulis {{#kemajuan}} di satu halaman saja: tautan latihan mengarah ke sana",
                )?;
                Edit::Progress
            }
            Directive::Exercise { id, id_range } => {
                self.exercise(file, source, raw, id, id_range)?
            }
            Directive::Test { mode, mode_range } => {
                self.test(file, source, raw, &mode, mode_range)?
            }
            Directive::Worksheet { session, key } => {
                if let Some((code, range)) = &session {
                    self.worksheet_codes
                        .push((file.clone(), range.clone(), code.clone()));
                }
                Edit::Worksheet {
                    session: session.map(|(code, _)| code),
                    key,
                }
            }
            Directive::Guide { of } => {
                if let Some((code, range)) = &of {
                    self.guide_codes
                        .push((file.clone(), range.clone(), code.clone()));
                }
                Edit::GuidePrint(of.map(|(code, _)| code))
            }
            Directive::Form { id, id_range } => {
                let entry = resolve(
                    file,
                    &self.model.forms,
                    &id,
                    id_range,
                    "formulir",
                    &self.paths.forms,
                )?;
                let uses = self.form_uses.entry(entry.id.clone()).or_default();
                *uses += 1;
                self.model
                    .form_embeds
                    .entry(entry.id.clone())
                    .or_default()
                    .push(source.to_path_buf());
                let prefix = match *uses {
                    1 => format!("f-{}", entry.id),
                    n => format!("f-{}-{n}", entry.id),
                };
                Edit::Form {
                    id: entry.id,
                    prefix,
                }
            }
        };
        Ok(Some(edit))
    }

    /// `{{#latihan ID}}`: a known exercise, placed only once in the book.
    fn exercise(
        &mut self,
        file: &SourceFile,
        source: &Path,
        raw: &RawDirective,
        id: String,
        id_range: Range<usize>,
    ) -> Result<Edit, Diagnostics> {
        resolve(
            file,
            &self.model.exercises,
            &id,
            id_range.clone(),
            "latihan",
            &self.paths.exercises,
        )?;
        let (line, _) = file.location(raw.range.start);
        if let Some((page, first)) = self.placed.get(&id) {
            return Err(Diagnostics(vec![file.error(
                id_range,
                format!("latihan `{id}` sudah dimuat di {}:{first}", page.display()),
                "setiap latihan tampil tepat sekali di buku; hapus salah satu direktif",
            )]));
        }
        self.placed.insert(id.clone(), (source.to_path_buf(), line));
        Ok(Edit::Exercise(id))
    }

    /// `{{#tes MODE}}`: a known mode, a bank to show, and each test on one page only.
    fn test(
        &mut self,
        file: &SourceFile,
        source: &Path,
        raw: &RawDirective,
        mode: &str,
        mode_range: Range<usize>,
    ) -> Result<Edit, Diagnostics> {
        use crate::tes::html::{MODES, Mode};
        let Some(parsed) = Mode::parse(mode) else {
            return Err(Diagnostics(vec![file.error(
                mode_range,
                format!("jenis tes `{mode}` tidak dikenal"),
                format!(
                    "tulis salah satu dari {}; {}",
                    MODES.join(", "),
                    suggestion(mode, MODES.iter().copied(), "jenis tes")
                ),
            )]));
        };
        if self.model.test.is_none() {
            return Err(Diagnostics(vec![file.error(
                raw.range.clone(),
                format!(
                    "{{{{#tes {mode}}}}} memerlukan bank soal {}",
                    display_path(&self.paths.data.join(crate::tes::model::FILE_NAME))
                ),
                "buat berkas bank soal (lihat book/data/tes.toml di buku utama) atau hapus direktif ini",
            )]));
        }
        let page = match parsed {
            Mode::Awal => Some(&mut self.model.test_pages.0),
            Mode::Akhir => Some(&mut self.model.test_pages.1),
            _ => None,
        };
        if let Some(page) = page {
            once(
                page,
                file,
                raw,
                source,
                &format!("tes {mode}"),
                "setiap tes tampil di satu halaman saja, agar jawaban tersimpan di satu tempat",
            )?;
        }
        Ok(Edit::Test(parsed))
    }

    /// Checks that need every chapter read (sessions, forms, glossary, exercise references),
    /// places the exercises no directive placed, and completes the model.
    fn finish(mut self, book: &Book) -> Result<(Model, Plans), Diagnostics> {
        let mut problems = self.problems;
        problems.extend(record::check_unique(&self.sessions));
        // What follows compares references across files; after a file failed to load (a
        // session, the programme, a form) its findings mostly follow from that failure, so
        // they are folded under it.
        let earlier = !problems.is_empty();
        let causes = problems;
        let mut problems = Diagnostics::default();
        let sessions: Vec<Session> = self.sessions.iter().map(|(s, _, _)| s.clone()).collect();
        let codes: Vec<&str> = sessions.iter().map(|s| s.code.as_str()).collect();
        problems.extend(check_form_uses(&mut self.model, &codes));
        // Without the programme no session record was read: checking the bank against no
        // sessions would bury the programme's error under one error per item.
        if let (Some(bank), Some(_)) = (&mut self.model.test, &self.model.program) {
            problems.extend(bank.check(&sessions));
        }
        if let Some(program) = &self.model.program {
            problems.extend(crate::session::programme::check_blocks(
                program,
                &sessions,
                &self.index.chapters,
            ));
        }
        if let Some(spans) = &self.glossary_spans {
            problems.extend(self.model.glossary.check_sessions(spans, &sessions));
        }
        problems.extend(exercise::check_references(
            &self.model.exercise_data,
            &sessions,
            &self.model.cases,
            &self.model.forms.entries.keys().cloned().collect(),
        ));
        problems.extend(exercise::check_form_answers(
            &self.model.exercise_data,
            &self.model.form_defs,
        ));
        for (file, range, code) in &self.worksheet_codes {
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
        let blocks: Vec<&str> = self.model.program.as_ref().map_or_else(Vec::new, |p| {
            p.blocks
                .iter()
                .filter(|b| !b.session)
                .map(|b| b.id.as_str())
                .collect()
        });
        for (file, range, code) in &self.guide_codes {
            if !codes.contains(&code.as_str()) && !blocks.contains(&code.as_str()) {
                problems.push(file.error(
                    range.clone(),
                    format!("sesi atau acara `{code}` tidak ada di buku"),
                    format!(
                        "tulis kode sesi (misalnya 1-4), id acara dari [[acara]] di book/data/program.toml, atau tanpa kode untuk seluruh panduan; {}",
                        suggestion(
                            code,
                            codes.iter().chain(blocks.iter()).copied(),
                            "sesi atau acara"
                        )
                    ),
                ));
            }
        }
        if let Some(program) = &self.model.program {
            let (guides, guide_problems) = crate::guide::load::load_all(
                &self.paths.data,
                &crate::guide::load::Book {
                    program,
                    sessions: &sessions,
                    exercises: &self.model.exercises,
                    forms: &self.model.forms,
                    readings: &self.model.readings,
                    chapters: &self.index.chapters,
                },
            );
            // Each topic page of a session with a plan gets the plan's steps for that page.
            for guide in guides.iter().filter(|g| !g.block) {
                let Some(session) = sessions.iter().find(|s| s.code == guide.id) else {
                    continue;
                };
                for topic in &session.topics {
                    if let Some(&at) = self.title_ends.get(&topic.page) {
                        self.plans
                            .entry(topic.page.clone())
                            .or_default()
                            .push((at..at, Edit::GuideTopic(guide.id.clone())));
                    }
                }
            }
            self.model.guides = guides;
            problems.extend(guide_problems);
        }
        problems.extend(corrections::check_forms(
            &self.model.corrections,
            self.model.forms.ids(),
        ));
        problems.extend(corrections::check_spelling(
            &self.model.corrections,
            spelling_files(self.paths, book, &self.model),
        ));
        place_remaining(
            &self.model.exercise_data,
            &self.placed,
            &sessions,
            &self.chapter_len,
            &mut self.plans,
        );
        let mut problems = if earlier {
            problems.following()
        } else {
            problems
        };
        problems.extend(causes);
        problems.into_result()?;
        let mut model = self.model;
        model.exercise_order = exercise_order(book, &self.plans);
        model.sessions = sessions;
        model.chapter_names = book
            .chapters()
            .filter_map(|c| Some((c.source_path.clone()?, c.name.clone())))
            .collect();
        Ok((model, self.plans))
    }
}

/// Where the page's title ends: after the first line that starts with `# ` at or after `from`
/// (a block's plan goes under it), or `from` when the page has no such title.
fn title_end(text: &str, from: usize) -> usize {
    let mut at = from;
    for line in text[from..].split_inclusive('\n') {
        at += line.len();
        if line.starts_with("# ") {
            return at;
        }
    }
    from
}

/// A directive that may appear on one page only (its page is where links point): records the
/// page, or reports the second one.
fn once(
    page: &mut Option<PathBuf>,
    file: &SourceFile,
    raw: &RawDirective,
    source: &Path,
    what: &str,
    help: &str,
) -> Result<(), Diagnostics> {
    match page {
        Some(first) => Err(Diagnostics(vec![file.error(
            raw.range.clone(),
            format!("{what} sudah dimuat di {}", first.display()),
            help,
        )])),
        None => {
            *page = Some(source.to_path_buf());
            Ok(())
        }
    }
}

/// Every form names sessions that exist and is shown on some page; decides each form's page.
fn check_form_uses(model: &mut Model, codes: &[&str]) -> Diagnostics {
    let mut problems = Diagnostics::default();
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
            problems.push(Diagnostic::file(
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

/// What the spelling check reads (issue 13): every chapter's Markdown as the book holds it, the
/// exercise, case and form files, the glossary, one file at a time. A file that cannot be read
/// was reported where it was loaded.
fn spelling_files<'b>(
    paths: &'b Paths,
    book: &'b Book,
    model: &Model,
) -> impl Iterator<Item = (SourceFile, TextKind)> + use<'b> {
    let chapters = book.chapters().filter_map(|c| {
        let source = c.source_path.as_ref()?;
        let file = SourceFile::new(paths.src.join(source), c.content.clone());
        Some((file, TextKind::Markdown))
    });
    let data: Vec<(PathBuf, TextKind)> = model
        .exercises
        .entries
        .values()
        .chain(model.forms.entries.values())
        .map(|e| (e.path.clone(), TextKind::Toml))
        .chain([
            (paths.exercises.join(exercise::CASES_FILE), TextKind::Toml),
            (paths.data.join(glossary::FILE_NAME), TextKind::Glossary),
        ])
        .collect();
    let data = data
        .into_iter()
        .filter(|(path, _)| path.is_file())
        .filter_map(|(path, kind)| Some((SourceFile::read(&path).ok()?, kind)));
    chapters.chain(data)
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
        let folder = display_path(folder);
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
