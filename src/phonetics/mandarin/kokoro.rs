//! Mandarin spelled for the Kokoro v1.0 voice model: tilmach's word-level pinyin (tone sandhi
//! applied, see [`super::words`]) in the phonemes the model learned.
//!
//! Kokoro learned Mandarin from IPA with the tone written as one arrow after the syllable's
//! vowel (`→` tone 1, `↗` tone 2, `↓` tone 3, `↘` tone 4, nothing for the neutral tone), the
//! syllables of a word run together and words separated by spaces, clause punctuation in its
//! ASCII form. `models/mandarin/kokoro-phonemes.tsv` (generated, see its script) holds the
//! spelling of every syllable the dictionary can produce, in all five tones.
//!
//! ```
//! use tilmach::phonetics::mandarin::kokoro::phonemes;
//!
//! assert_eq!(phonemes("银行行长，你好。", &mut |_| String::new()), "i↗nxa↗ŋ xa↗ŋʈʂa↓ŋ, ni↗xau↓.");
//! ```

use std::collections::HashMap;
use std::sync::OnceLock;

use super::{words, Word};

const TABLE: &str = include_str!("../../../models/mandarin/kokoro-phonemes.tsv");

/// The table: tone-numbered syllable → Kokoro phonemes.
fn table() -> &'static HashMap<&'static str, &'static str> {
    static TABLE_MAP: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    TABLE_MAP.get_or_init(|| {
        TABLE
            .lines()
            .filter(|line| !line.starts_with('#') && !line.is_empty())
            .filter_map(|line| line.split_once('\t'))
            .collect()
    })
}

/// The Kokoro phonemes of one tone-numbered syllable (`hang2`, `lv4`), if it is one.
pub fn syllable(pinyin: &str) -> Option<&'static str> {
    table().get(pinyin).copied()
}

/// The Kokoro phoneme string of `text` (cleaned and normalized Mandarin). Han words are spelled
/// from the table; clause punctuation becomes `, . ! ? : ;` (quotes `“ ”`, brackets `( )`);
/// each run of Latin letters or digits is handed to `foreign`, which returns its phonemes (an
/// empty string drops it); anything else is dropped.
pub fn phonemes(text: &str, foreign: &mut dyn FnMut(&str) -> String) -> String {
    let mut out = Phonemes::default();
    for word in words(text) {
        match word {
            Word::Han(syllables) => {
                let spelled: String = syllables.iter().filter_map(|s| syllable(s)).collect();
                out.word(&spelled);
            }
            Word::Other(other) => {
                let mut latin = String::new();
                for c in other.chars() {
                    if c.is_ascii_alphanumeric() || (c == '\'' && !latin.is_empty()) {
                        latin.push(c);
                        continue;
                    }
                    if !latin.is_empty() {
                        out.word(&foreign(&std::mem::take(&mut latin)));
                    }
                    match punctuation(c) {
                        Some(mark) => out.mark(mark),
                        None if c.is_whitespace() => out.space(),
                        None => {}
                    }
                }
                if !latin.is_empty() {
                    out.word(&foreign(&latin));
                }
            }
        }
    }
    out.finish()
}

/// A phoneme string under construction: words separated by one space, punctuation attached to
/// the word before it.
#[derive(Default)]
struct Phonemes {
    text: String,
    /// A space is due before the next word.
    gap: bool,
}

impl Phonemes {
    fn word(&mut self, word: &str) {
        if word.is_empty() {
            return;
        }
        if self.gap || self.text.ends_with(|c: char| !"“(".contains(c)) {
            self.text.push(' ');
        }
        self.gap = false;
        self.text.push_str(word);
    }

    fn mark(&mut self, mark: &str) {
        match mark {
            "“" | "(" => {
                if !self.text.is_empty() {
                    self.text.push(' ');
                }
                self.text.push_str(mark);
                self.gap = false;
            }
            _ if self.text.is_empty() => {}
            _ => {
                self.text.push_str(mark);
                self.gap = true;
            }
        }
    }

    fn space(&mut self) {
        self.gap = !self.text.is_empty();
    }

    fn finish(self) -> String {
        self.text.trim().to_owned()
    }
}

/// The mark the model knows for a punctuation character.
fn punctuation(c: char) -> Option<&'static str> {
    Some(match c {
        '，' | '、' | ',' => ",",
        '。' | '．' | '.' => ".",
        '！' | '!' => "!",
        '？' | '?' => "?",
        '：' | ':' => ":",
        '；' | ';' => ";",
        '“' | '«' | '《' | '「' | '【' | '『' => "“",
        '”' | '»' | '》' | '」' | '】' | '』' => "”",
        '"' => "\"",
        '（' | '(' => "(",
        '）' | ')' => ")",
        '…' => "…",
        '—' => "—",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> String {
        phonemes(text, &mut |w| format!("<{w}>"))
    }

    #[test]
    fn every_syllable_of_the_dictionary_is_spelled() {
        let dict = include_str!("../../../models/mandarin/mandarin-pinyin.txt");
        let mut missing = Vec::new();
        for line in dict.lines().filter(|l| !l.starts_with('#')) {
            for s in line.split(' ').skip(1) {
                // Sandhi can turn any tone into 2, 4 or 5: every tone must be there.
                let base = s.trim_end_matches(|c: char| c.is_ascii_digit());
                for tone in 1..=5 {
                    let s = format!("{base}{tone}");
                    if syllable(&s).is_none() && !missing.contains(&s) {
                        missing.push(s);
                    }
                }
            }
        }
        assert!(missing.is_empty(), "no Kokoro spelling for {missing:?}");
    }

    #[test]
    fn syllables_are_spelled_as_kokoro_learned_them() {
        for (pinyin, expected) in [
            ("zhong4", "ʈʂʊ↘ŋ"),
            ("ni3", "ni↓"),
            ("hao3", "xau↓"),
            ("zhi1", "ʈʂɨ→"),
            ("si4", "sɨ↘"),
            ("er4", "ɚ↘"),
            ("lv4", "ly↘"),
            ("yuan2", "ɥɛ↗n"),
            ("de5", "tɤ"),
        ] {
            assert_eq!(syllable(pinyin), Some(expected), "{pinyin}");
        }
        assert_eq!(syllable("xyz1"), None);
    }

    #[test]
    fn words_run_together_and_punctuation_attaches() {
        assert_eq!(p("养老金"), "ja↗ŋlau↓tɕi→n");
        assert_eq!(p("您好，欢迎拨打。"), "ni↗nxau↓, xwa→n i↗ŋ pwo→ta↓.");
        assert_eq!(p("（请）“拨打”"), "(tɕʰi↓ŋ) “pwo→ta↓”");
    }

    #[test]
    fn latin_runs_go_to_the_foreign_reader_and_the_rest_is_dropped() {
        assert_eq!(p("下载App，"), "ɕja↘tsai↘ <App>,");
        assert_eq!(p("A行 B"), "<A> ɕi↗ŋ <B>");
        assert_eq!(p("☺，。"), "");
        assert_eq!(phonemes("下载App", &mut |_| String::new()), "ɕja↘tsai↘");
    }
}
