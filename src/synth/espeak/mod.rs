//! The embedded espeak-ng 1.52 engine.
//!
//! espeak-ng keeps global state, so one thread owns it: [`Espeak`] sends each request to that
//! thread over a channel and waits for the answer. Any number of threads may call it at once;
//! they are served one after another.
//!
//! espeak-ng's pitch flutter and wave phase carry over from one utterance to the next inside a
//! process, so speaking the same text twice gives audio of the same length and shape that is not
//! identical sample for sample.

pub mod data;

use std::cell::RefCell;
use std::ffi::CString;
use std::os::raw::c_int;
use std::sync::mpsc;
use std::sync::{Mutex, OnceLock};

use espeak_rs_sys as ffi;

use super::{Capabilities, SpeechSettings, Synthesizer};
use crate::audio::Pcm;
use crate::lang::Language;
use crate::{Error, Result};

/// The most audio one [`Synthesizer::render`] call may produce: 5 minutes. A sentence is at most
/// [`crate::text::MAX_CHUNK_CHARS`] characters, which even at the slowest rate takes far less;
/// reaching the cap means the engine is misbehaving, and the call fails instead of filling memory.
pub const MAX_SECONDS_PER_CALL: u32 = 300;

/// The seed of espeak-ng's random voice variation before every call.
const RANDOM_SEED: std::os::raw::c_long = 1;

/// espeak-ng's normal rate in words per minute: rate 100 %.
const NORMAL_WPM: u32 = 175;

/// The engine: a handle to the thread that owns espeak-ng.
pub struct Espeak {
    jobs: Mutex<mpsc::Sender<Job>>,
    sample_rate: u32,
}

struct Job {
    voice: String,
    text: String,
    settings: SpeechSettings,
    want: Want,
    reply: mpsc::SyncSender<Result<Output>>,
}

/// What a job asks the engine for.
#[derive(Clone, Copy)]
enum Want {
    Audio,
    Phonemes,
}

enum Output {
    Audio(Vec<i16>),
    Phonemes(String),
}

static SHARED: OnceLock<std::result::Result<Espeak, String>> = OnceLock::new();

impl Espeak {
    /// The process's engine, started on first use with its data unpacked under
    /// [`data::cache_root`].
    ///
    /// # Errors
    /// [`Error::Engine`] when the data cannot be unpacked or espeak-ng does not start.
    pub fn shared() -> Result<&'static Espeak> {
        SHARED
            .get_or_init(|| Espeak::start().map_err(|e| e.to_string()))
            .as_ref()
            .map_err(|message| Error::Engine {
                engine: "espeak-ng".into(),
                message: message.clone(),
            })
    }

    fn start() -> Result<Espeak> {
        let home = data::ensure_unpacked(&data::cache_root())?;
        let (jobs, inbox) = mpsc::channel::<Job>();
        let (ready_tx, ready_rx) = mpsc::sync_channel(1);
        std::thread::Builder::new()
            .name("espeak-ng".into())
            .spawn(move || owner_thread(home, inbox, ready_tx))
            .map_err(Error::Stream)?;
        let sample_rate = ready_rx
            .recv()
            .map_err(|_| engine_error("the engine thread stopped"))??;
        Ok(Espeak {
            jobs: Mutex::new(jobs),
            sample_rate,
        })
    }

    /// The espeak-ng voice that speaks `lang`, if any. Mongolian is spoken by the Kyrgyz voice
    /// from the reading that [`crate::phonetics::engine_text`] makes.
    pub fn voice(lang: Language) -> Option<&'static str> {
        match lang {
            Language::Mandarin => Some("cmn"),
            Language::Uyghur => Some("ug"),
            Language::Mongolian => Some("ky"),
        }
    }
}

impl Espeak {
    /// The phonemes espeak-ng would speak for `text` in `lang`, in IPA, words separated by
    /// spaces and clauses by new lines.
    ///
    /// # Errors
    /// [`Error::Unsupported`] for a language without a voice; [`Error::Engine`].
    pub fn phonemes(&self, lang: Language, text: &str) -> Result<String> {
        match self.ask(lang, text, &SpeechSettings::default(), Want::Phonemes)? {
            Output::Phonemes(p) => Ok(p),
            Output::Audio(_) => unreachable!("asked for phonemes"),
        }
    }

