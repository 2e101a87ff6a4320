//! `tilmach pronounce`: what the engine will be given, for people checking pronunciation.
//!
//! Mandarin: espeak-ng's phonemes (IPA). Uyghur: the ULY Latin form. Mongolian: the Latin
//! transliteration of the script, then espeak-ng's phonemes of its reading.

use std::process::ExitCode;

use tilmach::phonetics::{mongolian, uyghur};
use tilmach::Language;

use super::input::TextArgs;

#[derive(clap::Args)]
pub struct Args {
    /// Language tag (zh, ug, mn, mn-Cyrl …).
    #[arg(long, short, value_parser = super::parse_language)]
    lang: Language,
    #[command(flatten)]
    input: TextArgs,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let text = args.input.read()?;
    let mut out = String::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let spoken = tilmach::text::normalize(args.lang, &tilmach::text::sanitize(line)?);
        match args.lang {
            Language::Uyghur => out.push_str(&uyghur::to_latin(&spoken)),
            Language::Mongolian => {
                let clean = mongolian::normalize(&spoken)
                    .map_err(|e| tilmach::Error::InvalidText(e.to_string()))?;
                out.push_str(&mongolian::transliterate(&clean));
                out.push('\n');
                out.push_str(&phonemes(args.lang, &clean)?);
            }
            _ => out.push_str(&phonemes(args.lang, &spoken)?),
        }
        out.push('\n');
    }
    super::print_out(&out)?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(feature = "espeak")]
fn phonemes(lang: Language, text: &str) -> anyhow::Result<String> {
    let engine = tilmach::synth::espeak::Espeak::shared()?;
    Ok(engine.phonemes(lang, text)?.replace('\n', " "))
}

#[cfg(not(feature = "espeak"))]
fn phonemes(_lang: Language, _text: &str) -> anyhow::Result<String> {
    anyhow::bail!("this tilmach was built without the espeak feature: no phonemes")
}
