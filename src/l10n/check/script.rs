//! The characters of a translation: the right script for the language (Uyghur Arabic letters,
//! traditional Mongolian with its format characters in their places, simplified Han), and no
//! invisible or direction-changing characters that do not belong in translated text.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use super::model::{FileFacts, PatternFacts};
use super::{Rule, Severity, Sink};
use crate::l10n::syntax;
use crate::lang::Language;

/// One kind of problem in a pattern: reported once, at its first place, with a count.
struct Found {
    offset: usize,
    count: usize,
    message: String,
}

/// Problems of one pattern, keyed by rule, severity and kind.
#[derive(Default)]
struct Collector {
    found: BTreeMap<(Rule, Severity, String), Found>,
}

impl Collector {
    fn add(&mut self, rule: Rule, severity: Severity, kind: &str, offset: usize, message: String) {
        self.found
            .entry((rule, severity, kind.to_owned()))
            .and_modify(|f| f.count += 1)
            .or_insert(Found {
                offset,
                count: 1,
                message,
            });
    }
}

/// Checks the script and the invisible characters of one pattern.
pub(crate) fn check_pattern(
    lang: Language,
    file: &FileFacts,
    id: &str,
    pattern: &PatternFacts,
    sink: &mut Sink<'_>,
) {
    let mut c = Collector::default();
    // In speech markup, the tags and entities are not text of the language.
    let markup = crate::text::markup::looks_like_markup(&pattern.text());
    let mut in_tag = false;
    for (offset, piece) in &pattern.pieces {
        invisible(lang, *offset, piece, !file.lossy(), &mut c);
        let text = if markup {
            without_tags(piece, &mut in_tag)
        } else {
            piece.clone()
        };
        match lang {
            Language::Uyghur => uyghur(*offset, &text, &mut c),
            Language::Mongolian => mongolian(*offset, &text, &mut c),
            Language::Mandarin => mandarin(*offset, &text, &mut c),
        }
    }
    for ((rule, severity, _), f) in c.found {
        let (line, column) = syntax::line_column(&file.decoded.text, f.offset);
        let message = if f.count > 1 {
            format!("{} ({} times in this text)", f.message, f.count)
        } else {
            f.message
        };
        sink.push(
            &file.path,
            line,
            Some(column),
            Some(id),
            rule,
            severity,
            message,
        );
    }
}

/// `piece` with markup tags and entity references blanked to spaces of the same byte length
/// (offsets stay valid); `in_tag` carries an open tag over to the next piece.
fn without_tags(piece: &str, in_tag: &mut bool) -> String {
    let mut out = String::with_capacity(piece.len());
    let mut in_entity = false;
    for ch in piece.chars() {
        let blank = match ch {
            '<' => {
                *in_tag = true;
                true
            }
            '>' if *in_tag => {
                *in_tag = false;
                true
            }
            '&' if !*in_tag => {
                in_entity = true;
                true
            }
            ';' if in_entity => {
                in_entity = false;
                true
            }
            _ => *in_tag || in_entity,
        };
        if blank {
            out.extend(std::iter::repeat_n(' ', ch.len_utf8()));
        } else {
            out.push(ch);
        }
    }
    out
}

