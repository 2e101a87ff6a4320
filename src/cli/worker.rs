//! `tilmach engine-worker`: the out-of-process engine, started by tilmach itself.

use std::process::ExitCode;

use tilmach::synth::{EngineKind, EngineOptions};

/// Arguments of `tilmach engine-worker`.
#[derive(clap::Args)]
pub struct Args {
    /// The engine to serve: auto, neural or espeak.
    #[arg(long, default_value = "espeak")]
    engine: EngineKind,
    /// The neural voice (a name, or a Piper voice's path).
    #[arg(long)]
    voice: Option<String>,
    /// Threads of a neural voice.
    #[arg(long)]
    threads: Option<usize>,
}

/// Serves the out-of-process engine protocol on standard input and output, for every language
/// the engine speaks.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut options = EngineOptions::default();
    if let Some(voice) = args.voice {
        options.voice(voice);
    }
    if let Some(threads) = args.threads {
        options.threads(threads);
    }
    let engine = tilmach::synth::open(args.engine, &[], &options)?;
    tilmach::synth::worker::serve(
        std::io::stdin().lock(),
        std::io::stdout().lock(),
        engine.as_ref(),
    )?;
    Ok(ExitCode::SUCCESS)
}
