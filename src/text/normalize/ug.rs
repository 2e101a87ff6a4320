//! Uyghur (ug-Arab-CN): numbers in Uyghur Arabic script words.
//!
//! Choices:
//! - **Cardinals** are written as separate words: 15 ئون بەش, 1200 مىڭ ئىككى يۈز (100 is يۈز and
//!   a leading 1000 is مىڭ without بىر), 10^6 بىر مىليون, 10^9 بىر مىليارد, 10^12 مىڭ مىليارد.
//! - **The hyphen after digits marks an ordinal** (Uyghur orthography): `2021-يىلى` ئىككى مىڭ
//!   يىگىرمە بىرىنچى يىلى, `15-كۈنى` ئون بەشىنچى كۈنى, `3-كۆزنەك` ئۈچىنچى كۆزنەك. The ordinal
//!   suffix goes on the last word: after ى add نچى (ئىككىنچى), a final ە is dropped before ىنچى
//!   (يەتتىنچى, يىگىرمىنچى), otherwise add ىنچى (بىرىنچى). The noun after the hyphen stays.
//! - **Case suffixes** written after the digits (`12345 گە`, `35%نى`, `9:00 دا`) are attached to
//!   the last word and re-derived by vowel harmony and voicing from that word (بەشكە, not
//!   بەش گە); only a closed list of case suffixes is recognized, other words stay as written.
//! - **Decimals**: 3.5 ئۈچ پۈتۈن ئوندىن بەش, 0.25 نۆل پۈتۈن يۈزدىن يىگىرمە بەش (the textbook
//!   "whole, N-ths" reading).
//! - **Percent**: the number then پىرسەنت (بەش پىرسەنت), also for the prefixed `%5`.
//! - **Money**: يۈەن, مو (jiao), پۇڭ (fen): ¥20.50 يىگىرمە يۈەن بەش مو.
//! - **Clock times**: سائەت, the hour, and the minutes followed by مىنۇت: 9:00 سائەت توققۇز,
//!   9:30 سائەت توققۇز ئوتتۇز مىنۇت, 13:05 سائەت ئون ئۈچ بەش مىنۇت. سائەت is not repeated when
//!   the text already has it before the time. (Simpler for listeners than the "N minutes past"
//!   construction, and the same shape for every minute.)
//! - **Ranges** take the ablative on the first end and the terminative on the second, derived by
//!   the same harmony rules: 9:30-13:30 سائەت توققۇز ئوتتۇز مىنۇتتىن ئون ئۈچ ئوتتۇز مىنۇتقىچە;
//!   3-5 ئۈچتىن بەشكىچە. Two ordinals (`1-3-ئايلار`) are said as ordinals with a pause between.
//! - **Digit by digit** (phones, hotlines, IDs, cards, codes): digit words separated by spaces,
//!   groups by `، `. The `X` of an ID number is kept as the Latin letter.
//! - **Negative numbers** say مىنۇس first; **fractions** 1/3 ئۈچتىن بىر.
//!
//! Doubts (to check with a native speaker): the harmony of suffixes on ئالتە (here ئالتىغا,
//! ئالتىدىن, treating the raised stem ئالتى as back-vowel), on مىڭ and بىر (front: مىڭگە,
//! بىرگە), and on ordinals (the last non-neutral vowel decides: توققۇزىنچىغا).

use super::{
    is_arabic_letter, skip_spaces, small_value, starts_with, Context, DigitKind, Expr, Num, Spoken,
};

/// 0–9.
const ONES: [&str; 10] = [
    "نۆل",
    "بىر",
    "ئىككى",
    "ئۈچ",
    "تۆت",
    "بەش",
    "ئالتە",
    "يەتتە",
    "سەككىز",
    "توققۇز",
];
/// 10, 20, … 90 (index 0 unused).
const TENS: [&str; 10] = [
    "",
    "ئون",
    "يىگىرمە",
    "ئوتتۇز",
    "قىرىق",
    "ئەللىك",
    "ئاتمىش",
    "يەتمىش",
    "سەكسەن",
    "توقسان",
];
const HUNDRED: &str = "يۈز";
const THOUSAND: &str = "مىڭ";
const MILLION: &str = "مىليون";
const BILLION: &str = "مىليارد";
const WHOLE: &str = "پۈتۈن";
const MINUS: &str = "مىنۇس";
const PERCENT: &str = "پىرسەنت";
const HOUR: &str = "سائەت";
const MINUTE: &str = "مىنۇت";
const SECOND: &str = "سېكۇنت";
const YUAN: &str = "يۈەن";
const JIAO: &str = "مو";
const FEN: &str = "پۇڭ";
/// "Number": `10-نومۇرلۇق` is "number 10", said with the cardinal, not the ordinal.
const NUMBER_WORD: &str = "نومۇر";
/// The pause between digit groups.
const PAUSE: char = '،';