fn code(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

/// Bidi controls, control characters, zero-width characters and stray format characters.
fn invisible(lang: Language, base: usize, text: &str, flag_fffd: bool, c: &mut Collector) {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, ch)) in chars.iter().enumerate() {
        let at = base + i;
        let prev = k.checked_sub(1).map(|p| chars[p].1);
        let next = chars.get(k + 1).map(|&(_, n)| n);
        let mongolian_around =
            prev.is_some_and(is_mongolian_letter) && next.is_some_and(is_mongolian_letter);
        match ch {
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => c.add(
                Rule::InvisibleCharacter,
                Severity::Error,
                "bidi",
                at,
                format!(
                    "bidirectional control {} ({}): it reorders the text on screen and is \
                     spoken as nothing; Fluent isolates placeables itself",
                    code(ch),
                    bidi_name(ch)
                ),
            ),
            '\t' | '\n' | '\r' => {}
            ch if ch.is_control() => c.add(
                Rule::InvisibleCharacter,
                Severity::Error,
                "control",
                at,
                format!("control character {}", code(ch)),
            ),
            '\u{FFFD}' if flag_fffd => c.add(
                Rule::Encoding,
                Severity::Error,
                "fffd",
                at,
                "U+FFFD REPLACEMENT CHARACTER: text was damaged by a wrong encoding somewhere \
                 before it was saved"
                    .to_owned(),
            ),
            '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => c.add(
                Rule::InvisibleCharacter,
                Severity::Warning,
                "zero-width",
                at,
                format!(
                    "invisible character {} ({}) inside the text",
                    code(ch),
                    match ch {
                        '\u{200B}' => "ZERO WIDTH SPACE",
                        '\u{2060}' => "WORD JOINER",
                        '\u{FEFF}' => "ZERO WIDTH NO-BREAK SPACE",
                        _ => "SOFT HYPHEN",
                    }
                ),
            ),
            '\u{200C}' | '\u{200D}' if !(lang == Language::Mongolian && mongolian_around) => c.add(
                Rule::InvisibleCharacter,
                Severity::Warning,
                "joiner",
                at,
                format!(
                    "zero-width {} {} outside a Mongolian word, where it has no use",
                    if ch == '\u{200C}' {
                        "non-joiner"
                    } else {
                        "joiner"
                    },
                    code(ch)
                ),
            ),
            '\u{200E}' | '\u{200F}' | '\u{061C}' => c.add(
                Rule::InvisibleCharacter,
                Severity::Warning,
                "mark",
                at,
                format!(
                    "direction mark {}: the page sets the direction (Uyghur is served as \
                     dir=\"rtl\")",
                    code(ch)
                ),
            ),
            '\u{180B}'..='\u{180F}' | '\u{202F}' if lang != Language::Mongolian => c.add(
                Rule::InvisibleCharacter,
                Severity::Warning,
                "mongolian-format",
                at,
                format!(
                    "{} is a Mongolian format character and has no use in {} text",
                    code(ch),
                    lang.english_name()
                ),
            ),
            _ => {}
        }
    }
}

fn bidi_name(c: char) -> &'static str {
    match c {
        '\u{202A}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202B}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202C}' => "POP DIRECTIONAL FORMATTING",
        '\u{202D}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202E}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        _ => "POP DIRECTIONAL ISOLATE",
    }
}

/// The 32 letters of the Uyghur Arabic alphabet (UEY), hamza-carrier included.
pub(crate) fn is_uyghur_letter(c: char) -> bool {
    matches!(
        c,
        '\u{0626}' // ئ
            | '\u{0627}' // ا
            | '\u{06D5}' // ە
            | '\u{0628}' // ب
            | '\u{067E}' // پ
            | '\u{062A}' // ت
            | '\u{062C}' // ج
            | '\u{0686}' // چ
            | '\u{062E}' // خ
            | '\u{062F}' // د
            | '\u{0631}' // ر
            | '\u{0632}' // ز
            | '\u{0698}' // ژ
            | '\u{0633}' // س
            | '\u{0634}' // ش
            | '\u{063A}' // غ
            | '\u{0641}' // ف
            | '\u{0642}' // ق
            | '\u{0643}' // ك
            | '\u{06AF}' // گ
            | '\u{06AD}' // ڭ
            | '\u{0644}' // ل
            | '\u{0645}' // م
            | '\u{0646}' // ن
            | '\u{06BE}' // ھ
            | '\u{0648}' // و
            | '\u{06C7}' // ۇ
            | '\u{06C6}' // ۆ
            | '\u{06C8}' // ۈ
            | '\u{06CB}' // ۋ
            | '\u{06D0}' // ې
            | '\u{0649}' // ى
            | '\u{064A}' // ي
    )
}

