//! Exercises as HTML: the interactive block in a chapter, the participant worksheet and the
//! trainer's answer key (print pages), and the progress page (Kemajuan Saya). All are rendered
//! from [`super::Exercise`] through the templates ([`super::view`] prepares what they show), at
//! build time: questions, options, feedback and keys are in the page, readable and printable
//! without JavaScript.

use super::case::Case;
use super::model::{Body, Exercise, ModelValue};
use super::order::Figures;
use super::view::{ExerciseView, kind_label, level_label, view};
use crate::form::Form;
use crate::form::html::{self as form_html, AnswerValue, Answers, Instance};
use crate::render::{Renderer, relative_link};
use crate::session::Session;
use crate::ui;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What the exercise pages need to know about the book.
pub(crate) struct Book<'a> {
    /// In book order.
    pub(crate) sessions: &'a [Session],
    pub(crate) cases: &'a [Case],
    pub(crate) forms: &'a BTreeMap<String, Form>,
    /// Each form's page: its `halaman`, else the first chapter embedding it.
    pub(crate) form_pages: &'a BTreeMap<String, PathBuf>,
    pub(crate) exercises: &'a BTreeMap<String, Exercise>,
    /// Every exercise in book order, with the chapter that shows it.
    pub(crate) order: &'a [(String, PathBuf)],
}

/// A model value as the form's script collects it (text, list of names, rows of columns).
pub(crate) fn answer_value(value: &ModelValue) -> AnswerValue {
    match value {
        ModelValue::Text(t) => AnswerValue::Text(t.clone()),
        ModelValue::List(l) => AnswerValue::List(l.clone()),
        ModelValue::Rows(rows) => AnswerValue::Rows(
            rows.iter()
                .map(|row| {
                    row.iter()
                        .map(|(k, v)| (k.clone(), answer_value(v)))
                        .collect()
                })
                .collect(),
        ),
    }
}

/// The fillable form of a form-filling exercise, with its model answers for the comparison.
/// Its draft has its own key, outside `modul:latihan:` where progress records live.
fn exercise_form(e: &Exercise, book: &Book, renderer: &Renderer) -> Result<Option<String>, String> {
    let Body::FormFilling {
        form,
        model: values,
        ..
    } = &e.body
    else {
        return Ok(None);
    };
    let def = book
        .forms
        .get(form)
        .ok_or_else(|| format!("formulir {form} tidak ada"))?;
    let answers = Answers {
        values: values
            .iter()
            .map(|(name, v)| (name.clone(), answer_value(v)))
            .collect(),
        checked: values
            .iter()
            .filter(|(name, _)| def.field(name).is_some_and(Answers::checkable))
            .map(|(name, _)| name.clone())
            .collect(),
    };
    let instance = Instance {
        form: def,
        prefix: format!("latihan-{}-f", e.id),
        storage_key: format!("modul:formulir-latihan:{}", e.id),
        xlsx_link: None,
        answers: Some(&answers),
    };
    form_html::render(&instance, renderer).map(Some)
}

/// The interactive block that replaces `{{#latihan ID}}` (or is appended to a topic page).
pub(crate) fn exercise_html(
    e: &Exercise,
    book: &Book,
    from: &Path,
    renderer: &Renderer,
) -> Result<String, String> {
    #[derive(Serialize)]
    struct BlockView<'a> {
        e: ExerciseView<'a>,
    }
    let mut v = view(e, book, from);
    v.form_html = exercise_form(e, book, renderer)?;
    renderer.render("latihan.html", BlockView { e: v })
}

/// Exercises appended to a page that places none of them by directive: a "Latihan" heading,
/// then each block.
pub(crate) fn group_markdown(
    ids: &[String],
    book: &Book,
    from: &Path,
    renderer: &Renderer,
) -> Result<String, String> {
    let mut out = format!("\n\n## {}\n", ui::text("latihan"));
    for id in ids {
        let e = book
            .exercises
            .get(id)
            .ok_or_else(|| format!("latihan {id} tidak ada"))?;
        out.push('\n');
        out.push_str(&exercise_html(e, book, from, renderer)?);
        out.push('\n');
        out.push_str(&back_to_top_html(renderer)?);
        out.push('\n');
    }
    Ok(out)
}

