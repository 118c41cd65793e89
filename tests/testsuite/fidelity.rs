//! Fidelity: every sentence of the source texts is in the built book.
//!
//! The sources (tests/sumber/) are corrected with the rows of book/data/penyuntingan/ (literal
//! fixes applied, deliberately removed text taken out), split into sentences and normalised
//! (case, whitespace, punctuation, list markers). Each sentence must occur, word for word, in the
//! visible text of one built page. The test prints the coverage per stretch of source and lists
//! every missing sentence with its source line.

use crate::common;

use common::api::corrected_source;
use common::repo;
use std::collections::HashMap;
use std::path::Path;

/// The modul and the four readings.
const SOURCES: &[&str] = &[
    "003_215ef461b9d5e6cd.txt",
    "000_8e16dc002ee82a80.txt",
    "001_acb2ee30116b2ec5.txt",
    "002_21b740714d6987f7.txt",
    "004_75c0bb3f85bb68ff.txt",
];

#[test]
fn every_source_sentence_is_in_the_book() {
    let root = repo();
    let book = BookText::read(common::sites::real_book());

    let mut failures = Vec::new();
    let mut report = String::new();
    for name in SOURCES {
        let text = common::read(&root.join("tests/sumber").join(name));
        let corrected = corrected_source(&root.join("book/data"), name, &text);
        let lines = corrected.lines;
        failures.extend(corrected.problems);
        // Stretches as the corrections files define them, for a per-part report.
        let mut stretches = corrected.stretches;
        stretches.sort_by_key(|s| s.1);
        let stretch_of = |line: usize| {
            stretches
                .iter()
                .find(|(_, a, b)| (*a..=*b).contains(&line))
                .map_or("(tanpa berkas koreksi)", |(s, _, _)| s.as_str())
        };
        let mut per_stretch: Vec<(String, usize, usize)> = Vec::new();
        let (mut found, mut total) = (0, 0);
        for (line, content) in &lines {
            for sentence in sentences(content) {
                let ok = book.contains(&sentence);
                let stretch = stretch_of(*line);
                match per_stretch.iter_mut().find(|(s, _, _)| s == stretch) {
                    Some(entry) => {
                        entry.1 += usize::from(ok);
                        entry.2 += 1;
                    }
                    None => per_stretch.push((stretch.to_string(), usize::from(ok), 1)),
                }
                total += 1;
                if ok {
                    found += 1;
                } else {
                    failures.push(format!(
                        "{name}:{line}: tidak ditemukan: {}",
                        sentence.join(" ")
                    ));
                }
            }
        }
        report.push_str(&format!(
            "{name}: {found}/{total} kalimat ({:.2}%)\n",
            percent(found, total)
        ));
        for (stretch, ok, all) in per_stretch {
            report.push_str(&format!(
                "  {stretch}: {ok}/{all} ({:.2}%)\n",
                percent(ok, all)
            ));
        }
    }
    println!("{report}");
    for failure in &failures {
        println!("{failure}");
    }
    assert!(
        failures.is_empty(),
        "{} kalimat sumber atau koreksi bermasalah (lihat daftar di atas)\n{report}",
        failures.len()
    );
}

fn percent(found: usize, total: usize) -> f64 {
    if total == 0 {
        100.0
    } else {
        100.0 * found as f64 / total as f64
    }
}

/// Sentences of one source line, as normalised words: list markers at the start of the line
/// dropped, split at sentence punctuation followed by a space.
fn sentences(line: &str) -> Vec<Vec<String>> {
    let line = strip_markers(line.trim());
    let mut out = Vec::new();
    let mut current = String::new();
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        current.push(c);
        let at_end = chars.peek().is_none_or(|n| n.is_whitespace());
        if matches!(c, '.' | '!' | '?' | ';' | ':') && at_end {
            out.push(std::mem::take(&mut current));
        }
    }
    out.push(current);
    out.iter()
        .map(|s| words(s))
        .filter(|w| !w.is_empty())
        .collect()
}

