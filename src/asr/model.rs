//! Checking a whisper.cpp ggml model file before whisper.cpp sees it.
//!
//! whisper.cpp trusts the sizes in a model's header: a truncated download or a file that is not a
//! model at all can make it allocate without bound or abort the process. [`check`] walks the
//! whole file — header, mel filters, vocabulary and every tensor's size — and refuses anything
//! that does not add up, naming the file and the problem. [`Mapped`] maps a model once, so that
//! the same bytes are checked and then handed to whisper.cpp: the file is read once.

use std::fs::File;
use std::path::Path;

use crate::{Error, Result};

/// `ggml` as a little-endian u32: the first four bytes of a whisper.cpp model.
const MAGIC: u32 = 0x6767_6d6c;

/// What the header of a model says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelInfo {
    /// Vocabulary size: 51,864 for English-only models, 51,865 or more for multilingual ones.
    pub n_vocab: u32,
    /// Text decoder layers (6 for base).
    pub n_text_layer: u32,
    /// Audio encoder layers (6 for base).
    pub n_audio_layer: u32,
    /// Mel bands (80, or 128 for large-v3).
    pub n_mels: u32,
    /// How many tensors the file holds.
    pub tensors: usize,
}

impl ModelInfo {
    /// Whether the model knows languages other than English.
    pub fn is_multilingual(&self) -> bool {
        self.n_vocab >= 51_865
    }
}

/// A model file mapped into memory and checked.
pub struct Mapped {
    map: memmap2::Mmap,
    info: ModelInfo,
}

impl Mapped {
    /// Maps the model at `path` and checks it ([`check_bytes`]).
    ///
    /// # Errors
    /// As [`check`].
    pub fn open(path: &Path) -> Result<Mapped> {
        let bad = |message: String| Error::Model {
            path: path.to_owned(),
            message,
        };
        let file = File::open(path).map_err(|e| bad(format!("cannot open: {e}")))?;
        let size = file
            .metadata()
            .map_err(|e| bad(format!("cannot read: {e}")))?
            .len();
        if size < 4 {
            return Err(bad(
                "truncated or not a whisper model (ends inside the header)".into(),
            ));
        }
        // SAFETY: the map is read only while this process holds it; a model file changed under
        // a running process is the administrator's mistake, and the bytes are checked before
        // whisper.cpp reads them.
        let map =
            unsafe { memmap2::Mmap::map(&file) }.map_err(|e| bad(format!("cannot read: {e}")))?;
        let info = check_bytes(path, &map)?;
        Ok(Mapped { map, info })
    }

    /// The model's bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.map
    }

    /// What its header says.
    pub fn info(&self) -> &ModelInfo {
        &self.info
    }
}

/// Reads and checks the model at `path`.
///
/// # Errors
/// [`Error::Model`] naming the path: a missing or unreadable file, not a ggml whisper model,
/// header values out of range, a truncated file, or an unknown tensor type.
pub fn check(path: &Path) -> Result<ModelInfo> {
    Mapped::open(path).map(|m| m.info)
}

