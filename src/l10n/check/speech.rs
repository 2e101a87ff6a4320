//! Speakability: what the speech front end would stumble on. Every text a listener may hear (the
//! pattern, and each variant of a selector on its own) goes through `text::normalize` for the
//! locale's language: a digit or numeric sign it leaves is a number the engine cannot say. A
//! text written as speech markup (`<speak …>`) must parse as the supported SSML subset.

use super::model::{FileFacts, PatternFacts};
use super::{Rule, Severity, Sink};
use crate::lang::Language;
use crate::text::{markup, normalize};

/// Checks the spoken forms of one pattern.
pub(crate) fn check_pattern(
    lang: Language,
    file: &FileFacts,
    id: &str,
    pattern: &PatternFacts,
    sink: &mut Sink<'_>,
) {
    let mut digits_reported = false;
    let mut markup_reported = false;
    for spoken in &pattern.spoken {
        if markup::looks_like_markup(spoken) {
            if let Err(e) = markup::parse(spoken) {
                if !markup_reported {
                    sink.push(
                        &file.path,
                        pattern.line + e.line - 1,
                        None,
                        Some(id),
                        Rule::SpeakabilityMarkup,
                        Severity::Error,
                        format!("the speech markup does not parse: {}", e.message),
                    );
                    markup_reported = true;
                }
            }
            continue;
        }
        if digits_reported {
            continue;
        }
        if let Some(left) = unspeakable(lang, spoken) {
            sink.push(
                &file.path,
                pattern.line,
                None,
                Some(id),
                Rule::SpeakabilityDigits,
                Severity::Error,
                format!(
                    "'{left}' is left as it is by the speech front end, which cannot say it; \
                     write the number with ASCII digits or in words"
                ),
            );
            digits_reported = true;
        }
    }
}

/// The first run of characters with a numeric value that `normalize` leaves in `text`
/// (〇, the Han zero of spoken years, is a word).
fn unspeakable(lang: Language, text: &str) -> Option<String> {
    let spoken = normalize(lang, text);
    let numeric = |c: char| c.is_numeric() && c != '〇';
    let start = spoken.find(numeric)?;
    let run: String = spoken[start..]
        .chars()
        .take_while(|&c| numeric(c))
        .collect();
    Some(run)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_the_front_end_says_is_speakable() {
        for (lang, text) in [
            (
                Language::Mandarin,
                "请拨打12345，9:30-13:30，第3号窗口，二〇二一年",
            ),
            (Language::Uyghur, "12345 گە تېلېفون قىلىڭ"),
            (Language::Mongolian, "12345"),
        ] {
            assert_eq!(unspeakable(lang, text), None, "{text}");
        }
    }

    #[test]
    fn circled_and_fraction_numbers_are_not() {
        assert_eq!(
            unspeakable(Language::Mandarin, "步骤①②：带好证件").as_deref(),
            Some("①②")
        );
        assert!(unspeakable(Language::Uyghur, "½ سائەت").is_some());
    }
}
