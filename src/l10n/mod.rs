//! Fluent catalogs: the locale files under `locales/`, loaded with file/line errors, formatted
//! with arguments, falling back to the reference locale (`zh-Hans-CN`) with a warning the caller
//! can read.
//!
//! Each locale has two bundles over the same resources: one for display, which keeps Fluent's
//! bidirectional isolation marks around placeables (right for HTML, where a Latin name inside
//! Uyghur text must not reorder it), and one for speech, which has none (marks must never reach a
//! speech engine).

pub mod check;
mod document;
pub mod exchange;
mod source;
mod syntax;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::FluentResource;
use fluent_syntax::ast::Entry;

pub use fluent_bundle::{FluentArgs, FluentValue};

use crate::lang::Language;
use crate::{Error, Result};

/// Whether text is for the eye or the ear.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Usage {
    /// On a screen or page: isolation marks kept around placeables.
    Display,
    /// For a speech engine: no isolation marks.
    Speech,
}

/// The review state of a translated message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Review {
    /// The reference locale: the source, nothing to review.
    Source,
    /// Written by the developers or a tool; awaiting a native speaker.
    Draft,
    /// Reviewed by a native speaker (the comment's text: who and when).
    Reviewed(String),
}

/// Something that went wrong while formatting without stopping it: the text was still produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// The message is missing in the requested locale; the reference locale's text was used.
    FellBack {
        /// The message id.
        id: String,
        /// The locale asked for.
        requested: Language,
    },
    /// Fluent reported a problem (an unknown variable, a cyclic reference …).
    Format {
        /// The message id.
        id: String,
        /// The locale.
        lang: Language,
        /// Fluent's description.
        message: String,
    },
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::FellBack { id, requested } => write!(
                f,
                "message '{id}' is missing in {requested}; used {}",
                Language::REFERENCE
            ),
            Warning::Format { id, lang, message } => write!(f, "{lang} '{id}': {message}"),
        }
    }
}

/// Where a message is defined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The file.
    pub path: PathBuf,
    /// Its 1-based line.
    pub line: usize,
}

struct MessageInfo {
    origin: Origin,
    variables: BTreeSet<String>,
    attributes: Vec<String>,
    review: Review,
}

struct Locale {
    display: FluentBundle<Arc<FluentResource>>,
    speech: FluentBundle<Arc<FluentResource>>,
    messages: BTreeMap<String, MessageInfo>,
}

/// The locale files of every served language.
pub struct Catalog {
    root: PathBuf,
    locales: HashMap<Language, Locale>,
}

