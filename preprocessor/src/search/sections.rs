//! The index units: every heading (h1–h4 with an id) of a built page starts a section that runs
//! to the next one, and every exercise (`data-latihan`) and form (`data-formulir`) is a section
//! of its own, named by its title (the element its `aria-labelledby` points at); the text around
//! it stays with the heading above. Read from the HTML that mdBook wrote, so the text is what a
//! reader sees — session cards and term links included — and the anchors are the ids mdBook gave
//! the headings and ours gave the blocks.
//!
//! Left out: what a reader does not see as content (hidden elements, buttons, the choices of a
//! `<select>` that repeat a list shown above it, navigation, scripts) and what a learner should
//! not land on by searching: answer keys and facilitator notes, which the page shows only on
//! request or in trainer mode.

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use std::cell::RefCell;

/// One index unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Section {
    /// The page, relative to the site root (`sesi-1-4/asesmen.html`).
    pub(crate) page: String,
    /// The heading's id; `None` for text before the page's first heading.
    pub(crate) anchor: Option<String>,
    /// The page's title in the table of contents.
    pub(crate) page_title: String,
    /// The section's heading (empty before the first heading).
    pub(crate) heading: String,
    /// Headings above this one on the page, outermost first.
    pub(crate) parents: Vec<String>,
    /// The section's text, whitespace collapsed.
    pub(crate) body: String,
}

impl Section {
    /// "Halaman » Bagian", or the page title alone for the page's own title section.
    pub(crate) fn breadcrumb(&self) -> String {
        if self.heading.is_empty() || same_words(&self.heading, &self.page_title) {
            self.page_title.clone()
        } else {
            format!("{} » {}", self.page_title, self.heading)
        }
    }

    /// The link target, relative to the site root.
    #[cfg(test)]
    fn url(&self) -> String {
        match &self.anchor {
            Some(a) => format!("{}#{a}", self.page),
            None => self.page.clone(),
        }
    }
}

fn same_words(a: &str, b: &str) -> bool {
    let words = |s: &str| {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
    };
    words(a) == words(b)
}

/// The sections of one built page, in page order. Sections with neither heading nor text are
/// dropped.
pub(crate) fn sections(html: &str, page: &str, page_title: &str) -> Vec<Section> {
    let sink = Sink::default();
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    // Only `<main>` is read: skipping the head and the navigation halves the work.
    let main = match (html.find("<main"), html.rfind("</main>")) {
        (Some(start), Some(end)) if start < end => &html[start..end + "</main>".len()],
        _ => html,
    };
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(main));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let state = tokenizer.sink.state.into_inner();
    let mut out = Vec::new();
    for raw in state.done {
        let body = collapse(&raw.body);
        let heading = collapse(&raw.heading);
        if body.is_empty() && heading.is_empty() {
            continue;
        }
        out.push(Section {
            page: page.to_string(),
            anchor: raw.anchor,
            page_title: page_title.to_string(),
            heading,
            parents: raw.parents,
            body,
        });
    }
    out
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[derive(Default)]
struct Sink {
    state: RefCell<State>,
}

#[derive(Default)]
struct State {
    /// Inside `<main>`.
    in_main: bool,
    /// Inside an element whose text is not indexed: its name and how many elements of that
    /// name are open (the same name can nest).
    skip: Option<(String, usize)>,
    /// The heading being read: its level.
    heading_level: Option<u8>,
    current: RawSection,
    /// Where `current` goes in `done` when it was set aside for a block inside it.
    current_slot: Option<usize>,
    /// Open exercise and form blocks, innermost last.
    blocks: Vec<Block>,
    /// The element holding the open block's title, while it is read: its name.
    label_open: Option<String>,
    /// Headings by level (1–4) above the current position.
    outline: [Option<String>; 4],
    done: Vec<RawSection>,
}

/// An exercise or form being read.
struct Block {
    name: String,
    /// Open elements named `name`, the block's own included.
    depth: usize,
    /// The id of the element holding the title, until it is found.
    label: Option<String>,
    /// The section around the block, resumed at its end: its place in `done`.
    outer: usize,
    /// The block's title repeats the heading above it (a form on its own page): its text
    /// belongs to that section, not to a second one of the same name.
    merged: bool,
}

#[derive(Default)]
struct RawSection {
    anchor: Option<String>,
    heading: String,
    parents: Vec<String>,
    body: String,
}

