//! Band-limited sample-rate conversion (rubato's FFT resampler: every output sample is computed
//! from a low-pass filtered signal, none is dropped or repeated).

use rubato::{FftFixedIn, Resampler};

use super::Pcm;
use crate::{Error, Result};

/// Input frames per resampler call.
const CHUNK: usize = 1024;

/// Converts a whole buffer to `rate` Hz.
///
/// # Errors
/// [`Error::Audio`] when either rate is zero.
pub fn resample(pcm: &Pcm, rate: u32) -> Result<Pcm> {
    let mut resampler = StreamResampler::new(pcm.rate, rate)?;
    let mut out = Vec::with_capacity(
        (pcm.samples.len() as u64 * u64::from(rate) / u64::from(pcm.rate.max(1))) as usize + 16,
    );
    resampler.push(&pcm.samples, &mut out)?;
    resampler.finish(&mut out)?;
    Ok(Pcm::new(out, rate))
}

/// Converts audio that arrives piece by piece, keeping filter state across pieces, so a long
/// text can be resampled sentence by sentence with the same result as all at once.
pub struct StreamResampler {
    inner: Option<FftFixedIn<f32>>,
    from: u32,
    to: u32,
    pending: Vec<f32>,
    /// Output frames still to discard at the start (the filter's delay).
    delay_left: usize,
    frames_in: u64,
    frames_out: u64,
}

impl StreamResampler {
    /// A converter from `from` Hz to `to` Hz (a pass-through when they are equal).
    ///
    /// # Errors
    /// [`Error::Audio`] when either rate is zero.
    pub fn new(from: u32, to: u32) -> Result<StreamResampler> {
        if from == 0 || to == 0 {
            return Err(Error::Audio(format!(
                "cannot resample from {from} Hz to {to} Hz"
            )));
        }
        let inner = if from == to {
            None
        } else {
            Some(
                FftFixedIn::<f32>::new(from as usize, to as usize, CHUNK, 2, 1)
                    .map_err(|e| Error::Audio(format!("resampler: {e}")))?,
            )
        };
        let delay_left = inner.as_ref().map_or(0, |r| r.output_delay());
        Ok(StreamResampler {
            inner,
            from,
            to,
            pending: Vec::with_capacity(CHUNK * 2),
            delay_left,
            frames_in: 0,
            frames_out: 0,
        })
    }

    /// Feeds samples; converted samples that are ready are appended to `out`.
    ///
    /// # Errors
    /// [`Error::Audio`] if the resampler fails.
    pub fn push(&mut self, samples: &[i16], out: &mut Vec<i16>) -> Result<()> {
        self.frames_in += samples.len() as u64;
        let Some(inner) = self.inner.as_mut() else {
            out.extend_from_slice(samples);
            self.frames_out += samples.len() as u64;
            return Ok(());
        };
        self.pending
            .extend(samples.iter().map(|&s| f32::from(s) / 32768.0));
        let mut start = 0;
        while self.pending.len() - start >= inner.input_frames_next() {
            let need = inner.input_frames_next();
            let produced = inner
                .process(&[&self.pending[start..start + need]], None)
                .map_err(|e| Error::Audio(format!("resampler: {e}")))?;
            start += need;
            Self::emit(
                &produced[0],
                &mut self.delay_left,
                &mut self.frames_out,
                u64::MAX,
                out,
            );
        }
        self.pending.drain(..start);
        Ok(())
    }

    /// Flushes what is left; the total output is `input × to / from` frames, rounded.
    ///
    /// # Errors
    /// [`Error::Audio`] if the resampler fails.
    pub fn finish(&mut self, out: &mut Vec<i16>) -> Result<()> {
        let expected =
            (self.frames_in * u64::from(self.to) + u64::from(self.from) / 2) / u64::from(self.from);
        let Some(inner) = self.inner.as_mut() else {
            return Ok(());
        };
        let mut pending = std::mem::take(&mut self.pending);
        let mut guard = 0;
        while self.frames_out < expected && guard < 64 {
            let produced = if pending.is_empty() {
                inner.process_partial::<&[f32]>(None, None)
            } else {
                inner.process_partial(Some(&[&pending[..]]), None)
            }
            .map_err(|e| Error::Audio(format!("resampler: {e}")))?;
            pending.clear();
            Self::emit(
                &produced[0],
                &mut self.delay_left,
                &mut self.frames_out,
                expected,
                out,
            );
            guard += 1;
        }
        Ok(())
    }

    fn emit(
        produced: &[f32],
        delay_left: &mut usize,
        frames_out: &mut u64,
        limit: u64,
        out: &mut Vec<i16>,
    ) {
        let skip = (*delay_left).min(produced.len());
        *delay_left -= skip;
        let room = limit.saturating_sub(*frames_out) as usize;
        let take = &produced[skip..][..(produced.len() - skip).min(room)];
        out.extend(
            take.iter()
                .map(|&v| (v * 32768.0).round().clamp(-32768.0, 32767.0) as i16),
        );
        *frames_out += take.len() as u64;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tone(freq: f64, rate: u32, seconds: f64, amplitude: f64) -> Pcm {
        let n = (f64::from(rate) * seconds) as usize;
        let samples = (0..n)
            .map(|i| {
                (amplitude * (2.0 * std::f64::consts::PI * freq * i as f64 / f64::from(rate)).sin())
                    as i16
            })
            .collect();
        Pcm::new(samples, rate)
    }

    fn zero_crossings(samples: &[i16]) -> usize {
        samples
            .windows(2)
            .filter(|w| (w[0] < 0) != (w[1] < 0))
            .count()
    }

    #[test]
    fn a_1khz_tone_keeps_its_frequency_at_8khz() {
        let out = resample(&tone(1000.0, 22050, 1.0, 10000.0), 8000).unwrap();
        assert_eq!(out.rate, 8000);
        assert_eq!(out.samples.len(), 8000);
        // 1 kHz crosses zero 2,000 times a second.
        let crossings = zero_crossings(&out.samples[400..7600]) as f64 / 0.9;
        assert!((crossings - 2000.0).abs() < 10.0, "{crossings}");
        let level = out.rms_dbfs();
        assert!(level > -14.0 && level < -12.0, "level {level}");
    }

    #[test]
    fn a_6khz_tone_does_not_alias_into_8khz_output() {
        // 6 kHz is above the 4 kHz Nyquist limit of 8 kHz audio: without filtering it would fold
        // down to 2 kHz at full strength.
        let out = resample(&tone(6000.0, 22050, 1.0, 10000.0), 8000).unwrap();
        let level = out.rms_dbfs();
        assert!(level < -60.0, "aliased energy at {level} dBFS");
    }

    #[test]
    fn streaming_in_pieces_matches_one_pass() {
        let input = tone(440.0, 22050, 0.7, 8000.0);
        let whole = resample(&input, 16000).unwrap();
        let mut r = StreamResampler::new(22050, 16000).unwrap();
        let mut out = Vec::new();
        for piece in input.samples.chunks(777) {
            r.push(piece, &mut out).unwrap();
        }
        r.finish(&mut out).unwrap();
        assert_eq!(out, whole.samples);
    }

    #[test]
    fn zero_rates_are_errors_and_equal_rates_pass_through() {
        assert!(StreamResampler::new(0, 8000).is_err());
        let input = tone(440.0, 8000, 0.1, 8000.0);
        assert_eq!(resample(&input, 8000).unwrap(), input);
    }
}
