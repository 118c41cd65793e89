//! Where `modul` writes and from where it runs: dangerous destinations are refused with the
//! sources intact, an interrupted build or preview leaves nothing behind, and relative paths
//! work from any folder of the project.

use super::modul;
use crate::common::{fixture_copy, tree};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// `modul build --dest-dir DEST` from the project root is refused and leaves everything as
/// it was; the error says why.
fn refused(dest: &str) {
    let dir = fixture_copy("kecil");
    let root = dir.path();
    let before = tree(root);
    let build = modul(root, &["build", "book", "--dest-dir", dest]);
    assert_ne!(build.code, Some(0), "--dest-dir {dest} was accepted");
    assert!(
        build.stderr.starts_with("galat: folder tujuan")
            && build.stderr.contains("cara memperbaiki"),
        "--dest-dir {dest}: {}",
        build.stderr
    );
    assert!(
        tree(root) == before,
        "--dest-dir {dest} changed the project"
    );
}

#[test]
fn destination_in_a_source_folder_is_refused() {
    for dest in [
        "exercises",
        "forms",
        "book",
        "book/src",
        "book/data",
        "book/theme",
        "book/src/sesi-1-1",
        "exercises/baru",
        ".",
    ] {
        refused(dest);
    }
}

#[test]
fn destination_through_a_symbolic_link_to_a_source_is_refused() {
    let dir = fixture_copy("kecil");
    let root = dir.path();
    std::os::unix::fs::symlink(root.join("exercises"), root.join("tautan")).expect("symlink");
    let before = tree(&root.join("exercises"));
    let build = modul(root, &["build", "book", "--dest-dir", "tautan"]);
    assert_ne!(build.code, Some(0), "{}", build.stderr);
    assert!(tree(&root.join("exercises")) == before);
}

#[test]
fn unrelated_non_empty_destination_needs_force() {
    let dir = fixture_copy("kecil");
    let root = dir.path();
    std::fs::create_dir_all(root.join("dokumen")).expect("folder");
    std::fs::write(root.join("dokumen/surat.txt"), "penting").expect("write");
    let build = modul(root, &["build", "book", "--dest-dir", "dokumen"]);
    assert_ne!(build.code, Some(0));
    assert!(build.stderr.contains("--force"), "{}", build.stderr);
    assert!(root.join("dokumen/surat.txt").is_file());

    // An empty folder, and an earlier build (it carries the marker), need no `--force`.
    std::fs::create_dir_all(root.join("kosong")).expect("folder");
    for _ in 0..2 {
        let build = modul(root, &["build", "book", "--dest-dir", "kosong"]);
        assert_eq!(build.code, Some(0), "{}", build.stderr);
    }
    assert!(root.join("kosong/.modul-situs").is_file());

    // A site built before the marker existed is recognised by its own search index.
    std::fs::remove_file(root.join("kosong/.modul-situs")).expect("remove marker");
    let build = modul(root, &["build", "book", "--dest-dir", "kosong"]);
    assert_eq!(build.code, Some(0), "{}", build.stderr);
    assert!(root.join("kosong/.modul-situs").is_file());
    // A folder that only looks like a site (no modul search index) still needs `--force`.
    std::fs::create_dir_all(root.join("mirip")).expect("folder");
    for page in ["index.html", "toc.html"] {
        std::fs::write(root.join("mirip").join(page), "<html></html>").expect("write");
    }
    let build = modul(root, &["build", "book", "--dest-dir", "mirip"]);
    assert_ne!(build.code, Some(0));
    assert!(root.join("mirip/toc.html").is_file());

    let build = modul(root, &["build", "book", "--dest-dir", "dokumen", "--force"]);
    assert_eq!(build.code, Some(0), "{}", build.stderr);
    assert!(root.join("dokumen/index.html").is_file());
    assert!(!root.join("dokumen/surat.txt").exists());
}

#[test]
fn stale_staging_folder_is_removed_by_the_next_build() {
    let dir = fixture_copy("kecil");
    let root = dir.path();
    // A crashed build's folder: its owner process is gone (no process has this id).
    let stale = root.join(".modul-bangun-lama");
    std::fs::create_dir_all(stale.join("situs")).expect("folder");
    std::fs::write(stale.join("pid"), "4194304999").expect("write");
    let build = modul(root, &["build", "book", "--dest-dir", "situs"]);
    assert_eq!(build.code, Some(0), "{}", build.stderr);
    assert!(!stale.exists(), "the stale staging folder is still there");
    assert_eq!(staging_folders(root), Vec::<String>::new());
}

