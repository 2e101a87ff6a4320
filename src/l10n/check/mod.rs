//! `tilmach l10n check`: everything in the locale files that would break a kiosk, a prompt pack
//! or a listener, found before it ships.
//!
//! [`check`] reads every `locales/<tag>/**/*.ftl` and `locales/glossary.toml` and never stops
//! at a broken file: a syntax error, bad UTF-8, a byte-order mark, lone CR line ends, placeables
//! nested thousands deep — each is a [`Finding`] with its file, line and column, and the rest of
//! the file and the other files are still checked. Each finding has a stable [`Rule`] id and a
//! [`Severity`]; `tilmach l10n check` exits with status 1 when any finding is an error.
//!
//! The rules, by family: `syntax` and `encoding` (the file itself); `duplicate-id`,
//! `empty-value`, `missing-message`, `obsolete-message`, `missing-attribute`,
//! `obsolete-attribute`, `variable-parity`, `unknown-reference`, `reference-cycle`,
//! `reference-expansion`, `plural-coverage` (structure, against the reference locale
//! `zh-Hans-CN`); `script-uyghur`, `script-mongolian`, `script-mandarin-traditional`,
//! `invisible-character` (characters); `speakability-digits`, `speakability-markup` (what the
//! speech front end can say); `terminology` (the [`Glossary`]); `draft` (review state).
//! [`Rule::ALL`] lists them with a description each.
//!
//! The checks are pure: they read files and return a [`Report`]; they print nothing and need no
//! command-line parser.

mod glossary;
mod model;
mod script;
mod speech;
mod structure;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use serde::Serialize;

use self::model::FileFacts;
use super::source::IssueKind;
use super::Review;
use crate::lang::Language;

pub use glossary::{Glossary, Term};

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// For the record (drafts awaiting review).
    Info,
    /// Probably wrong; does not fail the check.
    Warning,
    /// Breaks something users would notice; `l10n check` exits with status 1.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

macro_rules! rules {
    ($($variant:ident => $id:literal, $doc:literal;)*) => {
        /// What a finding is about. The ids (`Rule::id`) are stable: scripts and CI may match
        /// on them.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[non_exhaustive]
        pub enum Rule {
            $(#[doc = $doc] #[serde(rename = $id)] $variant,)*
        }

        impl Rule {
            /// Every rule, in documentation order.
            pub const ALL: &'static [Rule] = &[$(Rule::$variant,)*];

            /// The stable id (`missing-message`).
            pub fn id(self) -> &'static str {
                match self {
                    $(Rule::$variant => $id,)*
                }
            }

            /// One line saying what the rule checks.
            pub fn description(self) -> &'static str {
                match self {
                    $(Rule::$variant => $doc,)*
                }
            }
        }
    };
}

