//! The bad-input catalogue: each case is a small named change to a copy of the fixture book
//! `tests/fixtures/kecil`; the built `modul` binary runs `check` and `build` on it.
//!
//! Every case asserts that `modul check` exits non-zero, that its first error names the faulty
//! file (with `line:col` unless the case says the fault has no position), that every error says
//! how to fix it, and that `modul build` fails without writing its destination or anything else.
//! The full stderr of `modul check` is a snapshot (`snapshots/testsuite__bad_input__*.snap`,
//! headed by the change), so a better message shows as a reviewed diff.
//!
//! Adding a case is one line in the module of its kind of source:
//!
//! ```text
//! bad!(unknown_method, replace(SESSION_1_2, r#"["studi-kasus"]"#, r#"["studi-kasuss"]"#));
//! ```
//!
//! then `INSTA_UPDATE=always cargo test --test testsuite bad_input` and a look at the new
//! `.snap` file. A case whose output is wrong today (a cascade that hides the cause, a fault
//! that passes) says so with `.wrong_today("why")`: its snapshot records today's output, its
//! assertions are expected to fail, and the test fails once they all pass, so the fix removes
//! the mark and the snapshot diff shows the better message.

mod chapters;
mod data;
mod escaping;
mod exercises;
mod forms;
mod line_endings;
mod places;
mod sessions;

use crate::common::{self, fixture_copy, read};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// At most this many errors for one fault.
const MAX_ERRORS: Option<usize> = Some(3);
/// `modul check` answers within this time.
const MAX_TIME: Option<Duration> = Some(Duration::from_secs(5));

const SUMMARY: &str = "book/src/SUMMARY.md";
const HOME: &str = "book/src/index.md";
const SESSION_1_1: &str = "book/src/sesi-1-1/index.md";
const SESSION_1_2: &str = "book/src/sesi-1-2/index.md";
const LAW: &str = "book/src/sesi-1-1/landasan-hukum.md";
const CASE_MANAGEMENT: &str = "book/src/sesi-1-2/manajemen-kasus.md";
const READING: &str = "book/src/bacaan/asesmen.md";
const GLOSSARY_PAGE: &str = "book/src/daftar-istilah.md";
const WORKSHEET_1_1: &str = "book/src/cetak/lembar-kerja-1-1.md";
const BOOK_TOML: &str = "book/book.toml";
const PROGRAMME: &str = "book/data/program.toml";
const GLOSSARY: &str = "book/data/istilah.toml";
const CORRECTIONS: &str = "book/data/penyuntingan/01-sesi-1-1.toml";
const FORM: &str = "forms/registrasi.toml";
const CASES: &str = "exercises/kasus.toml";

/// One case: the test function named NAME runs CASE.
macro_rules! bad {
    ($name:ident, $case:expr) => {
        #[test]
        fn $name() {
            $crate::bad_input::run(module_path!(), stringify!($name), $case);
        }
    };
}
use bad;

/// One change to a file of the fixture copy (paths relative to the copy's root).
enum Edit {
    /// Replace the first `find` with `with`; `find` must be there.
    Replace {
        file: &'static str,
        find: &'static str,
        with: &'static str,
    },
    Append {
        file: &'static str,
        text: &'static str,
    },
    /// Write the whole file (a new file, or one emptied or rewritten).
    Write {
        file: &'static str,
        text: &'static str,
    },
    Remove {
        file: &'static str,
    },
    /// A symbolic link at `file` pointing to `target` (as written, absolute or relative).
    Symlink {
        file: &'static str,
        target: &'static str,
    },
    /// A named pipe (FIFO) at `file`: reading it would wait forever.
    Fifo {
        file: &'static str,
    },
    /// A file of `bytes` bytes (a line of text repeated), too big to be read.
    Big {
        file: &'static str,
        bytes: usize,
    },
}