/// Words after which a number counts something (not a phone number). Words of three letters or
/// more match as prefixes, so that inflected forms (`كۈندە`, `ياشتىن`) count too.
const UNIT_WORDS: [&str; 32] = [
    "نوپۇس",
    "يۈەن",
    "مو",
    "پۇڭ",
    "ياش",
    "كۈن",
    "ئاي",
    "يىل",
    "سائەت",
    "مىنۇت",
    "سېكۇنت",
    "كىشى",
    "ئادەم",
    "نەپەر",
    "دانە",
    "قېتىم",
    "پارچە",
    "نۇسخا",
    "تال",
    "كىلو",
    "مېتىر",
    "پىرسەنت",
    "مىڭ",
    "مىليون",
    "مىليارد",
    "ھەپتە",
    "خىل",
    "ئائىلە",
    "قەۋەت",
    "تۈپ",
    "ئېغىز",
    "سوم",
];

/// Whether the number between `before` and `after` counts something (see
/// [`QuantityRule`](super::QuantityRule)).
pub(super) fn quantity_follows(_before: &[char], after: &[char]) -> bool {
    if after.first() == Some(&'%') {
        return true;
    }
    if let Some(start) = ordinal_marker(after) {
        let word = letters(&after[start..]);
        return !word.starts_with(NUMBER_WORD) && !word.starts_with("تېلېفون");
    }
    let word = letters(&after[skip_spaces(after, 0).min(after.len())..]);
    UNIT_WORDS
        .iter()
        .any(|w| word == *w || (w.chars().count() >= 3 && word.starts_with(w)))
}

/// The run of Arabic letters at the start of `s`.
fn letters(s: &[char]) -> String {
    s.iter().take_while(|&&c| is_arabic_letter(c)).collect()
}

/// If `after` starts with an ordinal hyphen (`-`, `–`, `—` or tatweel, spaces allowed around it)
/// followed by a word of at least two letters, the index where that word starts.
fn ordinal_marker(after: &[char]) -> Option<usize> {
    let j = skip_spaces(after, 0);
    if !matches!(after.get(j), Some('-' | '–' | '—' | 'ـ')) {
        return None;
    }
    let mut k = j + 1;
    while after.get(k) == Some(&'ـ') {
        k += 1;
    }
    let k = skip_spaces(after, k);
    let word = after.get(k..)?;
    (word.iter().take_while(|&&c| is_arabic_letter(c)).count() >= 2).then_some(k)
}

/// A grammatical case whose suffix is written after a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Case {
    /// -غا/-قا/-گە/-كە "to".
    Dative,
    /// -دا/-تا/-دە/-تە "at".
    Locative,
    /// -دىن/-تىن "from".
    Ablative,
    /// -غىچە/-قىچە/-گىچە/-كىچە "until".
    Terminative,
    /// -دىكى/-تىكى "which is at".
    LocativeAttributive,
    /// -نىڭ "of".
    Genitive,
    /// -نى (direct object).
    Accusative,
}

/// The case suffixes recognized after a number, in every written variant.
const SUFFIXES: [(&str, Case); 18] = [
    ("غا", Case::Dative),
    ("قا", Case::Dative),
    ("گە", Case::Dative),
    ("كە", Case::Dative),
    ("دا", Case::Locative),
    ("تا", Case::Locative),
    ("دە", Case::Locative),
    ("تە", Case::Locative),
    ("دىن", Case::Ablative),
    ("تىن", Case::Ablative),
    ("غىچە", Case::Terminative),
    ("قىچە", Case::Terminative),
    ("گىچە", Case::Terminative),
    ("كىچە", Case::Terminative),
    ("دىكى", Case::LocativeAttributive),
    ("تىكى", Case::LocativeAttributive),
    ("نىڭ", Case::Genitive),
    ("نى", Case::Accusative),
];

/// The case of a written suffix, if `word` is exactly one.
fn suffix_case(word: &str) -> Option<Case> {
    SUFFIXES.iter().find(|(s, _)| *s == word).map(|&(_, c)| c)
}

