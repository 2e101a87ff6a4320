//! `tilmach transcribe`: the words in a WAV file, with whisper.cpp.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use tilmach::asr::vad::Vad;
use tilmach::asr::whisper::Whisper;
use tilmach::asr::{Recognizer, Request, Transcript};

/// Arguments of `tilmach transcribe`.
#[derive(clap::Args)]
pub struct Args {
    /// The recording: a WAV file (any rate, any channel count), or - for standard input.
    file: PathBuf,
    /// The language spoken: zh, mn (Cyrillic output) or any Whisper language code; detected
    /// when not given. Whisper has no Uyghur.
    #[arg(long, short)]
    lang: Option<String>,
    #[command(flatten)]
    model: ModelArgs,
    /// Output: the text, or JSON with segments and timings (seconds).
    #[arg(long, short, default_value = "text")]
    format: Format,
}

/// Which Whisper model and how many threads: shared by the commands that listen.
#[derive(clap::Args)]
pub struct ModelArgs {
    /// The ggml Whisper model (default: $TILMACH_WHISPER_MODEL, else models/ggml-base-q8_0.bin).
    #[arg(long)]
    model: Option<PathBuf>,
    /// Threads for recognition.
    #[arg(long, default_value_t = 2)]
    threads: usize,
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
    let audio = if args.file.as_os_str() == "-" {
        tilmach::audio::wav::read(std::io::stdin().lock(), "standard input")?
    } else {
        tilmach::audio::wav::read_file(&args.file)?
    };
    let language = args.lang.as_deref().map(whisper_language);
    let whisper = args.model.load()?;
    let transcript = match Vad::default().trim(&audio) {
        Some(speech) => whisper.recognize(&speech, &Request { language })?,
        None => Transcript {
            language: args.lang.clone().unwrap_or_default(),
            text: String::new(),
            segments: Vec::new(),
        },
    };
    let out = match args.format {
        Format::Text => format!("{}\n", transcript.text),
        Format::Json => format!("{}\n", serde_json::to_string_pretty(&transcript)?),
    };
    super::print_out(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// A served language tag as its Whisper code (`zh-Hans-CN` → `zh`); anything else as given.
pub fn whisper_language(tag: &str) -> String {
    match tilmach::Language::from_tag(tag) {
        Ok(lang) => tilmach::asr::whisper_code(lang).map_or_else(|| tag.to_owned(), str::to_owned),
        Err(_) => tag.to_owned(),
    }
}
