//! Indonesian stemming: the rules of Tala's stemmer (F. Z. Tala, *A Study of Stemming Effects on
//! Information Retrieval in Bahasa Indonesia*, 2003) as published in Snowball's `indonesian`
//! algorithm, kept as **data** ([`Rules`]) so the browser applies the very same tables to the
//! reader's query (`modul-cari.js` interprets the exported copy; a browser test checks that both
//! agree on every word of the book). No dictionary is involved: Sastrawi's root-word list is
//! licensed for non-commercial use only, so a Nazief–Adriani stemmer with it is not an option.
//!
//! The algorithm, for a lower-cased ASCII word:
//!
//! 1. A word with fewer than [`Rules::min_vowels`] vowels is left alone; every removed affix
//!    costs one vowel, and stemming stops when fewer than that many remain.
//! 2. A particle (`-kah -lah -pun`), then a possessive pronoun (`-ku -mu -nya`) is removed.
//! 3. If a first-order prefix (`meng- meny- men- mem- me- peng- peny- pen- pem- di- ter- ke-`)
//!    comes off, a derivational suffix (`-kan -an -i`) and then a second-order prefix
//!    (`ber- be- per- pe-`) may follow; otherwise the second-order prefix goes first, then the
//!    suffix. Each prefix records a type that forbids certain suffixes (`ke-…-kan` is kept,
//!    `di-…-an` is kept, `ber-…-i` is kept, …), as in Tala's table of disallowed confixes.
//!
//! One change to Tala: where the spelling hides the root, the stemmer returns every reading
//! instead of guessing one. A nasal prefix before a vowel may have replaced the root's first
//! letter (`menulis` ← *tulis*, `mengirim` ← *kirim*, `memakan` ← *makan*) or not
//! (`mengakhiri` ← *akhir*), and `-kan` may be the suffix or `k` + `-an` (`rujukan` ← *rujuk*).
//! The first candidate is Tala's own reading, the last the word without its clitics (Tala
//! over-stems some words: `kelompok` → `lompok`). The index keeps, per word, the candidate that the
//! rest of the book's vocabulary supports best ([`choose`]); a query tries all candidates.

use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// One affix rule, exported to the browser as is.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Affix {
    /// The prefix or suffix: `meng`, `kan`.
    pub(crate) affix: &'static str,
    /// Prefix type set by a prefix, or the types a suffix is forbidden after.
    pub(crate) kind: u8,
    /// Restricts the rule to words whose remainder starts with a vowel (`"V"`) or a consonant
    /// (`"C"`), or with literal text; `"!s"` on a suffix: not after `s`. Absent: no restriction.
    #[serde(skip_serializing_if = "str::is_empty")]
    pub(crate) next: &'static str,
    /// The texts that may replace the affix, Tala's reading first (`""` = simply remove it).
    pub(crate) into: &'static [&'static str],
}

/// The stemmer's tables: exported to the browser unchanged.
#[derive(Debug, Clone, Serialize)]
pub struct Rules {
    /// The letters that count as vowels.
    pub(crate) vowels: &'static str,
    /// Fewer vowels than this: the word is left alone (see the algorithm above).
    pub(crate) min_vowels: usize,
    /// Particles and possessive pronouns: two passes over the end of the word.
    pub(crate) clitics: [&'static [&'static str]; 2],
    /// First-order prefixes, longest first; the first rule whose affix and `next` match applies.
    pub(crate) first_order: &'static [Affix],
    /// Second-order prefixes; a rule's `kind` becomes the prefix type.
    pub(crate) second_order: &'static [Affix],
    /// Suffixes, longest first; `kind` is a bit set of prefix types (1 << type) that forbid it,
    /// `next` = "!s" forbids it after `s` (`-i` in *kasi* is part of the root).
    pub(crate) suffixes: &'static [Affix],
}

const fn rule(
    affix: &'static str,
    kind: u8,
    next: &'static str,
    into: &'static [&'static str],
) -> Affix {
    Affix {
        affix,
        kind,
        next,
        into,
    }
}

const DROP: &[&str] = &[""];

