//! One call through a flow: the AGI conversation of menus, guides, number read-back and the
//! way to a person, over any reader and writer (Asterisk's pipes or a FastAGI socket).
//!
//! The call ends in an [`Outcome`] and hands its result to the dialplan in channel variables:
//! [`VAR_ACTION`] is `agent` (with [`VAR_QUEUE`]) or `collected` (with [`VAR_COLLECT`] and the
//! step's own variable), and [`VAR_LANGUAGE`] holds the caller's language tag. Every step writes
//! one record to a [`CallLog`]. A hangup at any moment (an inline `HANGUP`, a `511` reply, the
//! end of input, or the flag a SIGHUP handler sets) ends the call with a `hangup` record.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use serde_json::{json, Value};

use super::agi::{self, Command, Environment, Reply};
use super::flow::{digit_prompt, Action, Flow};
use super::pack::guide_stem;
use super::sounds::Sounds;
use crate::asr::intent::{self, MenuOption};
use crate::asr::{vad::Vad, whisper_code, Recognizer, Request};
use crate::l10n::Catalog;
use crate::lang::Language;

/// Set to `agent` or `collected` when the call goes back to the dialplan.
pub const VAR_ACTION: &str = "TILMACH_ACTION";
/// The queue of the person the caller asked for.
pub const VAR_QUEUE: &str = "TILMACH_QUEUE";
/// The caller's language tag (`ug-Arab-CN`).
pub const VAR_LANGUAGE: &str = "TILMACH_LANGUAGE";
/// The id of the collect step whose number was confirmed.
pub const VAR_COLLECT: &str = "TILMACH_COLLECT";

/// Every key a prompt can be cut short with.
const ANY_KEY: &str = "0123456789*#";
/// The longest spoken answer recorded, in milliseconds.
const RECORD_MS: u32 = 10_000;
/// Seconds of silence that end a spoken answer.
const RECORD_SILENCE_S: u32 = 2;
/// Most AGI commands one call may send: a bound for a peer that never hangs up.
const MAX_COMMANDS: usize = 5000;

/// How a call left the flow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Handed to a person in `queue`.
    Agent {
        /// The queue (`TILMACH_QUEUE`).
        queue: String,
        /// Why.
        reason: AgentReason,
    },
    /// A collect step's number was confirmed.
    Collected {
        /// The step id.
        step: String,
        /// The digits.
        digits: String,
    },
    /// The caller hung up.
    Hangup,
    /// The conversation broke down (a protocol error); the message says how.
    Failed(String),
}

/// Why a call went to a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgentReason {
    /// The caller pressed 0.
    Asked,
    /// Silence through every reprompt.
    NoInput,
    /// Wrong keys through every reprompt.
    InvalidInput,
    /// A sound could not be played (the engine failed): a person takes over.
    Failure,
}

impl AgentReason {
    /// The name used in logs.
    pub fn name(self) -> &'static str {
        match self {
            AgentReason::Asked => "asked",
            AgentReason::NoInput => "no-input",
            AgentReason::InvalidInput => "invalid-input",
            AgentReason::Failure => "failure",
        }
    }
}

/// Where a call's records go: one JSON object per step.
pub trait CallLog: Send + Sync {
    /// Writes one record; a logging failure never disturbs the call.
    fn record(&self, record: &Value);
}

/// A [`CallLog`] writing JSON lines to any writer (standard error, a file).
pub struct JsonLines<W: Write + Send>(Mutex<W>);

impl<W: Write + Send> JsonLines<W> {
    /// Logs to `out`.
    pub fn new(out: W) -> JsonLines<W> {
        JsonLines(Mutex::new(out))
    }
}

impl<W: Write + Send> CallLog for JsonLines<W> {
    fn record(&self, record: &Value) {
        let mut out = self.0.lock().unwrap_or_else(|p| p.into_inner());
        let _ = writeln!(out, "{record}").and_then(|()| out.flush());
    }
}

/// Hears what a caller said in a recording that Asterisk made.
pub trait Listener: Send + Sync {
    /// Where Asterisk writes turn `turn` of call `call`: a path without extension; the
    /// recording is `wav` (8 kHz, 16-bit).
    fn recording(&self, call: &str, turn: usize) -> PathBuf;

    /// The words spoken in `file` (with its `.wav`), or `None` when it holds no speech.
    ///
    /// # Errors
    /// A recording that cannot be read, a recognizer failure.
    fn hear(&self, file: &Path, lang: Language) -> crate::Result<Option<String>>;
}

