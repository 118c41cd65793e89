//! A session plan as validated data; renders nothing.

use serde::Serialize;
use std::path::PathBuf;

/// The plan of one session, or of another block of the programme (opening, BLC, RTL, …).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub(crate) struct Guide {
    /// The session code ("1-4"), or the id of a block that is not a session ("blc").
    pub(crate) id: String,
    /// A block of `[[acara]]` that is not a session (`acara = "…"` in the plan).
    pub(crate) block: bool,
    /// The plan's file (for errors and for the editor's guide).
    #[serde(skip)]
    pub(crate) path: PathBuf,
    /// What to prepare before the session, in order.
    pub(crate) preparation: Vec<String>,
    pub(crate) steps: Vec<Step>,
    pub(crate) role_plays: Vec<RolePlay>,
    pub(crate) visits: Vec<FieldVisit>,
}

impl Guide {
    /// The plan's length: the sum of its steps.
    pub(crate) fn minutes(&self) -> u32 {
        self.steps.iter().map(|s| s.minutes).sum()
    }
}

/// One step of a session, in the order they are run.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub(crate) struct Step {
    pub(crate) title: String,
    pub(crate) minutes: u32,
    /// Method ids of the modul's list D (`program.toml`).
    pub(crate) methods: Vec<String>,
    /// Media ids of the modul's list E.
    pub(crate) media: Vec<String>,
    /// What the facilitator does and says (Markdown).
    pub(crate) facilitator: String,
    /// What the participants do (Markdown).
    pub(crate) participants: String,
    /// Exercise ids (`exercises/`).
    pub(crate) exercises: Vec<String>,
    /// Form ids (`forms/`).
    pub(crate) forms: Vec<String>,
    /// Supporting readings: the file name of the reading's chapter without `.md`.
    pub(crate) readings: Vec<String>,
    /// Other pages of the book (a test, a printout, the learning contract), relative to `src/`.
    pub(crate) pages: Vec<PathBuf>,
    /// A role-play of this plan, by id.
    pub(crate) role_play: Option<String>,
    /// A field visit of this plan, by id.
    pub(crate) visit: Option<String>,
    pub(crate) discussion: Vec<Discussion>,
}

/// A discussion question and the points the facilitator draws out.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub(crate) struct Discussion {
    pub(crate) question: String,
    pub(crate) points: Vec<String>,
}

/// The roles of a role-play; each kit has one card of each.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Role {
    Klien,
    Pekerja,
    Pengamat,
}

impl Role {
    pub(crate) const ALL: [Role; 3] = [Role::Klien, Role::Pekerja, Role::Pengamat];

    pub(crate) fn name(self) -> &'static str {
        match self {
            Role::Klien => "klien",
            Role::Pekerja => "pekerja",
            Role::Pengamat => "pengamat",
        }
    }

    pub(crate) fn from_name(name: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.name() == name)
    }
}

/// A role-play kit: scenario, one card per role, the observer's checklist.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub(crate) struct RolePlay {
    pub(crate) id: String,
    pub(crate) title: String,
    /// The situation everyone knows (Markdown).
    pub(crate) scenario: String,
    /// In the order client, worker, observer.
    pub(crate) cards: Vec<Card>,
    /// What the observer ticks: the session's skills, one behaviour per line.
    pub(crate) checklist: Vec<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub(crate) struct Card {
    pub(crate) role: Role,
    /// The invented person the player is (empty for the observer).
    pub(crate) person: String,
    /// What only this player knows and does (Markdown).
    pub(crate) text: String,
}

/// A field-visit guide with its observation sheet.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub(crate) struct FieldVisit {
    pub(crate) id: String,
    pub(crate) title: String,
    /// Why the class goes (Markdown).
    pub(crate) purpose: String,
    pub(crate) preparation: Vec<String>,
    /// Conduct during the visit (consent, privacy, respectful language).
    pub(crate) conduct: Vec<String>,
    /// The rows of the observation sheet: what to observe.
    pub(crate) observe: Vec<String>,
    /// Questions for the staff met.
    pub(crate) questions: Vec<String>,
}
