//! `tilmach transcribe` on bad and long recordings: every broken file is an error naming it,
//! odd but readable files give sane results, and a two-hour recording is streamed in bounded
//! memory. Tests that need the Whisper model pass without checking anything when there is none
//! (see `listen.rs`).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Stdio};

use predicates::str::contains;
use tilmach::audio::wav;
use tilmach::Pcm;

use crate::util::{scratch_dir, temp_path, tilmach};

fn model() -> Option<PathBuf> {
    crate::util::whisper_model()
}

/// A WAV header (with a LIST chunk before the data) and `data`; the data size field as given.
fn wav_bytes(
    tag: u16,
    channels: u16,
    rate: u32,
    bits: u16,
    data_size: u32,
    data: &[u8],
) -> Vec<u8> {
    let mut b = b"RIFF".to_vec();
    b.extend((data.len() as u32).wrapping_add(48).to_le_bytes());
    b.extend(b"WAVEfmt ");
    b.extend(16u32.to_le_bytes());
    b.extend(tag.to_le_bytes());
    b.extend(channels.to_le_bytes());
    b.extend(rate.to_le_bytes());
    b.extend(
        rate.wrapping_mul(u32::from(channels) * u32::from(bits / 8))
            .to_le_bytes(),
    );
    b.extend(channels.wrapping_mul(bits / 8).to_le_bytes());
    b.extend(bits.to_le_bytes());
    b.extend(b"LIST");
    b.extend(4u32.to_le_bytes());
    b.extend(b"INFO");
    b.extend(b"data");
    b.extend(data_size.to_le_bytes());
    b.extend(data);
    b
}

