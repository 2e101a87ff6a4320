//! Reading what a user hands over — a file, a pipe, standard input — through a size bound, so
//! that `/dev/zero`, a runaway pipe or a huge file is refused at once instead of filling memory.

use std::io::Read;
use std::path::Path;

use crate::{Error, Result};

/// The most text a command reads (`--file`, standard input): 16 MiB, about 140 hours of
/// Mandarin speech.
pub const MAX_TEXT_BYTES: u64 = 16 << 20;

/// Reads the file at `path`, refusing one larger than `limit` bytes: by its size before reading
/// when it is a regular file, else (a device, a pipe, a file that grows) after reading one byte
/// past the limit. `what` names the kind of file in the error ("a text", "an import file").
///
/// # Errors
/// [`Error::Io`] when the file cannot be opened or read; [`Error::TooLarge`] over the limit.
pub fn read_file(path: &Path, limit: u64, what: &'static str) -> Result<Vec<u8>> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let metadata = file.metadata().map_err(|e| Error::io(path, e))?;
    let too_large = || Error::TooLarge {
        source_name: path.display().to_string(),
        limit,
        what,
    };
    if metadata.is_file() && metadata.len() > limit {
        return Err(too_large());
    }
    let capacity = if metadata.is_file() {
        metadata.len()
    } else {
        0
    };
    let mut bytes = Vec::with_capacity(capacity as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    if bytes.len() as u64 > limit {
        return Err(too_large());
    }
    Ok(bytes)
}

/// Reads `input` to its end, refusing more than `limit` bytes after reading one byte past it;
/// `name` names the stream in errors ("standard input").
///
/// # Errors
/// [`Error::Stream`] when reading fails; [`Error::TooLarge`] over the limit.
pub fn read_stream(
    input: impl Read,
    name: &str,
    limit: u64,
    what: &'static str,
) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    input.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(Error::TooLarge {
            source_name: name.to_owned(),
            limit,
            what,
        });
    }
    Ok(bytes)
}

/// At most the first 40 characters of what a stranger sent, escaped (controls, quotes), with
/// `…` when there was more: how an error message quotes input it refuses.
pub(crate) fn quoted_prefix(text: &str) -> String {
    let mut out: String = text.chars().take(40).flat_map(char::escape_debug).collect();
    if text.chars().nth(40).is_some() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_within_the_limit_is_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.txt");
        std::fs::write(&path, "办理社保卡").unwrap();
        assert_eq!(
            read_file(&path, 15, "a text").unwrap(),
            "办理社保卡".as_bytes()
        );
    }

    #[test]
    fn a_regular_file_over_the_limit_is_refused_by_its_size() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.txt");
        std::fs::write(&path, vec![b'a'; 100]).unwrap();
        let err = read_file(&path, 99, "a text").unwrap_err().to_string();
        assert!(err.contains("big.txt") && err.contains("99 bytes"), "{err}");
    }

    #[test]
    fn an_endless_device_is_refused_after_the_limit() {
        let err = read_file(Path::new("/dev/zero"), 1 << 20, "a text").unwrap_err();
        assert!(matches!(err, Error::TooLarge { .. }), "{err}");
        let err = read_stream(std::io::repeat(b'x'), "standard input", 10, "a text").unwrap_err();
        assert!(err.to_string().starts_with("standard input"), "{err}");
        assert_eq!(
            read_stream(&b"0123456789"[..], "-", 10, "a text")
                .unwrap()
                .len(),
            10
        );
    }
}
