//! Speech markup: the subset of SSML 1.1 that tilmach reads, parsed into [`Segment`]s.
//!
//! Guide authors and integrators may send markup instead of plain text to ask for a pause, a
//! slower rate, a phone number read digit by digit, or a passage in another language. The parser
//! is hand-written, has no dependencies, never panics and never recurses; input that is not in
//! the subset is an error with its line and column, never silently spoken.
//!
//! # The subset
//!
//! | element | attributes | meaning |
//! |---|---|---|
//! | `<speak>` | `xml:lang` (optional); `version`, `xmlns`, `xmlns:*`, `xsi:schemaLocation` are accepted and ignored | the root; optional, and only as the outermost element |
//! | `<p>`, `<s>` | `xml:lang` (optional) | paragraph, sentence: opening or closing one ends the sentence before it |
//! | `<break/>` | `time="500ms"`, `time="1.5s"` (at most 60 s), or `strength="none\|x-weak\|weak\|medium\|strong\|x-strong"` (0/100/250/400/700/1000 ms) | a pause; `time` wins over `strength`; neither means `medium` |
//! | `<prosody>` | `rate` (required): `80%` (10–1000 %) or `x-slow\|slow\|medium\|fast\|x-fast` (50/70/100/130/160 %) | speaking rate; nested rates multiply, and the result is kept within 10–1000 % |
//! | `<say-as>` | `interpret-as` (required): `characters\|digits\|telephone\|date\|cardinal`; `format="ymd\|dmy\|mdy"` (dates only, default `ymd`) | how to read the text inside; text only, no elements |
//! | `<lang>` | `xml:lang` (required): a language tag, passed on as written | a passage in another language |
//! | `<sub>` | `alias` (required, not blank) | speak the alias instead of the written text inside; text only |
//!
//! ```text
//! <speak xml:lang="zh-Hans-CN">
//!   <p><s>请拨打<say-as interpret-as="telephone">0991-12345</say-as>。</s></p>
//!   <break time="500ms"/>
//!   <p><s><prosody rate="slow">请带好身份证。</prosody></s></p>
//!   <lang xml:lang="ug-Arab-CN">ياخشىمۇسىز</lang>
//! </speak>
//! ```
//!
//! - Element and attribute names are case-sensitive, as in XML. Attribute values take double or
//!   single quotes; spaces around a value are ignored.
//! - Entities: `&amp;` `&lt;` `&gt;` `&quot;` `&apos;`, and numeric `&#1575;` / `&#x627;`. A
//!   numeric reference must name a Unicode scalar value that is not a control character (tab,
//!   line feed and carriage return excepted) nor U+FFFE/U+FFFF; the same characters are refused
//!   when written raw.
//! - Comments `<!-- … -->` are skipped. XML declarations, DOCTYPE, CDATA and processing
//!   instructions are not part of the subset. A byte-order mark at the very start is skipped.
//! - Whitespace: each run of spaces, tabs and line breaks (written or as entities) becomes one
//!   space, and none is kept at the start or end of a sentence, around a break or at either end
//!   of the document. Han text has no spaces, so a run with a line break between two Han
//!   characters (or CJK punctuation) is removed: `请带好⏎身份证` reads `请带好身份证`, while a
//!   space the author typed stays. Other characters are kept as written: no-break spaces
//!   (U+00A0, the Mongolian U+202F), the Mongolian vowel separator and joiners are not touched.
//! - Without `<speak>`, the whole input is read as content (a fragment). With it, only
//!   whitespace and comments may stand outside it.
//! - Limits: at most [`MAX_INPUT_BYTES`] of input and [`MAX_DEPTH`] nested elements.
//!
//! # The result
//!
//! A [`Document`] is a list of [`Segment`]s: each is a longest run of text read the same way
//! (rate, language, say-as). Its `lang` is the innermost `xml:lang` in force, from `<speak>`,
//! `<p>`, `<s>` or `<lang>`. Each `<say-as>` element is a segment of its own, so two adjacent
//! numbers are never read as one. A `<break>` adds its pause to the segment before it (pauses in
//! a row add up), or, with nothing before it, makes a segment with empty text that only carries
//! the pause; text after a break starts a new segment. `<p>` and `<s>` set `ends_sentence` on the
//! segment before them (only on one with text). `<sub>` contributes its alias as ordinary text.

