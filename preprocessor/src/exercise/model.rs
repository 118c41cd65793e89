//! The exercise model: what one validated exercise file is. It renders nothing; every output
//! (the interactive block, the worksheet, the answer key, the progress page) derives from it.

use crate::diagnostic::SourceFile;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::ops::Range;

/// The nine exercise types, as written in `jenis` and in `data-jenis`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Kind {
    #[serde(rename = "pilihan-ganda")]
    SingleChoice,
    #[serde(rename = "pilihan-jamak")]
    MultipleChoice,
    #[serde(rename = "benar-salah")]
    TrueFalse,
    #[serde(rename = "urutkan")]
    Ordering,
    #[serde(rename = "jodohkan")]
    Matching,
    #[serde(rename = "isian-singkat")]
    ShortAnswer,
    #[serde(rename = "studi-kasus")]
    Scenario,
    #[serde(rename = "refleksi")]
    Reflection,
    #[serde(rename = "isi-formulir")]
    FormFilling,
}

impl Kind {
    pub(crate) const ALL: [Kind; 9] = [
        Kind::SingleChoice,
        Kind::MultipleChoice,
        Kind::TrueFalse,
        Kind::Ordering,
        Kind::Matching,
        Kind::ShortAnswer,
        Kind::Scenario,
        Kind::Reflection,
        Kind::FormFilling,
    ];

    pub(crate) fn name(self) -> &'static str {
        match self {
            Kind::SingleChoice => "pilihan-ganda",
            Kind::MultipleChoice => "pilihan-jamak",
            Kind::TrueFalse => "benar-salah",
            Kind::Ordering => "urutkan",
            Kind::Matching => "jodohkan",
            Kind::ShortAnswer => "isian-singkat",
            Kind::Scenario => "studi-kasus",
            Kind::Reflection => "refleksi",
            Kind::FormFilling => "isi-formulir",
        }
    }

    pub(crate) fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// Type-specific keys: (required, optional).
    pub(super) fn keys(self) -> (&'static [&'static str], &'static [&'static str]) {
        match self {
            Kind::SingleChoice | Kind::MultipleChoice => (&["pertanyaan", "pilihan"], &["urutan"]),
            Kind::TrueFalse => (&["pernyataan"], &["pertanyaan"]),
            Kind::Ordering => (&["pertanyaan", "langkah", "umpan_balik"], &[]),
            Kind::Matching => (&["pertanyaan", "pasangan"], &[]),
            Kind::ShortAnswer => (
                &[
                    "pertanyaan",
                    "jawaban",
                    "umpan_balik_benar",
                    "umpan_balik_salah",
                ],
                &[],
            ),
            Kind::Scenario => (&["mulai", "simpul"], &[]),
            Kind::Reflection => (&["pertanyaan"], &["panduan", "baris"]),
            Kind::FormFilling => (
                &["formulir", "pertanyaan", "jawaban_model"],
                &["umpan_balik_kolom"],
            ),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Choice {
    pub(crate) text: String,
    pub(crate) correct: bool,
    pub(crate) feedback: String,
    /// `tetap = true`: shown at its place in the file ("Semua benar" last), never moved.
    pub(crate) pinned: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Pair {
    pub(crate) left: String,
    pub(crate) right: String,
    pub(crate) feedback: Option<String>,
}

/// How a scenario ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Ending {
    Baik,
    Cukup,
    Kurang,
}

impl Ending {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Ending::Baik => "baik",
            Ending::Cukup => "cukup",
            Ending::Kurang => "kurang",
        }
    }

    /// The score an ending earns: the learner's result for the scenario.
    pub(crate) fn score(self) -> f64 {
        match self {
            Ending::Baik => 1.0,
            Ending::Cukup => 0.5,
            Ending::Kurang => 0.0,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Step {
    pub(crate) text: String,
    pub(crate) consequence: String,
    pub(crate) next: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Node {
    pub(crate) id: String,
    pub(crate) situation: String,
    pub(crate) choices: Vec<Step>,
    pub(crate) ending: Option<Ending>,
    pub(crate) debrief: Option<String>,
}

/// A value of the model answer of a form-filling exercise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub(crate) enum ModelValue {
    Text(String),
    /// select_multiple: the chosen choice names.
    List(Vec<String>),
    /// A repeat (table rows): each row's fields in file order.
    Rows(Vec<Vec<(String, ModelValue)>>),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "jenis", rename_all = "kebab-case")]
pub(crate) enum Body {
    #[serde(rename = "pilihan-ganda")]
    SingleChoice {
        question: String,
        options: Vec<Choice>,
    },
    #[serde(rename = "pilihan-jamak")]
    MultipleChoice {
        question: String,
        options: Vec<Choice>,
    },
    #[serde(rename = "benar-salah")]
    TrueFalse {
        question: Option<String>,
        statements: Vec<Choice>,
    },
    #[serde(rename = "urutkan")]
    Ordering {
        question: String,
        /// In the correct order.
        steps: Vec<String>,
        feedback: String,
    },
    #[serde(rename = "jodohkan")]
    Matching { question: String, pairs: Vec<Pair> },
    #[serde(rename = "isian-singkat")]
    ShortAnswer {
        question: String,
        answers: Vec<String>,
        feedback_right: String,
        feedback_wrong: String,
    },
    #[serde(rename = "studi-kasus")]
    Scenario { start: String, nodes: Vec<Node> },
    #[serde(rename = "refleksi")]
    Reflection {
        question: String,
        prompts: Vec<String>,
        lines: u32,
    },
    #[serde(rename = "isi-formulir")]
    FormFilling {
        form: String,
        question: String,
        /// Field name → model value, in file order.
        model: Vec<(String, ModelValue)>,
        field_feedback: BTreeMap<String, String>,
    },
}

impl Body {
    pub(crate) fn kind(&self) -> Kind {
        match self {
            Body::SingleChoice { .. } => Kind::SingleChoice,
            Body::MultipleChoice { .. } => Kind::MultipleChoice,
            Body::TrueFalse { .. } => Kind::TrueFalse,
            Body::Ordering { .. } => Kind::Ordering,
            Body::Matching { .. } => Kind::Matching,
            Body::ShortAnswer { .. } => Kind::ShortAnswer,
            Body::Scenario { .. } => Kind::Scenario,
            Body::Reflection { .. } => Kind::Reflection,
            Body::FormFilling { .. } => Kind::FormFilling,
        }
    }
}

/// What an exercise asks of the learner (`tingkat`), from recalling to judging.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Recalling a list, a term or a definition.
    Ingatan,
    /// Explaining in one's own words, telling examples apart.
    Pemahaman,
    /// Using what the modul teaches in a situation or a case.
    Penerapan,
    /// Comparing, judging, diagnosing what went wrong.
    Analisis,
}

impl Level {
    pub(crate) const ALL: [Level; 4] = [
        Level::Ingatan,
        Level::Pemahaman,
        Level::Penerapan,
        Level::Analisis,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Level::Ingatan => "ingatan",
            Level::Pemahaman => "pemahaman",
            Level::Penerapan => "penerapan",
            Level::Analisis => "analisis",
        }
    }

    pub(crate) fn from_name(name: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.name() == name)
    }

    /// Applying or analysing: what the book wants most exercises to ask.
    pub fn applies(self) -> bool {
        matches!(self, Level::Penerapan | Level::Analisis)
    }
}

