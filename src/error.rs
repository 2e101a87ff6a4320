//! The library's one error type.

use std::path::PathBuf;

/// Everything that can go wrong in tilmach, with what a user needs to fix it.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A language tag that names no served language.
    #[error("unsupported language '{tag}'; supported: {supported}")]
    UnsupportedLanguage {
        /// The tag asked for.
        tag: String,
        /// The served tags, comma-separated.
        supported: String,
    },
    /// The engine cannot do what was asked (a language it has no voice for, a format it cannot
    /// render to).
    #[error("{engine} does not support {what}")]
    Unsupported {
        /// The engine's name.
        engine: String,
        /// What it cannot do.
        what: String,
    },
    /// Text that cannot be spoken: empty, only control characters, or otherwise unusable.
    #[error("invalid text: {0}")]
    InvalidText(String),
    /// Speech markup that is not in the subset tilmach reads, with its position.
    #[error("speech markup")]
    Markup(#[from] crate::text::markup::MarkupError),
    /// Input bytes that are not UTF-8.
    #[error("{source_name} is not valid UTF-8 (first bad byte at offset {offset})")]
    InvalidUtf8 {
        /// Where the text came from (a path, `standard input`).
        source_name: String,
        /// Byte offset of the first invalid sequence.
        offset: usize,
    },
    /// A speech engine failed.
    #[error("speech engine {engine}: {message}")]
    Engine {
        /// The engine's name.
        engine: String,
        /// What went wrong.
        message: String,
    },
    /// One call would produce more audio than the documented cap.
    #[error("output too long: {what}")]
    OutputTooLong {
        /// Which limit was hit.
        what: String,
    },
    /// Audio that cannot be read, written or converted.
    #[error("audio: {0}")]
    Audio(String),
    /// A configuration file or value that is not valid.
    #[error("{path}: {message}")]
    Config {
        /// The file.
        path: PathBuf,
        /// What is wrong, with the line where known.
        message: String,
    },
    /// A speech recognition model that cannot be used.
    #[error("model {}: {message}", path.display())]
    Model {
        /// The model file.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// A Fluent file that cannot be used.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Ftl {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column, in characters.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// An exchange file (XLIFF or PO) that cannot be read.
    #[error("{}:{line}: {message}", path.display())]
    Exchange {
        /// The file.
        path: PathBuf,
        /// 1-based line of the problem; 0 when it is about the whole file.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// An import that was refused before anything was written, with every reason.
    #[error("nothing was imported:\n  {}", problems.join("\n  "))]
    ImportRefused {
        /// What is wrong, one line each (file, line, message id, what).
        problems: Vec<String>,
    },
    /// A message that exists in no locale.
    #[error("no message '{id}' in {lang} or the reference locale")]
    MissingMessage {
        /// The message id (with `.attribute` if one was asked for).
        id: String,
        /// The locale asked for.
        lang: crate::lang::Language,
    },
    /// A guide id that does not exist.
    #[error("no guide '{id}'; guides: {known}")]
    UnknownGuide {
        /// The id asked for.
        id: String,
        /// The ids that exist, comma-separated.
        known: String,
    },
    /// A prompt id that does not exist.
    #[error("no prompt '{id}'; see `tilmach prompt list`")]
    UnknownPrompt {
        /// The id asked for.
        id: String,
    },
    /// A file or stream larger than tilmach reads for its kind (see [`crate::bounded`]).
    #[error("{source_name}: larger than {limit} bytes, the most {what} may have")]
    TooLarge {
        /// The file's path or the stream's name.
        source_name: String,
        /// The limit in bytes.
        limit: u64,
        /// What kind of input it is ("a text", "an import file").
        what: &'static str,
    },
    /// An I/O error on a named file.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// An I/O error on a stream (a pipe, a socket, standard output).
    #[error(transparent)]
    Stream(#[from] std::io::Error),
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Wraps an I/O error with the path it happened on.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}
