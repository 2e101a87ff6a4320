//! Mongolian speech front end: traditional (Hudum) script to speakable Cyrillic.
//!
//! No open speech engine reads traditional-script Mongolian, so tilmach reads it in
//! four steps, each a pure text function:
//!
//! 1. [`normalize`]: clean the text to the model of Unicode Technical Note #57 and
//!    reject legacy (Menksoft-style private-use) encodings and mixed scripts.
//! 2. [`transliterate`] / [`from_latin`]: a reversible, one-letter-per-code-point Latin
//!    transliteration, for linguists, logs and the lexicon.
//! 3. [`read`]: the reading of the written form as modern standard (Khalkha-like)
//!    Mongolian, in Mongolian Cyrillic, word by word: lexicon first, then the rules of
//!    [`rules`] and the suffixes of [`suffix`]. Cyrillic (mn-Cyrl) input is cleaned and
//!    passed through, so both scripts share the speech path.
//! 4. [`to_kyrgyz_voice`]: Mongolian Cyrillic adapted to espeak-ng's Kyrgyz voice
//!    (`ky`), the closest espeak-ng has to Khalkha.
//!
//! ```
//! use tilmach::phonetics::mongolian::{read, to_kyrgyz_voice, transliterate};
//!
//! let text = "ᠮᠣᠩᠭᠣᠯ ᠬᠡᠯᠡ";
//! assert_eq!(transliterate(text), "moŋγol qele");
//! assert_eq!(read(text), "монгол хэл");
//! assert_eq!(to_kyrgyz_voice(&read("ᠤᠯᠤᠰ\u{202F}ᠤᠨ")), "улсиин");
//! ```
//!
//! The rules follow the standard language; Bayingolin's Mongolians speak Torgut
//! (Oirat), which differs in vowels and some words.

mod cyrillic;
mod error;
mod kyrgyz;
mod letters;
pub mod lexicon;
mod normalize;
mod reader;
pub mod rules;
pub mod suffix;
mod translit;

pub use error::MongolianError;
pub use kyrgyz::to_kyrgyz_voice;
pub use normalize::normalize;
pub use reader::{read, try_read};
pub use translit::{from_latin, transliterate};

#[cfg(test)]
mod tests;
