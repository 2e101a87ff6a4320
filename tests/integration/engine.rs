//! The engine from the library: concurrency and the out-of-process worker.

use tilmach::synth::espeak::Espeak;
use tilmach::synth::worker::{EngineProcess, WorkerCommand};
use tilmach::synth::{speak, Sentences, SpeechSettings, Synthesizer};
use tilmach::Language;

use crate::util::{assert_speech, same_speech, scratch_dir, UG, ZH};

fn engine() -> &'static Espeak {
    std::env::set_var("TILMACH_CACHE_DIR", scratch_dir().join("cache"));
    Espeak::shared().unwrap()
}

#[test]
fn eight_threads_at_once_get_the_same_audio_as_one_after_another() {
    let engine = engine();
    let texts: Vec<(Language, String)> = [
        (Language::Mandarin, "请把身份证放在读卡区。"),
        (Language::Uyghur, "كىملىكىڭىزنى ئوقۇغۇچقا قويۇڭ."),
        (Language::Mandarin, "养老金每月十五日发放到社保卡。"),
        (Language::Uyghur, "پېنسىيە ھەر ئايدا تارقىتىلىدۇ."),
        (Language::Mandarin, "如需人工服务，请按零。"),
        (
            Language::Uyghur,
            "خىزمەتچى بىلەن سۆزلىشىش ئۈچۈن نۆلنى بېسىڭ.",
        ),
        (Language::Mandarin, ZH),
        (Language::Uyghur, UG),
    ]
    .into_iter()
    .map(|(l, t)| (l, t.to_owned()))
    .collect();
    let settings = SpeechSettings::default();
    let sequential: Vec<_> = texts
        .iter()
        .map(|(l, t)| speak(engine, *l, t, &settings).unwrap())
        .collect();
    let concurrent: Vec<_> = std::thread::scope(|s| {
        let handles: Vec<_> = texts
            .iter()
            .map(|(l, t)| s.spawn(|| speak(engine, *l, t, &settings).unwrap()))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    // The comparison can fail: a different text of the same language is not the same speech.
    for i in 0..6 {
        let other = &concurrent[i + 2];
        assert!(
            same_speech(&sequential[i], other).is_err(),
            "texts {i} and {} look alike",
            i + 2
        );
    }
    for (i, (a, b)) in sequential.iter().zip(&concurrent).enumerate() {
        assert!(a.duration().as_secs_f64() > 1.0);
        same_speech(a, b)
            .unwrap_or_else(|e| panic!("text {i} differs when spoken concurrently: {e}"));
    }
}

#[test]
fn streaming_yields_sentence_by_sentence_and_matches_the_whole() {
    let engine = engine();
    let settings = SpeechSettings::default();
    let sentences = Sentences::new(engine, Language::Mandarin, ZH, &settings).unwrap();
    assert_eq!(sentences.len(), 2);
    let pieces: Vec<_> = sentences.map(Result::unwrap).collect();
    assert_eq!(pieces.len(), 2);
    let joined: Vec<i16> = pieces.iter().flat_map(|p| p.samples.clone()).collect();
    let whole = speak(engine, Language::Mandarin, ZH, &settings).unwrap();
    same_speech(&tilmach::Pcm::new(joined, whole.rate), &whole).unwrap();
}

fn worker_command() -> WorkerCommand {
    std::env::set_var("TILMACH_CACHE_DIR", scratch_dir().join("cache"));
    WorkerCommand::tilmach(assert_cmd::cargo::cargo_bin("tilmach"))
}

#[test]
fn worker_process_gives_the_same_audio_as_in_process() {
    let pool = EngineProcess::start(worker_command(), 2).unwrap();
    let settings = SpeechSettings::elder();
    let remote = speak(&pool, Language::Uyghur, UG, &settings).unwrap();
    let local = speak(engine(), Language::Uyghur, UG, &settings).unwrap();
    same_speech(&remote, &local).unwrap();
    assert_speech(&remote, 3.0, 30.0, "worker");
    assert_eq!(pool.capabilities().languages, Language::ALL.to_vec());
}

#[test]
fn a_worker_killed_mid_request_fails_that_request_and_the_next_succeeds() {
    let pool = EngineProcess::start(worker_command(), 1).unwrap();
    let long_text = format!("{UG} ").repeat(400);
    let pid = pool.worker_pids()[0];
    let result = std::thread::scope(|s| {
        let speaking = s.spawn(|| {
            speak(
                &pool,
                Language::Uyghur,
                &long_text,
                &SpeechSettings::default(),
            )
        });
        std::thread::sleep(std::time::Duration::from_millis(300));
        // SAFETY: sends SIGKILL to the worker process this test started.
        unsafe { libc::kill(pid as i32, libc::SIGKILL) };
        speaking.join().unwrap()
    });
    let err = result.expect_err("the request in flight fails").to_string();
    assert!(err.contains("worker process failed"), "{err}");
    assert_eq!(pool.restarts(), 1);
    let next = speak(&pool, Language::Mandarin, ZH, &SpeechSettings::default()).unwrap();
    assert_speech(&next, 3.0, 30.0, "after restart");
    assert_ne!(pool.worker_pids(), vec![pid]);
    // The pool is back to its full size, every worker a live process.
    let pids = pool.worker_pids();
    assert_eq!(pids.len(), 1);
    assert!(pids
        .iter()
        .all(|p| std::path::Path::new(&format!("/proc/{p}")).exists()));
}
