//! Parsing and validation of one exercise file, kind by kind (scenarios in [`super::scenario`]).

use super::hash::content_hash;
use super::model::{Body, Choice, Exercise, Kind, Level, ModelValue, Pair, Spans};
use super::raw::{RawChoice, RawExercise, ordered};
use super::scenario::scenario;
use crate::content::catalog::Catalog;
use crate::diagnostic::{Diagnostics, SourceFile, from_toml_error, suggestion};
use std::collections::BTreeMap;
use std::ops::Range;
use toml::Spanned;

/// Collects problems while reading one file.
pub(super) struct Reader<'a> {
    pub(super) file: &'a SourceFile,
    pub(super) problems: Diagnostics,
}

impl Reader<'_> {
    pub(super) fn error(
        &mut self,
        span: Range<usize>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.problems.push(self.file.error(span, message, help));
    }

    /// Trimmed text; an empty one is an error naming the key.
    pub(super) fn text(&mut self, value: &Spanned<String>, key: &str) -> String {
        let text = value.get_ref().trim().to_string();
        if text.is_empty() {
            self.error(
                value.span(),
                format!("`{key}` kosong"),
                format!("tulis isi `{key}` atau hapus kolomnya bila tidak wajib"),
            );
        }
        text
    }

    pub(super) fn optional_text(
        &mut self,
        value: &Option<Spanned<String>>,
        key: &str,
    ) -> Option<String> {
        value.as_ref().map(|v| self.text(v, key))
    }

    /// Texts that must differ from each other (steps, left and right of pairs).
    pub(super) fn unique_texts(&mut self, items: &[(String, Range<usize>)], key: &str) {
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        for (i, (text, span)) in items.iter().enumerate() {
            let folded = text.to_lowercase();
            if let Some(first) = seen.get(&folded) {
                let (line, _) = self.file.location(items[*first].1.start);
                self.error(
                    span.clone(),
                    format!("`{key}` “{text}” tertulis dua kali (juga di baris {line})"),
                    "setiap butir harus berbeda; hapus atau ubah salah satunya",
                );
            } else {
                seen.insert(folded, i);
            }
        }
    }
}

/// Keys that do not belong to the type, and required keys that are missing.
fn check_keys(reader: &mut Reader, raw: &RawExercise, kind: Kind, kind_span: Range<usize>) {
    let (required, optional) = kind.keys();
    let present = raw.present_keys();
    for (key, span) in &present {
        if !required.contains(key) && !optional.contains(key) {
            let allowed: Vec<&str> = required.iter().chain(optional).copied().collect();
            let owners: Vec<&str> = Kind::ALL
                .into_iter()
                .filter(|k| {
                    let (r, o) = k.keys();
                    r.contains(key) || o.contains(key)
                })
                .map(Kind::name)
                .collect();
            reader.error(
                span.clone(),
                format!(
                    "kolom `{key}` tidak dipakai oleh latihan jenis `{}`",
                    kind.name()
                ),
                format!(
                    "kolom untuk {}: {}; `{key}` dipakai oleh {}. Hapus kolom ini atau ganti `jenis`",
                    kind.name(),
                    allowed.join(", "),
                    owners.join(", ")
                ),
            );
        }
    }
    for key in required {
        if !present.iter().any(|(k, _)| k == key) {
            reader.error(
                kind_span.clone(),
                format!(
                    "latihan jenis `{}` memerlukan kolom `{key}`, tetapi tidak ada",
                    kind.name()
                ),
                format!("tambahkan `{key}`; lihat exercises/README.md untuk contoh setiap jenis"),
            );
        }
    }
}

