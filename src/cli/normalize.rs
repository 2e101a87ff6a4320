//! `tilmach normalize`: the spoken form of a text, one output line per input line.

use std::path::PathBuf;
use std::process::ExitCode;

use tilmach::Language;

use super::input::read_text;

#[derive(clap::Args)]
pub struct Args {
    /// Language tag (zh, ug, mn …).
    #[arg(long, short, value_parser = super::parse_language)]
    lang: Language,
    /// Read the text from this file.
    #[arg(long, conflicts_with = "text")]
    file: Option<PathBuf>,
    /// The text (standard input when neither TEXT nor --file is given).
    text: Vec<String>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let text = read_text(&args.text, args.file.as_deref())?;
    let mut out = String::with_capacity(text.len() * 2);
    for line in text.lines() {
        out.push_str(&tilmach::text::normalize(args.lang, line));
        out.push('\n');
    }
    super::print_out(&out)?;
    Ok(ExitCode::SUCCESS)
}
