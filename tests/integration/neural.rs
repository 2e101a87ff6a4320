//! The neural voices on the real model: Kokoro for Mandarin (the default once installed), a
//! Piper voice a user brings, their errors, profiles, formats, worker processes and packs.
//! The voices come from `scripts/voices` (`models/voices`, or `$TILMACH_VOICES`); each test says
//! so and passes without checking when they are missing, except under `CI=true`.

use std::path::{Path, PathBuf};

use tilmach::asr::whisper::Whisper;
use tilmach::asr::{Recognizer, Request};
use tilmach::audio::wav;
use tilmach::phonetics::mandarin::pinyin_string;
use tilmach::synth::neural::{kokoro, Kokoro, Piper};
use tilmach::synth::worker::{EngineProcess, WorkerCommand};
use tilmach::synth::{SpeechSettings, Synthesizer};
use tilmach::{Language, Pcm};

use crate::util::{assert_speech, temp_path, tilmach, tilmach_neural, voice_dir, whisper_model};

/// A service sentence without digits (its spoken form is itself).
const SENTENCE: &str = "请带好身份证和社保卡，到人工窗口办理养老金领取。";

/// The toneless syllables of Han text (traditional characters read as well).
fn syllables(text: &str) -> Vec<String> {
    pinyin_string(text)
        .split(' ')
        .filter(|s| !s.is_empty() && s.ends_with(|c: char| c.is_ascii_digit()))
        .map(|s| s.trim_end_matches(|c: char| c.is_ascii_digit()).to_owned())
        .collect()
}

