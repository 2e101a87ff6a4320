//! Writing audio to a file (atomically: a temporary file renamed into place when complete, so a
//! failed run never leaves a truncated file or a corrupt header) or to standard output.

use std::fs::File;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

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
            let tmp = temporary_name(path);
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
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.tmp-{}", std::process::id()))
}
