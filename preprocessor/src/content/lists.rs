//! Outline markers of the modul ("a.", "b.", "1)", "a)") in Markdown bullet lists.
//!
//! CommonMark has no lettered lists, so editors write `- a. teks`. The marker is wrapped in
//! `<span class="penanda">` so the stylesheet can hide the bullet and hang the marker instead;
//! the marker stays real text (copyable, printable, searchable). `- 1) teks` would otherwise
//! parse as a nested ordered list and lose its ")" style.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// Replacements that wrap the marker of every bullet item that starts with one.
pub(crate) fn markers(markdown: &str) -> Vec<(Range<usize>, String)> {
    let mut ordered_stack = Vec::new();
    let mut out = Vec::new();
    for (event, range) in Parser::new_ext(markdown, Options::ENABLE_TABLES).into_offset_iter() {
        match event {
            Event::Start(Tag::List(first)) => ordered_stack.push(first.is_some()),
            Event::End(TagEnd::List(_)) => {
                ordered_stack.pop();
            }
            Event::Start(Tag::Item) if ordered_stack.last() == Some(&false) => {
                if let Some(marker) = marker_after_bullet(&markdown[range.start..]) {
                    let at = range.start + marker.start..range.start + marker.end;
                    out.push((
                        at.clone(),
                        format!("<span class=\"penanda\">{}</span>", &markdown[at]),
                    ));
                }
            }
            _ => {}
        }
    }
    out
}

/// In `- a. teks`, the range of `a.`: one lower-case letter (or a doubled one, "aa."), or one
/// or two digits, then `.` or `)`, then a space.
fn marker_after_bullet(item: &str) -> Option<Range<usize>> {
    let bytes = item.as_bytes();
    if !matches!(bytes.first(), Some(b'-' | b'*' | b'+')) {
        return None;
    }
    let start = 1 + bytes[1..].iter().take_while(|b| **b == b' ').count();
    if start == 1 {
        return None;
    }
    let rest = &bytes[start..];
    let label = match rest {
        // "aa.", "bb.": the modul's readings continue past "z." by doubling the letter.
        [a, b, ..] if a.is_ascii_lowercase() && a == b => 2,
        [c, ..] if c.is_ascii_lowercase() => 1,
        [a, b, ..] if a.is_ascii_digit() && b.is_ascii_digit() => 2,
        [a, ..] if a.is_ascii_digit() => 1,
        _ => return None,
    };
    match rest.get(label..label + 2) {
        Some([b'.' | b')', b' ']) => Some(start..start + label + 1),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(md: &str) -> String {
        let mut out = String::new();
        let mut at = 0;
        for (range, text) in markers(md) {
            out.push_str(&md[at..range.start]);
            out.push_str(&text);
            at = range.end;
        }
        out.push_str(&md[at..]);
        out
    }

    #[test]
    fn wraps_letter_and_parenthesis_markers_only_in_bullets() {
        let md = "1. Satu:\n   - a. huruf\n     - 1) angka\n     - b) kurung\n   - biasa\n   - ab. bukan\n   - aa. ganda\n";
        let out = apply(md);
        assert!(
            out.contains("- <span class=\"penanda\">a.</span> huruf"),
            "{out}"
        );
        assert!(
            out.contains("- <span class=\"penanda\">1)</span> angka"),
            "{out}"
        );
        assert!(
            out.contains("- <span class=\"penanda\">b)</span> kurung"),
            "{out}"
        );
        assert!(out.contains("- biasa"));
        assert!(out.contains("- ab. bukan"));
        assert!(
            out.contains("- <span class=\"penanda\">aa.</span> ganda"),
            "{out}"
        );
        assert!(out.starts_with("1. Satu:"));
    }

    #[test]
    fn code_is_left_alone() {
        let md = "```\n- a. kode\n```\n";
        assert!(markers(md).is_empty());
    }
}
