//! The order in which a learner sees options, steps and right-hand texts, decided once for the
//! whole book so that the place of an answer tells nothing:
//!
//! - single choice: the key's position is spread over A, B, C, … across the book (each
//!   exercise in turn takes the least used free position), the wrong options fill the other
//!   places in a fixed shuffle;
//! - multiple choice: a fixed shuffle in which the right options never all come first;
//! - ordering and matching: a fixed shuffle that is neither the answer order nor a rotation
//!   of it.
//!
//! Every shuffle is seeded from the exercise id, so the same sources give the same bytes. An
//! author pins an order with `urutan = "tetap"` (the whole exercise) or `tetap = true` (one
//! option, e.g. "Semua benar" last). [`Figures`] measures the result; tests hold it to the
//! bars in [`BARS`].

use super::model::{Body, Choice, Exercise, Level};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// A number from the exercise id, a purpose and a counter: the only source of "chance".
fn seed(id: &str, salt: &str, n: usize) -> [u8; 32] {
    Sha256::digest(format!("{id}\u{0}{salt}\u{0}{n}").as_bytes()).into()
}

/// `items` in a fixed shuffle for (id, salt, attempt).
fn shuffle(id: &str, salt: &str, attempt: usize, items: &[usize]) -> Vec<usize> {
    let mut keyed: Vec<([u8; 32], usize)> = items
        .iter()
        .map(|&i| (seed(id, &format!("{salt}\u{0}{attempt}"), i), i))
        .collect();
    keyed.sort();
    keyed.into_iter().map(|(_, i)| i).collect()
}

/// Whether `order` (of `0..n`) is the answer order shifted by some places: 1 2 3 4, 3 4 1 2, …
/// A learner who spots the shift needs no knowledge at all.
pub(crate) fn is_rotation(order: &[usize]) -> bool {
    let n = order.len();
    n == 0 || (0..n).all(|at| order[at] == (order[0] + at) % n)
}

/// A fixed shuffle of `0..n` that is not the answer order nor a rotation of it (n ≥ 3; the
/// loader requires three steps or pairs).
pub(crate) fn scrambled(id: &str, salt: &str, n: usize) -> Vec<usize> {
    let all: Vec<usize> = (0..n).collect();
    (0..64)
        .map(|attempt| shuffle(id, salt, attempt, &all))
        .find(|order| n < 3 || !is_rotation(order))
        // Reversed is never a rotation for n ≥ 3; 64 misses in a row do not happen in practice.
        .unwrap_or_else(|| all.iter().rev().copied().collect())
}

/// A stable identity for an option, independent of where it is shown: saved answers name
/// options by it, so a new order never changes what a learner chose.
pub(crate) fn option_key(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .take(4)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The options in the order shown: pinned ones at their written place, the key (single
/// choice) at `key_at` when given, the rest in a fixed shuffle in the free places.
fn place(id: &str, options: &[Choice], key_at: Option<usize>, attempt: usize) -> Vec<usize> {
    let n = options.len();
    let mut slots: Vec<Option<usize>> = (0..n).map(|i| options[i].pinned.then_some(i)).collect();
    let mut free: Vec<usize> = (0..n).filter(|&i| !options[i].pinned).collect();
    if let (Some(at), Some(key)) = (key_at, options.iter().position(|o| o.correct))
        && slots[at].is_none()
        && !options[key].pinned
    {
        slots[at] = Some(key);
        free.retain(|&i| i != key);
    }
    let mut rest = shuffle(id, "pilihan", attempt, &free).into_iter();
    slots
        .into_iter()
        .map(|slot| slot.or_else(|| rest.next()).unwrap_or(0))
        .collect()
}

/// Whether every right option is shown before every wrong one.
fn all_correct_first(options: &[Choice], order: &[usize]) -> bool {
    let right = options.iter().filter(|o| o.correct).count();
    order.iter().take(right).all(|&i| options[i].correct)
}

/// Where the key of a single-choice exercise is shown when its order is not the build's to
/// choose (the whole order or the key is pinned).
fn fixed_key_place(e: &Exercise, options: &[Choice]) -> Option<usize> {
    let key = options.iter().position(|o| o.correct)?;
    (e.fixed_order || options[key].pinned).then_some(key)
}

/// Decides the shown order of every exercise of the book (see the module comment).
pub(crate) fn arrange(exercises: &mut BTreeMap<String, Exercise>) {
    // Single choice first: how often each position already holds a key.
    let mut load: BTreeMap<usize, usize> = BTreeMap::new();
    let mut open: Vec<([u8; 32], String)> = Vec::new();
    for e in exercises.values() {
        if let Body::SingleChoice { options, .. } = &e.body {
            match fixed_key_place(e, options) {
                Some(at) => *load.entry(at).or_default() += 1,
                None => open.push((seed(&e.id, "kunci", 0), e.id.clone())),
            }
        }
    }
    // The others in a fixed shuffled turn, each taking the least used free position.
    open.sort();
    let mut key_at: BTreeMap<String, usize> = BTreeMap::new();
    for (_, id) in open {
        let Some(Body::SingleChoice { options, .. }) = exercises.get(&id).map(|e| &e.body) else {
            continue;
        };
        let best = (0..options.len())
            .filter(|&at| !options[at].pinned)
            .min_by_key(|&at| (load.get(&at).copied().unwrap_or(0), seed(&id, "tempat", at)));
        if let Some(at) = best {
            *load.entry(at).or_default() += 1;
            key_at.insert(id, at);
        }
    }
    for e in exercises.values_mut() {
        e.order = match &e.body {
            Body::SingleChoice { options, .. } if e.fixed_order => (0..options.len()).collect(),
            Body::SingleChoice { options, .. } => {
                place(&e.id, options, key_at.get(&e.id).copied(), 0)
            }
            Body::MultipleChoice { options, .. } if e.fixed_order => (0..options.len()).collect(),
            Body::MultipleChoice { options, .. } => {
                let first = place(&e.id, options, None, 0);
                (0..32)
                    .map(|attempt| place(&e.id, options, None, attempt))
                    .find(|order| !all_correct_first(options, order))
                    .unwrap_or(first)
            }
            Body::Ordering { steps, .. } => scrambled(&e.id, "urutkan", steps.len()),
            Body::Matching { pairs, .. } => scrambled(&e.id, "jodohkan", pairs.len()),
            _ => Vec::new(),
        };
    }
}

/// The bars the book's exercises are held to (issue 13).
pub const BARS: Bars = Bars {
    key_position_max: 0.35,
    longest_correct_max: 0.40,
    all_correct_first_max: 0.25,
    applies_min: 0.70,
};

/// Upper and lower limits on [`Figures`], as shares.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Bars {
    /// No position holds more than this share of single-choice keys.
    pub key_position_max: f64,
    /// The key is the longest option in at most this share of single-choice exercises.
    pub longest_correct_max: f64,
    /// Every right option shown first in at most this share of multiple-choice exercises.
    pub all_correct_first_max: f64,
    /// At least this share of exercises apply or analyse (`tingkat`).
    pub applies_min: f64,
}

/// What the book's exercises measure and where their keys are, as shown to the learner.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Figures {
    /// Exercises in all.
    pub exercises: usize,
    /// Exercises per level (`tingkat`), in the order ingatan, pemahaman, penerapan, analisis.
    pub levels: Vec<(Level, usize)>,
    /// Single-choice exercises.
    pub single: usize,
    /// How many single-choice keys are shown at A, B, C, …
    pub key_at: Vec<usize>,
    /// Single-choice exercises whose key is the longest option (ties count as longest).
    pub longest_correct: usize,
    /// Multiple-choice exercises.
    pub multiple: usize,
    /// Multiple-choice exercises that show every right option before every wrong one.
    pub all_correct_first: usize,
    /// Ordering and matching exercises shown in the answer order or a rotation of it.
    pub ordered_as_answer: usize,
}

fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

impl Figures {
    /// Measures the exercises as arranged.
    pub fn of<'a>(exercises: impl IntoIterator<Item = &'a Exercise>) -> Figures {
        let mut f = Figures {
            levels: Level::ALL.into_iter().map(|l| (l, 0)).collect(),
            ..Figures::default()
        };
        for e in exercises {
            f.exercises += 1;
            if let Some(entry) = f.levels.iter_mut().find(|(l, _)| *l == e.level) {
                entry.1 += 1;
            }
            match &e.body {
                Body::SingleChoice { options, .. } => {
                    f.single += 1;
                    if let Some(at) = e.order.iter().position(|&i| options[i].correct) {
                        if f.key_at.len() <= at {
                            f.key_at.resize(at + 1, 0);
                        }
                        f.key_at[at] += 1;
                    }
                    let length = |o: &Choice| o.text.chars().count();
                    let longest = options.iter().map(length).max().unwrap_or(0);
                    if options.iter().any(|o| o.correct && length(o) == longest) {
                        f.longest_correct += 1;
                    }
                }
                Body::MultipleChoice { options, .. } => {
                    f.multiple += 1;
                    if all_correct_first(options, &e.order) {
                        f.all_correct_first += 1;
                    }
                }
                Body::Ordering { .. } | Body::Matching { .. } if is_rotation(&e.order) => {
                    f.ordered_as_answer += 1;
                }
                _ => {}
            }
        }
        f
    }

    /// The share of single-choice keys at the most used position.
    pub fn key_position_share(&self) -> f64 {
        share(self.key_at.iter().copied().max().unwrap_or(0), self.single)
    }

    pub fn longest_correct_share(&self) -> f64 {
        share(self.longest_correct, self.single)
    }

    pub fn all_correct_first_share(&self) -> f64 {
        share(self.all_correct_first, self.multiple)
    }

    /// Exercises that apply or analyse.
    pub fn applying(&self) -> usize {
        self.levels
            .iter()
            .filter(|(l, _)| l.applies())
            .map(|(_, n)| n)
            .sum()
    }

    pub fn applies_share(&self) -> f64 {
        share(self.applying(), self.exercises)
    }

    /// Each bar the figures miss, in words (empty when all are met).
    pub fn missed(&self, bars: &Bars) -> Vec<String> {
        let mut out = Vec::new();
        let pct = |x: f64| format!("{:.0}%", x * 100.0);
        if self.key_position_share() > bars.key_position_max {
            out.push(format!(
                "{} of single-choice keys at one position (at most {})",
                pct(self.key_position_share()),
                pct(bars.key_position_max)
            ));
        }
        if self.longest_correct_share() > bars.longest_correct_max {
            out.push(format!(
                "the key is the longest option in {} of single-choice exercises (at most {})",
                pct(self.longest_correct_share()),
                pct(bars.longest_correct_max)
            ));
        }
        if self.all_correct_first_share() > bars.all_correct_first_max {
            out.push(format!(
                "every right option first in {} of multiple-choice exercises (at most {})",
                pct(self.all_correct_first_share()),
                pct(bars.all_correct_first_max)
            ));
        }
        if self.ordered_as_answer > 0 {
            out.push(format!(
                "{} ordering/matching exercises start in the answer order or a rotation of it",
                self.ordered_as_answer
            ));
        }
        if self.applies_share() < bars.applies_min {
            out.push(format!(
                "{} of exercises apply or analyse (at least {})",
                pct(self.applies_share()),
                pct(bars.applies_min)
            ));
        }
        out
    }
}