impl Edit {
    fn file(&self) -> &'static str {
        match self {
            Edit::Replace { file, .. }
            | Edit::Append { file, .. }
            | Edit::Write { file, .. }
            | Edit::Remove { file }
            | Edit::Symlink { file, .. }
            | Edit::Fifo { file }
            | Edit::Big { file, .. } => file,
        }
    }

    fn apply(&self, root: &Path) {
        let path = root.join(self.file());
        match self {
            Edit::Replace { file, find, with } => {
                let text = read(&path);
                assert!(text.contains(find), "`{find}` is not in {file}");
                std::fs::write(&path, text.replacen(find, with, 1)).expect("write");
            }
            Edit::Append { text, .. } => common::append(&path, text),
            Edit::Write { text, .. } => {
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent).expect("folder");
                }
                std::fs::write(&path, text).expect("write");
            }
            Edit::Remove { .. } => std::fs::remove_file(&path).expect("remove"),
            Edit::Symlink { target, .. } => {
                let _ = std::fs::remove_file(&path);
                std::os::unix::fs::symlink(target, &path).expect("symlink");
            }
            Edit::Fifo { .. } => {
                let _ = std::fs::remove_file(&path);
                let status = Command::new("mkfifo").arg(&path).status().expect("mkfifo");
                assert!(status.success(), "mkfifo {}", path.display());
            }
            Edit::Big { bytes, .. } => {
                let line = "# baris pengisi agar berkas ini sangat besar\n";
                std::fs::write(&path, line.repeat(bytes / line.len() + 1)).expect("write");
            }
        }
    }

    /// The change in words, for the snapshot's header: quoted text one line per line.
    fn describe(&self) -> String {
        let quoted = |text: &str| -> String {
            text.split('\n')
                .map(|line| match line.char_indices().nth(120) {
                    Some((cut, _)) => format!(
                        "\n  > {}… ({} characters in all)",
                        &line[..cut],
                        line.chars().count()
                    ),
                    None => format!("\n  > {line}"),
                })
                .collect()
        };
        match self {
            Edit::Replace { file, find, with } => {
                format!("in {file} replace{}\nwith{}", quoted(find), quoted(with))
            }
            Edit::Append { file, text } => format!("append to {file}{}", quoted(text)),
            Edit::Write { file, text } => format!("write {file}{}", quoted(text)),
            Edit::Remove { file } => format!("remove {file}"),
            Edit::Symlink { file, target } => format!("make {file} a symbolic link to {target}"),
            Edit::Fifo { file } => format!("make {file} a named pipe (FIFO)"),
            Edit::Big { file, bytes } => format!("write {file} of {bytes} bytes"),
        }
    }
}

/// A bad input: its changes and what its first error must name.
pub struct Case {
    edits: Vec<Edit>,
    /// The file the first error must name; the first edited file unless said otherwise.
    names: Option<&'static str>,
    /// Whether the first error gives `line:col` (false for faults of a whole file).
    position: bool,
    /// Why today's output is wrong, for a case kept to show the fix as a diff.
    wrong_today: Option<&'static str>,
}

fn case(edit: Edit) -> Case {
    Case {
        edits: vec![edit],
        names: None,
        position: true,
        wrong_today: None,
    }
}

fn replace(file: &'static str, find: &'static str, with: &'static str) -> Case {
    case(Edit::Replace { file, find, with })
}

fn append(file: &'static str, text: &'static str) -> Case {
    case(Edit::Append { file, text })
}

fn write(file: &'static str, text: &'static str) -> Case {
    case(Edit::Write { file, text })
}

fn remove(file: &'static str) -> Case {
    case(Edit::Remove { file })
}

fn symlink(file: &'static str, target: &'static str) -> Case {
    case(Edit::Symlink { file, target }).no_position()
}

fn fifo(file: &'static str) -> Case {
    case(Edit::Fifo { file }).no_position()
}

fn big(file: &'static str, bytes: usize) -> Case {
    case(Edit::Big { file, bytes }).no_position()
}

impl Case {
    /// The first error names `file` rather than the first edited file.
    fn names(mut self, file: &'static str) -> Self {
        self.names = Some(file);
        self
    }

    /// The fault has no line and column (a whole file is wrong or missing).
    fn no_position(mut self) -> Self {
        self.position = false;
        self
    }

    /// Today's output breaks the catalogue's rules, for the reason given. (No case is marked
    /// now; kept for the next fault found.)
    #[allow(dead_code)]
    fn wrong_today(mut self, why: &'static str) -> Self {
        self.wrong_today = Some(why);
        self
    }
}

/// What one command did.
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    took: Duration,
}

fn modul(project: &Path, args: &[&str]) -> Run {
    let start = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_modul"))
        .args(args)
        .current_dir(project)
        .output()
        .expect("run modul");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        took: start.elapsed(),
    }
}

/// Temporary paths in the output replaced by `[PROJECT]`, so snapshots do not depend on them.
fn normalise(text: &str, project: &Path) -> String {
    let mut text = text.to_string();
    let mut roots = vec![project.to_path_buf()];
    if let Ok(real) = project.canonicalize() {
        roots.insert(0, real);
    }
    for root in roots {
        text = text.replace(&root.display().to_string(), "[PROJECT]");
    }
    text
}

/// The error lines of `modul check` output (`galat: PLACE: what`).
fn errors(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| l.starts_with("galat: "))
        .collect()
}

