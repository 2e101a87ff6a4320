use super::*;
use proptest::prelude::*;

fn seg(text: &str) -> Segment {
    Segment {
        text: text.to_owned(),
        rate_percent: 100,
        lang: None,
        say_as: None,
        pause_after_ms: 0,
        ends_sentence: false,
    }
}

/// Shorthands for building expected segments.
trait Build {
    fn rate(self, percent: u32) -> Self;
    fn lang(self, tag: &str) -> Self;
    fn say(self, say_as: SayAs) -> Self;
    fn pause(self, ms: u32) -> Self;
    fn end(self) -> Self;
}

impl Build for Segment {
    fn rate(mut self, percent: u32) -> Self {
        self.rate_percent = percent;
        self
    }
    fn lang(mut self, tag: &str) -> Self {
        self.lang = Some(tag.to_owned());
        self
    }
    fn say(mut self, say_as: SayAs) -> Self {
        self.say_as = Some(say_as);
        self
    }
    fn pause(mut self, ms: u32) -> Self {
        self.pause_after_ms = ms;
        self
    }
    fn end(mut self) -> Self {
        self.ends_sentence = true;
        self
    }
}

fn doc(lang: Option<&str>, segments: Vec<Segment>) -> Document {
    Document {
        lang: lang.map(str::to_owned),
        segments,
    }
}

const ZH: &str = "zh-Hans-CN";
const UG: &str = "ug-Arab-CN";
const MN: &str = "mn-Mong-CN";
const DATE_YMD: SayAs = SayAs::Date {
    format: DateFormat::Ymd,
};