/// Checks the bytes of a model; `path` names it in errors.
///
/// # Errors
/// As [`check`].
pub fn check_bytes(path: &Path, bytes: &[u8]) -> Result<ModelInfo> {
    let bad = |message: String| Error::Model {
        path: path.to_owned(),
        message,
    };
    let mut r = Reader {
        bytes,
        pos: 0,
        size: bytes.len() as u64,
    };
    let truncated = |what: &str| {
        bad(format!(
            "truncated or not a whisper model (ends inside the {what})"
        ))
    };
    if r.u32().map_err(|_| truncated("header"))? != MAGIC {
        return Err(bad(
            "not a whisper.cpp ggml model (wrong magic number)".into()
        ));
    }
    let mut h = [0u32; 11];
    for v in &mut h {
        *v = r.u32().map_err(|_| truncated("header"))?;
    }
    let [n_vocab, n_audio_ctx, n_audio_state, n_audio_head, n_audio_layer, n_text_ctx, n_text_state, n_text_head, n_text_layer, n_mels, _ftype] =
        h;
    let in_range = |name: &str, v: u32, lo: u32, hi: u32| {
        if (lo..=hi).contains(&v) {
            Ok(())
        } else {
            Err(bad(format!(
                "header value {name} = {v} is out of range {lo}..={hi}"
            )))
        }
    };
    in_range("n_vocab", n_vocab, 1_000, 60_000)?;
    in_range("n_audio_ctx", n_audio_ctx, 1, 1_500)?;
    in_range("n_audio_state", n_audio_state, 64, 4_096)?;
    in_range("n_audio_head", n_audio_head, 1, 64)?;
    in_range("n_audio_layer", n_audio_layer, 1, 64)?;
    in_range("n_text_ctx", n_text_ctx, 1, 448)?;
    in_range("n_text_state", n_text_state, 64, 4_096)?;
    in_range("n_text_head", n_text_head, 1, 64)?;
    in_range("n_text_layer", n_text_layer, 1, 64)?;
    in_range("n_mels", n_mels, 80, 128)?;
    let filter_mels = r.u32().map_err(|_| truncated("mel filters"))?;
    let filter_fft = r.u32().map_err(|_| truncated("mel filters"))?;
    in_range("mel filter bands", filter_mels, 1, 256)?;
    in_range("mel filter FFT bins", filter_fft, 1, 1_024)?;
    r.skip(u64::from(filter_mels) * u64::from(filter_fft) * 4)
        .map_err(|_| truncated("mel filters"))?;
    let vocab = r.u32().map_err(|_| truncated("vocabulary"))?;
    in_range("vocabulary size", vocab, 1_000, 60_000)?;
    for _ in 0..vocab {
        let len = r.u32().map_err(|_| truncated("vocabulary"))?;
        in_range("token length", len, 0, 256)?;
        r.skip(u64::from(len))
            .map_err(|_| truncated("vocabulary"))?;
    }
    let mut tensors = 0;
    while r.pos < r.size {
        let n_dims = r.u32().map_err(|_| truncated("tensor table"))?;
        let name_len = r.u32().map_err(|_| truncated("tensor table"))?;
        let ttype = r.u32().map_err(|_| truncated("tensor table"))?;
        in_range("tensor dimensions", n_dims, 1, 4)?;
        in_range("tensor name length", name_len, 1, 256)?;
        let mut elements: u64 = 1;
        let mut row = 0;
        for d in 0..n_dims {
            let n = r.u32().map_err(|_| truncated("tensor table"))?;
            in_range("tensor dimension", n, 1, 1 << 20)?;
            if d == 0 {
                row = n;
            }
            elements = elements.saturating_mul(u64::from(n));
        }
        r.skip(u64::from(name_len))
            .map_err(|_| truncated("tensor table"))?;
        let bytes = tensor_bytes(ttype, elements, row).ok_or_else(|| {
            bad(format!(
                "tensor {tensors} has unknown or misaligned type {ttype}"
            ))
        })?;
        r.skip(bytes).map_err(|_| {
            bad(format!(
                "truncated: tensor {tensors} runs past the end of the file"
            ))
        })?;
        tensors += 1;
    }
    if tensors == 0 {
        return Err(bad("the model has no tensors".into()));
    }
    Ok(ModelInfo {
        n_vocab,
        n_text_layer,
        n_audio_layer,
        n_mels,
        tensors,
    })
}

/// Bytes of a tensor of `elements` of ggml type `ttype` whose rows hold `row` elements.
fn tensor_bytes(ttype: u32, elements: u64, row: u32) -> Option<u64> {
    // (elements per block, bytes per block) of the ggml types whisper.cpp models use.
    let (block, bytes): (u32, u64) = match ttype {
        0 => (1, 4),   // f32
        1 => (1, 2),   // f16
        2 => (32, 18), // q4_0
        3 => (32, 20), // q4_1
        6 => (32, 22), // q5_0
        7 => (32, 24), // q5_1
        8 => (32, 34), // q8_0
        _ => return None,
    };
    // Saturating: dimensions that multiply past any file must fail the size check, not overflow.
    row.is_multiple_of(block)
        .then(|| (elements / u64::from(block)).saturating_mul(bytes))
}

/// Little-endian reading that keeps count of the position and never reads past the end.
struct Reader<'a> {
    bytes: &'a [u8],
    pos: u64,
    size: u64,
}

