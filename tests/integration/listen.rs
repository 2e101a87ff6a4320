//! Listening: `tilmach transcribe` and spoken menu choices with the real whisper.cpp and the
//! shared Whisper base model (`../shared/models/`, or `$TILMACH_WHISPER_MODEL`). Each test says
//! so and passes without checking anything when neither exists.

use std::path::{Path, PathBuf};
use std::process::Command as StdCommand;

use tilmach::asr::intent::{Menu, Outcome};
use tilmach::asr::whisper::Whisper;
use tilmach::asr::{Recognizer, Request};
use tilmach::audio::wav;
use tilmach::l10n::Catalog;
use tilmach::synth::espeak::Espeak;
use tilmach::synth::{speak, SpeechSettings};
use tilmach::{Language, Pcm};

use crate::util::{scratch_dir, temp_path, tilmach};

fn model() -> Option<PathBuf> {
    crate::util::whisper_model()
}

/// The espeak-ng program that espeak-rs-sys built beside the library, and the data directory
/// tilmach unpacked: a second way to make speech (here: English, which tilmach does not serve).
fn espeak_program() -> (PathBuf, PathBuf) {
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).parent().unwrap();
    let program = ["debug", "release"]
        .iter()
        .filter_map(|profile| std::fs::read_dir(target.join(profile).join("build")).ok())
        .flatten()
        .flatten()
        .map(|e| e.path().join("out/bin/espeak-ng"))
        .find(|p| p.is_file())
        .expect("espeak-rs-sys builds the espeak-ng program");
    tilmach()
        .args(["speak", "--lang", "zh", "-o"])
        .arg(temp_path("unpack.wav"))
        .arg("好")
        .assert()
        .success();
    let data = std::fs::read_dir(scratch_dir().join("cache"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.join("espeak-ng-data").is_dir())
        .expect("tilmach unpacked its data");
    (program, data)
}

#[test]
fn english_speech_is_transcribed_with_timings() {
    let Some(model) = model() else { return };
    let (program, data) = espeak_program();
    let clip = temp_path("en.wav");
    let status = StdCommand::new(program)
        .arg(format!("--path={}", data.display()))
        .args(["-v", "en", "-s", "150", "-w"])
        .arg(&clip)
        .arg("Please press one for pension services.")
        .status()
        .unwrap();
    assert!(status.success());
    let out = tilmach()
        .args(["transcribe", "--format", "json", "--model"])
        .arg(&model)
        .arg(&clip)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["language"], "en", "detected: {json}");
    let text = json["text"].as_str().unwrap().to_lowercase();
    for word in ["press", "pension", "services"] {
        assert!(text.contains(word), "{word} missing from {text:?}");
    }
    let segments = json["segments"].as_array().unwrap();
    assert!(!segments.is_empty());
    let (start, end) = (
        segments[0]["start"].as_f64().unwrap(),
        segments.last().unwrap()["end"].as_f64().unwrap(),
    );
    let length = wav::read_file(&clip).unwrap().duration().as_secs_f64();
    assert!(
        start < end && end <= length + 1.5,
        "{start}..{end} of {length} s"
    );
}

#[test]
fn silence_gives_an_empty_transcript_and_bad_models_a_clear_error() {
    let Some(model) = model() else { return };
    let silent = temp_path("silent.wav");
    wav::write_file(&silent, &Pcm::new(vec![0; 32_000], 16_000)).unwrap();
    tilmach()
        .args(["transcribe", "--lang", "zh", "--model"])
        .arg(&model)
        .arg(&silent)
        .assert()
        .success()
        .stdout("\n");
    let broken = temp_path("broken.bin");
    let bytes = std::fs::read(&model).unwrap();
    std::fs::write(&broken, &bytes[..bytes.len() / 2]).unwrap();
    for (path, problem) in [
        (broken.clone(), "truncated"),
        (temp_path("none.bin"), "cannot open"),
    ] {
        tilmach()
            .args(["transcribe", "--model"])
            .arg(&path)
            .arg(&silent)
            .assert()
            .code(1)
            .stderr(predicates::str::contains(path.display().to_string()))
            .stderr(predicates::str::contains(problem));
    }
}

/// The ten guides of the voice menu, said the way a caller might, in tilmach's own Mandarin
/// speech (`engine`, elder profile), recognized by Whisper and matched by keyword: how many of
/// the ten are chosen right. Each try is printed.
fn menu_hits(model: &Path, engine: &dyn tilmach::Synthesizer) -> usize {
    let whisper = Whisper::load(model, 2).unwrap();
    let catalog = Catalog::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("locales")).unwrap();
    let guides = [
        ("pension-collection", "我要领养老金"),
        ("benefit-certification", "办理资格认证"),
        ("household-registration", "户口"),
        ("id-card-renewal", "补办身份证"),
        ("social-security-card", "社保卡"),
        ("medical-insurance-reimbursement", "医保报销"),
        ("senior-allowance", "高龄津贴"),
        ("utility-payments", "交电费"),
        ("doorstep-service", "上门服务"),
        ("proxy-handling", "亲属代办"),
    ];
    let titles: Vec<String> = guides.iter().map(|(id, _)| format!("{id}-title")).collect();
    let options: Vec<(&str, &str, Option<char>)> = guides
        .iter()
        .zip(&titles)
        .map(|((id, _), title)| (*id, title.as_str(), None))
        .collect();
    let menu = Menu::from_catalog(&catalog, Language::Mandarin, &options).unwrap();
    let settings = SpeechSettings::elder();
    let mut right = 0;
    for (id, said) in guides {
        let audio = speak(engine, Language::Mandarin, said, &settings).unwrap();
        let heard = whisper
            .recognize(&audio, &Request::in_language("zh"))
            .unwrap();
        let outcome = menu.choose(&heard.text);
        let ok = matches!(&outcome, Outcome::Chosen { id: chosen, .. } if chosen == id);
        right += usize::from(ok);
        eprintln!(
            "menu ({}): said {said:?}, heard {:?}: {outcome:?} {}",
            engine.name(),
            heard.text,
            if ok { "ok" } else { "MISS" }
        );
    }
    eprintln!("spoken menu accuracy ({}): {right}/10", engine.name());
    right
}

/// The ten-guide menu said by espeak-ng. Prints the accuracy; the README reports it, and the
/// test fails below its floor.
#[test]
fn a_ten_option_menu_is_chosen_by_voice() {
    let Some(model) = model() else { return };
    let right = menu_hits(&model, Espeak::shared().unwrap());
    assert!(
        right >= MIN_MENU_HITS,
        "only {right} of 10 options chosen by voice"
    );
}

/// The same menu said by the neural Mandarin voice (Kokoro, the default where installed): at
/// least 9 of 10 chosen right.
#[test]
fn a_ten_option_menu_is_chosen_by_voice_with_the_neural_voice() {
    let Some(model) = model() else { return };
    let Some(voices) = crate::util::voice_dir() else {
        return;
    };
    let engine = tilmach::synth::neural::Kokoro::load(
        &voices,
        tilmach::synth::neural::kokoro::DEFAULT_VOICE,
        2,
    )
    .unwrap();
    let right = menu_hits(&model, &engine);
    assert!(
        right >= 9,
        "only {right} of 10 options chosen by voice with the neural voice"
    );
}

/// `a_ten_option_menu_is_chosen_by_voice` measured 6 of 10 (see the README). Whisper's hearing
/// of espeak-ng's Mandarin is poor and changes with small changes in the audio, so the floor is
/// set two below what was measured.
const MIN_MENU_HITS: usize = 4;
