//! The front door for kiosk apps: open once, then read guides and prompts aloud in the
//! language the user chose.

#[cfg(feature = "espeak")]
use std::path::Path;

use crate::audio::Pcm;
use crate::guide::{Guide, Mode};
use crate::l10n::{Catalog, FluentArgs, Usage, Warning};
use crate::lang::Language;
use crate::synth::{speak, Profile, Sentences, SpeechConfig, Synthesizer};
use crate::Result;

/// The locale files and a speech engine, loaded once and shared by every request.
pub struct Assistant {
    catalog: Catalog,
    engine: Box<dyn Synthesizer>,
    config: SpeechConfig,
}

impl Assistant {
    /// Loads the locale files under `locales` and starts the default engines: each language's
    /// neural voice where one is installed (Mandarin, see `synth::neural`), else the embedded
    /// espeak-ng.
    ///
    /// # Errors
    /// Errors of [`Catalog::load`] and of starting the engines (an installed but broken neural
    /// voice is [`crate::Error::Model`], naming the file).
    #[cfg(feature = "espeak")]
    pub fn open(locales: &Path) -> Result<Assistant> {
        let engine = crate::synth::open(
            crate::synth::EngineKind::Auto,
            &[],
            &crate::synth::EngineOptions::default(),
        )?;
        Ok(Assistant::with_engine(Catalog::load(locales)?, engine))
    }

    /// An assistant over a loaded catalog and any engine (the worker-process engine, say).
    pub fn with_engine(catalog: Catalog, engine: Box<dyn Synthesizer>) -> Assistant {
        Assistant {
            catalog,
            engine,
            config: SpeechConfig::default(),
        }
    }

    /// Replaces the speech settings of the standard and elder profiles.
    pub fn set_speech_config(&mut self, config: SpeechConfig) -> &mut Self {
        self.config = config;
        self
    }

    /// The locale files.
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// The served language for what the user chose or the system sent (see [`crate::negotiate`]).
    pub fn language_for(&self, choice: &str) -> Language {
        crate::negotiate(choice)
    }

    /// Guide `id` in `lang`, for display; messages that fell back are in `warnings`.
    ///
    /// # Errors
    /// [`crate::Error::UnknownGuide`].
    pub fn guide(&self, lang: Language, id: &str, warnings: &mut Vec<Warning>) -> Result<Guide> {
        Guide::load(&self.catalog, lang, id, Usage::Display, warnings)
    }

    /// Guide `id` read aloud in `lang`: the `mode` version, with the `profile`'s settings.
    ///
    /// # Errors
    /// [`crate::Error::UnknownGuide`]; engine errors (a language without a voice is
    /// [`crate::Error::Unsupported`]).
    pub fn speak_guide(
        &self,
        lang: Language,
        id: &str,
        mode: Mode,
        profile: Profile,
    ) -> Result<Pcm> {
        let guide = Guide::load(&self.catalog, lang, id, Usage::Speech, &mut Vec::new())?;
        let text = guide.speech_text(mode, &self.catalog)?;
        speak(
            self.engine.as_ref(),
            lang,
            &text,
            self.config.settings(profile),
        )
    }

    /// Guide `id` in `lang` as speech to play while it is made: the first item is ready after
    /// the first clause, so a kiosk starts speaking at once (play each item as it comes, e.g.
    /// with `audio::device::play_stream`).
    ///
    /// # Errors
    /// As [`Assistant::speak_guide`], before any audio is made.
    pub fn guide_sentences(
        &self,
        lang: Language,
        id: &str,
        mode: Mode,
        profile: Profile,
    ) -> Result<Sentences<'_>> {
        let guide = Guide::load(&self.catalog, lang, id, Usage::Speech, &mut Vec::new())?;
        let text = guide.speech_text(mode, &self.catalog)?;
        Ok(Sentences::new(
            self.engine.as_ref(),
            lang,
            &text,
            self.config.settings(profile),
        )?
        .quick_start())
    }

    /// The engine that speaks.
    pub fn engine(&self) -> &dyn Synthesizer {
        self.engine.as_ref()
    }

    /// Prompt `id` read aloud in `lang` with `args` for its variables.
    ///
    /// # Errors
    /// [`crate::Error::MissingMessage`]; engine errors.
    pub fn speak_prompt(
        &self,
        lang: Language,
        id: &str,
        args: Option<&FluentArgs>,
        profile: Profile,
    ) -> Result<Pcm> {
        let text = self
            .catalog
            .format(lang, id, None, args, Usage::Speech, &mut Vec::new())?;
        speak(
            self.engine.as_ref(),
            lang,
            &text,
            self.config.settings(profile),
        )
    }
}
