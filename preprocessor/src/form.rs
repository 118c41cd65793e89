//! Form files (`forms/ID.toml`): the model and its validation.
//!
//! One file per form, with XLSForm semantics so that every form maps 1:1 onto an XLSForm (see
//! `forms/README.md` for the schema). Every problem is reported with file:line:col. The HTML
//! form, its print layout, the browser's rules and the XLSForm export all come from [`Form`].

use crate::diagnostic::{Diagnostic, Diagnostics, SourceFile, from_toml_error, suggestion};
use crate::expr::{self, Expr, Func};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::PathBuf;
use toml::Spanned;

/// Field types, as XLSForm names them.
pub const TYPES: &[&str] = &[
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

// ---- The file as written -------------------------------------------------------------------

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawForm {
    judul: Spanned<String>,
    #[serde(default)]
    kode: Option<String>,
    #[serde(default)]
    kepala: Option<String>,
    versi: Spanned<i64>,
    sesi: Spanned<Vec<Spanned<String>>>,
    #[serde(default)]
    keterangan: Option<String>,
    #[serde(default)]
    halaman: Option<Spanned<String>>,
    #[serde(default = "yes")]
    nomor: bool,
    #[serde(default)]
    pilihan: BTreeMap<String, Spanned<Vec<RawChoice>>>,
    #[serde(default)]
    isian: Vec<RawField>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChoice {
    nama: Spanned<String>,
    label: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawField {
    jenis: Spanned<String>,
    nama: Spanned<String>,
    #[serde(default)]
    label: Option<Spanned<String>>,
    #[serde(default)]
    petunjuk: Option<String>,
    #[serde(default)]
    wajib: Option<Spanned<bool>>,
    #[serde(default)]
    relevan: Option<Spanned<String>>,
    #[serde(default)]
    batasan: Option<Spanned<String>>,
    #[serde(default)]
    pesan_batasan: Option<Spanned<String>>,
    #[serde(default)]
    baris: Option<Spanned<i64>>,
    #[serde(default)]
    satuan: Option<String>,
    #[serde(default)]
    kotak: Option<Spanned<bool>>,
    #[serde(default)]
    nama_lama: Vec<String>,
    #[serde(default)]
    isian: Option<Spanned<Vec<RawField>>>,
    #[serde(default)]
    baris_kosong: Option<Spanned<i64>>,
    #[serde(default)]
    label_baris: Option<Spanned<Vec<String>>>,
    #[serde(default)]
    arah: Option<Spanned<String>>,
    #[serde(default)]
    nomor_baris: bool,
}

// ---- Loading and validation -----------------------------------------------------------------

/// A valid name: what XLSForm and our DOM ids accept.
pub fn is_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && name.len() <= 40
}

/// A field's declared place in the form, for reference checks.
struct Declared {
    kind: String,
    list: Option<String>,
    /// The repeat the field sits in.
    repeat: Option<String>,
    label: String,
}

struct Loader<'a> {
    file: &'a SourceFile,
    problems: Diagnostics,
    names: BTreeMap<String, Range<usize>>,
    lists: BTreeMap<String, Vec<Choice>>,
    used_lists: BTreeSet<String>,
    numbered: bool,
    counter: u32,
    /// Every field name of the file, to tell a later field from an unknown one.
    all_names: BTreeSet<String>,
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
    fn collect(fields: &[RawField], out: &mut BTreeSet<String>) {
        for f in fields {
            out.insert(f.nama.get_ref().clone());
            if let Some(children) = &f.isian {
                collect(children.get_ref(), out);
            }
        }
    }
    collect(&raw.isian, &mut loader.all_names);

    if raw.judul.get_ref().trim().is_empty() {
        loader.error(
            raw.judul.span(),
            "judul formulir kosong",
            "tulis judul, misalnya judul = \"Registrasi Klien\"",
        );
    }
    let version = match u32::try_from(*raw.versi.get_ref()) {
        Ok(v) if v >= 1 => v,
        _ => {
            loader.error(
                raw.versi.span(),
                format!("versi `{}` tidak sah", raw.versi.get_ref()),
                "versi adalah bilangan bulat mulai 1; naikkan setiap kali isian diubah",
            );
            1
        }
    };
    for (list, choices) in &raw.pilihan {
        let span = choices.span();
        if !is_name(list) {
            loader.error(
                span.clone(),
                format!("nama daftar pilihan `{list}` tidak sah"),
                "pakai huruf kecil, angka dan garis bawah, diawali huruf, misalnya ya_tidak",
            );
        }
        if choices.get_ref().is_empty() {
            loader.error(
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
                loader.error(
                    choice.nama.span(),
                    format!("nama pilihan `{name}` tidak sah"),
                    "pakai huruf kecil, angka, garis bawah atau tanda hubung, tanpa spasi",
                );
            }
            if !seen.insert(name.clone()) {
                loader.error(
                    choice.nama.span(),
                    format!("pilihan `{name}` muncul dua kali dalam daftar `{list}`"),
                    "setiap pilihan dalam satu daftar harus bernama unik",
                );
            }
            if choice.label.get_ref().trim().is_empty() {
                loader.error(
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
        loader.lists.insert(list.clone(), out);
    }
    if raw.isian.is_empty() {
        loader.problems.push(Diagnostic::file(
            &file.path,
            "formulir tidak mempunyai isian",
            "tambahkan sedikitnya satu [[isian]] dengan jenis, nama dan label",
        ));
    }
    let mut declared = BTreeMap::new();
    let fields = loader.fields(&raw.isian, None, &mut declared, &mut 0);
    for list in loader.lists.keys() {
        if !loader.used_lists.contains(list) {
            let span = raw.pilihan.get(list).map_or(0..1, Spanned::span);
            loader.problems.push(loader.file.error(
                span,
                format!("daftar pilihan `{list}` tidak dipakai isian mana pun"),
                "hapus daftar ini atau pakai dengan jenis = \"select_one LIST\"",
            ));
        }
    }
    let mut sessions = Vec::new();
    let mut session_spans = Vec::new();
    for code in raw.sesi.get_ref() {
        sessions.push(code.get_ref().clone());
        session_spans.push(code.span());
    }
    if sessions.is_empty() {
        loader.error(
            raw.sesi.span(),
            "formulir tidak menyebut sesi yang memakainya",
            "tulis misalnya sesi = [\"1-4\"]",
        );
    }
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

fn is_choice_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

impl Loader<'_> {
    fn error(&mut self, span: Range<usize>, message: impl Into<String>, help: impl Into<String>) {
        self.problems.push(self.file.error(span, message, help));
    }

    fn fields(
        &mut self,
        raw: &[RawField],
        repeat: Option<&str>,
        declared: &mut BTreeMap<String, Declared>,
        order: &mut usize,
    ) -> Vec<Field> {
        raw.iter()
            .filter_map(|f| self.field(f, repeat, declared, order))
            .collect()
    }

    fn field(
        &mut self,
        raw: &RawField,
        repeat: Option<&str>,
        declared: &mut BTreeMap<String, Declared>,
        order: &mut usize,
    ) -> Option<Field> {
        let name = raw.nama.get_ref().clone();
        let name_span = raw.nama.span();
        if !is_name(&name) {
            self.error(
                name_span.clone(),
                format!("nama isian `{name}` tidak sah"),
                "pakai huruf kecil, angka dan garis bawah, diawali huruf, paling banyak 40 tanda, misalnya nama_lengkap",
            );
        }
        if let Some(first) = self.names.get(&name) {
            let (line, _) = self.file.location(first.start);
            self.error(
                name_span.clone(),
                format!("nama isian `{name}` sudah dipakai di baris {line}"),
                "setiap isian dalam satu formulir harus bernama unik",
            );
        } else {
            self.names.insert(name.clone(), name_span.clone());
        }

        let type_text = raw.jenis.get_ref().trim();
        let mut words = type_text.split_whitespace();
        let base = words.next().unwrap_or("");
        let list = words.next();
        let type_span = raw.jenis.span();
        if !TYPES.contains(&base) {
            self.error(
                type_span.clone(),
                format!("jenis isian `{type_text}` tidak dikenal"),
                format!(
                    "jenis yang dikenal: {}; {}",
                    TYPES.join(", "),
                    suggestion(base, TYPES.iter().copied(), "jenis")
                ),
            );
            return None;
        }
        let is_select = base.starts_with("select_");
        if is_select && list.is_none() {
            self.error(
                type_span.clone(),
                format!("`{base}` memerlukan nama daftar pilihan"),
                format!("tulis jenis = \"{base} NAMA_DAFTAR\" dan buat [pilihan] NAMA_DAFTAR"),
            );
            return None;
        }
        if !is_select && list.is_some() || words.next().is_some() {
            self.error(
                type_span.clone(),
                format!("jenis `{type_text}` mempunyai kata berlebih"),
                "hanya select_one dan select_multiple diikuti nama daftar pilihan",
            );
        }
        if let Some(list) = list {
            self.used_lists.insert(list.to_string());
            if !self.lists.contains_key(list) {
                let known: Vec<String> = self.lists.keys().cloned().collect();
                let help = format!(
                    "tambahkan [pilihan] {list} = [...] atau perbaiki nama; {}",
                    suggestion(list, known.iter().map(String::as_str), "daftar pilihan")
                );
                self.error(
                    type_span.clone(),
                    format!("daftar pilihan `{list}` tidak ada"),
                    help,
                );
            }
        }

        let label = raw
            .label
            .as_ref()
            .map(|l| l.get_ref().trim().to_string())
            .unwrap_or_default();
        if label.is_empty() {
            self.error(
                raw.label.as_ref().map_or(name_span.clone(), Spanned::span),
                format!("isian `{name}` tidak mempunyai label"),
                "tulis label = \"…\": teks yang dibaca pengisi",
            );
        }
        let is_container = matches!(base, "group" | "repeat");
        let holds_value = !is_container && base != "note";
        let required = raw.wajib.as_ref().is_some_and(|w| *w.get_ref());
        if let Some(w) = &raw.wajib
            && *w.get_ref()
            && !holds_value
        {
            self.error(
                w.span(),
                format!("`wajib` tidak berlaku untuk isian berjenis {base}"),
                "hapus wajib; hanya isian yang diisi dapat diwajibkan",
            );
        }
        let children_raw = raw.isian.as_ref();
        if is_container && children_raw.is_none_or(|c| c.get_ref().is_empty()) {
            self.error(
                type_span.clone(),
                format!("{base} `{name}` tidak berisi isian"),
                format!("tambahkan isian di bawahnya dengan [[isian.isian]] (untuk {base} di tingkat atas)"),
            );
        }
        if !is_container && let Some(children) = children_raw {
            self.error(
                children.span(),
                format!("isian berjenis {base} tidak dapat berisi isian lain"),
                "hanya group dan repeat berisi isian",
            );
        }
        if base == "repeat" && repeat.is_some() {
            self.error(
                type_span.clone(),
                "repeat di dalam repeat tidak didukung",
                "pecah tabel menjadi dua repeat yang berurutan",
            );
        }
        for (key, present) in [
            ("baris_kosong", raw.baris_kosong.as_ref().map(Spanned::span)),
            ("label_baris", raw.label_baris.as_ref().map(Spanned::span)),
            ("arah", raw.arah.as_ref().map(Spanned::span)),
        ] {
            if let Some(span) = present
                && base != "repeat"
            {
                self.error(
                    span,
                    format!("`{key}` hanya berlaku untuk repeat"),
                    "hapus kunci ini atau ubah jenis menjadi repeat",
                );
            }
        }

        // Expressions may only look back: a field's own value is `.`, never `${self}`.
        let this = Declared {
            kind: base.to_string(),
            list: list.map(str::to_string),
            repeat: repeat.map(str::to_string),
            label: label.clone(),
        };
        let relevant = raw
            .relevan
            .as_ref()
            .and_then(|text| self.expression(text, &name, &this, declared, false));
        let constraint = raw
            .batasan
            .as_ref()
            .and_then(|text| self.expression(text, &name, &this, declared, true));
        if let Some(text) = &raw.batasan
            && !holds_value
        {
            self.error(
                text.span(),
                format!("`batasan` tidak berlaku untuk isian berjenis {base}"),
                "hapus batasan",
            );
        }
        match (&raw.batasan, &raw.pesan_batasan) {
            (Some(text), None) => self.error(
                text.span(),
                "batasan tanpa pesan_batasan",
                "tulis pesan_batasan = \"…\": kalimat yang dibaca pengisi bila isiannya tidak memenuhi batasan",
            ),
            (None, Some(message)) => self.error(
                message.span(),
                "pesan_batasan tanpa batasan",
                "tambahkan batasan = \"…\" atau hapus pesan_batasan",
            ),
            _ => {}
        }
        let lines = match &raw.baris {
            None => match base {
                "textarea" => 3,
                _ => 1,
            },
            Some(n) => match u32::try_from(*n.get_ref()) {
                Ok(v @ 1..=12) => v,
                _ => {
                    self.error(
                        n.span(),
                        format!("baris = {} tidak sah", n.get_ref()),
                        "jumlah garis cetak antara 1 dan 12",
                    );
                    1
                }
            },
        };
        let drawing_box = raw.kotak.as_ref().is_some_and(|k| *k.get_ref());
        if let Some(k) = &raw.kotak
            && *k.get_ref()
            && base != "textarea"
        {
            self.error(
                k.span(),
                "`kotak` hanya berlaku untuk textarea",
                "ubah jenis menjadi textarea atau hapus kotak",
            );
        }
        *order += 1;
        let number = if self.numbered && repeat.is_none() && base != "note" && base != "group" {
            self.counter += 1;
            Some(self.counter.to_string())
        } else {
            None
        };
        declared.insert(name.clone(), this);

        let kind = match base {
            "text" => Kind::Text,
            "textarea" => Kind::Textarea,
            "integer" => Kind::Integer,
            "decimal" => Kind::Decimal,
            "date" => Kind::Date,
            "select_one" => Kind::SelectOne(list.unwrap_or_default().to_string()),
            "select_multiple" => Kind::SelectMultiple(list.unwrap_or_default().to_string()),
            "note" => Kind::Note,
            "signature" => Kind::Signature,
            "group" => Kind::Group(self.fields(
                children_raw.map_or(&[][..], |c| c.get_ref()),
                repeat,
                declared,
                order,
            )),
            _ => {
                let fields = self.fields(
                    children_raw.map_or(&[][..], |c| c.get_ref()),
                    Some(&name),
                    declared,
                    order,
                );
                if let Some(nested) = fields.iter().find(|f| matches!(f.kind, Kind::Group(_))) {
                    let span = self.names.get(&nested.name).cloned().unwrap_or(0..1);
                    self.error(
                        span,
                        "group di dalam repeat tidak didukung",
                        "letakkan isian langsung di dalam repeat: setiap isian menjadi satu kolom tabel",
                    );
                }
                let row_labels = raw
                    .label_baris
                    .as_ref()
                    .map(|l| l.get_ref().clone())
                    .unwrap_or_default();
                let rows_as_columns = match &raw.arah {
                    None => false,
                    Some(a) if a.get_ref() == "baris" => false,
                    Some(a) if a.get_ref() == "kolom" => {
                        if row_labels.is_empty() {
                            self.error(
                                a.span(),
                                "arah = \"kolom\" memerlukan label_baris",
                                "tulis label_baris = [\"Minggu I\", …]: jumlah baris yang tetap",
                            );
                        }
                        true
                    }
                    Some(a) => {
                        self.error(
                            a.span(),
                            format!("arah `{}` tidak dikenal", a.get_ref()),
                            "tulis arah = \"baris\" (bawaan) atau arah = \"kolom\"",
                        );
                        false
                    }
                };
                let blank_rows = match &raw.baris_kosong {
                    None => 3,
                    Some(n) => match u32::try_from(*n.get_ref()) {
                        Ok(v @ 1..=30) => v,
                        _ => {
                            self.error(
                                n.span(),
                                format!("baris_kosong = {} tidak sah", n.get_ref()),
                                "jumlah baris kosong untuk cetak antara 1 dan 30",
                            );
                            3
                        }
                    },
                };
                Kind::Repeat(Repeat {
                    fields,
                    blank_rows,
                    row_labels,
                    rows_as_columns,
                    numbered: raw.nomor_baris,
                })
            }
        };
        Some(Field {
            name,
            label,
            hint: raw.petunjuk.clone(),
            kind,
            required,
            relevant,
            constraint,
            constraint_message: raw.pesan_batasan.as_ref().map(|m| m.get_ref().clone()),
            lines,
            drawing_box,
            unit: raw.satuan.clone(),
            old_names: raw.nama_lama.clone(),
            number,
        })
    }

    /// Parses an expression and checks every reference and literal against the fields
    /// declared so far.
    fn expression(
        &mut self,
        text: &Spanned<String>,
        owner: &str,
        this: &Declared,
        declared: &BTreeMap<String, Declared>,
        is_constraint: bool,
    ) -> Option<Expr> {
        // The expression starts after the opening quote of the TOML string.
        let base = text.span().start + 1;
        let at = |r: &Range<usize>| base + r.start..base + r.end.max(r.start + 1);
        let expr = match expr::parse(text.get_ref()) {
            Ok(e) => e,
            Err(err) => {
                self.error(
                    at(&err.span),
                    format!("ungkapan tidak sah: {}", err.message),
                    err.help,
                );
                return None;
            }
        };
        let mut ok = true;
        let key = if is_constraint { "batasan" } else { "relevan" };
        expr.walk(&mut |node| match node {
            Expr::Ref { name, span } => {
                if name == owner {
                    let help = if is_constraint {
                        "dalam batasan, nilai isian ini sendiri ditulis `.`".to_string()
                    } else {
                        "relevan isian tidak boleh bergantung pada nilainya sendiri (siklus); rujuk isian sebelumnya".to_string()
                    };
                    self.error(
                        at(span),
                        format!("`{key}` isian `{owner}` merujuk ke dirinya sendiri"),
                        help,
                    );
                    ok = false;
                    return;
                }
                match declared.get(name) {
                    None if self.all_names.contains(name) => {
                        self.error(
                            at(span),
                            format!("`{key}` isian `{owner}` merujuk ke `{name}`, yang muncul sesudahnya"),
                            "ungkapan hanya boleh merujuk isian sebelumnya (tanpa siklus); pindahkan isian itu ke atas",
                        );
                        ok = false;
                    }
                    None => {
                        let known: Vec<&str> = self.all_names.iter().map(String::as_str).collect();
                        let help = format!(
                            "rujuk isian yang muncul sebelumnya; {}",
                            suggestion(name, known.iter().copied(), "isian")
                        );
                        self.error(
                            at(span),
                            format!("isian `{name}` tidak ada dalam formulir ini"),
                            help,
                        );
                        ok = false;
                    }
                    Some(target) => {
                        if target.repeat.is_some() && target.repeat != this.repeat {
                            self.error(
                                at(span),
                                format!(
                                    "`{name}` ada di dalam tabel (repeat) `{}`; dari luar baris tabel itu nilainya tidak tunggal",
                                    target.repeat.as_deref().unwrap_or("")
                                ),
                                "rujuk isian tabel hanya dari isian lain di baris yang sama",
                            );
                            ok = false;
                        } else if matches!(target.kind.as_str(), "note" | "group" | "repeat") {
                            self.error(
                                at(span),
                                format!("`{name}` berjenis {} dan tidak mempunyai nilai", target.kind),
                                "rujuk isian yang diisi pengguna",
                            );
                            ok = false;
                        }
                    }
                }
            }
            Expr::Current { span } if !is_constraint => {
                self.error(
                    at(span),
                    "`.` hanya berlaku dalam batasan",
                    "dalam relevan, rujuk isian sebelumnya dengan ${nama}",
                );
                ok = false;
            }
            Expr::Call { func, args, span } => {
                let target = |a: &Expr| -> Option<(String, Option<String>, String)> {
                    match a {
                        Expr::Ref { name, .. } => declared
                            .get(name)
                            .map(|d| (d.kind.clone(), d.list.clone(), d.label.clone())),
                        Expr::Current { .. } => Some((
                            this.kind.clone(),
                            this.list.clone(),
                            this.label.clone(),
                        )),
                        _ => None,
                    }
                };
                match func {
                    Func::Selected => {
                        let Some((kind, list, _)) = args.first().and_then(target) else {
                            if !matches!(args.first(), Some(Expr::Ref { .. })) {
                                self.error(
                                    at(span),
                                    "argumen pertama selected() harus isian pilihan",
                                    "tulis selected(${nama_isian}, 'pilihan')",
                                );
                                ok = false;
                            }
                            return;
                        };
                        if !kind.starts_with("select_") {
                            self.error(
                                at(span),
                                format!("selected() memerlukan isian pilihan, bukan {kind}"),
                                "pakai selected() hanya untuk select_one atau select_multiple; untuk isian lain pakai =",
                            );
                            ok = false;
                        } else if let (Some(list), Some(Expr::Str { value, span })) = (list, args.get(1)) {
                            ok &= self.check_choice(&list, value, at(span));
                        } else if !matches!(args.get(1), Some(Expr::Str { .. })) {
                            self.error(
                                at(span),
                                "argumen kedua selected() harus nama pilihan dalam tanda kutip",
                                "tulis selected(${nama_isian}, 'pilihan')",
                            );
                            ok = false;
                        }
                    }
                    Func::CountSelected => {
                        if let Some((kind, _, _)) = args.first().and_then(target)
                            && kind != "select_multiple"
                        {
                            self.error(
                                at(span),
                                format!("count-selected() memerlukan isian select_multiple, bukan {kind}"),
                                "hitung pilihan hanya pada isian select_multiple",
                            );
                            ok = false;
                        }
                    }
                    Func::Regex if !matches!(args.get(1), Some(Expr::Str { .. })) => {
                        self.error(
                            at(span),
                            "argumen kedua regex() harus pola dalam tanda kutip",
                            "tulis misalnya regex(., '^[0-9]{16}$')",
                        );
                        ok = false;
                    }
                    _ => {}
                }
            }
            Expr::Cmp { left, right, .. } => {
                // `${x} = 'v'` on a choice field: 'v' must be one of its choices.
                for (a, b) in [(left, right), (right, left)] {
                    let list = match a.as_ref() {
                        Expr::Ref { name, .. } => {
                            declared.get(name).filter(|d| d.kind == "select_one").and_then(|d| d.list.clone())
                        }
                        Expr::Current { .. } if this.kind == "select_one" => this.list.clone(),
                        _ => None,
                    };
                    if let (Some(list), Expr::Str { value, span }) = (list, b.as_ref()) {
                        ok &= self.check_choice(&list, value, at(span));
                    }
                }
            }
            _ => {}
        });
        ok.then_some(expr)
    }

    fn check_choice(&mut self, list: &str, value: &str, span: Range<usize>) -> bool {
        let Some(choices) = self.lists.get(list) else {
            return true; // reported where the list is named
        };
        // '' is "nothing chosen yet", always a valid comparison.
        if value.is_empty() || choices.iter().any(|c| c.name == value) {
            return true;
        }
        let names: Vec<&str> = choices.iter().map(|c| c.name.as_str()).collect();
        let help = format!(
            "tulis nama pilihan, bukan labelnya; {}",
            suggestion(value, names.iter().copied(), "pilihan")
        );
        self.problems.push(self.file.error(
            span,
            format!("`{value}` bukan pilihan dalam daftar `{list}`"),
            help,
        ));
        false
    }
}

/// Decides, once, whether each comparison is numeric: the browser and print just follow.
fn resolve_comparisons(form: &mut Form, declared: &BTreeMap<String, Declared>) {
    fn numeric_side(e: &Expr, declared: &BTreeMap<String, Declared>, this: &str) -> bool {
        match e {
            Expr::Num(_) => true,
            Expr::Ref { name, .. } => declared
                .get(name)
                .is_some_and(|d| matches!(d.kind.as_str(), "integer" | "decimal")),
            Expr::Current { .. } => matches!(this, "integer" | "decimal"),
            Expr::Call { func, .. } => {
                matches!(func, Func::CountSelected | Func::StringLength)
            }
            _ => false,
        }
    }
    fn fix(fields: &mut [Field], declared: &BTreeMap<String, Declared>) {
        for field in fields {
            let kind = field.type_name();
            for expr in [&mut field.relevant, &mut field.constraint]
                .into_iter()
                .flatten()
            {
                expr.walk_mut(&mut |node| {
                    if let Expr::Cmp {
                        left,
                        right,
                        numeric,
                        ..
                    } = node
                    {
                        *numeric = numeric_side(left, declared, kind)
                            || numeric_side(right, declared, kind);
                    }
                });
            }
            match &mut field.kind {
                Kind::Group(children) => fix(children, declared),
                Kind::Repeat(r) => fix(&mut r.fields, declared),
                _ => {}
            }
        }
    }
    fix(&mut form.fields, declared);
}

/// Loads every form of a catalog; a file with broken TOML was already reported by the catalog.
pub fn load_all(catalog: &crate::catalog::Catalog) -> (BTreeMap<String, Form>, Diagnostics) {
    let mut forms = BTreeMap::new();
    let mut problems = Diagnostics::default();
    for entry in catalog.entries.values() {
        if entry.broken {
            continue;
        }
        let file = match SourceFile::read(&entry.path) {
            Ok(f) => f,
            Err(d) => {
                problems.push(d);
                continue;
            }
        };
        match load(&entry.id, &file) {
            Ok(form) => {
                forms.insert(entry.id.clone(), form);
            }
            Err(d) => problems.extend(d),
        }
    }
    (forms, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_text(text: &str) -> Result<Form, String> {
        let file = SourceFile::new("forms/uji.toml", text);
        load("uji", &file).map_err(|d| d.to_string())
    }

    const GOOD: &str = r#"
judul = "Uji"
versi = 2
sesi = ["1-3"]

[pilihan]
ya_tidak = [{ nama = "ya", label = "Ya" }, { nama = "tidak", label = "Tidak" }]

[[isian]]
jenis = "select_one ya_tidak"
nama = "dirujuk"
label = "Pernah dirujuk?"

[[isian]]
jenis = "text"
nama = "asal"
label = "Asal rujukan"
relevan = "${dirujuk} = 'ya'"

[[isian]]
jenis = "integer"
nama = "umur"
label = "Umur"
batasan = ". >= 0 and . <= 120"
pesan_batasan = "Umur antara 0 dan 120."

[[isian]]
jenis = "repeat"
nama = "anggota"
label = "Anggota keluarga"

[[isian.isian]]
jenis = "text"
nama = "nama_anggota"
label = "Nama"

[[isian.isian]]
jenis = "integer"
nama = "umur_anggota"
label = "Umur"
relevan = "string-length(${nama_anggota}) > 0"
"#;

    #[test]
    fn a_good_form_loads_with_numbers_and_numeric_comparisons() {
        let form = load_text(GOOD).expect("loads");
        assert_eq!(form.version, 2);
        let names: Vec<&str> = form
            .all_fields()
            .iter()
            .map(|(f, _)| f.name.as_str())
            .collect();
        assert_eq!(
            names,
            [
                "dirujuk",
                "asal",
                "umur",
                "anggota",
                "nama_anggota",
                "umur_anggota"
            ]
        );
        assert_eq!(form.fields[1].number.as_deref(), Some("2"));
        let umur = form.field("umur").expect("umur");
        assert_eq!(
            umur.constraint.as_ref().map(|e| e.to_json().to_string()),
            Some(
                r#"["and",[">=",["cur"],["num",0.0],true],["<=",["cur"],["num",120.0],true]]"#
                    .into()
            )
        );
        let asal = form.field("asal").expect("asal");
        assert!(
            asal.relevant
                .as_ref()
                .is_some_and(|e| e.to_json()[3] == false)
        );
    }

    #[test]
    fn bad_forms_are_reported_with_place() {
        let cases: &[(&str, &str, &str)] = &[
            (
                "nama = \"asal\"",
                "nama = \"dirujuk\"",
                "uji.toml:16:8: nama isian `dirujuk` sudah dipakai di baris 11",
            ),
            (
                "relevan = \"${dirujuk} = 'ya'\"",
                "relevan = \"${dirujuk} = 'iya'\"",
                "uji.toml:18:25: `iya` bukan pilihan dalam daftar `ya_tidak`",
            ),
            (
                "relevan = \"${dirujuk} = 'ya'\"",
                "relevan = \"${umur} > 3\"",
                "uji.toml:18:12: `relevan` isian `asal` merujuk ke `umur`, yang muncul sesudahnya",
            ),
            (
                "relevan = \"${dirujuk} = 'ya'\"",
                "relevan = \"${asal} = 'ya'\"",
                "`relevan` isian `asal` merujuk ke dirinya sendiri",
            ),
            (
                "jenis = \"select_one ya_tidak\"",
                "jenis = \"select_one ya_tdak\"",
                "uji.toml:10:9: daftar pilihan `ya_tdak` tidak ada",
            ),
            (
                "jenis = \"integer\"",
                "jenis = \"integr\"",
                "maksud Anda `integer`?",
            ),
            (
                "pesan_batasan = \"Umur antara 0 dan 120.\"\n",
                "",
                "batasan tanpa pesan_batasan",
            ),
            (
                "versi = 2",
                "versi = 0",
                "uji.toml:3:9: versi `0` tidak sah",
            ),
            (
                "relevan = \"string-length(${nama_anggota}) > 0\"",
                "relevan = \"string-length(${nama_anggota) > 0\"",
                "ungkapan tidak sah",
            ),
            (
                "label = \"Asal rujukan\"",
                "label = \"Asal rujukan\"\nwarna = \"merah\"",
                "kolom `warna` tidak dikenal",
            ),
        ];
        for (find, replace, expected) in cases {
            assert!(GOOD.contains(find), "{find}");
            let text = GOOD.replacen(find, replace, 1);
            let err = load_text(&text).expect_err(expected);
            assert!(err.contains(expected), "expected `{expected}` in:\n{err}");
        }
    }
}