/// A [`Listener`] over any [`Recognizer`] (Whisper): trims the recording to its speech, forces
/// the caller's language, and deletes the recording once heard.
pub struct RecognizerListener {
    recognizer: Box<dyn Recognizer>,
    dir: PathBuf,
}

impl RecognizerListener {
    /// Recordings go to `dir` (created), which Asterisk must be able to write.
    ///
    /// # Errors
    /// [`crate::Error::Io`] when `dir` cannot be created or resolved.
    pub fn new(recognizer: Box<dyn Recognizer>, dir: &Path) -> crate::Result<RecognizerListener> {
        std::fs::create_dir_all(dir).map_err(|e| crate::Error::io(dir, e))?;
        let dir = std::path::absolute(dir).map_err(|e| crate::Error::io(dir, e))?;
        Ok(RecognizerListener { recognizer, dir })
    }
}

impl Listener for RecognizerListener {
    fn recording(&self, call: &str, turn: usize) -> PathBuf {
        let call: String = call
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        self.dir
            .join(format!("{call}-{}-{turn}", std::process::id()))
    }

    fn hear(&self, file: &Path, lang: Language) -> crate::Result<Option<String>> {
        let wav = file.with_extension("wav");
        let audio = crate::audio::wav::read_file(&wav);
        let _ = std::fs::remove_file(&wav);
        let Some(speech) = Vad::default().trim(&audio?) else {
            return Ok(None);
        };
        let Some(code) = whisper_code(lang) else {
            return Ok(None);
        };
        let heard = self
            .recognizer
            .recognize(&speech, &Request::in_language(code))?;
        let text = heard.text.trim();
        Ok((!text.is_empty()).then(|| text.to_owned()))
    }
}

/// Speech input for menus marked `speech = true`: the listener, and the catalog whose
/// `.keywords` attributes say what callers may say for each option.
#[derive(Clone, Copy)]
pub struct Speech<'a> {
    /// Hears the recordings.
    pub listener: &'a dyn Listener,
    /// The locale files.
    pub catalog: &'a Catalog,
}

/// A call flow ready to answer calls.
pub struct Call<'a> {
    flow: &'a Flow,
    sounds: &'a dyn Sounds,
    log: &'a dyn CallLog,
    hangup: Option<&'a AtomicBool>,
    speech: Option<Speech<'a>>,
}

impl<'a> Call<'a> {
    /// Calls through `flow`, playing `sounds`, recording to `log`.
    pub fn new(flow: &'a Flow, sounds: &'a dyn Sounds, log: &'a dyn CallLog) -> Call<'a> {
        Call {
            flow,
            sounds,
            log,
            hangup: None,
            speech: None,
        }
    }

    /// Lets menus marked `speech = true` hear spoken choices.
    pub fn speech(&mut self, speech: Speech<'a>) -> &mut Self {
        self.speech = Some(speech);
        self
    }

    /// A flag that, once set (by a SIGHUP handler), ends the call before its next command.
    pub fn hangup_flag(&mut self, flag: &'a AtomicBool) -> &mut Self {
        self.hangup = Some(flag);
        self
    }

    /// Answers one call: reads the AGI environment from `input`, then converses until the call
    /// goes to the dialplan or the caller hangs up.
    pub fn run(&self, mut input: impl BufRead, output: impl Write) -> Outcome {
        let env = Environment::read(&mut input);
        self.answer(env, input, output)
    }

    /// Answers one call whose AGI environment was already read (`env`: what reading it gave,
    /// an error ends the call with a record), conversing on `input` and `output`.
    pub fn answer(
        &self,
        env: crate::Result<Environment>,
        input: impl BufRead,
        output: impl Write,
    ) -> Outcome {
        let started = Instant::now();
        let env = match env {
            Ok(env) => env,
            Err(e) => {
                let outcome = Outcome::Failed(e.to_string());
                self.log.record(&json!({
                    "unix_ms": unix_ms(), "event": "end", "outcome": "failed",
                    "detail": e.to_string(),
                }));
                return outcome;
            }
        };
        let preselected = env.language().and_then(|l| Language::from_tag(l).ok());
        let mut talk = Conversation {
            flow: self.flow,
            sounds: self.sounds,
            log: self.log,
            speech: self.speech,
            turns: 0,
            channel: Channel {
                input,
                output,
                hangup: self.hangup,
                commands: 0,
            },
            call_id: env
                .var("agi_uniqueid")
                .filter(|v| !v.is_empty())
                .unwrap_or("-")
                .to_owned(),
            lang: preselected.unwrap_or(Language::REFERENCE),
            preselected: preselected.is_some(),
            started,
        };
        talk.note(
            "start",
            json!({
                "caller": env.caller_id(),
                "channel": env.var("agi_channel"),
                "channel_language": env.language(),
                "script": env.var("agi_network_script").or(env.var("agi_request")),
            }),
        );
        talk.converse()
    }
}

/// Why a conversation stopped early.
enum Stop {
    Hangup,
    Protocol(String),
    Sound(String),
}

type Step<T> = std::result::Result<T, Stop>;

/// The AGI command channel of one call.
struct Channel<'a, R, W> {
    input: R,
    output: W,
    hangup: Option<&'a AtomicBool>,
    commands: usize,
}

