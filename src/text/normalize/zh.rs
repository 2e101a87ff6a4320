//! Mandarin (zh-Hans-CN): how numbers are said in simplified Chinese.
//!
//! Choices, as a counter clerk says them:
//! - **二 and 两.** A lone 2 before a measure word says 两 (`2个` 两个, `2小时` 两小时, `2元` 两元,
//!   `2点` 两点); before 月 号 日 楼 层 路 and after 第 it stays 二. Inside a number, 2 says 两 in
//!   the 千 place (2000 两千, 12000 一万两千) and as the whole leading group before 万 or 亿
//!   (20000 两万, 2亿 两亿), and 二 in the 百, 十 and units places (200 二百, 22 二十二). After 第
//!   every 2 is 二 (第2000 第二千).
//! - **Digit by digit:** years before 年 (二〇二一年, with 〇), phone numbers and hotlines, ID and
//!   bank card numbers, room numbers before 室, codes next to Latin letters (A3 → A三). Phone, ID
//!   and card digits say 1 as 幺; years and codes say 一. Groups are separated by `，` (a pause):
//!   mobile 3-4-4, ID 6-8-4 (old 15-digit IDs 6-6-3), bank cards by four.
//! - **Money** is said formally with 元角分: `20.50元` 二十元五角, `10.05元` 十元零五分.
//!   `元/月` after an amount says 元每月.
//! - **Clock times**: 9:00 九点, 9:30 九点三十分, 13:05 十三点零五分, 2:00 两点.
//! - **Ranges** with `-` `–` `—` `~` say 到; 至 and 到 written in the text stay.
//! - **Percent**: 百分之五, 百分之十二点五, 100% 百分之百; negative numbers say 负.

#[cfg(test)]
use super::small_value;
use super::{Context, DigitKind, Expr, Num, Spoken};

/// Digit names, 0–9.
const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// Measure words and units before which a lone 2 says 两. Longer entries first where one is a
/// prefix of another does not matter: any match counts.
const MEASURES: [&str; 74] = [
    "个", "张", "件", "份", "本", "次", "位", "名", "人", "岁", "周岁", "天", "年", "小时", "分钟",
    "分", "秒", "元", "块", "角", "毛", "公里", "千米", "米", "斤", "公斤", "千克", "克", "台",
    "辆", "间", "套", "项", "条", "种", "类", "批", "道", "步", "倍", "户", "家", "所", "座", "栋",
    "处", "口", "周", "星期", "点", "万", "千", "亿", "趟", "遍", "页", "篇", "双", "对", "盒",
    "瓶", "袋", "包", "顿", "笔", "枚", "片", "粒", "支", "只", "部", "节", "课时", "升",
];

/// Words after which a number is a quantity or a date part, never a phone number.
const QUANTITY_WORDS: [&str; 20] = [
    "月", "日", "号", "楼", "层", "室", "路", "级", "期", "届", "亩", "平方", "立方", "度", "℃",
    "余", "多", "例", "起", "%",
];

/// Whether the number between `before` and `after` counts something (see
/// [`QuantityRule`](super::QuantityRule)): it follows 第 or precedes a measure word or unit.
pub(super) fn quantity_follows(before: &[char], after: &[char]) -> bool {
    if before.last() == Some(&'第') {
        return true;
    }
    let after = &after[super::skip_spaces(after, 0).min(after.len())..];
    MEASURES
        .iter()
        .chain(QUANTITY_WORDS.iter())
        .any(|w| super::starts_with(after, w))
}

/// Whether a measure word that calls for 两 starts `after`.
fn measure_follows(after: &[char]) -> bool {
    MEASURES.iter().any(|w| super::starts_with(after, w))
}

/// How 2 is said inside a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Two {
    /// 两 in the 千 place and as a leading group before 万/亿.
    Liang,
    /// Always 二 (ordinals).
    Er,
}

