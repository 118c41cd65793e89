//! Exercises as HTML: the interactive block in a chapter, the participant worksheet and the
//! trainer's answer key (print pages), and the progress page (Kemajuan Saya). All four are
//! rendered from [`crate::exercise::Exercise`] through the templates, at build time: questions,
//! options, feedback and keys are in the page, readable and printable without JavaScript.

use crate::exercise::{self, Body, Exercise, Kind, ModelValue};
use crate::preprocess::Model;
use crate::render::{Renderer, relative_link};
use crate::ui;
use serde_json::{Value, json};
use std::path::Path;

/// The label of a type, from the UI table ("Pilihan ganda").
pub fn kind_label(kind: Kind) -> &'static str {
    ui::text(&format!("latihan_jenis_{}", kind.name().replace('-', "_")))
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

/// Everything the templates need about one exercise, as seen from the page `from`.
pub fn view(e: &Exercise, model: &Model, from: &Path) -> Value {
    let session = model.sessions.iter().find(|s| s.code == e.session);
    let case = e.case.as_ref().and_then(|id| {
        model
            .cases
            .iter()
            .find(|c| &c.id == id)
            .map(|c| json!({"title": c.title, "link": relative_link(from, &c.page)}))
    });
    let mut v = json!({
        "id": e.id,
        "kind": e.kind().name(),
        "kind_label": kind_label(e.kind()),
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
            let order = exercise::shuffled(&e.id, "urutkan", steps.len());
            json!({
                "question": question,
                "steps": steps,
                "shown": order.iter().map(|&i| json!({"text": steps[i], "position": i})).collect::<Vec<_>>(),
                "feedback": feedback,
            })
        }
        Body::Matching { question, pairs } => {
            let order = exercise::shuffled(&e.id, "jodohkan", pairs.len());
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
            let order = exercise::node_order(start, nodes);
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
            let best: Vec<Value> = exercise::best_path(start, nodes)
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
            let title = model
                .forms
                .get(form)
                .and_then(|f| f.title.clone())
                .unwrap_or_else(|| form.clone());
            json!({
                "question": question,
                "form": {"id": form, "title": title},
                "model": values.iter().map(|(name, value)| json!({
                    "name": name,
                    "value": display(value),
                    "rows": match value {
                        ModelValue::Rows(rows) => rows.iter().map(|row| row.iter().map(|(k, v)| json!({
                            "name": k,
                            "value": display(v),
                        })).collect::<Vec<_>>()).collect::<Vec<_>>(),
                        _ => Vec::new(),
                    },
                    "feedback": field_feedback.get(name),
                })).collect::<Vec<_>>(),
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
    model: &Model,
    from: &Path,
    renderer: &Renderer,
) -> Result<String, String> {
    renderer.render("latihan.html", json!({ "e": view(e, model, from) }))
}

/// Exercises appended to a page that places none of them by directive: a "Latihan" heading,
/// then each block.
pub fn group_markdown(
    ids: &[String],
    model: &Model,
    from: &Path,
    renderer: &Renderer,
) -> Result<String, String> {
    let mut out = format!("\n\n## {}\n", ui::text("latihan"));
    for id in ids {
        let e = model
            .exercise_data
            .get(id)
            .ok_or_else(|| format!("latihan {id} tidak ada"))?;
        out.push('\n');
        out.push_str(&exercise_html(e, model, from, renderer)?);
        out.push('\n');
    }
    Ok(out)
}

/// A participant worksheet (`key == false`) or the trainer's answer key (`key == true`) for
/// one session or, without `session`, every session; exercises in book order.
pub fn worksheet_html(
    model: &Model,
    session: Option<&str>,
    key: bool,
    from: &Path,
    renderer: &Renderer,
) -> Result<String, String> {
    let sessions: Vec<Value> = model
        .sessions_in_order()
        .into_iter()
        .filter(|s| session.is_none_or(|code| code == s.code))
        .map(|s| {
            let exercises: Vec<Value> = model
                .exercise_order
                .iter()
                .filter_map(|(id, _)| model.exercise_data.get(id))
                .filter(|e| e.session == s.code)
                .map(|e| view(e, model, from))
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
pub fn progress_html(model: &Model, from: &Path, renderer: &Renderer) -> Result<String, String> {
    let sessions: Vec<Value> = model
        .sessions_in_order()
        .into_iter()
        .map(|s| {
            let exercises: Vec<Value> = model
                .exercise_order
                .iter()
                .filter_map(|(id, page)| Some((model.exercise_data.get(id)?, page)))
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
    let total: usize = model.exercise_order.len();
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
