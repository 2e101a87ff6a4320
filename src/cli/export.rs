//! `tilmach export web`: the guide pages and their pre-rendered speech as static files.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;
use tilmach::guide::Mode;
use tilmach::server::{export_web, ExportOptions};
use tilmach::{Language, SpeechConfig};

#[derive(Subcommand)]
pub enum Command {
    /// The index and guide pages with pre-rendered audio, for sites that cannot run a server.
    Web {
        /// The folder to write (audio already there is reused).
        #[arg(long)]
        out: PathBuf,
        /// Directory of the locale files.
        #[arg(long)]
        locales: Option<PathBuf>,
        /// Only these languages (repeatable; default: all).
        #[arg(long, value_parser = super::parse_language)]
        lang: Vec<Language>,
        /// Only these modes (repeatable; default: full, simple, elder).
        #[arg(long, value_parser = parse_mode)]
        mode: Vec<Mode>,
        /// Only these guides (repeatable; default: all).
        #[arg(long)]
        guide: Vec<String>,
        /// A TOML file overriding the standard and elder speech profiles.
        #[arg(long)]
        config: Option<PathBuf>,
        #[command(flatten)]
        engine: super::engine::EngineArgs,
    },
}

fn parse_mode(s: &str) -> Result<Mode, String> {
    s.parse().map_err(|e: tilmach::Error| e.to_string())
}

pub fn run(command: Command) -> anyhow::Result<ExitCode> {
    let Command::Web {
        out,
        locales,
        lang,
        mode,
        guide,
        config,
        engine,
    } = command;
    let catalog = super::catalog::load(locales.as_deref())?;
    let mut options = ExportOptions::new(&out);
    if !lang.is_empty() {
        options.langs = lang;
    }
    if !mode.is_empty() {
        options.modes = mode;
    }
    if !guide.is_empty() {
        options.guides = Some(guide);
    }
    if let Some(path) = config {
        options.speech = SpeechConfig::load(&path)?;
    }
    let engine = engine.open(&options.langs)?;
    let summary = export_web(&catalog, engine.as_ref(), &options)?;
    super::print_out(&format!(
        "tilmach: wrote {} pages and {} audio files to {}\n",
        summary.pages,
        summary.audio,
        out.display()
    ))?;
    Ok(ExitCode::SUCCESS)
}
