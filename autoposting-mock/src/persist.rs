//! The `--state FILE` snapshot: the whole store as JSON, written so that a crash mid-write
//! leaves the previous snapshot whole (write a temporary file, fsync it, rename it over the
//! old one, fsync the directory).

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use crate::state::Store;

/// Writes `bytes` to `path` atomically.
///
/// # Errors
/// Any I/O error; the previous content of `path` is then unchanged.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "state".into());
    let tmp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&tmp, path)?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            // Persist the rename itself; not every platform can open a directory.
            if let Ok(dir) = fs::File::open(dir) {
                let _ = dir.sync_all();
            }
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Reads a snapshot; `Ok(None)` when the file does not exist yet.
///
/// # Errors
/// If the file exists but cannot be read or is not a snapshot.
pub fn load(path: &Path) -> io::Result<Option<Store>> {
    match fs::read(path) {
        Ok(bytes) => serde_json::from_slice(&bytes).map(Some).map_err(|error| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!("{}: {error}", path.display()),
            )
        }),
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(error),
    }
}
