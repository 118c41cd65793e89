//! `modul serve`: builds the book, serves it on this computer only (127.0.0.1), rebuilds when a
//! file in the book, exercise or form folders changes, and reloads open pages.

use crate::build::{BuildOptions, Error, absolute, build_book, load};
use crate::config::ModulConfig;
use crate::diagnostic::display_path;
use crate::ui;
use notify::{RecursiveMode, Watcher};
use serde::Serialize;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, mpsc};
use std::time::Duration;

const RELOAD_SCRIPT: &str = include_str!("../../book/theme/muat-ulang.js");
const RELOAD_PATH: &str = "/__modul/muat-ulang.js";
const VERSION_PATH: &str = "/__modul/versi";
/// How long a reload request waits for a new build before answering "no change".
const LONG_POLL: Duration = Duration::from_secs(25);

/// The last build, as `muat-ulang.js` polls it from [`VERSION_PATH`].
#[derive(Debug, Default, Serialize)]
struct State {
    /// Counts builds: a new number means the page should reload.
    version: u64,
    /// The errors of the last build, if it failed (shown over the page).
    error: Option<String>,
}

/// The strings `muat-ulang.js` shows (`MODUL_PRATINJAU`), by `ui.toml` key.
#[derive(Serialize)]
struct ReloadStrings {
    /// The heading of the error box.
    pratinjau_galat: &'static str,
}

type Shared = Arc<(Mutex<State>, Condvar)>;

/// Runs until the process is stopped.
pub fn serve(book_dir: &Path, port: u16) -> Result<(), Error> {
    let staging = crate::signals::create_removed_on_signal(|| {
        tempfile::Builder::new()
            .prefix("modul-pratinjau-")
            .tempdir()
    })
    .map_err(|e| Error::Other(format!("folder sementara: {e}")))?;
    let site = staging.path().join("situs");
    let options = BuildOptions {
        book_dir: book_dir.to_path_buf(),
        dest_dir: Some(site.clone()),
        force: false,
    };
    let shared: Shared = Arc::new((Mutex::new(State::default()), Condvar::new()));
    rebuild(&options, &shared);

    let (watched, ignored) = folders(book_dir)?;
    let (events_tx, events_rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event {
            let _ = events_tx.send(event);
        }
    })
    .map_err(|e| Error::Other(format!("pemantau berkas: {e}")))?;
    for folder in &watched {
        watcher
            .watch(folder, RecursiveMode::Recursive)
            .map_err(|e| {
                Error::Other(format!(
                    "{} tidak dapat dipantau: {e}",
                    display_path(folder)
                ))
            })?;
    }
    {
        let shared = Arc::clone(&shared);
        let options = options.clone();
        std::thread::spawn(move || {
            while let Ok(first) = events_rx.recv() {
                let mut relevant = is_relevant(&first, &ignored);
                // Editors save in bursts (temp file, rename, chmod): wait for the burst to end.
                while let Ok(more) = events_rx.recv_timeout(Duration::from_millis(250)) {
                    relevant |= is_relevant(&more, &ignored);
                }
                if relevant {
                    rebuild(&options, &shared);
                }
            }
        });
    }

    let address = format!("127.0.0.1:{port}");
    let listener = TcpListener::bind(&address).map_err(|e| {
        Error::Other(format!(
            "tidak dapat membuka {address}: {e}; coba port lain dengan `--port 3001`"
        ))
    })?;
    eprintln!(
        "Buku tersedia di http://{address}/ (hanya di komputer ini). Tekan Ctrl+C untuk berhenti."
    );
    eprintln!(
        "Memantau perubahan di: {}",
        watched
            .iter()
            .map(|p| display_path(p))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let open = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming().flatten() {
        let Some(slot) = Slot::take(&open) else {
            busy(stream);
            continue;
        };
        let shared = Arc::clone(&shared);
        let site = site.clone();
        std::thread::spawn(move || {
            handle(stream, &site, &shared);
            drop(slot);
        });
    }
    drop(watcher);
    Ok(())
}

