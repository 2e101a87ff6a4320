//! Tone sandhi: from the dictionary's citation tones to the tones said in connected speech.
//!
//! Applied to each stretch of Han text (punctuation, spaces and other non-Han text end one),
//! after lookup. Every rule looks at citation tones, so the rules do not feed each other.
//!
//! **一** (where the dictionary reads it `yi1`):
//! - `yi5` between two identical characters: 看一看 kan4 yi5 kan4, 等一等;
//! - `yi1` after 第, 初 or 星期/礼拜 (第一, 初一, 星期一), after 周 unless a frequency
//!   measure word follows (周一 zhou1 yi1, but 每周一次 yi2 ci4);
//! - before 百, 千, 万 or 亿: by the tone, as below (一百 yi4 bai3, 十一万 yi2 wan4);
//! - `yi1` next to another numeral (二〇一九, 十一, 一一) or before 点 and a numeral (一点五);
//! - `yi1` before 月, 号, 楼, 层, 等, 级, 审 or 年级, where 一 is an ordinal (一月, 一楼,
//!   一年级), or between 月 and 日 (十一月一日), unless 上, 下, 每, 这, 那, 哪, 同, 另 or 任
//!   comes before it (上一级 yi4 ji2);
//! - `yi1` at the end of a dictionary phrase (统一, 唯一, 万一) or of the stretch;
//! - otherwise `yi2` before a fourth or neutral tone (一次, 一个), `yi4` before tones 1–3
//!   (一天, 一年, 一起).
//!
//! **不** (where the dictionary reads it `bu4`): `bu5` between two identical characters
//! (是不是, 好不好); `bu2` before a fourth tone (不要); else `bu4`.
//!
//! **Third tone** (citation tones; a neutral tone ends a run): in each run of consecutive third
//! tones,
//! - two or three syllables: all but the last become tone 2 — 你好 ni2 hao3, 可以 ke2 yi3,
//!   展览馆 zhan2 lan2 guan3, 可以走 ke2 yi2 zou3. This holds across word boundaries too
//!   (还款手续 huan2 kuan2 shou3 xu4), as in ordinary-speed speech; for three syllables of the
//!   [1+2] kind (小老虎) it gives the fluent 2 2 3 rather than the careful 3 2 3;
//! - four or more: the run is cut into feet from the left — a dictionary phrase is a foot (the
//!   data lists common words of two third tones, such as 保险 and 领取, for this), two
//!   single characters make a foot, a single character before a phrase joins it, a last single
//!   character joins the foot before it — and each foot is read as above, its last syllable
//!   keeping tone 3: 养老保险 yang2 lao3 bao2 xian3, 我想了解 wo2 xiang3 liao2 jie3.

use std::fmt;

/// A Han syllable inside [`apply`]: the character, its reading split into letters and tone,
/// and the index of the segment (dictionary phrase or single character) it was read in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Syllable {
    pub(crate) hanzi: char,
    letters: &'static str,
    tone: u8,
    pub(crate) segment: usize,
}

impl Syllable {
    /// `reading` is `letters` + tone digit (`hang2`); a reading without a tone digit is taken
    /// as neutral.
    pub(crate) fn new(hanzi: char, reading: &'static str, segment: usize) -> Syllable {
        let (letters, tone) = match reading.as_bytes().last() {
            Some(&d @ b'1'..=b'5') => (&reading[..reading.len() - 1], d - b'0'),
            _ => (reading, 5),
        };
        Syllable {
            hanzi,
            letters,
            tone,
            segment,
        }
    }
}

impl fmt::Display for Syllable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.letters, self.tone)
    }
}

/// Numerals that keep a neighbouring 一 at yi1 (二〇一九, 十一).
const NUMERALS: &str = "〇零一二三四五六七八九十两幺";
/// Number units before which 一 changes tone as usual (一百 yi4 bai3, 一万 yi2 wan4).
const UNITS: &str = "百千万亿";
/// Characters after which 一 is an ordinal (一月 January, 一楼 the ground floor).
const ORDINAL_NEXT: &str = "月号楼层等级审";
/// Characters before which 一 is "one", not "first": 上一级, 每一层, 这一号.
const NOT_ORDINAL: &str = "上下每这那哪同另任";
/// Measure words of frequency: 每周一次 is "once a week", not "Monday".
const FREQUENCY: &str = "次回趟遍";