/// "Latihan di halaman ini": links to the exercise blocks of a page, in page order.
pub(crate) fn page_list_html(
    ids: &[&str],
    book: &Book,
    renderer: &Renderer,
) -> Result<String, String> {
    #[derive(Serialize)]
    struct Entry<'a> {
        id: &'a str,
        title: &'a str,
    }
    #[derive(Serialize)]
    struct List<'a> {
        exercises: Vec<Entry<'a>>,
    }
    let exercises = ids
        .iter()
        .map(|id| {
            let e = book
                .exercises
                .get(*id)
                .ok_or_else(|| format!("latihan {id} tidak ada"))?;
            Ok(Entry {
                id,
                title: &e.title,
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    renderer.render("latihan-halaman.html", List { exercises })
}

/// The "Kembali ke atas" link after an exercise block.
pub(crate) fn back_to_top_html(renderer: &Renderer) -> Result<String, String> {
    #[derive(Serialize)]
    struct Back {
        exercises: Vec<()>,
    }
    renderer.render("latihan-halaman.html", Back { exercises: vec![] })
}

/// The exercises of one session, in book order, as one page lists them.
#[derive(Serialize)]
struct SessionGroup<'a, T> {
    code: &'a str,
    title: &'a str,
    exercises: Vec<T>,
}

/// Each session in programme order (or only `only`) with its exercises in book order.
fn by_session<'a, T>(
    book: &Book<'a>,
    only: Option<&str>,
    item: impl Fn(&'a Exercise, &'a Path) -> T,
) -> Vec<SessionGroup<'a, T>> {
    crate::session::in_order(book.sessions)
        .into_iter()
        .filter(|s| only.is_none_or(|code| code == s.code))
        .map(|s| SessionGroup {
            code: &s.code,
            title: &s.title,
            exercises: book
                .order
                .iter()
                .filter_map(|(id, page)| Some((book.exercises.get(id)?, page.as_path())))
                .filter(|(e, _)| e.session == s.code)
                .map(|(e, page)| item(e, page))
                .collect(),
        })
        .collect()
}

/// A participant worksheet (`key == false`) or the trainer's answer key (`key == true`) for
/// one session or, without `session`, every session; exercises in book order.
pub(crate) fn worksheet_html(
    book: &Book,
    session: Option<&str>,
    key: bool,
    from: &Path,
    renderer: &Renderer,
) -> Result<String, String> {
    #[derive(Serialize)]
    struct SheetView<'a> {
        sessions: Vec<SessionGroup<'a, ExerciseView<'a>>>,
        /// The trainer's answer key rather than the participant's worksheet.
        key: bool,
        /// Every session on one page.
        all: bool,
        /// The whole book's answer key: what its exercises measure and where their keys are.
        figures: Option<FiguresView>,
    }
    let sessions = by_session(book, session, |e, _| view(e, book, from));
    let figures = (key && session.is_none()).then(|| figures_view(book));
    renderer.render(
        "lembar-kerja.html",
        SheetView {
            sessions,
            key,
            all: session.is_none(),
            figures,
        },
    )
}

/// [`Figures`] as the answer key page shows them.
#[derive(Serialize)]
struct FiguresView {
    /// "Penerapan" and the number of exercises of that level, in level order.
    levels: Vec<(&'static str, usize)>,
    exercises: usize,
    applying: usize,
    /// Percentage, rounded.
    applying_percent: u32,
    single: usize,
    /// "A: 2, B: 2, C: 2, D: 1".
    key_at: String,
    longest_correct: usize,
    multiple: usize,
    all_correct_first: usize,
}

fn figures_view(book: &Book) -> FiguresView {
    let f = Figures::of(book.exercises.values());
    FiguresView {
        levels: f
            .levels
            .iter()
            .map(|(level, n)| (level_label(*level), *n))
            .collect(),
        exercises: f.exercises,
        applying: f.applying(),
        applying_percent: (f.applies_share() * 100.0).round() as u32,
        single: f.single,
        key_at: f
            .key_at
            .iter()
            .enumerate()
            .map(|(at, n)| format!("{}: {n}", super::view::letter(at)))
            .collect::<Vec<_>>()
            .join(", "),
        longest_correct: f.longest_correct,
        multiple: f.multiple,
        all_correct_first: f.all_correct_first,
    }
}

/// The progress page: every exercise by session, with a link to where it is in the book.
pub(crate) fn progress_html(
    book: &Book,
    from: &Path,
    renderer: &Renderer,
) -> Result<String, String> {
    #[derive(Serialize)]
    struct Entry<'a> {
        id: &'a str,
        title: &'a str,
        /// `data-hash`: the stored result counts while it matches.
        hash: &'a str,
        kind_label: &'static str,
        /// The exercise in its chapter.
        link: String,
    }
    #[derive(Serialize)]
    struct ProgressView<'a> {
        sessions: Vec<SessionGroup<'a, Entry<'a>>>,
        total: usize,
    }
    let sessions = by_session(book, None, |e, page| Entry {
        id: &e.id,
        title: &e.title,
        hash: &e.hash,
        kind_label: kind_label(e.kind()),
        link: format!("{}#latihan-{}", relative_link(from, page), e.id),
    });
    renderer.render(
        "kemajuan.html",
        ProgressView {
            sessions,
            total: book.order.len(),
        },
    )
}
