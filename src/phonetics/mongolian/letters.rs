//! The Mongolian Unicode block: what each code point is, and its Latin letter.
//!
//! This is the single table shared by normalization, transliteration and reading.
//! Only the letters of the traditional (Hudum) alphabet, U+1820–U+1842, have Latin
//! letters; Todo, Sibe, Manchu and Ali Gali letters are recognised as Mongolian
//! letters (so variation selectors after them are kept) but have no Latin letter.

/// FREE VARIATION SELECTOR ONE (FVS1).
pub const FVS1: char = '\u{180B}';
/// FREE VARIATION SELECTOR TWO (FVS2).
pub const FVS2: char = '\u{180C}';
/// FREE VARIATION SELECTOR THREE (FVS3).
pub const FVS3: char = '\u{180D}';
/// FREE VARIATION SELECTOR FOUR (FVS4, added in Unicode 14, outside the FVS1–3 run).
pub const FVS4: char = '\u{180F}';
/// MONGOLIAN VOWEL SEPARATOR (MVS): only before a word-final ᠠ or ᠡ.
pub const MVS: char = '\u{180E}';
/// NARROW NO-BREAK SPACE: joins a word and its suffix (ᠮᠣᠩᠭᠣᠯ ᠤᠨ).
pub const NNBSP: char = '\u{202F}';
/// ZERO WIDTH JOINER, allowed by UTN #57 to force joining forms.
pub const ZWJ: char = '\u{200D}';
/// ZERO WIDTH NON-JOINER.
pub const ZWNJ: char = '\u{200C}';
/// MONGOLIAN NIRUGU, the stem-line character.
pub const NIRUGU: char = '\u{180A}';
/// MONGOLIAN BIRGA, the head mark (it has standardized FVS variants).
pub const BIRGA: char = '\u{1800}';
/// Letter ᠠ a.
pub const A: char = '\u{1820}';
/// Letter ᠡ e.
pub const E: char = '\u{1821}';

/// The traditional alphabet and its Latin letters, one Latin character per code point.
///
/// The scheme follows the usual scholarly transliteration of Classical Mongolian
/// (Poppe, Lessing) with one change: every code point gets exactly one Latin letter, so
/// ᠭ is always `γ` and ᠬ always `q` even in front-vowel words where scholars write `g`
/// and `k` (the reading rules, not the transliteration, decide how they sound), and
/// ᠩ is `ŋ` so that ᠨ+ᠭ (`nγ`) and ᠩ (`ŋ`) stay distinct.
pub const LETTERS: [(char, char); 35] = [
    ('\u{1820}', 'a'), // ᠠ A
    ('\u{1821}', 'e'), // ᠡ E
    ('\u{1822}', 'i'), // ᠢ I
    ('\u{1823}', 'o'), // ᠣ O
    ('\u{1824}', 'u'), // ᠤ U
    ('\u{1825}', 'ö'), // ᠥ OE
    ('\u{1826}', 'ü'), // ᠦ UE
    ('\u{1827}', 'ē'), // ᠧ EE (foreign e)
    ('\u{1828}', 'n'), // ᠨ NA
    ('\u{1829}', 'ŋ'), // ᠩ ANG
    ('\u{182A}', 'b'), // ᠪ BA
    ('\u{182B}', 'p'), // ᠫ PA
    ('\u{182C}', 'q'), // ᠬ QA (q in back words, k in front words)
    ('\u{182D}', 'γ'), // ᠭ GA (γ in back words, g in front words)
    ('\u{182E}', 'm'), // ᠮ MA
    ('\u{182F}', 'l'), // ᠯ LA
    ('\u{1830}', 's'), // ᠰ SA
    ('\u{1831}', 'š'), // ᠱ SHA
    ('\u{1832}', 't'), // ᠲ TA
    ('\u{1833}', 'd'), // ᠳ DA
    ('\u{1834}', 'č'), // ᠴ CHA
    ('\u{1835}', 'ǰ'), // ᠵ JA
    ('\u{1836}', 'y'), // ᠶ YA
    ('\u{1837}', 'r'), // ᠷ RA
    ('\u{1838}', 'w'), // ᠸ WA
    ('\u{1839}', 'f'), // ᠹ FA
    ('\u{183A}', 'k'), // ᠺ KA (foreign k)
    ('\u{183B}', 'ḳ'), // ᠻ KHA (Tibetan/Sanskrit kh)
    ('\u{183C}', 'c'), // ᠼ TSA
    ('\u{183D}', 'z'), // ᠽ ZA
    ('\u{183E}', 'h'), // ᠾ HAA
    ('\u{183F}', 'ž'), // ᠿ ZRA
    ('\u{1840}', 'ḷ'), // ᡀ LHA
    ('\u{1841}', 'ẑ'), // ᡁ ZHI (Chinese zhi)
    ('\u{1842}', 'ĉ'), // ᡂ CHI (Chinese chi)
];

