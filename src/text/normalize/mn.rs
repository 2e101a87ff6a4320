//! Mongolian (mn-Mong-CN): numbers in the traditional script, encoded per Unicode Technical
//! Note #57 (MVS U+180E before a final detached ᠠ, NNBSP U+202F before case suffixes).
//!
//! Choices:
//! - **Plain and attributive forms.** Every word of a compound numeral but the last takes the
//!   attributive (-n) form (ᠭᠤᠷᠪᠠᠨ ᠵᠠᠭᠤ 300, ᠮᠢᠩᠭᠠᠨ ᠲᠠᠪᠤᠨ ᠵᠠᠭᠤ 1500). The last word is
//!   attributive when a Mongolian word or an NNBSP suffix follows (ᠨᠠᠶᠠᠨ ᠨᠠᠰᠤ "80 years old",
//!   ᠲᠠᠪᠤᠨ ᠤ), plain otherwise (ᠲᠠᠪᠤ).
//! - **Large numbers** count in myriads, as Inner Mongolia does alongside Chinese: ᠲᠦᠮᠡ(ᠨ) 10^4,
//!   ᠳᠡᠩᠰᠡ 10^8 (12000 ᠨᠢᠭᠡᠨ ᠲᠦᠮᠡᠨ ᠬᠣᠶᠠᠷ ᠮᠢᠩᠭ᠎ᠠ). 100 and 1000 are said without ᠨᠢᠭᠡᠨ;
//!   10^4 and 10^8 with it.
//! - **Ordinals**: digits followed by ᠳᠤᠭᠠᠷ/ᠳᠦᠭᠡᠷ (with a space, NNBSP or hyphen) become one
//!   word, the suffix chosen by the vowel harmony of the last numeral: ᠭᠤᠷᠪᠠᠳᠤᠭᠠᠷ,
//!   ᠨᠢᠭᠡᠳᠦᠭᠡᠷ, ᠬᠣᠶᠠᠳᠤᠭᠠᠷ (the classical stem without ᠷ).
//! - **Dates** (all-numeric): ᠣᠨ ᠤ year, ᠰᠠᠷ᠎ᠠ ᠶᠢᠨ month (cardinal month number, as in
//!   Inner Mongolia), the day with the genitive and ᠡᠳᠦᠷ: `2021-01-15` → "… ᠣᠨ ᠤ ᠨᠢᠭᠡᠨ ᠰᠠᠷ᠎ᠠ
//!   ᠶᠢᠨ ᠠᠷᠪᠠᠨ ᠲᠠᠪᠤᠨ ᠤ ᠡᠳᠦᠷ".
//! - **Clock times**: hour ᠴᠠᠭ, minutes ᠮᠢᠨᠦᠲ: 9:30 ᠶᠢᠰᠦᠨ ᠴᠠᠭ ᠭᠤᠴᠢᠨ ᠮᠢᠨᠦᠲ.
//! - **Ranges**: ablative (ᠠᠴᠠ/ᠡᠴᠡ after NNBSP) on the first end, ᠬᠦᠷᠲᠡᠯᠡ "until" after the second;
//!   when a noun follows a number range it carries the meaning and ᠬᠦᠷᠲᠡᠯᠡ is left out
//!   (`3-5 ᠡᠳᠦᠷ` ᠭᠤᠷᠪᠠᠨ ᠠᠴᠠ ᠲᠠᠪᠤᠨ ᠡᠳᠦᠷ).
//! - **Decimals**: ᠭᠤᠷᠪᠠ ᠪᠦᠬᠦᠯ ᠠᠷᠪᠠᠨ ᠤ ᠲᠠᠪᠤ "three whole, five of ten"; **fractions**:
//!   ᠭᠤᠷᠪᠠᠨ ᠤ ᠨᠢᠭᠡ "one of three"; **percent**: ᠬᠤᠪᠢ after the number; **money**: ᠶᠤᠸᠠᠨ after
//!   the number, decimals said as decimals (no ᠵᠢᠤᠣ/ᠹᠧᠨ words, see doubts); **negative**: ᠬᠠᠰᠠᠬᠤ.
//! - **Digit by digit**: plain digit words, groups separated by `᠂` (U+1802).
//!
//! Doubts (to check with a native reader): ᠲᠡᠭ for zero; ᠳᠡᠩᠰᠡ for 10^8; the plain form ᠲᠦᠮᠡ
//! (the brief's; written Mongolian often keeps ᠲᠦᠮᠡᠨ); ᠨᠠᠢ᠌ᠮᠠ with FVS2 on the ᠢ (as given in
//! the brief; other texts encode ᠨᠠᠶᠢᠮᠠ); ᠮᠢᠨᠦᠲ and ᠰᠧᠺᠦᠨᠳ written without FVS; ᠬᠠᠰᠠᠬᠤ for
//! "minus"; ᠬᠣᠶᠠᠳᠤᠭᠠᠷ versus modern ᠬᠣᠶᠠᠷᠳᠤᠭᠠᠷ; ordinals written attached rather than after
//! NNBSP; the words for jiao and fen (so amounts with decimals are said as decimals of ᠶᠤᠸᠠᠨ).

use super::{is_mongolian_letter, small_value, starts_with, Context, DigitKind, Expr, Num, Spoken};

/// NARROW NO-BREAK SPACE, written before a detached case suffix.
const NNBSP: char = '\u{202F}';
/// The pause between digit groups (MONGOLIAN COMMA).
const PAUSE: char = '᠂';

