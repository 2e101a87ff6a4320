//! Mandarin pronunciation: the tone-numbered pinyin of each Han character, chosen word by word
//! so that polyphones come out right, with the tone changes of connected speech applied.
//!
//! espeak-ng's Mandarin voice reads Han text character by character from a small dictionary, so
//! it says 银行 *yin2 xing2* and 还款 *hai2 kuan3*. [`pinyin`] gives it the syllables to say
//! instead:
//!
//! 1. **Lookup.** `models/mandarin/mandarin-pinyin.txt` (built by
//!    `models/mandarin/build_pinyin_dict.py` from pypinyin, MIT) holds the default reading of every
//!    character of the CJK Unified Ideographs block and 〇, the 2–4 character phrases whose
//!    reading differs from their characters' defaults, and the common words needed to cut text
//!    right around them (发行 keeps 发行长期 from being read 发 行长 期). Each stretch of Han text is
//!    segmented by forward maximum matching: at each position the longest listed phrase wins,
//!    else the character's default reading — except that a 得 in no listed phrase after
//!    another character is the complement particle `de5` (说得慢; the data lists the words
//!    with 得, such as 得到 de2, 觉得 de5). The data is embedded and parsed once, on first use.
//! 2. **Sandhi** (see [`sandhi`] for the exact rules): 一 and 不 change tone before
//!    a fourth tone (一次 yi2 ci4, 不要 bu2 yao4), 一 is yi4 before other tones (一天 yi4 tian1)
//!    but keeps yi1 as an ordinal, in numbers and at a word's end (第一, 一楼, 十一, 统一), and
//!    is neutral between repeated verbs (看一看 kan4 yi5 kan4); 不 is neutral in A-not-A
//!    questions (是不是 shi4 bu5 shi4); a third tone before a third tone becomes a second tone
//!    (你好 ni2 hao3, 展览馆 zhan2 lan2 guan3, 养老保险 yang2 lao3 bao2 xian3).
//!
//! The tones returned are the ones said, tone 5 being the neutral tone; `ü` is written `v`
//! (`lv4`).
//!
//! ```
//! use tilmach::phonetics::mandarin::{pinyin, pinyin_string, Token};
//!
//! assert_eq!(pinyin_string("银行行长"), "yin2 hang2 hang2 zhang3");
//! assert_eq!(pinyin_string("你好！"), "ni2 hao3");
//! assert_eq!(
//!     pinyin("行，OK"),
//!     [
//!         Token::Syllable { hanzi: '行', pinyin: "xing2".into() },
//!         Token::Other("，OK".into()),
//!     ]
//! );
//! ```

mod dict;
pub mod kokoro;
pub mod sandhi;

use dict::{dictionary, Dictionary, MAX_PHRASE_CHARS};
use sandhi::Syllable;

/// A piece of the text [`pinyin`] was given.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Token {
    /// One Han character and the syllable said for it: letters, then the tone 1–5 (5 is the
    /// neutral tone), `ü` written `v`: `hang2`, `lv4`, `de5`.
    Syllable {
        /// The character.
        hanzi: char,
        /// Its syllable, tone sandhi applied.
        pinyin: String,
    },
    /// A run of anything else, as it was: punctuation, spaces, Latin letters, digits, and Han
    /// characters the dictionary has no reading for (see [`is_hanzi`]).
    Other(String),
}

/// Whether [`pinyin`] reads `c` as a syllable: 〇 (U+3007) and the characters of the CJK
/// Unified Ideographs block (U+4E00–U+9FFF) that the dictionary has a reading for, which is all
/// of them but 68 (recent additions and the one-character units such as 兙 *shike*).
pub fn is_hanzi(c: char) -> bool {
    dictionary().char_reading(c).is_some()
}

/// The text as tokens: one [`Token::Syllable`] per Han character (see [`is_hanzi`]), readings
/// chosen at word level and tone sandhi applied, and one [`Token::Other`] per run of anything
/// else. The tokens' text, concatenated, is the input.
pub fn pinyin(text: &str) -> Vec<Token> {
    read(text).into_iter().map(|(token, _)| token).collect()
}

/// A piece of the text [`words`] cut.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Word {
    /// The syllables (tone sandhi applied) of Han characters read together: a word of the
    /// dictionary, or one character that starts no listed word.
    Han(Vec<String>),
    /// A run of anything else, as it was (see [`Token::Other`]).
    Other(String),
}

