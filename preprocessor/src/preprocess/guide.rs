//! Session plans as HTML: the plan inside its session chapter (a facilitator block: hidden
//! from learners and from the search, shown in Mode Fasilitator) and the printable guide
//! (`{{#panduan}}` for every session, `{{#panduan 1-4}}` for one): steps, discussion
//! questions, role cards laid out to cut (two per A4 page), observer checklists and field-visit
//! sheets. Every reference is resolved to a title and a link here, from the model.

use crate::guide::model::{Card, Discussion, FieldVisit, Guide, RolePlay, Step};
use crate::model::Model;
use crate::render::{Renderer, relative_link};
use serde::Serialize;
use std::path::Path;

#[derive(Serialize)]
struct GuideView<'a> {
    /// The session code, or the id of another block.
    code: &'a str,
    /// A block that is not a session (opening, BLC, RTL, …): titled by its own name.
    block: bool,
    title: String,
    jp: u32,
    minutes: u32,
    /// The session chapter, relative to the page.
    link: String,
    preparation: &'a [String],
    steps: Vec<StepView<'a>>,
    role_plays: Vec<RolePlayView<'a>>,
    visits: &'a [FieldVisit],
}

#[derive(Serialize)]
struct StepView<'a> {
    /// 1-based.
    number: usize,
    title: &'a str,
    minutes: u32,
    /// Minutes from the start of the session to the start and end of this step.
    from: u32,
    to: u32,
    methods: Vec<String>,
    media: Vec<String>,
    facilitator: &'a str,
    participants: &'a str,
    /// Exercises, forms and readings used, with a link each.
    uses: Vec<Reference>,
    /// The ids of the exercises used, space-separated (`data-langkah-latihan`: the notes
    /// window of Mode Tayang shows a question's step with it).
    exercise_ids: String,
    role_play: Option<Reference>,
    visit: Option<Reference>,
    discussion: &'a [Discussion],
}

/// A thing a step uses, as a link.
#[derive(Serialize)]
struct Reference {
    /// "Latihan", "Formulir", "Bacaan", …
    kind: &'static str,
    title: String,
    link: String,
}

#[derive(Serialize)]
struct RolePlayView<'a> {
    id: &'a str,
    /// The DOM id of the kit (unique in the book: the session code is in it).
    anchor: String,
    title: &'a str,
    scenario: &'a str,
    cards: &'a [Card],
    checklist: &'a [String],
}

fn anchor(code: &str, kind: &str, id: &str) -> String {
    format!("panduan-{code}-{kind}-{id}")
}

/// `kits`: where the plan's role-play kits and visit sheets are, as a link prefix ("" when on
/// this page).
fn guide_view<'a>(guide: &'a Guide, model: &'a Model, page: &Path, kits: &str) -> GuideView<'a> {
    let session = model
        .sessions
        .iter()
        .find(|s| !guide.block && s.code == guide.id);
    let program = model.program.as_ref();
    let block = program.and_then(|p| {
        p.blocks
            .iter()
            .find(|b| guide.block && !b.session && b.id == guide.id)
    });
    let name = |list: Option<&Vec<crate::session::programme::Item>>, id: &str| {
        list.and_then(|l| l.iter().find(|i| i.id == id))
            .map_or_else(|| id.to_string(), |i| i.name.clone())
    };
    let mut from = 0;
    let steps = guide
        .steps
        .iter()
        .enumerate()
        .map(|(i, step)| {
            let view = step_view(i + 1, from, step, guide, model, page, kits, &name, program);
            from += step.minutes;
            view
        })
        .collect();
    let block_page = block.and_then(|b| b.page.as_ref());
    GuideView {
        code: &guide.id,
        block: guide.block,
        title: match (session, block) {
            (Some(s), _) => s.title.clone(),
            (_, Some(b)) => b.title.clone(),
            _ => String::new(),
        },
        jp: session.map_or(0, |s| s.jp()) + block.map_or(0, |b| b.jp),
        minutes: guide.minutes(),
        link: match (session, block_page) {
            (Some(s), _) => relative_link(page, &s.chapter),
            (_, Some(p)) => relative_link(page, p),
            _ => String::new(),
        },
        preparation: &guide.preparation,
        steps,
        role_plays: guide
            .role_plays
            .iter()
            .map(|r: &'a RolePlay| RolePlayView {
                id: &r.id,
                anchor: anchor(&guide.id, "peran", &r.id),
                title: &r.title,
                scenario: &r.scenario,
                cards: &r.cards,
                checklist: &r.checklist,
            })
            .collect(),
        visits: &guide.visits,
    }
}

