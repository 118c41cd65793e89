//! Directives in chapter Markdown: `{{#latihan ID}}`, `{{#formulir ID}}`, `{{#program}}`,
//! `{{#istilah}}` (the glossary), `{{#penyuntingan}}` (the table of corrections),
//! `{{#lembar-kerja [SESI]}}` and `{{#kunci-jawaban [SESI]}}` (print pages of the exercises of
//! one session or of all), `{{#kemajuan}}` (the learner's progress page) and
//! `{{#panduan [SESI|ACARA]}}` (the printable facilitator guide).
//!
//! A directive inside inline code or a code block is text, not a directive. mdBook's own
//! directives (`{{#include …}}` and friends) are left for mdBook. Anything else that looks
//! like a directive is an error, so a typo never reaches a reader's page.

use crate::diagnostic::{Diagnostics, SourceFile, suggestion};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::ops::Range;
use std::path::Path;

/// Directives this preprocessor implements.
pub(crate) const OURS: &[&str] = &[
    "latihan",
    "formulir",
    "program",
    "istilah",
    "penyuntingan",
    "daftar-formulir",
    "berkas-klien",
    "lembar-kerja",
    "kunci-jawaban",
    "kemajuan",
    "tes",
    "panduan",
];
/// Directives handled by mdBook's `links` preprocessor.
pub(crate) const MDBOOK: &[&str] = &["include", "rustdoc_include", "playground", "title"];

/// A directive as written, before its id is looked up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawDirective {
    /// From `{{` to `}}` inclusive.
    pub(crate) range: Range<usize>,
    pub(crate) name: String,
    pub(crate) name_range: Range<usize>,
    pub(crate) args: Vec<(String, Range<usize>)>,
    /// Nothing but whitespace around it on its line: it may become a block.
    pub(crate) alone_on_line: bool,
}

/// A directive whose arguments have the right shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Directive {
    Exercise {
        id: String,
        id_range: Range<usize>,
    },
    Form {
        id: String,
        id_range: Range<usize>,
    },
    Programme,
    /// `{{#daftar-formulir}}`: every form of the book, from the form files.
    FormList,
    /// `{{#berkas-klien}}`: one client's records across the forms, by service stage.
    ClientFile,
    /// The glossary page's entries.
    Glossary,
    /// The table of corrections (Catatan Penyuntingan).
    Corrections,
    /// A participant worksheet (`key == false`) or the trainer's answer key, for one session
    /// (its code as written, and where) or for all.
    Worksheet {
        session: Option<(String, Range<usize>)>,
        key: bool,
    },
    /// `{{#panduan [SESI|ACARA]}}`: the printable facilitator guide of one session or block
    /// (checked once sessions are known), or of all.
    Guide {
        of: Option<(String, Range<usize>)>,
    },
    /// The progress page (Kemajuan Saya).
    Progress,
    /// `{{#tes MODE}}`: the knowledge test or one of its printouts (the mode as written, and
    /// where; checked by the test module).
    Test {
        mode: String,
        mode_range: Range<usize>,
    },
}

/// Byte ranges of inline code and code blocks: directives there are text.
pub(crate) fn code_ranges(text: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut block_start = None;
    for (event, range) in Parser::new_ext(text, Options::all()).into_offset_iter() {
        match event {
            Event::Code(_) | Event::InlineMath(_) | Event::DisplayMath(_) => ranges.push(range),
            Event::Start(Tag::CodeBlock(_)) => block_start = Some(range.start),
            Event::End(TagEnd::CodeBlock) => {
                if let Some(start) = block_start.take() {
                    ranges.push(start..range.end);
                }
            }
            _ => {}
        }
    }
    ranges
}

/// Finds every `{{#name args}}` in `text[body]` outside code; unclosed ones are errors.
pub(crate) fn scan(file: &SourceFile, body: Range<usize>) -> (Vec<RawDirective>, Diagnostics) {
    let text = &file.text;
    let code: Vec<Range<usize>> = code_ranges(&text[body.clone()])
        .into_iter()
        .map(|r| r.start + body.start..r.end + body.start)
        .collect();
    let in_code = |offset: usize| code.iter().any(|r| r.contains(&offset));
    let mut found = Vec::new();
    let mut problems = Diagnostics::default();
    let mut from = body.start;
    while let Some(pos) = text[from..body.end].find("{{#") {
        let start = from + pos;
        from = start + 3;
        if in_code(start) || text[..start].ends_with('\\') {
            continue;
        }
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let Some(close) = text[start..line_end].find("}}") else {
            problems.push(file.error(
                start..start + 3,
                "direktif tidak ditutup dengan `}}` pada baris yang sama",
                "tulis direktif dalam satu baris, misalnya {{#latihan 1-4-asesmen}}",
            ));
            continue;
        };
        let end = start + close + 2;
        let inner_start = start + 3;
        let mut words = Vec::new();
        let inner = &text[inner_start..start + close];
        let mut offset = 0;
        for word in inner.split_whitespace() {
            let at = inner[offset..].find(word).map_or(offset, |i| offset + i);
            words.push((
                word.to_string(),
                inner_start + at..inner_start + at + word.len(),
            ));
            offset = at + word.len();
        }
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let alone_on_line =
            text[line_start..start].trim().is_empty() && text[end..line_end].trim().is_empty();
        from = end;
        let Some(((name, name_range), args)) = words.split_first() else {
            problems.push(file.error(
                start..end,
                "direktif tanpa nama",
                "tulis misalnya {{#latihan ID}} atau {{#formulir ID}}",
            ));
            continue;
        };
        found.push(RawDirective {
            range: start..end,
            name: name.clone(),
            name_range: name_range.clone(),
            args: args.to_vec(),
            alone_on_line,
        });
    }
    (found, problems)
}

