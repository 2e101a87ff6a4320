//! Cleaning traditional Mongolian text to the model of Unicode Technical Note #57.
//!
//! What [`normalize`] does, in one left-to-right pass:
//!
//! 1. A private-use code point (U+E000–U+F8FF or planes 15–16) anywhere is an error,
//!    [`MongolianError::LegacyEncoding`]: Menksoft-style legacy encodings put their
//!    glyphs there, and nothing can read them aloud.
//! 2. The first letter decides the text's script (traditional Mongolian or Cyrillic);
//!    a letter of the other one is an error, [`MongolianError::MixedScript`]. Latin,
//!    Han, digits and punctuation may appear in either.
//! 3. FVS1–FVS4 (U+180B–U+180D, U+180F) stay only directly after a Mongolian letter
//!    (or after birga ᠀, which has registered variants); a leading, repeated or stray
//!    selector is removed.
//! 4. MVS (U+180E) stays only after a Mongolian letter (optionally with its selector)
//!    and before a word-final ᠠ or ᠡ (optionally with a selector); anywhere else it is
//!    removed.
//! 5. NARROW NO-BREAK SPACE (U+202F) stays only between a Mongolian word and a suffix
//!    (a Mongolian letter or selector before it, a Mongolian letter after it). Anywhere
//!    else it becomes an ordinary space, or is removed when it stands next to other
//!    white space or at either end of the text.
//! 6. BYTE ORDER MARK / ZERO WIDTH NO-BREAK SPACE (U+FEFF) is removed.
//!
//! Everything else passes through unchanged. Applying it twice changes nothing.

use super::error::MongolianError;
use super::letters::{is_cyrillic, is_fvs, is_letter, is_private_use, A, BIRGA, E, MVS, NNBSP};

const MONGOLIAN: &str = "traditional Mongolian";
const CYRILLIC: &str = "Cyrillic";

/// Cleans traditional Mongolian text (see the module documentation for the rules).
///
/// Text in Cyrillic Mongolian passes through as it is, so both scripts can use one path.
///
/// # Errors
///
/// [`MongolianError::LegacyEncoding`] for a private-use code point (legacy font
/// encoding), [`MongolianError::MixedScript`] for Cyrillic letters inside traditional
/// text or traditional letters inside Cyrillic text. The offset is that of the first
/// offending character.
pub fn normalize(text: &str) -> Result<String, MongolianError> {
    clean(text, true)
}

/// [`normalize`], or with `strict == false` the lenient cleaning that [`super::read`]
/// uses: private-use code points are dropped and mixed scripts allowed (never an error).
pub(crate) fn clean(text: &str, strict: bool) -> Result<String, MongolianError> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = String::with_capacity(text.len());
    let mut script: Option<&'static str> = None;
    // The last character pushed to `out`.
    let mut last: Option<char> = None;
    // The character before `last`, to tell a selector that follows a letter.
    let mut before_last: Option<char> = None;

    for (i, &(offset, c)) in chars.iter().enumerate() {
        if is_private_use(c) {
            if !strict {
                continue;
            }
            return Err(MongolianError::LegacyEncoding {
                offset,
                code_point: c as u32,
            });
        }
        let this_script = if is_letter(c) {
            Some(MONGOLIAN)
        } else if is_cyrillic(c) {
            Some(CYRILLIC)
        } else {
            None
        };
        if let Some(s) = this_script {
            match script {
                None => script = Some(s),
                Some(t) if t != s && strict => {
                    return Err(MongolianError::MixedScript {
                        offset,
                        found: c,
                        found_script: s,
                        text_script: t,
                    })
                }
                Some(_) => {}
            }
        }
        let after_letter = matches!(last, Some(p) if is_letter(p))
            || matches!((before_last, last), (Some(b), Some(p)) if is_letter(b) && is_fvs(p));
        let keep = match c {
            '\u{FEFF}' => false,
            _ if is_fvs(c) => matches!(last, Some(p) if is_letter(p) || p == BIRGA),
            MVS => after_letter && before_final_a_or_e(&chars[i + 1..]),
            NNBSP => {
                if after_letter && matches!(chars.get(i + 1), Some(&(_, n)) if is_letter(n)) {
                    true
                } else {
                    let next_is_space = chars.get(i + 1).is_none_or(|&(_, n)| n.is_whitespace());
                    let prev_is_space = last.is_none_or(char::is_whitespace);
                    if !next_is_space && !prev_is_space {
                        out.push(' ');
                        before_last = last;
                        last = Some(' ');
                    }
                    false
                }
            }
            _ => true,
        };
        if keep {
            out.push(c);
            before_last = last;
            last = Some(c);
        }
    }
    Ok(out)
}

