//! Scale benchmark (prints figures, asserts nothing): the real book with every chapter's
//! text repeated to 1×, 5×, 10× and 20× its size (directives only in the first copy, so the
//! exercises and forms stay placed once), built by the `modul` binary; wall time, peak RSS
//! (GNU time) and the size of the search index. Then one 10 MB chapter.
//!
//! Run: `cargo bench --bench scale` (optionally `-- 1 5 10 20`, the factors). Goals (issue 12):
//! the 20× book in at most 22× the 1× time, and the 10 MB chapter under 150 MB peak RSS.
//! Peak RSS is GNU time's maximum resident set size of the `modul build` process. Each line
//! also gives plain mdBook on the same copy (its `book.toml` without `[preprocessor.modul]`,
//! the rest as configured: the same renderer, print page and search settings), in a process of
//! its own (this benchmark run again with `--plain-mdbook`), so the two peaks compare.

mod plain;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let [_, flag, book, dest] = args.as_slice()
        && flag == "--plain-mdbook"
    {
        plain::build(Path::new(book), Path::new(dest), false);
        return;
    }
    let mut factors: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    if factors.is_empty() {
        factors = vec![1, 5, 10, 20];
    }
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    println!("the book's text repeated; goal: the 20x book in at most 22x the 1x time");
    println!(
        "factor  text MB  wall s  s per 1x  peak RSS MB  index MB  | plain mdBook: wall s  peak RSS MB"
    );
    let mut first: Option<f64> = None;
    for factor in factors {
        let dir = tempfile::tempdir().expect("temporary folder");
        let text = project(&repo, dir.path(), |body| repeat(body, factor));
        let Some((wall, rss, index)) = build(dir.path()) else {
            println!("{factor:>6}x  {:>7.1}  build failed", mb(text));
            continue;
        };
        let base = *first.get_or_insert(wall / factor as f64);
        let (plain_wall, plain_rss) = plain(dir.path());
        println!(
            "{factor:>6}x  {:>7.1}  {wall:>6.2}  {:>8.2}  {:>11.0}  {:>8.1}  | {plain_wall:>18.2}  {:>11.0}   ({:.1}x the 1x time)",
            mb(text),
            wall / factor as f64,
            rss as f64 / 1024.0,
            mb(index),
            plain_rss as f64 / 1024.0,
            wall / base
        );
    }
    // One chapter of 10 MB (the first topic page of session 1-4), the rest as it is.
    let dir = tempfile::tempdir().expect("temporary folder");
    let target = "sesi-1-4/asesmen.md";
    let mut chapter_bytes = 0;
    project_with(&repo, dir.path(), |path, body| {
        if path.ends_with(target) {
            let copies = 10 * 1024 * 1024 / body.len().max(1) + 1;
            let grown = repeat(body, copies);
            chapter_bytes = grown.len() as u64;
            grown
        } else {
            body.to_string()
        }
    });
    match build(dir.path()) {
        Some((wall, rss, index)) => {
            let (plain_wall, plain_rss) = plain(dir.path());
            println!(
                "one chapter of {:.1} MB: wall {wall:.2} s, peak RSS {:.0} MB (goal: under 150 MB), index {:.1} MB; \
                 plain mdBook: wall {plain_wall:.2} s, peak RSS {:.0} MB",
                mb(chapter_bytes),
                rss as f64 / 1024.0,
                mb(index),
                plain_rss as f64 / 1024.0,
            )
        }
        None => println!("one chapter of {:.1} MB: build failed", mb(chapter_bytes)),
    }
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1_048_576.0
}

/// The body repeated `n` times; the copies without directive lines.
fn repeat(body: &str, n: usize) -> String {
    let plain: String = body
        .lines()
        .filter(|l| !l.contains("{{#"))
        .map(|l| format!("{l}\n"))
        .collect();
    let mut out = body.to_string();
    for _ in 1..n {
        out.push_str("\n\n");
        out.push_str(&plain);
    }
    out
}

/// Copies the project (book, exercises, forms) into `to`, every chapter body through `grow`;
/// returns the bytes of chapter text.
fn project(repo: &Path, to: &Path, grow: impl Fn(&str) -> String) -> u64 {
    project_with(repo, to, |_, body| grow(body))
}

fn project_with(repo: &Path, to: &Path, mut grow: impl FnMut(&Path, &str) -> String) -> u64 {
    for folder in ["book", "exercises", "forms"] {
        copy(&repo.join(folder), &to.join(folder), &["generated-site"]);
    }
    let mut total = 0;
    for path in markdown(&to.join("book/src")) {
        if path.ends_with("SUMMARY.md") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("read chapter");
        let (front, body) = split_front(&text);
        let grown = format!("{front}{}", grow(&path, body));
        total += grown.len() as u64;
        std::fs::write(&path, grown).expect("write chapter");
    }
    total
}

fn split_front(text: &str) -> (&str, &str) {
    if let Some(rest) = text.strip_prefix("+++\n")
        && let Some(end) = rest.find("\n+++\n")
    {
        let at = 4 + end + 5;
        return (&text[..at], &text[at..]);
    }
    ("", text)
}

fn copy(from: &Path, to: &Path, skip: &[&str]) {
    std::fs::create_dir_all(to).expect("folder");
    for entry in std::fs::read_dir(from).expect("read folder").flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if skip.iter().any(|s| name == *s) {
            continue;
        }
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            copy(&path, &to.join(&name), skip);
        } else if entry.file_type().is_ok_and(|t| t.is_file()) {
            std::fs::copy(&path, to.join(&name)).expect("copy");
        }
    }
}

fn markdown(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(markdown(&path));
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
    out
}

/// `modul build` of the copy: wall seconds, peak RSS in KB, bytes of `pencarian/`.
fn build(project: &Path) -> Option<(f64, u64, u64)> {
    let modul = Path::new(env!("CARGO_BIN_EXE_modul"));
    let args = ["build", "book", "--dest-dir", "situs"].map(OsStr::new);
    let (wall, rss) = timed(project, modul, &args)?;
    Some((wall, rss, size(&project.join("situs/pencarian"))))
}

/// Plain mdBook building the same copy in a process of its own: wall seconds, peak RSS in KB
/// (zeros if it failed, with its first lines of error).
fn plain(project: &Path) -> (f64, u64) {
    let Ok(me) = std::env::current_exe() else {
        return (0.0, 0);
    };
    let (book, dest) = (project.join("book"), project.join("situs-mdbook"));
    let args = [
        OsStr::new("--plain-mdbook"),
        book.as_os_str(),
        dest.as_os_str(),
    ];
    timed(project, &me, &args).unwrap_or((0.0, 0))
}

/// Runs `program` in `dir` under GNU time: wall seconds and peak RSS in KB; `None` (with its
/// first lines of error) if it failed.
fn timed(dir: &Path, program: &Path, args: &[&OsStr]) -> Option<(f64, u64)> {
    let start = Instant::now();
    let out = Command::new("/usr/bin/time")
        .args(["-f", "peak-rss-kb %M"])
        .arg(program)
        .args(args)
        .current_dir(dir)
        .output()
        .ok()?;
    let wall = start.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() {
        eprintln!("{}", stderr.lines().take(5).collect::<Vec<_>>().join("\n"));
        return None;
    }
    let rss = stderr
        .lines()
        .find_map(|l| l.strip_prefix("peak-rss-kb "))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0);
    Some((wall, rss))
}

fn size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| {
                    let path = e.path();
                    if path.is_dir() {
                        size(&path)
                    } else {
                        e.metadata().map_or(0, |m| m.len())
                    }
                })
                .sum()
        })
        .unwrap_or(0)
}
