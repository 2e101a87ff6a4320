//! The languages tilmach serves: their BCP 47 tags, how loosely typed tags map onto them, and
//! their script and writing direction.

use std::fmt;
use std::str::FromStr;

use unic_langid::LanguageIdentifier;

use crate::{Error, Result};

/// A language tilmach can speak and show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Language {
    /// Mandarin Chinese in simplified characters, `zh-Hans-CN`. The reference locale.
    Mandarin,
    /// Uyghur in the Uyghur Arabic script (UEY), `ug-Arab-CN`.
    Uyghur,
    /// Mongolian in the traditional (Hudum) script, `mn-Mong-CN`.
    Mongolian,
}

/// How lines of text run on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Left to right in horizontal lines.
    LeftToRight,
    /// Right to left in horizontal lines.
    RightToLeft,
    /// Top to bottom in columns that advance left to right (CSS `writing-mode: vertical-lr`).
    VerticalLeftToRight,
}

impl Direction {
    /// The HTML `dir` attribute value.
    pub fn html_dir(self) -> &'static str {
        match self {
            Direction::RightToLeft => "rtl",
            Direction::LeftToRight | Direction::VerticalLeftToRight => "ltr",
        }
    }
}

impl Direction {
    /// The CSS `writing-mode` that lays the text out.
    pub fn css_writing_mode(self) -> &'static str {
        match self {
            Direction::VerticalLeftToRight => "vertical-lr",
            Direction::LeftToRight | Direction::RightToLeft => "horizontal-tb",
        }
    }
}

impl Language {
    /// Every served language, reference locale first.
    pub const ALL: [Language; 3] = [Language::Mandarin, Language::Uyghur, Language::Mongolian];

    /// The reference locale that translations are made from and that missing messages fall back to.
    pub const REFERENCE: Language = Language::Mandarin;

    /// The full BCP 47 tag served, which is also the directory name under `locales/`.
    pub fn tag(self) -> &'static str {
        match self {
            Language::Mandarin => "zh-Hans-CN",
            Language::Uyghur => "ug-Arab-CN",
            Language::Mongolian => "mn-Mong-CN",
        }
    }

    /// The tag as a parsed language identifier.
    pub fn langid(self) -> LanguageIdentifier {
        self.tag().parse().expect("served tags are valid BCP 47")
    }

    /// The two-letter language code (`zh`, `ug`, `mn`), as telephony systems name sound folders.
    pub fn code(self) -> &'static str {
        match self {
            Language::Mandarin => "zh",
            Language::Uyghur => "ug",
            Language::Mongolian => "mn",
        }
    }

    /// The English name, for messages and listings.
    pub fn english_name(self) -> &'static str {
        match self {
            Language::Mandarin => "Mandarin",
            Language::Uyghur => "Uyghur",
            Language::Mongolian => "Mongolian",
        }
    }

    /// The name of the language written in itself.
    pub fn native_name(self) -> &'static str {
        match self {
            Language::Mandarin => "普通话",
            Language::Uyghur => "ئۇيغۇرچە",
            Language::Mongolian => "ᠮᠣᠩᠭᠣᠯ",
        }
    }

    /// The ISO 15924 script code of the text served.
    pub fn script(self) -> &'static str {
        match self {
            Language::Mandarin => "Hans",
            Language::Uyghur => "Arab",
            Language::Mongolian => "Mong",
        }
    }

    /// How the text runs on screen.
    pub fn direction(self) -> Direction {
        match self {
            Language::Mandarin => Direction::LeftToRight,
            Language::Uyghur => Direction::RightToLeft,
            Language::Mongolian => Direction::VerticalLeftToRight,
        }
    }

    /// Maps a loosely written tag onto a served language.
    ///
    /// Accepts `zh`, `zh-CN`, `zh-Hans`, `cmn`; `ug`, `ug-CN`, `ug-Arab`; `mn-CN`, `mn-Mong`,
    /// `mn-Cyrl` and plain `mn` (tilmach serves only one Mongolian, so plain `mn` resolves to
    /// `mn-Mong-CN` although CLDR's likely script for `mn` alone is Cyrillic). Underscores are
    /// accepted in place of hyphens (`zh_CN`, as Asterisk and POSIX locales write them) and a
    /// POSIX encoding suffix (`.UTF-8`) is ignored.
    ///
    /// # Errors
    /// [`Error::UnsupportedLanguage`] naming the tag and the supported ones.
    pub fn from_tag(tag: &str) -> Result<Language> {
        let unsupported = || Error::UnsupportedLanguage {
            tag: crate::bounded::quoted_prefix(tag),
            supported: Language::ALL
                .iter()
                .map(|l| l.tag())
                .collect::<Vec<_>>()
                .join(", "),
        };
        let cleaned = tag
            .trim()
            .split(['.', '@'])
            .next()
            .unwrap_or("")
            .replace('_', "-");
        let id: LanguageIdentifier = cleaned.parse().map_err(|_| unsupported())?;
        match id.language.as_str() {
            "zh" | "cmn" => Ok(Language::Mandarin),
            "ug" | "uig" => Ok(Language::Uyghur),
            "mn" | "mon" | "khk" | "mvf" => Ok(Language::Mongolian),
            _ => Err(unsupported()),
        }
    }
}

