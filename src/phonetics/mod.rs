//! Pronunciation per language: what the embedded engine is given for a sentence.
//!
//! - Mongolian: the traditional script (or Khalkha Cyrillic) is read as standard Mongolian
//!   speech in Cyrillic ([`mongolian::read`]) and spelled for espeak-ng's Kyrgyz voice
//!   ([`mongolian::to_kyrgyz_voice`]), the closest voice espeak-ng has (see
//!   `models/mongolian/README.md`).
//! - Uyghur: espeak-ng's Uyghur voice reads the Arabic script itself; [`uyghur::to_latin`] gives
//!   the ULY form for people.
//! - Mandarin: the Han text goes to espeak-ng's Mandarin voice.

pub mod mongolian;
pub mod uyghur;

use crate::lang::Language;

/// The text the embedded engine speaks for `text` (already cleaned and normalized) in `lang`.
pub fn engine_text(lang: Language, text: &str) -> String {
    match lang {
        Language::Mongolian => mongolian::to_kyrgyz_voice(&mongolian::read(text)),
        Language::Mandarin | Language::Uyghur => text.to_owned(),
    }
}