/// One numeral word in its forms.
#[derive(Debug, Clone, Copy)]
struct Word {
    /// Said alone or at the end: ᠲᠠᠪᠤ.
    plain: &'static str,
    /// Before a noun, a suffix, or another numeral: ᠲᠠᠪᠤᠨ.
    attr: &'static str,
    /// The stem the ordinal suffix attaches to: ᠲᠠᠪᠤ.
    ord: &'static str,
    /// Masculine (back-vowel) word: takes ᠳᠤᠭᠠᠷ, ᠠᠴᠠ; otherwise ᠳᠦᠭᠡᠷ, ᠡᠴᠡ.
    masc: bool,
}

/// Shorthand for the tables.
const fn w(plain: &'static str, attr: &'static str, ord: &'static str, masc: bool) -> Word {
    Word {
        plain,
        attr,
        ord,
        masc,
    }
}

/// 0–9. (tegü/teg "zero", Khalkha тэг.)
const ONES: [Word; 10] = [
    w("ᠲᠡᠭ", "ᠲᠡᠭ", "ᠲᠡᠭ", false),
    w("ᠨᠢᠭᠡ", "ᠨᠢᠭᠡᠨ", "ᠨᠢᠭᠡ", false),
    w("ᠬᠣᠶᠠᠷ", "ᠬᠣᠶᠠᠷ", "ᠬᠣᠶᠠ", true),
    w("ᠭᠤᠷᠪᠠ", "ᠭᠤᠷᠪᠠᠨ", "ᠭᠤᠷᠪᠠ", true),
    w("ᠳᠥᠷᠪᠡ", "ᠳᠥᠷᠪᠡᠨ", "ᠳᠥᠷᠪᠡ", false),
    w("ᠲᠠᠪᠤ", "ᠲᠠᠪᠤᠨ", "ᠲᠠᠪᠤ", true),
    w("ᠵᠢᠷᠭᠤᠭ᠎ᠠ", "ᠵᠢᠷᠭᠤᠭᠠᠨ", "ᠵᠢᠷᠭᠤ", true),
    w("ᠳᠣᠯᠣᠭ᠎ᠠ", "ᠳᠣᠯᠣᠭᠠᠨ", "ᠳᠣᠯᠣ", true),
    w("ᠨᠠᠢ᠌ᠮᠠ", "ᠨᠠᠢ᠌ᠮᠠᠨ", "ᠨᠠᠢ᠌ᠮᠠ", true),
    w("ᠶᠢᠰᠦ", "ᠶᠢᠰᠦᠨ", "ᠶᠢᠰᠦ", false),
];

/// 10, 20, … 90 (index 0 unused).
const TENS: [Word; 10] = [
    w("", "", "", false),
    w("ᠠᠷᠪᠠ", "ᠠᠷᠪᠠᠨ", "ᠠᠷᠪᠠ", true),
    w("ᠬᠣᠷᠢ", "ᠬᠣᠷᠢᠨ", "ᠬᠣᠷᠢ", true),
    w("ᠭᠤᠴᠢ", "ᠭᠤᠴᠢᠨ", "ᠭᠤᠴᠢ", true),
    w("ᠳᠥᠴᠢ", "ᠳᠥᠴᠢᠨ", "ᠳᠥᠴᠢ", false),
    w("ᠲᠠᠪᠢ", "ᠲᠠᠪᠢᠨ", "ᠲᠠᠪᠢ", true),
    w("ᠵᠢᠷᠠ", "ᠵᠢᠷᠠᠨ", "ᠵᠢᠷᠠ", true),
    w("ᠳᠠᠯᠠ", "ᠳᠠᠯᠠᠨ", "ᠳᠠᠯᠠ", true),
    w("ᠨᠠᠶᠠ", "ᠨᠠᠶᠠᠨ", "ᠨᠠᠶᠠ", true),
    w("ᠶᠡᠷᠢ", "ᠶᠡᠷᠢᠨ", "ᠶᠡᠷᠢ", false),
];

const HUNDRED: Word = w("ᠵᠠᠭᠤ", "ᠵᠠᠭᠤᠨ", "ᠵᠠᠭᠤ", true);
const THOUSAND: Word = w("ᠮᠢᠩᠭ᠎ᠠ", "ᠮᠢᠩᠭᠠᠨ", "ᠮᠢᠩᠭᠠ", true);
const MYRIAD: Word = w("ᠲᠦᠮᠡ", "ᠲᠦᠮᠡᠨ", "ᠲᠦᠮᠡ", false);
const HUNDRED_MILLION: Word = w("ᠳᠡᠩᠰᠡ", "ᠳᠡᠩᠰᠡ", "ᠳᠡᠩᠰᠡ", false);

const WHOLE: &str = "ᠪᠦᠬᠦᠯ";
const MINUS: &str = "ᠬᠠᠰᠠᠬᠤ";
const PERCENT: &str = "ᠬᠤᠪᠢ";
const YUAN: &str = "ᠶᠤᠸᠠᠨ";
const HOUR: &str = "ᠴᠠᠭ";
const MINUTE: &str = "ᠮᠢᠨᠦᠲ";
const SECOND: &str = "ᠰᠧᠺᠦᠨᠳ";
const UNTIL: &str = "ᠬᠦᠷᠲᠡᠯᠡ";
const ORDINAL_MASC: &str = "ᠳᠤᠭᠠᠷ";
const ORDINAL_FEM: &str = "ᠳᠦᠭᠡᠷ";

