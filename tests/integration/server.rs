//! `tilmach serve`: the JSON API, its limits, the audio cache, pages, widget; `export web`.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::Value;

use crate::util::{files_under, scratch_dir, temp_path, tilmach};

/// A running `tilmach serve` on a free loopback port, stopped when dropped.
pub struct Served {
    child: Child,
    /// `http://127.0.0.1:PORT` (no trailing slash).
    pub base: String,
    /// Its audio cache.
    pub cache: PathBuf,
}

impl Served {
    /// Starts the server with `extra` arguments and a fresh cache, speaking with espeak-ng.
    pub fn start(extra: &[&str]) -> Served {
        let no_voices = scratch_dir().join("no-voices");
        std::fs::create_dir_all(&no_voices).unwrap();
        Served::start_with_voices(extra, &no_voices)
    }

    /// Starts the server with the neural voices of `voices`.
    pub fn start_with_voices(extra: &[&str], voices: &Path) -> Served {
        let cache = temp_path("cache");
        let bin = assert_cmd::cargo::cargo_bin("tilmach");
        let mut child = Command::new(bin)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", scratch_dir())
            .env("TILMACH_CACHE_DIR", scratch_dir().join("cache"))
            .env("TILMACH_VOICES", voices)
            .args(["serve", "--listen", "127.0.0.1:0", "--cache"])
            .arg(&cache)
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("tilmach serve starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let base = line
            .trim()
            .strip_prefix("tilmach: listening on ")
            .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
            .trim_end_matches('/')
            .to_owned();
        Served { child, base, cache }
    }

    /// The server process's peak memory so far in MiB (`VmHWM`).
    pub fn peak_mib(&self) -> u64 {
        crate::util::peak_mib(self.child.id())
    }

    /// `base` + `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A response, read whole.
pub struct Reply {
    pub status: u16,
    pub headers: ureq::http::HeaderMap,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "not JSON ({e}): {}",
                String::from_utf8_lossy(&self.body[..self.body.len().min(300)])
            )
        })
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    pub fn text(&self) -> String {
        String::from_utf8(self.body.clone()).unwrap()
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(120)))
        .build()
        .into()
}

/// A request with `headers`, and `body` for POST.
pub fn request(method: &str, url: &str, headers: &[(&str, &str)], body: Option<&[u8]>) -> Reply {
    try_request(method, url, headers, body).unwrap_or_else(|e| panic!("{method} {url}: {e}"))
}

/// [`request`], with a transport error (a reset connection) as an error.
pub fn try_request(
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: Option<&[u8]>,
) -> Result<Reply, ureq::Error> {
    let agent = agent();
    let result = match method {
        "GET" => {
            let mut r = agent.get(url);
            for (k, v) in headers {
                r = r.header(*k, *v);
            }
            r.call()
        }
        "POST" => {
            let mut r = agent.post(url);
            for (k, v) in headers {
                r = r.header(*k, *v);
            }
            r.send(body.unwrap_or_default())
        }
        other => panic!("method {other}"),
    };
    let mut response = result?;
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = response
        .body_mut()
        .with_config()
        .limit(200 << 20)
        .read_to_vec()?;
    Ok(Reply {
        status,
        headers,
        body,
    })
}

pub fn get(url: &str) -> Reply {
    request("GET", url, &[], None)
}

/// `POST /api/v1/speech` with a JSON body, asking for JSON or WAV.
pub fn speech(s: &Served, body: &Value, json: bool) -> Reply {
    let accept = if json {
        "application/json"
    } else {
        "audio/wav"
    };
    request(
        "POST",
        &s.url("/api/v1/speech"),
        &[("content-type", "application/json"), ("accept", accept)],
        Some(body.to_string().as_bytes()),
    )
}