/// What an Arabic-script character that is not a Uyghur letter is, and what to write instead.
fn not_uyghur(c: char) -> Option<(&'static str, String)> {
    if is_uyghur_letter(c) {
        return None;
    }
    let name = match c {
        '\u{0629}' => "Arabic teh marbuta ة (Uyghur writes ە)",
        '\u{062B}' => "Arabic theh ث (Uyghur writes س)",
        '\u{0630}' => "Arabic thal ذ (Uyghur writes ز)",
        '\u{0635}' => "Arabic sad ص (Uyghur writes س)",
        '\u{0636}' => "Arabic dad ض (Uyghur writes ز)",
        '\u{0637}' => "Arabic tah ط (Uyghur writes ت)",
        '\u{0638}' => "Arabic zah ظ (Uyghur writes ز)",
        '\u{0639}' => "Arabic ain ع (Uyghur writes ئ)",
        '\u{062D}' => "Arabic hah ح (Uyghur writes ھ or خ)",
        '\u{0647}' => "Arabic heh ه (Uyghur writes ە U+06D5 or ھ U+06BE)",
        '\u{0621}' | '\u{0622}' | '\u{0623}' | '\u{0624}' | '\u{0625}' => {
            "an Arabic hamza form (Uyghur writes ئ U+0626 only)"
        }
        '\u{06CC}' => "Persian yeh ی (Uyghur writes ى U+0649 or ي U+064A)",
        '\u{06A9}' => "Persian keheh ک (Uyghur writes ك U+0643)",
        '\u{0640}' => "tatweel ـ (a stretching stroke, not a letter)",
        '\u{064B}'..='\u{065F}' | '\u{0670}' => {
            "an Arabic vowel mark (Uyghur writes its vowels as letters)"
        }
        '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFE}' => {
            "an Arabic presentation form (a glyph, not a letter: old fonts or a PDF copy)"
        }
        '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}' => return None,
        '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}'
            if c.is_alphabetic() =>
        {
            "an Arabic-script letter that Uyghur does not use"
        }
        _ => return None,
    };
    Some((name, code(c)))
}

fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic() || (matches!(c, '\u{00C0}'..='\u{024F}') && c.is_alphabetic())
}

fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{052F}' | '\u{1C80}'..='\u{1C8F}' | '\u{2DE0}'..='\u{2DFF}' | '\u{A640}'..='\u{A69F}')
        && c.is_alphabetic()
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3134F}')
}

