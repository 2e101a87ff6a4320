//! `tilmach speak`: a text read aloud into an audio file.

use std::path::PathBuf;
use std::process::ExitCode;

use tilmach::synth::{EngineKind, Profile, Sentences, SpeechConfig};
use tilmach::{Language, OutputFormat};

use super::engine::EngineArgs;
use super::input::TextArgs;
use super::output::{write_stream, Destination};

/// How speech is rendered and where it goes: shared by every command that speaks.
#[derive(clap::Args)]
pub struct AudioArgs {
    /// Speak with the elder profile: slower, longer pauses, louder.
    #[arg(long)]
    pub elder: bool,
    /// Speaking rate in percent of normal (30–300), overriding the profile.
    #[arg(long)]
    rate: Option<u32>,
    /// Pitch, 0–100 (50 is the voice's own), overriding the profile.
    #[arg(long)]
    pitch: Option<u32>,
    /// Volume in percent (10–400; 100 is -20 dBFS speech), overriding the profile.
    #[arg(long)]
    volume: Option<u32>,
    /// Silence between sentences in milliseconds, overriding the profile.
    #[arg(long)]
    pause_ms: Option<u32>,
    /// A TOML file overriding the standard and elder profiles.
    #[arg(long)]
    config: Option<PathBuf>,
    /// Audio format.
    #[arg(long, short, default_value = "wav")]
    format: OutputFormat,
    /// Output file, or - for standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Play through the default speaker (and write the file only when -o is given).
    #[cfg(feature = "devices")]
    #[arg(long)]
    play: bool,
    #[command(flatten)]
    pub engine: EngineArgs,
}

#[derive(clap::Args)]
pub struct Args {
    /// Language tag: zh-Hans-CN, ug-Arab-CN (also zh, zh-CN, cmn, ug, ug-CN …).
    #[arg(long, short, value_parser = super::parse_language)]
    lang: Language,
    /// Read the text as speech markup (the SSML subset in the README: break, prosody rate,
    /// say-as, lang, sub). Without it, text is never parsed as markup.
    #[arg(long, visible_alias = "ssml")]
    markup: bool,
    #[command(flatten)]
    audio: AudioArgs,
    #[command(flatten)]
    input: TextArgs,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    // Where the audio goes is checked before reading standard input.
    if !args.audio.plays() {
        Destination::from_arg(args.audio.output.as_deref())?;
    }
    let text = args.input.read()?;
    if !args.markup && tilmach::text::markup::looks_like_markup(&text) {
        eprintln!("tilmach: the text starts with <speak>; it is read as plain text (add --markup to read it as speech markup)");
    }
    speak(&args.audio, args.lang, &text, args.markup)?;
    Ok(ExitCode::SUCCESS)
}

/// Speaks plain `text` in `lang` as `audio` says, streaming sentence by sentence into the
/// output.
pub fn speak_text(audio: &AudioArgs, lang: Language, text: &str) -> anyhow::Result<()> {
    speak(audio, lang, text, false)
}

/// Speaks `text` (markup when `markup` is set) in `lang` as `audio` says.
fn speak(audio: &AudioArgs, lang: Language, text: &str, markup: bool) -> anyhow::Result<()> {
    let config = match &audio.config {
        Some(path) => SpeechConfig::load(path)?,
        None => SpeechConfig::default(),
    };
    let profile = if audio.elder {
        Profile::Elder
    } else {
        Profile::Standard
    };
    let mut settings = config.settings(profile).clone();
    if let Some(v) = audio.rate {
        settings.rate = v;
    }
    if let Some(v) = audio.pitch {
        settings.pitch = v;
    }
    if let Some(v) = audio.volume {
        settings.volume = v;
    }
    if let Some(v) = audio.pause_ms {
        settings.sentence_pause_ms = v;
    }
    if audio.engine.engine == EngineKind::Os {
        return speak_os(audio, text, markup, &settings);
    }
    // Markup may switch languages: then every language needs its engine.
    let languages: &[Language] = if markup { &[] } else { &[lang] };
    let engine = audio.engine.open(languages)?;
    let sentences = if markup {
        Sentences::from_markup(engine.as_ref(), lang, text, &settings)?
    } else {
        Sentences::new(engine.as_ref(), lang, text, &settings)?
    };
    let rate = sentences.sample_rate();
    if audio.plays() {
        return play(audio, sentences, rate);
    }
    let dest = Destination::from_arg(audio.output.as_deref())?;
    refuse_what_cannot_fit(audio.format, rate, sentences.estimated_duration())?;
    write_stream(&dest, audio.format, rate, sentences)?;
    Ok(())
}