#[test]
fn api_json_shapes() {
    let s = Served::start(&[]);
    let langs = get(&s.url("/api/v1/languages"));
    assert_eq!(langs.status, 200);
    assert!(langs
        .header("content-type")
        .unwrap()
        .starts_with("application/json"));
    let langs = langs.json();
    let tags: Vec<&str> = langs
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["tag"].as_str().unwrap())
        .collect();
    assert_eq!(tags, ["zh-Hans-CN", "ug-Arab-CN", "mn-Mong-CN"]);
    assert_eq!(langs[1]["dir"], "rtl");
    assert_eq!(langs[2]["writing_mode"], "vertical-lr");
    for key in ["code", "name", "english_name", "script"] {
        assert!(langs[0][key].is_string(), "{key}");
    }

    let list = get(&s.url("/api/v1/guides?lang=ug")).json();
    assert_eq!(list["lang"], "ug-Arab-CN");
    assert_eq!(list["dir"], "rtl");
    let guides = list["guides"].as_array().unwrap();
    assert_eq!(guides.len(), 12);
    assert!(guides.iter().all(|g| g["id"].is_string()
        && g["title"].is_string()
        && g["summary"].is_string()
        && g["draft"].is_boolean()));

    // No ?lang: Accept-Language decides.
    let r = request(
        "GET",
        &s.url("/api/v1/guides"),
        &[("accept-language", "mn-CN,zh;q=0.5")],
        None,
    );
    assert_eq!(r.json()["lang"], "mn-Mong-CN");

    let g = get(&s.url("/api/v1/guides/pension-collection?lang=mn&mode=elder")).json();
    assert_eq!(g["id"], "pension-collection");
    assert_eq!(g["lang"], "mn-Mong-CN");
    assert_eq!(g["mode"], "elder");
    assert_eq!(g["writing_mode"], "vertical-lr");
    assert!(g["steps"].as_array().unwrap().len() >= 2);
    assert!(g["speech"].as_str().unwrap().lines().count() > 5);

    let p = get(&s.url("/api/v1/prompts/prompt-welcome?lang=ug")).json();
    assert_eq!(p["id"], "prompt-welcome");
    assert_eq!(p["lang"], "ug-Arab-CN");
    assert!(p["text"]
        .as_str()
        .unwrap()
        .chars()
        .any(|c| ('\u{0600}'..='\u{06ff}').contains(&c)));
    assert!(p["speech"].is_string() && p["variables"].is_array() && p["draft"].is_boolean());

    for (path, status) in [
        ("/api/v1/guides/no-such-guide", 404),
        ("/api/v1/guides/pension-collection?lang=fr", 400),
        ("/api/v1/guides/pension-collection?mode=huge", 400),
        ("/api/v1/prompts/ui-back", 404),
        ("/api/v1/nothing", 404),
        ("/guides/no-such-guide", 404),
    ] {
        let r = get(&s.url(path));
        assert_eq!(r.status, status, "{path}: {}", r.text());
        assert_eq!(r.json()["status"], status, "{path}");
        assert!(r.json()["error"].is_string(), "{path}");
    }
}

#[test]
fn ids_and_names_cannot_traverse() {
    let s = Served::start(&[]);
    for path in [
        "/api/v1/guides/..%2f..%2fCargo.toml",
        "/api/v1/guides/..%2F..%2F..%2Fetc%2Fpasswd",
        "/api/v1/prompts/..%2fprompts.ftl",
        "/guides/..%2f..%2fsrc%2flib.rs",
        "/api/v1/audio/..%2f..%2f..%2fetc%2fpasswd.wav",
        "/api/v1/audio/%2e%2e%2fCargo.toml",
        "/assets/..%2fmod.rs",
        "/fonts/..%2f..%2f..%2fetc%2fpasswd",
        "/api/v1/guides/../../etc/passwd",
        "/assets/../../Cargo.toml",
    ] {
        let r = get(&s.url(path));
        assert!(
            r.status == 400 || r.status == 404,
            "{path}: {} {}",
            r.status,
            r.text()
        );
        let body = String::from_utf8_lossy(&r.body);
        assert!(
            !body.contains("root:") && !body.contains("[package]"),
            "{path} leaked a file"
        );
    }
}

