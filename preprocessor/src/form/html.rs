//! The HTML of a form: one rendering that is fillable on screen and prints as a paper form
//! (blank or filled, through `@media print` in `book/theme/modul.css`).
//!
//! A form is rendered as an [`Instance`]: the book embeds each form with its own DOM id
//! prefix and storage key, and an exercise can embed a form the same way with model answers
//! for a field-by-field comparison. The browser's rules travel with the form as data
//! (`data-aturan`, from [`rules`]), so `modul-formulir.js` evaluates the parsed expressions
//! instead of parsing them again.

use super::expr::{Expr, Func, number};
use super::model::{Field, Form, Kind, Repeat};
use super::rules::rules;
use crate::render::Renderer;
use crate::ui;
use serde::Serialize;
use std::collections::BTreeMap;

/// One rendering of a form on a page.
#[derive(Debug, Clone)]
pub struct Instance<'a> {
    pub form: &'a Form,
    /// Unique among the whole book (the print page joins every chapter): `f-registrasi`.
    pub prefix: String,
    /// localStorage key of the draft: `modul:formulir:ID`; an exercise passes its own.
    pub storage_key: String,
    /// Link to the XLSForm download, relative to the page.
    pub xlsx_link: Option<String>,
    /// Model answers (exercises): shown for comparison, never stored.
    pub answers: Option<&'a Answers>,
}

/// The model answers an exercise compares a filled form with: `data-jawaban`, read by
/// `ModulFormulir.compare` in `modul-formulir.js`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Answers {
    /// Field name → value as the form's script collects it.
    pub values: BTreeMap<String, AnswerValue>,
    /// Fields whose answer is checked for equality (choices, numbers, dates); the learner
    /// compares free text with the model answer themself.
    pub checked: Vec<String>,
}

/// A field's value as `modul-formulir.js` collects it from the form.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum AnswerValue {
    /// Text, a number or a date as typed, or the name of the one choice.
    Text(String),
    /// The names of the choices of a `select_multiple` field.
    List(Vec<String>),
    /// A table: per row, column name → value.
    Rows(Vec<BTreeMap<String, AnswerValue>>),
}

impl Answers {
    /// Whether a field's answer can be checked for equality rather than compared by the
    /// learner: only answers with one right form.
    pub(crate) fn checkable(field: &Field) -> bool {
        matches!(
            field.kind,
            Kind::SelectOne(_)
                | Kind::SelectMultiple(_)
                | Kind::Integer
                | Kind::Decimal
                | Kind::Date
        )
    }
}

impl<'a> Instance<'a> {
    /// The book's own instance of a form: key `modul:formulir:ID`.
    pub(crate) fn book(form: &'a Form, prefix: String, xlsx_link: String) -> Self {
        Instance {
            form,
            prefix,
            storage_key: format!("modul:formulir:{}", form.id),
            xlsx_link: Some(xlsx_link),
            answers: None,
        }
    }
}

#[derive(Serialize)]
struct ChoiceView<'a> {
    name: &'a str,
    label: &'a str,
    id: String,
}

#[derive(Serialize)]
struct FieldView<'a> {
    name: &'a str,
    kind: &'static str,
    id: String,
    label: &'a str,
    /// Accessible name of a table cell ("Nama, baris 1").
    cell_label: String,
    number: Option<&'a str>,
    hint: Option<&'a str>,
    required: bool,
    unit: Option<&'a str>,
    /// "Isi jika nomor 5 = Ya." — skip logic written as an instruction.
    condition: Option<String>,
    /// "Syarat: …" — the constraint message, printed with the field.
    rule: Option<String>,
    lines: Vec<u32>,
    drawing_box: bool,
    choices: Vec<ChoiceView<'a>>,
    children: Vec<FieldView<'a>>,
    table: Option<TableView<'a>>,
    answer: Option<String>,
    /// A table's model rows: the row's heading, then one text per column in column order.
    answer_rows: Vec<Vec<String>>,
    /// The column headings of those rows.
    answer_head: Vec<&'a str>,
    row: Option<usize>,
}

#[derive(Serialize)]
struct RowView<'a> {
    header: Option<String>,
    index: Option<usize>,
    cells: Vec<FieldView<'a>>,
}

#[derive(Serialize)]
struct TableView<'a> {
    /// Column headings in display order (the first is the row heading's column, may be empty).
    head: Vec<String>,
    rows: Vec<RowView<'a>>,
    /// Rows the user adds (no fixed labels): the template row and the add/remove buttons.
    dynamic: bool,
    template: Option<RowView<'a>>,
    /// Print-only blank rows below the real ones.
    blank: Vec<Vec<u32>>,
    numbered: bool,
    transposed: bool,
}

