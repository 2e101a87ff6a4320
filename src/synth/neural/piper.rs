//! Piper voices (VITS models exported to ONNX, with a `.onnx.json` config beside them): any
//! voice a user brings.
//!
//! Piper voices learned espeak-ng's IPA phonemes: the text is spelled by the espeak-ng voice the
//! config names, clause by clause with its punctuation, and each phoneme becomes its ids from the
//! config's `phoneme_id_map`, between `^` and `$` with the pad `_` after each. A voice whose
//! language tilmach serves (its config's `language.code`: `zh…`, `ug…`, `mn…`) speaks that
//! language through tilmach's own front end (pinyin for Mandarin, the reading for Mongolian), as
//! the embedded espeak-ng voice does; any other voice speaks text of its own language through
//! [`Piper::render_text`].

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use ort::session::Session;
use ort::value::Tensor;
use serde::Deserialize;

use super::{runtime, to_pcm};
use crate::lang::Language;
use crate::synth::{Capabilities, SpeechSettings, Synthesizer};
use crate::{Error, Pcm, Result};

/// The biggest config file read (real ones are a few kilobytes).
const MAX_CONFIG_BYTES: u64 = 1 << 20;

/// A Piper voice's config, as far as tilmach reads it.
#[derive(Debug, Clone, Deserialize)]
pub struct PiperConfig {
    /// The audio settings.
    pub audio: AudioConfig,
    /// The espeak-ng voice that spells the phonemes.
    pub espeak: EspeakConfig,
    /// `espeak` (the only kind tilmach reads).
    #[serde(default = "espeak_kind")]
    pub phoneme_type: String,
    /// Each phoneme's ids.
    pub phoneme_id_map: HashMap<String, Vec<i64>>,
    /// The default noise and length scales.
    #[serde(default)]
    pub inference: InferenceConfig,
    /// Speakers in the model (more than 1: speaker 0 speaks).
    #[serde(default = "one")]
    pub num_speakers: u32,
    /// The voice's language.
    #[serde(default)]
    pub language: Option<LanguageConfig>,
    /// The voice's dataset name.
    #[serde(default)]
    pub dataset: Option<String>,
}

/// `audio` in a Piper config.
#[derive(Debug, Clone, Deserialize)]
pub struct AudioConfig {
    /// The rate of the model's audio.
    pub sample_rate: u32,
}

/// `espeak` in a Piper config.
#[derive(Debug, Clone, Deserialize)]
pub struct EspeakConfig {
    /// The espeak-ng voice name (`en-us`).
    pub voice: String,
}

/// `inference` in a Piper config.
#[derive(Debug, Clone, Deserialize)]
pub struct InferenceConfig {
    /// Noise of the audio.
    #[serde(default = "noise_scale")]
    pub noise_scale: f32,
    /// Duration scale: higher is slower.
    #[serde(default = "one_f32")]
    pub length_scale: f32,
    /// Noise of the durations.
    #[serde(default = "noise_w")]
    pub noise_w: f32,
}

impl Default for InferenceConfig {
    fn default() -> Self {
        InferenceConfig {
            noise_scale: noise_scale(),
            length_scale: 1.0,
            noise_w: noise_w(),
        }
    }
}

/// `language` in a Piper config.
#[derive(Debug, Clone, Deserialize)]
pub struct LanguageConfig {
    /// The language code (`en_US`).
    pub code: String,
}

fn espeak_kind() -> String {
    "espeak".into()
}
fn one() -> u32 {
    1
}
fn one_f32() -> f32 {
    1.0
}
fn noise_scale() -> f32 {
    0.667
}
fn noise_w() -> f32 {
    0.8
}