#[test]
fn speech_json_timings_cache_etag_and_ranges() {
    let s = Served::start(&[]);
    let body = serde_json::json!({
        "text": "您好，欢迎使用养老金领取服务。\n—\n请带好身份证和社保卡。\n咨询电话12345。",
        "lang": "zh", "elder": true,
    });
    let r = speech(&s, &body, true);
    assert_eq!(r.status, 200, "{}", r.text());
    let j = r.json();
    assert_eq!(j["lang"], "zh-Hans-CN");
    assert_eq!(j["sample_rate"], 22050);
    let sentences = j["sentences"].as_array().unwrap();
    let lines: Vec<u64> = sentences
        .iter()
        .map(|s| s["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [0, 2, 3], "the line of dashes says nothing");
    let mut last_end = 0.0;
    for s in sentences {
        let (start, end) = (s["start"].as_f64().unwrap(), s["end"].as_f64().unwrap());
        assert!(start >= last_end && end > start + 0.3, "{s}");
        last_end = end;
    }
    assert!(
        sentences[2]["text"]
            .as_str()
            .unwrap()
            .contains("幺二三四五"),
        "spoken form: {}",
        sentences[2]
    );
    let duration = j["duration"].as_f64().unwrap();
    assert!(last_end <= duration + 1e-6);
    let key = j["key"].as_str().unwrap();
    assert_eq!(j["audio"], format!("/api/v1/audio/{key}.wav"));

    let wav = get(&s.url(j["audio"].as_str().unwrap()));
    assert_eq!(wav.status, 200);
    assert_eq!(wav.header("content-type"), Some("audio/wav"));
    let etag = wav.header("etag").unwrap().to_owned();
    assert_eq!(etag, format!("\"{key}\""));
    let pcm = tilmach::audio::wav::read(std::io::Cursor::new(&wav.body), "reply").unwrap();
    assert!((pcm.duration().as_secs_f64() - duration).abs() < 0.01);
    crate::util::assert_speech(&pcm, 5.0, 30.0, "elder Mandarin");

    // The same request again: a cache hit, the very same bytes.
    let again = speech(&s, &body, false);
    assert_eq!(again.status, 200);
    assert_eq!(again.header("etag"), Some(etag.as_str()));
    assert!(
        again.body == wav.body,
        "a cache hit returns identical bytes"
    );
    let files = std::fs::read_dir(s.cache.join(&key[..2])).unwrap().count();
    assert_eq!(files, 2, "one WAV and one timings file");

    let not_modified = request(
        "GET",
        &s.url(j["audio"].as_str().unwrap()),
        &[("if-none-match", &etag)],
        None,
    );
    assert_eq!(not_modified.status, 304);
    assert!(not_modified.body.is_empty());

    let part = request(
        "GET",
        &s.url(j["audio"].as_str().unwrap()),
        &[("range", "bytes=100-199")],
        None,
    );
    assert_eq!(part.status, 206);
    assert_eq!(part.body, wav.body[100..200]);
    assert_eq!(
        part.header("content-range"),
        Some(format!("bytes 100-199/{}", wav.body.len()).as_str())
    );
    let tail = request(
        "GET",
        &s.url(j["audio"].as_str().unwrap()),
        &[("range", "bytes=-44")],
        None,
    );
    assert_eq!(tail.body, wav.body[wav.body.len() - 44..]);
    let beyond = format!("bytes={}-", wav.body.len());
    let r = request(
        "GET",
        &s.url(j["audio"].as_str().unwrap()),
        &[("range", &beyond)],
        None,
    );
    assert_eq!(r.status, 416);

    // A different setting is a different entry.
    let faster = speech(
        &s,
        &serde_json::json!({"text": "请带好身份证。", "lang": "zh", "rate": 150}),
        true,
    )
    .json();
    let slower = speech(
        &s,
        &serde_json::json!({"text": "请带好身份证。", "lang": "zh", "rate": 60}),
        true,
    )
    .json();
    assert_ne!(faster["key"], slower["key"]);
    assert!(slower["duration"].as_f64().unwrap() > faster["duration"].as_f64().unwrap() * 1.5);

    // Markup: sentences without lines.
    let m = speech(
        &s,
        &serde_json::json!({"markup": "<speak xml:lang=\"ug\"><s>ياخشىمۇسىز</s><break time=\"300ms\"/><s>رەھمەت</s></speak>", "lang": "zh"}),
        true,
    );
    assert_eq!(m.status, 200, "{}", m.text());
    let m = m.json();
    assert_eq!(m["sentences"].as_array().unwrap().len(), 2);
    assert!(m["sentences"][0]["line"].is_null());
    assert_eq!(m["sentences"][0]["lang"], "ug-Arab-CN");
}

#[test]
fn speech_request_errors() {
    let s = Served::start(&["--max-text-chars", "200"]);
    let cases = [
        (
            serde_json::json!({"text": "x".repeat(201), "lang": "zh"}),
            413,
        ),
        (serde_json::json!({"lang": "zh"}), 400),
        (
            serde_json::json!({"text": "你好", "markup": "<speak>你好</speak>"}),
            400,
        ),
        (serde_json::json!({"text": "你好", "lang": "fr"}), 400),
        (serde_json::json!({"text": "你好", "rate": 5}), 400),
        (serde_json::json!({"text": "你好", "colour": "red"}), 400),
        (serde_json::json!({"text": " \n—\n "}), 400),
        (
            serde_json::json!({"markup": "<speak><break time=\"soon\"/></speak>"}),
            400,
        ),
    ];
    for (body, status) in cases {
        let r = speech(&s, &body, true);
        assert_eq!(r.status, status, "{body}: {}", r.text());
        assert!(r.json()["error"].is_string());
    }
    let markup = speech(
        &s,
        &serde_json::json!({"markup": "<speak>\n<break time=\"soon\"/></speak>"}),
        true,
    );
    assert!(
        markup.json()["error"].as_str().unwrap().contains("line 2"),
        "{}",
        markup.text()
    );
    let not_json = request(
        "POST",
        &s.url("/api/v1/speech"),
        &[("content-type", "application/json")],
        Some(b"{text"),
    );
    assert_eq!(not_json.status, 400);
    // A body over the limit is refused before it is read.
    // The server answers 413 and closes while the client may still be sending; on a loaded
    // machine the client then sometimes sees the reset before the answer. Such a try is
    // repeated: the 413 must come.
    let big = vec![b'a'; 600 * 1024];
    let r = (1..=5)
        .find_map(|attempt| {
            let url = s.url("/api/v1/speech");
            match try_request(
                "POST",
                &url,
                &[("content-type", "application/json")],
                Some(&big),
            ) {
                Ok(r) => Some(r),
                Err(e) if attempt < 5 => {
                    eprintln!("attempt {attempt}: {e}");
                    None
                }
                Err(e) => panic!("POST {url}: {e}"),
            }
        })
        .unwrap();
    assert_eq!(r.status, 413);
    // The server still answers.
    assert_eq!(get(&s.url("/api/v1/languages")).status, 200);
}

/// A long text, different for each `n`, that takes the engine a while.
fn long_text(n: usize) -> String {
    (0..40)
        .map(|i| {
            format!("第{n}号通知第{i}条：请带好身份证和社保卡，到一号窗口办理养老金领取手续。")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Fifty identical uncached requests at once on one speech worker: one rendering serves them
/// all, none is shed, and the cache holds one entry.
#[test]
fn identical_concurrent_requests_share_one_rendering() {
    let s = Served::start(&["--workers", "1", "--max-synthesis", "1"]);
    let body = serde_json::json!({"text": long_text(3), "lang": "zh"});
    let replies: Vec<(u16, Value)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..50)
            .map(|_| {
                let (s, body) = (&s, &body);
                scope.spawn(move || {
                    let r = speech(s, body, true);
                    (
                        r.status,
                        serde_json::from_slice(&r.body).unwrap_or(Value::Null),
                    )
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let statuses: Vec<u16> = replies.iter().map(|(status, _)| *status).collect();
    assert!(statuses.iter().all(|&st| st == 200), "{statuses:?}");
    let keys: std::collections::BTreeSet<&str> = replies
        .iter()
        .map(|(_, json)| json["key"].as_str().unwrap())
        .collect();
    assert_eq!(keys.len(), 1, "{keys:?}");
    let wavs = files_under(&s.cache)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "wav"))
        .count();
    assert_eq!(wavs, 1);
}

#[test]
fn overload_sheds_with_503_and_timeouts_stop_requests() {
    let s = Served::start(&[
        "--workers",
        "1",
        "--max-synthesis",
        "1",
        "--max-speech-seconds",
        "3600",
    ]);
    let statuses: Vec<(u16, Option<String>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..6)
            .map(|n| {
                let s = &s;
                scope.spawn(move || {
                    let r = speech(
                        s,
                        &serde_json::json!({"text": long_text(n), "lang": "zh"}),
                        true,
                    );
                    (r.status, r.header("retry-after").map(str::to_owned))
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let ok = statuses.iter().filter(|(s, _)| *s == 200).count();
    let shed: Vec<_> = statuses.iter().filter(|(s, _)| *s == 503).collect();
    assert!(ok >= 1, "{statuses:?}");
    assert!(
        !shed.is_empty(),
        "six long requests at once on one worker: some are shed; {statuses:?}"
    );
    assert!(shed.iter().all(|(_, retry)| retry.as_deref() == Some("1")));
    assert_eq!(ok + shed.len(), 6, "{statuses:?}");
    drop(s);

    // The global limit: one request at a time, so a second one at the same moment is shed.
    let s = Served::start(&["--max-in-flight", "1", "--max-speech-seconds", "3600"]);
    std::thread::scope(|scope| {
        let slow = scope.spawn(|| {
            speech(
                &s,
                &serde_json::json!({"text": long_text(99), "lang": "zh", "elder": true}),
                true,
            )
            .status
        });
        std::thread::sleep(Duration::from_millis(150));
        let r = get(&s.url("/api/v1/languages"));
        assert_eq!(r.status, 503, "{}", r.text());
        assert_eq!(slow.join().unwrap(), 200);
    });
    assert_eq!(get(&s.url("/api/v1/languages")).status, 200);
    drop(s);

    let s = Served::start(&["--timeout", "0.3", "--max-speech-seconds", "3600"]);
    let r = speech(
        &s,
        &serde_json::json!({"text": long_text(7), "lang": "zh", "elder": true}),
        true,
    );
    assert_eq!(r.status, 503, "{}", r.text());
    assert!(r.json()["error"].as_str().unwrap().contains("longer than"));
    assert_eq!(get(&s.url("/api/v1/languages")).status, 200);
}

#[test]
fn pages_read_without_javascript() {
    let s = Served::start(&[]);
    let page = get(&s.url("/guides/pension-collection?lang=ug&mode=elder"));
    assert_eq!(page.status, 200);
    assert!(page
        .header("content-type")
        .unwrap()
        .starts_with("text/html"));
    let html = page.text();
    assert!(html.contains("<html lang=\"ug-Arab-CN\" dir=\"rtl\" class=\"tm-elder\">"));
    assert!(html.contains("class=\"tm-s\" data-s=\"0\""));
    assert!(
        html.contains("hreflang=\"mn-Mong-CN\""),
        "language switcher"
    );
    let json = get(&s.url("/api/v1/guides/pension-collection?lang=ug")).json();
    assert!(html.contains(json["title"].as_str().unwrap()));
    let mn = get(&s.url("/guides/pension-collection?lang=mn")).text();
    assert!(mn.contains("<html lang=\"mn-Mong-CN\" dir=\"ltr\" class=\"tm-full\">"));
    let index = get(&s.url("/?lang=zh&mode=elder")).text();
    assert!(index.matches("/guides/").count() >= 12);
    assert!(index.contains("/guides/pension-collection?lang=zh-Hans-CN&amp;mode=elder"));
    let css = get(&s.url("/assets/page.css"));
    assert!(css.text().contains("vertical-lr"));
    let fonts = get(&s.url("/assets/fonts.css")).text();
    if Path::new("/usr/share/fonts/truetype/noto/NotoSansMongolian-Regular.ttf").exists() {
        assert!(fonts.contains("/fonts/noto-sans-mongolian.ttf"), "{fonts}");
        let font = get(&s.url("/fonts/noto-sans-mongolian.ttf"));
        assert_eq!(font.status, 200);
        assert_eq!(font.header("content-type"), Some("font/ttf"));
        assert!(font.body.len() > 10_000);
    }
}

#[test]
fn widget_script_is_one_tag() {
    let s = Served::start(&[]);
    let r = get(&s.url("/widget.js"));
    assert_eq!(r.status, 200);
    assert!(r
        .header("content-type")
        .unwrap()
        .starts_with("text/javascript"));
    let js = r.text();
    for label in ["指读", "连读", "朗读选中的内容", "ئۇلاپ ئوقۇش"] {
        assert!(js.contains(label), "{label}");
    }
    assert!(!js.contains("/*LABELS*/"), "labels are filled in");
    assert!(!js.to_lowercase().contains("</script"));
    assert!(!js.contains("innerHTML"), "inserts text only as text");
    assert_eq!(js.matches("window.TilmachWidget =").count(), 1);
    // Cross-origin: the API answers preflights.
    let agent_reply = request(
        "GET",
        &s.url("/api/v1/languages"),
        &[("origin", "http://example.test")],
        None,
    );
    assert_eq!(agent_reply.header("access-control-allow-origin"), Some("*"));
}

#[test]
fn export_web_writes_pages_and_audio() {
    let out = temp_path("site");
    tilmach()
        .args(["export", "web", "--out"])
        .arg(&out)
        .args([
            "--lang",
            "ug",
            "--mode",
            "elder",
            "--guide",
            "hotline-12345",
        ])
        .assert()
        .success()
        .stdout(predicates::str::contains("wrote 2 pages"));
    let page = std::fs::read_to_string(out.join("ug-Arab-CN/hotline-12345/elder.html")).unwrap();
    assert!(page.contains("dir=\"rtl\""));
    assert!(page.contains("href=\"../../assets/page.css\""));
    let json_path = page
        .split("data-speech-json=\"../../")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("the page names its speech");
    let timings: Value =
        serde_json::from_slice(&std::fs::read(out.join(json_path)).unwrap()).unwrap();
    let spans = page.matches("class=\"tm-s\"").count();
    let last_line = timings["sentences"].as_array().unwrap().last().unwrap()["line"]
        .as_u64()
        .unwrap();
    assert_eq!(
        last_line as usize,
        spans - 1,
        "every span is spoken, the last one last"
    );
    let wav = out.join(json_path.replace(".json", ".wav"));
    let pcm = tilmach::audio::wav::read_file(&wav).unwrap();
    assert!((pcm.duration().as_secs_f64() - timings["duration"].as_f64().unwrap()).abs() < 0.01);
    assert!(out.join("assets/page.js").is_file());
    assert!(out.join("ug-Arab-CN/index.elder.html").is_file());
    tilmach()
        .args(["export", "web", "--out"])
        .arg(&out)
        .args(["--guide", "no-such-guide"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("no guide 'no-such-guide'"));
}

/// The server speaks Mandarin with the neural voice through its worker pool, many requests at
/// once, each its own speech; Uyghur comes from espeak-ng through the same pool.
#[test]
fn concurrent_speech_requests_use_the_neural_voice() {
    let Some(voices) = crate::util::voice_dir() else {
        return;
    };
    let s = Served::start_with_voices(&["--workers", "2"], &voices);
    let texts = [
        "请带好身份证。",
        "社保卡请按一。",
        "欢迎使用政务服务。",
        "请稍候。",
    ];
    let replies: Vec<(usize, Reply)> = std::thread::scope(|scope| {
        let handles: Vec<_> = texts
            .iter()
            .enumerate()
            .map(|(i, text)| {
                let s = &s;
                scope.spawn(move || {
                    let body = serde_json::json!({ "text": text, "lang": "zh" });
                    // A busy pool answers 503 with Retry-After: ask again, as the page does.
                    for _ in 0..50 {
                        let reply = speech(s, &body, false);
                        if reply.status != 503 {
                            return (i, reply);
                        }
                        std::thread::sleep(Duration::from_millis(300));
                    }
                    panic!("{text}: still busy");
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for (i, reply) in replies {
        assert_eq!(
            reply.status,
            200,
            "{}: {}",
            texts[i],
            String::from_utf8_lossy(&reply.body)
        );
        let pcm = tilmach::audio::wav::read(std::io::Cursor::new(&reply.body), "reply").unwrap();
        assert_eq!(pcm.rate, 24_000, "{}", texts[i]);
        let chars = texts[i].chars().count() as f64;
        crate::util::assert_speech(&pcm, chars * 0.1, chars * 0.5 + 1.0, texts[i]);
    }
    let ug = speech(
        &s,
        &serde_json::json!({ "text": crate::util::UG, "lang": "ug" }),
        false,
    );
    assert_eq!(ug.status, 200);
    let pcm = tilmach::audio::wav::read(std::io::Cursor::new(&ug.body), "reply").unwrap();
    crate::util::assert_speech(&pcm, 3.0, 15.0, "Uyghur through the neural pool");
}

/// Reads from `stream` until the server closes it; how long that took (`None`: still open after
/// `limit`).
fn closed_within(stream: &mut std::net::TcpStream, limit: Duration) -> Option<Duration> {
    use std::io::Read;
    let started = std::time::Instant::now();
    stream
        .set_read_timeout(Some(Duration::from_millis(200)))
        .unwrap();
    let mut buf = [0u8; 4096];
    while started.elapsed() < limit {
        match stream.read(&mut buf) {
            Ok(0) => return Some(started.elapsed()),
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
            Err(e) if e.kind() == std::io::ErrorKind::TimedOut => {}
            Err(_) => return Some(started.elapsed()),
        }
    }
    None
}

/// 600 half-sent requests hold no connection past the header timeout, 20 clients sending their
/// head a byte a second and an idle keep-alive connection are closed by it too, and normal
/// requests are served meanwhile.
#[test]
fn half_sent_requests_and_idle_connections_are_closed_by_the_header_timeout() {
    use std::io::Write;
    use std::net::TcpStream;
    crate::util::raise_open_file_limit();
    let s = Served::start(&["--header-timeout", "2"]);
    let addr = s.base.trim_start_matches("http://").to_owned();
    let mut half_sent: Vec<TcpStream> = (0..600)
        .map(|_| {
            let mut c = TcpStream::connect(&addr).unwrap();
            c.write_all(b"GET /api/v1/languages HTTP/1.1\r\nHost: x\r\n")
                .unwrap();
            c
        })
        .collect();
    let mut dripping: Vec<TcpStream> = (0..20)
        .map(|_| TcpStream::connect(&addr).unwrap())
        .collect();
    let drippers: Vec<_> = dripping
        .iter()
        .map(|c| {
            let mut d = c.try_clone().unwrap();
            std::thread::spawn(move || {
                for &byte in b"GET / HTTP/1.1\r\nX-Slow: yes\r\n".iter() {
                    if d.write_all(&[byte]).is_err() {
                        return;
                    }
                    std::thread::sleep(Duration::from_secs(1));
                }
            })
        })
        .collect();
    let mut idle = TcpStream::connect(&addr).unwrap();
    idle.write_all(b"GET /api/v1/languages HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    let mut slowest = Duration::ZERO;
    for _ in 0..10 {
        let started = std::time::Instant::now();
        let served = get(&s.url("/api/v1/languages"));
        slowest = slowest.max(started.elapsed());
        assert_eq!(served.status, 200);
        std::thread::sleep(Duration::from_millis(100));
    }
    eprintln!("the slowest of 10 normal requests among 600 half-sent and 20 byte-a-second ones: {slowest:?}");
    assert!(slowest < Duration::from_secs(2), "served after {slowest:?}");
    for (i, c) in half_sent.iter_mut().enumerate() {
        let closed = closed_within(c, Duration::from_secs(10));
        assert!(closed.is_some(), "half-sent connection {i} still open");
    }
    for (i, c) in dripping.iter_mut().enumerate() {
        assert!(
            closed_within(c, Duration::from_secs(10)).is_some(),
            "byte-a-second client {i} still open"
        );
    }
    // The idle connection got its response, then was closed for sending nothing more.
    assert!(closed_within(&mut idle, Duration::from_secs(10)).is_some());
    for d in drippers {
        d.join().unwrap();
    }
    assert_eq!(get(&s.url("/api/v1/languages")).status, 200);
}

/// With every connection slot taken by a half-sent request, a new client waits until the header
/// timeout frees one, then is served.
#[test]
fn a_full_connection_table_holds_new_clients_until_a_slot_frees() {
    use std::io::Write;
    use std::net::TcpStream;
    let s = Served::start(&["--max-connections", "8", "--header-timeout", "2"]);
    let addr = s.base.trim_start_matches("http://").to_owned();
    let _held: Vec<TcpStream> = (0..8)
        .map(|_| {
            let mut c = TcpStream::connect(&addr).unwrap();
            c.write_all(b"GET / HTTP/1.1\r\n").unwrap();
            c
        })
        .collect();
    std::thread::sleep(Duration::from_millis(200));
    let started = std::time::Instant::now();
    let served = get(&s.url("/api/v1/languages"));
    let waited = started.elapsed();
    assert_eq!(served.status, 200);
    assert!(
        waited > Duration::from_millis(1200),
        "served after {waited:?}, before any slot was free"
    );
}

/// The keys of the WAV files in a cache directory.
fn cached_keys(cache: &Path) -> std::collections::BTreeSet<String> {
    files_under(cache)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "wav"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect()
}

/// Past its number of entries, the cache removes the least recently used: an entry asked for
/// again outlives older ones. Past its size, it stays within it.
#[test]
fn the_audio_cache_keeps_its_bound_and_evicts_the_least_recently_used() {
    let s = Served::start(&["--cache-max-entries", "3"]);
    let say = |n: usize| {
        let r = speech(
            &s,
            &serde_json::json!({"text": format!("第{n}号窗口办理社保卡。"), "lang": "zh"}),
            true,
        );
        assert_eq!(r.status, 200);
        r.json()["key"].as_str().unwrap().to_owned()
    };
    let keys: Vec<String> = (0..3).map(say).collect();
    assert_eq!(say(1), keys[1], "a cache hit");
    let fourth = say(3);
    let fifth = say(4);
    let expected: std::collections::BTreeSet<String> =
        [keys[1].clone(), fourth, fifth].into_iter().collect();
    assert_eq!(cached_keys(&s.cache), expected);
    let evicted = get(&s.url(&format!("/api/v1/audio/{}.wav", keys[0])));
    assert_eq!(evicted.status, 404);
    drop(s);

    let s = Served::start(&["--cache-max-mb", "2"]);
    let mut last = String::new();
    for n in 0..8 {
        let text = (0..2)
            .map(|i| format!("第{n}号通知第{i}条：请带好身份证，到一号窗口办理。"))
            .collect::<Vec<_>>()
            .join("\n");
        let r = speech(&s, &serde_json::json!({"text": text, "lang": "zh"}), true);
        assert_eq!(r.status, 200);
        last = r.json()["key"].as_str().unwrap().to_owned();
        let bytes: u64 = files_under(&s.cache)
            .iter()
            .map(|p| std::fs::metadata(p).map_or(0, |m| m.len()))
            .sum();
        assert!(bytes <= 2 << 20, "{bytes} bytes in the cache after {n}");
    }
    let kept = cached_keys(&s.cache);
    assert!(kept.contains(&last));
    assert!((2..8).contains(&kept.len()), "{} entries kept", kept.len());
}

/// A cache reopened with a smaller bound keeps its most recently used entries.
#[test]
fn a_cache_reopened_smaller_keeps_the_newest_entries() {
    use tilmach::server::{AudioCache, CacheBound, SpeechRequest};
    let dir = temp_path("cache");
    let engine = tilmach::synth::espeak::Espeak::shared().unwrap();
    let request = |n: usize| SpeechRequest {
        text: format!("第{n}号窗口。"),
        markup: false,
        lang: tilmach::Language::Mandarin,
        settings: tilmach::SpeechSettings::default(),
    };
    let cache = AudioCache::open(&dir).unwrap();
    let keys: Vec<String> = (0..4)
        .map(|n| {
            std::thread::sleep(Duration::from_millis(20));
            cache.speak(engine, &request(n), None).unwrap().key
        })
        .collect();
    drop(cache);
    let bound = CacheBound {
        max_bytes: 1 << 30,
        max_entries: 2,
    };
    let cache = AudioCache::open_bounded(&dir, bound).unwrap();
    assert_eq!(cache.usage().1, 2);
    let kept: std::collections::BTreeSet<String> = keys[2..].iter().cloned().collect();
    assert_eq!(cached_keys(&dir), kept);
}

/// A request whose speech would last longer than the server allows is refused before any of it
/// is spoken, with the limit and how to raise it: 20,000 digits are not an hour of audio.
#[test]
fn speech_longer_than_the_limit_is_refused_before_speaking() {
    let s = Served::start(&[]);
    let started = std::time::Instant::now();
    let r = speech(
        &s,
        &serde_json::json!({"text": "1".repeat(19_999), "lang": "zh"}),
        true,
    );
    let took = started.elapsed();
    assert_eq!(r.status, 413, "{}", r.text());
    let message = r.json()["error"].as_str().unwrap().to_owned();
    assert!(
        message.contains("at most 6 minutes") && message.contains("--max-speech-seconds"),
        "{message}"
    );
    assert!(took < Duration::from_secs(3), "refused after {took:?}");
    assert!(cached_keys(&s.cache).is_empty(), "nothing was rendered");
    // A guide's worth of speech is within the default.
    let r = speech(
        &s,
        &serde_json::json!({"text": long_text(1), "lang": "zh"}),
        true,
    );
    assert_eq!(r.status, 200);
    drop(s);

    let s = Served::start(&["--max-speech-seconds", "20"]);
    let r = speech(
        &s,
        &serde_json::json!({"text": long_text(1), "lang": "zh"}),
        true,
    );
    assert_eq!(r.status, 413);
    let r = speech(
        &s,
        &serde_json::json!({"text": "请带好身份证。", "lang": "zh"}),
        true,
    );
    assert_eq!(r.status, 200);
}

/// A hundred distinct requests of about a minute of speech each, eight at a time: the server's
/// memory stays under 100 MiB and its cache under its 20 MiB bound throughout.
#[test]
fn a_hundred_large_requests_keep_memory_and_cache_bounded() {
    let s = Served::start(&["--cache-max-mb", "20", "--workers", "2"]);
    let text = |n: usize| {
        (0..12)
            .map(|i| {
                format!("第{n}号通知第{i}条：请带好身份证和社保卡，到一号窗口办理养老金领取手续。")
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let next = std::sync::atomic::AtomicUsize::new(0);
    let seconds = std::sync::Mutex::new(0.0f64);
    std::thread::scope(|scope| {
        for _ in 0..8 {
            scope.spawn(|| loop {
                let n = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                if n >= 100 {
                    return;
                }
                let body = serde_json::json!({"text": text(n), "lang": "zh"});
                let r = loop {
                    let r = speech(&s, &body, true);
                    if r.status != 503 {
                        break r;
                    }
                    std::thread::sleep(Duration::from_millis(100));
                };
                assert_eq!(r.status, 200, "{}", r.text());
                *seconds.lock().unwrap() += r.json()["duration"].as_f64().unwrap();
            });
        }
    });
    let cached: u64 = files_under(&s.cache)
        .iter()
        .map(|p| std::fs::metadata(p).map_or(0, |m| m.len()))
        .sum();
    let peak = s.peak_mib();
    let spoken = seconds.into_inner().unwrap();
    eprintln!(
        "100 requests, {:.0} minutes of speech: server peak {peak} MiB, cache {:.1} MiB",
        spoken / 60.0,
        cached as f64 / f64::from(1 << 20)
    );
    assert!(
        spoken > 100.0 * 40.0,
        "each request is long ({spoken:.0} s in all)"
    );
    assert!(cached <= 20 << 20, "the cache holds {cached} bytes");
    assert!(peak < 100, "the server peaked at {peak} MiB");
}

/// Two hundred distinct uncached speech requests at once saturate the two speech workers: each
/// is answered, 200 or 503 with `Retry-After`, none hangs, and the server's memory stays small.
#[test]
fn two_hundred_uncached_requests_at_once_are_answered_or_shed() {
    crate::util::raise_open_file_limit();
    let s = Served::start(&["--workers", "2"]);
    let replies: Vec<(u16, Option<String>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..200)
            .map(|n| {
                let s = &s;
                scope.spawn(move || {
                    let body = serde_json::json!({
                        "text": format!("第{n}号：请带好身份证，到一号窗口办理。"),
                        "lang": "zh",
                    });
                    let r = speech(s, &body, true);
                    (r.status, r.header("retry-after").map(str::to_owned))
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let served = replies.iter().filter(|(st, _)| *st == 200).count();
    let shed: Vec<_> = replies.iter().filter(|(st, _)| *st == 503).collect();
    assert_eq!(served + shed.len(), 200, "{replies:?}");
    assert!(served >= 2, "{served} served");
    assert!(shed.iter().all(|(_, retry)| retry.as_deref() == Some("1")));
    let peak = s.peak_mib();
    eprintln!(
        "200 uncached requests at once: {served} served, {} shed with 503; server peak {peak} MiB",
        shed.len()
    );
    assert!(peak < 100, "the server peaked at {peak} MiB");
}

/// A body sent a byte a second is cut off by the request timeout, which covers reading the body:
/// the client gets 503 and the server goes on serving.
#[test]
fn a_body_sent_slowly_is_cut_off_by_the_request_timeout() {
    use std::io::{Read, Write};
    let s = Served::start(&["--timeout", "2"]);
    let addr = s.base.trim_start_matches("http://").to_owned();
    let mut slow = std::net::TcpStream::connect(&addr).unwrap();
    slow.write_all(
        b"POST /api/v1/speech HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{",
    )
    .unwrap();
    let started = std::time::Instant::now();
    let dripper = {
        let mut d = slow.try_clone().unwrap();
        std::thread::spawn(move || {
            for _ in 0..20 {
                std::thread::sleep(Duration::from_secs(1));
                if d.write_all(b" ").is_err() {
                    return;
                }
            }
        })
    };
    slow.set_read_timeout(Some(Duration::from_secs(15)))
        .unwrap();
    let mut head = [0u8; 12];
    slow.read_exact(&mut head).unwrap();
    let waited = started.elapsed();
    assert_eq!(&head, b"HTTP/1.1 503", "{}", String::from_utf8_lossy(&head));
    assert!(waited < Duration::from_secs(5), "answered after {waited:?}");
    drop(slow);
    dripper.join().unwrap();
    assert_eq!(get(&s.url("/api/v1/languages")).status, 200);
}
