//! What the templates get about one exercise: [`ExerciseView`], the same for the chapter block,
//! the worksheet and the answer key, with one body per kind ([`BodyView`]). Everything is
//! computed here (letters, fixed shuffles, scenario numbers, model answers as text); the
//! templates only lay it out.

use super::html::Book;
use super::model::{Body, Choice, Exercise, Kind, Level, ModelValue, Node, Pair};
use super::order::option_key;
use super::scenario::{best_path, node_order};
use crate::form::html::answer_text;
use crate::form::{Field, Form, Kind as FieldKind};
use crate::render::relative_link;
use crate::ui;
use serde::Serialize;
use std::path::Path;

/// One exercise as the templates see it from one page.
#[derive(Serialize)]
pub(crate) struct ExerciseView<'a> {
    pub(crate) id: &'a str,
    /// `data-jenis`: "pilihan-ganda", …
    kind: &'static str,
    /// "Pilihan ganda", from the UI table.
    kind_label: &'static str,
    /// The kind's template partial: `latihan/{partial}.html`.
    partial: &'static str,
    /// Session code, "1-4".
    session: &'a str,
    session_title: Option<&'a str>,
    topic: Option<&'a str>,
    title: &'a str,
    /// Content hash (`data-hash`): stored progress is current while it matches.
    hash: &'a str,
    /// `tingkat`: "penerapan", …
    level: &'static str,
    /// "Penerapan", from the UI table.
    level_label: &'static str,
    intro: Option<&'a str>,
    /// The facilitator's note (Markdown).
    note: Option<&'a str>,
    /// The longitudinal case the exercise belongs to.
    case: Option<CaseLink<'a>>,
    /// The embedded fillable form (form-filling exercises, chapter block only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) form_html: Option<String>,
    #[serde(flatten)]
    body: BodyView<'a>,
}

#[derive(Serialize)]
struct CaseLink<'a> {
    title: &'a str,
    link: String,
}

/// The kind-specific part of an exercise view.
#[derive(Serialize)]
#[serde(untagged)]
enum BodyView<'a> {
    /// Single choice, multiple choice (options in the order shown) and true/false
    /// (statements as written, no letters).
    Choices {
        question: Option<&'a str>,
        options: Vec<OptionView<'a>>,
    },
    Ordering {
        question: &'a str,
        /// In the right order.
        steps: &'a [String],
        /// As shown to the learner: a fixed shuffle.
        shown: Vec<StepView<'a>>,
        feedback: &'a str,
    },
    Matching {
        question: &'a str,
        /// In file order, each with the letter its right-hand text is shown under.
        pairs: Vec<PairView<'a>>,
        /// The right-hand texts as shown: a fixed shuffle, lettered.
        rights: Vec<RightView<'a>>,
    },
    ShortAnswer {
        question: &'a str,
        answers: &'a [String],
        feedback_right: &'a str,
        feedback_wrong: &'a str,
    },
    Scenario {
        /// Id of the first node.
        start: &'a str,
        /// The recommended path, for the answer key.
        best: Vec<BestStep<'a>>,
        /// In reading order, numbered from 1.
        nodes: Vec<NodeView<'a>>,
    },
    Reflection {
        question: &'a str,
        prompts: &'a [String],
        /// Ruled lines on the printed worksheet.
        lines: u32,
    },
    FormFilling {
        question: &'a str,
        form: FormLink<'a>,
        /// The model answers, in file order.
        model: Vec<ModelAnswerView<'a>>,
    },
}

#[derive(Serialize)]
struct OptionView<'a> {
    /// "A", "B", … by the place shown (not for true/false statements).
    #[serde(skip_serializing_if = "Option::is_none")]
    letter: Option<String>,
    /// The option's identity (`data-pilihan`, the input's value): what a saved answer names.
    key: String,
    /// Its place in the file (`data-asal`): answers saved before options were reordered
    /// named options by this place.
    source: usize,
    text: &'a str,
    correct: bool,
    feedback: &'a str,
}

