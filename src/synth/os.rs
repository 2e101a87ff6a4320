//! The operating system's voices through the `tts` crate (feature `os-tts`): speech-dispatcher
//! on Linux, the Windows and macOS speech APIs elsewhere.
//!
//! These engines speak straight to the speakers; none of them hands back audio, so
//! [`Synthesizer::render`] is an honest [`Error::Unsupported`] and [`OsVoice::speak_aloud`]
//! is the way to use them. They exist for kiosks whose operating system has a better voice for
//! a language than espeak-ng.

use std::sync::Mutex;

use super::{Capabilities, SpeechSettings, Synthesizer};
use crate::lang::Language;
use crate::{Error, Pcm, Result};

/// An operating-system voice, chosen by name.
pub struct OsVoice {
    tts: Mutex<tts::Tts>,
    languages: Vec<Language>,
    features: tts::Features,
    voices: Vec<VoiceInfo>,
}

/// One voice the operating system offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoiceInfo {
    /// The name to select it by (`--voice NAME`).
    pub name: String,
    /// The service's id for it.
    pub id: String,
    /// Its language, as a BCP 47 tag.
    pub language: String,
    /// `male`, `female`, or empty when the service does not say.
    pub gender: String,
}

fn engine_error(e: impl std::fmt::Display) -> Error {
    Error::Engine {
        engine: "os-tts".into(),
        message: e.to_string(),
    }
}

impl OsVoice {
    /// Connects to the operating system's speech service and selects the voice whose name or
    /// id is `voice` (the service's default voice when `None`).
    ///
    /// # Errors
    /// [`Error::Engine`] when the speech service is not running or not installed (on Linux:
    /// speech-dispatcher), or when no voice has that name (the message lists them).
    pub fn open(voice: Option<&str>) -> Result<OsVoice> {
        let mut tts = tts::Tts::default().map_err(|e| {
            engine_error(format!(
                "cannot reach the operating system's speech service ({e}); on Linux, install and \
                 start speech-dispatcher"
            ))
        })?;
        let features = tts.supported_features();
        let voices = if features.voice {
            tts.voices().map_err(engine_error)?
        } else {
            Vec::new()
        };
        if let Some(name) = voice {
            let chosen = voices
                .iter()
                .find(|v| v.name() == name || v.id() == name)
                .ok_or_else(|| {
                    let known: Vec<String> = voices.iter().map(|v| v.name()).collect();
                    engine_error(format!("no voice '{name}'; voices: {}", known.join(", ")))
                })?;
            tts.set_voice(chosen).map_err(engine_error)?;
        }
        let languages = Language::ALL
            .into_iter()
            .filter(|lang| {
                voices.iter().any(|v| {
                    v.language().primary_language() == lang.tag().split('-').next().unwrap_or("")
                })
            })
            .collect();
        let voices = voices
            .iter()
            .map(|v| VoiceInfo {
                name: v.name(),
                id: v.id(),
                language: v.language().to_string(),
                gender: match v.gender() {
                    Some(tts::Gender::Male) => "male".into(),
                    Some(tts::Gender::Female) => "female".into(),
                    None => String::new(),
                },
            })
            .collect();
        Ok(OsVoice {
            tts: Mutex::new(tts),
            languages,
            features,
            voices,
        })
    }

    /// The voices the operating system offers (empty where the service cannot list them).
    pub fn voices(&self) -> &[VoiceInfo] {
        &self.voices
    }

    /// Speaks `text` through the speakers and returns when it has been said (or at once where
    /// the service cannot tell).
    ///
    /// # Errors
    /// [`Error::Engine`] when the service refuses the text.
    pub fn speak_aloud(&self, text: &str, settings: &SpeechSettings) -> Result<()> {
        let mut tts = self.tts.lock().map_err(|_| engine_error("poisoned"))?;
        if self.features.rate {
            let rate = (tts.normal_rate() * settings.rate as f32 / 100.0)
                .clamp(tts.min_rate(), tts.max_rate());
            tts.set_rate(rate).map_err(engine_error)?;
        }
        tts.speak(text, true).map_err(engine_error)?;
        if self.features.is_speaking {
            while tts.is_speaking().map_err(engine_error)? {
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
        }
        Ok(())
    }
}

impl Synthesizer for OsVoice {
    fn name(&self) -> &str {
        "os-tts"
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities {
            languages: self.languages.clone(),
            rate: self.features.rate,
            pitch: self.features.pitch,
        }
    }

    fn sample_rate(&self) -> u32 {
        0
    }

    fn render(&self, _: Language, _: &str, _: &SpeechSettings) -> Result<Pcm> {
        Err(Error::Unsupported {
            engine: self.name().into(),
            what: "rendering to audio: the operating system's voices speak only to the \
                   speakers (use OsVoice::speak_aloud, or the espeak engine for files)"
                .into(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Where a speech service runs, the voice opens and refuses to render; where none does, the
    /// error says what to install.
    #[test]
    fn renders_nothing_and_says_why() {
        match OsVoice::open(None) {
            Ok(voice) => {
                let err = voice
                    .render(Language::Mandarin, "你好", &SpeechSettings::default())
                    .unwrap_err();
                assert!(matches!(err, Error::Unsupported { .. }), "{err}");
                assert!(err.to_string().contains("speakers"), "{err}");
            }
            Err(err) => assert!(err.to_string().contains("speech-dispatcher"), "{err}"),
        }
    }
}
