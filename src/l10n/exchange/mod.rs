//! Exchange with CAT tools: `tilmach l10n export` writes a locale as XLIFF 1.2 or gettext PO,
//! `tilmach l10n import` puts a translated file back into the locale's Fluent files.
//!
//! Each message's value and each of its attributes is one unit, named `id` or `id.attribute`
//! (terms `-id`), in the file it lives in. A unit carries the reference (`zh-Hans-CN`) text as its
//! source, the locale's text as its target and the message's comment (review marks included) as
//! a translator note. Texts are Fluent pattern syntax with the indentation removed, so
//! placeables (`{ $count }`), selectors with their variants, and multi-line values travel as
//! they are and come back unchanged.
//!
//! Import never loses work: it validates everything first (the exchange file, each message it
//! would write, each whole file, and the locale's checks: an import that would add an error is
//! refused); it rewrites only the messages whose text or comment changed and leaves every other
//! byte of a file as it was; it never removes a message or an attribute; and it writes each file
//! to a temporary file first and renames it into place only when all are written.
//!
//! Units without a translation (no target, an empty one, or PO's `fuzzy`) are not imported. A
//! message the reference locale does not have is not exported (import keeps it).

mod atomic;
mod po;
mod xliff;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::fs::File;
use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::str::FromStr;

use super::check::{self, Severity};
use super::document::{self, Document, EntrySpan, Kind};
use super::{source, syntax};
use crate::lang::Language;
use crate::{Error, Result};

pub use atomic::write_atomic;

/// Exchange files larger than this are refused (a whole locale is a few hundred kilobytes).
pub const MAX_EXCHANGE_BYTES: usize = 64 << 20;

/// An exchange format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Format {
    /// XLIFF 1.2 (`.xlf`): one `<file>` per Fluent file, one `<trans-unit>` per text.
    Xliff,
    /// gettext PO (`.po`): `msgctxt` is `file:id`, `msgid` the source, `msgstr` the translation.
    Po,
}

impl Format {
    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Xliff => "xlf",
            Format::Po => "po",
        }
    }

    /// The format of an exchange file, by its extension, else by its first characters (`<`:
    /// XLIFF).
    pub fn detect(path: &Path, bytes: &[u8]) -> Format {
        match path.extension().and_then(|e| e.to_str()) {
            Some("po" | "pot") => Format::Po,
            Some("xlf" | "xliff" | "xml") => Format::Xliff,
            _ => {
                let start = bytes
                    .strip_prefix(b"\xEF\xBB\xBF")
                    .unwrap_or(bytes)
                    .iter()
                    .find(|b| !b.is_ascii_whitespace());
                if start == Some(&b'<') {
                    Format::Xliff
                } else {
                    Format::Po
                }
            }
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Xliff => "xliff",
            Format::Po => "po",
        })
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Format, String> {
        match s.to_ascii_lowercase().as_str() {
            "xliff" | "xlf" => Ok(Format::Xliff),
            "po" => Ok(Format::Po),
            _ => Err(format!("unknown exchange format '{s}'; formats: xliff, po")),
        }
    }
}

/// One translatable text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unit {
    /// The Fluent file, relative to the locale's directory, `/`-separated.
    pub file: String,
    /// `id`, `id.attribute`, `-term` or `-term.attribute`.
    pub id: String,
    /// The reference locale's text.
    pub source: String,
    /// The locale's text, if it has one.
    pub target: Option<String>,
    /// The locale's comment on the message (only on a message's first unit).
    pub comment: Option<String>,
    /// The reference's comment on the message, for the translator (not imported).
    pub source_comment: Option<String>,
}

/// An exchange file's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Exchange {
    /// The source locale's tag.
    pub source_lang: String,
    /// The target locale's tag.
    pub target_lang: String,
    /// The units, in order.
    pub units: Vec<Unit>,
}

/// One locale file, read for exchange.
struct LocaleDoc {
    rel: String,
    path: PathBuf,
    bom: bool,
    doc: Document,
}