/// The text as words: what [`pinyin`] reads, with the syllables of each dictionary word kept
/// together, for engines that phrase by word.
///
/// ```
/// use tilmach::phonetics::mandarin::{words, Word};
///
/// assert_eq!(
///     words("银行行长，"),
///     [
///         Word::Han(vec!["yin2".into(), "hang2".into()]),
///         Word::Han(vec!["hang2".into(), "zhang3".into()]),
///         Word::Other("，".into()),
///     ]
/// );
/// ```
pub fn words(text: &str) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut last_segment = None;
    for (token, segment) in read(text) {
        match token {
            Token::Syllable { pinyin, .. } => match out.last_mut() {
                Some(Word::Han(syllables)) if segment == last_segment => syllables.push(pinyin),
                _ => out.push(Word::Han(vec![pinyin])),
            },
            Token::Other(other) => out.push(Word::Other(other)),
        }
        last_segment = segment;
    }
    out
}

/// The tokens of `text`, each syllable with the number of the dictionary segment (word) it was
/// read in, unique over the whole text.
fn read(text: &str) -> Vec<(Token, Option<usize>)> {
    let dict = dictionary();
    let mut tokens = Vec::new();
    let mut other_start: Option<usize> = None;
    let mut run: Vec<(usize, char)> = Vec::new();
    let mut segments = 0;
    for (i, c) in text.char_indices() {
        if dict.char_reading(c).is_some() {
            if let Some(start) = other_start.take() {
                tokens.push((Token::Other(text[start..i].to_owned()), None));
            }
            run.push((i, c));
        } else {
            if !run.is_empty() {
                read_run(text, &run, dict, &mut segments, &mut tokens);
                run.clear();
            }
            other_start.get_or_insert(i);
        }
    }
    if !run.is_empty() {
        read_run(text, &run, dict, &mut segments, &mut tokens);
    }
    if let Some(start) = other_start {
        tokens.push((Token::Other(text[start..].to_owned()), None));
    }
    tokens
}

/// The syllables of `text` separated by single spaces, e.g. `yin2 hang2 hang2 zhang3`.
/// Punctuation, symbols and spaces are dropped; other non-Han words (Latin letters, digits) are
/// kept as they are, each a word of its own: `请拨打12345` → `qing3 bo1 da3 12345`.
pub fn pinyin_string(text: &str) -> String {
    let mut out = String::new();
    let mut push = |word: &str| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    };
    for token in pinyin(text) {
        match token {
            Token::Syllable { pinyin, .. } => push(&pinyin),
            Token::Other(other) => other
                .split(|c: char| !c.is_alphanumeric())
                .filter(|word| !word.is_empty())
                .for_each(&mut push),
        }
    }
    out
}

/// What espeak-ng's Mandarin voice is given for `text`: the syllables of [`pinyin`] separated by
/// spaces, with clause punctuation in its ASCII form (`，` → `,`) so that the voice still pauses
/// there, and any other text kept between spaces.
///
/// ```
/// use tilmach::phonetics::mandarin::engine_text;
///
/// assert_eq!(engine_text("银行行长，你好。"), "yin2 hang2 hang2 zhang3 , ni2 hao3 .");
/// ```
pub fn engine_text(text: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    for token in pinyin(text) {
        match token {
            Token::Syllable { pinyin, .. } => words.push(pinyin),
            Token::Other(other) => {
                let other: String = other.chars().map(ascii_punctuation).collect();
                words.extend(other.split_whitespace().map(str::to_owned));
            }
        }
    }
    words.join(" ")
}

/// The ASCII form of a full-width clause mark; any other character unchanged.
fn ascii_punctuation(c: char) -> char {
    match c {
        '，' | '、' => ',',
        '。' | '．' => '.',
        '？' => '?',
        '！' => '!',
        '；' => ';',
        '：' => ':',
        other => other,
    }
}

