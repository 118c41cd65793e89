//! Session records: the TOML front matter (`+++ … +++`) at the top of a session chapter.
//!
//! ```toml
//! +++
//! [sesi]
//! kode = "1-4"
//! judul = "Asesmen dan Rencana Pelayanan"
//! tujuan = ["Menjelaskan …"]
//! metode = ["ceramah", "diskusi"]     # ids from book/data/program.toml
//! media = ["bahan-tertulis"]
//! [[sesi.topik]]
//! judul = "Asesmen"
//! halaman = "asesmen.md"              # relative to the session chapter
//! jp = 2                              # jam pelajaran of 45 minutes
//! +++
//! ```

use super::programme::{Item, Program};
use crate::content::chapters::{ChapterIndex, FrontMatter, normalize};
use crate::diagnostic::{Diagnostics, SourceFile, from_toml_error, suggestion};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatterRecord {
    sesi: Option<Spanned<SessionRecord>>,
    /// A reading's record, read by [`crate::content::reading`].
    #[allow(dead_code)]
    bacaan: Option<serde::de::IgnoredAny>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SessionRecord {
    kode: Spanned<String>,
    judul: Spanned<String>,
    tujuan: Spanned<Vec<Spanned<String>>>,
    metode: Spanned<Vec<Spanned<String>>>,
    media: Spanned<Vec<Spanned<String>>>,
    topik: Spanned<Vec<Spanned<TopicRecord>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TopicRecord {
    judul: Spanned<String>,
    halaman: Spanned<String>,
    jp: Spanned<i64>,
}

/// One session of the programme, validated.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Session {
    /// "1-4".
    pub code: String,
    pub title: String,
    pub objectives: Vec<String>,
    pub(crate) methods: Vec<Item>,
    pub(crate) media: Vec<Item>,
    pub topics: Vec<Topic>,
    /// The session chapter, relative to `src/`.
    pub chapter: PathBuf,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Topic {
    pub title: String,
    /// The topic page, relative to `src/`.
    pub page: PathBuf,
    pub jp: u32,
}

impl Session {
    pub(crate) fn jp(&self) -> u32 {
        self.topics.iter().map(|t| t.jp).sum()
    }

    /// Sort key: "1-10" after "1-9".
    pub(crate) fn order_key(&self) -> (u32, u32) {
        code_order(&self.code).unwrap_or((u32::MAX, u32::MAX))
    }
}

fn code_order(code: &str) -> Option<(u32, u32)> {
    let (major, minor) = code.split_once('-')?;
    if major.is_empty()
        || minor.is_empty()
        || !major
            .chars()
            .chain(minor.chars())
            .all(|c| c.is_ascii_digit())
    {
        return None;
    }
    Some((major.parse().ok()?, minor.parse().ok()?))
}

/// Parses the session record of one chapter, if its front matter has one.
pub(crate) fn parse_session(
    file: &SourceFile,
    front: &FrontMatter,
    chapter: &Path,
    program: &Program,
    index: &ChapterIndex,
) -> Result<Option<(Session, Range<usize>)>, Diagnostics> {
    let help = "front matter berisi tabel [sesi] dengan kode, judul, tujuan, metode, media dan [[sesi.topik]]; lihat book/src/sesi-1-1/index.md";
    let record: FrontMatterRecord = toml::from_str(&file.text[front.toml.clone()])
        .map_err(|err| Diagnostics(vec![from_toml_error(file, front.toml.start, &err, help)]))?;
    let Some(record) = record.sesi else {
        return Ok(None);
    };
    let base = front.toml.start;
    let at = |span: Range<usize>| base + span.start..base + span.end;
    let table_span = at(record.span());
    let record = record.into_inner();
    let mut problems = Diagnostics::default();

    let code = record.kode.get_ref().trim().to_string();
    if code_order(&code).is_none() {
        problems.push(file.error(
            at(record.kode.span()),
            format!("kode sesi `{code}` tidak sah"),
            "tulis kode seperti pada modul, misalnya \"1-4\"",
        ));
    }
    let title = record.judul.get_ref().trim().to_string();
    if title.is_empty() {
        problems.push(file.error(
            at(record.judul.span()),
            "judul sesi kosong",
            "tulis judul sesi, misalnya \"Penerimaan\"",
        ));
    }

    let objectives = non_empty_strings(file, &record.tujuan, "tujuan", &at, &mut problems);
    let methods = lookup_items(
        file,
        &record.metode,
        "metode",
        &program.methods,
        &at,
        &mut problems,
    );
    let media = lookup_items(
        file,
        &record.media,
        "media",
        &program.media,
        &at,
        &mut problems,
    );

    let topics = topics(
        file,
        &record.topik,
        table_span,
        chapter,
        index,
        &at,
        &mut problems,
    );
    let code_span = at(record.kode.span());
    problems.into_result()?;
    Ok(Some((
        Session {
            code,
            title,
            objectives,
            methods,
            media,
            topics,
            chapter: chapter.to_path_buf(),
        },
        code_span,
    )))
}

/// The `[[sesi.topik]]` of a session: each names a sub-chapter of the session chapter in
/// SUMMARY.md with its JP, every sub-chapter is a topic, and they come in SUMMARY.md's order.
fn topics(
    file: &SourceFile,
    list: &Spanned<Vec<Spanned<TopicRecord>>>,
    table_span: Range<usize>,
    chapter: &Path,
    index: &ChapterIndex,
    at: &impl Fn(Range<usize>) -> Range<usize>,
    problems: &mut Diagnostics,
) -> Vec<Topic> {
    let chapter_dir = chapter.parent().unwrap_or(Path::new(""));
    let children: Vec<PathBuf> = index.children.get(chapter).cloned().unwrap_or_default();
    let mut topics = Vec::new();
    if list.get_ref().is_empty() {
        problems.push(file.error(
            at(list.span()),
            "sesi tanpa topik",
            "tambahkan sedikitnya satu [[sesi.topik]]",
        ));
    }
    let mut listed = BTreeSet::new();
    for topic in list.get_ref() {
        let topic_span = at(topic.span());
        let topic = topic.get_ref();
        let topic_title = topic.judul.get_ref().trim().to_string();
        if topic_title.is_empty() {
            problems.push(file.error(
                at(topic.judul.span()),
                "judul topik kosong",
                "tulis judul topik seperti di SUMMARY.md",
            ));
        }
        let jp = *topic.jp.get_ref();
        if !(1..=100).contains(&jp) {
            problems.push(file.error(
                at(topic.jp.span()),
                format!("durasi topik {jp} JP tidak sah"),
                "tulis jumlah jam pelajaran (1 JP = 45 menit) sebagai bilangan bulat 1–100",
            ));
        }
        let page = topic_page(
            file,
            &topic.halaman,
            chapter_dir,
            &children,
            index,
            at,
            problems,
        );
        if !listed.insert(page.clone()) {
            problems.push(file.error(
                topic_span.clone(),
                format!("topik `{}` tercantum dua kali", page.display()),
                "hapus salah satu [[sesi.topik]]",
            ));
        }
        topics.push(Topic {
            title: topic_title,
            page,
            jp: u32::try_from(jp).unwrap_or(0),
        });
    }
    check_order(
        file,
        &children,
        &topics,
        table_span,
        at(list.span()),
        problems,
    );
    topics
}

/// A topic's page, relative to `src/`: a sub-chapter of the session chapter in SUMMARY.md.
/// Every sub-chapter of the session chapter is a topic, in the order of SUMMARY.md, so the
/// card and the navigation agree.
/// `table_span` is the `[sesi]` table, `list_span` the list of topics, both in the file.
fn check_order(
    file: &SourceFile,
    children: &[PathBuf],
    topics: &[Topic],
    table_span: Range<usize>,
    list_span: Range<usize>,
    problems: &mut Diagnostics,
) {
    let listed: BTreeSet<&PathBuf> = topics.iter().map(|t| &t.page).collect();
    for child in children {
        if !listed.contains(child) {
            problems.push(file.error(
                table_span.start..table_span.start + 1,
                format!(
                    "subbab `{}` ada di SUMMARY.md tetapi tidak tercantum sebagai topik sesi",
                    child.display()
                ),
                "tambahkan [[sesi.topik]] untuknya (judul, halaman, jp), atau pindahkan subbab itu",
            ));
        }
    }
    let summary_order: Vec<&PathBuf> = children.iter().filter(|c| listed.contains(*c)).collect();
    let record_order: Vec<&PathBuf> = topics
        .iter()
        .map(|t| &t.page)
        .filter(|p| children.contains(p))
        .collect();
    if problems.is_empty() && summary_order != record_order {
        problems.push(file.error(
            list_span,
            "urutan [[sesi.topik]] berbeda dengan urutan di SUMMARY.md",
            "susun topik dalam urutan yang sama dengan SUMMARY.md",
        ));
    }
}

fn topic_page(
    file: &SourceFile,
    halaman: &Spanned<String>,
    chapter_dir: &Path,
    children: &[PathBuf],
    index: &ChapterIndex,
    at: &impl Fn(Range<usize>) -> Range<usize>,
    problems: &mut Diagnostics,
) -> PathBuf {
    let page = normalize(&chapter_dir.join(halaman.get_ref().trim()));
    if !index.chapters.contains(&page) {
        let shown: Vec<String> = index
            .chapters
            .iter()
            .filter_map(|c| c.strip_prefix(chapter_dir).ok())
            .map(|c| c.to_string_lossy().into_owned())
            .collect();
        problems.push(file.error(
            at(halaman.span()),
            format!("halaman topik `{}` tidak ada di SUMMARY.md", halaman.get_ref()),
            format!(
                "tulis nama berkas relatif terhadap folder sesi ini dan daftarkan di SUMMARY.md ({})",
                suggestion(halaman.get_ref(), shown.iter().map(String::as_str), "halaman")
            ),
        ));
    } else if !children.contains(&page) {
        problems.push(file.error(
            at(halaman.span()),
            format!(
                "halaman `{}` bukan subbab sesi ini di SUMMARY.md",
                page.display()
            ),
            "di SUMMARY.md, letakkan topik sebagai butir menjorok di bawah bab sesinya",
        ));
    }
    page
}

fn non_empty_strings(
    file: &SourceFile,
    list: &Spanned<Vec<Spanned<String>>>,
    name: &str,
    at: &impl Fn(Range<usize>) -> Range<usize>,
    problems: &mut Diagnostics,
) -> Vec<String> {
    if list.get_ref().is_empty() {
        problems.push(file.error(
            at(list.span()),
            format!("daftar `{name}` kosong"),
            format!("isi `{name}` dengan sedikitnya satu butir"),
        ));
    }
    for item in list.get_ref() {
        if item.get_ref().trim().is_empty() {
            problems.push(file.error(
                at(item.span()),
                format!("butir `{name}` kosong"),
                "hapus butir kosong atau isi teksnya",
            ));
        }
    }
    list.get_ref()
        .iter()
        .map(|s| s.get_ref().trim().to_string())
        .collect()
}

/// Resolves ids against one list of `program.toml` (methods or media).
fn lookup_items(
    file: &SourceFile,
    list: &Spanned<Vec<Spanned<String>>>,
    name: &str,
    known: &[Item],
    at: &impl Fn(Range<usize>) -> Range<usize>,
    problems: &mut Diagnostics,
) -> Vec<Item> {
    if list.get_ref().is_empty() {
        problems.push(file.error(
            at(list.span()),
            format!("daftar `{name}` kosong"),
            format!("pilih sedikitnya satu {name} dari book/data/program.toml"),
        ));
    }
    let mut items: Vec<Item> = Vec::new();
    for id in list.get_ref() {
        match known.iter().find(|item| item.id == *id.get_ref()) {
            Some(item) if items.contains(item) => problems.push(file.error(
                at(id.span()),
                format!("{name} `{}` tercantum dua kali", id.get_ref()),
                "hapus salah satunya",
            )),
            Some(item) => items.push(item.clone()),
            None => problems.push(file.error(
                at(id.span()),
                format!("{name} `{}` tidak dikenal", id.get_ref()),
                format!(
                    "gunakan id dari book/data/program.toml; {}",
                    suggestion(id.get_ref(), known.iter().map(|k| k.id.as_str()), name)
                ),
            )),
        }
    }
    items
}

/// Sessions in programme order; a code used twice is an error at the second use.
pub(crate) fn check_unique(sessions: &[(Session, SourceFile, Range<usize>)]) -> Diagnostics {
    let mut problems = Diagnostics::default();
    let mut seen: BTreeMap<&str, &Path> = BTreeMap::new();
    for (session, file, code_span) in sessions {
        if let Some(first) = seen.insert(&session.code, &file.path) {
            problems.push(file.error(
                code_span.clone(),
                format!(
                    "kode sesi `{}` sudah dipakai di {}",
                    session.code,
                    crate::diagnostic::display_path(first)
                ),
                "setiap sesi harus mempunyai kode yang unik",
            ));
        }
    }
    problems
}
