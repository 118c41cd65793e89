//! The knowledge test's item bank (`book/data/tes.toml`): loading, checks of each item, and the
//! checks against the sessions (every item names a session and one of its learning objectives,
//! every session has enough items) and across the bank (case vignettes, balanced keys).
//!
//! ```toml
//! judul = "Tes Pengetahuan"
//! [[butir]]
//! id = "1-4-tujuan-terukur"
//! sesi = "1-4"
//! tujuan = "Menyusun rencana pelayanan berdasarkan hasil asesmen"   # as in the session record
//! tingkat = "penerapan"        # ingatan, pemahaman, penerapan or analisis
//! jenis = "tunggal"            # tunggal (one answer) or ganda (every correct answer)
//! kasus = "Pak Amir …"         # optional: the vignette the question applies knowledge to
//! soal = "Rumusan tujuan manakah …?"
//! [[butir.pilihan]]
//! teks = "…"
//! benar = true
//! penjelasan = "…"             # why this option is right or wrong, shown after the post-test
//! ```

use crate::content::is_slug;
use crate::diagnostic::{Diagnostic, Diagnostics, SourceFile, from_toml_error, suggestion};
use crate::session::Session;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;
use toml::Spanned;

pub(crate) const FILE_NAME: &str = "tes.toml";
/// Every session needs at least this many items.
pub(crate) const MIN_PER_SESSION: usize = 3;
/// At least this share of the items are case vignettes (percent).
pub(crate) const MIN_CASE_PERCENT: usize = 60;
/// No option letter holds more than this share of the keys (percent).
pub(crate) const MAX_KEY_PERCENT: usize = 35;
const LEVELS: &[&str] = &["ingatan", "pemahaman", "penerapan", "analisis"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BankRecord {
    judul: Spanned<String>,
    #[serde(default)]
    petunjuk: Option<Spanned<String>>,
    #[serde(default)]
    butir: Vec<Spanned<ItemRecord>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ItemRecord {
    id: Spanned<String>,
    sesi: Spanned<String>,
    tujuan: Spanned<String>,
    tingkat: Spanned<String>,
    jenis: Spanned<String>,
    kasus: Option<Spanned<String>>,
    soal: Spanned<String>,
    #[serde(default)]
    pilihan: Vec<Spanned<OptionRecord>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OptionRecord {
    teks: Spanned<String>,
    #[serde(default)]
    benar: bool,
    penjelasan: Spanned<String>,
}

/// One answer option.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub(crate) struct Choice {
    pub(crate) text: String,
    pub(crate) correct: bool,
    pub(crate) explanation: String,
}

/// One item of the bank.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub(crate) struct Item {
    pub(crate) id: String,
    pub(crate) session: String,
    pub(crate) objective: String,
    /// Index of the objective in the session's `tujuan` (set by [`Bank::check`]).
    pub(crate) objective_index: usize,
    pub(crate) level: String,
    /// Every correct option must be chosen (`ganda`), else exactly one is correct.
    pub(crate) multiple: bool,
    pub(crate) case: Option<String>,
    pub(crate) question: String,
    pub(crate) choices: Vec<Choice>,
    #[serde(skip)]
    spans: ItemSpans,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct ItemSpans {
    id: Range<usize>,
    session: Range<usize>,
    objective: Range<usize>,
}

impl Item {
    /// Indices of the correct options.
    pub(crate) fn key(&self) -> Vec<usize> {
        self.choices
            .iter()
            .enumerate()
            .filter(|(_, c)| c.correct)
            .map(|(i, _)| i)
            .collect()
    }
}

/// The validated bank, in the order of the file (the order of both tests).
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct Bank {
    pub(crate) title: String,
    pub(crate) instructions: String,
    pub(crate) items: Vec<Item>,
    /// Covers what is asked and scored, so a stored result from another version of the bank
    /// is recognised.
    pub(crate) hash: String,
    #[serde(skip)]
    file: Option<SourceFile>,
}

/// Option letters: A, B, C …
pub(crate) fn letter(index: usize) -> char {
    char::from(b'A' + u8::try_from(index % 26).unwrap_or(0))
}

impl Bank {
    /// Loads `tes.toml` from the data folder; `None` when the book has no test.
    pub(crate) fn load(data_dir: &Path) -> Result<Option<Bank>, Diagnostics> {
        let path = data_dir.join(FILE_NAME);
        if !path.exists() {
            return Ok(None);
        }
        let file = SourceFile::read(&path).map_err(|d| Diagnostics(vec![d]))?;
        Bank::parse(&file).map(Some)
    }

    pub(crate) fn parse(file: &SourceFile) -> Result<Bank, Diagnostics> {
        let help = "lihat contoh di book/data/tes.toml: judul, lalu [[butir]] dengan id, sesi, tujuan, tingkat, jenis, soal dan [[butir.pilihan]] (teks, benar, penjelasan)";
        let record: BankRecord = toml::from_str(&file.text)
            .map_err(|err| Diagnostics(vec![from_toml_error(file, 0, &err, help)]))?;
        let mut problems = Diagnostics::default();
        if record.judul.get_ref().trim().is_empty() {
            problems.push(file.error(
                record.judul.span(),
                "judul tes kosong",
                "tulis misalnya judul = \"Tes Pengetahuan\"",
            ));
        }
        if record.butir.is_empty() {
            problems.push(Diagnostic::file(
                &file.path,
                "bank soal tanpa [[butir]]",
                "tambahkan butir soal; setiap sesi memerlukan sedikitnya 3 butir",
            ));
        }
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        let mut items = Vec::new();
        for record in &record.butir {
            if let Some(item) = item(file, record.get_ref(), &mut problems) {
                if let Some(line) =
                    seen.insert(item.id.clone(), file.location(item.spans.id.start).0)
                {
                    problems.push(file.error(
                        item.spans.id.clone(),
                        format!("id butir `{}` sudah dipakai di baris {line}", item.id),
                        "setiap butir harus mempunyai id yang unik",
                    ));
                }
                items.push(item);
            }
        }
        problems.into_result()?;
        let hash = content_hash(&items);
        Ok(Bank {
            title: record.judul.get_ref().trim().to_string(),
            instructions: record
                .petunjuk
                .as_ref()
                .map(|p| p.get_ref().trim().to_string())
                .unwrap_or_default(),
            items,
            hash,
            file: Some(file.clone()),
        })
    }

    /// Items of one session, in bank order.
    pub(crate) fn for_session<'a>(&'a self, code: &'a str) -> impl Iterator<Item = &'a Item> {
        self.items.iter().filter(move |i| i.session == code)
    }

    /// The bank against the book: each item's session and objective exist (and the objective's
    /// index is recorded), every session has enough items, enough items are case vignettes,
    /// and the keys are spread over the letters.
    pub(crate) fn check(&mut self, sessions: &[Session]) -> Diagnostics {
        let mut problems = Diagnostics::default();
        let Some(file) = self.file.clone() else {
            return problems;
        };
        let codes: Vec<&str> = sessions.iter().map(|s| s.code.as_str()).collect();
        for item in &mut self.items {
            let Some(session) = sessions.iter().find(|s| s.code == item.session) else {
                problems.push(file.error(
                    item.spans.session.clone(),
                    format!("sesi `{}` tidak ada di buku", item.session),
                    format!(
                        "tulis kode sesi yang ada; {}",
                        suggestion(&item.session, codes.iter().copied(), "sesi")
                    ),
                ));
                continue;
            };
            match session.objectives.iter().position(|o| *o == item.objective) {
                Some(index) => item.objective_index = index,
                None => problems.push(file.error(
                    item.spans.objective.clone(),
                    format!(
                        "tujuan `{}` bukan tujuan pembelajaran sesi {}",
                        item.objective, item.session
                    ),
                    format!(
                        "salin salah satu `tujuan` dari {} persis; {}",
                        Path::new("book/src").join(&session.chapter).display(),
                        suggestion(
                            &item.objective,
                            session.objectives.iter().map(String::as_str),
                            "tujuan"
                        )
                    ),
                )),
            }
        }
        for session in sessions {
            let count = self.for_session(&session.code).count();
            if count < MIN_PER_SESSION {
                let message = format!(
                    "sesi {} hanya mempunyai {count} butir soal; setiap sesi memerlukan sedikitnya {MIN_PER_SESSION}",
                    session.code
                );
                let help = format!(
                    "tambahkan {} [[butir]] dengan sesi = \"{}\"",
                    MIN_PER_SESSION - count,
                    session.code
                );
                // At the session of its first item, or the whole file when it has none.
                problems.push(match self.for_session(&session.code).next() {
                    Some(first) => file.error(first.spans.session.clone(), message, help),
                    None => Diagnostic::file(&file.path, message, help),
                });
            }
        }
        let total = self.items.len();
        let cases = self.items.iter().filter(|i| i.case.is_some()).count();
        if total > 0 && cases * 100 < total * MIN_CASE_PERCENT {
            problems.push(Diagnostic::file(
                &file.path,
                format!(
                    "hanya {cases} dari {total} butir berupa kasus singkat; sedikitnya {MIN_CASE_PERCENT}% harus menerapkan pengetahuan pada kasus"
                ),
                "tambahkan `kasus` (situasi singkat dengan tokoh rekaan) pada butir yang kini hanya menanyakan hafalan",
            ));
        }
        let mut per_letter: BTreeMap<char, Vec<&str>> = BTreeMap::new();
        let mut keys = 0;
        for item in &self.items {
            for index in item.key() {
                per_letter.entry(letter(index)).or_default().push(&item.id);
                keys += 1;
            }
        }
        for (letter, ids) in &per_letter {
            if keys > 0 && ids.len() * 100 > keys * MAX_KEY_PERCENT {
                problems.push(Diagnostic::file(
                    &file.path,
                    format!(
                        "kunci jawaban {letter} dipakai {} dari {keys} kali ({}%); paling banyak {MAX_KEY_PERCENT}% per huruf",
                        ids.len(),
                        ids.len() * 100 / keys
                    ),
                    format!(
                        "pindahkan jawaban benar beberapa butir ke huruf lain (ubah urutan [[butir.pilihan]]); butir dengan kunci {letter}: {}",
                        ids.join(", ")
                    ),
                ));
            }
        }
        problems
    }
}

fn item(file: &SourceFile, record: &ItemRecord, problems: &mut Diagnostics) -> Option<Item> {
    let id = record.id.get_ref().trim().to_string();
    if !is_slug(&id) {
        problems.push(file.error(
            record.id.span(),
            format!("id butir `{id}` tidak sah"),
            "gunakan huruf kecil, angka dan tanda hubung, misalnya `1-4-tujuan-terukur`",
        ));
    }
    let level = record.tingkat.get_ref().trim().to_string();
    if !LEVELS.contains(&level.as_str()) {
        problems.push(file.error(
            record.tingkat.span(),
            format!("tingkat `{level}` tidak dikenal"),
            format!(
                "tulis salah satu dari {}; {}",
                LEVELS.join(", "),
                suggestion(&level, LEVELS.iter().copied(), "tingkat")
            ),
        ));
    }
    let multiple = match record.jenis.get_ref().trim() {
        "tunggal" => false,
        "ganda" => true,
        other => {
            problems.push(file.error(
                record.jenis.span(),
                format!("jenis butir `{other}` tidak dikenal"),
                "tulis \"tunggal\" (satu jawaban benar) atau \"ganda\" (pilih semua yang benar)",
            ));
            false
        }
    };
    let non_empty = |field: &Spanned<String>, name: &str, problems: &mut Diagnostics| {
        if field.get_ref().trim().is_empty() {
            problems.push(file.error(
                field.span(),
                format!("`{name}` butir `{id}` kosong"),
                format!("tulis {name}nya"),
            ));
        }
        field.get_ref().trim().to_string()
    };
    let question = non_empty(&record.soal, "soal", problems);
    let case = record
        .kasus
        .as_ref()
        .map(|k| non_empty(k, "kasus", problems));
    let choices: Vec<Choice> = record
        .pilihan
        .iter()
        .map(|c| {
            let c = c.get_ref();
            Choice {
                text: non_empty(&c.teks, "teks", problems),
                correct: c.benar,
                explanation: non_empty(&c.penjelasan, "penjelasan", problems),
            }
        })
        .collect();
    let correct = choices.iter().filter(|c| c.correct).count();
    if !(3..=5).contains(&choices.len()) {
        problems.push(file.error(
            record.id.span(),
            format!("butir `{id}` mempunyai {} pilihan", choices.len()),
            "tulis 3 sampai 5 [[butir.pilihan]]",
        ));
    } else if !multiple && correct != 1 {
        problems.push(file.error(
            record.jenis.span(),
            format!("butir tunggal `{id}` mempunyai {correct} jawaban benar"),
            "tandai tepat satu pilihan dengan benar = true, atau jadikan jenis = \"ganda\"",
        ));
    } else if multiple && (correct < 2 || correct == choices.len()) {
        problems.push(file.error(
            record.jenis.span(),
            format!(
                "butir ganda `{id}` mempunyai {correct} dari {} jawaban benar",
                choices.len()
            ),
            "butir ganda memerlukan sedikitnya dua jawaban benar dan satu yang salah; bila hanya satu yang benar, jadikan jenis = \"tunggal\"",
        ));
    }
    Some(Item {
        spans: ItemSpans {
            id: record.id.span(),
            session: record.sesi.span(),
            objective: record.tujuan.span(),
        },
        id,
        session: record.sesi.get_ref().trim().to_string(),
        objective: record.tujuan.get_ref().trim().to_string(),
        objective_index: 0,
        level,
        multiple,
        case,
        question,
        choices,
    })
}

/// What a participant sees and how it is scored, in order.
fn content_hash(items: &[Item]) -> String {
    let scored: Vec<_> = items
        .iter()
        .map(|i| {
            serde_json::json!([
                i.id,
                i.case,
                i.question,
                i.multiple,
                i.choices
                    .iter()
                    .map(|c| (&c.text, c.correct))
                    .collect::<Vec<_>>()
            ])
        })
        .collect();
    let text = serde_json::to_string(&scored).unwrap_or_default();
    Sha256::digest(text.as_bytes())
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ITEM: &str = "[[butir]]\nid = \"b1\"\nsesi = \"1-1\"\ntujuan = \"Menjelaskan pengertian\"\ntingkat = \"penerapan\"\njenis = \"tunggal\"\nkasus = \"Pak A\"\nsoal = \"Apa?\"\n[[butir.pilihan]]\nteks = \"x\"\nbenar = true\npenjelasan = \"ya\"\n[[butir.pilihan]]\nteks = \"y\"\npenjelasan = \"tidak\"\n[[butir.pilihan]]\nteks = \"z\"\npenjelasan = \"tidak\"\n";

    fn bank(text: &str) -> Result<Bank, Diagnostics> {
        Bank::parse(&SourceFile::new("tes.toml", text))
    }

    #[test]
    fn parses_items_and_keys() {
        let b = bank(&format!("judul = \"Tes\"\n{ITEM}")).expect("valid");
        assert_eq!(b.items[0].key(), vec![0]);
        assert_eq!(b.items[0].case.as_deref(), Some("Pak A"));
        assert_eq!(b.hash.len(), 16);
    }

    #[test]
    fn single_choice_needs_one_key() {
        let text = format!("judul = \"Tes\"\n{}", ITEM.replace("benar = true\n", ""));
        let all = bank(&text).expect_err("invalid").to_string();
        assert!(
            all.contains("tes.toml:7:9: butir tunggal `b1` mempunyai 0 jawaban benar"),
            "{all}"
        );
    }

    #[test]
    fn letters() {
        assert_eq!(letter(0), 'A');
        assert_eq!(letter(3), 'D');
    }
}
