//! `--engine` and `--voice`: which engine speaks, shared by every command that speaks.

use anyhow::Context;
use tilmach::synth::worker::{EngineProcess, WorkerCommand};
use tilmach::synth::{EngineKind, EngineOptions, Synthesizer};
use tilmach::Language;

/// Which engine speaks, for every speaking command.
#[derive(clap::Args, Clone, Debug)]
pub struct EngineArgs {
    /// Speech engine: auto (each language's neural voice where installed, else espeak-ng:
    /// Mandarin is neural once scripts/voices has run), neural, espeak, espeak-process (espeak-ng
    /// in a supervised worker process), or os (the operating system's voices, feature os-tts:
    /// speakers only, with --play).
    #[arg(long, default_value = "auto")]
    pub engine: EngineKind,
    /// The voice: a neural voice's name (`tilmach voices --engine neural`: zm_yunxi,
    /// zf_xiaoxiao …), the path of a Piper voice (VOICE.onnx, its .onnx.json beside it), or with
    /// --engine os an operating system voice's name.
    #[arg(long)]
    pub voice: Option<String>,
}

impl EngineArgs {
    /// The options of the library's engine choice.
    pub fn options(&self) -> EngineOptions {
        let mut options = EngineOptions::default();
        if let Some(voice) = &self.voice {
            options.voice(voice.clone());
        }
        options
    }

    /// The engine, opened in this process, for `languages` (all when empty).
    pub fn open(&self, languages: &[Language]) -> anyhow::Result<Box<dyn Synthesizer>> {
        match self.engine {
            EngineKind::EspeakProcess => {
                let engine = EngineProcess::start(self.worker()?, 1)
                    .context("starting the engine worker")?;
                Ok(Box::new(engine))
            }
            EngineKind::Os => Err(super::speak::os_cannot_render().into()),
            kind => Ok(tilmach::synth::open(kind, languages, &self.options())?),
        }
    }

    /// The worker process command that speaks with this engine. Each worker's neural voice gets
    /// every core: a lone request (the first sentence a listener waits
    /// for) is then as fast as it can be, and when all workers are busy ONNX Runtime's threads
    /// share the cores at little cost (measured on 2 cores against two busy processes: 2 threads
    /// still beat 1, real-time factor 0.88 against 1.04).
    pub fn worker(&self) -> anyhow::Result<WorkerCommand> {
        let kind = match self.engine {
            EngineKind::EspeakProcess => EngineKind::Espeak,
            EngineKind::Os => return Err(super::speak::os_cannot_render().into()),
            kind => kind,
        };
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let mut args = vec![
            "--engine".to_owned(),
            kind.name().to_owned(),
            "--threads".to_owned(),
            cores.to_string(),
        ];
        if let Some(voice) = &self.voice {
            args.extend(["--voice".to_owned(), voice.clone()]);
        }
        Ok(WorkerCommand::current_exe()?.with_args(args))
    }
}
