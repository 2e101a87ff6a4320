//! Service guides: what to bring, what to do, where, when, what it costs and whom to call, for
//! the high-frequency services of the prefecture's plan, in full, simple and elder renderings.
//!
//! A guide is the set of messages `<id>-title`, `-summary`, `-eligibility`, `-material-N`,
//! `-step-N`, `-place`, `-hours`, `-fees`, `-contact` and `-simple` in
//! `locales/<tag>/guides/<id>.ftl` (see `locales/README.md`).

mod render;

pub use render::{escape_xml, Mode, Section};

use serde::Serialize;

use crate::l10n::{Catalog, Review, Usage, Warning};
use crate::lang::Language;
use crate::{Error, Result};

/// One service guide in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Guide {
    /// The guide's id (`pension-collection`).
    pub id: String,
    /// The language the guide was asked in (messages it lacks come from the reference locale).
    pub lang: Language,
    /// The service's name.
    pub title: String,
    /// One sentence: what the service is.
    pub summary: String,
    /// Who may use it.
    pub eligibility: String,
    /// What to bring, one item each.
    pub materials: Vec<String>,
    /// What to do, in order.
    pub steps: Vec<String>,
    /// Where it is handled.
    pub place: String,
    /// When.
    pub hours: String,
    /// What it costs.
    pub fees: String,
    /// Whom to call.
    pub contact: String,
    /// The voice version: at most three short sentences.
    pub simple: String,
    /// Whether any of its messages is still a draft translation.
    pub draft: bool,
}

/// The ids of every guide, from the reference locale's `guides/` directory, sorted.
pub fn ids(catalog: &Catalog) -> Vec<String> {
    let mut ids: Vec<String> = catalog
        .message_ids(Language::REFERENCE)
        .into_iter()
        .filter_map(|m| m.strip_suffix("-title"))
        .filter(|id| {
            catalog
                .origin(Language::REFERENCE, &format!("{id}-title"))
                .is_some_and(|o| o.path.parent().is_some_and(|p| p.ends_with("guides")))
        })
        .map(str::to_owned)
        .collect();
    ids.sort();
    ids
}

impl Guide {
    /// Loads guide `id` in `lang`, for display or for speech. Messages missing in `lang` come
    /// from the reference locale and are reported in `warnings`.
    ///
    /// # Errors
    /// [`Error::UnknownGuide`] listing the guides that exist, when `id` is not one of them.
    pub fn load(
        catalog: &Catalog,
        lang: Language,
        id: &str,
        usage: Usage,
        warnings: &mut Vec<Warning>,
    ) -> Result<Guide> {
        let known = ids(catalog);
        if !known.iter().any(|k| k == id) {
            return Err(Error::UnknownGuide {
                id: id.to_owned(),
                known: known.join(", "),
            });
        }
        let mut draft = false;
        let mut get = |field: &str, warnings: &mut Vec<Warning>| -> Result<String> {
            let message = format!("{id}-{field}");
            draft |= catalog
                .review(lang, &message)
                .is_none_or(|r| *r == Review::Draft);
            catalog.format(lang, &message, None, None, usage, warnings)
        };
        let title = get("title", warnings)?;
        let summary = get("summary", warnings)?;
        let eligibility = get("eligibility", warnings)?;
        let materials = numbered(catalog, id, "material")
            .map(|n| get(&format!("material-{n}"), warnings))
            .collect::<Result<_>>()?;
        let steps = numbered(catalog, id, "step")
            .map(|n| get(&format!("step-{n}"), warnings))
            .collect::<Result<_>>()?;
        Ok(Guide {
            id: id.to_owned(),
            lang,
            title,
            summary,
            eligibility,
            materials,
            steps,
            place: get("place", warnings)?,
            hours: get("hours", warnings)?,
            fees: get("fees", warnings)?,
            contact: get("contact", warnings)?,
            simple: get("simple", warnings)?,
            draft,
        })
    }
}

/// 1, 2, … for as long as the reference locale has `<id>-<kind>-N`.
fn numbered<'a>(
    catalog: &'a Catalog,
    id: &'a str,
    kind: &'a str,
) -> impl Iterator<Item = usize> + 'a {
    (1..).take_while(move |n| catalog.has_message(Language::REFERENCE, &format!("{id}-{kind}-{n}")))
}
