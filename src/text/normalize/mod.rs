//! The spoken form of a text: numbers, money, dates, times, phone and ID numbers written out as
//! the words a person at a service counter would say, so that a speech engine fed the result never
//! sees a digit.
//!
//! [`normalize`] works in two steps. A shared, language-neutral tokenizer (this file) finds each
//! numeric expression and classifies it (`Expr`: a cardinal, a date, a clock time, a range, a
//! phone number read digit by digit …). A language module (`zh`, `ug`, `mn`) then says it,
//! looking at the text around it (Mandarin `第` before a number, a Uyghur case suffix after it, a
//! Mongolian noun that calls for the attributive form) and may swallow a little of the text after
//! it (`元` in `20.50元`, the hyphen in Uyghur `15-كۈنى`). Everything else is copied unchanged.
//!
//! Guarantees, checked by property tests below: `normalize` never panics, its output contains no
//! ASCII digit, no fullwidth digit (nor Arabic-Indic or Mongolian digit), and it is idempotent.

mod mn;
mod say_as;
mod ug;
mod zh;

pub use say_as::say_as;

use crate::lang::Language;

/// Returns the spoken form of `text` in `lang`: every numeric expression is replaced by words,
/// the text around numbers is kept as it is.
///
/// ```
/// use tilmach::Language;
/// use tilmach::text::normalize;
/// assert_eq!(normalize(Language::Mandarin, "请拨打12345"), "请拨打幺二三四五");
/// assert_eq!(normalize(Language::Uyghur, "80 ياش"), "سەكسەن ياش");
/// ```
pub fn normalize(lang: Language, text: &str) -> String {
    let original: Vec<char> = text.chars().collect();
    let canon: Vec<char> = original.iter().map(|&c| canonical(c)).collect();
    let quantity = quantity_rule(lang);
    let mut out = String::with_capacity(text.len() * 3);
    let mut i = 0;
    while i < canon.len() {
        match parse_at(&canon, i, quantity) {
            Some((expr, end)) => {
                let ctx = Context {
                    before: &canon[..i],
                    after: &canon[end..],
                };
                let spoken = render(lang, &expr, &ctx);
                out.push_str(&spoken.text);
                i = end + spoken.consumed.min(canon.len() - end);
            }
            None => {
                out.push(original[i]);
                i += 1;
            }
        }
    }
    out
}

/// Says one expression in `lang`.
fn render(lang: Language, expr: &Expr, ctx: &Context<'_>) -> Spoken {
    match lang {
        Language::Mandarin => zh::render(expr, ctx),
        Language::Uyghur => ug::render(expr, ctx),
        Language::Mongolian => mn::render(expr, ctx),
    }
}

/// The language's test for "a counted noun or unit follows", which turns a digit run that would
/// otherwise be a phone number or hotline (`110`, `1234567`) into a quantity (`110元`).
fn quantity_rule(lang: Language) -> QuantityRule {
    match lang {
        Language::Mandarin => zh::quantity_follows,
        Language::Uyghur => ug::quantity_follows,
        Language::Mongolian => mn::quantity_follows,
    }
}

/// `(text before, text after)` → whether the number between them counts something.
pub(crate) type QuantityRule = fn(&[char], &[char]) -> bool;

/// The largest number said in words; longer numbers are read digit by digit.
pub(crate) const MAX_WORDS: u64 = 1_000_000_000_000;

/// Short service numbers that are always read digit by digit unless a unit follows them.
const HOTLINES: [&str; 27] = [
    "110", "112", "114", "119", "120", "122", "12110", "12306", "12315", "12320", "12328", "12333",
    "12338", "12345", "12348", "12349", "12351", "12355", "12358", "12365", "12366", "12369",
    "12393", "95598", "10086", "10010", "96777",
];

/// Latin unit symbols after which digits are a quantity (`20kg`), not part of a code (`5G`).
const LATIN_UNITS: [&str; 27] = [
    "kg", "g", "mg", "km", "m", "cm", "mm", "ml", "mL", "L", "l", "t", "h", "min", "s", "GB", "MB",
    "KB", "TB", "kWh", "kW", "W", "V", "mAh", "Hz", "m2", "m3",
];