/// The rules every bad input must follow; each broken one in words.
fn broken_rules(case: &Case, check: &Run, build: &Run, wrote: &[String]) -> Vec<String> {
    let mut broken = Vec::new();
    if check.code == Some(0) {
        broken.push("`modul check` exits 0".to_string());
    }
    if build.code == Some(0) {
        broken.push("`modul build` exits 0".to_string());
    }
    broken.extend(wrote.iter().cloned());
    let errors = errors(&check.stderr);
    let faulty = case.names.unwrap_or(case.edits[0].file());
    match errors.first() {
        None => broken.push("no `galat:` line".to_string()),
        Some(first) => {
            let rest = first
                .strip_prefix("galat: ")
                .and_then(|r| r.strip_prefix(faulty));
            let positioned = rest.is_some_and(|r| {
                let mut parts = r.splitn(4, ':');
                parts.next() == Some("")
                    && parts.next().is_some_and(is_number)
                    && parts.next().is_some_and(is_number)
            });
            if rest.is_none_or(|r| !r.starts_with(':')) {
                broken.push(format!("the first error does not name {faulty}: {first}"));
            } else if case.position && !positioned {
                broken.push(format!("the first error has no line:col: {first}"));
            }
        }
    }
    let fixes = check.stderr.matches("= cara memperbaiki:").count();
    if fixes < errors.len() {
        broken.push(format!(
            "{} of {} errors do not say how to fix them",
            errors.len() - fixes,
            errors.len()
        ));
    }
    if let Some(max) = MAX_ERRORS
        && errors.len() > max
    {
        broken.push(format!(
            "{} errors for one fault (at most {max})",
            errors.len()
        ));
    }
    if let Some(max) = MAX_TIME
        && check.took > max
    {
        broken.push(format!(
            "`modul check` took {:?} (at most {max:?})",
            check.took
        ));
    }
    broken
}

/// Every regular file below `dir` with its bytes, and every other entry (links, pipes) by
/// name only: reading a pipe or a link to a device would never end.
fn tree(dir: &Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    fn walk(dir: &Path, out: &mut Vec<(std::path::PathBuf, Vec<u8>)>) {
        for entry in std::fs::read_dir(dir).expect("read folder").flatten() {
            let path = entry.path();
            let kind = entry.file_type().expect("file type");
            if kind.is_dir() {
                walk(&path, out);
            } else if kind.is_file() {
                out.push((path.clone(), std::fs::read(&path).expect("read")));
            } else {
                out.push((path, Vec::new()));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, &mut out);
    out.sort();
    out
}

fn is_number(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// Runs one case of the catalogue: `module` is the case's module path, `name` its function.
pub fn run(module: &str, name: &str, case: Case) {
    let dir = fixture_copy("kecil");
    let root = dir.path();
    for edit in &case.edits {
        edit.apply(root);
    }
    let before = tree(root);
    let check = modul(root, &["check", "book"]);
    let build = modul(root, &["build", "book", "--dest-dir", "situs-baru"]);
    let mut wrote = Vec::new();
    if root.join("situs-baru").exists() {
        wrote.push("`modul build` wrote its destination".to_string());
    }
    let _ = std::fs::remove_dir_all(root.join("situs-baru"));
    if tree(root) != before {
        wrote.push("`modul check` or `modul build` changed the project".to_string());
    }

    // The change and today's verdict head the snapshot, so a reviewer sees cause and effect
    // in one place (insta's header would show them as one escaped line).
    let mut output: String = case.edits.iter().map(|e| e.describe() + "\n").collect();
    if let Some(why) = case.wrong_today {
        output.push_str(&format!("wrong today: {why}\n"));
    }
    output.push_str(&match check.code {
        Some(code) => format!("exit code: {code}\n"),
        None => "killed by a signal\n".to_string(),
    });
    if !check.stdout.is_empty() {
        output.push_str(&format!("stdout:\n{}\n", check.stdout));
    }
    output.push_str("stderr:\n");
    output.push_str(&check.stderr);
    let output = normalise(&output, root);
    let file = format!("{}__{name}", module.rsplit("::").next().unwrap_or(module));
    common::snapshots().bind(|| insta::assert_snapshot!(file, output));

    let broken = broken_rules(&case, &check, &build, &wrote);
    match case.wrong_today {
        None => assert!(
            broken.is_empty(),
            "{name}: {}\n\n{output}",
            broken.join("; ")
        ),
        Some(why) => assert!(
            !broken.is_empty(),
            "{name} is marked wrong today ({why}) but now follows every rule: remove \
             `.wrong_today(…)` and review its snapshot"
        ),
    }
}

/// The fixture as it is passes `check`, so every case's errors come from its change alone.
#[test]
fn the_unchanged_fixture_checks_clean() {
    let dir = fixture_copy("kecil");
    let check = modul(dir.path(), &["check"]);
    assert_eq!(check.code, Some(0), "{}", check.stderr);
    common::snapshots().bind(|| insta::assert_snapshot!("clean", check.stderr));
}
