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

/// The most channels a WAV may have for tilmach (more is a broken or hostile header).
pub const MAX_CHANNELS: u16 = 32;
/// The highest sample rate tilmach reads.
pub const MAX_RATE: u32 = 384_000;

/// How the samples of a WAV are stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Encoding {
    /// Integer PCM: 8-bit unsigned, or 16, 24 or 32-bit signed.
    Int(u16),
    /// IEEE float, 32 or 64 bits.
    Float(u16),
    /// G.711 µ-law.
    Ulaw,
    /// G.711 A-law.
    Alaw,
}

impl Encoding {
    fn bytes(self) -> usize {
        match self {
            Encoding::Int(bits) | Encoding::Float(bits) => usize::from(bits / 8),
            Encoding::Ulaw | Encoding::Alaw => 1,
        }
    }

    /// One sample as a value in −1..1 (non-finite floats are silence).
    fn value(self, b: &[u8]) -> f64 {
        match self {
            Encoding::Int(8) => (f64::from(b[0]) - 128.0) / 128.0,
            Encoding::Int(16) => f64::from(i16::from_le_bytes([b[0], b[1]])) / 32768.0,
            Encoding::Int(24) => {
                f64::from(i32::from_le_bytes([0, b[0], b[1], b[2]]) >> 8) / 8_388_608.0
            }
            Encoding::Int(_) => {
                f64::from(i32::from_le_bytes([b[0], b[1], b[2], b[3]])) / 2_147_483_648.0
            }
            Encoding::Float(32) => {
                let v = f64::from(f32::from_le_bytes([b[0], b[1], b[2], b[3]]));
                if v.is_finite() {
                    v
                } else {
                    0.0
                }
            }
            Encoding::Float(_) => {
                let v = f64::from_le_bytes(b[..8].try_into().expect("8 bytes"));
                if v.is_finite() {
                    v
                } else {
                    0.0
                }
            }
            Encoding::Ulaw => f64::from(super::g711::ulaw_to_linear(b[0])) / 32768.0,
            Encoding::Alaw => f64::from(super::g711::alaw_to_linear(b[0])) / 32768.0,
        }
    }
}

/// A WAV read block by block, as mono 16-bit samples (channels averaged), so that a recording
/// of hours never sits in memory.
///
/// The header is checked before any sample is read: the sample rate (1 Hz to
/// [`MAX_RATE`]), the channel count (1 to [`MAX_CHANNELS`]) and the sample format (8, 16, 24 or
/// 32-bit integers, 32 or 64-bit floats, G.711). The data chunk's size is trusted only as an
/// upper bound: a file that ends earlier (a truncated download, a WAV streamed to a pipe with
/// an unknown length, a header claiming 4 GiB) is read to its end. Floats that are NaN or
/// infinite are read as silence.
pub struct WavStream<R> {
    inner: R,
    name: String,
    rate: u32,
    channels: u16,
    encoding: Encoding,
    /// Data bytes the header says are left (an upper bound).
    remaining: u64,
    bytes: Vec<u8>,
}