/// Inputs that parse, and exactly what they parse to.
fn valid_cases() -> Vec<(&'static str, Document)> {
    vec![
        // Roots, fragments, languages and scripts.
        ("你好", doc(None, vec![seg("你好")])),
        ("<speak>你好</speak>", doc(None, vec![seg("你好")])),
        (
            "<speak xml:lang=\"zh-Hans-CN\">你好，世界。</speak>",
            doc(Some(ZH), vec![seg("你好，世界。").lang(ZH)]),
        ),
        (
            "<speak xml:lang='ug-Arab-CN'>ياخشىمۇسىز</speak>",
            doc(Some(UG), vec![seg("ياخشىمۇسىز").lang(UG)]),
        ),
        (
            // The Mongolian vowel separator (U+180E) is no whitespace and stays.
            "<speak xml:lang=\"mn-Mong-CN\">ᠰᠠᠢᠨ ᠪᠠᠢᠨ\u{180E}ᠠ ᠤᠤ</speak>",
            doc(Some(MN), vec![seg("ᠰᠠᠢᠨ ᠪᠠᠢᠨ\u{180E}ᠠ ᠤᠤ").lang(MN)]),
        ),
        (
            "<speak version=\"1.1\" xmlns=\"http://www.w3.org/2001/10/synthesis\" \
             xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
             xsi:schemaLocation=\"http://www.w3.org/2001/10/synthesis\" xml:lang=\"zh-Hans-CN\">您好</speak>",
            doc(Some(ZH), vec![seg("您好").lang(ZH)]),
        ),
        ("", doc(None, vec![])),
        (" \n\t ", doc(None, vec![])),
        ("<speak></speak>", doc(None, vec![])),
        ("<speak/>", doc(None, vec![])),
        ("\u{FEFF}<speak>A</speak>", doc(None, vec![seg("A")])),
        (
            "<!-- head -->\n<speak>A</speak>\n<!-- tail -->\n",
            doc(None, vec![seg("A")]),
        ),
        // Whitespace.
        (
            "<speak>  Hello \n\t  world  </speak>",
            doc(None, vec![seg("Hello world")]),
        ),
        ("A\r\nB", doc(None, vec![seg("A B")])),
        // A line wrap inside Han text is no space; a typed space or other scripts keep one.
        (
            "请带好\n身份证。\r\n  下一步 \n（二）你好 世界",
            doc(None, vec![seg("请带好身份证。下一步（二）你好 世界")]),
        ),
        (
            "ياخشى\nمۇسىز ᠰᠠᠢᠨ\nᠪᠠᠢᠨ\u{180E}ᠠ 第一\nA",
            doc(None, vec![seg("ياخشى مۇسىز ᠰᠠᠢᠨ ᠪᠠᠢᠨ\u{180E}ᠠ 第一 A")]),
        ),
        (
            "你<prosody rate=\"slow\">\n好</prosody>&#10;们<sub alias=\"世\n界\">x</sub>",
            doc(None, vec![seg("你"), seg("好").rate(70), seg("们世界")]),
        ),
        (
            // No-break spaces, the Mongolian narrow no-break space and joiners are kept.
            "10\u{A0}km ᠮᠣᠩᠭᠣᠯ\u{202F}ᠤᠨ ی\u{200C}ا",
            doc(None, vec![seg("10\u{A0}km ᠮᠣᠩᠭᠣᠯ\u{202F}ᠤᠨ ی\u{200C}ا")]),
        ),
        ("1 > 0", doc(None, vec![seg("1 > 0")])),
        // Breaks.
        (
            "<speak>一<break time=\"500ms\"/>二</speak>",
            doc(None, vec![seg("一").pause(500), seg("二")]),
        ),
        (
            "A<break time=\"1s\"/>B<break time=\"1.5s\"/>C<break time=\".25s\"/>D<break time=\"0ms\"/>E",
            doc(
                None,
                vec![
                    seg("A").pause(1000),
                    seg("B").pause(1500),
                    seg("C").pause(250),
                    seg("D"),
                    seg("E"),
                ],
            ),
        ),
        (
            "a<break strength=\"none\"/>b<break strength=\"x-weak\"/>c<break strength=\"weak\"/>\
             d<break strength=\"medium\"/>e<break strength=\"strong\"/>f<break strength=\"x-strong\"/>",
            doc(
                None,
                vec![
                    seg("a"),
                    seg("b").pause(100),
                    seg("c").pause(250),
                    seg("d").pause(400),
                    seg("e").pause(700),
                    seg("f").pause(1000),
                ],
            ),
        ),
        (
            "A<break/>B",
            doc(None, vec![seg("A").pause(400), seg("B")]),
        ),
        (
            "<speak xml:lang=\"zh-Hans-CN\"><break time=\"300ms\"/>你好</speak>",
            doc(Some(ZH), vec![seg("").lang(ZH).pause(300), seg("你好").lang(ZH)]),
        ),
        (
            "A<break time=\"1s\"/><break strength=\"weak\"/>B",
            doc(None, vec![seg("A").pause(1250), seg("B")]),
        ),
        (
            "A<break time=\"200ms\" strength=\"x-strong\"/>",
            doc(None, vec![seg("A").pause(200)]),
        ),
        (
            "A <break  time = '1s' ></break> B",
            doc(None, vec![seg("A").pause(1000), seg("B")]),
        ),
        // Prosody.
        (
            "<prosody rate=\"80%\">慢一点</prosody>",
            doc(None, vec![seg("慢一点").rate(80)]),
        ),
        (
            "<prosody rate=\"x-slow\">a</prosody> <prosody rate=\"slow\">b</prosody> \
             <prosody rate=\"medium\">c</prosody> <prosody rate=\"fast\">d</prosody> \
             <prosody rate=\"x-fast\">e</prosody>",
            doc(
                None,
                vec![
                    seg("a ").rate(50),
                    seg("b ").rate(70),
                    seg("c "),
                    seg("d ").rate(130),
                    seg("e").rate(160),
                ],
            ),
        ),
        (
            "<prosody rate=\"slow\"><prosody rate=\"50%\">很慢</prosody>慢</prosody>正常",
            doc(
                None,
                vec![seg("很慢").rate(35), seg("慢").rate(70), seg("正常")],
            ),
        ),
        (
            "<prosody rate=\"87.5%\">ياخشى</prosody>",
            doc(None, vec![seg("ياخشى").rate(88)]),
        ),
        (
            "<prosody rate=\"x-slow\"><prosody rate=\"10%\">a</prosody></prosody>\
             <prosody rate=\"1000%\"><prosody rate=\"x-fast\">b</prosody></prosody>",
            doc(None, vec![seg("a").rate(10), seg("b").rate(1000)]),
        ),
        (
            "A<prosody rate=\"slow\"/>B<lang xml:lang=\"ug\"/>C",
            doc(None, vec![seg("ABC")]),
        ),
        // Say-as.
        (
            "<say-as interpret-as=\"characters\">ABC</say-as>\
             <say-as interpret-as=\"digits\">2024</say-as>\
             <say-as interpret-as=\"telephone\">0991-1234567</say-as>\
             <say-as interpret-as=\"cardinal\">1200</say-as>",
            doc(
                None,
                vec![
                    seg("ABC").say(SayAs::Characters),
                    seg("2024").say(SayAs::Digits),
                    seg("0991-1234567").say(SayAs::Telephone),
                    seg("1200").say(SayAs::Cardinal),
                ],
            ),
        ),
        (
            "<say-as interpret-as=\"date\">2024-10-01</say-as>\
             <say-as interpret-as='date' format='dmy'>01.10.2024</say-as>\
             <say-as interpret-as=\"date\" format=\"mdy\">10/01/2024</say-as>\
             <say-as interpret-as=\"date\" format=\"ymd\">2024年10月1日</say-as>",
            doc(
                None,
                vec![
                    seg("2024-10-01").say(DATE_YMD),
                    seg("01.10.2024").say(SayAs::Date {
                        format: DateFormat::Dmy,
                    }),
                    seg("10/01/2024").say(SayAs::Date {
                        format: DateFormat::Mdy,
                    }),
                    seg("2024年10月1日").say(DATE_YMD),
                ],
            ),
        ),
        (
            // Each say-as is its own segment, even next to an equal one.
            "<say-as interpret-as=\"digits\">12</say-as><say-as interpret-as=\"digits\">34</say-as>",
            doc(
                None,
                vec![seg("12").say(SayAs::Digits), seg("34").say(SayAs::Digits)],
            ),
        ),
        (
            "<say-as interpret-as=\"digits\">12</say-as> <say-as interpret-as=\"digits\">34</say-as>",
            doc(
                None,
                vec![seg("12 ").say(SayAs::Digits), seg("34").say(SayAs::Digits)],
            ),
        ),
        (
            // Spaces at the edges of a say-as move out of it.
            "请拨打 <say-as interpret-as=\"telephone\"> 0991 1234567 </say-as> 谢谢",
            doc(
                None,
                vec![
                    seg("请拨打 "),
                    seg("0991 1234567").say(SayAs::Telephone),
                    seg(" 谢谢"),
                ],
            ),
        ),
        // Lang.
        (
            "<speak xml:lang=\"zh-Hans-CN\">您好 <lang xml:lang=\"ug-Arab-CN\">ياخشىمۇسىز</lang>。</speak>",
            doc(
                Some(ZH),
                vec![
                    seg("您好 ").lang(ZH),
                    seg("ياخشىمۇسىز").lang(UG),
                    seg("。").lang(ZH),
                ],
            ),
        ),
        (
            "<lang xml:lang=\"mn-Mong-CN\">ᠰᠠᠢᠨ ᠪᠠᠢᠨ\u{180E}ᠠ ᠤᠤ</lang>",
            doc(None, vec![seg("ᠰᠠᠢᠨ ᠪᠠᠢᠨ\u{180E}ᠠ ᠤᠤ").lang(MN)]),
        ),
        (
            "<prosody rate=\"slow\"><lang xml:lang=\" ug-Arab-CN \">ئا</lang></prosody>",
            doc(None, vec![seg("ئا").rate(70).lang(UG)]),
        ),
        // Sub.
        (
            "请联系<sub alias=\"世界卫生组织\">WHO</sub>。",
            doc(None, vec![seg("请联系世界卫生组织。")]),
        ),
        (
            "<sub alias=\"  A &amp;\n  B \">x &lt; y</sub> <sub alias=\"&#x4E16;界\"/>",
            doc(None, vec![seg("A & B 世界")]),
        ),
        // Paragraphs and sentences.
        (
            "<speak><p><s>第一句</s><s>第二句</s></p><p>第三句</p></speak>",
            doc(
                None,
                vec![seg("第一句").end(), seg("第二句").end(), seg("第三句").end()],
            ),
        ),
        (
            "前言<s>句子</s>后记",
            doc(None, vec![seg("前言").end(), seg("句子").end(), seg("后记")]),
        ),
        (
            "<s>A<break time=\"1s\"/></s><s>B</s>",
            doc(None, vec![seg("A").pause(1000).end(), seg("B").end()]),
        ),
        (
            "<s>号码<say-as interpret-as=\"digits\">110</say-as></s>",
            doc(
                None,
                vec![seg("号码"), seg("110").say(SayAs::Digits).end()],
            ),
        ),
        (
            "<p xml:lang=\"mn-Mong-CN\"><s>ᠰᠠᠢᠨ</s><s xml:lang=\"ug-Arab-CN\">ياخشى</s></p>",
            doc(
                None,
                vec![seg("ᠰᠠᠢᠨ").lang(MN).end(), seg("ياخشى").lang(UG).end()],
            ),
        ),
        (
            "<s></s><p/><s>  </s>A",
            doc(None, vec![seg("A")]),
        ),
        (
            // The shape `Guide::to_ssml` writes.
            "<speak version=\"1.1\" xmlns=\"http://www.w3.org/2001/10/synthesis\" xml:lang=\"ug-Arab-CN\">\n\
             <p><s>پېنسىيە ئېلىش</s></p>\n\
             <break time=\"700ms\"/>\n\
             <p><s>بىرىنچى قەدەم</s><s>ئىككىنچى &amp; قەدەم</s></p>\n\
             </speak>\n",
            doc(
                Some(UG),
                vec![
                    seg("پېنسىيە ئېلىش").lang(UG).end().pause(700),
                    seg("بىرىنچى قەدەم").lang(UG).end(),
                    seg("ئىككىنچى & قەدەم").lang(UG).end(),
                ],
            ),
        ),
        // Entities and comments.
        (
            "&amp;&lt;&gt;&quot;&apos;",
            doc(None, vec![seg("&<>\"'")]),
        ),
        (
            "&#20320;&#22909; &#x4F60;&#x597d; &#x64A;&#1575; &#x1830;",
            doc(None, vec![seg("你好 你好 يا ᠰ")]),
        ),
        (
            "a&#32;&#32;b&#10;c&#x9;d&#xD;",
            doc(None, vec![seg("a b c d")]),
        ),
        (
            "<speak>你<!-- 注释 <s> & --> 好</speak>",
            doc(None, vec![seg("你 好")]),
        ),
        (
            "<speak>你<!----><!-- x -->好</speak>",
            doc(None, vec![seg("你好")]),
        ),
    ]
}

