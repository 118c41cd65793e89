//! Checks that need the whole book: the sessions, topics, cases and forms exercises name, and
//! model answers that fit their form.

use super::case::{CASES_FILE, Case};
use super::model::{Body, Exercise, ModelValue};
use crate::diagnostic::{Diagnostics, suggestion};
use crate::form::model::Repeat;
use crate::form::{Field, Form, Kind as FieldKind};
use crate::session::Session;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

/// Sessions, topics, cases and forms that exercises name must exist.
pub(crate) fn check_references(
    exercises: &BTreeMap<String, Exercise>,
    sessions: &[Session],
    cases: &[Case],
    form_ids: &BTreeSet<String>,
) -> Diagnostics {
    let mut problems = Diagnostics::default();
    let codes: Vec<&str> = sessions.iter().map(|s| s.code.as_str()).collect();
    for e in exercises.values() {
        match sessions.iter().find(|s| s.code == e.session) {
            None => problems.push(e.file.error(
                e.spans.session.clone(),
                format!("sesi `{}` tidak ada di buku", e.session),
                format!(
                    "tulis kode sesi yang dilatih, misalnya \"1-4\"; {}",
                    suggestion(&e.session, codes.iter().copied(), "sesi")
                ),
            )),
            Some(session) => {
                if let (Some(topic), Some(span)) = (&e.topic, &e.spans.topic)
                    && !session.topics.iter().any(|t| &t.title == topic)
                {
                    let titles: Vec<&str> =
                        session.topics.iter().map(|t| t.title.as_str()).collect();
                    problems.push(e.file.error(
                        span.clone(),
                        format!("topik `{topic}` tidak ada di sesi {}", session.code),
                        format!(
                            "tulis judul topik persis seperti di data sesi (SUMMARY.md); {}",
                            suggestion(topic, titles.iter().copied(), "topik")
                        ),
                    ));
                }
            }
        }
        if let (Some(case), Some(span)) = (&e.case, &e.spans.case)
            && !cases.iter().any(|c| &c.id == case)
        {
            problems.push(e.file.error(
                span.clone(),
                format!("kasus `{case}` tidak ada di exercises/{CASES_FILE}"),
                format!(
                    "tambahkan [[kasus]] dengan id \"{case}\" di exercises/{CASES_FILE}, atau perbaiki id; {}",
                    suggestion(case, cases.iter().map(|c| c.id.as_str()), "kasus")
                ),
            ));
        }
        if let (Body::FormFilling { form, .. }, Some(span)) = (&e.body, &e.spans.form)
            && !form_ids.contains(form)
        {
            problems.push(e.file.error(
                span.clone(),
                format!("formulir `{form}` tidak ditemukan di forms/"),
                format!(
                    "tulis id sebuah formulir (nama berkas di forms/ tanpa .toml); {}",
                    suggestion(form, form_ids.iter().map(String::as_str), "formulir")
                ),
            ));
        }
    }
    problems
}

/// The model answers of form-filling exercises fit their form: every key is a field that holds
/// a value (tables as rows of their columns, several choices only where several may be
/// chosen), choices are names from the field's list, and numbers and dates are written as
/// the form expects them.
pub(crate) fn check_form_answers(
    exercises: &BTreeMap<String, Exercise>,
    forms: &BTreeMap<String, Form>,
) -> Diagnostics {
    let mut problems = Diagnostics::default();
    for e in exercises.values() {
        let Body::FormFilling { form, model, .. } = &e.body else {
            continue;
        };
        let Some(form) = forms.get(form) else {
            continue; // reported by check_references
        };
        let mut error = |range: &Range<usize>, what: String, fix: String| {
            problems.push(e.file.error(range.clone(), what, fix));
        };
        let top_level: Vec<&Field> = form
            .all_fields()
            .into_iter()
            .filter(|(f, repeat)| {
                repeat.is_none() && (f.holds_value() || matches!(f.kind, FieldKind::Repeat(_)))
            })
            .map(|(f, _)| f)
            .collect();
        for (name, value) in model {
            let (key_span, value_span) = e
                .spans
                .model_spans
                .iter()
                .find(|(n, _, _)| n == name)
                .map(|(_, k, v)| (k.clone(), v.clone()))
                .unwrap_or_default();
            let Some(field) = top_level.iter().find(|f| &f.name == name) else {
                unknown_field(name, &top_level, form, &key_span, &mut error);
                continue;
            };
            match (value, &field.kind) {
                (ModelValue::Rows(rows), FieldKind::Repeat(repeat)) => {
                    table_rows(name, rows, repeat, form, &value_span, &mut error);
                }
                (_, FieldKind::Repeat(_)) => error(
                    &value_span,
                    format!("`{name}` adalah tabel di formulir"),
                    format!("tulis satu [[jawaban_model.{name}]] per baris tabel"),
                ),
                (ModelValue::Rows(_), _) => error(
                    &value_span,
                    format!("`{name}` bukan tabel di formulir"),
                    format!("tulis {name} = \"…\" sebagai satu nilai"),
                ),
                (value, _) => {
                    if let Some(problem) = value_problem(value, field, form) {
                        error(
                            &value_span,
                            format!("`{name}`: {problem}"),
                            fix_for(field, form),
                        );
                    }
                }
            }
        }
    }
    problems
}

