//! Table and property tests across the modules: the lexicon, the rules on words that
//! are not in the lexicon, garbage input, and properties over generated text.

use proptest::prelude::*;

use super::lexicon::{self, entries};
use super::reader::read_word_by_rules;
use super::*;

/// Words NOT in the lexicon with the reading the rules must give, one rule each.
const RULE_PAIRS: &[(&str, &str)] = &[
    ("ᠬᠠᠷ\u{180E}ᠠ", "хар"), // qar·a: final short vowel drops after one consonant
    ("ᠰᠢᠷ\u{180E}ᠠ", "шар"), // sir·a: s before i is ш; i-breaking; final drop
    ("ᠬᠥᠬᠡ", "хөх"),         // qöqe: ө-class: later e is ө
    ("ᠠᠭᠤᠯᠠ", "уул"),        // aγula: aγu is уу
    ("ᠬᠠᠭᠠᠨ", "хаан"),       // qaγan: aγa is аа
    ("ᠲᠣᠭᠤᠰᠤ", "тоос"),      // toγusu: oγu is оо in о-class
    ("ᠡᠭᠦᠳᠡ", "үүд"),        // eγüde: egü is үү
    ("ᠳᠡᠭᠡᠷᠡ", "дээр"),      // deγere: ege is ээ
    ("ᠤᠯᠠᠭᠠᠨ", "улаан"),     // ulaγan: later aγa is аа
    ("ᠡᠪᠦᠯ", "өвөл"),        // ebül: e rounded by a later short ü; b is в
    ("ᠥᠨᠳᠦᠷ", "өндөр"),      // öndür: later ü is ө in ө-class
    ("ᠡᠷᠡᠭᠦᠯ", "эрүүл"),     // ereγül: no rounding before a long үү
    ("ᠡᠪᠦᠭᠡ", "өвөө"),       // ebüγe: rounding, then later üge is өө
    ("ᠮᠣᠷᠢᠨ", "морь"),       // morin: fleeting n; final i is ь
    ("ᠮᠣᠳᠤᠨ", "мод"),        // modun: fleeting n; final u drops
    ("ᠠᠯᠲᠠᠨ", "алт"),        // altan: fleeting n; final a drops after лт
    ("ᠬᠠᠪᠤᠷ", "хавар"),      // qabur: later u is а in а-class
    ("ᠬᠠᠲᠤᠨ", "хатан"),      // qatun: later u is а in а-class
    ("ᠣᠷᠣᠨ", "орон"),        // oron: о-class
    ("ᠪᠣᠯᠬᠤ", "болох"),      // bolqu: infinitive -х with class vowel
    ("ᠶᠠᠪᠤᠬᠤ", "явах"),      // yabuqu: y + a is я; infinitive
    ("ᠰᠠᠭᠤᠬᠤ", "суух"),      // saγuqu: infinitive after a long vowel
    ("ᠶᠠᠭᠠᠷᠠᠬᠤ", "яарах"),   // yaγaraqu: y before a long vowel
    ("ᠢᠷᠡᠭᠰᠡᠨ", "ирсэн"),    // ireγsen: perfect -сэн
    ("ᠪᠣᠯᠤᠭᠰᠠᠨ", "болсон"),  // boluγsan: perfect -сон
    ("ᠲᠥᠷᠥᠭᠰᠡᠨ", "төрсөн"),  // törögsen: perfect -сөн
    ("ᠶᠠᠪᠤᠵᠤ", "явж"),       // yabuǰu: converb -ж
    ("ᠦᠵᠡᠵᠦ", "үзэж"),       // üǰeǰü: converb after з takes the class vowel
    ("ᠮᠡᠳᠡᠵᠦ", "мэдэж"),     // medeǰü: converb after д takes the class vowel
    ("ᠰᠢᠯᠵᠢᠭᠦᠯᠬᠦ", "шилжүүлэх"), // silǰiγülqü: ǰ before i is ж; igü is үү
    ("ᠬᠣᠯᠪᠣᠭᠳᠠᠬᠤ", "холбогдох"), // qolboγdaqu: b after l is б; verb stem keeps cluster
    ("ᠪᠠᠶᠠᠷ", "баяр"),       // bayar: medial y + a is я
    ("ᠰᠠᠶᠢᠬᠠᠨ", "сайхан"),   // sayiqan: a + y + i is the diphthong ай
    ("ᠨᠢᠯᠬ\u{180E}ᠠ", "нялх"), // nilq·a: i-breaking to я; final a drops after лх
    ("ᠬᠢᠮᠳᠠ", "хямд"),       // qimda: i-breaking to я
    ("ᠬᠢᠲᠠᠳ", "хятад"),      // qitad: i-breaking to я
    ("ᠰᠤᠷᠭᠠᠭᠤᠯᠢ", "сургууль"), // surγaγuli: later aγu is уу; final i after л is ь
    ("ᠲᠣᠯᠣᠭᠠᠢ", "толгой"),   // toloγai: medial vowel drops before a diphthong
    ("ᠠᠭᠤᠴᠢᠯᠠᠭᠠᠷᠠᠢ", "уучлаарай"), // aγučilaγarai: medial и drops before a long vowel
    ("ᠳᠠᠷᠤᠭᠠᠷᠠᠢ", "дараарай"), // daruγarai: later uγa is аа; ai is ай
    ("ᠡᠮᠦᠨ\u{180E}ᠡ", "өмнө"), // emün·e: medial vowel drops before н + kept final vowel
    ("ᠪᠣᠯᠤᠨ\u{180E}ᠠ", "болно"), // bolun·a: medial vowel drops before н + kept final vowel
    ("ᠪᠠᠭᠰᠢ", "багш"),       // baγsi: final i drops after ш
    ("ᠬᠠᠪᠲᠠᠰᠤ", "хавтас"),   // qabtasu: final u drops after one consonant
    ("ᠬᠣᠩᠬᠣ", "хонх"),       // qoŋqo: ŋ is н; final o drops after нх
    ("ᠡᠨᠳᠡ", "энд"),         // ende: final e drops after нд
    ("ᠠᠯᠲᠠ", "алт"),         // alta: final a drops after лт
    ("ᠠᠯᠪᠠ", "алба"),        // alba: final a stays after лб
    ("ᠡᠨᠡ", "энэ"),          // ene: final e stays after н
    ("ᠱᠢᠨ\u{180E}ᠡ", "шинэ"), // šin·e: final e stays after н
    ("ᠪᠢᠴᠢᠭ\u{202F}ᠦᠨ", "бичгийн"), // bičiγ-ün: genitive with syncope
    ("ᠬᠠᠪᠤᠷ\u{202F}ᠤᠨ", "хаврын"), // qabur-un: genitive with syncope
    ("ᠬᠣᠲᠠ\u{202F}ᠶᠢᠨ", "хотын"), // qota-yin: genitive after a dropped final vowel
    ("ᠳᠠᠯᠠᠢ\u{202F}ᠶᠢᠨ", "далайн"), // dalai-yin: genitive after a diphthong
    ("ᠮᠣᠳᠤᠨ\u{202F}ᠤ", "модны"), // modun-u: genitive of a fleeting-n stem
    ("ᠠᠯᠲᠠᠨ\u{202F}ᠤ", "алтны"), // altan-u: genitive of a fleeting-n stem
    ("ᠭᠡᠷ\u{202F}ᠲᠦ", "гэрт"), // γer-tü: dative -т as written
    ("ᠰᠠᠷ\u{180E}ᠠ\u{202F}ᠳᠤ", "сард"), // sar·a-du: dative -д as written
    ("ᠤᠰᠤᠨ\u{202F}ᠳᠤ", "усанд"), // usun-du: dative of a fleeting-n stem
    ("ᠭᠡᠷ\u{202F}ᠡᠴᠡ", "гэрээс"), // γer-eče: ablative
    ("ᠬᠠᠷ\u{180E}ᠠ\u{202F}ᠶᠢ", "харыг"), // qar·a-yi: accusative
    ("ᠵᠠᠮ\u{202F}ᠢᠶᠠᠷ", "замаар"), // ǰam-iyar: instrumental
    ("ᠲᠣᠭᠤᠰᠤ\u{202F}ᠪᠠᠷ", "тоосоор"), // toγusu-bar: instrumental in о-class
    ("ᠨᠠᠢᠵᠠ\u{202F}ᠲᠠᠢ", "найзтай"), // naiǰa-tai: comitative
    ("ᠵᠢᠯ\u{202F}ᠦᠨ", "жилийн"), // ǰil-ün: genitive in a front word
];