/// Words after which a number counts something (not a phone number); matched as prefixes.
const UNIT_WORDS: [&str; 17] = [
    "ᠶᠤᠸᠠᠨ",
    "ᠨᠠᠰᠤ",
    "ᠬᠦᠮᠦᠨ",
    "ᠡᠳᠦᠷ",
    "ᠰᠠᠷ᠎ᠠ",
    "ᠣᠨ",
    "ᠴᠠᠭ",
    "ᠮᠢᠨᠦᠲ",
    "ᠬᠤᠪᠢ",
    "ᠲᠦᠮᠡᠨ",
    "ᠮᠢᠩᠭ᠎ᠠ",
    "ᠬᠣᠨᠣᠭ",
    "ᠤᠳᠠ",
    "ᠳᠤᠭᠠᠷ",
    "ᠳᠦᠭᠡᠷ",
    "ᠭᠡᠷ",
    "ᠠᠢᠯ",
];

/// Whether the number between `before` and `after` counts something (see
/// [`QuantityRule`](super::QuantityRule)).
pub(super) fn quantity_follows(_before: &[char], after: &[char]) -> bool {
    if after.first() == Some(&'%') {
        return true;
    }
    let rest = &after[skip_gap(after, 0).min(after.len())..];
    UNIT_WORDS.iter().any(|w| starts_with(rest, w))
}

/// Index of the first character at or after `i` that is neither a space nor an NNBSP.
fn skip_gap(s: &[char], i: usize) -> usize {
    let mut j = i;
    while s.get(j).is_some_and(|&c| c == ' ' || c == NNBSP) {
        j += 1;
    }
    j
}

/// The form the last numeral word takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    /// Said alone.
    Plain,
    /// Before a noun or suffix.
    Attributive,
    /// With the ordinal suffix.
    Ordinal,
}

/// A whole number up to 10^12 as numeral words.
fn cardinal(n: u64) -> Vec<Word> {
    if n == 0 {
        return vec![ONES[0]];
    }
    let high = n / 100_000_000;
    let mid = (n / 10_000) % 10_000;
    let low = n % 10_000;
    let mut words = Vec::new();
    if high > 0 {
        words.extend(cardinal(high));
        words.push(HUNDRED_MILLION);
    }
    if mid > 0 {
        words.extend(below_myriad(mid));
        words.push(MYRIAD);
    }
    words.extend(below_myriad(low));
    words
}

/// 1–9999 (nothing for 0); 100 and 1000 without ᠨᠢᠭᠡᠨ.
fn below_myriad(n: u64) -> Vec<Word> {
    let digit = |k: u32| (n / 10u64.pow(k) % 10) as usize;
    let mut words = Vec::new();
    for (k, unit) in [(3, THOUSAND), (2, HUNDRED)] {
        let d = digit(k);
        if d > 1 {
            words.push(ONES[d]);
        }
        if d > 0 {
            words.push(unit);
        }
    }
    if digit(1) > 0 {
        words.push(TENS[digit(1)]);
    }
    if digit(0) > 0 {
        words.push(ONES[digit(0)]);
    }
    words
}

/// Writes numeral words: all but the last attributive, the last in `last`.
fn spell(words: &[Word], last: Form) -> Vec<String> {
    let n = words.len();
    words
        .iter()
        .enumerate()
        .map(|(k, word)| match (k + 1 == n, last) {
            (true, Form::Plain) => word.plain.to_owned(),
            (true, Form::Ordinal) => {
                let suffix = if word.masc { ORDINAL_MASC } else { ORDINAL_FEM };
                format!("{}{suffix}", word.ord)
            }
            _ => word.attr.to_owned(),
        })
        .collect()
}

/// Digit words, one per digit (plain forms); `X` stays.
fn digit_words(digits: &str) -> Vec<String> {
    digits
        .chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => ONES[d as usize].plain.to_owned(),
            None => c.to_string(),
        })
        .collect()
}

/// Whether a written word is masculine: it has one of ᠠ ᠣ ᠤ.
fn is_masculine(word: &str) -> bool {
    word.chars().any(|c| matches!(c, 'ᠠ' | 'ᠣ' | 'ᠤ'))
}

/// The genitive suffix (with its NNBSP) for a written word: ᠤ/ᠦ after ᠨ, ᠶᠢᠨ after a vowel,
/// ᠤᠨ/ᠦᠨ after another consonant.
fn genitive(word: &str) -> String {
    let masc = is_masculine(word);
    let last = word
        .chars()
        .rev()
        .find(|c| !matches!(c, '\u{180B}'..='\u{180F}'));
    let suffix = match last {
        Some('ᠨ') => {
            if masc {
                "ᠤ"
            } else {
                "ᠦ"
            }
        }
        Some('ᠠ' | 'ᠡ' | 'ᠢ' | 'ᠣ' | 'ᠤ' | 'ᠥ' | 'ᠦ' | 'ᠧ') => "ᠶᠢᠨ",
        _ => {
            if masc {
                "ᠤᠨ"
            } else {
                "ᠦᠨ"
            }
        }
    };
    format!("{NNBSP}{suffix}")
}

/// The ablative suffix (with its NNBSP) for a written word.
fn ablative(word: &str) -> String {
    let suffix = if is_masculine(word) {
        "ᠠᠴᠠ"
    } else {
        "ᠡᠴᠡ"
    };
    format!("{NNBSP}{suffix}")
}

