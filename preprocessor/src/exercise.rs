//! Exercise files (`exercises/ID.toml`): the model and its validation.
//!
//! One file per exercise, in the schema of `briefs/latihan-skema.md` (summarised for editors in
//! `exercises/README.md`). Each file is parsed into one [`Exercise`]; every rendering (the
//! interactive block, the participant worksheet, the trainer's answer key, the progress page)
//! comes from it. Problems are reported with file:line:col. References to sessions, topics,
//! forms and longitudinal cases are checked once the whole book is known
//! ([`check_references`]).

use crate::diagnostic::{Diagnostics, SourceFile, from_toml_error, suggestion};
use crate::session::{ChapterIndex, Session};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The nine exercise types, as written in `jenis` and in `data-jenis`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Kind {
    #[serde(rename = "pilihan-ganda")]
    SingleChoice,
    #[serde(rename = "pilihan-jamak")]
    MultipleChoice,
    #[serde(rename = "benar-salah")]
    TrueFalse,
    #[serde(rename = "urutkan")]
    Ordering,
    #[serde(rename = "jodohkan")]
    Matching,
    #[serde(rename = "isian-singkat")]
    ShortAnswer,
    #[serde(rename = "studi-kasus")]
    Scenario,
    #[serde(rename = "refleksi")]
    Reflection,
    #[serde(rename = "isi-formulir")]
    FormFilling,
}