#[test]
fn valid_inputs_parse_to_the_expected_documents() {
    let cases = valid_cases();
    assert!(cases.len() >= 40, "{} cases", cases.len());
    for (input, expected) in cases {
        match parse(input) {
            Ok(document) => assert_eq!(document, expected, "input: {input:?}"),
            Err(e) => panic!("input {input:?} failed: {e}"),
        }
    }
}

/// Inputs that fail: line, column, and a fragment of the message.
const MALFORMED: &[(&str, usize, usize, &str)] = &[
    (
        "<speak><emphasis>x</emphasis></speak>",
        1,
        8,
        "unknown element <emphasis>",
    ),
    ("<Speak>x</Speak>", 1, 1, "unknown element <Speak>"),
    (
        "<speak>\n  <prosody pitch=\"high\">x</prosody></speak>",
        2,
        12,
        "unknown attribute 'pitch' on <prosody>",
    ),
    ("<p lang=\"ug\">x</p>", 1, 4, "unknown attribute 'lang'"),
    ("<sub>WHO</sub>", 1, 1, "needs the attribute 'alias'"),
    (
        "<say-as>12</say-as>",
        1,
        1,
        "needs the attribute 'interpret-as'",
    ),
    ("<lang>x</lang>", 1, 1, "needs the attribute 'xml:lang'"),
    ("<prosody>x</prosody>", 1, 1, "needs the attribute 'rate'"),
    (
        "A<break time=\"fast\"/>",
        1,
        15,
        "bad value \"fast\" for 'time'",
    ),
    ("<break time=\"61s\"/>", 1, 14, "at most 60s"),
    ("<break time=\"1e3ms\"/>", 1, 14, "bad value"),
    (
        "<break strength=\"loud\"/>",
        1,
        18,
        "bad value \"loud\" for 'strength'",
    ),
    (
        "<prosody rate=\"-5%\">x</prosody>",
        1,
        16,
        "bad value \"-5%\" for 'rate'",
    ),
    (
        "<prosody rate=\"0%\">x</prosody>",
        1,
        16,
        "bad value \"0%\"",
    ),
    (
        "<prosody rate=\"1.5\">x</prosody>",
        1,
        16,
        "bad value \"1.5\"",
    ),
    (
        "<say-as interpret-as=\"emoji\">x</say-as>",
        1,
        23,
        "bad value \"emoji\" for 'interpret-as'",
    ),
    (
        "<say-as interpret-as=\"date\" format=\"ydm\">x</say-as>",
        1,
        37,
        "bad value \"ydm\" for 'format'",
    ),
    (
        "<say-as interpret-as=\"digits\" format=\"ymd\">1</say-as>",
        1,
        31,
        "only for interpret-as=\"date\"",
    ),
    ("<sub alias=\" \">x</sub>", 1, 13, "bad value"),
    ("<s xml:lang=\"\">x</s>", 1, 14, "language tag"),
    (
        "<speak><p><s>x</p></speak>",
        1,
        15,
        "</p> does not match <s> (opened at line 1, column 11)",
    ),
    (
        "<speak>\n<p>\n<s>好</s>\n</speak>",
        4,
        1,
        "</speak> does not match <p>",
    ),
    ("<speak><s>x</s>", 1, 1, "<speak> is never closed"),
    (
        "<speak>\n<s>ياخشى\n</speak>",
        3,
        1,
        "</speak> does not match <s> (opened at line 2, column 1)",
    ),
    ("x</s>", 1, 2, "</s> closes nothing"),
    ("x</foo>", 1, 2, "unknown element </foo>"),
    ("a < b", 1, 3, "stray '<'"),
    ("a <3", 1, 3, "stray '<'"),
    ("AT&T", 1, 3, "stray '&'"),
    ("A & B", 1, 3, "stray '&'"),
    ("&nbsp;", 1, 1, "unknown entity &nbsp;"),
    (
        "<speak>\n  ياخشى &copy;</speak>",
        2,
        9,
        "unknown entity &copy;",
    ),
    ("&#xD800;", 1, 1, "surrogate"),
    ("&#57343;", 1, 1, "surrogate"),
    ("&#x110000;", 1, 1, "beyond U+10FFFF"),
    ("&#99999999999999999999;", 1, 1, "beyond U+10FFFF"),
    ("&#0;", 1, 1, "U+0000 is a control character"),
    ("&#x7;", 1, 1, "control character"),
    ("&#x85;", 1, 1, "control character"),
    ("&#xFFFE;", 1, 1, "U+FFFE is a noncharacter"),
    ("&#;", 1, 1, "invalid numeric entity"),
    ("&#12", 1, 1, "invalid numeric entity"),
    ("&#X41;", 1, 1, "invalid numeric entity"),
    ("A\u{7}B", 1, 2, "U+0007 is not allowed in text"),
    (
        "<sub alias=\"a\u{FFFF}\">x</sub>",
        1,
        14,
        "U+FFFF is not allowed in the value of 'alias'",
    ),
    ("<speak>A</speak>B", 1, 17, "text after </speak>"),
    ("<speak>A</speak><s>B</s>", 1, 17, "after </speak>"),
    ("A<speak>B</speak>", 1, 2, "root element"),
    ("<speak><speak>B</speak></speak>", 1, 8, "root element"),
    (
        "<say-as interpret-as=\"digits\"><break/></say-as>",
        1,
        31,
        "not allowed inside <say-as>",
    ),
    (
        "<sub alias=\"x\"><s>y</s></sub>",
        1,
        16,
        "not allowed inside <sub>",
    ),
    ("<break>x</break>", 1, 8, "<break> must be empty"),
    ("<s><p>x</p></s>", 1, 4, "<p> cannot be inside <s>"),
    ("<s><s>x</s></s>", 1, 4, "<s> cannot be inside <s>"),
    (
        "<break time=\"1s\" time=\"2s\"/>",
        1,
        18,
        "duplicate attribute 'time'",
    ),
    ("<break time=1s/>", 1, 13, "must be in quotes"),
    ("<break time/>", 1, 12, "needs a value"),
    ("<break time=\"1s/>", 1, 13, "never closed"),
    ("<break time=\"1s\"", 1, 1, "not closed with '>'"),
    (
        "<break time=\"1s\"strength=\"weak\"/>",
        1,
        17,
        "expected a space",
    ),
    ("<sub alias=\"a<b\">x</sub>", 1, 14, "'<' in the value"),
    ("<s>x</s >y</ s>", 1, 11, "expected an element name"),
    ("<s>x</s y>", 1, 9, "unexpected 'y' in closing tag"),
    ("<!-- unclosed", 1, 1, "comment is never closed"),
    ("<?xml version=\"1.0\"?><speak/>", 1, 1, "XML declarations"),
    ("<![CDATA[x]]>", 1, 1, "only comments"),
    ("ياخشىمۇسىز <foo/>", 1, 12, "unknown element <foo>"),
    ("ᠰᠠᠢᠨ\n  ᠪᠠᠢᠨ\u{180E}ᠠ &foo;", 2, 10, "unknown entity &foo;"),
    ("\u{FEFF}<speak>&bad;</speak>", 1, 8, "unknown entity"),
];

