//! Plain mdBook, the benchmarks' reference: the same book built without our preprocessor.

use mdbook_driver::MDBook;
use mdbook_preprocessor::config::Config;
use std::path::Path;
use std::str::FromStr;

/// Builds `book` into `dest` in this process, its `book.toml` without `[preprocessor.modul]`.
/// `own_search`: mdBook's own index, as a book without the modul would have; otherwise the
/// book's search settings as they are (the same renderer work as a `modul build`).
pub(crate) fn build(book: &Path, dest: &Path, own_search: bool) {
    let text = std::fs::read_to_string(book.join("book.toml")).expect("book.toml");
    let mut table: toml::Table = text.parse().expect("book.toml parses");
    if let Some(toml::Value::Table(pre)) = table.get_mut("preprocessor") {
        pre.remove("modul");
    }
    if own_search
        && let Some(toml::Value::Table(html)) =
            table.get_mut("output").and_then(|o| o.get_mut("html"))
    {
        html.remove("search");
    }
    let mut config =
        Config::from_str(&toml::to_string(&table).expect("serialise")).expect("config");
    config.build.build_dir = dest.to_path_buf();
    config.build.create_missing = false;
    MDBook::load_with_config(book, config)
        .expect("load")
        .build()
        .expect("plain build");
}
