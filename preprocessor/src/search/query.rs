//! Searching the exported index: the rules `modul-cari.js` follows in the browser, here for
//! `modul cari` and for the tests (a browser test checks that both give the same results).
//!
//! 1. The query's words are normalized like the book's; function words are dropped.
//! 2. Each word maps to index terms: its stem readings that are terms (exact); otherwise terms
//!    within a small edit distance of a reading (typos: 1 edit from 4 letters, 2 from 7), and
//!    for the last word also terms it begins (typing in progress).
//! 3. Words are grouped into slots: a run of words that is a glossary phrase (`konferensi
//!    kasus`) or two words that are one term when joined (`eko map` → `ekomap`) form one slot,
//!    whose alternatives are the other phrases of its glossary group (`KK`, `case conference`).
//! 4. A section's score is, per slot, the best alternative's sum of impacts (an alternative of
//!    other length scaled to the slot's length), summed over slots and multiplied by the share
//!    of slots that matched at all.

use super::analyzer::{is_stopword, words};
use super::index::Export;
use super::stemmer::RULES;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The numbers of the ranking rules above. They travel in the index ([`Export::ranking`]), so
/// `modul-cari.js` ranks with exactly these and holds none of its own; change them here.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Ranking {
    /// Longest glossary phrase tried as one slot, in words.
    pub max_phrase: usize,
    /// A query word of at least this many letters (a–z only) may match terms one edit away.
    pub one_edit_from: usize,
    /// A query word of at least this many letters may match terms two edits away.
    pub two_edits_from: usize,
    /// The last query word of at least this many letters also matches the terms it begins.
    pub prefix_from: usize,
    /// Weight of a term one edit away from the query word (an exact reading weighs 1).
    pub weight_one_edit: f64,
    /// Weight of a term two edits away.
    pub weight_two_edits: f64,
    /// Weight of a term the last query word begins.
    pub weight_prefix: f64,
    /// Results shown.
    pub limit: usize,
}

/// The ranking the book's index is built with.
pub const RANKING: Ranking = Ranking {
    max_phrase: 4,
    one_edit_from: 4,
    two_edits_from: 7,
    prefix_from: 3,
    weight_one_edit: 0.7,
    weight_two_edits: 0.4,
    weight_prefix: 0.5,
    limit: 30,
};

/// One result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub section: usize,
    pub score: f64,
    /// The index terms that matched in this section (for highlighting).
    pub terms: BTreeSet<String>,
}

/// Terms one query word stands for, with weights.
type Matcher = Vec<(String, f64)>;

/// A slot: alternatives, each a list of matchers, with the slot's length in query words.
struct Slot {
    length: usize,
    alternatives: Vec<Vec<Matcher>>,
}

fn readings(word: &str) -> Vec<String> {
    RULES.candidates(word)
}

fn is_term(index: &Export, term: &str) -> bool {
    index
        .terms
        .binary_search_by(|t| t.as_str().cmp(term))
        .is_ok()
}

/// Optimal string alignment distance, giving up above `max`.
pub(crate) fn distance(a: &str, b: &str, max: usize) -> Option<usize> {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        let mut best = usize::MAX;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = d;
            best = best.min(d);
        }
        if best > max {
            return None;
        }
    }
    let d = rows[a.len()][b.len()];
    (d <= max).then_some(d)
}