/// Parses and validates one exercise file. `id` is its file name without `.toml`.
pub(crate) fn load(id: &str, file: &SourceFile) -> Result<Exercise, Diagnostics> {
    let help = "lihat exercises/README.md untuk kolom setiap jenis latihan";
    let raw: RawExercise = toml::from_str(&file.text)
        .map_err(|err| Diagnostics(vec![from_toml_error(file, 0, &err, help)]))?;
    let mut r = Reader {
        file,
        problems: Diagnostics::default(),
    };

    let title = r.text(&raw.judul, "judul");
    let session = raw.sesi.get_ref().trim().to_string();
    let topic = raw.topik.as_ref().map(|t| t.get_ref().trim().to_string());
    let intro = r.optional_text(&raw.pengantar, "pengantar");
    let case = raw.kasus.as_ref().map(|c| c.get_ref().trim().to_string());
    let facilitator_note = r.optional_text(&raw.catatan_fasilitator, "catatan_fasilitator");
    let kind_name = raw.jenis.get_ref().trim();
    let Some(kind) = Kind::from_name(kind_name) else {
        let names: Vec<&str> = Kind::ALL.into_iter().map(Kind::name).collect();
        r.error(
            raw.jenis.span(),
            format!("jenis latihan `{kind_name}` tidak dikenal"),
            format!(
                "jenis yang dikenal: {}; {}",
                names.join(", "),
                suggestion(kind_name, names.iter().copied(), "jenis")
            ),
        );
        return Err(r.problems);
    };
    check_keys(&mut r, &raw, kind, raw.jenis.span());
    let level = level(&mut r, &raw);
    let fixed_order = fixed_order(&mut r, &raw);
    let body = match kind {
        Kind::SingleChoice | Kind::MultipleChoice => choices(&mut r, &raw, kind),
        Kind::TrueFalse => true_false(&mut r, &raw),
        Kind::Ordering => ordering(&mut r, &raw),
        Kind::Matching => matching(&mut r, &raw),
        Kind::ShortAnswer => short_answer(&mut r, &raw),
        Kind::Scenario => scenario(&mut r, &raw),
        Kind::Reflection => reflection(&mut r, &raw),
        Kind::FormFilling => form_filling(&mut r, &raw),
    };
    r.problems.clone().into_result()?;
    let (Some(body), Some(level)) = (body, level) else {
        return Err(r.problems);
    };
    let spans = Spans {
        session: raw.sesi.span(),
        topic: raw.topik.as_ref().map(Spanned::span),
        case: raw.kasus.as_ref().map(Spanned::span),
        form: raw.formulir.as_ref().map(Spanned::span),
        model_spans: raw
            .jawaban_model
            .as_ref()
            .map(|m| {
                let mut spans: Vec<(String, Range<usize>, Range<usize>)> = m
                    .get_ref()
                    .0
                    .iter()
                    .map(|(k, v)| (k.get_ref().clone(), k.span(), v.span()))
                    .collect();
                spans.sort_by_key(|(_, k, _)| k.start);
                spans
            })
            .unwrap_or_default(),
    };
    let hash = content_hash(&title, intro.as_deref(), &body);
    Ok(Exercise {
        id: id.to_string(),
        file: file.clone(),
        title,
        session,
        topic,
        intro,
        case,
        facilitator_note,
        body,
        level,
        fixed_order,
        order: Vec::new(),
        hash,
        spans,
    })
}

/// `tingkat`: required, one of the four levels.
fn level(r: &mut Reader, raw: &RawExercise) -> Option<Level> {
    let names: Vec<&str> = Level::ALL.into_iter().map(Level::name).collect();
    let Some(value) = &raw.tingkat else {
        r.error(
            raw.jenis.span(),
            "latihan ini belum menyatakan `tingkat`",
            format!(
                "tambahkan baris `tingkat = \"penerapan\"` (salah satu dari: {}); lihat exercises/README.md",
                names.join(", ")
            ),
        );
        return None;
    };
    let name = value.get_ref().trim();
    let level = Level::from_name(name);
    if level.is_none() {
        r.error(
            value.span(),
            format!("tingkat `{name}` tidak dikenal"),
            format!(
                "tingkat yang dikenal: {}; {}",
                names.join(", "),
                suggestion(name, names.iter().copied(), "tingkat")
            ),
        );
    }
    level
}

/// `urutan = "tetap"` keeps the options as written; `"acak"` (the default) lets the build
/// order them.
fn fixed_order(r: &mut Reader, raw: &RawExercise) -> bool {
    let Some(value) = &raw.urutan else {
        return false;
    };
    match value.get_ref().trim() {
        "tetap" => true,
        "acak" => false,
        other => {
            r.error(
                value.span(),
                format!("urutan `{other}` tidak dikenal"),
                format!(
                    "tulis `urutan = \"tetap\"` (pilihan tampil seperti tertulis) atau hapus baris ini (pilihan diurutkan oleh buku); {}",
                    suggestion(other, ["tetap", "acak"], "urutan")
                ),
            );
            false
        }
    }
}

