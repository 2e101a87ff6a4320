//! `tilmach pronounce`: what the engine will be given, for people checking pronunciation.
//!
//! One output line per input line, after normalization: Mandarin as tone-numbered pinyin
//! syllables separated by single spaces, tone sandhi applied, punctuation dropped
//! (`yin2 hang2 hang2 zhang3`); Uyghur in ULY Latin; Mongolian as the Latin transliteration of
//! the traditional script. `--phonemes` prints espeak-ng's phonemes (IPA) instead.

use std::process::ExitCode;

use tilmach::phonetics::{self, mongolian};
use tilmach::Language;

use super::input::TextArgs;

#[derive(clap::Args)]
pub struct Args {
    /// Language tag (zh, ug, mn, mn-Cyrl …).
    #[arg(long, short, value_parser = super::parse_language)]
    lang: Language,
    /// Print the phonemes (IPA) espeak-ng makes of the text instead.
    #[arg(long)]
    phonemes: bool,
    #[command(flatten)]
    input: TextArgs,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let text = args.input.read()?;
    let mut out = String::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let mut spoken = tilmach::text::normalize(args.lang, &tilmach::text::sanitize(line)?);
        if args.lang == Language::Mongolian {
            spoken = mongolian::normalize(&spoken)
                .map_err(|e| tilmach::Error::InvalidText(e.to_string()))?;
        }
        if args.phonemes {
            out.push_str(&phonemes(args.lang, &spoken)?);
        } else {
            out.push_str(&phonetics::romanize(args.lang, &spoken));
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
