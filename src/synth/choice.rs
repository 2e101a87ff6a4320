//! Choosing the engine for each language: [`open`].

use std::path::PathBuf;

use super::{EngineKind, PerLanguage, Synthesizer};
use crate::lang::Language;
use crate::{Error, Result};

/// How engines are set up. `Default` gives the default voice of each language, the voice
/// directory of `synth::neural::voice_dir` and every core.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EngineOptions {
    /// A neural voice: a Kokoro voice name (`zf_xiaoxiao`) or the path of a Piper voice
    /// (`…/voice.onnx`, its `.onnx.json` beside it). It speaks the language it is for; the
    /// other languages keep their defaults.
    pub voice: Option<String>,
    /// Where the neural voices and ONNX Runtime are.
    pub voice_dir: Option<PathBuf>,
    /// Threads of one neural voice.
    pub threads: Option<usize>,
}

impl EngineOptions {
    /// Sets the neural voice.
    pub fn voice(&mut self, voice: impl Into<String>) -> &mut Self {
        self.voice = Some(voice.into());
        self
    }

    /// Sets the voice directory.
    pub fn voice_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.voice_dir = Some(dir.into());
        self
    }

    /// Sets the threads of a neural voice.
    pub fn threads(&mut self, threads: usize) -> &mut Self {
        self.threads = Some(threads.max(1));
        self
    }
}

/// The engine `kind` for speaking `languages` (all three when empty), opened in this process.
///
/// - [`EngineKind::Auto`] gives each language's neural voice where installed, else espeak-ng;
/// - [`EngineKind::Neural`] gives neural voices only;
/// - [`EngineKind::Espeak`] gives espeak-ng.
///
/// One engine serving everything is returned as it is; several are joined in a
/// [`PerLanguage`]. Worker processes ([`super::worker`]) and the operating system's voices are
/// opened by their own types.
///
/// # Errors
/// [`Error::Unsupported`] for a language `kind` has no voice for (or a kind this build or this
/// function cannot open); [`Error::Model`] for a neural voice that is installed but unusable,
/// naming the file; [`Error::Engine`] when espeak-ng does not start.
pub fn open(
    kind: EngineKind,
    languages: &[Language],
    options: &EngineOptions,
) -> Result<Box<dyn Synthesizer>> {
    let languages: Vec<Language> = if languages.is_empty() {
        Language::ALL.to_vec()
    } else {
        languages.to_vec()
    };
    let mut routes: Vec<(Language, Box<dyn Synthesizer>)> = Vec::new();
    let mut espeak_only = true;
    for lang in languages {
        if routes.iter().any(|(l, _)| *l == lang) {
            continue;
        }
        let engine = match kind {
            EngineKind::Espeak => None,
            EngineKind::Neural => match neural(lang, options)? {
                Some(engine) => Some(engine),
                None => return Err(no_neural_voice(lang, options)),
            },
            EngineKind::Auto => neural(lang, options)?,
            other => {
                return Err(Error::Unsupported {
                    engine: other.name().into(),
                    what: "opening in this process (use its own type)".into(),
                })
            }
        };
        espeak_only &= engine.is_none();
        let engine = match engine {
            Some(engine) => engine,
            None => espeak()?,
        };
        engine.require(lang)?;
        routes.push((lang, engine));
    }
    if espeak_only {
        // One shared engine speaks every language: no routing needed.
        return espeak();
    }
    Ok(Box::new(PerLanguage::new(routes)?))
}

/// The embedded espeak-ng.
fn espeak() -> Result<Box<dyn Synthesizer>> {
    #[cfg(feature = "espeak")]
    return Ok(Box::new(super::espeak::Espeak::shared()?));
    #[cfg(not(feature = "espeak"))]
    Err(Error::Unsupported {
        engine: "espeak".into(),
        what: "anything in this build (cargo feature espeak is off)".into(),
    })
}

/// The neural voice for `lang`, if one is installed (or chosen in `options`).
#[cfg(feature = "neural")]
fn neural(lang: Language, options: &EngineOptions) -> Result<Option<Box<dyn Synthesizer>>> {
    use super::neural::{kokoro, piper, runtime, voice_dir, Kokoro, Piper};
    let dir = options.voice_dir.clone().unwrap_or_else(voice_dir);
    let threads = options.threads.unwrap_or_else(runtime::default_threads);
    match options.voice.as_deref() {
        Some(path) if path.ends_with(".onnx") => {
            let config = piper::PiperConfig::load(&piper::config_path(path.as_ref()))?;
            if config.served_language() == Some(lang) {
                return Ok(Some(Box::new(Piper::load(path.as_ref(), &dir, threads)?)));
            }
            // A Piper voice for another language does not speak this one, and a voice for no
            // served language speaks none (the caller hears so from `require`).
            if config.served_language().is_none() {
                return Err(Error::Unsupported {
                    engine: format!("Piper voice {path}"),
                    what: format!(
                        "{} ({}): it is a voice for {}, which tilmach does not serve",
                        lang.english_name(),
                        lang.tag(),
                        config.language_code()
                    ),
                });
            }
        }
        Some(name) if lang == Language::Mandarin => {
            return Ok(Some(Box::new(Kokoro::load(&dir, name, threads)?)));
        }
        _ => {}
    }
    if lang == Language::Mandarin && kokoro::is_installed(&dir, kokoro::DEFAULT_VOICE) {
        return Ok(Some(Box::new(Kokoro::load(
            &dir,
            kokoro::DEFAULT_VOICE,
            threads,
        )?)));
    }
    Ok(None)
}

#[cfg(not(feature = "neural"))]
fn neural(_: Language, _: &EngineOptions) -> Result<Option<Box<dyn Synthesizer>>> {
    Ok(None)
}

/// Why `--engine neural` cannot speak `lang`.
fn no_neural_voice(lang: Language, options: &EngineOptions) -> Error {
    let what = if cfg!(feature = "neural") {
        let dir = options.voice_dir.clone().unwrap_or_else(default_voice_dir);
        match lang {
            Language::Mandarin => format!(
                "{} ({}): no neural voice is installed in {} (scripts/voices installs them)",
                lang.english_name(),
                lang.tag(),
                dir.display()
            ),
            _ => format!(
                "{} ({}): no neural voice for it could be found in any registry package (use \
                 --engine auto or espeak)",
                lang.english_name(),
                lang.tag()
            ),
        }
    } else {
        "neural voices in this build (cargo feature neural is off)".into()
    };
    Error::Unsupported {
        engine: "neural".into(),
        what,
    }
}

fn default_voice_dir() -> PathBuf {
    #[cfg(feature = "neural")]
    return super::neural::voice_dir();
    #[cfg(not(feature = "neural"))]
    PathBuf::from("models/voices")
}
