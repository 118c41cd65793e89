//! Loading and validation of form files (`forms/ID.toml`): every problem with file:line:col.
//! Expressions are checked against the fields declared before them in [`super::check`].

use super::check::resolve_comparisons;
use super::model::{Choice, Form};
use super::raw::{RawChoice, RawField, RawForm};
use crate::content::catalog::Catalog;
use crate::diagnostic::{Diagnostic, Diagnostics, SourceFile, from_toml_error};
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::PathBuf;
use toml::Spanned;

/// A valid name: what XLSForm and our DOM ids accept.
pub(crate) fn is_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && name.len() <= 40
}

/// A field's declared place in the form, for reference checks.
pub(super) struct Declared {
    pub(super) kind: String,
    pub(super) list: Option<String>,
    /// The repeat the field sits in.
    pub(super) repeat: Option<String>,
}

pub(super) struct Loader<'a> {
    pub(super) file: &'a SourceFile,
    pub(super) problems: Diagnostics,
    pub(super) names: BTreeMap<String, Range<usize>>,
    pub(super) lists: BTreeMap<String, Vec<Choice>>,
    pub(super) used_lists: BTreeSet<String>,
    pub(super) numbered: bool,
    pub(super) counter: u32,
    /// Every field name of the file, to tell a later field from an unknown one.
    pub(super) all_names: BTreeSet<String>,
}

/// Parses and validates one form file.
pub fn load(id: &str, file: &SourceFile) -> Result<Form, Diagnostics> {
    let raw: RawForm = toml::from_str(&file.text).map_err(|err| {
        Diagnostics(vec![from_toml_error(
            file,
            0,
            &err,
            "lihat skema formulir di forms/README.md",
        )])
    })?;
    let mut loader = Loader {
        file,
        problems: Diagnostics::default(),
        names: BTreeMap::new(),
        lists: BTreeMap::new(),
        used_lists: BTreeSet::new(),
        numbered: raw.nomor,
        counter: 0,
        all_names: BTreeSet::new(),
    };
    all_names(&raw.isian, &mut loader.all_names);

    if raw.judul.get_ref().trim().is_empty() {
        loader.error(
            raw.judul.span(),
            "judul formulir kosong",
            "tulis judul, misalnya judul = \"Registrasi Klien\"",
        );
    }
    let version = loader.version(&raw.versi);
    for (list, choices) in &raw.pilihan {
        let checked = loader.choice_list(list, choices);
        loader.lists.insert(list.clone(), checked);
    }
    if raw.isian.is_empty() {
        loader.problems.push(Diagnostic::file(
            &file.path,
            "formulir tidak mempunyai isian",
            "tambahkan sedikitnya satu [[isian]] dengan jenis, nama dan label",
        ));
    }
    let mut declared = BTreeMap::new();
    let fields = loader.fields(&raw.isian, None, &mut declared);
    loader.unused_lists(&raw);
    let (sessions, session_spans) = loader.sessions(&raw.sesi);
    loader.problems.clone().into_result()?;
    let mut form = Form {
        id: id.to_string(),
        path: file.path.clone(),
        title: raw.judul.into_inner(),
        code: raw.kode,
        header: raw.kepala,
        version,
        sessions,
        session_spans,
        intro: raw.keterangan,
        page: raw.halaman.map(|h| (PathBuf::from(h.get_ref()), h.span())),
        numbered: raw.nomor,
        lists: loader.lists,
        fields,
    };
    resolve_comparisons(&mut form, &declared);
    Ok(form)
}

/// Every field name of the file, at any depth.
fn all_names(fields: &[RawField], out: &mut BTreeSet<String>) {
    for f in fields {
        out.insert(f.nama.get_ref().clone());
        if let Some(children) = &f.isian {
            all_names(children.get_ref(), out);
        }
    }
}

fn is_choice_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

impl Loader<'_> {
    /// One `[pilihan]` list: a valid name, at least one choice, unique valid choice names,
    /// every choice labelled.
    fn choice_list(&mut self, list: &str, choices: &Spanned<Vec<RawChoice>>) -> Vec<Choice> {
        let span = choices.span();
        if !is_name(list) {
            self.error(
                span.clone(),
                format!("nama daftar pilihan `{list}` tidak sah"),
                "pakai huruf kecil, angka dan garis bawah, diawali huruf, misalnya ya_tidak",
            );
        }
        if choices.get_ref().is_empty() {
            self.error(
                span,
                format!("daftar pilihan `{list}` kosong"),
                "tambahkan sedikitnya satu pilihan { nama = \"…\", label = \"…\" }",
            );
        }
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        for choice in choices.get_ref() {
            let name = choice.nama.get_ref();
            if !is_choice_name(name) {
                self.error(
                    choice.nama.span(),
                    format!("nama pilihan `{name}` tidak sah"),
                    "pakai huruf kecil, angka, garis bawah atau tanda hubung, tanpa spasi",
                );
            }
            if !seen.insert(name.clone()) {
                self.error(
                    choice.nama.span(),
                    format!("pilihan `{name}` muncul dua kali dalam daftar `{list}`"),
                    "setiap pilihan dalam satu daftar harus bernama unik",
                );
            }
            if choice.label.get_ref().trim().is_empty() {
                self.error(
                    choice.label.span(),
                    format!("label pilihan `{name}` kosong"),
                    "tulis label yang dibaca pengisi",
                );
            }
            out.push(Choice {
                name: name.clone(),
                label: choice.label.get_ref().clone(),
            });
        }
        out
    }

    /// `versi`: a whole number from 1.
    fn version(&mut self, versi: &Spanned<i64>) -> u32 {
        match u32::try_from(*versi.get_ref()) {
            Ok(v) if v >= 1 => v,
            _ => {
                self.error(
                    versi.span(),
                    format!("versi `{}` tidak sah", versi.get_ref()),
                    "versi adalah bilangan bulat mulai 1; naikkan setiap kali isian diubah",
                );
                1
            }
        }
    }

    /// Every `[pilihan]` list is used by some field.
    fn unused_lists(&mut self, raw: &RawForm) {
        let unused: Vec<String> = self
            .lists
            .keys()
            .filter(|list| !self.used_lists.contains(*list))
            .cloned()
            .collect();
        for list in unused {
            let span = raw.pilihan.get(&list).map_or(0..1, Spanned::span);
            self.error(
                span,
                format!("daftar pilihan `{list}` tidak dipakai isian mana pun"),
                "hapus daftar ini atau pakai dengan jenis = \"select_one LIST\"",
            );
        }
    }

    /// `sesi`: the session codes (checked against the book later), with where each is written.
    fn sessions(
        &mut self,
        sesi: &Spanned<Vec<Spanned<String>>>,
    ) -> (Vec<String>, Vec<Range<usize>>) {
        let sessions: Vec<String> = sesi.get_ref().iter().map(|c| c.get_ref().clone()).collect();
        let spans = sesi.get_ref().iter().map(Spanned::span).collect();
        // `sesi = []`: a form of the training itself (attendance, evaluation, RTL), used by
        // no session; the key stays required so that forgetting it is still an error.
        (sessions, spans)
    }

    pub(super) fn error(
        &mut self,
        span: Range<usize>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.problems.push(self.file.error(span, message, help));
    }
}

/// Loads every form of a catalog; a file with broken TOML was already reported by the catalog.
pub(crate) fn load_all(catalog: &Catalog) -> (BTreeMap<String, Form>, Diagnostics) {
    catalog.parse_each(load)
}