#[test]
fn malformed_inputs_fail_with_line_column_and_message() {
    assert!(MALFORMED.len() >= 25, "{} cases", MALFORMED.len());
    for &(input, line, column, fragment) in MALFORMED {
        let e = match parse(input) {
            Ok(document) => panic!("input {input:?} parsed: {document:?}"),
            Err(e) => e,
        };
        assert_eq!((e.line, e.column), (line, column), "input {input:?}: {e}");
        assert!(
            e.message.contains(fragment),
            "input {input:?}: {e:?} lacks {fragment:?}"
        );
        assert_error_position_is_consistent(input, &e);
    }
}

/// The offset is a char boundary in the input, and line and column agree with it.
fn assert_error_position_is_consistent(input: &str, e: &MarkupError) {
    assert!(e.offset <= input.len(), "{e:?}");
    assert!(input.is_char_boundary(e.offset), "{e:?}");
    let before = &input[..e.offset];
    assert_eq!(e.line, before.matches('\n').count() + 1, "{e:?}");
    let line_text = before.rsplit('\n').next().unwrap_or("");
    let line_text = line_text.strip_prefix('\u{FEFF}').unwrap_or(line_text);
    assert_eq!(e.column, line_text.chars().count() + 1, "{e:?}");
}

#[test]
fn errors_report_byte_offsets_and_character_columns() {
    let e = parse("ياخشىمۇسىز <foo/>").unwrap_err();
    // Ten two-byte letters and a space before the `<`.
    assert_eq!((e.offset, e.line, e.column), (21, 1, 12));
    let e = parse("你好\n世界&x;").unwrap_err();
    assert_eq!((e.offset, e.line, e.column), (13, 2, 3));
}