/// Where references were written, for errors found once the book is known.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Spans {
    pub(crate) session: Range<usize>,
    pub(crate) topic: Option<Range<usize>>,
    pub(crate) case: Option<Range<usize>>,
    pub(crate) form: Option<Range<usize>>,
    /// `[jawaban_model]`: each field name with the spans of its key and value, in file order.
    pub(crate) model_spans: Vec<(String, Range<usize>, Range<usize>)>,
}

/// One exercise, validated.
#[derive(Debug, Clone)]
pub struct Exercise {
    pub id: String,
    pub(crate) file: SourceFile,
    pub title: String,
    /// "1-4".
    pub session: String,
    /// The exact title of a topic of that session.
    pub topic: Option<String>,
    /// Markdown shown before the question.
    pub(crate) intro: Option<String>,
    /// Id of a longitudinal case (`exercises/kasus.toml`).
    pub(crate) case: Option<String>,
    /// Markdown, trainer mode only.
    pub(crate) facilitator_note: Option<String>,
    pub(crate) body: Body,
    /// `tingkat`: what the exercise asks of the learner.
    pub level: Level,
    /// `urutan = "tetap"`: options shown as written, never reordered.
    pub(crate) fixed_order: bool,
    /// The order shown to the learner, as indexes into the file's list: options of the two
    /// choice kinds, steps of an ordering, right-hand texts of a matching exercise (empty for
    /// the other kinds). Set for the whole book at once by [`super::order::arrange`]; the
    /// chapter block, worksheet and answer key all show this order.
    pub(crate) order: Vec<usize>,
    /// Hash of what the learner answers and how it is scored: a change makes a stored answer
    /// "outdated" instead of silently wrong.
    pub(crate) hash: String,
    pub(crate) spans: Spans,
}

impl Exercise {
    pub fn kind(&self) -> Kind {
        self.body.kind()
    }
}
