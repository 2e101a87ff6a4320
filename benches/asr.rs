//! Speech recognition speed: the real-time factor of whisper.cpp (the shared ggml q8_0 base
//! model, 2 threads, greedy, language forced) on a fixed clip of tilmach's own Mandarin speech
//! (about 5 s). Prints the real-time factor (recognition time / audio length) after the
//! criterion report. Skips when there is no model (`TILMACH_WHISPER_MODEL`).

// criterion_group! generates an undocumented public function.
#![allow(missing_docs)]
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use tilmach::asr::whisper::Whisper;
use tilmach::asr::{Recognizer, Request};
use tilmach::synth::espeak::Espeak;
use tilmach::synth::{speak, SpeechSettings};
use tilmach::Language;

const CLIP: &str = "您好，欢迎拨打12345。办理社保卡，请按2。";

fn recognition(c: &mut Criterion) {
    let Some(path) = tilmach::asr::default_model_path() else {
        eprintln!("skipped: no Whisper model (set TILMACH_WHISPER_MODEL)");
        return;
    };
    let whisper = Whisper::load(&path, 2).expect("the model loads");
    let engine = Espeak::shared().expect("engine starts");
    let clip = speak(engine, Language::Mandarin, CLIP, &SpeechSettings::default())
        .expect("speech")
        .resampled(16_000)
        .expect("16 kHz");
    let seconds = clip.duration().as_secs_f64();
    let request = Request::in_language("zh");
    let mut group = c.benchmark_group("transcribe");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(20));
    let mut spent = Duration::ZERO;
    let mut calls = 0u32;
    group.bench_function(
        format!("whisper-base-q8_0-2-threads-{seconds:.1}s-clip"),
        |b| {
            b.iter(|| {
                let start = Instant::now();
                let heard = whisper.recognize(&clip, &request).expect("recognized");
                spent += start.elapsed();
                calls += 1;
                heard
            })
        },
    );
    group.finish();
    let per_call = spent.as_secs_f64() / f64::from(calls.max(1));
    println!(
        "real-time factor: {:.3} ({per_call:.2} s for {seconds:.2} s of audio, {calls} calls)",
        per_call / seconds
    );
}

criterion_group!(benches, recognition);
criterion_main!(benches);
