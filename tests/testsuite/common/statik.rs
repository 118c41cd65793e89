//! A static HTTP server over a built site folder, as a web host would serve it (no live
//! reload script, unlike `modul serve`): for the page-weight benchmark and the offline tests.
//! It can be switched off to play "the network is gone" for a service worker.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// A running server; it stops answering (closes every new connection) once `offline` is set.
pub struct Static {
    pub base: String,
    offline: Arc<AtomicBool>,
}

impl Static {
    /// Serves `site` on a free local port until the process ends.
    pub fn start(site: &Path) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("address").port();
        let offline = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&offline);
        let site: PathBuf = site.to_path_buf();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                if flag.load(Ordering::SeqCst) {
                    drop(stream);
                    continue;
                }
                let site = site.clone();
                std::thread::spawn(move || handle(stream, &site));
            }
        });
        Static {
            base: format!("http://127.0.0.1:{port}"),
            offline,
        }
    }

    /// From now on every connection is dropped unanswered, as with the network off.
    pub fn go_offline(&self) {
        self.offline.store(true, Ordering::SeqCst);
    }
}

fn handle(stream: TcpStream, site: &Path) {
    let mut reader = BufReader::new(&stream);
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(n) if n > 0 && !line.trim().is_empty() => {}
            _ => break,
        }
    }
    let target = request_line.split_whitespace().nth(1).unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8_lossy()
        .into_owned();
    let relative = Path::new(decoded.trim_start_matches('/'));
    let mut file = site.join(relative);
    if file.is_dir() {
        file = file.join("index.html");
    }
    let safe = relative
        .components()
        .all(|c| matches!(c, Component::Normal(_)));
    let (status, body) = match std::fs::read(&file) {
        Ok(bytes) if safe => ("200 OK", bytes),
        _ => ("404 Not Found", b"not found".to_vec()),
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n",
        content_type(&file),
        body.len()
    );
    let mut writer = &stream;
    let _ = writer.write_all(head.as_bytes());
    let _ = writer.write_all(&body);
    let _ = writer.flush();
    let _ = stream.shutdown(std::net::Shutdown::Write);
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" | "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "woff2" => "font/woff2",
        "pdf" => "application/pdf",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}
