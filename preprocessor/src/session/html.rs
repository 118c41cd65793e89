//! Sessions as HTML: the session card that replaces a session chapter's front matter, and the
//! programme page (`{{#program}}`: sessions, JP, minutes, totals and the suggested timetable).

use super::programme::{Item, Program};
use super::record::Session;
use super::schedule::{Row, timetable};
use crate::form::list::{FormLinkView, Forms};
use crate::render::{Renderer, relative_link};
use crate::ui;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One session as the card and the programme page show it.
#[derive(Serialize)]
struct SessionView<'a> {
    /// "1-4".
    code: &'a str,
    title: &'a str,
    objectives: &'a [String],
    methods: &'a [Item],
    media: &'a [Item],
    jp: u32,
    minutes: u32,
    /// The session chapter, relative to the page.
    link: String,
    topics: Vec<TopicView<'a>>,
    /// The forms the session uses.
    forms: Vec<FormLinkView>,
}

#[derive(Serialize)]
struct TopicView<'a> {
    title: &'a str,
    jp: u32,
    /// The topic page, relative to the page.
    link: String,
}

fn session_view<'a>(
    session: &'a Session,
    program: &Program,
    from: &Path,
    forms: &Forms,
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
        forms: forms.links(from, Some(&session.code)),
    }
}

/// The generated title and session card that replace a session chapter's front matter.
pub(crate) fn card_markdown(
    session: &Session,
    program: &Program,
    forms: &Forms,
    renderer: &Renderer,
) -> Result<String, String> {
    #[derive(Serialize)]
    struct CardView<'a> {
        s: SessionView<'a>,
    }
    let s = session_view(session, program, &session.chapter, forms);
    let card = renderer.render("kartu-sesi.html", CardView { s })?;
    Ok(format!(
        "# {} {}: {}\n\n{card}\n\n",
        ui::text("sesi"),
        session.code,
        crate::render::markdown_text(&session.title)
    ))
}

/// A line of the timetable, with its topic's link from the programme page.
#[derive(Serialize)]
struct RowView<'a> {
    #[serde(flatten)]
    row: &'a Row<'a>,
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

#[derive(Serialize)]
struct ProgrammeView<'a> {
    sessions: Vec<SessionView<'a>>,
    total_jp: u32,
    total_minutes: u32,
    /// Hours as written in Indonesian: "31,5".
    total_hours: String,
    minutes_per_jp: u32,
    jp_per_day: u32,
    days: Vec<DayView<'a>>,
}

/// The programme page: every session in programme order, totals, and the timetable.
pub(crate) fn programme_html(
    sessions: &[Session],
    program: &Program,
    forms: &Forms,
    chapter: &Path,
    renderer: &Renderer,
) -> Result<String, String> {
    let ordered = super::in_order(sessions);
    let views: Vec<SessionView> = ordered
        .iter()
        .map(|s| session_view(s, program, chapter, forms))
        .collect();
    let timetable = timetable(&ordered, program);
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
    let total_jp: u32 = views.iter().map(|s| s.jp).sum();
    let total_minutes = total_jp * program.minutes_per_jp;
    let hours = f64::from(total_minutes) / 60.0;
    let total_hours = if total_minutes.is_multiple_of(60) {
        format!("{}", total_minutes / 60)
    } else {
        format!("{hours:.1}").replace('.', ",")
    };
    let html = renderer.render(
        "program.html",
        ProgrammeView {
            sessions: views,
            total_jp,
            total_minutes,
            total_hours,
            minutes_per_jp: program.minutes_per_jp,
            jp_per_day: program.jp_per_day,
            days,
        },
    )?;
    Ok(format!("\n{html}\n"))
}

/// How generated links name a chapter: "Sesi 1-4: Asesmen" for a topic page, the session's
/// title for its chapter, else the chapter's title from SUMMARY.md.
pub(crate) fn chapter_label(
    sessions: &[Session],
    chapter_names: &BTreeMap<PathBuf, String>,
    path: &Path,
) -> String {
    for session in sessions {
        if session.chapter == path {
            return format!("{} {}: {}", ui::text("sesi"), session.code, session.title);
        }
        if let Some(topic) = session.topics.iter().find(|t| t.page == path) {
            return format!("{} {}: {}", ui::text("sesi"), session.code, topic.title);
        }
    }
    chapter_names
        .get(path)
        .cloned()
        .unwrap_or_else(|| path.display().to_string())
}
