//! Modul: the mdBook preprocessor and CLI behind the training book *Modul Pelayanan dan
//! Rehabilitasi Sosial Gelandangan dan Pengemis di Panti*.
//!
//! One module per kind of data (model + validation) and one per output:
//!
//! - [`diagnostic`]: errors with file:line:col, what is wrong and how to fix it;
//! - [`config`]: the `[preprocessor.modul]` table of `book.toml`;
//! - [`program`]: programme data (methods, media, JP length) from `book/data/program.toml`;
//! - [`session`]: session records from the front matter of session chapters;
//! - [`schedule`]: the suggested timetable derived from sessions and programme data;
//! - [`catalog`]: the exercise and form files that directives refer to;
//! - [`exercise`]: exercises (nine types), longitudinal cases, their validation and hashes;
//! - [`exercise_html`]: exercises as interactive blocks, worksheets, answer keys, progress page;
//! - [`form`]: form files (`forms/*.toml`), their model and validation;
//! - [`expr`]: the XLSForm expression subset of forms (skip logic, constraints);
//! - [`form_html`]: a form as fillable HTML that prints as the paper form;
//! - [`xlsform`]: a form as an XLSForm workbook;
//! - [`glossary`]: the glossary (Daftar Istilah), its page and the term links;
//! - [`corrections`]: corrections made to the source texts (Catatan Penyuntingan);
//! - [`reading`]: supporting readings and the chapters they support;
//! - [`lists`]: the modul's outline markers ("a.", "1)") in bullet lists;
//! - [`directive`]: `{{#latihan ID}}`, `{{#formulir ID}}`, `{{#daftar-formulir}}`, `{{#program}}` in Markdown;
//! - [`admonition`]: GitHub-style alerts with Indonesian titles;
//! - [`render`]: the template engine that produces every piece of generated HTML;
//! - [`ui`]: every user-visible string that is not content, in one table;
//! - [`theme`]: mdBook's default theme translated with that table;
//! - [`search`]: the Indonesian search (analyzer, tantivy index by section, browser export,
//!   query rules shared with `modul-cari.js`);
//! - [`preprocess`]: the mdBook preprocessor tying the above together;
//! - [`build`]: in-process build into a temporary folder moved into place, and `check`;
//! - [`serve`]: local preview server with live reload.

pub mod admonition;
pub mod build;
pub mod catalog;
pub mod config;
pub mod corrections;
pub mod diagnostic;
pub mod directive;
pub mod exercise;
pub mod exercise_html;
pub mod expr;
pub mod form;
pub mod form_html;
pub mod glossary;
pub mod lists;
pub mod preprocess;
pub mod program;
pub mod reading;
pub mod render;
pub mod schedule;
pub mod search;
pub mod serve;
pub mod session;
pub mod theme;
pub mod ui;
pub mod xlsform;

pub use build::{BuildOptions, build_book, check_book};
pub use diagnostic::{Diagnostic, Diagnostics};
pub use preprocess::ModulPreprocessor;
