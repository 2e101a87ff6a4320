use std::ops::Range;

use super::{SpeechSettings, Synthesizer};
use crate::audio::{loudness, Pcm};
use crate::lang::Language;
use crate::text;
use crate::Result;

/// A text being spoken sentence by sentence: an iterator of audio, one item per sentence, so
/// playback or a file can start before a long text is done. Each item is the sentence at the
/// settings' loudness followed by the pause between sentences (none after the last).
///
/// Memory stays bounded by one sentence of audio plus the cleaned text.
pub struct Sentences<'a> {
    synth: &'a dyn Synthesizer,
    lang: Language,
    settings: SpeechSettings,
    text: String,
    ranges: Vec<Range<usize>>,
    next: usize,
}

impl<'a> Sentences<'a> {
    /// Cleans `text`, turns numbers into words of `lang` ([`text::normalize`]) and splits it into
    /// sentences for speaking with `synth`.
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
        let mut text = text::sanitize(text)?;
        if lang == Language::Mongolian {
            // Legacy font encodings and Cyrillic inside traditional text are refused here,
            // with the offset, rather than read as noise.
            text = crate::phonetics::mongolian::normalize(&text)
                .map_err(|e| crate::Error::InvalidText(e.to_string()))?;
        }
        let text = text::normalize(lang, &text);
        let base = text.as_ptr() as usize;
        let ranges = text::split_sentences(lang, &text)
            .into_iter()
            .map(|s| {
                let start = s.as_ptr() as usize - base;
                start..start + s.len()
            })
            .collect();
        Ok(Sentences {
            synth,
            lang,
            settings: settings.clone(),
            text,
            ranges,
            next: 0,
        })
    }

    /// How many sentences the text has.
    pub fn len(&self) -> usize {
        self.ranges.len()
    }

    /// True when there is no sentence (never, after a successful [`Sentences::new`]).
    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    /// The text of sentence `i`, as it is sent to the engine.
    pub fn sentence(&self, i: usize) -> Option<&str> {
        self.ranges.get(i).map(|r| &self.text[r.clone()])
    }

    /// The engine's sample rate: the rate of every item.
    pub fn sample_rate(&self) -> u32 {
        self.synth.sample_rate()
    }
}

impl Iterator for Sentences<'_> {
    type Item = Result<Pcm>;

    fn next(&mut self) -> Option<Result<Pcm>> {
        let range = self.ranges.get(self.next)?.clone();
        self.next += 1;
        let result = self
            .synth
            .render(self.lang, &self.text[range], &self.settings)
            .map(|mut pcm| {
                loudness::normalize(&mut pcm.samples, pcm.rate, self.settings.loudness_dbfs());
                if self.next < self.ranges.len() {
                    pcm.append_silence(self.settings.sentence_pause());
                }
                pcm
            });
        Some(result)
    }
}

/// Speaks a whole text into one buffer (see [`Sentences`] to stream instead).
///
/// # Errors
/// As [`Sentences::new`] and [`Synthesizer::render`].
pub fn speak(
    synth: &dyn Synthesizer,
    lang: Language,
    text: &str,
    settings: &SpeechSettings,
) -> Result<Pcm> {
    let sentences = Sentences::new(synth, lang, text, settings)?;
    let mut out = Pcm::new(Vec::new(), sentences.sample_rate());
    for pcm in sentences {
        out.append(&pcm?)?;
    }
    Ok(out)
}
