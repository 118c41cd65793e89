//! A form file as written: the TOML schema (`forms/README.md`), before validation.

use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawForm {
    pub(super) judul: Spanned<String>,
    #[serde(default)]
    pub(super) kode: Option<String>,
    #[serde(default)]
    pub(super) kepala: Option<String>,
    pub(super) versi: Spanned<i64>,
    pub(super) sesi: Spanned<Vec<Spanned<String>>>,
    #[serde(default)]
    pub(super) keterangan: Option<String>,
    #[serde(default)]
    pub(super) halaman: Option<Spanned<String>>,
    #[serde(default = "yes")]
    pub(super) nomor: bool,
    /// The fields whose values name a record's client (first: the client's name).
    #[serde(default)]
    pub(super) label: Option<Spanned<Vec<Spanned<String>>>>,
    /// The service stage of the form (Berkas Klien); see `form::stage`.
    #[serde(default)]
    pub(super) tahap: Option<Spanned<String>>,
    /// `false`: the form is kept in the client file but never reported missing.
    #[serde(default = "yes")]
    pub(super) tahap_wajib: bool,
    #[serde(default)]
    pub(super) pilihan: BTreeMap<String, Spanned<Vec<RawChoice>>>,
    #[serde(default)]
    pub(super) isian: Vec<RawField>,
}

pub(super) fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawChoice {
    pub(super) nama: Spanned<String>,
    pub(super) label: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawField {
    pub(super) jenis: Spanned<String>,
    pub(super) nama: Spanned<String>,
    #[serde(default)]
    pub(super) label: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) petunjuk: Option<String>,
    #[serde(default)]
    pub(super) wajib: Option<Spanned<bool>>,
    #[serde(default)]
    pub(super) relevan: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) batasan: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) pesan_batasan: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) baris: Option<Spanned<i64>>,
    #[serde(default)]
    pub(super) satuan: Option<String>,
    #[serde(default)]
    pub(super) kotak: Option<Spanned<bool>>,
    #[serde(default)]
    pub(super) nama_lama: Vec<String>,
    #[serde(default)]
    pub(super) isian: Option<Spanned<Vec<RawField>>>,
    #[serde(default)]
    pub(super) baris_kosong: Option<Spanned<i64>>,
    #[serde(default)]
    pub(super) label_baris: Option<Spanned<Vec<String>>>,
    #[serde(default)]
    pub(super) arah: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) nomor_baris: bool,
}