/// The Latin letter of a traditional-alphabet code point.
pub fn latin_of(c: char) -> Option<char> {
    let u = c as u32;
    if (0x1820..=0x1842).contains(&u) {
        Some(LETTERS[(u - 0x1820) as usize].1)
    } else {
        None
    }
}

/// The traditional-alphabet code point of a Latin letter of [`LETTERS`].
pub fn letter_of_latin(l: char) -> Option<char> {
    LETTERS.iter().find(|&&(_, lat)| lat == l).map(|&(c, _)| c)
}

/// Any assigned Mongolian letter: Hudum, Todo, Sibe, Manchu and Ali Gali
/// (U+1820–U+1878, U+1880–U+18AA).
pub fn is_letter(c: char) -> bool {
    matches!(c, '\u{1820}'..='\u{1878}' | '\u{1880}'..='\u{18AA}')
}

/// One of the four free variation selectors.
pub fn is_fvs(c: char) -> bool {
    matches!(c, FVS1 | FVS2 | FVS3 | FVS4)
}

/// A character that belongs inside a Mongolian word: a letter, a selector, MVS, the
/// joiners or nirugu (NNBSP is handled separately, as the suffix joint).
pub fn is_word_char(c: char) -> bool {
    is_letter(c) || is_fvs(c) || matches!(c, MVS | ZWJ | ZWNJ | NIRUGU)
}

/// A Mongolian digit U+1810–U+1819.
pub fn digit_value(c: char) -> Option<u32> {
    let u = c as u32;
    (0x1810..=0x1819).contains(&u).then(|| u - 0x1810)
}

/// A Cyrillic letter (Cyrillic, Cyrillic Supplement and the Extended blocks).
pub fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{052F}' | '\u{1C80}'..='\u{1C8F}' | '\u{2DE0}'..='\u{2DFF}' | '\u{A640}'..='\u{A69F}')
        && c.is_alphabetic()
}

/// A private-use code point: the BMP area used by Menksoft-style legacy font
/// encodings, and the two supplementary private-use planes.
pub fn is_private_use(c: char) -> bool {
    matches!(c, '\u{E000}'..='\u{F8FF}' | '\u{F0000}'..='\u{FFFFD}' | '\u{100000}'..='\u{10FFFD}')
}

/// Vowel letters in Latin: a e i o u ö ü ē.
pub fn is_vowel(l: char) -> bool {
    matches!(l, 'a' | 'e' | 'i' | 'o' | 'u' | 'ö' | 'ü' | 'ē')
}

/// Back (masculine) vowels a o u, which make a word back-vowel.
pub fn is_back_vowel(l: char) -> bool {
    matches!(l, 'a' | 'o' | 'u')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_in_code_point_order_and_one_to_one() {
        for (i, &(c, l)) in LETTERS.iter().enumerate() {
            assert_eq!(c as u32, 0x1820 + i as u32);
            assert_eq!(latin_of(c), Some(l));
            assert_eq!(letter_of_latin(l), Some(c));
        }
        let mut latins: Vec<char> = LETTERS.iter().map(|&(_, l)| l).collect();
        latins.sort_unstable();
        latins.dedup();
        assert_eq!(latins.len(), LETTERS.len());
    }

    #[test]
    fn classes() {
        assert!(is_letter('ᠠ') && is_letter('\u{1844}') && !is_letter('\u{1879}'));
        assert!(is_fvs(FVS4) && !is_fvs(MVS));
        assert!(is_cyrillic('ө') && is_cyrillic('Ү') && !is_cyrillic('a'));
        assert!(is_private_use('\u{E234}') && !is_private_use('ᠠ'));
        assert_eq!(digit_value('\u{1815}'), Some(5));
    }
}