impl<R: BufRead, W: Write> Channel<'_, R, W> {
    fn hung_up(&self) -> bool {
        self.hangup.is_some_and(|f| f.load(Ordering::SeqCst))
    }

    fn send(&mut self, command: &Command) -> Step<Reply> {
        if self.hung_up() {
            return Err(Stop::Hangup);
        }
        self.commands += 1;
        if self.commands > MAX_COMMANDS {
            return Err(Stop::Protocol(format!(
                "more than {MAX_COMMANDS} commands in one call"
            )));
        }
        let line = command.line().map_err(|e| Stop::Protocol(e.to_string()))?;
        if self
            .output
            .write_all(line.as_bytes())
            .and_then(|()| self.output.flush())
            .is_err()
        {
            return Err(Stop::Hangup);
        }
        match agi::read_reply(&mut self.input) {
            Ok(None) | Ok(Some(Reply::Hangup)) => Err(Stop::Hangup),
            Ok(Some(Reply::InvalidCommand)) => Err(Stop::Protocol(format!(
                "Asterisk did not know the command {:?}",
                line.trim_end()
            ))),
            Ok(Some(Reply::Usage(text))) => Err(Stop::Protocol(format!(
                "Asterisk refused {:?}: {text}",
                line.trim_end()
            ))),
            Ok(Some(reply)) => Ok(reply),
            Err(_) if self.hung_up() => Err(Stop::Hangup),
            Err(e) => Err(Stop::Protocol(e.to_string())),
        }
    }
}

/// What came back from one turn of a menu.
enum Answer {
    /// A key, pressed or said.
    Key(char),
    /// Nothing.
    Silence,
    /// Speech that matched no option.
    Missed,
}

/// What a caller chose at a prompt.
enum Chosen {
    Key(char),
    Back,
    Agent(AgentReason),
}

/// Where the walk through the menus goes next.
enum Next {
    Push(String),
    Back,
    Stay,
    Done(Outcome),
}

struct Conversation<'a, R, W> {
    flow: &'a Flow,
    sounds: &'a dyn Sounds,
    log: &'a dyn CallLog,
    speech: Option<Speech<'a>>,
    turns: usize,
    channel: Channel<'a, R, W>,
    call_id: String,
    lang: Language,
    preselected: bool,
    started: Instant,
}

