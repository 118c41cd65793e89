//! Browser tests: the built book opened in headless Chromium, from `file://` and over HTTP.
//!
//! Without a browser these tests skip with a loud message, unless `MODUL_REQUIRE_BROWSER=1`
//! (set by `.ci/run`), which turns a missing browser into a failure.
//! Set `MODUL_SCREENSHOT_DIR` to keep a screenshot of each page a test looks at.

mod common;

use common::{fixture_copy, repo};
use headless_chrome::protocol::cdp::Page::CaptureScreenshotFormatOption;
use headless_chrome::protocol::cdp::types::Event;
use headless_chrome::{Browser, LaunchOptions, Tab};
use modul::build::{BuildOptions, build_book};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

fn chromium() -> Option<PathBuf> {
    // CHROME names the browser to use; a path that does not exist means "no browser".
    if let Some(path) = std::env::var_os("CHROME") {
        let path = PathBuf::from(path);
        return path.exists().then_some(path);
    }
    [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
    ]
    .iter()
    .map(PathBuf::from)
    .find(|p| p.exists())
}

/// One browser test at a time: several Chromiums on a 2-core machine make page loads slow
/// enough to time out.
static SERIAL: Mutex<()> = Mutex::new(());

/// A browser for one test (dropped, and so closed, when the test ends) with the lock that
/// keeps browser tests from running at once; `None` (with a loud message) when there is none.
fn browser() -> Option<(Browser, std::sync::MutexGuard<'static, ()>)> {
    let serial = SERIAL
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let Some(path) = chromium() else {
        let message = "\n\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n\
                       !! BROWSER TESTS SKIPPED: no Chromium found (apt-get install chromium, or set CHROME)\n\
                       !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n";
        assert!(
            std::env::var("MODUL_REQUIRE_BROWSER").as_deref() != Ok("1"),
            "{message}"
        );
        // Straight to the terminal: the test harness hides what passing tests print.
        static WARNED: std::sync::Once = std::sync::Once::new();
        WARNED.call_once(|| {
            use std::io::Write;
            let _ = std::io::stderr().write_all(message.as_bytes());
        });
        return None;
    };
    // Flags that keep Chromium from calling home, so the only requests are the page's.
    let args: Vec<&OsStr> = [
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-default-apps",
        "--disable-quic",
        "--lang=id",
    ]
    .iter()
    .map(OsStr::new)
    .collect();
    let options = LaunchOptions::default_builder()
        .path(Some(path))
        .headless(true)
        .sandbox(false)
        .window_size(Some((1280, 900)))
        .idle_browser_timeout(Duration::from_secs(600))
        .args(args)
        .build()
        .expect("launch options");
    Some((Browser::new(options).expect("Chromium starts"), serial))
}

/// The real book, built once for this test binary.
fn site() -> &'static Path {
    static SITE: OnceLock<PathBuf> = OnceLock::new();
    SITE.get_or_init(|| {
        let dest = Path::new(env!("CARGO_TARGET_TMPDIR")).join("situs-uji-peramban");
        build_book(&BuildOptions {
            book_dir: repo().join("book"),
            dest_dir: Some(dest.clone()),
        })
        .unwrap_or_else(|e| panic!("the book builds: {e}"));
        dest
    })
}

fn file_url(path: &Path, query: &str) -> String {
    format!("file://{}{query}", path.display())
}

/// Every URL the tab requests, recorded from the DevTools protocol.
fn record_requests(tab: &Arc<Tab>) -> Arc<Mutex<Vec<String>>> {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&seen);
    tab.call_method(headless_chrome::protocol::cdp::Network::Enable {
        max_total_buffer_size: None,
        max_resource_buffer_size: None,
        max_post_data_size: None,
        report_direct_socket_traffic: None,
        enable_durable_messages: None,
    })
    .expect("network events");
    tab.add_event_listener(Arc::new(move |event: &Event| {
        if let Event::NetworkRequestWillBeSent(e) = event
            && let Ok(mut urls) = sink.lock()
        {
            urls.push(e.params.request.url.clone());
        }
    }))
    .expect("listener");
    seen
}

