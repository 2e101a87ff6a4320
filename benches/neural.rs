//! Speed of the neural Mandarin voice (Kokoro, the default voice, ONNX Runtime with as many
//! threads as cores) through the full pipeline, standard and elder profile, on a fixed service
//! paragraph of about 14 s of speech. Prints the real-time factor (synthesis time / audio
//! length) of each after the criterion report. Skips when the voices are not installed
//! (`scripts/voices`).

// criterion_group! generates an undocumented public function.
#![allow(missing_docs)]
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use tilmach::synth::neural::{kokoro, runtime, voice_dir, Kokoro};
use tilmach::synth::{speak, SpeechSettings};
use tilmach::Language;

const PARAGRAPH: &str = "您好，欢迎来到政务服务大厅。办理养老金领取资格认证，请带好本人身份证和社会保障卡。认证是免费的，每年认证一次。";

fn neural(c: &mut Criterion) {
    let dir = voice_dir();
    if !kokoro::is_installed(&dir, kokoro::DEFAULT_VOICE) {
        eprintln!(
            "skipped: no neural voices in {} (scripts/voices)",
            dir.display()
        );
        return;
    }
    let threads = runtime::default_threads();
    let engine = Kokoro::load(&dir, kokoro::DEFAULT_VOICE, threads).expect("the voice loads");
    let mut group = c.benchmark_group("neural");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(30));
    let mut factors = Vec::new();
    for (profile, settings) in [
        ("standard", SpeechSettings::default()),
        ("elder", SpeechSettings::elder()),
    ] {
        let mut spent = Duration::ZERO;
        let mut audio = Duration::ZERO;
        group.bench_function(
            format!(
                "kokoro-{}-{profile}-{threads}-threads",
                kokoro::DEFAULT_VOICE
            ),
            |b| {
                b.iter(|| {
                    let start = Instant::now();
                    let pcm =
                        speak(&engine, Language::Mandarin, PARAGRAPH, &settings).expect("speech");
                    spent += start.elapsed();
                    audio += pcm.duration();
                    pcm
                })
            },
        );
        factors.push((profile, spent.as_secs_f64() / audio.as_secs_f64()));
    }
    group.finish();
    for (profile, factor) in factors {
        eprintln!(
            "real-time factor, {profile} profile, {threads} threads: {factor:.3} ({:.1}× faster than real time)",
            1.0 / factor
        );
    }
}

criterion_group!(benches, neural);
criterion_main!(benches);