/// Applies the tone sandhi rules (module docs) to one stretch of Han syllables.
pub(crate) fn apply(syllables: &mut [Syllable]) {
    let citation: Vec<Syllable> = syllables.to_vec();
    for (i, syllable) in syllables.iter_mut().enumerate() {
        match (syllable.hanzi, syllable.letters, syllable.tone) {
            ('一', "yi", 1) => syllable.tone = yi_tone(&citation, i),
            ('不', "bu", 4) => syllable.tone = bu_tone(&citation, i),
            _ => {}
        }
    }
    third_tone(syllables, &citation);
}

/// The tone said for 一 at `i` (citation `yi1`).
fn yi_tone(s: &[Syllable], i: usize) -> u8 {
    let hanzi = |k: Option<usize>| k.and_then(|k| s.get(k)).map(|s| s.hanzi);
    let prev = hanzi(i.checked_sub(1));
    let prev2 = hanzi(i.checked_sub(2));
    let next = hanzi(Some(i + 1));
    let next2 = hanzi(Some(i + 2));
    let is = |c: Option<char>, set: &str| c.is_some_and(|c| set.contains(c));

    if prev.is_some() && prev == next && prev != Some('一') {
        return 5;
    }
    if is(prev, "第初")
        || matches!(
            (prev2, prev),
            (Some('星'), Some('期')) | (Some('礼'), Some('拜'))
        )
        || (prev == Some('周') && !is(next, FREQUENCY))
    {
        return 1;
    }
    if !is(next, UNITS) {
        if is(prev, NUMERALS) || is(prev, UNITS) || is(next, NUMERALS) {
            return 1;
        }
        if next == Some('点') && is(next2, NUMERALS) {
            return 1;
        }
    }
    if (is(next, ORDINAL_NEXT)
        || (next == Some('年') && next2 == Some('级'))
        || (prev == Some('月') && next == Some('日')))
        && !is(prev, NOT_ORDINAL)
    {
        return 1;
    }
    let Some(following) = s.get(i + 1) else {
        return 1;
    };
    if following.segment != s[i].segment && i > 0 && s[i - 1].segment == s[i].segment {
        return 1; // the end of a phrase: 统一, 唯一
    }
    match following.tone {
        4 | 5 => 2,
        _ => 4,
    }
}

/// The tone said for 不 at `i` (citation `bu4`).
fn bu_tone(s: &[Syllable], i: usize) -> u8 {
    let prev = i.checked_sub(1).map(|k| s[k].hanzi);
    let next = s.get(i + 1);
    if prev.is_some() && prev == next.map(|n| n.hanzi) {
        return 5;
    }
    match next {
        Some(n) if n.tone == 4 => 2,
        _ => 4,
    }
}

/// Third-tone sandhi over runs of citation third tones (module docs).
fn third_tone(syllables: &mut [Syllable], citation: &[Syllable]) {
    let mut start = 0;
    while start < citation.len() {
        if citation[start].tone != 3 {
            start += 1;
            continue;
        }
        let end = (start..citation.len())
            .find(|&k| citation[k].tone != 3)
            .unwrap_or(citation.len());
        if end - start <= 3 {
            lower_all_but_last(&mut syllables[start..end]);
        } else {
            for (a, b) in feet(citation, start, end) {
                lower_all_but_last(&mut syllables[a..b]);
            }
        }
        start = end;
    }
}

fn lower_all_but_last(foot: &mut [Syllable]) {
    if let Some((_, init)) = foot.split_last_mut() {
        init.iter_mut().for_each(|s| s.tone = 2);
    }
}

/// Cuts the run `start..end` into feet (`(start, end)` pairs), see the module docs.
fn feet(s: &[Syllable], start: usize, end: usize) -> Vec<(usize, usize)> {
    // The end of the unit (the part of a segment inside the run) that begins at `k`.
    let unit_end = |k: usize| {
        (k..end)
            .find(|&j| s[j].segment != s[k].segment)
            .unwrap_or(end)
    };
    let mut feet: Vec<(usize, usize)> = Vec::new();
    let mut k = start;
    while k < end {
        let first = unit_end(k);
        let foot_end = if first - k >= 2 {
            first
        } else if first == end {
            match feet.last_mut() {
                Some(last) => {
                    last.1 = end;
                    break;
                }
                None => end,
            }
        } else {
            unit_end(first)
        };
        feet.push((k, foot_end));
        k = foot_end;
    }
    feet
}

#[cfg(test)]
mod tests {
    use super::super::pinyin_string as p;

    #[test]
    fn third_tone_pairs() {
        assert_eq!(p("你好"), "ni2 hao3");
        assert_eq!(p("可以"), "ke2 yi3");
        assert_eq!(p("处理"), "chu2 li3");
        assert_eq!(p("领取"), "ling2 qu3");
        // Across a word boundary: 还款 | 手续.
        assert_eq!(p("还款手续"), "huan2 kuan2 shou3 xu4");
        // Not across punctuation.
        assert_eq!(p("你，好"), "ni3 hao3");
    }