#[test]
fn lexicon_has_300_entries_and_no_bad_rows() {
    assert!(entries().len() >= 300, "{} entries", entries().len());
    assert_eq!(lexicon::bad_rows(), vec![]);
}

#[test]
fn lexicon_table_reads_as_written() {
    let mut wrong = Vec::new();
    for e in entries() {
        let got = read(e.traditional);
        if got != e.reading {
            wrong.push(format!(
                "{} ({}): read {got:?}, lexicon {:?}",
                e.traditional, e.transliteration, e.reading
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn lexicon_spellings_are_normalized_and_transliterated() {
    for e in entries() {
        assert_eq!(
            normalize(e.traditional).as_deref(),
            Ok(e.traditional),
            "{}",
            e.transliteration
        );
        assert_eq!(transliterate(e.traditional), e.transliteration);
        assert_eq!(from_latin(e.transliteration), e.traditional);
    }
}

#[test]
fn lexicon_readings_are_lowercase_cyrillic() {
    for e in entries() {
        assert!(
            e.reading
                .chars()
                .all(|c| c == ' ' || (letters::is_cyrillic(c) && !c.is_uppercase())),
            "{:?}",
            e.reading
        );
        assert!(
            !e.english.is_empty() && e.source.contains("verify"),
            "{}",
            e.transliteration
        );
    }
}

#[test]
fn lexicon_keys_are_unique() {
    let mut keys: Vec<String> = entries()
        .iter()
        .map(|e| lexicon::key(e.traditional))
        .collect();
    let n = keys.len();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), n);
}

#[test]
fn lexicon_covers_the_service_vocabulary() {
    for english in [
        "pension",
        "certificate",
        "identity card",
        "household registration",
        "social insurance",
        "medical insurance",
        "hospital",
        "allowance",
        "elderly",
        "hotline",
        "telephone",
        "window",
        "service",
        "hall",
        "please",
        "thank you",
        "hello",
        "goodbye",
        "yes",
        "wait",
        "to press",
        "key",
        "again",
        "to repeat",
        "person",
        "help",
        "money",
        "yuan",
        "fee",
        "free",
        "card",
        "photo",
        "face",
        "camera",
        "family member",
        "relatives",
        "proxy",
        "authoriz",
        "letter",
        "apply",
        "to receive",
        "to pay",
        "water",
        "electricity",
        "gas",
        "bill",
        "cash",
        "bank",
        "office",
        "township",
        "village",
        "community",
        "street",
        "county",
        "city",
        "prefecture",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "day",
        "week",
        "month",
        "year",
        "today",
        "tomorrow",
        "morning",
        "afternoon",
        "hour",
        "minute",
        "zero",
        "ten thousand",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ] {
        assert!(
            entries().iter().any(|e| e.english.contains(english)),
            "{english}"
        );
    }
    for n in [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twenty",
        "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand",
    ] {
        assert!(entries().iter().any(|e| e.english == n), "{n}");
    }
    assert!(entries().iter().any(|e| e.english.starts_with("no;")));
}

/// How many lexicon words the rules alone get right: printed, for whoever improves them.
#[test]
fn rules_agreement_with_lexicon_is_reported() {
    let single: Vec<_> = entries()
        .iter()
        .filter(|e| !e.traditional.contains(' '))
        .collect();
    let agree = single
        .iter()
        .filter(|e| read_word_by_rules(e.traditional) == e.reading)
        .count();
    println!(
        "rules alone reproduce {agree} of {} single-word lexicon entries",
        single.len()
    );
    assert!(
        agree * 2 > single.len(),
        "the rules got only {agree} of {}",
        single.len()
    );
}

#[test]
fn rule_pairs_not_in_lexicon() {
    assert!(RULE_PAIRS.len() >= 40);
    let mut wrong = Vec::new();
    for &(trad, expected) in RULE_PAIRS {
        assert!(
            lexicon::lookup(&lexicon::key(trad)).is_none(),
            "{} is in the lexicon",
            transliterate(trad)
        );
        assert_eq!(normalize(trad).as_deref(), Ok(trad));
        let got = read(trad);
        if got != expected {
            wrong.push(format!(
                "{}: got {got:?}, want {expected:?}",
                transliterate(trad)
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn sentences() {
    assert_eq!(read("ᠰᠠᠶᠢᠨ ᠪᠠᠶᠢᠨ᠎ᠠ ᠤᠤ᠃"), "сайн байна уу.");
    assert_eq!(
        read("ᠳᠠᠬᠢᠨ ᠰᠣᠨᠣᠰᠤᠭᠠᠷᠠᠢ᠂ ᠨᠢᠭᠡ ᠶᠢ ᠳᠠᠷᠤᠭᠠᠷᠠᠢ᠃"),
        "дахин сонсоорой, нэгийг дараарай."
    );
    assert_eq!(read("ᠬᠣᠲᠠ ᠶᠢᠨ ᠡᠮᠨᠡᠯᠭᠡ"), "хотын эмнэлэг");
    assert_eq!(read("12345 ᠲᠣᠭ᠎ᠠ"), "12345 тоо");
    assert_eq!(read("ᠰᠠᠢᠨ ᠤᠤ"), "сайн уу");
    assert_eq!(read("ᠵᠥᠪ ᠦᠦ"), "зөв үү");
}

#[test]
fn cyrillic_input_shares_the_path() {
    assert_eq!(read("Сайн байна уу?"), "сайн байна уу?");
    assert_eq!(read("  ТЭТГЭВЭР,  ДААТГАЛ "), "тэтгэвэр, даатгал");
    assert_eq!(
        try_read("Нийгмийн даатгал").as_deref(),
        Ok("нийгмийн даатгал")
    );
    assert_eq!(
        to_kyrgyz_voice(&read("Нийгмийн даатгал")),
        "ниигмиин даатгал"
    );
}

#[test]
fn garbage_is_cleaned_or_rejected() {
    // Empty, and only NNBSP.
    assert_eq!(normalize(""), Ok(String::new()));
    assert_eq!(read(""), "");
    assert_eq!(normalize("\u{202F}\u{202F}"), Ok(String::new()));
    assert_eq!(read("\u{202F}"), "");
    // A lone variation selector, and one at the start of a word.
    assert_eq!(normalize("\u{180B}"), Ok(String::new()));
    assert_eq!(normalize("\u{180C}ᠬᠠᠷ\u{180E}ᠠ"), Ok("ᠬᠠᠷ\u{180E}ᠠ".into()));
    assert_eq!(read("\u{180F}"), "");
    // Private use: a legacy Menksoft-style encoding.
    let e = normalize("ᠮᠣᠩᠭᠣᠯ \u{E26C}\u{E2F1}").unwrap_err();
    assert!(
        matches!(
            e,
            MongolianError::LegacyEncoding {
                offset: 19,
                code_point: 0xE26C
            }
        ),
        "{e:?}"
    );
    assert!(e.to_string().contains("Menksoft"));
    assert!(try_read("\u{E26C}").is_err());
    // Cyrillic inside traditional text.
    let e = normalize("ᠮᠣᠩᠭᠣᠯ ᠬᠡᠯᠡ Монгол").unwrap_err();
    assert!(
        matches!(
            e,
            MongolianError::MixedScript {
                offset: 32,
                found: 'М',
                ..
            }
        ),
        "{e:?}"
    );
    assert!(e.to_string().contains("byte offset 32"));
    // Mixed with other scripts: passed through, never a panic.
    assert_eq!(read("ᠮᠣᠩᠭᠣᠯ WiFi 中文"), "монгол WiFi 中文");
    assert_eq!(read("ᠮᠣᠩᠭᠣᠯ Монгол"), "монгол монгол");
}

fn mongolian_text() -> impl Strategy<Value = String> {
    let ch = prop_oneof![
        8 => proptest::char::range('\u{1800}', '\u{18AF}'),
        2 => Just('\u{202F}'),
        1 => Just(' '),
        1 => proptest::char::range('a', 'z'),
        1 => prop::sample::select(vec!['\\', '-', '·', '¹', '⁴', 'γ', 'ŋ', '\u{200D}', '\u{E234}', 'ж']),
    ];
    prop::collection::vec(ch, 0..40).prop_map(|v| v.into_iter().collect())
}

fn mongolian_words() -> impl Strategy<Value = String> {
    let letter = prop_oneof![
        6 => proptest::char::range('\u{1820}', '\u{1842}'),
        1 => prop::sample::select(vec!['\u{202F}', '\u{180E}', '\u{180B}', ' ', '\u{1803}']),
    ];
    prop::collection::vec(letter, 0..30).prop_map(|v| v.into_iter().collect())
}

proptest! {
    #[test]
    fn transliteration_round_trips(s in mongolian_text()) {
        prop_assert_eq!(from_latin(&transliterate(&s)), s);
    }

    #[test]
    fn transliteration_round_trips_any_string(s in any::<String>()) {
        prop_assert_eq!(from_latin(&transliterate(&s)), s);
    }

    #[test]
    fn normalize_is_idempotent(s in mongolian_text()) {
        if let Ok(once) = normalize(&s) {
            prop_assert_eq!(normalize(&once), Ok(once.clone()));
        }
    }

    #[test]
    fn nothing_panics_on_any_unicode(s in any::<String>()) {
        let _ = normalize(&s);
        let _ = try_read(&s);
        let r = read(&s);
        let _ = to_kyrgyz_voice(&r);
        let _ = from_latin(&s);
    }

    #[test]
    fn reading_generated_words_gives_cyrillic(s in mongolian_words()) {
        let r = read(&s);
        prop_assert!(r.chars().all(|c| c == ' ' || c == '.' || letters::is_cyrillic(c)), "{:?} -> {:?}", transliterate(&s), r);
        let _ = to_kyrgyz_voice(&r);
    }
}

#[test]
#[ignore]
fn print_rule_disagreements() {
    for e in entries().iter().filter(|e| !e.traditional.contains(' ')) {
        let r = read_word_by_rules(e.traditional);
        if r != e.reading {
            println!("{}\t{}\t{}", e.transliteration, e.reading, r);
        }
    }
}
