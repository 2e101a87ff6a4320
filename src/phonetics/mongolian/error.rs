//! The error type of the Mongolian front end.

/// Why a text cannot be read as traditional Mongolian.
///
/// Offsets are byte offsets into the text that was passed in.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MongolianError {
    /// A private-use code point: the text is in a legacy font encoding (Menksoft,
    /// Delehi, Z52 and similar shape or letter codes), not in Unicode.
    #[error(
        "private-use code point U+{code_point:04X} at byte offset {offset}: the text is in a \
         legacy Menksoft-style font encoding, not Unicode; convert it to Unicode Mongolian \
         (UTN #57) first, for example with the mongol-convert crate"
    )]
    LegacyEncoding {
        /// Byte offset of the first private-use code point.
        offset: usize,
        /// That code point.
        code_point: u32,
    },
    /// Traditional Mongolian and Cyrillic letters in one text.
    #[error(
        "mixed scripts: {found:?} (U+{code:04X}) at byte offset {offset} is {found_script} inside \
         {text_script} text; send traditional (mn-Mong) and Cyrillic (mn-Cyrl) Mongolian separately",
        code = *found as u32
    )]
    MixedScript {
        /// Byte offset of the first letter of the second script.
        offset: usize,
        /// That letter.
        found: char,
        /// The script of that letter ("Cyrillic" or "traditional Mongolian").
        found_script: &'static str,
        /// The script the text started in.
        text_script: &'static str,
    },
}
