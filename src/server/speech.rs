//! Speech for pages: a text (one highlightable unit a line) or markup rendered to one WAV with
//! the start and end time of every sentence, cached by content; and the routes that serve it.

use std::sync::Arc;
use std::time::Instant;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};

use super::api::{self, ApiError};
use super::{files, limits, AudioCache, Shared};
use crate::audio::Pcm;
use crate::lang::Language;
use crate::synth::{Profile, Sentences, SpeechSettings, Synthesizer};
use crate::{Error, Result};

/// What to speak: a text or markup in a language with settings. The unit of caching.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeechRequest {
    /// Plain text (each line is spoken on its own, and its sentences report the line they came
    /// from) or markup.
    pub text: String,
    /// Whether `text` is speech markup (the SSML subset of [`crate::text::markup`]).
    pub markup: bool,
    /// The language (markup may switch within it).
    pub lang: Language,
    /// How it is spoken.
    pub settings: SpeechSettings,
}

/// One sentence of rendered speech and where it lies in the audio.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpokenSentence {
    /// The 0-based line of the request text it came from (`None` for markup).
    pub line: Option<usize>,
    /// The sentence as the engine got it (numbers as words).
    pub text: String,
    /// The language it was spoken in (a tag).
    pub lang: String,
    /// Seconds from the start of the audio to the start of the sentence.
    pub start: f64,
    /// Seconds from the start of the audio to the end of its speech (the pause after it is not
    /// included).
    pub end: f64,
}

/// Rendered speech as the cache keeps it: the WAV lies beside it under the same key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpeechResult {
    /// The content hash naming the audio (64 hex digits).
    pub key: String,
    /// The language of the request (a tag).
    pub lang: String,
    /// The WAV's sample rate.
    pub sample_rate: u32,
    /// The length of the audio in seconds.
    pub duration: f64,
    /// The sentences, in order.
    pub sentences: Vec<SpokenSentence>,
}

impl SpeechRequest {
    /// About how long the request will take to say with `engine`, before any of it is spoken
    /// ([`Sentences::estimated_duration`], pauses between lines included).
    ///
    /// # Errors
    /// As [`SpeechRequest::render`], for what can be found before speaking.
    pub fn estimated_duration(&self, engine: &dyn Synthesizer) -> Result<std::time::Duration> {
        if self.markup {
            let parts = Sentences::from_markup(engine, self.lang, &self.text, &self.settings)?;
            return Ok(parts.estimated_duration());
        }
        let mut total = std::time::Duration::ZERO;
        for line in self.text.lines().filter(|l| !l.trim().is_empty()) {
            match Sentences::new(engine, self.lang, line, &self.settings) {
                Ok(parts) => total += parts.estimated_duration() + self.settings.sentence_pause(),
                Err(Error::InvalidText(_)) if crate::text::sanitize(line).is_err() => {}
                Err(e) => return Err(e),
            }
        }
        Ok(total)
    }

    /// Renders the request with `engine`, stopping with [`Error::Engine`] once `deadline` has
    /// passed (checked between sentences).
    ///
    /// # Errors
    /// As [`Sentences::new`] and [`Sentences::from_markup`]; [`Error::InvalidText`] when no
    /// line has anything to speak.
    pub fn render(
        &self,
        engine: &dyn Synthesizer,
        deadline: Option<Instant>,
    ) -> Result<(Pcm, Vec<SpokenSentence>)> {
        let mut pcm = Pcm::new(Vec::new(), engine.sample_rate());
        let mut sentences = Vec::new();
        if self.markup {
            let parts = Sentences::from_markup(engine, self.lang, &self.text, &self.settings)?;
            append(&mut pcm, &mut sentences, parts, None, deadline)?;
        } else {
            let lines: Vec<&str> = self.text.lines().collect();
            for (i, line) in lines.iter().enumerate() {
                if line.trim().is_empty() {
                    continue;
                }
                let parts = match Sentences::new(engine, self.lang, line, &self.settings) {
                    Ok(parts) => parts,
                    // A line of punctuation or symbols only: nothing to say there.
                    Err(Error::InvalidText(_)) if crate::text::sanitize(line).is_err() => continue,
                    Err(e) => return Err(e),
                };
                if !sentences.is_empty() {
                    pcm.append_silence(self.settings.sentence_pause());
                }
                append(&mut pcm, &mut sentences, parts, Some(i), deadline)?;
            }
        }
        if sentences.is_empty() {
            return Err(Error::InvalidText("there is nothing to speak".into()));
        }
        Ok((pcm, sentences))
    }
}