impl<R: Read> WavStream<R> {
    /// Reads and checks the header; `name` (a path, `standard input`) is used in errors.
    ///
    /// # Errors
    /// [`Error::Audio`] naming `name`: empty, not a WAV file, a header cut short, no data
    /// chunk, or a sample rate, channel count or sample format tilmach cannot use.
    pub fn new(mut inner: R, name: &str) -> Result<WavStream<R>> {
        let bad = |msg: &str| Error::Audio(format!("{name}: {msg}"));
        let mut riff = [0u8; 12];
        let got =
            read_full(&mut inner, &mut riff).map_err(|e| bad(&format!("cannot read: {e}")))?;
        if got == 0 {
            return Err(bad("not a WAV file: the file is empty"));
        }
        if got < 12 || &riff[0..4] != b"RIFF" || &riff[8..12] != b"WAVE" {
            return Err(bad(
                "not a WAV file (it does not start with a RIFF/WAVE header)",
            ));
        }
        let mut format: Option<(Encoding, u16, u32)> = None;
        loop {
            let mut chunk = [0u8; 8];
            let got =
                read_full(&mut inner, &mut chunk).map_err(|e| bad(&format!("cannot read: {e}")))?;
            if got < 8 {
                return Err(bad(if format.is_none() {
                    "truncated WAV header: no format chunk"
                } else {
                    "truncated WAV header: no data chunk"
                }));
            }
            let size = u32::from_le_bytes(chunk[4..8].try_into().expect("4 bytes"));
            match &chunk[0..4] {
                b"fmt " => {
                    if !(16..=1024).contains(&size) {
                        return Err(bad(&format!("bad format chunk size {size}")));
                    }
                    let mut fmt = vec![0u8; size as usize + (size as usize & 1)];
                    if read_full(&mut inner, &mut fmt)
                        .map_err(|e| bad(&format!("cannot read: {e}")))?
                        < size as usize
                    {
                        return Err(bad("truncated WAV header: the format chunk is cut short"));
                    }
                    format = Some(parse_format(&fmt).map_err(|m| bad(&m))?);
                }
                b"data" => {
                    let Some((encoding, channels, rate)) = format else {
                        return Err(bad("not a usable WAV file: data comes before the format"));
                    };
                    // 0 and 0xFFFFFFFF are what writers put when the length was not known.
                    let remaining = match size {
                        0 | u32::MAX => u64::MAX,
                        n => u64::from(n),
                    };
                    return Ok(WavStream {
                        inner,
                        name: name.to_owned(),
                        rate,
                        channels,
                        encoding,
                        remaining,
                        bytes: Vec::new(),
                    });
                }
                _ => {
                    let skip = u64::from(size) + u64::from(size & 1);
                    let skipped = std::io::copy(&mut (&mut inner).take(skip), &mut std::io::sink())
                        .map_err(|e| bad(&format!("cannot read: {e}")))?;
                    if skipped < skip {
                        return Err(bad("truncated WAV header: no data chunk"));
                    }
                }
            }
        }
    }

    /// The sample rate.
    pub fn rate(&self) -> u32 {
        self.rate
    }

    /// The channel count of the file (what is read is mono).
    pub fn channels(&self) -> u16 {
        self.channels
    }

    /// Appends at most `frames` mono samples to `out`; returns how many (0 at the end). A frame
    /// cut short by the end of the file is dropped.
    ///
    /// # Errors
    /// [`Error::Audio`] naming the source when reading fails.
    pub fn read_block(&mut self, frames: usize, out: &mut Vec<i16>) -> Result<usize> {
        let frame_bytes = self.encoding.bytes() * usize::from(self.channels);
        let want = (frames.max(1) as u64 * frame_bytes as u64).min(self.remaining) as usize;
        self.bytes.resize(want, 0);
        let got = read_full(&mut self.inner, &mut self.bytes)
            .map_err(|e| Error::Audio(format!("{}: cannot read: {e}", self.name)))?;
        self.remaining = if got < want {
            0
        } else {
            self.remaining - got as u64
        };
        let whole = got / frame_bytes;
        let width = self.encoding.bytes();
        let channels = f64::from(self.channels);
        out.extend(
            self.bytes[..whole * frame_bytes]
                .chunks_exact(frame_bytes)
                .map(|frame| {
                    let sum: f64 = frame
                        .chunks_exact(width)
                        .map(|b| self.encoding.value(b))
                        .sum();
                    (sum / channels * 32768.0).round().clamp(-32768.0, 32767.0) as i16
                }),
        );
        Ok(whole)
    }
}

