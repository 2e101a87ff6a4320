//! Speech recognition with whisper.cpp through whisper-rs.
//!
//! The model is checked ([`super::model::check`]) and loaded once; every
//! [`Recognizer::recognize`] call gets its own decoder state, so one `Whisper` serves many
//! threads. Decoding is greedy at temperature 0, with timestamps per segment.

use std::path::{Path, PathBuf};
use std::sync::Once;
use std::time::Duration;

use whisper_rs::{FullParams, SamplingStrategy, WhisperContext, WhisperContextParameters};

use super::{model, Recognizer, Request, Segment, Threads, Transcript, SAMPLE_RATE};
use crate::{Error, Pcm, Result};

/// whisper.cpp on a ggml model.
pub struct Whisper {
    context: WhisperContext,
    path: PathBuf,
    threads: Threads,
}

impl Whisper {
    /// Checks and loads the model at `path`; each recognition uses `threads` threads (a number,
    /// or [`Threads::Auto`]: the cores free when it starts).
    ///
    /// # Errors
    /// [`Error::Model`] naming the path when the file is missing, unreadable, truncated or not a
    /// whisper.cpp model, or when whisper.cpp refuses it.
    pub fn load(path: &Path, threads: impl Into<Threads>) -> Result<Whisper> {
        static QUIET: Once = Once::new();
        // whisper.cpp and ggml log to standard error; tilmach's own errors say what matters.
        QUIET.call_once(whisper_rs::install_logging_hooks);
        // Mapped once: the bytes checked are the bytes whisper.cpp loads.
        let mapped = model::Mapped::open(path)?;
        let bad = |message: String| Error::Model {
            path: path.to_owned(),
            message,
        };
        let context = WhisperContext::new_from_buffer_with_params(
            mapped.bytes(),
            WhisperContextParameters::default(),
        )
        .map_err(|e| bad(format!("whisper.cpp cannot load it: {e}")))?;
        Ok(Whisper {
            context,
            path: path.to_owned(),
            threads: threads.into(),
        })
    }

    /// The model file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn engine_error(&self, message: String) -> Error {
        Error::Engine {
            engine: "whisper.cpp".into(),
            message,
        }
    }
}

impl Recognizer for Whisper {
    fn name(&self) -> &str {
        "whisper.cpp"
    }

    fn recognize(&self, audio: &Pcm, request: &Request) -> Result<Transcript> {
        if let Some(code) = &request.language {
            if whisper_rs::get_lang_id(code).is_none() {
                return Err(Error::Unsupported {
                    engine: self.name().into(),
                    what: format!("the language '{code}'"),
                });
            }
        }
        let audio = audio.resampled(SAMPLE_RATE)?;
        let samples: Vec<f32> = audio
            .samples
            .iter()
            .map(|&s| f32::from(s) / 32768.0)
            .collect();
        // whisper.cpp needs at least a second of input; pad short clips with silence.
        let mut padded = samples;
        padded.resize(
            padded
                .len()
                .max(SAMPLE_RATE as usize + SAMPLE_RATE as usize / 10),
            0.0,
        );

        let mut state = self
            .context
            .create_state()
            .map_err(|e| self.engine_error(format!("cannot create a decoder state: {e}")))?;
        let mut params = FullParams::new(SamplingStrategy::Greedy { best_of: 1 });
        params.set_n_threads(self.threads.count().min(64) as i32);
        params.set_language(Some(request.language.as_deref().unwrap_or("auto")));
        params.set_translate(false);
        params.set_print_special(false);
        params.set_print_progress(false);
        params.set_print_realtime(false);
        params.set_print_timestamps(false);
        params.set_suppress_blank(true);
        params.set_temperature(0.0);
        // No fallback to sampling at higher temperatures: on unclear speech it decodes up to
        // five more times (measured: 10× the time) for no better menu matches.
        params.set_temperature_inc(0.0);
        params.set_no_context(true);
        state
            .full(params, &padded)
            .map_err(|e| self.engine_error(format!("recognition failed: {e}")))?;

        let language = match &request.language {
            Some(code) => code.clone(),
            None => whisper_rs::get_lang_str(state.full_lang_id_from_state())
                .unwrap_or("unknown")
                .to_owned(),
        };
        let centiseconds = |t: i64| Duration::from_millis(t.max(0) as u64 * 10);
        let mut segments = Vec::new();
        for i in 0..state.full_n_segments() {
            let Some(segment) = state.get_segment(i) else {
                continue;
            };
            let text = segment
                .to_str_lossy()
                .map_err(|e| self.engine_error(format!("segment {i}: {e}")))?
                .trim()
                .to_owned();
            if text.is_empty() {
                continue;
            }
            segments.push(Segment {
                start: centiseconds(segment.start_timestamp()),
                end: centiseconds(segment.end_timestamp()),
                text,
            });
        }
        let joiner = if matches!(language.as_str(), "zh" | "ja") {
            ""
        } else {
            " "
        };
        let text = segments
            .iter()
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>()
            .join(joiner);
        Ok(Transcript {
            language,
            text,
            segments,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A process that serves requests (a kiosk, a server) survives a bad model: the error names
    /// the file, and the good model loads and recognizes afterwards.
    #[test]
    fn a_bad_model_fails_alone_and_the_good_one_loads_after_it() {
        let Some(good) = crate::asr::default_model_path() else {
            eprintln!("skipped: no whisper model (set TILMACH_WHISPER_MODEL)");
            return;
        };
        let dir = tempfile::tempdir().unwrap();
        let mut bytes = std::fs::read(&good).unwrap();
        // Passes the structural check but names a tensor whisper.cpp does not know, so it is
        // whisper.cpp itself that refuses it.
        let name = b"encoder.positional_embedding";
        let at = bytes
            .windows(name.len())
            .position(|w| w == name)
            .expect("the model names its tensors");
        bytes[at] = b'X';
        let renamed = dir.path().join("renamed.bin");
        std::fs::write(&renamed, &bytes).unwrap();
        let not_a_model = dir.path().join("notes.bin");
        std::fs::write(&not_a_model, b"lmgg\xff\xff\xff\xff").unwrap();
        for bad in [&renamed, &not_a_model] {
            let err = Whisper::load(bad, 1).err().expect("a bad model is refused");
            assert!(matches!(err, Error::Model { .. }), "{err}");
            assert!(
                err.to_string().contains(&bad.display().to_string()),
                "{err}"
            );
        }
        let whisper = Whisper::load(&good, 2).unwrap();
        let heard = whisper
            .recognize(
                &Pcm::new(vec![0; 16_000], 16_000),
                &Request::in_language("en"),
            )
            .unwrap();
        assert_eq!(heard.language, "en");
    }
}