fn staging_folders(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with(".modul-bangun-") || n.starts_with("modul-pratinjau-"))
                .collect()
        })
        .unwrap_or_default()
}

fn terminate(pid: u32, signal: &str) {
    let status = Command::new("kill")
        .args([&format!("-{signal}"), &pid.to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
}

/// SIGTERM and SIGINT while the build writes its staging folder: the folder is removed.
#[test]
fn interrupted_build_leaves_no_staging_folder() {
    for signal in ["TERM", "INT"] {
        let dir = fixture_copy("kecil");
        let root = dir.path();
        let mut child = Command::new(env!("CARGO_BIN_EXE_modul"))
            .args(["build", "book", "--dest-dir", "situs"])
            .current_dir(root)
            .stderr(Stdio::null())
            .spawn()
            .expect("modul build");
        let start = Instant::now();
        while staging_folders(root).is_empty() && start.elapsed() < Duration::from_secs(20) {
            std::thread::sleep(Duration::from_millis(5));
        }
        assert!(
            !staging_folders(root).is_empty(),
            "no staging folder appeared"
        );
        terminate(child.id(), signal);
        let status = child.wait().expect("wait");
        assert!(!status.success(), "SIG{signal}: the build finished first");
        assert_eq!(staging_folders(root), Vec::<String>::new(), "SIG{signal}");
        assert!(!root.join("situs").exists());
    }
}

/// `modul serve`: over the connection cap a request gets 503 at once; SIGTERM removes the
/// preview folder.
#[test]
fn serve_caps_connections_and_cleans_up() {
    use std::io::{Read, Write};
    use std::net::TcpStream;
    let dir = fixture_copy("kecil");
    let root = dir.path();
    let temp = tempfile::tempdir().expect("temp");
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("port");
        listener.local_addr().expect("address").port()
    };
    let mut child = Command::new(env!("CARGO_BIN_EXE_modul"))
        .args(["serve", "book", "--port", &port.to_string()])
        .current_dir(root)
        .env("TMPDIR", temp.path())
        .stderr(Stdio::null())
        .spawn()
        .expect("modul serve");
    let address = format!("127.0.0.1:{port}");
    let get = || -> Option<String> {
        let mut stream = TcpStream::connect(&address).ok()?;
        stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
        stream
            .write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            .ok()?;
        let mut reply = String::new();
        stream.read_to_string(&mut reply).ok()?;
        Some(reply)
    };
    let start = Instant::now();
    let mut first = None;
    while start.elapsed() < Duration::from_secs(60) {
        if let Some(reply) = get().filter(|r| r.starts_with("HTTP/1.1 200")) {
            first = Some(reply);
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(first.is_some(), "modul serve did not answer");
    // 64 idle connections take every place; the next one is told to come back.
    let idle: Vec<TcpStream> = (0..64)
        .map(|_| TcpStream::connect(&address).expect("connect"))
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    let busy = get().unwrap_or_default();
    assert!(busy.starts_with("HTTP/1.1 503"), "{busy}");
    drop(idle);
    std::thread::sleep(Duration::from_millis(300));
    let again = get().unwrap_or_default();
    assert!(
        again.starts_with("HTTP/1.1 200"),
        "{}",
        &again[..again.len().min(200)]
    );

    terminate(child.id(), "TERM");
    let _ = child.wait();
    assert_eq!(staging_folders(temp.path()), Vec::<String>::new());
}

/// Relative book folders from inside the project: `cd book && modul build .` and
/// `cd exercises && modul check ../book`.
#[test]
fn relative_paths_from_any_folder() {
    let dir = fixture_copy("kecil");
    let root = dir.path();
    let check = modul(&root.join("exercises"), &["check", "../book"]);
    assert_eq!(check.code, Some(0), "{}", check.stderr);
    let reference = modul(root, &["check", "book"]);
    assert_eq!(check.stderr, reference.stderr);
    let build = modul(
        &root.join("book"),
        &["build", ".", "--dest-dir", "../situs"],
    );
    assert_eq!(build.code, Some(0), "{}", build.stderr);
    assert!(root.join("situs/index.html").is_file());
    let build = modul(&root.join("book"), &["build", "."]);
    assert_eq!(build.code, Some(0), "{}", build.stderr);
    assert!(root.join("situs/.modul-situs").is_file());
}