/// A number as written: sign, integer digits without grouping marks, fraction digits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Num {
    /// Written with a leading minus sign.
    pub negative: bool,
    /// The integer digits, ASCII, at least one.
    pub int: String,
    /// The digits after the decimal point, ASCII, possibly empty.
    pub frac: String,
}

impl Num {
    /// A non-negative whole number with these digits.
    #[cfg(test)]
    pub(crate) fn whole(int: &str) -> Num {
        Num {
            negative: false,
            int: int.to_owned(),
            frac: String::new(),
        }
    }

    /// The integer part when it is small enough to be said in words (at most [`MAX_WORDS`]).
    pub(crate) fn int_value(&self) -> Option<u64> {
        small_value(&self.int)
    }

    /// Whether the number has no fraction digits.
    pub(crate) fn is_whole(&self) -> bool {
        self.frac.is_empty()
    }

    /// Whether this is exactly the whole, positive number `n`.
    pub(crate) fn is(&self, n: u64) -> bool {
        !self.negative && self.is_whole() && self.int_value() == Some(n)
    }
}

/// The value of a digit string when it is at most [`MAX_WORDS`].
pub(crate) fn small_value(digits: &str) -> Option<u64> {
    let trimmed = digits.trim_start_matches('0');
    if trimmed.len() > 13 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let v = if trimmed.is_empty() {
        0
    } else {
        trimmed.parse::<u64>().ok()?
    };
    (v <= MAX_WORDS).then_some(v)
}

/// Why a digit string is read digit by digit; decides the grouping and, in Mandarin, 幺 for 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DigitKind {
    /// A phone number or hotline.
    Phone,
    /// A resident ID card number (15 or 18 characters, the last may be `X`).
    Id,
    /// A bank card number (16–19 digits).
    Card,
    /// Digits inside a code (`A3`, `5G`, `007`) or a number too long to say in words. Its groups
    /// are the dot-separated parts of a version (`V1.2.3`), said with "point" or a short pause.
    Code,
}

/// A numeric expression found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Expr {
    /// A cardinal or decimal number: `15`, `-3`, `1,200`, `3.5`.
    Number(Num),
    /// `5%`, `12.5%`, and the Uyghur-style `%5`.
    Percent(Num),
    /// An amount written with a currency sign: `¥20`, `￥1,200`.
    Money(Num),
    /// A simple fraction `1/3` (numerator below a denominator of 2 to 10).
    Fraction {
        /// Numerator.
        num: u64,
        /// Denominator.
        den: u64,
    },
    /// An all-numeric date: `2021-01-15`, `2021/1/15`, `2021.01.15`.
    Date {
        /// The year's digits, four of them.
        year: String,
        /// Month, 1–12.
        month: u64,
        /// Day, 1–31.
        day: u64,
    },
    /// A clock time `9:30`, `13:05:20`.
    Time {
        /// Hour, 0–24.
        hour: u64,
        /// Minute, 0–59.
        minute: u64,
        /// Second, when written.
        second: Option<u64>,
    },
    /// Digits read one by one, in the groups to pause between.
    Digits {
        /// What the digits are.
        kind: DigitKind,
        /// The groups; ASCII digits, an ID's last group may end in `X`.
        groups: Vec<String>,
    },
    /// `A-B`, `A~B`, `A—B` between two numbers, two times or two dates.
    Range(Box<Expr>, Box<Expr>),
}

/// The text around an expression, with digits and symbols already mapped by [`canonical`].
pub(crate) struct Context<'a> {
    /// Everything before the expression.
    pub before: &'a [char],
    /// Everything after the expression.
    pub after: &'a [char],
}

/// What a language module says for one expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Spoken {
    /// The words.
    pub text: String,
    /// How many characters of [`Context::after`] the words replace (a unit or suffix).
    pub consumed: usize,
}

