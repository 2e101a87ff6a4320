//! Where a call's sounds come from: the installed prompt pack, or, for a sound the pack lacks,
//! speech rendered on the spot and kept for the next caller.
//!
//! A pack (see `tilmach prompts build`) lays its files out as Asterisk expects:
//! `<sounds>/<code>/tilmach/<stem>.<ext>`, where `<code>` is [`Language::code`] and `<stem>` is a
//! prompt id (`prompt-welcome`) or `guide-<guide id>` for a guide's simple version.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, OnceLock};
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

use super::pack::{encode, sound_folder, sound_text};
use crate::audio::{OutputFormat, Pcm};
use crate::l10n::Catalog;
use crate::lang::Language;
use crate::synth::{Sentences, SpeechSettings, Synthesizer};
use crate::{Error, Result};

/// The longest sound spoken during a call, estimated before speaking: a guide in elder mode is
/// about 4 minutes; a longer text belongs in the prompt pack, not in a caller's wait.
pub const MAX_LIVE_SPEECH: std::time::Duration = std::time::Duration::from_secs(10 * 60);
/// The file extensions Asterisk can play that a pack may hold.
pub const PACK_EXTENSIONS: [&str; 7] = ["sln16", "wav16", "wav", "ulaw", "alaw", "gsm", "g722"];

/// Gives the names to play (`STREAM FILE`'s argument, without extension) for a sound.
pub trait Sounds: Send + Sync {
    /// The files to play, in order, for `stem` (a prompt id, or `guide-<id>`) in `lang`: one for
    /// a sound of the pack; for speech made on the spot, one per sentence (the first cut at its
    /// clauses), so that the first plays while the rest are spoken. Play each once
    /// [`Sounds::ready`] says so.
    ///
    /// # Errors
    /// Whatever prevents the sound from existing: an unknown prompt or guide, an engine error.
    fn sound(&self, lang: Language, stem: &str) -> Result<Vec<String>>;

    /// Waits until `part`, one of the names [`Sounds::sound`] gave, can be played.
    ///
    /// # Errors
    /// The engine's error when that part could not be spoken.
    fn ready(&self, part: &str) -> Result<()> {
        let _ = part;
        Ok(())
    }
}

/// The longest wait for one part of live speech.
const PART_TIMEOUT: Duration = Duration::from_secs(120);

/// Where each part of live speech stands, shared with the threads that speak them.
#[derive(Default)]
struct Progress {
    parts: Mutex<HashMap<String, PartState>>,
    changed: Condvar,
}

#[derive(Clone)]
enum PartState {
    Speaking,
    Ready,
    Failed(String),
}

impl Progress {
    fn set(&self, part: &str, state: PartState) {
        let mut parts = self.parts.lock().unwrap_or_else(|p| p.into_inner());
        parts.insert(part.to_owned(), state);
        self.changed.notify_all();
    }

    fn wait(&self, part: &str) -> Result<()> {
        let deadline = Instant::now() + PART_TIMEOUT;
        let mut parts = self.parts.lock().unwrap_or_else(|p| p.into_inner());
        loop {
            match parts.get(part) {
                None | Some(PartState::Ready) => return Ok(()),
                Some(PartState::Failed(message)) => {
                    return Err(Error::Engine {
                        engine: "engine worker".into(),
                        message: message.clone(),
                    })
                }
                Some(PartState::Speaking) => {
                    let left = deadline.saturating_duration_since(Instant::now());
                    if left.is_zero() {
                        return Err(Error::Engine {
                            engine: "engine worker".into(),
                            message: format!("{part} was not spoken within {PART_TIMEOUT:?}"),
                        });
                    }
                    parts = self
                        .changed
                        .wait_timeout(parts, left)
                        .unwrap_or_else(|p| p.into_inner())
                        .0;
                }
            }
        }
    }
}

/// Starts the engine that renders sounds missing from the pack (called at most once).
pub type EngineStarter = Box<dyn Fn() -> Result<Box<dyn Synthesizer>> + Send + Sync>;

/// Sounds from an installed pack, with missing ones rendered through an engine into a
/// directory of their own.
pub struct PackSounds {
    sounds: PathBuf,
    live: PathBuf,
    catalog: Catalog,
    settings: SpeechSettings,
    start_engine: EngineStarter,
    engine: OnceLock<std::result::Result<Arc<dyn Synthesizer>, String>>,
    /// The parts of each sound spoken (or being spoken) in this process, by base name.
    rendered: Mutex<HashMap<String, Vec<String>>>,
    progress: Arc<Progress>,
}

impl PackSounds {
    /// Sounds under `sounds` (Asterisk's sound directory, where the pack's `sounds/` went);
    /// missing ones are rendered from `catalog` with `settings` into `live`, by the engine
    /// `start_engine` starts when the first one is needed.
    ///
    /// # Errors
    /// [`Error::Io`] when `live` cannot be created or either directory cannot be resolved.
    pub fn new(
        sounds: &Path,
        live: &Path,
        catalog: Catalog,
        settings: SpeechSettings,
        start_engine: EngineStarter,
    ) -> Result<PackSounds> {
        std::fs::create_dir_all(live).map_err(|e| Error::io(live, e))?;
        let absolute = |p: &Path| std::path::absolute(p).map_err(|e| Error::io(p, e));
        Ok(PackSounds {
            sounds: absolute(sounds)?,
            live: absolute(live)?,
            catalog,
            settings,
            start_engine,
            engine: OnceLock::new(),
            rendered: Mutex::new(HashMap::new()),
            progress: Arc::new(Progress::default()),
        })
    }

