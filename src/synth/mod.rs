//! Speech synthesis: the [`Synthesizer`] trait that engines implement, and the pipeline that
//! turns a text into sentences of audio with loudness and pauses applied.

mod choice;
pub mod duration;
mod per_language;
mod settings;
mod utterance;

#[cfg(feature = "espeak")]
pub mod espeak;
#[cfg(feature = "neural")]
pub mod neural;
#[cfg(feature = "os-tts")]
pub mod os;
pub mod worker;

pub use choice::{open, EngineOptions};
pub use per_language::PerLanguage;
pub use settings::{Profile, SpeechConfig, SpeechSettings, REFERENCE_LOUDNESS_DBFS};
pub use utterance::{speak, Sentences, MAX_BUFFERED_SPEECH};

use std::fmt;
use std::str::FromStr;

use crate::audio::Pcm;
use crate::lang::Language;
use crate::{Error, Result};

/// What an engine can do, so that callers get [`Error::Unsupported`] instead of a silent no-op.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Capabilities {
    /// Languages the engine has a voice for.
    pub languages: Vec<Language>,
    /// Whether the rate setting changes the speech.
    pub rate: bool,
    /// Whether the pitch setting changes the speech.
    pub pitch: bool,
}

/// A speech engine: renders one short, cleaned piece of text to audio.
///
/// Callers normally use [`speak`] or [`Sentences`], which clean and split the text, apply
/// loudness and pauses, and call [`Synthesizer::render`] once per sentence.
pub trait Synthesizer: Send + Sync {
    /// The engine's name, for messages.
    fn name(&self) -> &str;

    /// What the engine can do.
    fn capabilities(&self) -> Capabilities;

    /// The rate of the audio [`Synthesizer::render`] returns.
    fn sample_rate(&self) -> u32;

    /// Renders one sentence of text already passed through [`crate::text::sanitize`] and at
    /// most [`crate::text::MAX_CHUNK_CHARS`] long. Volume and pauses are not applied here.
    ///
    /// # Errors
    /// [`Error::Unsupported`] for a language without a voice; [`Error::Engine`] when the engine
    /// fails; [`Error::OutputTooLong`] past the engine's per-call cap.
    fn render(&self, lang: Language, text: &str, settings: &SpeechSettings) -> Result<Pcm>;

    /// Fails with [`Error::Unsupported`] when the engine has no voice for `lang`.
    ///
    /// # Errors
    /// As described.
    fn require(&self, lang: Language) -> Result<()> {
        if self.capabilities().languages.contains(&lang) {
            Ok(())
        } else {
            Err(Error::Unsupported {
                engine: self.name().to_owned(),
                what: format!("{} ({})", lang.english_name(), lang.tag()),
            })
        }
    }
}

impl<S: Synthesizer + ?Sized> Synthesizer for &S {
    fn name(&self) -> &str {
        (**self).name()
    }
    fn capabilities(&self) -> Capabilities {
        (**self).capabilities()
    }
    fn sample_rate(&self) -> u32 {
        (**self).sample_rate()
    }
    fn render(&self, lang: Language, text: &str, settings: &SpeechSettings) -> Result<Pcm> {
        (**self).render(lang, text, settings)
    }
}

/// The engines tilmach can speak with, by the names config files and the CLI use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum EngineKind {
    /// Each language's best installed engine: its neural voice where one is installed (Mandarin:
    /// Kokoro), else espeak-ng.
    #[default]
    Auto,
    /// Neural voices only (feature `neural`); a language without one is
    /// [`Error::Unsupported`].
    Neural,
    /// espeak-ng 1.52 linked into this process (one-shot CLI calls, kiosk apps).
    Espeak,
    /// espeak-ng in a supervised worker process, restarted if it crashes (servers).
    EspeakProcess,
    /// The operating system's voices (feature `os-tts`): they speak only to the speakers.
    Os,
}

impl EngineKind {
    /// Every engine name.
    pub const ALL: [EngineKind; 5] = [
        EngineKind::Auto,
        EngineKind::Neural,
        EngineKind::Espeak,
        EngineKind::EspeakProcess,
        EngineKind::Os,
    ];

    /// The name used in config files and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            EngineKind::Auto => "auto",
            EngineKind::Neural => "neural",
            EngineKind::Espeak => "espeak",
            EngineKind::EspeakProcess => "espeak-process",
            EngineKind::Os => "os",
        }
    }
}

impl fmt::Display for EngineKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for EngineKind {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        EngineKind::ALL
            .into_iter()
            .find(|k| k.name() == s)
            .ok_or_else(|| Error::Unsupported {
                engine: s.to_owned(),
                what: format!(
                    "anything: no such engine (known: {})",
                    EngineKind::ALL.map(|k| k.name()).join(", ")
                ),
            })
    }
}
