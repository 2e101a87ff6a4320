//! The fuzz targets: one function per parser a stranger can reach, each taking any bytes.
//!
//! A target returns normally for every input: errors are expected answers, and a panic, an abort,
//! a hang (libFuzzer's `-timeout`) or a broken invariant (an `assert!` here) is a finding.
//! `scripts/fuzz` runs them under libFuzzer (coverage-guided, the stable toolchain); the test
//! `fuzz::saved_crashes_replay_without_failing` in tilmach's integration tests replays every
//! input saved under `fuzz/regressions/<target>/` through the same functions, so each crash
//! found stays fixed.
//!
//! This file is compiled twice: as this crate's library and, by `#[path]`, inside the
//! integration tests; besides tilmach's public API it uses only crates those tests have too
//! (fluent, tokio, axum, tower).

use std::collections::BTreeMap;
use std::io::{BufRead, Cursor};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use tilmach::ivr::agi::{self, Command, Environment};
use tilmach::ivr::flow::{Flow, Known};
use tilmach::l10n::Catalog;
use tilmach::phonetics::{self, mongolian};
use tilmach::synth::worker::{EngineProcess, WorkerCommand};
use tilmach::{Error, Language, SpeechSettings, Synthesizer};

/// A fuzz target: any bytes in, a return (or a finding).
pub type Target = fn(&[u8]);

/// Every target by name, as `scripts/fuzz --list` prints them.
pub const ALL: &[(&str, Target)] = &[
    ("markup", markup),
    ("normalize-zh", normalize_zh),
    ("normalize-ug", normalize_ug),
    ("normalize-mn", normalize_mn),
    ("mongolian", mongolian_reader),
    ("fluent", fluent),
    ("l10n-check", l10n_check),
    ("import-xliff", import_xliff),
    ("import-po", import_po),
    ("wav", wav),
    ("agi-reply", agi_reply),
    ("agi-command", agi_command),
    ("flow", flow),
    ("whisper-model", whisper_model),
    ("server", server),
    ("engine", engine),
];

/// The target named by `TILMACH_FUZZ_TARGET` (the fuzzing binary runs one at a time).
///
/// # Panics
/// When the variable is unset or names no target: the run could not mean anything.
pub fn selected() -> Target {
    static SELECTED: OnceLock<Target> = OnceLock::new();
    *SELECTED.get_or_init(|| {
        let name = std::env::var("TILMACH_FUZZ_TARGET").unwrap_or_default();
        by_name(&name).unwrap_or_else(|| {
            panic!(
                "TILMACH_FUZZ_TARGET is {name:?}; one of: {}",
                ALL.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
            )
        })
    })
}

/// The target called `name`.
pub fn by_name(name: &str) -> Option<Target> {
    ALL.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

/// The project's root (where `locales/` is): this crate's parent, or the crate itself when
/// compiled into tilmach's tests.
fn project() -> &'static Path {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| {
        let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        if here.join("fuzz/src/targets.rs").is_file() {
            here
        } else {
            here.parent().expect("fuzz/ has a parent").to_owned()
        }
    })
}

/// The small locale tree the translators' targets work against (`fuzz/locales`: three locales
/// of two files each and a glossary, every kind of entry the checks know).
fn fixture_locales() -> PathBuf {
    project().join("fuzz/locales")
}

/// Speech markup (`<speak>…`): parsed into a document or refused with a position.
pub fn markup(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = tilmach::text::markup::looks_like_markup(text);
        let _ = tilmach::text::markup::parse(text);
    }
}

/// The Mandarin front end: normalization (numbers, dates, money as words), then the
/// tone-numbered pinyin the engine is given.
pub fn normalize_zh(data: &[u8]) {
    front_end(Language::Mandarin, data);
}

/// The Uyghur front end: normalization, then ULY Latin for the engine.
pub fn normalize_ug(data: &[u8]) {
    front_end(Language::Uyghur, data);
}

/// The Mongolian front end: normalization, then the transliteration for the engine.
pub fn normalize_mn(data: &[u8]) {
    front_end(Language::Mongolian, data);
}

