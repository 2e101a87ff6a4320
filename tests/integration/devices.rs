//! The speaker and microphone through cpal, for real, without sound hardware: an `.asoundrc`
//! in the test's home turns ALSA's default device into the `file` plugin, which writes what is
//! played to a file and reads what is recorded from one.

use std::path::Path;

use tilmach::audio::wav;
use tilmach::Pcm;

use crate::util::{assert_speech, temp_path, tilmach, ZH};

/// Writes an `.asoundrc` in `home`: playback goes to `played` and capture reads `recorded`,
/// both raw signed 16-bit little-endian mono at 16 kHz (ALSA's `plug` converts to that).
fn alsa_home(home: &Path, played: &Path, recorded: &Path) {
    std::fs::create_dir_all(home).unwrap();
    let config = format!(
        r#"pcm.!default {{
    type asym
    playback.pcm {{ type plug slave {{ pcm "tilmach_out" format S16_LE rate 16000 channels 1 }} }}
    capture.pcm {{ type plug slave {{ pcm "tilmach_in" format S16_LE rate 16000 channels 1 }} }}
}}
pcm.tilmach_out {{ type file slave.pcm "null" file "{}" format "raw" }}
pcm.tilmach_in {{ type file slave.pcm "null" file "/dev/null" infile "{}" format "raw" }}
"#,
        played.display(),
        recorded.display()
    );
    std::fs::write(home.join(".asoundrc"), config).unwrap();
}

fn raw_pcm(path: &Path) -> Pcm {
    let bytes = std::fs::read(path).unwrap();
    let samples = bytes
        .chunks_exact(2)
        .map(|b| i16::from_le_bytes([b[0], b[1]]))
        .collect();
    Pcm::new(samples, 16_000)
}

#[test]
fn speak_play_sends_the_speech_to_the_speaker() {
    let home = temp_path("home");
    let played = temp_path("played.raw");
    alsa_home(&home, &played, &temp_path("none.raw"));
    let file = temp_path("also.wav");
    tilmach()
        .env("HOME", &home)
        .args(["speak", "--lang", "zh", "--play", "-o"])
        .arg(&file)
        .arg(ZH)
        .assert()
        .success();
    // ALSA's null device takes samples as fast as they come, so while the next sentence is being
    // made the stream plays silence (exact zeros) that a real speaker would not have needed, and
    // after the speech it plays silence until the stream closes: compare the speech with every
    // stretch of exact silence taken out of both.
    let heard = without_silences(&raw_pcm(&played));
    let written = without_silences(&wav::read_file(&file).unwrap());
    let expected = written.duration().as_secs_f64();
    assert_speech(&heard, expected * 0.97, expected * 1.03, "played");
}

/// `pcm` with every run of exact zeros longer than 20 ms removed.
fn without_silences(pcm: &Pcm) -> Pcm {
    let longest_kept = pcm.rate as usize / 50;
    let mut kept = Vec::with_capacity(pcm.samples.len());
    let mut zeros = 0;
    for &sample in &pcm.samples {
        if sample == 0 {
            zeros += 1;
            continue;
        }
        if zeros <= longest_kept {
            kept.extend(std::iter::repeat_n(0, zeros));
        }
        zeros = 0;
        kept.push(sample);
    }
    Pcm::new(kept, pcm.rate)
}

/// The microphone's words reach the recognizer and the menu (which option Whisper's hearing of
/// synthetic Mandarin chooses is measured in `listen::a_ten_option_menu_is_chosen_by_voice`);
/// a silent microphone is "nothing heard".
#[test]
fn listen_records_the_microphone_until_silence() {
    let Some(model) = crate::util::whisper_model() else {
        return;
    };
    // The caller: a second of room, "社保卡" in tilmach's own voice, then quiet.
    let said = temp_path("said.wav");
    tilmach()
        .args(["speak", "--lang", "zh", "--elder", "-f", "wav16k", "-o"])
        .arg(&said)
        .arg("社保卡")
        .assert()
        .success();
    let speech = wav::read_file(&said).unwrap();
    let mut samples = vec![0i16; 16_000];
    samples.extend(&speech.samples);
    samples.extend(vec![0i16; 48_000]);
    let recorded = temp_path("mic.raw");
    std::fs::write(
        &recorded,
        samples
            .iter()
            .flat_map(|s| s.to_le_bytes())
            .collect::<Vec<_>>(),
    )
    .unwrap();
    let listen = |mic: &Path| {
        let home = temp_path("home");
        alsa_home(&home, &temp_path("out.raw"), mic);
        tilmach()
            .env("HOME", &home)
            .args([
                "listen", "--lang", "zh", "--wait", "3", "--menu", "guides", "--model",
            ])
            .arg(&model)
            .output()
            .unwrap()
    };
    let out = listen(&recorded);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    assert!(
        lines[0].starts_with("heard: ") && lines[0] != "heard: (nothing)" && lines[0].len() > 8,
        "{stdout}"
    );
    assert!(lines[1].starts_with("choice: "), "{stdout}");

    let quiet = temp_path("quiet.raw");
    std::fs::write(&quiet, vec![0u8; 16_000 * 2 * 5]).unwrap();
    let out = listen(&quiet);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "heard: (nothing)\n");
}
