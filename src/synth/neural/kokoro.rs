//! Kokoro-82M v1.0 (int8 ONNX), the Mandarin neural voice.
//!
//! The model reads phonemes ([`crate::phonetics::mandarin::kokoro`]: tilmach's word-level pinyin,
//! tone sandhi applied), one style vector of the chosen voice per input length, and a speed; it
//! returns 24 kHz audio. One [`Kokoro`] loads the model and the voice once; calls from many
//! threads take turns on its session (ONNX Runtime already spreads one call over the cores).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use ort::session::Session;
use ort::value::Tensor;

use super::{runtime, to_pcm};
use crate::lang::Language;
use crate::synth::{Capabilities, SpeechSettings, Synthesizer};
use crate::{Error, Pcm, Result};

/// The model file in the voice directory.
pub const MODEL_FILE: &str = "kokoro-v1.0.int8.onnx";
/// The phoneme vocabulary in the voice directory.
pub const VOCAB_FILE: &str = "kokoro-vocab.json";
/// The folder of the voices' style vectors in the voice directory.
pub const VOICES_FOLDER: &str = "kokoro";
/// The rate of the model's audio.
pub const SAMPLE_RATE: u32 = 24_000;
/// The most phoneme tokens one model call reads (the model's context is 512 with the two pads).
pub const MAX_TOKENS: usize = 510;
/// Phoneme strings longer than this are cut at clause punctuation, then at spaces: the model
/// phrases long inputs worse.
const CHUNK_TOKENS: usize = 300;
/// Values per style vector.
const STYLE_DIM: usize = 256;

/// The Mandarin voices of Kokoro v1.0: name, gender.
pub const MANDARIN_VOICES: [(&str, &str); 8] = [
    ("zf_xiaobei", "female"),
    ("zf_xiaoni", "female"),
    ("zf_xiaoxiao", "female"),
    ("zf_xiaoyi", "female"),
    ("zm_yunjian", "male"),
    ("zm_yunxi", "male"),
    ("zm_yunxia", "male"),
    ("zm_yunyang", "male"),
];

/// The voice used when none is chosen: of the eight, the one Whisper understood best on the
/// service sentences (`benches/compare-voices.sh`, README), and a lower, male voice, which
/// ears that lose the high frequencies first hear better.
pub const DEFAULT_VOICE: &str = "zm_yunxia";

/// The licence of the model and its voices.
pub const LICENCE: &str = "Apache-2.0 (Kokoro-82M weights and voices; ONNX export MIT)";

/// A loaded Kokoro model speaking with one voice.
pub struct Kokoro {
    session: Mutex<Session>,
    vocab: HashMap<char, i64>,
    /// [`MAX_TOKENS`] style vectors, one per input length.
    styles: Vec<f32>,
    name: String,
}

impl Kokoro {
    /// Loads the model and voice `voice` (`zm_yunxi`, see [`MANDARIN_VOICES`]) from `dir`, to
    /// run on `threads` threads.
    ///
    /// # Errors
    /// [`Error::Model`] naming the file that is missing or unusable (the runtime library, the
    /// model, the vocabulary, the voice).
    pub fn load(dir: &Path, voice: &str, threads: usize) -> Result<Kokoro> {
        let voice_path = voice_file(dir, voice);
        if !MANDARIN_VOICES.iter().any(|(name, _)| *name == voice) {
            return Err(Error::Model {
                path: voice_path,
                message: format!(
                    "no Kokoro Mandarin voice '{voice}' (voices: {})",
                    MANDARIN_VOICES.map(|(n, _)| n).join(", ")
                ),
            });
        }
        let styles = read_styles(&voice_path)?;
        let vocab = read_vocab(&dir.join(VOCAB_FILE))?;
        let environment = runtime::environment(dir)?;
        let model = dir.join(MODEL_FILE);
        let session = runtime::session(environment, &model, threads)?;
        let names: Vec<&str> = session.inputs().iter().map(|i| i.name()).collect();
        if names != ["tokens", "style", "speed"] {
            return Err(Error::Model {
                path: model,
                message: format!(
                    "not a Kokoro model: its inputs are {names:?}, not tokens, style, speed"
                ),
            });
        }
        Ok(Kokoro {
            session: Mutex::new(session),
            vocab,
            styles,
            name: format!("Kokoro-82M v1.0 ({voice})"),
        })
    }