/// A number: sign, integer part, decimals as "whole, N of ten/hundred…"; the last word in
/// `last`.
fn number(n: &Num, last: Form) -> Vec<String> {
    let mut out = Vec::new();
    if n.negative {
        out.push(MINUS.to_owned());
    }
    let int_form = if n.frac.is_empty() { last } else { Form::Plain };
    match n.int_value() {
        Some(v) => out.extend(spell(&cardinal(v), int_form)),
        None => out.extend(digit_words(&n.int)),
    }
    if n.frac.is_empty() {
        return out;
    }
    out.push(WHOLE.to_owned());
    let denominator = match n.frac.len() {
        1 => Some(TENS[1]),
        2 => Some(HUNDRED),
        3 => Some(THOUSAND),
        4 => Some(MYRIAD),
        _ => None,
    };
    match (denominator, small_value(&n.frac)) {
        (Some(den), Some(v)) => {
            out.push(format!("{}{}", den.attr, genitive(den.attr)));
            out.extend(spell(&cardinal(v), last));
        }
        _ => out.extend(digit_words(&n.frac)),
    }
    out
}

/// The form the context calls for, and how many characters of `after` an ordinal suffix takes.
fn form_for(after: &[char]) -> (Form, usize) {
    let j = skip_gap(after, 0);
    let k = if after.get(j) == Some(&'-') { j + 1 } else { j };
    let rest = after.get(k..).unwrap_or(&[]);
    for suffix in [ORDINAL_MASC, ORDINAL_FEM] {
        if starts_with(rest, suffix) {
            return (Form::Ordinal, k + suffix.chars().count());
        }
    }
    if after.get(j).is_some_and(|&c| is_mongolian_letter(c)) {
        (Form::Attributive, 0)
    } else {
        (Form::Plain, 0)
    }
}

/// A clock time: hour ᠴᠠᠭ, minute ᠮᠢᠨᠦᠲ, second ᠰᠧᠺᠦᠨᠳ.
fn time(hour: u64, minute: u64, second: Option<u64>) -> Vec<String> {
    let mut out = spell(&cardinal(hour), Form::Attributive);
    out.push(HOUR.to_owned());
    let second = second.filter(|&s| s > 0);
    if minute > 0 || second.is_some() {
        out.extend(spell(&cardinal(minute), Form::Attributive));
        out.push(MINUTE.to_owned());
    }
    if let Some(s) = second {
        out.extend(spell(&cardinal(s), Form::Attributive));
        out.push(SECOND.to_owned());
    }
    out
}

/// A date: year ᠣᠨ ᠤ, month ᠰᠠᠷ᠎ᠠ ᠶᠢᠨ, day with the genitive and ᠡᠳᠦᠷ.
fn date(year: &str, month: u64, day: u64) -> Vec<String> {
    let mut out = match small_value(year) {
        Some(v) => spell(&cardinal(v), Form::Attributive),
        None => digit_words(year),
    };
    out.push(format!("ᠣᠨ{NNBSP}ᠤ"));
    out.extend(spell(&cardinal(month), Form::Attributive));
    out.push(format!("ᠰᠠᠷ᠎ᠠ{NNBSP}ᠶᠢᠨ"));
    let mut d = spell(&cardinal(day), Form::Attributive);
    if let Some(last) = d.last_mut() {
        let gen = genitive(last);
        last.push_str(&gen);
    }
    out.extend(d);
    out.push("ᠡᠳᠦᠷ".to_owned());
    out
}

/// Digit groups with a pause after each group but the last (only a space between the parts of
/// a code).
fn digit_groups(kind: DigitKind, groups: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (k, group) in groups.iter().enumerate() {
        if k > 0 && kind != DigitKind::Code {
            if let Some(last) = out.last_mut() {
                last.push(PAUSE);
            }
        }
        out.extend(digit_words(group));
    }
    out
}

/// Says one expression.
pub(super) fn render(expr: &Expr, ctx: &Context<'_>) -> Spoken {
    let (form, ordinal_len) = form_for(ctx.after);
    let context_form = if form == Form::Ordinal {
        Form::Plain
    } else {
        form
    };
    let mut consumed = 0;
    let words = match expr {
        Expr::Number(n) => {
            let whole = n.is_whole() && n.int_value().is_some();
            if form == Form::Ordinal && whole {
                consumed = ordinal_len;
                number(n, Form::Ordinal)
            } else {
                number(n, context_form)
            }
        }
        Expr::Percent(n) => with_word(number(n, Form::Attributive), PERCENT),
        Expr::Money(n) => with_word(number(n, Form::Attributive), YUAN),
        Expr::Fraction { num, den } => {
            let mut out = spell(&cardinal(*den), Form::Attributive);
            if let Some(last) = out.last_mut() {
                let gen = genitive(last);
                last.push_str(&gen);
            }
            out.extend(spell(&cardinal(*num), context_form));
            out
        }
        Expr::Date { year, month, day } => date(year, *month, *day),
        Expr::Time {
            hour,
            minute,
            second,
        } => time(*hour, *minute, *second),
        Expr::Digits { kind, groups } => digit_groups(*kind, groups),
        Expr::Range(a, b) => range(a, b, ctx.after),
    };
    let mut text = words.join(" ");
    if ctx.before.last().is_some_and(char::is_ascii_alphanumeric) {
        text.insert(0, ' ');
    }
    let next = ctx.after.get(consumed).copied();
    if next.is_some_and(|c| is_mongolian_letter(c) || c.is_ascii_alphabetic() || super::is_han(c)) {
        text.push(if next.is_some_and(is_mongolian_letter) {
            NNBSP
        } else {
            ' '
        });
    }
    Spoken { text, consumed }
}

/// `words` followed by `word`.
fn with_word(mut words: Vec<String>, word: &str) -> Vec<String> {
    words.push(word.to_owned());
    words
}

