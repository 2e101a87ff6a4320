//! How long a listener waits for the first audio of a guide read aloud in Mandarin with the
//! default (neural) voice, in elder mode, at each front door, with the engines already loaded:
//!
//! - **kiosk**: `Assistant::guide_sentences(…).next()` — the first clause, in process;
//! - **server**: the guide page's first request (its title line) to `tilmach serve`, answered
//!   with the WAV, through the engine worker pool (nothing cached);
//! - **IVR live**: a guide missing from the prompt pack, spoken on the spot by `ivr::sounds`:
//!   from asking for the sound until its first part can be played.
//!
//! `cargo run --release --example first-audio` (build the `tilmach` binary first: `cargo build
//! --release`). Voices come from `TILMACH_VOICES`, else `models/voices`. Prints one line per
//! front door: the median and the longest wait over the twelve guides, and how long the engines
//! took to load.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use tilmach::guide::{Guide, Mode};
use tilmach::ivr::sounds::{PackSounds, Sounds};
use tilmach::l10n::{Catalog, Usage};
use tilmach::synth::worker::{EngineProcess, WorkerCommand};
use tilmach::synth::Synthesizer;
use tilmach::{Assistant, Language, Profile, SpeechSettings};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let locales = root.join("locales");
    let tilmach = std::env::current_exe()?
        .parent()
        .and_then(Path::parent)
        .map(|dir| dir.join("tilmach"))
        .filter(|p| p.is_file())
        .ok_or("build the tilmach binary first: cargo build --release")?;
    let catalog = Catalog::load(&locales)?;
    let ids = tilmach::guide::ids(&catalog);
    let lang = Language::Mandarin;
    println!("| front door | median wait | longest wait | engines loaded in |\n|---|---|---|---|");

    // Kiosk: the assistant loads its engines once.
    let started = Instant::now();
    let assistant = Assistant::open(&locales)?;
    let load = started.elapsed();
    let mut waits = Vec::new();
    for id in &ids {
        let started = Instant::now();
        let mut sentences = assistant.guide_sentences(lang, id, Mode::Elder, Profile::Elder)?;
        sentences.next().ok_or("no speech")??;
        waits.push(started.elapsed());
    }
    report(
        &format!("kiosk ({}, in process)", assistant.engine().name()),
        load,
        &mut waits,
    );

    // Server: a fresh cache, two workers.
    let cache = std::env::temp_dir().join(format!("first-audio-{}", std::process::id()));
    let started = Instant::now();
    let mut server = Command::new(&tilmach)
        .args([
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--workers",
            "2",
            "--cache",
        ])
        .arg(&cache)
        .arg("--locales")
        .arg(&locales)
        .stdout(Stdio::piped())
        .spawn()?;
    let mut line = String::new();
    BufReader::new(server.stdout.take().ok_or("no stdout")?).read_line(&mut line)?;
    let load = started.elapsed();
    let base = line
        .trim()
        .strip_prefix("tilmach: listening on ")
        .ok_or("unexpected first line")?
        .trim_end_matches('/')
        .to_owned();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut waits = Vec::new();
    for id in &ids {
        let guide = Guide::load(&catalog, lang, id, Usage::Display, &mut Vec::new())?;
        let body = serde_json::json!({ "lang": "zh", "elder": true, "text": guide.title });
        let started = Instant::now();
        let reply = agent
            .post(format!("{base}/api/v1/speech"))
            .header("accept", "audio/wav")
            .send_json(&body)?;
        if reply.status() != 200 {
            return Err(format!("{id}: HTTP {}", reply.status()).into());
        }
        reply.into_body().read_to_vec()?;
        waits.push(started.elapsed());
    }
    let _ = server.kill();
    let _ = server.wait();
    let _ = std::fs::remove_dir_all(&cache);
    report("server (first line of the page)", load, &mut waits);

    // IVR: no pack at all, so every guide is spoken on the spot.
    let dir = std::env::temp_dir().join(format!("first-audio-ivr-{}", std::process::id()));
    let (sounds, live) = (dir.join("sounds"), dir.join("live"));
    std::fs::create_dir_all(&sounds)?;
    // As `tilmach fastagi` starts its workers: each with every core (cli::engine::worker).
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let command = WorkerCommand::tilmach(&tilmach).with_args([
        "--engine".to_owned(),
        "auto".to_owned(),
        "--threads".to_owned(),
        cores.to_string(),
    ]);
    let starter = Box::new(move || -> tilmach::Result<Box<dyn Synthesizer>> {
        Ok(Box::new(EngineProcess::start(command.clone(), 2)?))
    });
    let pack = PackSounds::new(
        &sounds,
        &live,
        Catalog::load(&locales)?,
        SpeechSettings::elder(),
        starter,
    )?;
    let started = Instant::now();
    for part in pack.sound(lang, "prompt-please-wait")? {
        pack.ready(&part)?;
    }
    let load = started.elapsed();
    let mut waits = Vec::new();
    for id in &ids {
        let started = Instant::now();
        let parts = pack.sound(lang, &format!("guide-{id}"))?;
        pack.ready(&parts[0])?;
        waits.push(started.elapsed());
        // The rest are spoken in the background: wait, so guides do not overlap.
        for part in &parts {
            pack.ready(part)?;
        }
    }
    let _ = std::fs::remove_dir_all(PathBuf::from(&dir));
    report("IVR live rendering (2 workers)", load, &mut waits);
    Ok(())
}

fn report(front_door: &str, load: Duration, waits: &mut [Duration]) {
    waits.sort();
    let median = waits[waits.len() / 2];
    let longest = waits[waits.len() - 1];
    println!(
        "| {front_door} | {:.2} s | {:.2} s | {:.2} s |",
        median.as_secs_f64(),
        longest.as_secs_f64(),
        load.as_secs_f64()
    );
}