/// Options or statements; `pinnable` when `tetap` is allowed (options, not statements).
fn choice_list(
    r: &mut Reader,
    list: &Spanned<Vec<Spanned<RawChoice>>>,
    pinnable: bool,
) -> Vec<(Choice, Range<usize>)> {
    let out: Vec<(Choice, Range<usize>)> = list
        .get_ref()
        .iter()
        .map(|c| {
            let c = c.get_ref();
            if let (Some(pin), false) = (&c.tetap, pinnable) {
                r.error(
                    pin.span(),
                    "`tetap` hanya berlaku untuk [[pilihan]]",
                    "pernyataan benar-salah selalu tampil seperti tertulis; hapus `tetap`",
                );
            }
            let choice = Choice {
                text: r.text(&c.teks, "teks"),
                correct: *c.benar.get_ref(),
                feedback: r.text(&c.umpan_balik, "umpan_balik"),
                pinned: c.tetap.as_ref().is_some_and(|p| *p.get_ref()),
            };
            (choice, c.benar.span())
        })
        .collect();
    // An option is stored by its text (see order::option_key): two equal texts would be one.
    let texts: Vec<(String, Range<usize>)> = list
        .get_ref()
        .iter()
        .zip(&out)
        .map(|(raw, (c, _))| (c.text.clone(), raw.get_ref().teks.span()))
        .collect();
    r.unique_texts(&texts, "teks");
    out
}

fn choices(r: &mut Reader, raw: &RawExercise, kind: Kind) -> Option<Body> {
    let question = r.text(raw.pertanyaan.as_ref()?, "pertanyaan");
    let list = raw.pilihan.as_ref()?;
    let options = choice_list(r, list, true);
    if options.len() < 2 {
        r.error(
            list.span(),
            format!(
                "latihan {} memerlukan paling sedikit 2 pilihan",
                kind.name()
            ),
            "tambahkan [[pilihan]] dengan teks, benar dan umpan_balik",
        );
    }
    let correct: Vec<&Range<usize>> = options
        .iter()
        .filter(|(c, _)| c.correct)
        .map(|(_, s)| s)
        .collect();
    match kind {
        Kind::SingleChoice => {
            if correct.is_empty() {
                r.error(
                    list.span(),
                    "pilihan-ganda tidak mempunyai pilihan yang benar",
                    "tulis `benar = true` pada tepat satu [[pilihan]]",
                );
            } else if correct.len() > 1 {
                r.error(
                    correct[1].clone(),
                    format!(
                        "pilihan-ganda harus mempunyai tepat satu pilihan benar, tetapi ada {}",
                        correct.len()
                    ),
                    "biarkan satu `benar = true` saja, atau ganti jenis menjadi pilihan-jamak",
                );
            }
        }
        _ => {
            if correct.is_empty() {
                r.error(
                    list.span(),
                    "pilihan-jamak tidak mempunyai pilihan yang benar",
                    "tulis `benar = true` pada paling sedikit satu [[pilihan]]",
                );
            } else if correct.len() == options.len() {
                r.error(
                    list.span(),
                    "semua pilihan pilihan-jamak bernilai benar",
                    "paling sedikit satu pilihan harus `benar = false`, supaya peserta benar-benar memilih",
                );
            }
        }
    }
    let options = options.into_iter().map(|(c, _)| c).collect();
    Some(if kind == Kind::SingleChoice {
        Body::SingleChoice { question, options }
    } else {
        Body::MultipleChoice { question, options }
    })
}

fn true_false(r: &mut Reader, raw: &RawExercise) -> Option<Body> {
    let question = r.optional_text(&raw.pertanyaan, "pertanyaan");
    let list = raw.pernyataan.as_ref()?;
    let statements: Vec<Choice> = choice_list(r, list, false)
        .into_iter()
        .map(|(c, _)| c)
        .collect();
    if statements.is_empty() {
        r.error(
            list.span(),
            "benar-salah tanpa pernyataan",
            "tambahkan [[pernyataan]] dengan teks, benar dan umpan_balik",
        );
    }
    Some(Body::TrueFalse {
        question,
        statements,
    })
}