impl Spoken {
    /// Words that replace only the expression itself.
    pub(crate) fn new(text: String) -> Spoken {
        Spoken { text, consumed: 0 }
    }
}

/// Maps the characters the tokenizer treats alike onto one: other digit forms onto ASCII digits,
/// fullwidth and typographic symbols onto their ASCII form. Used for matching only; text that is
/// not part of a numeric expression is copied from the original.
pub(crate) fn canonical(c: char) -> char {
    let digit = |base: char| char::from_u32(u32::from('0') + (u32::from(c) - u32::from(base)));
    match c {
        '０'..='９' => digit('０').unwrap_or(c),
        '\u{0660}'..='\u{0669}' => digit('\u{0660}').unwrap_or(c),
        '\u{06F0}'..='\u{06F9}' => digit('\u{06F0}').unwrap_or(c),
        '\u{1810}'..='\u{1819}' => digit('\u{1810}').unwrap_or(c),
        '％' | '٪' => '%',
        '：' => ':',
        '／' => '/',
        '．' => '.',
        '－' | '−' | '‐' | '‑' | '‒' => '-',
        '～' | '〜' => '~',
        '￥' => '¥',
        _ => c,
    }
}

/// Whether `c` (already [`canonical`]) is a digit.
fn is_digit(c: char) -> bool {
    c.is_ascii_digit()
}

/// Whether `c` is a Han ideograph.
pub(crate) fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

/// Whether `c` is a letter of the Arabic script as Uyghur uses it (not a digit, mark, tatweel or
/// punctuation).
pub(crate) fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0620}'..='\u{063F}' | '\u{0641}'..='\u{064A}' | '\u{0671}'..='\u{06D5}')
}

/// Whether `c` is a letter of the Mongolian script, or one of its in-word format controls
/// (free variation selectors, the vowel separator).
pub(crate) fn is_mongolian_letter(c: char) -> bool {
    matches!(c, '\u{1820}'..='\u{18AA}' | '\u{180B}'..='\u{180F}')
}

/// Length of the run of digits starting at `i`.
fn digit_run(s: &[char], i: usize) -> usize {
    s.get(i..)
        .map_or(0, |rest| rest.iter().take_while(|&&c| is_digit(c)).count())
}

/// The digits `s[i..i + len]` as a string.
fn digits_at(s: &[char], i: usize, len: usize) -> String {
    s.get(i..i + len)
        .map_or_else(String::new, |d| d.iter().collect())
}

/// Index of the first character at or after `i` that is not a plain space.
pub(crate) fn skip_spaces(s: &[char], i: usize) -> usize {
    let mut j = i;
    while s.get(j) == Some(&' ') {
        j += 1;
    }
    j
}

/// Whether `s` starts with the characters of `word`.
pub(crate) fn starts_with(s: &[char], word: &str) -> bool {
    word.chars().enumerate().all(|(k, w)| s.get(k) == Some(&w))
}

/// Whether `s` ends with the characters of `word`.
pub(crate) fn ends_with(s: &[char], word: &str) -> bool {
    let w: Vec<char> = word.chars().collect();
    s.len() >= w.len() && s[s.len() - w.len()..] == w[..]
}

/// Finds the numeric expression that starts at `i`, with the index just past it. Returns `None`
/// when no expression starts there; a digit at `i` always starts one.
fn parse_at(s: &[char], i: usize, quantity: QuantityRule) -> Option<(Expr, usize)> {
    let (first, end) = parse_single(s, i, quantity)?;
    match range_tail(s, end, &first, quantity) {
        Some((second, end2)) => Some((Expr::Range(Box::new(first), Box::new(second)), end2)),
        None => Some((first, end)),
    }
}

/// Whether `c` joins the two ends of a range.
fn is_range_mark(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '―' | '~')
}

