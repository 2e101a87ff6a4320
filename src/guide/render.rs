//! The renderings of a guide: full, simple and elder; as text, JSON, SSML, or the plain text a
//! speech engine reads.

use std::fmt;
use std::str::FromStr;

use super::Guide;
use crate::l10n::{Catalog, Usage};
use crate::lang::Language;
use crate::{text, Error, Result};

/// Which version of a guide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// Everything: summary, eligibility, materials, steps, place and hours, fees, contact.
    #[default]
    Full,
    /// The voice version: at most three short sentences.
    Simple,
    /// For elderly listeners: the simple version first, then the sentences with numbers that
    /// matter (phone numbers, fees, times) once more, then the full guide.
    Elder,
}

impl Mode {
    /// The name used on the command line and in URLs.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Full => "full",
            Mode::Simple => "simple",
            Mode::Elder => "elder",
        }
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Mode {
    type Err = Error;

    fn from_str(s: &str) -> Result<Mode> {
        [Mode::Full, Mode::Simple, Mode::Elder]
            .into_iter()
            .find(|m| m.name() == s)
            .ok_or_else(|| {
                Error::InvalidText(format!("unknown mode '{s}'; modes: full, simple, elder"))
            })
    }
}

/// A part of a rendering: a heading and the sentences under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The heading (none for the summary and the simple version).
    pub heading: Option<String>,
    /// The texts under it, one list item or paragraph each.
    pub items: Vec<String>,
    /// Whether the items are steps or materials, shown as a numbered list.
    pub numbered: bool,
}

impl Guide {
    fn ui(&self, catalog: &Catalog, id: &str, usage: Usage) -> Result<String> {
        catalog.format(self.lang, id, None, None, usage, &mut Vec::new())
    }

    fn full_sections(&self, catalog: &Catalog, usage: Usage) -> Result<Vec<Section>> {
        let one = |heading: &str, item: &str| -> Result<Section> {
            Ok(Section {
                heading: Some(self.ui(catalog, heading, usage)?),
                items: vec![item.to_owned()],
                numbered: false,
            })
        };
        Ok(vec![
            Section {
                heading: None,
                items: vec![self.summary.clone()],
                numbered: false,
            },
            one("ui-eligibility", &self.eligibility)?,
            Section {
                heading: Some(self.ui(catalog, "ui-materials", usage)?),
                items: self.materials.clone(),
                numbered: true,
            },
            Section {
                heading: Some(self.ui(catalog, "ui-steps", usage)?),
                items: self.steps.clone(),
                numbered: true,
            },
            one("ui-place", &self.place)?,
            one("ui-hours", &self.hours)?,
            one("ui-fees", &self.fees)?,
            one("ui-contact", &self.contact)?,
        ])
    }

    /// The sentences of the simple version, fees and contact that contain digits: what elder
    /// mode says twice.
    pub fn key_sentences(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for source in [&self.simple, &self.fees, &self.contact] {
            for s in text::split_sentences(self.lang, source) {
                if s.chars().any(|c| c.is_ascii_digit()) && !out.iter().any(|o| o == s) {
                    out.push(s.to_owned());
                }
            }
        }
        out
    }

    /// The sections of the `mode` version, in reading order (the title is not one of them):
    /// what pages lay out and what [`Guide::speech_text`] reads.
    ///
    /// # Errors
    /// [`Error::MissingMessage`] if the catalog lacks a heading in every locale.
    pub fn sections(&self, mode: Mode, catalog: &Catalog, usage: Usage) -> Result<Vec<Section>> {
        let simple = Section {
            heading: None,
            items: vec![self.simple.clone()],
            numbered: false,
        };
        Ok(match mode {
            Mode::Full => self.full_sections(catalog, usage)?,
            Mode::Simple => vec![simple],
            Mode::Elder => {
                let mut sections = vec![simple];
                let key = self.key_sentences();
                if !key.is_empty() {
                    sections.push(Section {
                        heading: Some(self.ui(catalog, "ui-repeat-key-info", usage)?),
                        items: key,
                        numbered: false,
                    });
                }
                sections.extend(self.full_sections(catalog, usage)?);
                sections
            }
        })
    }

    /// The text a speech engine reads: the title, then each section, each heading and item
    /// on a line of its own (line breaks end sentences for the engine).
    ///
    /// # Errors
    /// [`Error::MissingMessage`] if the catalog lacks a heading in every locale.
    pub fn speech_text(&self, mode: Mode, catalog: &Catalog) -> Result<String> {
        let mut lines = vec![self.title.clone()];
        for section in self.sections(mode, catalog, Usage::Speech)? {
            lines.extend(section.heading);
            lines.extend(section.items);
        }
        Ok(lines.join("\n"))
    }

    /// Plain text for a terminal: the title, headings in brackets, numbered lists.
    ///
    /// # Errors
    /// As [`Guide::speech_text`].
    pub fn to_text(&self, mode: Mode, catalog: &Catalog) -> Result<String> {
        let mut out = format!("{}\n", self.title);
        if self.draft {
            out.push_str(&format!(
                "({})\n",
                self.ui(catalog, "ui-draft-translation-notice", Usage::Display)?
            ));
        }
        for section in self.sections(mode, catalog, Usage::Display)? {
            out.push('\n');
            if let Some(h) = section.heading {
                out.push_str(&format!("[{h}]\n"));
            }
            for (i, item) in section.items.iter().enumerate() {
                if section.numbered {
                    out.push_str(&format!("{}. {item}\n", i + 1));
                } else {
                    out.push_str(&format!("{item}\n"));
                }
            }
        }
        Ok(out)
    }

    /// The guide as JSON (the shape is documented in the README and fixed by a snapshot test):
    /// every field, the language's script and direction, the mode, and the text it speaks.
    ///
    /// # Errors
    /// As [`Guide::speech_text`].
    pub fn to_json(&self, mode: Mode, catalog: &Catalog) -> Result<serde_json::Value> {
        let mut value = serde_json::to_value(self).expect("a guide serializes");
        let object = value.as_object_mut().expect("a guide is an object");
        object.insert("script".into(), self.lang.script().into());
        object.insert("dir".into(), self.lang.direction().html_dir().into());
        object.insert(
            "writing_mode".into(),
            self.lang.direction().css_writing_mode().into(),
        );
        object.insert("mode".into(), mode.name().into());
        object.insert("speech".into(), self.speech_text(mode, catalog)?.into());
        Ok(value)
    }

    /// The guide as SSML: a paragraph per section, a sentence per item, a pause between
    /// sections (`pause_ms`).
    ///
    /// # Errors
    /// As [`Guide::speech_text`].
    pub fn to_ssml(&self, mode: Mode, catalog: &Catalog, pause_ms: u32) -> Result<String> {
        let mut out = format!(
            "<speak version=\"1.1\" xmlns=\"http://www.w3.org/2001/10/synthesis\" xml:lang=\"{}\">\n<p><s>{}</s></p>\n",
            self.lang.tag(),
            escape_xml(&self.title)
        );
        for section in self.sections(mode, catalog, Usage::Speech)? {
            out.push_str(&format!("<break time=\"{pause_ms}ms\"/>\n<p>"));
            for s in section.heading.iter().chain(&section.items) {
                out.push_str(&format!("<s>{}</s>", escape_xml(s)));
            }
            out.push_str("</p>\n");
        }
        out.push_str("</speak>\n");
        Ok(out)
    }
}

/// Escapes text for XML and HTML element content and attribute values (the apostrophe as
/// `&#39;`, which both read).
pub fn escape_xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

impl serde::Serialize for Language {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.tag())
    }
}
