//! The compiled espeak-ng data embedded in the library, unpacked once into a cache directory.
//!
//! The directory is named after a hash of the data, so different tilmach versions never share
//! it, and it is written under a temporary name and renamed into place, so concurrent first
//! runs cannot see half-written files.

use std::fs;
use std::path::{Path, PathBuf};

use crate::{Error, Result};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/espeak_data.rs"));
}

/// The marker written last: its presence means the directory is complete.
const COMPLETE: &str = ".complete";
/// espeak-ng keeps its data path in a fixed buffer; longer paths are refused up front.
const MAX_PATH_BYTES: usize = 150;

/// The directory that cached data goes under: `$TILMACH_CACHE_DIR`, else
/// `$XDG_CACHE_HOME/tilmach`, else `~/.cache/tilmach`, else the system temporary directory.
pub fn cache_root() -> PathBuf {
    if let Some(dir) = std::env::var_os("TILMACH_CACHE_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    if let Some(dir) = std::env::var_os("XDG_CACHE_HOME").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir).join("tilmach");
    }
    if let Some(home) = std::env::var_os("HOME").filter(|d| !d.is_empty()) {
        return PathBuf::from(home).join(".cache").join("tilmach");
    }
    std::env::temp_dir().join("tilmach")
}

/// Total bytes of embedded data.
pub fn embedded_size() -> usize {
    embedded::FILES.iter().map(|(_, b)| b.len()).sum()
}

/// Makes sure the data is unpacked under `root`; returns the directory that contains
/// `espeak-ng-data` (what espeak-ng's initialization wants).
///
/// # Errors
/// [`Error::Io`] naming the directory that could not be written.
pub fn ensure_unpacked(root: &Path) -> Result<PathBuf> {
    let dir = root.join(format!("espeak-ng-{:016x}", embedded::HASH));
    if dir.as_os_str().len() > MAX_PATH_BYTES {
        return Err(Error::Engine {
            engine: "espeak-ng".into(),
            message: format!(
                "the cache path {} is longer than espeak-ng accepts ({MAX_PATH_BYTES} bytes); set TILMACH_CACHE_DIR to a shorter one",
                dir.display()
            ),
        });
    }
    if dir.join(COMPLETE).exists() {
        return Ok(dir);
    }
    fs::create_dir_all(root).map_err(|e| Error::io(root, e))?;
    let tmp = root.join(format!(".espeak-ng-{}-{}", std::process::id(), unique()));
    let write = || -> std::io::Result<()> {
        for (rel, bytes) in embedded::FILES {
            let path = tmp.join("espeak-ng-data").join(rel);
            fs::create_dir_all(path.parent().expect("data files are in a directory"))?;
            fs::write(&path, bytes)?;
        }
        fs::write(tmp.join(COMPLETE), format!("{:016x}\n", embedded::HASH))
    };
    if let Err(e) = write() {
        let _ = fs::remove_dir_all(&tmp);
        return Err(Error::io(&tmp, e));
    }
    match fs::rename(&tmp, &dir) {
        Ok(()) => Ok(dir),
        // Another process finished first: use its copy.
        Err(_) if dir.join(COMPLETE).exists() => {
            let _ = fs::remove_dir_all(&tmp);
            Ok(dir)
        }
        Err(e) => {
            let _ = fs::remove_dir_all(&tmp);
            Err(Error::io(&dir, e))
        }
    }
}

fn unique() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unpacks_once_and_completely() {
        let root = tempfile::tempdir().unwrap();
        let dir = ensure_unpacked(root.path()).unwrap();
        for name in [
            "phontab",
            "phondata",
            "phonindex",
            "intonations",
            "cmn_dict",
            "ug_dict",
        ] {
            assert!(dir.join("espeak-ng-data").join(name).is_file(), "{name}");
        }
        assert_eq!(ensure_unpacked(root.path()).unwrap(), dir);
        assert!(embedded_size() > 100_000);
    }

    #[test]
    fn concurrent_first_runs_agree() {
        let root = tempfile::tempdir().unwrap();
        let dirs: Vec<_> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..4)
                .map(|_| s.spawn(|| ensure_unpacked(root.path()).unwrap()))
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert!(dirs.windows(2).all(|w| w[0] == w[1]));
        let leftovers = fs::read_dir(root.path()).unwrap().count();
        assert_eq!(leftovers, 1, "temporary directories are cleaned up");
    }
}
