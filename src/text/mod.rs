//! Text before it reaches an engine: cleaning, the spoken form of numbers, sentence splitting,
//! and the speech markup subset ([`markup`]; parsed here, never by the engine).

pub mod markup;
mod normalize;
mod sanitize;
mod sentences;

pub use normalize::{normalize, say_as};
pub(crate) use sanitize::is_han;
pub use sanitize::{removed_controls, sanitize, MAX_WORD_CHARS};
pub use sentences::{split_sentences, MAX_CHUNK_CHARS};