/// Picks the served language for what someone asked for: an `Accept-Language` header
/// (`ug-CN,ug;q=0.9,zh;q=0.8`), a comma-separated list, or one loosely written tag (`zh_CN`, the
/// channel language Asterisk sends). The first preference tilmach serves wins; when none is
/// served, the reference locale (Mandarin).
pub fn negotiate(requested: &str) -> Language {
    let from_header = fluent_langneg::accepted_languages::parse(requested)
        .into_iter()
        .find_map(|id| Language::from_tag(&id.to_string()).ok());
    from_header
        .or_else(|| {
            requested
                .split(',')
                .find_map(|part| Language::from_tag(part.split(';').next().unwrap_or("")).ok())
        })
        .unwrap_or(Language::REFERENCE)
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

impl FromStr for Language {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        Language::from_tag(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lenient_tags_map_to_served_languages() {
        let table = [
            ("zh", Language::Mandarin),
            ("zh-CN", Language::Mandarin),
            ("zh_CN.UTF-8", Language::Mandarin),
            ("zh-Hans-CN", Language::Mandarin),
            ("cmn", Language::Mandarin),
            ("ug", Language::Uyghur),
            ("ug-CN", Language::Uyghur),
            ("ug-Arab-CN", Language::Uyghur),
            ("mn", Language::Mongolian),
            ("mn-CN", Language::Mongolian),
            ("mn-Mong", Language::Mongolian),
            ("mn-Mong-CN", Language::Mongolian),
        ];
        for (input, expected) in table {
            assert_eq!(Language::from_tag(input).unwrap(), expected, "{input}");
        }
    }

    #[test]
    fn unsupported_tag_lists_the_supported_ones() {
        let err = Language::from_tag("fr-FR").unwrap_err().to_string();
        assert!(err.contains("fr-FR"), "{err}");
        for l in Language::ALL {
            assert!(err.contains(l.tag()), "{err}");
        }
        assert!(Language::from_tag("").is_err());
        assert!(Language::from_tag("not a tag!").is_err());
        let long = format!("x{}\u{1b}[2J", "y".repeat(10_000));
        let err = Language::from_tag(&long).unwrap_err().to_string();
        assert!(
            err.len() < 200 && err.contains("xyyy") && err.contains('…'),
            "{err}"
        );
        let err = Language::from_tag("\u{1b}[2J").unwrap_err().to_string();
        assert!(!err.contains('\u{1b}') && err.contains("\\u{1b}"), "{err}");
    }

    #[test]
    fn negotiation_table() {
        let table = [
            ("ug-CN,ug;q=0.9,zh;q=0.8", Language::Uyghur),
            ("fr-FR, mn-CN;q=0.5", Language::Mongolian),
            ("en-US,en;q=0.9", Language::Mandarin),
            ("zh_CN", Language::Mandarin),
            ("ug", Language::Uyghur),
            ("mn", Language::Mongolian),
            ("mn-Mong", Language::Mongolian),
            ("cmn", Language::Mandarin),
            ("", Language::Mandarin),
            ("*", Language::Mandarin),
        ];
        for (input, expected) in table {
            assert_eq!(negotiate(input), expected, "{input}");
        }
    }

    #[test]
    fn scripts_and_directions() {
        assert_eq!(Language::Uyghur.direction(), Direction::RightToLeft);
        assert_eq!(Language::Uyghur.direction().html_dir(), "rtl");
        assert_eq!(
            Language::Mongolian.direction(),
            Direction::VerticalLeftToRight
        );
        assert_eq!(Language::Mandarin.direction(), Direction::LeftToRight);
        assert_eq!(Language::Mongolian.script(), "Mong");
    }
}