    /// The phonemes the model is given for `text` (cleaned and normalized Mandarin): Latin words
    /// as espeak-ng's American English reads them, in Kokoro's spelling.
    pub fn phonemes(&self, text: &str) -> String {
        crate::phonetics::mandarin::kokoro::phonemes(text, &mut english_phonemes)
    }

    /// The vocabulary ids of `phonemes`; characters outside the vocabulary are left out.
    fn ids(&self, phonemes: &str) -> Vec<i64> {
        phonemes
            .chars()
            .filter_map(|c| self.vocab.get(&c).copied())
            .collect()
    }

    /// Speaks one chunk of at most [`MAX_TOKENS`] ids.
    fn run(&self, ids: &[i64], speed: f32) -> Result<Vec<f32>> {
        let n = ids.len().clamp(1, MAX_TOKENS);
        let style = &self.styles[(n - 1) * STYLE_DIM..n * STYLE_DIM];
        let mut tokens = Vec::with_capacity(ids.len() + 2);
        tokens.push(0);
        tokens.extend_from_slice(&ids[..ids.len().min(MAX_TOKENS)]);
        tokens.push(0);
        let engine = |e: ort::Error| Error::Engine {
            engine: self.name.clone(),
            message: e.to_string(),
        };
        let inputs = ort::inputs![
            Tensor::from_array(([1, tokens.len()], tokens)).map_err(engine)?,
            Tensor::from_array(([1, STYLE_DIM], style.to_vec())).map_err(engine)?,
            Tensor::from_array(([1], vec![speed])).map_err(engine)?,
        ];
        let mut session = self.session.lock().unwrap_or_else(|p| p.into_inner());
        let outputs = session.run(inputs).map_err(engine)?;
        let (_, audio) = outputs[0].try_extract_tensor::<f32>().map_err(engine)?;
        Ok(audio.to_vec())
    }
}

impl Synthesizer for Kokoro {
    fn name(&self) -> &str {
        &self.name
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities {
            languages: vec![Language::Mandarin],
            rate: true,
            pitch: false,
        }
    }

    fn sample_rate(&self) -> u32 {
        SAMPLE_RATE
    }

    fn render(&self, lang: Language, text: &str, settings: &SpeechSettings) -> Result<Pcm> {
        self.require(lang)?;
        let speed = super::speed(settings.rate);
        let mut audio = Vec::new();
        for chunk in chunks(&self.phonemes(text), CHUNK_TOKENS) {
            let ids = self.ids(&chunk);
            if !ids.is_empty() {
                audio.extend_from_slice(trim_silence(&self.run(&ids, speed)?));
            }
        }
        Ok(to_pcm(&audio, SAMPLE_RATE))
    }
}

/// Kept before the first and after the last sound of a model call: the model itself adds about
/// 0.4 s of silence before and 1 s after every call, which would double the pauses tilmach
/// makes between sentences and put a second-long gap after each clause spoken on its own.
const KEEP_BEFORE: usize = SAMPLE_RATE as usize / 20;
const KEEP_AFTER: usize = SAMPLE_RATE as usize / 10;