/// Prefix types, as in Snowball's `indonesian` (Tala): 1 = `di- me- ter-` family,
/// 2 = `per- pe-`, 3 = `ke- pe(N)-`, 4 = `ber- be-`.
pub const RULES: Rules = Rules {
    vowels: "aeiou",
    min_vowels: 3,
    clitics: [&["kah", "lah", "pun"], &["nya", "ku", "mu"]],
    first_order: &[
        rule("meng", 1, "V", &["", "k"]),
        rule("meng", 1, "", DROP),
        rule("meny", 1, "V", &["s"]),
        rule("men", 1, "V", &["", "t"]),
        rule("men", 1, "", DROP),
        rule("mem", 1, "V", &["p", "m"]),
        rule("mem", 1, "", DROP),
        rule("me", 1, "", DROP),
        rule("peng", 3, "V", &["", "k"]),
        rule("peng", 3, "", DROP),
        rule("peny", 3, "V", &["s"]),
        rule("pen", 3, "V", &["", "t"]),
        rule("pen", 3, "", DROP),
        rule("pem", 3, "V", &["p", "m"]),
        rule("pem", 3, "", DROP),
        rule("ter", 1, "", DROP),
        rule("di", 1, "", DROP),
        rule("ke", 3, "", DROP),
    ],
    second_order: &[
        rule("ber", 4, "", DROP),
        rule("bel", 4, "ajar", DROP),
        rule("be", 4, "Cer", DROP),
        rule("per", 2, "", DROP),
        // `pelajar`: the prefix type stays as it was (0 = none).
        rule("pel", 0, "ajar", DROP),
        rule("pe", 2, "", DROP),
    ],
    suffixes: &[
        // -kan, except after ke-/pe(N)- (3) and per-/pe- (2); `k` + -an is the other reading.
        rule("kan", (1 << 2) | (1 << 3), "", &["", "k"]),
        // -an, except after di-/me(N)-/ter- (1).
        rule("an", 1 << 1, "", DROP),
        // -i, except after ke-/pe(N)- (3) and ber- (4), and never after `s`.
        rule("i", (1 << 3) | (1 << 4), "!s", DROP),
    ],
};

impl Rules {
    fn is_vowel(&self, c: u8) -> bool {
        self.vowels.as_bytes().contains(&c)
    }

    fn vowel_count(&self, word: &str) -> usize {
        word.bytes().filter(|&c| self.is_vowel(c)).count()
    }

    /// Whether `rest` (the word after a prefix) satisfies a rule's `next` condition.
    fn next_ok(&self, next: &str, rest: &str) -> bool {
        let bytes = rest.as_bytes();
        match next.as_bytes() {
            [] => true,
            [b'V', ..] if next == "V" => bytes.first().is_some_and(|&c| self.is_vowel(c)),
            [b'C', tail @ ..] => {
                bytes
                    .first()
                    .is_some_and(|&c| c.is_ascii_lowercase() && !self.is_vowel(c))
                    && bytes[1..].starts_with(tail)
            }
            _ => bytes.starts_with(next.as_bytes()),
        }
    }

    /// Every reading of `word`, Tala's first. Words that are not lower-case ASCII letters are
    /// returned as they are.
    pub fn candidates(&self, word: &str) -> Vec<String> {
        if word.is_empty() || !word.bytes().all(|c| c.is_ascii_lowercase()) {
            return vec![word.to_string()];
        }
        let mut state = State {
            word: word.to_string(),
            measure: self.vowel_count(word),
            prefix: 0,
            recoded: false,
        };
        if state.measure < self.min_vowels {
            return vec![state.word];
        }
        for list in self.clitics {
            if let Some(affix) = list
                .iter()
                .find(|a| state.word.len() > a.len() && state.word.ends_with(*a))
            {
                state.word.truncate(state.word.len() - affix.len());
                state.measure -= 1;
            }
            if state.measure < self.min_vowels {
                return vec![state.word];
            }
        }
        // The word without its clitics is a reading too (the last): Tala over-stems some words
        // (`kelompok` → `lompok`), and the vocabulary may prefer the word as it is.
        let base = state.word.clone();
        let mut out = Vec::new();
        match self.first_order_prefix(&state) {
            Some(readings) => {
                for mut s in readings {
                    if s.measure >= self.min_vowels {
                        for mut s in self.suffix(&s).unwrap_or_else(|| vec![s.clone()]) {
                            if s.measure >= self.min_vowels
                                && self.suffix_removed(&s)
                                && let Some(next) = self.second_order_prefix(&s)
                            {
                                s = next;
                            }
                            out.push(s.word);
                        }
                        continue;
                    }
                    out.push(std::mem::take(&mut s.word));
                }
            }
            None => {
                let s = self.second_order_prefix(&state).unwrap_or(state);
                if s.measure >= self.min_vowels {
                    match self.suffix(&s) {
                        Some(readings) => out.extend(readings.into_iter().map(|s| s.word)),
                        None => out.push(s.word),
                    }
                } else {
                    out.push(s.word);
                }
            }
        }
        out.push(base);
        let mut seen = BTreeSet::new();
        out.retain(|w| seen.insert(w.clone()));
        out
    }