impl Kind {
    pub const ALL: [Kind; 9] = [
        Kind::SingleChoice,
        Kind::MultipleChoice,
        Kind::TrueFalse,
        Kind::Ordering,
        Kind::Matching,
        Kind::ShortAnswer,
        Kind::Scenario,
        Kind::Reflection,
        Kind::FormFilling,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Kind::SingleChoice => "pilihan-ganda",
            Kind::MultipleChoice => "pilihan-jamak",
            Kind::TrueFalse => "benar-salah",
            Kind::Ordering => "urutkan",
            Kind::Matching => "jodohkan",
            Kind::ShortAnswer => "isian-singkat",
            Kind::Scenario => "studi-kasus",
            Kind::Reflection => "refleksi",
            Kind::FormFilling => "isi-formulir",
        }
    }

    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// Type-specific keys: (required, optional).
    fn keys(self) -> (&'static [&'static str], &'static [&'static str]) {
        match self {
            Kind::SingleChoice | Kind::MultipleChoice => (&["pertanyaan", "pilihan"], &[]),
            Kind::TrueFalse => (&["pernyataan"], &["pertanyaan"]),
            Kind::Ordering => (&["pertanyaan", "langkah", "umpan_balik"], &[]),
            Kind::Matching => (&["pertanyaan", "pasangan"], &[]),
            Kind::ShortAnswer => (
                &[
                    "pertanyaan",
                    "jawaban",
                    "umpan_balik_benar",
                    "umpan_balik_salah",
                ],
                &[],
            ),
            Kind::Scenario => (&["mulai", "simpul"], &[]),
            Kind::Reflection => (&["pertanyaan"], &["panduan", "baris"]),
            Kind::FormFilling => (
                &["formulir", "pertanyaan", "jawaban_model"],
                &["umpan_balik_kolom"],
            ),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Choice {
    pub text: String,
    pub correct: bool,
    pub feedback: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pair {
    pub left: String,
    pub right: String,
    pub feedback: Option<String>,
}

/// How a scenario ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Ending {
    Baik,
    Cukup,
    Kurang,
}

impl Ending {
    pub fn name(self) -> &'static str {
        match self {
            Ending::Baik => "baik",
            Ending::Cukup => "cukup",
            Ending::Kurang => "kurang",
        }
    }

    /// The score an ending earns: the learner's result for the scenario.
    pub fn score(self) -> f64 {
        match self {
            Ending::Baik => 1.0,
            Ending::Cukup => 0.5,
            Ending::Kurang => 0.0,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Step {
    pub text: String,
    pub consequence: String,
    pub next: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Node {
    pub id: String,
    pub situation: String,
    pub choices: Vec<Step>,
    pub ending: Option<Ending>,
    pub debrief: Option<String>,
}

/// A value of the model answer of a form-filling exercise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum ModelValue {
    Text(String),
    /// select_multiple: the chosen choice names.
    List(Vec<String>),
    /// A repeat (table rows): each row's fields in file order.
    Rows(Vec<Vec<(String, ModelValue)>>),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "jenis", rename_all = "kebab-case")]
pub enum Body {
    #[serde(rename = "pilihan-ganda")]
    SingleChoice {
        question: String,
        options: Vec<Choice>,
    },
    #[serde(rename = "pilihan-jamak")]
    MultipleChoice {
        question: String,
        options: Vec<Choice>,
    },
    #[serde(rename = "benar-salah")]
    TrueFalse {
        question: Option<String>,
        statements: Vec<Choice>,
    },
    #[serde(rename = "urutkan")]
    Ordering {
        question: String,
        /// In the correct order.
        steps: Vec<String>,
        feedback: String,
    },
    #[serde(rename = "jodohkan")]
    Matching { question: String, pairs: Vec<Pair> },
    #[serde(rename = "isian-singkat")]
    ShortAnswer {
        question: String,
        answers: Vec<String>,
        feedback_right: String,
        feedback_wrong: String,
    },
    #[serde(rename = "studi-kasus")]
    Scenario { start: String, nodes: Vec<Node> },
    #[serde(rename = "refleksi")]
    Reflection {
        question: String,
        prompts: Vec<String>,
        lines: u32,
    },
    #[serde(rename = "isi-formulir")]
    FormFilling {
        form: String,
        question: String,
        /// Field name → model value, in file order.
        model: Vec<(String, ModelValue)>,
        field_feedback: BTreeMap<String, String>,
    },
}

impl Body {
    pub fn kind(&self) -> Kind {
        match self {
            Body::SingleChoice { .. } => Kind::SingleChoice,
            Body::MultipleChoice { .. } => Kind::MultipleChoice,
            Body::TrueFalse { .. } => Kind::TrueFalse,
            Body::Ordering { .. } => Kind::Ordering,
            Body::Matching { .. } => Kind::Matching,
            Body::ShortAnswer { .. } => Kind::ShortAnswer,
            Body::Scenario { .. } => Kind::Scenario,
            Body::Reflection { .. } => Kind::Reflection,
            Body::FormFilling { .. } => Kind::FormFilling,
        }
    }
}

/// Where references were written, for errors found once the book is known.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Spans {
    pub session: Range<usize>,
    pub topic: Option<Range<usize>>,
    pub case: Option<Range<usize>>,
    pub form: Option<Range<usize>>,
    /// `[jawaban_model]`: each field name with the spans of its key and value, in file order.
    pub model_spans: Vec<(String, Range<usize>, Range<usize>)>,
}

/// One exercise, validated.
#[derive(Debug, Clone)]
pub struct Exercise {
    pub id: String,
    pub file: SourceFile,
    pub title: String,
    /// "1-4".
    pub session: String,
    /// The exact title of a topic of that session.
    pub topic: Option<String>,
    /// Markdown shown before the question.
    pub intro: Option<String>,
    /// Id of a longitudinal case (`exercises/kasus.toml`).
    pub case: Option<String>,
    /// Markdown, trainer mode only.
    pub facilitator_note: Option<String>,
    pub body: Body,
    /// Hash of what the learner answers and how it is scored: a change makes a stored answer
    /// "outdated" instead of silently wrong.
    pub hash: String,
    pub spans: Spans,
}

impl Exercise {
    pub fn kind(&self) -> Kind {
        self.body.kind()
    }

    pub fn path(&self) -> &Path {
        &self.file.path
    }
}

// ---- The file as written -------------------------------------------------------------------

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExercise {
    judul: Spanned<String>,
    sesi: Spanned<String>,
    topik: Option<Spanned<String>>,
    jenis: Spanned<String>,
    pengantar: Option<Spanned<String>>,
    kasus: Option<Spanned<String>>,
    catatan_fasilitator: Option<Spanned<String>>,
    pertanyaan: Option<Spanned<String>>,
    pilihan: Option<Spanned<Vec<Spanned<RawChoice>>>>,
    pernyataan: Option<Spanned<Vec<Spanned<RawChoice>>>>,
    langkah: Option<Spanned<Vec<Spanned<String>>>>,
    umpan_balik: Option<Spanned<String>>,
    pasangan: Option<Spanned<Vec<Spanned<RawPair>>>>,
    jawaban: Option<Spanned<Vec<Spanned<String>>>>,
    umpan_balik_benar: Option<Spanned<String>>,
    umpan_balik_salah: Option<Spanned<String>>,
    mulai: Option<Spanned<String>>,
    simpul: Option<Spanned<Vec<Spanned<RawNode>>>>,
    panduan: Option<Spanned<Vec<Spanned<String>>>>,
    baris: Option<Spanned<i64>>,
    formulir: Option<Spanned<String>>,
    jawaban_model: Option<Spanned<ordered::Pairs<Spanned<String>, Spanned<ordered::Value>>>>,
    umpan_balik_kolom: Option<Spanned<BTreeMap<Spanned<String>, Spanned<String>>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChoice {
    teks: Spanned<String>,
    benar: Spanned<bool>,
    umpan_balik: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPair {
    kiri: Spanned<String>,
    kanan: Spanned<String>,
    umpan_balik: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNode {
    id: Spanned<String>,
    situasi: Spanned<String>,
    #[serde(default)]
    pilihan: Vec<Spanned<RawStep>>,
    akhir: Option<Spanned<Ending>>,
    pembahasan: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStep {
    teks: Spanned<String>,
    akibat: Spanned<String>,
    lanjut: Spanned<String>,
}

impl RawExercise {
    /// Type-specific keys present in the file, with their spans.
    fn present_keys(&self) -> Vec<(&'static str, Range<usize>)> {
        let mut out = Vec::new();
        macro_rules! keys {
            ($($name:ident),*) => {
                $(if let Some(v) = &self.$name {
                    out.push((stringify!($name), v.span()));
                })*
            };
        }
        keys!(
            pertanyaan,
            pilihan,
            pernyataan,
            langkah,
            umpan_balik,
            pasangan,
            jawaban,
            umpan_balik_benar,
            umpan_balik_salah,
            mulai,
            simpul,
            panduan,
            baris,
            formulir,
            jawaban_model,
            umpan_balik_kolom
        );
        out
    }
}

/// TOML tables read as (key, value) pairs in file order: a map would sort the fields.
mod ordered {
    use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
    use std::fmt;
    use std::marker::PhantomData;

    /// Any TOML value, tables in file order.
    #[derive(Debug)]
    pub enum Value {
        Text(String),
        Other(String),
        Array(Vec<Value>),
        Table(Vec<(String, Value)>),
    }

    impl<'de> Deserialize<'de> for Value {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct ValueVisitor;
            impl<'de> Visitor<'de> for ValueVisitor {
                type Value = Value;
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    f.write_str("a TOML value")
                }
                fn visit_str<E>(self, v: &str) -> Result<Value, E> {
                    Ok(Value::Text(v.to_string()))
                }
                fn visit_string<E>(self, v: String) -> Result<Value, E> {
                    Ok(Value::Text(v))
                }
                fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
                    Ok(Value::Other(v.to_string()))
                }
                fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
                    Ok(Value::Other(v.to_string()))
                }
                fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
                    Ok(Value::Other(v.to_string()))
                }
                fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
                    Ok(Value::Other(if v { "ya" } else { "tidak" }.to_string()))
                }
                fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
                    let mut out = Vec::new();
                    while let Some(item) = seq.next_element()? {
                        out.push(item);
                    }
                    Ok(Value::Array(out))
                }
                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
                    let mut out = Vec::new();
                    while let Some(entry) = map.next_entry()? {
                        out.push(entry);
                    }
                    Ok(Value::Table(out))
                }
            }
            d.deserialize_any(ValueVisitor)
        }
    }

    #[derive(Debug)]
    pub struct Pairs<K, V>(pub Vec<(K, V)>);

    impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> Deserialize<'de> for Pairs<K, V> {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct PairVisitor<K, V>(PhantomData<(K, V)>);
            impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> Visitor<'de> for PairVisitor<K, V> {
                type Value = Pairs<K, V>;
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    f.write_str("a table")
                }
                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                    let mut out = Vec::new();
                    while let Some(entry) = map.next_entry()? {
                        out.push(entry);
                    }
                    Ok(Pairs(out))
                }
            }
            d.deserialize_map(PairVisitor(PhantomData))
        }
    }
}

