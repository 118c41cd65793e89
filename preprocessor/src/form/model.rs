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
pub(crate) struct Choice {
    pub(crate) name: String,
    pub(crate) label: String,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Kind {
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
pub(crate) struct Repeat {
    pub(crate) fields: Vec<Field>,
    /// Rows printed on a blank form (and kept blank below the filled rows on paper).
    pub(crate) blank_rows: u32,
    /// Fixed rows with their labels (e.g. "Minggu I" … "Minggu IV"): no rows added or removed.
    pub(crate) row_labels: Vec<String>,
    /// The rows are printed as columns (the source's layout of Formulir 2).
    pub(crate) rows_as_columns: bool,
    /// A "No." column with the row number.
    pub(crate) numbered: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Field {
    pub(crate) name: String,
    pub(crate) label: String,
    pub(crate) hint: Option<String>,
    pub(crate) kind: Kind,
    pub(crate) required: bool,
    pub(crate) relevant: Option<Expr>,
    pub(crate) constraint: Option<Expr>,
    pub(crate) constraint_message: Option<String>,
    /// Ruled lines on paper (or the height of the box, in lines).
    pub(crate) lines: u32,
    /// Printed as an empty box to draw in (a genogram) instead of ruled lines.
    pub(crate) drawing_box: bool,
    /// Shown after the input, e.g. "Minggu/Bulan".
    pub(crate) unit: Option<String>,
    /// Earlier names of this field: an old draft's value moves over instead of becoming "data lama".
    pub(crate) old_names: Vec<String>,
    /// The visible number ("5") when the form numbers its fields.
    pub(crate) number: Option<String>,
}

impl Field {
    /// Fields that hold a value (not notes, groups or repeats themselves).
    pub(crate) fn holds_value(&self) -> bool {
        !matches!(self.kind, Kind::Note | Kind::Group(_) | Kind::Repeat(_))
    }

    pub(crate) fn type_name(&self) -> &'static str {
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

    pub(crate) fn list(&self) -> Option<&str> {
        match &self.kind {
            Kind::SelectOne(l) | Kind::SelectMultiple(l) => Some(l),
            _ => None,
        }
    }

    pub(crate) fn children(&self) -> &[Field] {
        match &self.kind {
            Kind::Group(f) => f,
            Kind::Repeat(r) => &r.fields,
            _ => &[],
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    pub(crate) id: String,
    pub(crate) path: PathBuf,
    pub(crate) title: String,
    /// "Formulir 2" for the modul's own forms.
    pub(crate) code: Option<String>,
    /// The line above the title on paper ("Lampiran: Asesmen dan Rencana Pelayanan").
    pub(crate) header: Option<String>,
    pub(crate) version: u32,
    pub(crate) sessions: Vec<String>,
    /// Where each session code was written, for errors found once sessions are known.
    pub(crate) session_spans: Vec<Range<usize>>,
    pub(crate) intro: Option<String>,
    /// The form's own page (relative to the book's `src/`) and where it was written.
    pub(crate) page: Option<(PathBuf, Range<usize>)>,
    pub(crate) numbered: bool,
    /// The top-level fields whose values label a record (first: the client's name, which also
    /// gathers the client's records on the Berkas Klien page).
    pub(crate) label_fields: Vec<String>,
    /// The service stage (an id of `stage::STAGES`) and whether a client needs this form once
    /// in that stage.
    pub(crate) stage: Option<(&'static str, bool)>,
    pub(crate) lists: BTreeMap<String, Vec<Choice>>,
    pub(crate) fields: Vec<Field>,
}

impl Form {
    /// Every field in document order, with the repeat it sits in (if any).
    pub(crate) fn all_fields(&self) -> Vec<(&Field, Option<&Field>)> {
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

    pub(crate) fn field(&self, name: &str) -> Option<&Field> {
        self.all_fields()
            .into_iter()
            .map(|(f, _)| f)
            .find(|f| f.name == name)
    }

    pub(crate) fn choice_label(&self, list: &str, name: &str) -> Option<&str> {
        self.lists
            .get(list)?
            .iter()
            .find(|c| c.name == name)
            .map(|c| c.label.as_str())
    }
}
