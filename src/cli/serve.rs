//! `tilmach serve`: the HTTP API, the guide pages and the read-aloud widget.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use tilmach::server::{CacheBound, Config, Server};
use tilmach::synth::worker::EngineProcess;
use tilmach::SpeechConfig;

#[derive(clap::Args)]
pub struct Args {
    /// Address and port to listen on (port 0: any free port; the address is printed).
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// Directory of the locale files.
    #[arg(long)]
    locales: Option<PathBuf>,
    /// Directory of the audio cache (default: tilmach-audio in the temporary directory).
    #[arg(long)]
    cache: Option<PathBuf>,
    /// Most megabytes the audio cache keeps; the least recently used audio is removed past it.
    #[arg(long, default_value_t = 1024)]
    cache_max_mb: u64,
    /// Most renderings the audio cache keeps.
    #[arg(long, default_value_t = 10_000)]
    cache_max_entries: usize,
    /// Engine worker processes (each renders one request at a time).
    #[arg(long, default_value_t = 2)]
    workers: usize,
    /// Speech renderings at once; further cache misses get 503 (default: --workers).
    #[arg(long)]
    max_synthesis: Option<usize>,
    /// Requests handled at once; further requests get 503.
    #[arg(long, default_value_t = 512)]
    max_in_flight: usize,
    /// Longest text one speech request may hold, in characters (longer: 413).
    #[arg(long, default_value_t = 20_000)]
    max_text_chars: usize,
    /// Longest speech one request may ask for, in seconds, estimated before speaking (longer:
    /// 413). The default fits the longest guide in elder mode.
    #[arg(long, default_value_t = 360.0)]
    max_speech_seconds: f64,
    /// Largest request body in bytes (larger: 413).
    #[arg(long, default_value_t = 256 * 1024)]
    max_body_bytes: usize,
    /// Seconds one request may take (longer: 503, and its synthesis stops).
    #[arg(long, default_value_t = 60.0)]
    timeout: f64,
    /// Connections open at once; further clients wait until one closes.
    #[arg(long, default_value_t = 1024)]
    max_connections: usize,
    /// Seconds a client has to send a request's head, from connecting or from the previous
    /// response (slower or idle connections are closed).
    #[arg(long, default_value_t = 10.0)]
    header_timeout: f64,
    /// A TOML file overriding the standard and elder speech profiles.
    #[arg(long)]
    config: Option<PathBuf>,
    /// Where the system's fonts are.
    #[arg(long, default_value = "/usr/share/fonts")]
    fonts: PathBuf,
    #[command(flatten)]
    engine: super::engine::EngineArgs,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let catalog = super::catalog::load(args.locales.as_deref())?;
    let speech = match &args.config {
        Some(path) => SpeechConfig::load(path)?,
        None => SpeechConfig::default(),
    };
    let workers = args.workers.max(1);
    let engine = EngineProcess::start(args.engine.worker()?, workers)
        .context("starting the engine worker")?;
    if !(0.1..=3600.0).contains(&args.timeout) {
        anyhow::bail!("--timeout must be between 0.1 and 3600 seconds");
    }
    if !(1.0..=86_400.0).contains(&args.max_speech_seconds) {
        anyhow::bail!("--max-speech-seconds must be between 1 and 86400");
    }
    if !(0.1..=3600.0).contains(&args.header_timeout) {
        anyhow::bail!("--header-timeout must be between 0.1 and 3600 seconds");
    }
    let config = Config {
        cache_dir: args.cache,
        cache_bound: CacheBound {
            max_bytes: args.cache_max_mb.saturating_mul(1 << 20),
            max_entries: args.cache_max_entries.max(1),
        },
        max_body_bytes: args.max_body_bytes,
        max_text_chars: args.max_text_chars,
        max_in_flight: args.max_in_flight,
        max_speech: Duration::from_secs_f64(args.max_speech_seconds),
        max_synthesis: args.max_synthesis.unwrap_or(args.workers).max(1),
        request_timeout: Duration::from_secs_f64(args.timeout),
        max_connections: args.max_connections.max(1),
        header_timeout: Duration::from_secs_f64(args.header_timeout),
        fonts_dir: args.fonts,
        speech,
    };
    let server = Server::new(catalog, Arc::new(engine), config)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(args.listen)
            .await
            .with_context(|| format!("cannot listen on {}", args.listen))?;
        let addr = listener.local_addr()?;
        let fonts = server.fonts();
        super::print_out(&format!("tilmach: listening on http://{addr}/\n"))?;
        if fonts.is_empty() {
            eprintln!("tilmach: no Noto fonts found; pages use the browser's fonts (install fonts-noto-core)");
        }
        server
            .run(listener, async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await?;
        anyhow::Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}