impl Catalog {
    /// Loads `root/<tag>/**/*.ftl` for every served language. A locale without a directory has
    /// no messages of its own (everything falls back); the reference locale must exist.
    ///
    /// # Errors
    /// [`Error::Ftl`] naming the file, line and column of the first syntax error, a duplicate
    /// message id, or a file that is not UTF-8; [`Error::Io`] for unreadable files.
    pub fn load(root: &Path) -> Result<Catalog> {
        let reference_dir = root.join(Language::REFERENCE.tag());
        if !reference_dir.is_dir() {
            return Err(Error::io(
                &reference_dir,
                std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    "the reference locale's directory is missing",
                ),
            ));
        }
        let mut locales = HashMap::new();
        for lang in Language::ALL {
            let dir = root.join(lang.tag());
            let files = if dir.is_dir() {
                ftl_files(&dir)?
            } else {
                Vec::new()
            };
            locales.insert(lang, load_locale(lang, &files)?);
        }
        Ok(Catalog {
            root: root.to_owned(),
            locales,
        })
    }

    /// The directory the catalog was loaded from.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The message ids defined in `lang`, sorted.
    pub fn message_ids(&self, lang: Language) -> Vec<&str> {
        self.locales[&lang]
            .messages
            .keys()
            .map(String::as_str)
            .collect()
    }

    /// Whether `lang` itself defines `id`.
    pub fn has_message(&self, lang: Language, id: &str) -> bool {
        self.locales[&lang].messages.contains_key(id)
    }

    /// Where `lang` defines `id`.
    pub fn origin(&self, lang: Language, id: &str) -> Option<&Origin> {
        self.locales[&lang].messages.get(id).map(|m| &m.origin)
    }

    /// The `$variables` that `lang`'s `id` uses (value and attributes).
    pub fn variables(&self, lang: Language, id: &str) -> Option<&BTreeSet<String>> {
        self.locales[&lang].messages.get(id).map(|m| &m.variables)
    }

    /// The attribute names of `lang`'s `id`.
    pub fn attributes(&self, lang: Language, id: &str) -> Option<&[String]> {
        self.locales[&lang]
            .messages
            .get(id)
            .map(|m| m.attributes.as_slice())
    }

    /// The review state of `lang`'s `id`.
    pub fn review(&self, lang: Language, id: &str) -> Option<&Review> {
        self.locales[&lang].messages.get(id).map(|m| &m.review)
    }

    /// Formats message `id` (or its attribute `attribute`) in `lang`, falling back to the
    /// reference locale when `lang` lacks it. Problems that still produce text are pushed to
    /// `warnings`.
    ///
    /// # Errors
    /// [`Error::MissingMessage`] when neither `lang` nor the reference locale has it.
    pub fn format(
        &self,
        lang: Language,
        id: &str,
        attribute: Option<&str>,
        args: Option<&FluentArgs>,
        usage: Usage,
        warnings: &mut Vec<Warning>,
    ) -> Result<String> {
        let served = if self.pattern_exists(lang, id, attribute) {
            lang
        } else if self.pattern_exists(Language::REFERENCE, id, attribute) {
            warnings.push(Warning::FellBack {
                id: id.to_owned(),
                requested: lang,
            });
            Language::REFERENCE
        } else {
            return Err(Error::MissingMessage {
                id: match attribute {
                    Some(a) => format!("{id}.{a}"),
                    None => id.to_owned(),
                },
                lang,
            });
        };
        let locale = &self.locales[&served];
        let bundle = match usage {
            Usage::Display => &locale.display,
            Usage::Speech => &locale.speech,
        };
        let message = bundle.get_message(id).expect("checked above");
        let pattern = match attribute {
            Some(a) => message.get_attribute(a).expect("checked above").value(),
            None => message.value().expect("checked above"),
        };
        let mut errors = Vec::new();
        let text = bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned();
        warnings.extend(errors.into_iter().map(|e| Warning::Format {
            id: id.to_owned(),
            lang: served,
            message: e.to_string(),
        }));
        Ok(text)
    }

    fn pattern_exists(&self, lang: Language, id: &str, attribute: Option<&str>) -> bool {
        let Some(message) = self.locales[&lang].display.get_message(id) else {
            return false;
        };
        match attribute {
            Some(a) => message.get_attribute(a).is_some(),
            None => message.value().is_some(),
        }
    }

    /// Shorthand for speech text without arguments; warnings are dropped.
    ///
    /// # Errors
    /// As [`Catalog::format`].
    pub fn speech(&self, lang: Language, id: &str) -> Result<String> {
        self.format(lang, id, None, None, Usage::Speech, &mut Vec::new())
    }
}

/// Every `.ftl` file under `dir`, sorted by path.
fn ftl_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).map_err(|e| Error::io(&d, e))? {
            let path = entry.map_err(|e| Error::io(&d, e))?.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "ftl") {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

fn ftl_error(path: &Path, source: &str, offset: usize, message: impl Into<String>) -> Error {
    let (line, column) = syntax::line_column(source, offset);
    Error::Ftl {
        path: path.to_owned(),
        line,
        column,
        message: message.into(),
    }
}

/// Reads and parses one file.
///
/// # Errors
/// As [`Catalog::load`].
pub fn parse_file(path: &Path) -> Result<(String, FluentResource)> {
    let bytes = crate::bounded::read_file(path, source::MAX_FILE_BYTES as u64, "a locale file")?;
    parse_bytes(path, bytes)
}

/// Parses the contents of one locale file; `path` names it in errors.
///
/// # Errors
/// [`Error::Ftl`] naming `path`, the line and the column: bad UTF-8, placeables nested too
/// deep, or a Fluent syntax error.
pub fn parse_bytes(path: &Path, bytes: Vec<u8>) -> Result<(String, FluentResource)> {
    let source = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(&e.into_bytes()[..offset]).into_owned();
        ftl_error(path, &text, offset, "not valid UTF-8")
    })?;
    let (depth, at) = syntax::max_brace_depth(&source);
    if depth > syntax::MAX_NESTING {
        return Err(ftl_error(
            path,
            &source,
            at,
            format!(
                "placeables nested {depth} deep (at most {} allowed)",
                syntax::MAX_NESTING
            ),
        ));
    }
    if let Some(at) = syntax::first_bad_escape(&source) {
        return Err(ftl_error(
            path,
            &source,
            at,
            "a \\u escape needs 4 hex digits (\\U 6) and this one runs into a non-ASCII \
             character (write the character itself)",
        ));
    }
    match FluentResource::try_new(source.clone()) {
        Ok(resource) => Ok((source, resource)),
        Err((_, errors)) => {
            let first = &errors[0];
            Err(ftl_error(
                path,
                &source,
                first.pos.start,
                format!("{:?}", first.kind),
            ))
        }
    }
}

