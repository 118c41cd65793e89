//! The index: tantivy indexes the sections with the Indonesian analyzer and scores every
//! (term, section) pair with BM25 over three fields; the export keeps those scores as one-byte
//! impacts, so the browser only has to find the terms of a query and add their impacts up.

use super::analyzer::{Lexicon, in_lexicon, is_stopword, words};
use super::query::{RANKING, Ranking};
use super::sections::Section;
use crate::glossary::Glossary;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};
use tantivy::postings::Postings;
use tantivy::query::Bm25Weight;
use tantivy::schema::{IndexRecordOption, Schema, TextFieldIndexing, TextOptions};
use tantivy::tokenizer::{PreTokenizedString, Token};
use tantivy::{DocSet, Index, IndexWriter, TERMINATED, TantivyDocument};

/// Scores are scaled to 1–99: two digits in the exported JSON, and as fine as the ranking
/// needs (more levels made the index larger without changing a dev-set rank).
pub(crate) const IMPACT_LEVELS: u8 = 99;

/// Field weights: a word in the section's heading says most about it; the page title and the
/// headings above say where it belongs; the body, what it is about.
pub(crate) const FIELDS: [(&str, f32); 3] = [("judul", 2.0), ("jejak", 1.0), ("isi", 1.0)];

/// The exported index, as `pencarian/indeks.js` carries it (`window.modulIndeksCari`): the
/// browser's contract for search. `modul-cari.js` reads everything it ranks with from here,
/// the ranking constants included.
#[derive(Debug, Serialize, Deserialize)]
pub struct Export {
    /// Format version of this file.
    pub version: u32,
    /// How queries are matched and scored: the same numbers for `modul cari` and the browser.
    pub ranking: Ranking,
    /// The indexed pages, in book order.
    pub pages: Vec<PageEntry>,
    /// The sections (every heading of every page), in book order; a section's number is its
    /// index here.
    pub sections: Vec<SectionEntry>,
    /// Index terms, sorted.
    pub terms: Vec<String>,
    /// Per term (same order as `terms`): (section − previous section, impact
    /// 1–[`IMPACT_LEVELS`]) pairs, flattened.
    pub postings: Vec<Vec<u32>>,
    /// Synonym groups from the glossary: each a list of phrases, each phrase its index terms.
    pub synonyms: Vec<Vec<Vec<String>>>,
}

/// An indexed page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageEntry {
    /// Address relative to the site root: `sesi-1-4/asesmen.html`.
    pub url: String,
    /// The page's title from SUMMARY.md.
    pub title: String,
    /// The chapter the page sits under in SUMMARY.md ("Sesi 1-4: Asesmen dan Rencana
    /// Pelayanan", "Bacaan Pendukung"); "" for a top-level page. The browser adds it to a
    /// result's title when two results would read the same.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub part: String,
}

/// A section of a page: from one heading to the next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionEntry {
    /// Its page's number in `pages`.
    pub page: u32,
    /// The heading's id ("" = the top of the page).
    pub anchor: String,
    /// The heading's text ("" = the page title stands for it).
    pub heading: String,
}

impl Export {
    /// "Halaman » Bagian" of a section.
    pub fn breadcrumb(&self, section: usize) -> String {
        let Some(s) = self.sections.get(section) else {
            return String::new();
        };
        let title = self
            .pages
            .get(s.page as usize)
            .map_or("", |p| p.title.as_str());
        if s.heading.is_empty() {
            title.to_string()
        } else {
            format!("{title} » {}", s.heading)
        }
    }

    /// The section's address relative to the site root.
    pub fn url(&self, section: usize) -> String {
        let Some(s) = self.sections.get(section) else {
            return String::new();
        };
        let page = self
            .pages
            .get(s.page as usize)
            .map_or("", |p| p.url.as_str());
        if s.anchor.is_empty() {
            page.to_string()
        } else {
            format!("{page}#{}", s.anchor)
        }
    }

    /// (section, impact) pairs of a term.
    pub fn postings(&self, term: &str) -> Vec<(usize, u32)> {
        let Ok(i) = self.terms.binary_search_by(|t| t.as_str().cmp(term)) else {
            return Vec::new();
        };
        let mut section = 0usize;
        self.postings[i]
            .chunks(2)
            .map(|pair| {
                section += pair[0] as usize;
                (section, pair.get(1).copied().unwrap_or(0))
            })
            .collect()
    }
}

/// The texts of a section per field, in [`FIELDS`] order (heading and body borrowed).
fn field_texts(section: &Section) -> [Cow<'_, str>; 3] {
    let mut trail = vec![section.page_title.as_str()];
    trail.extend(section.parents.iter().map(String::as_str));
    [
        Cow::Borrowed(section.heading.as_str()),
        Cow::Owned(trail.join(" ")),
        Cow::Borrowed(section.body.as_str()),
    ]
}

/// Sections split into words at a time: the words of one batch are all that is held.
const BATCH: usize = 256;