/// The encoding, channels and rate of a `fmt ` chunk.
fn parse_format(fmt: &[u8]) -> std::result::Result<(Encoding, u16, u32), String> {
    let u16_at = |i: usize| u16::from_le_bytes([fmt[i], fmt[i + 1]]);
    let mut tag = u16_at(0);
    let channels = u16_at(2);
    let rate = u32::from_le_bytes(fmt[4..8].try_into().expect("4 bytes"));
    let bits = u16_at(14);
    if tag == 0xFFFE && fmt.len() >= 26 {
        // WAVE_FORMAT_EXTENSIBLE: the format is the first two bytes of the sub-format GUID.
        tag = u16_at(24);
    }
    if rate == 0 || rate > MAX_RATE {
        return Err(format!(
            "unusable sample rate {rate} Hz (tilmach reads 1 to {MAX_RATE} Hz)"
        ));
    }
    if channels == 0 || channels > MAX_CHANNELS {
        return Err(format!(
            "unusable channel count {channels} (tilmach reads 1 to {MAX_CHANNELS})"
        ));
    }
    let encoding = match (tag, bits) {
        (1, 8 | 16 | 24 | 32) => Encoding::Int(bits),
        (3, 32 | 64) => Encoding::Float(bits),
        (6, 8) => Encoding::Alaw,
        (7, 8) => Encoding::Ulaw,
        _ => {
            return Err(format!(
                "unsupported sample format (format tag {tag}, {bits} bits); tilmach reads \
                 8/16/24/32-bit integer, 32/64-bit float and G.711 WAV files"
            ))
        }
    };
    Ok((encoding, channels, rate))
}

