//! Synthesis throughput of the embedded engine through the full pipeline (cleaning, sentence
//! splitting, loudness, pauses): a 500-character Mandarin and a 1,000-character Uyghur passage.

// criterion_group! generates an undocumented public function.
#![allow(missing_docs)]
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use tilmach::synth::espeak::Espeak;
use tilmach::synth::{speak, SpeechSettings};
use tilmach::Language;

const ZH: &str = "您好，欢迎来到政务服务大厅。办理养老金领取资格认证，请带好本人身份证和社会保障卡。您可以在家用手机完成人脸识别认证，也可以请亲属用他们的手机帮您认证，还可以到社区服务站办理。认证是免费的，每年认证一次。";
const UG: &str = "ياخشىمۇسىز، ھۆكۈمەت مۇلازىمەت زالىغا خۇش كەپسىز. پېنسىيە ئېلىش سالاھىيىتىنى دەلىللەش ئۈچۈن كىملىك ۋە ئىجتىمائىي كاپالەت كارتىسىنى ئېلىپ كېلىڭ. ";

fn passage(text: &str, chars: usize) -> String {
    text.chars().cycle().take(chars).collect()
}

fn synthesis(c: &mut Criterion) {
    let engine = Espeak::shared().expect("engine starts");
    let settings = SpeechSettings::default();
    let mut group = c.benchmark_group("speak");
    group.sample_size(20);
    for (name, lang, text) in [
        ("mandarin-500-chars", Language::Mandarin, passage(ZH, 500)),
        ("uyghur-1000-chars", Language::Uyghur, passage(UG, 1000)),
    ] {
        group.throughput(Throughput::Elements(text.chars().count() as u64));
        group.bench_function(name, |b| {
            b.iter(|| speak(engine, lang, &text, &settings).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, synthesis);
criterion_main!(benches);
