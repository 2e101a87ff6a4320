//! The HTTP server: the JSON API, the guide pages in full, simple and elder modes, the drop-in
//! read-aloud widget, and the static export of the same pages.
//!
//! Every route is a thin adapter over the library: guides come from [`crate::guide`], speech
//! from [`crate::synth::Sentences`] on the [`Synthesizer`] the server is given — in `tilmach
//! serve` the out-of-process engine ([`crate::synth::worker::EngineProcess`]), so that a crash
//! of the C engine fails one request only.
//!
//! ```no_run
//! # async fn run() -> tilmach::Result<()> {
//! use std::sync::Arc;
//! use tilmach::server::{Config, Server};
//! use tilmach::synth::worker::{EngineProcess, WorkerCommand};
//!
//! let catalog = tilmach::l10n::Catalog::load("locales".as_ref())?;
//! let engine = EngineProcess::start(WorkerCommand::tilmach("/usr/bin/tilmach"), 4)?;
//! let server = Server::new(catalog, Arc::new(engine), Config::default())?;
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
//! server.run(listener, std::future::pending()).await?;
//! # Ok(()) }
//! ```

mod api;
mod assets;
mod cache;
mod connections;
mod export;
mod files;
mod limits;
mod pages;
mod speech;

pub use cache::{AudioCache, CacheBound, Ticket};
pub use export::{export_web, ExportOptions, ExportSummary};
pub use speech::{SpeechRequest, SpeechResult, SpokenSentence};

use std::future::Future;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;

use crate::l10n::Catalog;
use crate::synth::{SpeechConfig, Synthesizer};
use crate::Result;

/// The limits and places a server works with. `Config::default()` suits a small office server.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where synthesized audio is cached (content-addressed WAV files and their sentence
    /// timings). `None`: a `tilmach-audio` directory under the system's temporary directory.
    pub cache_dir: Option<PathBuf>,
    /// How much the audio cache may hold; least recently used entries are removed past it.
    pub cache_bound: CacheBound,
    /// The largest request body accepted; larger ones get 413.
    pub max_body_bytes: usize,
    /// The longest text or markup one speech request may hold, in characters; longer gets 413.
    pub max_text_chars: usize,
    /// Requests handled at once; past that, new requests get 503 at once (load shedding)
    /// instead of waiting in a queue that grows without bound.
    pub max_in_flight: usize,
    /// The longest speech one request may ask for, estimated before speaking
    /// ([`SpeechRequest::estimated_duration`]); longer gets 413. The default, 6 minutes, fits
    /// the longest guide in elder mode (about 4 minutes).
    pub max_speech: Duration,
    /// Speech renderings at once (cache misses); past that, 503 with `Retry-After`.
    pub max_synthesis: usize,
    /// How long one request may take; past that it gets 503 and its synthesis stops.
    pub request_timeout: Duration,
    /// Connections open at once; further clients wait until one closes.
    pub max_connections: usize,
    /// How long a client has to send a request's head (method, path and headers), from the
    /// connection's opening or the previous response: a slower or idle connection is closed.
    pub header_timeout: Duration,
    /// Where the system's fonts are looked for (Noto Sans Mongolian, Noto Naskh Arabic).
    pub fonts_dir: PathBuf,
    /// The speech profiles (standard and elder).
    pub speech: SpeechConfig,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            cache_dir: None,
            cache_bound: CacheBound::default(),
            max_body_bytes: 256 * 1024,
            max_text_chars: 20_000,
            max_in_flight: 512,
            max_speech: Duration::from_secs(360),
            max_synthesis: 4,
            request_timeout: Duration::from_secs(60),
            max_connections: 1024,
            header_timeout: Duration::from_secs(10),
            fonts_dir: PathBuf::from("/usr/share/fonts"),
            speech: SpeechConfig::default(),
        }
    }
}

/// What every request handler shares.
pub(crate) struct Shared {
    pub catalog: Catalog,
    pub engine: Arc<dyn Synthesizer>,
    pub cache: AudioCache,
    pub config: Config,
    pub fonts: assets::Fonts,
    pub synthesis: Arc<tokio::sync::Semaphore>,
    pub in_flight: Arc<tokio::sync::Semaphore>,
}

/// An HTTP server over a catalog and a speech engine.
#[derive(Clone)]
pub struct Server {
    shared: Arc<Shared>,
}

impl Server {
    /// Prepares a server: opens (creates) the audio cache and finds the fonts.
    ///
    /// # Errors
    /// [`crate::Error::Io`] when the cache directory cannot be created.
    pub fn new(catalog: Catalog, engine: Arc<dyn Synthesizer>, config: Config) -> Result<Server> {
        let cache_dir = config
            .cache_dir
            .clone()
            .unwrap_or_else(|| std::env::temp_dir().join("tilmach-audio"));
        let cache = AudioCache::open_bounded(&cache_dir, config.cache_bound)?;
        let fonts = assets::Fonts::find(&config.fonts_dir);
        Ok(Server {
            shared: Arc::new(Shared {
                catalog,
                engine,
                cache,
                fonts,
                synthesis: Arc::new(tokio::sync::Semaphore::new(config.max_synthesis.max(1))),
                in_flight: Arc::new(tokio::sync::Semaphore::new(config.max_in_flight.max(1))),
                config,
            }),
        })
    }

    /// The fonts found on this system, by family name (empty when none: pages then use the
    /// browser's own fonts).
    pub fn fonts(&self) -> Vec<&str> {
        self.shared.fonts.families()
    }

    /// The routes, for embedding in another axum application or for tests.
    pub fn router(&self) -> Router {
        let shared = self.shared.clone();
        Router::new()
            .route("/", get(pages::index))
            .route("/guides/{id}", get(pages::guide))
            .route("/widget.js", get(assets::widget))
            .route("/assets/{name}", get(assets::asset))
            .route("/fonts/{name}", get(assets::font))
            .route("/api/v1/languages", get(api::languages))
            .route("/api/v1/guides", get(api::guides))
            .route("/api/v1/guides/{id}", get(api::guide))
            .route("/api/v1/prompts/{id}", get(api::prompt))
            .route("/api/v1/speech", post(speech::handle))
            .route("/api/v1/audio/{name}", get(speech::audio))
            .fallback(api::not_found)
            .layer(DefaultBodyLimit::max(shared.config.max_body_bytes))
            .layer(axum::middleware::from_fn_with_state(
                shared.clone(),
                limits::guard,
            ))
            .with_state(shared)
    }

    /// Serves on `listener` until `shutdown` completes, then finishes the requests in flight.
    ///
    /// # Errors
    /// [`crate::Error::Stream`] when the listener fails.
    pub async fn run(
        self,
        listener: tokio::net::TcpListener,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> Result<()> {
        let config = self.shared.config.clone();
        connections::serve(listener, self.router(), &config, shutdown).await
    }
}
