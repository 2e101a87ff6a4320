//! `tilmach guide list|show|speak`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Subcommand, ValueEnum};
use tilmach::guide::{self, Guide, Mode};
use tilmach::l10n::Usage;
use tilmach::Language;

use super::speak::{speak_text, AudioArgs};

#[derive(Subcommand)]
pub enum Command {
    /// List the guides with their titles.
    List {
        /// Language of the titles (all three when left out).
        #[arg(long, short, value_parser = super::parse_language)]
        lang: Option<Language>,
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
        /// Directory of the locale files.
        #[arg(long)]
        locales: Option<PathBuf>,
    },
    /// Show one guide.
    Show {
        /// The guide's id (see `tilmach guide list`).
        id: String,
        /// Language (zh, ug, mn …).
        #[arg(long, short, value_parser = super::parse_language, default_value = "zh-Hans-CN")]
        lang: Language,
        /// Which version.
        #[arg(long, short, value_parser = parse_mode, default_value = "full")]
        mode: Mode,
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = ShowFormat::Text)]
        format: ShowFormat,
        /// Directory of the locale files.
        #[arg(long)]
        locales: Option<PathBuf>,
    },
    /// Read one guide aloud into an audio file. `--elder` reads the elder version (the simple
    /// version first, the numbers that matter twice, then the full guide) with the elder
    /// profile; `--mode` chooses another version.
    Speak {
        /// The guide's id.
        id: String,
        /// Language (zh, ug, mn …).
        #[arg(long, short, value_parser = super::parse_language)]
        lang: Language,
        /// Which version (default: elder with --elder, else full).
        #[arg(long, short, value_parser = parse_mode)]
        mode: Option<Mode>,
        /// Directory of the locale files.
        #[arg(long)]
        locales: Option<PathBuf>,
        #[command(flatten)]
        audio: AudioArgs,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ShowFormat {
    Text,
    Json,
    Ssml,
}

fn parse_mode(s: &str) -> Result<Mode, String> {
    s.parse().map_err(|e: tilmach::Error| e.to_string())
}

pub fn run(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::List {
            lang,
            format,
            locales,
        } => {
            let catalog = super::catalog::load(locales.as_deref())?;
            let langs: Vec<Language> = lang.map_or_else(|| Language::ALL.to_vec(), |l| vec![l]);
            let mut rows = Vec::new();
            for id in guide::ids(&catalog) {
                let mut titles = Vec::new();
                for &l in &langs {
                    let g = Guide::load(&catalog, l, &id, Usage::Display, &mut Vec::new())?;
                    titles.push((l.tag(), g.title));
                }
                rows.push((id, titles));
            }
            match format {
                ListFormat::Json => {
                    let list: Vec<_> = rows
                        .into_iter()
                        .map(|(id, titles)| {
                            let titles: serde_json::Map<_, _> = titles
                                .into_iter()
                                .map(|(tag, t)| (tag.to_owned(), t.into()))
                                .collect();
                            serde_json::json!({ "id": id, "title": titles })
                        })
                        .collect();
                    super::print_out(&format!("{}\n", serde_json::to_string_pretty(&list)?))?;
                }
                ListFormat::Text => {
                    let mut text = String::new();
                    for (id, titles) in rows {
                        let titles: Vec<_> = titles.into_iter().map(|(_, t)| t).collect();
                        text.push_str(&format!("{id:<34} {}\n", titles.join(" | ")));
                    }
                    super::print_out(&text)?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Show {
            id,
            lang,
            mode,
            format,
            locales,
        } => {
            let catalog = super::catalog::load(locales.as_deref())?;
            let mut warnings = Vec::new();
            let usage = if matches!(format, ShowFormat::Ssml) {
                Usage::Speech
            } else {
                Usage::Display
            };
            let g = Guide::load(&catalog, lang, &id, usage, &mut warnings)?;
            for w in &warnings {
                eprintln!("tilmach: warning: {w}");
            }
            let text = match format {
                ShowFormat::Text => g.to_text(mode, &catalog)?,
                ShowFormat::Json => format!(
                    "{}\n",
                    serde_json::to_string_pretty(&g.to_json(mode, &catalog)?)?
                ),
                ShowFormat::Ssml => g.to_ssml(
                    mode,
                    &catalog,
                    tilmach::SpeechSettings::default().sentence_pause_ms,
                )?,
            };
            super::print_out(&text)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Speak {
            id,
            lang,
            mode,
            locales,
            audio,
        } => {
            let catalog = super::catalog::load(locales.as_deref())?;
            let mut warnings = Vec::new();
            let g = Guide::load(&catalog, lang, &id, Usage::Speech, &mut warnings)?;
            for w in &warnings {
                eprintln!("tilmach: warning: {w}");
            }
            let mode = mode.unwrap_or(if audio.elder { Mode::Elder } else { Mode::Full });
            speak_text(&audio, lang, &g.speech_text(mode, &catalog)?)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