/// Reads one run of consecutive Han characters (`(byte offset, char)` in `text`).
/// Segments are numbered on from `*segments`.
fn read_run(
    text: &str,
    run: &[(usize, char)],
    dict: &Dictionary,
    segments: &mut usize,
    tokens: &mut Vec<(Token, Option<usize>)>,
) {
    let run_end = run.last().map_or(0, |&(i, c)| i + c.len_utf8());
    let offset = |k: usize| run.get(k).map_or(run_end, |&(i, _)| i);
    let mut syllables: Vec<Syllable> = Vec::with_capacity(run.len());
    let mut k = 0;
    let mut segment = *segments;
    while k < run.len() {
        let longest = (2..=MAX_PHRASE_CHARS.min(run.len() - k))
            .rev()
            .find_map(|len| Some((len, dict.phrase_reading(&text[offset(k)..offset(k + len)])?)));
        match longest {
            Some((len, reading)) => {
                for (&(_, hanzi), syllable) in run[k..k + len].iter().zip(reading.split(' ')) {
                    syllables.push(Syllable::new(hanzi, syllable, segment));
                }
                k += len;
            }
            None => {
                let (_, hanzi) = run[k];
                let reading = match hanzi {
                    // 得 in no listed word, after another character: the particle (说得慢).
                    '得' if k > 0 => "de5",
                    _ => dict.char_reading(hanzi).unwrap_or(""),
                };
                syllables.push(Syllable::new(hanzi, reading, segment));
                k += 1;
            }
        }
        segment += 1;
    }
    *segments = segment;
    sandhi::apply(&mut syllables);
    tokens.extend(syllables.iter().map(|s| {
        let token = Token::Syllable {
            hanzi: s.hanzi,
            pinyin: s.to_string(),
        };
        (token, Some(s.segment))
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> String {
        pinyin_string(text)
    }

    #[test]
    fn tokens_keep_the_text() {
        let text = "请拨打12345，或访问 www.gov.cn 。行";
        let tokens = pinyin(text);
        let mut rebuilt = String::new();
        for token in &tokens {
            match token {
                Token::Syllable { hanzi, .. } => rebuilt.push(*hanzi),
                Token::Other(s) => rebuilt.push_str(s),
            }
        }
        assert_eq!(rebuilt, text);
        assert_eq!(tokens[3], Token::Other("12345，".into()));
        assert_eq!(tokens[7], Token::Other(" www.gov.cn 。".into()));
    }

    #[test]
    fn pinyin_string_keeps_words_and_drops_punctuation() {
        assert_eq!(p("请拨打12345。"), "qing3 bo1 da3 12345");
        assert_eq!(p("下载App，"), "xia4 zai4 App");
        assert_eq!(p(""), "");
        assert_eq!(p("，。！"), "");
    }

    #[test]
    fn polyphone_pairs() {
        for (text, expected) in [
            ("银行", "yin2 hang2"),
            ("行走", "xing2 zou3"),
            ("行长", "hang2 zhang3"),
            ("长期", "chang2 qi1"),
            ("银行行长", "yin2 hang2 hang2 zhang3"),
            ("重新", "chong2 xin1"),
            ("重要", "zhong4 yao4"),
            ("还款", "huan2 kuan3"),
            ("还是", "hai2 shi4"),
            ("为了", "wei4 le5"),
            ("作为", "zuo4 wei2"),
            ("便利", "bian4 li4"),
            ("便宜", "pian2 yi5"),
            ("发放", "fa1 fang4"),
            ("头发", "tou2 fa5"),
            ("音乐", "yin1 yue4"),
            ("快乐", "kuai4 le4"),
            ("处理", "chu2 li3"),
            ("到处", "dao4 chu4"),
            ("调整", "tiao2 zheng3"),
            ("空调", "kong1 tiao2"),
            ("调查", "diao4 cha2"),
            ("请假", "qing3 jia4"),
            ("假冒", "jia3 mao4"),
            ("接种", "jie1 zhong4"),
            ("种类", "zhong3 lei4"),
            ("累计", "lei3 ji4"),
            ("大夫", "dai4 fu5"),
            ("得到", "de2 dao4"),
            ("说得慢", "shuo1 de5 man4"),
            ("觉得", "jue2 de5"),
            ("蒙古语", "meng2 gu2 yu3"),
        ] {
            assert_eq!(p(text), expected, "{text}");
        }
    }

    #[test]
    fn a_phrase_does_not_swallow_the_next_word() {
        // 发行 reads as its characters' defaults but keeps 行长 from matching.
        assert_eq!(p("发行长期国债"), "fa1 xing2 chang2 qi1 guo2 zhai4");
        assert_eq!(p("银行长期贷款"), "yin2 hang2 chang2 qi1 dai4 kuan3");
    }

    #[test]
    fn rare_words_do_not_swallow_common_text() {
        assert_eq!(
            p("请在行政服务中心办理"),
            "qing3 zai4 xing2 zheng4 fu2 wu4 zhong1 xin1 ban4 li3"
        );
        assert_eq!(p("书法和乐器"), "shu1 fa3 he2 yue4 qi4");
        assert_eq!(p("社保卡具有"), "she4 bao2 ka3 ju4 you3");
        assert_eq!(p("每年都会调整"), "mei3 nian2 dou1 hui4 tiao2 zheng3");
        assert_eq!(p("为人民服务"), "wei4 ren2 min2 fu2 wu4");
    }

    #[test]
    fn non_han_breaks_runs() {
        assert_eq!(
            pinyin("A行"),
            [
                Token::Other("A".into()),
                Token::Syllable {
                    hanzi: '行',
                    pinyin: "xing2".into()
                }
            ]
        );
        // A Han character outside the dictionary passes through.
        assert_eq!(pinyin("\u{3400}"), [Token::Other("\u{3400}".into())]);
    }
}