    /// The IPA phonemes of `text` as espeak-ng voice `voice` (`en-us`, `cmn`, …) reads it, with
    /// no tilmach pronunciation in between: for voices of other engines that learned espeak-ng's
    /// phonemes. Words are separated by spaces and clauses by new lines.
    ///
    /// # Errors
    /// [`Error::Engine`] when espeak-ng has no such voice (its data has only the voices tilmach
    /// compiles: `cmn`, `ug`, `ky` and English) or fails.
    pub fn phonemes_in_voice(&self, voice: &str, text: &str) -> Result<String> {
        let job = |reply| Job {
            voice: voice.to_owned(),
            text: text.to_owned(),
            settings: SpeechSettings::default(),
            want: Want::Phonemes,
            reply,
        };
        match self.send(job)? {
            Output::Phonemes(p) => Ok(p),
            Output::Audio(_) => unreachable!("asked for phonemes"),
        }
    }

    fn ask(
        &self,
        lang: Language,
        text: &str,
        settings: &SpeechSettings,
        want: Want,
    ) -> Result<Output> {
        self.require(lang)?;
        let voice = Espeak::voice(lang).expect("checked by require");
        self.send(|reply| Job {
            voice: voice.to_owned(),
            text: blank_scripts_without_dictionary(&crate::phonetics::engine_text(lang, text)),
            settings: settings.clone(),
            want,
            reply,
        })
    }

    /// Sends the job `make` builds around a reply channel to the owner thread and waits.
    fn send(&self, make: impl FnOnce(mpsc::SyncSender<Result<Output>>) -> Job) -> Result<Output> {
        let (reply, answer) = mpsc::sync_channel(1);
        let job = make(reply);
        self.jobs
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .send(job)
            .map_err(|_| engine_error("the engine thread stopped"))?;
        answer
            .recv()
            .map_err(|_| engine_error("the engine thread stopped"))?
    }
}

/// Unicode blocks whose script makes espeak-ng switch to a language whose dictionary is not
/// embedded (Greek, Armenian, the Indic scripts, Georgian, Cherokee, Hangul): it says nothing
/// for them and prints `Can't read dictionary file` on standard error for every word. Found by
/// speaking a letter of every script block in each voice; the other scripts are read.
const SCRIPTS_WITHOUT_DICTIONARY: [(char, char); 19] = [
    ('\u{0370}', '\u{03FF}'),   // Greek
    ('\u{0530}', '\u{058F}'),   // Armenian
    ('\u{0900}', '\u{0AFF}'),   // Devanagari, Bengali, Gurmukhi, Gujarati
    ('\u{0B80}', '\u{0DFF}'),   // Tamil, Telugu, Kannada, Malayalam, Sinhala
    ('\u{10A0}', '\u{10FF}'),   // Georgian
    ('\u{1100}', '\u{11FF}'),   // Hangul Jamo
    ('\u{13A0}', '\u{13FF}'),   // Cherokee
    ('\u{1C90}', '\u{1CBF}'),   // Georgian Mtavruli
    ('\u{1F00}', '\u{1FFF}'),   // Greek Extended
    ('\u{2D00}', '\u{2D2F}'),   // Georgian Supplement
    ('\u{3130}', '\u{318F}'),   // Hangul Compatibility Jamo
    ('\u{A960}', '\u{A97F}'),   // Hangul Jamo Extended-A
    ('\u{A8E0}', '\u{A8FF}'),   // Devanagari Extended
    ('\u{AB70}', '\u{ABBF}'),   // Cherokee Supplement
    ('\u{AC00}', '\u{D7AF}'),   // Hangul Syllables
    ('\u{D7B0}', '\u{D7FF}'),   // Hangul Jamo Extended-B
    ('\u{FB13}', '\u{FB17}'),   // Armenian ligatures
    ('\u{FFA0}', '\u{FFDC}'),   // halfwidth Hangul
    ('\u{11F00}', '\u{11F5F}'), // Kawi (Indic)
];

/// `text` with the letters of [`SCRIPTS_WITHOUT_DICTIONARY`] made spaces: the audio is the
/// same (espeak-ng is silent on them), and nothing is printed for each word.
fn blank_scripts_without_dictionary(text: &str) -> String {
    text.chars()
        .map(|c| {
            if SCRIPTS_WITHOUT_DICTIONARY
                .iter()
                .any(|&(first, last)| (first..=last).contains(&c))
            {
                ' '
            } else {
                c
            }
        })
        .collect()
}

