//! Where a command's text comes from: arguments, a file, or standard input.

use std::path::{Path, PathBuf};

use tilmach::bounded;

/// The text of `words` joined by spaces, else of `file`, else of standard input.
pub fn read_text(words: &[String], file: Option<&Path>) -> anyhow::Result<String> {
    if !words.is_empty() {
        let text = words.join(" ");
        warn_about_controls(&text, "the arguments");
        return Ok(text);
    }
    let (bytes, name) = match file {
        Some(path) => (
            bounded::read_file(path, bounded::MAX_TEXT_BYTES, "a text")?,
            path.display().to_string(),
        ),
        None => (
            bounded::read_stream(
                std::io::stdin().lock(),
                "standard input",
                bounded::MAX_TEXT_BYTES,
                "a text",
            )?,
            "standard input".to_owned(),
        ),
    };
    let text = String::from_utf8(bytes).map_err(|e| tilmach::Error::InvalidUtf8 {
        source_name: name.clone(),
        offset: e.utf8_error().valid_up_to(),
    })?;
    warn_about_controls(&text, &name);
    Ok(text)
}

/// Tells the user when the text holds control characters or terminal escapes, which are removed
/// before speech, never spoken.
fn warn_about_controls(text: &str, name: &str) {
    let removed = tilmach::text::removed_controls(text);
    if removed > 0 {
        eprintln!(
            "tilmach: warning: {removed} control character(s) or terminal escape(s) in {name} are not spoken"
        );
    }
}

/// The text a command works on: words on the command line, `--file`, or standard input.
#[derive(clap::Args)]
pub struct TextArgs {
    /// Read the text from this file.
    #[arg(long, conflicts_with = "text")]
    file: Option<PathBuf>,
    /// The text (standard input when neither TEXT nor --file is given).
    text: Vec<String>,
}

impl TextArgs {
    /// Reads the text (see [`read_text`]).
    pub fn read(&self) -> anyhow::Result<String> {
        read_text(&self.text, self.file.as_deref())
    }
}