fn eval_bool(tab: &Tab, js: &str) -> bool {
    tab.evaluate(js, false)
        .ok()
        .and_then(|r| r.value)
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

fn eval_string(tab: &Tab, js: &str) -> String {
    tab.evaluate(js, false)
        .ok()
        .and_then(|r| r.value)
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Polls until `js` is true; the page's own timing varies, a fixed sleep would flake.
fn wait_until(tab: &Tab, js: &str, what: &str) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(20) {
        if eval_bool(tab, js) {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let state = eval_string(
        tab,
        "document.readyState + ' ' + location.href + ' ' + performance.getEntriesByType('resource').map(e => e.name + ':' + Math.round(e.duration)).join(' ')",
    );
    panic!("timed out waiting for {what} ({js}); page state: {state}");
}

fn screenshot(tab: &Tab, name: &str) {
    let Some(dir) = std::env::var_os("MODUL_SCREENSHOT_DIR") else {
        return;
    };
    let png = tab
        .capture_screenshot(CaptureScreenshotFormatOption::Png, None, None, true)
        .expect("screenshot");
    std::fs::create_dir_all(&dir).expect("screenshot folder");
    std::fs::write(Path::new(&dir).join(format!("{name}.png")), png).expect("write screenshot");
}

fn open(browser: &Browser, url: &str) -> (Arc<Tab>, Arc<Mutex<Vec<String>>>) {
    let tab = browser.new_tab().expect("tab");
    tab.set_default_timeout(Duration::from_secs(20));
    let requests = record_requests(&tab);
    navigate(&tab, url);
    (tab, requests)
}

/// Navigates and waits for the new page by polling its own state: the navigation event can be
/// missed on a busy machine, and the old page is also 'complete', hence the address check.
fn navigate(tab: &Tab, url: &str) {
    tab.navigate_to(url).expect("navigate");
    let quoted = serde_json::to_string(url).expect("quote");
    wait_until(
        tab,
        &format!("document.readyState === 'complete' && location.href === {quoted}"),
        &format!("{url} to load"),
    );
}

#[test]
fn session_card_is_visible_from_file_url() {
    let Some((browser, _serial)) = browser() else {
        return;
    };
    let browser = &browser;
    let (tab, _) = open(browser, &file_url(&site().join("sesi-1-4/index.html"), ""));
    tab.wait_for_element(r#"[data-sesi="1-4"]"#)
        .expect("card present");
    assert!(eval_bool(
        &tab,
        r#"(() => { const r = document.querySelector('[data-sesi="1-4"]').getBoundingClientRect();
                    return r.width > 200 && r.height > 100; })()"#
    ));
    let text = eval_string(
        &tab,
        r#"document.querySelector('[data-sesi="1-4"]').textContent"#,
    );
    for label in ["Durasi", "Metode", "Tujuan pembelajaran", "Topik", "JP"] {
        assert!(text.contains(label), "card shows {label}: {text}");
    }
    screenshot(&tab, "kartu-sesi-1-4");
    tab.close(true).ok();
}

#[test]
fn card_and_programme_fit_a_360px_phone() {
    let Some((browser, _serial)) = browser() else {
        return;
    };
    let browser = &browser;
    for page in ["sesi-1-4/index.html", "pengantar/program-pelatihan.html"] {
        let (tab, _) = open(browser, "about:blank");
        tab.call_method(
            headless_chrome::protocol::cdp::Emulation::SetDeviceMetricsOverride {
                width: 360,
                height: 740,
                device_scale_factor: 2.0,
                mobile: true,
                scale: None,
                screen_width: None,
                screen_height: None,
                position_x: None,
                position_y: None,
                dont_set_visible_size: None,
                screen_orientation: None,
                viewport: None,
                display_feature: None,
                device_posture: None,
            },
        )
        .expect("phone viewport");
        navigate(&tab, &file_url(&site().join(page), ""));
        wait_until(&tab, "document.readyState === 'complete'", "page load");
        assert!(
            eval_bool(
                &tab,
                "document.documentElement.scrollWidth <= window.innerWidth + 1"
            ),
            "{page} scrolls sideways at 360 px: {} > {}",
            eval_string(&tab, "String(document.documentElement.scrollWidth)"),
            eval_string(&tab, "String(window.innerWidth)")
        );
        screenshot(&tab, &format!("360px-{}", page.replace('/', "-")));
        tab.close(true).ok();
    }
}

#[test]
fn search_deep_link_shows_results_with_indonesian_header() {
    let Some((browser, _serial)) = browser() else {
        return;
    };
    let browser = &browser;
    let (tab, _) = open(
        browser,
        &file_url(&site().join("index.html"), "?search=rehabilitasi"),
    );
    wait_until(
        &tab,
        "document.querySelectorAll('#mdbook-searchresults li a').length > 0",
        "search results",
    );
    wait_until(
        &tab,
        "document.getElementById('mdbook-searchresults-header').textContent.includes('hasil untuk')",
        "Indonesian result header",
    );
    let header = eval_string(
        &tab,
        "document.getElementById('mdbook-searchresults-header').textContent",
    );
    assert!(header.contains("'rehabilitasi'"), "{header}");
    assert_eq!(
        eval_string(
            &tab,
            "document.getElementById('mdbook-searchbar').placeholder"
        ),
        "Cari di buku ini …"
    );
    screenshot(&tab, "pencarian");
    tab.close(true).ok();
}

#[test]
fn keyboard_help_is_in_indonesian() {
    let Some((browser, _serial)) = browser() else {
        return;
    };
    let browser = &browser;
    let (tab, _) = open(browser, &file_url(&site().join("index.html"), ""));
    tab.press_key("?").expect("press ?");
    wait_until(
        &tab,
        "getComputedStyle(document.getElementById('mdbook-help-container')).display !== 'none'",
        "help popup",
    );
    let help = eval_string(
        &tab,
        "document.getElementById('mdbook-help-popup').innerText",
    );
    assert!(
        help.contains("Pintasan papan ketik") && help.contains("berpindah bab"),
        "{help}"
    );
    tab.close(true).ok();
}

#[test]
fn no_request_leaves_the_page_origin() {
    let Some((browser, _serial)) = browser() else {
        return;
    };
    let browser = &browser;
    let pages = [
        ("index.html", "?search=rujukan"),
        ("sesi-1-4/index.html", ""),
        ("pengantar/program-pelatihan.html", ""),
        ("print.html", ""),
    ];
    let mut all = Vec::new();
    for (page, query) in pages {
        let (tab, requests) = open(browser, &file_url(&site().join(page), query));
        wait_until(&tab, "document.readyState === 'complete'", "page load");
        std::thread::sleep(Duration::from_millis(300));
        all.extend(requests.lock().map(|r| r.clone()).unwrap_or_default());
        tab.close(true).ok();
    }
    assert!(
        all.iter().any(|u| u.ends_with(".js")),
        "requests were recorded: {all:?}"
    );
    let foreign: Vec<&String> = all
        .iter()
        .filter(|u| {
            !(u.starts_with("file://") || u.starts_with("data:") || u.starts_with("about:"))
        })
        .collect();
    assert!(foreign.is_empty(), "requests to other hosts: {foreign:?}");
}

/// `modul serve` over HTTP: the page is served from 127.0.0.1 and reloads after an edit.
#[test]
fn serve_over_http_reloads_after_an_edit() {
    let Some((browser, _serial)) = browser() else {
        return;
    };
    let browser = &browser;
    let dir = fixture_copy("kecil");
    let port = free_port();
    let _server = KillOnDrop(
        std::process::Command::new(env!("CARGO_BIN_EXE_modul"))
            .args(["serve", "book", "--port", &port.to_string()])
            .current_dir(dir.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("modul serve starts"),
    );
    let base = format!("http://127.0.0.1:{port}");
    let start = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "server did not start"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let (tab, requests) = open(browser, &format!("{base}/sesi-1-1/index.html"));
    tab.wait_for_element(r#"[data-sesi="1-1"]"#)
        .expect("card over HTTP");
    wait_until(
        &tab,
        "document.querySelector('script[src=\"/__modul/muat-ulang.js\"]') !== null",
        "reload script",
    );
    // Let the reload script reach its waiting request before the edit.
    std::thread::sleep(Duration::from_millis(500));

    let chapter = dir.path().join("book/src/sesi-1-1/index.md");
    let text = std::fs::read_to_string(&chapter)
        .expect("read")
        .replace("gambaran umum", "gambaran baru");
    let edit = |path: &Path, content: &str, until: &str, what: &str| {
        std::fs::write(path, content).expect("edit");
        wait_until(&tab, until, what);
        // Let the reload script reach its next waiting request before the following edit.
        std::thread::sleep(Duration::from_millis(500));
    };
    edit(
        &chapter,
        &text,
        "document.body.innerText.includes('gambaran baru')",
        "live reload after the edit",
    );
    // Exercise and form files live outside book/ and are watched too.
    let exercise = dir.path().join("exercises/1-1-kenali-masalah.toml");
    edit(
        &exercise,
        "judul = \"Judul latihan baru\"\n",
        "document.body.innerText.includes('Judul latihan baru')",
        "live reload after an exercise edit",
    );
    // A broken file shows its error over the page instead of a stale book…
    edit(
        &exercise,
        "judul = \n",
        "(document.getElementById('modul-galat-pratinjau') || {textContent: ''}).textContent.includes('1-1-kenali-masalah.toml:1:')",
        "the build error shown in the page",
    );
    // …and fixing it brings the page back.
    edit(
        &exercise,
        "judul = \"Judul latihan diperbaiki\"\n",
        "document.body.innerText.includes('Judul latihan diperbaiki') && !document.getElementById('modul-galat-pratinjau')",
        "the page back after the fix",
    );

    let urls = requests.lock().map(|r| r.clone()).unwrap_or_default();
    let foreign: Vec<&String> = urls.iter().filter(|u| !u.starts_with(&base)).collect();
    assert!(foreign.is_empty(), "requests to other hosts: {foreign:?}");
    tab.close(true).ok();
}

/// Stops the server however the test ends, so no process outlives it.
struct KillOnDrop(std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        self.0.kill().ok();
        self.0.wait().ok();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}
