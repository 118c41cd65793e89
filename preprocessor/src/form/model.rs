//! The form model: what one validated form file is, with XLSForm semantics so that every form
//! maps 1:1 onto an XLSForm. It renders nothing; the HTML form, its print layout, the browser's
//! rules and the XLSForm export all derive from [`Form`].

use super::expr::Expr;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::PathBuf;

/// Field types, as XLSForm names them.
pub(crate) const TYPES: &[&str] = &[
    "text",
    "textarea",
    "integer",
    "decimal",
    "date",
    "select_one",
    "select_multiple",
    "note",
    "signature",
    "group",
    "repeat",
];

#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub name: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    Text,
    Textarea,
    Integer,
    Decimal,
    Date,
    SelectOne(String),
    SelectMultiple(String),
    Note,
    Signature,
    Group(Vec<Field>),
    Repeat(Repeat),
}

/// Table rows: either a fixed set of labelled rows, or rows the user adds.
#[derive(Debug, Clone, PartialEq)]
pub struct Repeat {
    pub fields: Vec<Field>,
    /// Rows printed on a blank form (and kept blank below the filled rows on paper).
    pub blank_rows: u32,
    /// Fixed rows with their labels (e.g. "Minggu I" … "Minggu IV"): no rows added or removed.
    pub row_labels: Vec<String>,
    /// The rows are printed as columns (the source's layout of Formulir 2).
    pub rows_as_columns: bool,
    /// A "No." column with the row number.
    pub numbered: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: String,
    pub label: String,
    pub hint: Option<String>,
    pub kind: Kind,
    pub required: bool,
    pub relevant: Option<Expr>,
    pub constraint: Option<Expr>,
    pub constraint_message: Option<String>,
    /// Ruled lines on paper (or the height of the box, in lines).
    pub lines: u32,
    /// Printed as an empty box to draw in (a genogram) instead of ruled lines.
    pub drawing_box: bool,
    /// Shown after the input, e.g. "Minggu/Bulan".
    pub unit: Option<String>,
    /// Earlier names of this field: an old draft's value moves over instead of becoming "data lama".
    pub old_names: Vec<String>,
    /// The visible number ("5") when the form numbers its fields.
    pub number: Option<String>,
}

impl Field {
    /// Fields that hold a value (not notes, groups or repeats themselves).
    pub fn holds_value(&self) -> bool {
        !matches!(self.kind, Kind::Note | Kind::Group(_) | Kind::Repeat(_))
    }

    pub fn type_name(&self) -> &'static str {
        match &self.kind {
            Kind::Text => "text",
            Kind::Textarea => "textarea",
            Kind::Integer => "integer",
            Kind::Decimal => "decimal",
            Kind::Date => "date",
            Kind::SelectOne(_) => "select_one",
            Kind::SelectMultiple(_) => "select_multiple",
            Kind::Note => "note",
            Kind::Signature => "signature",
            Kind::Group(_) => "group",
            Kind::Repeat(_) => "repeat",
        }
    }

    pub fn list(&self) -> Option<&str> {
        match &self.kind {
            Kind::SelectOne(l) | Kind::SelectMultiple(l) => Some(l),
            _ => None,
        }
    }

    pub fn children(&self) -> &[Field] {
        match &self.kind {
            Kind::Group(f) => f,
            Kind::Repeat(r) => &r.fields,
            _ => &[],
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    pub id: String,
    pub path: PathBuf,
    pub title: String,
    /// "Formulir 2" for the modul's own forms.
    pub code: Option<String>,
    /// The line above the title on paper ("Lampiran: Asesmen dan Rencana Pelayanan").
    pub header: Option<String>,
    pub version: u32,
    pub sessions: Vec<String>,
    /// Where each session code was written, for errors found once sessions are known.
    pub session_spans: Vec<Range<usize>>,
    pub intro: Option<String>,
    /// The form's own page (relative to the book's `src/`) and where it was written.
    pub page: Option<(PathBuf, Range<usize>)>,
    pub numbered: bool,
    pub lists: BTreeMap<String, Vec<Choice>>,
    pub fields: Vec<Field>,
}

impl Form {
    /// Every field in document order, with the repeat it sits in (if any).
    pub fn all_fields(&self) -> Vec<(&Field, Option<&Field>)> {
        fn visit<'a>(
            fields: &'a [Field],
            repeat: Option<&'a Field>,
            out: &mut Vec<(&'a Field, Option<&'a Field>)>,
        ) {
            for f in fields {
                out.push((f, repeat));
                match &f.kind {
                    Kind::Group(children) => visit(children, repeat, out),
                    Kind::Repeat(r) => visit(&r.fields, Some(f), out),
                    _ => {}
                }
            }
        }
        let mut out = Vec::new();
        visit(&self.fields, None, &mut out);
        out
    }

    pub fn field(&self, name: &str) -> Option<&Field> {
        self.all_fields()
            .into_iter()
            .map(|(f, _)| f)
            .find(|f| f.name == name)
    }

    pub fn choice_label(&self, list: &str, name: &str) -> Option<&str> {
        self.lists
            .get(list)?
            .iter()
            .find(|c| c.name == name)
            .map(|c| c.label.as_str())
    }
}