fn engine_error(message: impl Into<String>) -> Error {
    Error::Engine {
        engine: "espeak-ng".into(),
        message: message.into(),
    }
}

impl Synthesizer for Espeak {
    fn name(&self) -> &str {
        "espeak-ng 1.52"
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities {
            languages: Language::ALL
                .into_iter()
                .filter(|l| Espeak::voice(*l).is_some())
                .collect(),
            rate: true,
            pitch: true,
        }
    }

    fn sample_rate(&self) -> u32 {
        self.sample_rate
    }

    fn render(&self, lang: Language, text: &str, settings: &SpeechSettings) -> Result<Pcm> {
        match self.ask(lang, text, settings, Want::Audio)? {
            Output::Audio(samples) => Ok(Pcm::new(samples, self.sample_rate)),
            Output::Phonemes(_) => unreachable!("asked for audio"),
        }
    }
}

/// Audio collected by the callback during one synthesis call.
struct Collector {
    samples: Vec<i16>,
    max_samples: usize,
    overflowed: bool,
}

thread_local! {
    static COLLECTOR: RefCell<Option<Collector>> = const { RefCell::new(None) };
}

/// espeak-ng's synthesis callback: runs on the owner thread during `espeak_Synth`.
unsafe extern "C" fn on_audio(
    wav: *mut i16,
    count: c_int,
    _events: *mut ffi::espeak_EVENT,
) -> c_int {
    COLLECTOR.with(|c| {
        let mut c = c.borrow_mut();
        let Some(c) = c.as_mut() else { return 1 };
        if wav.is_null() || count <= 0 {
            return 0;
        }
        if c.samples.len() + count as usize > c.max_samples {
            c.overflowed = true;
            return 1;
        }
        // SAFETY: espeak-ng passes `count` valid samples at `wav` for the duration of the call.
        let samples = unsafe { std::slice::from_raw_parts(wav, count as usize) };
        c.samples.extend_from_slice(samples);
        0
    })
}

fn owner_thread(
    home: std::path::PathBuf,
    inbox: mpsc::Receiver<Job>,
    ready: mpsc::SyncSender<Result<u32>>,
) {
    let Some(path) = home.to_str().and_then(|p| CString::new(p).ok()) else {
        let _ = ready.send(Err(engine_error(format!(
            "unusable data path {}",
            home.display()
        ))));
        return;
    };
    // SAFETY: this thread is the only one that ever calls espeak-ng. The path outlives the call.
    let rate = unsafe {
        ffi::espeak_Initialize(
            ffi::espeak_AUDIO_OUTPUT_AUDIO_OUTPUT_SYNCHRONOUS,
            0,
            path.as_ptr(),
            ffi::espeakINITIALIZE_DONT_EXIT as c_int,
        )
    };
    if rate <= 0 {
        let _ = ready.send(Err(engine_error(format!(
            "initialization failed with data in {}",
            home.display()
        ))));
        return;
    }
    // SAFETY: registers a function with the signature espeak-ng expects.
    unsafe { ffi::espeak_SetSynthCallback(Some(on_audio)) };
    let _ = ready.send(Ok(rate as u32));
    let mut current_voice = String::new();
    for job in inbox {
        let result = serve(&job, &mut current_voice, rate as u32);
        let _ = job.reply.send(result);
    }
}

fn serve(job: &Job, current_voice: &mut String, rate: u32) -> Result<Output> {
    let text = CString::new(job.text.as_str())
        .map_err(|_| Error::InvalidText("text contains a NUL character".into()))?;
    if *current_voice != job.voice {
        let name = CString::new(job.voice.as_str())
            .map_err(|_| engine_error("a voice name contains a NUL character"))?;
        // SAFETY: owner thread only; valid NUL-terminated name.
        let err = unsafe { ffi::espeak_SetVoiceByName(name.as_ptr()) };
        if err != ffi::espeak_ERROR_EE_OK {
            return Err(engine_error(format!(
                "voice '{}' is not available ({err})",
                job.voice
            )));
        }
        current_voice.clone_from(&job.voice);
    }
    match job.want {
        Want::Audio => synthesize(job, &text, rate).map(Output::Audio),
        Want::Phonemes => Ok(Output::Phonemes(phonemes(&text))),
    }
}