/// What every speaking path does to a text before an engine sees it. The spoken form may be
/// longer than the text (numbers become words) but stays within a bound: no blow-up.
fn front_end(lang: Language, data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(clean) = tilmach::text::sanitize(text) else {
        return;
    };
    let spoken = tilmach::text::normalize(lang, &clean);
    assert!(
        spoken.len() <= 64 * clean.len() + 256,
        "{} bytes of text became {} bytes of speech",
        clean.len(),
        spoken.len()
    );
    for sentence in tilmach::text::split_sentences(lang, &spoken) {
        let _ = phonetics::engine_text(lang, sentence);
    }
}

/// The Mongolian reader (vertical script to readings), its strict form, the transliteration
/// both ways and the script normalizer.
pub fn mongolian_reader(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = mongolian::read(text);
    let _ = mongolian::try_read(text);
    let _ = mongolian::normalize(text);
    let latin = mongolian::transliterate(text);
    let _ = mongolian::from_latin(&latin);
    let _ = mongolian::to_kyrgyz_voice(text);
}

/// A locale file as every command reads it: parsed (or refused with its line and column), then
/// each message and attribute formatted with arguments, as a kiosk shows it.
pub fn fluent(data: &[u8]) {
    use fluent_bundle::{FluentArgs, FluentBundle, FluentResource};
    let resource = match tilmach::l10n::parse_bytes(Path::new("fuzz.ftl"), data.to_vec()) {
        Ok((_, resource)) => resource,
        Err(Error::Ftl { line, column, .. }) => {
            let lines = data.iter().filter(|&&b| b == b'\n').count() + 1;
            assert!(
                (1..=lines).contains(&line) && column >= 1,
                "{line}:{column} of {lines} lines"
            );
            return;
        }
        Err(e) => panic!("not a locale-file error: {e}"),
    };
    let ids: Vec<String> = resource
        .entries()
        .filter_map(|entry| match entry {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
            _ => None,
        })
        .collect();
    let mut bundle: FluentBundle<&FluentResource> =
        FluentBundle::new(vec![Language::Uyghur.langid()]);
    bundle.set_use_isolating(false);
    let _ = bundle.add_resource(&resource);
    let mut args = FluentArgs::new();
    args.set("count", 3);
    args.set("name", "ئەھمەت");
    for id in ids {
        let Some(message) = bundle.get_message(&id) else {
            continue;
        };
        let mut errors = Vec::new();
        if let Some(value) = message.value() {
            let _ = bundle.format_pattern(value, Some(&args), &mut errors);
        }
        for attribute in message.attributes() {
            let _ = bundle.format_pattern(attribute.value(), Some(&args), &mut errors);
        }
    }
}

/// A locale file under `tilmach l10n check`: the first byte chooses which locale's `main.ftl`
/// of the fixture tree the rest replaces (the reference or a translation), the other files are
/// the fixture's own (held in memory). The check never fails, and each finding names a file.
pub fn l10n_check(data: &[u8]) {
    static FILES: OnceLock<BTreeMap<PathBuf, Vec<u8>>> = OnceLock::new();
    let Some((&which, file)) = data.split_first() else {
        return;
    };
    // Not on disk: every file comes from the overlay, so each run reads nothing.
    let root = project().join("fuzz/no-such-directory");
    let mut overlay = FILES
        .get_or_init(|| {
            let fixtures = fixture_locales();
            let mut files = BTreeMap::new();
            for lang in Language::ALL {
                for name in ["main.ftl", "refs.ftl"] {
                    let bytes =
                        std::fs::read(fixtures.join(lang.tag()).join(name)).expect("fixture");
                    files.insert(root.join(lang.tag()).join(name), bytes);
                }
            }
            files
        })
        .clone();
    let lang = Language::ALL[usize::from(which) % Language::ALL.len()];
    overlay.insert(root.join(lang.tag()).join("main.ftl"), file.to_vec());
    let report = tilmach::l10n::check::check_with(&root, &overlay);
    for finding in &report.findings {
        assert!(
            !finding.file.as_os_str().is_empty(),
            "a finding without its file: {finding:?}"
        );
    }
}

/// An XLIFF file for `tilmach l10n import`, planned against the fixture tree (nothing written).
pub fn import_xliff(data: &[u8]) {
    let _ = tilmach::l10n::exchange::plan_import(&fixture_locales(), Path::new("fuzz.xlf"), data);
}

/// A PO file for `tilmach l10n import`, planned against the fixture tree (nothing written).
pub fn import_po(data: &[u8]) {
    let _ = tilmach::l10n::exchange::plan_import(&fixture_locales(), Path::new("fuzz.po"), data);
}

