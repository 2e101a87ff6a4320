//! Reading running text: tokens, lexicon phrases, words with suffixes, punctuation.
//!
//! [`read`] goes through the text once:
//!
//! 1. Clean it as [`super::normalize`] does, but leniently: private-use code points are
//!    dropped and mixed scripts are allowed (each word is read in its own script).
//! 2. Cut it into Mongolian words (letters, selectors, MVS, joiners, with NNBSP inside
//!    a word joining suffixes), Cyrillic words, other words, white space and
//!    punctuation. The question particle ᠤᠤ/ᠦᠦ, written as a separate word, is read as
//!    one (уу/үү).
//! 3. A word that is one of the bound suffixes that never stand alone (ᠶᠢᠨ ᠤᠨ ᠦᠨ ᠶᠢ
//!    ᠢ ᠳᠤ ᠳᠦ ᠲᠤ ᠲᠦ ᠠᠴᠠ ᠡᠴᠡ ᠢᠶᠠᠷ ᠢᠶᠡᠷ ᠲᠠᠢ ᠲᠡᠢ) after a space is joined to the word
//!    before it, as if written with NNBSP (legacy-converted text often has a space).
//! 4. The longest run of words found in the lexicon is read from it (phrases first).
//! 5. Otherwise a word is read from the lexicon as a whole, or as a stem (lexicon or
//!    [`super::rules`]) plus its suffixes ([`super::suffix`]).
//! 6. Cyrillic words are cleaned and lowercased ([`super::cyrillic`]); other words and
//!    digits pass through; Mongolian digits become ASCII digits.
//! 7. Punctuation: ᠂ → `,`, ᠃ → `.`, ᠄ → `:`, ᠁ → `…`, ᠅ → `.`, ᠈ → `,`, ᠉ → `.`,
//!    ᠆ → `-`; birga ᠀ and ᠇ are dropped. White space becomes single spaces, none
//!    before , . : ; ! ? …, one after them.

use super::cyrillic::{clean_word, is_cyrillic_word};
use super::error::MongolianError;
use super::letters::{digit_value, is_letter, is_word_char, latin_of, NNBSP};
use super::lexicon;
use super::normalize::{clean, normalize};
use super::rules::{group_of, read_word, Reading};
use super::suffix::attach;

/// Bound suffixes that are never words by themselves (rule 3), as Latin.
const COMMA: char = '\u{1802}';
const FULL_STOP: char = '\u{1803}';

const DETACHED_SUFFIXES: &[&str] = &[
    "yin", "un", "ün", "yi", "i", "du", "dü", "tu", "tü", "ača", "eče", "iyar", "iyer", "tai",
    "tei",
];

#[derive(Clone, Debug, PartialEq, Eq)]
enum Token {
    /// A Mongolian word, as its lexicon key (selectors removed).
    Mong(String),
    /// A word in another script, already in its output form.
    Word(String),
    Space,
    /// Punctuation that attaches to the word before it.
    Punct(&'static str),
    /// Anything else, passed through.
    Other(String),
}

/// Reads traditional (or Cyrillic) Mongolian text aloud as Mongolian Cyrillic.
///
/// Never fails: what cannot be read is dropped (private-use code points) or passed
/// through. Use [`try_read`] to reject legacy encodings and mixed scripts instead.
pub fn read(text: &str) -> String {
    read_clean(&clean(text, false).unwrap_or_default())
}

/// Like [`read`], but first checks the text strictly with [`normalize`].
///
/// # Errors
///
/// Those of [`normalize`]: a legacy (private-use) encoding or mixed scripts.
pub fn try_read(text: &str) -> Result<String, MongolianError> {
    Ok(read_clean(&normalize(text)?))
}

fn read_clean(text: &str) -> String {
    let tokens = join_detached_suffixes(tokenize(text));
    let mut out = Output::default();
    let mut k = 0;
    while k < tokens.len() {
        match &tokens[k] {
            Token::Mong(_) => {
                let (reading, next) = read_words(&tokens, k);
                out.word(&reading);
                k = next;
                continue;
            }
            Token::Word(w) | Token::Other(w) => out.word(w),
            Token::Space => out.space(),
            Token::Punct(p) => out.punct(p),
        }
        k += 1;
    }
    out.finish()
}

fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if is_word_char(c) {
            let start = i;
            while i < chars.len()
                && (is_word_char(chars[i])
                    || (chars[i] == NNBSP && chars.get(i + 1).is_some_and(|&n| is_letter(n))))
            {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            let key = lexicon::key(&word);
            if !key.is_empty() {
                tokens.push(Token::Mong(key));
            }
            continue;
        }
        if c.is_alphabetic() {
            let start = i;
            while i < chars.len() && chars[i].is_alphabetic() && !is_word_char(chars[i]) {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            tokens.push(Token::Word(if is_cyrillic_word(&word) {
                clean_word(&word)
            } else {
                word
            }));
            continue;
        }
        i += 1;
        if c.is_whitespace() {
            tokens.push(Token::Space);
        } else if let Some(d) = digit_value(c) {
            tokens.push(Token::Other(d.to_string()));
        } else {
            match c {
                COMMA | '\u{1808}' => tokens.push(Token::Punct(",")),
                FULL_STOP | '\u{1805}' | '\u{1809}' => tokens.push(Token::Punct(".")),
                '\u{1804}' => tokens.push(Token::Punct(":")),
                '\u{1801}' => tokens.push(Token::Punct("…")),
                ',' | '.' | ':' | ';' | '!' | '?' | '…' => tokens.push(Token::Punct(match c {
                    ',' => ",",
                    '.' => ".",
                    ':' => ":",
                    ';' => ";",
                    '!' => "!",
                    '?' => "?",
                    _ => "…",
                })),
                '\u{1806}' => tokens.push(Token::Other("-".into())),
                '\u{1800}' | '\u{1807}' => {}
                _ => tokens.push(Token::Other(c.to_string())),
            }
        }
    }
    tokens
}

fn latin(word: &str) -> Vec<char> {
    word.chars().filter_map(latin_of).collect()
}

/// Rule 3: `word ␣ suffix` → `word NNBSP suffix`.
fn join_detached_suffixes(tokens: Vec<Token>) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::with_capacity(tokens.len());
    for t in tokens {
        if let Token::Mong(w) = &t {
            let lat: String = latin(w).into_iter().collect();
            let n = out.len();
            if DETACHED_SUFFIXES.contains(&lat.as_str())
                && n >= 2
                && out[n - 1] == Token::Space
                && matches!(out[n - 2], Token::Mong(_))
            {
                out.pop();
                if let Some(Token::Mong(prev)) = out.last_mut() {
                    prev.push(NNBSP);
                    prev.push_str(w);
                }
                continue;
            }
        }
        out.push(t);
    }
    out
}