/// Says one expression.
pub(super) fn render(expr: &Expr, ctx: &Context<'_>) -> Spoken {
    match expr {
        Expr::Number(n) => number_in_context(n, ctx),
        Expr::Percent(n) => Spoken::new(percent(n)),
        Expr::Money(n) => money_in_context(n, ctx, 0),
        Expr::Fraction { num, den } => Spoken::new(format!(
            "{}分之{}",
            cardinal(*den, Two::Er),
            cardinal(*num, Two::Er)
        )),
        Expr::Date { year, month, day } => Spoken::new(format!(
            "{}年{}月{}日",
            year_digits(year),
            cardinal(*month, Two::Er),
            cardinal(*day, Two::Er)
        )),
        Expr::Time {
            hour,
            minute,
            second,
        } => Spoken::new(time(*hour, *minute, *second)),
        Expr::Digits { kind, groups } => Spoken::new(digit_groups(*kind, groups)),
        Expr::Range(a, b) => range(a, b, ctx),
    }
}

/// A number, said according to what is around it.
fn number_in_context(n: &Num, ctx: &Context<'_>) -> Spoken {
    let after = ctx.after;
    if ctx.before.last() == Some(&'第') {
        return Spoken::new(number(n, Two::Er));
    }
    if is_year(n, after) {
        return Spoken::new(year_digits(&n.int));
    }
    if after.first() == Some(&'元') {
        return money_in_context(n, ctx, 1);
    }
    if n.is_whole()
        && !n.negative
        && n.int.len() >= 3
        && ["室", "房间"].iter().any(|w| super::starts_with(after, w))
    {
        return Spoken::new(digits(&n.int, true));
    }
    if n.is(2) && measure_follows(after) {
        return Spoken::new("两".to_owned());
    }
    Spoken::new(number(n, Two::Liang))
}

/// Whether `n` is a four-digit year followed by 年.
fn is_year(n: &Num, after: &[char]) -> bool {
    n.is_whole() && !n.negative && n.int.len() == 4 && after.first() == Some(&'年')
}

/// An amount of money followed by `unit_len` characters of unit (元) that the words replace;
/// a following `/` before a Han character (`元/月`) says 每.
fn money_in_context(n: &Num, ctx: &Context<'_>, unit_len: usize) -> Spoken {
    let mut text = money(n);
    let mut consumed = unit_len;
    let after = ctx.after;
    if after.get(consumed) == Some(&'/')
        && after.get(consumed + 1).is_some_and(|&c| super::is_han(c))
    {
        text.push('每');
        consumed += 1;
    }
    Spoken { text, consumed }
}

/// An amount in 元角分: 二十元五角, 十元零五分, 五角. More than two decimals, or an amount too
/// large for words, is said as a decimal number followed by 元.
fn money(n: &Num) -> String {
    let sign = if n.negative { "负" } else { "" };
    let (Some(yuan), true) = (n.int_value(), n.frac.len() <= 2) else {
        return format!("{}元", number(n, Two::Liang));
    };
    let mut cents = n.frac.bytes().map(|b| u64::from(b - b'0'));
    let jiao = cents.next().unwrap_or(0);
    let fen = cents.next().unwrap_or(0);
    let unit_digit = |d: u64| {
        if d == 2 {
            '两'
        } else {
            DIGITS[d as usize % 10]
        }
    };
    let mut out = sign.to_owned();
    if yuan > 0 || (jiao == 0 && fen == 0) {
        out.push_str(&if yuan == 2 {
            "两".to_owned()
        } else {
            cardinal(yuan, Two::Liang)
        });
        out.push('元');
    }
    if jiao > 0 {
        out.push(unit_digit(jiao));
        out.push('角');
    }
    if fen > 0 {
        if yuan > 0 && jiao == 0 {
            out.push('零');
        }
        out.push(unit_digit(fen));
        out.push('分');
    }
    out
}

/// 百分之五, 百分之十二点五, 百分之百, 负百分之三.
fn percent(n: &Num) -> String {
    let sign = if n.negative { "负" } else { "" };
    let magnitude = Num {
        negative: false,
        ..n.clone()
    };
    if magnitude.is(100) {
        return format!("{sign}百分之百");
    }
    format!("{sign}百分之{}", number(&magnitude, Two::Liang))
}

