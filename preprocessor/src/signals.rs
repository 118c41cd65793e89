//! Ctrl+C and `kill`: folders that only live while the process runs (a build's staging
//! folder, `modul serve`'s preview) are removed before the process ends, so an interrupted
//! build leaves nothing beside its destination.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, Once};

/// Folders to remove when SIGINT or SIGTERM arrives.
static FOLDERS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
static INSTALL: Once = Once::new();

/// Creates a folder with `create` and removes it if the process is interrupted before
/// [`forget`] is called for it. The handler waits while `create` runs, so no signal falls
/// between the folder's creation and its registration.
pub(crate) fn create_removed_on_signal<E>(
    create: impl FnOnce() -> Result<tempfile::TempDir, E>,
) -> Result<tempfile::TempDir, E> {
    INSTALL.call_once(install);
    let mut folders = FOLDERS
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let dir = create()?;
    folders.push(dir.path().to_path_buf());
    Ok(dir)
}

/// `folder` is gone or kept on purpose: a signal no longer removes it.
pub(crate) fn forget(folder: &Path) {
    if let Ok(mut folders) = FOLDERS.lock() {
        folders.retain(|f| f != folder);
    }
}

/// One thread waits for the signals; the process then ends with the shell's code for them
/// (128 + signal number) after removing the registered folders.
fn install() {
    use signal_hook::consts::{SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]) else {
        return;
    };
    let _ = std::thread::Builder::new()
        .name("modul-sinyal".to_string())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                // Hold the lock to the end, so no build registers a new folder meanwhile.
                let folders = FOLDERS.lock();
                if let Ok(folders) = &folders {
                    for folder in folders.iter() {
                        let _ = std::fs::remove_dir_all(folder);
                    }
                }
                std::process::exit(128 + signal);
            }
        });
}
