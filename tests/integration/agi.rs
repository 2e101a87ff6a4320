//! `tilmach agi` and `tilmach fastagi` against a scripted Asterisk: the test plays Asterisk's
//! side of the AGI protocol and a caller's key presses, silences and hangups.

use std::collections::{HashMap, VecDeque};
use std::ffi::OsStr;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;

use serde_json::Value;
use tilmach::audio::g711;
use tilmach::ivr::pack;
use tilmach::Language;

use crate::util::{files_under, peak_mib, scratch_dir, temp_path};

/// A caller's next move, taken by the next command that waits for keys.
#[derive(Debug, Clone)]
enum Move {
    /// Keys entered at a `GET DATA`.
    Press(&'static str),
    /// Nothing pressed: the `GET DATA` times out.
    Silence,
    /// A key that cuts the next `STREAM FILE` short.
    Barge(char),
    /// Words said at a `RECORD FILE`: the WAV file Asterisk would have recorded.
    Say(PathBuf),
}
use Move::{Barge, Press, Say, Silence};

/// How the caller hangs up.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Hangup {
    /// Asterisk's inline `HANGUP` line, then `200 result=-1`.
    Inline,
    /// `511 Command Not Permitted on a dead channel`.
    Dead,
    /// The connection closes.
    Eof,
    /// SIGHUP to the AGI process, then the command's reply.
    Sighup,
}

/// What Asterisk saw during one call.
#[derive(Debug, Default)]
struct Transcript {
    /// Every command line, in order.
    commands: Vec<String>,
    /// Every sound played, as (language code, name), with the live directory's hash removed.
    played: Vec<(String, String)>,
    /// Channel variables set.
    vars: HashMap<String, String>,
    /// For each command: how long after Asterisk's previous reply (or the environment) it came.
    steps: Vec<std::time::Duration>,
}

impl Transcript {
    fn played_names(&self) -> Vec<&str> {
        self.played.iter().map(|(_, n)| n.as_str()).collect()
    }

    fn count(&self, name: &str) -> usize {
        self.played.iter().filter(|(_, n)| n == name).count()
    }
}

/// Asterisk's side of one call.
struct Asterisk {
    moves: VecDeque<Move>,
    env: Vec<(String, String)>,
    hangup_at: Option<(usize, Hangup)>,
    pid: Option<u32>,
}

impl Asterisk {
    fn call(language: Option<&str>, moves: &[Move]) -> Asterisk {
        let mut env = vec![
            ("agi_request".to_owned(), "tilmach".to_owned()),
            ("agi_channel".to_owned(), "PJSIP/trunk-00000001".to_owned()),
            ("agi_callerid".to_owned(), "13800138000".to_owned()),
            ("agi_uniqueid".to_owned(), "1795900000.17".to_owned()),
        ];
        if let Some(l) = language {
            env.push(("agi_language".to_owned(), l.to_owned()));
        }
        Asterisk {
            moves: moves.iter().cloned().collect(),
            env,
            hangup_at: None,
            pid: None,
        }
    }

    fn hangup_at(mut self, command: usize, how: Hangup) -> Asterisk {
        self.hangup_at = Some((command, how));
        self
    }

    /// Talks to the AGI program on `input`/`output` until it stops sending commands.
    fn converse(mut self, mut input: impl BufRead, mut output: impl Write) -> Transcript {
        let mut t = Transcript::default();
        for (k, v) in &self.env {
            writeln!(output, "{k}: {v}").unwrap();
        }
        writeln!(output).unwrap();
        output.flush().unwrap();
        let mut replied = std::time::Instant::now();
        loop {
            let mut line = String::new();
            if input.read_line(&mut line).unwrap_or(0) == 0 {
                return t;
            }
            t.steps.push(replied.elapsed());
            assert!(line.ends_with('\n') && !line.contains('\r'), "{line:?}");
            assert!(line.len() < 2048, "a {}-byte command", line.len());
            let line = line.trim_end().to_owned();
            t.commands.push(line.clone());
            let n = t.commands.len();
            if let Some((at, how)) = self.hangup_at {
                if n == at {
                    let reply = match how {
                        Hangup::Inline => "HANGUP\n200 result=-1\n",
                        Hangup::Dead => "511 Command Not Permitted on a dead channel\n",
                        Hangup::Eof => return t,
                        Hangup::Sighup => {
                            let pid = self.pid.expect("SIGHUP needs the process id");
                            // SAFETY: kill(2) with a valid signal on a child we started.
                            unsafe { libc::kill(pid as i32, libc::SIGHUP) };
                            std::thread::sleep(std::time::Duration::from_millis(50));
                            "200 result=-1\n"
                        }
                    };
                    if output.write_all(reply.as_bytes()).is_err() {
                        return t;
                    }
                    let _ = output.flush();
                    continue;
                }
                if n > at && how != Hangup::Sighup {
                    let _ = output.write_all(b"511 Command Not Permitted on a dead channel\n");
                    let _ = output.flush();
                    continue;
                }
            }
            let reply = self.reply(&line, &mut t);
            if output
                .write_all(reply.as_bytes())
                .and_then(|()| output.flush())
                .is_err()
            {
                return t;
            }
            replied = std::time::Instant::now();
        }
    }