/// Words: maximal runs of letters (and the marks that belong to them), with their offsets.
fn words(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, ch) in text.char_indices() {
        let inside = ch.is_alphabetic()
            || matches!(
                ch,
                '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' | '\u{200C}' | '\u{200D}'
            );
        match (inside, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out
}

fn uyghur(base: usize, text: &str, c: &mut Collector) {
    for (i, ch) in text.char_indices() {
        if let Some((what, cp)) = not_uyghur(ch) {
            c.add(
                Rule::ScriptUyghur,
                Severity::Error,
                what,
                base + i,
                format!("{cp} is {what}"),
            );
        } else if is_cyrillic(ch) {
            c.add(
                Rule::ScriptUyghur,
                Severity::Error,
                "cyrillic",
                base + i,
                format!(
                    "Cyrillic {ch} ({}) in Uyghur Arabic text: write the word in UEY letters",
                    code(ch)
                ),
            );
        } else if is_han(ch) {
            c.add(
                Rule::ScriptUyghur,
                Severity::Warning,
                "han",
                base + i,
                format!("Chinese character {ch} in Uyghur text"),
            );
        } else if matches!(ch, '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}') {
            c.add(
                Rule::ScriptUyghur,
                Severity::Warning,
                "digits",
                base + i,
                format!(
                    "Arabic-Indic digit {ch} ({}): everyday Uyghur text uses ASCII digits",
                    code(ch)
                ),
            );
        }
    }
    for (i, word) in words(text) {
        let latin = word.chars().any(is_latin);
        let arabic = word
            .chars()
            .any(|ch| is_uyghur_letter(ch) || not_uyghur(ch).is_some());
        if latin && arabic {
            c.add(
                Rule::ScriptUyghur,
                Severity::Error,
                "mixed",
                base + i,
                format!("'{word}' mixes Latin and Arabic letters in one word"),
            );
        } else if latin {
            c.add(
                Rule::ScriptUyghur,
                Severity::Warning,
                "latin",
                base + i,
                format!("Latin word '{word}' in Uyghur text (fine for a name such as \"App\")"),
            );
        }
    }
}

fn is_mongolian_letter(c: char) -> bool {
    matches!(c, '\u{1820}'..='\u{1878}' | '\u{1880}'..='\u{18AA}')
}

fn is_fvs(c: char) -> bool {
    matches!(c, '\u{180B}'..='\u{180D}' | '\u{180F}')
}

/// Traditional Mongolian per UTN #57: no Cyrillic, no legacy private-use glyphs, and the format
/// characters (FVS, MVS, NNBSP) only where they can stand.
fn mongolian(base: usize, text: &str, c: &mut Collector) {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |k: usize| chars.get(k).map(|&(_, ch)| ch);
    for (k, &(i, ch)) in chars.iter().enumerate() {
        let prev = k.checked_sub(1).and_then(at);
        let next = at(k + 1);
        let offset = base + i;
        let mut bad = |kind: &str, message: String, severity: Severity| {
            c.add(Rule::ScriptMongolian, severity, kind, offset, message);
        };
        if is_cyrillic(ch) {
            bad(
                "cyrillic",
                format!(
                    "Cyrillic {ch} ({}): mn-Mong-CN is served in the traditional script",
                    code(ch)
                ),
                Severity::Error,
            );
        } else if matches!(ch, '\u{E000}'..='\u{F8FF}' | '\u{F0000}'..='\u{10FFFD}') {
            bad(
                "legacy",
                format!(
                    "private-use {}: text in a legacy font encoding (Menksoft and the like); \
                     convert it to Unicode",
                    code(ch)
                ),
                Severity::Error,
            );
        } else if is_fvs(ch) {
            let after_letter = prev.is_some_and(|p| is_mongolian_letter(p) || p == '\u{1800}');
            if !after_letter {
                bad(
                    "fvs",
                    format!(
                        "variation selector {} not directly after a Mongolian letter",
                        code(ch)
                    ),
                    Severity::Error,
                );
            }
        } else if ch == '\u{180E}' {
            // MVS: after a letter (and its selector), before a word-final a or e.
            let before_ok = prev.is_some_and(|p| is_mongolian_letter(p) || is_fvs(p));
            let (vowel, after) = match next {
                Some(v) if is_fvs(at(k + 2).unwrap_or(' ')) => (Some(v), at(k + 3)),
                v => (v, at(k + 2)),
            };
            let vowel_ok = matches!(vowel, Some('\u{1820}' | '\u{1821}'));
            let final_ok = !after.is_some_and(|a| is_mongolian_letter(a) || is_fvs(a));
            if !(before_ok && vowel_ok && final_ok) {
                bad(
                    "mvs",
                    format!(
                        "vowel separator {} must stand between a letter and a word-final \
                         ᠠ (a) or ᠡ (e)",
                        code(ch)
                    ),
                    Severity::Error,
                );
            }
        } else if ch == '\u{202F}' {
            // NNBSP joins a suffix to its word (or to a number, or to a placeable before it).
            let before_ok =
                prev.is_none_or(|p| is_mongolian_letter(p) || is_fvs(p) || p.is_ascii_digit());
            let after_ok = next.is_some_and(is_mongolian_letter);
            if !(before_ok && after_ok) {
                bad(
                    "nnbsp",
                    "narrow no-break space U+202F must join a suffix (a Mongolian letter) to \
                     the word or number before it"
                        .to_owned(),
                    Severity::Error,
                );
            }
        } else if is_han(ch) || is_uyghur_letter(ch) {
            bad(
                "foreign",
                format!("{ch} ({}) is not traditional Mongolian", code(ch)),
                Severity::Warning,
            );
        } else if is_latin(ch) {
            bad(
                "latin",
                format!("Latin letter {ch} in Mongolian text"),
                Severity::Warning,
            );
        }
    }
}

/// Traditional characters and their simplified forms, as pairs: traditional, simplified.
/// Only characters that simplified Chinese never uses for themselves.
const TRADITIONAL: &str =
    "證证醫医療疗險险養养齡龄貼贴戶户辦办請请號号碼码電电話话線线熱热務务費费續续\
領领補补換换繳缴資资認认隊队區区縣县鄉乡鎮镇門门時时間间週周節节們们這这個个來来會会說说為为\
國国與与對对發发經经後后過过還还進进將将讓让從从應应該该頁页開开關关無无業业東东車车長长張张\
書书實实現现當当點点種种總总機机構构單单寫写讀读聽听見见覺觉親亲屬属歲岁體体衛卫歷历錄录銀银\
錢钱額额優优殘残貧贫難难幫帮處处網网絡络統统計计劃划報报紙纸簽签蓋盖驗验檢检環环氣气燈灯裡里\
裏里麵面雞鸡魚鱼鳥鸟馬马龍龙風风飛飞頭头顏颜聲声樂乐藥药價价買买賣卖貨货購购則则規规範范標标\
準准權权義义議议論论設设詢询諮咨詳详細细紹绍給给結结約约級级紀纪組组織织編编練练終终係系傳传\
億亿萬万兩两夠够嗎吗啟启員员團团園园圖图場场壞坏塊块鐘钟鐵铁錯错鍵键陽阳陰阴際际隨随雖虽雙双\
離离雲云靈灵順顺預预題题類类顧顾護护轉转輸输辭辞農农運运達达選选遠远適适遲迟邊边郵邮鄰邻針针\
鎖锁閉闭問问閱阅隻只齊齐聯联職职腦脑臨临舊旧艱艰莊庄葉叶蘇苏衝冲裝装觀观記记許许訪访診诊試试\
詞词語语誤误課课調调談谈識识變变貸贷賬账質质贈赠趕赶軟软輕轻載载輛辆遞递醜丑釋释銷销鋪铺閒闲\
陳陈隱隐雜杂靜静韓韩響响頂顶項项須须頻频顯显飯饭飲饮館馆髮发鬆松黨党幣币鄭郑劉刘楊杨黃黄趙赵\
孫孙錢钱鄧邓蕭萧羅罗謝谢韋韦嚴严廣广廳厅歸归滿满測测濟济災灾爭争爾尔獎奖產产畫画療疗盡尽礎础\
禮礼稅税窮穷筆笔價价紅红純纯細细緊紧縮缩繁繁罰罚聞闻腳脚興兴華华蔥葱蟲虫術术補补複复視视\
親亲觸触訂订訊讯託托訴诉註注評评識识護护豐丰貝贝負负貴贵費费賀贺賠赔賽赛贊赞軍军輔辅辦办遷迁\
鄉乡醬酱釘钉鈕钮鉛铅銅铜鋼钢錶表鍋锅鏡镜長长閃闪陸陆隊队階阶隔隔雞鸡電电韌韧頓顿領领頸颈頹颓\
顆颗願愿顛颠飄飘餅饼餘余駕驾騎骑驗验骯肮鬥斗鬧闹魯鲁鮮鲜鴨鸭鵝鹅鹽盐麥麦黴霉齒齿龜龟";

fn traditional_table() -> &'static BTreeMap<char, char> {
    static TABLE: OnceLock<BTreeMap<char, char>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let chars: Vec<char> = TRADITIONAL.chars().collect();
        chars
            .chunks_exact(2)
            .filter(|p| p[0] != p[1])
            .map(|p| (p[0], p[1]))
            .collect()
    })
}

