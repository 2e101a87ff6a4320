//! `tilmach transcribe`: the words in a WAV file, with whisper.cpp.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use std::io::Write;

use tilmach::asr::whisper::Whisper;
use tilmach::asr::Request;
use tilmach::audio::wav::WavStream;

/// Arguments of `tilmach transcribe`.
#[derive(clap::Args)]
pub struct Args {
    /// The recording: a WAV file (any rate, up to 32 channels, any length: it is read and
    /// recognized utterance by utterance, each printed as it is recognized), or - for standard
    /// input.
    file: PathBuf,
    /// The language spoken: zh, mn (Cyrillic output) or any Whisper language code; detected
    /// when not given. Whisper has no Uyghur.
    #[arg(long, short)]
    lang: Option<String>,
    #[command(flatten)]
    model: ModelArgs,
    /// Output: the text (a line per utterance), or JSON with segments and their times in the
    /// whole recording (seconds), written segment by segment.
    #[arg(long, short, default_value = "text")]
    format: Format,
}

/// Which Whisper model and how many threads: shared by the commands that listen.
#[derive(clap::Args)]
pub struct ModelArgs {
    /// The ggml Whisper model (default: $TILMACH_WHISPER_MODEL, else models/ggml-base-q8_0.bin).
    #[arg(long)]
    model: Option<PathBuf>,
    /// Threads for recognition: a number, or auto (the cores other work leaves free when each
    /// recognition starts).
    #[arg(long, default_value = "auto")]
    threads: tilmach::asr::Threads,
}

impl ModelArgs {
    /// Loads the model.
    pub fn load(&self) -> anyhow::Result<Whisper> {
        let path = self
            .model
            .clone()
            .or_else(tilmach::asr::default_model_path)
            .context(
                "no Whisper model: pass --model PATH or set TILMACH_WHISPER_MODEL \
                 (models/README.md says where to get one)",
            )?;
        Ok(Whisper::load(&path, self.threads)?)
    }
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    // The recording's header is checked before the model is loaded: a bad file fails fast.
    if args.file.as_os_str() == "-" {
        let wav = WavStream::new(std::io::stdin().lock(), "standard input")?;
        transcribe(&args, wav)
    } else {
        transcribe(&args, tilmach::audio::wav::open_file(&args.file)?)
    }
}

/// Reads, cuts and recognizes the recording utterance by utterance, printing each as it comes:
/// memory stays that of the model and one 28 s window, however long the recording.
fn transcribe<R: std::io::Read>(args: &Args, mut wav: WavStream<R>) -> anyhow::Result<ExitCode> {
    let request = Request {
        language: args.lang.as_deref().map(whisper_language),
    };
    let whisper = args.model.load()?;
    let mut out = std::io::stdout().lock();
    let mut text = String::new();
    let mut first = true;
    let write = |out: &mut std::io::StdoutLock<'_>, s: &str| -> tilmach::Result<()> {
        out.write_all(s.as_bytes())?;
        out.flush()?;
        Ok(())
    };
    if let Format::Json = args.format {
        write(&mut out, "{\n  \"segments\": [")?;
    }
    let language = tilmach::asr::stream::transcribe(&whisper, &mut wav, &request, |t| {
        if t.text.is_empty() {
            return Ok(());
        }
        let joiner = if matches!(t.language.as_str(), "zh" | "ja") {
            ""
        } else {
            " "
        };
        if !text.is_empty() {
            text.push_str(joiner);
        }
        text.push_str(&t.text);
        match args.format {
            Format::Text => write(&mut out, &format!("{}\n", t.text))?,
            Format::Json => {
                for segment in &t.segments {
                    let json = serde_json::to_string(segment).map_err(std::io::Error::other)?;
                    write(
                        &mut out,
                        &format!("{}\n    {json}", if first { "" } else { "," }),
                    )?;
                    first = false;
                }
            }
        }
        Ok(())
    })?;
    match args.format {
        // Nothing heard is one empty line.
        Format::Text if text.is_empty() => write(&mut out, "\n")?,
        Format::Text => {}
        Format::Json => {
            let language = language.or_else(|| args.lang.clone()).unwrap_or_default();
            write(
                &mut out,
                &format!(
                    "\n  ],\n  \"language\": {},\n  \"text\": {}\n}}\n",
                    serde_json::Value::from(language),
                    serde_json::Value::from(text)
                ),
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A served language tag as its Whisper code (`zh-Hans-CN` → `zh`); anything else as given.
pub fn whisper_language(tag: &str) -> String {
    match tilmach::Language::from_tag(tag) {
        Ok(lang) => tilmach::asr::whisper_code(lang).map_or_else(|| tag.to_owned(), str::to_owned),
        Err(_) => tag.to_owned(),
    }
}