const SKIPPED: &[&str] = &[
    "script", "style", "aside", "nav", "template", "noscript", "button", "select",
];
/// Classes of blocks a learner should not land on by searching: answer keys, facilitator notes,
/// and forms filled in an exercise (their text is the form's own page again; the exercise's
/// question stays in).
const SKIPPED_CLASSES: &[&str] = &[
    "modul-kunci",
    "modul-catatan-fasilitator",
    "modul-formulir-latihan",
    "modul-ke-atas",
];
/// Attributes that make an element its own section (with `id` and `aria-labelledby`).
const BLOCK_ATTRIBUTES: &[&str] = &["data-latihan", "data-formulir"];
/// Elements without an end tag: never entered.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];
/// Elements whose boundaries separate words.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "td",
    "th",
    "tr",
    "table",
    "br",
    "h5",
    "h6",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "section",
    "figure",
    "figcaption",
    "label",
    "option",
    "legend",
    "fieldset",
    "summary",
    "details",
    "caption",
    "hr",
    "input",
    "select",
    "textarea",
    "button",
];

fn heading_level(name: &str) -> Option<u8> {
    match name {
        "h1" => Some(1),
        "h2" => Some(2),
        "h3" => Some(3),
        "h4" => Some(4),
        _ => None,
    }
}

fn attribute<'t>(tag: &'t html5ever::tokenizer::Tag, name: &str) -> Option<&'t str> {
    tag.attrs
        .iter()
        .find(|a| &*a.name.local == name)
        .map(|a| &*a.value)
}

