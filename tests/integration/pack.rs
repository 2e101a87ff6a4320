//! Prompt packs (`tilmach prompts build`): the layouts and formats Asterisk and FreeSWITCH
//! play, incremental builds, human recordings and their staleness.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde_json::Value;
use tilmach::guide;
use tilmach::l10n::Catalog;
use tilmach::{Language, Pcm};

use crate::util::{assert_speech, temp_path, tilmach};

fn locales() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("locales")
}

/// The stems a pack must hold, found from the catalog independently of the pack code: every
/// `prompt-*` without variables, and `guide-<id>` for every guide. Also the prompts left out.
fn expected_stems(locales: &Path) -> (Vec<String>, Vec<String>) {
    let catalog = Catalog::load(locales).unwrap();
    let (mut stems, mut call_time) = (Vec::new(), Vec::new());
    for id in catalog.message_ids(Language::REFERENCE) {
        if id.starts_with("prompt-") {
            if catalog
                .variables(Language::REFERENCE, id)
                .is_some_and(|v| !v.is_empty())
            {
                call_time.push(id.to_owned());
            } else {
                stems.push(id.to_owned());
            }
        }
    }
    stems.extend(guide::ids(&catalog).iter().map(|g| format!("guide-{g}")));
    (stems, call_time)
}