fn rebuild(options: &BuildOptions, shared: &Shared) {
    let result = build_book(options);
    let (lock, changed) = &**shared;
    let Ok(mut state) = lock.lock() else { return };
    state.version += 1;
    match result {
        Ok(_) => {
            eprintln!("Buku dibangun (versi {}).", state.version);
            state.error = None;
        }
        Err(err) => {
            eprintln!("{err}");
            state.error = Some(err.to_string());
        }
    }
    changed.notify_all();
}

/// Absolute folders to watch (the book, and the exercise, form and data folders outside it)
/// and the ones to ignore inside them (the book's own build output: changes there are ours).
fn folders(book_dir: &Path) -> Result<(Vec<PathBuf>, Vec<PathBuf>), Error> {
    let (book, _) = load(book_dir)?;
    let config =
        ModulConfig::from_book_config(&book.config).map_err(|e| Error::Other(format!("{e:#}")))?;
    let root = absolute(&book.root)?;
    let paths = config.paths(&root, &book.config.book.src);
    let mut watched = vec![root.clone()];
    for folder in [paths.exercises, paths.forms, paths.data] {
        if folder.is_dir() && !folder.starts_with(&root) {
            watched.push(folder);
        }
    }
    let ignored = vec![absolute(&root.join(&book.config.build.build_dir))?];
    Ok((watched, ignored))
}

fn is_relevant(event: &notify::Event, ignored: &[PathBuf]) -> bool {
    if matches!(event.kind, notify::EventKind::Access(_)) {
        return false;
    }
    event.paths.iter().any(|path| {
        let hidden = path.components().any(|c| matches!(c, Component::Normal(n) if n.to_string_lossy().starts_with(".modul-bangun-")));
        !hidden && !ignored.iter().any(|dir| path.starts_with(dir))
    })
}

/// At most this many connections are served at once (one thread each); more get a short
/// 503, so a flood of idle connections cannot exhaust threads.
const MAX_CONNECTIONS: usize = 64;
/// A connection that sends nothing, or cannot take its answer, for this long is closed.
const IDLE_TIMEOUT: Duration = Duration::from_secs(10);

/// One of the [`MAX_CONNECTIONS`] places, given back when dropped.
struct Slot(Arc<AtomicUsize>);