impl Reader<'_> {
    fn u32(&mut self) -> std::io::Result<u32> {
        let at = self.pos as usize;
        let b = self
            .bytes
            .get(at..at + 4)
            .ok_or(std::io::ErrorKind::UnexpectedEof)?;
        self.pos += 4;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn skip(&mut self, n: u64) -> std::io::Result<()> {
        if self.pos.saturating_add(n) > self.size {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        self.pos += n;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn write(bytes: &[u8]) -> tempfile::NamedTempFile {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(bytes).unwrap();
        f
    }

    fn message(result: Result<ModelInfo>) -> String {
        match result {
            Err(Error::Model { message, .. }) => message,
            other => panic!("expected a model error, got {other:?}"),
        }
    }

    #[test]
    fn missing_and_foreign_files_are_refused_by_name() {
        let err = check(Path::new("/nonexistent/ggml-base.bin")).unwrap_err();
        assert!(
            err.to_string().contains("/nonexistent/ggml-base.bin"),
            "{err}"
        );
        assert!(message(check(write(b"RIFF....WAVEfmt ").path())).contains("magic"));
        assert!(message(check(write(b"lmg").path())).contains("truncated"));
    }

    #[test]
    fn absurd_header_values_are_refused() {
        let mut bytes = MAGIC.to_le_bytes().to_vec();
        for v in [u32::MAX, 1500, 512, 8, 6, 448, 512, 8, 6, 80, 7] {
            bytes.extend(v.to_le_bytes());
        }
        assert!(message(check(write(&bytes).path())).contains("n_vocab"));
    }

    #[test]
    fn the_shared_model_passes_and_a_truncated_copy_does_not() {
        let Some(path) = crate::asr::default_model_path() else {
            eprintln!("skipped: no whisper model (set TILMACH_WHISPER_MODEL)");
            return;
        };
        let info = check(&path).unwrap();
        assert!(info.is_multilingual());
        assert_eq!(
            (info.n_text_layer, info.n_audio_layer, info.n_mels),
            (6, 6, 80)
        );
        let bytes = std::fs::read(&path).unwrap();
        let cut = write(&bytes[..bytes.len() - 1000]);
        assert!(message(check(cut.path())).contains("truncated"));
    }

    /// A small file that is a model up to its tensor table: a base-sized header, a 1×1 mel
    /// filter bank and 1,000 empty tokens.
    fn model_head() -> Vec<u8> {
        let mut bytes = MAGIC.to_le_bytes().to_vec();
        for v in [
            51_865u32, 1500, 512, 8, 6, 448, 512, 8, 6, 80, 7, 1, 1, 0, 1000,
        ] {
            bytes.extend(v.to_le_bytes());
        }
        bytes.extend(std::iter::repeat_n(0u8, 4 * 1000));
        bytes
    }

    #[test]
    fn files_that_are_not_models_are_refused_with_the_reason() {
        // Eight bytes: the magic number and a vocabulary of four billion tokens.
        let mut tiny = MAGIC.to_le_bytes().to_vec();
        tiny.extend(u32::MAX.to_le_bytes());
        let file = write(&tiny);
        let err = check(file.path()).unwrap_err().to_string();
        assert!(err.contains(&file.path().display().to_string()), "{err}");
        assert!(err.contains("not a whisper model"), "{err}");

        // A vocabulary section claiming four billion tokens.
        let mut huge = model_head();
        let at = huge.len() - 4 * 1000 - 4;
        huge[at..at + 4].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(message(check(write(&huge).path())).contains("vocabulary size"));

        // A token claiming 4 GiB of text.
        let mut token = model_head();
        let at = token.len() - 4;
        token[at..].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(message(check(write(&token).path())).contains("token length"));

        // A tensor with nine dimensions, and one with 0.
        for dims in [9u32, 0] {
            let mut bad = model_head();
            for v in [dims, 4, 0, 16] {
                bad.extend(v.to_le_bytes());
            }
            bad.extend(b"name");
            let m = message(check(write(&bad).path()));
            assert!(m.contains("tensor dimensions"), "{m}");
        }

        // A tensor whose dimensions multiply past any file, and an unknown type.
        let mut big = model_head();
        for v in [4u32, 4, 0, 1 << 20, 1 << 20, 1 << 20, 1 << 20] {
            big.extend(v.to_le_bytes());
        }
        big.extend(b"name");
        assert!(message(check(write(&big).path())).contains("runs past the end"));
        let mut odd = model_head();
        for v in [1u32, 4, 99, 16] {
            odd.extend(v.to_le_bytes());
        }
        odd.extend(b"name");
        assert!(message(check(write(&odd).path())).contains("unknown or misaligned type"));

        // The header alone, no tensors.
        assert!(message(check(write(&model_head()).path())).contains("no tensors"));
    }
}
