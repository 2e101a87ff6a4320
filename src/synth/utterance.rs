use std::time::Duration;

use super::{SpeechSettings, Synthesizer};
use crate::audio::{loudness, Pcm};
use crate::lang::Language;
use crate::text;
use crate::Result;

/// A text being spoken sentence by sentence: an iterator of audio, one item per sentence, so
/// playback or a file can start before a long text is done. Each item is the sentence at the
/// settings' loudness followed by the pause after it: the pause between sentences (none after
/// the last), or in markup the `<break>`s written after it.
///
/// Memory stays bounded by one sentence of audio plus the cleaned text.
pub struct Sentences<'a> {
    synth: &'a dyn Synthesizer,
    parts: Vec<Part>,
    next: usize,
}

/// One sentence as it is sent to the engine, and the pause after it.
struct Part {
    lang: Language,
    /// Cleaned and normalized; empty for a pause alone.
    text: String,
    settings: SpeechSettings,
    pause_after: Duration,
}

impl<'a> Sentences<'a> {
    /// Cleans `text`, turns numbers into words of `lang` ([`text::normalize`]) and splits it into
    /// sentences for speaking with `synth`. The text is never read as markup.
    ///
    /// # Errors
    /// [`crate::Error::Unsupported`] when the engine has no voice for `lang`;
    /// [`crate::Error::InvalidText`] when nothing in `text` can be spoken; out-of-range settings.
    pub fn new(
        synth: &'a dyn Synthesizer,
        lang: Language,
        text: &str,
        settings: &SpeechSettings,
    ) -> Result<Sentences<'a>> {
        synth.require(lang)?;
        settings.validate().map_err(crate::Error::InvalidText)?;
        let mut parts = Vec::new();
        push_sentences(&mut parts, lang, &spoken_form(lang, text)?, settings);
        Ok(Sentences::finish(synth, parts))
    }

    /// Parses `markup` (the SSML subset of [`text::markup`]) and prepares it for speaking with
    /// `synth`: `lang` is the language where the markup names none, `<say-as>` content is read
    /// as asked ([`text::say_as`]; as ordinary text when it is not of that kind), `<prosody
    /// rate>` scales the settings' rate (kept within 30–300 %), `<break>` adds its pause, and
    /// `<p>`/`<s>` end sentences.
    ///
    /// # Errors
    /// [`crate::Error::Markup`] with the line and column of malformed markup;
    /// [`crate::Error::UnsupportedLanguage`] for an `xml:lang` tilmach cannot speak;
    /// otherwise as [`Sentences::new`].
    pub fn from_markup(
        synth: &'a dyn Synthesizer,
        lang: Language,
        markup: &str,
        settings: &SpeechSettings,
    ) -> Result<Sentences<'a>> {
        settings.validate().map_err(crate::Error::InvalidText)?;
        let document = text::markup::parse(markup)?;
        let base = match &document.lang {
            Some(tag) => Language::from_tag(tag)?,
            None => lang,
        };
        let mut parts: Vec<Part> = Vec::new();
        let mut run = Run::default();
        for segment in &document.segments {
            let lang = match &segment.lang {
                Some(tag) => Language::from_tag(tag)?,
                None => base,
            };
            synth.require(lang)?;
            let mut settings = settings.clone();
            let rate = u64::from(settings.rate) * u64::from(segment.rate_percent) / 100;
            settings.rate = rate.clamp(30, 300) as u32;
            if run.lang != Some(lang) || run.settings.as_ref() != Some(&settings) {
                run.flush(&mut parts, Duration::ZERO)?;
                run.lang = Some(lang);
                run.settings = Some(settings);
            }
            match segment
                .say_as
                .and_then(|how| text::say_as(lang, how, &segment.text))
            {
                // Words joined to the text around them, as a person would say them in a row.
                Some(words) => run.text.push_str(&words),
                None => run.text.push_str(&segment.text),
            }
            let mut pause = Duration::from_millis(u64::from(segment.pause_after_ms));
            if segment.ends_sentence {
                pause += run
                    .settings
                    .as_ref()
                    .map_or(Duration::ZERO, |s| s.sentence_pause());
            }
            if !pause.is_zero() {
                run.flush(&mut parts, pause)?;
            }
        }
        run.flush(&mut parts, Duration::ZERO)?;
        if !parts.iter().any(|p| !p.text.is_empty()) {
            return Err(crate::Error::InvalidText(
                "the markup has no text to speak".into(),
            ));
        }
        Ok(Sentences::finish(synth, parts))
    }

    fn finish(synth: &'a dyn Synthesizer, parts: Vec<Part>) -> Sentences<'a> {
        Sentences {
            synth,
            parts,
            next: 0,
        }
    }

    /// Cuts the first sentence into its clauses (after `，、；：,;:` and the Arabic comma `،`),
    /// spoken one after the other with no pause added, so that the first audio is ready after
    /// one clause rather than one sentence: what a listener waits through before speech starts.
    /// The other sentences stay whole.
    pub fn quick_start(mut self) -> Self {
        let Some(i) = self.parts.iter().position(|p| !p.text.is_empty()) else {
            return self;
        };
        let clauses = clauses(&self.parts[i].text);
        if clauses.len() < 2 {
            return self;
        }
        let first = &self.parts[i];
        let last = clauses.len() - 1;
        let split: Vec<Part> = clauses
            .into_iter()
            .enumerate()
            .map(|(k, text)| Part {
                lang: first.lang,
                text,
                settings: first.settings.clone(),
                pause_after: if k == last {
                    first.pause_after
                } else {
                    Duration::ZERO
                },
            })
            .collect();
        self.parts.splice(i..=i, split);
        self
    }

    /// How many sentences the text has (parts, after [`Sentences::quick_start`]).
    pub fn len(&self) -> usize {
        self.parts.len()
    }

    /// True when there is no sentence (never, after a successful constructor).
    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }

    /// The text of sentence `i`, as it is sent to the engine (empty for a pause alone).
    pub fn sentence(&self, i: usize) -> Option<&str> {
        self.parts.get(i).map(|p| p.text.as_str())
    }

    /// The language sentence `i` is spoken in.
    pub fn language(&self, i: usize) -> Option<Language> {
        self.parts.get(i).map(|p| p.lang)
    }

    /// About how long the whole text will take to say, pauses included, known before any of it
    /// is spoken ([`super::duration::estimate`]): for refusing what would be too long.
    pub fn estimated_duration(&self) -> Duration {
        self.parts
            .iter()
            .map(|p| super::duration::estimate(&p.text, p.settings.rate) + p.pause_after)
            .sum()
    }

    /// The engine's sample rate: the rate of every item.
    pub fn sample_rate(&self) -> u32 {
        self.synth.sample_rate()
    }
}