// ---- Parsing and validation of one file -----------------------------------------------------

/// Collects problems while reading one file.
struct Reader<'a> {
    file: &'a SourceFile,
    problems: Diagnostics,
}

impl Reader<'_> {
    fn error(&mut self, span: Range<usize>, message: impl Into<String>, help: impl Into<String>) {
        self.problems.push(self.file.error(span, message, help));
    }

    /// Trimmed text; an empty one is an error naming the key.
    fn text(&mut self, value: &Spanned<String>, key: &str) -> String {
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

    fn optional_text(&mut self, value: &Option<Spanned<String>>, key: &str) -> Option<String> {
        value.as_ref().map(|v| self.text(v, key))
    }

    /// Texts that must differ from each other (steps, left and right of pairs).
    fn unique_texts(&mut self, items: &[(String, Range<usize>)], key: &str) {
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
pub fn load(id: &str, file: &SourceFile) -> Result<Exercise, Diagnostics> {
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
    let Some(body) = body else {
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
        hash,
        spans,
    })
}

fn choice_list(
    r: &mut Reader,
    list: &Spanned<Vec<Spanned<RawChoice>>>,
) -> Vec<(Choice, Range<usize>)> {
    list.get_ref()
        .iter()
        .map(|c| {
            let c = c.get_ref();
            let choice = Choice {
                text: r.text(&c.teks, "teks"),
                correct: *c.benar.get_ref(),
                feedback: r.text(&c.umpan_balik, "umpan_balik"),
            };
            (choice, c.benar.span())
        })
        .collect()
}

fn choices(r: &mut Reader, raw: &RawExercise, kind: Kind) -> Option<Body> {
    let question = r.text(raw.pertanyaan.as_ref()?, "pertanyaan");
    let list = raw.pilihan.as_ref()?;
    let options = choice_list(r, list);
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
    let statements: Vec<Choice> = choice_list(r, list).into_iter().map(|(c, _)| c).collect();
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
    use ordered::Value;
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

fn scenario(r: &mut Reader, raw: &RawExercise) -> Option<Body> {
    let start = raw.mulai.as_ref()?;
    let list = raw.simpul.as_ref()?;
    let mut nodes: Vec<Node> = Vec::new();
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    let raw_nodes: Vec<&RawNode> = list.get_ref().iter().map(Spanned::get_ref).collect();
    for node in &raw_nodes {
        let id = node.id.get_ref().trim().to_string();
        if !crate::program::is_slug(&id) {
            r.error(
                node.id.span(),
                format!("id simpul `{id}` tidak sah"),
                "tulis id dengan huruf kecil, angka dan tanda hubung, misalnya \"awal\" atau \"akhir-baik\"",
            );
        }
        if let Some(first) = index.get(&id) {
            let (line, _) = r.file.location(raw_nodes[*first].id.span().start);
            r.error(
                node.id.span(),
                format!("id simpul `{id}` sudah dipakai di baris {line}"),
                "setiap [[simpul]] harus mempunyai id yang unik",
            );
        } else {
            index.insert(id.clone(), nodes.len());
        }
        let situation = r.text(&node.situasi, "situasi");
        let choices: Vec<Step> = node
            .pilihan
            .iter()
            .map(|s| {
                let s = s.get_ref();
                Step {
                    text: r.text(&s.teks, "teks"),
                    consequence: r.text(&s.akibat, "akibat"),
                    next: s.lanjut.get_ref().trim().to_string(),
                }
            })
            .collect();
        let ending = node.akhir.as_ref().map(|a| *a.get_ref());
        let debrief = r.optional_text(&node.pembahasan, "pembahasan");
        match (&node.akhir, node.pilihan.first()) {
            (Some(akhir), Some(first)) => r.error(
                first.span(),
                format!("simpul akhir `{id}` tidak boleh mempunyai pilihan"),
                format!(
                    "hapus [[simpul.pilihan]] dari simpul ini, atau hapus `akhir = \"{}\"` bila cerita berlanjut",
                    akhir.get_ref().name()
                ),
            ),
            (Some(akhir), None) if node.pembahasan.is_none() => r.error(
                akhir.span(),
                format!("simpul akhir `{id}` tidak mempunyai pembahasan"),
                "tambahkan pembahasan = \"\"\"…\"\"\": apa yang dapat dipelajari dari akhir ini",
            ),
            (None, None) => r.error(
                node.id.span(),
                format!("simpul `{id}` buntu: tidak mempunyai pilihan dan bukan akhir"),
                "tambahkan paling sedikit dua [[simpul.pilihan]], atau jadikan akhir dengan akhir = \"baik\"|\"cukup\"|\"kurang\" dan pembahasan",
            ),
            (None, Some(_)) if node.pilihan.len() < 2 => r.error(
                node.pilihan[0].span(),
                format!("simpul `{id}` hanya mempunyai satu pilihan"),
                "setiap simpul yang bukan akhir memerlukan paling sedikit dua pilihan; tambahkan [[simpul.pilihan]]",
            ),
            _ => {}
        }
        if let (None, Some(p)) = (&node.akhir, &node.pembahasan) {
            r.error(
                p.span(),
                format!("simpul `{id}` bukan akhir, tetapi mempunyai pembahasan"),
                "pembahasan hanya untuk simpul akhir; pindahkan isinya ke `akibat` pilihan, atau tambahkan `akhir`",
            );
        }
        nodes.push(Node {
            id,
            situation,
            choices,
            ending,
            debrief,
        });
    }
    let ids: Vec<&str> = index.keys().map(String::as_str).collect();
    let start_id = start.get_ref().trim().to_string();
    if !index.contains_key(&start_id) {
        r.error(
            start.span(),
            format!("simpul awal `{start_id}` tidak ada"),
            format!(
                "`mulai` harus berisi id sebuah [[simpul]]; {}",
                suggestion(&start_id, ids.iter().copied(), "simpul")
            ),
        );
    }
    // Every `lanjut` names a node.
    for node in &raw_nodes {
        for step in &node.pilihan {
            let next = step.get_ref().lanjut.get_ref().trim();
            if !index.contains_key(next) {
                r.error(
                    step.get_ref().lanjut.span(),
                    format!("`lanjut` menuju simpul `{next}` yang tidak ada"),
                    format!(
                        "tulis id sebuah [[simpul]]; {}",
                        suggestion(next, ids.iter().copied(), "simpul")
                    ),
                );
            }
        }
    }
    if !r.problems.is_empty() {
        return None;
    }
    let graph = Graph::new(&nodes);
    let reachable = graph.reachable_from(index[&start_id]);
    for (i, node) in raw_nodes.iter().enumerate() {
        if !reachable.contains(&i) {
            r.error(
                node.id.span(),
                format!(
                    "simpul `{}` tidak dapat dicapai dari simpul awal `{start_id}`",
                    nodes[i].id
                ),
                "arahkan `lanjut` sebuah pilihan ke simpul ini, atau hapus simpulnya",
            );
        }
    }
    let ending_nodes: Vec<usize> = (0..nodes.len())
        .filter(|&i| nodes[i].ending.is_some())
        .collect();
    let can_end = graph.reaching(&ending_nodes);
    for (i, node) in raw_nodes.iter().enumerate() {
        if reachable.contains(&i) && !can_end.contains(&i) {
            r.error(
                node.id.span(),
                format!(
                    "dari simpul `{}` tidak ada jalan menuju akhir: pilihannya berputar tanpa jalan keluar",
                    nodes[i].id
                ),
                "arahkan paling sedikit satu pilihan di lingkaran ini ke simpul akhir",
            );
        }
    }
    if !nodes
        .iter()
        .enumerate()
        .any(|(i, n)| n.ending == Some(Ending::Baik) && reachable.contains(&i))
    {
        r.error(
            list.span(),
            "skenario tidak mempunyai akhir \"baik\" yang dapat dicapai",
            "tandai paling sedikit satu simpul akhir dengan akhir = \"baik\": jalan yang dianjurkan modul",
        );
    }
    Some(Body::Scenario {
        start: start_id,
        nodes,
    })
}

/// The scenario as a directed graph over node indices.
struct Graph {
    next: Vec<Vec<usize>>,
}

impl Graph {
    /// Assumes every `lanjut` names a node (checked before).
    fn new(nodes: &[Node]) -> Graph {
        let position: BTreeMap<&str, usize> = nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.as_str(), i))
            .collect();
        Graph {
            next: nodes
                .iter()
                .map(|n| {
                    n.choices
                        .iter()
                        .filter_map(|c| position.get(c.next.as_str()).copied())
                        .collect()
                })
                .collect(),
        }
    }

    fn reachable_from(&self, start: usize) -> BTreeSet<usize> {
        let mut seen = BTreeSet::from([start]);
        let mut queue = VecDeque::from([start]);
        while let Some(at) = queue.pop_front() {
            for &n in &self.next[at] {
                if seen.insert(n) {
                    queue.push_back(n);
                }
            }
        }
        seen
    }

    /// Nodes from which one of `targets` can be reached.
    fn reaching(&self, targets: &[usize]) -> BTreeSet<usize> {
        let mut seen: BTreeSet<usize> = targets.iter().copied().collect();
        loop {
            let before = seen.len();
            for (i, next) in self.next.iter().enumerate() {
                if next.iter().any(|n| seen.contains(n)) {
                    seen.insert(i);
                }
            }
            if seen.len() == before {
                return seen;
            }
        }
    }
}