/// Whether `rest` starts with ᠠ or ᠡ that ends the word: after it (and any selectors)
/// comes no other Mongolian letter.
fn before_final_a_or_e(rest: &[(usize, char)]) -> bool {
    let mut it = rest.iter().map(|&(_, c)| c);
    if !matches!(it.next(), Some(A | E)) {
        return false;
    }
    // Skip what this pass keeps or drops without changing the word: selectors, MVS, BOM.
    !it.find(|&c| !(is_fvs(c) || c == MVS || c == '\u{FEFF}'))
        .is_some_and(is_letter)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> String {
        normalize(s).unwrap()
    }

    #[test]
    fn clean_text_is_unchanged() {
        for s in [
            "ᠮᠣᠩᠭᠣᠯ",
            "ᠮᠣᠩᠭᠣᠯ\u{202F}ᠤᠨ ᠬᠡᠯᠡ᠃",
            "ᠬᠠᠷ\u{180E}ᠠ",
            "ᠭ\u{180B}ᠠ",
            "",
            "abc 123",
        ] {
            assert_eq!(n(s), s);
        }
    }

    #[test]
    fn selectors_only_after_letters() {
        assert_eq!(n("\u{180B}ᠠ"), "ᠠ");
        assert_eq!(n("ᠠ\u{180B}\u{180C}"), "ᠠ\u{180B}");
        assert_eq!(n("1\u{180F}"), "1");
        assert_eq!(n("\u{1800}\u{180B}"), "\u{1800}\u{180B}");
    }

    #[test]
    fn mvs_only_before_final_a_or_e() {
        assert_eq!(n("ᠬᠠᠷ\u{180E}ᠠᠯ"), "ᠬᠠᠷᠠᠯ");
        assert_eq!(n("\u{180E}ᠠ"), "ᠠ");
        assert_eq!(n("ᠬᠠᠷ\u{180E}ᠢ"), "ᠬᠠᠷᠢ");
        assert_eq!(n("ᠬᠠᠷ\u{180E}ᠠ\u{202F}ᠶᠢᠨ"), "ᠬᠠᠷ\u{180E}ᠠ\u{202F}ᠶᠢᠨ");
        assert_eq!(
            n("ᠨ\u{180B}\u{180E}ᠡ\u{180B}"),
            "ᠨ\u{180B}\u{180E}ᠡ\u{180B}"
        );
    }

    #[test]
    fn nnbsp_only_before_suffixes() {
        assert_eq!(n("\u{202F}"), "");
        assert_eq!(n("\u{202F}\u{202F}\u{202F}"), "");
        assert_eq!(n("ᠭᠡᠷ \u{202F}ᠲᠦ"), "ᠭᠡᠷ ᠲᠦ");
        assert_eq!(n("1\u{202F}000"), "1 000");
        assert_eq!(n("ᠭᠡᠷ\u{202F}"), "ᠭᠡᠷ");
    }

    #[test]
    fn legacy_encoding_is_an_error_with_offset() {
        let e = normalize("ab\u{E234}\u{E2B0}").unwrap_err();
        assert_eq!(
            e,
            MongolianError::LegacyEncoding {
                offset: 2,
                code_point: 0xE234
            }
        );
        let msg = e.to_string();
        assert!(msg.contains("legacy Menksoft-style font encoding"), "{msg}");
        assert!(msg.contains("byte offset 2"), "{msg}");
    }

    #[test]
    fn cyrillic_inside_traditional_is_an_error_with_offset() {
        let e = normalize("ᠮᠣᠩᠭᠣᠯ хэл").unwrap_err();
        let MongolianError::MixedScript { offset, found, .. } = e.clone() else {
            panic!("{e:?}")
        };
        assert_eq!((offset, found), ("ᠮᠣᠩᠭᠣᠯ ".len(), 'х'));
        assert!(e.to_string().contains("mixed scripts"));
        assert!(normalize("монгол ᠬᠡᠯᠡ").is_err());
        assert_eq!(n("Монгол хэл"), "Монгол хэл");
    }

    #[test]
    fn idempotent_on_examples() {
        for s in [
            "\u{180B}ᠠ\u{180E}\u{202F}x",
            "ᠠ \u{202F} ᠡ",
            "\u{FEFF}ᠡ\u{180E}ᠡ",
        ] {
            let once = n(s);
            assert_eq!(n(&once), once);
        }
    }
}
