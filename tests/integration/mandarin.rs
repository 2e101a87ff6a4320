//! Mandarin pronunciation: the pinyin the CLI prints and the engine reads, and properties of the
//! reader on arbitrary text. (Polyphone accuracy has its own test target, `tests/polyphones.rs`,
//! so that its report shows in every `cargo test`.)

use proptest::prelude::*;
use tilmach::phonetics::mandarin::{is_hanzi, pinyin, pinyin_string, Token};
use tilmach::Language;

use crate::util::tilmach;

/// Text rich in Han characters, 一 and 不, numerals, punctuation and other scripts.
fn mixed_text() -> impl Strategy<Value = String> {
    let c = prop_oneof![
        4 => proptest::char::range('\u{4E00}', '\u{9FFF}'),
        2 => proptest::sample::select("一不〇二十百万第周个看是好你我可以领取养老保险行长重还为".chars().collect::<Vec<_>>()),
        1 => proptest::sample::select("，。！？、 \t\n1aZ".chars().collect::<Vec<_>>()),
        1 => any::<char>(),
    ];
    proptest::collection::vec(c, 0..40).prop_map(|v| v.into_iter().collect())
}

fn check(text: &str) {
    let tokens = pinyin(text);
    let mut rebuilt = String::new();
    let mut syllables = Vec::new();
    for token in &tokens {
        match token {
            Token::Syllable { hanzi, pinyin } => {
                rebuilt.push(*hanzi);
                syllables.push(*hanzi);
                let (letters, tone) = pinyin.split_at(pinyin.len() - 1);
                assert!(!letters.is_empty() && letters.bytes().all(|b| b.is_ascii_lowercase()));
                assert!(matches!(tone, "1" | "2" | "3" | "4" | "5"), "{pinyin}");
            }
            Token::Other(other) => {
                assert!(!other.is_empty());
                assert!(!other.chars().any(is_hanzi));
                rebuilt.push_str(other);
            }
        }
    }
    assert_eq!(rebuilt, text);
    let han: Vec<char> = text.chars().filter(|&c| is_hanzi(c)).collect();
    assert_eq!(syllables, han);
    let _ = pinyin_string(text);
}

proptest! {
    #[test]
    fn arbitrary_unicode(text in any::<String>()) {
        check(&text);
    }

    #[test]
    fn han_rich_text(text in mixed_text()) {
        check(&text);
    }
}

#[test]
fn pronounce_prints_tone_numbered_pinyin_line_by_line() {
    let out = tilmach()
        .args(["pronounce", "--lang", "zh-Hans-CN"])
        .arg("银行行长，你好！\n请拨打12345。")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "yin2 hang2 hang2 zhang3 ni2 hao3\nqing3 bo1 da3 yao1 er4 san1 si4 wu3\n"
    );
}

/// The engine reads the word-level pinyin: 行 in 银行 and 行走 gets different phonemes, and
/// the same as the pinyin spelled out.
#[test]
fn the_engine_reads_polyphones_by_word() {
    let phonemes = |text: &str| {
        let out = tilmach()
            .args(["pronounce", "--phonemes", "--lang", "zh", text])
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap().trim().to_owned()
    };
    let bank = phonemes("银行");
    let walk = phonemes("行走");
    let hang = bank.split(' ').nth(1).unwrap().to_owned();
    let xing = walk.split(' ').next().unwrap().to_owned();
    assert_ne!(hang, xing, "银行 {bank} / 行走 {walk}");
    // What espeak-ng makes of the pinyin spelled out (the CLI would read the digits as numbers).
    let engine = tilmach::synth::espeak::Espeak::shared().unwrap();
    let spelled = |pinyin: &str| engine.phonemes(Language::Mandarin, pinyin).unwrap();
    assert_eq!(bank, spelled("yin2 hang2").trim());
    assert_eq!(walk, spelled("xing2 zou3").trim());
}
