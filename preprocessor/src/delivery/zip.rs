//! `unduh/modul-luring.zip`: the whole site in one file for reading without internet. The
//! archive is deterministic: entries sorted by path under one folder `modul/`, every time
//! stamp 1980-01-01 00:00 (the earliest a zip can hold), the same permissions.

use std::io::Write;
use std::path::Path;
use zip::write::SimpleFileOptions;

/// The zip's bytes: every file of `site` except those under the `skip` folders (relative).
pub(crate) fn zip_site(site: &Path, skip: &[&str]) -> Result<Vec<u8>, String> {
    let files = super::site_files(site, skip)?;
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, path) in files {
        let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        writer
            .start_file(format!("modul/{name}"), options)
            .and_then(|()| writer.write_all(&bytes).map_err(Into::into))
            .map_err(|e| format!("modul-luring.zip: {e}"))?;
    }
    writer
        .finish()
        .map(std::io::Cursor::into_inner)
        .map_err(|e| format!("modul-luring.zip: {e}"))
}
