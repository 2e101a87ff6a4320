//! One engine per language, behind one [`Synthesizer`] at one sample rate.

use super::{Capabilities, SpeechSettings, Synthesizer};
use crate::audio::Pcm;
use crate::lang::Language;
use crate::{Error, Result};

/// Speaks each language with its own engine (Mandarin with a neural voice, Uyghur and Mongolian
/// with espeak-ng, say). Every call returns audio at the highest rate of the engines, the others'
/// audio resampled, so that one stream (a markup text switching languages, a server) has one
/// rate.
pub struct PerLanguage {
    routes: Vec<(Language, Box<dyn Synthesizer>)>,
    sample_rate: u32,
    name: String,
}

impl PerLanguage {
    /// Routes each language to its engine.
    ///
    /// # Errors
    /// [`Error::Unsupported`] when an engine has no voice for the language it is given, or a
    /// language is given twice.
    pub fn new(routes: Vec<(Language, Box<dyn Synthesizer>)>) -> Result<PerLanguage> {
        for (i, (lang, engine)) in routes.iter().enumerate() {
            engine.require(*lang)?;
            if routes[..i].iter().any(|(l, _)| l == lang) {
                return Err(Error::Unsupported {
                    engine: "per-language engine".into(),
                    what: format!("two engines for {}", lang.tag()),
                });
            }
        }
        let sample_rate = routes
            .iter()
            .map(|(_, e)| e.sample_rate())
            .max()
            .unwrap_or(22_050);
        let mut names: Vec<(String, Vec<&str>)> = Vec::new();
        for (lang, engine) in &routes {
            match names.iter_mut().find(|(n, _)| n == engine.name()) {
                Some((_, tags)) => tags.push(lang.tag()),
                None => names.push((engine.name().to_owned(), vec![lang.tag()])),
            }
        }
        let name = names
            .iter()
            .map(|(n, tags)| format!("{n} ({})", tags.join(", ")))
            .collect::<Vec<_>>()
            .join(" + ");
        Ok(PerLanguage {
            routes,
            sample_rate,
            name,
        })
    }

    /// The engine that speaks `lang`.
    pub fn engine(&self, lang: Language) -> Option<&dyn Synthesizer> {
        self.routes
            .iter()
            .find(|(l, _)| *l == lang)
            .map(|(_, e)| e.as_ref())
    }
}

impl Synthesizer for PerLanguage {
    fn name(&self) -> &str {
        &self.name
    }

    fn capabilities(&self) -> Capabilities {
        let all = self.routes.iter().map(|(_, e)| e.capabilities());
        let (mut rate, mut pitch) = (true, true);
        for caps in all {
            rate &= caps.rate;
            pitch &= caps.pitch;
        }
        Capabilities {
            languages: self.routes.iter().map(|(l, _)| *l).collect(),
            rate,
            pitch,
        }
    }

    fn sample_rate(&self) -> u32 {
        self.sample_rate
    }

    fn render(&self, lang: Language, text: &str, settings: &SpeechSettings) -> Result<Pcm> {
        self.require(lang)?;
        let engine = self.engine(lang).expect("checked by require");
        let pcm = engine.render(lang, text, settings)?;
        if pcm.rate == self.sample_rate {
            Ok(pcm)
        } else {
            pcm.resampled(self.sample_rate)
        }
    }
}