#[test]
fn error_display_names_line_and_column() {
    let e = parse("<speak>\n<foo/></speak>").unwrap_err();
    assert_eq!(
        e.to_string(),
        "line 2, column 1: unknown element <foo>; the markup has speak, p, s, break, prosody, \
         say-as, lang, sub"
    );
    let boxed: Box<dyn std::error::Error> = Box::new(e);
    assert!(boxed.to_string().starts_with("line 2"));
}

#[test]
fn nesting_is_limited_to_max_depth() {
    let open = "<prosody rate=\"medium\">";
    let close = "</prosody>";
    let ok = format!("{}x{}", open.repeat(MAX_DEPTH), close.repeat(MAX_DEPTH));
    assert_eq!(parse(&ok).unwrap().segments, vec![seg("x")]);

    let deep = format!(
        "{}x{}",
        open.repeat(MAX_DEPTH + 1),
        close.repeat(MAX_DEPTH + 1)
    );
    let e = parse(&deep).unwrap_err();
    assert_eq!(e.offset, open.len() * MAX_DEPTH);
    assert!(e.message.contains("nested too deep"), "{e}");

    // Far deeper input fails the same way, without recursion.
    let e = parse(&"<lang xml:lang=\"ug\">".repeat(40_000)).expect_err("too deep");
    assert!(e.message.contains("nested too deep"), "{e}");
}

