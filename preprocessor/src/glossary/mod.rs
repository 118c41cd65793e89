//! The glossary (Daftar Istilah): `book/data/istilah.toml`. It renders the glossary page
//! (`{{#istilah}}`), links the first occurrence of each term on every other page to its entry,
//! and feeds the search engine's synonyms.
//!
//! ```toml
//! [[istilah]]
//! istilah = "KK"                       # as written in running text
//! kepanjangan = "konferensi kasus"     # abbreviations only
//! definisi = "Forum pembahasan kasus klien oleh tim rehabilitasi …"
//! sesi = "1-2"                         # where it is taught
//! topik = "Konferensi Kasus"           # optional: topic title within that session
//! sinonim = ["case conference"]        # true equivalents only
//! ```

pub(crate) mod html;
mod links;

use crate::diagnostic::{Diagnostics, SourceFile, from_toml_error, suggestion};
use crate::session::Session;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;
use toml::Spanned;

pub(crate) const FILE_NAME: &str = "istilah.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileRecord {
    istilah: Vec<Spanned<TermRecord>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TermRecord {
    istilah: Spanned<String>,
    #[serde(default)]
    kepanjangan: Option<Spanned<String>>,
    definisi: Spanned<String>,
    sesi: Spanned<String>,
    #[serde(default)]
    topik: Option<Spanned<String>>,
    #[serde(default)]
    sinonim: Vec<Spanned<String>>,
}

/// One glossary entry, validated.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub(crate) struct Term {
    pub(crate) term: String,
    pub(crate) expansion: Option<String>,
    pub(crate) definition: String,
    pub(crate) session: String,
    pub(crate) topic: Option<String>,
    pub(crate) synonyms: Vec<String>,
    /// Fragment id of the entry on the glossary page.
    pub(crate) anchor: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Glossary {
    pub(crate) terms: Vec<Term>,
}

/// Where a term's record sits, for messages that need the sessions (known only later).
#[derive(Debug, Clone)]
pub struct Spans {
    file: SourceFile,
    session: Vec<Range<usize>>,
    topic: Vec<Option<Range<usize>>>,
}

impl Glossary {
    /// Reads the glossary; a book without `istilah.toml` has an empty one.
    pub fn load(data_dir: &Path) -> Result<(Glossary, Option<Spans>), Diagnostics> {
        let path = data_dir.join(FILE_NAME);
        if !path.exists() {
            return Ok((Glossary::default(), None));
        }
        let file = SourceFile::read(&path).map_err(|d| Diagnostics(vec![d]))?;
        let help = "setiap [[istilah]] berisi istilah, definisi, sesi, dan bila perlu kepanjangan, topik dan sinonim; lihat book/PANDUAN-PENYUNTING.md";
        let record: FileRecord = toml::from_str(&file.text)
            .map_err(|err| Diagnostics(vec![from_toml_error(&file, 0, &err, help)]))?;
        let mut problems = Diagnostics::default();
        let mut terms = Vec::new();
        let mut spans = Spans {
            file: file.clone(),
            session: Vec::new(),
            topic: Vec::new(),
        };
        // Every spelling that points at an entry: a second entry for the same words would
        // make links and search synonyms ambiguous.
        let mut seen: BTreeMap<String, String> = BTreeMap::new();
        for entry in &record.istilah {
            let entry = entry.get_ref();
            let term = entry.istilah.get_ref().trim().to_string();
            let definition = entry.definisi.get_ref().trim().to_string();
            if term.is_empty() || term.chars().any(|c| c.is_control()) {
                problems.push(file.error(
                    entry.istilah.span(),
                    "istilah kosong",
                    "tulis istilah seperti tertulis di teks, misalnya \"asesmen\" atau \"KK\"",
                ));
                continue;
            }
            if definition.is_empty() {
                problems.push(file.error(
                    entry.definisi.span(),
                    format!("definisi istilah `{term}` kosong"),
                    "tulis definisi singkat (1–2 kalimat) berdasarkan teks modul",
                ));
            }
            let mut names = vec![(term.clone(), entry.istilah.span())];
            names.extend(
                entry
                    .sinonim
                    .iter()
                    .map(|s| (s.get_ref().trim().to_string(), s.span())),
            );
            for (name, span) in names {
                let key = name.to_lowercase();
                if let Some(owner) = seen.get(&key) {
                    problems.push(file.error(
                        span,
                        format!("`{name}` sudah dipakai oleh istilah `{owner}`"),
                        "satu istilah atau sinonim hanya boleh muncul sekali; gabungkan kedua entri",
                    ));
                } else {
                    seen.insert(key, term.clone());
                }
            }
            spans.session.push(entry.sesi.span());
            spans.topic.push(entry.topik.as_ref().map(|t| t.span()));
            terms.push(Term {
                anchor: anchor(&term),
                term,
                expansion: entry
                    .kepanjangan
                    .as_ref()
                    .map(|k| k.get_ref().trim().to_string()),
                definition,
                session: entry.sesi.get_ref().trim().to_string(),
                topic: entry.topik.as_ref().map(|t| t.get_ref().trim().to_string()),
                synonyms: entry
                    .sinonim
                    .iter()
                    .map(|s| s.get_ref().trim().to_string())
                    .collect(),
            });
        }
        problems.into_result()?;
        Ok((Glossary { terms }, Some(spans)))
    }

