//! The knowledge test (*tes pengetahuan*): one bank of items (`book/data/tes.toml`, [`model`])
//! that serves as pre-test and post-test, its pages and printouts ([`html`]) and its XLSForm
//! ([`xlsform`]) for running it with a whole class on KoboToolbox or ODK Collect.

pub(crate) mod html;
pub(crate) mod model;
pub(crate) mod xlsform;

pub(crate) use model::Bank;

/// Where the XLSForm goes in the site.
pub(crate) const XLSX_PATH: &str = "tes/tes-pengetahuan.xlsx";
