//! The browser's contract for forms: `data-aturan`, the rules `modul-formulir.js` needs to
//! collect, check and show a form's values, as data. The browser evaluates the parsed
//! expressions ([`ExprRule`]) instead of parsing them again, so skip logic and constraints have
//! one implementation of their grammar (in [`super::expr`]) and one of their meaning per side.

use super::expr::Expr;
use super::model::{Field, Form, Kind};
use serde::Serialize;

/// `data-aturan` of a form.
#[derive(Debug, Serialize)]
pub(crate) struct FormRules<'a> {
    /// The form's id, written into saved and exported drafts.
    id: &'a str,
    /// The form's version: a draft saved under another version gets a notice.
    version: u32,
    /// The form's title: the Berkas Klien page and exported file names show it.
    title: &'a str,
    /// The fields whose values, joined with " · ", label a record in the record list (first:
    /// the client's name, which gathers one client's records across forms). Empty: records
    /// are labelled by their creation time.
    label: &'a [String],
    /// The columns of the CSV export: the names of the XLSForm's value rows (every field that
    /// holds a value, in document order, table columns included), so the rows load into
    /// KoboToolbox or ODK Central.
    columns: Vec<&'a str>,
    /// The fields in document order.
    fields: Vec<FieldRule<'a>>,
}

/// One field: how its value is read, checked and shown.
#[derive(Debug, Serialize)]
struct FieldRule<'a> {
    /// The field's name: `data-nama` of its wrapper, the key of its value in a draft.
    name: &'a str,
    /// The XLSForm type: `text`, `integer`, `select_one`, `group`, `repeat`, …
    #[serde(rename = "type")]
    kind: &'static str,
    /// A value is required (when the field is relevant).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    required: bool,
    /// Skip logic: the field is shown only while this is true.
    #[serde(skip_serializing_if = "Option::is_none")]
    relevant: Option<ExprRule<'a>>,
    /// The value must make this true (`.` is the value itself).
    #[serde(skip_serializing_if = "Option::is_none")]
    constraint: Option<ExprRule<'a>>,
    /// What to tell the user when the constraint fails.
    #[serde(skip_serializing_if = "Option::is_none")]
    constraint_message: Option<&'a str>,
    /// The names of the choices of a `select_one` / `select_multiple` field.
    #[serde(skip_serializing_if = "Option::is_none")]
    choices: Option<Vec<&'a str>>,
    /// Earlier names of the field: an old draft's value moves over.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    old_names: &'a [String],
    /// The fields of a group, or the columns of a table (repeat).
    #[serde(skip_serializing_if = "Option::is_none")]
    fields: Option<Vec<FieldRule<'a>>>,
    /// A table with this many fixed rows (no rows added or removed).
    #[serde(skip_serializing_if = "Option::is_none")]
    fixed_rows: Option<usize>,
}

/// An expression as `evaluate` in `modul-formulir.js` reads it: a prefix array whose first
/// item names the node.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub(crate) enum ExprRule<'a> {
    /// `["ref", name]`: the value of another field (`${name}`).
    Ref(&'static str, &'a str),
    /// `["cur"]`: the value of the field being checked (`.`).
    Current([&'static str; 1]),
    /// `["str", text]` and `["num", number]`: literals.
    Str(&'static str, &'a str),
    Num(&'static str, f64),
    /// `["and", a, b]`, `["or", a, b]`.
    Logic(&'static str, Box<ExprRule<'a>>, Box<ExprRule<'a>>),
    /// `[op, left, right, numeric]` with op one of `= != < <= > >=`; `numeric`: compare as
    /// numbers (decided from the field types when the form was loaded), else as text.
    Compare(&'static str, Box<ExprRule<'a>>, Box<ExprRule<'a>>, bool),
    /// `["fn", name, [args]]`: `not`, `selected`, `count-selected`, `string-length`, `regex`,
    /// `today`, `true`, `false`.
    Call(&'static str, &'static str, Vec<ExprRule<'a>>),
}

impl<'a> ExprRule<'a> {
    pub(crate) fn of(expr: &'a Expr) -> ExprRule<'a> {
        let boxed = |e: &'a Expr| Box::new(ExprRule::of(e));
        match expr {
            Expr::Ref { name, .. } => ExprRule::Ref("ref", name),
            Expr::Current { .. } => ExprRule::Current(["cur"]),
            Expr::Str { value, .. } => ExprRule::Str("str", value),
            Expr::Num(n) => ExprRule::Num("num", *n),
            Expr::And(a, b) => ExprRule::Logic("and", boxed(a), boxed(b)),
            Expr::Or(a, b) => ExprRule::Logic("or", boxed(a), boxed(b)),
            Expr::Cmp {
                op,
                left,
                right,
                numeric,
            } => ExprRule::Compare(op.symbol(), boxed(left), boxed(right), *numeric),
            Expr::Call { func, args, .. } => {
                ExprRule::Call("fn", func.name(), args.iter().map(ExprRule::of).collect())
            }
        }
    }
}

/// The rules of a form.
pub(crate) fn rules(form: &Form) -> FormRules<'_> {
    FormRules {
        id: &form.id,
        version: form.version,
        title: &form.title,
        label: &form.label_fields,
        columns: form
            .all_fields()
            .into_iter()
            .filter(|(f, _)| f.holds_value())
            .map(|(f, _)| f.name.as_str())
            .collect(),
        fields: fields(&form.fields, form),
    }
}

fn fields<'a>(list: &'a [Field], form: &'a Form) -> Vec<FieldRule<'a>> {
    list.iter()
        .map(|f| FieldRule {
            name: &f.name,
            kind: f.type_name(),
            required: f.required,
            relevant: f.relevant.as_ref().map(ExprRule::of),
            constraint: f.constraint.as_ref().map(ExprRule::of),
            constraint_message: f.constraint_message.as_deref(),
            choices: f
                .list()
                .and_then(|l| form.lists.get(l))
                .map(|list| list.iter().map(|c| c.name.as_str()).collect()),
            old_names: &f.old_names,
            fields: match &f.kind {
                Kind::Group(children) => Some(fields(children, form)),
                Kind::Repeat(r) => Some(fields(&r.fields, form)),
                _ => None,
            },
            fixed_rows: match &f.kind {
                Kind::Repeat(r) if !r.row_labels.is_empty() => Some(r.row_labels.len()),
                _ => None,
            },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expressions_are_prefix_arrays() {
        let expr = super::super::expr::parse("selected(${b}, 'x') and . > 3").expect("parses");
        assert_eq!(
            serde_json::to_string(&ExprRule::of(&expr)).expect("json"),
            r#"["and",["fn","selected",[["ref","b"],["str","x"]]],[">",["cur"],["num",3.0],false]]"#
        );
    }
}