/// `path` relative to `dir`, `/`-separated.
fn relative(dir: &Path, path: &Path) -> String {
    path.strip_prefix(dir)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// Reads one file for exchange: it must be clean UTF-8 Fluent without syntax errors, since
/// rewriting a file that does not parse could lose what is in it.
fn read_doc(dir: &Path, path: &Path) -> Result<LocaleDoc> {
    let bytes = crate::bounded::read_file(path, source::MAX_FILE_BYTES as u64, "a locale file")?;
    let decoded = source::decode(&bytes);
    if let Some(issue) = decoded
        .issues
        .iter()
        .find(|i| i.kind != source::IssueKind::Bom)
    {
        return Err(Error::Ftl {
            path: path.to_owned(),
            line: issue.line,
            column: issue.column,
            message: format!("{} (see `tilmach l10n check`)", issue.message),
        });
    }
    if let Err((_, errors)) = fluent_syntax::parser::parse(decoded.text.as_str()) {
        let (line, column) = syntax::line_column(&decoded.text, errors[0].pos.start);
        return Err(Error::Ftl {
            path: path.to_owned(),
            line,
            column,
            message: format!("{} (see `tilmach l10n check`)", errors[0].kind),
        });
    }
    Ok(LocaleDoc {
        rel: relative(dir, path),
        path: path.to_owned(),
        bom: decoded.bom,
        doc: Document::parse(decoded.text),
    })
}

fn read_locale(root: &Path, lang: Language) -> Result<Vec<LocaleDoc>> {
    let dir = root.join(lang.tag());
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    super::ftl_files(&dir)?
        .iter()
        .map(|p| read_doc(&dir, p))
        .collect()
}

/// Message and term ids → (document, entry), first definition first.
fn index(docs: &[LocaleDoc]) -> BTreeMap<&str, (usize, usize)> {
    let mut out = BTreeMap::new();
    for (d, doc) in docs.iter().enumerate() {
        for (e, entry) in doc.doc.entries.iter().enumerate() {
            if let Some(id) = &entry.id {
                out.entry(id.as_str()).or_insert((d, e));
            }
        }
    }
    out
}

fn comment_text(entry: &EntrySpan) -> Option<String> {
    entry.comment.as_ref().map(|lines| lines.join("\n"))
}

/// The units of `lang`: every message and term of the reference locale, with `lang`'s text.
fn units(root: &Path, lang: Language) -> Result<Vec<Unit>> {
    let reference = read_locale(root, Language::REFERENCE)?;
    if reference.is_empty() {
        return Err(Error::io(
            root.join(Language::REFERENCE.tag()),
            std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "the reference locale has no files",
            ),
        ));
    }
    let target = if lang == Language::REFERENCE {
        Vec::new()
    } else {
        read_locale(root, lang)?
    };
    let target_index = index(&target);
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for rdoc in &reference {
        for entry in &rdoc.doc.entries {
            let Some(id) = entry.id.as_deref() else {
                continue;
            };
            if !seen.insert(id) {
                continue;
            }
            let found = target_index
                .get(id)
                .map(|&(d, e)| (&target[d], &target[d].doc.entries[e]));
            let file = found.map_or(&rdoc.rel, |(d, _)| &d.rel).clone();
            let mut pieces: Vec<(String, String, Option<String>)> = Vec::new();
            if let Some(source) = rdoc.doc.value_text(entry) {
                let target = match found {
                    Some((d, e)) => d.doc.value_text(e),
                    None if lang == Language::REFERENCE => Some(source.clone()),
                    None => None,
                };
                pieces.push((id.to_owned(), source, target));
            }
            let target_attributes = found.map(|(d, e)| d.doc.attribute_texts(e));
            for (name, source) in rdoc.doc.attribute_texts(entry) {
                let target = match &target_attributes {
                    Some(attrs) => attrs
                        .iter()
                        .find(|(n, _)| *n == name)
                        .map(|(_, t)| t.clone()),
                    None if lang == Language::REFERENCE => Some(source.clone()),
                    None => None,
                };
                pieces.push((format!("{id}.{name}"), source, target));
            }
            let (comment, source_comment) = if lang == Language::REFERENCE {
                (comment_text(entry), None)
            } else {
                (
                    found.and_then(|(_, e)| comment_text(e)),
                    comment_text(entry),
                )
            };
            for (k, (uid, source, target)) in pieces.into_iter().enumerate() {
                out.push(Unit {
                    file: file.clone(),
                    id: uid,
                    source,
                    target,
                    comment: if k == 0 { comment.clone() } else { None },
                    source_comment: if k == 0 { source_comment.clone() } else { None },
                });
            }
        }
    }
    Ok(out)
}