/// mdBook's `{{#include}}`, `{{#rustdoc_include}}` and `{{#playground}}` read a file: it must
/// lie inside the book's folder (`book_root`), so no file from elsewhere is published. The
/// file is not read here and nothing about it is shown.
pub(crate) fn check_link(
    file: &SourceFile,
    raw: &RawDirective,
    book_root: &Path,
) -> Result<(), Diagnostics> {
    if !matches!(
        raw.name.as_str(),
        "include" | "rustdoc_include" | "playground"
    ) {
        return Ok(());
    }
    let Some((target, range)) = raw.args.first() else {
        return Ok(());
    };
    // `file.rs:10:20` and `file.rs:anchor` name parts of a file.
    let target = target.split(':').next().unwrap_or(target);
    let chapter_dir = file.path.parent().unwrap_or(Path::new("."));
    let joined = chapter_dir.join(target);
    let inside = |path: &Path| {
        book_root
            .canonicalize()
            .is_ok_and(|root| path.canonicalize().is_ok_and(|p| p.starts_with(root)))
    };
    let outside = if joined.exists() {
        !inside(&joined)
    } else {
        // A missing file is mdBook's error; one that would lie outside is ours.
        let root = crate::content::chapters::normalize(
            &std::path::absolute(book_root).unwrap_or_default(),
        );
        !crate::content::chapters::normalize(&std::path::absolute(&joined).unwrap_or_default())
            .starts_with(root)
    };
    if outside {
        return Err(Diagnostics(vec![file.error(
            range.clone(),
            format!("`{{{{#{}}}}}` menunjuk ke berkas di luar folder buku", raw.name),
            "salin bagian yang diperlukan ke dalam folder buku (misalnya book/src/) dan sertakan dari sana; berkas di luar buku tidak diterbitkan",
        )]));
    }
    Ok(())
}

