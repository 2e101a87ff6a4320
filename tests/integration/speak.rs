//! `tilmach speak`: files, formats, profiles and bad input.

use std::io::Read;
use std::process::{Command as StdCommand, Stdio};

use tilmach::audio::{g711, wav};

use crate::util::{assert_speech, same_speech, temp_path, tilmach, UG, ZH};

fn chars(text: &str) -> f64 {
    text.chars().filter(|c| c.is_alphanumeric()).count() as f64
}

#[test]
fn mandarin_and_uyghur_to_wav_at_every_rate() {
    // Plausible seconds per letter: Mandarin syllables are slow, Uyghur letters fast.
    let cases = [("zh", ZH, 0.12, 0.6), ("ug-CN", UG, 0.03, 0.2)];
    for (tag, text, lo, hi) in cases {
        for (format, rate) in [("wav", 22050), ("wav16k", 16000), ("wav8k", 8000)] {
            let out = temp_path("speech.wav");
            tilmach()
                .args(["speak", "--lang", tag, "--format", format, "-o"])
                .arg(&out)
                .arg(text)
                .assert()
                .success();
            let bytes = std::fs::read(&out).unwrap();
            assert_eq!(&bytes[0..4], b"RIFF");
            assert_eq!(&bytes[8..12], b"WAVE");
            assert_eq!(
                u32::from_le_bytes(bytes[40..44].try_into().unwrap()) as usize,
                bytes.len() - 44
            );
            let pcm = wav::read_file(&out).unwrap();
            assert_eq!(pcm.rate, rate, "{tag} {format}");
            let n = chars(text);
            assert_speech(&pcm, n * lo, n * hi, &format!("{tag} {format}"));
        }
    }
}

#[test]
fn telephony_files_are_exactly_rate_times_duration() {
    let reference = temp_path("ref.wav");
    tilmach()
        .args(["speak", "--lang", "zh", "-f", "wav8k", "-o"])
        .arg(&reference)
        .arg(ZH)
        .assert()
        .success();
    let pcm = wav::read_file(&reference).unwrap();
    for (format, bytes_per_second) in [("ulaw", 8000u32), ("alaw", 8000), ("sln16", 32000)] {
        let out = temp_path(&format!("speech.{format}"));
        tilmach()
            .args(["speak", "--lang", "zh", "-f", format, "-o"])
            .arg(&out)
            .arg(ZH)
            .assert()
            .success();
        let bytes = std::fs::read(&out).unwrap();
        let expected =
            (pcm.duration().as_secs_f64() * f64::from(bytes_per_second)).round() as usize;
        assert!(
            bytes.len().abs_diff(expected) <= (bytes_per_second / 8000 * 2) as usize,
            "{format}: {} bytes for {:.3} s",
            bytes.len(),
            pcm.duration().as_secs_f64()
        );
        if format != "sln16" {
            let decoded = if format == "ulaw" {
                g711::decode_ulaw(&bytes)
            } else {
                g711::decode_alaw(&bytes)
            };
            let err: f64 = pcm
                .samples
                .iter()
                .zip(&decoded)
                .map(|(&a, &b)| (f64::from(a) - f64::from(b)).powi(2))
                .sum();
            let sig: f64 = pcm.samples.iter().map(|&a| f64::from(a).powi(2)).sum();
            assert!(
                (err / sig).sqrt() < 0.02,
                "{format} differs from the 8 kHz WAV by more than 2 % RMS"
            );
        }
    }
}

