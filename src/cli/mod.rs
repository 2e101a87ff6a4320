//! Command-line parsing and dispatch: one file per subcommand.

mod agi;
mod catalog;
mod engine;
#[cfg(feature = "server")]
mod export;
mod guide;
mod input;
mod l10n;
#[cfg(all(feature = "whisper", feature = "devices"))]
mod listen;
mod normalize;
mod output;
mod pack;
mod prompt;
mod pronounce;
#[cfg(feature = "server")]
mod serve;
mod speak;
#[cfg(feature = "whisper")]
mod transcribe;
mod voices;
mod worker;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Voice and minority-language versions of public services: Mandarin, Uyghur and Mongolian
/// speech for kiosks, hotlines and web pages.
#[derive(Parser)]
#[command(name = "tilmach", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Speak a text into an audio file.
    Speak(speak::Args),
    /// What an engine speaks; with --engine os, the operating system's voices by name.
    Voices(voices::Args),
    /// Print the spoken form of a text (numbers, dates, times, money as words), line by line.
    Normalize(normalize::Args),
    /// Print what the engine is given, line by line: tone-numbered pinyin (Mandarin), ULY Latin
    /// (Uyghur), transliteration (Mongolian); or espeak-ng's phonemes with --phonemes.
    Pronounce(pronounce::Args),
    /// Service guides: list, show, read aloud.
    #[command(subcommand)]
    Guide(guide::Command),
    /// Operation prompts of kiosks and IVRs: list, read aloud, build a pack for Asterisk or
    /// FreeSWITCH.
    #[command(subcommand, visible_alias = "prompts")]
    Prompt(prompt::Command),
    /// Print the words spoken in a WAV file (whisper.cpp), as text or JSON with timings.
    #[cfg(feature = "whisper")]
    Transcribe(transcribe::Args),
    /// Listen to one spoken request on the microphone; print its words and the menu option it
    /// chooses.
    #[cfg(all(feature = "whisper", feature = "devices"))]
    Listen(listen::Args),
    /// Run a hotline call flow for Asterisk's AGI() on standard input and output.
    Agi(agi::AgiArgs),
    /// Serve a hotline call flow over FastAGI (TCP), many calls at once.
    Fastagi(agi::FastAgiArgs),
    /// Translators' tools: check the locale files, their status, export to and import from
    /// CAT tools (XLIFF, PO).
    #[command(subcommand)]
    L10n(l10n::Command),
    /// Serve the JSON API, the guide pages (elder mode, read-aloud) and the read-aloud widget
    /// over HTTP.
    #[cfg(feature = "server")]
    Serve(serve::Args),
    /// Write the guide pages and their speech as static files.
    #[cfg(feature = "server")]
    #[command(subcommand)]
    Export(export::Command),
    /// Serve the out-of-process engine protocol on standard input and output (started by
    /// tilmach itself; not for people).
    #[command(hide = true)]
    EngineWorker(worker::Args),
}

/// Parses the command line and runs the subcommand.
pub fn run() -> anyhow::Result<ExitCode> {
    let cli = Cli::parse();
    match cli.command {
        Command::Speak(args) => speak::run(args),
        Command::Voices(args) => voices::run(args),
        Command::Normalize(args) => normalize::run(args),
        Command::Pronounce(args) => pronounce::run(args),
        Command::Guide(command) => guide::run(command),
        Command::Prompt(command) => prompt::run(command),
        #[cfg(feature = "whisper")]
        Command::Transcribe(args) => transcribe::run(args),
        #[cfg(all(feature = "whisper", feature = "devices"))]
        Command::Listen(args) => listen::run(args),
        Command::Agi(args) => agi::run_agi(args),
        Command::Fastagi(args) => agi::run_fastagi(args),
        Command::L10n(command) => l10n::run(command),
        #[cfg(feature = "server")]
        Command::Serve(args) => serve::run(args),
        #[cfg(feature = "server")]
        Command::Export(command) => export::run(command),
        Command::EngineWorker(args) => worker::run(args),
    }
}

/// Parses a language tag leniently, for clap (a bad tag is a usage error: exit status 2).
fn parse_language(tag: &str) -> Result<tilmach::Language, String> {
    tilmach::Language::from_tag(tag).map_err(|e| e.to_string())
}

/// Writes `text` to standard output; a closed pipe surfaces as an error that `main` treats as
/// success (unlike `print!`, which panics).
fn print_out(text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}
