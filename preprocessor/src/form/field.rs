//! One `[[isian]]` of a form file, validated: its name, type, label, flags, expressions, print
//! layout and, for groups and tables, its children. Problems are reported in the order of these
//! steps, so a file's messages read top to bottom.

use super::load::{Declared, Loader, is_name};
use super::model::{Field, Kind, Repeat, TYPES};
use super::raw::RawField;
use crate::diagnostic::suggestion;
use std::collections::BTreeMap;
use std::ops::Range;
use toml::Spanned;

/// Names a field cannot take: the DOM ids (`PREFIX-NAME`) of the form's own heading (`judul`),
/// "Data lama" box (`lama`) and import button (`impor`), and the names that are never data keys
/// in the browser (`constructor`, `prototype`).
const RESERVED: &[&str] = &["judul", "lama", "impor", "constructor", "prototype"];

/// A field's type as written: `select_one ya_tidak` is base `select_one`, list `ya_tidak`.
struct Type<'r> {
    base: &'r str,
    list: Option<&'r str>,
}

impl Type<'_> {
    fn is_container(&self) -> bool {
        matches!(self.base, "group" | "repeat")
    }

    /// Fields that hold a value (not notes, groups or repeats).
    fn holds_value(&self) -> bool {
        !self.is_container() && self.base != "note"
    }
}