/// Indexes the sections and exports the result.
pub(crate) fn build(sections: &[Section], glossary: &Glossary) -> Result<Export, String> {
    // Two passes over the sections, each splitting the texts into words on the machine's
    // cores: the first collects the book's vocabulary (the lexicon chooses each word's stem
    // from all of it), the second indexes. Keeping every word of the book between the two
    // took about 70 bytes per word, the largest part of the build's memory.
    let (vocabulary, tokens) = vocabulary(sections);
    let lexicon = Lexicon::from_vocabulary(&vocabulary);
    drop(vocabulary);
    let scores = bm25_scores(sections, &lexicon, tokens)?;
    let (terms, postings) = impacts(scores);
    let (pages, sections) = pages_and_sections(sections);
    Ok(Export {
        version: 2,
        ranking: RANKING,
        pages,
        sections,
        terms,
        postings,
        synonyms: synonym_groups(glossary, &lexicon),
    })
}

/// The distinct words of the sections that choose stems, and how many words (function words
/// included) the sections hold.
fn vocabulary(sections: &[Section]) -> (HashSet<String>, usize) {
    let batches: Vec<&[Section]> = sections.chunks(BATCH).collect();
    let parts = super::in_parallel(&batches, |batch| {
        let mut distinct = HashSet::new();
        let mut count = 0;
        for section in *batch {
            for text in field_texts(section) {
                for word in words(&text) {
                    count += 1;
                    if in_lexicon(&word.text) {
                        distinct.insert(word.text);
                    }
                }
            }
        }
        (distinct, count)
    });
    let mut all = HashSet::new();
    let mut count = 0;
    for (distinct, n) in parts {
        all.extend(distinct);
        count += n;
    }
    (all, count)
}

fn tantivy_error(e: tantivy::TantivyError) -> String {
    format!("indeks pencarian: {e}")
}

/// BM25 of every (term, section) pair, weighted by field and summed over the fields: tantivy
/// indexes the pre-tokenized sections, and its own weight (idf from the term's document
/// frequency, length normalization from the field norms) is read straight off each term's
/// postings. By term, then section number.
fn bm25_scores(
    sections: &[Section],
    lexicon: &Lexicon,
    tokens: usize,
) -> Result<BTreeMap<String, BTreeMap<u32, f32>>, String> {
    let count = sections.len();
    let (index, fields) = tantivy_index(sections, lexicon, tokens)?;
    let reader = index.reader().map_err(tantivy_error)?;
    let searcher = reader.searcher();
    let [segment] = searcher.segment_readers() else {
        return Err("indeks pencarian: lebih dari satu segmen".into());
    };
    if segment.max_doc() as usize != count {
        return Err("indeks pencarian: jumlah dokumen tidak cocok".into());
    }
    let total_docs = u64::from(segment.num_docs());
    let mut scores: BTreeMap<String, BTreeMap<u32, f32>> = BTreeMap::new();
    for (field, (_, weight)) in fields.iter().zip(FIELDS) {
        let inverted = segment.inverted_index(*field).map_err(tantivy_error)?;
        let norms = segment
            .get_fieldnorms_reader(*field)
            .map_err(tantivy_error)?;
        let average = inverted.total_num_tokens() as f32 / total_docs.max(1) as f32;
        let mut stream = inverted
            .terms()
            .stream()
            .map_err(|e| format!("indeks: {e}"))?;
        while stream.advance() {
            let text = String::from_utf8_lossy(stream.key()).into_owned();
            let info = stream.value();
            let bm25 = Bm25Weight::for_one_term_without_explain(
                u64::from(info.doc_freq),
                total_docs,
                average,
            );
            let mut postings = inverted
                .read_postings_from_terminfo(info, IndexRecordOption::WithFreqs)
                .map_err(|e| format!("indeks: {e}"))?;
            let per_section = scores.entry(text).or_default();
            while postings.doc() != TERMINATED {
                let doc = postings.doc();
                let score = bm25.score(norms.fieldnorm_id(doc), postings.term_freq());
                *per_section.entry(doc).or_default() += weight * score;
                postings.advance();
            }
        }
    }
    Ok(scores)
}

/// Writer memory per token of text: well above what tantivy's in-memory postings take, so
/// the whole book stays one segment.
const BUDGET_PER_TOKEN: usize = 256;
/// Below tantivy's limit for one thread's budget (4 GB).
const MAX_BUDGET: usize = 3_000_000_000;