impl PiperConfig {
    /// Reads and checks the config at `path`.
    ///
    /// # Errors
    /// [`Error::Model`] naming the file when it is missing, too big, not JSON of this shape, or
    /// names phonemes other than espeak-ng's.
    pub fn load(path: &Path) -> Result<PiperConfig> {
        let fail = |message: String| Error::Model {
            path: path.to_owned(),
            message,
        };
        let size = std::fs::metadata(path)
            .map_err(|e| fail(format!("cannot read the voice's config: {e}")))?
            .len();
        if size > MAX_CONFIG_BYTES {
            return Err(fail(format!(
                "{size} bytes is too big for a voice config (at most {MAX_CONFIG_BYTES})"
            )));
        }
        let text = std::fs::read_to_string(path).map_err(|e| fail(format!("cannot read: {e}")))?;
        let config: PiperConfig = serde_json::from_str(&text)
            .map_err(|e| fail(format!("not a Piper voice config: {e}")))?;
        if config.phoneme_type != "espeak" {
            return Err(fail(format!(
                "phoneme_type '{}': tilmach reads voices of espeak-ng phonemes only",
                config.phoneme_type
            )));
        }
        if !(8_000..=48_000).contains(&config.audio.sample_rate) {
            return Err(fail(format!(
                "sample rate {} is outside 8000–48000",
                config.audio.sample_rate
            )));
        }
        for symbol in ["^", "$", "_"] {
            if config.phoneme_id_map.get(symbol).is_none_or(Vec::is_empty) {
                return Err(fail(format!("phoneme_id_map has no '{symbol}'")));
            }
        }
        Ok(config)
    }

    /// The served language this voice speaks, from its language code or espeak-ng voice.
    pub fn served_language(&self) -> Option<Language> {
        let code = self
            .language
            .as_ref()
            .map_or(self.espeak.voice.as_str(), |l| l.code.as_str())
            .to_ascii_lowercase();
        let primary = code.split(['_', '-']).next().unwrap_or("");
        match primary {
            "zh" | "cmn" => Some(Language::Mandarin),
            "ug" => Some(Language::Uyghur),
            "mn" => Some(Language::Mongolian),
            _ => None,
        }
    }

    /// The language code as the config gives it (`en_US`), else the espeak-ng voice.
    pub fn language_code(&self) -> &str {
        self.language
            .as_ref()
            .map_or(self.espeak.voice.as_str(), |l| l.code.as_str())
    }
}

/// The config beside a Piper model: `voice.onnx` → `voice.onnx.json`.
pub fn config_path(model: &Path) -> PathBuf {
    let mut name = model.as_os_str().to_owned();
    name.push(".json");
    PathBuf::from(name)
}

/// A loaded Piper voice.
pub struct Piper {
    session: Mutex<Session>,
    config: PiperConfig,
    has_speaker_input: bool,
    name: String,
}

impl Piper {
    /// Loads the voice `model` (`.onnx`, with its `.onnx.json` beside it) to run on `threads`
    /// threads, with ONNX Runtime from `voice_dir` (see [`runtime::library_path`]).
    ///
    /// # Errors
    /// [`Error::Model`] naming the config or model file that is missing or unusable, or the
    /// runtime library.
    pub fn load(model: &Path, voice_dir: &Path, threads: usize) -> Result<Piper> {
        let config = PiperConfig::load(&config_path(model))?;
        let environment = runtime::environment(voice_dir)?;
        let session = runtime::session(environment, model, threads)?;
        let names: Vec<String> = session
            .inputs()
            .iter()
            .map(|i| i.name().to_owned())
            .collect();
        if !names.starts_with(&["input".into(), "input_lengths".into(), "scales".into()]) {
            return Err(Error::Model {
                path: model.to_owned(),
                message: format!(
                    "not a Piper voice: its inputs are {names:?}, not input, input_lengths, scales"
                ),
            });
        }
        let stem = model
            .file_stem()
            .map_or_else(|| "voice".into(), |s| s.to_string_lossy().into_owned());
        Ok(Piper {
            session: Mutex::new(session),
            has_speaker_input: names.iter().any(|n| n == "sid"),
            name: format!("Piper {stem} ({})", config.language_code()),
            config,
        })
    }

    /// The voice's config.
    pub fn config(&self) -> &PiperConfig {
        &self.config
    }

    /// Speaks `text` in the voice's own language, spelled by its espeak-ng voice with no tilmach
    /// front end: for voices of languages tilmach does not serve.
    ///
    /// # Errors
    /// [`Error::Engine`] when espeak-ng lacks the voice's espeak voice or the model fails;
    /// [`Error::InvalidText`] for text with nothing to say.
    pub fn render_text(&self, text: &str, settings: &SpeechSettings) -> Result<Pcm> {
        let text = crate::text::sanitize(text)?;
        self.speak_phonemes(&self.phonemes(&text)?, settings)
    }