/// The skip-logic condition in words, e.g. "nomor 5 = Ya". One piece: one arm per kind of
/// expression node, recursive like the grammar.
pub(crate) fn describe(expr: &Expr, form: &Form, owner: &Field) -> String {
    let t = ui::text;
    let name_of = |e: &Expr| -> String {
        match e {
            Expr::Ref { name, .. } => match form.field(name) {
                Some(Field {
                    number: Some(n), ..
                }) => fill(t("formulir_nomor"), &[("n", n)]),
                Some(f) => format!("«{}»", f.label),
                None => name.clone(),
            },
            Expr::Current { .. } => t("formulir_isian_ini").to_string(),
            other => describe(other, form, owner),
        }
    };
    let list_of = |e: &Expr| -> Option<String> {
        match e {
            Expr::Ref { name, .. } => form.field(name).and_then(|f| f.list().map(str::to_string)),
            Expr::Current { .. } => owner.list().map(str::to_string),
            _ => None,
        }
    };
    let literal = |e: &Expr, list: Option<&str>| -> String {
        match (e, list) {
            (Expr::Str { value, .. }, Some(list)) => form
                .choice_label(list, value)
                .map_or_else(|| value.clone(), str::to_string),
            (Expr::Str { value, .. }, None) => format!("«{value}»"),
            (Expr::Num(n), _) => number(*n).replace('.', ","),
            _ => name_of(e),
        }
    };
    match expr {
        Expr::Ref { .. } | Expr::Current { .. } => name_of(expr),
        Expr::Str { .. } | Expr::Num(_) => literal(expr, None),
        Expr::And(a, b) => format!(
            "{} {} {}",
            describe(a, form, owner),
            t("formulir_dan"),
            describe(b, form, owner)
        ),
        Expr::Or(a, b) => format!(
            "{} {} {}",
            describe(a, form, owner),
            t("formulir_atau"),
            describe(b, form, owner)
        ),
        Expr::Cmp {
            op, left, right, ..
        } => {
            let list = list_of(left).or_else(|| list_of(right));
            format!(
                "{} {} {}",
                literal(left, list.as_deref()),
                op.words(),
                literal(right, list.as_deref())
            )
        }
        Expr::Call { func, args, .. } => {
            let arg = |i: usize| args.get(i).map(&name_of).unwrap_or_default();
            match func {
                Func::Not => format!(
                    "{} ({})",
                    t("formulir_bukan"),
                    args.first()
                        .map(|a| describe(a, form, owner))
                        .unwrap_or_default()
                ),
                Func::Selected => {
                    let list = args.first().and_then(list_of);
                    let choice = args
                        .get(1)
                        .map(|a| literal(a, list.as_deref()))
                        .unwrap_or_default();
                    fill(
                        t("formulir_dipilih"),
                        &[("isian", &arg(0)), ("pilihan", &choice)],
                    )
                }
                Func::CountSelected => fill(t("formulir_jumlah_pilihan"), &[("isian", &arg(0))]),
                Func::StringLength => fill(t("formulir_panjang"), &[("isian", &arg(0))]),
                Func::Regex => {
                    let pattern = match args.get(1) {
                        Some(Expr::Str { value, .. }) => value.clone(),
                        _ => String::new(),
                    };
                    fill(
                        t("formulir_pola"),
                        &[("isian", &arg(0)), ("pola", &pattern)],
                    )
                }
                Func::Today => t("formulir_hari_ini").to_string(),
                Func::True => "1 = 1".into(),
                Func::False => "1 = 0".into(),
            }
        }
    }
}

fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (key, value) in values {
        out = out.replace(&format!("{{{key}}}"), value);
    }
    out
}

/// A field's model answer as the form shows it next to the field.
struct ModelAnswer<'a> {
    text: Option<String>,
    rows: Vec<Vec<String>>,
    head: Vec<&'a str>,
}

struct Builder<'a> {
    instance: &'a Instance<'a>,
}