#[test]
fn input_is_limited_to_one_mebibyte() {
    let at_limit = "a".repeat(MAX_INPUT_BYTES);
    assert_eq!(parse(&at_limit).unwrap().segments.len(), 1);

    let over = "a".repeat(MAX_INPUT_BYTES + 1);
    let Err(e) = parse(&over) else {
        panic!("{} bytes parsed", over.len())
    };
    assert_eq!(
        (e.offset, e.line, e.column),
        (MAX_INPUT_BYTES, 1, MAX_INPUT_BYTES + 1)
    );
    assert!(e.message.contains("at most 1048576 bytes"), "{e}");

    // A multi-byte character across the limit: the offset stays on a char boundary.
    let over = format!("a{}", "你".repeat(MAX_INPUT_BYTES / 3 + 1));
    let Err(e) = parse(&over) else {
        panic!("{} bytes parsed", over.len())
    };
    assert!(over.is_char_boundary(e.offset) && e.offset <= MAX_INPUT_BYTES);
}

#[test]
fn a_large_document_parses_in_one_pass() {
    let sentence = "<s>请带好<say-as interpret-as=\"digits\">123</say-as>身份证。</s>";
    let body = sentence.repeat((MAX_INPUT_BYTES - 100) / sentence.len());
    let input = format!("<speak>{body}</speak>");
    let document = parse(&input).unwrap();
    assert_eq!(document.segments.len(), 3 * (body.len() / sentence.len()));
}