/// Exports `lang`'s locale files under `root` as `format`: every message and term of the
/// reference locale, with `lang`'s translation where it has one.
///
/// # Errors
/// [`Error::Ftl`] for a locale file that does not parse cleanly (fix it first: `tilmach l10n
/// check`), [`Error::Io`] for unreadable files or a reference locale without files,
/// [`Error::InvalidText`] for a text with a character the format cannot carry (a control
/// character).
pub fn export(root: &Path, lang: Language, format: Format) -> Result<String> {
    let exchange = Exchange {
        source_lang: Language::REFERENCE.tag().to_owned(),
        target_lang: lang.tag().to_owned(),
        units: units(root, lang)?,
    };
    write(&exchange, format)
}

fn write(exchange: &Exchange, format: Format) -> Result<String> {
    for u in &exchange.units {
        let texts = [Some(&u.source), u.target.as_ref(), u.comment.as_ref()];
        if let Some(c) = texts
            .iter()
            .flatten()
            .flat_map(|t| t.chars())
            .find(|&c| c.is_control() && c != '\n' && c != '\t')
        {
            return Err(Error::InvalidText(format!(
                "{} in {}: control character U+{:04X} cannot be exported; remove it (see \
                 `tilmach l10n check`)",
                u.id, u.file, c as u32
            )));
        }
    }
    Ok(match format {
        Format::Xliff => xliff::write(exchange),
        Format::Po => po::write(exchange),
    })
}

