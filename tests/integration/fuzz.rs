//! The fuzz targets outside libFuzzer: every input saved under `fuzz/regressions/<target>/`
//! (each a crash `scripts/fuzz` once found) replays through the same target function, so a
//! fixed crash stays fixed; and the targets take their hand-written seeds and trivial inputs.

use std::path::{Path, PathBuf};

#[allow(dead_code)]
#[path = "../../fuzz/src/targets.rs"]
mod targets;

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz")
}

/// The files under `dir`, sorted (none when it does not exist).
fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files = crate::util::files_under(dir);
    files.sort();
    files
}

#[test]
fn saved_crashes_replay_without_failing() {
    targets::use_worker(Path::new(env!("CARGO_BIN_EXE_tilmach")));
    let mut replayed = 0;
    let regressions = fuzz_dir().join("regressions");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&regressions)
        .unwrap()
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    for dir in dirs {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let target = targets::by_name(&name)
            .unwrap_or_else(|| panic!("fuzz/regressions/{name} names no fuzz target"));
        for input in files_in(&dir) {
            eprintln!("replaying {}", input.display());
            target(&std::fs::read(&input).unwrap());
            replayed += 1;
        }
    }
    eprintln!("{replayed} saved inputs replayed");
}

#[test]
fn every_target_takes_trivial_inputs_and_its_hand_written_seeds() {
    targets::use_worker(Path::new(env!("CARGO_BIN_EXE_tilmach")));
    for (name, target) in targets::ALL {
        for input in [&b""[..], b"\0", b"\xff\xfe", b"0"] {
            target(input);
        }
        for seed in files_in(&fuzz_dir().join("seeds").join(name)) {
            target(&std::fs::read(&seed).unwrap());
        }
    }
}

#[test]
fn the_fuzz_script_lists_every_target() {
    let out =
        std::process::Command::new(Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/fuzz"))
            .arg("--list")
            .output()
            .unwrap();
    assert!(out.status.success());
    let listed: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    let names: Vec<&str> = targets::ALL.iter().map(|(n, _)| *n).collect();
    assert_eq!(listed, names);
}
