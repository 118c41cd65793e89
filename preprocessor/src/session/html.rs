//! Sessions as HTML: the session card that replaces a session chapter's front matter, and the
//! programme page (`{{#program}}`: sessions, JP, minutes, totals and the suggested timetable).

use super::programme::{Item, Program};
use super::record::Session;
use super::schedule::{Row, Unit, timetable, units};
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

/// One line of the programme overview: a session or another block.
#[derive(Serialize)]
struct BlockView<'a> {
    /// A session: its code, title, link and topics count come from the record.
    session: Option<SessionView<'a>>,
    /// The block's id (`data-acara`) when it is not a session.
    id: &'a str,
    title: &'a str,
    link: Option<String>,
    jp: u32,
    minutes: u32,
    /// Why a session has its JP, or what happens in the block.
    note: &'a str,
}

#[derive(Serialize)]
struct ProgrammeView<'a> {
    blocks: Vec<BlockView<'a>>,
    /// The file lists `[[acara]]` (a note column is shown).
    with_blocks: bool,
    total_jp: u32,
    total_minutes: u32,
    /// Hours as written in Indonesian: "31,5".
    total_hours: String,
    minutes_per_jp: u32,
    jp_per_day: u32,
    day_count: u32,
    days: Vec<DayView<'a>>,
    /// `data-jadwal`: the timetable as data for `jadwal.js` ([`ScheduleData`]).
    schedule: String,
}

/// The JP per day a trainer may pick on the programme page.
const JP_PER_DAY_CHOICES: std::ops::RangeInclusive<u32> = 4..=12;

/// The timetable as `jadwal.js` reads it (`data-jadwal` on the programme page): every way to
/// pack the programme, one per JP per day a trainer may pick, computed here by the same
/// [`timetable`] as the printed default, so the script only shifts clock times and adds dates.
#[derive(Serialize)]
struct ScheduleData<'a> {
    /// The default start of the day, in minutes after midnight.
    mulai: u32,
    jp_per_hari: u32,
    /// The default number of days.
    hari: u32,
    jumlah_jp: u32,
    /// What the rows refer to: topics, blocks and breaks, each once.
    butir: Vec<ScheduleItem<'a>>,
    /// By JP per day (as a string key): the days.
    susunan: BTreeMap<String, Vec<ScheduleDay>>,
    /// Indonesian day names, Sunday first (as JavaScript's `getDay`).
    nama_hari: Vec<&'static str>,
    nama_bulan: Vec<&'static str>,
    /// Messages with {placeholders}: `tidak_muat` (too few days), `sisa` (days left over),
    /// `lewat_malam` (the day would end after midnight).
    pesan: BTreeMap<&'static str, &'static str>,
}

#[derive(Serialize, PartialEq)]
struct ScheduleItem<'a> {
    /// "sesi", "acara" or "jeda".
    jenis: super::schedule::Kind,
    /// The session code or block id; empty for a break.
    kode: &'a str,
    judul: &'a str,
    /// The page, relative to the programme page.
    tautan: Option<String>,
}

#[derive(Serialize)]
struct ScheduleDay {
    jp: u32,
    /// Minutes after the day's start when it ends.
    lama: u32,
    baris: Vec<ScheduleRow>,
}

#[derive(Serialize)]
struct ScheduleRow {
    /// Index into `butir`.
    butir: usize,
    /// Minutes after the day's start.
    dari: u32,
    sampai: u32,
    jp: u32,
    lanjutan: bool,
}