/// Drops outline markers ("1.", "a.", "1)", "(a)", bullets) at the start of a line.
fn strip_markers(mut line: &str) -> &str {
    loop {
        let before = line;
        line = line.trim_start_matches(['•', '●', '▪', '-', '*', '·', '–', '—']);
        line = line.trim_start();
        let token_end = line.find(char::is_whitespace).unwrap_or(line.len());
        let token = &line[..token_end];
        let core = token.trim_start_matches('(').trim_end_matches(['.', ')']);
        let is_marker = token.len() > core.len()
            && !core.is_empty()
            && core.len() <= 3
            && (core.chars().all(|c| c.is_ascii_digit())
                || (core.len() == 1 && core.chars().all(|c| c.is_ascii_alphabetic())));
        if is_marker {
            line = line[token_end..].trim_start();
        }
        if line == before {
            return line;
        }
    }
}

/// Lower-case words of letters and digits; everything else separates words.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The visible text of every page, as words, with an index from word to positions.
struct BookText {
    words: Vec<String>,
    positions: HashMap<String, Vec<usize>>,
}

impl BookText {
    fn read(site: &Path) -> BookText {
        let mut pages = common::files(site);
        pages.retain(|path| {
            path.extension().is_some_and(|e| e == "html")
                && !matches!(
                    path.file_name().and_then(|n| n.to_str()),
                    Some("print.html" | "toc.html" | "404.html")
                )
        });
        let mut words = Vec::new();
        for page in pages {
            let html = common::read(&page);
            let Some(start) = html.find("<main>") else {
                continue;
            };
            let end = html[start..]
                .find("</main>")
                .map_or(html.len(), |e| start + e);
            words.extend(self::words(&visible_text(&html[start..end])));
            // A page boundary: no sentence may run across two pages.
            words.push("\u{0}".into());
        }
        let mut positions: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, w) in words.iter().enumerate() {
            positions.entry(w.clone()).or_default().push(i);
        }
        BookText { words, positions }
    }

    fn contains(&self, sentence: &[String]) -> bool {
        // Anchor on the rarest word of the sentence.
        let Some((offset, candidates)) = sentence
            .iter()
            .enumerate()
            .map(|(i, w)| (i, self.positions.get(w).map_or(&[][..], Vec::as_slice)))
            .min_by_key(|(_, p)| p.len())
        else {
            return true;
        };
        candidates.iter().any(|&p| {
            p >= offset && self.words.get(p - offset..p - offset + sentence.len()) == Some(sentence)
        })
    }
}

/// Text of an HTML fragment as a reader sees it: tags, scripts and styles removed, entities
/// decoded, block boundaries as spaces.
fn visible_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&decode(&rest[..lt]));
        let after = &rest[lt..];
        let skip_to = |closing: &str| {
            after
                .find(closing)
                .map_or(after.len(), |i| i + closing.len())
        };
        let consumed = if after.starts_with("<script") {
            skip_to("</script>")
        } else if after.starts_with("<style") {
            skip_to("</style>")
        } else if after.starts_with("<!--") {
            skip_to("-->")
        } else {
            after.find('>').map_or(after.len(), |i| i + 1)
        };
        out.push(' ');
        rest = &after[consumed..];
    }
    out.push_str(&decode(rest));
    out
}

fn decode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp..];
        let Some(semi) = after.find(';').filter(|s| *s <= 10) else {
            out.push('&');
            rest = &after[1..];
            continue;
        };
        let entity = &after[1..semi];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some(' '),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &after[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn sentences_are_normalised() {
    assert_eq!(
        sentences("2. Gepeng dapat digambarkan sebagai berikut :"),
        vec![vec!["gepeng", "dapat", "digambarkan", "sebagai", "berikut"]]
    );
    assert_eq!(
        sentences("a) Satu. Dua, tiga"),
        vec![vec!["satu"], vec!["dua", "tiga"]]
    );
    assert_eq!(sentences("•  Kartu (KTP)."), vec![vec!["kartu", "ktp"]]);
    assert_eq!(words("Sesi 1–1 : “Umum”"), ["sesi", "1", "1", "umum"]);
}

#[test]
fn visible_text_drops_markup() {
    let text = visible_text(
        "<p>A &amp; B<script>x</script><span class=\"penanda\">a.</span>&#x27;c&#39;</p>",
    );
    assert_eq!(words(&text), ["a", "b", "a", "c"]);
}