/// 九点, 九点三十分, 十三点零五分, 两点, 九点三十分十五秒.
fn time(hour: u64, minute: u64, second: Option<u64>) -> String {
    let mut out = if hour == 2 {
        "两".to_owned()
    } else {
        cardinal(hour, Two::Er)
    };
    out.push('点');
    let second = second.filter(|&s| s > 0);
    if minute > 0 || second.is_some() {
        out.push_str(&two_digit(minute));
        out.push('分');
    }
    if let Some(s) = second {
        out.push_str(&two_digit(s));
        out.push('秒');
    }
    out
}

/// Minutes and seconds: 零五 for 5, 三十 for 30, 零 for 0.
fn two_digit(v: u64) -> String {
    if v < 10 {
        format!("零{}", if v == 0 { "" } else { cardinal_str(v) })
    } else {
        cardinal(v, Two::Er)
    }
}

/// A one-digit cardinal as a string slice.
fn cardinal_str(v: u64) -> &'static str {
    ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"][v as usize % 10]
}

/// A range: the left end said as the right end's kind, joined by 到.
fn range(a: &Expr, b: &Expr, ctx: &Context<'_>) -> Spoken {
    let right = match (a, b) {
        (Expr::Money(_), Expr::Number(y)) => {
            money_in_context(y, ctx, usize::from(ctx.after.first() == Some(&'元')))
        }
        _ => render(b, ctx),
    };
    let after = ctx.after;
    let ordinal = ctx.before.last() == Some(&'第');
    let left = match (a, b) {
        (Expr::Number(x), _) if ordinal => number(x, Two::Er),
        (Expr::Number(x), Expr::Percent(_)) => percent(x),
        (Expr::Number(x), Expr::Number(y)) if is_year(x, &['年']) && is_year(y, after) => {
            year_digits(&x.int)
        }
        (Expr::Number(x), Expr::Number(y))
            if after.first() == Some(&'元') && !(x.is_whole() && y.is_whole()) =>
        {
            money(x)
        }
        (Expr::Number(x), _) if x.is(2) && measure_follows(after) => "两".to_owned(),
        (Expr::Number(x), _) => number(x, Two::Liang),
        (Expr::Money(x), _) => money(x),
        _ => {
            let bare = Context {
                before: ctx.before,
                after: &[],
            };
            render(a, &bare).text
        }
    };
    Spoken {
        text: format!("{left}到{}", right.text),
        consumed: right.consumed,
    }
}

/// A number in words: cardinal, decimal, negative; digit by digit when too long for words.
fn number(n: &Num, two: Two) -> String {
    let mut out = String::new();
    if n.negative {
        out.push('负');
    }
    match n.int_value() {
        Some(v) => out.push_str(&cardinal(v, two)),
        None => out.push_str(&digits(&n.int, false)),
    }
    if !n.frac.is_empty() {
        out.push('点');
        out.push_str(&digits(&n.frac, false));
    }
    out
}

/// Section units: 万 (10^4), 亿 (10^8), 万亿 (10^12).
const SECTION_UNITS: [&str; 4] = ["", "万", "亿", "万亿"];

/// A whole number up to 10^12 in words: 十五, 一百零五, 一万零五, 两千, 一亿零五.
fn cardinal(n: u64, two: Two) -> String {
    if n == 0 {
        return "零".to_owned();
    }
    let sections: Vec<u64> = (0..4).map(|k| (n / 10_000u64.pow(k)) % 10_000).collect();
    let mut out = String::new();
    let mut started = false;
    let mut gap = false;
    for k in (0..4).rev() {
        let sec = sections[k];
        if sec == 0 {
            gap |= started;
            continue;
        }
        if started && (gap || sec < 1000) {
            out.push('零');
        }
        out.push_str(&section(sec, !started, k > 0, two));
        out.push_str(SECTION_UNITS[k]);
        started = true;
        gap = false;
    }
    out
}

/// One four-digit section (1–9999). `leading`: the first section said; `before_unit`: 万 or 亿
/// follows.
fn section(sec: u64, leading: bool, before_unit: bool, two: Two) -> String {
    const PLACES: [&str; 4] = ["", "十", "百", "千"];
    let mut out = String::new();
    let mut started = false;
    let mut zero = false;
    for pos in (0..4).rev() {
        let d = (sec / 10u64.pow(pos)) % 10;
        if d == 0 {
            zero |= started;
            continue;
        }
        if zero {
            out.push('零');
            zero = false;
        }
        let liang = two == Two::Liang
            && d == 2
            && (pos == 3 || (pos == 0 && leading && before_unit && sec == 2));
        match (d, pos) {
            (1, 1) if leading && !started => {}
            _ if liang => out.push('两'),
            _ => out.push(DIGITS[d as usize]),
        }
        out.push_str(PLACES[pos as usize]);
        started = true;
    }
    out
}

