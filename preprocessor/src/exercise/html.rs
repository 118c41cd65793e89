//! Exercises as HTML: the interactive block in a chapter, the participant worksheet and the
//! trainer's answer key (print pages), and the progress page (Kemajuan Saya). All four are
//! rendered from [`crate::exercise::Exercise`] through the templates, at build time: questions,
//! options, feedback and keys are in the page, readable and printable without JavaScript.

use super::case::Case;
use super::hash::shuffled;
use super::model::{Body, Exercise, Kind, ModelValue};
use super::scenario::{best_path, node_order};
use crate::form::html::{self as form_html, Answers, Instance};
use crate::form::{Field, Form, Kind as FieldKind};
use crate::render::{Renderer, relative_link};
use crate::session::Session;
use crate::ui;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::path::Path;
use std::path::PathBuf;

/// What the exercise pages need to know about the book.
pub(crate) struct Book<'a> {
    /// In book order.
    pub(crate) sessions: &'a [Session],
    pub(crate) cases: &'a [Case],
    pub(crate) forms: &'a BTreeMap<String, Form>,
    /// Each form's page (see [`crate::model::Model::form_pages`]).
    pub(crate) form_pages: &'a BTreeMap<String, PathBuf>,
    pub(crate) exercises: &'a BTreeMap<String, Exercise>,
    /// Every exercise in book order, with the chapter that shows it.
    pub(crate) order: &'a [(String, PathBuf)],
}