/// A WAV file: read whole, and streamed block by block; both give the same samples.
pub fn wav(data: &[u8]) {
    let whole = tilmach::audio::wav::read(Cursor::new(data), "fuzz.wav");
    let Ok(mut stream) = tilmach::audio::wav::WavStream::new(Cursor::new(data), "fuzz.wav") else {
        assert!(whole.is_err(), "the stream refused what the reader took");
        return;
    };
    let mut samples = Vec::new();
    loop {
        match stream.read_block(1000, &mut samples) {
            Ok(0) => break,
            Ok(_) => {}
            Err(_) => return,
        }
    }
    if let Ok(pcm) = whole {
        assert_eq!(pcm.samples, samples, "streamed and whole reads differ");
        assert_eq!(pcm.rate, stream.rate());
    }
}

/// What Asterisk sends an AGI program: the environment block, then replies to commands.
pub fn agi_reply(data: &[u8]) {
    let mut input = Cursor::new(data);
    if Environment::read(&mut input).is_err() {
        return;
    }
    // Each reply consumes at least one byte; the loop ends with the input.
    while let Ok(Some(reply)) = agi::read_reply(&mut input) {
        let _ = (reply.result(), reply.digits(), reply.key());
        if input.fill_buf().map_or(true, <[u8]>::is_empty) {
            break;
        }
    }
}

/// An AGI command built from a stranger's strings (file names and variable values come from
/// callers and translators): either refused, or exactly one line Asterisk reads as one command.
pub fn agi_command(data: &[u8]) {
    let Some((&kind, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let mut fields = text.split('\u{0}').map(str::to_owned);
    let mut field = || fields.next().unwrap_or_default();
    let number = |s: &str| {
        s.bytes()
            .fold(0u32, |n, b| n.wrapping_mul(31).wrapping_add(u32::from(b)))
    };
    let command = match kind % 6 {
        0 => Command::StreamFile {
            file: field(),
            escape: field(),
        },
        1 => {
            let file = field();
            Command::GetData {
                timeout_ms: number(&field()),
                max_digits: number(&field()),
                file,
            }
        }
        2 => Command::WaitForDigit {
            timeout_ms: number(&field()),
        },
        3 => Command::RecordFile {
            file: field(),
            format: field(),
            escape: field(),
            timeout_ms: number(&field()),
            silence_s: number(&field()),
        },
        4 => Command::SetVariable {
            name: field(),
            value: field(),
        },
        _ => Command::Verbose {
            message: field(),
            level: (number(&field()) % 256) as u8,
        },
    };
    if let Ok(line) = command.line() {
        assert!(line.ends_with('\n'), "no newline: {line:?}");
        assert_eq!(line.matches('\n').count(), 1, "two lines: {line:?}");
        assert!(!line.contains('\r') && !line.contains('\0'), "{line:?}");
        assert!(line.len() < agi::MAX_LINE, "{} bytes", line.len());
    }
    let _ = agi::quote(&text);
}

/// A hotline call flow (TOML), validated against the project's own prompts and guides.
pub fn flow(data: &[u8]) {
    static KNOWN: OnceLock<Known> = OnceLock::new();
    let known = KNOWN.get_or_init(|| {
        let catalog =
            Catalog::load(&project().join("locales")).expect("the project's locales load");
        Known::from_catalog(&catalog)
    });
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = Flow::parse(text, Path::new("fuzz.toml"), known);
    }
}

/// The check a Whisper model file gets before whisper.cpp may read it.
pub fn whisper_model(data: &[u8]) {
    let _ = tilmach::asr::model::check_bytes(Path::new("fuzz.bin"), data);
}

/// One HTTP request to the server, in process: the first line is the method and target
/// (`GET /api/v1/guides?lang=ug`; a method other than GET is POST), an optional
/// `Accept-Language:` line follows, the rest is the body. Every answer is a status the API
/// documents; 500 would be a bug, and so would a panic inside a handler.
pub fn server(data: &[u8]) {
    use tower::ServiceExt;

    static RUNTIME: OnceLock<(tokio::runtime::Runtime, axum::Router)> = OnceLock::new();
    let (runtime, router) = RUNTIME.get_or_init(|| {
        let catalog =
            Catalog::load(&project().join("locales")).expect("the project's locales load");
        let engine = tilmach::synth::open(
            tilmach::synth::EngineKind::Espeak,
            &[],
            &tilmach::synth::EngineOptions::default(),
        )
        .expect("espeak-ng starts");
        let cache = project().join("target/fuzz/server-cache");
        let config = tilmach::server::Config {
            cache_dir: Some(cache),
            cache_bound: tilmach::server::CacheBound {
                max_bytes: 16 << 20,
                max_entries: 64,
            },
            max_text_chars: 200,
            request_timeout: std::time::Duration::from_secs(5),
            ..tilmach::server::Config::default()
        };
        let server = tilmach::server::Server::new(catalog, std::sync::Arc::from(engine), config)
            .expect("the server starts");
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        (runtime, server.router())
    });
    let (head, body) = match data.iter().position(|&b| b == b'\n') {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &data[data.len()..]),
    };
    let head = String::from_utf8_lossy(head);
    let (method, target) = head.split_once(' ').unwrap_or(("GET", &head));
    let method = if method == "GET" { "GET" } else { "POST" };
    let (language, body) = match body.strip_prefix(b"Accept-Language: ") {
        Some(rest) => {
            let end = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
            (
                Some(rest[..end].to_vec()),
                rest.get(end + 1..).unwrap_or_default(),
            )
        }
        None => (None, body),
    };
    let mut request = axum::http::Request::builder().method(method).uri(target);
    if let Some(language) = language {
        request = request.header("accept-language", language);
    }
    let Ok(request) = request.body(axum::body::Body::from(body.to_vec())) else {
        return; // not an HTTP request line at all: hyper refuses it before any handler
    };
    let status = runtime
        .block_on(router.clone().oneshot(request))
        .expect("the router is infallible")
        .status();
    assert_ne!(status, axum::http::StatusCode::INTERNAL_SERVER_ERROR);
}