#[test]
fn looks_like_markup_wants_a_speak_tag_first() {
    for yes in [
        "<speak>",
        "  \n<speak xml:lang=\"ug-Arab-CN\">",
        "<speak/>",
        "\u{FEFF}<speak>",
        "<speak\n>",
    ] {
        assert!(looks_like_markup(yes), "{yes:?}");
    }
    for no in [
        "",
        "你好",
        "<speaker>",
        "<p>x</p>",
        "text <speak>",
        "<?xml version=\"1.0\"?><speak>",
    ] {
        assert!(!looks_like_markup(no), "{no:?}");
    }
}

/// Checks that hold for every document `parse` returns.
fn assert_document_is_well_formed(document: &Document) {
    let mut after_boundary = true;
    for s in &document.segments {
        assert!(
            (MIN_RATE_PERCENT..=MAX_RATE_PERCENT).contains(&s.rate_percent),
            "{s:?}"
        );
        assert!(!s.text.contains("  "), "{s:?}");
        assert!(!s.text.contains(['\t', '\n', '\r']), "{s:?}");
        assert!(!s.ends_sentence || !s.text.is_empty(), "{s:?}");
        if after_boundary {
            assert!(!s.text.starts_with(' '), "{document:?}");
        }
        let boundary = s.ends_sentence || s.pause_after_ms > 0;
        if boundary {
            assert!(!s.text.ends_with(' '), "{document:?}");
        }
        after_boundary = boundary || (after_boundary && s.text.is_empty());
    }
    if let Some(last) = document.segments.last() {
        assert!(!last.text.ends_with(' '), "{document:?}");
    }
}

fn check(input: &str) {
    match parse(input) {
        Ok(document) => assert_document_is_well_formed(&document),
        Err(e) => assert_error_position_is_consistent(input, &e),
    }
}

/// Pieces of markup, good and broken, for random documents.
const FRAGMENTS: &[&str] = &[
    "<speak>",
    "<speak xml:lang=\"zh-Hans-CN\">",
    "</speak>",
    "<p>",
    "</p>",
    "<s>",
    "</s>",
    "<s xml:lang='ug-Arab-CN'>",
    "<break/>",
    "<break time=\"500ms\"/>",
    "<break strength=\"x-strong\"/>",
    "<break time=\"",
    "<prosody rate=\"slow\">",
    "<prosody rate=\"150%\">",
    "</prosody>",
    "<say-as interpret-as=\"digits\">",
    "<say-as interpret-as=\"date\" format=\"dmy\">",
    "</say-as>",
    "<lang xml:lang=\"mn-Mong-CN\">",
    "</lang>",
    "<sub alias=\"世界\">",
    "</sub>",
    "<!--",
    "-->",
    "<",
    ">",
    "/>",
    "</",
    "&",
    "&amp;",
    "&#x4F60;",
    "&#",
    ";",
    "\"",
    "'",
    "=",
    " ",
    "\n",
    "你好",
    "ياخشىمۇسىز",
    "ᠰᠠᠢᠨ",
    "123",
    "\u{0}",
];

/// Text of the three scripts with markup's special characters and whitespace.
const TEXT: &str = "[a-zA-Z0-9 \t\n你好世界请。ئاياخشىمۇسىز،ᠰᠠᠢᠨᠪ\u{180E}\u{202F}&<>\"',.]{0,12}";

