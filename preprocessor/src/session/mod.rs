//! Sessions: the programme data (`book/data/program.toml`, [`programme`]), the session records
//! in the front matter of session chapters ([`record`]), the suggested timetable derived from
//! both ([`schedule`]), and their HTML: the session card and the programme page ([`html`]).

pub(crate) mod html;
pub(crate) mod programme;
pub(crate) mod record;
pub(crate) mod schedule;

pub(crate) use programme::Program;
pub use record::{Session, Topic};

/// Sessions in programme order: "1-2" before "1-10".
pub(crate) fn in_order(sessions: &[Session]) -> Vec<&Session> {
    let mut sorted: Vec<&Session> = sessions.iter().collect();
    sorted.sort_by_key(|s| s.order_key());
    sorted
}
