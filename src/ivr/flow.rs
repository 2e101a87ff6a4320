//! Call flows as data: `flows/*.toml` loaded and checked against elder-friendly rules.
//!
//! A flow has a start menu, menus of digit → action, and collect steps that read a number
//! (a callback number, the last digits of an ID card) back digit by digit. In every menu 9
//! repeats, `*` goes back and 0 reaches a person; those keys are implicit and may not be
//! reassigned. Validation enforces at most [`MAX_OPTIONS`] options, at least
//! [`MIN_FIRST_DIGIT_MS`] to the first digit, interruptible prompts, and at most
//! [`MAX_REPROMPTS`] reprompts before a person is offered, so silence never ends in a hang-up
//! without that offer.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::{Error, Result};

/// Most options one menu may offer (besides the implicit 9, `*` and 0).
pub const MAX_OPTIONS: usize = 5;

/// The largest call flow file read: 1 MiB (the shipped one is a few kilobytes).
pub const MAX_FLOW_BYTES: u64 = 1 << 20;
/// Least time, in milliseconds, a caller gets to press the first digit.
pub const MIN_FIRST_DIGIT_MS: u32 = 6000;
/// Most reprompts after silence or a wrong key before a person is offered.
pub const MAX_REPROMPTS: u32 = 2;
/// The keys every menu reserves: repeat, back, person.
pub const RESERVED_KEYS: [char; 3] = ['9', '*', '0'];

/// A loaded, validated call flow.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Flow {
    /// The menu a call starts in (normally the language choice).
    pub start: String,
    /// Milliseconds to the first digit.
    #[serde(default = "default_timeout")]
    pub first_digit_timeout_ms: u32,
    /// Reprompts after silence or a wrong key before a person is offered.
    #[serde(default = "default_reprompts")]
    pub reprompts: u32,
    /// Whether a key press stops a prompt; must be `true`.
    #[serde(default = "default_true")]
    pub interruptible: bool,
    /// Played after a key that means nothing in the menu.
    pub invalid_prompt: String,
    /// Played after silence.
    pub no_input_prompt: String,
    /// Played before handing the call to a person.
    pub agent_prompt: String,
    /// The queue set in `TILMACH_QUEUE` when the caller asks for a person.
    pub agent_queue: String,
    /// Played after a speech menu's own prompt: "say what you need, or press a key".
    #[serde(default = "default_speech_prompt")]
    pub speech_prompt: String,
    /// Played when speech matched no option; the menu then takes keys only.
    #[serde(default = "default_not_understood")]
    pub not_understood_prompt: String,
    /// Played after a guide: 9 hears it again, `*` goes back.
    #[serde(default = "default_guide_end")]
    pub guide_end_prompt: String,
    /// The menus by id.
    pub menus: BTreeMap<String, Menu>,
    /// The collect steps by id.
    #[serde(default)]
    pub collect: BTreeMap<String, Collect>,
}

/// One menu: a prompt and what each digit does.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Menu {
    /// The prompt id that lists the options.
    pub prompt: String,
    /// Digit → action.
    pub options: BTreeMap<String, Action>,
    /// Whether callers may also say what they want (when the program has a speech model and
    /// the language is one Whisper knows); after a miss the menu takes keys only.
    #[serde(default)]
    pub speech: bool,
}

/// What a digit does.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(tag = "action", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Action {
    /// Read a guide's simple version.
    Guide {
        /// The guide id.
        guide: String,
    },
    /// Go to another menu.
    Menu {
        /// The menu id.
        menu: String,
    },
    /// Switch the call's language, then go on to a menu.
    Language {
        /// The language tag (`ug-Arab-CN`).
        lang: String,
        /// The menu to go on to.
        then: String,
    },
    /// Collect a number.
    Collect {
        /// The collect step id.
        collect: String,
    },
    /// Hand the call to a person.
    Agent,
}