/// Where the `engine` target finds the `tilmach` program whose `engine-worker` it starts.
static WORKER: OnceLock<PathBuf> = OnceLock::new();

/// Sets the `tilmach` program the `engine` target starts (else `$TILMACH_FUZZ_WORKER`, else
/// `target/release/tilmach`). Only the first call counts.
pub fn use_worker(program: &Path) {
    let _ = WORKER.set(program.to_owned());
}

/// Text reaching espeak-ng as in production: through an engine-worker process. The first bytes
/// choose the language and settings, the rest is the text. The caller gets audio or a clear
/// error; when the worker dies, the next request is served by a new one.
pub fn engine(data: &[u8]) {
    static POOL: OnceLock<EngineProcess> = OnceLock::new();
    let pool = POOL.get_or_init(|| {
        let program = WORKER.get_or_init(|| {
            std::env::var_os("TILMACH_FUZZ_WORKER")
                .map_or_else(|| project().join("target/release/tilmach"), PathBuf::from)
        });
        let command =
            WorkerCommand::tilmach(program).with_args(["--engine".into(), "espeak".into()]);
        EngineProcess::start(command, 1).expect("the engine worker starts")
    });
    let [lang, rate, pitch, volume, text @ ..] = data else {
        return;
    };
    let Ok(text) = std::str::from_utf8(text) else {
        return;
    };
    let lang = Language::ALL[usize::from(*lang) % Language::ALL.len()];
    let settings = SpeechSettings {
        rate: 30 + u32::from(*rate),
        pitch: u32::from(*pitch) % 101,
        volume: 10 + u32::from(*volume),
        ..SpeechSettings::default()
    };
    match pool.render(lang, text, &settings) {
        Ok(pcm) => assert!(
            pcm.samples.len() <= 600 * pcm.rate as usize + 64 * text.len() * pcm.rate as usize,
            "{} s of audio for {} bytes of text",
            pcm.samples.len() / pcm.rate.max(1) as usize,
            text.len()
        ),
        Err(Error::InvalidText(_) | Error::Unsupported { .. } | Error::OutputTooLong { .. }) => {}
        Err(e @ Error::Engine { .. }) => {
            assert!(!e.to_string().is_empty());
            let again = pool.render(Language::Mandarin, "你好", &SpeechSettings::default());
            assert!(
                again.is_ok_and(|pcm| !pcm.samples.is_empty()),
                "after {e}, the next request failed: the worker was not replaced"
            );
        }
        Err(e) => panic!("an error that is not the engine's: {e}"),
    }
}
