//! Prompt packs: every operation prompt and every guide's simple version, pre-rendered for a
//! telephone system's sound folders.
//!
//! A pack holds, per language, one sound per *stem*: an operation prompt's message id
//! (`prompt-welcome`) or `guide-<guide id>` for a guide's simple version
//! (`guide-pension-collection`). Prompts whose message takes variables (`$seconds`,
//! `$digits` …) cannot be rendered ahead and are left out ([`PackReport::call_time`]).
//!
//! Layouts ([`Target`]), with `<code>` = [`Language::code`] (`zh`, `ug`, `mn`):
//! - Asterisk: `sounds/<code>/tilmach/<stem>.{sln16,wav16,wav,ulaw,alaw}`;
//! - FreeSWITCH: `<code>/tilmach/8000/<stem>.wav` and `<code>/tilmach/16000/<stem>.wav`.
//!
//! Builds are incremental: the manifest [`MANIFEST_NAME`] in the output folder records, per
//! target, language and stem, a content hash of everything the sound depends on (text,
//! settings, engine name and rate, formats, tilmach version; or the recording's bytes) and the
//! size and modification time of each file it wrote. A sound whose hash and files are as
//! recorded is not rendered again. Files and manifest are written under a temporary name and
//! renamed, and a file changed after the manifest was written no longer matches it, so a build
//! interrupted midway is repaired by the next one.
//!
//! Human recordings, `<recordings>/<tag>/<stem>.wav`, take precedence over synthesis. The first
//! build that uses a recording records the hash of the text it stands for; when the text later
//! changes while the recording's bytes do not, the recording is *stale*: still used, and
//! reported ([`PackReport::stale_recordings`]). Replacing the recording's file clears it.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::audio::{g711, wav, OutputFormat, Pcm};
use crate::guide::{self, Guide, Mode};
use crate::l10n::{Catalog, Usage, Warning};
use crate::lang::Language;
use crate::synth::{self, Profile, SpeechConfig, SpeechSettings, Synthesizer};
use crate::{Error, Result};

/// The manifest's file name in the output folder.
pub const MANIFEST_NAME: &str = "tilmach-pack.json";

/// The manifest layout this code reads and writes. A change to how sounds are made that the
/// other inputs of the hash do not capture bumps it.
const PACK_FORMAT: u32 = 1;

/// The telephone system a pack is laid out for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Target {
    /// Asterisk: `sounds/<code>/tilmach/<stem>.{sln16,wav16,wav,ulaw,alaw}`.
    Asterisk,
    /// FreeSWITCH: `<code>/tilmach/{8000,16000}/<stem>.wav`.
    FreeSwitch,
}

/// One file of a sound in a pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackFile {
    /// Where it goes, relative to the pack's folder.
    pub path: PathBuf,
    /// What it holds.
    pub format: OutputFormat,
}

impl Target {
    /// Every target.
    pub const ALL: [Target; 2] = [Target::Asterisk, Target::FreeSwitch];

    /// The name used on the command line and in the manifest.
    pub fn name(self) -> &'static str {
        match self {
            Target::Asterisk => "asterisk",
            Target::FreeSwitch => "freeswitch",
        }
    }

    /// The formats each sound is written in, in the order of [`Target::files`].
    pub fn formats(self) -> &'static [OutputFormat] {
        match self {
            Target::Asterisk => &[
                OutputFormat::Sln16,
                OutputFormat::Wav16k,
                OutputFormat::Wav8k,
                OutputFormat::Ulaw,
                OutputFormat::Alaw,
            ],
            Target::FreeSwitch => &[OutputFormat::Wav8k, OutputFormat::Wav16k],
        }
    }

    /// The folder of `lang`'s sounds, relative to the pack's folder.
    pub fn language_dir(self, lang: Language) -> PathBuf {
        match self {
            Target::Asterisk => Path::new("sounds").join(sound_folder(lang)),
            Target::FreeSwitch => sound_folder(lang),
        }
    }

    /// The files of sound `stem` in `lang`, relative to the pack's folder.
    pub fn files(self, lang: Language, stem: &str) -> Vec<PackFile> {
        let dir = self.language_dir(lang);
        self.formats()
            .iter()
            .map(|&format| {
                let path = match self {
                    Target::Asterisk => dir.join(format!("{stem}.{}", format.asterisk_extension())),
                    Target::FreeSwitch => dir
                        .join(format.rate(0).to_string())
                        .join(format!("{stem}.wav")),
                };
                PackFile { path, format }
            })
            .collect()
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Target {
    type Err = Error;

    fn from_str(s: &str) -> Result<Target> {
        Target::ALL
            .into_iter()
            .find(|t| t.name().eq_ignore_ascii_case(s))
            .ok_or_else(|| {
                Error::InvalidText(format!(
                    "unknown target '{s}'; targets: {}",
                    Target::ALL.map(Target::name).join(", ")
                ))
            })
    }
}

/// One sound of a pack: what is said, in which language, under which name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackItem {
    /// The language.
    pub lang: Language,
    /// The file stem: the prompt's message id, or `guide-<guide id>`.
    pub stem: String,
    /// The text spoken (the speech form of the message).
    pub text: String,
}

