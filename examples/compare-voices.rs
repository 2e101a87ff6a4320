//! How well a listener understands each Mandarin voice: every engine speaks the same service
//! sentences (`tests/fixtures/voices/service-sentences.zh.txt`), the shared Whisper model
//! transcribes each clip (language forced to `zh`), and the transcripts are scored against the
//! sentences' spoken form.
//!
//! - **CER**: character error rate (edit distance / reference characters) over Han characters
//!   and digits, with Arabic digits in the transcript read as Chinese numerals, 幺/两 read as
//!   一/二 on both sides, and — when `T2S` names OpenCC's `TSCharacters.txt` — the traditional
//!   characters Whisper often writes folded to simplified ones (`benches/compare-voices.sh`
//!   fetches that table);
//! - **SER**: the same over toneless pinyin syllables (`phonetics::mandarin`), which forgives
//!   homophones and the traditional characters Whisper sometimes writes;
//! - **RTF**: synthesis time / audio duration, one thread per engine call as configured.
//!
//! `cargo run --release --example compare-voices -- [VOICE…]` (default: espeak-ng and every
//! installed Kokoro voice); `--elder` speaks with the elder profile, `RATE=N` at another rate; `THREADS=N` sets the
//! neural engine's threads (default 2); the Whisper model is `TILMACH_WHISPER_MODEL`, else the
//! shared one. Voices are looked for in `TILMACH_VOICES`, else `models/voices`.
//!
//! For experiments on how text is handed to the engine: `GROUP=N` joins each N consecutive
//! sentences into one clip, and `RAW=1` gives the engine each clip's normalized text in one
//! call (Kokoro then speaks up to 300 phonemes, several sentences, per model call, with its own
//! pauses) instead of tilmach's sentence-by-sentence pipeline.

use std::collections::HashMap;
use std::path::Path;
use std::time::Instant;

use tilmach::asr::whisper::Whisper;
use tilmach::asr::{Recognizer, Request};
use tilmach::phonetics::mandarin::pinyin_string;
use tilmach::synth::neural::{self, Kokoro};
use tilmach::synth::{speak, SpeechSettings, Synthesizer};
use tilmach::Language;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let model = tilmach::asr::default_model_path()
        .filter(|p| p.is_file())
        .unwrap_or_else(|| root.join("../shared/models/ggml-base-q8_0.bin"));
    let threads: usize = std::env::var("THREADS")
        .ok()
        .and_then(|t| t.parse().ok())
        .unwrap_or(2);
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let elder = args.iter().any(|a| a == "--elder");
    args.retain(|a| a != "--elder");
    let mut settings = if elder {
        SpeechSettings::elder()
    } else {
        SpeechSettings::default()
    };
    // RATE=N: another rate (percent), to compare how fast the voices stay clear.
    if let Some(rate) = std::env::var("RATE").ok().and_then(|r| r.parse().ok()) {
        settings.rate = rate;
    }
    let dir = neural::voice_dir();
    let voices: Vec<String> = if args.is_empty() {
        std::iter::once("espeak".to_owned())
            .chain(
                neural::installed(&dir)
                    .into_iter()
                    .filter(|v| v.served == Some(Language::Mandarin))
                    .map(|v| v.name),
            )
            .collect()
    } else {
        args
    };
    let text =
        std::fs::read_to_string(root.join("tests/fixtures/voices/service-sentences.zh.txt"))?;
    let singles: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .collect();
    let group: usize = std::env::var("GROUP")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1)
        .max(1);
    let joined: Vec<String> = singles.chunks(group).map(|c| c.concat()).collect();
    let sentences: Vec<&str> = joined.iter().map(String::as_str).collect();
    let t2s = match std::env::var_os("T2S") {
        Some(path) => traditional_to_simplified(Path::new(&path))?,
        None => HashMap::new(),
    };
    let whisper = Whisper::load(&model, 2)?;
    println!(
        "{} sentences, {} profile (rate {} %), Whisper {}, neural threads {threads}",
        sentences.len(),
        if elder { "elder" } else { "standard" },
        settings.rate,
        model.display()
    );
    println!("| voice | CER | SER | RTF | audio s |");
    println!("|---|---|---|---|---|");
    for voice in &voices {
        let engine: Box<dyn Synthesizer> = if voice == "espeak" {
            Box::new(tilmach::synth::espeak::Espeak::shared()?)
        } else {
            Box::new(Kokoro::load(&dir, voice, threads)?)
        };
        let (mut char_errors, mut chars, mut syl_errors, mut syls) = (0, 0, 0, 0);
        let (mut synth_seconds, mut audio_seconds) = (0.0, 0.0);
        for sentence in &sentences {
            let started = Instant::now();
            let pcm = if std::env::var_os("RAW").is_some() {
                let spoken = tilmach::text::normalize(Language::Mandarin, sentence);
                engine.render(Language::Mandarin, &spoken, &settings)?
            } else {
                speak(engine.as_ref(), Language::Mandarin, sentence, &settings)?
            };
            synth_seconds += started.elapsed().as_secs_f64();
            audio_seconds += pcm.duration().as_secs_f64();
            let heard = whisper.recognize(&pcm, &Request::in_language("zh"))?.text;
            let reference = tilmach::text::normalize(Language::Mandarin, sentence);
            let folded: String = heard.chars().map(|c| *t2s.get(&c).unwrap_or(&c)).collect();
            let (r, h) = (han(&reference), han(&folded));
            char_errors += distance(&r, &h);
            chars += r.len();
            let (r, h) = (syllables(&r), syllables(&h));
            syl_errors += distance(&r, &h);
            syls += r.len();
            if std::env::var_os("VERBOSE").is_some() {
                eprintln!("{voice}\t{sentence}\t{folded}");
            }
        }
        println!(
            "| {voice} | {:.3} | {:.3} | {:.3} | {:.1} |",
            char_errors as f64 / chars as f64,
            syl_errors as f64 / syls as f64,
            synth_seconds / audio_seconds,
            audio_seconds
        );
    }
    Ok(())
}

/// OpenCC's character table: `TRADITIONAL<TAB>SIMPLIFIED [OTHERS…]` a line; the first is kept.
fn traditional_to_simplified(path: &Path) -> std::io::Result<HashMap<char, char>> {
    let text = std::fs::read_to_string(path)?;
    Ok(text
        .lines()
        .filter_map(|line| {
            let (from, to) = line.split_once('\t')?;
            let mut from = from.chars();
            let (Some(f), None) = (from.next(), from.next()) else {
                return None;
            };
            Some((f, to.chars().next()?))
        })
        .collect())
}

/// The Han characters of `text`, digits read as Chinese numerals, 幺 and 两 as 一 and 二.
fn han(text: &str) -> Vec<char> {
    const NUMERALS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    text.chars()
        .filter_map(|c| match c {
            '0'..='9' => Some(NUMERALS[c as usize - '0' as usize]),
            '幺' => Some('一'),
            '两' => Some('二'),
            c if tilmach::phonetics::mandarin::is_hanzi(c) => Some(c),
            _ => None,
        })
        .collect()
}

/// The toneless pinyin syllables of Han characters.
fn syllables(chars: &[char]) -> Vec<String> {
    let text: String = chars.iter().collect();
    pinyin_string(&text)
        .split(' ')
        .filter(|s| !s.is_empty())
        .map(|s| s.trim_end_matches(|c: char| c.is_ascii_digit()).to_owned())
        .collect()
}

/// Levenshtein distance.
fn distance<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, x) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, y) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(x != y));
            diagonal = above;
        }
    }
    row[b.len()]
}