/// The IPA phonemes of `text` with the current voice, one line per clause.
fn phonemes(text: &CString) -> String {
    let mut lines = Vec::new();
    let mut ptr: *const std::os::raw::c_void = text.as_ptr().cast();
    // Bounded: each call consumes at least one clause of a text of finite length.
    for _ in 0..=text.as_bytes().len() {
        if ptr.is_null() {
            break;
        }
        // SAFETY: owner thread only; `ptr` points into `text` (or is advanced by espeak-ng
        // within it) and `text` outlives the loop; the returned string is copied at once.
        let clause = unsafe {
            let out = ffi::espeak_TextToPhonemes(
                &mut ptr,
                ffi::espeakCHARS_UTF8 as c_int,
                ffi::espeakPHONEMES_IPA as c_int,
            );
            if out.is_null() {
                break;
            }
            std::ffi::CStr::from_ptr(out).to_string_lossy().into_owned()
        };
        let clause = clause.trim().to_owned();
        if !clause.is_empty() {
            lines.push(clause);
        }
    }
    lines.join("\n")
}

fn synthesize(job: &Job, text: &CString, rate: u32) -> Result<Vec<i16>> {
    let wpm = (NORMAL_WPM * job.settings.rate / 100)
        .clamp(ffi::espeakRATE_MINIMUM, ffi::espeakRATE_MAXIMUM);
    // SAFETY: owner thread only; plain integer parameters.
    unsafe {
        ffi::espeak_SetParameter(ffi::espeak_PARAMETER_espeakRATE, wpm as c_int, 0);
        ffi::espeak_SetParameter(
            ffi::espeak_PARAMETER_espeakPITCH,
            job.settings.pitch as c_int,
            0,
        );
        ffi::espeak_SetParameter(ffi::espeak_PARAMETER_espeakVOLUME, 100, 0);
        // espeak-ng varies its voice with a pseudo-random generator: a fixed seed per call keeps
        // that variation from depending on earlier calls. (Its pitch flutter and wave phase still
        // run on from one call to the next, so repeated calls match in length and envelope, not
        // sample for sample.)
        ffi::espeak_ng_SetRandSeed(RANDOM_SEED);
    }
    COLLECTOR.with(|c| {
        *c.borrow_mut() = Some(Collector {
            samples: Vec::with_capacity(rate as usize * 4),
            max_samples: (MAX_SECONDS_PER_CALL * rate) as usize,
            overflowed: false,
        })
    });
    let bytes = text.as_bytes_with_nul();
    // SAFETY: owner thread only. Plain text, UTF-8, never SSML or phoneme input: the flags are
    // espeakCHARS_UTF8 alone. The text outlives the synchronous call.
    let err = unsafe {
        ffi::espeak_Synth(
            text.as_ptr().cast(),
            bytes.len(),
            0,
            ffi::espeak_POSITION_TYPE_POS_CHARACTER,
            0,
            ffi::espeakCHARS_UTF8,
            std::ptr::null_mut(),
            std::ptr::null_mut(),
        )
    };
    let collector = COLLECTOR
        .with(|c| c.borrow_mut().take())
        .expect("set above");
    if collector.overflowed {
        return Err(Error::OutputTooLong {
            what: format!("one sentence produced more than {MAX_SECONDS_PER_CALL} s of audio"),
        });
    }
    if err != ffi::espeak_ERROR_EE_OK {
        return Err(engine_error(format!("synthesis failed ({err})")));
    }
    Ok(collector.samples)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_without_a_dictionary_are_blanked_and_the_rest_kept() {
        assert_eq!(
            blank_scripts_without_dictionary("ni3 안녕 αβ नमस्ते ნ"),
            format!(
                "ni3 {} {} {} {}",
                " ".repeat(2),
                " ".repeat(2),
                " ".repeat(6),
                " "
            )
        );
        for kept in [
            "ni3 hao3 ABC",
            "ياخشى",
            "салам",
            "你好",
            "こんにちは",
            "שלום",
            "ᠮᠣᠩᠭᠣᠯ",
        ] {
            assert_eq!(blank_scripts_without_dictionary(kept), kept);
        }
    }
}
