//! Snippets for `modul cari`: the stretch of a section's text with the most matched words.

use super::analyzer::words;
use super::stemmer::RULES;
use std::collections::BTreeSet;

/// Words of snippet context shown per result.
const SNIPPET_WORDS: usize = 24;

/// The window of [`SNIPPET_WORDS`] words with the most matched words, matches in «…».
pub(crate) fn snippet(text: &str, terms: &BTreeSet<String>) -> String {
    let words = words(text);
    if words.is_empty() {
        return String::new();
    }
    let hit: Vec<bool> = words
        .iter()
        .map(|w| RULES.candidates(&w.text).iter().any(|r| terms.contains(r)))
        .collect();
    let size = words.len().min(SNIPPET_WORDS);
    let mut count: usize = hit[..size].iter().filter(|h| **h).count();
    let (mut best, mut from) = (count, 0);
    for i in size..words.len() {
        count = count + usize::from(hit[i]) - usize::from(hit[i - size]);
        if count > best {
            best = count;
            from = i - size + 1;
        }
    }
    let start = if from == 0 { 0 } else { words[from].start };
    let end = if from + size >= words.len() {
        text.len()
    } else {
        words[from + size - 1].end
    };
    let mut out = String::new();
    if start > 0 {
        out.push_str("… ");
    }
    let mut at = start;
    for (w, h) in words[from..from + size].iter().zip(&hit[from..from + size]) {
        if *h {
            out.push_str(&text[at..w.start]);
            out.push('«');
            out.push_str(&text[w.start..w.end]);
            out.push('»');
            at = w.end;
        }
    }
    out.push_str(&text[at..end]);
    if end < text.len() {
        out.push_str(" …");
    }
    out
}
