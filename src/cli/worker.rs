use std::process::ExitCode;

/// `tilmach engine-worker`: serves the out-of-process engine protocol with the embedded engine.
pub fn run() -> anyhow::Result<ExitCode> {
    #[cfg(feature = "espeak")]
    {
        let engine = tilmach::synth::espeak::Espeak::shared()?;
        tilmach::synth::worker::serve(std::io::stdin().lock(), std::io::stdout().lock(), engine)?;
        Ok(ExitCode::SUCCESS)
    }
    #[cfg(not(feature = "espeak"))]
    anyhow::bail!("this tilmach was built without the espeak feature: it has no engine to serve")
}