#[test]
fn text_from_stdin_and_file_and_output_to_stdout() {
    let from_stdin = tilmach()
        .args(["speak", "--lang", "ug", "-o", "-"])
        .write_stdin(UG)
        .output()
        .unwrap();
    assert!(from_stdin.status.success());
    let file = temp_path("text.txt");
    std::fs::write(&file, UG).unwrap();
    let from_file = tilmach()
        .args(["speak", "--lang", "ug", "-o", "-", "--file"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(from_file.status.success());
    let a = wav::read(std::io::Cursor::new(&from_stdin.stdout), "stdout").unwrap();
    let b = wav::read(std::io::Cursor::new(&from_file.stdout), "stdout").unwrap();
    same_speech(&a, &b).unwrap();
    assert_speech(&a, 2.0, 20.0, "stdout");
}

#[test]
fn elder_profile_is_slower_with_longer_pauses_and_louder() {
    let speak = |elder: bool| {
        let out = temp_path("p.wav");
        let mut cmd = tilmach();
        cmd.args(["speak", "--lang", "zh", "-o"])
            .arg(&out)
            .arg("请稍等。正在处理。谢谢您。");
        if elder {
            cmd.arg("--elder");
        }
        cmd.assert().success();
        wav::read_file(&out).unwrap()
    };
    let (standard, elder) = (speak(false), speak(true));
    let ratio = elder.duration().as_secs_f64() / standard.duration().as_secs_f64();
    assert!(ratio > 1.25, "elder is only {ratio:.2}× as long");
    let longest_pause = |pcm: &tilmach::Pcm| {
        let (mut run, mut best) = (0usize, 0usize);
        for s in &pcm.samples {
            run = if s.unsigned_abs() < 30 { run + 1 } else { 0 };
            best = best.max(run);
        }
        best as f64 / f64::from(pcm.rate)
    };
    assert!(
        longest_pause(&elder) >= 0.6,
        "elder pause {:.2} s",
        longest_pause(&elder)
    );
    assert!(longest_pause(&elder) > longest_pause(&standard) + 0.3);
    let (ls, le) = (
        tilmach::audio::loudness::active_rms_dbfs(&standard.samples, standard.rate),
        tilmach::audio::loudness::active_rms_dbfs(&elder.samples, elder.rate),
    );
    assert!(le > ls + 2.0, "elder {le:.1} dBFS vs standard {ls:.1} dBFS");
    assert!(elder.peak() < 32767, "never clipping");
}

#[test]
fn config_file_overrides_the_elder_profile() {
    let config = temp_path("tilmach.toml");
    std::fs::write(&config, "[elder]\nrate = 50\nsentence_pause_ms = 1500\n").unwrap();
    let out = temp_path("c.wav");
    tilmach()
        .args(["speak", "--lang", "zh", "--elder", "--config"])
        .arg(&config)
        .arg("-o")
        .arg(&out)
        .arg("请稍等。谢谢您。")
        .assert()
        .success();
    let slow = wav::read_file(&out).unwrap();
    tilmach()
        .args(["speak", "--lang", "zh", "--elder", "-o"])
        .arg(&out)
        .arg("请稍等。谢谢您。")
        .assert()
        .success();
    let elder = wav::read_file(&out).unwrap();
    assert!(slow.duration().as_secs_f64() > elder.duration().as_secs_f64() + 0.8);
    std::fs::write(&config, "[elder]\nrate = 5\n").unwrap();
    tilmach()
        .args(["speak", "--lang", "zh", "--elder", "--config"])
        .arg(&config)
        .arg("-o")
        .arg(&out)
        .arg("好")
        .assert()
        .failure()
        .stderr(predicates::str::contains("tilmach.toml"))
        .stderr(predicates::str::contains("rate = 5"));
}

#[test]
fn bad_input_gets_a_clear_error_and_no_output_file() {
    let out = temp_path("bad.wav");
    let cases: [(&[&str], &[u8], i32, &str); 6] = [
        (
            &["--lang", "fr"],
            b"bonjour",
            2,
            "supported: zh-Hans-CN, ug-Arab-CN, mn-Mong-CN",
        ),
        (&["--lang", "zh"], b"\xff\xfe\x00abc", 1, "not valid UTF-8"),
        (&["--lang", "zh"], b"", 1, "empty"),
        (&["--lang", "ug"], b"  \n\t ", 1, "empty"),
        (
            &["--lang", "zh"],
            b"\x01\x02\x00\x1b\x7f",
            1,
            "nothing to speak",
        ),
        (
            &["--lang", "mn"],
            "ᠰᠠᠢᠨ \u{E234}ᠪᠠ".as_bytes(),
            1,
            "legacy Menksoft-style font encoding",
        ),
    ];
    for (args, stdin, code, message) in cases {
        tilmach()
            .arg("speak")
            .args(args)
            .arg("-o")
            .arg(&out)
            .write_stdin(stdin)
            .assert()
            .code(code)
            .stderr(predicates::str::contains(message));
        assert!(!out.exists(), "a failed run leaves no file");
        let leftovers: Vec<_> = std::fs::read_dir(out.parent().unwrap()).unwrap().collect();
        assert!(
            leftovers.is_empty(),
            "no temporary file left: {leftovers:?}"
        );
    }
}

#[test]
fn control_characters_and_nul_are_removed_not_spoken() {
    let clean = tilmach()
        .args(["speak", "--lang", "zh", "-o", "-"])
        .write_stdin("请稍等。")
        .output()
        .unwrap();
    let dirty = tilmach()
        .args(["speak", "--lang", "zh", "-o", "-"])
        .write_stdin("请\u{0}稍\u{7}等\u{1b}。\u{7f}")
        .output()
        .unwrap();
    assert!(dirty.status.success());
    let a = wav::read(std::io::Cursor::new(&clean.stdout), "clean").unwrap();
    let b = wav::read(std::io::Cursor::new(&dirty.stdout), "dirty").unwrap();
    same_speech(&a, &b).unwrap();
    // A terminal colour escape is removed whole (not read as "san1 shi2 yi1 m"), with a warning.
    let coloured = tilmach()
        .args(["speak", "--lang", "zh", "-o", "-"])
        .write_stdin("\u{1b}[31m请稍等。\u{1b}[0m")
        .output()
        .unwrap();
    assert!(coloured.status.success());
    let warning = String::from_utf8_lossy(&coloured.stderr);
    assert!(
        warning.contains("2 control character(s) or terminal escape(s) in standard input"),
        "{warning}"
    );
    let c = wav::read(std::io::Cursor::new(&coloured.stdout), "coloured").unwrap();
    same_speech(&a, &c).unwrap();
}

#[test]
fn known_espeak_crash_inputs_are_spoken_safely_in_every_voice() {
    let inputs = [
        "s'".repeat(68),
        "a . ".repeat(85),
        "s'".repeat(68) + &"a . ".repeat(85),
    ];
    for lang in ["zh", "ug"] {
        for input in &inputs {
            let out = tilmach()
                .args(["speak", "--lang", lang, "-o", "-"])
                .write_stdin(input.as_str())
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{lang}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let pcm = wav::read(std::io::Cursor::new(&out.stdout), "stdout").unwrap();
            assert!(pcm.duration().as_secs_f64() > 1.0);
        }
    }
}

#[test]
fn one_megabyte_streams_with_bounded_memory() {
    // 1 MiB of Uyghur (about 9 hours of speech) written as µ-law to a pipe: the whole text is
    // spoken and peak memory stays under 64 MiB.
    let paragraph = format!("{UG} ");
    let text = paragraph.repeat((1 << 20) / paragraph.len() + 1);
    let file = crate::util::temp_path("big.txt");
    std::fs::write(&file, &text).unwrap();
    let mut child = StdCommand::new(assert_cmd::cargo::cargo_bin("tilmach"))
        .args(["speak", "--lang", "ug", "-f", "ulaw", "-o", "-", "--file"])
        .arg(&file)
        .env(
            "TILMACH_CACHE_DIR",
            crate::util::scratch_dir().join("cache"),
        )
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak_kib = 0u64;
    let mut buf = vec![0u8; 1 << 16];
    let mut total = 0u64;
    loop {
        let n = stdout.read(&mut buf).unwrap();
        if n == 0 {
            break;
        }
        total += n as u64;
        // VmHWM is the child's own high-water mark so far; the last reading is its peak.
        if let Ok(status) = std::fs::read_to_string(&status_file) {
            if let Some(kib) = status.lines().find_map(|l| l.strip_prefix("VmHWM:")) {
                peak_kib = kib
                    .trim()
                    .trim_end_matches("kB")
                    .trim()
                    .parse()
                    .unwrap_or(peak_kib);
            }
        }
    }
    assert!(child.wait().unwrap().success());
    let hours = total as f64 / 8000.0 / 3600.0;
    assert!(hours > 3.0, "only {hours:.2} h of audio for 1 MiB of text");
    let peak_mib = peak_kib as f64 / 1024.0;
    assert!(peak_mib > 1.0, "the memory reading worked");
    assert!(peak_mib < 64.0, "peak memory {peak_mib:.1} MiB");
}

#[test]
fn the_os_engine_never_renders_to_files_and_says_what_is_missing() {
    // Rendering to a file is refused before any speech service is reached.
    let out = temp_path("os.wav");
    tilmach()
        .args(["speak", "--lang", "zh", "--engine", "os", "-o"])
        .arg(&out)
        .arg("你好")
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "os-tts does not support rendering to audio files",
        ));
    assert!(!out.exists());
    // Listing the OS voices: without the feature, or without a speech service, a clear error
    // (where a service runs, the list).
    let listed = tilmach()
        .args(["voices", "--engine", "os"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&listed.stderr);
    if listed.status.success() {
        let stdout = String::from_utf8_lossy(&listed.stdout);
        assert!(stdout.contains("renders to files: no"), "{stdout}");
    } else {
        assert_eq!(listed.status.code(), Some(1));
        assert!(
            stderr.contains("os-tts") || stderr.contains("speech-dispatcher"),
            "{stderr}"
        );
    }
    // The embedded engine's capabilities.
    tilmach()
        .args(["voices"])
        .assert()
        .success()
        .stdout(predicates::str::contains("zh-Hans-CN"))
        .stdout(predicates::str::contains("renders to files: yes"));
}

/// Starts `tilmach speak` on a long Uyghur text into `out`, and waits until its temporary file
/// holds audio; returns the process and that file.
fn start_long_speak(out: &std::path::Path) -> (std::process::Child, std::path::PathBuf) {
    let text = temp_path("long.txt");
    std::fs::write(&text, format!("{UG} ").repeat(2000)).unwrap();
    let child = StdCommand::new(assert_cmd::cargo::cargo_bin("tilmach"))
        .args(["speak", "--lang", "ug", "--engine", "espeak", "--file"])
        .arg(&text)
        .arg("-o")
        .arg(out)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let tmp = out.with_file_name(format!(
        ".{}.tmp-{}",
        out.file_name().unwrap().to_string_lossy(),
        child.id()
    ));
    let started = std::time::Instant::now();
    while std::fs::metadata(&tmp).map_or(true, |m| m.len() < 100_000) {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(60),
            "no temporary file {}",
            tmp.display()
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    (child, tmp)
}

/// A run killed outright leaves its temporary file; the next run to the same file removes it.
/// A run interrupted by a signal removes its own at once and writes no output.
#[test]
fn interrupted_runs_leave_no_temporary_files_behind() {
    let out = temp_path("killed.wav");
    let (mut child, tmp) = start_long_speak(&out);
    child.kill().unwrap(); // SIGKILL: nothing can run
    child.wait().unwrap();
    assert!(tmp.exists(), "SIGKILL leaves the temporary file");
    tilmach()
        .args(["speak", "--lang", "zh", "-o"])
        .arg(&out)
        .arg("请稍等。")
        .assert()
        .success();
    assert!(!tmp.exists(), "the next run removed {}", tmp.display());
    assert!(wav::read_file(&out).is_ok());

    let out = temp_path("terminated.wav");
    let (mut child, tmp) = start_long_speak(&out);
    let status = StdCommand::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let code = child.wait().unwrap().code();
    assert_eq!(code, Some(128 + 15), "exits as terminated by SIGTERM");
    assert!(!tmp.exists(), "SIGTERM removed {}", tmp.display());
    assert!(!out.exists(), "no output from an interrupted run");
}

/// A text too long to fit a WAV file is refused before it is spoken, with the way out named;
/// nothing is written.
#[test]
fn a_text_too_long_for_a_wav_file_is_refused_at_once() {
    let out = temp_path("huge.wav");
    let text = temp_path("digits.txt");
    std::fs::write(&text, "1".repeat(2_000_000)).unwrap();
    let started = std::time::Instant::now();
    let result = tilmach()
        .args(["speak", "--lang", "zh", "-o"])
        .arg(&out)
        .arg("--file")
        .arg(&text)
        .output()
        .unwrap();
    assert_eq!(result.status.code(), Some(1));
    let err = String::from_utf8_lossy(&result.stderr);
    assert!(
        err.contains("more than a wav file can hold") && err.contains("-f ulaw"),
        "{err}"
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(30));
    assert!(!out.exists());
}

/// Letters of scripts espeak-ng has no dictionary for here (Hangul, Greek, Devanagari) are
/// silent, as before, but no longer print a line of espeak-ng's complaints per word.
#[test]
fn scripts_without_a_dictionary_are_passed_over_quietly() {
    let out = tilmach()
        .args(["speak", "--lang", "zh", "-o", "-"])
        .write_stdin("안녕하세요 Γειά σου नमस्ते 您好。")
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("dictionary"), "{stderr}");
    let pcm = wav::read(std::io::Cursor::new(&out.stdout), "speech").unwrap();
    assert!(
        pcm.duration() > std::time::Duration::from_millis(300),
        "您好 is spoken"
    );
}
