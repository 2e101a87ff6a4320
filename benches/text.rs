//! Throughput of the text front end per language (characters per second) on service-guide
//! text: the spoken form of numbers (`text::normalize`), and pronunciation — the text the engine
//! is given (`phonetics::engine_text`: word-level pinyin for Mandarin, the reading for
//! Mongolian) on normalized text.

// criterion_group! generates an undocumented public function.
#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use tilmach::phonetics::engine_text;
use tilmach::text::normalize;
use tilmach::Language;

const ZH: &str = "工作日9:30-13:30办理，费用20.50元，请拨打12345或0996-2021888。2021年1月15日起，80周岁以上老人每月领取高龄津贴100元，第3号窗口办理，身份证号650102194501011234。";
const UG: &str = "خىزمەت ۋاقتى 9:30-13:30، ھەققى 20 يۈەن، 12345 گە تېلېفون قىلىڭ. 2021-يىلى 1-ئاينىڭ 15-كۈنىدىن باشلاپ 80 ياشتىن يۇقىرى ياشانغانلار ھەر ئايدا 100 يۈەن ئالىدۇ. ";
const MN: &str = "ᠠᠵᠢᠯ ᠤᠨ ᠡᠳᠦᠷ 9:30-13:30᠂ 20 ᠶᠤᠸᠠᠨ᠂ 12345 ᠳᠤ ᠤᠲᠠᠰᠤ ᠵᠢᠨ ᠳᠤᠭᠤᠳᠠᠭᠠᠷᠠᠢ᠃ 80 ᠨᠠᠰᠤ ᠡᠴᠡ ᠳᠡᠭᠡᠭᠰᠢ 100 ᠶᠤᠸᠠᠨ᠃ ";

fn text_front_end(c: &mut Criterion) {
    let mut group = c.benchmark_group("normalize");
    for (name, lang, text) in [
        ("mandarin", Language::Mandarin, ZH.repeat(20)),
        ("uyghur", Language::Uyghur, UG.repeat(20)),
        ("mongolian", Language::Mongolian, MN.repeat(20)),
    ] {
        group.throughput(Throughput::Elements(text.chars().count() as u64));
        group.bench_function(name, |b| b.iter(|| normalize(lang, &text)));
    }
    group.finish();

    let mut group = c.benchmark_group("pronounce");
    for (name, lang, text) in [
        ("mandarin", Language::Mandarin, ZH.repeat(20)),
        ("uyghur", Language::Uyghur, UG.repeat(20)),
        ("mongolian", Language::Mongolian, MN.repeat(20)),
    ] {
        let spoken = normalize(lang, &text);
        // The dictionaries load once, on first use: not part of the throughput.
        engine_text(lang, &spoken);
        group.throughput(Throughput::Elements(spoken.chars().count() as u64));
        group.bench_function(name, |b| b.iter(|| engine_text(lang, &spoken)));
    }
    group.finish();
}

criterion_group!(benches, text_front_end);
criterion_main!(benches);