fn ordering(r: &mut Reader, raw: &RawExercise) -> Option<Body> {
    let question = r.text(raw.pertanyaan.as_ref()?, "pertanyaan");
    let list = raw.langkah.as_ref()?;
    let steps: Vec<(String, Range<usize>)> = list
        .get_ref()
        .iter()
        .map(|s| (r.text(s, "langkah"), s.span()))
        .collect();
    if steps.len() < 3 {
        r.error(
            list.span(),
            format!(
                "urutkan memerlukan paling sedikit 3 langkah, tertulis {}",
                steps.len()
            ),
            "tulis langkah-langkahnya dalam urutan yang benar, paling sedikit tiga",
        );
    }
    r.unique_texts(&steps, "langkah");
    let feedback = r.text(raw.umpan_balik.as_ref()?, "umpan_balik");
    Some(Body::Ordering {
        question,
        steps: steps.into_iter().map(|(s, _)| s).collect(),
        feedback,
    })
}

fn matching(r: &mut Reader, raw: &RawExercise) -> Option<Body> {
    let question = r.text(raw.pertanyaan.as_ref()?, "pertanyaan");
    let list = raw.pasangan.as_ref()?;
    let mut lefts = Vec::new();
    let mut rights = Vec::new();
    let mut pairs = Vec::new();
    for p in list.get_ref() {
        let p = p.get_ref();
        let pair = Pair {
            left: r.text(&p.kiri, "kiri"),
            right: r.text(&p.kanan, "kanan"),
            feedback: r.optional_text(&p.umpan_balik, "umpan_balik"),
        };
        lefts.push((pair.left.clone(), p.kiri.span()));
        rights.push((pair.right.clone(), p.kanan.span()));
        pairs.push(pair);
    }
    if pairs.len() < 3 {
        r.error(
            list.span(),
            format!(
                "jodohkan memerlukan paling sedikit 3 pasangan, tertulis {}",
                pairs.len()
            ),
            "tambahkan [[pasangan]] dengan kiri dan kanan",
        );
    }
    r.unique_texts(&lefts, "kiri");
    r.unique_texts(&rights, "kanan");
    Some(Body::Matching { question, pairs })
}

fn short_answer(r: &mut Reader, raw: &RawExercise) -> Option<Body> {
    let question = r.text(raw.pertanyaan.as_ref()?, "pertanyaan");
    let list = raw.jawaban.as_ref()?;
    let mut answers = Vec::new();
    for a in list.get_ref() {
        let text = a.get_ref().trim().to_string();
        if !text.chars().any(char::is_alphanumeric) {
            r.error(
                a.span(),
                "jawaban tanpa huruf atau angka",
                "tulis jawaban yang diterima, misalnya \"asesmen\"; tanda baca diabaikan saat membandingkan",
            );
        }
        answers.push(text);
    }
    if answers.is_empty() {
        r.error(
            list.span(),
            "isian-singkat tanpa jawaban yang diterima",
            "tulis paling sedikit satu jawaban, misalnya jawaban = [\"asesmen\", \"assessment\"]",
        );
    }
    let feedback_right = r.text(raw.umpan_balik_benar.as_ref()?, "umpan_balik_benar");
    let feedback_wrong = r.text(raw.umpan_balik_salah.as_ref()?, "umpan_balik_salah");
    Some(Body::ShortAnswer {
        question,
        answers,
        feedback_right,
        feedback_wrong,
    })
}

fn reflection(r: &mut Reader, raw: &RawExercise) -> Option<Body> {
    let question = r.text(raw.pertanyaan.as_ref()?, "pertanyaan");
    let prompts = raw
        .panduan
        .as_ref()
        .map(|list| {
            list.get_ref()
                .iter()
                .map(|p| r.text(p, "panduan"))
                .collect()
        })
        .unwrap_or_default();
    let lines = match &raw.baris {
        None => 6,
        Some(b) => match u32::try_from(*b.get_ref()) {
            Ok(n @ 1..=40) => n,
            _ => {
                r.error(
                    b.span(),
                    format!("jumlah baris {} tidak sah", b.get_ref()),
                    "tulis angka 1 sampai 40 (baris kosong pada lembar kerja cetak); bawaan 6",
                );
                6
            }
        },
    };
    Some(Body::Reflection {
        question,
        prompts,
        lines,
    })
}

