//! Rendering a chapter from its plan: each [`Edit`] is handed to the HTML module of its domain,
//! the results are spliced into the Markdown, then the page-wide rewrites run (alerts, outline
//! markers, glossary links, related readings).

use super::guide as guide_html;
use super::plan::Edit;
use crate::content::{admonition, html as content_html, lists};
use crate::exercise::html as exercise_html;
use crate::form::html::{self as form_html, Instance};
use crate::form::list::xlsx_link;
use crate::glossary::html::glossary_html;
use crate::model::Model;
use crate::render::{Renderer, relative_link};
use crate::session::html as session_html;
use std::ops::Range;
use std::path::Path;

/// The chapter `text` (at `source`) with its edits rendered in.
pub(super) fn apply(
    text: &str,
    edits: &[(Range<usize>, Edit)],
    source: &Path,
    model: &Model,
    renderer: &Renderer,
) -> Result<String, String> {
    let mut sorted: Vec<&(Range<usize>, Edit)> = edits.iter().collect();
    sorted.sort_by_key(|(range, _)| range.start);
    // A page with exercises starts with links to them, in page order (issue 18).
    let on_page: Vec<&str> = sorted
        .iter()
        .copied()
        .flat_map(|(_, edit)| match edit {
            Edit::Exercise(id) => std::slice::from_ref(id),
            Edit::ExerciseGroup(ids) => ids.as_slice(),
            _ => &[],
        })
        .map(String::as_str)
        .collect();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    // Where the session card ends, if the page has one: the exercise list goes below it.
    let mut card_end = None;
    for (range, edit) in sorted {
        out.push_str(&text[at..range.start]);
        out.push_str(&render(edit, source, model, renderer)?);
        if matches!(edit, Edit::SessionCard(_)) {
            card_end = Some(out.len());
        }
        at = range.end;
    }
    out.push_str(&text[at..]);
    if !on_page.is_empty() {
        let list = exercise_html::page_list_html(&on_page, &model.exercise_book(), renderer)?;
        let at = card_end.unwrap_or_else(|| title_end(&out));
        out.insert_str(at, &format!("\n\n{list}\n\n"));
    }
    let mut result = splice(&out, admonition::rewrite(&out, renderer)?);
    result = splice(&result, lists::markers(&result));
    if let Some(page) = &model.glossary_page
        && page != source
    {
        let target = relative_link(source, page);
        let names: Vec<&str> = model.book_title.as_deref().into_iter().collect();
        result = splice(&result, model.glossary.links(&result, &target, &names));
    }
    if let Some(html) =
        content_html::related_html(&model.readings, &model.chapter_names, source, renderer)?
    {
        result.push_str(&html);
    }
    Ok(result)
}

/// The Markdown or HTML that replaces one edit on the page `source`.
fn render(
    edit: &Edit,
    source: &Path,
    model: &Model,
    renderer: &Renderer,
) -> Result<String, String> {
    let program = model.program.as_ref().ok_or("data program tidak ada")?;
    let session_order = |code: &str| model.session_order(code);
    let forms = model.form_list(&session_order);
    let book = model.exercise_book();
    let block = |html: String| format!("\n{html}\n");
    Ok(match edit {
        Edit::SessionCard(i) => {
            let session = model.sessions.get(*i).ok_or("sesi tidak ditemukan")?;
            session_html::card_markdown(session, program, &forms, renderer)?
        }
        Edit::Remove => String::new(),
        Edit::Programme => {
            session_html::programme_html(&model.sessions, program, &forms, source, renderer)?
        }
        Edit::Exercise(id) => {
            let e = model
                .exercise_data
                .get(id)
                .ok_or_else(|| format!("latihan {id} tidak ada"))?;
            block(format!(
                "{}\n{}",
                exercise_html::exercise_html(e, &book, source, renderer)?,
                exercise_html::back_to_top_html(renderer)?
            ))
        }
        Edit::ExerciseGroup(ids) => exercise_html::group_markdown(ids, &book, source, renderer)?,
        Edit::Worksheet { session, key } => block(exercise_html::worksheet_html(
            &book,
            session.as_deref(),
            *key,
            source,
            renderer,
        )?),
        Edit::Progress => block(exercise_html::progress_html(&book, source, renderer)?),
        Edit::Form { id, prefix } => {
            let form = model.form_defs.get(id).ok_or("formulir tidak ditemukan")?;
            let instance = Instance::book(form, prefix.clone(), xlsx_link(source, &form.id));
            block(form_html::render(&instance, renderer)?)
        }
        Edit::FormList => block(forms.list_html(source, renderer)?),
        Edit::ClientFile => block(forms.client_file_html(source, renderer)?),
        Edit::Glossary => glossary_html(&model.glossary, &model.sessions, source, renderer)?,
        Edit::Corrections => content_html::corrections_html(&model.corrections, renderer)?,
        Edit::Guide(code) => guide_html::chapter_html(code, model, source, renderer)?,
        Edit::GuideTopic(code) => guide_html::topic_html(code, model, source, renderer)?,
        Edit::GuidePrint(session) => {
            guide_html::print_html(session.as_deref(), model, source, renderer)?
        }
        Edit::Test(mode) => {
            let bank = model.test.as_ref().ok_or("bank soal tidak ada")?;
            let (pre, post) = &model.test_pages;
            let other = match mode {
                crate::tes::html::Mode::Awal => post.as_deref(),
                crate::tes::html::Mode::Akhir => pre.as_deref(),
                _ => None,
            };
            block(crate::tes::html::test_html(
                bank,
                *mode,
                &model.sessions_in_order(),
                other,
                source,
                renderer,
            )?)
        }
        Edit::ReadingSource(i) => {
            let reading = model.readings.get(*i).ok_or("bacaan tidak ditemukan")?;
            let label =
                |p: &Path| session_html::chapter_label(&model.sessions, &model.chapter_names, p);
            content_html::source_html(reading, source, &label, renderer)?
        }
    })
}

/// Where the page's title ends: after its first `# ` line, else the start of the page.
fn title_end(markdown: &str) -> usize {
    let mut at = 0;
    for line in markdown.split_inclusive('\n') {
        at += line.len();
        if line.starts_with("# ") {
            return at;
        }
    }
    0
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