/// Whether `c` is a Uyghur vowel letter.
fn is_vowel(c: char) -> bool {
    matches!(c, 'ا' | 'ە' | 'و' | 'ۇ' | 'ۆ' | 'ۈ' | 'ې' | 'ى')
}

/// `word` with a final ە raised to ى when a suffix follows a word of two or more syllables
/// (ئالتە → ئالتى, يىگىرمە → يىگىرمى).
fn raised(word: &str) -> String {
    let vowels = word.chars().filter(|&c| is_vowel(c)).count();
    match word.strip_suffix('ە') {
        Some(stem) if vowels >= 2 => format!("{stem}ى"),
        _ => word.to_owned(),
    }
}

/// Whether suffixes after `stem` take back vowels: the last of ا و ۇ (back) or ە ۆ ۈ (front)
/// decides; words with only ى/ې are back when they contain ق غ خ, front otherwise.
fn is_back(stem: &str) -> bool {
    for c in stem.chars().rev() {
        match c {
            'ا' | 'و' | 'ۇ' => return true,
            'ە' | 'ۆ' | 'ۈ' => return false,
            _ => {}
        }
    }
    stem.chars().any(|c| matches!(c, 'ق' | 'غ' | 'خ'))
}

/// `word` with the suffix of `case`, in the form harmony and voicing call for.
fn attach(word: &str, case: Case) -> String {
    let stem = raised(word);
    let back = is_back(&stem);
    let voiceless = stem
        .chars()
        .last()
        .is_some_and(|c| "پتچخسشفقكھ".contains(c));
    let suffix = match (case, back, voiceless) {
        (Case::Dative, true, true) => "قا",
        (Case::Dative, true, false) => "غا",
        (Case::Dative, false, true) => "كە",
        (Case::Dative, false, false) => "گە",
        (Case::Locative, true, true) => "تا",
        (Case::Locative, true, false) => "دا",
        (Case::Locative, false, true) => "تە",
        (Case::Locative, false, false) => "دە",
        (Case::Ablative, _, true) => "تىن",
        (Case::Ablative, _, false) => "دىن",
        (Case::Terminative, true, true) => "قىچە",
        (Case::Terminative, true, false) => "غىچە",
        (Case::Terminative, false, true) => "كىچە",
        (Case::Terminative, false, false) => "گىچە",
        (Case::LocativeAttributive, _, true) => "تىكى",
        (Case::LocativeAttributive, _, false) => "دىكى",
        (Case::Genitive, _, _) => "نىڭ",
        (Case::Accusative, _, _) => "نى",
    };
    format!("{stem}{suffix}")
}

/// Applies `case` to the last word of `words`.
fn attach_last(words: &mut [String], case: Case) {
    if let Some(last) = words.last_mut() {
        *last = attach(last, case);
    }
}

/// The ordinal of a number word: بىرىنچى, ئىككىنچى, يەتتىنچى.
fn ordinal(word: &str) -> String {
    let stem = word.strip_suffix('ە').unwrap_or(word);
    if stem.ends_with('ى') {
        format!("{stem}نچى")
    } else {
        format!("{stem}ىنچى")
    }
}

/// Turns the last word of `words` into its ordinal.
fn ordinal_last(words: &mut [String]) {
    if let Some(last) = words.last_mut() {
        *last = ordinal(last);
    }
}

/// A whole number up to 10^12 in words.
fn cardinal(n: u64) -> Vec<String> {
    if n == 0 {
        return vec![ONES[0].to_owned()];
    }
    let mut words = Vec::new();
    let billions = n / 1_000_000_000;
    let millions = (n / 1_000_000) % 1000;
    let thousands = (n / 1000) % 1000;
    let rest = n % 1000;
    if billions > 0 {
        words.extend(cardinal(billions));
        words.push(BILLION.to_owned());
    }
    if millions > 0 {
        words.extend(below_thousand(millions));
        words.push(MILLION.to_owned());
    }
    if thousands > 0 {
        if !(thousands == 1 && words.is_empty()) {
            words.extend(below_thousand(thousands));
        }
        words.push(THOUSAND.to_owned());
    }
    words.extend(below_thousand(rest));
    words
}

