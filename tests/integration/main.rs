//! Integration tests: the real `tilmach` binary and the real embedded engine.

mod util;

mod engine;
mod guide;
mod l10n;
mod mongolian;
mod speak;
mod text;
