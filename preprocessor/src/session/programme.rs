//! Programme data shared by all sessions: the modul's method list (D) and media list (E), the
//! length of a JP (*jam pelajaran*), the training day (start, JP per day, breaks, number of
//! days) and the blocks of a Diklat in order (`[[acara]]`: opening, pre-test, the sessions with
//! the reason for each one's JP, RTL, post-test, evaluation, closing). Read from
//! `book/data/program.toml`; the blocks are checked against the session records by
//! [`check_blocks`] once every chapter is read.

use super::record::Session;
use crate::content::is_slug;
use crate::diagnostic::{Diagnostic, Diagnostics, SourceFile, from_toml_error, suggestion};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::Spanned;

pub(crate) const FILE_NAME: &str = "program.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProgramRecord {
    menit_per_jp: Spanned<u32>,
    jadwal: Spanned<DayRecord>,
    metode: Vec<Spanned<ItemRecord>>,
    media: Vec<Spanned<ItemRecord>>,
    #[serde(default)]
    acara: Vec<Spanned<BlockRecord>>,
}

/// `[[acara]]`: a session (`sesi`, with the reason for its JP in `alasan`) or another block of
/// the training (`id`, `judul`, `keterangan`, optionally its page).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BlockRecord {
    id: Option<Spanned<String>>,
    sesi: Option<Spanned<String>>,
    judul: Option<Spanned<String>>,
    jp: Spanned<i64>,
    alasan: Option<Spanned<String>>,
    keterangan: Option<Spanned<String>>,
    halaman: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DayRecord {
    mulai: Spanned<String>,
    jp_per_hari: Spanned<u32>,
    /// Days of the training: the blocks must fill exactly this many days.
    hari: Option<Spanned<u32>>,
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

/// One block of the training, in programme order.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub(crate) struct Block {
    /// The session code ("1-4") for a session, else the block's id ("tes-awal").
    pub(crate) id: String,
    /// A session block: its title, topics and pages come from the session record.
    pub(crate) session: bool,
    /// Empty for a session.
    pub(crate) title: String,
    pub(crate) jp: u32,
    /// Why a session has its JP (`alasan`), or what happens in another block (`keterangan`).
    pub(crate) note: String,
    /// The block's page, relative to `src/` (only for blocks that are not sessions).
    pub(crate) page: Option<PathBuf>,
    #[serde(skip)]
    spans: BlockSpans,
}

/// Where a block is written, for errors found once the sessions are known.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct BlockSpans {
    id: Range<usize>,
    jp: Range<usize>,
    page: Range<usize>,
}

/// The validated programme data.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct Program {
    pub(crate) minutes_per_jp: u32,
    /// Start of the training day, in minutes after midnight.
    pub(crate) day_start: u32,
    pub(crate) jp_per_day: u32,
    /// In order of `after_jp`, each strictly inside the day.
    pub(crate) breaks: Vec<Break>,
    pub(crate) methods: Vec<Item>,
    pub(crate) media: Vec<Item>,
    /// `[[acara]]` in order; empty when the file lists none (the programme is then the
    /// sessions alone).
    pub(crate) blocks: Vec<Block>,
    /// `hari`: the number of training days, when the file states it.
    pub(crate) days: Option<u32>,
    /// The file, for the checks against the sessions.
    #[serde(skip)]
    pub(super) file: Option<SourceFile>,
    #[serde(skip)]
    pub(super) days_span: Range<usize>,
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
        let blocks = blocks(file, &record.acara, &mut problems);
        if let Some(days) = &day.hari
            && *days.get_ref() == 0
        {
            problems.push(file.error(
                days.span(),
                "`hari` harus lebih dari 0",
                "tulis jumlah hari pelatihan, misalnya 5",
            ));
        }
        problems.into_result()?;
        Ok(Program {
            minutes_per_jp: record.menit_per_jp.into_inner(),
            day_start,
            jp_per_day,
            breaks,
            methods,
            media,
            blocks,
            days: day.hari.as_ref().map(|d| *d.get_ref()),
            days_span: day.hari.as_ref().map_or(0..0, Spanned::span),
            file: Some(file.clone()),
        })
    }

    /// The JP of every block, or of every session when there are no blocks.
    pub(crate) fn total_jp(&self, sessions: &[Session]) -> u32 {
        if self.blocks.is_empty() {
            sessions.iter().map(Session::jp).sum()
        } else {
            self.blocks.iter().map(|b| b.jp).sum()
        }
    }

    /// Days needed at `jp_per_day` JP a day.
    pub(crate) fn days_needed(&self, sessions: &[Session]) -> u32 {
        self.total_jp(sessions).div_ceil(self.jp_per_day.max(1))
    }
}