/// Checks the name and argument count. `None` for mdBook's own directives. One piece: one arm
/// per directive with its arguments, the list a reader of this file looks for.
pub(crate) fn classify(
    file: &SourceFile,
    raw: &RawDirective,
) -> Result<Option<Directive>, Diagnostics> {
    let fail = |range: Range<usize>, message: String, help: String| {
        Err(Diagnostics(vec![file.error(range, message, help)]))
    };
    if MDBOOK.contains(&raw.name.as_str()) {
        return Ok(None);
    }
    if !OURS.contains(&raw.name.as_str()) {
        let all: Vec<&str> = OURS.iter().chain(MDBOOK).copied().collect();
        return fail(
            raw.name_range.clone(),
            format!("direktif `{{{{#{}}}}}` tidak dikenal", raw.name),
            format!(
                "direktif yang dikenal: {}; {}",
                all.join(", "),
                suggestion(&raw.name, all.iter().copied(), "direktif")
            ),
        );
    }
    if !raw.alone_on_line {
        return fail(
            raw.range.clone(),
            format!(
                "direktif `{{{{#{}}}}}` harus berdiri sendiri pada barisnya",
                raw.name
            ),
            "letakkan direktif pada baris tersendiri, dengan baris kosong sebelum dan sesudahnya"
                .into(),
        );
    }
    match (raw.name.as_str(), raw.args.as_slice()) {
        ("program", []) => Ok(Some(Directive::Programme)),
        ("daftar-formulir", []) => Ok(Some(Directive::FormList)),
        ("berkas-klien", []) => Ok(Some(Directive::ClientFile)),
        ("istilah", []) => Ok(Some(Directive::Glossary)),
        ("penyuntingan", []) => Ok(Some(Directive::Corrections)),
        ("kemajuan", []) => Ok(Some(Directive::Progress)),
        ("tes", [(mode, range)]) => Ok(Some(Directive::Test {
            mode: mode.clone(),
            mode_range: range.clone(),
        })),
        (name @ ("lembar-kerja" | "kunci-jawaban"), args) => match args {
            [] => Ok(Some(Directive::Worksheet {
                session: None,
                key: name == "kunci-jawaban",
            })),
            [(code, range)] => Ok(Some(Directive::Worksheet {
                session: Some((code.clone(), range.clone())),
                key: name == "kunci-jawaban",
            })),
            [_, (_, extra), ..] => fail(
                extra.clone(),
                format!("`{{{{#{name}}}}}` menerima paling banyak satu kode sesi"),
                format!(
                    "tulis {{{{#{name}}}}} untuk semua sesi atau {{{{#{name} 1-4}}}} untuk satu sesi"
                ),
            ),
        },
        ("panduan", args) => match args {
            [] => Ok(Some(Directive::Guide { of: None })),
            [(code, range)] => Ok(Some(Directive::Guide {
                of: Some((code.clone(), range.clone())),
            })),
            [_, (_, extra), ..] => fail(
                extra.clone(),
                "`{{#panduan}}` menerima paling banyak satu kode sesi atau id acara".into(),
                "tulis {{#panduan}} untuk seluruh panduan, {{#panduan 1-4}} untuk satu sesi atau {{#panduan blc}} untuk satu acara".into(),
            ),
        },
        (
            name @ ("program" | "istilah" | "penyuntingan" | "kemajuan" | "daftar-formulir"
            | "berkas-klien"),
            [(_, range), ..],
        ) => fail(
            range.clone(),
            format!("`{{{{#{name}}}}}` tidak menerima argumen"),
            format!("tulis {{{{#{name}}}}} saja"),
        ),
        (name, [(id, range)]) => Ok(Some(if name == "latihan" {
            Directive::Exercise {
                id: id.clone(),
                id_range: range.clone(),
            }
        } else {
            Directive::Form {
                id: id.clone(),
                id_range: range.clone(),
            }
        })),
        (name, []) => fail(
            raw.range.clone(),
            format!("`{{{{#{name}}}}}` memerlukan id"),
            format!("tulis {{{{#{name} ID}}}}, dengan ID nama berkas tanpa .toml"),
        ),
        (name, [_, (_, extra), ..]) => fail(
            extra.clone(),
            format!("`{{{{#{name}}}}}` menerima tepat satu id"),
            "hapus argumen tambahan".into(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan_all(text: &str) -> (Vec<RawDirective>, Diagnostics) {
        let file = SourceFile::new("bab.md", text);
        scan(&file, 0..text.len())
    }

    #[test]
    fn finds_directives_outside_code_only() {
        let text = "Teks.\n\n{{#latihan a-1}}\n\n`{{#latihan b}}`\n\n```\n{{#formulir c}}\n```\n\n    {{#formulir d}}\n";
        let (found, problems) = scan_all(text);
        assert!(problems.is_empty());
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].name, "latihan");
        assert_eq!(found[0].args[0].0, "a-1");
        assert!(found[0].alone_on_line);
        assert_eq!(&text[found[0].args[0].1.clone()], "a-1");
    }

    #[test]
    fn escaped_directive_is_text() {
        let (found, _) = scan_all("\\{{#latihan a}}\n");
        assert!(found.is_empty());
    }

    #[test]
    fn unclosed_directive_is_an_error() {
        let (_, problems) = scan_all("awal {{#latihan a\n}}\n");
        assert!(
            problems
                .to_string()
                .contains("bab.md:1:6: direktif tidak ditutup"),
            "{problems}"
        );
    }

    #[test]
    fn classify_reports_unknown_names_and_bad_arguments() {
        let text = "{{#latiahn a}}\n\nkata {{#latihan a}} kata\n\n{{#formulir}}\n\n{{#program x}}\n\n{{#include x.md}}\n";
        let file = SourceFile::new("bab.md", text);
        let (found, _) = scan(&file, 0..text.len());
        let results: Vec<_> = found.iter().map(|d| classify(&file, d)).collect();
        let messages: Vec<String> = results
            .iter()
            .map(|r| match r {
                Ok(d) => format!("{d:?}"),
                Err(e) => e.to_string(),
            })
            .collect();
        assert!(
            messages[0].contains("bab.md:1:4: direktif `{{#latiahn}}` tidak dikenal")
                && messages[0].contains("maksud Anda `latihan`"),
            "{}",
            messages[0]
        );
        assert!(
            messages[1].contains("bab.md:3:6:") && messages[1].contains("berdiri sendiri"),
            "{}",
            messages[1]
        );
        assert!(messages[2].contains("memerlukan id"), "{}", messages[2]);
        assert!(
            messages[3].contains("bab.md:7:12:") && messages[3].contains("tidak menerima argumen"),
            "{}",
            messages[3]
        );
        assert_eq!(messages[4], "None");
    }
}