/// The label of a type, from the UI table ("Pilihan ganda").
pub fn kind_label(kind: Kind) -> &'static str {
    ui::text(&format!("latihan_jenis_{}", kind.name().replace('-', "_")))
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
fn letter(i: usize) -> String {
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

/// A model value as one line of text (rows are shown as a table instead).
fn display(value: &ModelValue) -> String {
    match value {
        ModelValue::Text(t) => t.clone(),
        ModelValue::List(l) => l.join(", "),
        ModelValue::Rows(_) => String::new(),
    }
}

/// A model value as the form's script collects it (text, list of names, rows of columns).
fn json_value(value: &ModelValue) -> Value {
    match value {
        ModelValue::Text(t) => json!(t),
        ModelValue::List(l) => json!(l),
        ModelValue::Rows(rows) => Value::Array(
            rows.iter()
                .map(|row| {
                    Value::Object(
                        row.iter()
                            .map(|(k, v)| (k.clone(), json_value(v)))
                            .collect(),
                    )
                })
                .collect(),
        ),
    }
}

/// The fillable form of a form-filling exercise, with its model answers for the comparison.
/// Its draft has its own key, outside `modul:latihan:` where progress records live.
fn exercise_form(e: &Exercise, book: &Book, renderer: &Renderer) -> Result<Option<String>, String> {
    let Body::FormFilling {
        form,
        model: values,
        ..
    } = &e.body
    else {
        return Ok(None);
    };
    let def = book
        .forms
        .get(form)
        .ok_or_else(|| format!("formulir {form} tidak ada"))?;
    let answers = Answers {
        values: values
            .iter()
            .map(|(name, v)| (name.clone(), json_value(v)))
            .collect(),
        checked: values
            .iter()
            .filter(|(name, _)| def.field(name).is_some_and(Answers::checkable))
            .map(|(name, _)| name.clone())
            .collect(),
    };
    let instance = Instance {
        form: def,
        prefix: format!("latihan-{}-f", e.id),
        storage_key: format!("modul:formulir-latihan:{}", e.id),
        xlsx_link: None,
        answers: Some(&answers),
    };
    form_html::render(&instance, renderer).map(Some)
}

/// Everything the templates need about one exercise, as seen from the page `from`.
pub fn view(e: &Exercise, book: &Book, from: &Path) -> Value {
    let session = book.sessions.iter().find(|s| s.code == e.session);
    let case = e.case.as_ref().and_then(|id| {
        book.cases
            .iter()
            .find(|c| &c.id == id)
            .map(|c| json!({"title": c.title, "link": relative_link(from, &c.page)}))
    });
    let mut v = json!({
        "id": e.id,
        "kind": e.kind().name(),
        "kind_label": kind_label(e.kind()),
        "partial": partial(e.kind()),
        "session": e.session,
        "session_title": session.map(|s| s.title.as_str()),
        "topic": e.topic,
        "title": e.title,
        "hash": e.hash,
        "intro": e.intro,
        "note": e.facilitator_note,
        "case": case,
    });
    let body = match &e.body {
        Body::SingleChoice { question, options } | Body::MultipleChoice { question, options } => {
            json!({
                "question": question,
                "options": options.iter().enumerate().map(|(i, o)| json!({
                    "letter": letter(i),
                    "text": o.text,
                    "correct": o.correct,
                    "feedback": o.feedback,
                })).collect::<Vec<_>>(),
            })
        }
        Body::TrueFalse {
            question,
            statements,
        } => json!({
            "question": question,
            "options": statements.iter().map(|o| json!({
                "text": o.text,
                "correct": o.correct,
                "feedback": o.feedback,
            })).collect::<Vec<_>>(),
        }),
        Body::Ordering {
            question,
            steps,
            feedback,
        } => {
            let order = shuffled(&e.id, "urutkan", steps.len());
            json!({
                "question": question,
                "steps": steps,
                "shown": order.iter().map(|&i| json!({"text": steps[i], "position": i})).collect::<Vec<_>>(),
                "feedback": feedback,
            })
        }
        Body::Matching { question, pairs } => {
            let order = shuffled(&e.id, "jodohkan", pairs.len());
            // The letter each right-hand text is shown under, by pair index.
            let mut letter_of = vec![String::new(); pairs.len()];
            for (at, &i) in order.iter().enumerate() {
                letter_of[i] = letter(at);
            }
            json!({
                "question": question,
                "pairs": pairs.iter().enumerate().map(|(i, p)| json!({
                    "left": p.left,
                    "right": p.right,
                    "letter": letter_of[i],
                    "feedback": p.feedback,
                })).collect::<Vec<_>>(),
                "rights": order.iter().enumerate().map(|(at, &i)| json!({
                    "letter": letter(at),
                    "text": pairs[i].right,
                    "pair": i,
                })).collect::<Vec<_>>(),
            })
        }
        Body::ShortAnswer {
            question,
            answers,
            feedback_right,
            feedback_wrong,
        } => json!({
            "question": question,
            "answers": answers,
            "feedback_right": feedback_right,
            "feedback_wrong": feedback_wrong,
        }),
        Body::Scenario { start, nodes } => {
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
            let best: Vec<Value> = best_path(start, nodes)
                .into_iter()
                .map(|(n, c)| {
                    json!({
                        "number": number[n],
                        "choice": nodes[n].choices[c].text,
                        "next": number_of(&nodes[n].choices[c].next),
                    })
                })
                .collect();
            json!({
                "start": start,
                "best": best,
                "nodes": order.iter().map(|&i| {
                    let n = &nodes[i];
                    json!({
                        "id": n.id,
                        "number": number[i],
                        "situation": n.situation,
                        "ending": n.ending.map(|x| x.name()),
                        "score": n.ending.map(|x| x.score()),
                        "debrief": n.debrief,
                        "choices": n.choices.iter().map(|c| json!({
                            "text": c.text,
                            "consequence": c.consequence,
                            "next": c.next,
                            "next_number": number_of(&c.next),
                        })).collect::<Vec<_>>(),
                    })
                }).collect::<Vec<_>>(),
            })
        }
        Body::Reflection {
            question,
            prompts,
            lines,
        } => json!({
            "question": question,
            "prompts": prompts,
            "lines": lines,
        }),
        Body::FormFilling {
            form,
            question,
            model: values,
            field_feedback,
        } => {
            let def = book.forms.get(form);
            let title = def.map_or_else(|| form.clone(), |f| f.title.clone());
            let link = book
                .form_pages
                .get(form)
                .map(|page| relative_link(from, page));
            json!({
                "question": question,
                "form": {"id": form, "title": title, "link": link},
                "model": values.iter().map(|(name, value)| {
                    let field = def.and_then(|f| f.field(name));
                    let label = field.map_or_else(|| name.clone(), |f| match &f.number {
                        Some(n) => format!("{n}. {}", f.label),
                        None => f.label.clone(),
                    });
                    let text = |v: &ModelValue, f: Option<&Field>| match (f, def) {
                        (Some(f), Some(def)) => form_html::answer_text(&json_value(v), f, def),
                        _ => display(v),
                    };
                    let columns: Vec<&Field> = field.map(|f| f.children().iter().filter(|c| c.holds_value()).collect()).unwrap_or_default();
                    json!({
                        "name": name,
                        "label": label,
                        "value": text(value, field),
                        "head": columns.iter().map(|c| c.label.as_str()).collect::<Vec<_>>(),
                        "rows": match value {
                            ModelValue::Rows(rows) => rows.iter().enumerate().map(|(i, row)| {
                                let header = field.and_then(|f| match &f.kind {
                                    FieldKind::Repeat(r) => r.row_labels.get(i).cloned(),
                                    _ => None,
                                }).unwrap_or_else(|| format!("{}.", i + 1));
                                let cells: Vec<String> = if columns.is_empty() {
                                    row.iter().map(|(_, v)| display(v)).collect()
                                } else {
                                    columns.iter().map(|c| row.iter().find(|(k, _)| k == &c.name).map(|(_, v)| text(v, Some(c))).unwrap_or_default()).collect()
                                };
                                json!({"header": header, "cells": cells})
                            }).collect::<Vec<_>>(),
                            _ => Vec::new(),
                        },
                        "feedback": field_feedback.get(name),
                    })
                }).collect::<Vec<_>>(),
            })
        }
    };
    if let (Value::Object(all), Value::Object(more)) = (&mut v, body) {
        all.extend(more);
    }
    v
}

/// The interactive block that replaces `{{#latihan ID}}` (or is appended to a topic page).
pub fn exercise_html(
    e: &Exercise,
    book: &Book,
    from: &Path,
    renderer: &Renderer,
) -> Result<String, String> {
    let mut v = view(e, book, from);
    if let (Some(html), Value::Object(o)) = (exercise_form(e, book, renderer)?, &mut v) {
        o.insert("form_html".into(), json!(html));
    }
    renderer.render("latihan.html", json!({ "e": v }))
}

/// Exercises appended to a page that places none of them by directive: a "Latihan" heading,
/// then each block.
pub fn group_markdown(
    ids: &[String],
    book: &Book,
    from: &Path,
    renderer: &Renderer,
) -> Result<String, String> {
    let mut out = format!("\n\n## {}\n", ui::text("latihan"));
    for id in ids {
        let e = book
            .exercises
            .get(id)
            .ok_or_else(|| format!("latihan {id} tidak ada"))?;
        out.push('\n');
        out.push_str(&exercise_html(e, book, from, renderer)?);
        out.push('\n');
    }
    Ok(out)
}

/// A participant worksheet (`key == false`) or the trainer's answer key (`key == true`) for
/// one session or, without `session`, every session; exercises in book order.
pub fn worksheet_html(
    book: &Book,
    session: Option<&str>,
    key: bool,
    from: &Path,
    renderer: &Renderer,
) -> Result<String, String> {
    let sessions: Vec<Value> = crate::session::in_order(book.sessions)
        .into_iter()
        .filter(|s| session.is_none_or(|code| code == s.code))
        .map(|s| {
            let exercises: Vec<Value> = book
                .order
                .iter()
                .filter_map(|(id, _)| book.exercises.get(id))
                .filter(|e| e.session == s.code)
                .map(|e| view(e, book, from))
                .collect();
            json!({"code": s.code, "title": s.title, "exercises": exercises})
        })
        .collect();
    renderer.render(
        "lembar-kerja.html",
        json!({"sessions": sessions, "key": key, "all": session.is_none()}),
    )
}

/// The progress page: every exercise by session, with a link to where it is in the book.
pub fn progress_html(book: &Book, from: &Path, renderer: &Renderer) -> Result<String, String> {
    let sessions: Vec<Value> = crate::session::in_order(book.sessions)
        .into_iter()
        .map(|s| {
            let exercises: Vec<Value> = book
                .order
                .iter()
                .filter_map(|(id, page)| Some((book.exercises.get(id)?, page)))
                .filter(|(e, _)| e.session == s.code)
                .map(|(e, page)| {
                    json!({
                        "id": e.id,
                        "title": e.title,
                        "hash": e.hash,
                        "kind_label": kind_label(e.kind()),
                        "link": format!("{}#latihan-{}", relative_link(from, page), e.id),
                    })
                })
                .collect();
            json!({"code": s.code, "title": s.title, "exercises": exercises})
        })
        .collect();
    let total: usize = book.order.len();
    renderer.render(
        "kemajuan.html",
        json!({"sessions": sessions, "total": total}),
    )
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