/// A step that collects digits, reads them back and hands them to the dialplan.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Collect {
    /// The prompt asking for the number.
    pub prompt: String,
    /// Fewest digits accepted.
    pub min_digits: u32,
    /// Most digits accepted.
    pub max_digits: u32,
    /// The channel variable that receives the confirmed number.
    pub variable: String,
    /// Played after confirmation.
    pub done_prompt: String,
    /// Played before the digits are read back ("you entered:"); each digit `d` is then the
    /// prompt `prompt-digit-<d>`.
    #[serde(default = "default_readback")]
    pub readback_prompt: String,
    /// Asks to confirm (1) or enter again (2).
    #[serde(default = "default_confirm")]
    pub confirm_prompt: String,
}

/// The prompt id that speaks one digit in a read-back.
pub fn digit_prompt(digit: char) -> String {
    format!("prompt-digit-{digit}")
}

fn default_timeout() -> u32 {
    MIN_FIRST_DIGIT_MS
}
fn default_reprompts() -> u32 {
    MAX_REPROMPTS
}
fn default_true() -> bool {
    true
}
fn default_speech_prompt() -> String {
    "prompt-say-or-press".into()
}
fn default_not_understood() -> String {
    "prompt-not-understood".into()
}
fn default_guide_end() -> String {
    "prompt-guide-end".into()
}
fn default_readback() -> String {
    "prompt-you-entered-number".into()
}
fn default_confirm() -> String {
    "prompt-confirm-or-reenter".into()
}

/// What a flow may refer to: the prompt ids and guide ids that exist.
#[derive(Debug, Clone, Default)]
pub struct Known {
    /// Prompt ids (from the catalog).
    pub prompts: BTreeSet<String>,
    /// Guide ids.
    pub guides: BTreeSet<String>,
    /// Language tags served.
    pub languages: BTreeSet<String>,
}

impl Known {
    /// The prompts (`prompt-*` messages of the reference locale), guides and languages of a
    /// catalog.
    pub fn from_catalog(catalog: &crate::l10n::Catalog) -> Known {
        use crate::lang::Language;
        Known {
            prompts: catalog
                .message_ids(Language::REFERENCE)
                .into_iter()
                .filter(|id| id.starts_with("prompt-"))
                .map(str::to_owned)
                .collect(),
            guides: crate::guide::ids(catalog).into_iter().collect(),
            languages: Language::ALL.iter().map(|l| l.tag().to_owned()).collect(),
        }
    }
}

impl Flow {
    /// Loads and validates a flow file.
    ///
    /// # Errors
    ///
    /// [`Error::Io`] when the file cannot be read; [`Error::Config`] naming the file and the
    /// problem when it is not valid TOML of this shape or breaks a rule in [`Flow::validate`].
    pub fn load(path: &Path, known: &Known) -> Result<Flow> {
        let bytes = crate::bounded::read_file(path, MAX_FLOW_BYTES, "a call flow")?;
        let text = String::from_utf8(bytes).map_err(|e| Error::InvalidUtf8 {
            source_name: path.display().to_string(),
            offset: e.utf8_error().valid_up_to(),
        })?;
        Flow::parse(&text, path, known)
    }

    /// Parses and validates flow text; `path` names it in errors.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] naming `path` and the problem.
    pub fn parse(text: &str, path: &Path, known: &Known) -> Result<Flow> {
        let flow: Flow = toml::from_str(text).map_err(|e| config(path, e.to_string()))?;
        flow.validate(known).map_err(|m| config(path, m))?;
        Ok(flow)
    }

