//! `tilmach prompt list|speak|build`: the operation prompts of kiosks and IVRs (`build` is in
//! `pack.rs`).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;
use tilmach::l10n::{FluentValue, Review, Usage};
use tilmach::Language;

use super::speak::{speak_text, AudioArgs};

#[derive(Subcommand)]
pub enum Command {
    /// List the prompts: id, variables, and the review state of each translation.
    List {
        /// Directory of the locale files.
        #[arg(long)]
        locales: Option<PathBuf>,
    },
    /// Speak one prompt into an audio file.
    Speak {
        /// The prompt's id (see `tilmach prompt list`).
        id: String,
        /// Language (zh, ug, mn …).
        #[arg(long, short, value_parser = super::parse_language)]
        lang: Language,
        /// A value for a variable of the prompt, as NAME=VALUE (repeatable). Numbers are
        /// numbers (they choose plural forms).
        #[arg(long = "arg", value_parser = parse_arg)]
        args: Vec<(String, String)>,
        /// Directory of the locale files.
        #[arg(long)]
        locales: Option<PathBuf>,
        #[command(flatten)]
        audio: AudioArgs,
    },
    /// Build a prompt pack for Asterisk or FreeSWITCH: every prompt without variables and every
    /// guide's simple version, in every language; only what changed is rendered again.
    Build(super::pack::Args),
}

fn parse_arg(s: &str) -> Result<(String, String), String> {
    s.split_once('=')
        .map(|(k, v)| (k.trim().to_owned(), v.to_owned()))
        .filter(|(k, _)| !k.is_empty())
        .ok_or_else(|| format!("'{s}' is not NAME=VALUE"))
}

pub fn run(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::List { locales } => {
            let catalog = super::catalog::load(locales.as_deref())?;
            let mut text = String::new();
            for id in catalog.message_ids(Language::REFERENCE) {
                if !id.starts_with("prompt-") {
                    continue;
                }
                let vars: Vec<_> = catalog
                    .variables(Language::REFERENCE, id)
                    .map(|v| v.iter().map(|n| format!("${n}")).collect())
                    .unwrap_or_default();
                let states: Vec<_> = Language::ALL[1..]
                    .iter()
                    .map(|&l| {
                        let state = match catalog.review(l, id) {
                            None => "missing",
                            Some(Review::Draft) => "draft",
                            Some(Review::Reviewed(_)) => "reviewed",
                            Some(Review::Source) => "source",
                        };
                        format!("{}:{state}", l.code())
                    })
                    .collect();
                text.push_str(&format!(
                    "{id:<34} {:<18} {}\n",
                    vars.join(" "),
                    states.join(" ")
                ));
            }
            super::print_out(&text)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Speak {
            id,
            lang,
            args,
            locales,
            audio,
        } => {
            let catalog = super::catalog::load(locales.as_deref())?;
            if !catalog.has_message(Language::REFERENCE, &id) || !id.starts_with("prompt-") {
                return Err(tilmach::Error::UnknownPrompt { id }.into());
            }
            let mut fluent_args = tilmach::l10n::FluentArgs::new();
            for (k, v) in args {
                let value = match v.parse::<f64>() {
                    Ok(n) => FluentValue::from(n),
                    Err(_) => FluentValue::from(v),
                };
                fluent_args.set(k, value);
            }
            let mut warnings = Vec::new();
            let text = catalog.format(
                lang,
                &id,
                None,
                Some(&fluent_args),
                Usage::Speech,
                &mut warnings,
            )?;
            for w in &warnings {
                eprintln!("tilmach: warning: {w}");
            }
            speak_text(&audio, lang, &text)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Build(args) => super::pack::run(args),
    }
}