    fn reply(&mut self, line: &str, t: &mut Transcript) -> String {
        let words: Vec<&str> = line.split(' ').collect();
        match words.as_slice() {
            ["STREAM", "FILE", file, escape] => {
                t.played.push(sound_name(file));
                let escape = escape.trim_matches('"');
                if let Some(Barge(k)) = self.moves.front() {
                    if escape.contains(*k) {
                        let k = *k;
                        self.moves.pop_front();
                        return format!("200 result={} endpos=4000\n", k as u32);
                    }
                }
                "200 result=0 endpos=16000\n".into()
            }
            ["GET", "DATA", file, timeout, _max] => {
                assert!(timeout.parse::<u32>().unwrap() >= 6000, "{line}");
                t.played.push(sound_name(file));
                match self.moves.pop_front() {
                    Some(Press(keys)) => format!("200 result={keys}\n"),
                    Some(Silence) => "200 result= (timeout)\n".into(),
                    Some(m @ (Barge(_) | Say(_))) => panic!("{line}: the caller's move is {m:?}"),
                    // Out of moves: the caller hangs up.
                    None => "HANGUP\n200 result=-1\n".into(),
                }
            }
            ["RECORD", "FILE", file, "wav", escape, _timeout, "0", "BEEP", silence] => {
                assert!(escape.contains('0') && silence.starts_with("s="), "{line}");
                let wav = format!("{file}.wav");
                match self.moves.pop_front() {
                    Some(Say(clip)) => {
                        std::fs::copy(clip, &wav).unwrap();
                    }
                    Some(Silence) => {
                        let quiet = tilmach::Pcm::new(vec![0; 16_000], 8000);
                        tilmach::audio::wav::write_file(Path::new(&wav), &quiet).unwrap();
                    }
                    Some(Press(keys)) => {
                        let k = keys.chars().next().unwrap();
                        return format!("200 result={} (dtmf) endpos=800\n", k as u32);
                    }
                    other => panic!("{line}: the caller's move is {other:?}"),
                }
                "200 result=0 (timeout) endpos=16000\n".into()
            }
            ["SET", "VARIABLE", name, value @ ..] => {
                let value = value.join(" ");
                let value = value
                    .strip_prefix('"')
                    .and_then(|v| v.strip_suffix('"'))
                    .expect("values are quoted");
                t.vars.insert((*name).to_owned(), value.to_owned());
                "200 result=1\n".into()
            }
            _ => "510 Invalid or unknown command\n".into(),
        }
    }
}

/// (language code, sound name) of a played file: `…/<code>/tilmach/<name>` from the pack or
/// `…/tilmach-live/<code>/<name>-<16 hex digits>-<part>` rendered on the spot.
fn sound_name(file: &str) -> (String, String) {
    let path = Path::new(file);
    let name = path.file_name().unwrap().to_str().unwrap();
    let parent = path.parent().unwrap();
    if parent.file_name().unwrap() == "tilmach" {
        let code = parent.parent().unwrap().file_name().unwrap();
        (code.to_str().unwrap().to_owned(), name.to_owned())
    } else {
        let code = parent.file_name().unwrap().to_str().unwrap().to_owned();
        let (rest, part) = name.rsplit_once('-').unwrap();
        assert!(part.parse::<usize>().is_ok(), "{file}");
        let (stem, hash) = rest.rsplit_once('-').unwrap();
        assert_eq!(hash.len(), 16, "{file}");
        (code, stem.to_owned())
    }
}