/// A tantivy index in memory of the sections' words (stopwords out, terms from the lexicon),
/// one field per [`FIELDS`]; `tokens` is the number of words in the sections.
fn tantivy_index(
    sections: &[Section],
    lexicon: &Lexicon,
    tokens: usize,
) -> Result<(Index, Vec<tantivy::schema::Field>), String> {
    let mut builder = Schema::builder();
    // The text arrives pre-tokenized; the named tokenizer is never run.
    let options = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("raw")
            .set_index_option(IndexRecordOption::WithFreqs),
    );
    let fields: Vec<_> = FIELDS
        .iter()
        .map(|(name, _)| builder.add_text_field(name, options.clone()))
        .collect();
    let index = Index::create_in_ram(builder.build());
    // One thread, one commit: one segment whose document numbers are the section numbers.
    // The writer flushes a segment whenever its memory budget is full, so the budget grows
    // with the text (tantivy takes the memory as it needs it, not up front).
    let budget = tokens
        .saturating_mul(BUDGET_PER_TOKEN)
        .saturating_add(15_000_000)
        .min(MAX_BUDGET);
    let mut writer: IndexWriter<TantivyDocument> = index
        .writer_with_num_threads(1, budget)
        .map_err(tantivy_error)?;
    for batch in sections.chunks(BATCH) {
        let split = super::in_parallel(batch, |section| {
            field_texts(section).map(|text| {
                words(&text)
                    .into_iter()
                    .filter(|w| !is_stopword(&w.text))
                    .enumerate()
                    .map(|(position, w)| Token {
                        offset_from: w.start,
                        offset_to: w.end,
                        position,
                        text: lexicon.term(&w.text),
                        position_length: 1,
                    })
                    .collect::<Vec<_>>()
            })
        });
        for split in split {
            let mut doc = TantivyDocument::default();
            for (field, tokens) in fields.iter().zip(split) {
                doc.add_pre_tokenized_text(
                    *field,
                    PreTokenizedString {
                        text: String::new(),
                        tokens,
                    },
                );
            }
            writer.add_document(doc).map_err(tantivy_error)?;
        }
    }
    writer.commit().map_err(tantivy_error)?;
    Ok((index, fields))
}

/// Scores scaled to one-byte impacts (1–[`IMPACT_LEVELS`]), per term as flattened
/// (section gap, impact) pairs.
fn impacts(scores: BTreeMap<String, BTreeMap<u32, f32>>) -> (Vec<String>, Vec<Vec<u32>>) {
    let max = scores
        .values()
        .flat_map(|m| m.values())
        .fold(0f32, |a, &b| a.max(b));
    let scale = if max > 0.0 {
        f32::from(IMPACT_LEVELS) / max
    } else {
        0.0
    };
    let mut terms = Vec::with_capacity(scores.len());
    let mut postings = Vec::with_capacity(scores.len());
    for (term, per_section) in scores {
        let mut flat = Vec::with_capacity(per_section.len() * 2);
        let mut previous = 0;
        for (section, score) in per_section {
            flat.push(section - previous);
            flat.push(((score * scale).round() as u32).clamp(1, u32::from(IMPACT_LEVELS)));
            previous = section;
        }
        terms.push(term);
        postings.push(flat);
    }
    (terms, postings)
}

/// The pages, and each section with its page's number and its heading.
fn pages_and_sections(sections: &[Section]) -> (Vec<PageEntry>, Vec<SectionEntry>) {
    let mut pages: Vec<PageEntry> = Vec::new();
    let mut out = Vec::with_capacity(sections.len());
    for s in sections {
        if pages.last().is_none_or(|p| p.url != s.page) {
            pages.push(PageEntry {
                url: s.page.clone(),
                title: s.page_title.clone(),
                part: String::new(),
            });
        }
        let crumb = s.breadcrumb();
        let heading = match crumb.split_once(" » ") {
            Some(_) => s.heading.clone(),
            None => String::new(),
        };
        out.push(SectionEntry {
            page: (pages.len() - 1) as u32,
            anchor: s.anchor.clone().unwrap_or_default(),
            heading,
        });
    }
    (pages, out)
}

/// Glossary entries as groups of equivalent phrases (term, expansion, synonyms), each phrase as
/// its index terms. Entries that share a phrase (`peksos` = "pekerja sosial", itself an entry)
/// are one group.
pub(crate) fn synonym_groups(glossary: &Glossary, lexicon: &Lexicon) -> Vec<Vec<Vec<String>>> {
    let phrase =
        |text: &str| -> Vec<String> { lexicon.terms(text).into_iter().map(|(t, _)| t).collect() };
    let mut groups: Vec<Vec<Vec<String>>> = Vec::new();
    for term in &glossary.terms {
        let mut members: Vec<Vec<String>> = std::iter::once(term.term.as_str())
            .chain(term.expansion.as_deref())
            .chain(term.synonyms.iter().map(String::as_str))
            .map(phrase)
            .filter(|p| !p.is_empty())
            .collect();
        // Merge every earlier group that shares a phrase with this one.
        let mut i = 0;
        while i < groups.len() {
            if groups[i].iter().any(|p| members.contains(p)) {
                members.extend(groups.remove(i));
            } else {
                i += 1;
            }
        }
        let mut seen = std::collections::BTreeSet::new();
        members.retain(|p| seen.insert(p.clone()));
        if members.len() > 1 {
            groups.push(members);
        }
    }
    groups.sort();
    groups
}