/// Speaks `parts` onto the end of `pcm`, recording each sentence's times.
fn append(
    pcm: &mut Pcm,
    out: &mut Vec<SpokenSentence>,
    mut parts: Sentences<'_>,
    line: Option<usize>,
    deadline: Option<Instant>,
) -> Result<()> {
    for i in 0..parts.len() {
        if deadline.is_some_and(|d| Instant::now() >= d) {
            return Err(Error::Engine {
                engine: "server".into(),
                message: "the request's time ran out".into(),
            });
        }
        let text = parts.sentence(i).unwrap_or_default().to_owned();
        let lang = parts.language(i).unwrap_or(Language::REFERENCE);
        let piece = parts.next().expect("one item per sentence")?;
        let start = pcm.duration().as_secs_f64();
        let voiced = piece
            .samples
            .iter()
            .rposition(|s| s.unsigned_abs() > 100)
            .map_or(0, |p| p + 1);
        pcm.append(&piece)?;
        if !text.is_empty() {
            out.push(SpokenSentence {
                line,
                text,
                lang: lang.tag().to_owned(),
                start,
                end: start + voiced as f64 / f64::from(piece.rate),
            });
        }
    }
    Ok(())
}

/// The body of `POST /api/v1/speech`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Body {
    text: Option<String>,
    markup: Option<String>,
    lang: Option<String>,
    /// Rate in percent (30–300), overriding the profile's.
    rate: Option<u32>,
    #[serde(default)]
    elder: bool,
}

/// `POST /api/v1/speech`: `{"text" | "markup", "lang", "rate", "elder"}` → `audio/wav`, or with
/// `Accept: application/json` the [`SpeechResult`] with the audio's URL.
pub async fn handle(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let body: Body = serde_json::from_slice(&body)
        .map_err(|e| ApiError::bad_request(format!("the body is not a speech request: {e}")))?;
    let (text, markup) = match (body.text, body.markup) {
        (Some(t), None) => (t, false),
        (None, Some(m)) => (m, true),
        _ => return Err(ApiError::bad_request("give either \"text\" or \"markup\"")),
    };
    let chars = text.chars().count();
    let max = shared.config.max_text_chars;
    if chars > max {
        return Err(ApiError {
            status: StatusCode::PAYLOAD_TOO_LARGE,
            message: format!("the text has {chars} characters; at most {max} are spoken at once"),
        });
    }
    let lang = api::language(body.lang.as_deref(), &headers)?;
    let profile = if body.elder {
        Profile::Elder
    } else {
        Profile::Standard
    };
    let mut settings = shared.config.speech.settings(profile).clone();
    if let Some(rate) = body.rate {
        settings.rate = rate;
    }
    settings.validate().map_err(ApiError::bad_request)?;
    let request = SpeechRequest {
        text,
        markup,
        lang,
        settings,
    };
    let result = match shared.cache.lookup(shared.engine.as_ref(), &request) {
        Some(hit) => hit,
        None => {
            // Only what must be spoken is measured: a cache hit costs no text processing.
            let longest = shared.config.max_speech;
            let estimate = request.estimated_duration(shared.engine.as_ref())?;
            if estimate > longest {
                return Err(ApiError {
                    status: StatusCode::PAYLOAD_TOO_LARGE,
                    message: format!(
                        "the speech would last about {:.0} minutes; this server speaks at most \
                         {:.0} minutes a request (tilmach serve --max-speech-seconds)",
                        estimate.as_secs_f64() / 60.0,
                        longest.as_secs_f64() / 60.0
                    ),
                });
            }
            // Identical requests arriving together wait for the first one's rendering: only
            // the first needs a speech worker.
            let ticket = shared
                .cache
                .join(&AudioCache::key(shared.engine.as_ref(), &request));
            let permit = if ticket.is_first() {
                let Ok(permit) = shared.synthesis.clone().try_acquire_owned() else {
                    return Ok(limits::busy("all speech workers are busy; try again"));
                };
                Some(permit)
            } else {
                None
            };
            let deadline = Instant::now() + shared.config.request_timeout;
            let worker = shared.clone();
            let rendered = tokio::task::spawn_blocking(move || {
                let cache = &worker.cache;
                match permit {
                    Some(_permit) => cache
                        .render_joined(&ticket, worker.engine.as_ref(), &request, Some(deadline))
                        .map(Some),
                    None => Ok(cache.wait_for(&ticket)),
                }
            })
            .await
            .map_err(|e| ApiError {
                status: StatusCode::INTERNAL_SERVER_ERROR,
                message: format!("speech task failed: {e}"),
            })??;
            match rendered {
                Some(result) => result,
                // The rendering this request waited for failed; its own error went to its client.
                None => return Ok(limits::busy("the speech could not be made; try again")),
            }
        }
    };
    let wants_json = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.contains("application/json"));
    if wants_json {
        let mut value = serde_json::to_value(&result).expect("serializes");
        value["audio"] = format!("/api/v1/audio/{}.wav", result.key).into();
        Ok(Json(value).into_response())
    } else {
        Ok(files::serve(
            &shared.cache.wav_path(&result.key),
            &result.key,
            "audio/wav",
            &headers,
        )
        .await)
    }
}

/// `GET /api/v1/audio/{key}.wav`: cached audio, with `ETag` and ranges.
pub async fn audio(
    State(shared): State<Arc<Shared>>,
    Path(name): Path<String>,
    headers: HeaderMap,
) -> Response {
    let Some(key) = name
        .strip_suffix(".wav")
        .filter(|k| super::cache::is_key(k))
    else {
        return api::error_response(StatusCode::NOT_FOUND, "no such audio");
    };
    files::serve(&shared.cache.wav_path(key), key, "audio/wav", &headers).await
}
