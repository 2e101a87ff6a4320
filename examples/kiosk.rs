//! A kiosk: the user picks a language on the touch screen, hears the welcome prompt, and has a
//! guide read aloud in elder mode. Here the "speaker" is a WAV file per utterance.
//!
//! ```sh
//! cargo run --example kiosk -- ug pension-collection     # language choice, guide id
//! ```

use std::path::Path;

use tilmach::guide::Mode;
use tilmach::l10n::FluentArgs;
use tilmach::{audio, Assistant, Profile};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let choice = args.next().unwrap_or_else(|| "zh".into());
    let guide_id = args.next().unwrap_or_else(|| "pension-collection".into());

    // Once, when the kiosk starts: the locale files and the engine.
    let locales = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    let assistant = Assistant::open(&locales)?;

    // Each session: the language from the user's choice.
    let lang = assistant.language_for(&choice);
    let guide = assistant.guide(lang, &guide_id, &mut Vec::new())?;
    println!("{} ({}, {:?})", guide.title, lang, lang.direction());

    let welcome = assistant.speak_prompt(lang, "prompt-welcome", None, Profile::Elder)?;
    audio::wav::write_file(Path::new("kiosk-welcome.wav"), &welcome)?;

    let mut queue = FluentArgs::new();
    queue.set("count", 3);
    let waiting =
        assistant.speak_prompt(lang, "prompt-wait-count", Some(&queue), Profile::Elder)?;
    audio::wav::write_file(Path::new("kiosk-wait.wav"), &waiting)?;

    let reading = assistant.speak_guide(lang, &guide_id, Mode::Elder, Profile::Elder)?;
    audio::wav::write_file(Path::new("kiosk-guide.wav"), &reading)?;
    println!(
        "wrote kiosk-welcome.wav ({:.1} s), kiosk-wait.wav ({:.1} s), kiosk-guide.wav ({:.1} s)",
        welcome.duration().as_secs_f64(),
        waiting.duration().as_secs_f64(),
        reading.duration().as_secs_f64()
    );
    Ok(())
}
