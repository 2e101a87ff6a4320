//! The out-of-process engine: a supervised worker process that renders speech, so that a crash
//! inside the C engine fails one request instead of the server that asked.
//!
//! The worker is the `tilmach engine-worker` program (or any program that calls [`serve`]). It
//! speaks a small binary protocol on its standard input and output:
//!
//! - on start, the worker writes `TLMW`, its sample rate (u32), its languages (u8 count, then
//!   one u8 per language: 0 Mandarin, 1 Uyghur, 2 Mongolian) and its engine's name (u8 length,
//!   then UTF-8);
//! - a request is a language (u8), rate, pitch, volume and pause (u32 each), the text length
//!   (u32) and the UTF-8 text;
//! - a reply is `0`, the sample count (u32) and the samples (i16), or `1`, an error kind (u8:
//!   0 engine, 1 unsupported, 2 invalid text, 3 too long), the message length (u32) and the
//!   message.
//!
//! All integers are little-endian. [`EngineProcess`] keeps a pool of such workers; when one dies
//! mid-request, that request fails with [`Error::Engine`] and a fresh worker serves the next.

use std::io::{BufReader, BufWriter, Read, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};

use super::{Capabilities, SpeechSettings, Synthesizer};
use crate::audio::Pcm;
use crate::lang::Language;
use crate::{Error, Result};

const MAGIC: &[u8; 4] = b"TLMW";
/// The longest text a worker accepts in one request.
const MAX_REQUEST_BYTES: u32 = 1 << 20;
/// The most samples a worker reply may announce (five minutes at 48 kHz).
const MAX_REPLY_SAMPLES: u32 = 300 * 48_000;

/// How to start a worker process.
#[derive(Debug, Clone)]
pub struct WorkerCommand {
    program: PathBuf,
    args: Vec<String>,
}

impl WorkerCommand {
    /// `program engine-worker`: `program` is a `tilmach` binary.
    pub fn tilmach(program: impl Into<PathBuf>) -> WorkerCommand {
        WorkerCommand {
            program: program.into(),
            args: vec!["engine-worker".into()],
        }
    }

    /// The running program itself, when it is the `tilmach` binary.
    ///
    /// # Errors
    /// [`Error::Stream`] when the path of the running program cannot be found.
    pub fn current_exe() -> Result<WorkerCommand> {
        Ok(WorkerCommand::tilmach(std::env::current_exe()?))
    }

    /// The same command with `args` added (`--engine neural`, say).
    pub fn with_args(mut self, args: impl IntoIterator<Item = String>) -> WorkerCommand {
        self.args.extend(args);
        self
    }

    /// Any program and arguments that speak the worker protocol.
    pub fn custom(program: impl Into<PathBuf>, args: Vec<String>) -> WorkerCommand {
        WorkerCommand {
            program: program.into(),
            args,
        }
    }
}

struct Worker {
    child: Child,
    input: BufWriter<ChildStdin>,
    output: BufReader<ChildStdout>,
}

impl Drop for Worker {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A pool of supervised worker processes, usable as a [`Synthesizer`] from many threads.
pub struct EngineProcess {
    command: WorkerCommand,
    slots: Vec<Mutex<Option<Worker>>>,
    next: AtomicUsize,
    sample_rate: u32,
    languages: Vec<Language>,
    name: String,
    restarts: AtomicUsize,
}

impl EngineProcess {
    /// Starts one worker (to learn its rate and languages); the pool grows to `size` workers
    /// as concurrent requests need them.
    ///
    /// # Errors
    /// [`Error::Engine`] when the worker cannot be started or does not greet correctly.
    pub fn start(command: WorkerCommand, size: usize) -> Result<EngineProcess> {
        let (
            worker,
            Greeting {
                sample_rate,
                languages,
                name,
            },
        ) = spawn(&command)?;
        let slots: Vec<_> = (0..size.max(1)).map(|_| Mutex::new(None)).collect();
        *slots[0].lock().unwrap_or_else(|p| p.into_inner()) = Some(worker);
        Ok(EngineProcess {
            command,
            slots,
            next: AtomicUsize::new(0),
            sample_rate,
            languages,
            name: format!("{name} (worker process)"),
            restarts: AtomicUsize::new(0),
        })
    }

    /// Process ids of the workers now running.
    pub fn worker_pids(&self) -> Vec<u32> {
        self.slots
            .iter()
            .filter_map(|s| s.lock().ok()?.as_ref().map(|w| w.child.id()))
            .collect()
    }

