//! Programme data shared by all sessions: the modul's method list (D) and media list (E), the
//! length of a JP (*jam pelajaran*) and the training day (start, JP per day, breaks). Read from
//! `book/data/program.toml`.

use crate::content::is_slug;
use crate::diagnostic::{Diagnostic, Diagnostics, SourceFile, from_toml_error};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;
use toml::Spanned;

pub(crate) const FILE_NAME: &str = "program.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProgramRecord {
    menit_per_jp: Spanned<u32>,
    jadwal: Spanned<DayRecord>,
    metode: Vec<Spanned<ItemRecord>>,
    media: Vec<Spanned<ItemRecord>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DayRecord {
    mulai: Spanned<String>,
    jp_per_hari: Spanned<u32>,
    #[serde(default)]
    jeda: Vec<Spanned<BreakRecord>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BreakRecord {
    setelah_jp: Spanned<u32>,
    menit: Spanned<u32>,
    nama: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ItemRecord {
    id: Spanned<String>,
    nama: Spanned<String>,
}

/// One entry of the method or media list.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub(crate) struct Item {
    pub(crate) id: String,
    pub(crate) name: String,
}

/// A break in the training day, after a number of JP.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub(crate) struct Break {
    pub(crate) after_jp: u32,
    pub(crate) minutes: u32,
    pub(crate) name: String,
}

/// The validated programme data.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Program {
    pub(crate) minutes_per_jp: u32,
    /// Start of the training day, in minutes after midnight.
    pub(crate) day_start: u32,
    pub(crate) jp_per_day: u32,
    /// In order of `after_jp`, each strictly inside the day.
    pub(crate) breaks: Vec<Break>,
    pub(crate) methods: Vec<Item>,
    pub(crate) media: Vec<Item>,
}

impl Program {
    /// Loads `program.toml` from the data folder.
    pub(crate) fn load(data_dir: &Path) -> Result<Program, Diagnostics> {
        let path = data_dir.join(FILE_NAME);
        let file = SourceFile::read(&path).map_err(|d| Diagnostics(vec![d]))?;
        Program::parse(&file)
    }

    pub(crate) fn parse(file: &SourceFile) -> Result<Program, Diagnostics> {
        let help = "lihat contoh di book/data/program.toml: menit_per_jp, [jadwal] (mulai, jp_per_hari, [[jadwal.jeda]]), [[metode]] dan [[media]] dengan id dan nama";
        let record: ProgramRecord = toml::from_str(&file.text)
            .map_err(|err| Diagnostics(vec![from_toml_error(file, 0, &err, help)]))?;
        let mut problems = Diagnostics::default();
        let day = record.jadwal.get_ref();
        for (value, name) in [
            (&record.menit_per_jp, "menit_per_jp"),
            (&day.jp_per_hari, "jp_per_hari"),
        ] {
            if *value.get_ref() == 0 {
                problems.push(file.error(
                    value.span(),
                    format!("`{name}` harus lebih dari 0"),
                    "tulis bilangan bulat positif, misalnya 45",
                ));
            }
        }
        let day_start = parse_clock(day.mulai.get_ref()).unwrap_or_else(|| {
            problems.push(file.error(
                day.mulai.span(),
                format!("jam mulai `{}` tidak sah", day.mulai.get_ref()),
                "tulis jam dan menit, misalnya \"08.00\"",
            ));
            0
        });
        let jp_per_day = *day.jp_per_hari.get_ref();
        let breaks = breaks(file, &day.jeda, jp_per_day, &mut problems);
        let day_minutes = jp_per_day * *record.menit_per_jp.get_ref()
            + breaks.iter().map(|b| b.minutes).sum::<u32>();
        if problems.is_empty() && day_start + day_minutes > 24 * 60 {
            problems.push(file.error(
                record.jadwal.span(),
                format!(
                    "hari pelatihan berakhir setelah pukul 24.00 ({} menit)",
                    day_minutes
                ),
                "mulailah lebih awal, atau kurangi jp_per_hari atau lamanya jeda",
            ));
        }
        let methods = items(file, &record.metode, "metode", &mut problems);
        let media = items(file, &record.media, "media", &mut problems);
        problems.into_result()?;
        Ok(Program {
            minutes_per_jp: record.menit_per_jp.into_inner(),
            day_start,
            jp_per_day,
            breaks,
            methods,
            media,
        })
    }
}