#[derive(Serialize)]
struct StepView<'a> {
    text: &'a str,
    /// Its place in the right order (0-based).
    position: usize,
}

#[derive(Serialize)]
struct PairView<'a> {
    left: &'a str,
    right: &'a str,
    letter: String,
    feedback: Option<&'a str>,
}

#[derive(Serialize)]
struct RightView<'a> {
    letter: String,
    text: &'a str,
    /// The pair it belongs to (index in file order).
    pair: usize,
}

#[derive(Serialize)]
struct BestStep<'a> {
    /// The part's number.
    number: usize,
    choice: &'a str,
    /// The number of the part it leads to.
    next: usize,
}

#[derive(Serialize)]
struct NodeView<'a> {
    id: &'a str,
    number: usize,
    situation: &'a str,
    /// "baik", "cukup", "kurang" for an ending.
    ending: Option<&'static str>,
    score: Option<f64>,
    debrief: Option<&'a str>,
    choices: Vec<ChoiceView<'a>>,
}

#[derive(Serialize)]
struct ChoiceView<'a> {
    text: &'a str,
    consequence: &'a str,
    /// Id of the node it leads to, and that node's number.
    next: &'a str,
    next_number: usize,
}

#[derive(Serialize)]
struct FormLink<'a> {
    id: &'a str,
    title: String,
    /// The form's own page, relative to this page.
    link: Option<String>,
}

/// One model answer of a form-filling exercise, as the reader sees it.
#[derive(Serialize)]
pub(crate) struct ModelAnswerView<'a> {
    name: &'a str,
    /// "5. Nama klien": the field's number and label.
    label: String,
    /// The value as text (choice labels, not names); empty for a table.
    value: String,
    /// A table's column headings.
    head: Vec<&'a str>,
    /// A table's rows.
    rows: Vec<RowView>,
    feedback: Option<&'a str>,
}

#[derive(Serialize)]
struct RowView {
    /// The row's label ("Minggu I") or number ("1.").
    header: String,
    cells: Vec<String>,
}

/// The label of a kind, from the UI table ("Pilihan ganda").
pub(crate) fn kind_label(kind: Kind) -> &'static str {
    ui::text(&format!("latihan_jenis_{}", kind.name().replace('-', "_")))
}

/// The label of a level, from the UI table ("Penerapan").
pub(crate) fn level_label(level: Level) -> &'static str {
    ui::text(&format!("latihan_tingkat_{}", level.name()))
}

/// The template partial of a kind, `latihan/NAME.html`: its chapter block, answer key and
/// worksheet entry. The two choice kinds differ in one input type and share one.
fn partial(kind: Kind) -> &'static str {
    match kind {
        Kind::SingleChoice | Kind::MultipleChoice => "pilihan",
        other => other.name(),
    }
}

