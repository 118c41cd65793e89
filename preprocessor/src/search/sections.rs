//! The index units: every heading (h1–h4 with an id) of a built page starts a section that runs
//! to the next one. Read from the HTML that mdBook wrote, so the text is what a reader sees —
//! exercise and form blocks, session cards and term links included — and the anchors are the
//! ids mdBook gave the headings.

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use std::cell::RefCell;

/// One index unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The page, relative to the site root (`sesi-1-4/asesmen.html`).
    pub page: String,
    /// The heading's id; `None` for text before the page's first heading.
    pub anchor: Option<String>,
    /// The page's title in the table of contents.
    pub page_title: String,
    /// The section's heading (empty before the first heading).
    pub heading: String,
    /// Headings above this one on the page, outermost first.
    pub parents: Vec<String>,
    /// The section's text, whitespace collapsed.
    pub body: String,
}

impl Section {
    /// "Halaman » Bagian", or the page title alone for the page's own title section.
    pub fn breadcrumb(&self) -> String {
        if self.heading.is_empty() || same_words(&self.heading, &self.page_title) {
            self.page_title.clone()
        } else {
            format!("{} » {}", self.page_title, self.heading)
        }
    }

    /// The link target, relative to the site root.
    pub fn url(&self) -> String {
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
pub fn sections(html: &str, page: &str, page_title: &str) -> Vec<Section> {
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
    /// Depth inside elements whose text is not indexed (script, style, aside, nav).
    skip: Vec<String>,
    /// The heading being read: its level.
    heading_level: Option<u8>,
    current: RawSection,
    /// Headings by level (1–4) above the current position.
    outline: [Option<String>; 4],
    done: Vec<RawSection>,
}

#[derive(Default)]
struct RawSection {
    anchor: Option<String>,
    heading: String,
    parents: Vec<String>,
    body: String,
}

const SKIPPED: &[&str] = &["script", "style", "aside", "nav", "template", "noscript"];
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

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut s = self.state.borrow_mut();
        match token {
            Token::TagToken(tag) => {
                let name: &str = &tag.name;
                match tag.kind {
                    TagKind::StartTag => {
                        if name == "main" {
                            s.in_main = true;
                            return TokenSinkResult::Continue;
                        }
                        if !s.in_main {
                            return raw_text(name);
                        }
                        if SKIPPED.contains(&name) && !tag.self_closing {
                            s.skip.push(name.to_string());
                            return raw_text(name);
                        }
                        if !s.skip.is_empty() {
                            return TokenSinkResult::Continue;
                        }
                        let id = tag
                            .attrs
                            .iter()
                            .find(|a| &*a.name.local == "id")
                            .map(|a| a.value.to_string());
                        if let (Some(level), Some(id)) = (heading_level(name), id) {
                            let finished = std::mem::take(&mut s.current);
                            s.done.push(finished);
                            s.current.anchor = Some(id);
                            s.current.parents = s.outline[..usize::from(level - 1)]
                                .iter()
                                .flatten()
                                .cloned()
                                .collect();
                            s.heading_level = Some(level);
                        } else if BLOCKS.contains(&name) {
                            s.push_text(" ");
                        }
                    }
                    TagKind::EndTag => {
                        if name == "main" {
                            s.in_main = false;
                        } else if s.skip.last().is_some_and(|n| n == name) {
                            s.skip.pop();
                        } else if s.skip.is_empty()
                            && let Some(level) = s.heading_level
                            && heading_level(name) == Some(level)
                        {
                            s.heading_level = None;
                            let heading = collapse(&s.current.heading);
                            let index = usize::from(level - 1);
                            s.outline[index] = Some(heading);
                            for deeper in s.outline.iter_mut().skip(index + 1) {
                                *deeper = None;
                            }
                        } else if BLOCKS.contains(&name) {
                            s.push_text(" ");
                        }
                    }
                }
            }
            Token::CharacterTokens(text) if s.in_main && s.skip.is_empty() => {
                s.push_text(&text);
            }
            Token::EOFToken => {
                let finished = std::mem::take(&mut s.current);
                s.done.push(finished);
            }
            _ => {}
        }
        TokenSinkResult::Continue
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
    fn push_text(&mut self, text: &str) {
        if self.heading_level.is_some() {
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
}