impl<R: BufRead, W: Write> Conversation<'_, R, W> {
    fn note(&self, event: &str, fields: Value) {
        let mut record = json!({
            "unix_ms": unix_ms(),
            "elapsed_ms": self.started.elapsed().as_millis() as u64,
            "call": self.call_id,
            "lang": self.lang.tag(),
            "event": event,
        });
        if let (Some(map), Value::Object(extra)) = (record.as_object_mut(), fields) {
            map.extend(extra.into_iter().filter(|(_, v)| !v.is_null()));
        }
        self.log.record(&record);
    }

    fn converse(&mut self) -> Outcome {
        let outcome = match self.walk() {
            Ok(outcome) => Ok(outcome),
            Err(Stop::Sound(message)) => {
                self.note("error", json!({ "detail": message }));
                self.hand_to_person(AgentReason::Failure)
            }
            Err(stop) => Err(stop),
        };
        let outcome = match outcome.and_then(|o| self.hand_back(o)) {
            // A SIGHUP during the last command: the caller is gone all the same.
            Ok(_) if self.channel.hung_up() => {
                self.note("hangup", json!({ "commands": self.channel.commands }));
                Outcome::Hangup
            }
            Ok(outcome) => outcome,
            Err(Stop::Hangup) => {
                self.note("hangup", json!({ "commands": self.channel.commands }));
                Outcome::Hangup
            }
            Err(Stop::Protocol(message) | Stop::Sound(message)) => Outcome::Failed(message),
        };
        let (name, detail) = match &outcome {
            Outcome::Agent { reason, .. } => ("agent", Some(reason.name().to_owned())),
            Outcome::Collected { step, .. } => ("collected", Some(step.clone())),
            Outcome::Hangup => ("hangup", None),
            Outcome::Failed(message) => ("failed", Some(message.clone())),
        };
        self.note(
            "end",
            json!({ "outcome": name, "detail": detail, "commands": self.channel.commands }),
        );
        outcome
    }

    /// Sets the language variable for the dialplan.
    fn hand_back(&mut self, outcome: Outcome) -> Step<Outcome> {
        self.set(VAR_LANGUAGE, self.lang.tag())?;
        Ok(outcome)
    }

    fn walk(&mut self) -> Step<Outcome> {
        let mut stack = vec![self.flow.start.clone()];
        loop {
            let here = stack
                .last()
                .cloned()
                .unwrap_or_else(|| self.flow.start.clone());
            match self.menu(&here)? {
                Next::Push(menu) => stack.push(menu),
                Next::Back => {
                    if stack.len() > 1 {
                        stack.pop();
                    }
                }
                Next::Stay => {}
                Next::Done(outcome) => return Ok(outcome),
            }
        }
    }

    fn menu(&mut self, id: &str) -> Step<Next> {
        let flow = self.flow;
        let menu = &flow.menus[id];
        self.note("menu", json!({ "menu": id }));
        // A language menu is announced in each of its languages, the caller's first; silence
        // there keeps the language the channel preselected.
        let languages: Vec<Language> = menu
            .options
            .values()
            .filter_map(|a| match a {
                Action::Language { lang, .. } => Language::from_tag(lang).ok(),
                _ => None,
            })
            .collect();
        let mut prompts = vec![(self.lang, menu.prompt.as_str())];
        prompts.extend(
            languages
                .iter()
                .filter(|&&l| l != self.lang)
                .map(|&l| (l, menu.prompt.as_str())),
        );
        let on_silence = if self.preselected {
            menu.options.iter().find_map(|(key, action)| match action {
                Action::Language { lang, .. }
                    if Language::from_tag(lang).ok() == Some(self.lang) =>
                {
                    key.chars().next()
                }
                _ => None,
            })
        } else {
            None
        };
        let valid = |k: char| menu.options.contains_key(&k.to_string());
        let spoken = self.spoken_menu(id);
        let chosen = self.choose(id, &prompts, &valid, on_silence, spoken.as_ref())?;
        let key = match chosen {
            Chosen::Back => {
                self.note("back", json!({ "menu": id }));
                return Ok(Next::Back);
            }
            Chosen::Agent(reason) => return self.hand_to_person(reason).map(Next::Done),
            Chosen::Key(k) => k,
        };
        match &menu.options[key.to_string().as_str()] {
            Action::Guide { guide } => self.guide(id, guide),
            Action::Menu { menu } => Ok(Next::Push(menu.clone())),
            Action::Language { lang, then } => {
                if let Ok(lang) = Language::from_tag(lang) {
                    self.lang = lang;
                }
                self.note("language", json!({ "menu": id }));
                self.set("CHANNEL(language)", self.lang.code())?;
                Ok(Next::Push(then.clone()))
            }
            Action::Collect { collect } => self.collect(collect),
            Action::Agent => self.hand_to_person(AgentReason::Asked).map(Next::Done),
        }
    }

    /// Plays `prompts` and waits for one key, handling the reserved keys, silence and wrong
    /// keys by the flow's rules. `valid` keys come back to the caller; `on_silence` is the key
    /// silence stands for, if any.
    fn choose(
        &mut self,
        at: &str,
        prompts: &[(Language, &str)],
        valid: &dyn Fn(char) -> bool,
        on_silence: Option<char>,
        spoken: Option<&intent::Menu>,
    ) -> Step<Chosen> {
        let mut failures = 0;
        let mut notice: Option<String> = None;
        let mut keys_only = false;
        loop {
            let mut sounds = Vec::new();
            if let Some(n) = &notice {
                sounds.extend(self.sound(self.lang, n)?);
            }
            for &(lang, stem) in prompts {
                sounds.extend(self.sound(lang, stem)?);
            }
            let answer = match spoken.filter(|_| !keys_only) {
                Some(menu) => self.listen(at, &sounds, menu)?,
                None => match self.ask(&sounds)? {
                    Some(k) => Answer::Key(k),
                    None => Answer::Silence,
                },
            };
            let key = match answer {
                Answer::Key(k) => Some(k),
                Answer::Silence => None,
                Answer::Missed => {
                    failures += 1;
                    if failures > self.flow.reprompts {
                        return Ok(Chosen::Agent(AgentReason::InvalidInput));
                    }
                    // After a miss, keys only: the caller is not asked to speak again.
                    keys_only = true;
                    notice = Some(self.flow.not_understood_prompt.clone());
                    continue;
                }
            };
            match key {
                Some(k) if valid(k) => {
                    self.note("key", json!({ "menu": at, "key": k.to_string() }));
                    return Ok(Chosen::Key(k));
                }
                Some('9') => {
                    self.note("repeat", json!({ "menu": at }));
                    notice = None;
                    continue;
                }
                Some('*') => return Ok(Chosen::Back),
                Some('0') => return Ok(Chosen::Agent(AgentReason::Asked)),
                Some(k) => {
                    failures += 1;
                    self.note(
                        "invalid",
                        json!({ "menu": at, "key": k.to_string(), "failures": failures }),
                    );
                    if failures > self.flow.reprompts {
                        return Ok(Chosen::Agent(AgentReason::InvalidInput));
                    }
                    notice = Some(self.flow.invalid_prompt.clone());
                }
                None => {
                    if let Some(k) = on_silence {
                        self.note("silence-keeps", json!({ "menu": at, "key": k.to_string() }));
                        return Ok(Chosen::Key(k));
                    }
                    failures += 1;
                    self.note("timeout", json!({ "menu": at, "failures": failures }));
                    if failures > self.flow.reprompts {
                        return Ok(Chosen::Agent(AgentReason::NoInput));
                    }
                    notice = Some(self.flow.no_input_prompt.clone());
                }
            }
        }
    }

    /// The spoken form of menu `id`, when it takes speech, a listener is there and Whisper
    /// knows the caller's language: each option's keywords are its guide's (or, for a submenu,
    /// its guides') `.keywords`; a spoken key number ("二") chooses any option.
    fn spoken_menu(&self, id: &str) -> Option<intent::Menu> {
        let speech = self.speech?;
        let menu = &self.flow.menus[id];
        if !menu.speech || whisper_code(self.lang).is_none() {
            return None;
        }
        let guides_of = |action: &Action| -> Vec<String> {
            match action {
                Action::Guide { guide } => vec![guide.clone()],
                Action::Menu { menu } => self.flow.menus[menu]
                    .options
                    .values()
                    .filter_map(|a| match a {
                        Action::Guide { guide } => Some(guide.clone()),
                        _ => None,
                    })
                    .collect(),
                _ => Vec::new(),
            }
        };
        let options = menu
            .options
            .iter()
            .map(|(key, action)| MenuOption {
                id: key.clone(),
                key: key.chars().next(),
                keywords: guides_of(action)
                    .iter()
                    .flat_map(|g| {
                        intent::keywords(speech.catalog, self.lang, &format!("{g}-title"))
                            .unwrap_or_default()
                    })
                    .collect(),
            })
            .collect();
        Some(intent::Menu::new(self.lang, options))
    }

    /// Plays `sounds` and the speech prompt (a key cuts them short), records the caller, and
    /// matches what was said to `menu`.
    fn listen(&mut self, at: &str, sounds: &[String], menu: &intent::Menu) -> Step<Answer> {
        let Some(speech) = self.speech else {
            return Ok(Answer::Silence);
        };
        let invite = self.sound(self.lang, &self.flow.speech_prompt)?;
        let all: Vec<String> = sounds.iter().chain(&invite).cloned().collect();
        if let Some(k) = self.play(&all, ANY_KEY)? {
            return Ok(Answer::Key(k));
        }
        self.turns += 1;
        let file = speech.listener.recording(&self.call_id, self.turns);
        let reply = self.channel.send(&Command::RecordFile {
            file: file.display().to_string(),
            format: "wav".into(),
            escape: ANY_KEY.into(),
            timeout_ms: RECORD_MS,
            silence_s: RECORD_SILENCE_S,
        })?;
        if reply.result() == Some(-1) {
            return Err(Stop::Hangup);
        }
        if let Some(k) = reply.key() {
            return Ok(Answer::Key(k));
        }
        match speech.listener.hear(&file, self.lang) {
            Ok(None) => Ok(Answer::Silence),
            Ok(Some(text)) => match menu.choose(&text) {
                intent::Outcome::Chosen { id, confidence } => {
                    self.note(
                        "heard",
                        json!({ "menu": at, "text": text, "key": id, "confidence": confidence }),
                    );
                    Ok(id.chars().next().map_or(Answer::Missed, Answer::Key))
                }
                intent::Outcome::NotUnderstood { closest } => {
                    self.note(
                        "not-understood",
                        json!({ "menu": at, "text": text, "closest": closest.map(|c| c.0) }),
                    );
                    Ok(Answer::Missed)
                }
            },
            Err(e) => {
                self.note("error", json!({ "menu": at, "detail": e.to_string() }));
                Ok(Answer::Missed)
            }
        }
    }

    /// Plays `sounds`, any key cutting them short, and waits for one key after the last.
    fn ask(&mut self, sounds: &[String]) -> Step<Option<char>> {
        let Some((last, before)) = sounds.split_last() else {
            return Ok(None);
        };
        if let Some(k) = self.play(before, ANY_KEY)? {
            return Ok(Some(k));
        }
        Ok(self.get_data(std::slice::from_ref(last), 1)?.chars().next())
    }

    /// `GET DATA`: plays `files` (the parts of one sound: all but the last whole, with `STREAM
    /// FILE`) and collects up to `max` digits from the last one on (empty on silence).
    fn get_data(&mut self, files: &[String], max: u32) -> Step<String> {
        let Some((last, before)) = files.split_last() else {
            return Ok(String::new());
        };
        self.play(before, "")?;
        self.ready(last)?;
        let reply = self.channel.send(&Command::GetData {
            file: last.to_owned(),
            timeout_ms: self.flow.first_digit_timeout_ms,
            max_digits: max,
        })?;
        match reply.digits() {
            Some(d) => Ok(d.to_owned()),
            None if reply.result() == Some(-1) => Err(Stop::Hangup),
            None => Err(Stop::Protocol(format!("odd GET DATA reply: {reply:?}"))),
        }
    }

    /// `STREAM FILE` of each of `files` in turn, each once it is ready; returns the key that
    /// cut one short, if any (the rest are not played).
    fn play(&mut self, files: &[String], escape: &str) -> Step<Option<char>> {
        for file in files {
            self.ready(file)?;
            let reply = self.channel.send(&Command::StreamFile {
                file: file.to_owned(),
                escape: escape.to_owned(),
            })?;
            if let Some(k) = reply.key() {
                return Ok(Some(k));
            }
        }
        Ok(None)
    }

    /// Waits until `file` (live speech being made) can be played.
    fn ready(&self, file: &str) -> Step<()> {
        self.sounds
            .ready(file)
            .map_err(|e| Stop::Sound(format!("{file}: {e}")))
    }

    /// The parts of a sound, in order (one for a sound of the pack).
    fn sound(&self, lang: Language, stem: &str) -> Step<Vec<String>> {
        self.sounds
            .sound(lang, stem)
            .map_err(|e| Stop::Sound(format!("{stem} ({}): {e}", lang.code())))
    }

    fn set(&mut self, name: &str, value: &str) -> Step<()> {
        self.channel
            .send(&Command::SetVariable {
                name: name.to_owned(),
                value: value.to_owned(),
            })
            .map(drop)
    }

    /// Reads a guide's simple version; afterwards 9 hears it again and `*` returns to `menu`.
    fn guide(&mut self, menu: &str, guide: &str) -> Step<Next> {
        let stem = guide_stem(guide);
        loop {
            self.note("guide", json!({ "menu": menu, "guide": guide }));
            let file = self.sound(self.lang, &stem)?;
            let chosen = match self.play(&file, "9*0")? {
                Some('9') => continue,
                Some('*') => Chosen::Back,
                Some(_) => Chosen::Agent(AgentReason::Asked),
                None => {
                    let end = [(self.lang, self.flow.guide_end_prompt.as_str())];
                    self.choose(menu, &end, &|k| k == '9', None, None)?
                }
            };
            match chosen {
                Chosen::Key(_) => continue,
                Chosen::Back => return Ok(Next::Stay),
                Chosen::Agent(reason) => return self.hand_to_person(reason).map(Next::Done),
            }
        }
    }

    /// Collects a number, reads it back digit by digit and asks to confirm it.
    fn collect(&mut self, id: &str) -> Step<Next> {
        let flow = self.flow;
        let step = &flow.collect[id];
        let mut failures = 0;
        let mut notice: Option<&str> = None;
        loop {
            self.note("collect", json!({ "step": id }));
            let prompt = self.sound(self.lang, &step.prompt)?;
            if let Some(n) = notice {
                // A key during the notice only skips it; the number is entered at the prompt.
                let file = self.sound(self.lang, n)?;
                self.play(&file, ANY_KEY)?;
            }
            let digits = self.get_data(&prompt, step.max_digits)?;
            let problem = match digits.as_str() {
                "" => Some(("timeout", &flow.no_input_prompt, AgentReason::NoInput)),
                "*" => return Ok(Next::Stay),
                "0" => return self.hand_to_person(AgentReason::Asked).map(Next::Done),
                "9" => {
                    notice = None;
                    continue;
                }
                d if d.len() < step.min_digits as usize
                    || !d.bytes().all(|b| b.is_ascii_digit()) =>
                {
                    Some(("invalid", &flow.invalid_prompt, AgentReason::InvalidInput))
                }
                _ => None,
            };
            if let Some((event, prompt, reason)) = problem {
                failures += 1;
                self.note(event, json!({ "step": id, "failures": failures }));
                if failures > flow.reprompts {
                    return self.hand_to_person(reason).map(Next::Done);
                }
                notice = Some(prompt);
                continue;
            }
            self.note("entered", json!({ "step": id, "digits": digits.len() }));
            match self.confirm(id, &digits)? {
                Chosen::Key('1') => {
                    self.note("confirmed", json!({ "step": id, "digits": digits.len() }));
                    self.set(&step.variable, &digits)?;
                    self.set(VAR_COLLECT, id)?;
                    let done = self.sound(self.lang, &step.done_prompt)?;
                    self.play(&done, "")?;
                    self.set(VAR_ACTION, "collected")?;
                    return Ok(Next::Done(Outcome::Collected {
                        step: id.to_owned(),
                        digits,
                    }));
                }
                Chosen::Key(_) => {
                    failures = 0;
                    notice = None;
                }
                Chosen::Back => return Ok(Next::Stay),
                Chosen::Agent(reason) => return self.hand_to_person(reason).map(Next::Done),
            }
        }
    }

    /// Reads `digits` back and waits for 1 (confirm) or 2 (enter again); 9 reads them again.
    fn confirm(&mut self, id: &str, digits: &str) -> Step<Chosen> {
        let step = &self.flow.collect[id];
        loop {
            let mut readback = self.sound(self.lang, &step.readback_prompt)?;
            for d in digits.chars() {
                readback.extend(self.sound(self.lang, &digit_prompt(d))?);
            }
            let key = self.play(&readback, "129*0")?;
            let chosen = match key {
                Some('1') => Chosen::Key('1'),
                Some('2') => Chosen::Key('2'),
                Some('9') => continue,
                Some('*') => Chosen::Back,
                Some(_) => Chosen::Agent(AgentReason::Asked),
                None => {
                    let ask = [(self.lang, step.confirm_prompt.as_str())];
                    self.choose(id, &ask, &|k| matches!(k, '1' | '2' | '9'), None, None)?
                }
            };
            match chosen {
                Chosen::Key('9') => continue,
                other => return Ok(other),
            }
        }
    }

    /// Tells the caller a person is coming and hands the call to the agent queue.
    fn hand_to_person(&mut self, reason: AgentReason) -> Step<Outcome> {
        self.note("agent", json!({ "reason": reason.name() }));
        match self.sounds.sound(self.lang, &self.flow.agent_prompt) {
            Ok(files) => {
                if let Err(e) = self.play(&files, "") {
                    match e {
                        Stop::Sound(detail) => self.note("error", json!({ "detail": detail })),
                        other => return Err(other),
                    }
                }
            }
            Err(e) => self.note("error", json!({ "detail": e.to_string() })),
        }
        let queue = self.flow.agent_queue.clone();
        self.set(VAR_QUEUE, &queue)?;
        self.set(VAR_ACTION, "agent")?;
        Ok(Outcome::Agent { queue, reason })
    }
}