/// 1–999 in words (nothing for 0).
fn below_thousand(n: u64) -> Vec<String> {
    let mut words = Vec::new();
    let (h, t, u) = (n / 100 % 10, n / 10 % 10, n % 10);
    if h > 1 {
        words.push(ONES[h as usize].to_owned());
    }
    if h > 0 {
        words.push(HUNDRED.to_owned());
    }
    if t > 0 {
        words.push(TENS[t as usize].to_owned());
    }
    if u > 0 {
        words.push(ONES[u as usize].to_owned());
    }
    words
}

/// Digit words, one per digit; `X` stays.
fn digit_words(digits: &str) -> Vec<String> {
    digits
        .chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => ONES[d as usize].to_owned(),
            None => c.to_string(),
        })
        .collect()
}

/// A number in words: sign, integer part, decimals as "whole, N-ths".
fn number(n: &Num) -> Vec<String> {
    let mut words = Vec::new();
    if n.negative {
        words.push(MINUS.to_owned());
    }
    match n.int_value() {
        Some(v) => words.extend(cardinal(v)),
        None => words.extend(digit_words(&n.int)),
    }
    if n.frac.is_empty() {
        return words;
    }
    words.push(WHOLE.to_owned());
    let denominator: &[&str] = match n.frac.len() {
        1 => &["ئوندىن"],
        2 => &["يۈزدىن"],
        3 => &["مىڭدىن"],
        4 => &["ئون", "مىڭدىن"],
        _ => &[],
    };
    match small_value(&n.frac) {
        Some(v) if !denominator.is_empty() => {
            words.extend(denominator.iter().map(|w| (*w).to_owned()));
            words.extend(cardinal(v));
        }
        _ => words.extend(digit_words(&n.frac)),
    }
    words
}

/// An amount in يۈەن, مو and پۇڭ.
fn money(n: &Num) -> Vec<String> {
    let (Some(yuan), true) = (n.int_value(), n.frac.len() <= 2) else {
        let mut words = number(n);
        words.push(YUAN.to_owned());
        return words;
    };
    let mut cents = n.frac.bytes().map(|b| usize::from(b - b'0'));
    let jiao = cents.next().unwrap_or(0);
    let fen = cents.next().unwrap_or(0);
    let mut words = Vec::new();
    if n.negative {
        words.push(MINUS.to_owned());
    }
    if yuan > 0 || (jiao == 0 && fen == 0) {
        words.extend(cardinal(yuan));
        words.push(YUAN.to_owned());
    }
    if jiao > 0 {
        words.push(ONES[jiao % 10].to_owned());
        words.push(JIAO.to_owned());
    }
    if fen > 0 {
        words.push(ONES[fen % 10].to_owned());
        words.push(FEN.to_owned());
    }
    words
}

/// The number followed by پىرسەنت.
fn percent(n: &Num) -> Vec<String> {
    let mut words = number(n);
    words.push(PERCENT.to_owned());
    words
}

/// A clock time; `with_hour_word` puts سائەت first.
fn time(hour: u64, minute: u64, second: Option<u64>, with_hour_word: bool) -> Vec<String> {
    let mut words = Vec::new();
    if with_hour_word {
        words.push(HOUR.to_owned());
    }
    words.extend(cardinal(hour));
    let second = second.filter(|&s| s > 0);
    if minute > 0 || second.is_some() {
        words.extend(cardinal(minute));
        words.push(MINUTE.to_owned());
    }
    if let Some(s) = second {
        words.extend(cardinal(s));
        words.push(SECOND.to_owned());
    }
    words
}

/// A date: "Nth year, Nth month's Nth day".
fn date(year: &str, month: u64, day: u64) -> Vec<String> {
    let mut words = match small_value(year) {
        Some(v) => cardinal(v),
        None => digit_words(year),
    };
    ordinal_last(&mut words);
    words.push("يىلى".to_owned());
    let mut m = cardinal(month);
    ordinal_last(&mut m);
    words.extend(m);
    words.push("ئاينىڭ".to_owned());
    let mut d = cardinal(day);
    ordinal_last(&mut d);
    words.extend(d);
    words.push("كۈنى".to_owned());
    words
}

/// Digit groups with a pause after each group but the last (only a space between the parts of
/// a code).
fn digit_groups(kind: DigitKind, groups: &[String]) -> Vec<String> {
    let mut words = Vec::new();
    for (k, group) in groups.iter().enumerate() {
        if k > 0 && kind != DigitKind::Code {
            if let Some(last) = words.last_mut() {
                String::push(last, PAUSE);
            }
        }
        words.extend(digit_words(group));
    }
    words
}

