//! Matching what a caller said to the options of a menu.
//!
//! Each option has spoken keywords, written by translators as a `.keywords` attribute (commas
//! between keywords) on the option's message in the locale files:
//!
//! ```text
//! pension-collection-title = 养老金领取
//!     .keywords = 养老金, 退休金, 领养老金
//! ```
//!
//! Keywords and transcript are compared as sequences of sound units, so that what a recognizer
//! writes differently still matches:
//! - **Mandarin**: toneless pinyin syllables. Simplified and traditional characters fold
//!   together (養老金 and 养老金 are both *yang lao jin*), homophones match, and so does pinyin
//!   typed in Latin letters (`yang lao`). Syllables that differ a little (*ya*/*yang*,
//!   *she*/*shou*) score partly: speech recognizers mishear exactly that way.
//! - **Mongolian**: Whisper writes Mongolian in Cyrillic; keywords in the traditional script are
//!   read into Cyrillic ([`crate::phonetics::mongolian::read`]) and words compared by spelling.
//! - **Uyghur**: keywords in ULY Latin ([`crate::phonetics::uyghur::to_latin`]), words compared
//!   by spelling (Whisper has no Uyghur; see the README for what is measured).
//!
//! A keyword's score is the best mean unit similarity over the windows of the transcript; an
//! option's is its best keyword's. The best option is chosen when it scores at least
//! [`Menu::threshold`] and leads the runner-up by [`Menu::margin`]; otherwise the outcome is
//! [`Outcome::NotUnderstood`]. A short answer that is just a number ("1", "一", "按二") chooses
//! the option on that key.

use crate::l10n::{Catalog, Usage};
use crate::lang::Language;
use crate::phonetics::{mandarin, mongolian, uyghur};
use crate::Result;

/// One choice of a menu.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MenuOption {
    /// What the choice is (a guide id, a flow action).
    pub id: String,
    /// Its key on the phone, if any.
    pub key: Option<char>,
    /// What callers may say for it.
    pub keywords: Vec<String>,
}

/// What a transcript chose.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// An option, with the confidence of the match (0–1).
    Chosen {
        /// The option's id.
        id: String,
        /// 0–1.
        confidence: f64,
    },
    /// Nothing clear: no option matched well enough, or two matched alike.
    NotUnderstood {
        /// The closest option and its score, for logs.
        closest: Option<(String, f64)>,
    },
}

/// The `.keywords` attribute of `message` in `lang` (or the reference locale), split at commas
/// of any script.
///
/// # Errors
/// [`crate::Error::MissingMessage`] when neither locale has it.
pub fn keywords(catalog: &Catalog, lang: Language, message: &str) -> Result<Vec<String>> {
    let text = catalog.format(
        lang,
        message,
        Some("keywords"),
        None,
        Usage::Speech,
        &mut Vec::new(),
    )?;
    Ok(text
        .split([',', '，', '،', '᠂', ';', '、'])
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .map(str::to_owned)
        .collect())
}

/// A menu ready for matching: keywords already turned into sound units.
#[derive(Debug, Clone)]
pub struct Menu {
    lang: Language,
    options: Vec<(MenuOption, Vec<Vec<String>>)>,
    /// The lowest score that chooses (default 0.72).
    pub threshold: f64,
    /// How far the best must lead the runner-up (default 0.08).
    pub margin: f64,
}

impl Menu {
    /// A menu in `lang` with these options.
    pub fn new(lang: Language, options: Vec<MenuOption>) -> Menu {
        let options = options
            .into_iter()
            .map(|o| {
                let units = o
                    .keywords
                    .iter()
                    .map(|k| keyword_units(lang, k))
                    .filter(|u| !u.is_empty())
                    .collect();
                (o, units)
            })
            .collect();
        Menu {
            lang,
            options,
            threshold: 0.72,
            margin: 0.08,
        }
    }

    /// A menu whose options are messages of `catalog`: `(option id, message id, key)`; the
    /// keywords are the message's `.keywords` attribute in `lang` (or the reference locale's).
    ///
    /// # Errors
    /// [`crate::Error::MissingMessage`] when a message has no `.keywords` in `lang` nor in the
    /// reference locale.
    pub fn from_catalog(
        catalog: &Catalog,
        lang: Language,
        options: &[(&str, &str, Option<char>)],
    ) -> Result<Menu> {
        let mut out = Vec::new();
        for &(id, message, key) in options {
            out.push(MenuOption {
                id: id.to_owned(),
                key,
                keywords: keywords(catalog, lang, message)?,
            });
        }
        Ok(Menu::new(lang, out))
    }

    /// The options.
    pub fn options(&self) -> impl Iterator<Item = &MenuOption> {
        self.options.iter().map(|(o, _)| o)
    }

