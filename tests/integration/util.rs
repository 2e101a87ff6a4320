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
/// `ESPEAK_DATA_PATH`, a home and cache of its own.
pub fn tilmach() -> Command {
    let mut cmd = Command::cargo_bin("tilmach").unwrap();
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", scratch_dir())
        .env("TILMACH_CACHE_DIR", scratch_dir().join("cache"));
    cmd
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