/// Rules 4–5 at token `k` (a Mongolian word): the reading and the next token index.
fn read_words(tokens: &[Token], k: usize) -> (String, usize) {
    // Words k, k+2, k+4, … separated by single spaces.
    let mut run: Vec<&str> = Vec::new();
    let mut j = k;
    while run.len() < lexicon::max_words() {
        let Some(Token::Mong(w)) = tokens.get(j) else {
            break;
        };
        run.push(w);
        if tokens.get(j + 1) != Some(&Token::Space) {
            break;
        }
        j += 2;
    }
    for n in (2..=run.len()).rev() {
        if let Some(reading) = lexicon::lookup(&run[..n].join(" ")) {
            return (reading.to_string(), k + 2 * n - 1);
        }
    }
    (read_word_with_suffixes(run[0]), k + 1)
}

/// Rule 5: one word, possibly with suffixes after NNBSP.
fn read_word_with_suffixes(word: &str) -> String {
    read_word_from(word, true)
}

/// One word by the rules and suffixes alone, without the lexicon (to measure the rules).
#[cfg(test)]
pub(crate) fn read_word_by_rules(word: &str) -> String {
    read_word_from(&lexicon::key(word), false)
}

fn read_word_from(word: &str, use_lexicon: bool) -> String {
    let lookup = |k: &str| {
        if use_lexicon {
            lexicon::lookup(k)
        } else {
            None
        }
    };
    if let Some(r) = lookup(word) {
        return r.to_string();
    }
    let mut parts = word.split(NNBSP);
    let stem = parts.next().unwrap_or_default();
    let stem_latin = latin(stem);
    let mut reading = match lookup(stem) {
        Some(r) => Reading {
            text: r.to_string(),
            group: group_of(&stem_latin),
            fleeting_n: stem_latin.last() == Some(&'n') && !r.ends_with('н'),
        },
        None => read_word(&stem_latin),
    };
    for suffix in parts {
        let s = latin(suffix);
        if !s.is_empty() {
            attach(&mut reading, &s);
        }
    }
    reading.text
}

/// Joins words, spaces and punctuation (rule 7).
#[derive(Default)]
struct Output {
    text: String,
    space_pending: bool,
}

impl Output {
    fn word(&mut self, w: &str) {
        if w.is_empty() {
            return;
        }
        if self.space_pending && !self.text.is_empty() {
            self.text.push(' ');
        }
        self.space_pending = false;
        self.text.push_str(w);
    }

    fn space(&mut self) {
        self.space_pending = true;
    }

    fn punct(&mut self, p: &str) {
        self.text.push_str(p);
        self.space_pending = true;
    }

    fn finish(self) -> String {
        self.text.trim().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_and_spaces() {
        assert_eq!(read("ᠬᠠᠷ᠎ᠠ ᠃"), "хар.");
        assert_eq!(read("ᠬᠠᠷ᠎ᠠ᠂ᠬᠠᠷ᠎ᠠ"), "хар, хар");
        assert_eq!(read("  ᠬᠠᠷ᠎ᠠ \n\t ᠬᠠᠷ᠎ᠠ  "), "хар хар");
        assert_eq!(read("\u{1800}ᠬᠠᠷ᠎ᠠ"), "хар");
        assert_eq!(read("᠑᠒"), "12");
    }

    #[test]
    fn detached_suffix_joins() {
        assert_eq!(read("ᠭᠡᠷ ᠲᠦ"), read("ᠭᠡᠷ\u{202F}ᠲᠦ"));
        assert_eq!(read("ᠭᠡᠷ ᠲᠦ"), "гэрт");
    }

    #[test]
    fn strict_and_lenient() {
        assert!(try_read("\u{E234}").is_err());
        assert_eq!(read("\u{E234}ᠬᠠᠷ᠎ᠠ"), "хар");
        assert!(try_read("ᠬᠠᠷ᠎ᠠ хар").is_err());
        assert_eq!(read("ᠬᠠᠷ᠎ᠠ Хар"), "хар хар");
    }
}
