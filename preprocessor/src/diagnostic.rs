//! Problems found in content and data files, reported as `file:line:col: what; how to fix`.
//!
//! Messages are in Indonesian: they are read by the book's editors.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// Largest data file (programme, glossary, corrections, exercise and form files).
pub(crate) const MAX_DATA_BYTES: u64 = 5 * 1024 * 1024;

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

    /// Reads a file; an unreadable file is itself a diagnostic. Only a regular file of at most
    /// [`MAX_DATA_BYTES`] is read (a FIFO would block, a device never end).
    pub fn read(path: &Path) -> Result<Self, Diagnostic> {
        let limit = MAX_DATA_BYTES;
        let unreadable = |what: String, help: &str| Diagnostic::file(path, what, help);
        match std::fs::metadata(path) {
            Err(err) => return Err(io_problem(path, &err)),
            Ok(meta) if !meta.is_file() => {
                return Err(unreadable(
                    "bukan berkas biasa (folder, pipa atau perangkat)".into(),
                    "ganti dengan berkas teks biasa",
                ));
            }
            Ok(meta) if meta.len() > limit => {
                return Err(unreadable(
                    format!(
                        "berkas terlalu besar: {:.1} MB (paling besar {} MB)",
                        meta.len() as f64 / 1_048_576.0,
                        limit / 1_048_576
                    ),
                    "pecah isinya menjadi beberapa berkas yang lebih kecil",
                ));
            }
            Ok(_) => {}
        }
        match std::fs::read_to_string(path) {
            Ok(text) => Ok(SourceFile::new(path, text)),
            Err(err) => Err(io_problem(path, &err)),
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
            follows: false,
        }
    }
}

/// A file that cannot be read, in words (never the system's English message alone).
fn io_problem(path: &Path, err: &std::io::Error) -> Diagnostic {
    use std::io::ErrorKind;
    let (what, help) = match err.kind() {
        ErrorKind::NotFound => (
            "berkas tidak ada".to_string(),
            "buat berkas itu atau pulihkan dari git (`git checkout -- BERKAS`)",
        ),
        ErrorKind::PermissionDenied => (
            "berkas tidak boleh dibaca (izin ditolak)".to_string(),
            "periksa izin berkas",
        ),
        ErrorKind::InvalidData => (
            "berkas bukan teks UTF-8".to_string(),
            "simpan ulang berkas sebagai teks UTF-8",
        ),
        _ => (
            format!("berkas tidak dapat dibaca ({err})"),
            "periksa bahwa berkas ada dan tersimpan dalam UTF-8",
        ),
    };
    Diagnostic::file(path, what, help)
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
    /// Found only because an earlier problem stopped something from loading (a session that
    /// failed to load is "missing" everywhere it is named): counted under the causes, not shown.
    pub(crate) follows: bool,
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
            follows: false,
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
            // A very long line is shown as a window around the column.
            let chars: Vec<char> = text.chars().collect();
            let from = if chars.len() > SNIPPET_WIDTH {
                (col - 1).saturating_sub(SNIPPET_WIDTH / 4)
            } else {
                0
            };
            let to = (from + SNIPPET_WIDTH).min(chars.len());
            let mut shown: String = chars[from.min(to)..to].iter().collect();
            let mut indent: String = chars[from.min(col - 1)..(col - 1).min(chars.len())]
                .iter()
                .map(|&c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            if from > 0 {
                shown.insert(0, '…');
                indent.insert(0, ' ');
            }
            if to < chars.len() {
                shown.push('…');
            }
            let width = (*width).min(to.saturating_sub(col - 1).max(1));
            let gutter = line.to_string().len();
            write!(f, "\n{:gutter$} |\n{line} | {shown}\n{:gutter$} | ", "", "")?;
            write!(f, "{indent}{}", "^".repeat(width))?;
        }
        if !self.help.is_empty() {
            write!(f, "\n  = cara memperbaiki: {}", self.help)?;
        }
        Ok(())
    }
}

/// Characters of a source line shown under an error; a longer line is cut around the column.
const SNIPPET_WIDTH: usize = 160;

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

    /// Marks every problem as following from an earlier one (see [`Diagnostic::follows`]).
    pub(crate) fn following(mut self) -> Self {
        for diagnostic in &mut self.0 {
            diagnostic.follows = true;
        }
        self
    }

    /// The problems that are shown: the causes, or every problem when none is a cause.
    fn shown(&self) -> (Vec<&Diagnostic>, Vec<&Diagnostic>) {
        let (causes, follow_ons): (Vec<&Diagnostic>, Vec<&Diagnostic>) =
            self.0.iter().partition(|d| !d.follows);
        if causes.is_empty() {
            (follow_ons, Vec::new())
        } else {
            (causes, follow_ons)
        }
    }

    /// Ok when nothing was found, otherwise all problems sorted by place, the causes first.
    pub(crate) fn into_result(mut self) -> Result<(), Diagnostics> {
        if self.0.is_empty() {
            Ok(())
        } else {
            self.0.sort_by(|a, b| {
                (a.follows, &a.path, a.line, a.col, &a.message)
                    .cmp(&(b.follows, &b.path, b.line, b.col, &b.message))
            });
            self.0.dedup_by(|a, b| {
                (&a.path, a.line, a.col, &a.message) == (&b.path, b.line, b.col, &b.message)
            });
            Err(self)
        }
    }
}

