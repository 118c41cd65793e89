//! Session plans (*Panduan Fasilitator*): one data file per session in
//! `book/data/panduan/sesi-1-N.toml`, and one per other block of the programme
//! (`acara-ID.toml`: opening, pre-test, BLC, RTL, post-test, evaluation, closing), with the session's steps (minutes, method, media, what the
//! facilitator and the participants do, the exercises, forms, readings, role-plays and field
//! visits used, discussion questions), its role-play kits and field-visit sheets.
//!
//! [`model`] is the validated plan, [`load`] reads and checks it against the programme (the
//! steps add up to the session's or block's JP) and the book (every reference exists), `preprocess::guide` renders it
//! in the session chapter (Mode Fasilitator only) and on the printable guide pages.

pub(crate) mod load;
pub(crate) mod model;

pub(crate) use model::Guide;