/// `audio` without the silence the model puts around it (windows of 10 ms under −50 dBFS), but
/// for [`KEEP_BEFORE`] and [`KEEP_AFTER`]. All silence stays all silence.
fn trim_silence(audio: &[f32]) -> &[f32] {
    const WINDOW: usize = SAMPLE_RATE as usize / 100;
    let threshold = 10f32.powf(-50.0 / 20.0);
    let loud =
        |w: &[f32]| (w.iter().map(|v| v * v).sum::<f32>() / w.len() as f32).sqrt() > threshold;
    let windows: Vec<&[f32]> = audio.chunks(WINDOW).collect();
    let (Some(first), Some(last)) = (
        windows.iter().position(|w| loud(w)),
        windows.iter().rposition(|w| loud(w)),
    ) else {
        return audio;
    };
    let start = (first * WINDOW).saturating_sub(KEEP_BEFORE);
    let end = ((last + 1) * WINDOW + KEEP_AFTER).min(audio.len());
    &audio[start..end]
}

/// The style vector file of `voice` in `dir`.
pub fn voice_file(dir: &Path, voice: &str) -> PathBuf {
    dir.join(VOICES_FOLDER).join(format!("{voice}.bin"))
}

/// Whether the Kokoro model, its vocabulary and `voice` are in `dir`.
pub fn is_installed(dir: &Path, voice: &str) -> bool {
    dir.join(MODEL_FILE).is_file()
        && dir.join(VOCAB_FILE).is_file()
        && voice_file(dir, voice).is_file()
}

/// Reads a voice: [`MAX_TOKENS`] × [`STYLE_DIM`] little-endian f32.
fn read_styles(path: &Path) -> Result<Vec<f32>> {
    let bytes = std::fs::read(path).map_err(|e| Error::Model {
        path: path.to_owned(),
        message: format!("cannot read the voice: {e}"),
    })?;
    let expected = MAX_TOKENS * STYLE_DIM * 4;
    if bytes.len() != expected {
        return Err(Error::Model {
            path: path.to_owned(),
            message: format!(
                "a Kokoro voice is {expected} bytes ({MAX_TOKENS} style vectors of {STYLE_DIM} \
                 floats); this file has {}",
                bytes.len()
            ),
        });
    }
    let styles: Vec<f32> = bytes
        .chunks_exact(4)
        .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .collect();
    if styles.iter().any(|v| !v.is_finite()) {
        return Err(Error::Model {
            path: path.to_owned(),
            message: "the voice holds values that are not finite numbers".into(),
        });
    }
    Ok(styles)
}

/// Reads the vocabulary: `{"vocab": {"a": 43, …}}`, one character per entry.
fn read_vocab(path: &Path) -> Result<HashMap<char, i64>> {
    #[derive(serde::Deserialize)]
    struct File {
        vocab: HashMap<String, i64>,
    }
    let fail = |message: String| Error::Model {
        path: path.to_owned(),
        message,
    };
    let text = std::fs::read_to_string(path).map_err(|e| fail(format!("cannot read: {e}")))?;
    let file: File =
        serde_json::from_str(&text).map_err(|e| fail(format!("not a vocabulary: {e}")))?;
    let mut vocab = HashMap::new();
    for (symbol, id) in file.vocab {
        let mut chars = symbol.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) if (1..512).contains(&id) => {
                vocab.insert(c, id);
            }
            _ => return Err(fail(format!("bad entry {symbol:?}: {id}"))),
        }
    }
    Ok(vocab)
}

