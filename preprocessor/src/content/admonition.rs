//! GitHub-style alerts (`> [!NOTE]` …) with Indonesian titles, and facilitator notes
//! (`> [!FASILITATOR]`).
//!
//! mdBook renders alerts with English titles fixed in its code, so the preprocessor turns each
//! alert into the same markup (same classes, so mdBook's styles apply) with the title from
//! `ui.toml`, leaving the alert's body as Markdown. A facilitator note becomes a `<details>`
//! block that learner mode hides and trainer mode (Mode Fasilitator) shows.

use crate::render::Renderer;
use crate::ui;
use pulldown_cmark::{BlockQuoteKind, Event, Options, Parser, Tag};
use serde::Serialize;
use std::ops::Range;

/// The opening of an alert as `peringatan.html` renders it.
#[derive(Serialize)]
struct AlertView {
    /// mdBook's class for the kind: `note`, `tip`, `important`, `warning`, `caution`.
    kind: &'static str,
    /// The Indonesian title.
    title: &'static str,
}

fn kind_names(kind: BlockQuoteKind) -> (&'static str, &'static str) {
    match kind {
        BlockQuoteKind::Note => ("note", "catatan"),
        BlockQuoteKind::Tip => ("tip", "tips"),
        BlockQuoteKind::Important => ("important", "penting"),
        BlockQuoteKind::Warning => ("warning", "peringatan"),
        BlockQuoteKind::Caution => ("caution", "hati_hati"),
    }
}

/// Replacements (range of the alert → new Markdown) for every alert in `text`.
pub(crate) fn rewrite(
    text: &str,
    renderer: &Renderer,
) -> Result<Vec<(Range<usize>, String)>, String> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    for (event, range) in Parser::new_ext(text, Options::ENABLE_GFM).into_offset_iter() {
        match event {
            Event::Start(Tag::BlockQuote(kind)) => {
                depth += 1;
                // Nested alerts stay inside their parent's rewritten body and are left to mdBook.
                if depth != 1 {
                    continue;
                }
                if let Some(kind) = kind {
                    let (class, key) = kind_names(kind);
                    let open = renderer.render(
                        "peringatan.html",
                        AlertView {
                            kind: class,
                            title: ui::text(key),
                        },
                    )?;
                    out.push((range.clone(), wrap(text, range, &open, "</blockquote>")));
                } else if is_facilitator_note(&text[range.clone()]) {
                    let open = renderer.render("fasilitator.html", ())?;
                    out.push((range.clone(), wrap(text, range, &open, "</details>")));
                }
            }
            Event::End(pulldown_cmark::TagEnd::BlockQuote(_)) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(out)
}

/// The marker of a facilitator note, on the first line of a block quote.
const FACILITATOR: &str = "[!FASILITATOR]";

fn is_facilitator_note(block: &str) -> bool {
    let first = block.lines().next().unwrap_or("").trim_start();
    first
        .strip_prefix('>')
        .map(str::trim_start)
        .and_then(|rest| rest.get(..FACILITATOR.len()))
        .is_some_and(|marker| marker.eq_ignore_ascii_case(FACILITATOR))
}

/// The block quote at `range` as `open`, its body as Markdown, then `close`.
fn wrap(text: &str, range: Range<usize>, open: &str, close: &str) -> String {
    let block = &text[range.clone()];
    let line_start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
    // The alert may sit inside a list item: keep its indentation for every line we write.
    let indent: String = text[line_start..range.start]
        .chars()
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    let mut body = Vec::new();
    for (i, line) in block.lines().enumerate() {
        let rest = line.trim_start();
        let rest = rest
            .strip_prefix('>')
            .map_or(rest, |r| r.strip_prefix(' ').unwrap_or(r));
        if i == 0 {
            // Drop the `[!NOTE]` marker; text after it on the same line stays.
            let after = rest
                .trim_start()
                .split_once(']')
                .map_or("", |(_, after)| after)
                .trim();
            if !after.is_empty() {
                body.push(after.to_string());
            }
            continue;
        }
        body.push(rest.to_string());
    }
    let mut lines: Vec<String> = open.lines().map(str::to_string).collect();
    lines.push(String::new());
    lines.extend(body);
    lines.push(String::new());
    lines.push(close.to_string());
    let joined = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 || l.is_empty() {
                l.clone()
            } else {
                format!("{indent}{l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    // Keep the line break that ended the alert, so what follows stays a separate block.
    if block.ends_with('\n') {
        joined + "\n"
    } else {
        joined
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alert_gets_indonesian_title_and_keeps_markdown_body() {
        let text = "Awal.\n\n> [!WARNING]\n> Jangan **lupa**.\n> - butir\n\nAkhir.\n";
        let r = Renderer::new();
        let edits = rewrite(text, &r).expect("rewrites");
        assert_eq!(edits.len(), 1);
        let (range, new) = &edits[0];
        assert_eq!(
            &text[range.clone()],
            "> [!WARNING]\n> Jangan **lupa**.\n> - butir\n"
        );
        assert!(
            new.contains("blockquote-tag-warning") && new.contains(">Peringatan</p>"),
            "{new}"
        );
        assert!(new.contains("\n\nJangan **lupa**.\n- butir\n"), "{new}");
        assert!(new.ends_with("</blockquote>\n"));
    }

    #[test]
    fn facilitator_note_becomes_a_details_block() {
        let text = "Teks.\n\n> [!FASILITATOR]\n> Bagi peserta dalam **kelompok**.\n\nAkhir.\n";
        let r = Renderer::new();
        let edits = rewrite(text, &r).expect("rewrites");
        assert_eq!(edits.len(), 1);
        let new = &edits[0].1;
        assert!(
            new.starts_with("<details class=\"modul-catatan-fasilitator\">\n<summary>Catatan fasilitator</summary>\n\nBagi peserta"),
            "{new}"
        );
        assert!(new.ends_with("\n\n</details>\n"), "{new}");
        assert!(is_facilitator_note("> [!fasilitator] Catatan"));
        assert!(!is_facilitator_note("> [!FASIL]"));
    }

    #[test]
    fn plain_block_quotes_are_untouched() {
        let r = Renderer::new();
        assert!(
            rewrite("> Pasal 34 UUD 1945.\n", &r)
                .expect("ok")
                .is_empty()
        );
    }
}