fn read(path: &Path, bytes: &[u8]) -> Result<Exchange> {
    let bad = |line: usize, message: String| Error::Exchange {
        path: path.to_owned(),
        line,
        message,
    };
    if bytes.len() > MAX_EXCHANGE_BYTES {
        return Err(bad(
            0,
            format!(
                "the file has {} bytes; at most {MAX_EXCHANGE_BYTES} are read",
                bytes.len()
            ),
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        bad(line, "not valid UTF-8".to_owned())
    })?;
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let result = match Format::detect(path, bytes) {
        Format::Xliff => xliff::read(text),
        Format::Po => po::read(text),
    };
    result.map_err(|(line, message)| bad(line, message))
}

/// What one file will look like after an import.
#[derive(Debug, Clone)]
struct FilePlan {
    path: PathBuf,
    rel: String,
    /// The bytes to write.
    new: Vec<u8>,
    created: bool,
    added: Vec<String>,
    changed: Vec<String>,
}

/// A validated import, ready to write: what [`plan_import`] found would change.
#[derive(Debug, Clone)]
pub struct ImportPlan {
    lang: Language,
    files: Vec<FilePlan>,
    unchanged: usize,
    untranslated: usize,
}

impl ImportPlan {
    /// The locale imported into.
    pub fn locale(&self) -> Language {
        self.lang
    }

    /// Whether the import changes nothing.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Writes the changed files: each to a temporary file beside it, then, when all are written,
    /// each renamed into place.
    ///
    /// # Errors
    /// [`Error::Io`] naming the file; when writing a temporary file fails, no file is changed.
    pub fn apply(&self) -> Result<()> {
        self.apply_with(&|f| Box::new(f))
    }

    /// [`ImportPlan::apply`], writing through `wrap` (tests pass a writer that fails midway).
    fn apply_with(&self, wrap: &dyn Fn(File) -> Box<dyn Write>) -> Result<()> {
        let mut written: Vec<(PathBuf, &Path)> = Vec::new();
        for f in &self.files {
            let result = f
                .path
                .parent()
                .map_or(Ok(()), std::fs::create_dir_all)
                .map_err(|e| Error::io(&f.path, e))
                .and_then(|()| atomic::write_temporary(&f.path, &f.new, wrap));
            match result {
                Ok(tmp) => written.push((tmp, &f.path)),
                Err(e) => {
                    for (tmp, _) in &written {
                        let _ = std::fs::remove_file(tmp);
                    }
                    return Err(e);
                }
            }
        }
        for (tmp, path) in &written {
            std::fs::rename(tmp, path).map_err(|e| Error::io(*path, e))?;
        }
        Ok(())
    }

    /// What the import changes (or, before [`ImportPlan::apply`], would change), for a person.
    pub fn summary(&self, written: bool) -> String {
        let added: usize = self.files.iter().map(|f| f.added.len()).sum();
        let changed: usize = self.files.iter().map(|f| f.changed.len()).sum();
        let mut out = format!(
            "{}: {added} messages added, {changed} changed, {} unchanged, {} units without \
             a translation skipped; {} files {}\n",
            self.lang.tag(),
            self.unchanged,
            self.untranslated,
            self.files.len(),
            if written {
                "written"
            } else {
                "would be written"
            }
        );
        for f in &self.files {
            out.push_str(&format!(
                "  {}/{}{}\n",
                self.lang.tag(),
                f.rel,
                if f.created { " (new file)" } else { "" }
            ));
            if !f.added.is_empty() {
                out.push_str(&format!("    added: {}\n", f.added.join(", ")));
            }
            if !f.changed.is_empty() {
                out.push_str(&format!("    changed: {}\n", f.changed.join(", ")));
            }
        }
        out
    }
}

/// Whether `id` is a Fluent message or term identifier.
fn valid_id(id: &str) -> bool {
    let body = id.strip_prefix('-').unwrap_or(id);
    body.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && body
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// Whether `rel` is a safe path for a Fluent file inside a locale directory.
fn valid_file(rel: &str) -> bool {
    let p = Path::new(rel);
    rel.ends_with(".ftl")
        && !rel.contains('\\')
        && p.components().all(|c| matches!(c, Component::Normal(_)))
}

/// The units of one message, gathered.
struct Incoming<'u> {
    file: &'u str,
    id: &'u str,
    value: Option<&'u str>,
    attributes: Vec<(&'u str, &'u str)>,
    comment: Option<&'u str>,
}

/// Reads an exchange file and works out, and validates, what importing it into the locale
/// files under `root` changes. Nothing is written: call [`ImportPlan::apply`].
///
/// # Errors
/// [`Error::Exchange`] for an exchange file that cannot be read (with its line);
/// [`Error::UnsupportedLanguage`] for a target language that is not served; [`Error::Ftl`] for
/// a locale file that does not parse cleanly; [`Error::ImportRefused`] listing every problem
/// found: a bad unit id or file name, a translation that is not valid Fluent or would not read
/// back the same, a message the file would lose, or an error `tilmach l10n check` would report
/// after the import and does not report now.
pub fn plan_import(root: &Path, path: &Path, bytes: &[u8]) -> Result<ImportPlan> {
    let exchange = read(path, bytes)?;
    let lang = Language::from_tag(&exchange.target_lang)?;
    let mut problems = Vec::new();
    let mut untranslated = 0;
    // Gather units by message, in order.
    let mut messages: Vec<Incoming<'_>> = Vec::new();
    let mut position: BTreeMap<&str, usize> = BTreeMap::new();
    for u in &exchange.units {
        let (id, attribute) = match u.id.split_once('.') {
            Some((id, a)) => (id, Some(a)),
            None => (u.id.as_str(), None),
        };
        if !valid_id(id) || attribute.is_some_and(|a| a.starts_with('-') || !valid_id(a)) {
            problems.push(format!("{}: '{}' is not a Fluent message id", u.file, u.id));
            continue;
        }
        if !valid_file(&u.file) {
            problems.push(format!(
                "{}: '{}' is not a Fluent file inside the locale directory",
                u.id, u.file
            ));
            continue;
        }
        let k = *position.entry(id).or_insert_with(|| {
            messages.push(Incoming {
                file: &u.file,
                id,
                value: None,
                attributes: Vec::new(),
                comment: None,
            });
            messages.len() - 1
        });
        let m = &mut messages[k];
        if m.comment.is_none() {
            m.comment = u.comment.as_deref();
        }
        match u.target.as_deref().filter(|t| !t.trim().is_empty()) {
            None => untranslated += 1,
            Some(t) => match attribute {
                None => m.value = Some(t),
                Some(a) => m.attributes.push((a, t)),
            },
        }
    }
    let dir = root.join(lang.tag());
    let docs = read_locale(root, lang)?;
    let existing = index(&docs);
    // Edits per file: (rel → (replacements, appended text, added ids, changed ids)).
    struct Edits {
        replace: Vec<(std::ops::Range<usize>, String)>,
        append: String,
        added: Vec<String>,
        changed: Vec<String>,
    }
    let mut edits: BTreeMap<String, Edits> = BTreeMap::new();
    let mut unchanged = 0;
    for m in &messages {
        let found = existing
            .get(m.id)
            .map(|&(d, e)| (&docs[d], &docs[d].doc.entries[e]));
        let old_value = found.and_then(|(d, e)| d.doc.value_text(e));
        let old_attributes = found.map_or_else(Vec::new, |(d, e)| d.doc.attribute_texts(e));
        let old_comment = found.and_then(|(_, e)| comment_text(e));
        let value = m.value.map(str::to_owned).or_else(|| old_value.clone());
        let mut attributes = old_attributes.clone();
        for (name, text) in &m.attributes {
            match attributes.iter_mut().find(|(n, _)| n == name) {
                Some(slot) => slot.1 = (*text).to_owned(),
                None => attributes.push(((*name).to_owned(), (*text).to_owned())),
            }
        }
        let comment = m.comment.map(str::to_owned).or_else(|| old_comment.clone());
        if value.is_none() && attributes.is_empty() {
            continue;
        }
        if found.is_some()
            && value == old_value
            && attributes == old_attributes
            && comment == old_comment
        {
            unchanged += 1;
            continue;
        }
        let rendered =
            document::render_message(m.id, comment.as_deref(), value.as_deref(), &attributes);
        if let Err(why) = faithful(
            &rendered,
            m.id,
            value.as_deref(),
            &attributes,
            comment.as_deref(),
        ) {
            problems.push(format!("{}: {}: {why}", m.file, m.id));
            continue;
        }
        let rel = found.map_or_else(|| m.file.to_owned(), |(d, _)| d.rel.clone());
        let e = edits.entry(rel).or_insert_with(|| Edits {
            replace: Vec::new(),
            append: String::new(),
            added: Vec::new(),
            changed: Vec::new(),
        });
        match found {
            Some((_, entry)) => {
                e.replace.push((entry.span.clone(), rendered));
                e.changed.push(m.id.to_owned());
            }
            None => {
                e.append.push_str(&rendered);
                e.added.push(m.id.to_owned());
            }
        }
    }
    if !problems.is_empty() {
        return Err(Error::ImportRefused { problems });
    }
    let mut files = Vec::new();
    for (rel, mut e) in edits {
        let old = docs.iter().find(|d| d.rel == rel);
        let mut text = old.map_or_else(String::new, |d| d.doc.text.clone());
        e.replace.sort_by_key(|(r, _)| std::cmp::Reverse(r.start));
        for (range, new) in &e.replace {
            text.replace_range(range.clone(), new);
        }
        if !e.append.is_empty() {
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            text.push_str(&e.append);
        }
        if let Some(d) = old {
            if let Some(lost) = lost_entries(&d.doc, &text) {
                problems.push(format!(
                    "{}/{rel}: the import would lose {lost}",
                    lang.tag()
                ));
            }
        }
        let mut bytes = Vec::with_capacity(text.len() + 3);
        if old.is_some_and(|d| d.bom) {
            bytes.extend_from_slice(b"\xEF\xBB\xBF");
        }
        bytes.extend_from_slice(text.as_bytes());
        files.push(FilePlan {
            path: old.map_or_else(|| dir.join(&rel), |d| d.path.clone()),
            rel,
            new: bytes,
            created: old.is_none(),
            added: e.added,
            changed: e.changed,
        });
    }
    if !problems.is_empty() {
        return Err(Error::ImportRefused { problems });
    }
    if !files.is_empty() {
        new_errors(root, lang, &files, &mut problems);
    }
    if !problems.is_empty() {
        return Err(Error::ImportRefused { problems });
    }
    Ok(ImportPlan {
        lang,
        files,
        unchanged,
        untranslated,
    })
}

/// Checks that `rendered` is one valid Fluent entry that reads back as the same texts.
fn faithful(
    rendered: &str,
    id: &str,
    value: Option<&str>,
    attributes: &[(String, String)],
    comment: Option<&str>,
) -> std::result::Result<(), String> {
    let decoded = source::decode(rendered.as_bytes());
    if let Some(issue) = decoded.issues.first() {
        return Err(format!("the translation is not usable: {}", issue.message));
    }
    if let Err((_, errors)) = fluent_syntax::parser::parse(decoded.text.as_str()) {
        let (line, column) = syntax::line_column(&decoded.text, errors[0].pos.start);
        return Err(format!(
            "the translation is not valid Fluent ({} at line {line}, column {column} of the \
             message as written)",
            errors[0].kind
        ));
    }
    let doc = Document::parse(decoded.text);
    let entries: Vec<&EntrySpan> = doc
        .entries
        .iter()
        .filter(|e| matches!(e.kind, Kind::Message | Kind::Term))
        .collect();
    let [entry] = entries.as_slice() else {
        return Err("the translation does not read back as one message".to_owned());
    };
    if entry.id.as_deref() != Some(id)
        || doc.value_text(entry).as_deref() != value
        || doc.attribute_texts(entry) != attributes
        || comment_text(entry).as_deref() != comment
    {
        return Err(
            "the translation would not read back the same (check its line breaks and \
             indentation)"
                .to_owned(),
        );
    }
    Ok(())
}

/// The first message, term or attribute of `old` that `new_text` does not have, if any.
fn lost_entries(old: &Document, new_text: &str) -> Option<String> {
    let new = Document::parse(new_text.to_owned());
    let by_id: BTreeMap<&str, &EntrySpan> = new
        .entries
        .iter()
        .filter_map(|e| e.id.as_deref().map(|id| (id, e)))
        .collect();
    for e in &old.entries {
        let Some(id) = &e.id else { continue };
        let Some(n) = by_id.get(id.as_str()) else {
            return Some(format!("'{id}'"));
        };
        for a in &e.attributes {
            if !n.attributes.iter().any(|b| b.name == a.name) {
                return Some(format!("'{id}.{}'", a.name));
            }
        }
        if e.value.is_some() && n.value.is_none() {
            return Some(format!("the value of '{id}'"));
        }
    }
    None
}

/// Errors `l10n check` reports in `lang` with the new files and not without them.
fn new_errors(root: &Path, lang: Language, files: &[FilePlan], problems: &mut Vec<String>) {
    // Messages may quote line numbers, which an import moves: compare without them.
    let key = |f: &check::Finding| (f.rule, f.message_id.clone(), f.file.clone());
    let errors = |report: &check::Report| -> Vec<check::Finding> {
        report
            .findings
            .iter()
            .filter(|f| f.locale == lang.tag() && f.severity == Severity::Error)
            .cloned()
            .collect()
    };
    let before = errors(&check::check(root));
    let mut before_keys: BTreeMap<_, usize> = BTreeMap::new();
    for f in &before {
        *before_keys.entry(key(f)).or_default() += 1;
    }
    let overlay: BTreeMap<PathBuf, Vec<u8>> = files
        .iter()
        .map(|f| (f.path.clone(), f.new.clone()))
        .collect();
    for f in errors(&check::check_with(root, &overlay)) {
        match before_keys.get_mut(&key(&f)) {
            Some(n) if *n > 0 => *n -= 1,
            _ => problems.push(format!("after the import, `l10n check` would report: {f}")),
        }
    }
}

#[cfg(test)]
mod tests;