/// `[[acara]]`: each block is a session or an activity with its own id, title and note.
fn blocks(
    file: &SourceFile,
    records: &[Spanned<BlockRecord>],
    problems: &mut Diagnostics,
) -> Vec<Block> {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut blocks = Vec::new();
    for record in records {
        let b = record.get_ref();
        let jp = *b.jp.get_ref();
        if !(1..=100).contains(&jp) {
            problems.push(file.error(
                b.jp.span(),
                format!("durasi acara {jp} JP tidak sah"),
                "tulis jumlah jam pelajaran (1 JP = 45 menit) sebagai bilangan bulat 1–100",
            ));
        }
        let text = |field: &Option<Spanned<String>>| {
            field
                .as_ref()
                .map(|t| t.get_ref().trim().to_string())
                .unwrap_or_default()
        };
        let (id, id_span, session) = match (&b.sesi, &b.id) {
            (Some(code), None) => {
                if b.judul.is_some() || b.keterangan.is_some() || b.halaman.is_some() {
                    problems.push(file.error(
                        record.span().start..record.span().start + 1,
                        format!(
                            "acara sesi `{}` hanya berisi sesi, jp dan alasan",
                            code.get_ref()
                        ),
                        "judul, topik dan halaman sesi diambil dari catatan sesinya (book/src/sesi-*/index.md); hapus judul, keterangan atau halaman",
                    ));
                }
                if text(&b.alasan).is_empty() {
                    problems.push(file.error(
                        record.span().start..record.span().start + 1,
                        format!("acara sesi `{}` tanpa alasan JP", code.get_ref()),
                        "tulis `alasan`: mengapa sesi ini mendapat sekian JP (modul tidak menetapkan JP per sesi)",
                    ));
                }
                (code.get_ref().trim().to_string(), code.span(), true)
            }
            (None, Some(id)) => {
                if !is_slug(id.get_ref()) {
                    problems.push(file.error(
                        id.span(),
                        format!("id acara `{}` tidak sah", id.get_ref()),
                        "gunakan huruf kecil, angka dan tanda hubung, misalnya `tes-awal`",
                    ));
                }
                if text(&b.judul).is_empty() {
                    problems.push(file.error(
                        id.span(),
                        format!("acara `{}` tanpa judul", id.get_ref()),
                        "tulis `judul`, misalnya \"Pembukaan\"",
                    ));
                }
                if b.alasan.is_some() {
                    problems.push(file.error(
                        id.span(),
                        format!("`alasan` hanya untuk acara sesi, bukan `{}`", id.get_ref()),
                        "tulis penjelasan acara ini di `keterangan`",
                    ));
                }
                (id.get_ref().clone(), id.span(), false)
            }
            _ => {
                problems.push(file.error(
                    record.span().start..record.span().start + 1,
                    "acara harus mempunyai tepat satu dari `sesi` atau `id`",
                    "tulis sesi = \"1-4\" untuk sesi, atau id = \"pembukaan\" (dengan judul) untuk acara lain",
                ));
                continue;
            }
        };
        if let Some(first_line) = seen.insert(id.clone(), file.location(id_span.start).0) {
            problems.push(file.error(
                id_span.clone(),
                format!("acara `{id}` sudah tercantum di baris {first_line}"),
                "setiap sesi atau acara tercantum sekali; hapus salah satunya",
            ));
        }
        blocks.push(Block {
            id,
            session,
            title: text(&b.judul),
            jp: u32::try_from(jp).unwrap_or(0),
            note: if session {
                text(&b.alasan)
            } else {
                text(&b.keterangan)
            },
            page: b
                .halaman
                .as_ref()
                .map(|h| PathBuf::from(h.get_ref().trim())),
            spans: BlockSpans {
                id: id_span,
                jp: b.jp.span(),
                page: b.halaman.as_ref().map_or(0..0, Spanned::span),
            },
        });
    }
    blocks
}

