//! Reading and validating the session plans (`data/panduan/*.toml`): TOML with positions, so
//! every problem names file:line:col and the closest known id.
//!
//! ```toml
//! sesi = "1-4"                         # or acara = "blc": a block of [[acara]] in program.toml
//! persiapan = ["Salin kartu peran …"]
//! [[langkah]]
//! judul = "Pembukaan"
//! menit = 10
//! metode = ["ceramah"]                 # ids of the modul's list D (program.toml)
//! media = ["lcd"]                      # ids of list E
//! fasilitator = "Apa yang dilakukan dan dikatakan fasilitator"
//! peserta = "Apa yang dilakukan peserta"
//! latihan = ["1-4-asesmen"]            # optional: exercises, forms, readings
//! formulir = ["asesmen-rencana-pelayanan"]
//! bacaan = ["asesmen"]
//! halaman = ["pelatihan/tes-awal.md"]  # other pages of SUMMARY.md (tests, printouts)
//! permainan_peran = "wawancara"        # optional: a [[permainan_peran]] of this file
//! kunjungan = "panti"                  # optional: a [[kunjungan]] of this file
//! [[langkah.diskusi]]
//! tanya = "…"
//! poin = ["…"]
//! ```
//!
//! The steps of a plan add up to the session's (or block's) JP × the minutes of one JP.

use super::model::{Card, Discussion, FieldVisit, Guide, Role, RolePlay, Step};
use crate::content::catalog::Catalog;
use crate::content::is_slug;
use crate::content::reading::Reading;
use crate::diagnostic::{Diagnostics, SourceFile, from_toml_error, suggestion};
use crate::session::programme::Block;
use crate::session::{Program, Session};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The plans' folder inside the book's data folder.
pub(crate) const FOLDER: &str = "panduan";

