//! Sites built once for the whole test suite and only read by the tests: the real book and
//! the fixture books. A test that changes its book builds its own copy instead.

use super::{api, fixture_copy, repo};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The real book (`book/`, `exercises/`, `forms/`), built once.
pub fn real_book() -> &'static Path {
    static SITE: OnceLock<PathBuf> = OnceLock::new();
    SITE.get_or_init(|| {
        let dest = Path::new(env!("CARGO_TARGET_TMPDIR")).join("situs-buku");
        api::build(&repo().join("book"), &dest).unwrap_or_else(|e| panic!("the book builds: {e}"));
        dest
    })
}

/// The fixture book `tests/fixtures/kecil` (two sessions, every exercise kind, a form),
/// built once.
pub fn kecil() -> &'static Path {
    static SITE: OnceLock<PathBuf> = OnceLock::new();
    SITE.get_or_init(|| build_fixture("kecil"))
}

fn build_fixture(name: &str) -> PathBuf {
    let dest = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("situs-{name}"));
    let copy = fixture_copy(name);
    api::build(&copy.path().join("book"), &dest)
        .unwrap_or_else(|e| panic!("the fixture {name} builds: {e}"));
    dest
}

/// A page of a built site as text.
pub fn page(site: &Path, name: &str) -> String {
    super::read(&site.join(name))
}
