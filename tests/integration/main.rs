//! Integration tests: the real `tilmach` binary and the real embedded engine.

mod util;

mod devices;
mod engine;
mod guide;
mod l10n;
mod listen;
mod mandarin;
mod markup;
mod mongolian;
mod speak;
mod text;