/// How many places of the folded problems are named after "… dan N galat lain".
const FOLDED_PLACES: usize = 4;

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (shown, folded) = self.shown();
        for diagnostic in &shown {
            writeln!(f, "{diagnostic}\n")?;
        }
        if !folded.is_empty() {
            let mut places: Vec<String> = Vec::new();
            for d in &folded {
                let place = match (d.line, d.col) {
                    (Some(line), Some(col)) => format!("{}:{line}:{col}", display_path(&d.path)),
                    _ => display_path(&d.path),
                };
                if !places.contains(&place) {
                    places.push(place);
                }
            }
            let more = places.len().saturating_sub(FOLDED_PLACES);
            places.truncate(FOLDED_PLACES);
            let places = places.join(", ");
            let places = if more > 0 {
                format!("{places}, dan {more} tempat lain")
            } else {
                places
            };
            writeln!(
                f,
                "… dan {} galat lain yang mengikutinya ({places}): perbaiki galat di atas, lalu periksa lagi\n",
                folded.len()
            )?;
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
        return format!(
            "jenis nilai salah: harus {}; tertulis {}",
            expected_in_words(expected),
            found_in_words(found)
        );
    }
    if let Some(rest) = message.strip_prefix("invalid value: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, "?"));
        return format!(
            "nilai tidak sah: harus {}; tertulis {}",
            expected_in_words(expected),
            found_in_words(found)
        );
    }
    if message.starts_with("invalid length") {
        return format!(
            "jumlah butir salah: {}",
            message.trim_start_matches("invalid length").trim()
        );
    }
    format!("TOML tidak sah: {message}")
}

/// What serde expected, in an editor's words (never a Rust type name such as `u32`).
fn expected_in_words(expected: &str) -> String {
    let expected = expected.trim();
    match expected {
        "u8" | "u16" | "u32" | "u64" | "u128" | "usize" => {
            "bilangan bulat 0 atau lebih, misalnya 2".to_string()
        }
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize" | "an integer" => {
            "bilangan bulat, misalnya 2".to_string()
        }
        "f32" | "f64" | "a float" => "bilangan, misalnya 2 atau 2.5".to_string(),
        "a string" | "a character" | "a char" => {
            "teks dalam tanda kutip, misalnya \"contoh\"".to_string()
        }
        "a boolean" => "true atau false".to_string(),
        "a sequence" | "a tuple" => "daftar dalam kurung siku, misalnya [\"a\", \"b\"]".to_string(),
        "a map" => "tabel, misalnya [nama] dengan kunci = nilai di bawahnya".to_string(),
        _ if expected.starts_with("struct ") => {
            "tabel, misalnya [nama] dengan kunci = nilai di bawahnya".to_string()
        }
        _ if expected.starts_with("enum ") => "salah satu nilai yang dikenal".to_string(),
        _ if expected.starts_with("a sequence") || expected.starts_with("an array") => {
            format!("daftar dalam kurung siku ({expected})")
        }
        other => other.to_string(),
    }
}

/// What was written, as serde names it, in an editor's words.
fn found_in_words(found: &str) -> String {
    let found = found.trim();
    let value = |prefix: &str| {
        found
            .strip_prefix(prefix)
            .map(|v| v.trim().trim_matches('`').to_string())
    };
    if let Some(v) = value("string") {
        return format!("teks {v}");
    }
    if let Some(v) = value("integer") {
        return format!("bilangan {v}");
    }
    if let Some(v) = value("floating point") {
        return format!("bilangan {v}");
    }
    if let Some(v) = value("boolean") {
        return v;
    }
    match found {
        "sequence" => "daftar".to_string(),
        "map" => "tabel".to_string(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_errors_speak_the_authors_language() {
        let text = translate_serde_message("invalid type: string \"dua\", expected u32");
        assert_eq!(
            text,
            "jenis nilai salah: harus bilangan bulat 0 atau lebih, misalnya 2; tertulis teks \"dua\""
        );
        let text = translate_serde_message("invalid type: integer `2`, expected a string");
        assert!(
            text.contains("teks dalam tanda kutip") && text.contains("bilangan 2"),
            "{text}"
        );
        for rust in ["u32", "i64", "usize", "f64"] {
            let text =
                translate_serde_message(&format!("invalid type: boolean `true`, expected {rust}"));
            assert!(!text.contains(rust), "{text}");
        }
    }

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