/// A prompt that takes variables and is therefore rendered during the call, not in the pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CallTimePrompt {
    /// The prompt's message id.
    pub id: String,
    /// Its variables, without the `$`.
    pub variables: Vec<String>,
}

/// What a pack for some languages holds.
#[derive(Debug, Clone, Default)]
pub struct Contents {
    /// Every sound, by language, then prompts before guides, each sorted.
    pub items: Vec<PackItem>,
    /// The prompts left out because they take variables.
    pub call_time: Vec<CallTimePrompt>,
}

/// The file-name prefix of a guide's simple version.
pub const GUIDE_PREFIX: &str = "guide-";

/// The stem of guide `id`'s simple version.
pub fn guide_stem(id: &str) -> String {
    format!("{GUIDE_PREFIX}{id}")
}

/// The folder of `lang`'s sounds inside a sound directory: `<code>/tilmach` (`ug/tilmach`).
pub fn sound_folder(lang: Language) -> PathBuf {
    Path::new(lang.code()).join("tilmach")
}

/// What sound `stem` says in `lang`: a prompt's speech text, or for `guide-<id>` the guide's
/// simple version. Messages `lang` lacks fall back to the reference locale, noted in `warnings`.
///
/// # Errors
/// [`Error::MissingMessage`] or [`Error::UnknownGuide`].
pub fn sound_text(
    catalog: &Catalog,
    lang: Language,
    stem: &str,
    warnings: &mut Vec<Warning>,
) -> Result<String> {
    match stem.strip_prefix(GUIDE_PREFIX) {
        Some(id) => {
            let guide = Guide::load(catalog, lang, id, Usage::Speech, warnings)?;
            guide.speech_text(Mode::Simple, catalog)
        }
        None => catalog.format(lang, stem, None, None, Usage::Speech, warnings),
    }
}

/// Lists the sounds of a pack for `languages`: every `prompt-*` message of the reference locale
/// without variables, and every guide's simple version (its title and simple text, as
/// `tilmach guide speak --mode simple` says it). Messages a locale lacks fall back to the
/// reference locale and are reported in `warnings`.
///
/// # Errors
/// [`Error::MissingMessage`] or [`Error::UnknownGuide`] from a catalog that is inconsistent.
pub fn contents(
    catalog: &Catalog,
    languages: &[Language],
    warnings: &mut Vec<Warning>,
) -> Result<Contents> {
    let mut prompts = Vec::new();
    let mut call_time = Vec::new();
    for id in catalog.message_ids(Language::REFERENCE) {
        if !id.starts_with("prompt-") {
            continue;
        }
        let mut variables: Vec<String> = Language::ALL
            .iter()
            .filter_map(|&l| catalog.variables(l, id))
            .flatten()
            .cloned()
            .collect();
        variables.sort();
        variables.dedup();
        if variables.is_empty() {
            prompts.push(id.to_owned());
        } else {
            call_time.push(CallTimePrompt {
                id: id.to_owned(),
                variables,
            });
        }
    }
    let guides = guide::ids(catalog);
    let mut items = Vec::new();
    for &lang in languages {
        let stems = prompts
            .iter()
            .cloned()
            .chain(guides.iter().map(|g| guide_stem(g)));
        for stem in stems {
            let text = sound_text(catalog, lang, &stem, warnings)?;
            items.push(PackItem { lang, stem, text });
        }
    }
    Ok(Contents { items, call_time })
}

/// Where a sound's audio came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// Rendered by the speech engine.
    Synthesized,
    /// Converted from a human recording.
    Recorded,
}

/// Per language, what a build did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LanguageCounts {
    /// The language.
    pub lang: Language,
    /// Sounds rendered by the engine in this build.
    pub synthesized: usize,
    /// Sounds converted from recordings in this build.
    pub recorded: usize,
    /// Sounds already up to date.
    pub unchanged: usize,
    /// Prompts left to be rendered during the call.
    pub call_time: usize,
}

/// A sound rendered in this build.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rendered {
    /// The language.
    pub lang: Language,
    /// The file stem.
    pub stem: String,
    /// Where its audio came from.
    pub source: Source,
}

/// A recording in the pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordingUse {
    /// The language.
    pub lang: Language,
    /// The file stem.
    pub stem: String,
    /// The recording's file.
    pub path: PathBuf,
    /// Whether the text has changed since the recording was first used.
    pub stale: bool,
}

/// What a build did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PackReport {
    /// The layout.
    pub target: Target,
    /// Counts per language, in the order asked.
    pub languages: Vec<LanguageCounts>,
    /// The sounds rendered in this build (the others were up to date).
    pub rendered: Vec<Rendered>,
    /// Every recording the pack uses, stale or not.
    pub recordings: Vec<RecordingUse>,
    /// The recordings whose text changed since they were first used.
    pub stale_recordings: Vec<RecordingUse>,
    /// `.wav` files in the recordings folder that match no sound of the pack.
    pub unused_recordings: Vec<PathBuf>,
    /// Prompts with variables, rendered during the call.
    pub call_time: Vec<CallTimePrompt>,
    /// Files of sounds no longer in the catalog, removed.
    pub removed: Vec<PathBuf>,
    /// Messages that fell back to the reference locale, and other formatting problems.
    pub warnings: Vec<String>,
}