    /// The locale files.
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// The pack's file for `stem` in `lang`, without extension, if any format of it exists.
    fn in_pack(&self, lang: Language, stem: &str) -> Option<PathBuf> {
        let base = self.sounds.join(sound_folder(lang)).join(stem);
        PACK_EXTENSIONS
            .iter()
            .any(|ext| base.with_extension(ext).is_file())
            .then_some(base)
    }

    fn engine(&self) -> Result<Arc<dyn Synthesizer>> {
        self.engine
            .get_or_init(|| {
                (self.start_engine)()
                    .map(Arc::from)
                    .map_err(|e| e.to_string())
            })
            .clone()
            .map_err(|message| Error::Engine {
                engine: "engine worker".into(),
                message,
            })
    }

    /// Speaks `stem` into the live directory, a file per part (once per text; later calls and
    /// later processes reuse the files), and returns the parts' names at once: a thread speaks
    /// them in order while the first ones play.
    fn render(&self, lang: Language, stem: &str) -> Result<Vec<String>> {
        let text = sound_text(&self.catalog, lang, stem, &mut Vec::new())?;
        let engine = self.engine()?;
        let mut hash = Sha256::new();
        for part in [
            engine.name(),
            &engine.sample_rate().to_string(),
            &format!("{:?}", self.settings),
            lang.tag(),
            &text,
        ] {
            hash.update(part.as_bytes());
            hash.update([0]);
        }
        let digest: String = hash.finalize()[..8]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let base = self.live.join(lang.code()).join(format!("{stem}-{digest}"));
        let key = base.display().to_string();
        let mut rendered = self.rendered.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(names) = rendered.get(&key) {
            return Ok(names.clone());
        }
        let sentences = Sentences::new(engine.as_ref(), lang, &text, &self.settings)?.quick_start();
        let estimate = sentences.estimated_duration();
        if estimate > MAX_LIVE_SPEECH {
            return Err(Error::InvalidText(format!(
                "it would take about {:.0} minutes to say, and a sound spoken during a call is at \
                 most {:.0}: put it in the prompt pack (tilmach prompts build) or shorten it",
                estimate.as_secs_f64() / 60.0,
                MAX_LIVE_SPEECH.as_secs_f64() / 60.0
            )));
        }
        let count = sentences.len();
        let names: Vec<String> = (0..count).map(|k| format!("{key}-{k}")).collect();
        let file = |name: &str| {
            PathBuf::from(name).with_extension(OutputFormat::Sln16.asterisk_extension())
        };
        rendered.insert(key, names.clone());
        if names.iter().all(|n| file(n).is_file()) {
            return Ok(names);
        }
        for name in &names {
            self.progress.set(name, PartState::Speaking);
        }
        let (progress, settings, parts) = (
            Arc::clone(&self.progress),
            self.settings.clone(),
            names.clone(),
        );
        std::thread::spawn(move || {
            let spoken =
                Sentences::new(engine.as_ref(), lang, &text, &settings).map(Sentences::quick_start);
            let mut failure = None;
            match spoken {
                Ok(sentences) => {
                    for (name, pcm) in parts.iter().zip(sentences) {
                        match pcm.and_then(|pcm| write_atomically(&file(name), &pcm)) {
                            Ok(()) => progress.set(name, PartState::Ready),
                            Err(e) => {
                                failure = Some(e.to_string());
                                break;
                            }
                        }
                    }
                }
                Err(e) => failure = Some(e.to_string()),
            }
            let failure = failure.unwrap_or_else(|| "the engine stopped early".into());
            for name in &parts {
                let state = progress
                    .parts
                    .lock()
                    .ok()
                    .and_then(|p| p.get(name).cloned());
                if matches!(state, Some(PartState::Speaking)) {
                    progress.set(name, PartState::Failed(failure.clone()));
                }
            }
        });
        Ok(names)
    }
}

impl Sounds for PackSounds {
    fn sound(&self, lang: Language, stem: &str) -> Result<Vec<String>> {
        match self.in_pack(lang, stem) {
            Some(base) => Ok(vec![base.display().to_string()]),
            None => self.render(lang, stem),
        }
    }

    fn ready(&self, part: &str) -> Result<()> {
        let result = self.progress.wait(part);
        if result.is_err() {
            // Spoken again by the next call that asks for it.
            let mut rendered = self.rendered.lock().unwrap_or_else(|p| p.into_inner());
            rendered.retain(|_, parts| !parts.iter().any(|p| p == part));
        }
        result
    }
}

/// Writes `pcm` as 16 kHz signed linear under a temporary name, then renames it into place, so
/// a concurrent call never plays half a file.
fn write_atomically(file: &Path, pcm: &Pcm) -> Result<()> {
    let dir = file.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let bytes = encode(OutputFormat::Sln16, &pcm.resampled(16_000)?)?;
    crate::l10n::exchange::write_atomic(file, &bytes)
}