/// The blocks against the book: every session listed once with the JP of its topics, every
/// page in SUMMARY.md, and the total filling the stated number of days.
pub(crate) fn check_blocks(
    program: &Program,
    sessions: &[Session],
    chapters: &BTreeSet<PathBuf>,
) -> Diagnostics {
    let mut problems = Diagnostics::default();
    let Some(file) = &program.file else {
        return problems;
    };
    if program.blocks.is_empty() {
        return problems;
    }
    let codes: Vec<&str> = sessions.iter().map(|s| s.code.as_str()).collect();
    for block in &program.blocks {
        if block.session {
            let Some(session) = sessions.iter().find(|s| s.code == block.id) else {
                problems.push(file.error(
                    block.spans.id.clone(),
                    format!("sesi `{}` tidak ada di buku", block.id),
                    format!(
                        "tulis kode sesi yang ada; {}",
                        suggestion(&block.id, codes.iter().copied(), "sesi")
                    ),
                ));
                continue;
            };
            if session.jp() != block.jp {
                let parts: Vec<String> = session
                    .topics
                    .iter()
                    .map(|t| format!("{} {}", t.title, t.jp))
                    .collect();
                problems.push(file.error(
                    block.spans.jp.clone(),
                    format!(
                        "sesi {} ditulis {} JP, tetapi topiknya berjumlah {} JP ({})",
                        block.id,
                        block.jp,
                        session.jp(),
                        parts.join(", ")
                    ),
                    format!(
                        "samakan jp di sini dengan jumlah jp [[sesi.topik]] di {}, atau ubah jp topiknya",
                        Path::new("book/src").join(&session.chapter).display()
                    ),
                ));
            }
        } else if let Some(page) = &block.page
            && !chapters.contains(page)
        {
            problems.push(file.error(
                block.spans.page.clone(),
                format!("halaman acara `{}` tidak ada di SUMMARY.md", page.display()),
                format!(
                    "tulis halaman relatif terhadap book/src dan daftarkan di SUMMARY.md; {}",
                    suggestion(
                        &page.to_string_lossy(),
                        chapters.iter().filter_map(|c| c.to_str()),
                        "halaman"
                    )
                ),
            ));
        }
    }
    for session in sessions {
        if !program
            .blocks
            .iter()
            .any(|b| b.session && b.id == session.code)
        {
            let at = program.blocks.first().map_or(0..1, |b| b.spans.id.clone());
            problems.push(file.error(
                at,
                format!("sesi {} tidak tercantum dalam [[acara]]", session.code),
                format!(
                    "tambahkan [[acara]] dengan sesi = \"{}\", jp = {} dan alasan, di tempatnya dalam urutan program",
                    session.code,
                    session.jp()
                ),
            ));
        }
    }
    if let Some(days) = program.days
        && problems.is_empty()
    {
        let total = program.total_jp(sessions);
        let needed = program.days_needed(sessions);
        if needed != days {
            problems.push(file.error(
                program.days_span.clone(),
                format!(
                    "acara berjumlah {total} JP, yaitu {needed} hari dengan {} JP per hari, bukan {days} hari",
                    program.jp_per_day
                ),
                format!(
                    "tulis hari = {needed}, atau sesuaikan jp_per_hari atau jp acara agar {days} hari × {} JP terisi",
                    program.jp_per_day
                ),
            ));
        }
    }
    problems
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

    fn session(code: &str, jp: u32) -> Session {
        Session {
            code: code.into(),
            title: "Sesi".into(),
            objectives: vec![],
            methods: vec![],
            media: vec![],
            topics: vec![crate::session::Topic {
                title: "Topik".into(),
                page: PathBuf::from("t.md"),
                jp,
            }],
            chapter: PathBuf::from(format!("sesi-{code}/index.md")),
        }
    }

    #[test]
    fn blocks_are_checked_against_the_sessions() {
        let text = GOOD.replace("jp_per_hari = 8\n", "jp_per_hari = 8\nhari = 2\n")
            + "[[acara]]\nid = \"pembukaan\"\njudul = \"Pembukaan\"\njp = 1\n[[acara]]\nsesi = \"1-1\"\njp = 3\nalasan = \"Tiga topik\"\n[[acara]]\nsesi = \"1-3\"\njp = 1\nalasan = \"x\"\n";
        let line = |needle: &str| text.lines().position(|l| l == needle).map(|i| i + 1);
        let p = Program::parse(&SourceFile::new("program.toml", text.clone())).expect("valid");
        assert_eq!(p.blocks.len(), 3);
        let sessions = [session("1-1", 2), session("1-2", 4)];
        let all = check_blocks(&p, &sessions, &BTreeSet::new()).to_string();
        let jp_line = line("jp = 3").unwrap_or(0);
        assert!(
            all.contains(&format!(
                "program.toml:{jp_line}:6: sesi 1-1 ditulis 3 JP, tetapi topiknya berjumlah 2 JP (Topik 2)"
            )),
            "{all}"
        );
        assert!(all.contains("sesi `1-3` tidak ada di buku"), "{all}");
        assert!(
            all.contains("maksud Anda `1-1`?") || all.contains("1-2"),
            "{all}"
        );
        assert!(
            all.contains("sesi 1-2 tidak tercantum dalam [[acara]]"),
            "{all}"
        );
        // With the sums right, the days must match `hari`.
        let fixed = text.replace("jp = 3", "jp = 2").replace(
            "[[acara]]\nsesi = \"1-3\"\njp = 1\nalasan = \"x\"\n",
            "[[acara]]\nsesi = \"1-2\"\njp = 4\nalasan = \"x\"\n",
        );
        let p = Program::parse(&SourceFile::new("program.toml", fixed)).expect("valid");
        let all = check_blocks(&p, &sessions, &BTreeSet::new()).to_string();
        assert!(
            all.contains("program.toml:5:8: acara berjumlah 7 JP, yaitu 1 hari dengan 8 JP per hari, bukan 2 hari"),
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
