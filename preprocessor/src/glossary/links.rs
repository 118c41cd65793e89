//! Term links: the first occurrence of each glossary term on a page becomes a link to its
//! entry on the glossary page, with the definition as tooltip.

use super::{Glossary, Term};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::ops::Range;

impl Term {
    /// Abbreviations (any capital letter) match case-sensitively; words in any case.
    fn case_sensitive(&self) -> bool {
        self.term.chars().any(char::is_uppercase)
    }
}

impl Glossary {
    /// Links to insert into a chapter's Markdown: the first occurrence of each term in running
    /// text (not in headings, links, code or HTML), longest terms first so "konferensi kasus"
    /// wins over a shorter term inside it. `target` is the glossary page link from this chapter.
    /// Nothing is linked inside `names` (the book's own title where the text cites it: a name,
    /// not a use of its words), wherever its lines break.
    pub(crate) fn links(
        &self,
        markdown: &str,
        target: &str,
        names: &[&str],
    ) -> Vec<(Range<usize>, String)> {
        let texts = running_text(markdown);
        // Lower-cased once for every term; ASCII lower-casing keeps byte offsets.
        let lower = markdown.to_ascii_lowercase();
        let mut order: Vec<&Term> = self.terms.iter().collect();
        order.sort_by_key(|t| std::cmp::Reverse(t.term.len()));
        // Cited names: sorted and apart, so a candidate is checked by binary search (a page may
        // cite the title many times). A one-word name is not told apart from running text.
        let mut cited: Vec<Range<usize>> = names
            .iter()
            .filter(|name| name.split_whitespace().nth(1).is_some())
            .flat_map(|name| occurrences(markdown, name))
            .collect();
        cited.sort_by_key(|r| r.start);
        cited.dedup_by(|next, kept| {
            let overlaps = next.start < kept.end;
            if overlaps {
                kept.end = kept.end.max(next.end);
            }
            overlaps
        });
        let in_cited = |r: &Range<usize>| {
            let after = cited.partition_point(|c| c.end <= r.start);
            cited.get(after).is_some_and(|c| c.start < r.end)
        };
        let mut taken: Vec<Range<usize>> = Vec::new();
        let mut out = Vec::new();
        for term in order {
            // Absent from the page, absent from each of its texts: one search instead of one
            // per text (a long page has thousands).
            let absent = if term.case_sensitive() {
                !markdown.contains(term.term.as_str())
            } else {
                !lower.contains(term.term.to_ascii_lowercase().as_str())
            };
            if absent {
                continue;
            }
            let found = texts.iter().find_map(|range| {
                find_words(&markdown[range.clone()], &lower[range.clone()], term)
                    .into_iter()
                    .map(|r| r.start + range.start..r.end + range.start)
                    .find(|r| {
                        !in_cited(r) && !taken.iter().any(|t| t.start < r.end && r.start < t.end)
                    })
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

/// Byte ranges of `phrase` in `text` as whole words, its words separated by any run of
/// whitespace (a cited title often breaks across lines). Ranges never overlap.
fn occurrences(text: &str, phrase: &str) -> Vec<Range<usize>> {
    let mut words = phrase.split_whitespace();
    let Some(first) = words.next() else {
        return Vec::new();
    };
    let rest: Vec<&str> = words.collect();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find(first) {
        let start = from + i;
        let mut end = start + first.len();
        let whole = rest.iter().all(|word| {
            let after = &text[end..];
            let gap = after.len() - after.trim_start().len();
            if gap > 0 && after[gap..].starts_with(word) {
                end += gap + word.len();
                true
            } else {
                false
            }
        });
        let is_word = |c: char| c.is_alphanumeric() || c == '-';
        let bounded = !text[..start].chars().next_back().is_some_and(is_word)
            && !text[end..].chars().next().is_some_and(is_word);
        if whole && bounded {
            found.push(start..end);
            from = end;
        } else {
            from = start + first.len();
        }
    }
    found
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
