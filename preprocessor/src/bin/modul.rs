//! `modul`: build, preview and check the training book without installing mdBook.

use clap::{ArgAction, Parser, Subcommand};
use modul::build::{BuildOptions, build_book, check_book};
use modul::diagnostic::display_path;
use std::path::PathBuf;
use std::process::ExitCode;

// clap's own headings are English; these templates give the help screens Indonesian ones.
const MAIN_HELP: &str =
    "{about}\n\nPemakaian: {usage}\n\nPerintah:\n{subcommands}\n\nPilihan:\n{options}";
const COMMAND_HELP: &str =
    "{about}\n\nPemakaian: {usage}\n\nArgumen:\n{positionals}\n\nPilihan:\n{options}";

/// Membangun, menampilkan dan memeriksa buku Modul Pelayanan dan Rehabilitasi Sosial.
#[derive(Parser)]
#[command(
    name = "modul",
    version,
    disable_help_subcommand = true,
    disable_help_flag = true,
    disable_version_flag = true,
    help_template = MAIN_HELP,
    subcommand_value_name = "PERINTAH"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Menampilkan bantuan ini.
    #[arg(short = 'h', long = "help", action = ArgAction::Help, global = true)]
    help: Option<bool>,
    /// Menampilkan versi.
    #[arg(short = 'V', long = "version", action = ArgAction::Version)]
    version: Option<bool>,
}

#[derive(Subcommand)]
enum Command {
    /// Membangun situs buku (HTML statis yang dapat dibuka dari folder).
    #[command(help_template = COMMAND_HELP)]
    Build {
        /// Folder buku (berisi book.toml).
        #[arg(default_value = "book", value_name = "FOLDER_BUKU")]
        book_dir: PathBuf,
        /// Folder hasil; bawaan: build-dir di book.toml.
        #[arg(short, long, value_name = "FOLDER")]
        dest_dir: Option<PathBuf>,
        /// Mengganti folder hasil yang sudah berisi berkas lain (bukan hasil `modul build`); isinya terhapus.
        #[arg(long)]
        force: bool,
        /// Juga membuat berkas unduhan di FOLDER/unduh: PDF (dicetak dengan Chromium) dan modul-luring.zip.
        #[arg(long)]
        pdf: bool,
    },
    /// Membangun lalu menampilkan buku di http://127.0.0.1:PORT, dibangun ulang setiap ada perubahan.
    #[command(help_template = COMMAND_HELP)]
    Serve {
        /// Folder buku (berisi book.toml).
        #[arg(default_value = "book", value_name = "FOLDER_BUKU")]
        book_dir: PathBuf,
        /// Port lokal.
        #[arg(short, long, default_value_t = 3000)]
        port: u16,
    },
    /// Memeriksa seluruh isi dan data tanpa menulis apa pun; keluar dengan kode 1 bila ada galat.
    #[command(help_template = COMMAND_HELP)]
    Check {
        /// Folder buku (berisi book.toml).
        #[arg(default_value = "book", value_name = "FOLDER_BUKU")]
        book_dir: PathBuf,
    },
    /// Mencari di buku seperti kotak pencarian situs: membangun buku ke folder sementara, lalu menampilkan hasil teratas.
    #[command(help_template = COMMAND_HELP)]
    Cari {
        /// Kata yang dicari, misalnya "rujukan ke rumah sakit".
        #[arg(value_name = "KUERI")]
        query: String,
        /// Folder buku (berisi book.toml).
        #[arg(default_value = "book", value_name = "FOLDER_BUKU")]
        book_dir: PathBuf,
        /// Jumlah hasil yang ditampilkan.
        #[arg(short = 'n', long = "jumlah", default_value_t = 10)]
        limit: usize,
    },
    /// Menulis ulang berkas tema berbahasa Indonesia (book/theme) dari tabel preprocessor/src/ui.toml.
    #[command(help_template = COMMAND_HELP)]
    Tema {
        /// Folder buku (berisi book.toml).
        #[arg(default_value = "book", value_name = "FOLDER_BUKU")]
        book_dir: PathBuf,
    },
}

/// The exercise figures of `modul check`: levels, and where the keys are shown.
fn exercise_summary(f: &modul::exercise::Figures) -> String {
    let pct = |x: f64| (x * 100.0).round();
    let levels: Vec<String> = f
        .levels
        .iter()
        .map(|(level, n)| format!("{n} {}", level.name()))
        .collect();
    let key_at: Vec<String> = f
        .key_at
        .iter()
        .enumerate()
        .map(|(at, n)| format!("{}={n}", char::from(b'A' + (at % 26) as u8)))
        .collect();
    format!(
        "Tingkat latihan: {} ({}% penerapan/analisis). Kunci pilihan ganda: {} (terbanyak {}%), \
         terpanjang {}%; pilihan jamak dengan semua jawaban benar di atas: {}%.",
        levels.join(", "),
        pct(f.applies_share()),
        key_at.join(" "),
        pct(f.key_position_share()),
        pct(f.longest_correct_share()),
        pct(f.all_correct_first_share())
    )
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Build {
            book_dir,
            dest_dir,
            force,
            pdf,
        } => match build_book(&BuildOptions {
            book_dir,
            dest_dir,
            force,
        }) {
            Ok(dest) => {
                eprintln!("Buku selesai dibangun di {}", display_path(&dest));
                if pdf {
                    return downloads(&dest);
                }
                ExitCode::SUCCESS
            }
            Err(err) => fail(err),
        },
        Command::Serve { book_dir, port } => match modul::serve::serve(&book_dir, port) {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => fail(err),
        },
        Command::Check { book_dir } => match check_book(&book_dir) {
            Ok(model) => {
                eprintln!(
                    "Tidak ada galat: {} sesi, {} latihan, {} formulir diperiksa.",
                    model.session_count(),
                    model.exercise_count(),
                    model.form_count()
                );
                eprintln!("{}", exercise_summary(&model.exercise_figures()));
                ExitCode::SUCCESS
            }
            Err(err) => fail(err),
        },
        Command::Cari {
            query,
            book_dir,
            limit,
        } => match modul::build::search_book(&book_dir, &query, limit) {
            Ok(text) => {
                print!("{text}");
                ExitCode::SUCCESS
            }
            Err(err) => fail(err),
        },
        Command::Tema { book_dir } => match modul::theme::write(&book_dir.join("theme")) {
            Ok(written) if written.is_empty() => {
                eprintln!("Tema sudah mutakhir.");
                ExitCode::SUCCESS
            }
            Ok(written) => {
                eprintln!("Ditulis: {}", written.join(", "));
                ExitCode::SUCCESS
            }
            Err(message) => {
                eprintln!("galat: {message}");
                ExitCode::FAILURE
            }
        },
    }
}

/// `--pdf`: the downloads, after the site is in place (a failure leaves the site as built).
fn downloads(site: &std::path::Path) -> ExitCode {
    let start = std::time::Instant::now();
    match modul::delivery::write_downloads(site) {
        Ok(files) => {
            for file in &files {
                let pages = match file.pages {
                    0 => String::new(),
                    n => format!(", {n} halaman"),
                };
                eprintln!(
                    "  {}/{}{pages}, {}",
                    modul::delivery::FOLDER,
                    file.file,
                    modul::delivery::size_label(file.bytes)
                );
            }
            eprintln!(
                "Berkas unduhan selesai dibuat dalam {:.1} detik.",
                start.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("galat: {message}");
            ExitCode::FAILURE
        }
    }
}

fn fail(err: impl std::fmt::Display) -> ExitCode {
    eprintln!("{err}");
    ExitCode::FAILURE
}