impl<'a> Builder<'a> {
    fn field(&self, field: &'a Field, id: String, row: Option<(usize, String)>) -> FieldView<'a> {
        let form = self.instance.form;
        let condition = field.relevant.as_ref().map(|e| {
            fill(
                ui::text("formulir_isi_jika"),
                &[("syarat", &describe(e, form, field))],
            )
        });
        let rule = field
            .constraint_message
            .as_ref()
            .map(|m| fill(ui::text("formulir_syarat"), &[("pesan", m)]));
        let choices = field
            .list()
            .and_then(|l| form.lists.get(l))
            .map(|list| {
                list.iter()
                    .map(|c| ChoiceView {
                        name: &c.name,
                        label: &c.label,
                        id: format!("{id}-{}", c.name),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let children = match &field.kind {
            Kind::Group(children) => children
                .iter()
                .map(|c| self.field(c, format!("{}-{}", self.instance.prefix, c.name), None))
                .collect(),
            _ => Vec::new(),
        };
        let table = match &field.kind {
            Kind::Repeat(repeat) => Some(self.table(field, repeat)),
            _ => None,
        };
        let ModelAnswer {
            text: answer,
            rows: answer_rows,
            head: answer_head,
        } = self.model_answer(field);
        let cell_label = match &row {
            Some((_, row_label)) => format!("{}, {row_label}", field.label),
            None => field.label.clone(),
        };
        FieldView {
            name: &field.name,
            kind: field.type_name(),
            id,
            label: &field.label,
            cell_label,
            number: if row.is_some() {
                None
            } else {
                field.number.as_deref()
            },
            hint: field.hint.as_deref(),
            required: field.required,
            unit: field.unit.as_deref(),
            condition,
            rule,
            lines: (0..field.lines).collect(),
            drawing_box: field.drawing_box,
            choices,
            children,
            table,
            answer: if row.is_some() { None } else { answer },
            answer_rows,
            answer_head,
            row: row.map(|(i, _)| i),
        }
    }

    /// A field's model answer in an exercise, as text; for a table, its rows (heading first)
    /// and the column headings.
    fn model_answer(&self, field: &'a Field) -> ModelAnswer<'a> {
        let form = self.instance.form;
        let model = self
            .instance
            .answers
            .and_then(|a| a.values.get(&field.name));
        let answer_rows = match (model, &field.kind) {
            (Some(AnswerValue::Rows(rows)), Kind::Repeat(repeat)) => rows
                .iter()
                .enumerate()
                .map(|(i, row)| {
                    let header = repeat
                        .row_labels
                        .get(i)
                        .cloned()
                        .unwrap_or_else(|| format!("{}.", i + 1));
                    std::iter::once(header)
                        .chain(repeat.fields.iter().filter(|c| c.holds_value()).map(|c| {
                            row.get(&c.name)
                                .map(|v| answer_text(v, c, form))
                                .unwrap_or_default()
                        }))
                        .collect()
                })
                .collect(),
            _ => Vec::new(),
        };
        let answer_head = match &field.kind {
            Kind::Repeat(repeat) if !answer_rows.is_empty() => repeat
                .fields
                .iter()
                .filter(|c| c.holds_value())
                .map(|c| c.label.as_str())
                .collect(),
            _ => Vec::new(),
        };
        let answer = match &field.kind {
            Kind::Repeat(_) => None,
            _ => model.map(|v| answer_text(v, field, form)),
        };
        ModelAnswer {
            text: answer,
            rows: answer_rows,
            head: answer_head,
        }
    }

    fn row(&self, repeat: &'a Field, index: usize, label: String, key: &str) -> RowView<'a> {
        let cells = repeat
            .children()
            .iter()
            .map(|c| {
                self.field(
                    c,
                    format!("{}-{}-{key}-{}", self.instance.prefix, repeat.name, c.name),
                    Some((index, label.clone())),
                )
            })
            .collect();
        RowView {
            header: None,
            index: Some(index),
            cells,
        }
    }

    /// A table (repeat) in one of its three layouts: fixed labelled rows, rows the user adds
    /// (with a template row and blank rows for paper), or rows printed as columns. One piece:
    /// the layouts share the rows built at the top.
    fn table(&self, field: &'a Field, repeat: &'a Repeat) -> TableView<'a> {
        let row_label = |i: usize| fill(ui::text("formulir_baris"), &[("n", &(i + 1).to_string())]);
        let fixed = !repeat.row_labels.is_empty();
        let mut rows: Vec<RowView> = if fixed {
            repeat
                .row_labels
                .iter()
                .enumerate()
                .map(|(i, label)| {
                    let mut row = self.row(field, i, label.clone(), &i.to_string());
                    row.header = Some(label.clone());
                    row
                })
                .collect()
        } else {
            vec![self.row(field, 0, row_label(0), "0")]
        };
        let template = (!fixed).then(|| {
            self.row(
                field,
                0,
                fill(ui::text("formulir_baris"), &[("n", "__n__")]),
                "__i__",
            )
        });
        let lines: Vec<u32> = repeat
            .fields
            .iter()
            .map(|f| f.lines)
            .max()
            .map_or(vec![0], |n| (0..n).collect());
        let blank = if fixed {
            Vec::new()
        } else {
            (1..repeat.blank_rows).map(|_| lines.clone()).collect()
        };
        let mut head = Vec::new();
        if repeat.rows_as_columns {
            // Rows become columns: one table row per field, one column per fixed row.
            head.push(String::new());
            head.extend(repeat.row_labels.iter().cloned());
            let columns = std::mem::take(&mut rows);
            rows = repeat
                .fields
                .iter()
                .map(|f| RowView {
                    header: Some(f.label.clone()),
                    index: None,
                    cells: columns
                        .iter()
                        .map(|r| {
                            let mut cell = self.field(
                                f,
                                format!(
                                    "{}-{}-{}-{}",
                                    self.instance.prefix,
                                    field.name,
                                    r.index.unwrap_or(0),
                                    f.name
                                ),
                                Some((r.index.unwrap_or(0), r.header.clone().unwrap_or_default())),
                            );
                            cell.row = r.index;
                            cell
                        })
                        .collect(),
                })
                .collect();
        } else {
            if repeat.numbered {
                head.push(ui::text("formulir_no").to_string());
            } else if fixed {
                head.push(String::new());
            }
            head.extend(repeat.fields.iter().map(|f| f.label.clone()));
        }
        TableView {
            head,
            rows,
            dynamic: !fixed,
            template,
            blank,
            numbered: repeat.numbered,
            transposed: repeat.rows_as_columns,
        }
    }
}

/// A model value as the reader sees it: choice labels instead of names.
pub(crate) fn answer_text(value: &AnswerValue, field: &Field, form: &Form) -> String {
    let label = |v: &str| {
        field
            .list()
            .and_then(|l| form.choice_label(l, v))
            .unwrap_or(v)
            .to_string()
    };
    match value {
        AnswerValue::Text(s) => label(s),
        AnswerValue::List(items) => items
            .iter()
            .map(|i| label(i))
            .collect::<Vec<_>>()
            .join(", "),
        // A table is shown as rows under its column headings, never as one text.
        AnswerValue::Rows(_) => String::new(),
    }
}

/// A browser contract as the JSON of a `data-*` attribute.
fn to_json(value: &impl Serialize) -> Result<String, String> {
    serde_json::to_string(value).map_err(|e| format!("JSON: {e}"))
}

/// The form as `formulir.html` shows it.
#[derive(Serialize)]
struct FormView<'a> {
    id: &'a str,
    title: &'a str,
    /// "Formulir 2".
    code: Option<&'a str>,
    /// The line above the title on paper.
    header: Option<&'a str>,
    version: u32,
    intro: Option<&'a str>,
    /// DOM id prefix of this instance.
    prefix: &'a str,
    /// localStorage key of the draft (`data-kunci`).
    key: &'a str,
    /// `data-aturan`: the rules as JSON ([`super::rules::FormRules`]).
    rules: String,
    /// `data-jawaban`: the model answers as JSON ([`Answers`]), in an exercise.
    answers: Option<String>,
    /// The form has a register number (shown in the print header).
    register: bool,
    /// The XLSForm download, relative to the page.
    xlsx: Option<&'a str>,
    xlsx_name: String,
}

/// Renders one instance of a form.
pub fn render(instance: &Instance, renderer: &Renderer) -> Result<String, String> {
    #[derive(Serialize)]
    struct PageView<'a> {
        f: FormView<'a>,
        fields: Vec<FieldView<'a>>,
    }
    let form = instance.form;
    let builder = Builder { instance };
    let fields: Vec<FieldView> = form
        .fields
        .iter()
        .map(|f| builder.field(f, format!("{}-{}", instance.prefix, f.name), None))
        .collect();
    let answers = instance.answers.map(to_json).transpose()?;
    let f = FormView {
        id: &form.id,
        title: &form.title,
        code: form.code.as_deref(),
        header: form.header.as_deref(),
        version: form.version,
        intro: form.intro.as_deref(),
        prefix: &instance.prefix,
        key: &instance.storage_key,
        rules: to_json(&rules(form))?,
        answers,
        register: form.field("nomor_register").is_some(),
        xlsx: instance.xlsx_link.as_deref(),
        xlsx_name: format!("{}.xlsx", form.id),
    };
    renderer.render("formulir.html", PageView { f, fields })
}
