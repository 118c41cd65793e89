//! Problems found in content and data files, reported as `file:line:col: what; how to fix`.
//!
//! Messages are in Indonesian: they are read by the book's editors.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// A text file as read from disk, able to turn byte offsets into line and column.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path shown to the user.
    pub path: PathBuf,
    pub text: String,
}

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        SourceFile {
            path: path.into(),
            text: text.into(),
        }
    }

    /// Reads a file; an unreadable file is itself a diagnostic.
    pub fn read(path: &Path) -> Result<Self, Diagnostic> {
        match std::fs::read_to_string(path) {
            Ok(text) => Ok(SourceFile::new(path, text)),
            Err(err) => Err(Diagnostic::file(
                path,
                format!("berkas tidak dapat dibaca: {err}"),
                "periksa bahwa berkas ada dan tersimpan dalam UTF-8",
            )),
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn location(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let before = &self.text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = self.text[line_start..offset].chars().count() + 1;
        (line, col)
    }

    /// A diagnostic pointing at `span` in this file.
    pub(crate) fn error(
        &self,
        span: Range<usize>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> Diagnostic {
        let (line, col) = self.location(span.start);
        let line_text = self.text.lines().nth(line - 1).unwrap_or("").to_string();
        let end = floor_char_boundary(&self.text, span.end.min(self.text.len()));
        let width = self.text[floor_char_boundary(&self.text, span.start.min(end))..end]
            .lines()
            .next()
            .map_or(1, |s| s.chars().count().max(1));
        Diagnostic {
            path: self.path.clone(),
            line: Some(line),
            col: Some(col),
            message: message.into(),
            help: help.into(),
            snippet: Some(Box::new((line_text, width))),
        }
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// One problem: where, what, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub path: PathBuf,
    pub(crate) line: Option<usize>,
    pub(crate) col: Option<usize>,
    pub(crate) message: String,
    pub(crate) help: String,
    /// The offending source line and the width of the caret under it (boxed: keeps
    /// `Result<_, Diagnostic>` small).
    pub(crate) snippet: Option<Box<(String, usize)>>,
}

impl Diagnostic {
    /// A problem with a whole file (missing, unreadable), without a position.
    pub(crate) fn file(path: &Path, message: impl Into<String>, help: impl Into<String>) -> Self {
        Diagnostic {
            path: path.to_path_buf(),
            line: None,
            col: None,
            message: message.into(),
            help: help.into(),
            snippet: None,
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = display_path(&self.path);
        match (self.line, self.col) {
            (Some(line), Some(col)) => write!(f, "galat: {path}:{line}:{col}: {}", self.message)?,
            _ => write!(f, "galat: {path}: {}", self.message)?,
        }
        if let (Some(snippet), Some(line), Some(col)) = (&self.snippet, self.line, self.col) {
            let (text, width) = &**snippet;
            let gutter = line.to_string().len();
            write!(f, "\n{:gutter$} |\n{line} | {text}\n{:gutter$} | ", "", "")?;
            let indent: String = text
                .chars()
                .take(col - 1)
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            write!(f, "{indent}{}", "^".repeat(*width))?;
        }
        if !self.help.is_empty() {
            write!(f, "\n  = cara memperbaiki: {}", self.help)?;
        }
        Ok(())
    }
}

/// Shows a path relative to the working directory when it lies below it.
pub fn display_path(path: &Path) -> String {
    let shown = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(&cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf());
    shown.display().to_string()
}

/// Every problem found in one run, in a stable order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub(crate) Vec<Diagnostic>);

impl Diagnostics {
    pub(crate) fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub(crate) fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    /// Ok when nothing was found, otherwise all problems sorted by place.
    pub(crate) fn into_result(mut self) -> Result<(), Diagnostics> {
        if self.0.is_empty() {
            Ok(())
        } else {
            self.0.sort_by(|a, b| {
                (&a.path, a.line, a.col, &a.message).cmp(&(&b.path, b.line, b.col, &b.message))
            });
            self.0.dedup();
            Err(self)
        }
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for diagnostic in &self.0 {
            writeln!(f, "{diagnostic}\n")?;
        }
        write!(
            f,
            "{} galat ditemukan; tidak ada berkas yang ditulis.",
            self.0.len()
        )
    }
}

impl std::error::Error for Diagnostics {}

/// The closest candidate by edit distance, if it is close enough to be a likely typo.
pub(crate) fn closest<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::levenshtein(wanted, c), c))
        .filter(|(distance, c)| {
            *distance <= (wanted.chars().count().max(c.chars().count()) / 2).max(2)
        })
        .min()
        .map(|(_, c)| c)
}

/// "maksud Anda `x`?" when there is a close candidate, else the list of candidates.
pub(crate) fn suggestion<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str> + Clone,
    what: &str,
) -> String {
    let mut all: Vec<&str> = candidates.clone().into_iter().collect();
    all.sort_unstable();
    match closest(wanted, candidates) {
        Some(best) => format!("maksud Anda `{best}`?"),
        None if all.is_empty() => format!("belum ada {what} sama sekali"),
        None => format!("{what} yang dikenal: {}", all.join(", ")),
    }
}