/// The second end of a range after `first`, if a range mark and a compatible expression follow.
fn range_tail(
    s: &[char],
    end: usize,
    first: &Expr,
    quantity: QuantityRule,
) -> Option<(Expr, usize)> {
    let mut j = skip_spaces(s, end);
    let mark = *s.get(j)?;
    if !is_range_mark(mark) {
        return None;
    }
    j += 1;
    while mark == '—' && s.get(j) == Some(&'—') {
        j += 1;
    }
    j = skip_spaces(s, j);
    if !s.get(j).is_some_and(|&c| is_digit(c) || c == '¥') {
        return None;
    }
    let (second, end2) = parse_single(s, j, quantity)?;
    let amount = |e: &Expr| matches!(e, Expr::Number(_) | Expr::Percent(_) | Expr::Money(_));
    let fits = match (first, &second) {
        (Expr::Time { .. }, Expr::Time { .. }) | (Expr::Date { .. }, Expr::Date { .. }) => true,
        (a, b) => amount(a) && amount(b),
    };
    fits.then_some((second, end2))
}

/// One expression at `i`, without looking for a range.
fn parse_single(s: &[char], i: usize, quantity: QuantityRule) -> Option<(Expr, usize)> {
    let c = *s.get(i)?;
    let digit_next = s.get(i + 1).is_some_and(|&d| is_digit(d));
    match c {
        '¥' => {
            let j = if s.get(i + 1) == Some(&' ') {
                i + 2
            } else {
                i + 1
            };
            if !s.get(j).is_some_and(|&d| is_digit(d)) {
                return None;
            }
            let (num, end) = parse_number(s, j);
            Some((Expr::Money(num), end))
        }
        '%' if digit_next => {
            let (num, end) = parse_number(s, i + 1);
            Some((Expr::Percent(num), end))
        }
        '-' if digit_next && minus_may_follow(s, i) => {
            let (inner, end) = parse_digits(s, i + 1, quantity);
            let negate = |mut n: Num| {
                n.negative = true;
                n
            };
            match inner {
                Expr::Number(n) => Some((Expr::Number(negate(n)), end)),
                Expr::Percent(n) => Some((Expr::Percent(negate(n)), end)),
                _ => None,
            }
        }
        d if is_digit(d) => Some(parse_digits(s, i, quantity)),
        _ => None,
    }
}

/// Whether a minus sign at `i` may be a sign rather than a hyphen: it must not follow a digit or
/// a letter of an alphabet (`A-5`, `ئاي-5`), though it may follow Han (`气温-5℃`).
fn minus_may_follow(s: &[char], i: usize) -> bool {
    match i.checked_sub(1).and_then(|p| s.get(p)) {
        None => true,
        Some(&p) => !p.is_alphanumeric() || is_han(p),
    }
}

/// An expression that starts with a digit at `i`. Always consumes at least that digit.
fn parse_digits(s: &[char], i: usize, quantity: QuantityRule) -> (Expr, usize) {
    let run = digit_run(s, i).max(1);
    let prev = i.checked_sub(1).and_then(|p| s.get(p)).copied();
    if prev.is_some_and(|p| p.is_ascii_alphabetic()) {
        return latin_code(s, i, run);
    }
    date(s, i, run)
        .or_else(|| time(s, i, run))
        .or_else(|| area_code_phone(s, i, run))
        .or_else(|| digit_groups(s, i, run))
        .or_else(|| fraction(s, i, run))
        .unwrap_or_else(|| plain(s, i, run, quantity))
}

/// The digit run at `i` as a code read digit by digit.
fn code(s: &[char], i: usize, run: usize) -> (Expr, usize) {
    let groups = vec![digits_at(s, i, run)];
    let kind = DigitKind::Code;
    (Expr::Digits { kind, groups }, i + run)
}

/// Digits right after a Latin letter (`A3`, `B12`, `V1.2.3`): a code, its dot-separated parts
/// kept as groups.
fn latin_code(s: &[char], i: usize, run: usize) -> (Expr, usize) {
    let mut groups = vec![digits_at(s, i, run)];
    let mut end = i + run;
    while s.get(end) == Some(&'.') && digit_run(s, end + 1) > 0 {
        let len = digit_run(s, end + 1);
        groups.push(digits_at(s, end + 1, len));
        end += 1 + len;
    }
    let kind = DigitKind::Code;
    (Expr::Digits { kind, groups }, end)
}

