//! WAV files: a streaming writer for 16-bit mono PCM and a reader (hound) for whatever a user
//! brings.

use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;

use super::Pcm;
use crate::{Error, Result};

/// Bytes of the 16-bit mono PCM header [`header`] writes.
pub const HEADER_LEN: u64 = 44;
/// The most sample data a WAV file can hold: its RIFF size field is 32 bits and counts the 36
/// header bytes after it. tilmach refuses to write more rather than wrap the size.
pub const MAX_DATA_BYTES: u64 = u32::MAX as u64 - 36;
/// The data size written into the header of a WAV whose length is not known when the header is
/// written (a pipe): the largest even value, the convention players read as "until the end".
const UNKNOWN_DATA_BYTES: u32 = 0xffff_fff0 - 36;

/// The 44-byte header of a 16-bit mono PCM WAV with `data_bytes` of samples (`None`: unknown).
pub fn header(rate: u32, data_bytes: Option<u32>) -> [u8; 44] {
    let data = data_bytes.unwrap_or(UNKNOWN_DATA_BYTES);
    let mut h = [0u8; 44];
    h[0..4].copy_from_slice(b"RIFF");
    h[4..8].copy_from_slice(&data.saturating_add(36).to_le_bytes());
    h[8..12].copy_from_slice(b"WAVE");
    h[12..16].copy_from_slice(b"fmt ");
    h[16..20].copy_from_slice(&16u32.to_le_bytes());
    h[20..22].copy_from_slice(&1u16.to_le_bytes()); // PCM
    h[22..24].copy_from_slice(&1u16.to_le_bytes()); // mono
    h[24..28].copy_from_slice(&rate.to_le_bytes());
    h[28..32].copy_from_slice(&(rate * 2).to_le_bytes());
    h[32..34].copy_from_slice(&2u16.to_le_bytes());
    h[34..36].copy_from_slice(&16u16.to_le_bytes());
    h[36..40].copy_from_slice(b"data");
    h[40..44].copy_from_slice(&data.to_le_bytes());
    h
}

/// Rewrites the header of a WAV written with an unknown length, once the length is known.
///
/// # Errors
/// I/O errors of the writer; [`Error::OutputTooLong`] past [`MAX_DATA_BYTES`].
pub fn finalize_header<W: Write + Seek>(file: &mut W, rate: u32, data_bytes: u64) -> Result<()> {
    let data = u32::try_from(data_bytes)
        .ok()
        .filter(|_| data_bytes <= MAX_DATA_BYTES)
        .ok_or_else(|| too_long(data_bytes))?;
    file.seek(SeekFrom::Start(0))?;
    file.write_all(&header(rate, Some(data)))?;
    file.seek(SeekFrom::End(0))?;
    Ok(())
}

pub(crate) fn too_long(bytes: u64) -> Error {
    Error::OutputTooLong {
        what: format!(
            "{bytes} bytes of samples do not fit in a WAV file (at most {MAX_DATA_BYTES}); write a headerless format or a shorter text"
        ),
    }
}

/// Writes `pcm` as a complete 16-bit mono WAV.
///
/// # Errors
/// I/O errors; [`Error::OutputTooLong`] past [`MAX_DATA_BYTES`].
pub fn write<W: Write>(mut out: W, pcm: &Pcm) -> Result<()> {
    let bytes = pcm.samples.len() as u64 * 2;
    let data = u32::try_from(bytes)
        .ok()
        .filter(|_| bytes <= MAX_DATA_BYTES)
        .ok_or_else(|| too_long(bytes))?;
    out.write_all(&header(pcm.rate, Some(data)))?;
    write_samples(&mut out, &pcm.samples)?;
    out.flush()?;
    Ok(())
}

/// Writes samples as 16-bit little-endian bytes.
pub(crate) fn write_samples<W: Write>(out: &mut W, samples: &[i16]) -> std::io::Result<()> {
    let mut buf = [0u8; 8192];
    for chunk in samples.chunks(buf.len() / 2) {
        for (dst, s) in buf.chunks_exact_mut(2).zip(chunk) {
            dst.copy_from_slice(&s.to_le_bytes());
        }
        out.write_all(&buf[..chunk.len() * 2])?;
    }
    Ok(())
}

/// Writes `pcm` to a WAV file at `path`.
///
/// # Errors
/// [`Error::Io`] naming the path.
pub fn write_file(path: &Path, pcm: &Pcm) -> Result<()> {
    let file = std::fs::File::create(path).map_err(|e| Error::io(path, e))?;
    write(std::io::BufWriter::new(file), pcm).map_err(|e| match e {
        Error::Stream(io) => Error::io(path, io),
        other => other,
    })
}

