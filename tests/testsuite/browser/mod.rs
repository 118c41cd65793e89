//! Tests in headless Chromium: the built book from `file://` and over HTTP.
//!
//! Without a browser these tests skip with a loud message, unless `MODUL_REQUIRE_BROWSER=1`
//! (set by `.ci/run`), which turns a missing browser into a failure. Only one runs at a time
//! (`common::browser::SERIAL`). Set `MODUL_SCREENSHOT_DIR` to keep a screenshot of each page a
//! test looks at.

mod a11y;
mod book;
mod diklat;
mod exercises;
mod forms;
mod search;
mod slides;