/// `2021-01-15`, `2021/1/15`, `2021.1.15`: a four-digit year, one separator used twice.
fn date(s: &[char], i: usize, run: usize) -> Option<(Expr, usize)> {
    if run != 4 {
        return None;
    }
    let sep = *s.get(i + 4)?;
    if !matches!(sep, '-' | '/' | '.') {
        return None;
    }
    let m_len = digit_run(s, i + 5);
    let d_start = i + 5 + m_len + 1;
    let d_len = digit_run(s, d_start);
    if !(1..=2).contains(&m_len) || s.get(i + 5 + m_len) != Some(&sep) || !(1..=2).contains(&d_len)
    {
        return None;
    }
    let end = d_start + d_len;
    if s.get(end) == Some(&sep) && s.get(end + 1).is_some_and(|&c| is_digit(c)) {
        return None;
    }
    let year = digits_at(s, i, 4);
    let month = small_value(&digits_at(s, i + 5, m_len))?;
    let day = small_value(&digits_at(s, d_start, d_len))?;
    let valid = (1000..=2999).contains(&small_value(&year)?)
        && (1..=12).contains(&month)
        && (1..=31).contains(&day);
    valid.then_some((Expr::Date { year, month, day }, end))
}

/// `9:30`, `09:00`, `13:05:20`: hour up to 24, two-digit minutes and seconds below 60.
fn time(s: &[char], i: usize, run: usize) -> Option<(Expr, usize)> {
    if !(1..=2).contains(&run) || s.get(i + run) != Some(&':') || digit_run(s, i + run + 1) != 2 {
        return None;
    }
    let hour = small_value(&digits_at(s, i, run))?;
    let minute = small_value(&digits_at(s, i + run + 1, 2))?;
    let mut end = i + run + 3;
    let mut second = None;
    if s.get(end) == Some(&':') && digit_run(s, end + 1) == 2 {
        second = Some(small_value(&digits_at(s, end + 1, 2))?);
        end += 3;
    }
    let valid = hour <= 24 && minute <= 59 && second.is_none_or(|v| v <= 59);
    let valid = valid && (hour < 24 || (minute == 0 && second.unwrap_or(0) == 0));
    valid.then_some((
        Expr::Time {
            hour,
            minute,
            second,
        },
        end,
    ))
}

/// `0996-1234567`, `010 12345678`: a 3–4 digit area code starting with 0, then 7–8 digits.
fn area_code_phone(s: &[char], i: usize, run: usize) -> Option<(Expr, usize)> {
    if !(3..=4).contains(&run) || s.get(i) != Some(&'0') {
        return None;
    }
    if !matches!(s.get(i + run), Some('-' | ' ')) {
        return None;
    }
    let local = digit_run(s, i + run + 1);
    if !(7..=8).contains(&local) {
        return None;
    }
    let groups = vec![digits_at(s, i, run), digits_at(s, i + run + 1, local)];
    let end = i + run + 1 + local;
    let kind = DigitKind::Phone;
    Some((Expr::Digits { kind, groups }, end))
}