/// The shortest sequence of (node index, choice index) from the start to a "baik" ending: the
/// path the modul recommends, shown in the answer key.
pub fn best_path(start: &str, nodes: &[Node]) -> Vec<(usize, usize)> {
    let Some(first) = nodes.iter().position(|n| n.id == start) else {
        return Vec::new();
    };
    let position: BTreeMap<&str, usize> = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect();
    let mut came_from: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
    let mut queue = VecDeque::from([first]);
    let mut seen = BTreeSet::from([first]);
    while let Some(at) = queue.pop_front() {
        if nodes[at].ending == Some(Ending::Baik) {
            let mut path = Vec::new();
            let mut node = at;
            while let Some(&(from, choice)) = came_from.get(&node) {
                path.push((from, choice));
                node = from;
            }
            path.reverse();
            return path;
        }
        for (c, step) in nodes[at].choices.iter().enumerate() {
            if let Some(&n) = position.get(step.next.as_str())
                && seen.insert(n)
            {
                came_from.insert(n, (at, c));
                queue.push_back(n);
            }
        }
    }
    Vec::new()
}

/// Nodes in reading order: breadth-first from the start, so "Bagian 1" is where the story
/// begins and numbers grow along the story.
pub fn node_order(start: &str, nodes: &[Node]) -> Vec<usize> {
    let Some(first) = nodes.iter().position(|n| n.id == start) else {
        return (0..nodes.len()).collect();
    };
    let graph = Graph::new(nodes);
    let mut order = vec![first];
    let mut seen = BTreeSet::from([first]);
    let mut at = 0;
    while at < order.len() {
        for &n in &graph.next[order[at]] {
            if seen.insert(n) {
                order.push(n);
            }
        }
        at += 1;
    }
    order.extend((0..nodes.len()).filter(|i| !seen.contains(i)));
    order
}