    /// Checks the flow's references and the elder-friendly rules; returns the first problem.
    ///
    /// # Errors
    ///
    /// A message naming the menu or step and what is wrong.
    pub fn validate(&self, known: &Known) -> std::result::Result<(), String> {
        if !self.menus.contains_key(&self.start) {
            return Err(format!("start menu '{}' is not defined", self.start));
        }
        if self.first_digit_timeout_ms < MIN_FIRST_DIGIT_MS {
            return Err(format!(
                "first_digit_timeout_ms = {} is too short for elderly callers; at least {MIN_FIRST_DIGIT_MS}",
                self.first_digit_timeout_ms
            ));
        }
        if self.reprompts == 0 || self.reprompts > MAX_REPROMPTS {
            return Err(format!(
                "reprompts = {}: give 1 to {MAX_REPROMPTS} reprompts before offering a person",
                self.reprompts
            ));
        }
        if !self.interruptible {
            return Err(
                "interruptible = false: callers must be able to cut a prompt short with a key"
                    .into(),
            );
        }
        let prompt = |id: &str, at: &str| {
            if known.prompts.contains(id) {
                Ok(())
            } else {
                Err(format!("{at}: unknown prompt id '{id}'"))
            }
        };
        prompt(&self.invalid_prompt, "invalid_prompt")?;
        prompt(&self.no_input_prompt, "no_input_prompt")?;
        prompt(&self.agent_prompt, "agent_prompt")?;
        if self.menus.values().any(|m| {
            m.options
                .values()
                .any(|a| matches!(a, Action::Guide { .. }))
        }) {
            prompt(&self.guide_end_prompt, "guide_end_prompt")?;
        }
        if self.menus.values().any(|m| m.speech) {
            prompt(&self.speech_prompt, "speech_prompt")?;
            prompt(&self.not_understood_prompt, "not_understood_prompt")?;
        }
        for (id, menu) in &self.menus {
            let at = format!("menu '{id}'");
            prompt(&menu.prompt, &at)?;
            if menu.options.is_empty() || menu.options.len() > MAX_OPTIONS {
                return Err(format!(
                    "{at} has {} options; give 1 to {MAX_OPTIONS} (9, * and 0 are always there)",
                    menu.options.len()
                ));
            }
            for (key, action) in &menu.options {
                let at = format!("{at}, key '{key}'");
                let mut chars = key.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) if RESERVED_KEYS.contains(&c) => {
                        return Err(format!(
                            "{at}: 9, * and 0 are reserved for repeat, back and a person"
                        ));
                    }
                    (Some('1'..='8'), None) => {}
                    _ => return Err(format!("{at}: a key is one digit from 1 to 8")),
                }
                self.check_action(action, &at, known)?;
            }
        }
        for (id, step) in &self.collect {
            let at = format!("collect '{id}'");
            prompt(&step.prompt, &at)?;
            prompt(&step.done_prompt, &at)?;
            prompt(&step.readback_prompt, &at)?;
            prompt(&step.confirm_prompt, &at)?;
            for d in '0'..='9' {
                prompt(&digit_prompt(d), &format!("{at} (read-back)"))?;
            }
            if step.min_digits == 0 || step.min_digits > step.max_digits || step.max_digits > 20 {
                return Err(format!("{at}: need 1 <= min_digits <= max_digits <= 20"));
            }
            let v = &step.variable;
            if v.is_empty() || !v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
                return Err(format!(
                    "{at}: variable '{v}' must be letters, digits and '_'"
                ));
            }
        }
        Ok(())
    }

    fn check_action(
        &self,
        action: &Action,
        at: &str,
        known: &Known,
    ) -> std::result::Result<(), String> {
        let menu = |m: &str| {
            if self.menus.contains_key(m) {
                Ok(())
            } else {
                Err(format!("{at}: submenu '{m}' is not defined"))
            }
        };
        match action {
            Action::Guide { guide } if !known.guides.contains(guide) => {
                Err(format!("{at}: unknown guide '{guide}'"))
            }
            Action::Menu { menu: m } => menu(m),
            Action::Language { lang, then } => {
                if !known.languages.contains(lang) {
                    return Err(format!("{at}: language '{lang}' is not served"));
                }
                menu(then)
            }
            Action::Collect { collect } if !self.collect.contains_key(collect) => {
                Err(format!("{at}: collect step '{collect}' is not defined"))
            }
            _ => Ok(()),
        }
    }
}

