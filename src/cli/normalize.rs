//! `tilmach normalize`: the spoken form of a text, one output line per input line.

use std::process::ExitCode;

use tilmach::Language;

use super::input::TextArgs;

#[derive(clap::Args)]
pub struct Args {
    /// Language tag (zh, ug, mn …).
    #[arg(long, short, value_parser = super::parse_language)]
    lang: Language,
    #[command(flatten)]
    input: TextArgs,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let text = args.input.read()?;
    let mut out = String::with_capacity(text.len() * 2);
    for line in text.lines() {
        out.push_str(&tilmach::text::normalize(args.lang, line));
        out.push('\n');
    }
    super::print_out(&out)?;
    Ok(ExitCode::SUCCESS)
}
