//! The shared harness: a `tilmach` command with a cleaned environment, and audio checks.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use assert_cmd::Command;
use tilmach::Pcm;

/// A directory that lives for the whole test run.
pub fn scratch_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir =
            PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("it-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    })
}

/// The `tilmach` binary with nothing of the caller's environment but `PATH`: no
/// `ESPEAK_DATA_PATH`, a home and cache of its own, and an empty voice directory, so that every
/// language speaks with espeak-ng (the neural voices have their own tests: [`tilmach_neural`]).
pub fn tilmach() -> Command {
    let mut cmd = Command::cargo_bin("tilmach").unwrap();
    let no_voices = scratch_dir().join("no-voices");
    std::fs::create_dir_all(&no_voices).unwrap();
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", scratch_dir())
        .env("TILMACH_CACHE_DIR", scratch_dir().join("cache"))
        .env("TILMACH_VOICES", no_voices);
    cmd
}

/// [`tilmach`] with the neural voices of `voices` installed: Mandarin speaks with Kokoro by
/// default.
pub fn tilmach_neural(voices: &Path) -> Command {
    let mut cmd = tilmach();
    cmd.env("TILMACH_VOICES", voices);
    cmd
}

/// Whether CI runs the tests (`CI=true`): there, what a test needs must be there.
fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// The shared Whisper model (`../shared/models/`, or `$TILMACH_WHISPER_MODEL`). Where neither
/// exists the test says so and passes without checking, except under `CI=true`, where it fails.
pub fn whisper_model() -> Option<PathBuf> {
    let model = tilmach::asr::default_model_path();
    if model.is_none() {
        assert!(
            !in_ci(),
            "CI=true: the Whisper model must be there (../shared/models or TILMACH_WHISPER_MODEL)"
        );
        eprintln!("skipped: no Whisper model in ../shared/models and TILMACH_WHISPER_MODEL unset");
    }
    model
}

/// The installed neural voices (`$TILMACH_VOICES`, else `models/voices`, which
/// `scripts/voices` fills). Where they are missing the test says so and passes without
/// checking, except under `CI=true`, where it fails.
pub fn voice_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("TILMACH_VOICES")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("models/voices"));
    let installed = dir.join("kokoro-v1.0.int8.onnx").is_file()
        && dir.join("libonnxruntime.so.1.32.0").is_file();
    if !installed {
        assert!(
            !in_ci(),
            "CI=true: the neural voices must be installed in {} (scripts/voices)",
            dir.display()
        );
        eprintln!(
            "skipped: no neural voices in {} (scripts/voices installs them)",
            dir.display()
        );
        return None;
    }
    Some(dir)
}

/// A fresh path under the scratch directory.
pub fn temp_path(name: &str) -> PathBuf {
    let dir = tempfile::Builder::new()
        .prefix("t")
        .tempdir_in(scratch_dir())
        .unwrap()
        .keep();
    dir.join(name)
}

/// Asserts `pcm` is speech-like: non-silent and between `min_s` and `max_s` seconds long.
pub fn assert_speech(pcm: &Pcm, min_s: f64, max_s: f64, what: &str) {
    let seconds = pcm.duration().as_secs_f64();
    assert!(
        (min_s..=max_s).contains(&seconds),
        "{what}: {seconds:.2} s is outside {min_s:.2}..{max_s:.2} s"
    );
    let level = pcm.rms_dbfs();
    assert!(level > -40.0, "{what}: RMS {level:.1} dBFS is near silence");
}

/// Mandarin service sentence.
pub const ZH: &str = "您好，欢迎使用养老金领取服务。请带好身份证和社保卡，到一号窗口办理。";
/// Uyghur service sentence.
pub const UG: &str = "ياخشىمۇسىز، پېنسىيە ئېلىش مۇلازىمىتىگە خۇش كەپسىز. كىملىك ۋە ئىجتىمائىي كاپالەت كارتىسىنى ئېلىپ كېلىڭ.";

/// Whether two renderings are the same speech: espeak-ng's flutter and phase carry over between
/// calls, so equal means lengths within 2 % and 40 ms loudness envelopes correlating at 0.85 or
/// more. Mixed-up or corrupted audio (another text, a cut, noise) fails both.
pub fn same_speech(a: &Pcm, b: &Pcm) -> Result<(), String> {
    if a.rate != b.rate {
        return Err(format!("rates {} and {}", a.rate, b.rate));
    }
    let (la, lb) = (a.samples.len() as f64, b.samples.len() as f64);
    if (la - lb).abs() > la.max(lb) * 0.02 {
        return Err(format!("lengths {la} and {lb}"));
    }
    let envelope = |p: &Pcm| -> Vec<f64> {
        p.samples
            .chunks(p.rate as usize / 25)
            .map(|c| (c.iter().map(|&s| f64::from(s).powi(2)).sum::<f64>() / c.len() as f64).sqrt())
            .collect()
    };
    let (ea, eb) = (envelope(a), envelope(b));
    let n = ea.len().min(eb.len());
    let mean = |e: &[f64]| e[..n].iter().sum::<f64>() / n as f64;
    let (ma, mb) = (mean(&ea), mean(&eb));
    let cov: f64 = (0..n).map(|i| (ea[i] - ma) * (eb[i] - mb)).sum();
    let va: f64 = (0..n).map(|i| (ea[i] - ma).powi(2)).sum();
    let vb: f64 = (0..n).map(|i| (eb[i] - mb).powi(2)).sum();
    let r = cov / (va * vb).sqrt();
    if r < 0.85 {
        return Err(format!("envelope correlation {r:.3}"));
    }
    Ok(())
}

/// Raises this process's limit on open files to its hard limit (children inherit it): the load
/// tests hold hundreds of sockets at once, past the 1,024 some systems allow by default.
pub fn raise_open_file_limit() {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit and setrlimit with a valid resource and a pointer to a local struct.
    unsafe {
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) == 0 && limit.rlim_cur < limit.rlim_max
        {
            limit.rlim_cur = limit.rlim_max;
            libc::setrlimit(libc::RLIMIT_NOFILE, &limit);
        }
    }
}

/// Every file under `dir`, at any depth (none when `dir` is missing).
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(files_under(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// The peak memory of process `pid` so far, in MiB (`VmHWM` of `/proc/PID/status`).
pub fn peak_mib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let kib: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap();
    kib / 1024
}