fn escape(text: &str, mode: u8) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match (c, mode) {
            ('&' | '<' | '>' | '"' | '\'', 1) => out.push_str(&format!("&#{};", u32::from(c))),
            ('&', _) => out.push_str("&amp;"),
            ('<', _) => out.push_str("&lt;"),
            ('>', _) => out.push_str("&gt;"),
            ('"', _) => out.push_str("&quot;"),
            ('\'', _) => out.push_str("&apos;"),
            (c, 2) if !c.is_ascii() => out.push_str(&format!("&#x{:X};", u32::from(c))),
            (c, _) => out.push(c),
        }
    }
    out
}

/// Han characters and CJK punctuation, as the parser counts them.
fn is_wide(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{4E00}'..='\u{9FFF}' | '\u{FF00}'..='\u{FFEF}')
}

/// What the text of a document should read after whitespace collapsing: one space for each
/// run of whitespace inside the text, none for a run with a line break between Han characters.
fn collapse(text: &str) -> String {
    let mut out = String::new();
    let mut run = String::new();
    for c in text.chars() {
        if matches!(c, ' ' | '\t' | '\n' | '\r') {
            run.push(c);
            continue;
        }
        let wrapped_han = run.contains(['\n', '\r'])
            && is_wide(c)
            && out.chars().next_back().is_some_and(is_wide);
        if !run.is_empty() && !out.is_empty() && !wrapped_han {
            out.push(' ');
        }
        run.clear();
        out.push(c);
    }
    out
}

proptest! {
    #[test]
    fn never_panics_on_arbitrary_text(
        input in prop_oneof![any::<String>(), "[<>&;#/=\"' a-z!x0-9-]{0,80}"]
    ) {
        check(&input);
    }

    #[test]
    fn never_panics_inside_speak(
        input in prop_oneof![any::<String>(), "[<>&;#/=\"' a-z!x0-9-]{0,80}"]
    ) {
        check(&format!("<speak>{input}</speak>"));
    }

    #[test]
    fn never_panics_on_tag_fragments(
        pieces in prop::collection::vec(prop::sample::select(FRAGMENTS), 0..48)
    ) {
        check(&pieces.concat());
    }

    #[test]
    fn text_survives_a_round_trip(
        pieces in prop::collection::vec((TEXT, 0u8..9, 0u8..3), 0..10)
    ) {
        let mut markup = String::from("<speak xml:lang=\"zh-Hans-CN\">\n");
        // The text between sentence ends and breaks, where whitespace is dropped.
        let mut groups = vec![String::new()];
        for (text, wrapper, mode) in &pieces {
            let escaped = escape(text, *mode);
            // An alias must not be blank.
            let wrapper = if *wrapper == 5 && collapse(text).is_empty() { 0 } else { *wrapper };
            markup.push_str(&match wrapper {
                0 => escaped,
                1 => format!("<prosody rate=\"slow\">{escaped}</prosody>"),
                2 => format!("<lang xml:lang=\"ug-Arab-CN\">{escaped}</lang>"),
                3 => format!("<say-as interpret-as=\"digits\">{escaped}</say-as>"),
                4 => format!(
                    "<prosody rate=\"fast\"><lang xml:lang=\"mn-Mong-CN\">{escaped}</lang></prosody>"
                ),
                5 => format!("<sub alias=\"{escaped}\">written &amp; ignored</sub>"),
                6 => format!("{escaped}<!-- {} -->", text.replace('-', "")),
                7 => format!("<s>{escaped}</s>"),
                _ => format!("{escaped}<break time=\"100ms\"/>"),
            });
            if wrapper == 7 {
                groups.push(text.clone());
                groups.push(String::new());
            } else {
                groups.last_mut().expect("a group").push_str(text);
                if wrapper == 8 {
                    groups.push(String::new());
                }
            }
        }
        markup.push_str("\n</speak>\n");
        let document = parse(&markup).map_err(|e| TestCaseError::fail(format!("{e}: {markup}")))?;
        assert_document_is_well_formed(&document);
        let spoken: String = document.segments.iter().map(|s| s.text.as_str()).collect();
        let written: String = groups.iter().map(|g| collapse(g)).collect();
        prop_assert_eq!(spoken, written, "markup: {}", markup);
    }
}