    /// Matches a transcript to the menu.
    pub fn choose(&self, transcript: &str) -> Outcome {
        let heard = transcript_units(self.lang, transcript);
        if let Some(digit) = spoken_key(&heard) {
            if let Some((o, _)) = self.options.iter().find(|(o, _)| o.key == Some(digit)) {
                return Outcome::Chosen {
                    id: o.id.clone(),
                    confidence: 0.9,
                };
            }
        }
        let mut scores: Vec<(f64, &str)> = self
            .options
            .iter()
            .map(|(o, keywords)| {
                let best = keywords
                    .iter()
                    .map(|k| keyword_score(k, &heard))
                    .fold(0.0, f64::max);
                (best, o.id.as_str())
            })
            .collect();
        scores.sort_by(|a, b| b.0.total_cmp(&a.0));
        let Some(&(best, id)) = scores.first() else {
            return Outcome::NotUnderstood { closest: None };
        };
        let runner_up = scores.get(1).map_or(0.0, |s| s.0);
        if best >= self.threshold && best - runner_up >= self.margin {
            Outcome::Chosen {
                id: id.to_owned(),
                confidence: best,
            }
        } else {
            Outcome::NotUnderstood {
                closest: (best > 0.0).then(|| (id.to_owned(), best)),
            }
        }
    }
}

/// The sound units of a keyword written in the menu's language.
fn keyword_units(lang: Language, keyword: &str) -> Vec<String> {
    match lang {
        Language::Mongolian => words(&mongolian::read(keyword)),
        Language::Uyghur => words(&uyghur::to_latin(keyword)),
        Language::Mandarin => transcript_units(lang, keyword),
    }
}

/// The sound units of a transcript: toneless pinyin and Latin words for Mandarin, lower-case
/// words (Mongolian traditional script read into Cyrillic) for the others.
fn transcript_units(lang: Language, text: &str) -> Vec<String> {
    match lang {
        Language::Mandarin => {
            let mut units = Vec::new();
            for token in mandarin::pinyin(text) {
                match token {
                    mandarin::Token::Syllable { pinyin, .. } => {
                        units.push(
                            pinyin
                                .trim_end_matches(|c: char| c.is_ascii_digit())
                                .to_owned(),
                        );
                    }
                    mandarin::Token::Other(other) => units.extend(words(&other)),
                }
            }
            units
        }
        Language::Mongolian if text.chars().any(|c| ('\u{1820}'..='\u{18AA}').contains(&c)) => {
            words(&mongolian::read(text))
        }
        Language::Uyghur if text.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)) => {
            words(&uyghur::to_latin(text))
        }
        _ => words(text),
    }
}

