//! Guides and prompts: content parity across locales, the CLI renderings, speech for each.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use tilmach::guide::{self, Guide, Mode};
use tilmach::l10n::{Catalog, Usage};
use tilmach::Language;

use crate::util::{assert_speech, temp_path, tilmach};

fn locales() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("locales")
}

fn catalog() -> Catalog {
    Catalog::load(&locales()).unwrap()
}

#[test]
fn every_message_exists_in_every_locale_with_the_same_variables() {
    let catalog = catalog();
    let reference: BTreeSet<_> = catalog
        .message_ids(Language::REFERENCE)
        .into_iter()
        .collect();
    let guides = guide::ids(&catalog);
    assert!(guides.len() >= 12, "{} guides", guides.len());
    let prompts = reference
        .iter()
        .filter(|id| id.starts_with("prompt-"))
        .count();
    assert!(prompts >= 50, "{prompts} prompts");
    for lang in &Language::ALL[1..] {
        let ids: BTreeSet<_> = catalog.message_ids(*lang).into_iter().collect();
        let missing: Vec<_> = reference.difference(&ids).collect();
        let extra: Vec<_> = ids.difference(&reference).collect();
        assert!(missing.is_empty(), "{lang} lacks {missing:?}");
        assert!(
            extra.is_empty(),
            "{lang} has messages the reference lacks: {extra:?}"
        );
        for id in &reference {
            assert_eq!(
                catalog.variables(*lang, id),
                catalog.variables(Language::REFERENCE, id),
                "{lang} {id}: variables differ"
            );
        }
    }
}

#[test]
fn translations_are_marked_as_drafts_and_every_guide_loads() {
    let catalog = catalog();
    for id in guide::ids(&catalog) {
        for lang in Language::ALL {
            let mut warnings = Vec::new();
            let g = Guide::load(&catalog, lang, &id, Usage::Speech, &mut warnings).unwrap();
            assert!(warnings.is_empty(), "{lang} {id}: {warnings:?}");
            assert_eq!(
                g.draft,
                lang != Language::REFERENCE,
                "{lang} {id}: nothing here is reviewed yet"
            );
            assert!(!g.materials.is_empty() && g.steps.len() >= 3, "{lang} {id}");
            let simple_sentences = tilmach::text::split_sentences(lang, &g.simple).len();
            assert!(
                (1..=3).contains(&simple_sentences),
                "{lang} {id}: simple has {simple_sentences} sentences"
            );
        }
    }
}

#[test]
fn guide_json_has_the_documented_shape() {
    let out = tilmach()
        .args([
            "guide",
            "show",
            "pension-collection",
            "--lang",
            "zh",
            "--format",
            "json",
            "--locales",
        ])
        .arg(locales())
        .output()
        .unwrap();
    assert!(out.status.success());
    let snapshot = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/guide/pension-collection.zh-Hans-CN.full.json"),
    )
    .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), snapshot);

    for (tag, dir, writing_mode) in [("ug", "rtl", "horizontal-tb"), ("mn", "ltr", "vertical-lr")] {
        let out = tilmach()
            .args([
                "guide",
                "show",
                "senior-allowance",
                "--lang",
                tag,
                "--mode",
                "elder",
                "-f",
                "json",
                "--locales",
            ])
            .arg(locales())
            .output()
            .unwrap();
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(json["dir"], dir);
        assert_eq!(json["writing_mode"], writing_mode);
        assert_eq!(json["mode"], "elder");
        assert_eq!(json["draft"], true);
        let keys: BTreeSet<_> = json.as_object().unwrap().keys().cloned().collect();
        let snapshot_json: serde_json::Value = serde_json::from_str(&snapshot).unwrap();
        let expected: BTreeSet<_> = snapshot_json.as_object().unwrap().keys().cloned().collect();
        assert_eq!(keys, expected);
    }
}

#[test]
fn elder_mode_says_the_simple_version_first_and_the_numbers_twice() {
    let catalog = catalog();
    let g = Guide::load(
        &catalog,
        Language::Mandarin,
        "hotline-12345",
        Usage::Speech,
        &mut Vec::new(),
    )
    .unwrap();
    let elder = g.speech_text(Mode::Elder, &catalog).unwrap();
    let full = g.speech_text(Mode::Full, &catalog).unwrap();
    let lines: Vec<_> = elder.lines().collect();
    assert_eq!(lines[0], g.title);
    assert_eq!(lines[1], g.simple);
    assert!(elder.contains("重要信息再说一遍"));
    assert!(
        elder.matches("12345").count() >= full.matches("12345").count() + 2,
        "{elder}"
    );
    assert!(elder.len() > full.len());
    let ssml = g.to_ssml(Mode::Simple, &catalog, 700).unwrap();
    assert!(ssml.starts_with("<speak version=\"1.1\"") && ssml.contains("xml:lang=\"zh-Hans-CN\""));
    assert!(ssml.contains("<break time=\"700ms\"/>"));
}