/// Builds prompt packs; settings have defaults (standard profile, every language, one job per
/// core, no recordings).
#[derive(Debug, Clone)]
pub struct PackBuilder {
    target: Target,
    languages: Vec<Language>,
    profile: &'static str,
    settings: SpeechSettings,
    jobs: usize,
    recordings: Option<PathBuf>,
}

impl PackBuilder {
    /// A builder for `target`.
    pub fn new(target: Target) -> PackBuilder {
        PackBuilder {
            target,
            languages: Language::ALL.to_vec(),
            profile: "standard",
            settings: SpeechSettings::default(),
            jobs: std::thread::available_parallelism().map_or(1, |n| n.get()),
            recordings: None,
        }
    }

    /// The languages to build (default: all; duplicates are ignored).
    pub fn languages(&mut self, languages: &[Language]) -> &mut Self {
        self.languages.clear();
        for &l in languages {
            if !self.languages.contains(&l) {
                self.languages.push(l);
            }
        }
        self
    }

    /// Speaks with `profile`'s settings from `config` (the profile is part of the hash).
    pub fn profile(&mut self, profile: Profile, config: &SpeechConfig) -> &mut Self {
        self.profile = match profile {
            Profile::Standard => "standard",
            Profile::Elder => "elder",
        };
        self.settings = config.settings(profile).clone();
        self
    }

    /// How many sounds are rendered at once (at least 1). Give the synthesizer as many workers
    /// (see [`crate::synth::worker::EngineProcess`]); an in-process engine serializes them.
    pub fn jobs(&mut self, jobs: usize) -> &mut Self {
        self.jobs = jobs.max(1);
        self
    }

    /// The folder of human recordings, `<dir>/<tag>/<stem>.wav`.
    pub fn recordings(&mut self, dir: Option<PathBuf>) -> &mut Self {
        self.recordings = dir;
        self
    }