/// What may follow the words of an expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tail {
    /// A whole number: an ordinal hyphen makes it an ordinal; a case suffix attaches.
    Ordinal,
    /// A case suffix attaches; a hyphen before a word is dropped.
    Suffix,
    /// Nothing is taken from the text after.
    Nothing,
}

/// Says one expression.
pub(super) fn render(expr: &Expr, ctx: &Context<'_>) -> Spoken {
    let hour_word = !ends_with_word(ctx.before, HOUR);
    let (words, tail, consumed) = match expr {
        Expr::Number(n) => number_in_context(n, ctx),
        Expr::Percent(n) => (percent(n), Tail::Suffix, 0),
        Expr::Money(n) => (money(n), Tail::Suffix, 0),
        Expr::Fraction { num, den } => {
            let mut words = cardinal(*den);
            attach_last(&mut words, Case::Ablative);
            words.extend(cardinal(*num));
            (words, Tail::Suffix, 0)
        }
        Expr::Date { year, month, day } => (date(year, *month, *day), Tail::Suffix, 0),
        Expr::Time {
            hour,
            minute,
            second,
        } => (time(*hour, *minute, *second, hour_word), Tail::Suffix, 0),
        Expr::Digits { kind, groups } => (digit_groups(*kind, groups), Tail::Suffix, 0),
        Expr::Range(a, b) => range(a, b, ctx),
    };
    let mut spoken = finish(words, &ctx.after[consumed.min(ctx.after.len())..], tail);
    spoken.consumed += consumed;
    if ctx.before.last().is_some_and(char::is_ascii_alphanumeric) {
        spoken.text.insert(0, ' ');
    }
    spoken
}

/// Whether `s`, without trailing spaces, ends with `word`.
fn ends_with_word(s: &[char], word: &str) -> bool {
    let end = s.iter().rposition(|&c| c != ' ').map_or(0, |p| p + 1);
    super::ends_with(&s[..end], word)
}

/// A number; followed by يۈەن and written with decimals it is said as money (the يۈەن is
/// replaced).
fn number_in_context(n: &Num, ctx: &Context<'_>) -> (Vec<String>, Tail, usize) {
    let after = ctx.after;
    let j = skip_spaces(after, 0);
    let yuan_end = j + YUAN.chars().count();
    let yuan_follows = starts_with(&after[j.min(after.len())..], YUAN)
        && !after.get(yuan_end).is_some_and(|&c| is_arabic_letter(c));
    if !n.frac.is_empty() && yuan_follows {
        return (money(n), Tail::Suffix, yuan_end);
    }
    let ordinal_ok = n.is_whole() && !n.negative && n.int_value().is_some();
    let tail = if ordinal_ok {
        Tail::Ordinal
    } else {
        Tail::Suffix
    };
    (number(n), tail, 0)
}

/// A range: ablative on the first end, terminative on the second; two ordinals with a pause.
fn range(a: &Expr, b: &Expr, ctx: &Context<'_>) -> (Vec<String>, Tail, usize) {
    let both_whole = |e: &Expr| matches!(e, Expr::Number(n) if n.is_whole() && !n.negative && n.int_value().is_some());
    if both_whole(a) && both_whole(b) && ordinal_marker(ctx.after).is_some() {
        let bare = Context {
            before: ctx.before,
            after: &[],
        };
        let mut words = end_words(a, &bare, true);
        ordinal_last(&mut words);
        if let Some(last) = words.last_mut() {
            last.push(PAUSE);
        }
        words.extend(end_words(b, &bare, false));
        return (words, Tail::Ordinal, 0);
    }
    let left_as_percent = matches!((a, b), (Expr::Number(_), Expr::Percent(_)));
    let mut left = match a {
        Expr::Number(n) if left_as_percent => percent(n),
        _ => end_words(a, ctx, true),
    };
    attach_last(&mut left, Case::Ablative);
    let mut right = end_words(b, ctx, false);
    attach_last(&mut right, Case::Terminative);
    left.extend(right);
    (left, Tail::Nothing, 0)
}

/// The words of one end of a range; only the first end of a time range says سائەت.
fn end_words(e: &Expr, ctx: &Context<'_>, first: bool) -> Vec<String> {
    match e {
        Expr::Time {
            hour,
            minute,
            second,
        } => time(
            *hour,
            *minute,
            *second,
            first && !ends_with_word(ctx.before, HOUR),
        ),
        Expr::Number(n) => number(n),
        Expr::Percent(n) => percent(n),
        Expr::Money(n) => money(n),
        Expr::Date { year, month, day } => date(year, *month, *day),
        _ => Vec::new(),
    }
}