/// Mandarin is served in simplified characters: traditional forms are warnings.
fn mandarin(base: usize, text: &str, c: &mut Collector) {
    let table = traditional_table();
    for (i, ch) in text.char_indices() {
        if let Some(simplified) = table.get(&ch) {
            c.add(
                Rule::ScriptMandarinTraditional,
                Severity::Warning,
                "traditional",
                base + i,
                format!("traditional character {ch}; the simplified form is {simplified}"),
            );
        } else if is_cyrillic(ch) || is_uyghur_letter(ch) || is_mongolian_letter(ch) {
            c.add(
                Rule::ScriptMandarinTraditional,
                Severity::Warning,
                "foreign",
                base + i,
                format!("{ch} ({}) in Mandarin text", code(ch)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_traditional_table_is_pairs_of_distinct_characters() {
        let table = traditional_table();
        assert!(table.len() > 300, "{}", table.len());
        for (t, s) in table {
            assert!(!table.contains_key(s), "{t} → {s} is itself traditional");
            assert!(is_han(*t) && is_han(*s));
        }
    }

    #[test]
    fn uyghur_letters_are_the_32_of_uey_and_hamza() {
        let alphabet = "ئاەبپتجچخدرزژسشغفقكگڭلمنھوۇۆۈۋېىي";
        assert_eq!(alphabet.chars().count(), 33);
        assert!(alphabet.chars().all(is_uyghur_letter));
        assert!(alphabet.chars().all(|c| not_uyghur(c).is_none()));
        for c in "ةثذصضطظعحهءأیکـ\u{064E}\u{FEEB}".chars() {
            assert!(not_uyghur(c).is_some() && !is_uyghur_letter(c), "{c}");
        }
    }
}