fn config(path: &Path, message: String) -> Error {
    Error::Config {
        path: PathBuf::from(path),
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> Known {
        let set = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect();
        Known {
            prompts: set(&[
                "prompt-main-menu",
                "prompt-invalid-key",
                "prompt-no-input",
                "prompt-transferring-agent",
                "prompt-choose-language",
                "prompt-enter-callback-number",
                "prompt-booking-received",
                "prompt-guide-end",
            ]),
            guides: set(&["g1", "g2", "g3", "g4", "g5", "g6"]),
            languages: set(&["zh-Hans-CN", "ug-Arab-CN", "mn-Mong-CN"]),
        }
    }

    fn flow(options: &str) -> String {
        format!(
            "start = \"main\"\ninvalid_prompt = \"prompt-invalid-key\"\nno_input_prompt = \"prompt-no-input\"\n\
             agent_prompt = \"prompt-transferring-agent\"\nagent_queue = \"hotline\"\n\
             [menus.main]\nprompt = \"prompt-main-menu\"\n[menus.main.options]\n{options}"
        )
    }

    fn error(text: &str) -> String {
        Flow::parse(text, Path::new("flows/bad.toml"), &known())
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn a_small_flow_loads() {
        let f = Flow::parse(
            &flow("1 = { action = \"guide\", guide = \"g1\" }\n2 = { action = \"agent\" }"),
            Path::new("f.toml"),
            &known(),
        )
        .unwrap();
        assert_eq!(f.menus["main"].options.len(), 2);
        assert_eq!(f.first_digit_timeout_ms, 6000);
    }

    #[test]
    fn six_options_are_rejected() {
        let six: String = (1..=6)
            .map(|i| format!("{i} = {{ action = \"guide\", guide = \"g{i}\" }}\n"))
            .collect();
        let e = error(&flow(&six));
        assert!(
            e.starts_with("flows/bad.toml: menu 'main' has 6 options"),
            "{e}"
        );
    }

    #[test]
    fn unknown_prompt_is_rejected() {
        let e =
            error(&flow("1 = { action = \"agent\" }").replace("prompt-main-menu", "prompt-nope"));
        assert_eq!(
            e,
            "flows/bad.toml: menu 'main': unknown prompt id 'prompt-nope'"
        );
    }

    #[test]
    fn dangling_submenu_is_rejected() {
        let e = error(&flow("1 = { action = \"menu\", menu = \"nowhere\" }"));
        assert_eq!(
            e,
            "flows/bad.toml: menu 'main', key '1': submenu 'nowhere' is not defined"
        );
    }

    #[test]
    fn reserved_keys_short_timeouts_and_bad_toml_are_rejected() {
        assert!(error(&flow("9 = { action = \"agent\" }")).contains("reserved"));
        let short = flow("1 = { action = \"agent\" }")
            .replace("start", "first_digit_timeout_ms = 3000\nstart");
        assert!(error(&short).contains("too short"));
        assert!(error("start = ").starts_with("flows/bad.toml: "));
    }

    /// The ids in the shipped locales, read the simple way: message lines and guide files.
    fn shipped() -> Known {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
        let mut known = Known::default();
        for tag in ["zh-Hans-CN", "ug-Arab-CN", "mn-Mong-CN"] {
            known.languages.insert(tag.to_owned());
            let ftl = std::fs::read_to_string(root.join(tag).join("prompts.ftl")).unwrap();
            for line in ftl.lines() {
                if let Some((id, _)) = line.split_once(" =") {
                    if id.starts_with("prompt-") {
                        known.prompts.insert(id.to_owned());
                    }
                }
            }
            for entry in std::fs::read_dir(root.join(tag).join("guides")).unwrap() {
                let name = entry.unwrap().file_name().into_string().unwrap();
                if let Some(id) = name.strip_suffix(".ftl") {
                    known.guides.insert(id.to_owned());
                }
            }
        }
        known
    }

    #[test]
    fn the_shipped_default_flow_is_valid() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("flows/default.toml");
        let flow = Flow::load(&path, &shipped()).unwrap();
        assert_eq!(flow.start, "language");
        assert_eq!(flow.menus["language"].options.len(), 3);
        assert_eq!(flow.collect["callback"].variable, "TILMACH_CALLBACK");
    }
}
