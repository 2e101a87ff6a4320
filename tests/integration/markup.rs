//! `tilmach speak --markup`: the SSML subset changes what is heard; bad markup is refused with
//! its position; plain text is never read as markup.

use tilmach::audio::wav;
use tilmach::synth::espeak::Espeak;
use tilmach::synth::{Sentences, SpeechSettings};
use tilmach::{Language, Pcm};

use crate::util::{assert_speech, same_speech, temp_path, tilmach};

/// Speaks `text` (as markup when `markup`) in Mandarin into a WAV and reads it back.
fn speak(text: &str, markup: bool) -> Pcm {
    let out = temp_path("markup.wav");
    let mut cmd = tilmach();
    cmd.args(["speak", "--lang", "zh", "-o"]).arg(&out);
    if markup {
        cmd.arg("--markup");
    }
    cmd.arg(text).assert().success();
    wav::read_file(&out).unwrap()
}

/// The longest stretch of near-silence, in seconds.
fn longest_silence(pcm: &Pcm) -> f64 {
    let (mut longest, mut run) = (0usize, 0usize);
    for &s in &pcm.samples {
        run = if s.unsigned_abs() < 64 { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    longest as f64 / f64::from(pcm.rate)
}

#[test]
fn a_break_is_a_pause_of_its_length() {
    let plain = speak("请带好身份证请到窗口办理", false);
    let marked = speak(r#"请带好身份证<break time="2s"/>请到窗口办理"#, true);
    let silence = longest_silence(&marked);
    assert!(
        (1.9..2.6).contains(&silence),
        "longest silence {silence:.2} s"
    );
    assert!(longest_silence(&plain) < 1.0);
    assert_speech(&marked, 3.0, 12.0, "with break");
}

#[test]
fn a_slow_prosody_is_slower() {
    let text = "养老金每月发放到社保卡";
    let normal = speak(text, false);
    let slow = speak(&format!(r#"<prosody rate="x-slow">{text}</prosody>"#), true);
    let ratio = slow.duration().as_secs_f64() / normal.duration().as_secs_f64();
    assert!(ratio > 1.4, "x-slow is only {ratio:.2} times as long");
}

#[test]
fn say_as_and_sub_read_as_written_out() {
    let pairs = [
        (
            r#"年份<say-as interpret-as="digits">2024</say-as>"#,
            "年份二零二四",
        ),
        (r#"<sub alias="社会保障卡">社保卡</sub>"#, "社会保障卡"),
        (
            r#"<say-as interpret-as="date" format="dmy">15/01/2021</say-as>"#,
            "二〇二一年一月十五日",
        ),
    ];
    for (markup, words) in pairs {
        let a = speak(markup, true);
        let b = speak(words, false);
        same_speech(&a, &b).unwrap_or_else(|e| panic!("{markup}: {e}"));
    }
}

#[test]
fn languages_switch_inside_one_text() {
    let engine = Espeak::shared().unwrap();
    let markup = r#"<speak xml:lang="zh-Hans-CN"><s>您好。</s><lang xml:lang="ug-Arab-CN">ياخشىمۇسىز</lang></speak>"#;
    let sentences = Sentences::from_markup(
        &engine,
        Language::Mandarin,
        markup,
        &SpeechSettings::default(),
    )
    .unwrap();
    let langs: Vec<_> = (0..sentences.len())
        .map(|i| sentences.language(i))
        .collect();
    assert_eq!(langs, [Some(Language::Mandarin), Some(Language::Uyghur)]);
    for pcm in sentences {
        assert!(pcm.unwrap().rms_dbfs() > -40.0);
    }
}

#[test]
fn bad_markup_is_refused_with_its_position() {
    let out = temp_path("bad.wav");
    tilmach()
        .args(["speak", "--markup", "--lang", "zh", "-o"])
        .arg(&out)
        .arg("<speak>\n您好<break time=\"soon\"/></speak>")
        .assert()
        .code(1)
        .stderr(predicates::str::contains("line 2, column 16"));
    assert!(!out.exists(), "no audio file for refused markup");
    tilmach()
        .args(["speak", "--markup", "--lang", "zh", "-o"])
        .arg(&out)
        .arg(r#"<lang xml:lang="en">hello</lang>"#)
        .assert()
        .code(1)
        .stderr(predicates::str::contains("unsupported language 'en'"));
}

#[test]
fn plain_text_is_not_markup() {
    let pcm = speak("<break time=\"5s\"/>您好", false);
    assert!(
        longest_silence(&pcm) < 1.0,
        "a break in plain text was obeyed"
    );
}
