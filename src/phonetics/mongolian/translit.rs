//! A reversible Latin transliteration of traditional Mongolian code points.
//!
//! | script | Latin | script | Latin | script | Latin |
//! |---|---|---|---|---|---|
//! | ᠠ | a | ᠪ | b | ᠶ | y |
//! | ᠡ | e | ᠫ | p | ᠷ | r |
//! | ᠢ | i | ᠬ | q | ᠸ | w |
//! | ᠣ | o | ᠭ | γ | ᠹ | f |
//! | ᠤ | u | ᠮ | m | ᠺ | k |
//! | ᠥ | ö | ᠯ | l | ᠻ | ḳ |
//! | ᠦ | ü | ᠰ | s | ᠼ | c |
//! | ᠧ | ē | ᠱ | š | ᠽ | z |
//! | ᠨ | n | ᠲ | t | ᠾ | h |
//! | ᠩ | ŋ | ᠳ | d | ᠿ | ž |
//! |   |   | ᠴ | č | ᡀ | ḷ |
//! |   |   | ᠵ | ǰ | ᡁ | ẑ |
//! |   |   |   |   | ᡂ | ĉ |
//!
//! Controls: FVS1–FVS4 are `¹ ² ³ ⁴` after their letter, MVS is `·` (ᠬᠠᠷ᠎ᠠ = `qar·a`),
//! NARROW NO-BREAK SPACE before a suffix is `-` (ᠮᠣᠩᠭᠣᠯ ᠤᠨ = `mongγol-un`).
//!
//! Everything else passes through unchanged: spaces, digits (ASCII and Mongolian),
//! Mongolian punctuation ᠂ ᠃ (kept as themselves, so that ASCII `,` `.` need no
//! escaping), ZWJ, nirugu, and Todo/Sibe/Manchu/Ali Gali letters. A character that would
//! otherwise be read back as something else (a Latin letter of the table, one of
//! `¹²³⁴·-`, or the backslash) is escaped with a backslash: Latin `a` in the source
//! becomes `\a`, `-` becomes `\-`, `\` becomes `\\`. Hence
//! `from_latin(&transliterate(x)) == x` for every string `x`, normalized or not.
//!
//! The transliteration is of code points, not of sounds: ᠭ is `γ` and ᠬ is `q` in every
//! word (`qele` for ᠬᠡᠯᠡ, read хэл). [`from_latin`] also accepts `g` for ᠭ (so a
//! source `g` is escaped too), expects lowercase, precomposed (NFC) letters, and copies
//! anything it does not know.

use super::letters::{latin_of, letter_of_latin, FVS1, FVS2, FVS3, FVS4, MVS, NNBSP};

/// The Latin marks of the controls, in the order FVS1, FVS2, FVS3, FVS4, MVS, NNBSP.
const MARKS: [(char, char); 6] = [
    (FVS1, '¹'),
    (FVS2, '²'),
    (FVS3, '³'),
    (FVS4, '⁴'),
    (MVS, '·'),
    (NNBSP, '-'),
];

/// Extra Latin letters [`from_latin`] accepts: `g` for ᠭ, as scholars write it in
/// front-vowel words. [`transliterate`] never writes them (it writes `γ`).
const ALIASES: [(char, char); 1] = [('g', '\u{182D}')];

/// The escape character.
const ESCAPE: char = '\\';

/// Latin for traditional Mongolian text (see the module documentation for the table).
pub fn transliterate(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for c in text.chars() {
        if let Some(l) = latin_of(c) {
            out.push(l);
        } else if let Some(&(_, m)) = MARKS.iter().find(|&&(ctl, _)| ctl == c) {
            out.push(m);
        } else {
            if needs_escape(c) {
                out.push(ESCAPE);
            }
            out.push(c);
        }
    }
    out
}

/// Traditional Mongolian for the Latin of [`transliterate`]; the exact inverse of it.
pub fn from_latin(latin: &str) -> String {
    let mut out = String::with_capacity(latin.len() * 2);
    let mut chars = latin.chars();
    while let Some(c) = chars.next() {
        if c == ESCAPE {
            // A lone backslash at the very end stands for itself.
            out.push(chars.next().unwrap_or(ESCAPE));
        } else if let Some(m) =
            letter_of_latin(c).or_else(|| ALIASES.iter().find(|&&(a, _)| a == c).map(|&(_, m)| m))
        {
            out.push(m);
        } else if let Some(&(ctl, _)) = MARKS.iter().find(|&&(_, m)| m == c) {
            out.push(ctl);
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether a source character that is not a Mongolian letter or control would be read
/// back as one by [`from_latin`] (or is the escape itself).
fn needs_escape(c: char) -> bool {
    c == ESCAPE
        || letter_of_latin(c).is_some()
        || ALIASES.iter().any(|&(a, _)| a == c)
        || MARKS.iter().any(|&(_, m)| m == c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples() {
        assert_eq!(transliterate("ᠮᠣᠩᠭᠣᠯ\u{202F}ᠤᠨ"), "moŋγol-un");
        assert_eq!(transliterate("ᠬᠠᠷ\u{180E}ᠠ"), "qar·a");
        assert_eq!(transliterate("ᠭ\u{180B}ᠠ ᠭ\u{180F}"), "γ¹a γ⁴");
        assert_eq!(transliterate("ᠲᠠᠪᠤ᠂ 12᠃"), "tabu᠂ 12᠃");
        assert_eq!(from_latin("moŋγol-un"), "ᠮᠣᠩᠭᠣᠯ\u{202F}ᠤᠨ");
        assert_eq!(from_latin("ger"), from_latin("γer"));
        assert_eq!(transliterate("gig"), r"\g\i\g");
    }

    #[test]
    fn foreign_text_is_escaped_and_comes_back() {
        for s in ["WiFi ᠪᠠ", "0996-12345", r"a\b", "x·y ¹", "ᡄᡅ", "\\", "ᠠ\\"] {
            assert_eq!(from_latin(&transliterate(s)), s, "{s:?}");
        }
        assert_eq!(transliterate("WiFi"), r"W\iF\i");
        assert_eq!(transliterate("0996-1"), r"0996\-1");
    }

    #[test]
    fn trailing_escape_is_literal() {
        assert_eq!(from_latin("a\\"), "ᠠ\\");
    }
}
