//! `tilmach agi FLOW` (run by Asterisk's `AGI()`, on standard input and output) and
//! `tilmach fastagi --listen ADDR FLOW` (FastAGI over TCP, one thread per call).

use std::fs::OpenOptions;
use std::io::{BufReader, BufWriter, Read};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use tilmach::ivr::agi::Environment;
use tilmach::ivr::flow::{Flow, Known};
use tilmach::ivr::session::{Call, CallLog, JsonLines, Outcome, RecognizerListener, Speech};
use tilmach::ivr::sounds::PackSounds;
use tilmach::synth::worker::EngineProcess;
use tilmach::synth::Synthesizer;
use tilmach::SpeechSettings;

/// What both front doors need: the flow, the sounds and the log.
#[derive(clap::Args)]
pub struct FlowArgs {
    /// The call flow (for example flows/default.toml).
    flow: PathBuf,
    /// Asterisk's sound directory, where the prompt pack's `sounds/` was installed.
    #[arg(long, default_value = "/var/lib/asterisk/sounds")]
    sounds: PathBuf,
    /// Where prompts missing from the pack are rendered; Asterisk must be able to read it
    /// (default: tilmach-live in the sound directory).
    #[arg(long)]
    live: Option<PathBuf>,
    /// Directory of the locale files.
    #[arg(long)]
    locales: Option<PathBuf>,
    /// Render missing prompts with the elder speech profile (slower, louder).
    #[arg(long)]
    elder: bool,
    /// Append the call log (one JSON object per line) to this file instead of standard error.
    #[arg(long)]
    log: Option<PathBuf>,
    /// A Whisper model: menus marked `speech = true` then also hear spoken choices (Mandarin
    /// and Mongolian; Uyghur callers use keys).
    #[cfg(feature = "whisper")]
    #[arg(long, value_name = "PATH")]
    speech_model: Option<PathBuf>,
    /// Threads for speech recognition: a number, or auto (the cores free when each starts).
    #[cfg(feature = "whisper")]
    #[arg(long, default_value = "auto")]
    speech_threads: tilmach::asr::Threads,
    /// Where Asterisk records spoken answers (deleted once heard); tilmach reads them there.
    #[arg(long, default_value_os_t = std::env::temp_dir().join("tilmach-recordings"))]
    recordings: PathBuf,
    /// The engine that renders prompts missing from the pack.
    #[command(flatten)]
    engine: super::engine::EngineArgs,
}

#[derive(clap::Args)]
pub struct AgiArgs {
    #[command(flatten)]
    flow: FlowArgs,
}

#[derive(clap::Args)]
pub struct FastAgiArgs {
    /// Address and port to listen on (Asterisk's FastAGI default port is 4573; port 0: any
    /// free port, printed on standard error).
    #[arg(long, default_value = "127.0.0.1:4573")]
    listen: SocketAddr,
    /// Calls served at once; a further call is closed at once (the dialplan goes on).
    #[arg(long, default_value_t = 256)]
    max_calls: usize,
    /// Engine worker processes for prompts missing from the pack.
    #[arg(long, default_value_t = 2)]
    workers: usize,
    #[command(flatten)]
    flow: FlowArgs,
}

/// The loaded flow, sounds and log, shared by every call.
struct Service {
    flow: Flow,
    sounds: PackSounds,
    log: Box<dyn CallLog>,
    listener: Option<RecognizerListener>,
}

impl Service {
    fn open(args: &FlowArgs, workers: usize) -> anyhow::Result<Service> {
        let catalog = super::catalog::load(args.locales.as_deref())?;
        let flow = Flow::load(&args.flow, &Known::from_catalog(&catalog))?;
        let live = args
            .live
            .clone()
            .unwrap_or_else(|| args.sounds.join("tilmach-live"));
        let settings = if args.elder {
            SpeechSettings::elder()
        } else {
            SpeechSettings::default()
        };
        let command = args.engine.worker()?;
        let start_engine = Box::new(move || -> tilmach::Result<Box<dyn Synthesizer>> {
            let engine = EngineProcess::start(command.clone(), workers)?;
            Ok(Box::new(engine))
        });
        let sounds = PackSounds::new(&args.sounds, &live, catalog, settings, start_engine)
            .with_context(|| format!("cannot prepare {}", live.display()))?;
        let log: Box<dyn CallLog> = match &args.log {
            Some(path) => Box::new(JsonLines::new(open_log(path)?)),
            None => Box::new(JsonLines::new(std::io::stderr())),
        };
        Ok(Service {
            flow,
            sounds,
            log,
            listener: listener(args)?,
        })
    }

    fn call(&self) -> Call<'_> {
        let mut call = Call::new(&self.flow, &self.sounds, self.log.as_ref());
        if let Some(listener) = &self.listener {
            call.speech(Speech {
                listener,
                catalog: self.sounds.catalog(),
            });
        }
        call
    }
}