rules! {
    Syntax => "syntax", "A Fluent syntax error, a file that cannot be read, or placeables nested too deep to parse safely.";
    Encoding => "encoding", "Bytes that are not UTF-8, lone CR line ends, U+FFFD in the text (errors); a byte-order mark (warning).";
    DuplicateId => "duplicate-id", "A message or term defined twice in one locale.";
    EmptyValue => "empty-value", "A value or attribute with no text, or a translation without the value its source has.";
    MissingMessage => "missing-message", "A message of the reference locale that the locale does not translate.";
    ObsoleteMessage => "obsolete-message", "A message the reference locale no longer has.";
    MissingAttribute => "missing-attribute", "An attribute of the reference message missing in the translation.";
    ObsoleteAttribute => "obsolete-attribute", "An attribute the reference message does not have.";
    VariableParity => "variable-parity", "The translation uses other `$variables` than its source.";
    UnknownReference => "unknown-reference", "A reference to a message, term or attribute that the locale does not define.";
    ReferenceCycle => "reference-cycle", "Messages or terms that reference each other in a cycle.";
    ReferenceExpansion => "reference-expansion", "A message whose references expand past the 100 placeables Fluent formats (a placeable bomb).";
    PluralCoverage => "plural-coverage", "A selector on a number without a variant for each CLDR plural category of the locale (error), or with a category the locale never selects (warning).";
    ScriptUyghur => "script-uyghur", "Uyghur text with letters outside the Uyghur Arabic alphabet: Arabic-only or Persian letters, presentation forms, diacritics, Cyrillic, Latin mixed into a word (errors); Latin words or Han (warnings).";
    ScriptMongolian => "script-mongolian", "Mongolian text outside the traditional script, or NNBSP, FVS and MVS where UTN #57 does not place them.";
    ScriptMandarinTraditional => "script-mandarin-traditional", "Traditional Chinese characters in Mandarin text that is served in simplified characters.";
    InvisibleCharacter => "invisible-character", "Bidi controls and control characters (errors); zero-width characters, direction marks and Mongolian selectors outside Mongolian (warnings).";
    SpeakabilityDigits => "speakability-digits", "A number the speech front end cannot say: a digit or numeric sign left after `text::normalize`.";
    SpeakabilityMarkup => "speakability-markup", "A value written as SSML (`<speak…`) that is not well-formed XML.";
    Terminology => "terminology", "A translation of a source with a glossary term that does not use the term's approved form.";
    Draft => "draft", "Messages still awaiting a native speaker's review (info).";
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl FromStr for Rule {
    type Err = String;
    fn from_str(s: &str) -> Result<Rule, String> {
        Rule::ALL
            .iter()
            .copied()
            .find(|r| r.id() == s)
            .ok_or_else(|| format!("no rule '{s}'"))
    }
}

/// One problem found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The locale's tag (its directory name); empty for the glossary.
    pub locale: String,
    /// The file (the locales directory joined with the file's path in it).
    pub file: PathBuf,
    /// 1-based line; 0 when the finding is about the whole file or directory.
    pub line: usize,
    /// 1-based column in characters, where it is known.
    pub column: Option<usize>,
    /// The message (or `-term`, or `message.attribute`) concerned, if any.
    pub message_id: Option<String>,
    /// What kind of problem.
    pub rule: Rule,
    /// How bad.
    pub severity: Severity,
    /// What is wrong, for a person.
    pub message: String,
}

impl fmt::Display for Finding {
    /// `file:line[:column]: severity[rule] locale message-id: message` (no locale for the glossary)
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file.display(), self.line)?;
        if let Some(c) = self.column {
            write!(f, ":{c}")?;
        }
        write!(f, ": {}[{}] ", self.severity, self.rule)?;
        if !self.locale.is_empty() {
            write!(f, "{} ", self.locale)?;
        }
        write!(
            f,
            "{}: {}",
            self.message_id.as_deref().unwrap_or("-"),
            self.message
        )
    }
}

/// Counts for one locale, for `l10n status`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LocaleStatus {
    /// The locale's tag.
    pub locale: String,
    /// Messages defined in the locale (terms not counted).
    pub messages: usize,
    /// Messages of the reference locale.
    pub reference_messages: usize,
    /// Reference messages the locale translates.
    pub translated: usize,
    /// Translated messages reviewed by a native speaker (the reference locale: all of them).
    pub reviewed: usize,
    /// Translated messages still drafts.
    pub drafts: usize,
    /// Error findings in the locale.
    pub errors: usize,
    /// Warning findings in the locale.
    pub warnings: usize,
}

/// What [`check`] found.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    /// Every finding, by locale, file, line.
    pub findings: Vec<Finding>,
    /// Counts per served locale, reference first.
    pub locales: Vec<LocaleStatus>,
}

impl Report {
    /// How many findings have `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    /// Whether any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.count(Severity::Error) > 0
    }
}

/// Where findings go while the rules run.
pub(crate) struct Sink<'a> {
    locale: &'a str,
    findings: Vec<Finding>,
}

impl Sink<'_> {
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        file: &Path,
        line: usize,
        column: Option<usize>,
        message_id: Option<&str>,
        rule: Rule,
        severity: Severity,
        message: impl Into<String>,
    ) {
        self.findings.push(Finding {
            locale: self.locale.to_owned(),
            file: file.to_owned(),
            line,
            column,
            message_id: message_id.map(str::to_owned),
            rule,
            severity,
            message: message.into(),
        });
    }
}

/// One locale's files, read.
pub(crate) struct LocaleFiles {
    pub lang: Language,
    pub dir: PathBuf,
    pub files: Vec<FileFacts>,
}