    /// Every entry names a session of the book, and a topic of that session if it names one.
    pub(crate) fn check_sessions(&self, spans: &Spans, sessions: &[Session]) -> Diagnostics {
        let mut problems = Diagnostics::default();
        let codes: Vec<&str> = sessions.iter().map(|s| s.code.as_str()).collect();
        for (i, term) in self.terms.iter().enumerate() {
            let Some(session) = sessions.iter().find(|s| s.code == term.session) else {
                problems.push(spans.file.error(
                    spans.session[i].clone(),
                    format!("sesi `{}` tidak ada di buku", term.session),
                    format!(
                        "tulis kode sesi tempat istilah ini diajarkan; {}",
                        suggestion(&term.session, codes.iter().copied(), "sesi")
                    ),
                ));
                continue;
            };
            if let (Some(topic), Some(range)) = (&term.topic, &spans.topic[i])
                && !session.topics.iter().any(|t| &t.title == topic)
            {
                let titles: Vec<&str> = session.topics.iter().map(|t| t.title.as_str()).collect();
                problems.push(spans.file.error(
                    range.clone(),
                    format!("topik `{topic}` tidak ada di sesi {}", session.code),
                    format!(
                        "tulis judul topik seperti di data sesi; {}",
                        suggestion(topic, titles.iter().copied(), "topik")
                    ),
                ));
            }
        }
        problems
    }

    /// The chapter where an entry is taught: its topic page, else the session chapter.
    pub(crate) fn taught_in<'a>(
        &self,
        term: &Term,
        sessions: &'a [Session],
    ) -> Option<(String, &'a Path)> {
        let session = sessions.iter().find(|s| s.code == term.session)?;
        if let Some(topic) = &term.topic
            && let Some(t) = session.topics.iter().find(|t| &t.title == topic)
        {
            return Some((format!("Sesi {}: {}", session.code, t.title), &t.page));
        }
        Some((
            format!("Sesi {}: {}", session.code, session.title),
            &session.chapter,
        ))
    }
}

/// `istilah-` + lower-case letters and digits joined by `-`: stable, readable fragment ids.
fn anchor(term: &str) -> String {
    let mut out = String::from("istilah-");
    let mut dash = false;
    for c in term.to_lowercase().chars() {
        if c.is_alphanumeric() {
            if dash && !out.ends_with('-') {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else {
            dash = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glossary() -> Glossary {
        let term = |t: &str| Term {
            term: t.into(),
            expansion: None,
            definition: "Definisi \"kutip\".".into(),
            session: "1-2".into(),
            topic: None,
            synonyms: vec![],
            anchor: anchor(t),
        };
        Glossary {
            terms: vec![term("KK"), term("konferensi kasus"), term("kasus")],
        }
    }

    #[test]
    fn links_first_whole_word_outside_headings_and_code() {
        let md = "# Konferensi Kasus\n\nKKN bukan KK. `KK` dan Konferensi Kasus, kasus-kasus, kasus lain.\n";
        let links = glossary().links(md, "../daftar-istilah.html", &[]);
        let texts: Vec<&str> = links.iter().map(|(r, _)| &md[r.clone()]).collect();
        assert_eq!(texts, ["KK", "Konferensi Kasus", "kasus"]);
        let (range, link) = &links[2];
        assert_eq!(&md[range.end..range.end + 5], " lain");
        assert!(
            link.contains("#istilah-kasus \"kasus: Definisi \\\"kutip\\\".\""),
            "{link}"
        );
    }

    #[test]
    fn abbreviations_match_case_sensitively() {
        let links = glossary().links("kk kecil tidak.\n", "x.html", &[]);
        assert!(links.is_empty());
    }

    #[test]
    fn nothing_is_linked_inside_the_books_title() {
        let md =
            "Versi digital *Modul Konferensi\nKasus di Panti* (2011). Konferensi kasus lagi.\n";
        let links = glossary().links(md, "x.html", &["Modul Konferensi Kasus di Panti"]);
        let texts: Vec<&str> = links.iter().map(|(r, _)| &md[r.clone()]).collect();
        assert_eq!(texts, ["Konferensi kasus"]);
        assert!(links[0].0.start > md.find("(2011)").unwrap_or(0));
        // A one-word name is not told apart from running text; a name inside a longer word is
        // no citation.
        let links = glossary().links("Kasus lama.\n", "x.html", &["Kasus"]);
        assert_eq!(links.len(), 1);
        let md = "*Modul Konferensi Kasus di Pantinya* dan kasus.\n";
        let links = glossary().links(md, "x.html", &["Modul Konferensi Kasus di Panti"]);
        assert_eq!(&md[links[0].0.clone()], "Konferensi Kasus");
    }

    #[test]
    fn anchors_are_stable_slugs() {
        assert_eq!(anchor("Orsos/LSM"), "istilah-orsos-lsm");
        assert_eq!(anchor("bimbingan lanjut"), "istilah-bimbingan-lanjut");
    }
}
