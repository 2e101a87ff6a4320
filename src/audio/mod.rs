//! Audio: the [`Pcm`] buffer every engine produces, WAV and telephony files, resampling,
//! G.711 and loudness.
//!
//! Sample-rate and format conversion live here, never in the engines: an engine hands over mono
//! 16-bit samples at its own rate and [`AudioSink`] turns them into whatever a file, a telephone
//! system or a browser needs.

#[cfg(feature = "devices")]
pub mod device;
mod format;
pub mod g711;
pub mod loudness;
mod resample;
mod sink;
pub mod wav;

pub use format::OutputFormat;
pub use resample::{resample, StreamResampler};
pub use sink::AudioSink;

use std::time::Duration;

/// Mono 16-bit audio at a sample rate.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Pcm {
    /// The samples, one per frame.
    pub samples: Vec<i16>,
    /// Frames per second.
    pub rate: u32,
}

impl Pcm {
    /// Audio from samples at `rate` Hz.
    pub fn new(samples: Vec<i16>, rate: u32) -> Pcm {
        Pcm { samples, rate }
    }

    /// `duration` of silence at `rate` Hz.
    pub fn silence(duration: Duration, rate: u32) -> Pcm {
        let frames = (duration.as_secs_f64() * f64::from(rate)).round() as usize;
        Pcm::new(vec![0; frames], rate)
    }

    /// How long the audio plays.
    pub fn duration(&self) -> Duration {
        if self.rate == 0 {
            return Duration::ZERO;
        }
        Duration::from_secs_f64(self.samples.len() as f64 / f64::from(self.rate))
    }

    /// True when there are no samples.
    pub fn is_empty(&self) -> bool {
        self.samples.is_empty()
    }

    /// Root-mean-square level relative to full scale, in dBFS (`-inf` for silence).
    pub fn rms_dbfs(&self) -> f64 {
        loudness::rms_dbfs(&self.samples)
    }

    /// The largest absolute sample value.
    pub fn peak(&self) -> u16 {
        self.samples
            .iter()
            .map(|s| s.unsigned_abs())
            .max()
            .unwrap_or(0)
    }

    /// Appends `other`, which must have the same rate.
    ///
    /// # Errors
    /// [`crate::Error::Audio`] when the rates differ.
    pub fn append(&mut self, other: &Pcm) -> crate::Result<()> {
        if self.samples.is_empty() && self.rate == 0 {
            self.rate = other.rate;
        }
        if other.rate != self.rate {
            return Err(crate::Error::Audio(format!(
                "cannot join audio at {} Hz to audio at {} Hz",
                other.rate, self.rate
            )));
        }
        self.samples.extend_from_slice(&other.samples);
        Ok(())
    }

    /// Appends `duration` of silence.
    pub fn append_silence(&mut self, duration: Duration) {
        let frames = (duration.as_secs_f64() * f64::from(self.rate)).round() as usize;
        self.samples.resize(self.samples.len() + frames, 0);
    }

    /// This audio at another rate (band-limited; see [`resample`]).
    ///
    /// # Errors
    /// [`crate::Error::Audio`] when a rate is zero.
    pub fn resampled(&self, rate: u32) -> crate::Result<Pcm> {
        resample(self, rate)
    }
}