fn unix_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ivr::flow::Known;
    use std::collections::VecDeque;
    use std::io::BufReader;
    use std::os::unix::net::UnixStream;

    /// Every sound is in the pack: its name is `<code>/<stem>`.
    struct Names;
    impl Sounds for Names {
        fn sound(&self, lang: Language, stem: &str) -> crate::Result<Vec<String>> {
            Ok(vec![format!("{}/{stem}", lang.code())])
        }
    }

    /// Hears the next of a list of texts.
    struct Hears(Mutex<VecDeque<Option<&'static str>>>);
    impl Listener for Hears {
        fn recording(&self, _: &str, turn: usize) -> PathBuf {
            PathBuf::from(format!("/tmp/turn-{turn}"))
        }
        fn hear(&self, _: &Path, _: Language) -> crate::Result<Option<String>> {
            let mut next = self.0.lock().unwrap();
            Ok(next
                .pop_front()
                .expect("a recording to hear")
                .map(str::to_owned))
        }
    }

    struct Quiet;
    impl CallLog for Quiet {
        fn record(&self, _: &Value) {}
    }

    fn catalog() -> Catalog {
        Catalog::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("locales")).unwrap()
    }

    /// Runs the default flow for a Mandarin caller: `keys` answer the `GET DATA`s in turn,
    /// `heard` the recordings. Returns the commands sent and the outcome.
    fn call(keys: &[&'static str], heard: &[Option<&'static str>]) -> (Vec<String>, Outcome) {
        let catalog = catalog();
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("flows/default.toml");
        let flow = Flow::load(&path, &Known::from_catalog(&catalog)).unwrap();
        let listener = Hears(Mutex::new(heard.iter().copied().collect()));
        let (ours, theirs) = UnixStream::pair().unwrap();
        let mut keys: VecDeque<&str> = keys.iter().copied().collect();
        let asterisk = std::thread::spawn(move || {
            let mut out = theirs.try_clone().unwrap();
            let mut input = BufReader::new(theirs);
            out.write_all(b"agi_language: zh\n\n").unwrap();
            let mut commands = Vec::new();
            let mut line = String::new();
            while input.read_line(&mut line).unwrap() > 0 {
                let reply = match line.split(' ').next().unwrap() {
                    "GET" => match keys.pop_front() {
                        Some(k) => format!("200 result={k}\n"),
                        None => "HANGUP\n".to_owned(),
                    },
                    "RECORD" => "200 result=0 (timeout) endpos=8000\n".to_owned(),
                    _ => "200 result=0 endpos=1\n".to_owned(),
                };
                commands.push(std::mem::take(&mut line).trim_end().to_owned());
                out.write_all(reply.as_bytes()).unwrap();
            }
            commands
        });
        let mut call = Call::new(&flow, &Names, &Quiet);
        call.speech(Speech {
            listener: &listener,
            catalog: &catalog,
        });
        let outcome = call.run(BufReader::new(ours.try_clone().unwrap()), ours);
        (asterisk.join().unwrap(), outcome)
    }

    #[test]
    fn spoken_choices_walk_the_menus() {
        // "1" chooses Mandarin; then the caller says 社保卡 (main menu: option 3, insurance)
        // and 医保报销 (option 2); after the guide, 0 for a person.
        let (commands, outcome) = call(&["1", "0"], &[Some("我要办社保卡"), Some("医保报销")]);
        let records = commands
            .iter()
            .filter(|c| c.starts_with("RECORD FILE"))
            .count();
        assert_eq!(records, 2, "{commands:#?}");
        assert!(commands[4..]
            .iter()
            .any(|c| c.contains("zh/prompt-say-or-press")));
        assert!(commands
            .iter()
            .any(|c| c.starts_with("STREAM FILE zh/guide-medical-insurance-reimbursement ")));
        assert!(matches!(outcome, Outcome::Agent { .. }), "{outcome:?}");
    }

    #[test]
    fn a_miss_falls_back_to_keys_and_silence_reprompts() {
        // Silence, then words that match nothing: the main menu then takes keys only.
        let (commands, outcome) =
            call(&["1", "3", "2", "0"], &[None, Some("你好"), Some("不知道")]);
        let after_miss: Vec<_> = commands
            .iter()
            .skip_while(|c| !c.contains("prompt-not-understood-keys"))
            .collect();
        assert!(after_miss[0].starts_with("STREAM FILE zh/prompt-not-understood-keys"));
        assert!(
            after_miss[1].starts_with("GET DATA zh/prompt-phone-main-menu"),
            "{after_miss:?}"
        );
        assert!(commands.iter().any(|c| c.contains("zh/prompt-no-input")));
        // The insurance menu (pressed 3) asks for speech again: keys-only holds for one menu.
        let records = commands.iter().filter(|c| c.starts_with("RECORD")).count();
        assert_eq!(records, 3, "{commands:#?}");
        assert!(commands
            .iter()
            .any(|c| c.starts_with("STREAM FILE zh/guide-medical-insurance-reimbursement ")));
        assert!(matches!(outcome, Outcome::Agent { .. }), "{outcome:?}");
    }
}
