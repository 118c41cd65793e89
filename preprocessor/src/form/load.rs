//! Loading and validation of form files (`forms/ID.toml`): every problem with file:line:col.
//! Expressions are checked against the fields declared before them in [`super::check`].

use super::check::resolve_comparisons;
use super::model::{Choice, Field, Form, Kind, Repeat, TYPES};
use super::raw::{RawField, RawForm};
use crate::content::catalog::Catalog;
use crate::diagnostic::{Diagnostic, Diagnostics, SourceFile, from_toml_error, suggestion};
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::PathBuf;
use toml::Spanned;

/// A valid name: what XLSForm and our DOM ids accept.
pub fn is_name(name: &str) -> bool {
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
    pub(super) label: String,
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
    pub(super) fn error(
        &mut self,
        span: Range<usize>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.problems.push(self.file.error(span, message, help));
    }

    pub(super) fn fields(
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

    pub(super) fn field(
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
}

/// Loads every form of a catalog; a file with broken TOML was already reported by the catalog.
pub fn load_all(catalog: &Catalog) -> (BTreeMap<String, Form>, Diagnostics) {
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
