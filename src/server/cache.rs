//! The on-disk audio cache: rendered speech named by a hash of everything that decides its
//! sound (text, markup or not, language, engine and version, settings), as a WAV file and a
//! JSON file of its sentence timings. Entries are written under temporary names and linked into
//! place without replacing: once a key has audio, its bytes never change (so the key is a
//! strong `ETag`). A server's cache is bounded ([`CacheBound`]): past its size or its number of
//! entries, the least recently used entries are removed (recency survives restarts as the
//! files' modification times).

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

/// How much a cache may hold; the least recently used entries go first past either bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CacheBound {
    /// Bytes of audio and timings on disk.
    pub max_bytes: u64,
    /// Entries (renderings).
    pub max_entries: usize,
}

impl Default for CacheBound {
    /// 1 GiB and 10,000 entries: some 3 hours of 24 kHz speech, or every guide in every mode
    /// and language many times over.
    fn default() -> Self {
        CacheBound {
            max_bytes: 1 << 30,
            max_entries: 10_000,
        }
    }
}

/// What the cache holds, for eviction: each key's size and when it was last used.
#[derive(Default)]
struct Index {
    entries: HashMap<String, Entry>,
    bytes: u64,
    /// A counter standing for time: higher is more recent.
    clock: u64,
}

#[derive(Clone, Copy)]
struct Entry {
    bytes: u64,
    used: u64,
}

/// A directory of cached speech.
pub struct AudioCache {
    dir: PathBuf,
    /// Keys being rendered now, so that concurrent identical requests render once.
    busy: Arc<Busy>,
    /// `None`: unbounded (a static export keeps everything it renders).
    bound: Option<CacheBound>,
    index: Mutex<Index>,
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
            bound: None,
            index: Mutex::new(Index::default()),
        })
    }

    /// Opens (creating) the cache in `dir`, holding at most `bound`: the entries already there
    /// are counted (oldest first by modification time) and the excess removed at once.
    ///
    /// # Errors
    /// [`Error::Io`] when the directory cannot be created or read.
    pub fn open_bounded(dir: &Path, bound: CacheBound) -> Result<AudioCache> {
        let mut cache = AudioCache::open(dir)?;
        cache.bound = Some(bound);
        let mut found = Vec::new();
        for shard in std::fs::read_dir(dir)
            .map_err(|e| Error::io(dir, e))?
            .flatten()
        {
            let Ok(files) = std::fs::read_dir(shard.path()) else {
                continue;
            };
            for file in files.flatten() {
                let path = file.path();
                let Some(key) = path.file_stem().and_then(|s| s.to_str()) else {
                    continue;
                };
                if !is_key(key) || path.extension().is_none_or(|e| e != "wav") {
                    continue;
                }
                let Ok(meta) = file.metadata() else { continue };
                let json = std::fs::metadata(cache.meta_path(key)).map_or(0, |m| m.len());
                let modified = meta.modified().unwrap_or(std::time::UNIX_EPOCH);
                found.push((modified, key.to_owned(), meta.len() + json));
            }
        }
        found.sort();
        {
            let mut index = cache.lock_index();
            for (_, key, bytes) in found {
                index.clock += 1;
                let used = index.clock;
                index.bytes += bytes;
                index.entries.insert(key, Entry { bytes, used });
            }
        }
        cache.evict(None);
        Ok(cache)
    }

    /// The bytes and entries the cache holds now (counted only when it is bounded).
    pub fn usage(&self) -> (u64, usize) {
        let index = self.lock_index();
        (index.bytes, index.entries.len())
    }

    fn lock_index(&self) -> std::sync::MutexGuard<'_, Index> {
        self.index.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Marks `key` as just used, on disk too, so that recency survives a restart.
    fn touch(&self, key: &str) {
        if self.bound.is_none() {
            return;
        }
        {
            let mut index = self.lock_index();
            index.clock += 1;
            let now = index.clock;
            if let Some(entry) = index.entries.get_mut(key) {
                entry.used = now;
            }
        }
        if let Ok(file) = std::fs::File::options()
            .write(true)
            .open(self.wav_path(key))
        {
            let _ = file.set_modified(std::time::SystemTime::now());
        }
    }

    /// Counts a newly stored entry, then removes the least recently used ones (never `keep`)
    /// while the cache is over its bound.
    fn add(&self, key: &str, bytes: u64) {
        if self.bound.is_none() {
            return;
        }
        {
            let mut index = self.lock_index();
            index.clock += 1;
            let used = index.clock;
            if let Some(old) = index.entries.insert(key.to_owned(), Entry { bytes, used }) {
                index.bytes -= old.bytes;
            }
            index.bytes += bytes;
        }
        self.evict(Some(key));
    }

    fn evict(&self, keep: Option<&str>) {
        let Some(bound) = self.bound else { return };
        let mut index = self.lock_index();
        while index.bytes > bound.max_bytes || index.entries.len() > bound.max_entries {
            let oldest = index
                .entries
                .iter()
                .filter(|(k, _)| Some(k.as_str()) != keep)
                .min_by_key(|(_, e)| e.used)
                .map(|(k, e)| (k.clone(), *e));
            let Some((key, entry)) = oldest else { break };
            index.entries.remove(&key);
            index.bytes -= entry.bytes;
            // The timings first: without them the entry no longer counts as cached.
            let _ = std::fs::remove_file(self.meta_path(&key));
            let _ = std::fs::remove_file(self.wav_path(&key));
        }
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
        let found = result.key == key && self.wav_path(key).is_file();
        if found {
            self.touch(key);
        }
        found.then_some(result)
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
        let meta = serde_json::to_vec_pretty(&result).expect("serializes");
        let wav_path = self.wav_path(key);
        let dir = wav_path.parent().expect("has a parent");
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        // The audio first (written straight from the samples, not copied into a buffer), the
        // timings last: an entry counts only once both are there.
        let wav_bytes = place(&wav_path, |out| {
            crate::audio::wav::write(&mut *out, &pcm).map_err(std::io::Error::other)
        })?;
        drop(pcm);
        let meta_bytes = place(&self.meta_path(key), |out| out.write_all(&meta))?;
        self.add(key, wav_bytes + meta_bytes);
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

/// Writes `path` with `write` through a temporary file, never replacing an existing `path`;
/// returns the file's size.
fn place(
    path: &Path,
    write: impl FnOnce(&mut std::io::BufWriter<std::fs::File>) -> std::io::Result<()>,
) -> Result<u64> {
    let tmp = path.with_extension(
        format!(
            "tmp-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        )
        .replace(['(', ')'], ""),
    );
    let result = (|| -> std::io::Result<u64> {
        let mut out = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
        write(&mut out)?;
        let file = out.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        let bytes = file.metadata()?.len();
        match std::fs::hard_link(&tmp, path) {
            Ok(()) => Ok(bytes),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(bytes),
            Err(e) => Err(e),
        }
    })();
    let _ = std::fs::remove_file(&tmp);
    result.map_err(|e| Error::io(path, e))
}