    #[test]
    fn third_tone_triples() {
        assert_eq!(p("展览馆"), "zhan2 lan2 guan3");
        assert_eq!(p("可以走"), "ke2 yi2 zou3");
    }

    #[test]
    fn third_tone_long_runs_form_feet() {
        assert_eq!(p("养老保险"), "yang2 lao3 bao2 xian3");
        assert_eq!(p("我想了解"), "wo2 xiang3 liao2 jie3");
        assert_eq!(p("可以领取"), "ke2 yi3 ling2 qu3");
        // Five: the last single syllable joins the foot before it.
        assert_eq!(p("我也可以走"), "wo2 ye3 ke2 yi2 zou3");
    }

    #[test]
    fn neutral_tone_ends_a_third_tone_run() {
        assert_eq!(p("我们"), "wo3 men5");
        assert_eq!(p("椅子"), "yi3 zi5");
    }

    #[test]
    fn yi_alone_at_the_end_and_as_ordinal() {
        assert_eq!(p("一"), "yi1");
        assert_eq!(p("统一"), "tong3 yi1");
        assert_eq!(p("统一办理"), "tong3 yi1 ban4 li3");
        assert_eq!(p("唯一"), "wei2 yi1");
        assert_eq!(p("第一次"), "di4 yi1 ci4");
        assert_eq!(p("第一天"), "di4 yi1 tian1");
        assert_eq!(p("一楼大厅"), "yi1 lou2 da4 ting1");
        assert_eq!(p("一月"), "yi1 yue4");
        assert_eq!(p("一年级"), "yi1 nian2 ji2");
        assert_eq!(p("返回上一级"), "fan3 hui2 shang4 yi4 ji2");
        assert_eq!(p("每一层"), "mei3 yi4 ceng2");
        assert_eq!(p("五月一日"), "wu3 yue4 yi1 ri4");
        assert_eq!(p("一日三餐"), "yi2 ri4 san1 can1");
        assert_eq!(p("每月一次"), "mei3 yue4 yi2 ci4");
        assert_eq!(p("星期一上午"), "xing1 qi1 yi1 shang4 wu3");
        assert_eq!(p("周一至周五"), "zhou1 yi1 zhi4 zhou1 wu3");
        assert_eq!(p("每周一次"), "mei3 zhou1 yi2 ci4");
    }

    #[test]
    fn yi_in_numbers() {
        assert_eq!(p("二〇一九年"), "er4 ling2 yi1 jiu3 nian2");
        assert_eq!(p("十一"), "shi2 yi1");
        assert_eq!(p("三十一个"), "san1 shi2 yi1 ge4");
        assert_eq!(p("一一核对"), "yi1 yi1 he2 dui4");
        assert_eq!(p("一百"), "yi4 bai3");
        assert_eq!(p("一千"), "yi4 qian1");
        assert_eq!(p("十一万"), "shi2 yi2 wan4");
        assert_eq!(p("一点五"), "yi1 dian2 wu3");
    }

    #[test]
    fn yi_before_tones() {
        assert_eq!(p("一天"), "yi4 tian1");
        assert_eq!(p("一年"), "yi4 nian2");
        assert_eq!(p("一起"), "yi4 qi3");
        assert_eq!(p("一次"), "yi2 ci4");
        assert_eq!(p("一个"), "yi2 ge4");
        assert_eq!(p("一定"), "yi2 ding4");
        assert_eq!(p("不一样"), "bu4 yi2 yang4");
    }

    #[test]
    fn yi_between_reduplicated_verbs() {
        assert_eq!(p("看一看"), "kan4 yi5 kan4");
        assert_eq!(p("等一等"), "deng3 yi5 deng3");
        assert_eq!(p("想一想"), "xiang3 yi5 xiang3");
    }

    #[test]
    fn bu_rules() {
        assert_eq!(p("不要"), "bu2 yao4");
        assert_eq!(p("不是"), "bu2 shi4");
        assert_eq!(p("不能"), "bu4 neng2");
        assert_eq!(p("不好"), "bu4 hao3");
        assert_eq!(p("不吃"), "bu4 chi1");
        assert_eq!(p("不"), "bu4");
        assert_eq!(p("是不是"), "shi4 bu5 shi4");
        assert_eq!(p("好不好"), "hao3 bu5 hao3");
    }
}
