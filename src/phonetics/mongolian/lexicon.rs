//! The service-domain lexicon: written words and phrases with their reading.
//!
//! The table is `lexicon.tsv` (in the main repository `models/mongolian/lexicon.tsv`),
//! embedded at compile time. Columns, tab-separated, header line first, `#` lines are
//! comments: `traditional`, `transliteration`, `reading_cyrillic`, `english`, `source`.
//! A traditional entry may be one word, a word with suffixes (joined by NNBSP), or a
//! phrase of several words separated by single spaces.
//!
//! Lookup keys ignore the characters that change a word's glyphs but not its letters:
//! FVS1–FVS4, MVS, ZWJ, ZWNJ and nirugu.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::letters::{is_fvs, MVS, NIRUGU, NNBSP, ZWJ, ZWNJ};

/// The embedded table. The path is the only line to change when the file moves.
const LEXICON_TSV: &str = include_str!("../../../models/mongolian/lexicon.tsv");

/// One row of the lexicon.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The written form in traditional script (Unicode, UTN #57).
    pub traditional: &'static str,
    /// Its Latin transliteration, as [`super::transliterate`] gives it.
    pub transliteration: &'static str,
    /// The reading in Mongolian Cyrillic, lowercase.
    pub reading: &'static str,
    /// English gloss.
    pub english: &'static str,
    /// Where the spelling comes from.
    pub source: &'static str,
}

/// A row that is not a comment, not the header and not five columns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadRow {
    /// 1-based line number in `lexicon.tsv`.
    pub line: usize,
    /// Number of tab-separated columns found.
    pub columns: usize,
}

struct Lexicon {
    entries: Vec<Entry>,
    by_key: HashMap<String, &'static str>,
    max_words: usize,
}

/// Parses TSV text into entries, and the rows that do not parse.
pub fn parse(tsv: &'static str) -> (Vec<Entry>, Vec<BadRow>) {
    let mut entries = Vec::new();
    let mut bad = Vec::new();
    let mut header_seen = false;
    for (i, line) in tsv.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        if !header_seen {
            header_seen = true;
            if line.starts_with("traditional\t") {
                continue;
            }
        }
        let cols: Vec<&'static str> = line.split('\t').collect();
        if let [traditional, transliteration, reading, english, source] = cols[..] {
            entries.push(Entry {
                traditional,
                transliteration,
                reading,
                english,
                source,
            });
        } else {
            bad.push(BadRow {
                line: i + 1,
                columns: cols.len(),
            });
        }
    }
    (entries, bad)
}

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let (entries, _) = parse(LEXICON_TSV);
        let mut by_key = HashMap::with_capacity(entries.len());
        let mut max_words = 1;
        for e in &entries {
            let k = key(e.traditional);
            max_words = max_words.max(k.split(' ').count());
            by_key.entry(k).or_insert(e.reading);
        }
        Lexicon {
            entries,
            by_key,
            max_words,
        }
    })
}

/// All entries of the embedded lexicon, in file order.
pub fn entries() -> &'static [Entry] {
    &lexicon().entries
}

/// Rows of the embedded lexicon that do not have five columns (should be none).
pub fn bad_rows() -> Vec<BadRow> {
    parse(LEXICON_TSV).1
}

/// The lookup key of a word or phrase: without selectors, MVS, joiners and nirugu, with
/// single spaces between words.
pub fn key(text: &str) -> String {
    let stripped: String = text
        .chars()
        .filter(|&c| !(is_fvs(c) || matches!(c, MVS | ZWJ | ZWNJ | NIRUGU)))
        .collect();
    stripped
        .split(|c: char| c.is_whitespace() && c != NNBSP)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The reading of a word or phrase key (see [`key`]), if the lexicon has it.
pub fn lookup(key: &str) -> Option<&'static str> {
    lexicon().by_key.get(key).copied()
}

/// The most words in one lexicon entry.
pub fn max_words() -> usize {
    lexicon().max_words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_skips_comments_and_header() {
        let (e, bad) = parse("# c\ntraditional\tt\tr\te\ts\nᠠ\ta\tа\tx\ty\nbad\trow\n");
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].reading, "а");
        assert_eq!(
            bad,
            vec![BadRow {
                line: 4,
                columns: 2
            }]
        );
    }

    #[test]
    fn keys_ignore_selectors() {
        assert_eq!(key("ᠬᠠᠷ\u{180E}ᠠ"), "ᠬᠠᠷᠠ");
        assert_eq!(key(" ᠭ\u{180B}ᠠ  ᠠ "), "ᠭᠠ ᠠ");
        assert_eq!(key("ᠭᠡᠷ\u{202F}ᠲᠦ"), "ᠭᠡᠷ\u{202F}ᠲᠦ");
    }
}