    fn first_order_prefix(&self, s: &State) -> Option<Vec<State>> {
        let rule = self.first_order.iter().find(|r| {
            s.word.starts_with(r.affix) && self.next_ok(r.next, &s.word[r.affix.len()..])
        })?;
        let rest = &s.word[rule.affix.len()..];
        Some(
            rule.into
                .iter()
                .map(|lead| State {
                    word: format!("{lead}{rest}"),
                    measure: s.measure - 1,
                    prefix: rule.kind,
                    // A restored first letter is part of the root: `pemeriksaan` → `periksa`,
                    // never `iksa`.
                    recoded: !lead.is_empty(),
                })
                .collect(),
        )
    }

    fn second_order_prefix(&self, s: &State) -> Option<State> {
        if s.recoded {
            return None;
        }
        let rule = self.second_order.iter().find(|r| {
            s.word.starts_with(r.affix) && self.next_ok(r.next, &s.word[r.affix.len()..])
        })?;
        Some(State {
            word: s.word[rule.affix.len()..].to_string(),
            measure: s.measure - 1,
            prefix: if rule.kind == 0 { s.prefix } else { rule.kind },
            recoded: false,
        })
    }

    /// The readings after removing a suffix, or `None` when no suffix may be removed. A removed
    /// suffix is marked by `prefix` gaining bit 7, so the caller knows whether to go on.
    fn suffix(&self, s: &State) -> Option<Vec<State>> {
        let rule = self.suffixes.iter().find(|r| {
            s.word.len() > r.affix.len()
                && s.word.ends_with(r.affix)
                && r.kind & (1 << s.prefix) == 0
                && !(r.next == "!s" && s.word[..s.word.len() - r.affix.len()].ends_with('s'))
        })?;
        let stem = &s.word[..s.word.len() - rule.affix.len()];
        Some(
            rule.into
                .iter()
                .map(|tail| State {
                    word: format!("{stem}{tail}"),
                    measure: s.measure - 1,
                    prefix: s.prefix | SUFFIX_REMOVED,
                    recoded: s.recoded,
                })
                .collect(),
        )
    }

    fn suffix_removed(&self, s: &State) -> bool {
        s.prefix & SUFFIX_REMOVED != 0
    }
}

const SUFFIX_REMOVED: u8 = 1 << 7;

#[derive(Debug, Clone)]
struct State {
    word: String,
    measure: usize,
    prefix: u8,
    recoded: bool,
}

