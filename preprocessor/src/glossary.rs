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

use crate::diagnostic::{Diagnostics, SourceFile, from_toml_error, suggestion};
use crate::session::Session;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;
use toml::Spanned;

pub const FILE_NAME: &str = "istilah.toml";

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
pub struct Term {
    pub term: String,
    pub expansion: Option<String>,
    pub definition: String,
    pub session: String,
    pub topic: Option<String>,
    pub synonyms: Vec<String>,
    /// Fragment id of the entry on the glossary page.
    pub anchor: String,
}

impl Term {
    /// Abbreviations (any capital letter) match case-sensitively; words in any case.
    fn case_sensitive(&self) -> bool {
        self.term.chars().any(char::is_uppercase)
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Glossary {
    pub terms: Vec<Term>,
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
    pub fn check_sessions(&self, spans: &Spans, sessions: &[Session]) -> Diagnostics {
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
    pub fn taught_in<'a>(
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

    /// Links to insert into a chapter's Markdown: the first occurrence of each term in running
    /// text (not in headings, links, code or HTML), longest terms first so "konferensi kasus"
    /// wins over a shorter term inside it. `target` is the glossary page link from this chapter.
    pub fn links(&self, markdown: &str, target: &str) -> Vec<(Range<usize>, String)> {
        let texts = running_text(markdown);
        // Lower-cased once for every term; ASCII lower-casing keeps byte offsets.
        let lower = markdown.to_ascii_lowercase();
        let mut order: Vec<&Term> = self.terms.iter().collect();
        order.sort_by_key(|t| std::cmp::Reverse(t.term.len()));
        let mut taken: Vec<Range<usize>> = Vec::new();
        let mut out = Vec::new();
        for term in order {
            let found = texts.iter().find_map(|range| {
                find_words(&markdown[range.clone()], &lower[range.clone()], term)
                    .into_iter()
                    .map(|r| r.start + range.start..r.end + range.start)
                    .find(|r| !taken.iter().any(|t| t.start < r.end && r.start < t.end))
            });
            let Some(range) = found else { continue };
            let title = title_text(term);
            out.push((
                range.clone(),
                format!(
                    "[{}]({}#{} \"{}\")",
                    &markdown[range.clone()],
                    target,
                    term.anchor,
                    title
                ),
            ));
            taken.push(range);
        }
        out.sort_by_key(|(r, _)| r.start);
        out
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

/// The tooltip: expansion and definition, safe inside a Markdown link title.
fn title_text(term: &Term) -> String {
    let text = match &term.expansion {
        Some(e) => format!("{} ({e}): {}", term.term, term.definition),
        None => format!("{}: {}", term.term, term.definition),
    };
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '"' | '\\') {
            out.push('\\');
        }
        if c == '\n' {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

/// Byte ranges of plain text a link may be put into.
fn running_text(markdown: &str) -> Vec<Range<usize>> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_GFM;
    let mut blocked = 0usize;
    let mut out = Vec::new();
    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        match event {
            Event::Start(
                Tag::Heading { .. }
                | Tag::Link { .. }
                | Tag::Image { .. }
                | Tag::CodeBlock(_)
                | Tag::HtmlBlock
                | Tag::MetadataBlock(_),
            ) => blocked += 1,
            Event::End(
                TagEnd::Heading(_)
                | TagEnd::Link
                | TagEnd::Image
                | TagEnd::CodeBlock
                | TagEnd::HtmlBlock
                | TagEnd::MetadataBlock(_),
            ) => blocked = blocked.saturating_sub(1),
            // Text that is exactly its source (no escapes or entities) can be rewritten in place.
            Event::Text(text) if blocked == 0 && markdown.get(range.clone()) == Some(&*text) => {
                out.push(range)
            }
            _ => {}
        }
    }
    out
}

/// Every whole-word occurrence of the term in `text`; `lower` is `text` ASCII-lower-cased.
fn find_words(text: &str, lower: &str, term: &Term) -> Vec<Range<usize>> {
    let lowered;
    let (hay, needle) = if term.case_sensitive() {
        (text, term.term.as_str())
    } else {
        lowered = term.term.to_ascii_lowercase();
        (lower, lowered.as_str())
    };
    let is_word = |c: char| c.is_alphanumeric() || c == '-';
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(i) = hay[from..].find(needle) {
        let start = from + i;
        let end = start + needle.len();
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        if !before.is_some_and(is_word) && !after.is_some_and(is_word) {
            found.push(start..end);
        }
        from = start + needle.chars().next().map_or(1, char::len_utf8);
    }
    found
}

/// For the glossary page template.
#[derive(Debug, Serialize)]
pub struct TermView<'a> {
    #[serde(flatten)]
    pub term: &'a Term,
    pub taught: Option<String>,
    pub link: Option<String>,
}

/// Glossary entries grouped by initial letter, for the page.
pub fn view<'a>(
    glossary: &'a Glossary,
    sessions: &[Session],
    page: &Path,
) -> Vec<(String, Vec<TermView<'a>>)> {
    let mut sorted: Vec<&Term> = glossary.terms.iter().collect();
    sorted.sort_by_key(|t| t.term.to_lowercase());
    let mut groups: Vec<(String, Vec<TermView>)> = Vec::new();
    for term in sorted {
        let letter = term
            .term
            .chars()
            .next()
            .map(|c| c.to_uppercase().to_string())
            .unwrap_or_default();
        let taught = glossary.taught_in(term, sessions);
        let view = TermView {
            term,
            taught: taught.as_ref().map(|(label, _)| label.clone()),
            link: taught.map(|(_, p)| crate::render::relative_link(page, p)),
        };
        match groups.last_mut() {
            Some((l, items)) if *l == letter => items.push(view),
            _ => groups.push((letter, vec![view])),
        }
    }
    groups
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
        let links = glossary().links(md, "../daftar-istilah.html");
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
        let links = glossary().links("kk kecil tidak.\n", "x.html");
        assert!(links.is_empty());
    }

    #[test]
    fn anchors_are_stable_slugs() {
        assert_eq!(anchor("Orsos/LSM"), "istilah-orsos-lsm");
        assert_eq!(anchor("bimbingan lanjut"), "istilah-bimbingan-lanjut");
    }
}
