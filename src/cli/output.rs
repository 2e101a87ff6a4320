//! Writing audio to a file (atomically: a temporary file renamed into place when complete, so a
//! failed run never leaves a truncated file or a corrupt header) or to standard output.

use std::fs::File;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use anyhow::{bail, Context};
use tilmach::audio::{wav, AudioSink};
use tilmach::{OutputFormat, Pcm};

/// Where audio goes.
pub enum Destination {
    /// A file path.
    File(PathBuf),
    /// Standard output.
    Stdout,
}

impl Destination {
    /// `-o PATH`, `-o -`, or (no `-o`) standard output when it is not a terminal.
    pub fn from_arg(arg: Option<&Path>) -> anyhow::Result<Destination> {
        match arg {
            Some(p) if p.as_os_str() == "-" => Ok(Destination::Stdout),
            Some(p) => Ok(Destination::File(p.to_owned())),
            None if !std::io::stdout().is_terminal() => Ok(Destination::Stdout),
            None => bail!("say where the audio goes: -o FILE, or -o - for standard output"),
        }
    }
}

/// Streams pieces of audio from `pieces` into `dest` as `format`; returns the bytes of sample
/// data written.
pub fn write_stream<I>(
    dest: &Destination,
    format: OutputFormat,
    rate: u32,
    pieces: I,
) -> anyhow::Result<u64>
where
    I: Iterator<Item = tilmach::Result<Pcm>>,
{
    match dest {
        Destination::Stdout => {
            let stdout = std::io::stdout().lock();
            let mut sink = AudioSink::new(format, rate, BufWriter::new(stdout))?;
            for piece in pieces {
                sink.write(&piece?)?;
            }
            Ok(sink.finish()?.1)
        }
        Destination::File(path) => {
            remove_stale_temporaries(path);
            let tmp = temporary_name(path);
            let _guard = TemporaryGuard::register(&tmp);
            let result = (|| -> anyhow::Result<u64> {
                let file = File::create(&tmp)
                    .with_context(|| format!("cannot create {}", tmp.display()))?;
                let mut sink = AudioSink::new(format, rate, BufWriter::new(file))?;
                for piece in pieces {
                    sink.write(&piece?)?;
                }
                let out_rate = sink.output_rate();
                let (writer, bytes) = sink.finish()?;
                let mut file = writer.into_inner().map_err(|e| e.into_error())?;
                if format.is_wav() {
                    wav::finalize_header(&mut file, out_rate, bytes)?;
                }
                file.flush()?;
                file.sync_all()
                    .with_context(|| format!("cannot write {}", tmp.display()))?;
                Ok(bytes)
            })();
            match result {
                Ok(bytes) => {
                    std::fs::rename(&tmp, path)
                        .with_context(|| format!("cannot write {}", path.display()))?;
                    Ok(bytes)
                }
                Err(e) => {
                    let _ = std::fs::remove_file(&tmp);
                    Err(e.context(format!("{} was not written", path.display())))
                }
            }
        }
    }
}

fn temporary_name(path: &Path) -> PathBuf {
    path.with_file_name(format!("{}{}", temporary_prefix(path), std::process::id()))
}

/// `.<name>.tmp-`: what the temporary files for `path` start with, the writer's process id
/// following.
fn temporary_prefix(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!(".{name}.tmp-")
}

/// Removes the temporary files an earlier run left for `path` when it was killed (`kill -9`, a
/// power cut): those whose writing process no longer exists.
fn remove_stale_temporaries(path: &Path) {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let prefix = temporary_prefix(path);
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix(&prefix))
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        if pid != std::process::id() && !process_exists(pid) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Whether process `pid` still runs, by `/proc`; where there is no `/proc`, every process is
/// taken to run, so nothing is removed.
fn process_exists(pid: u32) -> bool {
    let proc = Path::new("/proc");
    !proc.join("self").exists() || proc.join(pid.to_string()).exists()
}

/// The temporary files being written now, removed by [`remove_on_signal`]'s handler.
static WRITING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Registers a temporary file for removal if the program is interrupted (Ctrl-C, `kill`, the
/// terminal closing) while it is written; unregisters it when dropped.
struct TemporaryGuard(PathBuf);

impl TemporaryGuard {
    fn register(tmp: &Path) -> TemporaryGuard {
        remove_on_signal();
        lock_writing().push(tmp.to_owned());
        TemporaryGuard(tmp.to_owned())
    }
}

impl Drop for TemporaryGuard {
    fn drop(&mut self) {
        lock_writing().retain(|p| p != &self.0);
    }
}

fn lock_writing() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    WRITING.lock().unwrap_or_else(|p| p.into_inner())
}

/// Once per process: a thread that, on SIGINT, SIGTERM or SIGHUP, removes the temporary files
/// being written and exits with 128 + the signal's number, as the shell reports a signal.
fn remove_on_signal() {
    static INSTALLED: OnceLock<()> = OnceLock::new();
    INSTALLED.get_or_init(|| {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
            return;
        };
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                for tmp in lock_writing().iter() {
                    let _ = std::fs::remove_file(tmp);
                }
                std::process::exit(128 + signal);
            }
        });
    });
}
