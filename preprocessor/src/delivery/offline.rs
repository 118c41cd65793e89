//! The offline copy over HTTP: `sw.js`, a service worker that keeps every page, style,
//! script and the search index on the device after the first visit (registered by
//! `theme/modul-luring.js`, never from `file://`), and `manifest.webmanifest`, so a phone can
//! add the book to its home screen. The worker's cache is named after a hash of everything it
//! keeps: a new build with any change is a new worker, which installs beside the old one and
//! waits until the reader reloads ("Versi baru tersedia").
//!
//! Left out of the cache: `unduh/` (PDFs and the zip, downloaded on purpose), `print.html`
//! (the whole book in one page), the XLSForm workbooks, and scripts no page loads (the
//! separate widget scripts that the bundle replaced).

use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

pub(crate) const WORKER: &str = "sw.js";
pub(crate) const MANIFEST: &str = "manifest.webmanifest";

/// Writes `sw.js` and `manifest.webmanifest` into `site`.
pub(crate) fn write(site: &Path, title: &str) -> Result<(), String> {
    let files = super::site_files(site, &[])?;
    let loaded = loaded_by_pages(&files)?;
    let kept: Vec<&(String, PathBuf)> = files
        .iter()
        .filter(|(name, _)| {
            let skipped = name.starts_with("unduh/")
                || name == "print.html"
                || name.ends_with(".xlsx")
                || name == WORKER
                || name == MANIFEST
                || ((name.ends_with(".js") || name.ends_with(".css"))
                    && !name.starts_with("pencarian/")
                    && !loaded.contains(name.rsplit('/').next().unwrap_or(name)));
            !skipped
        })
        .collect();
    let mut hasher = Sha256::new();
    for (name, path) in &kept {
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        hasher.update(name.as_bytes());
        hasher.update((bytes.len() as u64).to_le_bytes());
        hasher.update(&bytes);
    }
    let version: String = hasher
        .finalize()
        .iter()
        .take(6)
        .map(|b| format!("{b:02x}"))
        .collect();
    let names: Vec<&str> = kept.iter().map(|(n, _)| n.as_str()).collect();
    let list = serde_json::to_string(&names).map_err(|e| e.to_string())?;
    let worker = format!(
        "// Written by `modul build` (preprocessor/src/delivery/offline.rs). The offline copy of the book.\n\
         var VERSI = 'modul-{version}';\n\
         var BERKAS = {list};\n{WORKER_CODE}"
    );
    std::fs::write(site.join(WORKER), worker).map_err(|e| format!("{WORKER}: {e}"))?;
    let icon = files
        .iter()
        .map(|(n, _)| n.as_str())
        .find(|n| n.starts_with("favicon") && n.ends_with(".svg"));
    let manifest = serde_json::json!({
        "name": title,
        "short_name": "Modul",
        "lang": "id",
        "start_url": "index.html",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#ffffff",
        "icons": icon.map(|i| vec![serde_json::json!({"src": i, "sizes": "any", "type": "image/svg+xml"})]).unwrap_or_default(),
    });
    let manifest = serde_json::to_string_pretty(&manifest).map_err(|e| e.to_string())?;
    std::fs::write(site.join(MANIFEST), manifest + "\n").map_err(|e| format!("{MANIFEST}: {e}"))
}

/// The worker's behaviour, after its two variables. Cache first (the book changes only with
/// a new build, which is a new worker), the network for anything not kept; an address with a
/// query (`?search=…`) is the same page.
const WORKER_CODE: &str = r#"
self.addEventListener('install', function (event) {
    event.waitUntil(caches.open(VERSI).then(function (cache) {
        return cache.addAll(BERKAS);
    }));
});

self.addEventListener('activate', function (event) {
    event.waitUntil(caches.keys().then(function (keys) {
        return Promise.all(keys.filter(function (key) {
            return key.indexOf('modul-') === 0 && key !== VERSI;
        }).map(function (key) {
            return caches.delete(key);
        }));
    }).then(function () {
        return self.clients.claim();
    }));
});

self.addEventListener('message', function (event) {
    if (event.data === 'lewati-tunggu') {
        self.skipWaiting();
    }
});

self.addEventListener('fetch', function (event) {
    var request = event.request;
    if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) {
        return;
    }
    var url = new URL(request.url);
    if (url.pathname.slice(-1) === '/') {
        url.pathname += 'index.html';
    }
    url.search = '';
    url.hash = '';
    event.respondWith(caches.open(VERSI).then(function (cache) {
        return cache.match(url.href).then(function (kept) {
            return kept || fetch(request);
        });
    }));
});
"#;

/// The file names (last path segment) that some page loads through `src="…"` or `href="…"`:
/// each kind of page has its own script bundle, and every one of them must be kept.
fn loaded_by_pages(
    files: &[(String, PathBuf)],
) -> Result<std::collections::BTreeSet<String>, String> {
    let mut loaded = std::collections::BTreeSet::new();
    for (name, path) in files {
        if !name.ends_with(".html") || name == "print.html" {
            continue;
        }
        let html = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        for attribute in ["src=\"", "href=\""] {
            for rest in html.split(attribute).skip(1) {
                let link = rest.split('"').next().unwrap_or("");
                loaded.insert(link.rsplit('/').next().unwrap_or(link).to_string());
            }
        }
    }
    Ok(loaded)
}
