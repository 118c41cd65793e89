//! Fixture books built in-process, with assertions on the HTML; error reporting; the
//! preprocessor protocol as stock mdBook speaks it; the real book.

mod common;

use common::{
    Case, append, check_bad_cases, content_errors, fixture_copy, main_of, read, repo, snapshot,
};
use modul::build::{BuildOptions, Error, build_book, check_book};
use std::path::Path;
use std::process::Command;

fn build(book: &Path, dest: &Path) -> Result<std::path::PathBuf, Error> {
    build_book(&BuildOptions {
        book_dir: book.to_path_buf(),
        dest_dir: Some(dest.to_path_buf()),
    })
}

#[test]
fn fixture_renders_card_programme_directives_and_alerts() {
    let dir = fixture_copy("kecil");
    let site = dir.path().join("situs");
    build(&dir.path().join("book"), &site).expect("fixture builds");

    let session = read(&site.join("sesi-1-1/index.html"));
    let main = main_of(&session);
    assert!(
        main.contains("Sesi 1-1: Umum</a></h1>"),
        "title from the record:\n{main}"
    );
    assert!(
        main.contains(r#"<section class="modul-kartu-sesi" data-sesi="1-1""#),
        "{main}"
    );
    assert!(
        main.contains("5 JP (225 menit)"),
        "duration = 3 + 2 JP of 45 minutes:\n{main}"
    );
    assert!(
        main.contains("Penyajian/ceramah/kuliah, Diskusi paripurna atau kelompok"),
        "{main}"
    );
    assert!(
        main.contains(r#"<a href="permasalahan.html">Permasalahan Gepeng</a>"#),
        "{main}"
    );
    assert!(
        main.contains("Menyebutkan landasan hukum rehabilitasi sosial"),
        "{main}"
    );
    assert!(
        !main.contains("+++") && !main.contains("[sesi]"),
        "front matter never shows:\n{main}"
    );
    // The card comes before the chapter's own text.
    assert!(
        main.find("data-sesi").unwrap_or(usize::MAX) < main.find("Sesi ini membahas").unwrap_or(0)
    );

    assert!(
        main.contains(r#"data-latihan="1-1-kenali-masalah""#),
        "{main}"
    );
    assert!(
        main.contains("Mengenali masalah &lt;gepeng&gt;"),
        "titles are escaped:\n{main}"
    );
    assert!(main.contains(r#"data-formulir="registrasi""#), "{main}");

    let programme = read(&site.join("pengantar/program.html"));
    let main = main_of(&programme);
    assert!(
        main.contains(r#"<tr data-sesi="1-1">"#) && main.contains(r#"<tr data-sesi="1-2">"#),
        "{main}"
    );
    assert!(
        main.contains(r#"<a href="../sesi-1-2/index.html">1-2 Pendekatan Dasar</a>"#),
        "{main}"
    );
    assert!(
        main.contains("<td>9</td><td>405 (6,8 jam)</td>"),
        "total 9 JP:\n{main}"
    );
    assert!(
        main.contains(r#"<th scope="row" colspan="2">Jumlah</th>"#),
        "{main}"
    );
    assert!(
        main.contains("Hari 2"),
        "9 JP at 8 JP per day take two days:\n{main}"
    );
    assert!(
        main.contains("Manajemen Kasus</a> (lanjutan)"),
        "a topic split over two days says so:\n{main}"
    );
    assert!(
        main.contains("Hari 1 <span class=\"modul-jp\">08.00–15.30 (8 JP)</span>"),
        "8 JP of 45 minutes from 08.00 with 90 minutes of breaks end at 15.30:\n{main}"
    );
    assert!(
        main.contains("<td class=\"modul-waktu\">11.15–12.15</td>\n<td colspan=\"2\">Ishoma"),
        "breaks come from program.toml:\n{main}"
    );

    let home = read(&site.join("index.html"));
    let main = main_of(&home);
    assert!(
        main.contains(r#"<p class="blockquote-tag-title">Catatan</p>"#),
        "alert title in Indonesian:\n{main}"
    );
    assert!(
        main.contains("<strong>rekaan</strong>"),
        "alert body stays Markdown:\n{main}"
    );
    assert!(
        main.contains("<code>{{#latihan bukan-direktif}}</code>"),
        "inline code keeps directives as text:\n{main}"
    );
    assert!(
        main.contains("{{#formulir juga-bukan}}"),
        "code blocks keep directives as text:\n{main}"
    );
    assert!(!main.contains(">Note<"), "{main}");
}

#[test]
fn fixture_renders_glossary_readings_corrections_and_outline_markers() {
    let dir = fixture_copy("kecil");
    let site = dir.path().join("situs");
    build(&dir.path().join("book"), &site).expect("fixture builds");

    let glossary = read(&site.join("daftar-istilah.html"));
    let main = main_of(&glossary);
    for term in ["gepeng", "KK", "asesmen"] {
        assert!(
            main.contains(&format!("data-istilah=\"{term}\"")),
            "{term}:\n{main}"
        );
    }
    assert!(
        main.contains(r#"<a href="sesi-1-2/manajemen-kasus.html">Sesi 1-2: Manajemen Kasus</a>"#),
        "entry links to the topic where it is taught:\n{main}"
    );
    assert!(
        main.contains("Padanan: konferensi kasus, case conference"),
        "{main}"
    );

    let topic = read(&site.join("sesi-1-1/permasalahan.html"));
    let main = main_of(&topic);
    // First occurrence only, with the definition as tooltip; not in the heading.
    assert_eq!(
        main.matches("daftar-istilah.html#istilah-gepeng").count(),
        1,
        "{main}"
    );
    assert!(
        main.contains(r#"<a href="../daftar-istilah.html#istilah-gepeng" title="gepeng (gelandangan dan pengemis): Sebutan singkat untuk gelandangan dan pengemis.">Gepeng</a> hidup"#),
        "{main}"
    );
    assert!(main.contains(r#"title="KK (konferensi kasus)"#) || main.contains("#istilah-kk"));
    assert!(
        main.contains(r#"<li><span class="penanda">a.</span> Gelandangan"#),
        "{main}"
    );
    assert!(
        main.contains(r#"<li><span class="penanda">1)</span> Tidak"#),
        "{main}"
    );
    assert!(
        main.contains(r#"<aside class="modul-bacaan-terkait""#)
            && main.contains(r#"<a href="../bacaan/asesmen.html">Asesmen</a>"#),
        "a supported chapter links back to its reading:\n{main}"
    );

    let reading = read(&site.join("bacaan/asesmen.html"));
    let main = main_of(&reading);
    assert!(
        main.contains("Sumber: Catatan blog “Asismen”, 11 Februari 2013."),
        "source line with original title and date:\n{main}"
    );
    assert!(
        main.contains(
            r#"<a href="../sesi-1-2/manajemen-kasus.html">Sesi 1-2: Manajemen Kasus</a>"#
        ),
        "{main}"
    );
    assert!(
        !main.contains("judul_asli"),
        "front matter is not shown:\n{main}"
    );

    let corrections = read(&site.join("catatan-penyuntingan.html"));
    let main = main_of(&corrections);
    assert!(
        main.contains("<td>manunjukan</td>") && main.contains("<td>menunjukkan</td>"),
        "{main}"
    );
    assert!(main.contains("Tata letak: Judul disesuaikan."), "{main}");
    assert!(
        main.contains("Sumber: berkas 003.txt, baris 1–40."),
        "{main}"
    );
}

#[test]
fn fixture_renders_every_exercise_type_once_in_place() {
    let dir = fixture_copy("kecil");
    let site = dir.path().join("situs");
    build(&dir.path().join("book"), &site).expect("fixture builds");
    let pages = [
        "sesi-1-1/index.html",
        "sesi-1-1/permasalahan.html",
        "sesi-1-1/landasan-hukum.html",
        "sesi-1-2/index.html",
        "sesi-1-2/manajemen-kasus.html",
    ];
    let mut kinds = std::collections::BTreeMap::new();
    for page in pages {
        let html = read(&site.join(page));
        let main = main_of(&html);
        for (at, _) in main.match_indices("<section class=\"modul-latihan\"") {
            let tag = &main[at..at + main[at..].find('>').unwrap_or(0)];
            let attr = |name: &str| {
                let start = tag
                    .find(&format!("{name}=\""))
                    .map(|i| i + name.len() + 2)?;
                Some(tag[start..start + tag[start..].find('"')?].to_string())
            };
            let (Some(id), Some(kind), Some(session), Some(hash)) = (
                attr("data-latihan"),
                attr("data-jenis"),
                attr("data-sesi"),
                attr("data-hash"),
            ) else {
                panic!("root element with its hooks: {tag}");
            };
            assert!(id.starts_with(&session), "{id} in {session}");
            assert_eq!(hash.len(), 12);
            assert!(
                kinds.insert(id.clone(), (kind, page)).is_none(),
                "{id} appears twice"
            );
        }
    }
    let got: Vec<(&str, &str)> = kinds
        .iter()
        .map(|(id, (kind, _))| (id.as_str(), kind.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("1-1-ciri-gelandangan", "pilihan-jamak"),
            ("1-1-dasar-hukum", "benar-salah"),
            ("1-1-kenali-masalah", "pilihan-ganda"),
            ("1-1-refleksi", "refleksi"),
            ("1-2-isi-registrasi", "isi-formulir"),
            ("1-2-istilah-kasus", "jodohkan"),
            ("1-2-nama-asesmen", "isian-singkat"),
            ("1-2-rujukan-ditolak", "studi-kasus"),
            ("1-2-tahap-kasus", "urutkan"),
        ],
        "every exercise exactly once"
    );
    // Placed by directive, by topic, or at the end of the session chapter.
    assert_eq!(kinds["1-1-kenali-masalah"].1, "sesi-1-1/index.html");
    assert_eq!(
        kinds["1-1-ciri-gelandangan"].1,
        "sesi-1-1/permasalahan.html"
    );
    assert_eq!(kinds["1-1-refleksi"].1, "sesi-1-1/index.html");
    assert_eq!(kinds["1-2-tahap-kasus"].1, "sesi-1-2/manajemen-kasus.html");
    assert_eq!(kinds["1-2-nama-asesmen"].1, "sesi-1-2/index.html");

    let topic = read(&site.join("sesi-1-2/manajemen-kasus.html"));
    let main = main_of(&topic);
    assert!(
        main.contains(r##"<h2 id="latihan"><a class="header" href="#latihan">Latihan</a></h2>"##),
        "one heading above the appended exercises:\n{main}"
    );
    // Questions, options, feedback and keys are in the page, readable without scripts.
    for text in [
        "Jodohkan istilah dengan artinya.",
        "<option value=\"0\">B. Pengumpulan dan analisis data klien</option>",
        "Asesmen → <strong>B. Pengumpulan dan analisis data klien</strong>",
        "<summary>Kunci jawaban dan pembahasan</summary>",
        "<summary>Menanyakan alasan penolakan</summary>",
        "Lanjut ke bagian 2",
        "Pembahasan (Akhir cerita: baik)",
        "Bagian 1: Menanyakan alasan penolakan → Bagian 2",
        r#"<a class="modul-latihan-kasus" href="../kasus.html">Kasus berkelanjutan: Pak Sastro</a>"#,
    ] {
        assert!(main.contains(text), "{text}:\n{main}");
    }
    // Steps shown in a fixed shuffle, never in the right order; the key has the right one.
    let shown: Vec<&str> = main
        .match_indices("data-posisi=\"")
        .map(|(i, m)| &main[i + m.len()..i + m.len() + 1])
        .collect();
    assert_eq!(shown, ["3", "0", "1", "2"]);

    let session = read(&site.join("sesi-1-1/index.html"));
    let main = main_of(&session);
    assert!(
        main.contains("Tidak ada keterangan tentang pekerjaan &lt;b&gt;berlebih&lt;/b&gt;."),
        "markup in content is text:\n{main}"
    );
    assert!(
        main.contains("<p>Pak Sastro (rekaan) tidur di emper toko dan <strong>tidak mempunyai KTP</strong>.</p>"),
        "Markdown in content fields:\n{main}"
    );
    assert!(
        main.contains("<details class=\"modul-catatan-fasilitator\">\n<summary>Catatan fasilitator</summary>\n<p>Mulailah dengan <strong>curah pendapat</strong>"),
        "a [!FASILITATOR] block in a chapter:\n{main}"
    );
    assert!(
        main.contains("Minta peserta menjelaskan alasan pilihannya"),
        "the exercise's facilitator note:\n{main}"
    );
    let form = read(&site.join("sesi-1-2/index.html"));
    let form = main_of(&form);
    let key = form
        .split("<tr data-kolom=\"umur\"><th scope=\"row\">")
        .nth(1)
        .unwrap_or_else(|| panic!("the key lists the field: {form}"));
    assert!(
        key.replace('\n', "")
            .starts_with("6. Umur</th><td>52<div class=\"modul-ub\"><p>Umur dari KTP"),
        "the key shows the field's number and label, the model value and its feedback: {key}"
    );
    assert!(
        form.contains(r#"<form class="modul-formulir modul-formulir-latihan" id="latihan-1-2-isi-registrasi-f" data-formulir="registrasi""#),
        "the real form is embedded with the exercise's prefix: {form}"
    );
    assert!(
        form.contains("data-kunci=\"modul:formulir-latihan:1-2-isi-registrasi\""),
        "its draft has its own key, outside the progress records"
    );
    assert!(
        form.contains("&quot;checked&quot;:[&quot;jenis_kelamin&quot;,&quot;umur&quot;]"),
        "choices and numbers are checked, free text is not: {form}"
    );
}

#[test]
fn fixture_renders_worksheets_answer_keys_and_progress_page() {
    let dir = fixture_copy("kecil");
    let site = dir.path().join("situs");
    build(&dir.path().join("book"), &site).expect("fixture builds");

    let sheet = read(&site.join("cetak/lembar-kerja-1-1.html"));
    let main = main_of(&sheet);
    assert!(
        main.contains(
            "<h1 class=\"modul-lembar-judul\">Lembar Kerja Peserta · Sesi 1-1: Umum</h1>"
        ),
        "{main}"
    );
    assert!(
        !main.contains("data-lembar-sesi=\"1-2\""),
        "one session only"
    );
    assert_eq!(main.matches("data-lembar=\"").count(), 4, "{main}");
    assert!(
        main.find("data-lembar=\"1-1-kenali-masalah\"") < main.find("data-lembar=\"1-1-refleksi\""),
        "book order"
    );
    for absent in [
        "Tepat: tidur",
        "Benar, ini ciri utama",
        "Minta peserta",
        "data-latihan=",
    ] {
        assert!(
            !main.contains(absent),
            "no answers, feedback or notes: {absent}\n{main}"
        );
    }
    assert!(
        main.contains("Ceritakan pengalaman Anda bertemu gepeng."),
        "{main}"
    );
    assert_eq!(
        main.matches("<span></span>").count(),
        4,
        "reflection: baris = 4 ruled lines:\n{main}"
    );

    let all = read(&site.join("cetak/lembar-kerja.html"));
    let main = main_of(&all);
    assert!(main.contains("<h1 class=\"modul-cetak-judul\">Lembar Kerja Peserta</h1>"));
    assert_eq!(main.matches("data-lembar=\"").count(), 9);
    assert!(main.contains("Tulis nomor urut"), "{main}");

    let key = read(&site.join("cetak/kunci-jawaban.html"));
    let main = main_of(&key);
    assert_eq!(main.matches("data-lembar=\"").count(), 9);
    for present in [
        "Tepat: tidur di emper toko",
        "Minta peserta menjelaskan alasan pilihannya",
        "Jawaban yang diterima: <strong>asesmen / assessment</strong>",
        "Jalur yang dianjurkan: Bagian 1 → Bagian 2 → Akhir cerita (baik).",
        "Klien tidak boleh ditelantarkan",
    ] {
        assert!(main.contains(present), "{present}:\n{main}");
    }

    let progress = read(&site.join("kemajuan.html"));
    let main = main_of(&progress);
    assert!(main.contains("Buku ini memuat 9 latihan."), "{main}");
    assert!(
        main.contains(r#"<a href="sesi-1-1/permasalahan.html#latihan-1-1-ciri-gelandangan">Ciri gelandangan</a>"#),
        "{main}"
    );
    assert_eq!(main.matches("data-latihan-ref=").count(), 9);
}

#[test]
fn fixture_book_uses_the_real_books_scripts_and_styles() {
    let table = |path: &Path| -> toml::Table {
        read(path)
            .parse()
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    };
    let html = |t: &toml::Table| {
        let out = t["output"]["html"].clone();
        (out["additional-js"].clone(), out["additional-css"].clone())
    };
    assert_eq!(
        html(&table(&repo().join("book/book.toml"))),
        html(&table(&repo().join("tests/fixtures/kecil/book/book.toml")))
    );
}

#[test]
fn same_source_builds_byte_identical_sites() {
    let dir = fixture_copy("kecil");
    let book = dir.path().join("book");
    build(&book, &dir.path().join("a")).expect("first build");
    build(&book, &dir.path().join("b")).expect("second build");
    let (a, b) = (
        snapshot(&dir.path().join("a")),
        snapshot(&dir.path().join("b")),
    );
    assert!(!a.is_empty());
    assert_eq!(a.len(), b.len());
    for ((path_a, bytes_a), (path_b, bytes_b)) in a.iter().zip(&b) {
        assert_eq!(path_a, path_b);
        assert!(
            bytes_a == bytes_b,
            "{} differs between two builds",
            path_a.display()
        );
    }
}

#[test]
fn unknown_exercise_is_reported_with_place_and_closest_id_and_nothing_is_written() {
    let dir = fixture_copy("kecil");
    let chapter = dir.path().join("book/src/sesi-1-1/landasan-hukum.md");
    append(&chapter, "\n{{#latihan 1-1-kenali-masalh}}\n");
    let before = snapshot(dir.path());

    let errors = content_errors(&dir.path().join("book"));
    assert!(
        errors.contains("landasan-hukum.md:5:12: latihan `1-1-kenali-masalh` tidak ditemukan di "),
        "{errors}"
    );
    assert!(
        errors.contains("maksud Anda `1-1-kenali-masalah`?"),
        "{errors}"
    );
    assert!(
        errors.contains("5 | {{#latihan 1-1-kenali-masalh}}"),
        "the line is quoted:\n{errors}"
    );

    let site = dir.path().join("situs");
    assert!(build(&dir.path().join("book"), &site).is_err());
    assert_eq!(
        snapshot(dir.path()),
        before,
        "check and a failed build write nothing"
    );
}

#[test]
fn cli_check_exits_non_zero_and_prints_chapter_line() {
    let dir = fixture_copy("kecil");
    let chapter = dir.path().join("book/src/sesi-1-2/manajemen-kasus.md");
    append(&chapter, "\n{{#latihan tidak-ada}}\n");
    let out = Command::new(env!("CARGO_BIN_EXE_modul"))
        .args(["check", "book"])
        .current_dir(dir.path())
        .output()
        .expect("run modul");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("book/src/sesi-1-2/manajemen-kasus.md:5:12"),
        "{stderr}"
    );

    let good = fixture_copy("kecil");
    let out = Command::new(env!("CARGO_BIN_EXE_modul"))
        .args(["check"])
        .current_dir(good.path())
        .output()
        .expect("run modul");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("2 sesi, 9 latihan, 1 formulir"));
}

#[test]
fn bad_content_gets_precise_indonesian_messages() {
    let session = "book/src/sesi-1-2/index.md";
    let cases = [
        Case {
            name: "missing title",
            file: session,
            find: "judul = \"Pendekatan Dasar\"\n",
            replace: "",
            expected: &["sesi-1-2/index.md:2:1: kolom `judul` wajib diisi tetapi tidak ada"],
        },
        Case {
            name: "unknown method",
            file: session,
            find: "metode = [\"studi-kasus\"]",
            replace: "metode = [\"studi-kasuss\"]",
            expected: &[
                "sesi-1-2/index.md:6:11: metode `studi-kasuss` tidak dikenal",
                "maksud Anda `studi-kasus`?",
            ],
        },
        Case {
            name: "unknown key",
            file: session,
            find: "media = ",
            replace: "durasi = 4\nmedia = ",
            expected: &["sesi-1-2/index.md:7:1: kolom `durasi` tidak dikenal"],
        },
        Case {
            name: "missing topic page",
            file: session,
            find: "halaman = \"manajemen-kasus.md\"",
            replace: "halaman = \"manajemn-kasus.md\"",
            expected: &[
                "sesi-1-2/index.md:11:11: halaman topik `manajemn-kasus.md` tidak ada di SUMMARY.md",
                "maksud Anda `manajemen-kasus.md`?",
            ],
        },
        Case {
            name: "zero JP",
            file: session,
            find: "jp = 4",
            replace: "jp = 0",
            expected: &["sesi-1-2/index.md:12:6: durasi topik 0 JP tidak sah"],
        },
        Case {
            name: "unclosed front matter",
            file: session,
            find: "jp = 4\n+++\n",
            replace: "jp = 4\n",
            expected: &[
                "sesi-1-2/index.md:1:1: front matter dibuka dengan `+++` tetapi tidak pernah ditutup",
            ],
        },
        Case {
            name: "duplicate code",
            file: session,
            find: "kode = \"1-2\"",
            replace: "kode = \"1-1\"",
            expected: &["sesi-1-2/index.md:3:8: kode sesi `1-1` sudah dipakai di"],
        },
        Case {
            name: "bad code",
            file: session,
            find: "kode = \"1-2\"",
            replace: "kode = \"satu\"",
            expected: &["sesi-1-2/index.md:3:8: kode sesi `satu` tidak sah"],
        },
        Case {
            name: "unlisted sub-chapter",
            file: "book/src/sesi-1-1/index.md",
            find: "[[sesi.topik]]\njudul = \"Landasan Hukum\"\nhalaman = \"landasan-hukum.md\"\njp = 2\n",
            replace: "",
            expected: &[
                "subbab `sesi-1-1/landasan-hukum.md` ada di SUMMARY.md tetapi tidak tercantum sebagai topik sesi",
            ],
        },
        Case {
            name: "unknown directive",
            file: "book/src/index.md",
            find: "Buku uji untuk preprocessor.",
            replace: "{{#latiahn x}}",
            expected: &[
                "index.md:3:4: direktif `{{#latiahn}}` tidak dikenal",
                "maksud Anda `latihan`?",
            ],
        },
        Case {
            name: "directive inside a sentence",
            file: "book/src/index.md",
            find: "Buku uji untuk preprocessor.",
            replace: "Ya {{#formulir registrasi}} ya.",
            expected: &["index.md:3:4: direktif `{{#formulir}}` harus berdiri sendiri"],
        },
        Case {
            name: "bad TOML in a form",
            file: "forms/registrasi.toml",
            find: "judul = \"Registrasi Klien\"",
            replace: "judul = \"Registrasi",
            expected: &["forms/registrasi.toml:1:20: TOML tidak sah"],
        },
        Case {
            name: "unknown form",
            file: "book/src/sesi-1-1/index.md",
            find: "{{#formulir registrasi}}",
            replace: "{{#formulir registrasii}}",
            expected: &[
                "sesi-1-1/index.md:27:13: formulir `registrasii` tidak ditemukan di ",
                "forms/registrasii.toml atau perbaiki id",
                "maksud Anda `registrasi`?",
            ],
        },
        Case {
            name: "draft chapter",
            file: "book/src/SUMMARY.md",
            find: "- [Program Pelatihan](pengantar/program.md)",
            replace: "- [Jadwal]()\n- [Program Pelatihan](pengantar/program.md)",
            expected: &["SUMMARY.md:5:3: bab `Jadwal` tidak mempunyai berkas (bab draf)"],
        },
        Case {
            name: "bad method id in the programme",
            file: "book/data/program.toml",
            find: "id = \"ceramah\"",
            replace: "id = \"Ceramah\"",
            expected: &["program.toml:28:6: id metode `Ceramah` tidak sah"],
        },
        Case {
            name: "bad start time",
            file: "book/data/program.toml",
            find: "mulai = \"08.00\"",
            replace: "mulai = \"pagi\"",
            expected: &["program.toml:9:9: jam mulai `pagi` tidak sah"],
        },
        Case {
            name: "break outside the day",
            file: "book/data/program.toml",
            find: "setelah_jp = 6",
            replace: "setelah_jp = 9",
            expected: &["program.toml:23:14: jeda setelah 9 JP tidak jatuh di dalam hari 8 JP"],
        },
        Case {
            name: "glossary term taught in a missing session",
            file: "book/data/istilah.toml",
            find: "sesi = \"1-2\"\ntopik = \"Manajemen Kasus\"",
            replace: "sesi = \"1-9\"\ntopik = \"Manajemen Kasus\"",
            expected: &["istilah.toml:19:8: sesi `1-9` tidak ada di buku"],
        },
        Case {
            name: "glossary topic not in its session",
            file: "book/data/istilah.toml",
            find: "topik = \"Manajemen Kasus\"",
            replace: "topik = \"Manajemen Kasuss\"",
            expected: &[
                "istilah.toml:20:9: topik `Manajemen Kasuss` tidak ada di sesi 1-2",
                "maksud Anda `Manajemen Kasus`?",
            ],
        },
        Case {
            name: "glossary synonym that is another entry",
            file: "book/data/istilah.toml",
            find: "sinonim = [\"assessment\", \"asismen\"]",
            replace: "sinonim = [\"assessment\", \"Gepeng\"]",
            expected: &["istilah.toml:21:26: `Gepeng` sudah dipakai oleh istilah `gepeng`"],
        },
        Case {
            name: "glossary entry with an unknown key",
            file: "book/data/istilah.toml",
            find: "definisi = \"Pertemuan",
            replace: "arti = \"x\"\ndefinisi = \"Pertemuan",
            expected: &["istilah.toml:12:1: kolom `arti` tidak dikenal"],
        },
        Case {
            name: "glossary directive with an argument",
            file: "book/src/daftar-istilah.md",
            find: "{{#istilah}}",
            replace: "{{#istilah semua}}",
            expected: &["daftar-istilah.md:3:12: `{{#istilah}}` tidak menerima argumen"],
        },
        Case {
            name: "correction file with a reversed line range",
            file: "book/data/penyuntingan/01-sesi-1-1.toml",
            find: "baris = [1, 40]",
            replace: "baris = [40, 1]",
            expected: &["01-sesi-1-1.toml:2:9: rentang `baris` tidak sah"],
        },
        Case {
            name: "correction without its fix",
            file: "book/data/penyuntingan/01-sesi-1-1.toml",
            find: "perbaikan = \"menunjukkan\"\n",
            replace: "",
            expected: &["01-sesi-1-1.toml:7:8: koreksi tanpa `perbaikan`"],
        },
        Case {
            name: "correction of an unknown kind",
            file: "book/data/penyuntingan/01-sesi-1-1.toml",
            find: "jenis = \"tata-letak\"",
            replace: "jenis = \"layout\"",
            expected: &[
                "01-sesi-1-1.toml:16:9: nilai `layout` tidak dikenal; pilihan: teks, tata-letak, dihapus",
            ],
        },
        Case {
            name: "reading supports a chapter that does not exist",
            file: "book/src/bacaan/asesmen.md",
            find: "\"sesi-1-1/permasalahan.md\"",
            replace: "\"sesi-1-1/permasalahn.md\"",
            expected: &[
                "bacaan/asesmen.md:7:45: bab `sesi-1-1/permasalahn.md` tidak ada di SUMMARY.md",
                "maksud Anda `sesi-1-1/permasalahan.md`?",
            ],
        },
        Case {
            name: "exercise of an unknown type",
            file: "exercises/1-2-tahap-kasus.toml",
            find: "jenis = \"urutkan\"",
            replace: "jenis = \"urutan\"",
            expected: &[
                "1-2-tahap-kasus.toml:4:9: jenis latihan `urutan` tidak dikenal",
                "maksud Anda `urutkan`?",
            ],
        },
        Case {
            name: "single choice with two right answers",
            file: "exercises/1-1-kenali-masalah.toml",
            find: "benar = false\numpan_balik = \"Tidak ada keterangan tentang pekerjaan",
            replace: "benar = true\numpan_balik = \"Tidak ada keterangan tentang pekerjaan",
            expected: &[
                "1-1-kenali-masalah.toml:15:9: pilihan-ganda harus mempunyai tepat satu pilihan benar, tetapi ada 2",
            ],
        },
        Case {
            name: "option without feedback",
            file: "exercises/1-1-ciri-gelandangan.toml",
            find: "umpan_balik = \"Benar, ini ciri utama gelandangan.\"\n",
            replace: "",
            expected: &[
                "1-1-ciri-gelandangan.toml:7:1: kolom `umpan_balik` wajib diisi tetapi tidak ada",
            ],
        },
        Case {
            name: "exercise in a session that does not exist",
            file: "exercises/1-1-dasar-hukum.toml",
            find: "sesi = \"1-1\"",
            replace: "sesi = \"1-3\"",
            expected: &[
                "1-1-dasar-hukum.toml:2:8: sesi `1-3` tidak ada di buku",
                "maksud Anda `1-1`?",
            ],
        },
        Case {
            name: "exercise topic not in its session",
            file: "exercises/1-1-dasar-hukum.toml",
            find: "topik = \"Landasan Hukum\"",
            replace: "topik = \"Landasan Hukm\"",
            expected: &[
                "1-1-dasar-hukum.toml:3:9: topik `Landasan Hukm` tidak ada di sesi 1-1",
                "maksud Anda `Landasan Hukum`?",
            ],
        },
        Case {
            name: "exercise of an unknown longitudinal case",
            file: "exercises/1-2-rujukan-ditolak.toml",
            find: "kasus = \"sastro\"",
            replace: "kasus = \"satro\"",
            expected: &[
                "1-2-rujukan-ditolak.toml:5:9: kasus `satro` tidak ada di exercises/kasus.toml",
                "maksud Anda `sastro`?",
            ],
        },
        Case {
            name: "form-filling exercise with an unknown form",
            file: "exercises/1-2-isi-registrasi.toml",
            find: "formulir = \"registrasi\"",
            replace: "formulir = \"registrsi\"",
            expected: &[
                "1-2-isi-registrasi.toml:5:12: formulir `registrsi` tidak ditemukan di forms/",
                "maksud Anda `registrasi`?",
            ],
        },
        Case {
            name: "model answer for a field the form does not have",
            file: "exercises/1-2-isi-registrasi.toml",
            find: "jenis_kelamin = \"l\"",
            replace: "jenis_klamin = \"l\"",
            expected: &[
                "1-2-isi-registrasi.toml:10:1: kolom `jenis_klamin` tidak ada di formulir `registrasi`",
                "maksud Anda `jenis_kelamin`?",
            ],
        },
        Case {
            name: "model answer with a choice the list does not have",
            file: "exercises/1-2-isi-registrasi.toml",
            find: "jenis_kelamin = \"l\"",
            replace: "jenis_kelamin = \"pria\"",
            expected: &[
                "1-2-isi-registrasi.toml:10:17: `jenis_kelamin`: pilihan `pria` tidak ada di daftar `jenis_kelamin`",
                "tulis nama pilihan, salah satu dari: l, p",
            ],
        },
        Case {
            name: "model answer that is not a number for an integer field",
            file: "exercises/1-2-isi-registrasi.toml",
            find: "umur = 52",
            replace: "umur = \"lima puluh dua\"",
            expected: &[
                "1-2-isi-registrasi.toml:11:8: `umur`: `lima puluh dua` bukan bilangan bulat",
                "tulis bilangan bulat, misalnya 45",
            ],
        },
        Case {
            name: "model answer for a table column the table does not have",
            file: "exercises/1-2-isi-registrasi.toml",
            find: "umur_anggota = 48",
            replace: "umur_angota = 48",
            expected: &[
                "1-2-isi-registrasi.toml:13:1: kolom `umur_angota` tidak ada di tabel `anggota`",
                "maksud Anda `umur_anggota`?",
            ],
        },
        Case {
            name: "a table written as one value",
            file: "exercises/1-2-isi-registrasi.toml",
            find: "[[jawaban_model.anggota]]\nnama_anggota = \"Sumi\"\numur_anggota = 48",
            replace: "anggota = \"Sumi\"",
            expected: &[
                "1-2-isi-registrasi.toml:13:11: `anggota` adalah tabel di formulir",
                "tulis satu [[jawaban_model.anggota]] per baris tabel",
            ],
        },
        Case {
            name: "scenario choice leading nowhere",
            file: "exercises/1-2-rujukan-ditolak.toml",
            find: "lanjut = \"akhir-baik\"",
            replace: "lanjut = \"akhir-bagus\"",
            expected: &[
                "1-2-rujukan-ditolak.toml:29:10: `lanjut` menuju simpul `akhir-bagus` yang tidak ada",
                "maksud Anda `akhir-baik`?",
            ],
        },
        Case {
            name: "scenario part nobody reaches",
            file: "exercises/1-2-rujukan-ditolak.toml",
            find: "lanjut = \"akhir-kurang\"",
            replace: "lanjut = \"lengkapi\"",
            expected: &[
                "1-2-rujukan-ditolak.toml:43:6: simpul `akhir-kurang` tidak dapat dicapai dari simpul awal `awal`",
            ],
        },
        Case {
            name: "scenario loop without a way out",
            file: "exercises/1-2-rujukan-ditolak.toml",
            find: "lanjut = \"akhir-baik\"",
            replace: "lanjut = \"awal\"",
            expected: &[
                "1-2-rujukan-ditolak.toml:37:6: simpul `akhir-baik` tidak dapat dicapai",
                "skenario tidak mempunyai akhir \"baik\" yang dapat dicapai",
            ],
        },
        Case {
            name: "scenario ending without debrief",
            file: "exercises/1-2-rujukan-ditolak.toml",
            find: "pembahasan = \"Klien tidak boleh ditelantarkan karena rujukan ditolak.\"\n",
            replace: "",
            expected: &[
                "1-2-rujukan-ditolak.toml:45:9: simpul akhir `akhir-kurang` tidak mempunyai pembahasan",
            ],
        },
        Case {
            name: "matching with a repeated right-hand side",
            file: "exercises/1-2-istilah-kasus.toml",
            find: "kanan = \"Pengakhiran pelayanan\"",
            replace: "kanan = \"Pengiriman klien ke lembaga lain\"",
            expected: &[
                "1-2-istilah-kasus.toml:18:9: `kanan` “Pengiriman klien ke lembaga lain” tertulis dua kali (juga di baris 14)",
            ],
        },
        Case {
            name: "key of another exercise type",
            file: "exercises/1-2-nama-asesmen.toml",
            find: "jenis = \"isian-singkat\"",
            replace: "jenis = \"isian-singkat\"\nlangkah = [\"a\", \"b\", \"c\"]",
            expected: &[
                "1-2-nama-asesmen.toml:4:11: kolom `langkah` tidak dipakai oleh latihan jenis `isian-singkat`",
            ],
        },
        Case {
            name: "exercise placed twice",
            file: "book/src/sesi-1-1/landasan-hukum.md",
            find: "> Pasal 34",
            replace: "{{#latihan 1-1-kenali-masalah}}\n\n> Pasal 34",
            expected: &[
                "landasan-hukum.md:3:12: latihan `1-1-kenali-masalah` sudah dimuat di sesi-1-1/index.md:",
                "setiap latihan tampil tepat sekali di buku",
            ],
        },
        Case {
            name: "worksheet of an unknown session",
            file: "book/src/cetak/lembar-kerja-1-1.md",
            find: "{{#lembar-kerja 1-1}}",
            replace: "{{#lembar-kerja 1-9}}",
            expected: &["lembar-kerja-1-1.md:1:17: sesi `1-9` tidak ada di buku"],
        },
        Case {
            name: "case page missing from the book",
            file: "exercises/kasus.toml",
            find: "halaman = \"kasus.md\"",
            replace: "halaman = \"kasus-sastro.md\"",
            expected: &["kasus.toml:4:11: halaman kasus `kasus-sastro.md` tidak ada di SUMMARY.md"],
        },
        Case {
            name: "reading without its original title",
            file: "book/src/bacaan/asesmen.md",
            find: "judul_asli = \"Asismen\"\n",
            replace: "",
            expected: &["bacaan/asesmen.md:2:1: kolom `judul_asli` wajib diisi tetapi tidak ada"],
        },
    ];
    check_bad_cases(&cases);
}

#[test]
fn failed_build_keeps_the_previous_site_and_leaves_no_partial_output() {
    let dir = fixture_copy("kecil");
    let book = dir.path().join("book");
    let site = dir.path().join("situs");
    build(&book, &site).expect("first build");
    let good = snapshot(&site);

    let refused = build(&book, &book.join("src"));
    assert!(
        matches!(&refused, Err(Error::Other(m)) if m.contains("menimpa sumber buku")),
        "{refused:?}"
    );
    let refused = build(&book, dir.path());
    assert!(
        matches!(&refused, Err(Error::Other(m)) if m.contains("menimpa sumber buku")),
        "{refused:?}"
    );

    std::fs::write(
        book.join("src/index.md"),
        "# Beranda\n\n{{#latihan tidak-ada}}\n",
    )
    .expect("write");
    assert!(build(&book, &site).is_err());
    assert_eq!(snapshot(&site), good, "the previous site is untouched");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("read")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".modul"))
        .collect();
    assert!(leftovers.is_empty(), "no staging folder is left behind");
}

#[test]
fn preprocessor_binary_speaks_the_mdbook_protocol() {
    let bin = env!("CARGO_BIN_EXE_mdbook-modul");
    assert!(
        Command::new(bin)
            .args(["supports", "html"])
            .status()
            .expect("run")
            .success()
    );
    assert!(
        !Command::new(bin)
            .args(["supports", "epub"])
            .status()
            .expect("run")
            .success()
    );

    // mdbook-driver runs the command exactly as the stock `mdbook build` does.
    let dir = fixture_copy("kecil");
    let book_dir = dir.path().join("book");
    let mut config =
        mdbook_preprocessor::config::Config::from_disk(book_dir.join("book.toml")).expect("config");
    config
        .set("preprocessor.modul.command", bin)
        .expect("set command");
    config.build.build_dir = dir.path().join("stock");
    let book = mdbook_driver::MDBook::load_with_config(&book_dir, config).expect("load");
    book.build().expect("stock build through the JSON protocol");
    let page = read(&dir.path().join("stock/sesi-1-1/index.html"));
    assert!(page.contains(r#"data-sesi="1-1""#));

    // Errors travel back through the protocol too.
    std::fs::write(book_dir.join("src/index.md"), "{{#latihan tidak-ada}}\n").expect("write");
    let mut config =
        mdbook_preprocessor::config::Config::from_disk(book_dir.join("book.toml")).expect("config");
    config
        .set("preprocessor.modul.command", bin)
        .expect("set command");
    config.build.build_dir = dir.path().join("stock2");
    let book = mdbook_driver::MDBook::load_with_config(&book_dir, config).expect("load");
    assert!(book.build().is_err());
}

#[test]
fn the_real_book_checks_and_builds_in_indonesian() {
    let book = repo().join("book");
    let model = check_book(&book).unwrap_or_else(|e| panic!("{e}"));
    let codes: Vec<&str> = model
        .sessions_in_order()
        .iter()
        .map(|s| s.code.as_str())
        .collect();
    assert_eq!(
        codes,
        [
            "1-1", "1-2", "1-3", "1-4", "1-5", "1-6", "1-7", "1-8", "1-9"
        ]
    );

    let out = tempfile::tempdir().expect("temp");
    let site = out.path().join("situs");
    build(&book, &site).unwrap_or_else(|e| panic!("{e}"));
    let index = read(&site.join("index.html"));
    assert!(index.contains(r#"<html lang="id""#));
    assert!(index.contains(r#"placeholder="Cari di buku ini …""#));
    assert!(index.contains("Pintasan papan ketik") && !index.contains("Keyboard shortcuts"));
    for code in codes {
        let page = read(&site.join(format!("sesi-{code}/index.html")));
        assert!(
            page.contains(&format!(r#"data-sesi="{code}""#)),
            "session {code} has its card"
        );
    }
    let not_found = read(&site.join("404.html"));
    assert!(
        not_found.contains("<title>Halaman tidak ditemukan - ")
            && not_found.contains("Halaman tidak ditemukan (404)")
            && !not_found.contains("not found"),
        "the 404 page is Indonesian"
    );
    let programme = read(&site.join("pengantar/program-pelatihan.html"));
    assert_eq!(programme.matches("<tr data-sesi=").count(), 9);

    // Exercises: at least 36 of at least 8 types, at least 4 per session, every topic practised,
    // and each exactly once in the built book (print.html aside).
    let exercises = &model.exercise_data;
    assert!(exercises.len() >= 36, "{} exercises", exercises.len());
    let kinds: std::collections::BTreeSet<_> = exercises.values().map(|e| e.kind()).collect();
    assert!(kinds.len() >= 8, "{kinds:?}");
    for session in model.sessions_in_order() {
        let count = exercises
            .values()
            .filter(|e| e.session == session.code)
            .count();
        assert!(count >= 4, "session {} has {count} exercises", session.code);
        for topic in &session.topics {
            assert!(
                exercises
                    .values()
                    .any(|e| e.session == session.code && e.topic.as_ref() == Some(&topic.title)),
                "no exercise for {} {}",
                session.code,
                topic.title
            );
        }
    }
    let mut seen = std::collections::BTreeMap::new();
    for (path, bytes) in snapshot(&site) {
        if path.extension().is_none_or(|e| e != "html") || path == Path::new("print.html") {
            continue;
        }
        let html = String::from_utf8_lossy(&bytes);
        for (at, _) in html.match_indices(" data-latihan=\"") {
            let start = at + " data-latihan=\"".len();
            let id = &html[start..start + html[start..].find('"').unwrap_or(0)];
            *seen.entry(id.to_string()).or_insert(0) += 1;
        }
    }
    assert_eq!(seen.len(), exercises.len());
    assert!(seen.values().all(|&n| n == 1), "{seen:?}");
}

#[test]
fn theme_files_are_current_with_the_ui_table() {
    let stale = modul::theme::stale(&repo().join("book/theme")).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        stale.is_empty(),
        "run `cargo run --bin modul -- tema book`; stale: {stale:?}"
    );
}

/// Every string key our scripts read exists in its table of `ui.toml`: a missing one would show
/// an empty message or the bare key instead of Indonesian text.
#[test]
fn every_string_the_scripts_use_is_in_ui_toml() {
    let table: toml::Table = read(&repo().join("preprocessor/src/ui.toml"))
        .parse()
        .expect("ui.toml parses");
    let theme = repo().join("book/theme");
    let checks: &[(&str, &[&str], &str)] = &[
        (
            "latihan",
            &[
                "latihan.js",
                "latihan-pilihan.js",
                "latihan-urutkan.js",
                "latihan-jodohkan.js",
                "latihan-isian.js",
                "latihan-kasus.js",
                "latihan-refleksi.js",
                "latihan-formulir.js",
                "kemajuan.js",
            ],
            r"\bT\.([a-z_]+)",
        ),
        ("skrip", &["modul-formulir.js"], r"'(formulir_[a-z_]+)'"),
        ("pencarian", &["modul-cari.js"], r"\bT\.([a-z_]+)"),
    ];
    let mut missing = Vec::new();
    for (name, files, pattern) in checks {
        let keys = table[*name].as_table().expect("a table of strings");
        let pattern = regex::Regex::new(pattern).expect("pattern");
        let mut used = 0;
        for file in *files {
            let text = read(&theme.join(file));
            for key in pattern.captures_iter(&text).map(|c| c[1].to_string()) {
                used += 1;
                if !keys.contains_key(&key) {
                    missing.push(format!("{file}: {key} not in [{name}]"));
                }
            }
        }
        assert!(used > 3, "the pattern for [{name}] finds the keys");
    }
    assert!(missing.is_empty(), "{missing:#?}");
}
