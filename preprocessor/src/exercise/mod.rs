//! Exercises (`exercises/ID.toml`, nine kinds) and longitudinal cases (`exercises/kasus.toml`).
//!
//! One file per exercise, in the schema summarised for editors in `exercises/README.md`. Each
//! file is parsed into one [`Exercise`] ([`model`], read by [`load`], branching case studies in
//! [`scenario`]); references to sessions, topics, forms and cases are checked once the whole
//! book is known ([`check`]). [`html`] renders the interactive block, the worksheet, the
//! answer key and the progress page from the model, through one template partial per kind
//! (`templates/latihan/KIND.html`). Problems are reported with file:line:col.

pub(crate) mod case;
pub(crate) mod check;
pub(crate) mod hash;
pub(crate) mod html;
pub(crate) mod load;
pub(crate) mod model;
pub(crate) mod order;
mod raw;
pub(crate) mod scenario;
#[cfg(test)]
mod tests;
pub(crate) mod view;

pub(crate) use case::{CASES_FILE, Case, load_cases};
pub(crate) use check::{check_form_answers, check_references};
pub(crate) use load::load_all;
pub use model::{Exercise, Kind, Level};
pub use order::{BARS, Bars, Figures};