/// A year digit by digit with 〇 for zero: 二〇二一.
fn year_digits(year: &str) -> String {
    year.chars()
        .map(|c| match c {
            '0' => '〇',
            d => DIGITS[d.to_digit(10).unwrap_or(0) as usize],
        })
        .collect()
}

/// Digits one by one; `yao` says 1 as 幺 (phone, ID, card, room numbers); `X` says 叉.
fn digits(s: &str, yao: bool) -> String {
    s.chars()
        .map(|c| match c {
            '1' if yao => '幺',
            'X' | 'x' => '叉',
            d => DIGITS[d.to_digit(10).unwrap_or(0) as usize],
        })
        .collect()
}

/// Digit groups with a pause (`，`) between them; the parts of a code say 点 (V1.2 V一点二).
fn digit_groups(kind: DigitKind, groups: &[String]) -> String {
    let code = kind == DigitKind::Code;
    let spoken: Vec<String> = groups.iter().map(|g| digits(g, !code)).collect();
    spoken.join(if code { "点" } else { "，" })
}

/// Reads a small digit string as a cardinal; used by tests of the building blocks.
#[cfg(test)]
fn say(digits: &str) -> String {
    small_value(digits).map_or_else(String::new, |v| cardinal(v, Two::Liang))
}

#[cfg(test)]
mod tests {
    use super::super::normalize;
    use super::*;
    use crate::lang::Language;

    #[test]
    fn cardinals() {
        let table = [
            ("0", "零"),
            ("7", "七"),
            ("10", "十"),
            ("15", "十五"),
            ("20", "二十"),
            ("22", "二十二"),
            ("100", "一百"),
            ("105", "一百零五"),
            ("110", "一百一十"),
            ("115", "一百一十五"),
            ("200", "二百"),
            ("1000", "一千"),
            ("1005", "一千零五"),
            ("1050", "一千零五十"),
            ("1200", "一千二百"),
            ("2000", "两千"),
            ("2200", "两千二百"),
            ("10000", "一万"),
            ("10005", "一万零五"),
            ("10200", "一万零二百"),
            ("12000", "一万两千"),
            ("20000", "两万"),
            ("22000", "两万两千"),
            ("100000", "十万"),
            ("120000", "十二万"),
            ("220000", "二十二万"),
            ("2000000", "二百万"),
            ("20000000", "两千万"),
            ("100000005", "一亿零五"),
            ("200000000", "两亿"),
            ("120000000", "一亿两千万"),
            ("1400000000", "十四亿"),
            ("100010000", "一亿零一万"),
            ("1000000000000", "一万亿"),
        ];
        for (input, expected) in table {
            assert_eq!(say(input), expected, "{input}");
        }
    }