fn form_filling(r: &mut Reader, raw: &RawExercise) -> Option<Body> {
    let form = raw.formulir.as_ref()?.get_ref().trim().to_string();
    let question = r.text(raw.pertanyaan.as_ref()?, "pertanyaan");
    let table = raw.jawaban_model.as_ref()?;
    let mut model = Vec::new();
    // TOML tables arrive sorted by key; the key positions give back the order of the file.
    let mut entries: Vec<&(Spanned<String>, Spanned<ordered::Value>)> =
        table.get_ref().0.iter().collect();
    entries.sort_by_key(|(k, _)| k.span().start);
    for (key, value) in entries {
        match model_value(value.get_ref(), true) {
            Some(v) => model.push((key.get_ref().clone(), v)),
            None => r.error(
                value.span(),
                format!("nilai jawaban model untuk `{}` tidak sah", key.get_ref()),
                "tulis teks, angka, daftar teks (select_multiple, misalnya [\"a\", \"b\"]), atau satu [[jawaban_model.NAMA]] per baris tabel (repeat)",
            ),
        }
    }
    if model.is_empty() {
        r.error(
            table.span(),
            "jawaban_model kosong",
            "tulis nilai model untuk kolom formulir yang harus diisi peserta, misalnya nama_klien = \"…\"",
        );
    }
    let mut field_feedback = BTreeMap::new();
    if let Some(fb) = &raw.umpan_balik_kolom {
        for (key, text) in fb.get_ref() {
            if !model.iter().any(|(k, _)| k == key.get_ref()) {
                let keys: Vec<&str> = model.iter().map(|(k, _)| k.as_str()).collect();
                r.error(
                    key.span(),
                    format!(
                        "umpan balik untuk kolom `{}` yang tidak ada di jawaban_model",
                        key.get_ref()
                    ),
                    format!(
                        "umpan_balik_kolom hanya untuk kolom di [jawaban_model]; {}",
                        suggestion(key.get_ref(), keys.iter().copied(), "kolom")
                    ),
                );
            }
            field_feedback.insert(key.get_ref().clone(), r.text(text, "umpan_balik_kolom"));
        }
    }
    Some(Body::FormFilling {
        form,
        question,
        model,
        field_feedback,
    })
}

/// Text, a number, a list of texts, or (at the top level only) rows of fields.
fn model_value(value: &ordered::Value, rows_allowed: bool) -> Option<ModelValue> {
    use super::raw::ordered::Value;
    match value {
        Value::Text(t) | Value::Other(t) => Some(ModelValue::Text(t.trim().to_string())),
        Value::Array(items) if items.iter().all(|i| matches!(i, Value::Text(_))) => {
            Some(ModelValue::List(
                items
                    .iter()
                    .filter_map(|i| match i {
                        Value::Text(t) => Some(t.trim().to_string()),
                        _ => None,
                    })
                    .collect(),
            ))
        }
        Value::Array(items) if rows_allowed && !items.is_empty() => items
            .iter()
            .map(|row| match row {
                Value::Table(fields) => fields
                    .iter()
                    .map(|(k, v)| Some((k.clone(), model_value(v, false)?)))
                    .collect::<Option<Vec<_>>>(),
                _ => None,
            })
            .collect::<Option<Vec<_>>>()
            .map(ModelValue::Rows),
        _ => None,
    }
}

// ---- The whole set ----------------------------------------------------------------------------

/// Parses every exercise of the catalog; files that fail are left out, their problems returned.
/// Options, steps and right-hand texts are then put in the order shown, for the whole book at
/// once ([`super::order::arrange`]).
pub(crate) fn load_all(catalog: &Catalog) -> (BTreeMap<String, Exercise>, Diagnostics) {
    let (mut exercises, problems) = catalog.parse_each(load);
    super::order::arrange(&mut exercises);
    (exercises, problems)
}