impl Slot {
    fn take(open: &Arc<AtomicUsize>) -> Option<Slot> {
        let taken = open.fetch_add(1, Ordering::SeqCst);
        let slot = Slot(Arc::clone(open));
        (taken < MAX_CONNECTIONS).then_some(slot)
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// The answer to a connection over the cap, written without reading the request.
fn busy(stream: TcpStream) {
    let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
    let body = "Terlalu banyak sambungan; muat ulang halaman sebentar lagi.";
    let mut writer = &stream;
    let _ = write!(
        writer,
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\nRetry-After: 1\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.shutdown(std::net::Shutdown::Both);
}

/// What the preview answers: status, content type and body.
struct Reply {
    status: u16,
    content_type: &'static str,
    body: Vec<u8>,
}

/// One request per connection (`Connection: close`), GET and HEAD only: all a local preview
/// needs. (tiny_http reset some of Chromium's connections while a page loaded.)
fn handle(stream: TcpStream, site: &Path, shared: &Shared) {
    let _ = stream.set_read_timeout(Some(IDLE_TIMEOUT));
    let _ = stream.set_write_timeout(Some(IDLE_TIMEOUT));
    let mut reader = BufReader::new(&stream);
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    // Read the whole head, so closing the socket never discards unread request bytes.
    let mut head_size = request_line.len();
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(n) if n > 0 && !line.trim().is_empty() && head_size + n <= 64 * 1024 => {
                head_size += n;
            }
            _ => break,
        }
    }
    let mut words = request_line.split_whitespace();
    let (method, target) = (words.next().unwrap_or(""), words.next().unwrap_or("/"));
    let reply = match method {
        "GET" | "HEAD" => route(target, site, shared),
        _ => text_reply(
            "Metode tidak didukung".into(),
            "text/plain; charset=utf-8",
            405,
        ),
    };
    let reason = match reply.status {
        200 => "OK",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "Service Unavailable",
    };
    let head = format!(
        "HTTP/1.1 {} {reason}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        reply.status,
        reply.content_type,
        reply.body.len()
    );
    let mut writer = &stream;
    let _ = writer.write_all(head.as_bytes());
    if method != "HEAD" {
        let _ = writer.write_all(&reply.body);
    }
    let _ = writer.flush();
    let _ = stream.shutdown(std::net::Shutdown::Write);
}

fn route(target: &str, site: &Path, shared: &Shared) -> Reply {
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    match path {
        VERSION_PATH => {
            let since = query
                .split('&')
                .find_map(|kv| kv.strip_prefix("sejak="))
                .unwrap_or("")
                .to_string();
            version_reply(shared, &since)
        }
        RELOAD_PATH => {
            let strings = ReloadStrings {
                pratinjau_galat: ui::text("pratinjau_galat"),
            };
            let strings = serde_json::to_string(&strings).unwrap_or_else(|_| "{}".into());
            let body = format!("var MODUL_PRATINJAU = {strings};\n{RELOAD_SCRIPT}");
            text_reply(body, "text/javascript; charset=utf-8", 200)
        }
        _ => file_reply(site, path),
    }
}

fn version_reply(shared: &Shared, since: &str) -> Reply {
    let (lock, changed) = &**shared;
    let body = match lock.lock() {
        Ok(state) => {
            let state = if since == state.version.to_string() {
                match changed
                    .wait_timeout_while(state, LONG_POLL, |s| since == s.version.to_string())
                {
                    Ok((state, _)) => state,
                    Err(poisoned) => poisoned.into_inner().0,
                }
            } else {
                state
            };
            serde_json::to_string(&*state).unwrap_or_default()
        }
        Err(_) => String::new(),
    };
    text_reply(body, "application/json", 200)
}

fn text_reply(body: String, content_type: &'static str, status: u16) -> Reply {
    Reply {
        status,
        content_type,
        body: body.into_bytes(),
    }
}

fn file_reply(site: &Path, url_path: &str) -> Reply {
    let decoded = percent_decode(url_path);
    let relative = Path::new(decoded.trim_start_matches('/'));
    if relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return text_reply("Tidak ditemukan".into(), "text/plain; charset=utf-8", 404);
    }
    let mut file = site.join(relative);
    if file.is_dir() {
        file = file.join("index.html");
    }
    if !site.is_dir() {
        // No build has succeeded yet: an empty page whose reload script shows the errors and
        // reloads once the sources are fixed.
        let page = format!(
            "<!DOCTYPE html><html lang=\"id\"><head><meta charset=\"utf-8\"><title>Modul</title></head><body><script src=\"{RELOAD_PATH}\"></script></body></html>"
        );
        return text_reply(page, "text/html; charset=utf-8", 503);
    }
    let (file, status) = if file.is_file() {
        (file, 200)
    } else {
        (site.join("404.html"), 404)
    };
    let Ok(mut bytes) = std::fs::read(&file) else {
        return text_reply("Tidak ditemukan".into(), "text/plain; charset=utf-8", 404);
    };
    let content_type = content_type(&file);
    if content_type.starts_with("text/html") {
        let html = String::from_utf8_lossy(&bytes);
        let tag = format!("<script src=\"{RELOAD_PATH}\"></script>");
        bytes = match html.rfind("</body>") {
            Some(at) => format!("{}{tag}{}", &html[..at], &html[at..]).into_bytes(),
            None => format!("{html}{tag}").into_bytes(),
        };
    }
    Reply {
        status,
        content_type,
        body: bytes,
    }
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "pdf" => "application/pdf",
        "txt" | "md" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_decoding_and_traversal() {
        assert_eq!(
            percent_decode("/sesi%201-1/a%C3%A9.html"),
            "/sesi 1-1/aé.html"
        );
        assert_eq!(percent_decode("/%"), "/%");
        let site = Path::new("/tidak/ada");
        assert_eq!(file_reply(site, "/../etc/passwd").status, 404);
    }
}