/// Reads a WAV (integer or float samples, any channel count) as mono 16-bit: channels are
/// averaged. The whole file is read into memory.
///
/// # Errors
/// [`Error::Audio`] naming `name` when the data is not a WAV file tilmach can use.
pub fn read<R: Read>(mut reader: R, name: &str) -> Result<Pcm> {
    let bad = |msg: String| Error::Audio(format!("{name}: {msg}"));
    let mut bytes = Vec::new();
    reader.read_to_end(&mut bytes)?;
    fix_streamed_sizes(&mut bytes);
    let mut wav = hound::WavReader::new(std::io::Cursor::new(bytes))
        .map_err(|e| bad(format!("not a readable WAV file: {e}")))?;
    let spec = wav.spec();
    if spec.sample_rate == 0 || spec.sample_rate > 384_000 {
        return Err(bad(format!("unusable sample rate {} Hz", spec.sample_rate)));
    }
    if spec.channels == 0 || spec.channels > 32 {
        return Err(bad(format!("unusable channel count {}", spec.channels)));
    }
    let channels = usize::from(spec.channels);
    let mut mono = Vec::new();
    let mut frame = Vec::with_capacity(channels);
    let mut push = |v: f64, frame: &mut Vec<f64>| {
        frame.push(if v.is_finite() { v } else { 0.0 });
        if frame.len() == channels {
            let avg = frame.iter().sum::<f64>() / channels as f64;
            mono.push((avg * 32768.0).round().clamp(-32768.0, 32767.0) as i16);
            frame.clear();
        }
    };
    match spec.sample_format {
        hound::SampleFormat::Float => {
            for s in wav.samples::<f32>() {
                push(
                    f64::from(s.map_err(|e| bad(format!("bad sample data: {e}")))?),
                    &mut frame,
                );
            }
        }
        hound::SampleFormat::Int => {
            let scale = f64::from(1u32 << (spec.bits_per_sample.clamp(1, 32) - 1));
            for s in wav.samples::<i32>() {
                push(
                    f64::from(s.map_err(|e| bad(format!("bad sample data: {e}")))?) / scale,
                    &mut frame,
                );
            }
        }
    }
    Ok(Pcm::new(mono, spec.sample_rate))
}

/// A WAV written to a pipe announces more data than it has (the length was unknown when the
/// header was written). When the last chunk is `data` and claims more bytes than follow, the
/// sizes are set to what is there, as players do.
fn fix_streamed_sizes(bytes: &mut [u8]) {
    if bytes.len() < 12 || &bytes[0..4] != b"RIFF" || &bytes[8..12] != b"WAVE" {
        return;
    }
    let mut pos = 12;
    while pos + 8 <= bytes.len() {
        let size =
            u32::from_le_bytes(bytes[pos + 4..pos + 8].try_into().expect("4 bytes")) as usize;
        let body = pos + 8;
        if &bytes[pos..pos + 4] == b"data" {
            let available = bytes.len() - body;
            if size > available {
                let data = (available & !1) as u32;
                bytes[pos + 4..pos + 8].copy_from_slice(&data.to_le_bytes());
                let riff = (body - 8) as u32 + data;
                bytes[4..8].copy_from_slice(&riff.to_le_bytes());
            }
            return;
        }
        pos = body.saturating_add(size).saturating_add(size & 1);
    }
}

/// Reads the WAV file at `path` (see [`read`]).
///
/// # Errors
/// [`Error::Io`] or [`Error::Audio`] naming the path.
pub fn read_file(path: &Path) -> Result<Pcm> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    read(std::io::BufReader::new(file), &path.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    #[test]
    fn round_trip_in_memory() {
        let pcm = Pcm::new(
            (0..1000).map(|i| (i * 37 % 2000 - 1000) as i16).collect(),
            22050,
        );
        let mut buf = Vec::new();
        write(&mut buf, &pcm).unwrap();
        assert_eq!(buf.len() as u64, HEADER_LEN + 2000);
        let back = read(Cursor::new(buf), "memory").unwrap();
        assert_eq!(back, pcm);
    }

    #[test]
    fn stereo_and_float_are_mixed_to_mono() {
        let spec = hound::WavSpec {
            channels: 2,
            sample_rate: 16000,
            bits_per_sample: 32,
            sample_format: hound::SampleFormat::Float,
        };
        let mut buf = Cursor::new(Vec::new());
        {
            let mut w = hound::WavWriter::new(&mut buf, spec).unwrap();
            for _ in 0..10 {
                w.write_sample(0.5f32).unwrap();
                w.write_sample(0.0f32).unwrap();
            }
            w.finalize().unwrap();
        }
        let pcm = read(Cursor::new(buf.into_inner()), "stereo").unwrap();
        assert_eq!(pcm.rate, 16000);
        assert_eq!(pcm.samples, vec![8192; 10]);
    }

    #[test]
    fn not_a_wav_names_the_source() {
        let err = read(Cursor::new(b"hello world, not audio".to_vec()), "notes.txt").unwrap_err();
        assert!(err.to_string().contains("notes.txt"), "{err}");
        let err = read(Cursor::new(Vec::new()), "empty.wav").unwrap_err();
        assert!(err.to_string().contains("empty.wav"), "{err}");
    }

    #[test]
    fn a_streamed_wav_with_unknown_length_reads_what_is_there() {
        let mut bytes = header(8000, None).to_vec();
        write_samples(&mut bytes, &[5, -5, 7]).unwrap();
        let pcm = read(Cursor::new(bytes), "pipe").unwrap();
        assert_eq!(pcm.samples, vec![5, -5, 7]);
    }

    #[test]
    fn finalize_rewrites_sizes() {
        let mut file = Cursor::new(Vec::new());
        file.write_all(&header(8000, None)).unwrap();
        write_samples(&mut file, &[1, 2, 3]).unwrap();
        finalize_header(&mut file, 8000, 6).unwrap();
        let bytes = file.into_inner();
        assert_eq!(&bytes[40..44], &6u32.to_le_bytes());
        assert_eq!(&bytes[4..8], &42u32.to_le_bytes());
        assert!(finalize_header(&mut Cursor::new(Vec::new()), 8000, MAX_DATA_BYTES + 2).is_err());
    }
}