/// Digits written in groups with single spaces or hyphens: a mobile number `138 1234 5678`, an
/// ID `650102 19800101 123X`, a card `6222 0212 3456 7890`. At least three groups of 3–8.
fn digit_groups(s: &[char], i: usize, run: usize) -> Option<(Expr, usize)> {
    let sep = *s.get(i + run)?;
    if !matches!(sep, ' ' | '-') || !(3..=8).contains(&run) {
        return None;
    }
    let mut groups = vec![digits_at(s, i, run)];
    let mut end = i + run;
    let mut total = run;
    while s.get(end) == Some(&sep) {
        let len = digit_run(s, end + 1);
        if len == 0 {
            break;
        }
        // Past the longest kind (19 digits) or a group's size, this is no such number: stop
        // looking at once, so that a long line of digit runs stays linear.
        total += len;
        if total > 19 || !(3..=8).contains(&len) {
            return None;
        }
        groups.push(digits_at(s, end + 1, len));
        end += 1 + len;
    }
    if matches!(s.get(end), Some('X' | 'x')) && !s.get(end + 1).is_some_and(|c| c.is_alphanumeric())
    {
        if let Some(last) = groups.last_mut() {
            last.push('X');
            end += 1;
        }
    }
    let total: usize = groups.iter().map(String::len).sum();
    let sizes_ok = groups.len() >= 3 && groups.iter().all(|g| (3..=8).contains(&g.len()));
    let has_x = groups.last().is_some_and(|g| g.ends_with('X'));
    let kind = match total {
        11 if groups[0].starts_with('1') && !has_x => DigitKind::Phone,
        15 | 18 => DigitKind::Id,
        16 | 17 | 19 if !has_x => DigitKind::Card,
        _ => return None,
    };
    sizes_ok.then_some((Expr::Digits { kind, groups }, end))
}

/// `1/3`, `2/5`: a fraction only when nothing else can be meant (both numbers small, numerator
/// below denominator, denominator 2–10, no further `/` or digit around it).
fn fraction(s: &[char], i: usize, run: usize) -> Option<(Expr, usize)> {
    if !(1..=2).contains(&run) || s.get(i + run) != Some(&'/') {
        return None;
    }
    let den_len = digit_run(s, i + run + 1);
    let end = i + run + 1 + den_len;
    if !(1..=2).contains(&den_len) || matches!(s.get(end), Some('/' | '.')) {
        return None;
    }
    if i > 0 && matches!(s.get(i - 1), Some('/' | '.')) {
        return None;
    }
    let num = small_value(&digits_at(s, i, run))?;
    let den = small_value(&digits_at(s, i + run + 1, den_len))?;
    (num >= 1 && num < den && (2..=10).contains(&den)).then_some((Expr::Fraction { num, den }, end))
}

/// A number with optional thousands groups (`1,200`, `1،200`) and decimals (`3.5`).
fn parse_number(s: &[char], i: usize) -> (Num, usize) {
    let run = digit_run(s, i).max(1);
    let mut int = digits_at(s, i, run);
    let mut j = i + run;
    if run <= 3 {
        while matches!(s.get(j), Some(',' | '،')) && digit_run(s, j + 1) == 3 {
            int.push_str(&digits_at(s, j + 1, 3));
            j += 4;
        }
    }
    let mut frac = String::new();
    if s.get(j) == Some(&'.') && s.get(j + 1).is_some_and(|&c| is_digit(c)) {
        let len = digit_run(s, j + 1);
        frac = digits_at(s, j + 1, len);
        j += 1 + len;
    }
    let negative = false;
    (
        Num {
            negative,
            int,
            frac,
        },
        j,
    )
}