/// A range: the first end with the ablative, the second followed by ᠬᠦᠷᠲᠡᠯᠡ unless a noun
/// follows a number range.
fn range(a: &Expr, b: &Expr, after: &[char]) -> Vec<String> {
    let noun_follows = after
        .get(skip_gap(after, 0))
        .is_some_and(|&c| is_mongolian_letter(c));
    let until_written = starts_with(&after[skip_gap(after, 0).min(after.len())..], UNTIL);
    let left_as_percent = matches!((a, b), (Expr::Number(_), Expr::Percent(_)));
    let mut out = match a {
        Expr::Number(n) if left_as_percent => with_word(number(n, Form::Attributive), PERCENT),
        _ => end_words(a, Form::Attributive),
    };
    if let Some(last) = out.last_mut() {
        let abl = ablative(last);
        last.push_str(&abl);
    }
    let is_amount = matches!(b, Expr::Number(_) | Expr::Percent(_) | Expr::Money(_));
    if is_amount && noun_follows {
        out.extend(end_words(b, Form::Attributive));
    } else {
        out.extend(end_words(b, Form::Plain));
        if !until_written {
            out.push(UNTIL.to_owned());
        }
    }
    out
}

/// The words of one end of a range; a bare number's last word in `last`.
fn end_words(e: &Expr, last: Form) -> Vec<String> {
    match e {
        Expr::Number(n) => number(n, last),
        Expr::Percent(n) => with_word(number(n, Form::Attributive), PERCENT),
        Expr::Money(n) => with_word(number(n, Form::Attributive), YUAN),
        Expr::Time {
            hour,
            minute,
            second,
        } => time(*hour, *minute, *second),
        Expr::Date { year, month, day } => date(year, *month, *day),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::normalize;
    use super::*;
    use crate::lang::Language;

    #[test]
    fn cardinals() {
        let table = [
            (0, "ᠲᠡᠭ"),
            (1, "ᠨᠢᠭᠡ"),
            (2, "ᠬᠣᠶᠠᠷ"),
            (6, "ᠵᠢᠷᠭᠤᠭ᠎ᠠ"),
            (8, "ᠨᠠᠢ᠌ᠮᠠ"),
            (10, "ᠠᠷᠪᠠ"),
            (15, "ᠠᠷᠪᠠᠨ ᠲᠠᠪᠤ"),
            (21, "ᠬᠣᠷᠢᠨ ᠨᠢᠭᠡ"),
            (100, "ᠵᠠᠭᠤ"),
            (150, "ᠵᠠᠭᠤᠨ ᠲᠠᠪᠢ"),
            (300, "ᠭᠤᠷᠪᠠᠨ ᠵᠠᠭᠤ"),
            (1000, "ᠮᠢᠩᠭ᠎ᠠ"),
            (1500, "ᠮᠢᠩᠭᠠᠨ ᠲᠠᠪᠤᠨ ᠵᠠᠭᠤ"),
            (2021, "ᠬᠣᠶᠠᠷ ᠮᠢᠩᠭᠠᠨ ᠬᠣᠷᠢᠨ ᠨᠢᠭᠡ"),
            (10_000, "ᠨᠢᠭᠡᠨ ᠲᠦᠮᠡ"),
            (12_000, "ᠨᠢᠭᠡᠨ ᠲᠦᠮᠡᠨ ᠬᠣᠶᠠᠷ ᠮᠢᠩᠭ᠎ᠠ"),
            (100_000_000, "ᠨᠢᠭᠡᠨ ᠳᠡᠩᠰᠡ"),
            (1_000_000_000_000, "ᠨᠢᠭᠡᠨ ᠲᠦᠮᠡᠨ ᠳᠡᠩᠰᠡ"),
        ];
        for (n, expected) in table {
            assert_eq!(spell(&cardinal(n), Form::Plain).join(" "), expected, "{n}");
        }
    }

    #[test]
    fn ordinals() {
        let table = [
            (1, "ᠨᠢᠭᠡᠳᠦᠭᠡᠷ"),
            (2, "ᠬᠣᠶᠠᠳᠤᠭᠠᠷ"),
            (3, "ᠭᠤᠷᠪᠠᠳᠤᠭᠠᠷ"),
            (4, "ᠳᠥᠷᠪᠡᠳᠦᠭᠡᠷ"),
            (6, "ᠵᠢᠷᠭᠤᠳᠤᠭᠠᠷ"),
            (9, "ᠶᠢᠰᠦᠳᠦᠭᠡᠷ"),
            (10, "ᠠᠷᠪᠠᠳᠤᠭᠠᠷ"),
            (12, "ᠠᠷᠪᠠᠨ ᠬᠣᠶᠠᠳᠤᠭᠠᠷ"),
            (40, "ᠳᠥᠴᠢᠳᠦᠭᠡᠷ"),
        ];
        for (n, expected) in table {
            assert_eq!(
                spell(&cardinal(n), Form::Ordinal).join(" "),
                expected,
                "{n}"
            );
        }
    }

    /// Sentences as service guides write them, and what a clerk says. `_` stands for NNBSP.
    #[test]
    fn service_guide_sentences() {
        let table = [
            // ages, counts, money (attributive before nouns)
            ("80 ᠨᠠᠰᠤ", "ᠨᠠᠶᠠᠨ ᠨᠠᠰᠤ"),
            ("60 ᠨᠠᠰᠤ ᠡᠴᠡ ᠳᠡᠭᠡᠭᠰᠢ", "ᠵᠢᠷᠠᠨ ᠨᠠᠰᠤ ᠡᠴᠡ ᠳᠡᠭᠡᠭᠰᠢ"),
            ("3 ᠡᠳᠦᠷ", "ᠭᠤᠷᠪᠠᠨ ᠡᠳᠦᠷ"),
            ("15 ᠡᠳᠦᠷ", "ᠠᠷᠪᠠᠨ ᠲᠠᠪᠤᠨ ᠡᠳᠦᠷ"),
            ("2 ᠬᠦᠮᠦᠨ", "ᠬᠣᠶᠠᠷ ᠬᠦᠮᠦᠨ"),
            ("20 ᠶᠤᠸᠠᠨ", "ᠬᠣᠷᠢᠨ ᠶᠤᠸᠠᠨ"),
            ("1200 ᠶᠤᠸᠠᠨ", "ᠮᠢᠩᠭᠠᠨ ᠬᠣᠶᠠᠷ ᠵᠠᠭᠤᠨ ᠶᠤᠸᠠᠨ"),
            ("1,200 ᠶᠤᠸᠠᠨ", "ᠮᠢᠩᠭᠠᠨ ᠬᠣᠶᠠᠷ ᠵᠠᠭᠤᠨ ᠶᠤᠸᠠᠨ"),
            ("¥20", "ᠬᠣᠷᠢᠨ ᠶᠤᠸᠠᠨ"),
            ("￥1,200", "ᠮᠢᠩᠭᠠᠨ ᠬᠣᠶᠠᠷ ᠵᠠᠭᠤᠨ ᠶᠤᠸᠠᠨ"),
            ("¥20.5", "ᠬᠣᠷᠢ ᠪᠦᠬᠦᠯ ᠠᠷᠪᠠᠨ_ᠤ ᠲᠠᠪᠤᠨ ᠶᠤᠸᠠᠨ"),
            ("10000 ᠶᠤᠸᠠᠨ", "ᠨᠢᠭᠡᠨ ᠲᠦᠮᠡᠨ ᠶᠤᠸᠠᠨ"),
            ("100 ᠬᠦᠮᠦᠨ", "ᠵᠠᠭᠤᠨ ᠬᠦᠮᠦᠨ"),
            ("7 ᠡᠳᠦᠷ", "ᠳᠣᠯᠣᠭᠠᠨ ᠡᠳᠦᠷ"),
            ("6 ᠰᠠᠷ᠎ᠠ", "ᠵᠢᠷᠭᠤᠭᠠᠨ ᠰᠠᠷ᠎ᠠ"),
            ("8 ᠴᠠᠭ", "ᠨᠠᠢ᠌ᠮᠠᠨ ᠴᠠᠭ"),
            ("9 ᠬᠦᠮᠦᠨ", "ᠶᠢᠰᠦᠨ ᠬᠦᠮᠦᠨ"),
            ("4 ᠬᠣᠨᠣᠭ", "ᠳᠥᠷᠪᠡᠨ ᠬᠣᠨᠣᠭ"),
            // alone: plain forms
            ("5", "ᠲᠠᠪᠤ"),
            ("15᠃", "ᠠᠷᠪᠠᠨ ᠲᠠᠪᠤ᠃"),
            ("8", "ᠨᠠᠢ᠌ᠮᠠ"),
            // suffixes after NNBSP: attributive
            ("15_ᠤ", "ᠠᠷᠪᠠᠨ ᠲᠠᠪᠤᠨ_ᠤ"),
            ("3_ᠳᠤ", "ᠭᠤᠷᠪᠠᠨ_ᠳᠤ"),
            // ordinals
            ("3 ᠳᠤᠭᠠᠷ ᠴᠣᠩᠬᠣ", "ᠭᠤᠷᠪᠠᠳᠤᠭᠠᠷ ᠴᠣᠩᠬᠣ"),
            ("3_ᠳᠤᠭᠠᠷ ᠴᠣᠩᠬᠣ", "ᠭᠤᠷᠪᠠᠳᠤᠭᠠᠷ ᠴᠣᠩᠬᠣ"),
            ("1 ᠳᠦᠭᠡᠷ ᠠᠯᠬᠤᠮ", "ᠨᠢᠭᠡᠳᠦᠭᠡᠷ ᠠᠯᠬᠤᠮ"),
            ("2-ᠳᠤᠭᠠᠷ", "ᠬᠣᠶᠠᠳᠤᠭᠠᠷ"),
            ("5 ᠳᠤᠭᠠᠷ", "ᠲᠠᠪᠤᠳᠤᠭᠠᠷ"),
            ("8 ᠳᠤᠭᠠᠷ", "ᠨᠠᠢ᠌ᠮᠠᠳᠤᠭᠠᠷ"),
            ("12 ᠳᠦᠭᠡᠷ", "ᠠᠷᠪᠠᠨ ᠬᠣᠶᠠᠳᠤᠭᠠᠷ"),
            // dates
            (
                "2021 ᠣᠨ_ᠤ 1 ᠰᠠᠷ᠎ᠠ_ᠶᠢᠨ 15",
                "ᠬᠣᠶᠠᠷ ᠮᠢᠩᠭᠠᠨ ᠬᠣᠷᠢᠨ ᠨᠢᠭᠡᠨ ᠣᠨ_ᠤ ᠨᠢᠭᠡᠨ ᠰᠠᠷ᠎ᠠ_ᠶᠢᠨ ᠠᠷᠪᠠᠨ ᠲᠠᠪᠤ",
            ),
            (
                "2021-01-15",
                "ᠬᠣᠶᠠᠷ ᠮᠢᠩᠭᠠᠨ ᠬᠣᠷᠢᠨ ᠨᠢᠭᠡᠨ ᠣᠨ_ᠤ ᠨᠢᠭᠡᠨ ᠰᠠᠷ᠎ᠠ_ᠶᠢᠨ ᠠᠷᠪᠠᠨ ᠲᠠᠪᠤᠨ_ᠤ ᠡᠳᠦᠷ",
            ),
            (
                "2021/1/15",
                "ᠬᠣᠶᠠᠷ ᠮᠢᠩᠭᠠᠨ ᠬᠣᠷᠢᠨ ᠨᠢᠭᠡᠨ ᠣᠨ_ᠤ ᠨᠢᠭᠡᠨ ᠰᠠᠷ᠎ᠠ_ᠶᠢᠨ ᠠᠷᠪᠠᠨ ᠲᠠᠪᠤᠨ_ᠤ ᠡᠳᠦᠷ",
            ),
            (
                "2024.10.1",
                "ᠬᠣᠶᠠᠷ ᠮᠢᠩᠭᠠᠨ ᠬᠣᠷᠢᠨ ᠳᠥᠷᠪᠡᠨ ᠣᠨ_ᠤ ᠠᠷᠪᠠᠨ ᠰᠠᠷ᠎ᠠ_ᠶᠢᠨ ᠨᠢᠭᠡᠨ_ᠦ ᠡᠳᠦᠷ",
            ),
            (
                "2022-02-02",
                "ᠬᠣᠶᠠᠷ ᠮᠢᠩᠭᠠᠨ ᠬᠣᠷᠢᠨ ᠬᠣᠶᠠᠷ ᠣᠨ_ᠤ ᠬᠣᠶᠠᠷ ᠰᠠᠷ᠎ᠠ_ᠶᠢᠨ ᠬᠣᠶᠠᠷ_ᠤᠨ ᠡᠳᠦᠷ",
            ),
            // times and ranges
            ("9:00", "ᠶᠢᠰᠦᠨ ᠴᠠᠭ"),
            ("9:30", "ᠶᠢᠰᠦᠨ ᠴᠠᠭ ᠭᠤᠴᠢᠨ ᠮᠢᠨᠦᠲ"),
            ("13:05", "ᠠᠷᠪᠠᠨ ᠭᠤᠷᠪᠠᠨ ᠴᠠᠭ ᠲᠠᠪᠤᠨ ᠮᠢᠨᠦᠲ"),
            ("12:00", "ᠠᠷᠪᠠᠨ ᠬᠣᠶᠠᠷ ᠴᠠᠭ"),
            (
                "9:00-17:00",
                "ᠶᠢᠰᠦᠨ ᠴᠠᠭ_ᠠᠴᠠ ᠠᠷᠪᠠᠨ ᠳᠣᠯᠣᠭᠠᠨ ᠴᠠᠭ ᠬᠦᠷᠲᠡᠯᠡ",
            ),
            (
                "9:30-13:30",
                "ᠶᠢᠰᠦᠨ ᠴᠠᠭ ᠭᠤᠴᠢᠨ ᠮᠢᠨᠦᠲ_ᠡᠴᠡ ᠠᠷᠪᠠᠨ ᠭᠤᠷᠪᠠᠨ ᠴᠠᠭ ᠭᠤᠴᠢᠨ ᠮᠢᠨᠦᠲ ᠬᠦᠷᠲᠡᠯᠡ",
            ),
            (
                "16:00—19:30",
                "ᠠᠷᠪᠠᠨ ᠵᠢᠷᠭᠤᠭᠠᠨ ᠴᠠᠭ_ᠠᠴᠠ ᠠᠷᠪᠠᠨ ᠶᠢᠰᠦᠨ ᠴᠠᠭ ᠭᠤᠴᠢᠨ ᠮᠢᠨᠦᠲ ᠬᠦᠷᠲᠡᠯᠡ",
            ),
            (
                "9:00-17:00 ᠬᠦᠷᠲᠡᠯᠡ",
                "ᠶᠢᠰᠦᠨ ᠴᠠᠭ_ᠠᠴᠠ ᠠᠷᠪᠠᠨ ᠳᠣᠯᠣᠭᠠᠨ ᠴᠠᠭ ᠬᠦᠷᠲᠡᠯᠡ",
            ),
            ("3-5 ᠡᠳᠦᠷ", "ᠭᠤᠷᠪᠠᠨ_ᠠᠴᠠ ᠲᠠᠪᠤᠨ ᠡᠳᠦᠷ"),
            ("1-3", "ᠨᠢᠭᠡᠨ_ᠡᠴᠡ ᠭᠤᠷᠪᠠ ᠬᠦᠷᠲᠡᠯᠡ"),
            ("18~60 ᠨᠠᠰᠤ", "ᠠᠷᠪᠠᠨ ᠨᠠᠢ᠌ᠮᠠᠨ_ᠠᠴᠠ ᠵᠢᠷᠠᠨ ᠨᠠᠰᠤ"),
            // percent, decimals, fractions, negatives
            ("5%", "ᠲᠠᠪᠤᠨ ᠬᠤᠪᠢ"),
            ("70%", "ᠳᠠᠯᠠᠨ ᠬᠤᠪᠢ"),
            ("12.5%", "ᠠᠷᠪᠠᠨ ᠬᠣᠶᠠᠷ ᠪᠦᠬᠦᠯ ᠠᠷᠪᠠᠨ_ᠤ ᠲᠠᠪᠤᠨ ᠬᠤᠪᠢ"),
            ("5%-10%", "ᠲᠠᠪᠤᠨ ᠬᠤᠪᠢ_ᠠᠴᠠ ᠠᠷᠪᠠᠨ ᠬᠤᠪᠢ ᠬᠦᠷᠲᠡᠯᠡ"),
            ("3.5", "ᠭᠤᠷᠪᠠ ᠪᠦᠬᠦᠯ ᠠᠷᠪᠠᠨ_ᠤ ᠲᠠᠪᠤ"),
            ("0.25", "ᠲᠡᠭ ᠪᠦᠬᠦᠯ ᠵᠠᠭᠤᠨ_ᠤ ᠬᠣᠷᠢᠨ ᠲᠠᠪᠤ"),
            ("1/3", "ᠭᠤᠷᠪᠠᠨ_ᠤ ᠨᠢᠭᠡ"),
            ("1/2", "ᠬᠣᠶᠠᠷ_ᠤᠨ ᠨᠢᠭᠡ"),
            ("-5", "ᠬᠠᠰᠠᠬᠤ ᠲᠠᠪᠤ"),
            // hotlines, phones, IDs, cards
            ("12345", "ᠨᠢᠭᠡ ᠬᠣᠶᠠᠷ ᠭᠤᠷᠪᠠ ᠳᠥᠷᠪᠡ ᠲᠠᠪᠤ"),
            ("12333", "ᠨᠢᠭᠡ ᠬᠣᠶᠠᠷ ᠭᠤᠷᠪᠠ ᠭᠤᠷᠪᠠ ᠭᠤᠷᠪᠠ"),
            ("12393", "ᠨᠢᠭᠡ ᠬᠣᠶᠠᠷ ᠭᠤᠷᠪᠠ ᠶᠢᠰᠦ ᠭᠤᠷᠪᠠ"),
            ("110", "ᠨᠢᠭᠡ ᠨᠢᠭᠡ ᠲᠡᠭ"),
            ("120", "ᠨᠢᠭᠡ ᠬᠣᠶᠠᠷ ᠲᠡᠭ"),
            ("119", "ᠨᠢᠭᠡ ᠨᠢᠭᠡ ᠶᠢᠰᠦ"),
            ("110 ᠶᠤᠸᠠᠨ", "ᠵᠠᠭᠤᠨ ᠠᠷᠪᠠᠨ ᠶᠤᠸᠠᠨ"),
            (
                "0471-1234567",
                "ᠲᠡᠭ ᠳᠥᠷᠪᠡ ᠳᠣᠯᠣᠭ᠎ᠠ ᠨᠢᠭᠡ᠂ ᠨᠢᠭᠡ ᠬᠣᠶᠠᠷ ᠭᠤᠷᠪᠠ ᠳᠥᠷᠪᠡ ᠲᠠᠪᠤ ᠵᠢᠷᠭᠤᠭ᠎ᠠ ᠳᠣᠯᠣᠭ᠎ᠠ",
            ),
            (
                "13812345678",
                "ᠨᠢᠭᠡ ᠭᠤᠷᠪᠠ ᠨᠠᠢ᠌ᠮᠠ᠂ ᠨᠢᠭᠡ ᠬᠣᠶᠠᠷ ᠭᠤᠷᠪᠠ ᠳᠥᠷᠪᠡ᠂ ᠲᠠᠪᠤ ᠵᠢᠷᠭᠤᠭ᠎ᠠ ᠳᠣᠯᠣᠭ᠎ᠠ ᠨᠠᠢ᠌ᠮᠠ",
            ),
            (
                "15010219800101123X",
                "ᠨᠢᠭᠡ ᠲᠠᠪᠤ ᠲᠡᠭ ᠨᠢᠭᠡ ᠲᠡᠭ ᠬᠣᠶᠠᠷ᠂ ᠨᠢᠭᠡ ᠶᠢᠰᠦ ᠨᠠᠢ᠌ᠮᠠ ᠲᠡᠭ ᠲᠡᠭ ᠨᠢᠭᠡ ᠲᠡᠭ ᠨᠢᠭᠡ᠂ ᠨᠢᠭᠡ ᠬᠣᠶᠠᠷ ᠭᠤᠷᠪᠠ X",
            ),
            (
                "6222021234567890",
                "ᠵᠢᠷᠭᠤᠭ᠎ᠠ ᠬᠣᠶᠠᠷ ᠬᠣᠶᠠᠷ ᠬᠣᠶᠠᠷ᠂ ᠲᠡᠭ ᠬᠣᠶᠠᠷ ᠨᠢᠭᠡ ᠬᠣᠶᠠᠷ᠂ ᠭᠤᠷᠪᠠ ᠳᠥᠷᠪᠡ ᠲᠠᠪᠤ ᠵᠢᠷᠭᠤᠭ᠎ᠠ᠂ ᠳᠣᠯᠣᠭ᠎ᠠ ᠨᠠᠢ᠌ᠮᠠ ᠶᠢᠰᠦ ᠲᠡᠭ",
            ),
            // codes and other digit forms
            ("A3", "A ᠭᠤᠷᠪᠠ"),
            ("᠑᠕ ᠡᠳᠦᠷ", "ᠠᠷᠪᠠᠨ ᠲᠠᠪᠤᠨ ᠡᠳᠦᠷ"),
            ("１５ ᠡᠳᠦᠷ", "ᠠᠷᠪᠠᠨ ᠲᠠᠪᠤᠨ ᠡᠳᠦᠷ"),
        ];
        let mut failures = Vec::new();
        for (input, expected) in table {
            let input = input.replace('_', "\u{202F}");
            let expected = expected.replace('_', "\u{202F}");
            let got = normalize(Language::Mongolian, &input);
            if got != expected {
                failures.push(format!("{input} → {got} (expected {expected})"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}
