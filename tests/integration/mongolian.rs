//! Mongolian: the reading front end on the shipped content, and speech through the Kyrgyz voice.

use std::path::Path;

use tilmach::l10n::{Catalog, FluentArgs, Usage};
use tilmach::phonetics::mongolian;
use tilmach::Language;

use crate::util::{assert_speech, scratch_dir, temp_path, tilmach};

fn catalog() -> Catalog {
    Catalog::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("locales")).unwrap()
}

fn args() -> FluentArgs<'static> {
    let mut args = FluentArgs::new();
    for (name, value) in [
        ("seconds", 10),
        ("digits", 1381234),
        ("count", 4),
        ("number", 25),
        ("window", 3),
    ] {
        args.set(name, value);
    }
    args
}

#[test]
fn transliteration_round_trips_every_mongolian_string_in_the_locales() {
    let catalog = catalog();
    let args = args();
    let mut checked = 0;
    for id in catalog.message_ids(Language::Mongolian) {
        let text = catalog
            .format(
                Language::Mongolian,
                id,
                None,
                Some(&args),
                Usage::Speech,
                &mut Vec::new(),
            )
            .unwrap();
        let latin = mongolian::transliterate(&text);
        assert_eq!(mongolian::from_latin(&latin), text, "{id}");
        assert!(mongolian::normalize(&text).is_ok(), "{id}: {text}");
        let reading = mongolian::read(&text);
        assert!(
            reading
                .chars()
                .any(|c| ('\u{0400}'..='\u{04FF}').contains(&c)),
            "{id}: {reading}"
        );
        checked += 1;
    }
    assert!(checked > 250, "{checked} messages");
}

#[test]
fn every_mongolian_prompt_and_guide_is_spoken() {
    std::env::set_var("TILMACH_CACHE_DIR", scratch_dir().join("cache"));
    let engine = tilmach::synth::espeak::Espeak::shared().unwrap();
    let catalog = catalog();
    let args = args();
    for id in catalog
        .message_ids(Language::Mongolian)
        .into_iter()
        .filter(|id| id.starts_with("prompt-"))
    {
        let text = catalog
            .format(
                Language::Mongolian,
                id,
                None,
                Some(&args),
                Usage::Speech,
                &mut Vec::new(),
            )
            .unwrap();
        let pcm = tilmach::synth::speak(
            engine,
            Language::Mongolian,
            &text,
            &tilmach::SpeechSettings::default(),
        )
        .unwrap();
        // Plausible length: at least 25 ms per letter of the text.
        let letters = text.chars().filter(|c| c.is_alphabetic()).count() as f64;
        assert_speech(&pcm, letters * 0.025, letters * 0.4 + 2.0, id);
    }
    for id in tilmach::guide::ids(&catalog) {
        let out = temp_path("mn.wav");
        tilmach()
            .args([
                "guide", "speak", &id, "--lang", "mn", "--mode", "simple", "-f", "wav8k", "-o",
            ])
            .arg(&out)
            .assert()
            .success();
        assert_speech(
            &tilmach::audio::wav::read_file(&out).unwrap(),
            3.0,
            90.0,
            &id,
        );
    }
}

#[test]
fn cyrillic_mongolian_is_spoken_and_pronounced() {
    let out = temp_path("cyrl.wav");
    tilmach()
        .args(["speak", "--lang", "mn-Cyrl", "-o"])
        .arg(&out)
        .arg("Сайн байна уу. Тэтгэврийн мөнгө.")
        .assert()
        .success();
    assert_speech(
        &tilmach::audio::wav::read_file(&out).unwrap(),
        1.0,
        10.0,
        "mn-Cyrl",
    );
}

#[test]
fn garbage_mongolian_is_cleaned_or_refused_clearly() {
    let out = temp_path("bad.wav");
    let cases = [
        ("ᠰᠠᠢᠨ \u{E234}ᠪᠠ", Some("legacy")),
        ("ᠰᠠᠢᠨ байна", Some("mixed scripts")),
        ("\u{180B}ᠰᠠᠢᠨ ᠪᠠᠢᠨ᠎ᠠ", None),
        ("ᠰᠠᠢᠨ abc 中文 ᠪᠠᠢᠨ᠎ᠠ", None),
        ("\u{202F}\u{202F}", Some("empty")),
    ];
    for (input, error) in cases {
        let assert = tilmach()
            .args(["speak", "--lang", "mn", "-o"])
            .arg(&out)
            .arg(input)
            .assert();
        match error {
            Some(message) => {
                assert.code(1).stderr(predicates::str::contains(message));
            }
            None => {
                assert.success();
            }
        }
    }
}

#[test]
fn pronounce_prints_the_transliteration_or_phonemes() {
    let out = tilmach()
        .args(["pronounce", "--lang", "mn-Mong-CN", "ᠮᠣᠩᠭᠣᠯ ᠬᠡᠯᠡ"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        text,
        format!("{}\n", mongolian::transliterate("ᠮᠣᠩᠭᠣᠯ ᠬᠡᠯᠡ"))
    );
    let out = tilmach()
        .args([
            "pronounce",
            "--phonemes",
            "--lang",
            "mn-Mong-CN",
            "ᠮᠣᠩᠭᠣᠯ ᠬᠡᠯᠡ",
        ])
        .output()
        .unwrap();
    let phonemes = String::from_utf8(out.stdout).unwrap();
    assert!(
        phonemes.contains('m') && phonemes.contains('l'),
        "{phonemes}"
    );
    assert_eq!(phonemes.lines().count(), 1, "{phonemes}");
    let out = tilmach()
        .args(["pronounce", "--lang", "ug", "پېنسىيە ئېلىش"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "pénsiye élish\n");
}