fn file(name: &str, bytes: &[u8]) -> PathBuf {
    let path = temp_path(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// tilmach's own Mandarin speech at 16 kHz.
fn speech(text: &str) -> Pcm {
    let path = temp_path("speech.wav");
    tilmach()
        .args(["speak", "--lang", "zh", "-f", "wav16k", "-o"])
        .arg(&path)
        .arg(text)
        .assert()
        .success();
    wav::read_file(&path).unwrap()
}

#[test]
fn broken_recordings_are_errors_naming_the_file() {
    // The header is checked before the model is loaded, so no model is needed here.
    let pcm16 = |n: usize| vec![0u8; n * 2];
    let good = wav_bytes(1, 1, 16_000, 16, 3200, &pcm16(1600));
    let cases: [(&str, Vec<u8>, &str); 7] = [
        ("empty.wav", Vec::new(), "empty"),
        (
            "notes.wav",
            b"These are notes, not audio.\n".repeat(20),
            "not a WAV file",
        ),
        ("cut-header.wav", good[..30].to_vec(), "truncated"),
        ("no-data.wav", good[..44].to_vec(), "no data chunk"),
        (
            "zero-hz.wav",
            wav_bytes(1, 1, 0, 16, 3200, &pcm16(1600)),
            "0 Hz",
        ),
        (
            "many-channels.wav",
            wav_bytes(1, 65_535, 16_000, 16, 3200, &pcm16(1600)),
            "channel count 65535",
        ),
        (
            "adpcm.wav",
            wav_bytes(2, 1, 16_000, 4, 800, &pcm16(400)),
            "unsupported sample format",
        ),
    ];
    for (name, bytes, problem) in cases {
        let path = file(name, &bytes);
        tilmach()
            .args(["transcribe", "--model", "/nonexistent/model.bin"])
            .arg(&path)
            .timeout(std::time::Duration::from_secs(30))
            .assert()
            .code(1)
            .stderr(contains(path.display().to_string()))
            .stderr(contains(problem));
    }
}

#[test]
fn odd_but_readable_recordings_give_sane_results() {
    let Some(model) = model() else { return };
    let transcribe = |path: &Path| {
        let out = tilmach()
            .args(["transcribe", "--lang", "zh", "--model"])
            .arg(&model)
            .arg(path)
            .timeout(std::time::Duration::from_secs(120))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}: {}",
            path.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let zeros = vec![0u8; 32_000];
    // A header claiming a 4 GiB data chunk on a 32 kB file: read to the end, nothing said.
    let claim = file(
        "4gib.wav",
        &wav_bytes(1, 1, 16_000, 16, 0xFFFF_FFF0, &zeros),
    );
    assert_eq!(transcribe(&claim), "\n");
    // Floats that are NaN or infinite are silence, not noise for Whisper to make words of.
    let nan: Vec<u8> = (0..16_000)
        .flat_map(|i| if i % 3 == 0 { f32::INFINITY } else { f32::NAN }.to_le_bytes())
        .collect();
    let nan = file("nan.wav", &wav_bytes(3, 1, 16_000, 32, 64_000, &nan));
    assert_eq!(transcribe(&nan), "\n");
    // Under a second of audio, and a tenth of one.
    for (name, n) in [("short.wav", 12_000), ("blip.wav", 1_600)] {
        let path = file(
            name,
            &wav_bytes(1, 1, 16_000, 16, n as u32 * 2, &vec![0; n * 2]),
        );
        assert_eq!(transcribe(&path), "\n");
    }
    // Speech cut in the middle of a sample: what is there is transcribed.
    let said = speech(FIRST);
    let mut bytes = Vec::new();
    wav::write(&mut bytes, &said).unwrap();
    bytes.truncate(44 + said.samples.len() + 1);
    let cut = file("cut.wav", &bytes);
    let text = transcribe(&cut);
    assert!(
        text.ends_with('\n') && text.trim().chars().count() >= 2,
        "{text:?}"
    );
    // Under a second of speech.
    let short = speech("你好");
    assert!(
        short.duration().as_secs_f64() < 1.0,
        "{:?}",
        short.duration()
    );
    let path = temp_path("hello.wav");
    wav::write_file(&path, &short).unwrap();
    let text = transcribe(&path);
    assert!(
        text.ends_with('\n') && text.lines().count() == 1,
        "{text:?}"
    );
}

/// Runs `cmd` to its end and returns (success, stdout, stderr, the child's peak resident
/// memory in KiB). The peak comes from `wait4` on that very child, so other tests' processes
/// do not count.
// The child is reaped by `wait4` (which also gives its peak memory), not by `Child::wait`.
#[allow(clippy::zombie_processes)]
fn run_measured(mut cmd: StdCommand) -> (bool, String, String, u64) {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let errors = std::thread::spawn(move || {
        let mut s = String::new();
        stderr.read_to_string(&mut s).unwrap();
        s
    });
    let mut out = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut out)
        .unwrap();
    let err = errors.join().unwrap();
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: an all-zero rusage is valid; wait4 fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our child, not yet waited for; the pointers are to live locals.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid);
    let ok = libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    (ok, out, err, usage.ru_maxrss as u64)
}

fn transcribe_json(model: &Path, path: &Path) -> StdCommand {
    let mut cmd = StdCommand::new(assert_cmd::cargo::cargo_bin("tilmach"));
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", scratch_dir())
        .args(["transcribe", "--lang", "zh", "--format", "json", "--model"])
        .arg(model)
        .arg(path);
    cmd
}

/// Writes a 16 kHz WAV of `total` samples: silence with `parts` (sample offset, speech) in it,
/// streamed to disk a second at a time.
fn write_silence_with(path: &Path, total: usize, parts: &[(usize, &Pcm)]) {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    out.write_all(&wav::header(16_000, Some(total as u32 * 2)))
        .unwrap();
    let silence = vec![0u8; 32_000];
    let mut written = 0usize;
    let fill = |out: &mut std::io::BufWriter<std::fs::File>, written: &mut usize, to: usize| {
        while *written < to {
            let n = (to - *written).min(16_000);
            out.write_all(&silence[..n * 2]).unwrap();
            *written += n;
        }
    };
    for (at, pcm) in parts {
        fill(&mut out, &mut written, *at);
        for s in &pcm.samples {
            out.write_all(&s.to_le_bytes()).unwrap();
        }
        written += pcm.samples.len();
    }
    fill(&mut out, &mut written, total);
    out.flush().unwrap();
}