/// Refuses, before speaking, a text whose speech cannot fit a WAV file (4 GiB of samples, some
/// 27 hours at 22 kHz): even at three quarters of its estimated length. Headerless formats
/// have no such limit and stream whatever the length.
fn refuse_what_cannot_fit(
    format: OutputFormat,
    rate: u32,
    estimate: std::time::Duration,
) -> anyhow::Result<()> {
    let bytes = estimate.as_secs_f64()
        * 0.75
        * f64::from(format.rate(rate))
        * format.bytes_per_sample() as f64;
    if format.is_wav() && bytes > tilmach::audio::wav::MAX_DATA_BYTES as f64 {
        anyhow::bail!(
            "the text would take about {:.0} hours to say, more than a {format} file can hold \
             (4 GiB); write a headerless format (-f ulaw, alaw or sln16) or split the text",
            estimate.as_secs_f64() / 3600.0
        );
    }
    Ok(())
}

impl AudioArgs {
    /// Whether the audio goes to the speaker.
    fn plays(&self) -> bool {
        #[cfg(feature = "devices")]
        return self.play;
        #[cfg(not(feature = "devices"))]
        false
    }
}

/// Plays the sentences on the default speaker as they are spoken (the first plays while the
/// rest are made), and writes them to `-o` too when given.
#[cfg(feature = "devices")]
fn play(audio: &AudioArgs, sentences: Sentences<'_>, rate: u32) -> anyhow::Result<()> {
    let mut all = tilmach::Pcm::new(Vec::new(), rate);
    let keep = audio.output.is_some();
    let parts = sentences.map(|part| {
        if let (true, Ok(pcm)) = (keep, &part) {
            all.append(pcm)?;
        }
        part
    });
    tilmach::audio::device::play_stream(parts)?;
    if let Some(path) = &audio.output {
        let dest = Destination::from_arg(Some(path))?;
        write_stream(&dest, audio.format, rate, std::iter::once(Ok(all)))?;
    }
    Ok(())
}

#[cfg(not(feature = "devices"))]
fn play(_: &AudioArgs, _: Sentences<'_>, _: u32) -> anyhow::Result<()> {
    unreachable!("--play exists only with the devices feature")
}

/// The operating system's voices hand back no audio.
pub fn os_cannot_render() -> tilmach::Error {
    tilmach::Error::Unsupported {
        engine: "os-tts".into(),
        what: "rendering to audio files: the operating system's voices speak only to the \
               speakers (add --play, or use --engine espeak for files)"
            .into(),
    }
}

/// Speaks through the operating system's voice: only to the speakers.
fn speak_os(
    audio: &AudioArgs,
    text: &str,
    markup: bool,
    settings: &tilmach::synth::SpeechSettings,
) -> anyhow::Result<()> {
    if !audio.plays() {
        return Err(os_cannot_render().into());
    }
    if markup {
        anyhow::bail!("the os engine reads plain text only (leave out --markup)");
    }
    os_play(audio, text, settings)
}

#[cfg(feature = "os-tts")]
fn os_play(
    audio: &AudioArgs,
    text: &str,
    settings: &tilmach::synth::SpeechSettings,
) -> anyhow::Result<()> {
    let text = tilmach::text::sanitize(text)?;
    let voice = tilmach::synth::os::OsVoice::open(audio.engine.voice.as_deref())?;
    voice.speak_aloud(&text, settings)?;
    Ok(())
}

#[cfg(not(feature = "os-tts"))]
fn os_play(_: &AudioArgs, _: &str, _: &tilmach::synth::SpeechSettings) -> anyhow::Result<()> {
    anyhow::bail!("this tilmach was built without the os engine (cargo feature os-tts)")
}
