//! The embedded pronunciation dictionary: default readings of characters and the readings of
//! the phrases that differ from them (see `models/mandarin/build_pinyin_dict.py`).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// `models/mandarin/mandarin-pinyin.txt`: `KEY SYLLABLE...` lines, citation tones, built from pypinyin.
const DATA: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/models/mandarin/mandarin-pinyin.txt"
));

/// The longest phrase in the data, in characters.
pub(crate) const MAX_PHRASE_CHARS: usize = 4;

/// The first code point of the CJK Unified Ideographs block.
const BLOCK_START: u32 = 0x4E00;
/// Its size (U+4E00..=U+9FFF).
const BLOCK_LEN: usize = 0x5200;

/// Readings borrowed from [`DATA`]: parsing copies no text.
pub(crate) struct Dictionary {
    /// Default (most common) reading of each character of the block, e.g. `行` → `xing2`,
    /// indexed by code point − U+4E00.
    block: Vec<Option<&'static str>>,
    /// Default readings of characters outside the block (〇).
    others: Vec<(char, &'static str)>,
    /// Phrase → its space-separated syllables, one per character, e.g. `银行` → `yin2 hang2`.
    phrases: HashMap<&'static str, &'static str, BuildHasherDefault<FxHasher>>,
}

impl Dictionary {
    /// Parses the data. Lines without a space are skipped; a test checks that every line is
    /// well formed, with one syllable per character.
    fn parse(data: &'static str) -> Dictionary {
        let mut block = vec![None; BLOCK_LEN];
        let mut others = Vec::new();
        let mut phrases = HashMap::with_capacity_and_hasher(48_000, Default::default());
        for line in data.lines() {
            if line.starts_with('#') {
                continue;
            }
            let Some((key, readings)) = line.split_once(' ') else {
                continue;
            };
            let mut key_chars = key.chars();
            match (key_chars.next(), key_chars.next()) {
                (Some(c), None) => match block_index(c) {
                    Some(i) => block[i] = Some(readings),
                    None => others.push((c, readings)),
                },
                (Some(_), Some(_)) => {
                    phrases.insert(key, readings);
                }
                _ => {}
            }
        }
        Dictionary {
            block,
            others,
            phrases,
        }
    }

    /// The default reading of `c`, if it is a Han character the data knows.
    pub(crate) fn char_reading(&self, c: char) -> Option<&'static str> {
        match block_index(c) {
            Some(i) => self.block[i],
            None => self.others.iter().find(|&&(o, _)| o == c).map(|&(_, r)| r),
        }
    }

    /// The syllables of `phrase` (2 to [`MAX_PHRASE_CHARS`] characters), if it is listed.
    pub(crate) fn phrase_reading(&self, phrase: &str) -> Option<&'static str> {
        self.phrases.get(phrase).copied()
    }
}

/// `c`'s index in [`Dictionary::block`], if it is in the block.
fn block_index(c: char) -> Option<usize> {
    let i = (c as u32).checked_sub(BLOCK_START)? as usize;
    (i < BLOCK_LEN).then_some(i)
}

/// The Fx hash (as in rustc-hash): fast for short keys. The table is fixed, so collision
/// attacks cannot grow it.
#[derive(Default, Clone, Copy)]
struct FxHasher {
    hash: u64,
}

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let mut word = [0; 8];
        word[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
        self.add(u64::from_le_bytes(word));
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

/// The dictionary, parsed on first use.
pub(crate) fn dictionary() -> &'static Dictionary {
    static DICTIONARY: OnceLock<Dictionary> = OnceLock::new();
    DICTIONARY.get_or_init(|| Dictionary::parse(DATA))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_syllable(s: &str) -> bool {
        let (letters, tone) = s.split_at(s.len().saturating_sub(1));
        !letters.is_empty()
            && letters.bytes().all(|b| b.is_ascii_lowercase())
            && matches!(tone, "1" | "2" | "3" | "4" | "5")
    }

    #[test]
    fn every_data_line_is_well_formed() {
        let mut seen = std::collections::HashSet::new();
        for (number, line) in DATA.lines().enumerate() {
            if line.starts_with('#') {
                continue;
            }
            let (key, readings) = line.split_once(' ').expect("KEY READINGS");
            let n = key.chars().count();
            assert!(
                (1..=MAX_PHRASE_CHARS).contains(&n),
                "line {}: {line}",
                number + 1
            );
            let syllables: Vec<&str> = readings.split(' ').collect();
            assert_eq!(syllables.len(), n, "line {}: {line}", number + 1);
            assert!(
                syllables.iter().all(|s| is_syllable(s)),
                "line {}: {line}",
                number + 1
            );
            assert!(
                key.chars().all(|c| dictionary().char_reading(c).is_some()),
                "{line}"
            );
            assert!(seen.insert(key), "line {}: duplicate {key}", number + 1);
        }
    }

    #[test]
    fn data_covers_the_basic_block() {
        let dict = dictionary();
        let known = ('\u{4E00}'..='\u{9FFF}')
            .filter(|&c| dict.char_reading(c).is_some())
            .count();
        assert!(known > 20_800, "{known}");
        assert_eq!(dict.char_reading('〇'), Some("ling2"));
        assert_eq!(dict.char_reading('行'), Some("xing2"));
        assert_eq!(dict.phrase_reading("银行"), Some("yin2 hang2"));
        assert_eq!(dict.char_reading('a'), None);
    }
}