/// The text of the segments that start within a second of `at`..`end` (seconds), and the
/// start of the first.
fn heard_in(json: &serde_json::Value, at: f64, end: f64) -> (String, f64) {
    let segments: Vec<&serde_json::Value> = json["segments"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| (at - 1.0..=end + 1.0).contains(&s["start"].as_f64().unwrap()))
        .collect();
    for s in &segments {
        assert!(
            s["end"].as_f64().unwrap() <= end + 1.5,
            "{s} runs past {end}"
        );
    }
    let text = segments
        .iter()
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    (
        text,
        segments
            .first()
            .map_or(f64::NAN, |s| s["start"].as_f64().unwrap()),
    )
}

/// Two spoken parts in two hours of 16 kHz audio (230 MB): both come out at their places with
/// the very words the same parts give in a 35 s file, and the peak memory is that of the short
/// file (the recording is streamed, never held).
#[test]
fn two_hours_are_streamed_in_bounded_memory() {
    let Some(model) = model() else { return };
    let parts = [speech(FIRST), speech(SECOND)];
    // Offsets on the detector's 30 ms frame grid (480 samples), so that both files cut the
    // parts into the very same samples; more than a window apart, so each part is alone.
    let short_at = [
        32 * 480,
        (32 + 1024) * 480 + parts[0].samples.len() / 480 * 480,
    ];
    let long_at = [600 * 16_000, 6000 * 16_000];
    let short = temp_path("short.wav");
    let short_total = short_at[1] + parts[1].samples.len() + 32 * 480;
    write_silence_with(
        &short,
        short_total,
        &[(short_at[0], &parts[0]), (short_at[1], &parts[1])],
    );
    let long = temp_path("two-hours.wav");
    let long_total = 2 * 3600 * 16_000;
    write_silence_with(
        &long,
        long_total,
        &[(long_at[0], &parts[0]), (long_at[1], &parts[1])],
    );
    assert_eq!(
        std::fs::metadata(&long).unwrap().len(),
        44 + long_total as u64 * 2
    );

    let (ok, out, err, short_kib) = run_measured(transcribe_json(&model, &short));
    assert!(ok, "{err}");
    let short_json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let started = std::time::Instant::now();
    let (ok, out, err, long_kib) = run_measured(transcribe_json(&model, &long));
    assert!(ok, "{err}");
    let long_json: serde_json::Value = serde_json::from_str(&out).unwrap();
    eprintln!(
        "two hours: {:.1} s, peak {} MiB (35 s: {} MiB)\n  {long_json}\n  {short_json}",
        started.elapsed().as_secs_f64(),
        long_kib / 1024,
        short_kib / 1024
    );
    assert_eq!(long_json["language"], "zh");
    for (i, part) in parts.iter().enumerate() {
        let seconds = |at: usize| at as f64 / 16_000.0;
        let length = part.duration().as_secs_f64();
        let (want, want_start) = heard_in(
            &short_json,
            seconds(short_at[i]),
            seconds(short_at[i]) + length,
        );
        let (got, got_start) = heard_in(
            &long_json,
            seconds(long_at[i]),
            seconds(long_at[i]) + length,
        );
        assert!(!want.is_empty(), "part {i}: nothing heard in {short_json}");
        assert_eq!(got, want, "part {i}");
        let (a, b) = (
            got_start - seconds(long_at[i]),
            want_start - seconds(short_at[i]),
        );
        assert!(
            (a - b).abs() < 0.05,
            "part {i} starts {a} s in, against {b} s"
        );
    }
    // Holding the recording would take 230 MB (460 MB as floats); streaming takes what the
    // short file takes, give or take allocator noise.
    assert!(
        long_kib < short_kib + 48 * 1024,
        "peak {long_kib} KiB for two hours against {short_kib} KiB for 35 s"
    );
}

/// What is said in the long file: tilmach's own Mandarin, short parts that Whisper decodes
/// without looping (it hears the synthetic voice badly, so the test compares what it hears in
/// the long file with what it hears in a short one).
const FIRST: &str = "请拨打12345。";
const SECOND: &str = "您好，欢迎拨打12345。办理社保卡，请按2。";

#[test]
fn uyghur_listening_points_to_the_keypad_with_the_measured_numbers() {
    tilmach()
        .args(["listen", "--lang", "ug"])
        .assert()
        .code(1)
        .stderr(contains("keypad (DTMF)"))
        .stderr(contains("6 of 10 times as Uzbek"));
}
