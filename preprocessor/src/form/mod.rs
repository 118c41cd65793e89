//! Forms (`forms/ID.toml`): fillable on screen, saved on the device, printed blank or filled,
//! exported as XLSForm.
//!
//! [`model`] is the validated form ([`load`] reads and checks it, [`check`] its expressions,
//! written in the XLSForm subset of [`expr`]); the outputs only render it: [`html`] (the
//! fillable form that prints as the paper form), [`rules`] (the same rules as data for
//! `modul-formulir.js`), [`list`] (the form list and the links on session cards) and
//! [`xlsform`] (`site/formulir/ID.xlsx`).

pub(crate) mod check;
pub(crate) mod expr;
mod field;
pub mod html;
pub(crate) mod list;
pub(crate) mod load;
pub(crate) mod model;
mod raw;
pub(crate) mod rules;
pub(crate) mod stage;
#[cfg(test)]
mod tests;
pub(crate) mod xlsform;

pub use load::load;
pub(crate) use load::load_all;
pub use model::Form;
pub(crate) use model::{Field, Kind};