/// Lower-case alphanumeric words; digit runs split from letters (`按1` → `1`).
fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut digits = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        let keep = c.is_alphanumeric() || c == '\'';
        if (!keep || c.is_ascii_digit() != digits) && !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
        if keep {
            digits = c.is_ascii_digit();
            word.push(c);
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// The key a short answer names: a single digit, said or written (`1`, `yi`, `按二` → `an er`).
fn spoken_key(units: &[String]) -> Option<char> {
    const SAID: [(&str, char); 11] = [
        ("ling", '0'),
        ("yi", '1'),
        ("yao", '1'),
        ("er", '2'),
        ("san", '3'),
        ("si", '4'),
        ("wu", '5'),
        ("liu", '6'),
        ("qi", '7'),
        ("ba", '8'),
        ("jiu", '9'),
    ];
    const FILLER: [&str; 6] = ["an", "di", "hao", "ge", "xuan", "wo"];
    let content: Vec<&String> = units
        .iter()
        .filter(|u| !FILLER.contains(&u.as_str()))
        .collect();
    match content.as_slice() {
        [one] if one.len() == 1 && one.chars().all(|c| c.is_ascii_digit()) => one.chars().next(),
        [one] => SAID.iter().find(|(s, _)| s == one).map(|&(_, d)| d),
        _ => None,
    }
}

/// The best mean similarity of `keyword`'s units over the windows of `heard`.
fn keyword_score(keyword: &[String], heard: &[String]) -> f64 {
    if keyword.is_empty() || heard.is_empty() {
        return 0.0;
    }
    let n = keyword.len();
    if heard.len() < n {
        // A shorter answer can still be part of the keyword (养老 for 养老金), at a cost.
        let part = (0..=n - heard.len())
            .map(|start| window(&keyword[start..start + heard.len()], heard))
            .fold(0.0, f64::max);
        return part * heard.len() as f64 / n as f64;
    }
    (0..=heard.len() - n)
        .map(|start| window(keyword, &heard[start..start + n]))
        .fold(0.0, f64::max)
}

fn window(a: &[String], b: &[String]) -> f64 {
    a.iter().zip(b).map(|(x, y)| similarity(x, y)).sum::<f64>() / a.len() as f64
}

/// How alike two units are, 0–1: pinyin syllables by initial and final, words by spelling.
fn similarity(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    match (split_syllable(a), split_syllable(b)) {
        (Some((ia, fa)), Some((ib, fb))) => {
            let initial = if ia == ib {
                1.0
            } else if similar_initials(ia, ib) {
                0.7
            } else {
                0.0
            };
            0.5 * initial + 0.5 * spelling(fa, fb)
        }
        // Mongolian and Uyghur add suffixes to a stem: a word that starts with the other is
        // nearly the same word (ажилтан, ажилтантай).
        _ if a.chars().count().min(b.chars().count()) >= 4
            && (a.starts_with(b) || b.starts_with(a)) =>
        {
            0.9
        }
        _ => spelling(a, b),
    }
}

const INITIALS: [&str; 23] = [
    "zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "r",
    "z", "c", "s", "y", "w",
];

/// A pinyin syllable as (initial, final); `None` for anything that is not one.
fn split_syllable(s: &str) -> Option<(&str, &str)> {
    if s.is_empty() || s.len() > 6 || !s.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    let initial = INITIALS
        .iter()
        .find(|i| s.starts_with(**i))
        .copied()
        .unwrap_or("");
    let fin = &s[initial.len()..];
    (!fin.is_empty() && fin.bytes().any(|b| b"aeiouv".contains(&b))).then_some((initial, fin))
}

fn similar_initials(a: &str, b: &str) -> bool {
    const PAIRS: [(&str, &str); 14] = [
        ("zh", "z"),
        ("ch", "c"),
        ("sh", "s"),
        ("n", "l"),
        ("f", "h"),
        ("r", "l"),
        ("j", "zh"),
        ("q", "ch"),
        ("x", "sh"),
        ("b", "p"),
        ("d", "t"),
        ("g", "k"),
        ("", "y"),
        ("", "w"),
    ];
    PAIRS
        .iter()
        .any(|&(x, y)| (a, b) == (x, y) || (a, b) == (y, x))
}

/// 1 − edit distance / the longer length, over characters.
fn spelling(a: &str, b: &str) -> f64 {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let longest = a.len().max(b.len());
    if longest == 0 {
        return 1.0;
    }
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let here = row[j + 1];
            row[j + 1] = (previous + usize::from(ca != cb))
                .min(row[j] + 1)
                .min(here + 1);
            previous = here;
        }
    }
    1.0 - row[b.len()] as f64 / longest as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn menu() -> Menu {
        let option = |id: &str, key, keywords: &[&str]| MenuOption {
            id: id.into(),
            key: Some(key),
            keywords: keywords.iter().map(|k| k.to_string()).collect(),
        };
        Menu::new(
            Language::Mandarin,
            vec![
                option("pension", '1', &["养老金", "退休金"]),
                option("card", '2', &["社保卡", "社会保障卡"]),
                option("medical", '3', &["医保", "医疗保险", "报销"]),
                option("allowance", '4', &["高龄津贴"]),
                option("agent", '0', &["人工", "人工服务"]),
            ],
        )
    }

    fn chosen(outcome: Outcome) -> Option<String> {
        match outcome {
            Outcome::Chosen { id, .. } => Some(id),
            Outcome::NotUnderstood { .. } => None,
        }
    }

    #[test]
    fn keywords_match_in_sentences_and_across_scripts() {
        let m = menu();
        for (said, want) in [
            ("我想查一下养老金", "pension"),
            ("養老金", "pension"),
            ("yang lao jin", "pension"),
            ("我的社保卡丢了", "card"),
            ("医疗保险报销", "medical"),
            ("转人工", "agent"),
            ("按1", "pension"),
            ("二", "card"),
            ("零", "agent"),
        ] {
            assert_eq!(chosen(m.choose(said)).as_deref(), Some(want), "{said}");
        }
    }

    #[test]
    fn misheard_syllables_still_match() {
        // What Whisper made of tilmach's own synthetic speech (see the README).
        let m = menu();
        assert_eq!(chosen(m.choose("收包卡")).as_deref(), Some("card"));
        assert_eq!(
            chosen(m.choose("李豪,我先插孙雅老金。")).as_deref(),
            Some("pension")
        );
    }

    #[test]
    fn unrelated_or_empty_speech_is_not_understood() {
        let m = menu();
        for said in ["", "今天天气很好", "嗯", "Thank you."] {
            assert_eq!(chosen(m.choose(said)), None, "{said}");
        }
    }

    #[test]
    fn mongolian_keywords_in_the_script_match_cyrillic() {
        let menu = Menu::new(
            Language::Mongolian,
            vec![
                MenuOption {
                    id: "pension".into(),
                    key: Some('1'),
                    keywords: vec![crate::phonetics::mongolian::from_latin("tetgebüri")],
                },
                MenuOption {
                    id: "agent".into(),
                    key: Some('0'),
                    keywords: vec!["ажилтан".into()],
                },
            ],
        );
        let reading = mongolian::read(&crate::phonetics::mongolian::from_latin("tetgebüri"));
        assert_eq!(chosen(menu.choose(&reading)).as_deref(), Some("pension"));
        assert_eq!(chosen(menu.choose("ажилтантай")).as_deref(), Some("agent"));
    }

    #[test]
    fn spelling_similarity() {
        assert_eq!(spelling("abc", "abc"), 1.0);
        assert!((spelling("kitten", "sitting") - (1.0 - 3.0 / 7.0)).abs() < 1e-9);
        assert_eq!(split_syllable("zhang"), Some(("zh", "ang")));
        assert_eq!(split_syllable("er"), Some(("", "er")));
        assert_eq!(split_syllable("12"), None);
    }
}
