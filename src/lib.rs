//! tilmach gives public-service points voice and minority-language versions: it reads service
//! guides and operation prompts aloud in Mandarin (`zh-Hans-CN`), Uyghur (`ug-Arab-CN`) and
//! Mongolian in the traditional script (`mn-Mong-CN`), for kiosks, hotline IVRs and web pages.
//!
//! ```no_run
//! # #[cfg(feature = "espeak")] {
//! use tilmach::{audio, synth, Language};
//!
//! let engine = synth::espeak::Espeak::shared()?;
//! let lang = Language::from_tag("ug")?;
//! let pcm = synth::speak(engine, lang, "ياردەم ئۈچۈن 12345 گە تېلېفون قىلىڭ.", &synth::SpeechSettings::elder())?;
//! audio::wav::write_file(std::path::Path::new("help.wav"), &pcm)?;
//! # }
//! # Ok::<(), tilmach::Error>(())
//! ```
//!
//! The modules follow the path of speech: [`lang`] (which languages), [`text`] (cleaning and
//! splitting), [`synth`] (engines), [`audio`] (buffers, files, conversion).

pub mod audio;
mod error;
pub mod guide;
pub mod l10n;
pub mod lang;
pub mod synth;
pub mod text;

pub use audio::{OutputFormat, Pcm};
pub use error::{Error, Result};
pub use lang::{negotiate, Direction, Language};
pub use synth::{Profile, SpeechConfig, SpeechSettings, Synthesizer};