    /// Builds or updates the pack in `out` from `catalog`, rendering what changed with `synth`
    /// (from many threads at once: see [`PackBuilder::jobs`]).
    ///
    /// # Errors
    /// [`Error::Io`] naming the file that cannot be read or written; [`Error::Config`] for a
    /// manifest that is not one; [`Error::Audio`] naming a recording that is not a usable WAV;
    /// engine errors. Sounds finished before an error are recorded in the manifest.
    pub fn build(
        &self,
        catalog: &Catalog,
        synth: &dyn Synthesizer,
        out: &Path,
    ) -> Result<PackReport> {
        self.settings.validate().map_err(Error::InvalidText)?;
        std::fs::create_dir_all(out).map_err(|e| Error::io(out, e))?;
        let manifest_path = out.join(MANIFEST_NAME);
        let old = Manifest::load(&manifest_path)?;
        self.remove_leftovers(out);
        let mut warnings = Vec::new();
        let contents = contents(catalog, &self.languages, &mut warnings)?;
        let engine = EngineIdentity {
            name: synth.name().to_owned(),
            rate: synth.sample_rate(),
        };

        let previous: HashMap<(&str, &str), &Entry> = old
            .entries
            .iter()
            .filter(|e| e.target == self.target.name())
            .map(|e| ((e.lang.as_str(), e.stem.as_str()), e))
            .collect();
        let mut kept: Vec<Entry> = Vec::new();
        let mut jobs: Vec<Job> = Vec::new();
        let mut recordings = Vec::new();
        for item in &contents.items {
            let text_hash = text_hash(item.lang, &item.text);
            let files = self.target.files(item.lang, &item.stem);
            let recording = self.recording_path(item.lang, &item.stem);
            let prev = previous
                .get(&(item.lang.tag(), item.stem.as_str()))
                .copied();
            let (hash, recording) = match recording {
                Some(path) => {
                    let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
                    let rec_hash = hex(&Sha256::digest(&bytes));
                    let against = recorded_against(prev, &rec_hash, &text_hash);
                    recordings.push(RecordingUse {
                        lang: item.lang,
                        stem: item.stem.clone(),
                        path: path.clone(),
                        stale: against != text_hash,
                    });
                    let hash = recorded_hash(self.target, &rec_hash);
                    (
                        hash,
                        Some((
                            path,
                            bytes,
                            RecordingInfo {
                                hash: rec_hash,
                                recorded_against: against,
                            },
                        )),
                    )
                }
                None => (
                    synthesized_hash(self.target, &engine, self.profile, &self.settings, item),
                    None,
                ),
            };
            match prev {
                Some(prev) if prev.hash == hash && prev.files_match(out) => {
                    let mut entry = prev.clone();
                    entry.text_hash = text_hash;
                    entry.recording = recording.map(|(_, _, info)| info);
                    kept.push(entry);
                }
                _ => jobs.push(Job {
                    item,
                    files,
                    hash,
                    text_hash,
                    recording,
                }),
            }
        }

        // Longest texts first, so that no thread is left with a long guide at the end.
        jobs.sort_by_key(|j| std::cmp::Reverse(j.item.text.len()));
        let results = self.run_jobs(&jobs, synth, out);

        let mut rendered = Vec::new();
        let mut first_error = None;
        for (job, result) in jobs.iter().zip(results) {
            match result {
                Some(Ok(entry)) => {
                    rendered.push(Rendered {
                        lang: job.item.lang,
                        stem: job.item.stem.clone(),
                        source: entry.source,
                    });
                    kept.push(entry);
                }
                Some(Err(e)) => {
                    first_error.get_or_insert(e);
                }
                None => {}
            }
        }

        // Sounds of the built languages that the catalog no longer has: their files go.
        let wanted: HashSet<(&str, &str)> = contents
            .items
            .iter()
            .map(|i| (i.lang.tag(), i.stem.as_str()))
            .collect();
        let built: HashSet<&str> = self.languages.iter().map(|l| l.tag()).collect();
        let mut removed = Vec::new();
        let mut entries = Vec::new();
        for entry in old.entries {
            // Other targets' and other languages' sounds are not this build's to judge.
            if entry.target != self.target.name() || !built.contains(entry.lang.as_str()) {
                entries.push(entry);
            } else if !wanted.contains(&(entry.lang.as_str(), entry.stem.as_str())) {
                for file in &entry.files {
                    let path = out.join(&file.path);
                    if std::fs::remove_file(&path).is_ok() {
                        removed.push(PathBuf::from(&file.path));
                    }
                }
            }
        }
        entries.extend(kept);
        entries.sort_by(|a, b| (&a.target, &a.lang, &a.stem).cmp(&(&b.target, &b.lang, &b.stem)));
        Manifest {
            format: PACK_FORMAT,
            entries,
        }
        .save(&manifest_path)?;
        if let Some(e) = first_error {
            return Err(e);
        }

        rendered.sort_by(|a, b| (a.lang, &a.stem).cmp(&(b.lang, &b.stem)));
        let languages = self
            .languages
            .iter()
            .map(|&lang| {
                let total = contents.items.iter().filter(|i| i.lang == lang).count();
                let count = |s: Source| {
                    rendered
                        .iter()
                        .filter(|r| r.lang == lang && r.source == s)
                        .count()
                };
                let synthesized = count(Source::Synthesized);
                let recorded = count(Source::Recorded);
                LanguageCounts {
                    lang,
                    synthesized,
                    recorded,
                    unchanged: total - synthesized - recorded,
                    call_time: contents.call_time.len(),
                }
            })
            .collect();
        let stale_recordings = recordings.iter().filter(|r| r.stale).cloned().collect();
        Ok(PackReport {
            target: self.target,
            languages,
            rendered,
            recordings,
            stale_recordings,
            unused_recordings: self.unused_recordings(&wanted),
            call_time: contents.call_time,
            removed,
            warnings: warnings.iter().map(ToString::to_string).collect(),
        })
    }

    /// Removes the temporary files an interrupted build left in the folders this build writes.
    fn remove_leftovers(&self, out: &Path) {
        let mut dirs = vec![out.to_owned()];
        for &lang in &self.languages {
            let dir = out.join(self.target.language_dir(lang));
            dirs.extend(
                self.target
                    .files(lang, "x")
                    .iter()
                    .filter_map(|f| f.path.parent().map(|p| out.join(p))),
            );
            dirs.push(dir);
        }
        dirs.sort();
        dirs.dedup();
        for dir in dirs {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for path in entries.filter_map(|e| e.ok()).map(|e| e.path()) {
                let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
                if is_temporary_name(name) && path.is_file() {
                    let _ = std::fs::remove_file(&path);
                }
            }
        }
    }

    fn recording_path(&self, lang: Language, stem: &str) -> Option<PathBuf> {
        let path = self
            .recordings
            .as_ref()?
            .join(lang.tag())
            .join(format!("{stem}.wav"));
        path.is_file().then_some(path)
    }

    fn unused_recordings(&self, wanted: &HashSet<(&str, &str)>) -> Vec<PathBuf> {
        let Some(dir) = &self.recordings else {
            return Vec::new();
        };
        let mut unused = Vec::new();
        for lang in &self.languages {
            let Ok(entries) = std::fs::read_dir(dir.join(lang.tag())) else {
                continue;
            };
            for path in entries.filter_map(|e| e.ok()).map(|e| e.path()) {
                let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
                if path.extension().is_some_and(|e| e == "wav")
                    && !wanted.contains(&(lang.tag(), stem))
                {
                    unused.push(path);
                }
            }
        }
        unused.sort();
        unused
    }

