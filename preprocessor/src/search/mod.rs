//! The book's own search: an Indonesian analyzer, a tantivy index of the built pages by section,
//! and the compact export that `modul-cari.js` searches in the browser (and `modul cari` in the
//! terminal).

pub mod analyzer;
pub mod sections;
pub mod stemmer;