/// Joins `words` and applies what follows them in `after` (ordinal hyphen, case suffix).
fn finish(mut words: Vec<String>, after: &[char], tail: Tail) -> Spoken {
    let mut consumed = 0;
    let mut space_after = false;
    if tail != Tail::Nothing {
        if let Some(start) = ordinal_marker(after) {
            let word = letters(&after[start..]);
            if tail == Tail::Ordinal && !word.starts_with(NUMBER_WORD) {
                ordinal_last(&mut words);
            }
            let len = word.chars().count();
            let ends = !after.get(start + len).is_some_and(|&c| is_arabic_letter(c));
            match suffix_case(&word) {
                Some(case) if ends => {
                    attach_last(&mut words, case);
                    consumed = start + len;
                }
                _ => {
                    consumed = start;
                    space_after = true;
                }
            }
        } else if after.first().is_some_and(|&c| is_arabic_letter(c)) {
            let word = letters(after);
            match suffix_case(&word) {
                Some(case) => {
                    attach_last(&mut words, case);
                    consumed = word.chars().count();
                }
                None => space_after = true,
            }
        } else if after.first() == Some(&' ') {
            let word = letters(&after[1..]);
            let len = word.chars().count();
            let ends = !after.get(1 + len).is_some_and(|&c| is_arabic_letter(c));
            if let (Some(case), true) = (suffix_case(&word), ends) {
                attach_last(&mut words, case);
                consumed = 1 + len;
            }
        }
    }
    let mut text = words.join(" ");
    let next = after.get(consumed).copied();
    if space_after || next.is_some_and(|c| c.is_ascii_alphabetic() || super::is_han(c)) {
        text.push(' ');
    }
    Spoken { text, consumed }
}

#[cfg(test)]
mod tests {
    use super::super::normalize;
    use super::*;
    use crate::lang::Language;

    #[test]
    fn cardinals() {
        let table = [
            (0, "نۆل"),
            (1, "بىر"),
            (10, "ئون"),
            (15, "ئون بەش"),
            (21, "يىگىرمە بىر"),
            (99, "توقسان توققۇز"),
            (100, "يۈز"),
            (105, "يۈز بەش"),
            (300, "ئۈچ يۈز"),
            (1000, "مىڭ"),
            (1200, "مىڭ ئىككى يۈز"),
            (2021, "ئىككى مىڭ يىگىرمە بىر"),
            (11000, "ئون بىر مىڭ"),
            (100_000, "يۈز مىڭ"),
            (1_000_000, "بىر مىليون"),
            (1_001_000, "بىر مىليون بىر مىڭ"),
            (2_500_000, "ئىككى مىليون بەش يۈز مىڭ"),
            (1_000_000_000, "بىر مىليارد"),
            (1_000_000_000_000, "مىڭ مىليارد"),
        ];
        for (n, expected) in table {
            assert_eq!(cardinal(n).join(" "), expected, "{n}");
        }
    }

    #[test]
    fn ordinals() {
        let table = [
            (1, "بىرىنچى"),
            (2, "ئىككىنچى"),
            (3, "ئۈچىنچى"),
            (4, "تۆتىنچى"),
            (5, "بەشىنچى"),
            (6, "ئالتىنچى"),
            (7, "يەتتىنچى"),
            (8, "سەككىزىنچى"),
            (9, "توققۇزىنچى"),
            (10, "ئونىنچى"),
            (20, "يىگىرمىنچى"),
            (40, "قىرىقىنچى"),
            (100, "يۈزىنچى"),
            (1000, "مىڭىنچى"),
        ];
        for (n, expected) in table {
            let mut words = cardinal(n);
            ordinal_last(&mut words);
            assert_eq!(words.join(" "), expected, "{n}");
        }
    }