    /// Renders `jobs` on up to [`PackBuilder::jobs`] threads. After the first error no new job
    /// starts; those left are `None`.
    fn run_jobs(
        &self,
        jobs: &[Job<'_>],
        synth: &dyn Synthesizer,
        out: &Path,
    ) -> Vec<Option<Result<Entry>>> {
        let results: Vec<Mutex<Option<Result<Entry>>>> =
            jobs.iter().map(|_| Mutex::new(None)).collect();
        let next = AtomicUsize::new(0);
        let failed = AtomicBool::new(false);
        let threads = self.jobs.min(jobs.len());
        std::thread::scope(|scope| {
            for _ in 0..threads {
                scope.spawn(|| loop {
                    if failed.load(Ordering::Relaxed) {
                        break;
                    }
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(job) = jobs.get(i) else { break };
                    let result = job.run(self, synth, out);
                    if result.is_err() {
                        failed.store(true, Ordering::Relaxed);
                    }
                    *results[i].lock().unwrap_or_else(|p| p.into_inner()) = Some(result);
                });
            }
        });
        results
            .into_iter()
            .map(|m| m.into_inner().unwrap_or_else(|p| p.into_inner()))
            .collect()
    }
}

/// One sound to render.
struct Job<'a> {
    item: &'a PackItem,
    files: Vec<PackFile>,
    hash: String,
    text_hash: String,
    /// The recording's path, bytes and manifest record, when one is used.
    recording: Option<(PathBuf, Vec<u8>, RecordingInfo)>,
}

impl Job<'_> {
    fn run(&self, builder: &PackBuilder, synth: &dyn Synthesizer, out: &Path) -> Result<Entry> {
        let (pcm, source) = match &self.recording {
            Some((path, bytes, _)) => {
                let name = path.display().to_string();
                let pcm = wav::read(bytes.as_slice(), &name)?;
                if pcm.is_empty() {
                    return Err(Error::Audio(format!(
                        "{name}: the recording has no samples"
                    )));
                }
                (pcm, Source::Recorded)
            }
            None => (
                synth::speak(synth, self.item.lang, &self.item.text, &builder.settings)?,
                Source::Synthesized,
            ),
        };
        let mut at_rate: BTreeMap<u32, Pcm> = BTreeMap::new();
        let mut stamps = Vec::new();
        for file in &self.files {
            let rate = file.format.rate(pcm.rate);
            let converted = match at_rate.entry(rate) {
                std::collections::btree_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::btree_map::Entry::Vacant(e) => e.insert(pcm.resampled(rate)?),
            };
            let bytes = encode(file.format, converted)?;
            let path = out.join(&file.path);
            write_atomic(&path, &bytes)?;
            stamps.push(FileStamp::of(&path, &file.path)?);
        }
        Ok(Entry {
            target: builder.target.name().to_owned(),
            lang: self.item.lang.tag().to_owned(),
            stem: self.item.stem.clone(),
            hash: self.hash.clone(),
            source,
            text_hash: self.text_hash.clone(),
            recording: self.recording.as_ref().map(|(_, _, info)| info.clone()),
            files: stamps,
        })
    }
}

/// The bytes of `pcm` (already at the format's rate) as a file of `format`.
pub(crate) fn encode(format: OutputFormat, pcm: &Pcm) -> Result<Vec<u8>> {
    Ok(match format {
        OutputFormat::Wav | OutputFormat::Wav8k | OutputFormat::Wav16k => {
            let mut bytes = Vec::with_capacity(44 + pcm.samples.len() * 2);
            wav::write(&mut bytes, pcm)?;
            bytes
        }
        OutputFormat::Ulaw => g711::encode_ulaw(&pcm.samples),
        OutputFormat::Alaw => g711::encode_alaw(&pcm.samples),
        OutputFormat::Sln16 => pcm.samples.iter().flat_map(|s| s.to_le_bytes()).collect(),
    })
}

/// Writes `bytes` to `path` under a temporary name in the same folder, then renames it into
/// place: readers and later builds see the old file or the new one, never part of one.
fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(
        ".{name}.tmp-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let result = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path));
    result.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::io(path, e)
    })
}

/// Whether `name` is one [`write_atomic`] gives its temporary files: `.<name>.tmp-<pid>-<n>`.
fn is_temporary_name(name: &str) -> bool {
    let Some((head, tail)) = name.rsplit_once(".tmp-") else {
        return false;
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    head.starts_with('.')
        && head.len() > 1
        && tail
            .split_once('-')
            .is_some_and(|(pid, n)| digits(pid) && digits(n))
}

/// The engine as far as the sound depends on it.
struct EngineIdentity {
    name: String,
    rate: u32,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn sha256_json(value: &serde_json::Value) -> String {
    hex(&Sha256::digest(value.to_string().as_bytes()))
}

/// The hash of a message's text in a language: what a recording is recorded against.
fn text_hash(lang: Language, text: &str) -> String {
    sha256_json(&serde_json::json!({ "lang": lang.tag(), "text": text }))
}

fn format_names(target: Target) -> Vec<&'static str> {
    target.formats().iter().map(|f| f.name()).collect()
}

/// The content hash of a synthesized sound: everything its files depend on.
fn synthesized_hash(
    target: Target,
    engine: &EngineIdentity,
    profile: &str,
    settings: &SpeechSettings,
    item: &PackItem,
) -> String {
    sha256_json(&serde_json::json!({
        "pack": PACK_FORMAT,
        "tilmach": env!("CARGO_PKG_VERSION"),
        "source": "synthesized",
        "engine": engine.name,
        "engine_rate": engine.rate,
        "profile": profile,
        "settings": settings,
        "lang": item.lang.tag(),
        "text": item.text,
        "target": target.name(),
        "formats": format_names(target),
    }))
}

/// The content hash of a recorded sound: the recording's bytes and the conversion.
fn recorded_hash(target: Target, recording_hash: &str) -> String {
    sha256_json(&serde_json::json!({
        "pack": PACK_FORMAT,
        "tilmach": env!("CARGO_PKG_VERSION"),
        "source": "recorded",
        "recording": recording_hash,
        "target": target.name(),
        "formats": format_names(target),
    }))
}

/// The text hash a recording stands for: kept from the manifest while the recording's bytes
/// are the same, else (a new or replaced recording) the current text's.
fn recorded_against(prev: Option<&Entry>, recording_hash: &str, text_hash: &str) -> String {
    prev.and_then(|e| e.recording.as_ref())
        .filter(|r| r.hash == recording_hash)
        .map_or_else(|| text_hash.to_owned(), |r| r.recorded_against.clone())
}

/// The manifest: what the pack's files were made from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Manifest {
    format: u32,
    entries: Vec<Entry>,
}