/// `[[jadwal.jeda]]`: breaks inside the day, in order, each with a length and a name.
fn breaks(
    file: &SourceFile,
    records: &[Spanned<BreakRecord>],
    jp_per_day: u32,
    problems: &mut Diagnostics,
) -> Vec<Break> {
    let mut breaks: Vec<Break> = Vec::new();
    for record in records {
        let b = record.get_ref();
        let after = *b.setelah_jp.get_ref();
        if after == 0 || after >= jp_per_day {
            problems.push(file.error(
                b.setelah_jp.span(),
                format!("jeda setelah {after} JP tidak jatuh di dalam hari {jp_per_day} JP"),
                format!(
                    "tulis bilangan antara 1 dan {}",
                    jp_per_day.saturating_sub(1)
                ),
            ));
        } else if breaks.last().is_some_and(|last| last.after_jp >= after) {
            problems.push(file.error(
                b.setelah_jp.span(),
                "jeda harus diurutkan menurut `setelah_jp`, tanpa dua jeda di titik yang sama",
                "susun [[jadwal.jeda]] dari yang paling awal",
            ));
        }
        if *b.menit.get_ref() == 0 {
            problems.push(file.error(
                b.menit.span(),
                "jeda 0 menit",
                "tulis lamanya jeda, misalnya 15",
            ));
        }
        if b.nama.get_ref().trim().is_empty() {
            problems.push(file.error(
                b.nama.span(),
                "nama jeda kosong",
                "tulis misalnya \"Rehat\"",
            ));
        }
        breaks.push(Break {
            after_jp: after,
            minutes: *b.menit.get_ref(),
            name: b.nama.get_ref().trim().to_string(),
        });
    }
    breaks
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

/// "08.00" or "08:00" → minutes after midnight.
pub(crate) fn parse_clock(text: &str) -> Option<u32> {
    let (hours, minutes) = text.trim().split_once(['.', ':'])?;
    if hours.is_empty() || hours.len() > 2 || minutes.len() != 2 {
        return None;
    }
    let (hours, minutes): (u32, u32) = (hours.parse().ok()?, minutes.parse().ok()?);
    (hours < 24 && minutes < 60).then_some(hours * 60 + minutes)
}

/// Minutes after midnight → "08.00", as times are written in Indonesian.
pub(crate) fn format_clock(minutes: u32) -> String {
    format!("{:02}.{:02}", minutes / 60 % 24, minutes % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "menit_per_jp = 45\n[jadwal]\nmulai = \"08.00\"\njp_per_hari = 8\n[[jadwal.jeda]]\nsetelah_jp = 4\nmenit = 60\nnama = \"Ishoma\"\n[[metode]]\nid = \"ceramah\"\nnama = \"Ceramah\"\n[[media]]\nid = \"papan-tulis\"\nnama = \"Papan tulis\"\n";

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
            all.contains("program.toml:16:6: id metode `ceramah` sudah dipakai di baris 10"),
            "{all}"
        );
    }

    #[test]
    fn day_start_and_breaks_are_checked() {
        let p = Program::parse(&SourceFile::new("program.toml", GOOD)).expect("valid");
        assert_eq!(p.day_start, 8 * 60);
        assert_eq!(p.breaks[0].name, "Ishoma");
        let bad = GOOD
            .replace("\"08.00\"", "\"8 pagi\"")
            .replace("setelah_jp = 4", "setelah_jp = 8");
        let all = Program::parse(&SourceFile::new("program.toml", bad))
            .expect_err("invalid")
            .to_string();
        assert!(
            all.contains("program.toml:3:9: jam mulai `8 pagi` tidak sah"),
            "{all}"
        );
        assert!(
            all.contains("program.toml:6:14: jeda setelah 8 JP tidak jatuh di dalam hari 8 JP"),
            "{all}"
        );
    }

    #[test]
    fn clock_times() {
        assert_eq!(parse_clock("08.00"), Some(480));
        assert_eq!(parse_clock("7:30"), Some(450));
        assert_eq!(parse_clock("24.00"), None);
        assert_eq!(parse_clock("08.0"), None);
        assert_eq!(format_clock(930), "15.30");
    }
}
