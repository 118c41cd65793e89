//! Programme data shared by all sessions: the modul's method list (D) and media list (E),
//! and the length of a JP (*jam pelajaran*). Read from `book/data/program.toml`.

use crate::diagnostic::{Diagnostic, Diagnostics, SourceFile, from_toml_error};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;
use toml::Spanned;

pub const FILE_NAME: &str = "program.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProgramRecord {
    menit_per_jp: Spanned<u32>,
    jp_per_hari: Spanned<u32>,
    metode: Vec<Spanned<ItemRecord>>,
    media: Vec<Spanned<ItemRecord>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ItemRecord {
    id: Spanned<String>,
    nama: Spanned<String>,
}

/// One entry of the method or media list.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Item {
    pub id: String,
    pub name: String,
}

/// The validated programme data.
#[derive(Debug, Clone, Serialize)]
pub struct Program {
    pub minutes_per_jp: u32,
    pub jp_per_day: u32,
    pub methods: Vec<Item>,
    pub media: Vec<Item>,
}

impl Program {
    /// Loads `program.toml` from the data folder.
    pub fn load(data_dir: &Path) -> Result<Program, Diagnostics> {
        let path = data_dir.join(FILE_NAME);
        let file = SourceFile::read(&path).map_err(|d| Diagnostics(vec![d]))?;
        Program::parse(&file)
    }

    pub fn parse(file: &SourceFile) -> Result<Program, Diagnostics> {
        let help = "lihat contoh di book/data/program.toml: menit_per_jp, jp_per_hari, [[metode]] dan [[media]] dengan id dan nama";
        let record: ProgramRecord = toml::from_str(&file.text)
            .map_err(|err| Diagnostics(vec![from_toml_error(file, 0, &err, help)]))?;
        let mut problems = Diagnostics::default();
        for (value, name) in [
            (&record.menit_per_jp, "menit_per_jp"),
            (&record.jp_per_hari, "jp_per_hari"),
        ] {
            if *value.get_ref() == 0 {
                problems.push(file.error(
                    value.span(),
                    format!("`{name}` harus lebih dari 0"),
                    "tulis bilangan bulat positif, misalnya 45",
                ));
            }
        }
        let methods = items(file, &record.metode, "metode", &mut problems);
        let media = items(file, &record.media, "media", &mut problems);
        problems.into_result()?;
        Ok(Program {
            minutes_per_jp: record.menit_per_jp.into_inner(),
            jp_per_day: record.jp_per_hari.into_inner(),
            methods,
            media,
        })
    }
}

fn items(
    file: &SourceFile,
    records: &[Spanned<ItemRecord>],
    list: &str,
    problems: &mut Diagnostics,
) -> Vec<Item> {
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    if records.is_empty() {
        problems.push(Diagnostic::file(
            &file.path,
            format!("daftar [[{list}]] kosong"),
            format!("tambahkan sedikitnya satu [[{list}]] dengan id dan nama"),
        ));
    }
    for record in records {
        let item = record.get_ref();
        let id = item.id.get_ref();
        if !is_slug(id) {
            problems.push(file.error(
                item.id.span(),
                format!("id {list} `{id}` tidak sah"),
                "gunakan huruf kecil, angka dan tanda hubung, misalnya `studi-kasus`",
            ));
        }
        if item.nama.get_ref().trim().is_empty() {
            problems.push(file.error(
                item.nama.span(),
                format!("nama {list} kosong"),
                "tulis nama yang tampil di kartu sesi",
            ));
        }
        if let Some(first_line) = seen.insert(id, file.location(item.id.span().start).0) {
            problems.push(file.error(
                item.id.span(),
                format!("id {list} `{id}` sudah dipakai di baris {first_line}"),
                "setiap id harus unik; ganti atau hapus salah satunya",
            ));
        }
    }
    records
        .iter()
        .map(|r| Item {
            id: r.get_ref().id.get_ref().clone(),
            name: r.get_ref().nama.get_ref().trim().to_string(),
        })
        .collect()
}

/// Lowercase ASCII letters, digits and single hyphens: ids that are safe in URLs and HTML.
pub fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "menit_per_jp = 45\njp_per_hari = 8\n[[metode]]\nid = \"ceramah\"\nnama = \"Ceramah\"\n[[media]]\nid = \"papan-tulis\"\nnama = \"Papan tulis\"\n";

    #[test]
    fn parses_good_programme() {
        let p = Program::parse(&SourceFile::new("program.toml", GOOD)).expect("valid");
        assert_eq!(p.minutes_per_jp, 45);
        assert_eq!(p.methods[0].name, "Ceramah");
        assert_eq!(p.media[0].id, "papan-tulis");
    }

    #[test]
    fn duplicate_ids_and_zero_minutes_are_errors() {
        let text = GOOD.replace("45", "0") + "[[metode]]\nid = \"ceramah\"\nnama = \"Lagi\"\n";
        let err = Program::parse(&SourceFile::new("program.toml", text)).expect_err("invalid");
        let all = err.to_string();
        assert!(
            all.contains("program.toml:1:16: `menit_per_jp` harus lebih dari 0"),
            "{all}"
        );
        assert!(
            all.contains("program.toml:10:6: id metode `ceramah` sudah dipakai di baris 4"),
            "{all}"
        );
    }

    #[test]
    fn slugs() {
        assert!(is_slug("studi-kasus") && is_slug("1-4"));
        assert!(!is_slug("Studi") && !is_slug("a--b") && !is_slug("-a") && !is_slug(""));
    }
}