    /// The phonemes of `text` (already in the form the espeak-ng voice reads), clause by clause
    /// with each clause's closing punctuation.
    fn phonemes(&self, text: &str) -> Result<String> {
        let espeak = crate::synth::espeak::Espeak::shared()?;
        let mut out = String::new();
        for clause in clauses(text) {
            let body = clause.trim_end_matches(|c: char| ",.!?;:".contains(c));
            let mark = &clause[body.len()..];
            let ipa = espeak.phonemes_in_voice(&self.config.espeak.voice, body)?;
            let ipa = without_language_flags(&ipa.replace('\n', " "));
            if ipa.trim().is_empty() {
                continue;
            }
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(ipa.trim());
            out.push_str(mark.get(..1).unwrap_or(""));
        }
        Ok(out)
    }

    fn speak_phonemes(&self, phonemes: &str, settings: &SpeechSettings) -> Result<Pcm> {
        let map = &self.config.phoneme_id_map;
        let pad = &map["_"];
        let mut ids: Vec<i64> = map["^"].clone();
        ids.extend(pad);
        for c in phonemes.chars() {
            let mut buf = [0u8; 4];
            if let Some(id) = map.get(&*c.encode_utf8(&mut buf)) {
                ids.extend(id);
                ids.extend(pad);
            }
        }
        ids.extend(&map["$"]);
        let inference = &self.config.inference;
        let scales = vec![
            inference.noise_scale,
            inference.length_scale / super::speed(settings.rate),
            inference.noise_w,
        ];
        let engine = |e: ort::Error| Error::Engine {
            engine: self.name.clone(),
            message: e.to_string(),
        };
        let length = ids.len() as i64;
        let mut inputs = ort::inputs![
            "input" => Tensor::from_array(([1, ids.len()], ids)).map_err(engine)?,
            "input_lengths" => Tensor::from_array(([1], vec![length])).map_err(engine)?,
            "scales" => Tensor::from_array(([3], scales)).map_err(engine)?,
        ];
        if self.has_speaker_input {
            inputs.push((
                "sid".into(),
                Tensor::from_array(([1], vec![0i64]))
                    .map_err(engine)?
                    .into(),
            ));
        }
        let mut session = self.session.lock().unwrap_or_else(|p| p.into_inner());
        let outputs = session.run(inputs).map_err(engine)?;
        let (_, audio) = outputs[0].try_extract_tensor::<f32>().map_err(engine)?;
        Ok(to_pcm(audio, self.config.audio.sample_rate))
    }
}

impl Synthesizer for Piper {
    fn name(&self) -> &str {
        &self.name
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities {
            languages: self.config.served_language().into_iter().collect(),
            rate: true,
            pitch: false,
        }
    }

    fn sample_rate(&self) -> u32 {
        self.config.audio.sample_rate
    }

    fn render(&self, lang: Language, text: &str, settings: &SpeechSettings) -> Result<Pcm> {
        self.require(lang)?;
        let text = crate::phonetics::engine_text(lang, text);
        self.speak_phonemes(&self.phonemes(&text)?, settings)
    }
}

/// `text` cut after each clause mark, the mark kept with its clause.
fn clauses(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if ",.!?;:，。！？；：".contains(c) {
            out.push(&text[start..i + c.len_utf8()]);
            start = i + c.len_utf8();
        }
    }
    out.push(&text[start..]);
    out.into_iter()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect()
}

/// espeak-ng's phonemes without its language-switch flags such as `(en)`.
fn without_language_flags(ipa: &str) -> String {
    let mut out = String::with_capacity(ipa.len());
    let mut rest = ipa;
    while let Some(open) = rest.find('(') {
        out.push_str(&rest[..open]);
        match rest[open..].find(')') {
            Some(close) => rest = &rest[open + close + 1..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clauses_keep_their_marks() {
        assert_eq!(
            clauses("Hello, world. How are you?"),
            ["Hello,", "world.", "How are you?"]
        );
        assert_eq!(clauses("no mark"), ["no mark"]);
        assert!(clauses(" ,").iter().all(|c| !c.trim().is_empty()));
    }

    #[test]
    fn language_flags_are_removed() {
        assert_eq!(
            without_language_flags("həlˈoʊ (en)wˈɜːld(zh)"),
            "həlˈoʊ wˈɜːld"
        );
        assert_eq!(without_language_flags("a (b"), "a ");
    }

    #[test]
    fn config_path_is_beside_the_model() {
        assert_eq!(
            config_path(Path::new("/v/en_US-joe-medium.onnx")),
            Path::new("/v/en_US-joe-medium.onnx.json")
        );
    }
}