fn load_locale(lang: Language, files: &[PathBuf]) -> Result<Locale> {
    let mut display = FluentBundle::new_concurrent(vec![lang.langid()]);
    let mut speech = FluentBundle::new_concurrent(vec![lang.langid()]);
    speech.set_use_isolating(false);
    let mut messages: BTreeMap<String, MessageInfo> = BTreeMap::new();
    for path in files {
        let (source, resource) = parse_file(path)?;
        // The runtime resource drops comments; the full syntax tree has the review marks.
        let full =
            fluent_syntax::parser::parse(source.as_str()).unwrap_or_else(|(partial, _)| partial);
        let mut file_review = if lang == Language::REFERENCE {
            Review::Source
        } else {
            Review::Draft
        };
        let mut offset_hint = 0usize;
        for entry in &full.body {
            match entry {
                Entry::ResourceComment(c) => {
                    if let Some(mark) = syntax::review_mark(&c.content) {
                        if lang != Language::REFERENCE && mark.starts_with("reviewed") {
                            file_review = Review::Reviewed(mark);
                        }
                    }
                }
                Entry::Message(m) => {
                    let id = m.id.name;
                    let start = find_entry(&source, id, offset_hint);
                    offset_hint = start;
                    let line = syntax::line_column(&source, start).0;
                    if let Some(previous) = messages.get(id) {
                        return Err(ftl_error(
                            path,
                            &source,
                            start,
                            format!(
                                "message '{id}' is already defined at {}:{}",
                                previous.origin.path.display(),
                                previous.origin.line
                            ),
                        ));
                    }
                    let mut variables = BTreeSet::new();
                    if let Some(value) = &m.value {
                        syntax::pattern_variables(value, &mut variables);
                    }
                    for a in &m.attributes {
                        syntax::pattern_variables(&a.value, &mut variables);
                    }
                    let review = match m
                        .comment
                        .as_ref()
                        .and_then(|c| syntax::review_mark(&c.content))
                    {
                        _ if lang == Language::REFERENCE => Review::Source,
                        Some(mark) if mark.starts_with("reviewed") => Review::Reviewed(mark),
                        Some(_) => Review::Draft,
                        None => file_review.clone(),
                    };
                    messages.insert(
                        id.to_owned(),
                        MessageInfo {
                            origin: Origin {
                                path: path.clone(),
                                line,
                            },
                            variables,
                            attributes: m.attributes.iter().map(|a| a.id.name.to_owned()).collect(),
                            review,
                        },
                    );
                }
                Entry::Junk { content } => {
                    let start = source.find(content).unwrap_or(0);
                    return Err(ftl_error(path, &source, start, "unparsable entry"));
                }
                _ => {}
            }
        }
        let resource = Arc::new(resource);
        // Duplicates are reported above with both places; these cannot fail then.
        let _ = display.add_resource(Arc::clone(&resource));
        let _ = speech.add_resource(resource);
    }
    Ok(Locale {
        display,
        speech,
        messages,
    })
}

/// Byte offset of the line that defines `id` (`id =` at the start of a line), searching from
/// `from` first.
fn find_entry(source: &str, id: &str, from: usize) -> usize {
    let matches = |i: usize| {
        (i == 0 || source.as_bytes()[i - 1] == b'\n')
            && source[i + id.len()..]
                .trim_start_matches([' ', '\t'])
                .starts_with('=')
    };
    source[from..]
        .match_indices(id)
        .map(|(i, _)| i + from)
        .find(|&i| matches(i))
        .or_else(|| {
            source
                .match_indices(id)
                .map(|(i, _)| i)
                .find(|&i| matches(i))
        })
        .unwrap_or(0)
}

#[cfg(test)]
mod tests;