/// The speech recognizer, when `--speech-model` names one.
#[cfg(feature = "whisper")]
fn listener(args: &FlowArgs) -> anyhow::Result<Option<RecognizerListener>> {
    let Some(model) = &args.speech_model else {
        return Ok(None);
    };
    let whisper = tilmach::asr::whisper::Whisper::load(model, args.speech_threads)?;
    let listener = RecognizerListener::new(Box::new(whisper), &args.recordings)
        .with_context(|| format!("cannot prepare {}", args.recordings.display()))?;
    Ok(Some(listener))
}

#[cfg(not(feature = "whisper"))]
fn listener(_: &FlowArgs) -> anyhow::Result<Option<RecognizerListener>> {
    Ok(None)
}

fn open_log(path: &Path) -> anyhow::Result<std::fs::File> {
    OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .with_context(|| format!("cannot open the call log {}", path.display()))
}

/// `tilmach agi`: one call on standard input and output.
pub fn run_agi(args: AgiArgs) -> anyhow::Result<ExitCode> {
    let hangup = Arc::new(AtomicBool::new(false));
    // Asterisk sends SIGHUP when the caller hangs up; the call then ends before its next command.
    signal_hook::flag::register(signal_hook::consts::SIGHUP, Arc::clone(&hangup))
        .context("cannot watch for SIGHUP")?;
    let service = Service::open(&args.flow, 1)?;
    let mut call = service.call();
    call.hangup_flag(&hangup);
    let outcome = call.run(std::io::stdin().lock(), std::io::stdout().lock());
    Ok(exit_code(&outcome))
}

fn exit_code(outcome: &Outcome) -> ExitCode {
    match outcome {
        Outcome::Failed(message) => {
            eprintln!("tilmach: the call failed: {message}");
            ExitCode::FAILURE
        }
        _ => ExitCode::SUCCESS,
    }
}

/// `tilmach fastagi`: calls over TCP, each on its own thread.
pub fn run_fastagi(args: FastAgiArgs) -> anyhow::Result<ExitCode> {
    let service = Arc::new(Service::open(&args.flow, args.workers.max(1))?);
    let listener = TcpListener::bind(args.listen)
        .with_context(|| format!("cannot listen on {}", args.listen))?;
    eprintln!(
        "tilmach: FastAGI listening on {}",
        listener.local_addr().context("no local address")?
    );
    let active = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        let stream = match stream {
            Ok(s) => s,
            Err(e) => {
                eprintln!("tilmach: accept failed: {e}");
                std::thread::sleep(Duration::from_millis(50));
                continue;
            }
        };
        if active.fetch_add(1, Ordering::SeqCst) >= args.max_calls {
            active.fetch_sub(1, Ordering::SeqCst);
            service.log.record(&serde_json::json!({
                "event": "busy", "peer": stream.peer_addr().ok().map(|a| a.to_string()),
            }));
            continue;
        }
        let service = Arc::clone(&service);
        let active = Arc::clone(&active);
        std::thread::spawn(move || {
            serve_call(&service, stream);
            active.fetch_sub(1, Ordering::SeqCst);
        });
    }
    Ok(ExitCode::SUCCESS)
}

/// A peer that stops answering for this long is gone (a guide plays for a few minutes at most).
const PEER_SILENCE: Duration = Duration::from_secs(15 * 60);

/// Asterisk sends the AGI environment as soon as it connects: a peer that has not sent all of
/// it by then is not Asterisk, or is holding the call slot on purpose.
const ENVIRONMENT_DEADLINE: Duration = Duration::from_secs(10);

fn serve_call(service: &Service, stream: TcpStream) {
    let _ = stream.set_nodelay(true);
    let Ok(reader) = stream.try_clone() else {
        return;
    };
    let mut input = BufReader::new(Deadline {
        stream: reader,
        until: Some(Instant::now() + ENVIRONMENT_DEADLINE),
    });
    // A bad environment (too long, too slow) ends the call with its record in the call log.
    let env = Environment::read(&mut input);
    input.get_mut().until = None;
    let outcome = service.call().answer(env, input, BufWriter::new(&stream));
    if matches!(outcome, Outcome::Failed(_)) {
        // A peer that sent too much or too slowly: close at once, unread data and all.
        let _ = stream.shutdown(std::net::Shutdown::Both);
    }
}

/// The call's socket for reading: each read waits at most until `until` while it is set (then
/// fails as timed out), else at most [`PEER_SILENCE`].
struct Deadline {
    stream: TcpStream,
    until: Option<Instant>,
}

impl Read for Deadline {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let Some(until) = self.until else {
            self.stream.set_read_timeout(Some(PEER_SILENCE))?;
            return self.stream.read(buf);
        };
        let late = || {
            std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                format!(
                    "the AGI environment did not arrive within {} s",
                    ENVIRONMENT_DEADLINE.as_secs()
                ),
            )
        };
        let left = until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(late());
        }
        self.stream.set_read_timeout(Some(left))?;
        self.stream.read(buf).map_err(|e| match e.kind() {
            std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut => late(),
            _ => e,
        })
    }
}
