//! The on-disk audio cache: rendered speech named by a hash of everything that decides its
//! sound (text, markup or not, language, engine and version, settings), as a WAV file and a
//! JSON file of its sentence timings. Entries are written under temporary names and linked into
//! place without replacing: once a key has audio, its bytes never change (so the key is a
//! strong `ETag`).

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use sha2::{Digest, Sha256};

use super::speech::{SpeechRequest, SpeechResult};
use crate::synth::Synthesizer;
use crate::{Error, Result};

/// Bumped whenever the stored format or the rendering changes meaning.
const FORMAT: u32 = 1;

/// The keys being rendered, each with the lock its requests take turns on.
type Busy = Mutex<HashMap<String, Arc<Mutex<()>>>>;

/// A directory of cached speech.
pub struct AudioCache {
    dir: PathBuf,
    /// Keys being rendered now, so that concurrent identical requests render once.
    busy: Arc<Busy>,
}

/// Whether `s` has the form of a cache key (64 lowercase hex digits).
pub fn is_key(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

impl AudioCache {
    /// Opens (creating) the cache in `dir`.
    ///
    /// # Errors
    /// [`Error::Io`] when the directory cannot be created.
    pub fn open(dir: &Path) -> Result<AudioCache> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        Ok(AudioCache {
            dir: dir.to_owned(),
            busy: Arc::new(Mutex::new(HashMap::new())),
        })
    }

    /// The directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The key of `request` spoken by `engine`.
    pub fn key(engine: &dyn Synthesizer, request: &SpeechRequest) -> String {
        let identity = serde_json::json!({
            "format": FORMAT,
            "tilmach": env!("CARGO_PKG_VERSION"),
            "engine": engine.name(),
            "sample_rate": engine.sample_rate(),
            "lang": request.lang.tag(),
            "markup": request.markup,
            "text": request.text,
            "settings": request.settings,
        });
        let digest = Sha256::digest(identity.to_string().as_bytes());
        digest.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// Where the WAV of `key` lies.
    pub fn wav_path(&self, key: &str) -> PathBuf {
        self.dir.join(&key[..2]).join(format!("{key}.wav"))
    }

    fn meta_path(&self, key: &str) -> PathBuf {
        self.dir.join(&key[..2]).join(format!("{key}.json"))
    }

    /// The cached rendering of `request`, if there is one.
    pub fn lookup(
        &self,
        engine: &dyn Synthesizer,
        request: &SpeechRequest,
    ) -> Option<SpeechResult> {
        self.load(&AudioCache::key(engine, request))
    }

    fn load(&self, key: &str) -> Option<SpeechResult> {
        let meta = std::fs::read(self.meta_path(key)).ok()?;
        let result: SpeechResult = serde_json::from_slice(&meta).ok()?;
        (result.key == key && self.wav_path(key).is_file()).then_some(result)
    }

    /// The cached rendering of `request`, rendering and storing it first when there is none.
    /// Concurrent calls for the same request render it once.
    ///
    /// # Errors
    /// As [`SpeechRequest::render`]; [`Error::Io`] when the cache cannot be written.
    pub fn speak(
        &self,
        engine: &dyn Synthesizer,
        request: &SpeechRequest,
        deadline: Option<Instant>,
    ) -> Result<SpeechResult> {
        let ticket = self.join(&AudioCache::key(engine, request));
        self.render_joined(&ticket, engine, request, deadline)
    }

    /// Joins the requests for `key` now being rendered: the ticket says whether this is the
    /// first of them ([`Ticket::is_first`]), the one that renders while the others wait.
    pub fn join(&self, key: &str) -> Ticket {
        let mut busy = self.busy.lock().unwrap_or_else(|p| p.into_inner());
        let first = !busy.contains_key(key);
        let lock = busy.entry(key.to_owned()).or_default().clone();
        Ticket {
            busy: Arc::clone(&self.busy),
            key: key.to_owned(),
            lock,
            first,
        }
    }

    /// The rendering of the ticket's key: loaded once the request before it has stored it, or
    /// rendered and stored here.
    ///
    /// # Errors
    /// As [`AudioCache::speak`].
    pub fn render_joined(
        &self,
        ticket: &Ticket,
        engine: &dyn Synthesizer,
        request: &SpeechRequest,
        deadline: Option<Instant>,
    ) -> Result<SpeechResult> {
        let _turn = ticket.lock.lock().unwrap_or_else(|p| p.into_inner());
        match self.load(&ticket.key) {
            Some(hit) => Ok(hit),
            None => self.store(engine, request, &ticket.key, deadline),
        }
    }

    /// The stored rendering of the ticket's key once the requests before it are done, if they
    /// stored one (they may have failed).
    pub fn wait_for(&self, ticket: &Ticket) -> Option<SpeechResult> {
        let _turn = ticket.lock.lock().unwrap_or_else(|p| p.into_inner());
        self.load(&ticket.key)
    }

    fn store(
        &self,
        engine: &dyn Synthesizer,
        request: &SpeechRequest,
        key: &str,
        deadline: Option<Instant>,
    ) -> Result<SpeechResult> {
        let (pcm, sentences) = request.render(engine, deadline)?;
        let result = SpeechResult {
            key: key.to_owned(),
            lang: request.lang.tag().to_owned(),
            sample_rate: pcm.rate,
            duration: pcm.duration().as_secs_f64(),
            sentences,
        };
        let mut wav = Vec::with_capacity(44 + pcm.samples.len() * 2);
        crate::audio::wav::write(&mut wav, &pcm)?;
        let meta = serde_json::to_vec_pretty(&result).expect("serializes");
        let wav_path = self.wav_path(key);
        let dir = wav_path.parent().expect("has a parent");
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        // The audio first, the timings last: an entry counts only once both are there.
        place(&wav_path, &wav)?;
        place(&self.meta_path(key), &meta)?;
        Ok(self.load(key).unwrap_or(result))
    }
}

/// A request's place among the concurrent requests for one key (see [`AudioCache::join`]).
pub struct Ticket {
    busy: Arc<Busy>,
    key: String,
    lock: Arc<Mutex<()>>,
    first: bool,
}

impl Ticket {
    /// Whether no other request for this key was being rendered when this one joined.
    pub fn is_first(&self) -> bool {
        self.first
    }
}

impl Drop for Ticket {
    fn drop(&mut self) {
        let mut busy = self.busy.lock().unwrap_or_else(|p| p.into_inner());
        // The map's reference and this one: nobody else waits for the key.
        if Arc::strong_count(&self.lock) <= 2 {
            busy.remove(&self.key);
        }
    }
}

/// Writes `bytes` to `path` through a temporary file, never replacing an existing `path`.
fn place(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = path.with_extension(
        format!(
            "tmp-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        )
        .replace(['(', ')'], ""),
    );
    let write = || -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        match std::fs::hard_link(&tmp, path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
            Err(e) => Err(e),
        }
    };
    let result = write();
    let _ = std::fs::remove_file(&tmp);
    result.map_err(|e| Error::io(path, e))
}
