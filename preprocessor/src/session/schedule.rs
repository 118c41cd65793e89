//! The suggested timetable: every topic in programme order, packed into training days that
//! start at the programme's start time, with its breaks. Derived from the session records and
//! `program.toml`; the programme page renders it.

use super::programme::{Program, format_clock};
use super::record::Session;
use serde::Serialize;
use std::path::Path;

/// One line of a day: a topic (or part of one) or a break.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub(crate) struct Row<'a> {
    pub(crate) start: String,
    pub(crate) end: String,
    /// Empty for a break.
    pub(crate) code: &'a str,
    pub(crate) title: &'a str,
    /// The topic page, relative to `src/`; `None` for a break.
    pub(crate) page: Option<&'a Path>,
    pub(crate) jp: u32,
    /// Part of a topic that began before a break or on an earlier day.
    pub(crate) continued: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub(crate) struct Day<'a> {
    pub(crate) number: usize,
    pub(crate) jp: u32,
    pub(crate) start: String,
    pub(crate) end: String,
    pub(crate) rows: Vec<Row<'a>>,
}

/// Packs the topics into days. A topic is split at a break or at the end of a day and goes on
/// after it; a break is only placed between two lessons, never at the end of the programme.
pub(crate) fn timetable<'a>(sessions: &[&'a Session], program: &'a Program) -> Vec<Day<'a>> {
    let mut days: Vec<Day> = Vec::new();
    let mut used = 0; // JP already taught today
    let mut clock = program.day_start;
    for session in sessions {
        for topic in &session.topics {
            let mut remaining = topic.jp;
            while remaining > 0 {
                if days.is_empty() || used == program.jp_per_day {
                    if let Some(day) = days.last_mut() {
                        day.end = format_clock(clock);
                    }
                    days.push(Day {
                        number: days.len() + 1,
                        jp: 0,
                        start: format_clock(program.day_start),
                        end: String::new(),
                        rows: Vec::new(),
                    });
                    used = 0;
                    clock = program.day_start;
                }
                let Some(day) = days.last_mut() else { break };
                if used > 0
                    && let Some(pause) = program.breaks.iter().find(|b| b.after_jp == used)
                    && day.rows.last().is_some_and(|r| r.page.is_some())
                {
                    day.rows.push(Row {
                        start: format_clock(clock),
                        end: format_clock(clock + pause.minutes),
                        code: "",
                        title: &pause.name,
                        page: None,
                        jp: 0,
                        continued: false,
                    });
                    clock += pause.minutes;
                }
                let next_stop = program
                    .breaks
                    .iter()
                    .map(|b| b.after_jp)
                    .find(|&after| after > used)
                    .unwrap_or(program.jp_per_day);
                let take = remaining.min(next_stop - used);
                let minutes = take * program.minutes_per_jp;
                day.rows.push(Row {
                    start: format_clock(clock),
                    end: format_clock(clock + minutes),
                    code: &session.code,
                    title: &topic.title,
                    page: Some(&topic.page),
                    jp: take,
                    continued: remaining < topic.jp,
                });
                day.jp += take;
                clock += minutes;
                used += take;
                remaining -= take;
            }
        }
    }
    if let Some(day) = days.last_mut() {
        day.end = format_clock(clock);
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
        let days = timetable(&refs, &program);
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
