//! Integration tests: the real `tilmach` binary and the real embedded engine.

mod util;

mod agi;
#[cfg(feature = "server")]
mod browser;
mod devices;
mod engine;
#[cfg(all(feature = "server", feature = "espeak"))]
mod fuzz;
mod guide;
mod l10n;
mod listen;
mod mandarin;
mod markup;
mod mongolian;
#[cfg(feature = "neural")]
mod neural;
mod pack;
#[cfg(feature = "server")]
mod server;
mod speak;
mod text;
mod transcribe;
