//! The library's top-level modules form layers: a module uses only modules below it, never one
//! that uses it back. This test reads every source file, collects the `crate::…` paths it
//! names (in `use` lines and inline), and fails on any cycle between top-level modules, naming
//! the files that close it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every `.rs` file below `dir`, sorted.
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
}

/// The top-level module a file belongs to: `form/html.rs` → `form`, `build.rs` → `build`.
fn module_of(relative: &Path) -> Option<String> {
    let first = relative.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (name != "lib").then(|| name.to_string())
}

/// The top-level modules named by `crate::` paths in `code` (comments removed), including
/// groups such as `use crate::{a, b::c};`.
fn named_modules(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for item in group[..end].split(',') {
                let name: String = item
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    out.insert(name);
                }
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.insert(name);
            }
        }
    }
    out
}

/// The module graph: for each top-level module, the others it names, with one file that does.
fn graph(src: &Path) -> BTreeMap<String, BTreeMap<String, PathBuf>> {
    let mut files = Vec::new();
    sources(src, &mut files);
    let mut edges: BTreeMap<String, BTreeMap<String, PathBuf>> = BTreeMap::new();
    for path in files {
        let Ok(relative) = path.strip_prefix(src) else {
            continue;
        };
        // The binaries are not part of the library.
        if relative.starts_with("bin") {
            continue;
        }
        let Some(from) = module_of(relative) else {
            continue;
        };
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let code: String = text
            .lines()
            .map(|l| l.split("//").next().unwrap_or(""))
            .collect::<Vec<_>>()
            .join("\n");
        let targets = edges.entry(from.clone()).or_default();
        for to in named_modules(&code) {
            if to != from {
                targets.entry(to).or_insert_with(|| relative.to_path_buf());
            }
        }
    }
    edges
}

/// A cycle, as the list of modules along it, if there is one.
fn find_cycle(edges: &BTreeMap<String, BTreeMap<String, PathBuf>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeMap<String, PathBuf>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|n| n == node) {
            let mut cycle = path[start..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in edges.get(node).into_iter().flat_map(|t| t.keys()) {
            if let Some(cycle) = visit(next, edges, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    edges
        .keys()
        .find_map(|node| visit(node, edges, &mut Vec::new(), &mut done))
}

#[test]
fn top_level_modules_have_no_cycle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let edges = graph(&src);
    assert!(
        edges.len() > 10 && edges.values().map(BTreeMap::len).sum::<usize>() > 20,
        "the test reads the sources: {edges:?}"
    );
    if let Some(cycle) = find_cycle(&edges) {
        let steps: Vec<String> = cycle
            .windows(2)
            .map(|w| format!("{} → {} (in {})", w[0], w[1], edges[&w[0]][&w[1]].display()))
            .collect();
        panic!(
            "modules import each other in a cycle:\n  {}",
            steps.join("\n  ")
        );
    }
}

#[test]
fn the_reader_finds_groups_and_inline_paths() {
    let code = "use crate::{form::html, session};\nlet x = crate::ui::text(\"a\");";
    let found: Vec<String> = named_modules(code).into_iter().collect();
    assert_eq!(found, ["form", "session", "ui"]);
    let mut edges = BTreeMap::new();
    edges.insert(
        "a".to_string(),
        BTreeMap::from([("b".to_string(), PathBuf::from("a.rs"))]),
    );
    edges.insert(
        "b".to_string(),
        BTreeMap::from([("a".to_string(), PathBuf::from("b.rs"))]),
    );
    assert_eq!(
        find_cycle(&edges),
        Some(vec!["a".into(), "b".into(), "a".into()])
    );
}