const HELP: &str = "lihat contoh di book/data/panduan/sesi-1-1.toml: sesi (atau acara), persiapan, [[langkah]] (judul, menit, metode, media, fasilitator, peserta), [[permainan_peran]], [[kunjungan]]";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PlanRecord {
    sesi: Option<Spanned<String>>,
    /// A block of `[[acara]]` that is not a session.
    acara: Option<Spanned<String>>,
    #[serde(default)]
    persiapan: Vec<String>,
    langkah: Spanned<Vec<Spanned<StepRecord>>>,
    #[serde(default)]
    permainan_peran: Vec<Spanned<RolePlayRecord>>,
    #[serde(default)]
    kunjungan: Vec<Spanned<VisitRecord>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StepRecord {
    judul: Spanned<String>,
    menit: Spanned<i64>,
    metode: Spanned<Vec<Spanned<String>>>,
    #[serde(default)]
    media: Vec<Spanned<String>>,
    fasilitator: Spanned<String>,
    peserta: Spanned<String>,
    #[serde(default)]
    latihan: Vec<Spanned<String>>,
    #[serde(default)]
    formulir: Vec<Spanned<String>>,
    #[serde(default)]
    bacaan: Vec<Spanned<String>>,
    #[serde(default)]
    halaman: Vec<Spanned<String>>,
    permainan_peran: Option<Spanned<String>>,
    kunjungan: Option<Spanned<String>>,
    #[serde(default)]
    diskusi: Vec<DiscussionRecord>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DiscussionRecord {
    tanya: String,
    poin: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RolePlayRecord {
    id: Spanned<String>,
    judul: String,
    skenario: String,
    kartu: Vec<Spanned<CardRecord>>,
    daftar_periksa: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CardRecord {
    peran: Spanned<String>,
    #[serde(default)]
    nama: String,
    isi: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct VisitRecord {
    id: Spanned<String>,
    judul: String,
    tujuan: String,
    persiapan: Vec<String>,
    etika: Vec<String>,
    pengamatan: Vec<String>,
    pertanyaan: Vec<String>,
}

/// What a plan may refer to.
pub(crate) struct Book<'a> {
    pub(crate) program: &'a Program,
    pub(crate) sessions: &'a [Session],
    pub(crate) exercises: &'a Catalog,
    pub(crate) forms: &'a Catalog,
    pub(crate) readings: &'a [Reading],
    /// Every chapter of SUMMARY.md, relative to `src/`.
    pub(crate) chapters: &'a BTreeSet<PathBuf>,
}

impl Book<'_> {
    /// A reading's id: its chapter's file name without `.md`.
    fn reading_ids(&self) -> Vec<String> {
        self.readings
            .iter()
            .filter_map(|r| Some(r.chapter.file_stem()?.to_string_lossy().into_owned()))
            .collect()
    }
}

/// Every plan in `data/panduan/` (none when the folder is absent), in session order.
pub(crate) fn load_all(data_dir: &Path, book: &Book) -> (Vec<Guide>, Diagnostics) {
    let dir = data_dir.join(FOLDER);
    let mut problems = Diagnostics::default();
    let mut files: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect(),
        Err(_) => return (Vec::new(), problems),
    };
    files.sort();
    let mut guides: Vec<Guide> = Vec::new();
    let mut seen: BTreeMap<String, PathBuf> = BTreeMap::new();
    for path in files {
        let file = match SourceFile::read(&path) {
            Ok(file) => file,
            Err(d) => {
                problems.push(d);
                continue;
            }
        };
        match parse(&file, book) {
            Ok((guide, code_span)) => {
                if let Some(first) = seen.get(&guide.id) {
                    problems.push(file.error(
                        code_span,
                        format!(
                            "{} `{}` sudah mempunyai panduan di {}",
                            if guide.block { "acara" } else { "sesi" },
                            guide.id,
                            crate::diagnostic::display_path(first)
                        ),
                        "satu sesi atau acara, satu berkas panduan: gabungkan kedua berkas",
                    ));
                    continue;
                }
                seen.insert(guide.id.clone(), path.clone());
                guides.push(guide);
            }
            Err(d) => problems.extend(d),
        }
    }
    // Programme order (opening … closing) when `[[acara]]` lists the blocks, else session order.
    let order = |id: &str| {
        let block = book.program.blocks.iter().position(|b| b.id == id);
        let session = book
            .sessions
            .iter()
            .find(|s| s.code == id)
            .map_or((u32::MAX, u32::MAX), Session::order_key);
        (block.unwrap_or(usize::MAX), session)
    };
    guides.sort_by_key(|g| order(&g.id));
    (guides, problems)
}

/// One plan file, validated against the book; the plan and the span of its session code.
pub(crate) fn parse(file: &SourceFile, book: &Book) -> Result<(Guide, Range<usize>), Diagnostics> {
    let record: PlanRecord = toml::from_str(&file.text)
        .map_err(|err| Diagnostics(vec![from_toml_error(file, 0, &err, HELP)]))?;
    let mut problems = Diagnostics::default();
    let (code, code_span, is_block) = match (&record.sesi, &record.acara) {
        (Some(sesi), None) => (sesi.get_ref().trim().to_string(), sesi.span(), false),
        (None, Some(acara)) => (acara.get_ref().trim().to_string(), acara.span(), true),
        (Some(sesi), Some(_)) => {
            return Err(Diagnostics(vec![file.error(
                sesi.span(),
                "panduan menulis `sesi` dan `acara` sekaligus",
                "satu berkas panduan untuk satu sesi (sesi = \"1-4\") atau satu acara lain (acara = \"blc\"): hapus salah satunya",
            )]));
        }
        (None, None) => {
            return Err(Diagnostics(vec![file.error(
                0..0,
                "panduan tidak menyebut sesi atau acaranya",
                "tulis sesi = \"1-4\" untuk sesi, atau acara = \"blc\" untuk acara lain dari [[acara]] di book/data/program.toml",
            )]));
        }
    };
    let session = book.sessions.iter().find(|s| !is_block && s.code == code);
    let block = book
        .program
        .blocks
        .iter()
        .find(|b| is_block && !b.session && b.id == code);
    if !is_block && session.is_none() {
        problems.push(file.error(
            code_span.clone(),
            format!("sesi `{code}` tidak ada di buku"),
            format!(
                "tulis kode sesi yang ada; {}",
                suggestion(&code, book.sessions.iter().map(|s| s.code.as_str()), "sesi")
            ),
        ));
    }
    if is_block && block.is_none() {
        let ids: Vec<&str> = book
            .program
            .blocks
            .iter()
            .filter(|b| !b.session)
            .map(|b| b.id.as_str())
            .collect();
        problems.push(file.error(
            code_span.clone(),
            format!("acara `{code}` tidak ada di [[acara]] book/data/program.toml"),
            format!(
                "tulis id acara yang bukan sesi (untuk sesi tulis sesi = \"1-N\"); {}",
                suggestion(&code, ids.iter().copied(), "acara")
            ),
        ));
    }

    let role_plays = role_plays(file, &record.permainan_peran, &mut problems);
    let visits = visits(file, &record.kunjungan, &mut problems);
    let role_play_ids: Vec<&str> = role_plays.iter().map(|r| r.id.as_str()).collect();
    let visit_ids: Vec<&str> = visits.iter().map(|v| v.id.as_str()).collect();
    let mut used_role_plays = BTreeSet::new();
    let mut used_visits = BTreeSet::new();

    let reading_ids = book.reading_ids();
    let mut steps = Vec::new();
    if record.langkah.get_ref().is_empty() {
        problems.push(file.error(
            record.langkah.span(),
            "panduan tanpa langkah",
            "tambahkan sedikitnya satu [[langkah]] dengan judul, menit, metode, fasilitator dan peserta",
        ));
    }
    for step in record.langkah.get_ref() {
        let s = step.get_ref();
        let minutes = *s.menit.get_ref();
        if minutes <= 0 || minutes > 24 * 60 {
            problems.push(file.error(
                s.menit.span(),
                format!("lama langkah {minutes} menit tidak sah"),
                "tulis lamanya dalam menit, bilangan bulat lebih dari 0, misalnya 15",
            ));
        }
        for (text, name) in [
            (&s.judul, "judul"),
            (&s.fasilitator, "fasilitator"),
            (&s.peserta, "peserta"),
        ] {
            if text.get_ref().trim().is_empty() {
                problems.push(file.error(
                    text.span(),
                    format!("`{name}` langkah kosong"),
                    format!("tulis {name} langkah ini"),
                ));
            }
        }
        if s.metode.get_ref().is_empty() {
            problems.push(file.error(
                s.metode.span(),
                "langkah tanpa metode",
                "tulis sedikitnya satu id metode dari book/data/program.toml, misalnya \"ceramah\"",
            ));
        }
        let ids = |items: &[crate::session::programme::Item]| -> Vec<String> {
            items.iter().map(|i| i.id.clone()).collect()
        };
        let methods = known(
            file,
            s.metode.get_ref(),
            &ids(&book.program.methods),
            "metode",
            "id dari book/data/program.toml ([[metode]])",
            &mut problems,
        );
        let media = known(
            file,
            &s.media,
            &ids(&book.program.media),
            "media",
            "id dari book/data/program.toml ([[media]])",
            &mut problems,
        );
        let exercises = known(
            file,
            &s.latihan,
            &book.exercises.ids().map(String::from).collect::<Vec<_>>(),
            "latihan",
            "id dari exercises/",
            &mut problems,
        );
        let forms = known(
            file,
            &s.formulir,
            &book.forms.ids().map(String::from).collect::<Vec<_>>(),
            "formulir",
            "id dari forms/",
            &mut problems,
        );
        let readings = known(
            file,
            &s.bacaan,
            &reading_ids,
            "bacaan",
            "id dari bab bacaan pendukung (nama berkas tanpa .md)",
            &mut problems,
        );
        let pages = known(
            file,
            &s.halaman,
            &book
                .chapters
                .iter()
                .map(|c| c.to_string_lossy().into_owned())
                .collect::<Vec<_>>(),
            "halaman",
            "halaman yang ada di SUMMARY.md, relatif terhadap book/src (misalnya \"pelatihan/tes-awal.md\")",
            &mut problems,
        )
        .into_iter()
        .map(PathBuf::from)
        .collect();
        let role_play = local(
            file,
            s.permainan_peran.as_ref(),
            &role_play_ids,
            "permainan peran",
            "[[permainan_peran]]",
            &mut used_role_plays,
            &mut problems,
        );
        let visit = local(
            file,
            s.kunjungan.as_ref(),
            &visit_ids,
            "kunjungan lapangan",
            "[[kunjungan]]",
            &mut used_visits,
            &mut problems,
        );
        let discussion = s
            .diskusi
            .iter()
            .map(|d| Discussion {
                question: d.tanya.trim().to_string(),
                points: d.poin.iter().map(|p| p.trim().to_string()).collect(),
            })
            .collect();
        steps.push(Step {
            title: s.judul.get_ref().trim().to_string(),
            minutes: u32::try_from(minutes).unwrap_or(0),
            methods,
            media,
            facilitator: s.fasilitator.get_ref().trim().to_string(),
            participants: s.peserta.get_ref().trim().to_string(),
            exercises,
            forms,
            readings,
            pages,
            role_play,
            visit,
            discussion,
        });
    }
    // A kit or visit is unused only when every reference resolved (a misspelt reference is
    // reported once, not again as an unused kit).
    let resolved = problems.is_empty();
    for (record, id) in record.permainan_peran.iter().zip(&role_play_ids) {
        if resolved && !used_role_plays.contains(*id) {
            problems.push(file.error(
                record.get_ref().id.span(),
                format!("permainan peran `{id}` tidak dipakai di langkah mana pun"),
                format!("tulis permainan_peran = \"{id}\" pada langkah yang memainkannya"),
            ));
        }
    }
    for (record, id) in record.kunjungan.iter().zip(&visit_ids) {
        if resolved && !used_visits.contains(*id) {
            problems.push(file.error(
                record.get_ref().id.span(),
                format!("kunjungan `{id}` tidak dipakai di langkah mana pun"),
                format!("tulis kunjungan = \"{id}\" pada langkah kunjungan lapangan"),
            ));
        }
    }

    let guide = Guide {
        id: code,
        block: is_block,
        path: file.path.clone(),
        preparation: record
            .persiapan
            .iter()
            .map(|p| p.trim().to_string())
            .collect(),
        steps,
        role_plays,
        visits,
    };
    if let Some(session) = session
        && problems.is_empty()
    {
        check_session(
            file,
            code_span.clone(),
            &guide,
            session,
            book,
            &mut problems,
        );
    }
    if let Some(block) = block
        && problems.is_empty()
    {
        check_block(file, code_span.clone(), &guide, block, book, &mut problems);
    }
    problems.into_result()?;
    Ok((guide, code_span))
}

/// The plan fits its session: the steps add up to its JP, and a session whose methods include
/// role-play or a field visit has the kit or the visit sheet.
fn check_session(
    file: &SourceFile,
    span: Range<usize>,
    guide: &Guide,
    session: &Session,
    book: &Book,
    problems: &mut Diagnostics,
) {
    let wanted = session.jp() * book.program.minutes_per_jp;
    let total = guide.minutes();
    if total != wanted {
        let steps: Vec<String> = guide.steps.iter().map(|s| s.minutes.to_string()).collect();
        problems.push(file.error(
            span.clone(),
            format!(
                "langkah-langkah panduan sesi {} berjumlah {total} menit ({}), padahal sesi ini {} JP × {} menit = {wanted} menit",
                session.code,
                steps.join(" + "),
                session.jp(),
                book.program.minutes_per_jp,
            ),
            if total > wanted {
                format!(
                    "kurangi {} menit dari langkah-langkahnya, atau ubah JP topik sesi di {}",
                    total - wanted,
                    session.chapter.display()
                )
            } else {
                format!(
                    "tambahkan {} menit pada langkah-langkahnya, atau ubah JP topik sesi di {}",
                    wanted - total,
                    session.chapter.display()
                )
            },
        ));
    }
    let uses = |id: &str| session.methods.iter().any(|m| m.id == id);
    if uses("permainan-peran") && guide.role_plays.is_empty() {
        problems.push(file.error(
            span.clone(),
            format!(
                "sesi {} memakai metode permainan peran, tetapi panduannya tidak berisi [[permainan_peran]]",
                session.code
            ),
            "tambahkan [[permainan_peran]] dengan skenario, kartu klien, pekerja dan pengamat, dan daftar_periksa",
        ));
    }
    if uses("kunjungan-lapangan") && guide.visits.is_empty() {
        problems.push(file.error(
            span,
            format!(
                "sesi {} memakai metode kunjungan lapangan, tetapi panduannya tidak berisi [[kunjungan]]",
                session.code
            ),
            "tambahkan [[kunjungan]] dengan tujuan, persiapan, etika, pengamatan dan pertanyaan",
        ));
    }
}

/// The plan of a block that is not a session adds up to the block's JP.
fn check_block(
    file: &SourceFile,
    span: Range<usize>,
    guide: &Guide,
    block: &Block,
    book: &Book,
    problems: &mut Diagnostics,
) {
    let wanted = block.jp * book.program.minutes_per_jp;
    let total = guide.minutes();
    if total == wanted {
        return;
    }
    let steps: Vec<String> = guide.steps.iter().map(|s| s.minutes.to_string()).collect();
    let (verb, diff) = if total > wanted {
        ("kurangi", total - wanted)
    } else {
        ("tambahkan", wanted - total)
    };
    problems.push(file.error(
        span,
        format!(
            "langkah-langkah panduan acara {} berjumlah {total} menit ({}), padahal acara ini {} JP × {} menit = {wanted} menit",
            block.id,
            steps.join(" + "),
            block.jp,
            book.program.minutes_per_jp,
        ),
        format!(
            "{verb} {diff} menit {} langkah-langkahnya, atau ubah jp acara `{}` di book/data/program.toml",
            if total > wanted { "dari" } else { "pada" },
            block.id
        ),
    ));
}

/// Ids that must exist in `known`; unknown ones are reported with the closest id.
fn known(
    file: &SourceFile,
    ids: &[Spanned<String>],
    candidates: &[String],
    what: &str,
    place: &str,
    problems: &mut Diagnostics,
) -> Vec<String> {
    let mut out = Vec::new();
    for id in ids {
        let value = id.get_ref().trim();
        if candidates.iter().any(|c| c == value) {
            out.push(value.to_string());
        } else {
            problems.push(file.error(
                id.span(),
                format!("{what} `{value}` tidak dikenal"),
                format!(
                    "tulis {place}; {}",
                    suggestion(value, candidates.iter().map(String::as_str), what)
                ),
            ));
        }
    }
    out
}

/// A reference to a role-play or visit of the same file.
fn local(
    file: &SourceFile,
    id: Option<&Spanned<String>>,
    ids: &[&str],
    what: &str,
    table: &str,
    used: &mut BTreeSet<String>,
    problems: &mut Diagnostics,
) -> Option<String> {
    let id = id?;
    let value = id.get_ref().trim();
    if ids.contains(&value) {
        used.insert(value.to_string());
        return Some(value.to_string());
    }
    problems.push(file.error(
        id.span(),
        format!("{what} `{value}` tidak ada di berkas ini"),
        format!(
            "tulis id salah satu {table} di berkas ini; {}",
            suggestion(value, ids.iter().copied(), what)
        ),
    ));
    None
}

fn slug_id(
    file: &SourceFile,
    id: &Spanned<String>,
    seen: &mut BTreeSet<String>,
    problems: &mut Diagnostics,
) -> String {
    let value = id.get_ref().trim().to_string();
    if !is_slug(&value) {
        problems.push(file.error(
            id.span(),
            format!("id `{value}` tidak sah"),
            "tulis huruf kecil, angka dan tanda hubung, misalnya \"wawancara-awal\"",
        ));
    } else if !seen.insert(value.clone()) {
        problems.push(file.error(
            id.span(),
            format!("id `{value}` dipakai dua kali di berkas ini"),
            "beri setiap permainan peran dan kunjungan id sendiri",
        ));
    }
    value
}

fn trimmed(items: &[String]) -> Vec<String> {
    items
        .iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

fn role_plays(
    file: &SourceFile,
    records: &[Spanned<RolePlayRecord>],
    problems: &mut Diagnostics,
) -> Vec<RolePlay> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for record in records {
        let r = record.get_ref();
        let id = slug_id(file, &r.id, &mut seen, problems);
        let mut cards: Vec<Card> = Vec::new();
        let mut unknown_role = false;
        for card in &r.kartu {
            let c = card.get_ref();
            let name = c.peran.get_ref().trim();
            match Role::from_name(name) {
                Some(role) if cards.iter().any(|k| k.role == role) => problems.push(file.error(
                    c.peran.span(),
                    format!("kartu peran `{name}` ditulis dua kali"),
                    "satu kartu untuk setiap peran: klien, pekerja, pengamat",
                )),
                Some(role) => cards.push(Card {
                    role,
                    person: c.nama.trim().to_string(),
                    text: c.isi.trim().to_string(),
                }),
                None => {
                    unknown_role = true;
                    problems.push(file.error(
                        c.peran.span(),
                        format!("peran `{name}` tidak dikenal"),
                        format!(
                            "tulis klien, pekerja atau pengamat; {}",
                            suggestion(name, Role::ALL.iter().map(|r| r.name()), "peran")
                        ),
                    ));
                }
            }
        }
        cards.sort_by_key(|c| c.role);
        let missing: Vec<&str> = Role::ALL
            .iter()
            .filter(|role| !cards.iter().any(|c| c.role == **role))
            .map(|r| r.name())
            .collect();
        if !missing.is_empty() && !unknown_role {
            problems.push(file.error(
                r.id.span(),
                format!(
                    "permainan peran `{id}` tidak mempunyai kartu {}",
                    missing.join(", ")
                ),
                "tambahkan [[permainan_peran.kartu]] dengan peran, nama (orang rekaan) dan isi",
            ));
        }
        let checklist = trimmed(&r.daftar_periksa);
        if checklist.is_empty() {
            problems.push(file.error(
                r.id.span(),
                format!("permainan peran `{id}` tanpa daftar periksa pengamat"),
                "tulis daftar_periksa: perilaku yang diamati pengamat, satu per butir",
            ));
        }
        out.push(RolePlay {
            id,
            title: r.judul.trim().to_string(),
            scenario: r.skenario.trim().to_string(),
            cards,
            checklist,
        });
    }
    out
}

fn visits(
    file: &SourceFile,
    records: &[Spanned<VisitRecord>],
    problems: &mut Diagnostics,
) -> Vec<FieldVisit> {
    let mut seen = BTreeSet::new();
    records
        .iter()
        .map(|record| {
            let v = record.get_ref();
            let id = slug_id(file, &v.id, &mut seen, problems);
            let observe = trimmed(&v.pengamatan);
            if observe.is_empty() {
                problems.push(file.error(
                    v.id.span(),
                    format!("kunjungan `{id}` tanpa lembar pengamatan"),
                    "tulis pengamatan: hal yang diamati peserta, satu per butir",
                ));
            }
            FieldVisit {
                id,
                title: v.judul.trim().to_string(),
                purpose: v.tujuan.trim().to_string(),
                preparation: trimmed(&v.persiapan),
                conduct: trimmed(&v.etika),
                observe,
                questions: trimmed(&v.pertanyaan),
            }
        })
        .collect()
}