    /// How many times a worker died and was replaced.
    pub fn restarts(&self) -> usize {
        self.restarts.load(Ordering::Relaxed)
    }

    fn slot(&self) -> MutexGuard<'_, Option<Worker>> {
        for slot in &self.slots {
            if let Ok(guard) = slot.try_lock() {
                return guard;
            }
        }
        let i = self.next.fetch_add(1, Ordering::Relaxed) % self.slots.len();
        self.slots[i].lock().unwrap_or_else(|p| p.into_inner())
    }
}

fn worker_error(message: impl Into<String>) -> Error {
    Error::Engine {
        engine: "engine worker".into(),
        message: message.into(),
    }
}

/// What a worker says when it starts.
struct Greeting {
    sample_rate: u32,
    languages: Vec<Language>,
    name: String,
}

fn spawn(command: &WorkerCommand) -> Result<(Worker, Greeting)> {
    let mut child = Command::new(&command.program)
        .args(&command.args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| worker_error(format!("cannot start {}: {e}", command.program.display())))?;
    let input = BufWriter::new(child.stdin.take().expect("piped"));
    let output = BufReader::new(child.stdout.take().expect("piped"));
    // Built before the greeting is read, so that a worker that fails to greet is killed on drop.
    let mut worker = Worker {
        child,
        input,
        output,
    };
    let greeting = (|| -> std::io::Result<Greeting> {
        let r = &mut worker.output;
        let mut magic = [0u8; 4];
        r.read_exact(&mut magic)?;
        if &magic != MAGIC {
            return Err(std::io::Error::other("not a tilmach engine worker"));
        }
        let rate = read_u32(r)?;
        let count = read_u8(r)?;
        let mut langs = Vec::new();
        for _ in 0..count {
            langs.push(language_from_code(read_u8(r)?)?);
        }
        let mut name = vec![0u8; usize::from(read_u8(r)?)];
        r.read_exact(&mut name)?;
        Ok(Greeting {
            sample_rate: rate,
            languages: langs,
            name: String::from_utf8_lossy(&name).into_owned(),
        })
    })();
    let greeting = greeting.map_err(|e| worker_error(format!("worker did not start: {e}")))?;
    Ok((worker, greeting))
}

fn language_code(lang: Language) -> u8 {
    match lang {
        Language::Mandarin => 0,
        Language::Uyghur => 1,
        Language::Mongolian => 2,
    }
}

fn language_from_code(code: u8) -> std::io::Result<Language> {
    match code {
        0 => Ok(Language::Mandarin),
        1 => Ok(Language::Uyghur),
        2 => Ok(Language::Mongolian),
        _ => Err(std::io::Error::other(format!(
            "unknown language code {code}"
        ))),
    }
}

fn read_u8(r: &mut impl Read) -> std::io::Result<u8> {
    let mut b = [0u8; 1];
    r.read_exact(&mut b)?;
    Ok(b[0])
}

fn read_u32(r: &mut impl Read) -> std::io::Result<u32> {
    let mut b = [0u8; 4];
    r.read_exact(&mut b)?;
    Ok(u32::from_le_bytes(b))
}

impl Synthesizer for EngineProcess {
    fn name(&self) -> &str {
        &self.name
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities {
            languages: self.languages.clone(),
            rate: true,
            pitch: true,
        }
    }

    fn sample_rate(&self) -> u32 {
        self.sample_rate
    }

    fn render(&self, lang: Language, text: &str, settings: &SpeechSettings) -> Result<Pcm> {
        self.require(lang)?;
        if text.len() > MAX_REQUEST_BYTES as usize {
            return Err(Error::InvalidText(format!(
                "one request holds at most {MAX_REQUEST_BYTES} bytes of text"
            )));
        }
        let mut slot = self.slot();
        if slot.is_none() {
            *slot = Some(spawn(&self.command)?.0);
        }
        let worker = slot.as_mut().expect("just filled");
        match exchange(worker, lang, text, settings) {
            Ok(reply) => reply.map(|samples| Pcm::new(samples, self.sample_rate)),
            Err(io) => {
                // The worker died or broke the protocol: reap it, and start afresh next time.
                let mut dead = slot.take().expect("present");
                let status = dead.child.try_wait().ok().flatten().or_else(|| {
                    let _ = dead.child.kill();
                    dead.child.wait().ok()
                });
                self.restarts.fetch_add(1, Ordering::Relaxed);
                Err(worker_error(format!(
                    "the worker process failed during this request ({}; {io}); a new worker will serve the next one",
                    status.map_or_else(|| "status unknown".to_owned(), |s| s.to_string())
                )))
            }
        }
    }
}

