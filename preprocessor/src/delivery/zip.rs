//! `unduh/modul-luring.zip`: the whole site in one file for reading without internet. The
//! archive is deterministic: entries sorted by path under one folder `modul/`, every time
//! stamp 1980-01-01 00:00 (the earliest a zip can hold), the same permissions.

use std::io::Write;
use std::path::{Path, PathBuf};
use zip::write::SimpleFileOptions;

/// The zip's bytes: every file of `site` except those under the `skip` folders (relative).
pub(crate) fn zip_site(site: &Path, skip: &[&str]) -> Result<Vec<u8>, String> {
    let mut files = Vec::new();
    collect(site, site, skip, &mut files)?;
    files.sort();
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

fn collect(
    site: &Path,
    dir: &Path,
    skip: &[&str],
    out: &mut Vec<(String, PathBuf)>,
) -> Result<(), String> {
    for entry in std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let path = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
        let name = path
            .strip_prefix(site)
            .map_err(|e| e.to_string())?
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        if skip
            .iter()
            .any(|s| name == *s || name.starts_with(&format!("{s}/")))
            || name.starts_with('.')
        {
            continue;
        }
        if path.is_dir() {
            collect(site, &path, skip, out)?;
        } else {
            out.push((name, path));
        }
    }
    Ok(())
}