/// Turns a TOML/serde error into an Indonesian diagnostic.
pub(crate) fn from_toml_error(
    file: &SourceFile,
    base: usize,
    err: &toml::de::Error,
    help: &str,
) -> Diagnostic {
    let span = err
        .span()
        .map_or(base..base + 1, |s| base + s.start..base + s.end);
    file.error(span, translate_serde_message(err.message()), help)
}

/// Indonesian wording for the serde/TOML messages editors meet most often.
pub(crate) fn translate_serde_message(message: &str) -> String {
    let message = message.trim();
    let ticked = |m: &str| -> Vec<String> {
        m.split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect()
    };
    if let Some(rest) = message.strip_prefix("missing field ") {
        return format!("kolom {rest} wajib diisi tetapi tidak ada");
    }
    // "unknown field `x`, expected one of `a`, `b`": the name written and the names known.
    let written_and_known = || {
        let names = ticked(message);
        names
            .split_first()
            .map(|(first, rest)| (first.clone(), rest.to_vec()))
    };
    if message.starts_with("unknown field")
        && let Some((first, known)) = written_and_known()
    {
        return format!(
            "kolom `{first}` tidak dikenal ({})",
            suggestion(&first, known.iter().map(String::as_str), "kolom")
        );
    }
    if message.starts_with("unknown variant")
        && let Some((first, known)) = written_and_known()
    {
        return format!(
            "nilai `{first}` tidak dikenal; pilihan: {} ({})",
            known.join(", "),
            suggestion(&first, known.iter().map(String::as_str), "nilai")
        );
    }
    if message.starts_with("duplicate key") {
        // toml names the key in the message only sometimes; the caret shows it either way.
        let key = message.trim_start_matches("duplicate key").trim();
        return if key.is_empty() {
            "kunci ini sudah ditulis sebelumnya di tabel yang sama".to_string()
        } else {
            format!("kunci {key} sudah ditulis sebelumnya di tabel yang sama")
        };
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, "?"));
        return format!("jenis nilai salah: tertulis {found}, seharusnya {expected}");
    }
    if let Some(rest) = message.strip_prefix("invalid value: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, "?"));
        return format!("nilai tidak sah: {found}, seharusnya {expected}");
    }
    format!("TOML tidak sah: {message}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_counts_lines_and_characters() {
        let file = SourceFile::new("a.md", "satu\ndua é x\n");
        assert_eq!(file.location(0), (1, 1));
        assert_eq!(file.location(5), (2, 1));
        // "é" is two bytes but one column.
        assert_eq!(file.location(5 + "dua é ".len()), (2, 7));
    }

    #[test]
    fn display_has_position_caret_and_help() {
        let file = SourceFile::new("bab.md", "baris satu\n{{#latihan x}}\n");
        let d = file.error(21..22, "latihan `x` tidak ditemukan", "periksa id");
        let text = d.to_string();
        assert!(
            text.starts_with("galat: bab.md:2:11: latihan `x` tidak ditemukan"),
            "{text}"
        );
        assert!(text.contains("2 | {{#latihan x}}"), "{text}");
        assert!(text.contains("          ^"), "{text}");
        assert!(text.contains("cara memperbaiki: periksa id"), "{text}");
    }

    #[test]
    fn closest_finds_typos_only() {
        let ids = ["ceramah", "diskusi", "studi-kasus"];
        assert_eq!(closest("ceramahh", ids), Some("ceramah"));
        assert_eq!(closest("zzzzzzzzzz", ids), None);
    }

    #[test]
    fn serde_messages_are_translated() {
        assert_eq!(
            translate_serde_message("missing field `kode`"),
            "kolom `kode` wajib diisi tetapi tidak ada"
        );
        let unknown =
            translate_serde_message("unknown field `judull`, expected one of `kode`, `judul`");
        assert!(
            unknown.contains("`judull` tidak dikenal") && unknown.contains("`judul`"),
            "{unknown}"
        );
    }
}
