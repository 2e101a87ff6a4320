//! Where a call's sounds come from: the installed prompt pack, or, for a sound the pack lacks,
//! speech rendered on the spot and kept for the next caller.
//!
//! A pack (see `tilmach prompts build`) lays its files out as Asterisk expects:
//! `<sounds>/<code>/tilmach/<stem>.<ext>`, where `<code>` is [`Language::code`] and `<stem>` is a
//! prompt id (`prompt-welcome`) or `guide-<guide id>` for a guide's simple version.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use sha2::{Digest, Sha256};

use super::pack::{encode, sound_folder, sound_text};
use crate::audio::{OutputFormat, Pcm};
use crate::l10n::Catalog;
use crate::lang::Language;
use crate::synth::{speak, SpeechSettings, Synthesizer};
use crate::{Error, Result};

/// The file extensions Asterisk can play that a pack may hold.
pub const PACK_EXTENSIONS: [&str; 7] = ["sln16", "wav16", "wav", "ulaw", "alaw", "gsm", "g722"];

/// Gives the name to play (`STREAM FILE`'s argument, without extension) for a sound.
pub trait Sounds: Send + Sync {
    /// The file to play for `stem` (a prompt id, or `guide-<id>`) in `lang`.
    ///
    /// # Errors
    /// Whatever prevents the sound from existing: an unknown prompt or guide, an engine error.
    fn sound(&self, lang: Language, stem: &str) -> Result<String>;
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
    engine: OnceLock<std::result::Result<Box<dyn Synthesizer>, String>>,
    rendered: Mutex<HashMap<String, Arc<Mutex<Option<String>>>>>,
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

    fn engine(&self) -> Result<&dyn Synthesizer> {
        self.engine
            .get_or_init(|| (self.start_engine)().map_err(|e| e.to_string()))
            .as_deref()
            .map_err(|message| Error::Engine {
                engine: "engine worker".into(),
                message: message.clone(),
            })
    }

    /// Renders `stem` into the live directory (once per text) and returns its name.
    fn render(&self, lang: Language, stem: &str) -> Result<String> {
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
        let slot = {
            let mut map = self.rendered.lock().unwrap_or_else(|p| p.into_inner());
            Arc::clone(map.entry(base.display().to_string()).or_default())
        };
        let mut done = slot.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(name) = done.as_ref() {
            return Ok(name.clone());
        }
        let file = base.with_extension(OutputFormat::Sln16.asterisk_extension());
        if !file.is_file() {
            let pcm = speak(engine, lang, &text, &self.settings)?;
            write_atomically(&file, &pcm)?;
        }
        let name = base.display().to_string();
        *done = Some(name.clone());
        Ok(name)
    }
}

impl Sounds for PackSounds {
    fn sound(&self, lang: Language, stem: &str) -> Result<String> {
        match self.in_pack(lang, stem) {
            Some(base) => Ok(base.display().to_string()),
            None => self.render(lang, stem),
        }
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