#[test]
fn every_guide_is_spoken_in_mandarin_and_uyghur() {
    let catalog = catalog();
    for id in guide::ids(&catalog) {
        for tag in ["zh", "ug"] {
            let out = temp_path("guide.wav");
            tilmach()
                .args([
                    "guide", "speak", &id, "--lang", tag, "--mode", "simple", "-f", "wav8k", "-o",
                ])
                .arg(&out)
                .arg("--locales")
                .arg(locales())
                .assert()
                .success();
            let pcm = tilmach::audio::wav::read_file(&out).unwrap();
            assert_speech(&pcm, 3.0, 60.0, &format!("{tag} {id}"));
        }
    }
    let out = temp_path("elder.wav");
    tilmach()
        .args([
            "guide",
            "speak",
            "senior-allowance",
            "--lang",
            "ug",
            "--elder",
            "-f",
            "wav8k",
            "-o",
        ])
        .arg(&out)
        .arg("--locales")
        .arg(locales())
        .assert()
        .success();
    assert_speech(
        &tilmach::audio::wav::read_file(&out).unwrap(),
        30.0,
        900.0,
        "ug elder guide",
    );
}

#[test]
fn every_prompt_is_spoken_in_mandarin_and_uyghur() {
    std::env::set_var(
        "TILMACH_CACHE_DIR",
        crate::util::scratch_dir().join("cache"),
    );
    let engine = tilmach::synth::espeak::Espeak::shared().unwrap();
    let catalog = catalog();
    let mut args = tilmach::l10n::FluentArgs::new();
    for (name, value) in [
        ("seconds", 10),
        ("digits", 13812345678i64),
        ("count", 4),
        ("number", 25),
        ("window", 3),
        ("date", 15),
    ] {
        args.set(name, value);
    }
    args.set("service", "养老金");
    for lang in [Language::Mandarin, Language::Uyghur] {
        for id in catalog
            .message_ids(lang)
            .into_iter()
            .filter(|id| id.starts_with("prompt-"))
        {
            let mut warnings = Vec::new();
            let text = catalog
                .format(lang, id, None, Some(&args), Usage::Speech, &mut warnings)
                .unwrap();
            assert!(warnings.is_empty(), "{lang} {id}: {warnings:?}");
            assert!(!text.contains('\u{2068}'), "no isolation marks in speech");
            let pcm =
                tilmach::synth::speak(engine, lang, &text, &tilmach::SpeechSettings::default())
                    .unwrap();
            // A single word (the read-back digits: 幺, ᠲᠡᠭ) is short.
            let shortest = if id.starts_with("prompt-digit-") {
                0.15
            } else {
                0.4
            };
            assert_speech(&pcm, shortest, 60.0, &format!("{lang} {id}"));
        }
    }
}

#[test]
fn prompt_speak_fills_variables_and_unknown_ids_fail_clearly() {
    let out = temp_path("p.wav");
    tilmach()
        .args([
            "prompt",
            "speak",
            "prompt-wait-count",
            "--lang",
            "ug",
            "--arg",
            "count=3",
            "-o",
        ])
        .arg(&out)
        .assert()
        .success();
    assert_speech(
        &tilmach::audio::wav::read_file(&out).unwrap(),
        1.0,
        20.0,
        "prompt",
    );
    tilmach()
        .args(["prompt", "speak", "prompt-nope", "--lang", "zh", "-o"])
        .arg(&out)
        .assert()
        .failure()
        .stderr(predicates::str::contains("no prompt 'prompt-nope'"));
    tilmach()
        .args(["guide", "show", "nope"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("pension-collection"));
}

/// The length estimated before synthesis (what speech limits are checked against) stays within
/// half and double of the real length, for every guide in every language and mode, standard
/// and elder, with espeak-ng; the ratios are printed.
#[test]
fn the_estimated_length_of_every_guide_is_within_half_and_double_of_the_real_one() {
    use tilmach::synth::{espeak::Espeak, Sentences, SpeechSettings};
    let catalog = catalog();
    let engine = Espeak::shared().unwrap();
    let (mut lowest, mut highest) = (f64::MAX, 0.0f64);
    for id in guide::ids(&catalog) {
        for lang in Language::ALL {
            for (mode, settings) in [
                (Mode::Full, SpeechSettings::default()),
                (Mode::Elder, SpeechSettings::elder()),
            ] {
                let guide =
                    Guide::load(&catalog, lang, &id, Usage::Speech, &mut Vec::new()).unwrap();
                let text = guide.speech_text(mode, &catalog).unwrap();
                let sentences = Sentences::new(engine, lang, &text, &settings).unwrap();
                let estimate = sentences.estimated_duration().as_secs_f64();
                let real: f64 = sentences
                    .map(|part| part.unwrap().duration().as_secs_f64())
                    .sum();
                let ratio = estimate / real;
                lowest = lowest.min(ratio);
                highest = highest.max(ratio);
                assert!(
                    (0.5..=2.0).contains(&ratio),
                    "{id} {lang:?} {mode:?}: estimated {estimate:.1} s, spoken {real:.1} s"
                );
            }
        }
    }
    eprintln!("estimate / real length over every guide: {lowest:.2} to {highest:.2}");
}
