//! Writing a file so that readers see the old bytes or the new ones, never a mixture: the bytes
//! go to a temporary file beside the target, are flushed to disk, and the temporary file is
//! renamed over the target.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::{Error, Result};

/// A temporary name beside `path`, unique to this process.
pub(crate) fn temporary_name(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.tmp-{}", std::process::id()))
}

/// Writes `bytes` to the temporary file for `path` through `wrap` (the test hook: a writer that
/// fails midway) and flushes it to disk; returns the temporary file's path. On failure the
/// temporary file is removed.
pub(crate) fn write_temporary<W: Write>(
    path: &Path,
    bytes: &[u8],
    wrap: impl FnOnce(File) -> W,
) -> Result<PathBuf> {
    let tmp = temporary_name(path);
    let result = (|| -> std::io::Result<()> {
        let file = File::create(&tmp)?;
        let mut writer = wrap(file.try_clone()?);
        writer.write_all(bytes)?;
        writer.flush()?;
        drop(writer);
        file.sync_all()
    })();
    match result {
        Ok(()) => Ok(tmp),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(Error::io(path, e))
        }
    }
}

/// Writes `bytes` to `path` atomically (temporary file, then rename).
///
/// # Errors
/// [`Error::Io`] naming `path` when the temporary file cannot be written or renamed; `path` is
/// then as it was.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = write_temporary(path, bytes, |f| f)?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::io(path, e)
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A writer that fails after `left` bytes, as a full disk or a killed process would.
    pub(crate) struct FailAfter<W> {
        pub inner: W,
        pub left: usize,
    }

    impl<W: Write> Write for FailAfter<W> {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.left == 0 {
                return Err(std::io::Error::other("simulated failure midway"));
            }
            let n = buf.len().min(self.left);
            self.left -= n;
            self.inner.write(&buf[..n])
        }
        fn flush(&mut self) -> std::io::Result<()> {
            self.inner.flush()
        }
    }

    #[test]
    fn a_failure_midway_leaves_the_file_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.ftl");
        std::fs::write(&path, "old = text\n").unwrap();
        let err = write_temporary(&path, &[b'x'; 10_000], |f| FailAfter {
            inner: f,
            left: 100,
        })
        .unwrap_err();
        assert!(err.to_string().contains("simulated failure"), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), b"old = text\n");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        write_atomic(&path, b"new = text\n").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new = text\n");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
