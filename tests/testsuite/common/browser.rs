//! Browser helpers shared by the browser tests: one headless Chromium at a time, the real
//! book built once, navigation and polling.
//!
//! Without a browser the tests skip with a loud message, unless `MODUL_REQUIRE_BROWSER=1`
//! (set by `.ci/run`), which turns a missing browser into a failure.

use headless_chrome::protocol::cdp::Page::CaptureScreenshotFormatOption;
use headless_chrome::protocol::cdp::types::Event;
use headless_chrome::{Browser, LaunchOptions, Tab};
use std::ffi::OsStr;
use std::path::Path;
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

// The Chromium the tests drive is found as `modul build --pdf` finds it (`CHROME` first).
use modul::delivery::pdf::chromium;

/// One browser test at a time: several Chromiums on a 2-core machine make page loads slow
/// enough to time out.
pub static SERIAL: Mutex<()> = Mutex::new(());

/// A browser for one test (dropped, and so closed, when the test ends) with the lock that
/// keeps browser tests from running at once; `None` (with a loud message) when there is none.
pub fn browser() -> Option<(Browser, std::sync::MutexGuard<'static, ()>)> {
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
    let args: Vec<&OsStr> = modul::delivery::pdf::CHROMIUM_FLAGS
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

/// The real book, built once for the whole suite.
pub fn site() -> &'static Path {
    super::sites::real_book()
}

pub fn file_url(path: &Path, query: &str) -> String {
    format!("file://{}{query}", path.display())
}

/// Every URL the tab requests, recorded from the DevTools protocol.
pub fn record_requests(tab: &Arc<Tab>) -> Arc<Mutex<Vec<String>>> {
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

/// The recorded requests that went anywhere but local files and inline data: what left the
/// device.
pub fn requests_off_device(requests: &Mutex<Vec<String>>) -> Vec<String> {
    requests
        .lock()
        .map(|r| {
            r.iter()
                .filter(|u| !u.starts_with("file://") && !u.starts_with("data:"))
                .cloned()
                .collect()
        })
        .unwrap_or_default()
}

pub fn eval(tab: &Tab, js: &str) -> serde_json::Value {
    tab.evaluate(js, false)
        .ok()
        .and_then(|r| r.value)
        .unwrap_or(serde_json::Value::Null)
}

/// Arrays and objects come back by value only as JSON.
pub fn eval_json(tab: &Tab, js: &str) -> serde_json::Value {
    let text = eval_string(tab, &format!("JSON.stringify({js})"));
    serde_json::from_str(&text).unwrap_or(serde_json::Value::Null)
}

pub fn eval_bool(tab: &Tab, js: &str) -> bool {
    eval(tab, js).as_bool().unwrap_or(false)
}

pub fn eval_string(tab: &Tab, js: &str) -> String {
    eval(tab, js).as_str().unwrap_or_default().to_string()
}

/// Polls until `js` is true; the page's own timing varies, a fixed sleep would flake.
pub fn wait_until(tab: &Tab, js: &str, what: &str) {
    wait_until_within(tab, js, what, Duration::from_secs(20));
}

/// [`wait_until`] for something slower than a page's own work, such as a rebuild of the whole
/// book by `modul serve` (a debug build on a busy 2-core machine).
pub fn wait_until_within(tab: &Tab, js: &str, what: &str, limit: Duration) {
    let start = Instant::now();
    while start.elapsed() < limit {
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

pub fn screenshot(tab: &Tab, name: &str) {
    let Some(dir) = std::env::var_os("MODUL_SCREENSHOT_DIR") else {
        return;
    };
    let png = tab
        .capture_screenshot(CaptureScreenshotFormatOption::Png, None, None, true)
        .expect("screenshot");
    std::fs::create_dir_all(&dir).expect("screenshot folder");
    std::fs::write(Path::new(&dir).join(format!("{name}.png")), png).expect("write screenshot");
}

pub fn open(browser: &Browser, url: &str) -> (Arc<Tab>, Arc<Mutex<Vec<String>>>) {
    let tab = browser.new_tab().expect("tab");
    tab.set_default_timeout(Duration::from_secs(20));
    let requests = record_requests(&tab);
    navigate(&tab, url);
    (tab, requests)
}

/// Navigates and waits for the new page by polling its own state: the navigation event can be
/// missed on a busy machine, and the old page is also 'complete', hence the address check.
pub fn navigate(tab: &Tab, url: &str) {
    tab.navigate_to(url).expect("navigate");
    let quoted = serde_json::to_string(url).expect("quote");
    wait_until(
        tab,
        &format!("document.readyState === 'complete' && location.href === {quoted}"),
        &format!("{url} to load"),
    );
}

/// Stops the server however the test ends, so no process outlives it.
pub struct KillOnDrop(pub std::process::Child);

impl Drop for KillOnDrop {
    /// SIGTERM first, as Ctrl+C would, so `modul serve` removes its preview folder in /tmp
    /// (a SIGKILL left one of several MB behind per test); SIGKILL if it has not ended in 5 s.
    fn drop(&mut self) {
        if Command::new("kill")
            .args(["-TERM", &self.0.id().to_string()])
            .status()
            .is_ok_and(|s| s.success())
        {
            let start = Instant::now();
            while start.elapsed() < Duration::from_secs(5) {
                if matches!(self.0.try_wait(), Ok(Some(_))) {
                    return;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        }
        self.0.kill().ok();
        self.0.wait().ok();
    }
}

/// Starts `modul serve book` in `project` on a free port and waits until it listens; the
/// server stops when the returned guard is dropped. Returns the guard and the base address.
pub fn serve_book(project: &Path) -> (KillOnDrop, String) {
    let port = free_port();
    let server = KillOnDrop(
        Command::new(env!("CARGO_BIN_EXE_modul"))
            .args(["serve", "book", "--port", &port.to_string()])
            .current_dir(project)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("modul serve starts"),
    );
    let start = std::time::Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(60),
            "server did not start"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    (server, format!("http://127.0.0.1:{port}"))
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// An expression's value as a list of strings (anything else gives an empty list).
pub fn eval_strings(tab: &Tab, js: &str) -> Vec<String> {
    eval_json(tab, js)
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// Makes the tab a 360 px wide phone screen (the smallest the book supports).
pub fn phone_viewport(tab: &Tab) {
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
}
