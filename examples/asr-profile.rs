//! Where the time of one recognition goes, in process: model check (mapping the file), model
//! load, WAV reading, resampling, voice activity detection, then whisper.cpp's log-mel
//! spectrogram, encoder and decoder (the decoder is the full recognition less the mel and the
//! encoder, which it computes again), and a second recognition with the model already loaded.
//!
//! `[THREADS=2] cargo run --release --example asr-profile -- [CLIP.wav]` (default: the 5.5 s
//! Mandarin clip of `benches/asr.rs`, spoken by espeak-ng). The model is
//! `TILMACH_WHISPER_MODEL`, else the shared one. Prints one line per stage, in milliseconds, the
//! median of five runs where a stage runs more than once.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use tilmach::asr::model::Mapped;
use tilmach::asr::vad::{Segmenter, Vad};
use tilmach::asr::whisper::Whisper;
use tilmach::asr::{Recognizer, Request};
use tilmach::synth::espeak::Espeak;
use tilmach::synth::{speak, SpeechSettings};
use tilmach::Language;
use whisper_rs::{FullParams, SamplingStrategy, WhisperContext, WhisperContextParameters};

const CLIP: &str = "您好，欢迎拨打12345。办理社保卡，请按2。";
const RUNS: usize = 5;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let model = tilmach::asr::default_model_path().ok_or("no Whisper model")?;
    // THREADS=N or auto (the cores free now: tilmach's default).
    let policy: tilmach::asr::Threads = std::env::var("THREADS")
        .ok()
        .and_then(|t| t.parse().ok())
        .unwrap_or(tilmach::asr::Threads::Fixed(2));
    let threads = policy.count();
    let clip = match std::env::args_os().nth(1) {
        Some(path) => PathBuf::from(path),
        None => {
            let path = std::env::temp_dir().join("asr-profile-clip.wav");
            let pcm = speak(
                Espeak::shared()?,
                Language::Mandarin,
                CLIP,
                &SpeechSettings::default(),
            )?
            .resampled(16_000)?;
            tilmach::audio::wav::write_file(&path, &pcm)?;
            path
        }
    };

    // FLASH=1: whisper.cpp's flash attention (must leave the transcript unchanged to be used).
    let flash = std::env::var("FLASH").is_ok_and(|v| v == "1");
    let params = || {
        let mut p = WhisperContextParameters::default();
        p.flash_attn(flash);
        p
    };
    let check = median(|| {
        Mapped::open(&model).expect("the model is good");
    });
    let mapped = Mapped::open(&model)?;
    let load = median(|| {
        WhisperContext::new_from_buffer_with_params(mapped.bytes(), params())
            .expect("whisper.cpp loads it");
    });
    let read = median(|| {
        tilmach::audio::wav::read_file(&clip).expect("the clip reads");
    });
    let audio = tilmach::audio::wav::read_file(&clip)?;
    let resample = median(|| {
        audio.resampled(16_000).expect("16 kHz");
    });
    let audio = audio.resampled(16_000)?;
    let vad = median(|| {
        let mut segmenter = Segmenter::new(Vad::default(), 16_000, Duration::from_secs(28));
        let mut utterances = Vec::new();
        for chunk in audio.samples.chunks(1600) {
            segmenter.push(chunk, &mut utterances);
        }
        segmenter.finish(&mut utterances);
        assert!(!utterances.is_empty(), "the clip has speech");
    });

    let context = WhisperContext::new_from_buffer_with_params(mapped.bytes(), params())?;
    let samples: Vec<f32> = audio
        .samples
        .iter()
        .map(|&s| f32::from(s) / 32768.0)
        .collect();
    let mel = median(|| {
        let mut state = context.create_state().expect("state");
        state.pcm_to_mel(&samples, threads).expect("mel");
    });
    let encoder = median(|| {
        let mut state = context.create_state().expect("state");
        state.pcm_to_mel(&samples, threads).expect("mel");
        state.encode(0, threads).expect("encoder");
    }) - mel;
    // AUDIO_CTX=1: the encoder sees only the clip (50 frames a second, plus a fifth), not
    // Whisper's whole 30 s window (must leave the transcript unchanged to be used).
    let audio_ctx = std::env::var("AUDIO_CTX")
        .is_ok_and(|v| v == "1")
        .then(|| ((samples.len() as f64 / 16_000.0 * 50.0 * 1.2).ceil() as i32).min(1500));
    let mut heard = String::new();
    let second = median(|| {
        let mut state = context.create_state().expect("state");
        let mut params = FullParams::new(SamplingStrategy::Greedy { best_of: 1 });
        params.set_n_threads(threads as i32);
        params.set_language(Some("zh"));
        params.set_temperature(0.0);
        params.set_temperature_inc(0.0);
        params.set_no_context(true);
        params.set_print_progress(false);
        params.set_print_realtime(false);
        params.set_print_timestamps(false);
        params.set_suppress_blank(true);
        if let Some(frames) = audio_ctx {
            params.set_audio_ctx(frames);
        }
        state.full(params, &samples).expect("recognized");
        heard = (0..state.full_n_segments())
            .filter_map(|i| state.get_segment(i))
            .filter_map(|s| s.to_str_lossy().ok().map(|t| t.into_owned()))
            .collect();
    });
    // tilmach's own path (model check, then recognition with its settings), for the record.
    let whisper = Whisper::load(&model, policy)?;
    let request = Request::in_language("zh");
    let own = median(|| {
        whisper.recognize(&audio, &request).expect("recognized");
    });

    let seconds = audio.duration().as_secs_f64();
    println!(
        "{threads} threads ({policy}), flash attention {}, clip {seconds:.2} s, median of {RUNS} runs (ms):",
        if flash { "on" } else { "off" }
    );
    for (stage, time) in [
        ("model check (map + walk)", check),
        ("model load (whisper.cpp)", load),
        ("WAV read", read),
        ("resample to 16 kHz", resample),
        ("voice activity detection", vad),
        ("log-mel spectrogram", mel),
        ("encoder", encoder),
        (
            "decoder (full - mel - encoder)",
            second.saturating_sub(mel + encoder),
        ),
        ("recognition, model loaded (whisper_full)", second),
        ("recognition through Whisper::recognize", own),
    ] {
        println!("| {stage} | {:.0} |", time.as_secs_f64() * 1000.0);
    }
    println!(
        "real-time factor of the recognition: {:.3}; heard: {heard}",
        second.as_secs_f64() / seconds
    );
    Ok(())
}

/// The median time of [`RUNS`] runs of `f`.
fn median(mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[RUNS / 2]
}