/// Whether an element's text stays out of the index.
fn skipped(tag: &html5ever::tokenizer::Tag) -> bool {
    SKIPPED.contains(&&*tag.name)
        || attribute(tag, "hidden").is_some()
        || attribute(tag, "aria-hidden") == Some("true")
        || attribute(tag, "class")
            .is_some_and(|c| c.split_whitespace().any(|c| SKIPPED_CLASSES.contains(&c)))
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut s = self.state.borrow_mut();
        match token {
            Token::TagToken(tag) => match tag.kind {
                TagKind::StartTag => return s.start_tag(&tag),
                TagKind::EndTag => s.end_tag(&tag),
            },
            Token::CharacterTokens(text) if s.in_main && s.skip.is_none() => {
                s.push_text(&text);
            }
            Token::EOFToken => {
                s.finish();
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

impl State {
    /// An opening tag: enters `<main>`, a skipped element, an exercise or form block (a
    /// section of its own, named by its label), or a heading (a new section).
    fn start_tag(&mut self, tag: &html5ever::tokenizer::Tag) -> TokenSinkResult<()> {
        let name: &str = &tag.name;
        let void = tag.self_closing || VOID.contains(&name);
        if name == "main" {
            self.in_main = true;
            return TokenSinkResult::Continue;
        }
        if !self.in_main {
            return raw_text(name);
        }
        if let Some((root, depth)) = &mut self.skip {
            if root == name && !void {
                *depth += 1;
            }
            return raw_text(name);
        }
        if skipped(tag) {
            if !void {
                self.skip = Some((name.to_string(), 1));
            }
            return raw_text(name);
        }
        if let Some(block) = self.blocks.last_mut()
            && block.name == name
            && !void
        {
            block.depth += 1;
        }
        let id = attribute(tag, "id");
        let label = self.blocks.last().and_then(|b| b.label.as_deref());
        if id.is_some() && id == label && self.heading_level.is_none() {
            if let Some(block) = self.blocks.last_mut() {
                block.label = None;
            }
            self.label_open = Some(name.to_string());
        } else if let (true, Some(id), Some(label)) = (
            BLOCK_ATTRIBUTES.iter().any(|a| attribute(tag, a).is_some()),
            id,
            attribute(tag, "aria-labelledby"),
        ) {
            let outer = self.finish();
            self.current.anchor = Some(id.to_string());
            self.current.parents = self.outline.iter().flatten().cloned().collect();
            self.blocks.push(Block {
                name: name.to_string(),
                depth: 1,
                label: Some(label.to_string()),
                outer,
                merged: false,
            });
        } else if let (Some(level), Some(id)) = (heading_level(name), id) {
            self.finish();
            self.current.anchor = Some(id.to_string());
            self.current.parents = self.outline[..usize::from(level - 1)]
                .iter()
                .flatten()
                .cloned()
                .collect();
            self.heading_level = Some(level);
        } else if BLOCKS.contains(&name) {
            self.push_text(" ");
        }
        TokenSinkResult::Continue
    }

    /// A closing tag: leaves a skipped element, a label, a heading (its text joins the
    /// outline) or a block (the section around it resumes).
    fn end_tag(&mut self, tag: &html5ever::tokenizer::Tag) {
        let name: &str = &tag.name;
        if name == "main" {
            self.in_main = false;
            return;
        }
        if let Some((root, depth)) = &mut self.skip {
            if root == name {
                *depth -= 1;
                if *depth == 0 {
                    self.skip = None;
                }
            }
            return;
        }
        if self.label_open.as_deref() == Some(name) {
            self.label_open = None;
            self.merge_if_repeated();
        } else if let Some(level) = self.heading_level
            && heading_level(name) == Some(level)
        {
            self.heading_level = None;
            let heading = collapse(&self.current.heading);
            let index = usize::from(level - 1);
            self.outline[index] = Some(heading);
            for deeper in self.outline.iter_mut().skip(index + 1) {
                *deeper = None;
            }
        } else if BLOCKS.contains(&name) {
            self.push_text(" ");
        }
        if let Some(block) = self.blocks.last_mut()
            && block.name == name
        {
            block.depth -= 1;
            if block.depth == 0 {
                let (outer, merged) = (block.outer, block.merged);
                self.blocks.pop();
                self.label_open = None;
                if !merged {
                    self.finish();
                    self.current = std::mem::take(&mut self.done[outer]);
                    self.current_slot = Some(outer);
                }
            }
        }
    }
}

/// Script and style contents are raw text; the tokenizer must be told, as a tree builder would.
fn raw_text(name: &str) -> TokenSinkResult<()> {
    use html5ever::tokenizer::states::RawKind;
    match name {
        "script" => TokenSinkResult::RawData(RawKind::ScriptData),
        "style" | "noscript" | "template" => TokenSinkResult::RawData(RawKind::Rawtext),
        "textarea" | "title" => TokenSinkResult::RawData(RawKind::Rcdata),
        _ => TokenSinkResult::Continue,
    }
}

impl State {
    /// Ends the current section (back into its place when it was set aside) and starts an
    /// empty one; returns where the ended one is.
    fn finish(&mut self) -> usize {
        let finished = std::mem::take(&mut self.current);
        match self.current_slot.take() {
            Some(slot) => {
                self.done[slot] = finished;
                slot
            }
            None => {
                self.done.push(finished);
                self.done.len() - 1
            }
        }
    }

    /// When the open block's title is the heading of the section around it, goes back to that
    /// section with what was read of the block so far.
    fn merge_if_repeated(&mut self) {
        let Some(block) = self.blocks.last_mut() else {
            return;
        };
        let Some(outer) = self.done.get(block.outer) else {
            return;
        };
        if !same_words(&self.current.heading, &outer.heading) {
            return;
        }
        block.merged = true;
        let outer = block.outer;
        let read = std::mem::take(&mut self.current);
        self.current = std::mem::take(&mut self.done[outer]);
        self.current_slot = Some(outer);
        self.current.body.push(' ');
        self.current.body.push_str(&read.body);
    }

    fn push_text(&mut self, text: &str) {
        if self.heading_level.is_some() || self.label_open.is_some() {
            self.current.heading.push_str(text);
        } else {
            self.current.body.push_str(text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_split_the_main_text_into_sections() {
        let html = r##"<html><head><title>x</title><script>if (a < b) {}</script></head>
<body><nav>Daftar isi</nav><main>
<h1 id="asesmen"><a class="header" href="#asesmen">Asesmen</a></h1>
<p>Pengantar &amp; tujuan.</p>
<h2 id="a-pengertian"><a class="header" href="#a-pengertian">A. Pengertian</a></h2>
<p>Asesmen adalah<br>proses.</p><ul><li>satu</li><li>dua</li></ul>
<h3 id="b"><a class="header" href="#b">Rinci</a></h3><p>Isi <em>rinci</em>.</p>
<aside><p>Bacaan pendukung</p></aside>
<h2 id="kosong">Kosong</h2>
<script>var x = "<h2 id='no'>";</script>
</main><footer>kaki</footer></body></html>"##;
        let found = sections(html, "sesi-1-4/asesmen.html", "Asesmen");
        let view: Vec<(String, String, Vec<String>, String)> = found
            .iter()
            .map(|s| (s.breadcrumb(), s.url(), s.parents.clone(), s.body.clone()))
            .collect();
        assert_eq!(
            view,
            [
                (
                    "Asesmen".into(),
                    "sesi-1-4/asesmen.html#asesmen".into(),
                    vec![],
                    "Pengantar & tujuan.".into()
                ),
                (
                    "Asesmen » A. Pengertian".into(),
                    "sesi-1-4/asesmen.html#a-pengertian".into(),
                    vec!["Asesmen".into()],
                    "Asesmen adalah proses. satu dua".into()
                ),
                (
                    "Asesmen » Rinci".into(),
                    "sesi-1-4/asesmen.html#b".into(),
                    vec!["Asesmen".into(), "A. Pengertian".into()],
                    "Isi rinci.".into()
                ),
                (
                    "Asesmen » Kosong".into(),
                    "sesi-1-4/asesmen.html#kosong".into(),
                    vec!["Asesmen".into()],
                    "".into()
                ),
            ]
        );
    }

    #[test]
    fn exercises_and_forms_are_sections_without_answer_keys_or_forms_filled_in_exercises() {
        let html = r##"<main>
<h1 id="rujukan"><a class="header" href="#rujukan">Rujukan</a></h1>
<p>Awal.</p>
<h2 id="latihan"><a class="header" href="#latihan">Latihan</a></h2>
<section class="modul-latihan" id="latihan-x" data-latihan="x" aria-labelledby="latihan-x-judul">
<header><p>Latihan · Pilihan ganda</p><h3 id="latihan-x-judul">Prinsip rujukan</h3></header>
<div hidden>diperbarui</div>
<fieldset><legend>Tindakan mana yang tepat?</legend><ol><li><label><input type="radio"> Membicarakan bersama klien</label></li></ol></fieldset>
<section class="modul-simpul" id="s1"><p>Bagian 1</p><select><option>pilih</option></select></section>
<div data-hanya-js hidden><button type="button">Periksa</button></div>
<details class="modul-kunci"><summary>Kunci jawaban</summary><details><summary>x</summary>rahasia</details><p>Benar — Membicarakan</p></details>
<details class="modul-catatan-fasilitator"><summary>Catatan fasilitator</summary><p>Diskusikan.</p></details>
<form class="modul-formulir modul-formulir-latihan" id="latihan-x-f" data-formulir="surat"><p>Nama penerima rujukan</p></form>
</section>
<p>Sesudah latihan.</p>
<form class="modul-formulir" id="f-surat" data-formulir="surat" aria-labelledby="f-surat-judul">
<header><p class="modul-formulir-judul" id="f-surat-judul">Surat Rujukan</p></header>
<fieldset><legend>Data klien</legend><label for="a">Nama klien</label><input id="a"></fieldset>
<p class="modul-jawaban-model" hidden>Pak Udin</p>
</form>
<h2 id="akhir"><a class="header" href="#akhir">Akhir</a></h2><p>Penutup.</p>
</main>"##;
        let found = sections(html, "sesi-1-2/rujukan.html", "Rujukan");
        let view: Vec<(String, String, String)> = found
            .iter()
            .map(|s| (s.breadcrumb(), s.url(), s.body.clone()))
            .collect();
        assert_eq!(
            view,
            [
                (
                    "Rujukan".into(),
                    "sesi-1-2/rujukan.html#rujukan".into(),
                    "Awal.".into()
                ),
                (
                    "Rujukan » Latihan".into(),
                    "sesi-1-2/rujukan.html#latihan".into(),
                    "Sesudah latihan.".into()
                ),
                (
                    "Rujukan » Prinsip rujukan".into(),
                    "sesi-1-2/rujukan.html#latihan-x".into(),
                    "Latihan · Pilihan ganda Tindakan mana yang tepat? Membicarakan bersama klien Bagian 1".into()
                ),
                (
                    "Rujukan » Surat Rujukan".into(),
                    "sesi-1-2/rujukan.html#f-surat".into(),
                    "Data klien Nama klien".into()
                ),
                (
                    "Rujukan » Akhir".into(),
                    "sesi-1-2/rujukan.html#akhir".into(),
                    "Penutup.".into()
                ),
            ]
        );
        assert_eq!(found[2].parents, ["Rujukan", "Latihan"]);

        // A form on its own page, under a heading of the same name, is that heading's section.
        let html = r##"<main><h1 id="surat-rujukan">Surat Rujukan</h1><p>Pengantar.</p>
<form id="f-surat" data-formulir="surat" aria-labelledby="f-surat-judul"><p>Lampiran</p>
<p id="f-surat-judul">Surat rujukan</p><label>Nama klien</label></form><p>Catatan.</p></main>"##;
        let found = sections(html, "formulir/surat-rujukan.html", "Surat Rujukan");
        let view: Vec<(String, String)> = found.iter().map(|s| (s.url(), s.body.clone())).collect();
        assert_eq!(
            view,
            [(
                "formulir/surat-rujukan.html#surat-rujukan".into(),
                "Pengantar. Lampiran Nama klien Catatan.".into()
            )]
        );
    }
}
