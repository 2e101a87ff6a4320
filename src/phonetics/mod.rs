//! Pronunciation per language: what the embedded engine is given for a sentence.
//!
//! - Mongolian: the traditional script (or Khalkha Cyrillic) is read as standard Mongolian
//!   speech in Cyrillic ([`mongolian::read`]) and spelled for espeak-ng's Kyrgyz voice
//!   ([`mongolian::to_kyrgyz_voice`]), the closest voice espeak-ng has (see
//!   `models/mongolian/README.md`).
//! - Uyghur: espeak-ng's Uyghur voice reads the Arabic script itself; [`uyghur::to_latin`] gives
//!   the ULY form for people.
//! - Mandarin: the Han text is read word by word as tone-numbered pinyin, tone sandhi applied
//!   ([`mandarin::engine_text`]), which espeak-ng's Mandarin voice reads syllable by syllable.

pub mod mandarin;
pub mod mongolian;
pub mod uyghur;

use crate::lang::Language;

/// The text the embedded engine speaks for `text` (already cleaned and normalized) in `lang`.
pub fn engine_text(lang: Language, text: &str) -> String {
    match lang {
        Language::Mongolian => mongolian::to_kyrgyz_voice(&mongolian::read(text)),
        Language::Mandarin => mandarin::engine_text(text),
        Language::Uyghur => text.to_owned(),
    }
}

/// The Latin form of `text` (cleaned and normalized) for people checking pronunciation:
/// Mandarin as tone-numbered pinyin syllables separated by single spaces, tone sandhi applied,
/// punctuation dropped ([`mandarin::pinyin_string`]); Uyghur in ULY ([`uyghur::to_latin`]);
/// Mongolian as the reversible transliteration of its script ([`mongolian::transliterate`]).
pub fn romanize(lang: Language, text: &str) -> String {
    match lang {
        Language::Mandarin => mandarin::pinyin_string(text),
        Language::Uyghur => uyghur::to_latin(text),
        Language::Mongolian => mongolian::transliterate(text),
    }
}