impl Loader<'_> {
    pub(super) fn fields(
        &mut self,
        raw: &[RawField],
        repeat: Option<&str>,
        declared: &mut BTreeMap<String, Declared>,
    ) -> Vec<Field> {
        raw.iter()
            .filter_map(|f| self.field(f, repeat, declared))
            .collect()
    }

    /// One field; `None` when its type is unusable (the rest of it is not checked then).
    fn field(
        &mut self,
        raw: &RawField,
        repeat: Option<&str>,
        declared: &mut BTreeMap<String, Declared>,
    ) -> Option<Field> {
        let name = self.field_name(raw);
        let ty = self.field_type(raw)?;
        let label = self.label(raw, &name);
        let required = self.structure(raw, &ty, &name, repeat);
        // Expressions may only look back: a field's own value is `.`, never `${self}`.
        let this = Declared {
            kind: ty.base.to_string(),
            list: ty.list.map(str::to_string),
            repeat: repeat.map(str::to_string),
        };
        let relevant = raw
            .relevan
            .as_ref()
            .and_then(|text| self.expression(text, &name, &this, declared, false));
        let constraint = raw
            .batasan
            .as_ref()
            .and_then(|text| self.expression(text, &name, &this, declared, true));
        self.constraint_message(raw, &ty);
        let (lines, drawing_box) = self.print_layout(raw, &ty);
        let number = if self.numbered && repeat.is_none() && !matches!(ty.base, "note" | "group") {
            self.counter += 1;
            Some(self.counter.to_string())
        } else {
            None
        };
        declared.insert(name.clone(), this);
        let kind = self.kind(raw, &ty, &name, repeat, declared);
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

    /// The field's name: a valid name, unique in the form.
    fn field_name(&mut self, raw: &RawField) -> String {
        let name = raw.nama.get_ref().clone();
        let name_span = raw.nama.span();
        if !is_name(&name) {
            self.error(
                name_span.clone(),
                format!("nama isian `{name}` tidak sah"),
                "pakai huruf kecil, angka dan garis bawah, diawali huruf, paling banyak 40 tanda, misalnya nama_lengkap",
            );
        }
        if RESERVED.contains(&name.as_str()) {
            self.error(
                name_span.clone(),
                format!("nama isian `{name}` tidak boleh dipakai"),
                format!(
                    "ganti nama isian, misalnya `{name}_klien`; nama yang tidak boleh dipakai: {}",
                    RESERVED.join(", ")
                ),
            );
        }
        if let Some(first) = self.names.get(&name) {
            let (line, _) = self.file.location(first.start);
            self.error(
                name_span,
                format!("nama isian `{name}` sudah dipakai di baris {line}"),
                "setiap isian dalam satu formulir harus bernama unik",
            );
        } else {
            self.names.insert(name.clone(), name_span);
        }
        name
    }

    /// `jenis`: a known type, with a choice list exactly for the two select types.
    fn field_type<'r>(&mut self, raw: &'r RawField) -> Option<Type<'r>> {
        let type_text = raw.jenis.get_ref().trim();
        let mut words = type_text.split_whitespace();
        let base = words.next().unwrap_or("");
        let list = words.next();
        let type_span = raw.jenis.span();
        if !TYPES.contains(&base) {
            self.error(
                type_span,
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
                type_span,
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
                    type_span,
                    format!("daftar pilihan `{list}` tidak ada"),
                    help,
                );
            }
        }
        Some(Type { base, list })
    }

    /// The label, which every field has.
    fn label(&mut self, raw: &RawField, name: &str) -> String {
        let label = raw
            .label
            .as_ref()
            .map(|l| l.get_ref().trim().to_string())
            .unwrap_or_default();
        if label.is_empty() {
            self.error(
                raw.label.as_ref().map_or(raw.nama.span(), Spanned::span),
                format!("isian `{name}` tidak mempunyai label"),
                "tulis label = \"…\": teks yang dibaca pengisi",
            );
        }
        label
    }

    /// Keys that only some types allow: `wajib` for fields that hold a value, children for
    /// groups and tables, table keys for tables; no table inside a table. Returns `wajib`.
    fn structure(&mut self, raw: &RawField, ty: &Type, name: &str, repeat: Option<&str>) -> bool {
        let base = ty.base;
        let type_span = raw.jenis.span();
        let required = raw.wajib.as_ref().is_some_and(|w| *w.get_ref());
        if let Some(w) = &raw.wajib
            && *w.get_ref()
            && !ty.holds_value()
        {
            self.error(
                w.span(),
                format!("`wajib` tidak berlaku untuk isian berjenis {base}"),
                "hapus wajib; hanya isian yang diisi dapat diwajibkan",
            );
        }
        let children = raw.isian.as_ref();
        if ty.is_container() && children.is_none_or(|c| c.get_ref().is_empty()) {
            self.error(
                type_span.clone(),
                format!("{base} `{name}` tidak berisi isian"),
                format!("tambahkan isian di bawahnya dengan [[isian.isian]] (untuk {base} di tingkat atas)"),
            );
        }
        if !ty.is_container()
            && let Some(children) = children
        {
            self.error(
                children.span(),
                format!("isian berjenis {base} tidak dapat berisi isian lain"),
                "hanya group dan repeat berisi isian",
            );
        }
        if base == "repeat" && repeat.is_some() {
            self.error(
                type_span,
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
        required
    }

    /// `batasan` only where there is a value, and always with its `pesan_batasan`.
    fn constraint_message(&mut self, raw: &RawField, ty: &Type) {
        if let Some(text) = &raw.batasan
            && !ty.holds_value()
        {
            self.error(
                text.span(),
                format!("`batasan` tidak berlaku untuk isian berjenis {}", ty.base),
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
    }

    /// Ruled lines on paper, and the drawing box of a textarea.
    fn print_layout(&mut self, raw: &RawField, ty: &Type) -> (u32, bool) {
        let lines = match &raw.baris {
            None => match ty.base {
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
            && ty.base != "textarea"
        {
            self.error(
                k.span(),
                "`kotak` hanya berlaku untuk textarea",
                "ubah jenis menjadi textarea atau hapus kotak",
            );
        }
        (lines, drawing_box)
    }

    /// The model's kind; a group's and a table's children are read here, after the field
    /// itself is declared.
    fn kind(
        &mut self,
        raw: &RawField,
        ty: &Type,
        name: &str,
        repeat: Option<&str>,
        declared: &mut BTreeMap<String, Declared>,
    ) -> Kind {
        let children = raw.isian.as_ref().map_or(&[][..], |c| c.get_ref());
        match ty.base {
            "text" => Kind::Text,
            "textarea" => Kind::Textarea,
            "integer" => Kind::Integer,
            "decimal" => Kind::Decimal,
            "date" => Kind::Date,
            "select_one" => Kind::SelectOne(ty.list.unwrap_or_default().to_string()),
            "select_multiple" => Kind::SelectMultiple(ty.list.unwrap_or_default().to_string()),
            "note" => Kind::Note,
            "signature" => Kind::Signature,
            "group" => Kind::Group(self.fields(children, repeat, declared)),
            _ => {
                let fields = self.fields(children, Some(name), declared);
                Kind::Repeat(self.repeat(raw, fields))
            }
        }
    }

    /// A table: its columns (no group among them), fixed rows or blank rows, direction.
    fn repeat(&mut self, raw: &RawField, fields: Vec<Field>) -> Repeat {
        if let Some(nested) = fields.iter().find(|f| matches!(f.kind, Kind::Group(_))) {
            let span: Range<usize> = self.names.get(&nested.name).cloned().unwrap_or(0..1);
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
        Repeat {
            fields,
            blank_rows,
            row_labels,
            rows_as_columns,
            numbered: raw.nomor_baris,
        }
    }
}