impl LocaleFiles {
    /// Every message and term: id → (file index, entry index), first definition wins.
    pub fn index(&self) -> BTreeMap<&str, (usize, usize)> {
        let mut index = BTreeMap::new();
        for (fi, f) in self.files.iter().enumerate() {
            for (ei, e) in f.entries.iter().enumerate() {
                index.entry(e.id.as_str()).or_insert((fi, ei));
            }
        }
        index
    }
}

/// Checks the locale files under `root` (`root/<tag>/**/*.ftl` for each served language, and
/// `root/glossary.toml`). Never fails and never panics on file contents: what cannot be read is
/// a finding.
pub fn check(root: &Path) -> Report {
    check_with(root, &BTreeMap::new())
}

/// As [`check`], with some files' contents replaced by `overlay` (keyed by the path under
/// `root`, as `root.join(tag).join(rel)`; a file need not exist on disk): import validates the
/// files it is about to write, and an editor can check what it has not saved yet.
pub fn check_with(root: &Path, overlay: &BTreeMap<PathBuf, Vec<u8>>) -> Report {
    let mut findings = Vec::new();
    let mut locales = Vec::new();
    for lang in Language::ALL {
        let mut sink = Sink {
            locale: lang.tag(),
            findings: Vec::new(),
        };
        locales.push(read_locale(root, lang, overlay, &mut sink));
        findings.extend(sink.findings);
    }
    let glossary = {
        let mut sink = Sink {
            locale: "",
            findings: Vec::new(),
        };
        let g = glossary::load(&root.join("glossary.toml"), &mut sink);
        findings.extend(sink.findings);
        g
    };
    let (reference, translations) = locales.split_first().expect("three languages");
    for locale in &locales {
        let mut sink = Sink {
            locale: locale.lang.tag(),
            findings: Vec::new(),
        };
        file_rules(locale, &mut sink);
        structure::locale_rules(locale, &mut sink);
        findings.extend(sink.findings);
    }
    for locale in translations {
        let mut sink = Sink {
            locale: locale.lang.tag(),
            findings: Vec::new(),
        };
        structure::against_reference(reference, locale, &mut sink);
        if let Some(g) = &glossary {
            glossary::terminology(g, reference, locale, &mut sink);
        }
        findings.extend(sink.findings);
    }
    let order = |tag: &str| {
        Language::ALL
            .iter()
            .position(|l| l.tag() == tag)
            .unwrap_or(usize::MAX)
    };
    findings.sort_by(|a, b| {
        (
            order(&a.locale),
            &a.file,
            a.line,
            a.column,
            a.rule,
            &a.message_id,
        )
            .cmp(&(
                order(&b.locale),
                &b.file,
                b.line,
                b.column,
                b.rule,
                &b.message_id,
            ))
    });
    findings.dedup();
    let status = locales
        .iter()
        .map(|l| locale_status(reference, l, &findings))
        .collect();
    Report {
        findings,
        locales: status,
    }
}

fn locale_status(
    reference: &LocaleFiles,
    locale: &LocaleFiles,
    findings: &[Finding],
) -> LocaleStatus {
    let ref_index = reference.index();
    let index = locale.index();
    let is_message = |l: &LocaleFiles, (fi, ei): (usize, usize)| !l.files[fi].entries[ei].is_term;
    let reference_ids: Vec<&str> = ref_index
        .iter()
        .filter(|(_, &at)| is_message(reference, at))
        .map(|(id, _)| *id)
        .collect();
    let mut translated = 0;
    let mut reviewed = 0;
    let mut drafts = 0;
    for id in &reference_ids {
        if let Some(&(fi, ei)) = index.get(id) {
            translated += 1;
            match locale.files[fi].entries[ei].review {
                Review::Draft => drafts += 1,
                Review::Reviewed(_) | Review::Source => reviewed += 1,
            }
        }
    }
    let count = |s: Severity| {
        findings
            .iter()
            .filter(|f| f.locale == locale.lang.tag() && f.severity == s)
            .count()
    };
    LocaleStatus {
        locale: locale.lang.tag().to_owned(),
        messages: index
            .iter()
            .filter(|(_, &at)| is_message(locale, at))
            .count(),
        reference_messages: reference_ids.len(),
        translated,
        reviewed,
        drafts,
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
    }
}