/// A number that is not a date, time or grouped code: a cardinal, a percentage, or a plain
/// digit run that is a phone number, hotline, ID or card by its length.
fn plain(s: &[char], i: usize, run: usize, quantity: QuantityRule) -> (Expr, usize) {
    let (num, end) = parse_number(s, i);
    if s.get(end) == Some(&'%') {
        return (Expr::Percent(num), end + 1);
    }
    if s.get(end) == Some(&' ') && s.get(end + 1) == Some(&'%') {
        return (Expr::Percent(num), end + 2);
    }
    if end != i + run {
        return (Expr::Number(num), end);
    }
    let digits = num.int.clone();
    let len = digits.len();
    let next = s.get(end).copied();
    let digit_kind = |kind, sizes: &[usize]| Expr::Digits {
        kind,
        groups: split_sizes(&digits, sizes),
    };
    if len == 17 && matches!(next, Some('X' | 'x')) {
        let mut id = digits.clone();
        id.push('X');
        let groups = split_sizes(&id, &[6, 8, 4]);
        let kind = DigitKind::Id;
        return (Expr::Digits { kind, groups }, end + 1);
    }
    match len {
        18 => return (digit_kind(DigitKind::Id, &[6, 8, 4]), end),
        15 => return (digit_kind(DigitKind::Id, &[6, 6, 3]), end),
        16 | 17 | 19 => return (digit_kind(DigitKind::Card, &[4, 4, 4, 4, 4]), end),
        _ => {}
    }
    if next.is_some_and(|c| c.is_ascii_alphabetic()) && !latin_unit_follows(&s[end..]) {
        return code(s, i, run);
    }
    if len >= 3 && digits.starts_with('0') {
        return code(s, i, run);
    }
    if quantity(&s[..i], &s[end..]) {
        return (Expr::Number(num), end);
    }
    if HOTLINES.contains(&digits.as_str()) || (7..=12).contains(&len) {
        let sizes: &[usize] = if len == 11 && digits.starts_with('1') {
            &[3, 4, 4]
        } else {
            &[len]
        };
        return (digit_kind(DigitKind::Phone, sizes), end);
    }
    if len > 13 {
        return code(s, i, run);
    }
    (Expr::Number(num), end)
}

/// Whether the Latin letters at the start of `after` are a unit symbol.
fn latin_unit_follows(after: &[char]) -> bool {
    let word: String = after
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    LATIN_UNITS.contains(&word.as_str())
}

