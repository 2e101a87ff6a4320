//! Listening: speech to text, and a transcript to a menu choice.
//!
//! - [`Recognizer`]: the trait speech recognizers implement; [`whisper::Whisper`] (feature
//!   `whisper`) runs whisper.cpp on a ggml model, loaded once, with fresh state per request.
//! - [`vad`]: cuts a recording to its speech and finds where a speaker stopped.
//! - [`intent`]: matches a transcript to the options of a menu by their spoken keywords.
//! - [`model`]: checks a model file before whisper.cpp reads it.
//! - [`stream`]: transcribes a recording of any length utterance by utterance, in bounded
//!   memory.
//! - [`Threads`]: how many threads a recognition uses (by default the cores left free).
//!
//! Whisper knows Mandarin (`zh`) and Mongolian (`mn`, written in Cyrillic), but not Uyghur:
//! see the README for what that means for Uyghur callers.

pub mod intent;
pub mod model;
pub mod stream;
mod threads;
pub mod vad;
#[cfg(feature = "whisper")]
pub mod whisper;

use std::path::PathBuf;
use std::time::Duration;

pub use threads::Threads;

use serde::Serialize;

use crate::lang::Language;
use crate::{Pcm, Result};

/// The sample rate recognizers work at; [`Recognizer::recognize`] resamples other rates.
pub const SAMPLE_RATE: u32 = 16_000;

/// The file name of the model tests and the README use.
pub const DEFAULT_MODEL_FILE: &str = "ggml-base-q8_0.bin";

/// What to listen for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Request {
    /// The language spoken, as a Whisper language code (`zh`, `mn`, `en` …); `None` detects it.
    pub language: Option<String>,
}

impl Request {
    /// A request for speech in `code` (a Whisper language code).
    pub fn in_language(code: &str) -> Request {
        Request {
            language: Some(code.to_owned()),
        }
    }
}

/// The Whisper language code for a served language: `zh`, `mn`, and none for Uyghur, which
/// Whisper was not trained on.
pub fn whisper_code(lang: Language) -> Option<&'static str> {
    match lang {
        Language::Mandarin => Some("zh"),
        Language::Mongolian => Some("mn"),
        Language::Uyghur => None,
    }
}

/// A stretch of recognized speech.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Segment {
    /// Start, from the beginning of the audio given.
    #[serde(serialize_with = "seconds")]
    pub start: Duration,
    /// End.
    #[serde(serialize_with = "seconds")]
    pub end: Duration,
    /// The words.
    pub text: String,
}

/// What a recognizer heard.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Transcript {
    /// The language, as a Whisper code: the one asked for, or the one detected.
    pub language: String,
    /// All segments' text, joined.
    pub text: String,
    /// The segments, in order.
    pub segments: Vec<Segment>,
}

fn seconds<S: serde::Serializer>(d: &Duration, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_f64((d.as_secs_f64() * 1000.0).round() / 1000.0)
}

/// A speech recognizer: expensive resources are loaded once, each call is independent.
pub trait Recognizer: Send + Sync {
    /// The engine's name, for messages.
    fn name(&self) -> &str;

    /// Recognizes the speech in `audio` (any rate; mono).
    ///
    /// # Errors
    /// [`crate::Error::Unsupported`] for a language the engine does not know;
    /// [`crate::Error::Engine`] when recognition fails.
    fn recognize(&self, audio: &Pcm, request: &Request) -> Result<Transcript>;
}

/// Where a Whisper model is found when none is named: `$TILMACH_WHISPER_MODEL`, else
/// `models/ggml-base-q8_0.bin` under the current directory, else the model shared with the
/// source tree's tests (`../shared/models/`). The first that exists.
pub fn default_model_path() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("TILMACH_WHISPER_MODEL") {
        return Some(PathBuf::from(path));
    }
    [
        PathBuf::from("models").join(DEFAULT_MODEL_FILE),
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/models")
            .join(DEFAULT_MODEL_FILE),
    ]
    .into_iter()
    .find(|p| p.is_file())
}
