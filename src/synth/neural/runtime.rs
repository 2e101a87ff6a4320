//! ONNX Runtime, loaded from its shared library at run time (once per process), and the
//! sessions that run voice models on it.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use ort::environment::Environment;
use ort::session::Session;

use crate::{Error, Result};

/// The ONNX Runtime library `scripts/voices` installs into the voice directory.
pub const LIBRARY_FILE: &str = "libonnxruntime.so.1.32.0";

/// The environment variable that names another ONNX Runtime library file.
pub const LIBRARY_VARIABLE: &str = "TILMACH_ONNXRUNTIME";

static ENVIRONMENT: OnceLock<std::result::Result<Environment, (PathBuf, String)>> = OnceLock::new();

/// The library file: `$TILMACH_ONNXRUNTIME`, else [`LIBRARY_FILE`] in `voice_dir`.
pub fn library_path(voice_dir: &Path) -> PathBuf {
    match std::env::var_os(LIBRARY_VARIABLE) {
        Some(path) if !path.is_empty() => PathBuf::from(path),
        _ => voice_dir.join(LIBRARY_FILE),
    }
}

/// Loads ONNX Runtime from [`library_path`] the first time; later calls reuse it, wherever
/// they look (one runtime per process).
///
/// # Errors
/// [`Error::Model`] naming the library when it is missing, is not a loadable library, or is an
/// ONNX Runtime older than 1.31.
pub fn environment(voice_dir: &Path) -> Result<&'static Environment> {
    let loaded = ENVIRONMENT.get_or_init(|| {
        let path = library_path(voice_dir);
        if !path.is_file() {
            return Err((
                path,
                "no ONNX Runtime library here (scripts/voices installs it; or set \
                 TILMACH_ONNXRUNTIME to one)"
                    .into(),
            ));
        }
        let builder = ort::init_from(&path).map_err(|e| (path.clone(), e.to_string()))?;
        builder
            .with_name("tilmach")
            .with_telemetry(false)
            .build()
            .map_err(|e| (path.clone(), e.to_string()))
    });
    loaded.as_ref().map_err(|(path, message)| Error::Model {
        path: path.clone(),
        message: format!("cannot load ONNX Runtime: {message}"),
    })
}

/// A session of the model at `model`, run with `threads` threads. ONNX Runtime's threads spin
/// briefly before they sleep: measured on 2 cores with Kokoro, that is 9 % faster on an idle
/// machine (real-time factor 0.378 against 0.412) and 3 % slower under two busy processes
/// (0.900 against 0.877), where 2 threads still beat 1 (1.04); so spinning stays on.
///
/// # Errors
/// [`Error::Model`] naming the model when it is missing or ONNX Runtime refuses it (not an
/// ONNX file, truncated, an operator it lacks).
pub fn session(environment: &Environment, model: &Path, threads: usize) -> Result<Session> {
    let fail = |message: String| Error::Model {
        path: model.to_owned(),
        message,
    };
    if !model.is_file() {
        return Err(fail("no such file".into()));
    }
    let fail_builder = |e: ort::Error<ort::session::builder::SessionBuilder>| fail(e.to_string());
    Session::builder(environment)
        .map_err(|e| fail(e.to_string()))?
        .with_intra_threads(threads.max(1))
        .map_err(fail_builder)?
        .with_inter_threads(1)
        .map_err(fail_builder)?
        // Every sentence has a new input length; ONNX Runtime's memory pattern is planned per
        // length, which made each new length 27 % slower (1.08 s against 0.85 s).
        .with_memory_pattern(false)
        .map_err(fail_builder)?
        .commit_from_file(model)
        .map_err(|e| fail(format!("ONNX Runtime cannot load it: {e}")))
}

/// The default number of threads for one voice: the cores this process may use.
pub fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}
