use std::io::Write;

use super::{g711, wav, OutputFormat, Pcm, StreamResampler};
use crate::{Error, Result};

/// Writes audio that arrives piece by piece into one file of an [`OutputFormat`]: converts the
/// rate with filter state kept across pieces, encodes, and refuses (before writing) any piece
/// that would take a WAV past its 4 GiB limit.
///
/// A WAV header is written first with an unknown length; for a seekable file call
/// [`wav::finalize_header`] with what [`AudioSink::finish`] returns.
pub struct AudioSink<W: Write> {
    out: W,
    format: OutputFormat,
    input_rate: u32,
    resampler: StreamResampler,
    converted: Vec<i16>,
    data_bytes: u64,
    encoded: Vec<u8>,
}

impl<W: Write> AudioSink<W> {
    /// A sink for audio at `input_rate` Hz, written to `out` as `format`.
    ///
    /// # Errors
    /// I/O errors writing the header; [`Error::Audio`] for a zero rate.
    pub fn new(format: OutputFormat, input_rate: u32, mut out: W) -> Result<AudioSink<W>> {
        let resampler = StreamResampler::new(input_rate, format.rate(input_rate))?;
        if format.is_wav() {
            out.write_all(&wav::header(format.rate(input_rate), None))?;
        }
        Ok(AudioSink {
            out,
            format,
            input_rate,
            resampler,
            converted: Vec::new(),
            data_bytes: 0,
            encoded: Vec::new(),
        })
    }

    /// The rate of the samples in the file.
    pub fn output_rate(&self) -> u32 {
        self.format.rate(self.input_rate)
    }

    /// Bytes of sample data written so far (header excluded).
    pub fn data_bytes(&self) -> u64 {
        self.data_bytes
    }

    /// Converts and writes `pcm`, which must be at the sink's input rate.
    ///
    /// # Errors
    /// [`Error::Audio`] for a different rate; [`Error::OutputTooLong`] when a WAV would pass
    /// its size limit (nothing of this piece is written); I/O errors.
    pub fn write(&mut self, pcm: &Pcm) -> Result<()> {
        if pcm.rate != self.input_rate {
            return Err(Error::Audio(format!(
                "sink expects {} Hz audio, got {} Hz",
                self.input_rate, pcm.rate
            )));
        }
        self.converted.clear();
        self.resampler.push(&pcm.samples, &mut self.converted)?;
        self.emit()
    }

    fn emit(&mut self) -> Result<()> {
        let bytes = self.converted.len() as u64 * self.format.bytes_per_sample();
        if self.format.is_wav() && self.data_bytes + bytes > wav::MAX_DATA_BYTES {
            return Err(wav::too_long(self.data_bytes + bytes));
        }
        match self.format {
            OutputFormat::Ulaw | OutputFormat::Alaw => {
                let encode = if self.format == OutputFormat::Ulaw {
                    g711::linear_to_ulaw
                } else {
                    g711::linear_to_alaw
                };
                self.encoded.clear();
                self.encoded
                    .extend(self.converted.iter().map(|&s| encode(s)));
                self.out.write_all(&self.encoded)?;
            }
            _ => wav::write_samples(&mut self.out, &self.converted)?,
        }
        self.data_bytes += bytes;
        Ok(())
    }

    /// Flushes the converter and the writer; returns the writer and the bytes of sample data.
    ///
    /// # Errors
    /// As [`AudioSink::write`].
    pub fn finish(mut self) -> Result<(W, u64)> {
        self.converted.clear();
        self.resampler.finish(&mut self.converted)?;
        self.emit()?;
        self.out.flush()?;
        Ok((self.out, self.data_bytes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn speechlike(rate: u32, seconds: f64) -> Pcm {
        let n = (f64::from(rate) * seconds) as usize;
        let samples = (0..n)
            .map(|i| {
                let t = i as f64 / f64::from(rate);
                (6000.0 * (2.0 * std::f64::consts::PI * 300.0 * t).sin()
                    + 3000.0 * (2.0 * std::f64::consts::PI * 1100.0 * t).sin())
                    as i16
            })
            .collect();
        Pcm::new(samples, rate)
    }

    fn relative_rms_error(a: &[i16], b: &[i16]) -> f64 {
        let err: f64 = a
            .iter()
            .zip(b)
            .map(|(&x, &y)| (f64::from(x) - f64::from(y)).powi(2))
            .sum();
        let sig: f64 = a.iter().map(|&x| f64::from(x).powi(2)).sum();
        (err / sig).sqrt()
    }

    #[test]
    fn g711_files_are_8000_bytes_a_second_and_decode_close_to_the_source() {
        let source = speechlike(22050, 2.0);
        let reference = source.resampled(8000).unwrap();
        for format in [OutputFormat::Ulaw, OutputFormat::Alaw] {
            let mut sink = AudioSink::new(format, 22050, Vec::new()).unwrap();
            for piece in source.samples.chunks(5000) {
                sink.write(&Pcm::new(piece.to_vec(), 22050)).unwrap();
            }
            let (bytes, n) = sink.finish().unwrap();
            assert_eq!(
                bytes.len(),
                16000,
                "{format}: exactly rate × duration bytes"
            );
            assert_eq!(n, 16000);
            let decoded = if format == OutputFormat::Ulaw {
                g711::decode_ulaw(&bytes)
            } else {
                g711::decode_alaw(&bytes)
            };
            let err = relative_rms_error(&reference.samples, &decoded);
            assert!(err < 0.02, "{format}: RMS error {:.2} %", err * 100.0);
        }
    }

    #[test]
    fn wav_past_4_gib_is_refused_before_anything_is_written() {
        let mut sink = AudioSink::new(OutputFormat::Wav, 8000, std::io::sink()).unwrap();
        let block = Pcm::new(vec![0; 1 << 24], 8000); // 32 MiB of samples
        let mut refused = None;
        for i in 0..200 {
            if let Err(e) = sink.write(&block) {
                refused = Some((i, e));
                break;
            }
        }
        let (i, e) = refused.expect("a WAV past 4 GiB must be refused");
        assert_eq!(i, 127, "refused exactly when the next block would not fit");
        assert!(matches!(e, Error::OutputTooLong { .. }), "{e}");
        assert!(sink.data_bytes() <= wav::MAX_DATA_BYTES);
    }

    #[test]
    fn sln16_is_raw_16khz() {
        let mut sink = AudioSink::new(OutputFormat::Sln16, 8000, Vec::new()).unwrap();
        sink.write(&speechlike(8000, 1.0)).unwrap();
        let (bytes, _) = sink.finish().unwrap();
        assert_eq!(bytes.len(), 32000);
        assert!(sink_rate_error().is_err());
    }

    fn sink_rate_error() -> Result<()> {
        let mut sink = AudioSink::new(OutputFormat::Wav, 8000, Vec::new())?;
        sink.write(&speechlike(16000, 0.1))
    }
}