// ---- Hashes and deterministic shuffles -------------------------------------------------------

fn sha256_hex(data: &[u8]) -> String {
    Sha256::digest(data)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Covers what the learner sees and answers and how it is scored; not feedback wording or the
/// facilitator's note, so fixing a typo there keeps everyone's progress current.
fn content_hash(title: &str, intro: Option<&str>, body: &Body) -> String {
    let scored = match body {
        Body::SingleChoice { question, options } | Body::MultipleChoice { question, options } => {
            serde_json::json!([
                question,
                options
                    .iter()
                    .map(|o| (&o.text, o.correct))
                    .collect::<Vec<_>>()
            ])
        }
        Body::TrueFalse {
            question,
            statements,
        } => serde_json::json!([
            question,
            statements
                .iter()
                .map(|o| (&o.text, o.correct))
                .collect::<Vec<_>>()
        ]),
        Body::Ordering {
            question, steps, ..
        } => serde_json::json!([question, steps]),
        Body::Matching { question, pairs } => serde_json::json!([
            question,
            pairs
                .iter()
                .map(|p| (&p.left, &p.right))
                .collect::<Vec<_>>()
        ]),
        Body::ShortAnswer {
            question, answers, ..
        } => serde_json::json!([question, answers]),
        Body::Scenario { start, nodes } => serde_json::json!([
            start,
            nodes
                .iter()
                .map(|n| serde_json::json!([
                    n.id,
                    n.situation,
                    n.ending,
                    n.choices
                        .iter()
                        .map(|c| (&c.text, &c.next))
                        .collect::<Vec<_>>()
                ]))
                .collect::<Vec<_>>()
        ]),
        Body::Reflection { question, .. } => serde_json::json!([question]),
        Body::FormFilling {
            form,
            question,
            model,
            ..
        } => serde_json::json!([form, question, model]),
    };
    let all = serde_json::json!([body.kind(), title, intro, scored]);
    sha256_hex(all.to_string().as_bytes())[..12].to_string()
}

/// A fixed shuffle of `0..n` from the exercise id and a salt: the same order on every build
/// and device, never the identity (a list shown already in order would be no exercise).
pub fn shuffled(id: &str, salt: &str, n: usize) -> Vec<usize> {
    let mut order: Vec<(String, usize)> = (0..n)
        .map(|i| (sha256_hex(format!("{id}\u{0}{salt}\u{0}{i}").as_bytes()), i))
        .collect();
    order.sort();
    let mut order: Vec<usize> = order.into_iter().map(|(_, i)| i).collect();
    if n > 1 && order.iter().enumerate().all(|(at, &i)| at == i) {
        order.rotate_left(1);
    }
    order
}

// ---- Longitudinal cases -----------------------------------------------------------------------

/// The file listing longitudinal cases, in the exercises folder.
pub const CASES_FILE: &str = "kasus.toml";

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Case {
    pub id: String,
    pub title: String,
    /// Chapter relative to `src/`.
    pub page: PathBuf,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCases {
    #[serde(default)]
    kasus: Vec<RawCase>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCase {
    id: Spanned<String>,
    judul: Spanned<String>,
    halaman: Spanned<String>,
}

/// Reads `exercises/kasus.toml` (absent: no cases) and checks that each case's page is a
/// chapter of the book. Cases with a problem are still returned, so exercises naming them
/// get no second, misleading error.
pub fn load_cases(dir: &Path, chapters: &ChapterIndex) -> (Vec<Case>, Diagnostics) {
    let path = dir.join(CASES_FILE);
    if !path.is_file() {
        return (Vec::new(), Diagnostics::default());
    }
    let file = match SourceFile::read(&path) {
        Ok(file) => file,
        Err(d) => return (Vec::new(), Diagnostics(vec![d])),
    };
    let raw: RawCases = match toml::from_str(&file.text) {
        Ok(raw) => raw,
        Err(err) => {
            return (
                Vec::new(),
                Diagnostics(vec![from_toml_error(
                    &file,
                    0,
                    &err,
                    "tulis [[kasus]] dengan id, judul dan halaman",
                )]),
            );
        }
    };
    let mut r = Reader {
        file: &file,
        problems: Diagnostics::default(),
    };
    let mut cases: Vec<Case> = Vec::new();
    for c in &raw.kasus {
        let id = c.id.get_ref().trim().to_string();
        if !crate::program::is_slug(&id) {
            r.error(
                c.id.span(),
                format!("id kasus `{id}` tidak sah"),
                "tulis id dengan huruf kecil, angka dan tanda hubung, misalnya \"darto\"",
            );
        } else if cases.iter().any(|k| k.id == id) {
            r.error(
                c.id.span(),
                format!("id kasus `{id}` tertulis dua kali"),
                "setiap [[kasus]] harus mempunyai id yang unik",
            );
        }
        let title = r.text(&c.judul, "judul");
        let page = crate::session::normalize(Path::new(c.halaman.get_ref().trim()));
        if !chapters.chapters.contains(&page) {
            let known: Vec<String> = chapters
                .chapters
                .iter()
                .map(|p| p.display().to_string())
                .collect();
            r.error(
                c.halaman.span(),
                format!("halaman kasus `{}` tidak ada di SUMMARY.md", page.display()),
                format!(
                    "tulis berkas bab relatif terhadap book/src; {}",
                    suggestion(
                        &page.display().to_string(),
                        known.iter().map(String::as_str),
                        "bab"
                    )
                ),
            );
        }
        cases.push(Case { id, title, page });
    }
    (cases, r.problems)
}

// ---- The whole set ----------------------------------------------------------------------------

/// Parses every exercise of the catalog; files that fail are left out, their problems returned.
pub fn load_all(catalog: &crate::catalog::Catalog) -> (BTreeMap<String, Exercise>, Diagnostics) {
    let mut exercises = BTreeMap::new();
    let mut problems = Diagnostics::default();
    for entry in catalog.entries.values() {
        let file = match SourceFile::read(&entry.path) {
            Ok(file) => file,
            Err(d) => {
                problems.push(d);
                continue;
            }
        };
        // Broken TOML was already reported by the catalog.
        if file.text.parse::<toml::Table>().is_err() {
            continue;
        }
        match load(&entry.id, &file) {
            Ok(exercise) => {
                exercises.insert(entry.id.clone(), exercise);
            }
            Err(d) => problems.extend(d),
        }
    }
    (exercises, problems)
}

/// Sessions, topics, cases and forms that exercises name must exist.
pub fn check_references(
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

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "judul = \"Latihan\"\nsesi = \"1-1\"\n";

    fn parse(body: &str) -> Result<Exercise, String> {
        let text = format!("{HEAD}{body}");
        load("a-1", &SourceFile::new("a-1.toml", text)).map_err(|d| d.to_string())
    }

    fn error(body: &str) -> String {
        match parse(body) {
            Ok(e) => panic!("expected an error, parsed {:?}", e.body),
            Err(text) => text,
        }
    }

    const SINGLE: &str = "jenis = \"pilihan-ganda\"\npertanyaan = \"Apa?\"\n\
        [[pilihan]]\nteks = \"A\"\nbenar = true\numpan_balik = \"ya\"\n\
        [[pilihan]]\nteks = \"B\"\nbenar = false\numpan_balik = \"tidak\"\n";

    const SCENARIO: &str = "jenis = \"studi-kasus\"\nmulai = \"awal\"\n\
        [[simpul]]\nid = \"awal\"\nsituasi = \"S\"\n\
        [[simpul.pilihan]]\nteks = \"a\"\nakibat = \"x\"\nlanjut = \"tengah\"\n\
        [[simpul.pilihan]]\nteks = \"b\"\nakibat = \"y\"\nlanjut = \"buruk\"\n\
        [[simpul]]\nid = \"tengah\"\nsituasi = \"T\"\n\
        [[simpul.pilihan]]\nteks = \"c\"\nakibat = \"z\"\nlanjut = \"baik\"\n\
        [[simpul.pilihan]]\nteks = \"d\"\nakibat = \"w\"\nlanjut = \"awal\"\n\
        [[simpul]]\nid = \"baik\"\nsituasi = \"B\"\nakhir = \"baik\"\npembahasan = \"P\"\n\
        [[simpul]]\nid = \"buruk\"\nsituasi = \"K\"\nakhir = \"kurang\"\npembahasan = \"Q\"\n";

    #[test]
    fn every_kind_parses() {
        let bodies = [
            SINGLE.to_string(),
            SINGLE.replace("pilihan-ganda", "pilihan-jamak"),
            "jenis = \"benar-salah\"\n[[pernyataan]]\nteks = \"X\"\nbenar = false\numpan_balik = \"u\"\n".into(),
            "jenis = \"urutkan\"\npertanyaan = \"U\"\nlangkah = [\"a\", \"b\", \"c\"]\numpan_balik = \"u\"\n".into(),
            "jenis = \"jodohkan\"\npertanyaan = \"J\"\n[[pasangan]]\nkiri = \"a\"\nkanan = \"1\"\n[[pasangan]]\nkiri = \"b\"\nkanan = \"2\"\n[[pasangan]]\nkiri = \"c\"\nkanan = \"3\"\numpan_balik = \"u\"\n".into(),
            "jenis = \"isian-singkat\"\npertanyaan = \"I\"\njawaban = [\"asesmen\"]\numpan_balik_benar = \"b\"\numpan_balik_salah = \"s\"\n".into(),
            SCENARIO.to_string(),
            "jenis = \"refleksi\"\npertanyaan = \"R\"\n".into(),
            "jenis = \"isi-formulir\"\nformulir = \"f\"\npertanyaan = \"F\"\n[jawaban_model]\nnama = \"D\"\numur = 45\npilihan = [\"a\", \"b\"]\n[[jawaban_model.minggu]]\nmasalah = \"m1\"\n[[jawaban_model.minggu]]\nmasalah = \"m2\"\n".into(),
        ];
        for (body, kind) in bodies.iter().zip(Kind::ALL) {
            let e = parse(body).unwrap_or_else(|e| panic!("{}: {e}", kind.name()));
            assert_eq!(e.kind(), kind);
            assert_eq!(e.hash.len(), 12);
        }
        let form = parse(&bodies[8]).expect("form");
        let Body::FormFilling { model, .. } = &form.body else {
            panic!("form body")
        };
        let names: Vec<&str> = model.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            names,
            ["nama", "umur", "pilihan", "minggu"],
            "file order kept"
        );
        assert_eq!(model[1].1, ModelValue::Text("45".into()));
        assert!(matches!(&model[3].1, ModelValue::Rows(rows) if rows.len() == 2));
        let reflection = parse(&bodies[7]).expect("refleksi");
        assert!(matches!(reflection.body, Body::Reflection { lines: 6, .. }));
    }

    #[test]
    fn bad_files_get_messages_with_place_and_fix() {
        let cases: &[(&str, &[&str])] = &[
            (
                "jenis = \"pilihan-gandaa\"\n",
                &[
                    "a-1.toml:3:9: jenis latihan `pilihan-gandaa` tidak dikenal",
                    "maksud Anda `pilihan-ganda`?",
                ],
            ),
            (
                &SINGLE.replace("benar = false", "benar = true"),
                &[
                    "a-1.toml:11:9: pilihan-ganda harus mempunyai tepat satu pilihan benar, tetapi ada 2",
                ],
            ),
            (
                &SINGLE.replace("benar = true", "benar = false"),
                &["a-1.toml:5:1: pilihan-ganda tidak mempunyai pilihan yang benar"],
            ),
            (
                &SINGLE
                    .replace("pilihan-ganda", "pilihan-jamak")
                    .replace("benar = false", "benar = true"),
                &["semua pilihan pilihan-jamak bernilai benar"],
            ),
            (
                &SINGLE.replace("umpan_balik = \"tidak\"\n", ""),
                &["a-1.toml:9:1: kolom `umpan_balik` wajib diisi tetapi tidak ada"],
            ),
            (
                &format!("langkah = [\"a\"]\n{SINGLE}"),
                &[
                    "a-1.toml:3:11: kolom `langkah` tidak dipakai oleh latihan jenis `pilihan-ganda`",
                    "`langkah` dipakai oleh urutkan",
                ],
            ),
            (
                "jenis = \"urutkan\"\npertanyaan = \"U\"\nlangkah = [\"a\", \"b\"]\n",
                &[
                    "a-1.toml:5:11: urutkan memerlukan paling sedikit 3 langkah, tertulis 2",
                    "a-1.toml:3:9: latihan jenis `urutkan` memerlukan kolom `umpan_balik`",
                ],
            ),
            (
                "jenis = \"urutkan\"\npertanyaan = \"U\"\nlangkah = [\"a\", \"b\", \"A\"]\numpan_balik = \"u\"\n",
                &["a-1.toml:5:22: `langkah` “A” tertulis dua kali (juga di baris 5)"],
            ),
            (
                "jenis = \"jodohkan\"\npertanyaan = \"J\"\n[[pasangan]]\nkiri = \"a\"\nkanan = \"1\"\n[[pasangan]]\nkiri = \"b\"\nkanan = \"1\"\n[[pasangan]]\nkiri = \"c\"\nkanan = \"3\"\n",
                &["a-1.toml:10:9: `kanan` “1” tertulis dua kali (juga di baris 7)"],
            ),
            (
                "jenis = \"isian-singkat\"\npertanyaan = \"I\"\njawaban = [\"?!\"]\numpan_balik_benar = \"b\"\numpan_balik_salah = \"s\"\n",
                &["a-1.toml:5:12: jawaban tanpa huruf atau angka"],
            ),
            (
                "jenis = \"refleksi\"\npertanyaan = \"  \"\nbaris = 0\n",
                &[
                    "a-1.toml:4:14: `pertanyaan` kosong",
                    "a-1.toml:5:9: jumlah baris 0 tidak sah",
                ],
            ),
            (
                "jenis = \"isi-formulir\"\nformulir = \"f\"\npertanyaan = \"F\"\n[jawaban_model]\nnama = { a = 1 }\n[umpan_balik_kolom]\nnma = \"x\"\n",
                &[
                    "a-1.toml:7:8: nilai jawaban model untuk `nama` tidak sah",
                    "a-1.toml:9:1: umpan balik untuk kolom `nma` yang tidak ada di jawaban_model",
                ],
            ),
            (
                &SCENARIO.replace("lanjut = \"buruk\"", "lanjut = \"burk\""),
                &[
                    "a-1.toml:15:10: `lanjut` menuju simpul `burk` yang tidak ada",
                    "maksud Anda `buruk`?",
                ],
            ),
            (
                &SCENARIO.replace("lanjut = \"buruk\"", "lanjut = \"baik\""),
                &["a-1.toml:33:6: simpul `buruk` tidak dapat dicapai dari simpul awal `awal`"],
            ),
            (
                &SCENARIO
                    .replace("lanjut = \"baik\"", "lanjut = \"tengah\"")
                    .replace("lanjut = \"awal\"", "lanjut = \"tengah\""),
                &[
                    "a-1.toml:17:6: dari simpul `tengah` tidak ada jalan menuju akhir",
                    "simpul `baik` tidak dapat dicapai",
                ],
            ),
            (
                &SCENARIO.replace("akhir = \"baik\"\n", ""),
                &[
                    "a-1.toml:30:14: simpul `baik` bukan akhir, tetapi mempunyai pembahasan",
                    "a-1.toml:28:6: simpul `baik` buntu",
                ],
            ),
            (
                &SCENARIO.replace("akhir = \"baik\"", "akhir = \"cukup\""),
                &["skenario tidak mempunyai akhir \"baik\" yang dapat dicapai"],
            ),
            (
                &SCENARIO.replace("akhir = \"baik\"", "akhir = \"bagus\""),
                &["nilai `bagus` tidak dikenal; pilihan: baik, cukup, kurang"],
            ),
            (
                &SCENARIO.replace("pembahasan = \"P\"\n", ""),
                &["a-1.toml:30:9: simpul akhir `baik` tidak mempunyai pembahasan"],
            ),
            (
                &SCENARIO.replace("mulai = \"awal\"", "mulai = \"mula\""),
                &["a-1.toml:4:9: simpul awal `mula` tidak ada"],
            ),
            (
                &SCENARIO.replace("id = \"tengah\"", "id = \"awal\""),
                &["id simpul `awal` sudah dipakai di baris 6"],
            ),
        ];
        for (body, expected) in cases {
            let text = error(body);
            for wanted in *expected {
                assert!(text.contains(wanted), "expected `{wanted}` in:\n{text}");
            }
            assert!(text.contains("cara memperbaiki:"), "{text}");
        }
    }

    #[test]
    fn a_node_with_one_choice_is_reported() {
        let body = SCENARIO.replace(
            "[[simpul.pilihan]]\nteks = \"d\"\nakibat = \"w\"\nlanjut = \"awal\"\n",
            "",
        );
        assert!(error(&body).contains("simpul `tengah` hanya mempunyai satu pilihan"));
        let body = SCENARIO.replace(
            "pembahasan = \"P\"\n",
            "pembahasan = \"P\"\n[[simpul.pilihan]]\nteks = \"e\"\nakibat = \"v\"\nlanjut = \"awal\"\n",
        );
        assert!(error(&body).contains("simpul akhir `baik` tidak boleh mempunyai pilihan"));
    }

    #[test]
    fn the_hash_follows_the_question_not_the_feedback() {
        let base = parse(SINGLE).expect("parses");
        let feedback =
            parse(&SINGLE.replace("umpan_balik = \"ya\"", "umpan_balik = \"ya, benar\""))
                .expect("parses");
        let note =
            parse(&format!("catatan_fasilitator = \"diskusikan\"\n{SINGLE}")).expect("parses");
        let question = parse(&SINGLE.replace("Apa?", "Apa itu?")).expect("parses");
        let key = parse(&SINGLE.replace("teks = \"B\"", "teks = \"C\"")).expect("parses");
        assert_eq!(base.hash, feedback.hash);
        assert_eq!(base.hash, note.hash);
        assert_ne!(base.hash, question.hash);
        assert_ne!(base.hash, key.hash);
    }

    #[test]
    fn shuffles_are_fixed_and_never_the_identity() {
        for n in 2..9 {
            for id in ["1-4-a", "1-4-b", "x"] {
                let order = shuffled(id, "urutkan", n);
                assert_eq!(order, shuffled(id, "urutkan", n), "deterministic");
                assert_ne!(order, (0..n).collect::<Vec<_>>(), "{id} {n}");
                let mut sorted = order.clone();
                sorted.sort_unstable();
                assert_eq!(sorted, (0..n).collect::<Vec<_>>(), "a permutation");
            }
        }
    }

    #[test]
    fn scenario_order_and_best_path() {
        let e = parse(SCENARIO).expect("parses");
        let Body::Scenario { start, nodes } = &e.body else {
            panic!("scenario")
        };
        let order: Vec<&str> = node_order(start, nodes)
            .into_iter()
            .map(|i| nodes[i].id.as_str())
            .collect();
        assert_eq!(order, ["awal", "tengah", "buruk", "baik"]);
        let path: Vec<(&str, &str)> = best_path(start, nodes)
            .into_iter()
            .map(|(n, c)| (nodes[n].id.as_str(), nodes[n].choices[c].text.as_str()))
            .collect();
        assert_eq!(path, [("awal", "a"), ("tengah", "c")]);
    }

    #[test]
    fn cases_need_a_page_in_the_book() {
        let dir = tempfile::tempdir().expect("temp");
        std::fs::write(
            dir.path().join(CASES_FILE),
            "[[kasus]]\nid = \"darto\"\njudul = \"Pak Darto\"\nhalaman = \"kasus.md\"\n",
        )
        .expect("write");
        let mut index = ChapterIndex::default();
        let (cases, problems) = load_cases(dir.path(), &index);
        assert_eq!(
            cases.len(),
            1,
            "kept, so exercises naming it get no second error"
        );
        assert!(
            problems
                .to_string()
                .contains("kasus.toml:4:11: halaman kasus `kasus.md` tidak ada di SUMMARY.md"),
            "{problems}"
        );
        index.chapters.insert(PathBuf::from("kasus.md"));
        let (cases, problems) = load_cases(dir.path(), &index);
        assert!(problems.is_empty(), "{problems}");
        assert_eq!(cases[0].title, "Pak Darto");
    }
}
