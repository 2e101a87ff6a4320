//! tilmach gives public-service points voice and minority-language versions: it reads service
//! guides and operation prompts aloud in Mandarin (`zh-Hans-CN`), Uyghur (`ug-Arab-CN`) and
//! Mongolian in the traditional script (`mn-Mong-CN`), for kiosks, hotline IVRs and web pages.
//!
//! A kiosk opens an [`Assistant`] once and reads guides and prompts aloud in the language the
//! user chose (`examples/kiosk.rs` is the runnable version):
//!
//! ```no_run
//! # #[cfg(feature = "espeak")] {
//! use tilmach::{guide::Mode, Assistant, Profile};
//!
//! let assistant = Assistant::open("locales".as_ref())?;
//! let lang = assistant.language_for("ug-CN");               // the user pressed "ئۇيغۇرچە"
//! let welcome = assistant.speak_prompt(lang, "prompt-welcome", None, Profile::Elder)?;
//! let guide = assistant.speak_guide(lang, "pension-collection", Mode::Elder, Profile::Elder)?;
//! tilmach::audio::wav::write_file("guide.wav".as_ref(), &guide)?;
//! # let _ = welcome;
//! # }
//! # Ok::<(), tilmach::Error>(())
//! ```
//!
//! Lower down, [`synth::speak`] and [`synth::Sentences`] speak any text with any
//! [`Synthesizer`], and [`audio::AudioSink`] writes WAV and telephony formats.
//!
//! The modules follow the path of speech: [`lang`] (which languages), [`l10n`] (the locale
//! files), [`guide`] (service guides), [`text`] (cleaning, numbers, sentences), [`synth`]
//! (engines), [`audio`] (buffers, files, conversion), [`asr`] (listening); [`ivr`] holds
//! hotline call flows and Asterisk's AGI protocol; with the `server` feature, `server` (the HTTP
//! API, the guide pages, the read-aloud widget and the static export).

pub mod asr;
mod assistant;
pub mod audio;
pub mod bounded;
mod error;
pub mod guide;
pub mod ivr;
pub mod l10n;
pub mod lang;
pub mod phonetics;
#[cfg(feature = "server")]
pub mod server;
pub mod synth;
pub mod text;

pub use assistant::Assistant;
pub use audio::{OutputFormat, Pcm};
pub use error::{Error, Result};
pub use lang::{negotiate, Direction, Language};
pub use synth::{Profile, SpeechConfig, SpeechSettings, Synthesizer};
