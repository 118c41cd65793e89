//! Build benchmark (prints figures, asserts nothing): `modul build` of the book against plain
//! mdBook building the same sources with the preprocessor removed, both in-process.
//!
//! Then the weight of a cold page load over HTTP per page type (home, topic with exercises,
//! form, glossary): every request Chromium makes until the page has loaded, and the bytes of
//! those files raw and gzip-compressed (what a server that compresses sends). Goal for a topic
//! page with exercises: <= 100 KB gzip, fonts included, in <= 10 requests.
//!
//! Run: `cargo bench --bench build` (optionally `-- ROUNDS`, default 5; `-- weight` for the
//! page weights of one build only).

#[path = "../testsuite/common/mod.rs"]
mod common;
mod plain;

use common::api;
use common::fingerprinted_script;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn main() {
    if std::env::args().any(|a| a == "weight") {
        let out = tempfile::tempdir().expect("temporary folder");
        let book = common::repo().join("book");
        let site = api::build(&book, &out.path().join("modul")).unwrap_or_else(|e| panic!("{e}"));
        page_weights(&site);
        return;
    }
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
    let (mut modul_cpu, mut plain_cpu) = (Vec::new(), Vec::new());
    // Alternate the two so machine noise hits both alike; the first round warms the caches.
    for round in 0..=rounds {
        let cpu = cpu_time();
        let modul = time(|| {
            api::build(&book, &out.path().join("modul")).unwrap_or_else(|e| panic!("{e}"));
        });
        let cpu_modul = cpu_time() - cpu;
        let cpu = cpu_time();
        let plain = time(|| plain::build(&book, &out.path().join("mdbook"), true));
        let cpu_plain = cpu_time() - cpu;
        let check = time(|| {
            if let Err(e) = api::check(&book) {
                panic!("{e}");
            }
        });
        if round > 0 {
            modul_times.push(modul);
            plain_times.push(plain);
            check_times.push(check);
            modul_cpu.push(cpu_modul);
            plain_cpu.push(cpu_plain);
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
        "ratio modul/mdbook: {:>8.2}x wall (goal for the finished product: <= 1.00x)",
        ms(modul) / ms(plain)
    );
    let (modul_cpu, plain_cpu) = (median(&mut modul_cpu), median(&mut plain_cpu));
    println!(
        "CPU, modul/mdbook:  {:>8.1} / {:.1} ms = {:.2}x (all threads of this process)",
        ms(modul_cpu),
        ms(plain_cpu),
        ms(modul_cpu) / ms(plain_cpu).max(1.0)
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
    page_weights(&out.path().join("modul"));
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

/// The page types a reader meets, by file in the built site: the heaviest topic page with
/// exercises and the heaviest form page (the worst cases), the home page and the glossary.
fn page_types(site: &Path) -> Vec<(&'static str, String)> {
    let heaviest = |dir: &str, marker: &str| -> String {
        let mut pages: Vec<(u64, String)> = Vec::new();
        collect_pages(site, &site.join(dir), &mut pages, marker);
        pages.sort();
        pages.pop().map(|(_, p)| p).expect("a page of that type")
    };
    vec![
        ("home", "index.html".to_string()),
        ("topic + exercises", heaviest("", "data-latihan=")),
        ("form", heaviest("formulir", "data-formulir=")),
        ("glossary", "daftar-istilah.html".to_string()),
    ]
}

fn collect_pages(site: &Path, dir: &Path, out: &mut Vec<(u64, String)>, marker: &str) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        let relative = path.strip_prefix(site).expect("below site").to_path_buf();
        let name = relative.to_string_lossy().replace('\\', "/");
        if path.is_dir() {
            // Printed worksheets and the print-everything page are not pages one reads.
            if !name.starts_with("cetak") && !name.starts_with("unduh") {
                collect_pages(site, &path, out, marker);
            }
        } else if name.ends_with(".html")
            && name.contains('/')
            && !name.ends_with("index.html")
            && std::fs::read_to_string(&path).is_ok_and(|t| t.contains(marker))
        {
            out.push((path.metadata().map(|m| m.len()).unwrap_or(0), name));
        }
    }
}

/// Loads each page type cold (a fresh browser context) over HTTP and prints its requests and
/// bytes until the load event, and what it requests afterwards without any action.
fn page_weights(site: &Path) {
    let Some((browser, _serial)) = common::browser::browser() else {
        println!("page weights: skipped (no Chromium)");
        return;
    };
    let server = common::statik::Static::start(site);
    let gzip = |bytes: &[u8]| {
        use std::io::Write;
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        encoder.write_all(bytes).expect("compress");
        encoder.finish().expect("compress").len() as u64
    };
    println!();
    println!(
        "{:<20} {:>8} {:>10} {:>10}  page",
        "cold load over HTTP", "requests", "raw KB", "gzip KB"
    );
    for (kind, page) in page_types(site) {
        let context = browser.new_context().expect("browser context");
        let tab = context.new_tab().expect("tab");
        let requests = common::browser::record_requests(&tab);
        let url = format!("{}/{page}", server.base);
        common::browser::navigate(&tab, &url);
        // `data:` addresses are inline, not requests.
        let network = |all: &Vec<String>| -> Vec<String> {
            all.iter()
                .filter(|u| !u.starts_with("data:"))
                .cloned()
                .collect()
        };
        let loaded = requests.lock().map(|r| network(&r)).unwrap_or_default();
        std::thread::sleep(Duration::from_millis(500));
        let later: Vec<String> = requests
            .lock()
            .map(|r| network(&r))
            .unwrap_or_default()
            .into_iter()
            .skip(loaded.len())
            .map(|u| u.replace(&server.base, ""))
            .collect();
        let (mut raw, mut gz) = (0, 0);
        let mut kinds: std::collections::BTreeMap<String, usize> = Default::default();
        for request in &loaded {
            let Some(path) = request.strip_prefix(&server.base) else {
                continue;
            };
            let path = path.split(['?', '#']).next().unwrap_or("");
            let file = site.join(path.trim_start_matches('/'));
            let bytes = std::fs::read(&file).unwrap_or_default();
            raw += bytes.len() as u64;
            gz += gzip(&bytes);
            let ext = file
                .extension()
                .map_or(String::from("?"), |e| e.to_string_lossy().into_owned());
            *kinds.entry(ext).or_default() += 1;
        }
        let kinds: Vec<String> = kinds.iter().map(|(k, n)| format!("{n} {k}")).collect();
        println!(
            "{kind:<20} {:>8} {:>10.1} {:>10.1}  {page} ({}; after load: {later:?})",
            loaded.len(),
            kb(raw),
            kb(gz),
            kinds.join(", ")
        );
        let _ = tab.close(false);
    }
    println!("goal: topic + exercises <= 100 KB gzip in <= 10 requests");
}

/// CPU time of this process so far, every thread (user + system, from /proc; Linux's clock
/// ticks are 1/100 s). Zero where /proc is not there.
fn cpu_time() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which may hold spaces) in parentheses.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or("", |(_, rest)| rest)
        .split_whitespace()
        .collect();
    let ticks: u64 = [11, 12]
        .iter()
        .filter_map(|&i| fields.get(i).and_then(|f| f.parse::<u64>().ok()))
        .sum();
    Duration::from_millis(ticks * 10)
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
