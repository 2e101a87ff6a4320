//! `tilmach voices`: what an engine can speak, the installed neural voices, and the operating
//! system's voices by name.

use std::process::ExitCode;

use tilmach::synth::{Capabilities, EngineKind};

use super::engine::EngineArgs;

/// Arguments of `tilmach voices`.
#[derive(clap::Args)]
pub struct Args {
    /// With --engine neural: the installed neural voices (name, language, gender, rate,
    /// licence); with --engine os: the operating system's voices (needs a build with the os-tts
    /// feature and, on Linux, a running speech-dispatcher); otherwise what the engine speaks.
    #[command(flatten)]
    engine: EngineArgs,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let out = match args.engine.engine {
        EngineKind::Os => os_voices()?,
        EngineKind::Neural => neural_voices()?,
        _ => {
            let engine = args.engine.open(&[])?;
            describe(engine.name(), &engine.capabilities(), true)
        }
    };
    super::print_out(&out)?;
    Ok(ExitCode::SUCCESS)
}

fn describe(name: &str, caps: &Capabilities, renders: bool) -> String {
    let yes = |b: bool| if b { "yes" } else { "no" };
    let languages: Vec<&str> = caps.languages.iter().map(|l| l.tag()).collect();
    format!(
        "engine: {name}\nlanguages served: {}\nrate: {}\npitch: {}\nrenders to files: {}\n",
        if languages.is_empty() {
            "(none)".to_owned()
        } else {
            languages.join(", ")
        },
        yes(caps.rate),
        yes(caps.pitch),
        if renders {
            "yes"
        } else {
            "no (speakers only: speak --play)"
        },
    )
}

/// The installed neural voices, a line each, tab-separated.
#[cfg(feature = "neural")]
fn neural_voices() -> anyhow::Result<String> {
    use tilmach::synth::neural::{installed, kokoro, voice_dir};
    let dir = voice_dir();
    let voices = installed(&dir);
    let mut out = format!(
        "voice directory: {}\nvoices: {}\n",
        dir.display(),
        voices.len()
    );
    if voices.is_empty() {
        out.push_str("(none installed: scripts/voices installs the Mandarin voices)\n");
    }
    out.push_str("name\tlanguage\tserves\tgender\trate\tlicence\n");
    for v in voices {
        let default = if v.name == kokoro::DEFAULT_VOICE {
            " (default)"
        } else {
            ""
        };
        out.push_str(&format!(
            "{}{default}\t{}\t{}\t{}\t{} Hz\t{}\n",
            v.name,
            v.language,
            v.served.map_or("-", |l| l.tag()),
            v.gender.unwrap_or("-"),
            v.sample_rate,
            v.licence
        ));
    }
    Ok(out)
}

#[cfg(not(feature = "neural"))]
fn neural_voices() -> anyhow::Result<String> {
    anyhow::bail!("this tilmach was built without neural voices (cargo feature neural)")
}

#[cfg(feature = "os-tts")]
fn os_voices() -> anyhow::Result<String> {
    use tilmach::synth::Synthesizer;
    let voice = tilmach::synth::os::OsVoice::open(None)?;
    let mut out = describe(voice.name(), &voice.capabilities(), false);
    out.push_str(&format!("voices: {}\n", voice.voices().len()));
    for v in voice.voices() {
        out.push_str(&format!("{}\t{}\t{}\n", v.name, v.language, v.gender));
    }
    Ok(out)
}

#[cfg(not(feature = "os-tts"))]
fn os_voices() -> anyhow::Result<String> {
    anyhow::bail!("this tilmach was built without the os engine (cargo feature os-tts)")
}
