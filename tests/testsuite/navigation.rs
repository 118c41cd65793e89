//! Ways through the book (issue 18): the home page leads to every part a reader needs, and a
//! page with exercises starts with links to them and leads back to the top after each one.

use crate::common::html::{element, main_of};
use crate::common::sites::{page, real_book};
use regex::Regex;
use std::path::Path;

/// The `href`s of the links in a piece of HTML, in order.
fn links(html: &str) -> Vec<String> {
    let href = Regex::new(r#"<a [^>]*href="([^"]*)""#).expect("regex");
    href.captures_iter(html)
        .map(|c| c[1].replace("&amp;", "&"))
        .collect()
}

/// Whether `href` (from the page `from`, relative to the site root) names a built page, and an
/// element of it when it has a fragment.
fn resolves(site: &Path, from: &str, href: &str) -> bool {
    let (path, fragment) = href.split_once('#').unwrap_or((href, ""));
    let path = path.split('?').next().unwrap_or_default();
    let base = Path::new(from).parent().unwrap_or(Path::new(""));
    let target = if path.is_empty() {
        site.join(from)
    } else {
        site.join(base).join(path)
    };
    let Ok(html) = std::fs::read_to_string(&target) else {
        return false;
    };
    fragment.is_empty() || html.contains(&format!(" id=\"{fragment}\""))
}

#[test]
fn home_page_leads_to_every_part_and_every_link_resolves() {
    let site = real_book();
    let home = page(site, "index.html");
    let hrefs = links(main_of(&home));
    let broken: Vec<&String> = hrefs
        .iter()
        .filter(|h| !h.starts_with("http") && !resolves(site, "index.html", h))
        .collect();
    assert!(
        broken.is_empty(),
        "links of the home page lead nowhere: {broken:?}"
    );
    let mut parts: Vec<String> = [
        "pengantar/index.html",
        "pengantar/cara-menggunakan.html",
        "pengantar/program-pelatihan.html",
        "kasus-berkelanjutan.html",
        "kemajuan.html",
        "bacaan/index.html",
        "daftar-istilah.html",
        "daftar-pustaka.html",
        "cetak/panduan-fasilitator.html",
        "pelatihan/tes-awal.html",
        "pelatihan/tes-akhir.html",
        "pelatihan/kontrak-belajar.html",
        "pelatihan/rencana-tindak-lanjut.html",
        "pelatihan/evaluasi-penyelenggaraan.html",
        "pelatihan/daftar-hadir.html",
        "cetak/lembar-kerja.html",
        "cetak/kunci-jawaban.html",
        "formulir.html",
        "formulir/berkas-klien.html",
        "lampiran/index.html",
        "unduh-dan-cetak.html",
        "catatan-penyuntingan.html",
    ]
    .map(String::from)
    .to_vec();
    parts.extend((1..=9).map(|n| format!("sesi-1-{n}/index.html")));
    let missing: Vec<&String> = parts.iter().filter(|p| !hrefs.contains(p)).collect();
    assert!(
        missing.is_empty(),
        "the home page does not lead to {missing:?}"
    );
}

/// Every page that shows exercises (worksheets and answer keys aside) starts with
/// "Latihan di halaman ini": one link per exercise block, in page order, before the first
/// section heading; each exercise is followed by "Kembali ke atas".
#[test]
fn pages_with_exercises_list_them_at_the_top() {
    let site = real_book();
    let block =
        Regex::new(r#"<section class="modul-latihan" id="([^"]+)" data-latihan="#).expect("regex");
    let mut pages = 0;
    for entry in crate::common::files(site) {
        let name = entry
            .strip_prefix(site)
            .expect("inside the site")
            .to_string_lossy()
            .replace('\\', "/");
        if name.starts_with("cetak/") || name == "print.html" || !name.ends_with(".html") {
            continue;
        }
        let html = page(site, &name);
        if !html.contains("<main>") {
            continue;
        }
        let main = main_of(&html);
        let ids: Vec<String> = block
            .captures_iter(main)
            .map(|c| c[1].to_string())
            .collect();
        if ids.is_empty() {
            assert!(
                !main.contains("latihan-di-halaman-ini"),
                "{name}: a list without exercises"
            );
            continue;
        }
        pages += 1;
        let nav = element(main, "id=\"latihan-di-halaman-ini\"");
        assert!(nav.contains("Latihan di halaman ini"), "{name}: {nav}");
        let targets: Vec<String> = links(nav)
            .into_iter()
            .map(|h| h.trim_start_matches('#').to_string())
            .collect();
        assert_eq!(
            targets, ids,
            "{name}: the list and the exercise blocks differ"
        );
        // At the top: right after the title, or after the session card on a session page.
        let after_card = main
            .find("<section class=\"modul-kartu-sesi\"")
            .map_or(0, |at| at + element(&main[at..], "modul-kartu-sesi").len());
        let first_section = main[after_card..]
            .find("<h2")
            .map_or(main.len(), |i| i + after_card);
        let list_at = main
            .find("id=\"latihan-di-halaman-ini\"")
            .unwrap_or(usize::MAX);
        assert!(
            list_at < first_section,
            "{name}: the list is not at the top"
        );
        assert_eq!(
            main.matches("<p class=\"modul-ke-atas\"><a href=\"#\">Kembali ke atas</a></p>")
                .count(),
            ids.len(),
            "{name}: one way back to the top after each exercise"
        );
    }
    assert!(pages > 20, "only {pages} pages with exercises");
    let list = page(site, "sesi-1-4/asesmen.html");
    let list = element(&list, "id=\"latihan-di-halaman-ini\"").to_string();
    crate::common::snapshots().bind(|| insta::assert_snapshot!("latihan_di_halaman_ini", list));
}
