//! The Indonesian analyzer: text → words → index terms. The same tables go to the browser (see
//! [`Tables`]), so a query is analysed there exactly as the book was here.
//!
//! - Lower-casing and folding of accented Latin letters (`é` → `e`).
//! - A word is a run of letters or a run of digits: numbers stay searchable (`UU 11 tahun 2009`,
//!   `PP 31/1980`), single letters (outline markers `a.`) do not count.
//! - Reduplication: `anak-anak` and the old spelling `anak2` count once as `anak`; other
//!   hyphenated words (`sayur-mayur`) count as their parts.
//! - Function words ([`STOPWORDS`]) are not indexed.
//! - Stemming by [`super::stemmer`], clitics (`-nya -lah -kah -pun -ku -mu`) included.

use super::stemmer::{RULES, Rules, choose};
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};

/// One word of a text: its normalized form and where it stands (byte offsets in the original).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// Folding of accented Latin letters to ASCII: pairs of (accented, plain), exported as data.
pub(crate) const FOLD: &[(&str, &str)] = &[
    ("àáâãäåā", "a"),
    ("çć", "c"),
    ("èéêëē", "e"),
    ("ìíîïī", "i"),
    ("ñ", "n"),
    ("òóôõöøō", "o"),
    ("ùúûüū", "u"),
    ("ýÿ", "y"),
];

/// Indonesian function words: conjunctions, prepositions, pronouns, auxiliaries and other words
/// that say nothing about a section's topic. Chosen for this book's register; content words
/// that merely occur often (`klien`, `sosial`) are left to the ranking.
pub(crate) const STOPWORDS: &[&str] = &[
    "ada",
    "adalah",
    "adanya",
    "agak",
    "agar",
    "akan",
    "aku",
    "anda",
    "antara",
    "apa",
    "apabila",
    "atas",
    "atau",
    "bagai",
    "bagaimana",
    "bagi",
    "bahwa",
    "banyak",
    "beberapa",
    "begitu",
    "belum",
    "berbagai",
    "bila",
    "bisa",
    "boleh",
    "bukan",
    "cukup",
    "dalam",
    "dan",
    "dapat",
    "dari",
    "daripada",
    "demikian",
    "dengan",
    "di",
    "dia",
    "diri",
    "dll",
    "dsb",
    "dst",
    "hal",
    "hanya",
    "harus",
    "hingga",
    "ia",
    "ialah",
    "ini",
    "itu",
    "jadi",
    "jika",
    "juga",
    "kalau",
    "kami",
    "kamu",
    "karena",
    "ke",
    "kemudian",
    "kepada",
    "ketika",
    "kita",
    "lagi",
    "lain",
    "lainnya",
    "maka",
    "masih",
    "melalui",
    "mereka",
    "merupakan",
    "misalnya",
    "mungkin",
    "namun",
    "nya",
    "oleh",
    "pada",
    "para",
    "perlu",
    "pula",
    "saat",
    "saja",
    "sampai",
    "sangat",
    "saya",
    "se",
    "sebagai",
    "sebelum",
    "secara",
    "sedang",
    "sehingga",
    "sejak",
    "selalu",
    "selama",
    "seluruh",
    "semua",
    "sendiri",
    "sering",
    "serta",
    "seperti",
    "setelah",
    "setiap",
    "suatu",
    "sudah",
    "supaya",
    "tanpa",
    "tapi",
    "telah",
    "tentang",
    "terhadap",
    "tersebut",
    "tetapi",
    "tidak",
    "untuk",
    "utk",
    "yaitu",
    "yakni",
    "yang",
    "dgn",
    "tsb",
    "yg",
];

/// Everything the browser needs to analyse a query as the index analysed the book
/// (`MODUL_CARI_ANALISIS`, read by `modul-cari.js`).
#[derive(Debug, Serialize)]
pub struct Tables {
    /// [`FOLD`]: pairs of (accented letters, the plain letter they fold to).
    pub(crate) fold: &'static [(&'static str, &'static str)],
    /// [`STOPWORDS`]: function words, never index terms.
    pub(crate) stopwords: &'static [&'static str],
    /// The stemmer's rules ([`super::stemmer`]).
    pub(crate) stemmer: Rules,
}

pub(crate) fn tables() -> Tables {
    Tables {
        fold: FOLD,
        stopwords: STOPWORDS,
        stemmer: RULES,
    }
}

fn fold_char(c: char) -> Option<char> {
    if c.is_ascii_alphanumeric() {
        return Some(c.to_ascii_lowercase());
    }
    let lower = c.to_lowercase().next()?;
    if lower.is_ascii_alphanumeric() {
        return Some(lower);
    }
    FOLD.iter()
        .find(|(from, _)| from.contains(lower))
        .and_then(|(_, to)| to.chars().next())
}

