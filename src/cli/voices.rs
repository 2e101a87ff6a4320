//! `tilmach voices`: what an engine can speak, and the operating system's voices by name.

use std::process::ExitCode;

use tilmach::synth::{Capabilities, EngineKind};

/// Arguments of `tilmach voices`.
#[derive(clap::Args)]
pub struct Args {
    /// The engine: espeak, espeak-process, or os (the operating system's voices; needs a build
    /// with the os-tts feature and, on Linux, a running speech-dispatcher).
    #[arg(long, default_value = "espeak")]
    engine: EngineKind,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let out = match args.engine {
        EngineKind::Os => os_voices()?,
        kind => {
            let engine = super::speak::open_engine(kind)?;
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