/// The terms a query word stands for.
fn matcher(index: &Export, word: &str, last: bool) -> Matcher {
    let readings = readings(word);
    let exact: Matcher = readings
        .iter()
        .filter(|r| is_term(index, r))
        .map(|r| (r.clone(), 1.0))
        .collect();
    if !exact.is_empty() {
        return exact;
    }
    let ranking = &index.ranking;
    let mut found: BTreeMap<String, f64> = BTreeMap::new();
    let letters = word.bytes().all(|c| c.is_ascii_lowercase());
    if letters && word.len() >= ranking.one_edit_from {
        let max = if word.len() >= ranking.two_edits_from {
            2
        } else {
            1
        };
        let mut best = max + 1;
        let mut near: Vec<(&String, usize)> = Vec::new();
        for term in &index.terms {
            let d = readings.iter().filter_map(|r| distance(r, term, max)).min();
            if let Some(d) = d {
                best = best.min(d);
                near.push((term, d));
            }
        }
        for (term, d) in near {
            if d == best {
                let weight = if d <= 1 {
                    ranking.weight_one_edit
                } else {
                    ranking.weight_two_edits
                };
                found.insert(term.clone(), weight);
            }
        }
    }
    if last && word.len() >= ranking.prefix_from {
        let start = index.terms.partition_point(|t| t.as_str() < word);
        for term in index.terms[start..]
            .iter()
            .take_while(|t| t.starts_with(word))
        {
            let w = found.entry(term.clone()).or_insert(0.0);
            *w = w.max(ranking.weight_prefix);
        }
    }
    found.into_iter().collect()
}

/// Whether the words match a phrase: each word has the phrase's term among its readings.
fn matches_phrase(words: &[Vec<String>], phrase: &[String]) -> bool {
    words.len() == phrase.len() && words.iter().zip(phrase).all(|(r, p)| r.contains(p))
}

/// The other phrases of every glossary group one of whose phrases the words are.
fn synonyms<'a>(index: &'a Export, words: &[Vec<String>]) -> Vec<&'a Vec<String>> {
    let mut out = Vec::new();
    for group in &index.synonyms {
        if group.iter().any(|p| matches_phrase(words, p)) {
            out.extend(group.iter().filter(|p| !matches_phrase(words, p)));
        }
    }
    out
}

fn phrase_matchers(index: &Export, phrase: &[String]) -> Vec<Matcher> {
    phrase
        .iter()
        .map(|t| {
            if is_term(index, t) {
                vec![(t.clone(), 1.0)]
            } else {
                Vec::new()
            }
        })
        .collect()
}

fn slots(index: &Export, query: &[String]) -> Vec<Slot> {
    let readings: Vec<Vec<String>> = query.iter().map(|w| readings(w)).collect();
    let last = query.len().saturating_sub(1);
    let mut out = Vec::new();
    let mut i = 0;
    while i < query.len() {
        let mut taken = None;
        for length in (2..=index.ranking.max_phrase.min(query.len() - i)).rev() {
            let span = &readings[i..i + length];
            let mut alternatives: Vec<Vec<Matcher>> = synonyms(index, span)
                .into_iter()
                .map(|p| phrase_matchers(index, p))
                .collect();
            if length == 2 {
                let joined = format!("{}{}", query[i], query[i + 1]);
                let joined_readings = vec![self::readings(&joined)];
                let known: Matcher = joined_readings[0]
                    .iter()
                    .filter(|r| is_term(index, r))
                    .map(|r| (r.clone(), 1.0))
                    .collect();
                let joined_synonyms = synonyms(index, &joined_readings);
                if !known.is_empty() || !joined_synonyms.is_empty() {
                    alternatives.push(vec![known]);
                    alternatives.extend(
                        joined_synonyms
                            .into_iter()
                            .map(|p| phrase_matchers(index, p)),
                    );
                }
            }
            if !alternatives.is_empty() {
                taken = Some((length, alternatives));
                break;
            }
        }
        let (length, mut alternatives) = taken.unwrap_or_else(|| {
            let alternatives = synonyms(index, &readings[i..=i])
                .into_iter()
                .map(|p| phrase_matchers(index, p))
                .collect();
            (1, alternatives)
        });
        let own: Vec<Matcher> = (i..i + length)
            .map(|k| matcher(index, &query[k], k == last))
            .collect();
        alternatives.insert(0, own);
        out.push(Slot {
            length,
            alternatives,
        });
        i += length;
    }
    out
}