/// The words of `text`, normalized: runs of letters or of digits after folding. A one-letter
/// run is dropped; so is a run that repeats the letter run right before it across a hyphen
/// (`anak-anak`), and a lone `2` glued to letters (`anak2`). Function words are kept (the
/// caller decides).
pub fn words(text: &str) -> Vec<Word> {
    let mut runs: Vec<(Word, bool)> = Vec::new(); // (run, is digits)
    for (i, c) in text.char_indices() {
        let Some(f) = fold_char(c) else { continue };
        let digit = f.is_ascii_digit();
        let end = i + c.len_utf8();
        match runs.last_mut() {
            Some((w, d)) if *d == digit && w.end == i => {
                w.text.push(f);
                w.end = end;
            }
            _ => runs.push((
                Word {
                    text: f.to_string(),
                    start: i,
                    end,
                },
                digit,
            )),
        }
    }
    let keep: Vec<bool> = runs
        .iter()
        .enumerate()
        .map(|(k, (word, digit))| {
            let previous = k.checked_sub(1).map(|p| &runs[p]);
            let repeats = !digit
                && previous.is_some_and(|(p, pd)| {
                    !pd && p.text == word.text && text.get(p.end..word.start) == Some("-")
                });
            let doubled = *digit
                && word.text == "2"
                && previous.is_some_and(|(p, pd)| !pd && p.end == word.start);
            !((!digit && word.text.len() <= 1) || repeats || doubled)
        })
        .collect();
    runs.into_iter()
        .zip(keep)
        .filter_map(|((word, _), keep)| keep.then_some(word))
        .collect()
}

/// The index term of every word of the book: the stem reading its vocabulary supports
/// ([`super::stemmer::choose`]). Words outside the book get Tala's reading.
#[derive(Debug, Clone, Default)]
pub(crate) struct Lexicon {
    stems: BTreeMap<String, String>,
}

impl Lexicon {
    /// The lexicon of the book's distinct normalized words (the indexer collects them once,
    /// without keeping every word of the book).
    pub(crate) fn from_vocabulary(vocabulary: &HashSet<String>) -> Lexicon {
        let mut vocabulary: Vec<&str> = vocabulary
            .iter()
            .map(String::as_str)
            .filter(|w| in_lexicon(w))
            .collect();
        vocabulary.sort_unstable();
        Lexicon {
            stems: choose(&RULES, vocabulary.iter().copied()),
        }
    }

    /// The index term of one normalized word.
    pub(crate) fn term(&self, word: &str) -> String {
        match self.stems.get(word) {
            Some(stem) => stem.clone(),
            None => RULES.candidates(word).swap_remove(0),
        }
    }

    /// The index terms of a text, function words left out, with the words they come from.
    pub(crate) fn terms(&self, text: &str) -> Vec<(String, Word)> {
        words(text)
            .into_iter()
            .filter(|w| !is_stopword(&w.text))
            .map(|w| (self.term(&w.text), w))
            .collect()
    }
}

fn is_letters(word: &str) -> bool {
    word.bytes().all(|c| c.is_ascii_lowercase())
}

/// Whether a normalized word takes part in choosing stems: letters only, no function word.
pub(crate) fn in_lexicon(word: &str) -> bool {
    is_letters(word) && !is_stopword(word)
}

/// Whether a normalized word is a function word.
pub(crate) fn is_stopword(word: &str) -> bool {
    // Asked for every word of the book: a hash set, built once, instead of a list scan.
    static SET: std::sync::OnceLock<HashSet<&'static str>> = std::sync::OnceLock::new();
    SET.get_or_init(|| STOPWORDS.iter().copied().collect())
        .contains(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<String> {
        words(text).into_iter().map(|w| w.text).collect()
    }

    #[test]
    fn numbers_stay_words() {
        assert_eq!(texts("UU 11 tahun 2009"), ["uu", "11", "tahun", "2009"]);
        assert_eq!(
            texts("PP 31/1980, pasal 34."),
            ["pp", "31", "1980", "pasal", "34"]
        );
    }

    #[test]
    fn folding_and_case() {
        assert_eq!(texts("Café ÉKOMAP"), ["cafe", "ekomap"]);
    }

    #[test]
    fn reduplication_counts_once() {
        assert_eq!(texts("anak-anak"), ["anak"]);
        assert_eq!(texts("anak2 jalanan"), ["anak", "jalanan"]);
        assert_eq!(texts("sayur-mayur"), ["sayur", "mayur"]);
        assert_eq!(texts("langkah-langkah dalam"), ["langkah", "dalam"]);
        assert_eq!(texts("peminta-minta"), ["peminta", "minta"]);
        assert_eq!(texts("Anak-anaknya"), ["anak", "anaknya"]);
    }

    #[test]
    fn single_letters_and_offsets() {
        let found = words("a. Pengertian");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].text, "pengertian");
        assert_eq!(&"a. Pengertian"[found[0].start..found[0].end], "Pengertian");
    }

    #[test]
    fn stopwords_are_known() {
        assert!(is_stopword("yang") && is_stopword("dengan"));
        assert!(!is_stopword("klien"));
    }
}