/// Markup text gathered while language and rate stay the same and no pause comes between.
#[derive(Default)]
struct Run {
    lang: Option<Language>,
    settings: Option<SpeechSettings>,
    text: String,
}

impl Run {
    /// Turns the gathered text into sentences, the last followed by `pause`. A pause with no
    /// text before it is a part of its own (or lengthens the pause of the part before).
    fn flush(&mut self, parts: &mut Vec<Part>, pause: Duration) -> Result<()> {
        let text = std::mem::take(&mut self.text);
        let (Some(lang), Some(settings)) = (self.lang, self.settings.as_ref()) else {
            return Ok(());
        };
        let spoken = match spoken_form(lang, &text) {
            Ok(spoken) => spoken,
            // Only spaces or punctuation between two breaks: nothing to say.
            Err(crate::Error::InvalidText(_)) if text::sanitize(&text).is_err() => String::new(),
            Err(e) => return Err(e),
        };
        let before = parts.len();
        push_sentences(parts, lang, &spoken, settings);
        let added = parts.len() > before;
        match parts.last_mut() {
            Some(last) if added => last.pause_after = pause,
            Some(last) => last.pause_after += pause,
            None if !pause.is_zero() => parts.push(Part {
                lang,
                text: String::new(),
                settings: settings.clone(),
                pause_after: pause,
            }),
            None => {}
        }
        Ok(())
    }
}

/// The cleaned, normalized text of `lang` (Mongolian also checked for legacy encodings).
fn spoken_form(lang: Language, text: &str) -> Result<String> {
    let mut text = text::sanitize(text)?;
    if lang == Language::Mongolian {
        // Legacy font encodings and Cyrillic inside traditional text are refused here,
        // with the offset, rather than read as noise.
        text = crate::phonetics::mongolian::normalize(&text)
            .map_err(|e| crate::Error::InvalidText(e.to_string()))?;
    }
    Ok(text::normalize(lang, &text))
}

/// A sentence cut after each clause mark, the mark kept; a piece of a single character joins the
/// next one.
fn clauses(sentence: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    for c in sentence.chars() {
        current.push(c);
        if "，、；：,;:،".contains(c) && current.trim().chars().count() > 2 {
            out.push(std::mem::take(&mut current).trim().to_owned());
        }
    }
    if !current.trim().is_empty() {
        out.push(current.trim().to_owned());
    }
    out
}

/// Splits `spoken` into sentences, each followed by the settings' pause except the last.
fn push_sentences(parts: &mut Vec<Part>, lang: Language, spoken: &str, settings: &SpeechSettings) {
    let sentences = text::split_sentences(lang, spoken);
    let count = sentences.len();
    for (i, sentence) in sentences.into_iter().enumerate() {
        parts.push(Part {
            lang,
            text: sentence.to_owned(),
            settings: settings.clone(),
            pause_after: if i + 1 < count {
                settings.sentence_pause()
            } else {
                Duration::ZERO
            },
        });
    }
}

