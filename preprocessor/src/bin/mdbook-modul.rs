//! `mdbook-modul`: the preprocessor as mdBook runs it (`[preprocessor.modul]` in book.toml).
//!
//! `mdbook-modul supports RENDERER` answers with the exit code; otherwise the `[context, book]`
//! JSON arrives on stdin and the processed book leaves on stdout.

use mdbook_preprocessor::Preprocessor;
use modul::ModulPreprocessor;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let preprocessor = ModulPreprocessor::default();
    match args.as_slice() {
        [cmd, renderer] if cmd == "supports" => match preprocessor.supports_renderer(renderer) {
            Ok(true) => ExitCode::SUCCESS,
            _ => ExitCode::FAILURE,
        },
        [] => match run(&preprocessor) {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => {
                eprintln!("{err:#}");
                ExitCode::FAILURE
            }
        },
        _ => {
            eprintln!(
                "pemakaian: mdbook-modul [supports RENDERER]\n(dijalankan oleh mdBook; untuk membangun buku gunakan `modul build`)"
            );
            ExitCode::from(2)
        }
    }
}

fn run(preprocessor: &ModulPreprocessor) -> anyhow::Result<()> {
    let (ctx, book) = mdbook_preprocessor::parse_input(std::io::stdin())?;
    if ctx.mdbook_version != mdbook_preprocessor::MDBOOK_VERSION {
        eprintln!(
            "peringatan: mdbook-modul dibuat untuk mdBook {}, tetapi dipanggil oleh mdBook {}",
            mdbook_preprocessor::MDBOOK_VERSION,
            ctx.mdbook_version
        );
    }
    let processed = preprocessor.run(&ctx, book)?;
    let mut out = std::io::stdout().lock();
    serde_json::to_writer(&mut out, &processed)?;
    out.flush()?;
    Ok(())
}