/// For each word of a vocabulary, the one stem the index uses: the candidate that most words of
/// the vocabulary can be read as, the earlier (Tala's) reading on a tie. So *rujukan* joins *merujuk* and *dirujuk* under `rujuk`, and *menulis* joins *tulis*.
pub(crate) fn choose<'a>(
    rules: &Rules,
    words: impl IntoIterator<Item = &'a str>,
) -> BTreeMap<String, String> {
    let words: Vec<&str> = words.into_iter().collect();
    let readings: BTreeMap<String, Vec<String>> =
        super::in_parallel(&words, |w| (w.to_string(), rules.candidates(w)))
            .into_iter()
            .collect();
    let mut support: BTreeMap<&str, usize> = BTreeMap::new();
    for candidates in readings.values() {
        for c in candidates {
            *support.entry(c).or_default() += 1;
        }
    }
    readings
        .iter()
        .map(|(word, candidates)| {
            let best = candidates
                .iter()
                .enumerate()
                .max_by_key(|(i, c)| {
                    (
                        support.get(c.as_str()).copied().unwrap_or(0),
                        std::cmp::Reverse(*i),
                    )
                })
                .map(|(_, c)| c.clone())
                .unwrap_or_else(|| word.clone());
            (word.clone(), best)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stem(word: &str) -> String {
        RULES.candidates(word).remove(0)
    }

    #[test]
    fn tala_readings_of_affixed_words() {
        for (word, root) in [
            ("merujuk", "rujuk"),
            ("dirujuk", "rujuk"),
            ("mengakhiri", "akhir"),
            ("pengakhiran", "akhir"),
            ("penjangkauan", "jangkau"),
            ("pelayanan", "layan"),
            ("bekerja", "kerja"),
            ("pekerjaan", "kerja"),
            ("menyusun", "susun"),
            ("penyaluran", "salur"),
            ("membimbing", "bimbing"),
            ("bimbingan", "bimbing"),
            ("pembinaan", "bina"),
            ("perbaikan", "baik"),
            ("belajar", "ajar"),
            ("pelajaran", "ajar"),
            ("pengkajian", "kaji"),
            ("kebijakan", "bijak"),
            ("memantau", "pantau"),
            ("pemantauan", "pantau"),
            ("diberikan", "beri"),
            ("menghadapi", "hadap"),
            ("pemeriksaan", "periksa"),
            ("pemeliharaan", "pelihara"),
        ] {
            assert_eq!(stem(word), root, "{word}");
        }
    }

    #[test]
    fn clitics_come_off_first() {
        assert_eq!(stem("kebutuhannya"), "butuh");
        assert_eq!(stem("bagaimanakah"), "bagaimana");
        assert_eq!(stem("rumahku"), "rumah");
        assert_eq!(stem("bukunyalah"), "buku");
        assert_eq!(stem("kliennya"), "klien");
    }

    #[test]
    fn short_words_and_non_letters_stay() {
        for word in [
            "anak", "klien", "kasus", "panti", "1945", "uu", "kk", "asesmen",
        ] {
            assert_eq!(stem(word), word);
        }
        // `-i` is part of the root after `s`; `ke-…-i` is not a confix.
        assert_eq!(stem("supervisi"), "supervisi");
    }

    #[test]
    fn ambiguous_spellings_give_every_reading() {
        assert_eq!(RULES.candidates("menulis"), ["ulis", "tulis", "menulis"]);
        assert_eq!(RULES.candidates("mengirim"), ["irim", "kirim", "mengirim"]);
        assert_eq!(RULES.candidates("meminta"), ["pinta", "minta", "meminta"]);
        assert_eq!(RULES.candidates("rujukan"), ["ruju", "rujuk", "rujukan"]);
        assert_eq!(RULES.candidates("kelompoknya"), ["lompok", "kelompok"]);
    }

    /// Tala's reading (the first candidate) is exactly Snowball's `indonesian` stemmer on every
    /// word of the source texts.
    #[test]
    fn first_reading_is_snowballs_indonesian_stem() {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/sumber");
        let snowball = frostem::Stemmer::new(frostem::Algorithm::Indonesian);
        let mut words = BTreeSet::new();
        for entry in std::fs::read_dir(folder).expect("source texts") {
            let text = std::fs::read_to_string(entry.expect("entry").path()).expect("read");
            for w in text.to_lowercase().split(|c: char| !c.is_ascii_lowercase()) {
                if w.len() > 1 {
                    words.insert(w.to_string());
                }
            }
        }
        assert!(words.len() > 3000);
        for w in &words {
            assert_eq!(RULES.candidates(w)[0], snowball.stem(w), "{w}");
        }
    }

    #[test]
    fn the_vocabulary_picks_the_supported_reading() {
        let chosen = choose(
            &RULES,
            [
                "rujukan",
                "merujuk",
                "dirujuk",
                "menulis",
                "tulis",
                "mengakhiri",
                "kelompok",
                "pengelompokan",
            ],
        );
        assert_eq!(chosen["kelompok"], "kelompok");
        assert_eq!(chosen["pengelompokan"], "kelompok");
        assert_eq!(chosen["rujukan"], "rujuk");
        assert_eq!(chosen["menulis"], "tulis");
        assert_eq!(chosen["mengakhiri"], "akhir");
    }
}