/// One sound in the manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    target: String,
    /// The language's full tag.
    lang: String,
    stem: String,
    /// The content hash (see [`synthesized_hash`], [`recorded_hash`]).
    hash: String,
    source: Source,
    /// The hash of the text the sound stands for now.
    text_hash: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    recording: Option<RecordingInfo>,
    files: Vec<FileStamp>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RecordingInfo {
    /// SHA-256 of the recording's bytes.
    hash: String,
    /// The text hash when this recording was first used.
    recorded_against: String,
}

/// A file as the build that wrote it left it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileStamp {
    /// Relative to the pack's folder, with `/`.
    path: String,
    bytes: u64,
    /// Modification time, nanoseconds since the Unix epoch.
    modified_ns: u64,
}

impl FileStamp {
    fn of(path: &Path, relative: &Path) -> Result<FileStamp> {
        let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
        Ok(FileStamp {
            path: relative_string(relative),
            bytes: meta.len(),
            modified_ns: modified_ns(&meta),
        })
    }
}

fn relative_string(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn modified_ns(meta: &std::fs::Metadata) -> u64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as u64)
}

impl Entry {
    /// Whether every file is there with the size and modification time this entry recorded.
    fn files_match(&self, out: &Path) -> bool {
        !self.files.is_empty()
            && self.files.iter().all(|f| {
                std::fs::metadata(out.join(&f.path))
                    .is_ok_and(|m| m.len() == f.bytes && modified_ns(&m) == f.modified_ns)
            })
    }
}

