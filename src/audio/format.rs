use std::fmt;
use std::str::FromStr;

use crate::Error;

/// The audio file formats tilmach writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum OutputFormat {
    /// WAV, 16-bit mono at the engine's own rate (22,050 Hz for espeak-ng).
    Wav,
    /// WAV, 16-bit mono at 8,000 Hz (Asterisk's `.wav`).
    Wav8k,
    /// WAV, 16-bit mono at 16,000 Hz (Asterisk's `.wav16`, FreeSWITCH wideband).
    Wav16k,
    /// Headerless G.711 µ-law at 8,000 Hz, one byte per sample (Asterisk's `.ulaw`).
    Ulaw,
    /// Headerless G.711 A-law at 8,000 Hz, one byte per sample (Asterisk's `.alaw`).
    Alaw,
    /// Headerless signed 16-bit little-endian at 16,000 Hz (Asterisk's `.sln16`).
    Sln16,
}

impl OutputFormat {
    /// Every format, in the order the CLI lists them.
    pub const ALL: [OutputFormat; 6] = [
        OutputFormat::Wav,
        OutputFormat::Wav8k,
        OutputFormat::Wav16k,
        OutputFormat::Ulaw,
        OutputFormat::Alaw,
        OutputFormat::Sln16,
    ];

    /// The sample rate of the file, given the engine's own rate.
    pub fn rate(self, native_rate: u32) -> u32 {
        match self {
            OutputFormat::Wav => native_rate,
            OutputFormat::Wav8k | OutputFormat::Ulaw | OutputFormat::Alaw => 8000,
            OutputFormat::Wav16k | OutputFormat::Sln16 => 16000,
        }
    }

    /// True for formats with a RIFF/WAVE header.
    pub fn is_wav(self) -> bool {
        matches!(
            self,
            OutputFormat::Wav | OutputFormat::Wav8k | OutputFormat::Wav16k
        )
    }

    /// Bytes per sample in the file.
    pub fn bytes_per_sample(self) -> u64 {
        match self {
            OutputFormat::Ulaw | OutputFormat::Alaw => 1,
            _ => 2,
        }
    }

    /// The file extension Asterisk uses for the format.
    pub fn asterisk_extension(self) -> &'static str {
        match self {
            OutputFormat::Wav => "wav",
            OutputFormat::Wav8k => "wav",
            OutputFormat::Wav16k => "wav16",
            OutputFormat::Ulaw => "ulaw",
            OutputFormat::Alaw => "alaw",
            OutputFormat::Sln16 => "sln16",
        }
    }

    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            OutputFormat::Wav => "wav",
            OutputFormat::Wav8k => "wav8k",
            OutputFormat::Wav16k => "wav16k",
            OutputFormat::Ulaw => "ulaw",
            OutputFormat::Alaw => "alaw",
            OutputFormat::Sln16 => "sln16",
        }
    }
}

impl fmt::Display for OutputFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for OutputFormat {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        OutputFormat::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(s))
            .ok_or_else(|| {
                let names: Vec<_> = OutputFormat::ALL.iter().map(|f| f.name()).collect();
                Error::Audio(format!("unknown format '{s}'; known: {}", names.join(", ")))
            })
    }
}