#[allow(clippy::too_many_arguments)]
fn step_view<'a>(
    number: usize,
    from: u32,
    step: &'a Step,
    guide: &Guide,
    model: &Model,
    page: &Path,
    kits: &str,
    name: &dyn Fn(Option<&Vec<crate::session::programme::Item>>, &str) -> String,
    program: Option<&crate::session::Program>,
) -> StepView<'a> {
    let mut uses = Vec::new();
    for id in &step.exercises {
        let title = model
            .exercise_data
            .get(id)
            .map_or_else(|| id.clone(), |e| e.title.clone());
        let link = model
            .exercise_order
            .iter()
            .find(|(e, _)| e == id)
            .map_or_else(String::new, |(_, chapter)| {
                format!("{}#latihan-{id}", relative_link(page, chapter))
            });
        uses.push(Reference {
            kind: "latihan",
            title,
            link,
        });
    }
    for id in &step.forms {
        let title = model
            .form_defs
            .get(id)
            .map_or_else(|| id.clone(), |f| f.title.clone());
        let link = model
            .form_pages
            .get(id)
            .map_or_else(String::new, |p| relative_link(page, p));
        uses.push(Reference {
            kind: "formulir",
            title,
            link,
        });
    }
    for id in &step.readings {
        let chapter = model
            .readings
            .iter()
            .map(|r| &r.chapter)
            .find(|c| c.file_stem().is_some_and(|s| s.to_string_lossy() == *id));
        let title = chapter
            .and_then(|c| model.chapter_names.get(c).cloned())
            .unwrap_or_else(|| id.clone());
        uses.push(Reference {
            kind: "bacaan",
            title,
            link: chapter.map_or_else(String::new, |c| relative_link(page, c)),
        });
    }
    for chapter in &step.pages {
        uses.push(Reference {
            kind: "halaman",
            title: model
                .chapter_names
                .get(chapter)
                .cloned()
                .unwrap_or_else(|| chapter.display().to_string()),
            link: relative_link(page, chapter),
        });
    }
    let local = |id: &Option<String>, kind: &'static str, title: Option<&str>| {
        id.as_ref().map(|id| Reference {
            kind,
            title: title.unwrap_or(id).to_string(),
            link: format!("{kits}#{}", anchor(&guide.id, kind, id)),
        })
    };
    let role_play = local(
        &step.role_play,
        "peran",
        step.role_play
            .as_ref()
            .and_then(|id| guide.role_plays.iter().find(|r| &r.id == id))
            .map(|r| r.title.as_str()),
    );
    let visit = local(
        &step.visit,
        "kunjungan",
        step.visit
            .as_ref()
            .and_then(|id| guide.visits.iter().find(|v| &v.id == id))
            .map(|v| v.title.as_str()),
    );
    StepView {
        number,
        title: &step.title,
        minutes: step.minutes,
        from,
        to: from + step.minutes,
        methods: step
            .methods
            .iter()
            .map(|m| name(program.map(|p| &p.methods), m))
            .collect(),
        media: step
            .media
            .iter()
            .map(|m| name(program.map(|p| &p.media), m))
            .collect(),
        facilitator: &step.facilitator,
        participants: &step.participants,
        uses,
        exercise_ids: step.exercises.join(" "),
        role_play,
        visit,
        discussion: &step.discussion,
    }
}

#[derive(Serialize)]
struct Context<'a> {
    guides: Vec<GuideView<'a>>,
    /// The printable guide (true) or the block in a session chapter (false).
    print: bool,
    /// The steps for one topic page only (the plan's preparation, kits and sheets stay on the
    /// session page).
    topic: bool,
}

/// The plan of `code` (a session code or a block id) for its chapter (`page`), or nothing when
/// it has none.
pub(crate) fn chapter_html(
    code: &str,
    model: &Model,
    page: &Path,
    renderer: &Renderer,
) -> Result<String, String> {
    let Some(guide) = model.guides.iter().find(|g| g.id == code) else {
        return Ok(String::new());
    };
    let html = renderer.render(
        "panduan.html",
        Context {
            guides: vec![guide_view(guide, model, page, "")],
            print: false,
            topic: false,
        },
    )?;
    Ok(format!("\n{html}\n"))
}

/// The printable guide of one session or block, or of every plan in programme order.
pub(crate) fn print_html(
    session: Option<&str>,
    model: &Model,
    page: &Path,
    renderer: &Renderer,
) -> Result<String, String> {
    let guides = model
        .guides
        .iter()
        .filter(|g| session.is_none_or(|code| g.id == code))
        .map(|g| guide_view(g, model, page, ""))
        .collect();
    let html = renderer.render(
        "panduan.html",
        Context {
            guides,
            print: true,
            topic: false,
        },
    )?;
    Ok(format!("\n{html}\n"))
}

/// The steps of session `code`'s plan that use the topic page `page`: those with an exercise
/// placed on it, or every step when the session has one topic. Nothing when none does.
pub(crate) fn topic_html(
    code: &str,
    model: &Model,
    page: &Path,
    renderer: &Renderer,
) -> Result<String, String> {
    let (Some(guide), Some(session)) = (
        model.guides.iter().find(|g| !g.block && g.id == code),
        model.sessions.iter().find(|s| s.code == code),
    ) else {
        return Ok(String::new());
    };
    let on_page = |id: &String| {
        model
            .exercise_order
            .iter()
            .any(|(e, chapter)| e == id && chapter == page)
    };
    let single = session.topics.len() == 1;
    let mut view = guide_view(guide, model, page, &relative_link(page, &session.chapter));
    view.steps.retain(|step| {
        single
            || guide
                .steps
                .get(step.number - 1)
                .is_some_and(|s| s.exercises.iter().any(on_page))
    });
    if view.steps.is_empty() {
        return Ok(String::new());
    }
    let html = renderer.render(
        "panduan.html",
        Context {
            guides: vec![view],
            print: false,
            topic: true,
        },
    )?;
    Ok(format!("\n{html}\n"))
}