/// Letters for options and the right column of a matching exercise: A, B, …, Z, AA, AB, …
pub(crate) fn letter(i: usize) -> String {
    let mut n = i;
    let mut out = Vec::new();
    loop {
        out.push(char::from(b'A' + (n % 26) as u8));
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    out.iter().rev().collect()
}

/// Everything the templates need about one exercise, as seen from the page `from`.
pub(crate) fn view<'a>(e: &'a Exercise, book: &Book<'a>, from: &Path) -> ExerciseView<'a> {
    let session = book.sessions.iter().find(|s| s.code == e.session);
    let case = e.case.as_ref().and_then(|id| {
        book.cases.iter().find(|c| &c.id == id).map(|c| CaseLink {
            title: &c.title,
            link: relative_link(from, &c.page),
        })
    });
    ExerciseView {
        id: &e.id,
        kind: e.kind().name(),
        kind_label: kind_label(e.kind()),
        partial: partial(e.kind()),
        session: &e.session,
        session_title: session.map(|s| s.title.as_str()),
        topic: e.topic.as_deref(),
        title: &e.title,
        hash: &e.hash,
        level: e.level.name(),
        level_label: level_label(e.level),
        intro: e.intro.as_deref(),
        note: e.facilitator_note.as_deref(),
        case,
        form_html: None,
        body: body(e, book, from),
    }
}

fn body<'a>(e: &'a Exercise, book: &Book<'a>, from: &Path) -> BodyView<'a> {
    match &e.body {
        Body::SingleChoice { question, options } | Body::MultipleChoice { question, options } => {
            BodyView::Choices {
                question: Some(question),
                options: options_view(options, &e.order, true),
            }
        }
        Body::TrueFalse {
            question,
            statements,
        } => BodyView::Choices {
            question: question.as_deref(),
            options: options_view(statements, &[], false),
        },
        Body::Ordering {
            question,
            steps,
            feedback,
        } => BodyView::Ordering {
            question,
            steps,
            shown: shown(&e.order, steps.len())
                .map(|i| StepView {
                    text: &steps[i],
                    position: i,
                })
                .collect(),
            feedback,
        },
        Body::Matching { question, pairs } => matching(&e.order, question, pairs),
        Body::ShortAnswer {
            question,
            answers,
            feedback_right,
            feedback_wrong,
        } => BodyView::ShortAnswer {
            question,
            answers,
            feedback_right,
            feedback_wrong,
        },
        Body::Scenario { start, nodes } => scenario(start, nodes),
        Body::Reflection {
            question,
            prompts,
            lines,
        } => BodyView::Reflection {
            question,
            prompts,
            lines: *lines,
        },
        Body::FormFilling {
            form,
            question,
            model,
            field_feedback,
        } => {
            let def = book.forms.get(form);
            BodyView::FormFilling {
                question,
                form: FormLink {
                    id: form,
                    title: def.map_or_else(|| form.clone(), |f| f.title.clone()),
                    link: book
                        .form_pages
                        .get(form)
                        .map(|page| relative_link(from, page)),
                },
                model: model
                    .iter()
                    .map(|(name, value)| model_answer(name, value, def, field_feedback.get(name)))
                    .collect(),
            }
        }
    }
}

/// The indexes of `n` items in the order decided by `order::arrange` (as written when it
/// decided nothing).
fn shown(order: &[usize], n: usize) -> impl Iterator<Item = usize> + '_ {
    let written = order.is_empty().then_some(0..n).into_iter().flatten();
    order.iter().copied().chain(written)
}

fn options_view<'a>(options: &'a [Choice], order: &[usize], lettered: bool) -> Vec<OptionView<'a>> {
    shown(order, options.len())
        .enumerate()
        .map(|(at, i)| {
            let o = &options[i];
            OptionView {
                letter: lettered.then(|| letter(at)),
                key: option_key(&o.text),
                source: i,
                text: &o.text,
                correct: o.correct,
                feedback: &o.feedback,
            }
        })
        .collect()
}

/// The right-hand texts in the order decided by `order::arrange`, lettered; each pair knows
/// its letter.
fn matching<'a>(order: &[usize], question: &'a str, pairs: &'a [Pair]) -> BodyView<'a> {
    let order: Vec<usize> = shown(order, pairs.len()).collect();
    let mut letter_of = vec![String::new(); pairs.len()];
    for (at, &i) in order.iter().enumerate() {
        letter_of[i] = letter(at);
    }
    BodyView::Matching {
        question,
        pairs: pairs
            .iter()
            .zip(letter_of)
            .map(|(p, letter)| PairView {
                left: &p.left,
                right: &p.right,
                letter,
                feedback: p.feedback.as_deref(),
            })
            .collect(),
        rights: order
            .iter()
            .enumerate()
            .map(|(at, &i)| RightView {
                letter: letter(at),
                text: &pairs[i].right,
                pair: i,
            })
            .collect(),
    }
}