/// Cuts a phoneme string into pieces of at most `max` characters: after clause punctuation where
/// possible, else at spaces, else anywhere.
fn chunks(phonemes: &str, max: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut current_len = 0;
    for clause in split_after(phonemes, |c| ",.!?;:…".contains(c)) {
        for piece in fit(clause, max) {
            let len = piece.chars().count();
            if current_len > 0 && current_len + 1 + len > max {
                out.push(std::mem::take(&mut current));
                current_len = 0;
            }
            if current_len > 0 {
                current.push(' ');
                current_len += 1;
            }
            current.push_str(&piece);
            current_len += len;
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// `text` split after each character `is_end` accepts, each piece trimmed, empty ones left out.
fn split_after(text: &str, is_end: impl Fn(char) -> bool) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if is_end(c) {
            pieces.push(&text[start..i + c.len_utf8()]);
            start = i + c.len_utf8();
        }
    }
    pieces.push(&text[start..]);
    pieces
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

/// A clause cut at spaces (or, for a word longer than `max`, anywhere) into pieces of at most
/// `max` characters.
fn fit(clause: &str, max: usize) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut current = String::new();
    let mut len = 0;
    for word in clause.split(' ').filter(|w| !w.is_empty()) {
        let chars: Vec<char> = word.chars().collect();
        for part in chars.chunks(max) {
            if len > 0 && len + 1 + part.len() > max {
                pieces.push(std::mem::take(&mut current));
                len = 0;
            }
            if len > 0 {
                current.push(' ');
                len += 1;
            }
            current.extend(part);
            len += part.len();
        }
    }
    if !current.is_empty() {
        pieces.push(current);
    }
    pieces
}

/// A Latin word as Kokoro's English phonemes: espeak-ng's American English IPA, respelled as
/// Kokoro learned English (diphthongs as one symbol, `r` as `ɹ`, no length marks).
fn english_phonemes(word: &str) -> String {
    let Ok(espeak) = crate::synth::espeak::Espeak::shared() else {
        return String::new();
    };
    let Ok(ipa) = espeak.phonemes_in_voice("en-us", word) else {
        return String::new();
    };
    let mut out = ipa.replace('\n', " ");
    for (from, to) in [
        ("eɪ", "A"),
        ("aɪ", "I"),
        ("aʊ", "W"),
        ("ɔɪ", "Y"),
        ("oʊ", "O"),
        ("dʒ", "ʤ"),
        ("tʃ", "ʧ"),
        ("ɚ", "əɹ"),
        ("r", "ɹ"),
        ("ɐ", "ə"),
        ("ɾ", "T"),
        ("ʔ", "t"),
        ("ː", ""),
    ] {
        out = out.replace(from, to);
    }
    out.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn silence_around_the_speech_is_trimmed_to_the_margins() {
        let rate = SAMPLE_RATE as usize;
        let tone: Vec<f32> = (0..rate).map(|i| (i as f32 * 0.05).sin() * 0.3).collect();
        let mut audio = vec![0.0; rate / 2];
        audio.extend(&tone);
        audio.extend(vec![1e-6; rate]);
        let trimmed = trim_silence(&audio);
        assert_eq!(trimmed.len(), rate + KEEP_BEFORE + KEEP_AFTER);
        assert!(trimmed[..KEEP_BEFORE].iter().all(|&v| v == 0.0));
        let silent = vec![0.0; rate];
        assert_eq!(trim_silence(&silent).len(), rate);
        assert!(trim_silence(&[]).is_empty());
    }

    #[test]
    fn chunks_prefer_clause_ends_then_spaces() {
        assert_eq!(chunks("ab cd, ef gh. ij", 100), ["ab cd, ef gh. ij"]);
        assert_eq!(chunks("ab cd, ef gh. ij", 10), ["ab cd,", "ef gh. ij"]);
        assert_eq!(chunks("abcd efgh ijkl", 9), ["abcd efgh", "ijkl"]);
        assert_eq!(chunks("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert!(chunks("  ,  ", 4).iter().all(|c| c.chars().count() <= 4));
        assert!(chunks("", 4).is_empty());
    }

    #[test]
    fn no_chunk_is_longer_than_asked() {
        let text = "ni↗xau↓ ".repeat(200) + "," + &"x".repeat(700);
        for max in [5, 50, 300] {
            let pieces = chunks(&text, max);
            assert!(pieces.iter().all(|c| c.chars().count() <= max), "{max}");
            let joined: String = pieces.concat().split_whitespace().collect();
            let original: String = text.split_whitespace().collect();
            assert_eq!(joined, original, "nothing lost at {max}");
        }
    }
}
