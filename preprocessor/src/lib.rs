//! Modul: the mdBook preprocessor and CLI behind the training book *Modul Pelayanan dan
//! Rehabilitasi Sosial Gelandangan dan Pengemis di Panti*.
//!
//! Layers, each using only those above it (a test in this file keeps the module graph free
//! of cycles):
//!
//! - shared: [`diagnostic`] (errors with file:line:col, what is wrong and how to fix it),
//!   `config` (the `[preprocessor.modul]` table), `ui` (every user-visible string that is not
//!   content), [`render`] (the template engine behind every piece of generated HTML);
//! - one folder per domain, each with its model, its loader and its HTML: [`content`]
//!   (chapters, front matter, directives, alerts, outline markers, corrections, readings),
//!   `session` (programme data, session records, timetable, session card, programme page),
//!   [`form`] (forms, their expressions, HTML, browser rules, XLSForm), `exercise` (nine kinds,
//!   longitudinal cases, worksheets, answer keys, progress page), [`glossary`], [`search`]
//!   (the Indonesian search: analyzer, index, ranking);
//! - `model`: the whole book's [`Model`], loaded and validated, rendering nothing;
//! - `preprocess`: the mdBook preprocessor, which only orchestrates (plan, then apply);
//! - the site: [`build`] (in-process build into a staging folder, `check`, `cari`), [`serve`]
//!   (local preview with live reload), [`theme`] (mdBook's theme translated, the scripts' data).
//!
//! The public API is what the two binaries and the integration tests use: [`build_book`],
//! [`check_book`], [`ModulPreprocessor`], the diagnostics, and the modules listed as public.

pub mod build;
pub(crate) mod config;
pub mod content;
pub mod delivery;
pub mod diagnostic;
pub mod exercise;
pub mod form;
pub mod glossary;
pub(crate) mod guide;
pub(crate) mod model;
pub(crate) mod preprocess;
pub mod render;
pub mod search;
pub mod serve;
pub mod session;
pub(crate) mod signals;
pub(crate) mod tes;
pub mod theme;
pub(crate) mod ui;

pub use build::{BuildOptions, Error, build_book, check_book};
pub use diagnostic::{Diagnostic, Diagnostics, SourceFile};
pub use model::Model;
pub use preprocess::ModulPreprocessor;

#[cfg(test)]
mod fuzz;
#[cfg(test)]
mod module_graph;