/// A pack with a (silent, one-second) µ-law file for every prompt and guide in every language,
/// made once: calls then never wait for the engine.
fn pack() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = scratch_dir().join("agi-pack");
        let catalog = tilmach::l10n::Catalog::load(&repo().join("locales")).unwrap();
        let contents = pack::contents(&catalog, &Language::ALL, &mut Vec::new()).unwrap();
        let second = g711::encode_ulaw(&[0; 8000]);
        for item in contents.items {
            let folder = dir.join(pack::sound_folder(item.lang));
            std::fs::create_dir_all(&folder).unwrap();
            std::fs::write(folder.join(format!("{}.ulaw", item.stem)), &second).unwrap();
        }
        dir
    })
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `tilmach agi flows/default.toml` on pipes, with a log file; returns the child and the log.
/// An empty voice directory: sounds rendered on the spot come from espeak-ng in every language
/// (the neural voice has its own test).
fn no_voices() -> PathBuf {
    let dir = scratch_dir().join("no-voices");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn spawn_agi(sounds: &Path, extra: &[&OsStr]) -> (Child, PathBuf) {
    let log = temp_path("calls.jsonl");
    let child = Command::new(assert_cmd::cargo::cargo_bin("tilmach"))
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", scratch_dir())
        .env("TILMACH_VOICES", no_voices())
        .arg("agi")
        .arg(repo().join("flows/default.toml"))
        .arg("--sounds")
        .arg(sounds)
        .args(if extra.iter().any(|a| *a == "--locales") {
            vec![]
        } else {
            vec![
                OsStr::new("--locales"),
                repo().join("locales").into_os_string().leak(),
            ]
        })
        .arg("--log")
        .arg(&log)
        .args(extra)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    (child, log)
}

/// The result of one `tilmach agi` call.
struct Finished {
    transcript: Transcript,
    log: Vec<Value>,
    success: bool,
    stderr: String,
}

impl Finished {
    /// The last log record, which every call writes.
    fn end(&self) -> &Value {
        let last = self.log.last().expect("a log record");
        assert_eq!(last["event"], "end", "{:?}", self.log);
        last
    }

    fn events(&self) -> Vec<&str> {
        self.log
            .iter()
            .filter_map(|r| r["event"].as_str())
            .collect()
    }
}

fn run_call(asterisk: Asterisk) -> Finished {
    run_call_in(pack(), asterisk)
}

fn run_call_in(sounds: &Path, asterisk: Asterisk) -> Finished {
    run_call_with(sounds, &[], asterisk)
}

/// One call with more arguments for `tilmach agi`.
fn run_call_with(sounds: &Path, extra: &[&OsStr], mut asterisk: Asterisk) -> Finished {
    let (mut child, log) = spawn_agi(sounds, extra);
    asterisk.pid = Some(child.id());
    let input = BufReader::new(child.stdout.take().unwrap());
    let output = child.stdin.take().unwrap();
    let transcript = asterisk.converse(input, output);
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    Finished {
        transcript,
        log: read_log(&log),
        success: status.success(),
        stderr,
    }
}

fn read_log(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

#[test]
fn each_language_reads_a_guide_repeats_it_goes_back_and_reaches_a_person() {
    for (key, lang) in [
        ("1", Language::Mandarin),
        ("2", Language::Uyghur),
        ("3", Language::Mongolian),
    ] {
        // Language; main menu 1 (elderly); 1 (pension guide); after it 9 (again), then *;
        // the elderly menu again; 0 for a person.
        let done = run_call(Asterisk::call(
            None,
            &[
                Press(key),
                Press("1"),
                Press("1"),
                Press("9"),
                Press("*"),
                Press("0"),
            ],
        ));
        assert!(done.success, "{}", done.stderr);
        let t = &done.transcript;
        assert_eq!(t.vars["CHANNEL(language)"], lang.code());
        assert_eq!(t.vars["TILMACH_LANGUAGE"], lang.tag());
        assert_eq!(t.vars["TILMACH_ACTION"], "agent");
        assert_eq!(t.vars["TILMACH_QUEUE"], "hotline");
        assert_eq!(t.count("guide-pension-collection"), 2, "{:?}", t.played);
        assert_eq!(t.count("prompt-phone-menu-elderly"), 2, "{:?}", t.played);
        // Everything after the language choice is in the chosen language.
        let after = t
            .played
            .iter()
            .skip_while(|(_, n)| n == "prompt-choose-language");
        assert!(
            after.clone().all(|(code, _)| code == lang.code()),
            "{:?}",
            t.played
        );
        assert_eq!(after.last().unwrap().1, "prompt-transferring-agent");
        assert_eq!(done.end()["outcome"], "agent");
        assert_eq!(done.end()["detail"], "asked");
        assert_eq!(done.log[0]["caller"], "13800138000");
    }
}

#[test]
fn the_language_menu_speaks_the_channel_language_first_and_silence_keeps_it() {
    let done = run_call(Asterisk::call(Some("ug"), &[Silence, Press("0")]));
    let t = &done.transcript;
    let first: Vec<_> = t.played.iter().take(3).collect();
    assert_eq!(
        first,
        [
            &("ug".to_owned(), "prompt-choose-language".to_owned()),
            &("zh".to_owned(), "prompt-choose-language".to_owned()),
            &("mn".to_owned(), "prompt-choose-language".to_owned())
        ]
    );
    assert_eq!(t.played[3], ("ug".into(), "prompt-phone-main-menu".into()));
    assert_eq!(t.vars["TILMACH_LANGUAGE"], "ug-Arab-CN");
    assert!(done.events().contains(&"silence-keeps"));
    // A channel language tilmach does not serve preselects nothing: Mandarin speaks first and
    // silence is a timeout like any other.
    let done = run_call(Asterisk::call(
        Some("en"),
        &[Silence, Press("3"), Press("0")],
    ));
    assert_eq!(done.transcript.played[0].0, "zh");
    assert!(done.events().contains(&"timeout"));
    assert_eq!(done.transcript.vars["TILMACH_LANGUAGE"], "mn-Mong-CN");
}

#[test]
fn back_and_repeat_walk_the_menus() {
    // Mandarin; main 2 (identity); * back to main; 9 repeats main; 4 (other); 4 (hotline guide);
    // * back to other; * back to main; * at the top repeats the language menu; then hang up.
    let done = run_call(Asterisk::call(
        None,
        &[
            Press("1"),
            Press("2"),
            Press("*"),
            Press("9"),
            Press("4"),
            Press("4"),
            Press("*"),
            Press("*"),
            Press("*"),
            Press("*"),
        ],
    ));
    let names = done.transcript.played_names();
    let menus: Vec<_> = names
        .iter()
        .filter(|n| n.starts_with("prompt-phone") || **n == "guide-hotline-12345")
        .copied()
        .collect();
    assert_eq!(
        menus,
        [
            "prompt-phone-main-menu",
            "prompt-phone-menu-identity",
            "prompt-phone-main-menu",
            "prompt-phone-main-menu",
            "prompt-phone-menu-other",
            "guide-hotline-12345",
            "prompt-phone-menu-other",
            "prompt-phone-main-menu",
        ]
    );
    assert_eq!(done.end()["outcome"], "hangup");
    assert!(done.success);
}

#[test]
fn silence_and_wrong_keys_reprompt_twice_then_reach_a_person_never_a_hangup() {
    let done = run_call(Asterisk::call(
        None,
        &[Press("1"), Silence, Silence, Silence],
    ));
    let t = &done.transcript;
    assert_eq!(t.count("prompt-no-input"), 2, "{:?}", t.played);
    assert_eq!(t.vars["TILMACH_ACTION"], "agent");
    assert_eq!(done.end()["detail"], "no-input");

    let done = run_call(Asterisk::call(
        None,
        &[Press("1"), Press("7"), Press("8"), Press("#7")],
    ));
    let t = &done.transcript;
    assert_eq!(t.count("prompt-invalid-key"), 2, "{:?}", t.played);
    assert_eq!(t.vars["TILMACH_ACTION"], "agent");
    assert_eq!(done.end()["detail"], "invalid-input");
}

#[test]
fn a_callback_number_is_read_back_digit_by_digit_corrected_and_handed_to_the_dialplan() {
    let done = run_call(Asterisk::call(
        Some("mn"),
        &[
            Press("3"),
            Press("5"),
            Press("13912345678"),
            Press("2"),
            Press("0996"),
            Press("09961234567"),
            Barge('1'),
        ],
    ));
    assert!(done.success, "{}", done.stderr);
    let t = &done.transcript;
    let names = t.played_names();
    let readback = |digits: &str| -> Vec<String> {
        std::iter::once("prompt-you-entered-number".to_owned())
            .chain(digits.chars().map(|d| format!("prompt-digit-{d}")))
            .collect()
    };
    let find = |seq: &[String]| names.windows(seq.len()).any(|w| w == seq);
    assert!(find(&readback("13912345678")), "{names:?}");
    // "0996" is too short (7 digits at least): invalid, then the number is entered again.
    assert_eq!(t.count("prompt-invalid-key"), 1);
    // The last read-back was cut short by 1 at once: the booking is confirmed.
    let last = names
        .iter()
        .rposition(|n| *n == "prompt-you-entered-number")
        .unwrap();
    assert_eq!(
        &names[last..],
        ["prompt-you-entered-number", "prompt-booking-received"]
    );
    assert_eq!(t.vars["TILMACH_CALLBACK"], "09961234567");
    assert_eq!(t.vars["TILMACH_COLLECT"], "callback");
    assert_eq!(t.vars["TILMACH_ACTION"], "collected");
    assert_eq!(t.vars["TILMACH_LANGUAGE"], "mn-Mong-CN");
    assert!(names.contains(&"prompt-booking-received"));
    assert!(t.played.iter().skip(3).all(|(code, _)| code == "mn"));
    assert_eq!(done.end()["outcome"], "collected");
    // The log keeps the number's length, not the number.
    let text: String = done.log.iter().map(|r| r.to_string()).collect();
    assert!(!text.contains("09961234567"));
}

#[test]
fn a_hangup_at_every_step_ends_the_call_cleanly_with_a_record() {
    let moves = [
        Press("2"),
        Press("1"),
        Press("2"),
        Press("9"),
        Press("*"),
        Press("*"),
        Press("5"),
        Press("13912345678"),
        Press("1"),
    ];
    let full = run_call(Asterisk::call(None, &moves));
    assert_eq!(full.end()["outcome"], "collected");
    let steps = full.transcript.commands.len();
    assert!(steps > 15, "{steps} commands");
    let kinds = [Hangup::Inline, Hangup::Dead, Hangup::Eof, Hangup::Sighup];
    for at in 1..=steps {
        let how = kinds[at % kinds.len()];
        let done = run_call(Asterisk::call(None, &moves).hangup_at(at, how));
        assert!(done.success, "hangup {how:?} at {at}: {}", done.stderr);
        let end = done.end();
        assert_eq!(end["outcome"], "hangup", "hangup {how:?} at {at}: {end}");
        let sent = done.transcript.commands.len();
        // After an inline HANGUP, a 511 or EOF nothing more is sent; after SIGHUP at most the
        // command already on its way.
        assert!(
            sent <= at + usize::from(how == Hangup::Sighup),
            "{how:?} at {at}: {sent}"
        );
        assert!(done.events().contains(&"hangup"), "{how:?} at {at}");
    }
}

/// A sound too long to speak during a call (its text edited to half an hour of speech) is
/// refused before any of it is spoken, and the caller goes to a person at once.
#[test]
fn a_sound_too_long_to_speak_live_sends_the_caller_to_a_person() {
    let locales = temp_path("locales");
    for entry in files_under(&repo().join("locales")) {
        let to = locales.join(entry.strip_prefix(repo().join("locales")).unwrap());
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(&entry, &to).unwrap();
    }
    let prompts = locales.join("zh-Hans-CN/prompts.ftl");
    let text = std::fs::read_to_string(&prompts).unwrap();
    let long = "请带好身份证和社保卡，到一号窗口办理养老金领取手续。".repeat(400);
    let edited: String = text
        .lines()
        .map(|l| {
            if l.starts_with("prompt-choose-language =") {
                format!("prompt-choose-language = {long}\n")
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    assert_ne!(edited, text);
    std::fs::write(&prompts, edited).unwrap();
    let sounds = temp_path("sounds");
    std::fs::create_dir_all(&sounds).unwrap();
    let started = std::time::Instant::now();
    let done = run_call_with(
        &sounds,
        &[OsStr::new("--locales"), locales.as_os_str()],
        Asterisk::call(Some("zh"), &[]),
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(60));
    assert_eq!(done.end()["outcome"], "agent", "{:?}", done.log);
    let error = done
        .log
        .iter()
        .find(|r| r["event"] == "error")
        .expect("the refusal is logged");
    let detail = error["detail"].as_str().unwrap();
    assert!(
        detail.contains("prompt-choose-language") && detail.contains("at most 10"),
        "{detail}"
    );
}

#[test]
fn a_sound_missing_from_the_pack_is_rendered_by_the_engine_worker() {
    let sounds = temp_path("sounds");
    let folder = sounds.join("ug").join("tilmach");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(
        folder.join("prompt-choose-language.ulaw"),
        g711::encode_ulaw(&[0; 8000]),
    )
    .unwrap();
    let done = run_call_in(
        &sounds,
        Asterisk::call(Some("ug"), &[Press("2"), Press("0")]),
    );
    assert!(done.success, "{}", done.stderr);
    let t = &done.transcript;
    assert!(
        t.commands[0].contains("/ug/tilmach/prompt-choose-language "),
        "{}",
        t.commands[0]
    );
    // Spoken part by part (the first sentence cut at its clauses), so the first part plays
    // while the rest are made; the parts in order hold the whole menu.
    let parts: Vec<&str> = t
        .commands
        .iter()
        .filter(|c| c.contains("prompt-phone-main-menu"))
        .map(|c| c.split(' ').nth(2).unwrap())
        .collect();
    assert!(parts.len() >= 2, "{parts:?}");
    let mut samples: Vec<i16> = Vec::new();
    for (k, file) in parts.iter().enumerate() {
        assert!(file.contains("/tilmach-live/ug/"), "{file}");
        assert!(file.ends_with(&format!("-{k}")), "{file} is part {k}");
        let bytes = std::fs::read(format!("{file}.sln16")).unwrap();
        samples.extend(
            bytes
                .chunks_exact(2)
                .map(|b| i16::from_le_bytes([b[0], b[1]])),
        );
    }
    let pcm = tilmach::Pcm::new(samples, 16_000);
    crate::util::assert_speech(&pcm, 3.0, 40.0, "the Uyghur main menu rendered live");
}

#[test]
fn a_protocol_error_from_asterisk_ends_the_call_with_a_message() {
    // A peer that answers the first command with usage text: the program stops, exit 1.
    let (mut child, log) = spawn_agi(pack(), &[]);
    let mut out = child.stdin.take().unwrap();
    let mut input = BufReader::new(child.stdout.take().unwrap());
    out.write_all(b"agi_request: tilmach\n\n").unwrap();
    let mut line = String::new();
    input.read_line(&mut line).unwrap();
    out.write_all(b"520-Invalid command syntax.  Proper usage follows:\nUsage: STREAM FILE\n520 End of proper usage.\n")
        .unwrap();
    drop(out);
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(1));
    let log = read_log(&log);
    assert_eq!(log.last().unwrap()["outcome"], "failed");
    assert!(log.last().unwrap()["detail"]
        .as_str()
        .unwrap()
        .contains("Proper usage"));
}

/// `tilmach fastagi` on a free port of loopback with `sounds` and `voices`, and its address.
fn start_fastagi(sounds: &Path, voices: &Path, log: &Path) -> (Child, String) {
    let mut server = Command::new(assert_cmd::cargo::cargo_bin("tilmach"))
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", scratch_dir())
        .env("TILMACH_VOICES", voices)
        .args(["fastagi", "--listen", "127.0.0.1:0"])
        .arg(repo().join("flows/default.toml"))
        .arg("--sounds")
        .arg(sounds)
        .arg("--locales")
        .arg(repo().join("locales"))
        .arg("--log")
        .arg(log)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(server.stderr.take().unwrap());
    let mut line = String::new();
    stderr.read_line(&mut line).unwrap();
    let addr = line.trim().rsplit(' ').next().unwrap().to_owned();
    (server, addr)
}

/// Calls to FastAGI with no pack at all: every sound is spoken on the spot, Mandarin by the
/// neural voice, in parts, by one engine pool shared by the calls; each sound once.
#[test]
fn concurrent_fastagi_calls_hear_the_neural_voice_rendered_live() {
    let Some(voices) = crate::util::voice_dir() else {
        return;
    };
    let log = temp_path("fastagi-neural.jsonl");
    let sounds = temp_path("no-pack");
    std::fs::create_dir_all(&sounds).unwrap();
    let (mut server, addr) = start_fastagi(&sounds, &voices, &log);
    let calls: Vec<_> = (0..4)
        .map(|_| {
            let addr = addr.clone();
            std::thread::spawn(move || {
                let stream = TcpStream::connect(&addr).unwrap();
                let reader = BufReader::new(stream.try_clone().unwrap());
                Asterisk::call(Some("zh"), &[Press("1"), Press("0")]).converse(reader, stream)
            })
        })
        .collect();
    let transcripts: Vec<Transcript> = calls.into_iter().map(|c| c.join().unwrap()).collect();
    server.kill().unwrap();
    server.wait().unwrap();
    let mut menu_parts: Option<Vec<String>> = None;
    for t in &transcripts {
        assert_eq!(t.vars["TILMACH_LANGUAGE"], "zh-Hans-CN");
        assert_eq!(t.vars["TILMACH_ACTION"], "agent");
        let parts: Vec<String> = t
            .commands
            .iter()
            .filter(|c| c.contains("/tilmach-live/zh/prompt-phone-main-menu-"))
            .map(|c| c.split(' ').nth(2).unwrap().to_owned())
            .collect();
        assert!(parts.len() >= 2, "{:#?}", t.commands);
        // Every call plays the same files: the menu was spoken once for all of them.
        match &menu_parts {
            Some(first) => assert_eq!(first, &parts),
            None => menu_parts = Some(parts),
        }
    }
    let mut samples: Vec<i16> = Vec::new();
    for file in menu_parts.unwrap() {
        let bytes = std::fs::read(format!("{file}.sln16")).unwrap();
        samples.extend(
            bytes
                .chunks_exact(2)
                .map(|b| i16::from_le_bytes([b[0], b[1]])),
        );
    }
    let pcm = tilmach::Pcm::new(samples, 16_000);
    crate::util::assert_speech(&pcm, 5.0, 40.0, "the Mandarin main menu rendered live");
    let ends = read_log(&log)
        .into_iter()
        .filter(|r| r["event"] == "end")
        .count();
    assert_eq!(ends, 4);
}

/// One ordinary call to FastAGI at `addr`: Mandarin, the utility-payments guide, then a person.
fn ordinary_call(addr: &str) -> Transcript {
    let stream = TcpStream::connect(addr).unwrap();
    let reader = BufReader::new(stream.try_clone().unwrap());
    Asterisk::call(None, &[Press("1"), Press("4"), Press("1"), Press("0")]).converse(reader, stream)
}

/// A peer that sends 300 MB without a line break is cut off after the first line's limit, the
/// server's memory stays where a call leaves it, and calls go on being answered.
#[test]
fn a_flood_without_line_breaks_is_cut_off_and_memory_stays_bounded() {
    let log = temp_path("fastagi-flood.jsonl");
    let (mut server, addr) = start_fastagi(pack(), &no_voices(), &log);
    assert_eq!(
        ordinary_call(&addr).vars["TILMACH_ACTION"],
        "agent",
        "a call before"
    );
    let before = peak_mib(server.id());
    let mut flood = TcpStream::connect(&addr).unwrap();
    let chunk = vec![b'a'; 1 << 16];
    let mut sent = 0usize;
    while sent < 300 << 20 {
        match flood.write(&chunk) {
            Ok(n) => sent += n,
            Err(_) => break,
        }
    }
    assert!(
        sent < 300 << 20,
        "the server read all 300 MB ({sent} bytes sent)"
    );
    assert_eq!(
        ordinary_call(&addr).vars["TILMACH_ACTION"],
        "agent",
        "a call after"
    );
    let after = peak_mib(server.id());
    server.kill().unwrap();
    server.wait().unwrap();
    assert!(
        after <= before + 16,
        "peak memory grew from {before} MiB to {after} MiB"
    );
    let failed: Vec<Value> = read_log(&log)
        .into_iter()
        .filter(|r| r["outcome"] == "failed")
        .collect();
    assert_eq!(failed.len(), 1, "{failed:?}");
    let detail = failed[0]["detail"].as_str().unwrap();
    assert!(detail.contains("longer than 8192 bytes"), "{detail}");
}

/// A peer that sends its environment a byte a second is dropped when the environment is 10 s
/// late, while other calls are answered meanwhile.
#[test]
fn a_slow_peer_is_dropped_while_others_are_served() {
    let log = temp_path("fastagi-slow.jsonl");
    let (mut server, addr) = start_fastagi(pack(), &no_voices(), &log);
    let mut slow = TcpStream::connect(&addr).unwrap();
    let started = std::time::Instant::now();
    let dripper = std::thread::spawn(move || {
        for byte in b"agi_request: tilmach\n".iter().cycle().take(30) {
            if slow.write_all(&[*byte]).is_err() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_secs(1));
        }
    });
    let call = ordinary_call(&addr);
    assert_eq!(call.vars["TILMACH_ACTION"], "agent");
    dripper.join().unwrap();
    let ended = started.elapsed().as_secs_f64();
    server.kill().unwrap();
    server.wait().unwrap();
    assert!(ended < 20.0, "the slow peer was kept {ended:.1} s");
    let failed: Vec<Value> = read_log(&log)
        .into_iter()
        .filter(|r| r["outcome"] == "failed")
        .collect();
    assert_eq!(failed.len(), 1, "{failed:?}");
    let detail = failed[0]["detail"].as_str().unwrap();
    assert!(detail.contains("within 10 s"), "{detail}");
}

/// Makes `count` FastAGI calls to `addr` at once, call `i` with `moves(i)`; their transcripts in
/// call order.
fn concurrent_calls(addr: &str, count: usize, moves: fn(usize) -> Vec<Move>) -> Vec<Transcript> {
    let calls: Vec<_> = (0..count)
        .map(|i| {
            let addr = addr.to_owned();
            std::thread::spawn(move || {
                let stream = TcpStream::connect(&addr).unwrap();
                let reader = BufReader::new(stream.try_clone().unwrap());
                Asterisk::call(None, &moves(i)).converse(reader, stream)
            })
        })
        .collect();
    calls.into_iter().map(|c| c.join().unwrap()).collect()
}

/// Two hundred FastAGI calls at once, each a full call: a language, a guide, the guide again,
/// back, and a person. All complete correctly; the p50 and p99 of the time between Asterisk's
/// reply and tilmach's next command are printed (the README reports them).
#[test]
fn two_hundred_concurrent_full_calls_complete_with_their_step_latency() {
    crate::util::raise_open_file_limit();
    let log = temp_path("fastagi-200.jsonl");
    let (mut server, addr) = start_fastagi(pack(), &no_voices(), &log);
    let transcripts = concurrent_calls(&addr, 200, |i| {
        let lang = ["1", "2", "3"][i % 3];
        vec![
            Press(lang),
            Press("1"),
            Press("1"),
            Press("9"),
            Press("*"),
            Press("0"),
        ]
    });
    let mut steps = Vec::new();
    for (i, t) in transcripts.into_iter().enumerate() {
        assert_eq!(t.vars["TILMACH_ACTION"], "agent", "call {i}");
        assert_eq!(
            t.vars["TILMACH_LANGUAGE"],
            Language::ALL[i % 3].tag(),
            "call {i}"
        );
        assert_eq!(t.count("guide-pension-collection"), 2, "call {i}");
        steps.extend(t.steps);
    }
    server.kill().unwrap();
    server.wait().unwrap();
    let ends = read_log(&log)
        .into_iter()
        .filter(|r| r["event"] == "end" && r["outcome"] == "agent")
        .count();
    assert_eq!(ends, 200);
    steps.sort();
    let at = |q: f64| steps[((steps.len() - 1) as f64 * q) as usize];
    eprintln!(
        "200 concurrent calls, {} steps: p50 {:?}, p99 {:?}, max {:?}",
        steps.len(),
        at(0.5),
        at(0.99),
        steps.last().unwrap()
    );
}

#[test]
fn fifty_concurrent_fastagi_calls_complete_correctly() {
    let log = temp_path("fastagi.jsonl");
    let (mut server, addr) = start_fastagi(pack(), &no_voices(), &log);
    let callback = |i: usize| format!("0996{i:07}");
    let transcripts = concurrent_calls(&addr, 50, |i| {
        let lang = ["1", "2", "3"][i % 3];
        if i % 2 == 0 {
            vec![Press(lang), Press("4"), Press("1"), Press("0")]
        } else {
            let number: &'static str = Box::leak(format!("0996{i:07}").into_boxed_str());
            vec![Press(lang), Press("5"), Press(number), Press("1")]
        }
    });
    for (i, t) in transcripts.into_iter().enumerate() {
        let tag = Language::ALL[i % 3].tag();
        assert_eq!(t.vars["TILMACH_LANGUAGE"], tag, "call {i}");
        if i % 2 == 0 {
            assert_eq!(t.vars["TILMACH_ACTION"], "agent", "call {i}");
            assert_eq!(t.count("guide-utility-payments"), 1, "call {i}");
        } else {
            assert_eq!(t.vars["TILMACH_ACTION"], "collected", "call {i}");
            assert_eq!(t.vars["TILMACH_CALLBACK"], callback(i), "call {i}");
        }
    }
    server.kill().unwrap();
    server.wait().unwrap();
    let ends = read_log(&log)
        .into_iter()
        .filter(|r| r["event"] == "end")
        .count();
    assert_eq!(ends, 50);
}

#[test]
fn a_spoken_answer_is_heard_by_whisper_and_a_miss_falls_back_to_keys() {
    let Some(model) = crate::util::whisper_model() else {
        return;
    };
    // What Asterisk records from a phone: 8 kHz. tilmach's own Mandarin voice says a greeting
    // that is none of the menu's options.
    let engine = tilmach::synth::espeak::Espeak::shared().unwrap();
    let settings = tilmach::SpeechSettings::default();
    let hello = tilmach::synth::speak(engine, Language::Mandarin, "你好，你好。", &settings)
        .unwrap()
        .resampled(8000)
        .unwrap();
    let clip = temp_path("hello.wav");
    tilmach::audio::wav::write_file(&clip, &hello).unwrap();
    let recordings = temp_path("recordings");
    // Mandarin; at the main menu the caller says hello (no option), then presses 3 (keys only
    // after the miss); at the insurance menu says nothing, then presses 0 during the reprompt.
    let done = run_call_with(
        pack(),
        &[
            OsStr::new("--speech-model"),
            model.as_os_str(),
            OsStr::new("--recordings"),
            recordings.as_os_str(),
        ],
        Asterisk::call(
            None,
            &[Press("1"), Say(clip), Press("3"), Silence, Barge('0')],
        ),
    );
    assert!(done.success, "{}", done.stderr);
    let t = &done.transcript;
    let log = &done.log;
    let heard: Vec<_> = log
        .iter()
        .filter(|r| r["event"] == "not-understood" || r["event"] == "heard")
        .collect();
    eprintln!("whisper heard: {heard:?}");
    assert_eq!(heard.len(), 1, "{log:?}");
    assert_eq!(heard[0]["event"], "not-understood", "{:?}", heard[0]);
    assert!(!heard[0]["text"].as_str().unwrap().is_empty());
    let records = t
        .commands
        .iter()
        .filter(|c| c.starts_with("RECORD FILE"))
        .count();
    assert_eq!(records, 2, "{:#?}", t.commands);
    let names = t.played_names();
    let miss = names
        .iter()
        .position(|n| *n == "prompt-not-understood-keys")
        .expect("the miss is announced");
    assert_eq!(names[miss + 1], "prompt-phone-main-menu");
    assert!(names.contains(&"prompt-phone-menu-insurance"));
    assert!(
        names.contains(&"prompt-no-input"),
        "silence is a timeout: {names:?}"
    );
    assert_eq!(t.vars["TILMACH_ACTION"], "agent");
    // Recordings are deleted once heard.
    let left: Vec<_> = std::fs::read_dir(&recordings).unwrap().collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_pack_built_by_tilmach_serves_the_call_without_live_rendering() {
    let out = temp_path("pack");
    crate::util::tilmach()
        .args([
            "prompts", "build", "--target", "asterisk", "--lang", "ug", "--out",
        ])
        .arg(&out)
        .arg("--locales")
        .arg(repo().join("locales"))
        .assert()
        .success();
    let sounds = out.join("sounds");
    // Uyghur preselected: silence keeps it; 1 pensions, 2 the certification guide, 0 a person.
    let done = run_call_in(
        &sounds,
        Asterisk::call(Some("ug"), &[Silence, Press("1"), Press("2"), Press("0")]),
    );
    assert!(done.success, "{}", done.stderr);
    let t = &done.transcript;
    assert!(t.played_names().contains(&"guide-benefit-certification"));
    let uyghur: Vec<_> = t.commands.iter().filter(|c| c.contains("/ug/")).collect();
    assert!(uyghur.len() > 5, "{:#?}", t.commands);
    for command in uyghur {
        let file = command.split(' ').nth(2).unwrap();
        assert!(
            Path::new(&format!("{file}.ulaw")).is_file(),
            "not from the pack: {command}"
        );
    }
}

#[test]
fn a_bad_flow_is_refused_at_start_naming_the_file_and_the_problem() {
    let flow = std::fs::read_to_string(repo().join("flows/default.toml")).unwrap();
    let cases = [
        (
            flow.replace(
                "4 = { action = \"guide\", guide = \"hotline-12345\" }",
                "4 = { action = \"guide\", guide = \"hotline-12345\" }\n5 = { action = \"agent\" }\n6 = { action = \"agent\" }",
            ),
            "menu 'other' has 6 options",
        ),
        (
            flow.replace("prompt-phone-menu-identity", "prompt-nowhere"),
            "unknown prompt id 'prompt-nowhere'",
        ),
        (
            flow.replace("menu = \"insurance\"", "menu = \"insurence\""),
            "submenu 'insurence' is not defined",
        ),
    ];
    for (text, problem) in cases {
        let path = temp_path("bad.toml");
        std::fs::write(&path, text).unwrap();
        crate::util::tilmach()
            .arg("agi")
            .arg(&path)
            .arg("--sounds")
            .arg(pack())
            .arg("--locales")
            .arg(repo().join("locales"))
            .write_stdin("agi_request: tilmach\n\n")
            .assert()
            .code(1)
            .stdout("")
            .stderr(predicates::str::contains(path.display().to_string()))
            .stderr(predicates::str::contains(problem));
    }
}