/// Reads one locale's files (from `overlay` where it has them), reporting unreadable ones.
fn read_locale(
    root: &Path,
    lang: Language,
    overlay: &BTreeMap<PathBuf, Vec<u8>>,
    sink: &mut Sink<'_>,
) -> LocaleFiles {
    let dir = root.join(lang.tag());
    let mut paths = Vec::new();
    if dir.is_dir() {
        list_ftl(&dir, 0, &mut paths, sink);
    } else if lang == Language::REFERENCE {
        sink.push(
            &dir,
            0,
            None,
            None,
            Rule::Syntax,
            Severity::Error,
            "the reference locale's directory is missing",
        );
    }
    for path in overlay.keys() {
        if path.starts_with(&dir) && !paths.contains(path) {
            paths.push(path.clone());
        }
    }
    paths.sort();
    let mut files = Vec::new();
    for path in paths {
        let bytes = match overlay.get(&path) {
            Some(b) => b.clone(),
            None => match crate::bounded::read_file(
                &path,
                super::source::MAX_FILE_BYTES as u64,
                "a locale file",
            ) {
                Ok(b) => b,
                Err(e) => {
                    sink.push(
                        &path,
                        0,
                        None,
                        None,
                        Rule::Syntax,
                        Severity::Error,
                        format!("cannot read the file: {e}"),
                    );
                    continue;
                }
            },
        };
        let rel = path
            .strip_prefix(&dir)
            .unwrap_or(&path)
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        files.push(model::read(path, rel, &bytes, lang == Language::REFERENCE));
    }
    LocaleFiles { lang, dir, files }
}

/// Directories nested deeper than this under a locale are not searched.
const MAX_DIR_DEPTH: usize = 16;

fn list_ftl(dir: &Path, depth: usize, out: &mut Vec<PathBuf>, sink: &mut Sink<'_>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            sink.push(
                dir,
                0,
                None,
                None,
                Rule::Syntax,
                Severity::Error,
                format!("cannot read the directory: {e}"),
            );
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        // Symbolic links to directories are not followed: no loops.
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            if depth < MAX_DIR_DEPTH {
                list_ftl(&path, depth + 1, out, sink);
            }
        } else if path.extension().is_some_and(|e| e == "ftl") && path.is_file() {
            out.push(path);
        }
    }
}

/// The rules that look at one file at a time.
fn file_rules(locale: &LocaleFiles, sink: &mut Sink<'_>) {
    for file in &locale.files {
        for issue in &file.decoded.issues {
            let (rule, severity) = match issue.kind {
                IssueKind::Bom => (Rule::Encoding, Severity::Warning),
                IssueKind::InvalidUtf8 | IssueKind::LoneCr => (Rule::Encoding, Severity::Error),
                IssueKind::TooDeep | IssueKind::BadEscape | IssueKind::TooLarge => {
                    (Rule::Syntax, Severity::Error)
                }
            };
            sink.push(
                &file.path,
                issue.line,
                Some(issue.column),
                None,
                rule,
                severity,
                issue.message.clone(),
            );
        }
        for e in &file.syntax_errors {
            sink.push(
                &file.path,
                e.line,
                Some(e.column),
                None,
                Rule::Syntax,
                Severity::Error,
                e.message.clone(),
            );
        }
        for entry in &file.entries {
            for (attribute, pattern) in entry.patterns() {
                let id = match attribute {
                    Some(a) => format!("{}.{a}", entry.id),
                    None => entry.id.clone(),
                };
                if pattern.empty {
                    sink.push(
                        &file.path,
                        pattern.line,
                        None,
                        Some(&id),
                        Rule::EmptyValue,
                        Severity::Error,
                        "the text is empty",
                    );
                }
                script::check_pattern(locale.lang, file, &id, pattern, sink);
                speech::check_pattern(locale.lang, file, &id, pattern, sink);
            }
        }
        let drafts: Vec<&model::EntryFacts> = file
            .entries
            .iter()
            .filter(|e| !e.is_term && e.review == Review::Draft)
            .collect();
        if let Some(first) = drafts.first() {
            let messages = file.entries.iter().filter(|e| !e.is_term).count();
            sink.push(
                &file.path,
                file.draft_mark_line.unwrap_or(first.line),
                None,
                None,
                Rule::Draft,
                Severity::Info,
                format!(
                    "{} of {messages} messages are drafts awaiting a native speaker's review",
                    drafts.len()
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests;
