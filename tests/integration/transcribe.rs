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
    let model = tilmach::asr::default_model_path();
    if model.is_none() {
        eprintln!("skipped: no Whisper model in ../shared/models and TILMACH_WHISPER_MODEL unset");
    }
    model
}

/// A WAV header (with a LIST chunk before the data) and `data`; the data size field as given.
fn wav_bytes(tag: u16, channels: u16, rate: u32, bits: u16, data_size: u32, data: &[u8]) -> Vec<u8> {
    let mut b = b"RIFF".to_vec();
    b.extend((data.len() as u32).wrapping_add(48).to_le_bytes());
    b.extend(b"WAVEfmt ");
    b.extend(16u32.to_le_bytes());
    b.extend(tag.to_le_bytes());
    b.extend(channels.to_le_bytes());
    b.extend(rate.to_le_bytes());
    b.extend(rate.wrapping_mul(u32::from(channels) * u32::from(bits / 8)).to_le_bytes());
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
        ("notes.wav", b"These are notes, not audio.\n".repeat(20), "not a WAV file"),
        ("cut-header.wav", good[..30].to_vec(), "truncated"),
        ("no-data.wav", good[..44].to_vec(), "no data chunk"),
        ("zero-hz.wav", wav_bytes(1, 1, 0, 16, 3200, &pcm16(1600)), "0 Hz"),
        (
            "many-channels.wav",
            wav_bytes(1, 65_535, 16_000, 16, 3200, &pcm16(1600)),
            "channel count 65535",
        ),
        ("adpcm.wav", wav_bytes(2, 1, 16_000, 4, 800, &pcm16(400)), "unsupported sample format"),
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
    let claim = file("4gib.wav", &wav_bytes(1, 1, 16_000, 16, 0xFFFF_FFF0, &zeros));
    assert_eq!(transcribe(&claim), "\n");
    // Floats that are NaN or infinite are silence, not noise for Whisper to make words of.
    let nan: Vec<u8> = (0..16_000)
        .flat_map(|i| if i % 3 == 0 { f32::INFINITY } else { f32::NAN }.to_le_bytes())
        .collect();
    let nan = file("nan.wav", &wav_bytes(3, 1, 16_000, 32, 64_000, &nan));
    assert_eq!(transcribe(&nan), "\n");
    // Under a second of audio, and a tenth of one.
    for (name, n) in [("short.wav", 12_000), ("blip.wav", 1_600)] {
        let path = file(name, &wav_bytes(1, 1, 16_000, 16, n as u32 * 2, &vec![0; n * 2]));
        assert_eq!(transcribe(&path), "\n");
    }
    // Speech cut in the middle of a sample: what is there is transcribed.
    let said = speech("一二三四五六七八九");
    let mut bytes = Vec::new();
    wav::write(&mut bytes, &said).unwrap();
    bytes.truncate(44 + said.samples.len() + 1);
    let cut = file("cut.wav", &bytes);
    let text = transcribe(&cut);
    assert!(text.ends_with('\n') && text.trim().chars().count() >= 2, "{text:?}");
    // Under a second of speech.
    let short = speech("你好");
    assert!(short.duration().as_secs_f64() < 1.0, "{:?}", short.duration());
    let path = temp_path("hello.wav");
    wav::write_file(&path, &short).unwrap();
    let text = transcribe(&path);
    assert!(text.ends_with('\n') && text.lines().count() == 1, "{text:?}");
}

/// Runs `cmd` to its end and returns (success, stdout, stderr, the child's peak resident
/// memory in KiB). The peak comes from `wait4` on that very child, so other tests' processes
/// do not count.
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
    child.stdout.take().unwrap().read_to_string(&mut out).unwrap();
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

/// Two spoken parts in two hours of 16 kHz audio (230 MB): both come out, at their places, and
/// the peak memory is that of a short clip (the file is streamed, never held).
#[test]
fn two_hours_are_streamed_in_bounded_memory() {
    let Some(model) = model() else { return };
    let parts = [(600.0, speech(FIRST.0), FIRST.1), (6000.0, speech(SECOND.0), SECOND.1)];
    let rate = 16_000u32;
    let total = 2 * 3600 * rate as usize;

    let long = temp_path("two-hours.wav");
    {
        let mut out = std::io::BufWriter::new(std::fs::File::create(&long).unwrap());
        out.write_all(&wav::header(rate, Some(total as u32 * 2))).unwrap();
        let mut written = 0usize;
        let silence = vec![0u8; rate as usize * 2];
        for (at, pcm, _) in &parts {
            let start = (*at * f64::from(rate)) as usize;
            while written < start {
                let n = (start - written).min(rate as usize);
                out.write_all(&silence[..n * 2]).unwrap();
                written += n;
            }
            for s in &pcm.samples {
                out.write_all(&s.to_le_bytes()).unwrap();
            }
            written += pcm.samples.len();
        }
        while written < total {
            let n = (total - written).min(rate as usize);
            out.write_all(&silence[..n * 2]).unwrap();
            written += n;
        }
        out.flush().unwrap();
    }
    assert_eq!(std::fs::metadata(&long).unwrap().len(), 44 + total as u64 * 2);

    // The first part alone, with a second of silence around it: the memory to compare with.
    let short = temp_path("short.wav");
    let mut clip = Pcm::silence(std::time::Duration::from_secs(1), rate);
    clip.append(&parts[0].1).unwrap();
    clip.append_silence(std::time::Duration::from_secs(1));
    wav::write_file(&short, &clip).unwrap();
    let (ok, _, err, short_kib) = run_measured(transcribe_json(&model, &short));
    assert!(ok, "{err}");

    let started = std::time::Instant::now();
    let (ok, out, err, long_kib) = run_measured(transcribe_json(&model, &long));
    assert!(ok, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let segments = json["segments"].as_array().unwrap();
    eprintln!(
        "two hours: {:.1} s, peak {} MiB (short clip {} MiB): {json}",
        started.elapsed().as_secs_f64(),
        long_kib / 1024,
        short_kib / 1024
    );
    for (at, pcm, expected) in &parts {
        let end = at + pcm.duration().as_secs_f64();
        let heard: String = segments
            .iter()
            .filter(|s| {
                let start = s["start"].as_f64().unwrap();
                (at - 1.0..=end + 1.0).contains(&start)
                    && s["end"].as_f64().unwrap() <= end + 1.5
            })
            .map(|s| s["text"].as_str().unwrap())
            .collect();
        assert!(
            heard.contains(expected),
            "at {at} s expected {expected:?}, heard {heard:?} in {json}"
        );
    }
    assert_eq!(json["language"], "zh");
    // Holding the file would take 230 MB (460 MB as floats); streaming takes what the short
    // clip takes, give or take allocator noise.
    assert!(
        long_kib < short_kib + 48 * 1024,
        "peak {long_kib} KiB for two hours against {short_kib} KiB for the clip"
    );
}

/// What is said in the two-hour file and a part of it Whisper must hear (tilmach's synthetic
/// Mandarin is hard for Whisper; digits come through).
const FIRST: (&str, &str) = ("一二三四五六七八九", "七");
const SECOND: (&str, &str) = ("请拨打12345。", "12345");