/// Nodes numbered in reading order ("Bagian 1" is the start), and the recommended path.
fn scenario<'a>(start: &'a str, nodes: &'a [Node]) -> BodyView<'a> {
    let order = node_order(start, nodes);
    let mut number = vec![0; nodes.len()];
    for (at, &i) in order.iter().enumerate() {
        number[i] = at + 1;
    }
    let number_of = |id: &str| {
        nodes
            .iter()
            .position(|n| n.id == id)
            .map_or(0, |i| number[i])
    };
    let best = best_path(start, nodes)
        .into_iter()
        .map(|(n, c)| BestStep {
            number: number[n],
            choice: &nodes[n].choices[c].text,
            next: number_of(&nodes[n].choices[c].next),
        })
        .collect();
    let nodes = order
        .iter()
        .map(|&i| {
            let n = &nodes[i];
            NodeView {
                id: &n.id,
                number: number[i],
                situation: &n.situation,
                ending: n.ending.map(|x| x.name()),
                score: n.ending.map(|x| x.score()),
                debrief: n.debrief.as_deref(),
                choices: n
                    .choices
                    .iter()
                    .map(|c| ChoiceView {
                        text: &c.text,
                        consequence: &c.consequence,
                        next: &c.next,
                        next_number: number_of(&c.next),
                    })
                    .collect(),
            }
        })
        .collect();
    BodyView::Scenario { start, best, nodes }
}

/// A model value as one line of text (rows are shown as a table instead).
fn display(value: &ModelValue) -> String {
    match value {
        ModelValue::Text(t) => t.clone(),
        ModelValue::List(l) => l.join(", "),
        ModelValue::Rows(_) => String::new(),
    }
}

/// A model answer as the reader sees it: the field's number and label, choice labels for
/// names, a table's rows under its column headings.
fn model_answer<'a>(
    name: &'a str,
    value: &ModelValue,
    form: Option<&'a Form>,
    feedback: Option<&'a String>,
) -> ModelAnswerView<'a> {
    let field = form.and_then(|f| f.field(name));
    let label = field.map_or_else(
        || name.to_string(),
        |f| match &f.number {
            Some(n) => format!("{n}. {}", f.label),
            None => f.label.clone(),
        },
    );
    let text = |v: &ModelValue, f: Option<&Field>| match (f, form) {
        (Some(f), Some(form)) => answer_text(&super::html::answer_value(v), f, form),
        _ => display(v),
    };
    let columns: Vec<&Field> = field
        .map(|f| f.children().iter().filter(|c| c.holds_value()).collect())
        .unwrap_or_default();
    let rows = match value {
        ModelValue::Rows(rows) => rows
            .iter()
            .enumerate()
            .map(|(i, row)| {
                let header = field
                    .and_then(|f| match &f.kind {
                        FieldKind::Repeat(r) => r.row_labels.get(i).cloned(),
                        _ => None,
                    })
                    .unwrap_or_else(|| format!("{}.", i + 1));
                let cells: Vec<String> = if columns.is_empty() {
                    row.iter().map(|(_, v)| display(v)).collect()
                } else {
                    columns
                        .iter()
                        .map(|c| {
                            row.iter()
                                .find(|(k, _)| k == &c.name)
                                .map(|(_, v)| text(v, Some(c)))
                                .unwrap_or_default()
                        })
                        .collect()
                };
                RowView { header, cells }
            })
            .collect(),
        _ => Vec::new(),
    };
    ModelAnswerView {
        name,
        label,
        value: text(value, field),
        head: columns.iter().map(|c| c.label.as_str()).collect(),
        rows,
        feedback: feedback.map(String::as_str),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_go_past_z() {
        assert_eq!(letter(0), "A");
        assert_eq!(letter(25), "Z");
        assert_eq!(letter(26), "AA");
        assert_eq!(letter(27), "AB");
    }

    #[test]
    fn every_kind_has_a_label() {
        for kind in Kind::ALL {
            assert!(!kind_label(kind).is_empty(), "{}", kind.name());
        }
    }
}