/// Splits `digits` into groups of the given sizes; what is left over forms a last group.
fn split_sizes(digits: &str, sizes: &[usize]) -> Vec<String> {
    let chars: Vec<char> = digits.chars().collect();
    let mut groups = Vec::new();
    let mut start = 0;
    for &size in sizes {
        if start >= chars.len() {
            break;
        }
        let end = (start + size).min(chars.len());
        groups.push(chars[start..end].iter().collect());
        start = end;
    }
    if start < chars.len() {
        groups.push(chars[start..].iter().collect());
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn no_quantity(_: &[char], _: &[char]) -> bool {
        false
    }

    /// The expression at the first character of `text`, or after a leading Latin letter.
    fn parse(text: &str) -> Option<(Expr, usize)> {
        let s: Vec<char> = text.chars().map(canonical).collect();
        let start = usize::from(s.first().is_some_and(char::is_ascii_alphabetic));
        parse_at(&s, start, no_quantity)
    }

    fn digits(kind: DigitKind, groups: &[&str]) -> Expr {
        let groups = groups.iter().map(|g| (*g).to_owned()).collect();
        Expr::Digits { kind, groups }
    }

    #[test]
    fn tokenizer_classifies_expressions() {
        let n = |s: &str| Expr::Number(Num::whole(s));
        let table: Vec<(&str, Expr, usize)> = vec![
            ("15日", n("15"), 2),
            ("1,200元", n("1200"), 5),
            ("1،200", n("1200"), 5),
            ("1,20", n("1"), 1),
            (
                "３．５",
                Expr::Number(Num {
                    negative: false,
                    int: "3".into(),
                    frac: "5".into(),
                }),
                3,
            ),
            ("5%", Expr::Percent(Num::whole("5")), 2),
            ("%60", Expr::Percent(Num::whole("60")), 3),
            ("¥20", Expr::Money(Num::whole("20")), 3),
            (
                "2021-01-15",
                Expr::Date {
                    year: "2021".into(),
                    month: 1,
                    day: 15,
                },
                10,
            ),
            ("2021/13/15", n("2021"), 4),
            (
                "9:30",
                Expr::Time {
                    hour: 9,
                    minute: 30,
                    second: None,
                },
                4,
            ),
            ("3:2", n("3"), 1),
            (
                "0996-1234567",
                digits(DigitKind::Phone, &["0996", "1234567"]),
                12,
            ),
            (
                "13812345678",
                digits(DigitKind::Phone, &["138", "1234", "5678"]),
                11,
            ),
            (
                "138 1234 5678",
                digits(DigitKind::Phone, &["138", "1234", "5678"]),
                13,
            ),
            ("12345", digits(DigitKind::Phone, &["12345"]), 5),
            (
                "65010219800101123X",
                digits(DigitKind::Id, &["650102", "19800101", "123X"]),
                18,
            ),
            (
                "6222021234567890",
                digits(DigitKind::Card, &["6222", "0212", "3456", "7890"]),
                16,
            ),
            ("1/3", Expr::Fraction { num: 1, den: 3 }, 3),
            ("1/15", n("1"), 1),
            ("5G", digits(DigitKind::Code, &["5"]), 1),
            ("V1.2.3", digits(DigitKind::Code, &["1", "2", "3"]), 6),
            ("20kg", n("20"), 2),
            ("007", digits(DigitKind::Code, &["007"]), 3),
            (
                "-5℃",
                Expr::Number(Num {
                    negative: true,
                    int: "5".into(),
                    frac: String::new(),
                }),
                2,
            ),
            (
                "9:30-13:30",
                Expr::Range(
                    Box::new(Expr::Time {
                        hour: 9,
                        minute: 30,
                        second: None,
                    }),
                    Box::new(Expr::Time {
                        hour: 13,
                        minute: 30,
                        second: None,
                    }),
                ),
                10,
            ),
            ("3-5天", Expr::Range(Box::new(n("3")), Box::new(n("5"))), 3),
            ("2021-يىلى", n("2021"), 4),
        ];
        for (input, expected, end) in table {
            assert_eq!(parse(input), Some((expected, end)), "{input}");
        }
    }

    #[test]
    fn non_numbers_start_nothing() {
        for text in ["-", "¥", "%", "A", "第", "- 3", "¥ ", "A-3"] {
            assert_eq!(parse(text), None, "{text}");
        }
    }

    /// Whether `text` holds a digit that must never reach the speech engine.
    fn has_digit(text: &str) -> bool {
        text.chars().any(|c| canonical(c).is_ascii_digit())
    }

    /// Text built from the pieces service guides are made of, so that the properties are tried
    /// on numeric expressions and not only on random code points.
    fn guide_like() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "0",
            "1",
            "2",
            "3",
            "5",
            "9",
            "０",
            "٣",
            "᠕",
            "12345",
            "2021",
            "-",
            "—",
            "~",
            ":",
            "：",
            "/",
            ".",
            ",",
            "،",
            "%",
            "¥",
            "￥",
            " ",
            "\u{202F}",
            "X",
            "A",
            "第",
            "元",
            "年",
            "月",
            "日",
            "号",
            "个",
            "岁",
            "室",
            "，",
            "يىلى",
            "كۈنى",
            "گە",
            "دىن",
            "يۈەن",
            "سائەت",
            "ᠣᠨ",
            "ᠳᠤᠭᠠᠷ",
            "ᠶᠤᠸᠠᠨ",
            "ᠬᠦᠷᠲᠡᠯᠡ",
            "᠂",
            "ـ",
            "kg",
        ]);
        prop::collection::vec(pieces, 0..24).prop_map(|v| v.concat())
    }

    fn check(text: &str) -> Result<(), TestCaseError> {
        for lang in Language::ALL {
            let once = normalize(lang, text);
            prop_assert!(!has_digit(&once), "{lang:?} {text:?} → {once:?}");
            let twice = normalize(lang, &once);
            prop_assert_eq!(&twice, &once, "{:?} not idempotent on {:?}", lang, text);
        }
        Ok(())
    }

    proptest! {
        #[test]
        fn arbitrary_unicode_is_spoken_without_digits(text in any::<String>()) {
            check(&text)?;
        }

        #[test]
        fn guide_like_text_is_spoken_without_digits(text in guide_like()) {
            check(&text)?;
        }

        #[test]
        fn every_integer_is_said(n in any::<u64>(), neg in any::<bool>()) {
            let text = if neg { format!("-{n}") } else { n.to_string() };
            check(&text)?;
        }
    }
}