    /// Sentences as service guides write them, and what a clerk says.
    #[test]
    fn service_guide_sentences() {
        let table = [
            // fees and money
            ("工本费20元", "工本费二十元"),
            ("收费¥20", "收费二十元"),
            ("￥1,200", "一千二百元"),
            ("1,200元", "一千二百元"),
            ("每人20.50元", "每人二十元五角"),
            ("20.5元", "二十元五角"),
            ("10.05元", "十元零五分"),
            ("0.50元", "五角"),
            ("3元5角", "三元五角"),
            ("2元", "两元"),
            ("¥2.50", "两元五角"),
            ("20元/月", "二十元每月"),
            ("停车费5元/小时", "停车费五元每小时"),
            ("补贴10,000元", "补贴一万元"),
            ("¥20.00", "二十元"),
            ("20-30元", "二十到三十元"),
            ("1.5万元", "一点五万元"),
            // opening hours and times
            ("9:00", "九点"),
            ("9:30", "九点三十分"),
            ("13:05", "十三点零五分"),
            ("上午9:30开始", "上午九点三十分开始"),
            ("9:30-13:30", "九点三十分到十三点三十分"),
            ("16:00—19:30", "十六点到十九点三十分"),
            ("9:00至17:00", "九点至十七点"),
            ("08:30~12:00", "八点三十分到十二点"),
            ("下午2:00", "下午两点"),
            ("12:00", "十二点"),
            ("9点", "九点"),
            ("2点", "两点"),
            ("0:30", "零点三十分"),
            // dates
            ("2021年1月15日", "二〇二一年一月十五日"),
            ("2021-01-15", "二〇二一年一月十五日"),
            ("2021/1/15", "二〇二一年一月十五日"),
            ("2021.01.15", "二〇二一年一月十五日"),
            ("1月15日", "一月十五日"),
            ("2月2日", "二月二日"),
            ("每月2号", "每月二号"),
            ("2000年", "二〇〇〇年"),
            ("2020-2022年", "二〇二〇到二〇二二年"),
            // hotlines and phones
            ("请拨打12345", "请拨打幺二三四五"),
            ("12333", "幺二三三三"),
            ("12393咨询", "幺二三九三咨询"),
            ("报警110", "报警幺幺零"),
            ("急救120，火警119", "急救幺二零，火警幺幺九"),
            ("电话：0996-1234567", "电话：零九九六，幺二三四五六七"),
            ("13812345678", "幺三八，幺二三四，五六七八"),
            ("138 1234 5678", "幺三八，幺二三四，五六七八"),
            ("8123456", "八幺二三四五六"),
            ("110元", "一百一十元"),
            // ID and bank cards
            (
                "650102198001011234",
                "六五零幺零二，幺九八零零幺零幺，幺二三四",
            ),
            (
                "65010219800101123X",
                "六五零幺零二，幺九八零零幺零幺，幺二三叉",
            ),
            ("650102800101123", "六五零幺零二，八零零幺零幺，幺二三"),
            ("6222021234567890", "六二二二，零二幺二，三四五六，七八九零"),
            (
                "6222 0212 3456 7890 123",
                "六二二二，零二幺二，三四五六，七八九零，幺二三",
            ),
            // ordinals, windows, ages
            ("第3号窗口", "第三号窗口"),
            ("第1步", "第一步"),
            ("第2步", "第二步"),
            ("第12号", "第十二号"),
            ("3号窗口", "三号窗口"),
            ("2号楼", "二号楼"),
            ("80周岁", "八十周岁"),
            ("60岁以上", "六十岁以上"),
            ("2岁以下", "两岁以下"),
            ("年满18周岁", "年满十八周岁"),
            // 两 before measure words
            ("2个工作日", "两个工作日"),
            ("2张照片", "两张照片"),
            ("2小时", "两小时"),
            ("2年", "两年"),
            ("2个月", "两个月"),
            ("2-3个工作日", "两到三个工作日"),
            ("3-5天", "三到五天"),
            ("12个", "十二个"),
            ("2万元", "两万元"),
            // percentages, decimals, fractions, negatives
            ("5%", "百分之五"),
            ("12.5%", "百分之十二点五"),
            ("报销比例为70%", "报销比例为百分之七十"),
            ("100%", "百分之百"),
            ("5%-10%", "百分之五到百分之十"),
            ("5-10%", "百分之五到百分之十"),
            ("3.5", "三点五"),
            ("0.25", "零点二五"),
            ("1/3", "三分之一"),
            ("减半1/2", "减半二分之一"),
            ("气温-5℃", "气温负五℃"),
            // codes and everything else
            ("A3窗口", "A三窗口"),
            ("B12号", "B一二号"),
            ("5G网络", "五G网络"),
            ("V1.2版本", "V一点二版本"),
            ("20kg", "二十kg"),
            ("301室", "三零幺室"),
            ("１２３４５", "幺二三四五"),
            ("人口2500000人", "人口二百五十万人"),
            ("12345678901234", "一二三四五六七八九零一二三四"),
        ];
        let mut failures = Vec::new();
        for (input, expected) in table {
            let got = normalize(Language::Mandarin, input);
            if got != expected {
                failures.push(format!("{input} → {got} (expected {expected})"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}