    #[test]
    fn suffix_harmony() {
        let table = [
            ("بەش", Case::Dative, "بەشكە"),
            ("ئىككى", Case::Dative, "ئىككىگە"),
            ("توققۇز", Case::Dative, "توققۇزغا"),
            ("قىرىق", Case::Dative, "قىرىققا"),
            ("ئون", Case::Locative, "ئوندا"),
            ("ئۈچ", Case::Ablative, "ئۈچتىن"),
            ("بىر", Case::Terminative, "بىرگىچە"),
            ("يەتتە", Case::Ablative, "يەتتىدىن"),
            ("يىگىرمە", Case::Dative, "يىگىرمىگە"),
            ("مىنۇت", Case::Terminative, "مىنۇتقىچە"),
            ("كۈنى", Case::Terminative, "كۈنىگىچە"),
            ("پىرسەنت", Case::Accusative, "پىرسەنتنى"),
        ];
        for (word, case, expected) in table {
            assert_eq!(attach(word, case), expected, "{word} {case:?}");
        }
    }

    /// Sentences as service guides write them, and what a clerk says.
    #[test]
    fn service_guide_sentences() {
        let table = [
            // dates
            (
                "2021-يىلى 1-ئاينىڭ 15-كۈنى",
                "ئىككى مىڭ يىگىرمە بىرىنچى يىلى بىرىنچى ئاينىڭ ئون بەشىنچى كۈنى",
            ),
            (
                "2021-01-15",
                "ئىككى مىڭ يىگىرمە بىرىنچى يىلى بىرىنچى ئاينىڭ ئون بەشىنچى كۈنى",
            ),
            (
                "2021/1/15",
                "ئىككى مىڭ يىگىرمە بىرىنچى يىلى بىرىنچى ئاينىڭ ئون بەشىنچى كۈنى",
            ),
            ("2024-يىلدىن باشلاپ", "ئىككى مىڭ يىگىرمە تۆتىنچى يىلدىن باشلاپ"),
            ("7-ئاي", "يەتتىنچى ئاي"),
            ("20-كۈنىگىچە", "يىگىرمىنچى كۈنىگىچە"),
            ("5- ئەسىردە", "بەشىنچى ئەسىردە"),
            ("12 -ئورۇندا", "ئون ئىككىنچى ئورۇندا"),
            ("2020ـ يىلى", "ئىككى مىڭ يىگىرمىنچى يىلى"),
            ("1-3-ئايلار", "بىرىنچى، ئۈچىنچى ئايلار"),
            // windows, ordinals
            ("3-كۆزنەك", "ئۈچىنچى كۆزنەك"),
            ("1-قەدەم", "بىرىنچى قەدەم"),
            ("2-قەۋەت", "ئىككىنچى قەۋەت"),
            ("10-نومۇرلۇق كۆزنەك", "ئون نومۇرلۇق كۆزنەك"),
            ("6-سىنىپ", "ئالتىنچى سىنىپ"),
            ("40-ماددا", "قىرىقىنچى ماددا"),
            // ages and counts
            ("80 ياش", "سەكسەن ياش"),
            ("60 ياشتىن يۇقىرى", "ئاتمىش ياشتىن يۇقىرى"),
            ("18 ياشقا توشقان", "ئون سەككىز ياشقا توشقان"),
            ("3 كۈن", "ئۈچ كۈن"),
            ("2 پارچە سۈرەت", "ئىككى پارچە سۈرەت"),
            ("15 خىزمەت كۈنى", "ئون بەش خىزمەت كۈنى"),
            ("100 كىشى", "يۈز كىشى"),
            ("1200 ئائىلە", "مىڭ ئىككى يۈز ئائىلە"),
            ("2500000 نوپۇس", "ئىككى مىليون بەش يۈز مىڭ نوپۇس"),
            // suffixes after digits
            ("12345 گە تېلېفون قىلىڭ", "بىر ئىككى ئۈچ تۆت بەشكە تېلېفون قىلىڭ"),
            ("12345 كە", "بىر ئىككى ئۈچ تۆت بەشكە"),
            ("110 غا", "بىر بىر نۆلگە"),
            ("5 كە", "بەشكە"),
            ("2 گە", "ئىككىگە"),
            ("9 دا", "توققۇزدا"),
            ("سائەت 9 دا", "سائەت توققۇزدا"),
            ("1گىچە", "بىرگىچە"),
            ("35%نى", "ئوتتۇز بەش پىرسەنتنى"),
            // money
            ("20 يۈەن", "يىگىرمە يۈەن"),
            ("¥20", "يىگىرمە يۈەن"),
            ("￥1,200", "مىڭ ئىككى يۈز يۈەن"),
            ("1,200 يۈەن", "مىڭ ئىككى يۈز يۈەن"),
            ("1،200 يۈەن", "مىڭ ئىككى يۈز يۈەن"),
            ("20.50 يۈەن", "يىگىرمە يۈەن بەش مو"),
            ("¥20.55", "يىگىرمە يۈەن بەش مو بەش پۇڭ"),
            ("0.05 يۈەن", "بەش پۇڭ"),
            ("3 يۈەن 5 مو", "ئۈچ يۈەن بەش مو"),
            ("20 يۈەن/ئاي", "يىگىرمە يۈەن/ئاي"),
            ("5000 يۈەنگە", "بەش مىڭ يۈەنگە"),
            // times
            ("9:00", "سائەت توققۇز"),
            ("سائەت 9:00", "سائەت توققۇز"),
            ("9:30", "سائەت توققۇز ئوتتۇز مىنۇت"),
            ("13:05", "سائەت ئون ئۈچ بەش مىنۇت"),
            (
                "9:30-13:30",
                "سائەت توققۇز ئوتتۇز مىنۇتتىن ئون ئۈچ ئوتتۇز مىنۇتقىچە",
            ),
            ("16:00—19:30", "سائەت ئون ئالتىدىن ئون توققۇز ئوتتۇز مىنۇتقىچە"),
            ("سائەت 10:00 دىن", "سائەت ئوندىن"),
            ("سائەت 10:00 دىن 19:30 غىچە", "سائەت ئوندىن سائەت ئون توققۇز ئوتتۇز مىنۇتقىچە"),
            // ranges of numbers
            ("3-5 كۈن", "ئۈچتىن بەشكىچە كۈن"),
            ("18-60 ياش", "ئون سەككىزدىن ئاتمىشقىچە ياش"),
            ("5%-10%", "بەش پىرسەنتتىن ئون پىرسەنتكىچە"),
            // hotlines and phones
            ("12345", "بىر ئىككى ئۈچ تۆت بەش"),
            ("12333", "بىر ئىككى ئۈچ ئۈچ ئۈچ"),
            ("12393", "بىر ئىككى ئۈچ توققۇز ئۈچ"),
            ("110", "بىر بىر نۆل"),
            ("120", "بىر ئىككى نۆل"),
            ("119", "بىر بىر توققۇز"),
            (
                "0996-1234567",
                "نۆل توققۇز توققۇز ئالتە، بىر ئىككى ئۈچ تۆت بەش ئالتە يەتتە",
            ),
            (
                "13812345678",
                "بىر ئۈچ سەككىز، بىر ئىككى ئۈچ تۆت، بەش ئالتە يەتتە سەككىز",
            ),
            ("110 يۈەن", "يۈز ئون يۈەن"),
            // ID and cards
            (
                "650102198001011234",
                "ئالتە بەش نۆل بىر نۆل ئىككى، بىر توققۇز سەككىز نۆل نۆل بىر نۆل بىر، بىر ئىككى ئۈچ تۆت",
            ),
            (
                "65010219800101123X",
                "ئالتە بەش نۆل بىر نۆل ئىككى، بىر توققۇز سەككىز نۆل نۆل بىر نۆل بىر، بىر ئىككى ئۈچ X",
            ),
            (
                "6222021234567890",
                "ئالتە ئىككى ئىككى ئىككى، نۆل ئىككى بىر ئىككى، ئۈچ تۆت بەش ئالتە، يەتتە سەككىز توققۇز نۆل",
            ),
            // percentages, decimals, fractions, negatives
            ("5%", "بەش پىرسەنت"),
            ("%5", "بەش پىرسەنت"),
            ("12.5%", "ئون ئىككى پۈتۈن ئوندىن بەش پىرسەنت"),
            ("70% تىن ئارتۇق", "يەتمىش پىرسەنتتىن ئارتۇق"),
            ("3.5", "ئۈچ پۈتۈن ئوندىن بەش"),
            ("0.25", "نۆل پۈتۈن يۈزدىن يىگىرمە بەش"),
            ("1/3", "ئۈچتىن بىر"),
            ("1/2", "ئىككىدىن بىر"),
            ("-5", "مىنۇس بەش"),
            ("-5℃", "مىنۇس بەش℃"),
            // codes
            ("A3", "A ئۈچ"),
            ("5G تورى", "بەش G تورى"),
        ];
        let mut failures = Vec::new();
        for (input, expected) in table {
            let got = normalize(Language::Uyghur, input);
            if got != expected {
                failures.push(format!("{input} → {got} (expected {expected})"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}