fn schedule_data<'a>(
    units: &[Unit<'a>],
    program: &'a Program,
    day_count: u32,
    total_jp: u32,
    chapter: &Path,
) -> ScheduleData<'a> {
    let mut items: Vec<ScheduleItem> = Vec::new();
    let mut susunan = BTreeMap::new();
    for jp_per_day in JP_PER_DAY_CHOICES.chain(std::iter::once(program.jp_per_day)) {
        let days = timetable(units, program, jp_per_day)
            .into_iter()
            .map(|day| ScheduleDay {
                jp: day.jp,
                lama: day.length,
                baris: day
                    .rows
                    .iter()
                    .map(|row| {
                        let item = ScheduleItem {
                            jenis: row.kind,
                            kode: row.code,
                            judul: row.title,
                            tautan: row.page.map(|p| relative_link(chapter, p)),
                        };
                        let index = items.iter().position(|i| *i == item).unwrap_or_else(|| {
                            items.push(item);
                            items.len() - 1
                        });
                        ScheduleRow {
                            butir: index,
                            dari: row.from,
                            sampai: row.to,
                            jp: row.jp,
                            lanjutan: row.continued,
                        }
                    })
                    .collect(),
            })
            .collect();
        susunan.insert(jp_per_day.to_string(), days);
    }
    let names =
        |key: &str| -> Vec<&'static str> { ui::text(key).split(',').map(str::trim).collect() };
    ScheduleData {
        mulai: program.day_start,
        jp_per_hari: program.jp_per_day,
        hari: day_count,
        jumlah_jp: total_jp,
        butir: items,
        susunan,
        nama_hari: names("jadwal_nama_hari"),
        nama_bulan: names("jadwal_nama_bulan"),
        pesan: ["tidak_muat", "sisa", "lewat_malam"]
            .into_iter()
            .map(|key| (key, ui::text(&format!("jadwal_{key}"))))
            .collect(),
    }
}

/// The programme page: every block (or session) in programme order, totals, and the timetable.
pub(crate) fn programme_html(
    sessions: &[Session],
    program: &Program,
    forms: &Forms,
    chapter: &Path,
    renderer: &Renderer,
) -> Result<String, String> {
    let ordered = super::in_order(sessions);
    fn session_block<'a>(view: SessionView<'a>, note: &'a str) -> BlockView<'a> {
        BlockView {
            id: "",
            title: "",
            link: None,
            jp: view.jp,
            minutes: view.minutes,
            note,
            session: Some(view),
        }
    }
    let blocks: Vec<BlockView> = if program.blocks.is_empty() {
        ordered
            .iter()
            .map(|s| session_block(session_view(s, program, chapter, forms), ""))
            .collect()
    } else {
        program
            .blocks
            .iter()
            .filter_map(|b| {
                if b.session {
                    let s = ordered.iter().find(|s| s.code == b.id)?;
                    Some(session_block(
                        session_view(s, program, chapter, forms),
                        &b.note,
                    ))
                } else {
                    Some(BlockView {
                        session: None,
                        id: &b.id,
                        title: &b.title,
                        link: b.page.as_ref().map(|p| relative_link(chapter, p)),
                        jp: b.jp,
                        minutes: b.jp * program.minutes_per_jp,
                        note: &b.note,
                    })
                }
            })
            .collect()
    };
    let units = units(&ordered, program);
    let timetable = timetable(&units, program, program.jp_per_day);
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
    let total_jp: u32 = blocks.iter().map(|b| b.jp).sum();
    let total_minutes = total_jp * program.minutes_per_jp;
    let hours = f64::from(total_minutes) / 60.0;
    let total_hours = if total_minutes.is_multiple_of(60) {
        format!("{}", total_minutes / 60)
    } else {
        format!("{hours:.1}").replace('.', ",")
    };
    let day_count = u32::try_from(days.len()).unwrap_or(0);
    let schedule = serde_json::to_string(&schedule_data(
        &units, program, day_count, total_jp, chapter,
    ))
    .map_err(|e| e.to_string())?;
    let html = renderer.render(
        "program.html",
        ProgrammeView {
            with_blocks: !program.blocks.is_empty(),
            blocks,
            total_jp,
            total_minutes,
            total_hours,
            minutes_per_jp: program.minutes_per_jp,
            jp_per_day: program.jp_per_day,
            day_count,
            days,
            schedule,
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
