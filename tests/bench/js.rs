//! Script size benchmark (prints figures, asserts nothing): every script of book.toml's
//! `additional-js`, raw and gzip-compressed as a web server or phone browser would fetch it,
//! with the totals for the exercise scripts (goal: <= 15 KB gzip) and for all of ours.
//!
//! Run: `cargo bench --bench js`.

use flate2::Compression;
use flate2::write::GzEncoder;
use std::io::Write;
use std::path::Path;

fn gzip_len(bytes: &[u8]) -> usize {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(bytes).expect("compress");
    encoder.finish().expect("compress").len()
}

fn main() {
    let book = Path::new(env!("CARGO_MANIFEST_DIR")).join("../book");
    let config: toml::Table = std::fs::read_to_string(book.join("book.toml"))
        .expect("book.toml")
        .parse()
        .expect("book.toml parses");
    let scripts: Vec<String> = config["output"]["html"]["additional-js"]
        .as_array()
        .expect("additional-js")
        .iter()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect();
    let is_exercise = |name: &str| name.contains("latihan") || name.contains("kemajuan");
    let (mut raw_all, mut gz_all, mut raw_ex, mut gz_ex) = (0, 0, 0, 0);
    println!("{:<32} {:>9} {:>9}", "script", "bytes", "gzip");
    for script in &scripts {
        let bytes = std::fs::read(book.join(script)).expect("script");
        let gz = gzip_len(&bytes);
        println!("{script:<32} {:>9} {:>9}", bytes.len(), gz);
        raw_all += bytes.len();
        gz_all += gz;
        if is_exercise(script) {
            raw_ex += bytes.len();
            gz_ex += gz;
        }
    }
    let kb = |n: usize| n as f64 / 1024.0;
    println!();
    println!(
        "exercise scripts:  {:>7.1} KB, {:>5.1} KB gzip (goal <= 15 KB gzip)",
        kb(raw_ex),
        kb(gz_ex)
    );
    println!(
        "all our scripts:   {:>7.1} KB, {:>5.1} KB gzip",
        kb(raw_all),
        kb(gz_all)
    );
}