/// Type of the callback that reports a problem of a model answer: where, what, how to fix it.
type Report<'a> = dyn FnMut(&Range<usize>, String, String) + 'a;

/// A model answer for a field the form does not have (or has under a new name).
fn unknown_field(
    name: &str,
    top_level: &[&Field],
    form: &Form,
    key_span: &Range<usize>,
    error: &mut Report,
) {
    if let Some(renamed) = top_level
        .iter()
        .find(|f| f.old_names.iter().any(|n| n == name))
    {
        error(
            key_span,
            format!(
                "kolom `{name}` sekarang bernama `{}` di formulir `{}`",
                renamed.name, form.id
            ),
            format!("tulis nama barunya: {} = …", renamed.name),
        );
        return;
    }
    error(
        key_span,
        format!("kolom `{name}` tidak ada di formulir `{}`", form.id),
        format!(
            "tulis nama isian formulir (kunci `nama` di forms/{}.toml); {}",
            form.id,
            suggestion(name, top_level.iter().map(|f| f.name.as_str()), "isian")
        ),
    );
}

/// The rows of a table's model answer: no more than its fixed rows, known columns, values
/// that fit each column.
fn table_rows(
    name: &str,
    rows: &[Vec<(String, ModelValue)>],
    repeat: &Repeat,
    form: &Form,
    value_span: &Range<usize>,
    error: &mut Report,
) {
    let columns: Vec<&Field> = repeat.fields.iter().filter(|f| f.holds_value()).collect();
    if !repeat.row_labels.is_empty() && rows.len() > repeat.row_labels.len() {
        error(
            value_span,
            format!(
                "tabel `{name}` punya {} baris tetap, jawaban model menulis {}",
                repeat.row_labels.len(),
                rows.len()
            ),
            "tulis satu [[jawaban_model.NAMA]] untuk setiap baris formulir, tidak lebih".into(),
        );
    }
    for row in rows {
        for (column, cell) in row {
            match columns.iter().find(|c| &c.name == column) {
                Some(c) => {
                    if let Some(problem) = value_problem(cell, c, form) {
                        error(
                            value_span,
                            format!("`{name}.{column}`: {problem}"),
                            fix_for(c, form),
                        );
                    }
                }
                None => error(
                    value_span,
                    format!("kolom `{column}` tidak ada di tabel `{name}`"),
                    format!(
                        "tulis nama kolom tabel; {}",
                        suggestion(column, columns.iter().map(|c| c.name.as_str()), "kolom")
                    ),
                ),
            }
        }
    }
}

/// What is wrong with one model value for its field, if anything.
fn value_problem(value: &ModelValue, field: &Field, form: &Form) -> Option<String> {
    let unknown = |list: &str, names: &[String]| {
        names
            .iter()
            .find(|n| form.choice_label(list, n).is_none())
            .map(|n| format!("pilihan `{n}` tidak ada di daftar `{list}`"))
    };
    match (value, &field.kind) {
        (ModelValue::Text(t), FieldKind::SelectOne(list)) => unknown(list, std::slice::from_ref(t)),
        (ModelValue::List(names), FieldKind::SelectMultiple(list)) => unknown(list, names),
        (ModelValue::Text(t), FieldKind::SelectMultiple(list)) => {
            unknown(list, std::slice::from_ref(t))
        }
        (ModelValue::List(_), _) => Some("daftar nilai hanya untuk isian select_multiple".into()),
        (ModelValue::Text(t), FieldKind::Integer) if t.parse::<i64>().is_err() => {
            Some(format!("`{t}` bukan bilangan bulat"))
        }
        (ModelValue::Text(t), FieldKind::Decimal)
            if t.replace(',', ".").parse::<f64>().is_err() =>
        {
            Some(format!("`{t}` bukan angka"))
        }
        (ModelValue::Text(t), FieldKind::Date) if !is_iso_date(t) => {
            Some(format!("`{t}` bukan tanggal TTTT-BB-HH"))
        }
        (ModelValue::Rows(_), _) => Some("tabel di dalam tabel tidak didukung".into()),
        _ => None,
    }
}

fn fix_for(field: &Field, form: &Form) -> String {
    match &field.kind {
        FieldKind::SelectOne(list) | FieldKind::SelectMultiple(list) => {
            let names: Vec<&str> = form
                .lists
                .get(list)
                .map(|l| l.iter().map(|c| c.name.as_str()).collect())
                .unwrap_or_default();
            format!("tulis nama pilihan, salah satu dari: {}", names.join(", "))
        }
        FieldKind::Integer => "tulis bilangan bulat, misalnya 45".into(),
        FieldKind::Decimal => "tulis angka, misalnya 2.5".into(),
        FieldKind::Date => "tulis tanggal seperti 2024-03-17".into(),
        _ => "tulis teks".into(),
    }
}

fn is_iso_date(t: &str) -> bool {
    let parts: Vec<&str> = t.split('-').collect();
    matches!(parts.as_slice(), [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2
        && [y, m, d].iter().all(|p| p.chars().all(|c| c.is_ascii_digit()))
        && (1..=12).contains(&m.parse::<u32>().unwrap_or(0))
        && (1..=31).contains(&d.parse::<u32>().unwrap_or(0)))
}
