//! The glossary (`locales/glossary.toml`): key terms of the reference locale with their approved
//! Uyghur and Mongolian forms. A translation of a message whose source has a term must use the
//! term's approved form.

use std::path::Path;

use serde::Deserialize;

use super::model::PatternFacts;
use super::{LocaleFiles, Rule, Severity, Sink};
use crate::lang::Language;

/// One key term.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// The Mandarin forms that mean the term (`["社保卡", "社会保障卡"]`).
    pub zh: Vec<String>,
    /// The approved Uyghur form.
    pub ug: String,
    /// The approved Mongolian form (traditional script, with its NNBSPs and MVSs).
    pub mn: String,
    /// What the term means, in English, for translators.
    #[serde(default)]
    pub note: Option<String>,
}

impl Term {
    /// The approved form in `lang`; `None` for the reference locale.
    pub fn approved(&self, lang: Language) -> Option<&str> {
        match lang {
            Language::Mandarin => None,
            Language::Uyghur => Some(&self.ug),
            Language::Mongolian => Some(&self.mn),
        }
    }
}

/// Every key term.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Glossary {
    /// The terms, in file order.
    #[serde(default, rename = "term")]
    pub terms: Vec<Term>,
}

impl Glossary {
    /// Parses a glossary file's text.
    ///
    /// # Errors
    /// TOML's message, with the line of the problem when known (1-based).
    pub fn parse(text: &str) -> Result<Glossary, (usize, String)> {
        toml::from_str::<Glossary>(text).map_err(|e| {
            let line = e.span().map_or(0, |s| {
                let end = s.start.min(text.len());
                text.as_bytes()[..end]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count()
                    + 1
            });
            (line, e.message().to_owned())
        })
    }
}

/// Reads the glossary; a missing file is no glossary, a broken one a finding.
pub(crate) fn load(path: &Path, sink: &mut Sink<'_>) -> Option<Glossary> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
        Err(e) => {
            sink.push(
                path,
                0,
                None,
                None,
                Rule::Terminology,
                Severity::Error,
                format!("cannot read the glossary: {e}"),
            );
            return None;
        }
    };
    let Ok(text) = String::from_utf8(bytes) else {
        sink.push(
            path,
            0,
            None,
            None,
            Rule::Encoding,
            Severity::Error,
            "the glossary is not valid UTF-8",
        );
        return None;
    };
    match Glossary::parse(&text) {
        Ok(g) => Some(g),
        Err((line, message)) => {
            sink.push(
                path,
                line,
                None,
                None,
                Rule::Terminology,
                Severity::Error,
                format!("the glossary cannot be read: {message}"),
            );
            None
        }
    }
}

/// Whether `text` uses `approved`. Uyghur weakens a final ا or ە to ى before a suffix
/// (پېنسىيە → پېنسىيىسى), so that form, followed by more letters, counts too.
pub(crate) fn uses(lang: Language, text: &str, approved: &str) -> bool {
    if text.contains(approved) {
        return true;
    }
    if lang == Language::Uyghur {
        if let Some(stem) = approved
            .strip_suffix('ا')
            .or_else(|| approved.strip_suffix('ە'))
        {
            let weakened = format!("{stem}ى");
            return text.match_indices(&weakened).any(|(i, m)| {
                text[i + m.len()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphabetic)
            });
        }
    }
    false
}

/// The terminology rule for one translation.
pub(crate) fn terminology(
    glossary: &Glossary,
    reference: &LocaleFiles,
    locale: &LocaleFiles,
    sink: &mut Sink<'_>,
) {
    let ref_index = reference.index();
    let index = locale.index();
    for (&id, &(fi, ei)) in &index {
        let Some(&(rfi, rei)) = ref_index.get(id) else {
            continue;
        };
        let source = &reference.files[rfi].entries[rei];
        let entry = &locale.files[fi].entries[ei];
        let pairs: Vec<(Option<&str>, &PatternFacts, &PatternFacts)> = entry
            .patterns()
            .filter_map(|(name, p)| {
                source
                    .patterns()
                    .find(|(n, _)| *n == name)
                    .map(|(_, sp)| (name, p, sp))
            })
            .collect();
        for (name, pattern, source_pattern) in pairs {
            let source_text = source_pattern.text();
            let text = pattern.text();
            for term in &glossary.terms {
                let Some(zh) = term.zh.iter().find(|z| source_text.contains(z.as_str())) else {
                    continue;
                };
                let Some(approved) = term.approved(locale.lang) else {
                    continue;
                };
                if !uses(locale.lang, &text, approved) {
                    let qid = match name {
                        Some(a) => format!("{id}.{a}"),
                        None => id.to_owned(),
                    };
                    sink.push(
                        &locale.files[fi].path,
                        pattern.line,
                        None,
                        Some(&qid),
                        Rule::Terminology,
                        Severity::Error,
                        format!(
                            "the source has the term {zh}{}; use its approved form «{approved}»",
                            term.note
                                .as_deref()
                                .map_or(String::new(), |n| format!(" ({n})"))
                        ),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_glossary_parses() {
        let text = include_str!("../../../locales/glossary.toml");
        let g = Glossary::parse(text).unwrap();
        assert!(g.terms.len() >= 10);
        assert!(g.terms.iter().any(|t| t.zh.contains(&"养老金".to_owned())));
    }

    #[test]
    fn uyghur_suffixes_may_weaken_the_last_vowel() {
        assert!(uses(Language::Uyghur, "پېنسىيىسى", "پېنسىيە"));
        assert!(uses(Language::Uyghur, "پېنسىيەنى", "پېنسىيە"));
        assert!(!uses(Language::Uyghur, "پېنسىي", "پېنسىيە"));
        assert!(!uses(Language::Mongolian, "ᠺᠠᠷᠲ", "ᠺᠠᠷᠲᠠ"));
        assert_eq!(Glossary::parse("[[term]]\nzh = 1\n").unwrap_err().0, 2);
    }
}