/// The share of `expected`'s syllables that `heard` has, in order (longest common subsequence).
fn syllable_recall(expected: &str, heard: &str) -> f64 {
    let (a, b) = (syllables(expected), syllables(heard));
    let mut row = vec![0usize; b.len() + 1];
    for x in &a {
        let mut diagonal = 0;
        for (j, y) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if x == y {
                diagonal + 1
            } else {
                row[j + 1].max(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()] as f64 / a.len().max(1) as f64
}

fn read(path: &Path) -> Pcm {
    wav::read_file(path).unwrap()
}

#[test]
fn voices_lists_the_installed_voices_with_language_rate_and_licence() {
    let Some(voices) = voice_dir() else { return };
    let out = tilmach_neural(&voices)
        .args(["voices", "--engine", "neural"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for (name, _) in kokoro::MANDARIN_VOICES {
        let line = text
            .lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("{name} not listed:\n{text}"));
        for field in ["zh-Hans-CN", "24000 Hz", "Apache-2.0"] {
            assert!(line.contains(field), "{field} missing from {line}");
        }
    }
    assert!(text.contains(&format!("{} (default)", kokoro::DEFAULT_VOICE)));
    let piper = text
        .lines()
        .find(|l| l.contains("en_US-joe-medium.onnx"))
        .unwrap();
    assert!(piper.contains("en_US") && piper.contains("22050 Hz") && piper.contains("CC0"));
    // Without voices the list says how to get them.
    tilmach()
        .args(["voices", "--engine", "neural"])
        .assert()
        .success()
        .stdout(predicates::str::contains("scripts/voices"));
}

/// The default engine speaks Mandarin with the neural voice: 24 kHz, and Whisper hears the
/// sentence; Uyghur and Mongolian stay with espeak-ng.
#[test]
fn mandarin_speaks_neural_by_default_and_whisper_understands_it() {
    let Some(voices) = voice_dir() else { return };
    let Some(model) = whisper_model() else { return };
    let out = temp_path("zh.wav");
    tilmach_neural(&voices)
        .args(["speak", "--lang", "zh", "-o"])
        .arg(&out)
        .arg(SENTENCE)
        .assert()
        .success();
    let pcm = read(&out);
    assert_eq!(pcm.rate, kokoro::SAMPLE_RATE, "the neural voice's rate");
    assert_speech(&pcm, 3.0, 9.0, "neural Mandarin");
    let whisper = Whisper::load(&model, 2).unwrap();
    let heard = whisper
        .recognize(&pcm, &Request::in_language("zh"))
        .unwrap()
        .text;
    let recall = syllable_recall(SENTENCE, &heard);
    eprintln!("neural Mandarin heard as {heard:?}: {recall:.2} of the syllables");
    assert!(recall >= 0.8, "heard {heard:?} ({recall:.2})");
    for lang in ["ug", "mn"] {
        let out = temp_path("other.wav");
        let text = if lang == "ug" {
            crate::util::UG
        } else {
            "ᠰᠠᠢᠨ ᠪᠠᠢᠨ᠎ᠠ ᠤᠤ"
        };
        tilmach_neural(&voices)
            .args(["speak", "--lang", lang, "-o"])
            .arg(&out)
            .arg(text)
            .assert()
            .success();
        assert_eq!(read(&out).rate, 22_050, "{lang} stays with espeak-ng");
        tilmach_neural(&voices)
            .args(["speak", "--engine", "neural", "--lang", lang, "-o"])
            .arg(temp_path("none.wav"))
            .arg(text)
            .assert()
            .code(1)
            .stderr(predicates::str::contains("no neural voice"));
    }
}

/// Elder mode is slower (the model's speed), with longer pauses, and louder.
#[test]
fn the_elder_profile_is_measurably_slower_and_louder() {
    let Some(voices) = voice_dir() else { return };
    let text = "您好，欢迎使用政务服务。请带好身份证。";
    let render = |elder: bool| {
        let out = temp_path("profile.wav");
        let mut cmd = tilmach_neural(&voices);
        cmd.args(["speak", "--lang", "zh", "-o"])
            .arg(&out)
            .arg(text);
        if elder {
            cmd.arg("--elder");
        }
        cmd.assert().success();
        read(&out)
    };
    let (standard, elder) = (render(false), render(true));
    let ratio = elder.duration().as_secs_f64() / standard.duration().as_secs_f64();
    // Speed 0.85 (half of the rate's 30 %) and the longer pause.
    assert!(ratio > 1.15, "elder is only {ratio:.2}× as long");
    assert!(
        elder.rms_dbfs() > standard.rms_dbfs() + 2.0,
        "elder {:.1} dBFS, standard {:.1} dBFS",
        elder.rms_dbfs(),
        standard.rms_dbfs()
    );
}

/// Telephony formats carry the neural voice at 8 kHz.
#[test]
fn telephony_formats_carry_the_neural_voice() {
    let Some(voices) = voice_dir() else { return };
    let wav8k = temp_path("zh8k.wav");
    tilmach_neural(&voices)
        .args(["speak", "--lang", "zh", "-f", "wav8k", "-o"])
        .arg(&wav8k)
        .arg(SENTENCE)
        .assert()
        .success();
    let pcm = read(&wav8k);
    assert_eq!(pcm.rate, 8000);
    assert_speech(&pcm, 3.0, 9.0, "8 kHz");
    let ulaw = temp_path("zh.ulaw");
    tilmach_neural(&voices)
        .args(["speak", "--lang", "zh", "-f", "ulaw", "-o"])
        .arg(&ulaw)
        .arg(SENTENCE)
        .assert()
        .success();
    let bytes = std::fs::metadata(&ulaw).unwrap().len() as f64;
    let seconds = pcm.duration().as_secs_f64();
    assert!(
        (bytes / 8000.0 - seconds).abs() < 0.05 * seconds,
        "{bytes} µ-law bytes for {seconds:.2} s"
    );
}

/// Every way a voice can be broken is an error naming the file, never a crash.
#[test]
fn a_missing_or_corrupt_voice_is_a_clear_error_naming_the_file() {
    let Some(voices) = voice_dir() else { return };
    let copy = |name: &str| -> PathBuf {
        let dir = temp_path(name);
        std::fs::create_dir_all(dir.join("kokoro")).unwrap();
        for file in ["kokoro-vocab.json", "libonnxruntime.so.1.32.0"] {
            std::os::unix::fs::symlink(voices.join(file), dir.join(file)).unwrap();
        }
        let voice = format!("kokoro/{}.bin", kokoro::DEFAULT_VOICE);
        std::os::unix::fs::symlink(voices.join(&voice), dir.join(&voice)).unwrap();
        dir
    };
    let model = std::fs::read(voices.join(kokoro::MODEL_FILE)).unwrap();
    let truncated = copy("truncated");
    std::fs::write(
        truncated.join(kokoro::MODEL_FILE),
        &model[..model.len() / 3],
    )
    .unwrap();
    let garbage = copy("garbage");
    std::fs::write(
        garbage.join(kokoro::MODEL_FILE),
        b"not an onnx model at all",
    )
    .unwrap();
    let bad_voice = copy("bad-voice");
    std::os::unix::fs::symlink(
        voices.join(kokoro::MODEL_FILE),
        bad_voice.join(kokoro::MODEL_FILE),
    )
    .unwrap();
    let voice_file = bad_voice.join(format!("kokoro/{}.bin", kokoro::DEFAULT_VOICE));
    std::fs::remove_file(&voice_file).unwrap();
    std::fs::write(&voice_file, [0u8; 1000]).unwrap();
    let bad_runtime = copy("bad-runtime");
    std::os::unix::fs::symlink(
        voices.join(kokoro::MODEL_FILE),
        bad_runtime.join(kokoro::MODEL_FILE),
    )
    .unwrap();
    std::fs::remove_file(bad_runtime.join("libonnxruntime.so.1.32.0")).unwrap();
    std::fs::write(
        bad_runtime.join("libonnxruntime.so.1.32.0"),
        b"\x7fELF broken",
    )
    .unwrap();
    let no_vocab = copy("no-vocab");
    std::os::unix::fs::symlink(
        voices.join(kokoro::MODEL_FILE),
        no_vocab.join(kokoro::MODEL_FILE),
    )
    .unwrap();
    std::fs::remove_file(no_vocab.join("kokoro-vocab.json")).unwrap();
    for (dir, file, problem) in [
        (
            &truncated,
            truncated.join(kokoro::MODEL_FILE),
            "ONNX Runtime cannot load it",
        ),
        (
            &garbage,
            garbage.join(kokoro::MODEL_FILE),
            "ONNX Runtime cannot load it",
        ),
        (&bad_voice, voice_file.clone(), "1000"),
        (
            &bad_runtime,
            bad_runtime.join("libonnxruntime.so.1.32.0"),
            "cannot load ONNX Runtime",
        ),
    ] {
        let out = tilmach_neural(dir)
            .args(["speak", "--engine", "neural", "--lang", "zh", "-o"])
            .arg(temp_path("x.wav"))
            .arg("你好")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{}: {stderr}", file.display());
        assert!(
            stderr.contains(&file.display().to_string()) && stderr.contains(problem),
            "{stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
    // Without its vocabulary the voice is not installed: auto falls back to espeak-ng, neural
    // says what is missing.
    let out = temp_path("fallback.wav");
    tilmach_neural(&no_vocab)
        .args(["speak", "--lang", "zh", "-o"])
        .arg(&out)
        .arg("你好")
        .assert()
        .success();
    assert_eq!(read(&out).rate, 22_050);
    tilmach_neural(&no_vocab)
        .args(["speak", "--engine", "neural", "--lang", "zh", "-o"])
        .arg(temp_path("x.wav"))
        .arg("你好")
        .assert()
        .code(1)
        .stderr(predicates::str::contains("no neural voice is installed"));
    // A voice that does not exist names the voices that do.
    tilmach_neural(&voices)
        .args(["speak", "--lang", "zh", "--voice", "zf_nobody", "-o"])
        .arg(temp_path("x.wav"))
        .arg("你好")
        .assert()
        .code(1)
        .stderr(predicates::str::contains("zf_xiaoxiao"));
}

/// A Piper voice brought by the user loads from its path and speaks its own language, which
/// Whisper hears; asked for a language it is not for, it says so.
#[test]
fn a_piper_voice_loads_and_speaks_its_language() {
    let Some(voices) = voice_dir() else { return };
    let Some(model) = whisper_model() else { return };
    let joe = voices.join("piper/en_US-joe-medium.onnx");
    let voice = Piper::load(&joe, &voices, 2).unwrap();
    assert_eq!(voice.sample_rate(), 22_050);
    assert!(voice.capabilities().languages.is_empty());
    let pcm = voice
        .render_text(
            "Please bring your identity card to the service window.",
            &SpeechSettings::default(),
        )
        .unwrap();
    assert_speech(&pcm, 2.0, 6.0, "Piper English");
    let slow = voice
        .render_text(
            "Please bring your identity card to the service window.",
            &SpeechSettings {
                rate: 50,
                ..SpeechSettings::default()
            },
        )
        .unwrap();
    // Rate 50 % is speed 0.75: a third longer, less the variation Piper's random durations add.
    let ratio = slow.duration().as_secs_f64() / pcm.duration().as_secs_f64();
    assert!(ratio > 1.15, "rate 50 % is only {ratio:.2}× as long");
    let whisper = Whisper::load(&model, 2).unwrap();
    let heard = whisper
        .recognize(&pcm, &Request::in_language("en"))
        .unwrap()
        .text
        .to_lowercase();
    for word in ["bring", "identity", "card", "window"] {
        assert!(heard.contains(word), "{word} missing from {heard:?}");
    }
    tilmach_neural(&voices)
        .args(["speak", "--lang", "zh", "--voice"])
        .arg(&joe)
        .args(["-o"])
        .arg(temp_path("x.wav"))
        .arg("你好")
        .assert()
        .code(1)
        .stderr(predicates::str::contains("en_US"));
    // A model without its config is named.
    let lonely = temp_path("lonely.onnx");
    std::fs::copy(&joe, &lonely).unwrap();
    let err = Piper::load(&lonely, &voices, 1).err().unwrap().to_string();
    assert!(err.contains("lonely.onnx.json"), "{err}");
}

/// Worker processes serve the neural voice to many threads at once, each request getting its
/// own speech.
#[test]
fn neural_workers_serve_concurrent_requests() {
    let Some(voices) = voice_dir() else { return };
    let command = WorkerCommand::tilmach(assert_cmd::cargo::cargo_bin("tilmach"))
        .with_args(["--engine", "auto", "--threads", "1"].map(str::to_owned));
    // The worker finds the voices through the environment it inherits.
    std::env::set_var("TILMACH_VOICES", &voices);
    let pool = EngineProcess::start(command, 2).unwrap();
    assert_eq!(pool.sample_rate(), kokoro::SAMPLE_RATE);
    assert!(pool.name().contains("Kokoro"), "{}", pool.name());
    let texts = [
        "请带好身份证。",
        "社保卡请按一。",
        "欢迎使用政务服务。",
        "再见。",
    ];
    let rendered: Vec<(usize, Pcm)> = std::thread::scope(|s| {
        let handles: Vec<_> = texts
            .iter()
            .enumerate()
            .map(|(i, text)| {
                let pool = &pool;
                s.spawn(move || {
                    let pcm = pool
                        .render(Language::Mandarin, text, &SpeechSettings::default())
                        .unwrap();
                    (i, pcm)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let engine = Kokoro::load(&voices, kokoro::DEFAULT_VOICE, 1).unwrap();
    for (i, pcm) in rendered {
        let alone = engine
            .render(Language::Mandarin, texts[i], &SpeechSettings::default())
            .unwrap();
        // The neural voice is deterministic: the same text gives the same length.
        let (a, b) = (pcm.samples.len() as f64, alone.samples.len() as f64);
        assert!(
            (a - b).abs() <= b * 0.02,
            "{}: {a} vs {b} samples",
            texts[i]
        );
    }
    // Uyghur through the same pool comes from espeak-ng, at the pool's rate.
    let ug = pool
        .render(
            Language::Uyghur,
            crate::util::UG,
            &SpeechSettings::default(),
        )
        .unwrap();
    assert_eq!(ug.rate, kokoro::SAMPLE_RATE);
    assert_speech(&ug, 3.0, 15.0, "Uyghur through the neural pool");
}

/// A prompt pack built with the neural voice is incremental: a second build renders nothing,
/// and an edited prompt alone is rendered again.
#[test]
fn a_neural_prompt_pack_stays_incremental() {
    let Some(voices) = voice_dir() else { return };
    let locales = temp_path("locales");
    write_small_locales(&locales);
    let out = temp_path("pack");
    let build = || -> serde_json::Value {
        let output = tilmach_neural(&voices)
            .args(["prompts", "build", "--target", "asterisk", "--lang", "zh"])
            .args(["--format", "json", "--jobs", "2", "--out"])
            .arg(&out)
            .arg("--locales")
            .arg(&locales)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        serde_json::from_slice(&output.stdout).unwrap()
    };
    let first = build();
    let rendered = first["rendered"].as_array().unwrap().len();
    assert!(rendered >= 2, "{first}");
    let wav = std::fs::read_dir(out.join("sounds/zh/tilmach"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "wav"))
        .unwrap();
    assert_speech(&read(&wav), 0.5, 10.0, "pack sound");
    assert_eq!(build()["rendered"].as_array().unwrap().len(), 0);
    let prompts = locales.join("zh-Hans-CN/prompts.ftl");
    let text = std::fs::read_to_string(&prompts)
        .unwrap()
        .replace("请稍候。", "请稍等一下。");
    std::fs::write(&prompts, text).unwrap();
    let third = build();
    let again = third["rendered"].as_array().unwrap();
    assert_eq!(again.len(), 1, "{third}");
}

/// Locale files with two Mandarin prompts and nothing else, so that a pack is quick to build.
fn write_small_locales(dir: &Path) {
    std::fs::create_dir_all(dir.join("zh-Hans-CN")).unwrap();
    std::fs::write(
        dir.join("zh-Hans-CN/prompts.ftl"),
        "prompt-welcome = 您好，欢迎使用政务服务语音助手。\nprompt-please-wait = 请稍候。\n",
    )
    .unwrap();
}
