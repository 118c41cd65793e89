//! The test as HTML: `{{#tes awal}}` and `{{#tes akhir}}` (the same items in the same order,
//! answered on the device by `tes.js`, explanations only after the post-test), and the
//! printouts `{{#tes buklet}}` (no answers), `{{#tes lembar-jawaban}}` (one row per item,
//! letters to circle) and `{{#tes kunci}}` (key with every explanation, for the trainer).

use super::model::{Bank, Item, letter};
use crate::render::{Renderer, relative_link};
use crate::session::Session;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;

/// What a `{{#tes …}}` directive shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Mode {
    Awal,
    Akhir,
    Buklet,
    LembarJawaban,
    Kunci,
}

pub(crate) const MODES: &[&str] = &["awal", "akhir", "buklet", "lembar-jawaban", "kunci"];

impl Mode {
    pub(crate) fn parse(text: &str) -> Option<Mode> {
        Some(match text {
            "awal" => Mode::Awal,
            "akhir" => Mode::Akhir,
            "buklet" => Mode::Buklet,
            "lembar-jawaban" => Mode::LembarJawaban,
            "kunci" => Mode::Kunci,
            _ => return None,
        })
    }
}

#[derive(Serialize)]
struct ChoiceView<'a> {
    letter: char,
    text: &'a str,
    correct: bool,
    explanation: &'a str,
}

#[derive(Serialize)]
struct ItemView<'a> {
    number: usize,
    id: &'a str,
    session: &'a str,
    session_title: &'a str,
    objective: &'a str,
    objective_number: usize,
    level: &'a str,
    multiple: bool,
    case: Option<&'a str>,
    question: &'a str,
    choices: Vec<ChoiceView<'a>>,
    /// "B" or "A, C".
    key: String,
}

/// `data-tes-data`: what `tes.js` needs to score and compare, read by no other script.
#[derive(Serialize)]
struct TestData<'a> {
    /// The bank's content hash: a stored answer sheet from another version is not scored.
    hash: &'a str,
    /// "awal" or "akhir".
    tes: Mode,
    /// Items in order.
    butir: Vec<ItemData<'a>>,
    /// Sessions in programme order, with their objectives, for the comparison.
    sesi: Vec<SessionData<'a>>,
    /// The script's strings (`tes_skrip_*` in ui.toml, without the prefix), {placeholders}
    /// filled by the script.
    teks: BTreeMap<&'static str, &'static str>,
}

#[derive(Serialize)]
struct ItemData<'a> {
    id: &'a str,
    sesi: &'a str,
    /// Index into the session's `tujuan`.
    tujuan: usize,
    /// Indices of the correct options; an item scores only when exactly these are chosen.
    kunci: Vec<usize>,
}

#[derive(Serialize)]
struct SessionData<'a> {
    kode: &'a str,
    judul: &'a str,
    tujuan: &'a [String],
}

#[derive(Serialize)]
struct PageView<'a> {
    mode: Mode,
    title: &'a str,
    instructions: &'a str,
    hash: &'a str,
    items: Vec<ItemView<'a>>,
    count: usize,
    data: String,
    /// The other test's page, relative to this one (for the comparison link).
    other: Option<String>,
    /// The answer sheet's rows of letters: as many as the longest item has options.
    letters: Vec<char>,
}

fn item_view<'a>(number: usize, item: &'a Item, sessions: &[&'a Session]) -> ItemView<'a> {
    let session_title = sessions
        .iter()
        .find(|s| s.code == item.session)
        .map_or("", |s| s.title.as_str());
    ItemView {
        number,
        id: &item.id,
        session: &item.session,
        session_title,
        objective: &item.objective,
        objective_number: item.objective_index + 1,
        level: &item.level,
        multiple: item.multiple,
        case: item.case.as_deref(),
        question: &item.question,
        choices: item
            .choices
            .iter()
            .enumerate()
            .map(|(i, c)| ChoiceView {
                letter: letter(i),
                text: &c.text,
                correct: c.correct,
                explanation: &c.explanation,
            })
            .collect(),
        key: item
            .key()
            .into_iter()
            .map(|i| letter(i).to_string())
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// The HTML of one `{{#tes MODE}}` on the page `from`; `other` is the other test's page.
pub(crate) fn test_html(
    bank: &Bank,
    mode: Mode,
    sessions: &[&Session],
    other: Option<&Path>,
    from: &Path,
    renderer: &Renderer,
) -> Result<String, String> {
    let items: Vec<ItemView> = bank
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| item_view(i + 1, item, sessions))
        .collect();
    let data = TestData {
        hash: &bank.hash,
        tes: mode,
        butir: bank
            .items
            .iter()
            .map(|i| ItemData {
                id: &i.id,
                sesi: &i.session,
                tujuan: i.objective_index,
                kunci: i.key(),
            })
            .collect(),
        sesi: sessions
            .iter()
            .filter(|s| bank.for_session(&s.code).next().is_some())
            .map(|s| SessionData {
                kode: &s.code,
                judul: &s.title,
                tujuan: &s.objectives,
            })
            .collect(),
        teks: crate::ui::ui()
            .teks
            .iter()
            .filter_map(|(k, v)| Some((k.strip_prefix("tes_skrip_")?, v.as_str())))
            .collect(),
    };
    let longest = bank
        .items
        .iter()
        .map(|i| i.choices.len())
        .max()
        .unwrap_or(0);
    let view = PageView {
        mode,
        title: &bank.title,
        instructions: &bank.instructions,
        hash: &bank.hash,
        count: items.len(),
        items,
        data: if matches!(mode, Mode::Awal | Mode::Akhir) {
            serde_json::to_string(&data).map_err(|e| e.to_string())?
        } else {
            String::new()
        },
        other: other.map(|p| relative_link(from, p)),
        letters: (0..longest).map(letter).collect(),
    };
    renderer.render("tes.html", view)
}