impl Iterator for Sentences<'_> {
    type Item = Result<Pcm>;

    fn next(&mut self) -> Option<Result<Pcm>> {
        let part = self.parts.get(self.next)?;
        self.next += 1;
        let rendered = if part.text.is_empty() {
            Ok(Pcm::new(Vec::new(), self.synth.sample_rate()))
        } else {
            self.synth.render(part.lang, &part.text, &part.settings)
        };
        Some(rendered.map(|mut pcm| {
            loudness::normalize(&mut pcm.samples, pcm.rate, part.settings.loudness_dbfs());
            pcm.append_silence(part.pause_after);
            pcm
        }))
    }
}

/// The most speech [`speak`] holds in one buffer, estimated before speaking: an hour (about
/// 170 MB at 24 kHz). Longer texts are streamed with [`Sentences`].
pub const MAX_BUFFERED_SPEECH: Duration = Duration::from_secs(60 * 60);

/// Speaks a whole text into one buffer (see [`Sentences`] to stream instead).
///
/// # Errors
/// As [`Sentences::new`] and [`Synthesizer::render`]; [`crate::Error::OutputTooLong`], before
/// anything is spoken, when the text would take longer than [`MAX_BUFFERED_SPEECH`] to say.
pub fn speak(
    synth: &dyn Synthesizer,
    lang: Language,
    text: &str,
    settings: &SpeechSettings,
) -> Result<Pcm> {
    let sentences = Sentences::new(synth, lang, text, settings)?;
    let estimate = sentences.estimated_duration();
    if estimate > MAX_BUFFERED_SPEECH {
        return Err(crate::Error::OutputTooLong {
            what: format!(
                "the text would take about {:.0} minutes to say; one buffer holds at most {:.0} \
                 (stream longer texts sentence by sentence with synth::Sentences)",
                estimate.as_secs_f64() / 60.0,
                MAX_BUFFERED_SPEECH.as_secs_f64() / 60.0
            ),
        });
    }
    let mut out = Pcm::new(Vec::new(), sentences.sample_rate());
    for pcm in sentences {
        out.append(&pcm?)?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synth::Capabilities;

    /// One 10 ms tone per character.
    struct Beeper;
    impl Synthesizer for Beeper {
        fn name(&self) -> &str {
            "beeper"
        }
        fn capabilities(&self) -> Capabilities {
            Capabilities {
                languages: Language::ALL.to_vec(),
                rate: false,
                pitch: false,
            }
        }
        fn sample_rate(&self) -> u32 {
            8000
        }
        fn render(&self, _: Language, text: &str, _: &SpeechSettings) -> Result<Pcm> {
            let n = text.chars().count() * 80;
            Ok(Pcm::new(
                (0..n).map(|i| (i % 16) as i16 * 500).collect(),
                8000,
            ))
        }
    }

    #[test]
    fn clauses_keep_their_marks_and_short_pieces_join_the_next() {
        assert_eq!(
            clauses("您好，欢迎使用政务服务；请按1。"),
            ["您好，", "欢迎使用政务服务；", "请按1。"]
        );
        assert_eq!(clauses("好，请稍候。"), ["好，请稍候。"]);
        assert_eq!(
            clauses("ياخشىمۇسىز، خۇش كەپسىز."),
            ["ياخشىمۇسىز،", "خۇش كەپسىز."]
        );
        assert_eq!(clauses("没有逗号。"), ["没有逗号。"]);
    }

    #[test]
    fn quick_start_cuts_only_the_first_sentence_and_keeps_the_words_and_pauses() {
        let settings = SpeechSettings::default();
        let text = "您好，欢迎使用政务服务。办理社保卡，请按二。";
        let whole = Sentences::new(&Beeper, Language::Mandarin, text, &settings).unwrap();
        let quick = Sentences::new(&Beeper, Language::Mandarin, text, &settings)
            .unwrap()
            .quick_start();
        assert_eq!(whole.len(), 2);
        assert_eq!(quick.len(), 3);
        assert_eq!(quick.sentence(0), Some("您好，"));
        assert_eq!(quick.sentence(2), whole.sentence(1));
        let total = |s: Sentences<'_>| -> usize { s.map(|p| p.unwrap().samples.len()).sum() };
        // The same characters and the same one pause between the sentences.
        assert_eq!(total(whole), total(quick));
    }

    #[test]
    fn speak_refuses_more_than_an_hour_in_one_buffer_before_speaking() {
        // 20,000 Han characters: over an hour by the estimate; the beeper would make 200 s.
        let text = "办".repeat(20_000);
        let err = speak(
            &Beeper,
            Language::Mandarin,
            &text,
            &SpeechSettings::default(),
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("at most 60") && err.contains("Sentences"),
            "{err}"
        );
        assert!(speak(
            &Beeper,
            Language::Mandarin,
            "办理",
            &SpeechSettings::default()
        )
        .is_ok());
    }
}