/// Reads until `buf` is full or the input ends; returns the bytes read.
fn read_full<R: Read>(r: &mut R, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut got = 0;
    while got < buf.len() {
        match r.read(&mut buf[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(got)
}

/// Opens the WAV file at `path` for reading block by block (see [`WavStream`]).
///
/// # Errors
/// [`Error::Io`] or [`Error::Audio`] naming the path.
pub fn open_file(path: &Path) -> Result<WavStream<std::io::BufReader<std::fs::File>>> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    WavStream::new(std::io::BufReader::new(file), &path.display().to_string())
}

/// Reads a whole WAV (integer, float or G.711 samples, any channel count up to
/// [`MAX_CHANNELS`]) as mono 16-bit: channels are averaged. See [`WavStream`] for what is
/// checked; use it for long recordings.
///
/// # Errors
/// [`Error::Audio`] naming `name` when the data is not a WAV file tilmach can use.
pub fn read<R: Read>(reader: R, name: &str) -> Result<Pcm> {
    let mut wav = WavStream::new(reader, name)?;
    let mut samples = Vec::new();
    while wav.read_block(1 << 16, &mut samples)? > 0 {}
    Ok(Pcm::new(samples, wav.rate()))
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

    /// A WAV header with these fields and `data` after it (the data size field as given).
    fn wav_bytes(
        tag: u16,
        channels: u16,
        rate: u32,
        bits: u16,
        data_size: u32,
        data: &[u8],
    ) -> Vec<u8> {
        let mut b = b"RIFF\0\0\0\0WAVEfmt ".to_vec();
        b.extend(16u32.to_le_bytes());
        b.extend(tag.to_le_bytes());
        b.extend(channels.to_le_bytes());
        b.extend(rate.to_le_bytes());
        b.extend(
            rate.wrapping_mul(u32::from(channels) * u32::from(bits / 8))
                .to_le_bytes(),
        );
        b.extend(channels.wrapping_mul(bits / 8).to_le_bytes());
        b.extend(bits.to_le_bytes());
        b.extend(b"LIST");
        b.extend(4u32.to_le_bytes());
        b.extend(b"INFO");
        b.extend(b"data");
        b.extend(data_size.to_le_bytes());
        b.extend(data);
        b
    }

    fn error(bytes: Vec<u8>) -> String {
        read(Cursor::new(bytes), "x.wav").unwrap_err().to_string()
    }

    #[test]
    fn hostile_headers_are_refused_by_name() {
        let data = [0u8; 64];
        let zero_hz = error(wav_bytes(1, 1, 0, 16, 64, &data));
        assert!(
            zero_hz.contains("x.wav") && zero_hz.contains("0 Hz"),
            "{zero_hz}"
        );
        let many = error(wav_bytes(1, 65_535, 16_000, 16, 64, &data));
        assert!(many.contains("x.wav") && many.contains("65535"), "{many}");
        let odd = error(wav_bytes(1, 1, 16_000, 12, 64, &data));
        assert!(odd.contains("unsupported sample format"), "{odd}");
        let cut = wav_bytes(1, 1, 16_000, 16, 64, &data);
        assert!(error(cut[..30].to_vec()).contains("truncated"));
        assert!(error(cut[..40].to_vec()).contains("no data chunk"));
    }

    #[test]
    fn a_4_gib_data_claim_reads_what_is_there() {
        let samples: Vec<u8> = [100i16, -100, 200]
            .iter()
            .flat_map(|s| s.to_le_bytes())
            .collect();
        for claim in [u32::MAX - 1, 0xFFFF_FFF0, 0, u32::MAX] {
            let pcm = read(
                Cursor::new(wav_bytes(1, 1, 8000, 16, claim, &samples)),
                "big",
            )
            .unwrap();
            assert_eq!(pcm.samples, vec![100, -100, 200], "claim {claim}");
        }
        // A frame cut by the end of the file is dropped.
        let mut cut = samples.clone();
        cut.pop();
        let pcm = read(Cursor::new(wav_bytes(1, 1, 8000, 16, 6, &cut)), "cut").unwrap();
        assert_eq!(pcm.samples, vec![100, -100]);
    }

    #[test]
    fn nan_floats_are_silence_and_other_formats_read() {
        let floats: Vec<u8> = [f32::NAN, 0.5, f32::INFINITY, -0.25]
            .iter()
            .flat_map(|s| s.to_le_bytes())
            .collect();
        let pcm = read(Cursor::new(wav_bytes(3, 1, 16_000, 32, 16, &floats)), "nan").unwrap();
        assert_eq!(pcm.samples, vec![0, 16384, 0, -8192]);
        let doubles: Vec<u8> = [0.5f64, f64::NAN]
            .iter()
            .flat_map(|s| s.to_le_bytes())
            .collect();
        let pcm = read(
            Cursor::new(wav_bytes(3, 1, 16_000, 64, 16, &doubles)),
            "f64",
        )
        .unwrap();
        assert_eq!(pcm.samples, vec![16384, 0]);
        let int24 = [0x00, 0x00, 0x40, 0x00, 0x00, 0xC0];
        let pcm = read(Cursor::new(wav_bytes(1, 1, 16_000, 24, 6, &int24)), "24").unwrap();
        assert_eq!(pcm.samples, vec![16384, -16384]);
        let u8s = [128u8, 192, 64];
        let pcm = read(Cursor::new(wav_bytes(1, 1, 8000, 8, 3, &u8s)), "8").unwrap();
        assert_eq!(pcm.samples, vec![0, 16384, -16384]);
        let ulaw = crate::audio::g711::encode_ulaw(&[1000, -1000]);
        let pcm = read(Cursor::new(wav_bytes(7, 1, 8000, 8, 2, &ulaw)), "ulaw").unwrap();
        assert!((pcm.samples[0] - 1000).abs() < 40 && (pcm.samples[1] + 1000).abs() < 40);
    }

    #[test]
    fn blocks_are_bounded() {
        let samples: Vec<u8> = (0..1000i16).flat_map(|s| s.to_le_bytes()).collect();
        let mut wav =
            WavStream::new(Cursor::new(wav_bytes(1, 1, 8000, 16, 2000, &samples)), "b").unwrap();
        let mut out = Vec::new();
        let mut blocks = 0;
        while wav.read_block(300, &mut out).unwrap() > 0 {
            blocks += 1;
        }
        assert_eq!(blocks, 4);
        assert_eq!(out, (0..1000).collect::<Vec<i16>>());
    }
}