impl Manifest {
    /// Reads the manifest; a missing one is empty.
    fn load(path: &Path) -> Result<Manifest> {
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Manifest::default()),
            Err(e) => return Err(Error::io(path, e)),
        };
        let bad = |message: String| Error::Config {
            path: path.to_owned(),
            message: format!("{message}; delete it to rebuild the whole pack"),
        };
        let manifest: Manifest = serde_json::from_slice(&bytes)
            .map_err(|e| bad(format!("not a tilmach pack manifest: {e}")))?;
        if manifest.format != PACK_FORMAT {
            return Err(bad(format!(
                "manifest format {} (this tilmach writes {PACK_FORMAT})",
                manifest.format
            )));
        }
        Ok(manifest)
    }

    fn save(&self, path: &Path) -> Result<()> {
        let mut json = serde_json::to_vec_pretty(self).expect("the manifest serializes");
        json.push(b'\n');
        write_atomic(path, &json)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synth::Capabilities;

    #[test]
    fn layouts_follow_each_target() {
        let names = |t: Target, l: Language| -> Vec<String> {
            t.files(l, "prompt-welcome")
                .iter()
                .map(|f| format!("{} {}", relative_string(&f.path), f.format))
                .collect()
        };
        assert_eq!(
            names(Target::Asterisk, Language::Uyghur),
            [
                "sounds/ug/tilmach/prompt-welcome.sln16 sln16",
                "sounds/ug/tilmach/prompt-welcome.wav16 wav16k",
                "sounds/ug/tilmach/prompt-welcome.wav wav8k",
                "sounds/ug/tilmach/prompt-welcome.ulaw ulaw",
                "sounds/ug/tilmach/prompt-welcome.alaw alaw",
            ]
        );
        assert_eq!(
            names(Target::FreeSwitch, Language::Mongolian),
            [
                "mn/tilmach/8000/prompt-welcome.wav wav8k",
                "mn/tilmach/16000/prompt-welcome.wav wav16k",
            ]
        );
        assert_eq!(guide_stem("pension-collection"), "guide-pension-collection");
        assert_eq!("FreeSWITCH".parse::<Target>().unwrap(), Target::FreeSwitch);
        assert!("yate".parse::<Target>().is_err());
    }

    fn item(text: &str) -> PackItem {
        PackItem {
            lang: Language::Uyghur,
            stem: "prompt-welcome".into(),
            text: text.into(),
        }
    }

    #[test]
    fn the_hash_changes_with_every_input_of_the_sound() {
        let engine = EngineIdentity {
            name: "e 1".into(),
            rate: 22050,
        };
        let standard = SpeechSettings::default();
        let base = synthesized_hash(Target::Asterisk, &engine, "standard", &standard, &item("a"));
        assert_eq!(
            base,
            synthesized_hash(Target::Asterisk, &engine, "standard", &standard, &item("a")),
            "deterministic"
        );
        assert_eq!(base.len(), 64);
        let other_engine = EngineIdentity {
            name: "e 2".into(),
            rate: 22050,
        };
        let other_rate = EngineIdentity {
            name: "e 1".into(),
            rate: 16000,
        };
        let mut mandarin = item("a");
        mandarin.lang = Language::Mandarin;
        let variants = [
            synthesized_hash(Target::Asterisk, &engine, "standard", &standard, &item("b")),
            synthesized_hash(Target::Asterisk, &engine, "standard", &standard, &mandarin),
            synthesized_hash(
                Target::FreeSwitch,
                &engine,
                "standard",
                &standard,
                &item("a"),
            ),
            synthesized_hash(
                Target::Asterisk,
                &other_engine,
                "standard",
                &standard,
                &item("a"),
            ),
            synthesized_hash(
                Target::Asterisk,
                &other_rate,
                "standard",
                &standard,
                &item("a"),
            ),
            synthesized_hash(
                Target::Asterisk,
                &engine,
                "elder",
                &SpeechSettings::elder(),
                &item("a"),
            ),
            synthesized_hash(Target::Asterisk, &engine, "elder", &standard, &item("a")),
        ];
        for (i, v) in variants.iter().enumerate() {
            assert_ne!(&base, v, "variant {i}");
        }
        assert_ne!(
            recorded_hash(Target::Asterisk, "r1"),
            recorded_hash(Target::Asterisk, "r2")
        );
        assert_ne!(
            recorded_hash(Target::Asterisk, "r1"),
            recorded_hash(Target::FreeSwitch, "r1")
        );
    }

    fn entry_with_recording(hash: &str, against: &str) -> Entry {
        Entry {
            target: "asterisk".into(),
            lang: "ug-Arab-CN".into(),
            stem: "prompt-welcome".into(),
            hash: "h".into(),
            source: Source::Recorded,
            text_hash: against.into(),
            recording: Some(RecordingInfo {
                hash: hash.into(),
                recorded_against: against.into(),
            }),
            files: Vec::new(),
        }
    }

    #[test]
    fn a_recording_stands_for_the_text_it_was_first_used_with() {
        // First seen: recorded against the current text.
        assert_eq!(recorded_against(None, "rec", "t1"), "t1");
        let prev = entry_with_recording("rec", "t1");
        // Same bytes, text changed: still against t1, so stale.
        assert_eq!(recorded_against(Some(&prev), "rec", "t2"), "t1");
        // New bytes: a new recording of the current text.
        assert_eq!(recorded_against(Some(&prev), "rec2", "t2"), "t2");
    }

    #[test]
    fn the_manifest_round_trips_and_refuses_what_it_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(MANIFEST_NAME);
        assert_eq!(Manifest::load(&path).unwrap(), Manifest::default());
        let manifest = Manifest {
            format: PACK_FORMAT,
            entries: vec![entry_with_recording("rec", "t1")],
        };
        manifest.save(&path).unwrap();
        assert_eq!(Manifest::load(&path).unwrap(), manifest);
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, [MANIFEST_NAME], "no temporary file left");
        std::fs::write(&path, "{\"format\": 1, \"entr").unwrap();
        let e = Manifest::load(&path).unwrap_err().to_string();
        assert!(e.contains(MANIFEST_NAME) && e.contains("delete it"), "{e}");
        std::fs::write(&path, "{\"format\": 99, \"entries\": []}").unwrap();
        let e = Manifest::load(&path).unwrap_err().to_string();
        assert!(e.contains("format 99"), "{e}");
    }

    #[test]
    fn files_match_only_as_written() {
        let dir = tempfile::tempdir().unwrap();
        let rel = Path::new("a/b.ulaw");
        write_atomic(&dir.path().join(rel), b"1234").unwrap();
        let mut entry = entry_with_recording("r", "t");
        entry.files = vec![FileStamp::of(&dir.path().join(rel), rel).unwrap()];
        assert_eq!(entry.files[0].path, "a/b.ulaw");
        assert!(entry.files_match(dir.path()));
        // Rewritten (as an interrupted build would leave it): no longer vouched for.
        std::thread::sleep(std::time::Duration::from_millis(20));
        write_atomic(&dir.path().join(rel), b"5678").unwrap();
        assert!(!entry.files_match(dir.path()));
        std::fs::remove_file(dir.path().join(rel)).unwrap();
        assert!(!entry.files_match(dir.path()));
    }

    #[test]
    fn formats_are_encoded_at_their_sizes() {
        let pcm = Pcm::new(vec![1000; 800], 8000);
        assert_eq!(encode(OutputFormat::Ulaw, &pcm).unwrap().len(), 800);
        assert_eq!(encode(OutputFormat::Alaw, &pcm).unwrap().len(), 800);
        assert_eq!(encode(OutputFormat::Wav8k, &pcm).unwrap().len(), 44 + 1600);
        assert_eq!(encode(OutputFormat::Sln16, &pcm).unwrap().len(), 1600);
    }

    /// A tone per text length, counting its calls: a synthesizer without an engine. With
    /// `fail_after`, every call after that many fails, as a crashing engine would.
    struct Tone {
        calls: AtomicUsize,
        fail_after: Option<usize>,
    }

    impl Tone {
        fn new(fail_after: Option<usize>) -> Tone {
            Tone {
                calls: AtomicUsize::new(0),
                fail_after,
            }
        }
    }

    impl Synthesizer for Tone {
        fn name(&self) -> &str {
            "tone"
        }
        fn capabilities(&self) -> Capabilities {
            Capabilities {
                languages: Language::ALL.to_vec(),
                rate: false,
                pitch: false,
            }
        }
        fn sample_rate(&self) -> u32 {
            22050
        }
        fn render(&self, _: Language, text: &str, _: &SpeechSettings) -> Result<Pcm> {
            let call = self.calls.fetch_add(1, Ordering::Relaxed);
            if self.fail_after.is_some_and(|n| call >= n) {
                return Err(Error::Engine {
                    engine: "tone".into(),
                    message: "failed on purpose".into(),
                });
            }
            let n = 2205 * (1 + text.chars().count() % 7);
            Ok(Pcm::new(
                (0..n)
                    .map(|i| ((i as f64 * 0.06).sin() * 8000.0) as i16)
                    .collect(),
                22050,
            ))
        }
    }

    #[test]
    fn a_second_build_renders_nothing_and_a_lost_file_is_rendered_again() {
        let catalog =
            Catalog::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("locales")).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let tone = Tone::new(None);
        let mut builder = PackBuilder::new(Target::FreeSwitch);
        builder.languages(&[Language::Mongolian]).jobs(3);
        let first = builder.build(&catalog, &tone, dir.path()).unwrap();
        let counts = &first.languages[0];
        assert!(counts.synthesized > 60, "{counts:?}");
        assert_eq!(counts.unchanged, 0);
        assert!(first.call_time.iter().any(|c| c.id == "prompt-you-entered"));
        assert!(tone.calls.load(Ordering::Relaxed) > 0);

        let second = builder.build(&catalog, &tone, dir.path()).unwrap();
        assert!(second.rendered.is_empty(), "{:?}", second.rendered);
        assert_eq!(second.languages[0].unchanged, counts.synthesized);

        // What an interrupted build leaves behind is cleared by the next one.
        let leftover = dir
            .path()
            .join("mn/tilmach/16000/.prompt-welcome.wav.tmp-123-4");
        std::fs::write(&leftover, b"half").unwrap();
        let keep = dir.path().join("mn/tilmach/16000/.notes.tmp");
        std::fs::write(&keep, b"someone else's").unwrap();
        assert!(is_temporary_name(".tilmach-pack.json.tmp-9-0"));
        assert!(!is_temporary_name("prompt-welcome.wav"));

        let lost = dir.path().join("mn/tilmach/8000/prompt-welcome.wav");
        std::fs::remove_file(&lost).unwrap();
        let third = builder.build(&catalog, &tone, dir.path()).unwrap();
        assert_eq!(
            third.rendered,
            [Rendered {
                lang: Language::Mongolian,
                stem: "prompt-welcome".into(),
                source: Source::Synthesized
            }]
        );
        assert!(lost.is_file());
        assert!(!leftover.exists() && keep.exists());

        // The elder profile is part of the hash: everything is rendered again.
        builder.profile(Profile::Elder, &SpeechConfig::default());
        let elder = builder.build(&catalog, &tone, dir.path()).unwrap();
        assert_eq!(elder.languages[0].synthesized, counts.synthesized);
    }

    #[test]
    fn a_failed_build_keeps_what_it_finished_and_the_next_build_does_the_rest() {
        let catalog =
            Catalog::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("locales")).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let mut builder = PackBuilder::new(Target::Asterisk);
        builder.languages(&[Language::Uyghur]).jobs(1);
        let err = builder
            .build(&catalog, &Tone::new(Some(20)), dir.path())
            .unwrap_err();
        assert!(err.to_string().contains("failed on purpose"), "{err}");
        let manifest = Manifest::load(&dir.path().join(MANIFEST_NAME)).unwrap();
        let finished = manifest.entries.len();
        let total = contents(&catalog, &[Language::Uyghur], &mut Vec::new())
            .unwrap()
            .items
            .len();
        assert!(finished > 0 && finished < total, "{finished} of {total}");
        assert!(manifest.entries.iter().all(|e| e.files_match(dir.path())));
        let next = builder
            .build(&catalog, &Tone::new(None), dir.path())
            .unwrap();
        assert_eq!(next.rendered.len(), total - finished);
        assert_eq!(next.languages[0].unchanged, finished);
    }
}
