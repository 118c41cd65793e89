//! The suggested timetable: every topic in programme order, packed into training days that
//! start at the programme's start time, with its breaks. Derived from the session records and
//! `program.toml`; the programme page renders it.

use super::programme::{Program, format_clock};
use super::record::Session;
use serde::Serialize;
use std::path::Path;

/// What a line of the timetable holds.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Kind {
    /// A topic of a session.
    Sesi,
    /// Another block of the training: opening, pre-test, RTL …
    Acara,
    /// A break.
    Jeda,
}

/// Something to teach, in programme order: a session's topic or a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unit<'a> {
    /// The session code; the block's id for a block.
    pub(crate) code: &'a str,
    pub(crate) title: &'a str,
    /// Relative to `src/`.
    pub(crate) page: Option<&'a Path>,
    pub(crate) jp: u32,
    pub(crate) kind: Kind,
}

/// One line of a day: a topic (or part of one), a block or a break.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub(crate) struct Row<'a> {
    pub(crate) start: String,
    pub(crate) end: String,
    /// Minutes after the day's start: the browser shifts them to another start time.
    pub(crate) from: u32,
    pub(crate) to: u32,
    /// The session code, the block's id, empty for a break.
    pub(crate) code: &'a str,
    pub(crate) title: &'a str,
    /// The topic's or block's page, relative to `src/`.
    pub(crate) page: Option<&'a Path>,
    pub(crate) jp: u32,
    /// Part of a topic that began before a break or on an earlier day.
    pub(crate) continued: bool,
    pub(crate) kind: Kind,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub(crate) struct Day<'a> {
    pub(crate) number: usize,
    pub(crate) jp: u32,
    pub(crate) start: String,
    pub(crate) end: String,
    /// Minutes after the day's start when it ends.
    pub(crate) length: u32,
    pub(crate) rows: Vec<Row<'a>>,
}

/// Everything to teach in programme order: the `[[acara]]` blocks (a session block stands for
/// its topics), or the sessions' topics when the programme lists no blocks.
pub(crate) fn units<'a>(sessions: &[&'a Session], program: &'a Program) -> Vec<Unit<'a>> {
    let topics = |session: &'a Session| {
        session.topics.iter().map(move |t| Unit {
            code: &session.code,
            title: &t.title,
            page: Some(&t.page),
            jp: t.jp,
            kind: Kind::Sesi,
        })
    };
    if program.blocks.is_empty() {
        return sessions.iter().flat_map(|s| topics(s)).collect();
    }
    let mut units = Vec::new();
    for block in &program.blocks {
        if block.session {
            if let Some(session) = sessions.iter().find(|s| s.code == block.id) {
                units.extend(topics(session));
            }
        } else {
            units.push(Unit {
                code: &block.id,
                title: &block.title,
                page: block.page.as_deref(),
                jp: block.jp,
                kind: Kind::Acara,
            });
        }
    }
    units
}

/// Packs the units into days of `jp_per_day` JP (the programme's, or another a trainer picks).
/// A unit is split at a break or at the end of a day and goes on after it; a break is only
/// placed between two lessons, never at the end of the programme; breaks that fall outside a
/// shorter day are left out.
pub(crate) fn timetable<'a>(
    units: &[Unit<'a>],
    program: &'a Program,
    jp_per_day: u32,
) -> Vec<Day<'a>> {
    let jp_per_day = jp_per_day.max(1);
    let breaks: Vec<_> = program
        .breaks
        .iter()
        .filter(|b| b.after_jp < jp_per_day)
        .collect();
    let clock = |offset: u32| format_clock(program.day_start + offset);
    let mut days: Vec<Day> = Vec::new();
    let mut used = 0; // JP already taught today
    let mut now = 0; // minutes after the day's start
    for unit in units {
        let mut remaining = unit.jp;
        while remaining > 0 {
            if days.is_empty() || used == jp_per_day {
                if let Some(day) = days.last_mut() {
                    day.end = clock(now);
                    day.length = now;
                }
                days.push(Day {
                    number: days.len() + 1,
                    jp: 0,
                    start: clock(0),
                    end: String::new(),
                    length: 0,
                    rows: Vec::new(),
                });
                used = 0;
                now = 0;
            }
            let Some(day) = days.last_mut() else { break };
            if used > 0
                && let Some(pause) = breaks.iter().find(|b| b.after_jp == used)
                && day.rows.last().is_some_and(|r| r.kind != Kind::Jeda)
            {
                day.rows.push(Row {
                    start: clock(now),
                    end: clock(now + pause.minutes),
                    from: now,
                    to: now + pause.minutes,
                    code: "",
                    title: &pause.name,
                    page: None,
                    jp: 0,
                    continued: false,
                    kind: Kind::Jeda,
                });
                now += pause.minutes;
            }
            let next_stop = breaks
                .iter()
                .map(|b| b.after_jp)
                .find(|&after| after > used)
                .unwrap_or(jp_per_day);
            let take = remaining.min(next_stop - used);
            let minutes = take * program.minutes_per_jp;
            day.rows.push(Row {
                start: clock(now),
                end: clock(now + minutes),
                from: now,
                to: now + minutes,
                code: unit.code,
                title: unit.title,
                page: unit.page,
                jp: take,
                continued: remaining < unit.jp,
                kind: unit.kind,
            });
            day.jp += take;
            now += minutes;
            used += take;
            remaining -= take;
        }
    }
    if let Some(day) = days.last_mut() {
        day.end = clock(now);
        day.length = now;
    }
    days
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::programme::Break;
    use crate::session::record::Topic;
    use std::path::PathBuf;

    fn session(code: &str, topics: &[(&str, u32)]) -> Session {
        Session {
            code: code.into(),
            title: "Sesi".into(),
            objectives: vec![],
            methods: vec![],
            media: vec![],
            topics: topics
                .iter()
                .map(|(title, jp)| Topic {
                    title: (*title).into(),
                    page: PathBuf::from(format!("{title}.md")),
                    jp: *jp,
                })
                .collect(),
            chapter: PathBuf::from("index.md"),
        }
    }

    fn program() -> Program {
        Program {
            minutes_per_jp: 45,
            day_start: 8 * 60,
            jp_per_day: 4,
            breaks: vec![Break {
                after_jp: 2,
                minutes: 15,
                name: "Rehat".into(),
            }],
            methods: vec![],
            media: vec![],
            ..Program::default()
        }
    }

    #[test]
    fn topics_split_at_breaks_and_days() {
        let sessions = [
            session("1-1", &[("a", 1), ("b", 3)]),
            session("1-2", &[("c", 2)]),
        ];
        let refs: Vec<&Session> = sessions.iter().collect();
        let program = program();
        let days = timetable(&units(&refs, &program), &program, program.jp_per_day);
        let lines: Vec<Vec<String>> = days
            .iter()
            .map(|d| {
                d.rows
                    .iter()
                    .map(|r| {
                        format!(
                            "{}-{} {} {}{}",
                            r.start,
                            r.end,
                            r.title,
                            r.jp,
                            if r.continued { "+" } else { "" }
                        )
                    })
                    .collect()
            })
            .collect();
        assert_eq!(
            lines,
            [
                vec![
                    "08.00-08.45 a 1",
                    "08.45-09.30 b 1",
                    "09.30-09.45 Rehat 0",
                    "09.45-11.15 b 2+"
                ],
                vec!["08.00-09.30 c 2"],
            ]
        );
        assert_eq!((days[0].jp, days[0].end.as_str()), (4, "11.15"));
        // No break after the last lesson of the programme.
        assert_eq!((days[1].jp, days[1].end.as_str()), (2, "09.30"));
    }
}