/// Sends one request and reads its reply. An `Err` means the worker is unusable.
fn exchange(
    worker: &mut Worker,
    lang: Language,
    text: &str,
    settings: &SpeechSettings,
) -> std::io::Result<Result<Vec<i16>>> {
    let w = &mut worker.input;
    w.write_all(&[language_code(lang)])?;
    for v in [
        settings.rate,
        settings.pitch,
        settings.volume,
        settings.sentence_pause_ms,
    ] {
        w.write_all(&v.to_le_bytes())?;
    }
    w.write_all(&(text.len() as u32).to_le_bytes())?;
    w.write_all(text.as_bytes())?;
    w.flush()?;
    let r = &mut worker.output;
    match read_u8(r)? {
        0 => {
            let n = read_u32(r)?;
            if n > MAX_REPLY_SAMPLES {
                return Err(std::io::Error::other(format!(
                    "reply of {n} samples is too long"
                )));
            }
            let mut bytes = vec![0u8; n as usize * 2];
            r.read_exact(&mut bytes)?;
            Ok(Ok(bytes
                .chunks_exact(2)
                .map(|b| i16::from_le_bytes([b[0], b[1]]))
                .collect()))
        }
        1 => {
            let kind = read_u8(r)?;
            let len = read_u32(r)?.min(64 * 1024);
            let mut msg = vec![0u8; len as usize];
            r.read_exact(&mut msg)?;
            let msg = String::from_utf8_lossy(&msg).into_owned();
            Ok(Err(match kind {
                1 => Error::Unsupported {
                    engine: "engine worker".into(),
                    what: msg,
                },
                2 => Error::InvalidText(msg),
                3 => Error::OutputTooLong { what: msg },
                _ => worker_error(msg),
            }))
        }
        other => Err(std::io::Error::other(format!("bad reply tag {other}"))),
    }
}

/// Runs the worker side of the protocol: greets, then answers requests with `engine` until the
/// input ends.
///
/// # Errors
/// I/O errors on the streams, or a malformed request (the worker then exits and is replaced).
pub fn serve(input: impl Read, output: impl Write, engine: &dyn Synthesizer) -> Result<()> {
    let mut input = BufReader::new(input);
    let mut output = BufWriter::new(output);
    let languages = engine.capabilities().languages;
    output.write_all(MAGIC)?;
    output.write_all(&engine.sample_rate().to_le_bytes())?;
    output.write_all(&[languages.len() as u8])?;
    for l in &languages {
        output.write_all(&[language_code(*l)])?;
    }
    let name = engine.name().as_bytes();
    let name = &name[..name.len().min(255)];
    output.write_all(&[name.len() as u8])?;
    output.write_all(name)?;
    output.flush()?;
    loop {
        let lang = match read_u8(&mut input) {
            Ok(code) => language_from_code(code)?,
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(()),
            Err(e) => return Err(e.into()),
        };
        let mut v = [0u32; 4];
        for x in &mut v {
            *x = read_u32(&mut input)?;
        }
        let settings = SpeechSettings {
            rate: v[0],
            pitch: v[1],
            volume: v[2],
            sentence_pause_ms: v[3],
        };
        let len = read_u32(&mut input)?;
        if len > MAX_REQUEST_BYTES {
            return Err(worker_error(format!("request of {len} bytes is too long")));
        }
        let mut text = vec![0u8; len as usize];
        input.read_exact(&mut text)?;
        let reply = match String::from_utf8(text) {
            Ok(text) => engine.render(lang, &text, &settings),
            Err(_) => Err(Error::InvalidText("request text is not UTF-8".into())),
        };
        match reply {
            Ok(pcm) => {
                output.write_all(&[0])?;
                output.write_all(&(pcm.samples.len() as u32).to_le_bytes())?;
                crate::audio::wav::write_samples(&mut output, &pcm.samples)?;
            }
            Err(e) => {
                let kind = match e {
                    Error::Unsupported { .. } => 1,
                    Error::InvalidText(_) => 2,
                    Error::OutputTooLong { .. } => 3,
                    _ => 0,
                };
                let msg = e.to_string();
                output.write_all(&[1, kind])?;
                output.write_all(&(msg.len() as u32).to_le_bytes())?;
                output.write_all(msg.as_bytes())?;
            }
        }
        output.flush()?;
    }
}