/// Runs a build and returns its JSON report.
fn build(out: &Path, locales: &Path, recordings: &Path, extra: &[&str]) -> Value {
    let output = tilmach()
        .args(["prompts", "build", "--format", "json", "--out"])
        .arg(out)
        .arg("--locales")
        .arg(locales)
        .arg("--recordings")
        .arg(recordings)
        .args(extra)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "build failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

fn rendered(report: &Value) -> Vec<(String, String, String)> {
    report["rendered"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["lang"].as_str().unwrap().to_owned(),
                r["stem"].as_str().unwrap().to_owned(),
                r["source"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn counts(report: &Value, tag: &str) -> (u64, u64, u64, u64) {
    let c = report["languages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["lang"] == tag)
        .unwrap_or_else(|| panic!("no counts for {tag}: {report}"));
    let n = |k: &str| c[k].as_u64().unwrap();
    (
        n("synthesized"),
        n("recorded"),
        n("unchanged"),
        n("call_time"),
    )
}

/// Every file under `dir`: path → (modification time, bytes).
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (SystemTime, Vec<u8>)> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let modified = path.metadata().unwrap().modified().unwrap();
                files.insert(path.clone(), (modified, std::fs::read(&path).unwrap()));
            }
        }
    }
    files
}

fn no_temporary_files(dir: &Path) {
    for path in snapshot(dir).keys() {
        let name = path.file_name().unwrap().to_string_lossy();
        assert!(!name.starts_with('.'), "left behind: {}", path.display());
    }
}

fn read_wav(path: &Path) -> Pcm {
    tilmach::audio::wav::read_file(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn an_asterisk_pack_holds_every_prompt_in_every_format_for_every_language() {
    let out = temp_path("asterisk");
    let (stems, call_time) = expected_stems(&locales());
    assert!(stems.contains(&"prompt-welcome".to_owned()));
    assert!(stems.contains(&"guide-pension-collection".to_owned()));
    assert!(call_time.contains(&"prompt-you-entered".to_owned()));
    let nowhere = temp_path("no-recordings");
    let report = build(&out, &locales(), &nowhere, &["--target", "asterisk"]);
    for lang in Language::ALL {
        assert_eq!(
            counts(&report, lang.tag()),
            (stems.len() as u64, 0, 0, call_time.len() as u64),
            "{lang}"
        );
        let dir = out.join("sounds").join(lang.code()).join("tilmach");
        for stem in &stems {
            let file = |ext: &str| dir.join(format!("{stem}.{ext}"));
            let narrow = read_wav(&file("wav"));
            let wide = read_wav(&file("wav16"));
            assert_eq!(narrow.rate, 8000, "{lang} {stem}.wav");
            assert_eq!(wide.rate, 16000, "{lang} {stem}.wav16");
            // A single word (the read-back digits: 幺, ᠲᠡᠭ) is short.
            let shortest = if stem.starts_with("prompt-digit-") {
                0.15
            } else {
                0.3
            };
            assert_speech(&narrow, shortest, 90.0, &format!("{lang} {stem}.wav"));
            assert_speech(&wide, shortest, 90.0, &format!("{lang} {stem}.wav16"));
            for ext in ["ulaw", "alaw"] {
                let bytes = std::fs::read(file(ext)).unwrap();
                // 8,000 bytes a second: exactly one byte per sample of the 8 kHz WAV.
                assert_eq!(
                    bytes.len(),
                    narrow.samples.len(),
                    "{lang} {stem}.{ext}: {} bytes for {:.3} s",
                    bytes.len(),
                    narrow.duration().as_secs_f64()
                );
                let decoded = if ext == "ulaw" {
                    tilmach::audio::g711::decode_ulaw(&bytes)
                } else {
                    tilmach::audio::g711::decode_alaw(&bytes)
                };
                assert!(
                    Pcm::new(decoded, 8000).rms_dbfs() > -40.0,
                    "{lang} {stem}.{ext} is near silence"
                );
            }
            let sln = std::fs::read(file("sln16")).unwrap();
            assert_eq!(sln.len(), 2 * wide.samples.len(), "{lang} {stem}.sln16");
        }
        for id in &call_time {
            assert!(
                !dir.join(format!("{id}.wav")).exists(),
                "{id} has variables"
            );
        }
        // Exactly the pack's files, nothing else (five formats per stem).
        let files = std::fs::read_dir(&dir).unwrap().count();
        assert_eq!(files, stems.len() * 5, "{lang}");
    }
    assert!(out.join("tilmach-pack.json").is_file());
    no_temporary_files(&out);

    let before = snapshot(&out.join("sounds"));
    let again = build(&out, &locales(), &nowhere, &["--target", "asterisk"]);
    assert_eq!(rendered(&again), [], "a second build renders nothing");
    for lang in Language::ALL {
        assert_eq!(
            counts(&again, lang.tag()),
            (0, 0, stems.len() as u64, call_time.len() as u64)
        );
    }
    assert!(before == snapshot(&out.join("sounds")), "files untouched");
}

#[test]
fn a_freeswitch_pack_has_both_rates_in_its_layout() {
    let out = temp_path("freeswitch");
    let (stems, _) = expected_stems(&locales());
    let report = build(
        &out,
        &locales(),
        &temp_path("none"),
        &[
            "--target",
            "freeswitch",
            "--lang",
            "mn",
            "--elder",
            "--jobs",
            "2",
        ],
    );
    assert_eq!(report["languages"].as_array().unwrap().len(), 1);
    assert_eq!(counts(&report, "mn-Mong-CN").0, stems.len() as u64);
    for stem in &stems {
        let narrow = read_wav(&out.join(format!("mn/tilmach/8000/{stem}.wav")));
        let wide = read_wav(&out.join(format!("mn/tilmach/16000/{stem}.wav")));
        assert_eq!((narrow.rate, wide.rate), (8000, 16000), "{stem}");
        assert_speech(&narrow, 0.3, 120.0, stem);
        let (a, b) = (
            narrow.duration().as_secs_f64(),
            wide.duration().as_secs_f64(),
        );
        assert!((a - b).abs() < 0.01, "{stem}: {a} s and {b} s");
    }
    assert!(!out.join("zh").exists() && !out.join("sounds").exists());
    no_temporary_files(&out);
    // The profile is part of the hash: the standard profile renders everything again.
    let standard = build(
        &out,
        &locales(),
        &temp_path("none"),
        &["--target", "freeswitch", "--lang", "mn"],
    );
    assert_eq!(counts(&standard, "mn-Mong-CN").0, stems.len() as u64);
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

/// Replaces the value of the one-line message `id` in `file`.
fn edit_message(file: &Path, id: &str, value: &str) {
    let text = std::fs::read_to_string(file).unwrap();
    let prefix = format!("{id} = ");
    let mut found = false;
    let edited: Vec<String> = text
        .lines()
        .map(|line| {
            if line.starts_with(&prefix) {
                found = true;
                format!("{prefix}{value}")
            } else {
                line.to_owned()
            }
        })
        .collect();
    assert!(found, "{id} in {}", file.display());
    std::fs::write(file, edited.join("\n") + "\n").unwrap();
}

/// A 440 Hz tone at 44.1 kHz: audibly not speech, and easy to recognize after conversion.
fn tone(seconds: f64) -> Pcm {
    let rate = 44100;
    let n = (seconds * f64::from(rate)) as usize;
    Pcm::new(
        (0..n)
            .map(|i| {
                let t = i as f64 / f64::from(rate);
                (10000.0 * (2.0 * std::f64::consts::PI * 440.0 * t).sin()) as i16
            })
            .collect(),
        rate,
    )
}

/// Zero crossings a second / 2: the frequency of a pure tone.
fn tone_frequency(pcm: &Pcm) -> f64 {
    let crossings = pcm
        .samples
        .windows(2)
        .filter(|w| (w[0] < 0) != (w[1] < 0))
        .count();
    crossings as f64 / 2.0 / pcm.duration().as_secs_f64()
}

#[test]
fn an_edited_prompt_is_rendered_again_alone_and_recordings_win_until_their_text_changes() {
    let root = temp_path("project");
    let locales = root.join("locales");
    copy_dir(&self::locales(), &locales);
    let recordings = root.join("recordings");
    let out = root.join("pack");
    let ug = |stem: &str, ext: &str| out.join(format!("sounds/ug/tilmach/{stem}.{ext}"));
    std::fs::create_dir_all(recordings.join("ug-Arab-CN")).unwrap();
    tilmach::audio::wav::write_file(
        &recordings.join("ug-Arab-CN/prompt-welcome.wav"),
        &tone(1.5),
    )
    .unwrap();
    let args = ["--target", "asterisk", "--lang", "ug"];

    // The recording is in the pack, converted like synthesis.
    let first = build(&out, &locales, &recordings, &args);
    let (stems, _) = expected_stems(&locales);
    let (synthesized, recorded, unchanged, _) = counts(&first, "ug-Arab-CN");
    assert_eq!(
        (synthesized, recorded, unchanged),
        (stems.len() as u64 - 1, 1, 0)
    );
    assert!(rendered(&first).contains(&(
        "ug-Arab-CN".into(),
        "prompt-welcome".into(),
        "recorded".into()
    )));
    assert_eq!(first["recordings"][0]["stem"], "prompt-welcome");
    assert_eq!(first["stale_recordings"], Value::Array(Vec::new()));
    let pack_tone = read_wav(&ug("prompt-welcome", "wav"));
    assert_eq!(pack_tone.rate, 8000);
    assert!(
        (pack_tone.samples.len() as i64 - 12000).abs() <= 2,
        "{}",
        pack_tone.samples.len()
    );
    let hz = tone_frequency(&pack_tone);
    assert!((hz - 440.0).abs() < 5.0, "{hz} Hz");
    let mu =
        tilmach::audio::g711::decode_ulaw(&std::fs::read(ug("prompt-welcome", "ulaw")).unwrap());
    assert_eq!(mu.len(), pack_tone.samples.len());
    assert!((tone_frequency(&Pcm::new(mu, 8000)) - 440.0).abs() < 5.0);

    // The recorded prompt's text changes: the recording stays, reported stale.
    let file = locales.join("ug-Arab-CN/prompts.ftl");
    edit_message(&file, "prompt-welcome", "ياخشىمۇسىز، خۇش كەلىپسىز.");
    let second = build(&out, &locales, &recordings, &args);
    assert_eq!(rendered(&second), []);
    let stale = second["stale_recordings"].as_array().unwrap();
    assert_eq!(stale.len(), 1, "{second}");
    assert_eq!(stale[0]["stem"], "prompt-welcome");
    assert!(stale[0]["path"]
        .as_str()
        .unwrap()
        .ends_with("ug-Arab-CN/prompt-welcome.wav"));
    // The text report says so too (and still, since the recording is unchanged).
    let text = tilmach()
        .args(["prompt", "build", "--out"])
        .arg(&out)
        .arg("--locales")
        .arg(&locales)
        .arg("--recordings")
        .arg(&recordings)
        .args(args)
        .output()
        .unwrap();
    assert!(text.status.success());
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("stale recordings"), "{text}");
    assert!(text.contains("ug prompt-welcome: "), "{text}");
    assert!(text.contains("prompt-you-entered ($digits)"), "{text}");
    assert!(text.contains("ug-Arab-CN (ug)"), "{text}");

    // Another prompt's text changes: exactly that one is rendered again.
    let before = snapshot(&out.join("sounds"));
    edit_message(&file, "prompt-goodbye", "رەھمەت، خەير-خوش.");
    let third = build(&out, &locales, &recordings, &args);
    assert_eq!(
        rendered(&third),
        [(
            "ug-Arab-CN".to_owned(),
            "prompt-goodbye".to_owned(),
            "synthesized".to_owned()
        )]
    );
    assert_eq!(counts(&third, "ug-Arab-CN").2, stems.len() as u64 - 1);
    let after = snapshot(&out.join("sounds"));
    assert_eq!(before.len(), after.len());
    for (path, old) in &before {
        let changed = after[path] != *old;
        let goodbye = path.file_stem().unwrap() == "prompt-goodbye";
        assert_eq!(changed, goodbye, "{}", path.display());
    }
    assert_eq!(third["stale_recordings"].as_array().unwrap().len(), 1);

    // A new recording of the new text is no longer stale, and is converted again.
    tilmach::audio::wav::write_file(
        &recordings.join("ug-Arab-CN/prompt-welcome.wav"),
        &tone(1.0),
    )
    .unwrap();
    let fourth = build(&out, &locales, &recordings, &args);
    assert_eq!(
        rendered(&fourth),
        [(
            "ug-Arab-CN".into(),
            "prompt-welcome".into(),
            "recorded".into()
        )]
    );
    assert_eq!(fourth["stale_recordings"], Value::Array(Vec::new()));
    assert_eq!(read_wav(&ug("prompt-welcome", "wav")).samples.len(), 8000);

    // A recording that is not a WAV file: exit status 1, naming the file.
    let bad = recordings.join("ug-Arab-CN/prompt-thank-you.wav");
    std::fs::write(&bad, b"not a wav").unwrap();
    let output = tilmach()
        .args(["prompts", "build", "--out"])
        .arg(&out)
        .arg("--locales")
        .arg(&locales)
        .arg("--recordings")
        .arg(&recordings)
        .args(args)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("prompt-thank-you.wav"), "{stderr}");
    no_temporary_files(&out);
}

/// A tmpfs mounted at a folder for one test, unmounted when dropped.
struct SmallDisk(PathBuf);

impl SmallDisk {
    /// Mounts a tmpfs of `size` (`2m`) at a fresh folder; `None` where this user may not mount.
    fn mount(size: &str) -> Option<SmallDisk> {
        let dir = temp_path("small-disk");
        std::fs::create_dir_all(&dir).unwrap();
        let mounted = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(&dir)
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        mounted.then_some(SmallDisk(dir))
    }

    fn resize(&self, size: &str) {
        let status = std::process::Command::new("mount")
            .args(["-o", &format!("remount,size={size}")])
            .arg(&self.0)
            .status()
            .unwrap();
        assert!(status.success());
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

/// A build onto a full disk fails with the file and the reason named once, leaves no temporary
/// files, and a later build with space completes the pack with a valid manifest.
#[test]
fn a_build_on_a_full_disk_fails_clearly_and_a_later_one_completes() {
    let Some(disk) = SmallDisk::mount("2m") else {
        eprintln!("skipped: mounting a tmpfs needs root (this test runs where it can)");
        return;
    };
    let out = disk.0.join("pack");
    let failed = tilmach()
        .args([
            "prompts", "build", "--target", "asterisk", "--lang", "ug", "--out",
        ])
        .arg(&out)
        .arg("--locales")
        .arg(locales())
        .arg("--recordings")
        .arg(temp_path("no-recordings"))
        .output()
        .unwrap();
    assert_eq!(failed.status.code(), Some(1));
    let err = String::from_utf8_lossy(&failed.stderr);
    assert_eq!(err.matches("No space left on device").count(), 1, "{err}");
    assert!(err.contains(&out.display().to_string()), "{err}");
    no_temporary_files(&out);

    disk.resize("256m");
    let report = build(
        &out,
        &locales(),
        &temp_path("no-recordings"),
        &["--target", "asterisk", "--lang", "ug"],
    );
    let (stems, _) = expected_stems(&locales());
    let (synthesized, recorded, unchanged, _) = counts(&report, "ug-Arab-CN");
    assert_eq!(synthesized + recorded + unchanged, stems.len() as u64);
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(out.join("tilmach-pack.json")).unwrap()).unwrap();
    assert!(manifest.is_object());
    no_temporary_files(&out);
    let again = build(
        &out,
        &locales(),
        &temp_path("no-recordings"),
        &["--target", "asterisk", "--lang", "ug"],
    );
    assert_eq!(
        counts(&again, "ug-Arab-CN").0,
        0,
        "complete: nothing left to render"
    );
}
