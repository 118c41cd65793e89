//! Search benchmark (prints figures, asserts nothing): the modul's Indonesian search against
//! mdBook's default search on the same book — payload raw and gzip, bytes loaded before the
//! first result, query latency over the development set in Chromium, indexing time.
//!
//! Run: `cargo bench --bench pencarian` (needs Chromium; `CHROME` names another browser).

#[path = "../testsuite/common/mod.rs"]
mod common;

use common::browser::{browser, eval_json, eval_string, eval_strings, file_url, open};
use common::cari::{build_with_mdbook_search, dev_set, ui_search};
use common::fingerprinted_script;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn main() {
    let out = tempfile::tempdir().expect("temporary folder");
    let book = common::repo().join("book");
    let ours =
        common::api::build(&book, &out.path().join("modul")).unwrap_or_else(|e| panic!("{e}"));
    let theirs = build_with_mdbook_search(&out.path().join("mdbook"));

    // Indexing alone, as the build runs it (median of 5).
    let indexing = common::api::Indexing::prepare(&book);
    let mut times: Vec<f64> = (0..5)
        .map(|_| {
            let start = Instant::now();
            indexing.write(&ours);
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    let (sections, terms) = indexing.write(&ours);
    println!(
        "indexing (sections → tantivy → export): {:.1} ms median, {sections} sections, {terms} terms",
        times[2]
    );
    println!();
    println!("payload                                raw KB   gzip KB");
    let row = |label: &str, files: &[PathBuf]| {
        let raw: u64 = files.iter().map(|f| size(f)).sum();
        let gz: u64 = files.iter().map(|f| gzip_size(f)).sum();
        println!("{label:38} {:>7.1}  {:>7.1}", kb(raw), kb(gz));
    };
    let index = ours.join("pencarian/indeks.js");
    let texts = ours.join("pencarian/teks.js");
    let script = find(&ours.join("theme"), "modul-cari");
    row(
        "modul: index (pencarian/indeks.js)",
        std::slice::from_ref(&index),
    );
    row(
        "modul: texts (pencarian/teks.js)",
        std::slice::from_ref(&texts),
    );
    row("modul: script on every page", std::slice::from_ref(&script));
    let their_index = find(&theirs, "searchindex");
    let their_scripts = [
        find(&theirs, "searcher"),
        find(&theirs, "elasticlunr"),
        find(&theirs, "mark"),
    ];
    row(
        "mdBook: index (searchindex.js)",
        std::slice::from_ref(&their_index),
    );
    row("mdBook: scripts on every page", &their_scripts);

    let Some((browser, _serial)) = browser() else {
        println!("\n(no Chromium: no browser figures)");
        return;
    };
    let queries = dev_set();
    println!();
    for (name, site) in [("modul", &ours), ("mdBook", &theirs)] {
        // Scripts requested from opening the search until the first result is in the list
        // (the page notes the moment; resources started later, such as the snippet texts, do
        // not count).
        let (tab, _) = open(&browser, &file_url(&site.join("index.html"), ""));
        eval_string(
            &tab,
            "(() => { window.benchOpen = performance.now(); window.benchFirst = null;
                 const scripts = () => Array.from(document.scripts).map(s => s.src).filter(s => s);
                 const before = scripts();
                 new MutationObserver(() => { if (window.benchFirst === null && document.querySelector('#mdbook-searchresults li')) {
                     window.benchFirst = performance.now();
                     window.benchScripts = scripts().filter(s => !before.includes(s)); } })
                   .observe(document.getElementById('mdbook-searchresults'), {childList: true});
                 return ''; })()",
        );
        // The query is in the bar before the search opens, as with a `?search=` link.
        let quoted = serde_json::to_string(&queries[0].text).expect("quote");
        eval_string(
            &tab,
            &format!(
                "(() => {{ document.getElementById('mdbook-searchbar').value = {quoted};
                     document.getElementById('mdbook-search-toggle').click(); return ''; }})()"
            ),
        );
        let header = serde_json::to_string(&format!("'{}'", queries[0].text)).expect("quote");
        common::browser::wait_until(
            &tab,
            &format!(
                "window.benchFirst !== null && document.getElementById('mdbook-searchresults-header').textContent.includes({header})"
            ),
            "the first result",
        );
        let first_result = eval_json(&tab, "window.benchFirst - window.benchOpen")
            .as_f64()
            .unwrap_or(f64::NAN);
        let fetched = eval_strings(&tab, "window.benchScripts");
        let bytes: u64 = fetched
            .iter()
            .filter_map(|u| u.strip_prefix("file://"))
            .map(|p| size(Path::new(p)))
            .sum();
        let mut latencies: Vec<f64> = Vec::new();
        for _ in 0..3 {
            for q in &queries {
                latencies.push(ui_search(&tab, &q.text).1);
            }
        }
        let (median, p95) = percentiles(&mut latencies);
        println!(
            "{name:7} first search: {:>6.1} KB fetched before the first result ({}), {:.0} ms to first result",
            kb(bytes),
            fetched
                .iter()
                .map(|u| u.rsplit('/').next().unwrap_or(u))
                .collect::<Vec<_>>()
                .join(", "),
            first_result
        );
        println!(
            "{name:7} query latency in Chromium (search + result list, {} queries): median {:.2} ms, p95 {:.2} ms",
            latencies.len(),
            median,
            p95
        );
        if name == "modul" {
            // The ranking alone, without building the result list.
            let mut alone = Vec::new();
            for _ in 0..3 {
                for q in &queries {
                    let quoted = serde_json::to_string(&q.text).expect("quote");
                    alone.push(
                        eval_json(
                            &tab,
                            &format!("(() => {{ const t = performance.now(); window.modulCari.search({quoted}); return performance.now() - t; }})()"),
                        )
                        .as_f64()
                        .unwrap_or(f64::NAN),
                    );
                }
            }
            let (median, p95) = percentiles(&mut alone);
            println!(
                "{name:7} ranking alone (no result list): median {median:.2} ms, p95 {p95:.2} ms"
            );
        }
        tab.close(true).ok();
    }
}

fn percentiles(values: &mut [f64]) -> (f64, f64) {
    values.sort_by(f64::total_cmp);
    let median = values[values.len() / 2];
    let p95 = values[(values.len() * 95).div_ceil(100) - 1];
    (median, p95)
}

fn kb(bytes: u64) -> f64 {
    bytes as f64 / 1024.0
}

fn size(path: &Path) -> u64 {
    path.metadata().map(|m| m.len()).unwrap_or(0)
}

fn gzip_size(path: &Path) -> u64 {
    std::process::Command::new("gzip")
        .args(["-9", "-c"])
        .arg(path)
        .output()
        .map(|o| o.stdout.len() as u64)
        .unwrap_or(0)
}

fn find(dir: &Path, prefix: &str) -> PathBuf {
    fingerprinted_script(dir, prefix).unwrap_or_else(|| dir.join(prefix))
}
