//! Speech settings: rate, pitch, volume and the pause between sentences, with the standard and
//! elder profiles and a TOML file that overrides them.

use std::path::Path;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// Loudness, in dBFS of active speech, that volume 100 means.
pub const REFERENCE_LOUDNESS_DBFS: f64 = -20.0;

/// How one utterance is spoken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SpeechSettings {
    /// Speaking rate in percent of the engine's normal rate (espeak-ng's normal is 175 words
    /// per minute). 30 to 300.
    pub rate: u32,
    /// Voice pitch, 0 (lowest) to 100 (highest); 50 is the voice's own.
    pub pitch: u32,
    /// Volume in percent: 100 brings speech to [`REFERENCE_LOUDNESS_DBFS`], 200 is 6 dB louder.
    /// Peaks are limited so that no volume ever clips. 10 to 400.
    pub volume: u32,
    /// Silence between sentences, in milliseconds. At most 10,000.
    pub sentence_pause_ms: u32,
}

impl Default for SpeechSettings {
    fn default() -> Self {
        SpeechSettings {
            rate: 100,
            pitch: 50,
            volume: 100,
            sentence_pause_ms: 300,
        }
    }
}

impl SpeechSettings {
    /// The elder profile: 30 % slower, 700 ms between sentences, slightly lower pitch (high
    /// frequencies are the first hearing loses) and 4 dB louder (volume 160), never clipping.
    pub fn elder() -> SpeechSettings {
        SpeechSettings {
            rate: 70,
            pitch: 40,
            volume: 160,
            sentence_pause_ms: 700,
        }
    }

    /// The loudness target these settings ask for, in dBFS.
    pub fn loudness_dbfs(&self) -> f64 {
        REFERENCE_LOUDNESS_DBFS + 20.0 * (f64::from(self.volume.max(1)) / 100.0).log10()
    }

    /// The pause between sentences.
    pub fn sentence_pause(&self) -> Duration {
        Duration::from_millis(u64::from(self.sentence_pause_ms))
    }

    /// Checks every value is in its documented range.
    ///
    /// # Errors
    /// [`Error::InvalidText`]-free: returns a message naming the field and its range.
    pub fn validate(&self) -> std::result::Result<(), String> {
        let check = |name: &str, v: u32, lo: u32, hi: u32| {
            if (lo..=hi).contains(&v) {
                Ok(())
            } else {
                Err(format!("{name} = {v} is outside {lo}..={hi}"))
            }
        };
        check("rate", self.rate, 30, 300)?;
        check("pitch", self.pitch, 0, 100)?;
        check("volume", self.volume, 10, 400)?;
        check("sentence_pause_ms", self.sentence_pause_ms, 0, 10_000)
    }
}

/// Which set of settings to speak with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Profile {
    /// The everyday settings.
    #[default]
    Standard,
    /// Slower, with longer pauses, louder: for elderly listeners.
    Elder,
}

/// The settings of both profiles, as a config file may override them.
///
/// ```toml
/// [standard]
/// rate = 110
///
/// [elder]
/// rate = 65
/// sentence_pause_ms = 900
/// ```
/// Fields left out keep the profile's own defaults.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SpeechConfig {
    /// The everyday settings.
    pub standard: SpeechSettings,
    /// The elder profile.
    pub elder: SpeechSettings,
}

/// A config file as written: every field optional.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    #[serde(default)]
    standard: Overrides,
    #[serde(default)]
    elder: Overrides,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Overrides {
    rate: Option<u32>,
    pitch: Option<u32>,
    volume: Option<u32>,
    sentence_pause_ms: Option<u32>,
}

impl Overrides {
    fn apply(&self, mut base: SpeechSettings) -> SpeechSettings {
        base.rate = self.rate.unwrap_or(base.rate);
        base.pitch = self.pitch.unwrap_or(base.pitch);
        base.volume = self.volume.unwrap_or(base.volume);
        base.sentence_pause_ms = self.sentence_pause_ms.unwrap_or(base.sentence_pause_ms);
        base
    }
}

impl Default for SpeechConfig {
    fn default() -> Self {
        SpeechConfig {
            standard: SpeechSettings::default(),
            elder: SpeechSettings::elder(),
        }
    }
}

impl SpeechConfig {
    /// The settings of `profile`.
    pub fn settings(&self, profile: Profile) -> &SpeechSettings {
        match profile {
            Profile::Standard => &self.standard,
            Profile::Elder => &self.elder,
        }
    }

    /// Parses a config file's text; `path` names it in errors.
    ///
    /// # Errors
    /// [`Error::Config`] naming the file, the line and what is wrong.
    pub fn parse(text: &str, path: &Path) -> Result<SpeechConfig> {
        let file: ConfigFile = toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
            Error::Config {
                path: path.to_owned(),
                message: match line {
                    Some(line) => format!("line {line}: {}", e.message()),
                    None => e.message().to_owned(),
                },
            }
        })?;
        let config = SpeechConfig {
            standard: file.standard.apply(SpeechSettings::default()),
            elder: file.elder.apply(SpeechSettings::elder()),
        };
        for (name, s) in [("standard", &config.standard), ("elder", &config.elder)] {
            s.validate().map_err(|m| Error::Config {
                path: path.to_owned(),
                message: format!("[{name}] {m}"),
            })?;
        }
        Ok(config)
    }

    /// Loads a config file.
    ///
    /// # Errors
    /// [`Error::Io`] or [`Error::Config`] naming the file.
    pub fn load(path: &Path) -> Result<SpeechConfig> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        SpeechConfig::parse(&text, path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elder_is_slower_louder_with_longer_pauses() {
        let (s, e) = (SpeechSettings::default(), SpeechSettings::elder());
        assert!(f64::from(e.rate) <= f64::from(s.rate) * 0.75);
        assert!(e.sentence_pause_ms >= 600);
        assert!(e.loudness_dbfs() > s.loudness_dbfs() + 3.0);
        assert!(s.validate().is_ok() && e.validate().is_ok());
    }

    #[test]
    fn config_overrides_fields_and_names_line_of_errors() {
        let c = SpeechConfig::parse("[elder]\nrate = 60\n", Path::new("t.toml")).unwrap();
        assert_eq!(c.elder.rate, 60);
        assert_eq!(c.elder.sentence_pause_ms, 700);
        assert_eq!(c.standard, SpeechSettings::default());
        let err = SpeechConfig::parse("[elder]\nrate = 60\nspeed = 3\n", Path::new("t.toml"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("t.toml") && err.contains("line 3"), "{err}");
        let err = SpeechConfig::parse("[standard]\nrate = 5\n", Path::new("t.toml")).unwrap_err();
        assert!(err.to_string().contains("rate = 5"), "{err}");
    }
}
