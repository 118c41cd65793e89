//! Build benchmark (prints figures, asserts nothing): `modul build` of the book against plain
//! mdBook building the same sources with the preprocessor removed, both in-process.
//!
//! Run: `cargo bench --bench build` (optionally `-- ROUNDS`, default 5).

#[path = "../testsuite/common/mod.rs"]
mod common;

use common::api;
use common::fingerprinted_script;
use mdbook_driver::MDBook;
use mdbook_preprocessor::config::Config;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::{Duration, Instant};

fn main() {
    let rounds: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(5);
    let book = Path::new(env!("CARGO_MANIFEST_DIR")).join("../book");
    let book = book.canonicalize().unwrap_or(book);
    let out = tempfile::tempdir().expect("temporary folder");

    let mut modul_times = Vec::new();
    let mut plain_times = Vec::new();
    let mut check_times = Vec::new();
    // Alternate the two so machine noise hits both alike; the first round warms the caches.
    for round in 0..=rounds {
        let modul = time(|| {
            api::build(&book, &out.path().join("modul")).unwrap_or_else(|e| panic!("{e}"));
        });
        let plain = time(|| plain_mdbook(&book, &out.path().join("mdbook")));
        let check = time(|| {
            if let Err(e) = api::check(&book) {
                panic!("{e}");
            }
        });
        if round > 0 {
            modul_times.push(modul);
            plain_times.push(plain);
            check_times.push(check);
        }
    }
    let (modul, plain) = (median(&mut modul_times), median(&mut plain_times));
    let check = median(&mut check_times);
    println!("rounds: {rounds} (median)");
    println!("modul build:        {:>8.1} ms", ms(modul));
    println!("plain mdbook build: {:>8.1} ms", ms(plain));
    println!(
        "modul check:        {:>8.1} ms (load + validate, no output)",
        ms(check)
    );
    println!(
        "ratio modul/mdbook: {:>8.2}x (goal for the finished product: <= 1.00x)",
        ms(modul) / ms(plain)
    );
    println!();
    println!(
        "site size, modul:   {:>8.1} KB",
        kb(size(&out.path().join("modul")))
    );
    println!(
        "site size, mdbook:  {:>8.1} KB",
        kb(size(&out.path().join("mdbook")))
    );
    script_sizes(&book);
    for (name, dir) in [("modul", "modul"), ("mdbook", "mdbook")] {
        let index = fingerprinted_script(&out.path().join(dir), "searchindex");
        if let Some(index) = index {
            println!(
                "search index, {name}: {:>7.1} KB ({})",
                kb(size(&index)),
                index
                    .file_name()
                    .map_or(String::new(), |n| n.to_string_lossy().into_owned())
            );
        }
    }
}

/// Our own scripts, raw and gzip-compressed (what a phone downloads from a server that
/// compresses). Goal: forms + exercises together <= 30 KB gzip.
fn script_sizes(book: &Path) {
    use std::io::Write;
    let mut files: Vec<PathBuf> = std::fs::read_dir(book.join("theme"))
        .expect("theme folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "js")
                && p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with("modul-"))
        })
        .collect();
    files.sort();
    let gzip = |bytes: &[u8]| {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        encoder.write_all(bytes).expect("compress");
        encoder.finish().expect("compress").len() as u64
    };
    let mut all = Vec::new();
    for file in &files {
        let bytes = std::fs::read(file).expect("script");
        println!(
            "script {:<22} {:>6.1} KB, gzip {:>5.1} KB",
            file.file_name()
                .map_or(String::new(), |n| n.to_string_lossy().into_owned()),
            kb(bytes.len() as u64),
            kb(gzip(&bytes))
        );
        all.extend(bytes);
    }
    println!(
        "scripts together:             {:>6.1} KB, gzip {:>5.1} KB (goal: <= 30 KB gzip)",
        kb(all.len() as u64),
        kb(gzip(&all))
    );
}

/// mdBook alone: the same book.toml without `[preprocessor.modul]` and with mdBook's own search.
fn plain_mdbook(book: &Path, dest: &Path) {
    let text = std::fs::read_to_string(book.join("book.toml")).expect("book.toml");
    let mut table: toml::Table = text.parse().expect("book.toml parses");
    if let Some(toml::Value::Table(pre)) = table.get_mut("preprocessor") {
        pre.remove("modul");
    }
    // Plain mdBook searches with its own index, as a book without the modul would.
    if let Some(toml::Value::Table(html)) = table.get_mut("output").and_then(|o| o.get_mut("html"))
    {
        html.remove("search");
    }
    let mut config =
        Config::from_str(&toml::to_string(&table).expect("serialise")).expect("config");
    config.build.build_dir = dest.to_path_buf();
    config.build.create_missing = false;
    MDBook::load_with_config(book, config)
        .expect("load")
        .build()
        .expect("plain build");
}

fn time(f: impl FnOnce()) -> Duration {
    let start = Instant::now();
    f();
    start.elapsed()
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn kb(bytes: u64) -> f64 {
    bytes as f64 / 1024.0
}

fn size(path: &Path) -> u64 {
    if path.is_file() {
        return path.metadata().map(|m| m.len()).unwrap_or(0);
    }
    std::fs::read_dir(path)
        .map(|entries| entries.flatten().map(|e| size(&e.path())).sum())
        .unwrap_or(0)
}
