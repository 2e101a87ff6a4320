//! `tilmach listen`: one spoken request from the microphone, its words, and the menu option it
//! chooses.

use std::process::ExitCode;

use tilmach::asr::intent::{Menu, Outcome};
use tilmach::asr::vad::{Endpointer, Listening, Vad};
use tilmach::asr::{Recognizer, Request};
use tilmach::l10n::Catalog;
use tilmach::Language;

use super::transcribe::ModelArgs;

/// Arguments of `tilmach listen`.
#[derive(clap::Args)]
pub struct Args {
    /// The language the person speaks: zh or mn (Whisper has no Uyghur: use the keypad).
    #[arg(long, short, value_parser = super::parse_language)]
    lang: Language,
    /// Match what was said to a menu: `guides` (the service guides, by their `.keywords`).
    #[arg(long)]
    menu: Option<MenuName>,
    /// Seconds to wait for speech to start.
    #[arg(long, default_value_t = 6)]
    wait: u64,
    #[command(flatten)]
    model: ModelArgs,
    /// Locale files directory (default: $TILMACH_LOCALES, else ./locales).
    #[arg(long)]
    locales: Option<std::path::PathBuf>,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum MenuName {
    Guides,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let code = tilmach::asr::whisper_code(args.lang).ok_or_else(|| {
        anyhow::anyhow!(
            "Whisper cannot recognize {}: offer the keypad (DTMF) instead. Decoding Uyghur as \
             Uzbek or Kazakh was measured on tilmach's own Uyghur speech: the ten digits were \
             heard right 6 of 10 times as Uzbek and 5 of 10 as Kazakh, even as a closed-set \
             choice (examples/uyghur-asr.rs), below the 8 of 10 a spoken choice would need",
            args.lang.tag()
        )
    })?;
    let menu = match args.menu {
        Some(MenuName::Guides) => Some(guide_menu(
            &super::catalog::load(args.locales.as_deref())?,
            args.lang,
        )?),
        None => None,
    };
    let whisper = args.model.load()?;
    let mut endpointer = Endpointer::new(16_000);
    endpointer.no_speech = std::time::Duration::from_secs(args.wait);
    eprintln!("tilmach: listening…");
    let (recording, state) = tilmach::audio::device::record_utterance(endpointer)?;
    let speech = match Vad::default().trim(&recording) {
        Some(speech) if state != Listening::Waiting => speech,
        _ => {
            println!("heard: (nothing)");
            return Ok(ExitCode::from(1));
        }
    };
    let transcript = whisper.recognize(&speech, &Request::in_language(code))?;
    let mut out = format!("heard: {}\n", transcript.text);
    if let Some(menu) = menu {
        match menu.choose(&transcript.text) {
            Outcome::Chosen { id, confidence } => {
                out.push_str(&format!("choice: {id} ({confidence:.2})\n"));
            }
            Outcome::NotUnderstood { .. } => out.push_str("choice: none (did not understand)\n"),
        }
    }
    super::print_out(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// The service guides as a menu, keyed by their titles' `.keywords`.
fn guide_menu(catalog: &Catalog, lang: Language) -> anyhow::Result<Menu> {
    let ids = tilmach::guide::ids(catalog);
    let titles: Vec<String> = ids.iter().map(|id| format!("{id}-title")).collect();
    let options: Vec<(&str, &str, Option<char>)> = ids
        .iter()
        .zip(&titles)
        .map(|(id, title)| (id.as_str(), title.as_str(), None))
        .collect();
    Ok(Menu::from_catalog(catalog, lang, &options)?)
}