/// The query's words as the index sees them.
pub(crate) fn query_words(query: &str) -> Vec<String> {
    words(query)
        .into_iter()
        .map(|w| w.text)
        .filter(|w| !is_stopword(w))
        .collect()
}

/// The best sections for a query, best first, at most `ranking.limit` of them.
pub fn search(index: &Export, query: &str) -> Vec<Hit> {
    let mut hits = search_all(index, query);
    hits.truncate(index.ranking.limit);
    hits
}

/// Every section that matches a query, best first: the length is the "N" of "30 teratas
/// dari N".
pub fn search_all(index: &Export, query: &str) -> Vec<Hit> {
    let query = query_words(query);
    let slots = slots(index, &query);
    // Per section: per slot, the best alternative's score and its terms.
    let mut per_section: BTreeMap<usize, Vec<(f64, BTreeSet<String>)>> = BTreeMap::new();
    for (s, slot) in slots.iter().enumerate() {
        for alternative in &slot.alternatives {
            if alternative.is_empty() {
                continue;
            }
            let scale = slot.length as f64 / alternative.len() as f64;
            // Per section: per matcher, the best weighted impact and its term.
            let mut sums: BTreeMap<usize, (f64, BTreeSet<String>)> = BTreeMap::new();
            for m in alternative {
                let mut best: BTreeMap<usize, (f64, &str)> = BTreeMap::new();
                for (term, weight) in m {
                    for (section, impact) in index.postings(term) {
                        let value = f64::from(impact) * weight;
                        let entry = best.entry(section).or_insert((0.0, term));
                        if value > entry.0 {
                            *entry = (value, term);
                        }
                    }
                }
                for (section, (value, term)) in best {
                    let entry = sums.entry(section).or_default();
                    entry.0 += value;
                    entry.1.insert(term.to_string());
                }
            }
            for (section, (value, terms)) in sums {
                let scores = per_section
                    .entry(section)
                    .or_insert_with(|| vec![(0.0, BTreeSet::new()); slots.len()]);
                if value * scale > scores[s].0 {
                    scores[s] = (value * scale, terms);
                }
            }
        }
    }
    let mut hits: Vec<Hit> = per_section
        .into_iter()
        .map(|(section, scores)| {
            let matched = scores.iter().filter(|(v, _)| *v > 0.0).count();
            let sum: f64 = scores.iter().map(|(v, _)| v).sum();
            let share = matched as f64 / slots.len() as f64;
            Hit {
                section,
                // Rounded so that Rust and JavaScript, adding in the same order but free to
                // differ in the last bit, sort alike.
                score: (sum * share * 1e6).round() / 1e6,
                terms: scores.into_iter().flat_map(|(_, t)| t).collect(),
            }
        })
        .collect();
    hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.section.cmp(&b.section)));
    hits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_transpositions_once() {
        assert_eq!(distance("asismen", "asesmen", 2), Some(1));
        assert_eq!(distance("konsling", "konseling", 2), Some(1));
        assert_eq!(distance("abcd", "abdc", 1), Some(1));
        assert_eq!(distance("rujukan", "asesmen", 2), None);
    }

    /// `modul-cari.js` takes every number of the ranking from the index it loads; the browser
    /// test `browser_and_rust_agree` checks that it ranks like this module.
    #[test]
    fn the_browser_takes_every_ranking_number_from_the_index() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../book/theme/modul-cari.js");
        let script = std::fs::read_to_string(&path).expect("modul-cari.js");
        let serde_json::Value::Object(fields) = serde_json::to_value(RANKING).expect("json") else {
            panic!("the ranking is an object")
        };
        for key in fields.keys() {
            assert!(
                script.contains(&format!("ranking.{key}")),
                "modul-cari.js does not read `{key}` from index.ranking"
            );
        }
        assert!(fields.len() >= 8);
    }
}
