//! `<say-as>` of the speech markup: reading a piece of text as the author says it is, rather
//! than as [`normalize`](super::normalize) would guess.

use super::{canonical, parse_number, render, Context, DigitKind, Expr};
use crate::lang::Language;
use crate::text::markup::{DateFormat, SayAs};

/// The words for `text` read as `how` in `lang`, or `None` when the text is not of that kind
/// (a date that is not a date); the caller then reads it as ordinary text.
///
/// - digits: every digit one by one (`2024` → 二零二四), other characters dropped;
/// - telephone: digit by digit in the groups written between separators, as phone numbers are
///   read (`0996-2021234`);
/// - characters: each character on its own, digits as digit words;
/// - cardinal: one number (`1,200`, `3.5`);
/// - date: three numbers in the given order, separated by `-`, `/` or `.`.
pub fn say_as(lang: Language, how: SayAs, text: &str) -> Option<String> {
    let chars: Vec<char> = text.trim().chars().map(canonical).collect();
    match how {
        SayAs::Digits => {
            let digits: String = chars.iter().filter(|c| c.is_ascii_digit()).collect();
            (!digits.is_empty()).then(|| say(lang, &digit_expr(DigitKind::Code, vec![digits])))
        }
        SayAs::Telephone => {
            let groups: Vec<String> = chars
                .split(|c| !c.is_ascii_digit())
                .filter(|g| !g.is_empty())
                .map(|g| g.iter().collect())
                .collect();
            (!groups.is_empty()).then(|| say(lang, &digit_expr(DigitKind::Phone, groups)))
        }
        SayAs::Characters => {
            let words: Vec<String> = chars
                .iter()
                .filter(|c| !c.is_whitespace())
                .map(|&c| match c {
                    '0'..='9' => say(lang, &digit_expr(DigitKind::Code, vec![c.to_string()])),
                    other => other.to_string(),
                })
                .collect();
            (!words.is_empty()).then(|| words.join(" "))
        }
        SayAs::Cardinal => {
            let negative = chars.first() == Some(&'-');
            let start = usize::from(negative);
            if !chars.get(start).is_some_and(char::is_ascii_digit) {
                return None;
            }
            let (mut num, end) = parse_number(&chars, start);
            num.negative = negative;
            (end == chars.len()).then(|| say(lang, &Expr::Number(num)))
        }
        SayAs::Date { format } => date(&chars, format).map(|expr| say(lang, &expr)),
    }
}

fn digit_expr(kind: DigitKind, groups: Vec<String>) -> Expr {
    Expr::Digits { kind, groups }
}

/// Says an expression with nothing around it.
fn say(lang: Language, expr: &Expr) -> String {
    let ctx = Context {
        before: &[],
        after: &[],
    };
    render(lang, expr, &ctx).text
}

/// Three numbers separated by one of `-` `/` `.`, in the order `format` gives; a four-digit year.
fn date(chars: &[char], format: DateFormat) -> Option<Expr> {
    let fields: Vec<String> = chars
        .split(|c| matches!(c, '-' | '/' | '.'))
        .map(|f| f.iter().collect())
        .collect();
    if fields.len() != 3
        || fields
            .iter()
            .any(|f| f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let (y, m, d) = match format {
        DateFormat::Ymd => (0, 1, 2),
        DateFormat::Dmy => (2, 1, 0),
        DateFormat::Mdy => (2, 0, 1),
    };
    let month: u64 = fields[m].parse().ok()?;
    let day: u64 = fields[d].parse().ok()?;
    let ok = fields[y].len() == 4 && (1..=12).contains(&month) && (1..=31).contains(&day);
    ok.then(|| Expr::Date {
        year: fields[y].clone(),
        month,
        day,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_in_mandarin() {
        let zh = |how, text| say_as(Language::Mandarin, how, text);
        assert_eq!(zh(SayAs::Digits, "2024").as_deref(), Some("二零二四"));
        assert_eq!(zh(SayAs::Cardinal, "2024").as_deref(), Some("两千零二十四"));
        assert_eq!(zh(SayAs::Cardinal, "1,200").as_deref(), Some("一千二百"));
        assert_eq!(zh(SayAs::Cardinal, "12a"), None);
        let date = SayAs::Date {
            format: DateFormat::Dmy,
        };
        assert_eq!(
            zh(date, "15/01/2021").as_deref(),
            Some("二〇二一年一月十五日")
        );
        assert_eq!(zh(date, "15/13/2021"), None);
        assert_eq!(zh(SayAs::Characters, "A3").as_deref(), Some("A 三"));
        let phone = zh(SayAs::Telephone, "0996-2021234").unwrap();
        assert!(!phone.chars().any(|c| c.is_ascii_digit()), "{phone}");
        assert!(phone.contains('，'), "{phone}");
    }

    #[test]
    fn uyghur_and_mongolian_have_no_digits_left() {
        for lang in [Language::Uyghur, Language::Mongolian] {
            for how in [
                SayAs::Digits,
                SayAs::Telephone,
                SayAs::Cardinal,
                SayAs::Characters,
            ] {
                let words = say_as(lang, how, "12345").unwrap();
                assert!(
                    !words.chars().any(|c| c.is_ascii_digit()),
                    "{lang:?} {how:?} {words}"
                );
                assert!(!words.is_empty());
            }
        }
    }
}