mod parser;
#[cfg(test)]
mod tests;

use std::fmt;

/// The largest input [`parse`] accepts, in bytes (1 MiB).
pub const MAX_INPUT_BYTES: usize = 1 << 20;

/// The most elements that may be open at once, `<speak>` included.
pub const MAX_DEPTH: usize = 32;

/// The longest pause one `<break time="…">` may ask for, in milliseconds.
pub const MAX_BREAK_MS: u32 = 60_000;

/// The slowest speaking rate, in percent of normal: a `rate` value, and the product of nested
/// rates, which is clamped to this.
pub const MIN_RATE_PERCENT: u32 = 10;

/// The fastest speaking rate, in percent of normal: a `rate` value, and the product of nested
/// rates, which is clamped to this.
pub const MAX_RATE_PERCENT: u32 = 1000;

/// Parsed markup: the document's language and its text in segments.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Document {
    /// The `xml:lang` of `<speak>`, as written.
    pub lang: Option<String>,
    /// The text, in reading order.
    pub segments: Vec<Segment>,
}

/// A run of text read the same way, and what follows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// The text to speak, whitespace collapsed, entities resolved; empty for a segment that
    /// only carries a pause.
    pub text: String,
    /// The speaking rate in percent of normal (100), within [`MIN_RATE_PERCENT`] and
    /// [`MAX_RATE_PERCENT`].
    pub rate_percent: u32,
    /// The innermost `xml:lang` in force, as written; `None` when no element names one.
    pub lang: Option<String>,
    /// How to read the text, from `<say-as>`.
    pub say_as: Option<SayAs>,
    /// The pause after the text, in milliseconds.
    pub pause_after_ms: u32,
    /// True when a `<p>` or `<s>` boundary follows the text.
    pub ends_sentence: bool,
}

/// How to read a `<say-as>` text: its `interpret-as` value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SayAs {
    /// `characters`: letter by letter.
    Characters,
    /// `digits`: digit by digit.
    Digits,
    /// `telephone`: a phone number, in groups.
    Telephone,
    /// `date`: a date written in the given order.
    Date {
        /// The order of the date's parts.
        format: DateFormat,
    },
    /// `cardinal`: a number, read as a quantity.
    Cardinal,
}

/// The order of a `<say-as interpret-as="date">`: its `format` value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum DateFormat {
    /// `ymd`: year, month, day (the default, as in Chinese and ISO 8601).
    #[default]
    Ymd,
    /// `dmy`: day, month, year.
    Dmy,
    /// `mdy`: month, day, year.
    Mdy,
}

/// Markup that cannot be read, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct MarkupError {
    /// Byte offset of the problem in the input.
    pub offset: usize,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for MarkupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line, self.column, self.message
        )
    }
}

impl std::error::Error for MarkupError {}

/// Parses speech markup (the subset described in the [module documentation](self)) into
/// segments. Input without `<speak>` is read as a fragment of content.
///
/// # Errors
/// A [`MarkupError`] with the byte offset, line and column of the first problem: an unknown
/// element or attribute, a missing required attribute, a bad attribute value, a mismatched or
/// unclosed tag, a stray `<` or `&`, an unknown entity, a numeric entity that is no allowed
/// character, nesting deeper than [`MAX_DEPTH`], or input longer than [`MAX_INPUT_BYTES`].
pub fn parse(input: &str) -> Result<Document, MarkupError> {
    parser::parse(input)
}

/// True when the input is markup rather than plain text: after leading whitespace (and a
/// byte-order mark), it starts with a `<speak>` tag.
pub fn looks_like_markup(input: &str) -> bool {
    let input = input.strip_prefix('\u{FEFF}').unwrap_or(input);
    input
        .trim_start()
        .strip_prefix("<speak")
        .is_some_and(|rest| {
            rest.chars()
                .next()
                .is_none_or(|c| c == '>' || c == '/' || c.is_ascii_whitespace())
        })
}
