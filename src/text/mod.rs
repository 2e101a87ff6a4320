//! Text before it reaches an engine: cleaning and sentence splitting.

mod sanitize;
mod sentences;

pub use sanitize::{sanitize, MAX_WORD_CHARS};
pub use sentences::{split_sentences, MAX_CHUNK_CHARS};
